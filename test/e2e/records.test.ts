import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectErrors, phoneContext, screenshot, seedRecords, signInOnDevice, waitForServiceWorkerControl, startBuiltApp, type BuiltApp } from '../support/browser'

/*
 * The production build, offline after the first visit: an officer checks a household, assesses an
 * HLM plot with a photo and GPS, reloads (both are there), starts a complaint, reloads mid-form (the
 * draft is back). There is no login UI to drive yet, so the device user goes straight into the
 * app's Dexie settings, and the reference docs into the user's PouchDB — written by PouchDB itself
 * (the same modules, bundled for this test only), exactly as replication would have left them.
 */

const USER = { name: 'off4301', roles: ['district:4301'], homeArea: '4301', areas: ['4301'], isSupervisor: false }
const RECORD_DB = 'cdd-4301-off4301'

const envelope = { schema: 1, district: '4301', createdBy: 'sup43', createdAt: '2021-10-01T02:00:00.000Z', updatedBy: 'sup43', updatedAt: '2021-10-01T02:00:00.000Z', device: 'import' }
const SEED = [
  { _id: 'village:43010101', type: 'village', ...envelope, code: '43010101', moo: 1, name: 'บ้านหนองกอมเกาะ', tambonCode: '430101', tambonName: 'ในเมือง' },
  { _id: 'household:43010101:12', type: 'household', ...envelope, villageCode: '43010101', houseId: '12', headName: 'นางบุญมี ศรีสุข', targetPersons: 3, inTpmap: true },
  { _id: 'household:43010101:15', type: 'household', ...envelope, villageCode: '43010101', houseId: '15', headName: 'นายทองดี มีสุข', targetPersons: 4, inTpmap: true, verifiedOn: '2021-12-20', planOn: '2021-12-25' },
  { _id: 'household:43010101:7', type: 'household', ...envelope, villageCode: '43010101', houseId: '7', headName: 'นางสาวคำปุน ผาลา', targetPersons: 2, inTpmap: true },
  { _id: 'plot:430101:H-001', type: 'plot', ...envelope, kind: 'HLM', plotNo: 'H-001', tambonCode: '430101', villageCode: '43010101', ownerName: 'นายสมชาย ใจดี', areaRai: 2.5 },
  { _id: 'plot:430101:C-01', type: 'plot', ...envelope, kind: 'CLM', plotNo: 'C-01', tambonCode: '430101', areaRai: 15 },
]

/** PouchDB (idb adapter, the app's own src/store/pouch.ts) bundled into one script for the page. */
async function h1(page: Page): Promise<string | null> {
  return page.locator('h1').first().textContent()
}

