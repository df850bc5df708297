import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectErrors, phoneContext, screenshot, seedRecords, seedSyncStatus, signInOnDevice, startBuiltApp, type BuiltApp } from '../support/browser'

/*
 * A province supervisor of the demo province (9 districts and the province db) on a 360 px phone,
 * while two districts have not arrived yet: every dashboard and export says which (by name) and
 * that the figures are incomplete; the area picker, import and facts screens name areas; the
 * dashboards open on the province and come back to the area and as-of date last chosen. The
 * province db's config:districts doc gives the names and is never reported as a problem.
 */

const DISTRICTS = ['4301', '4302', '4305', '4307', '4308', '4314', '4315', '4316', '4317']
const USER = { name: 'sup43', roles: ['province:43', 'supervisor'], homeArea: '4301', areas: [...DISTRICTS, '43'], isSupervisor: true }
const NOT_ARRIVED = ['4316', '4317']
const CONFIG = {
  _id: 'config:districts',
  province: { code: '43', name: 'หนองคาย' },
  districts: [
    { code: '4301', name: 'เมืองหนองคาย', subdistricts: [{ code: '430101', name: 'ในเมือง' }, { code: '430102', name: 'มีชัย' }] },
    { code: '4302', name: 'ท่าบ่อ', subdistricts: [] },
    { code: '4305', name: 'โพนพิสัย', subdistricts: [] },
    { code: '4307', name: 'ศรีเชียงใหม่', subdistricts: [] },
    { code: '4308', name: 'สังคม', subdistricts: [] },
    { code: '4314', name: 'สระใคร', subdistricts: [] },
    { code: '4315', name: 'เฝ้าไร่', subdistricts: [] },
    { code: '4316', name: 'รัตนวาปี', subdistricts: [] },
    { code: '4317', name: 'โพธิ์ตาก', subdistricts: [] },
  ],
}
const env = { schema: 1, district: '4301', createdBy: 'sup43', createdAt: '2022-01-01T02:00:00.000Z', updatedBy: 'sup43', updatedAt: '2022-01-01T02:00:00.000Z', device: 'phone-1' }
const RECORDS = [
  { _id: 'village:43010101', type: 'village', ...env, code: '43010101', moo: 1, name: 'บ้านโนนสว่าง', tambonCode: '430101', tambonName: 'ในเมือง' },
  { _id: 'household:43010101:1', type: 'household', ...env, villageCode: '43010101', houseId: '1', headName: 'นายสมชาย ใจดี', targetPersons: 3, inTpmap: true, verifiedOn: '2021-12-10' },
  { _id: 'household:43010101:2', type: 'household', ...env, villageCode: '43010101', houseId: '2', headName: 'นางสมศรี ใจงาม', targetPersons: 2, inTpmap: true },
]

const h1 = (page: Page) => page.locator('h1').first().textContent()
const go = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash)
const notice = (page: Page) => page.getByTestId('coverage-notice').textContent()
const problemCount = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('cdd-local')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const req = open.result.transaction('problems').objectStore('problems').count()
          req.onsuccess = () => {
            open.result.close()
            resolve(req.result)
          }
        }
      }),
  )

describe('dashboards: missing areas named, areas by name, area and as-of remembered', () => {
  let app: BuiltApp
  let browser: Browser

  beforeAll(async () => {
    app = await startBuiltApp()
    browser = app.browser
  })
  afterAll(() => app?.close())

  it('a supervisor with 2 of 9 districts not yet arrived sees them named on the dashboard and the export', async () => {
    const context = await phoneContext(browser)
    const page = await context.newPage()
    const errors = collectErrors(page)
    const url = app.server.url
    await page.goto(url)
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBeTruthy()
    await signInOnDevice(page, USER)
    expect((await seedRecords(page, 'cdd-43-sup43', [CONFIG])).every((r) => r.ok)).toBe(true)
    expect((await seedRecords(page, 'cdd-4301-sup43', RECORDS)).every((r) => r.ok)).toBe(true)
    await seedSyncStatus(page, USER.areas.filter((a) => !NOT_ARRIVED.includes(a)), NOT_ARRIVED)
    await page.reload()

    // Lands on the province, named; the notice names the two missing districts.
    await go(page, '#/dashboards')
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('ภาพรวมความก้าวหน้า')
    await expect.poll(() => page.locator('#sup-area').inputValue(), { timeout: 20_000 }).toBe('43')
    await expect.poll(() => notice(page), { timeout: 20_000 }).toContain('อำเภอรัตนวาปี และ อำเภอโพธิ์ตาก')
    expect(await notice(page)).toContain('2 จาก 10 พื้นที่')
    expect(await notice(page)).toContain('ยังไม่ใช่ภาพรวมทั้งหมด')

    // The area picker shows names, never a bare code (the names come from config:districts).
    await expect.poll(() => page.locator('#sup-area option').allTextContents(), { timeout: 20_000 }).toContain('อำเภอเมืองหนองคาย')
    const options = await page.locator('#sup-area option').allTextContents()
    expect(options[0]).toBe('จังหวัดหนองคาย')
    expect(options).toEqual(expect.arrayContaining(['อำเภอท่าบ่อ', 'อำเภอรัตนวาปี', 'อำเภอโพธิ์ตาก']))
    expect(options.some((o) => /\d{4}/.test(o))).toBe(false)
    // The config doc is the areas' names, not an unreadable record.
    expect(await problemCount(page)).toBe(0)
    await screenshot(page, 'dash-province-missing-360')
    await page.screenshot({ path: 'test-output/dash-province-missing-top-360.png' })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

    // A district that has arrived shows no notice; one that has not, does.
    await page.selectOption('#sup-area', '4301')
    await expect.poll(() => page.locator('#sup-area').inputValue()).toBe('4301')
    await page.getByTestId('village-43010101').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('coverage-notice').count()).toBe(0)
    expect(await page.locator('#sup-area option').allTextContents()).toContain('ตำบลในเมือง')
    await screenshot(page, 'dash-district-picker-360')
    await page.screenshot({ path: 'test-output/dash-district-top-360.png' })
    await go(page, '#/dashboards/area/4317')
    await expect.poll(() => notice(page), { timeout: 20_000 }).toContain('อำเภอโพธิ์ตาก (1 จาก 1 พื้นที่)')

    // The export of the province says so on its first line and in its name.
    await go(page, '#/dashboards/export/43')
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('ส่งออกข้อมูล (CSV / Excel)')
    await expect.poll(() => notice(page), { timeout: 20_000 }).toContain('อำเภอรัตนวาปี')
    expect(await page.locator('.hint').first().textContent()).toContain('จังหวัดหนองคาย')
    await screenshot(page, 'dash-export-missing-360')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-households-csv').click()])
    expect(download.suggestedFilename()).toMatch(/^cdd-households-43-\d{8}-incomplete\.csv$/)
    const csv = readFileSync((await download.path())!, 'utf8')
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toContain('ข้อมูลไม่ครบ')
    expect(lines[0]).toContain('อำเภอรัตนวาปี และ อำเภอโพธิ์ตาก')
    expect(lines[1]).toContain('รหัสหมู่บ้าน')
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores-xlsx').click()])
    expect(xlsx.suggestedFilename()).toMatch(/-incomplete\.xlsx$/)

    // Import and facts screens name their areas.
    await go(page, '#/dashboards/import')
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('นำเข้าข้อมูลอ้างอิง')
    await page.setInputFiles('#imp-file', 'test/fixtures/import/villages-good.csv')
    await page.getByTestId('imp-districts').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('imp-districts').textContent()).toContain('อำเภอเมืองหนองคาย')
    await screenshot(page, 'dash-import-names-360')
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.screenshot({ path: 'test-output/dash-import-districts-360.png' })
    await go(page, '#/dashboards/facts/43/m2')
    await expect.poll(() => page.locator('.hint').first().textContent(), { timeout: 20_000 }).toContain('จังหวัดหนองคาย')
    await expect.poll(() => notice(page), { timeout: 20_000 }).toContain('อำเภอโพธิ์ตาก')
    await screenshot(page, 'dash-facts-names-360')

    // Coming back to the dashboards: the area and as-of date chosen last, even after a reload.
    await go(page, '#/dashboards/area/4301')
    await page.getByTestId('village-43010101').waitFor({ timeout: 20_000 })
    await page.fill('#sup-asof', '2022-06-30')
    await expect.poll(() => page.getByTestId('asof-display').textContent()).toBe('30 มิ.ย. 2565')
    await go(page, '#/')
    await expect.poll(() => page.locator('#sup-area').count()).toBe(0)
    await go(page, '#/dashboards')
    await expect.poll(() => page.locator('#sup-area').inputValue(), { timeout: 20_000 }).toBe('4301')
    await expect.poll(() => page.getByTestId('asof-display').textContent()).toBe('30 มิ.ย. 2565')
    await page.reload()
    await go(page, '#/dashboards')
    await expect.poll(() => page.locator('#sup-area').inputValue(), { timeout: 20_000 }).toBe('4301')
    await expect.poll(() => page.getByTestId('asof-display').textContent(), { timeout: 20_000 }).toBe('30 มิ.ย. 2565')

    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|couch/i.test(e))).toEqual([])

    // Once every area has arrived, the notice goes. (The status is written while no app page runs,
    // so the running sync cannot write its own over it. The page leaves the app by navigating, not
    // by closing: after a page closed mid-sync, this Chromium's service worker sometimes never
    // answered the context's next navigation, the hang bench/cold-start.ts describes.)
    const icon = page
    await icon.goto(`${url}/icons/icon-192.png`)
    await seedSyncStatus(icon, USER.areas)
    await icon.goto(`${url}/#/dashboards/area/43`)
    await expect.poll(() => icon.locator('#sup-area').inputValue(), { timeout: 20_000 }).toBe('43')
    await icon.getByTestId('mission-M1').waitFor({ timeout: 20_000 })
    expect(await icon.getByTestId('coverage-notice').count()).toBe(0)
    await context.close()
  })
})