describe('field records, offline, in the production build', () => {
  let app: BuiltApp
  let browser: Browser
  let server: BuiltApp['server']

  beforeAll(async () => {
    app = await startBuiltApp()
    ;({ browser, server } = app)
  })
  afterAll(() => app?.close())

  /** First visit online (installs the app), then offline: the device user and the reference docs. */
  async function installAndSeed(page: Page): Promise<void> {
    // First visit online (installs the app), then no network at all.
    await page.goto(server.url)
    await waitForServiceWorkerControl(page)
    await page.context().setOffline(true)

    // The signed-in user and the district's reference docs, as login and a first sync leave them.
    await signInOnDevice(page, USER)
    const seeded = await seedRecords(page, RECORD_DB, SEED)
    expect(seeded.every((r) => r.ok)).toBe(true)
  }

  it('household check and HLM assessment with a photo survive a reload; a complaint draft survives a reload mid-form', async () => {
    const context = await phoneContext(browser)
    await context.grantPermissions(['geolocation'])
    await context.setGeolocation({ latitude: 17.878234, longitude: 102.741229, accuracy: 12 })
    const page = await context.newPage()
    const errors = collectErrors(page)
    const failed: string[] = []
    page.on('requestfailed', (request) => failed.push(new URL(request.url()).pathname))

    await installAndSeed(page)

    // ── Village page ─────────────────────────────────────────────────────────────────────
    await page.goto(`${server.url}/#/villages/43010101`)
    await page.reload()
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('หมู่ 1 บ้านหนองกอมเกาะ')
    await expect.poll(() => page.getByTestId('households').locator('li').count(), { timeout: 20_000 }).toBe(3)
    await expect.poll(() => page.getByTestId('plots').locator('li').count()).toBe(2)
    await screenshot(page, 'records-village-360')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

    // ── Household check ─────────────────────────────────────────────────────────────────
    await page.getByText('12 · นางบุญมี ศรีสุข').click()
    await expect.poll(() => h1(page)).toBe('นางบุญมี ศรีสุข')
    await page.getByRole('button', { name: 'ตรวจสอบครัวเรือน' }).click()
    await expect.poll(() => h1(page)).toBe('ตรวจสอบครัวเรือน')
    await page.fill('#f-household-targetPersons', '๔')
    await page.fill('#f-household-verifiedOn', '2022-01-05')
    await page.fill('#f-household-planOn', '2022-01-02') // before the verification: refused, named
    await page.check('#f-household-failing-income')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    const summary = page.locator('.error-summary')
    await expect.poll(() => summary.textContent()).toContain('วันที่ทำแผนครัวเรือน: ต้องไม่ก่อนวันที่ตรวจสอบ')
    // Focus moves in the frame after the errors render (form-renderer.tsx): under load, after the summary is seen.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-household-planOn')
    expect(await page.getAttribute('#f-household-planOn', 'aria-invalid')).toBe('true')
    const describedBy = await page.getAttribute('#f-household-planOn', 'aria-describedby')
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('ต้องไม่ก่อนวันที่ตรวจสอบ')
    // Nothing typed was lost by the mistake.
    expect(await page.inputValue('#f-household-targetPersons')).toBe('๔')
    await page.fill('#f-household-planOn', '2022-01-10')
    await expect.poll(() => page.locator('[data-field="planOn"] .date-row__be').textContent()).toBe('10 ม.ค. 2565')
    await screenshot(page, 'records-household-form-360')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => h1(page)).toBe('นางบุญมี ศรีสุข')
    await expect.poll(() => page.locator('.chips').first().textContent(), { timeout: 10_000 }).toContain('ตรวจสอบแล้ว')

    // One tap to a mentor visit, dated today.
    await page.getByRole('link', { name: 'บันทึกการเยี่ยม' }).click()
    await expect.poll(() => h1(page)).toBe('บันทึกการเยี่ยมของทีมพี่เลี้ยง')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => h1(page)).toBe('นางบุญมี ศรีสุข')
    await expect.poll(() => page.getByTestId('timeline').textContent(), { timeout: 10_000 }).toContain('ทีมพี่เลี้ยงเยี่ยม')

    // ── HLM assessment with a photo and GPS ──────────────────────────────────────────────
    await page.goto(`${server.url}/#/record/plot-assessment?parent=${encodeURIComponent('plot:430101:H-001')}`)
    await expect.poll(() => h1(page)).toBe('ประเมินแปลง HLM (ครัวเรือน)')
    expect(await page.inputValue('#f-plot-assessment-areaRai')).toBe('2.5')
    await page.check('#f-plot-assessment-reducesExpenses')
    await expect.poll(() => page.getByTestId('form-status').textContent()).toContain('พึ่งพาตนเองได้')
    await page.check('#f-plot-assessment-selfReliant')
    await expect.poll(() => page.getByTestId('form-status').textContent()).toContain('ผ่านเกณฑ์ความสำเร็จ')
    const jpeg = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(3000, 2000)
      const g = canvas.getContext('2d')!
      g.fillStyle = '#3a7d2c'
      g.fillRect(0, 0, 3000, 2000)
      g.fillStyle = '#6b4f1d'
      g.fillRect(0, 1300, 3000, 700)
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })
      return Array.from(new Uint8Array(await blob.arrayBuffer()))
    })
    await page.setInputFiles('#f-plot-assessment-photos', { name: 'plot.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) })
    await expect.poll(() => page.locator('.thumbs img').count(), { timeout: 10_000 }).toBe(1)
    // The photo is part of the draft: a reload (an app update, a killed tab) keeps it.
    await page.waitForTimeout(300)
    await page.reload()
    await expect.poll(() => page.locator('.thumbs img').count(), { timeout: 20_000 }).toBe(1)
    expect(await page.isChecked('#f-plot-assessment-selfReliant')).toBe(true)
    await page.getByRole('button', { name: 'บันทึกพิกัด GPS' }).click()
    await expect.poll(() => page.locator('[data-field="gps"] [role="status"]').textContent()).toContain('คลาดเคลื่อนประมาณ 12 เมตร')
    await screenshot(page, 'records-hlm-form-photo-360')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => h1(page)).toBe('HLM H-001')
    await expect.poll(() => page.locator('.thumbs img').count(), { timeout: 10_000 }).toBe(1)

    // ── Reload: both are there ───────────────────────────────────────────────────────────
    await page.reload()
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('HLM H-001')
    await expect.poll(() => page.locator('.list .pill--ok').first().textContent(), { timeout: 10_000 }).toBe('ผ่านเกณฑ์')
    // The page shows the record's thumbnail; the full photo (taken on this phone) opens offline.
    await expect.poll(() => page.locator('.thumbs img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(320)
    await screenshot(page, 'records-plot-page-360')
    await page.getByRole('button', { name: 'เปิดรูปที่ 1 ขนาดเต็ม' }).click()
    await expect.poll(() => page.getByTestId('photo-viewer').locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1280)
    await page.getByRole('button', { name: 'ปิดรูป', exact: true }).click()
    await page.goto(`${server.url}/#/record/household/${encodeURIComponent('household:43010101:12')}`)
    await expect.poll(() => page.locator('.facts').textContent(), { timeout: 10_000 }).toContain('5 ม.ค. 2565')
    await expect.poll(() => page.locator('.row__sub').first().textContent()).toContain('เป้าหมาย 4 คน')

    // ── Complaint: reload mid-form, the draft is restored ───────────────────────────────
    await page.goto(`${server.url}/#/record/complaint?parent=43010101`)
    await expect.poll(() => h1(page)).toBe('เรื่องร้องเรียน')
    await page.selectOption('#f-complaint-channel', 'phone')
    await page.fill('#f-complaint-subject', 'น้ำท่วมขังในแปลง ขุดหนองไม่ได้')
    expect(await page.inputValue('#f-complaint-tambonCode')).toBe('430101')
    await page.waitForTimeout(300)
    await page.reload()
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('เรื่องร้องเรียน')
    await expect.poll(() => page.inputValue('#f-complaint-subject')).toBe('น้ำท่วมขังในแปลง ขุดหนองไม่ได้')
    expect(await page.inputValue('#f-complaint-channel')).toBe('phone')
    await expect.poll(() => page.locator('.banner').first().textContent()).toContain('กรอกต่อจากฉบับร่าง')
    // The home screen lists the unfinished draft.
    await page.goto(`${server.url}/#/`)
    await expect.poll(() => page.getByTestId('drafts').textContent(), { timeout: 10_000 }).toContain('เรื่องร้องเรียน')
    await screenshot(page, 'records-home-360')

    // Save it, then resolve it later: an edit of the same doc (guarded by its revision).
    await page.getByTestId('drafts').getByRole('link').first().click()
    await expect.poll(() => page.inputValue('#f-complaint-subject')).toBe('น้ำท่วมขังในแปลง ขุดหนองไม่ได้')
    await page.fill('#f-complaint-receivedOn', '2022-01-10')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe('หมู่ 1 บ้านหนองกอมเกาะ')
    await page.goto(`${server.url}/#/`)
    await page.getByText('น้ำท่วมขังในแปลง ขุดหนองไม่ได้').click()
    await expect.poll(() => h1(page)).toBe('เรื่องร้องเรียน')
    await page.fill('#f-complaint-resolvedOn', '2022-01-05')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('วันที่ยุติเรื่อง: ต้องไม่ก่อนวันที่รับเรื่อง (10 ม.ค. 2565)')
    await page.fill('#f-complaint-resolvedOn', '2022-01-14')
    await page.fill('#f-complaint-resolution', 'ประสานผู้รับจ้างแก้ไขแล้ว')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe('งานวันนี้')
    await expect.poll(() => page.locator('#complaints-h .pill').textContent(), { timeout: 10_000 }).toBe('0')

    // Offline, the sync layer's tries to reach /couch/ fail (as they should), and Chromium fetches
    // the manifest's icon outside the service worker: those are the only failed loads allowed.
    expect(failed.filter((path) => !path.startsWith('/couch/') && !path.startsWith('/icons/'))).toEqual([])
    expect(errors.filter((e) => e !== 'console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED')).toEqual([])
    await context.close()
  })

  it('adds a household TPMAP missed, and shows a CLM site’s missing criteria live', async () => {
    const context = await phoneContext(browser)
    const page = await context.newPage()
    const errors = collectErrors(page)
    await installAndSeed(page)
    await page.goto(`${server.url}/#/villages/43010101`)
    await page.reload()
    await page.getByRole('link', { name: '+ ครัวเรือนตกหล่น' }).click()
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('เพิ่มครัวเรือนตกหล่น (ไม่อยู่ใน TPMAP)')
    await page.fill('#f-household-new-houseId', '12')
    await page.fill('#f-household-new-headName', 'นายตกหล่น ไม่มีชื่อ')
    await page.fill('#f-household-new-targetPersons', '1')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('บ้านเลขที่: มีบ้านเลขที่นี้ในหมู่บ้านแล้ว')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-household-new-houseId')
    await page.fill('#f-household-new-houseId', '99')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => h1(page), { timeout: 10_000 }).toBe('นายตกหล่น ไม่มีชื่อ')
    await expect.poll(() => page.locator('.chips').first().textContent(), { timeout: 10_000 }).toContain('ตกหล่น')

    await page.goto(`${server.url}/#/record/plot-assessment?parent=${encodeURIComponent('plot:430101:C-01')}`)
    await expect.poll(() => h1(page)).toBe('ประเมินศูนย์ CLM (ตำบล)')
    for (const id of ['khok', 'nong', 'na', 'trainersAndMedia', 'committee']) await page.check(`#f-plot-assessment-${id}`)
    await page.fill('#f-plot-assessment-stations-people', '๓')
    await page.fill('#f-plot-assessment-stations-soil', '2')
    const status = page.getByTestId('form-status')
    await expect.poll(() => status.textContent()).toContain('ฐานเรียนรู้รวมไม่น้อยกว่า 9 ฐาน')
    expect(await status.textContent()).toContain('มีผู้มาเรียนรู้ดูงาน')
    await page.fill('#f-plot-assessment-stations-water', '2')
    await page.fill('#f-plot-assessment-stations-forest', '2')
    await page.fill('#f-plot-assessment-visitors', '120')
    await expect.poll(() => status.textContent()).toContain('ผ่านเกณฑ์ความสำเร็จ')
    await screenshot(page, 'records-clm-form-360')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(errors.filter((e) => e !== 'console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED')).toEqual([])
    await context.close()
  })
})
