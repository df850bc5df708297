/**
 * Issue 15's lists end to end in Chromium (the production build, the app server's /couch/ proxy, the
 * embedded server or COUCH_URL), officer ↔ supervisor through sync:
 *  - all complaints: open and resolved with their days, filtered, one tap to the record;
 *  - records waiting to upload: a visit saved offline (kind, village by name), a record the server
 *    refused with why in Thai, gone from the list once sent;
 *  - a plot's saved GPS: coordinates, accuracy and the position sketch with its text;
 *  - the office setting "scores count approved records only", set by the supervisor, reaching the
 *    officer by sync: the officer's dashboard says so and counts only the approved household's plan;
 *  - review states per area on the dashboards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import type { UserRow } from '../../couch/users-csv'
import { startAppServer, type AppServer } from '../../server/app-server'
import { collectErrors, launchBrowser, phoneContext, screenshot, seedRecords } from '../support/browser'
import type { TestCouch } from '../support/couch'
import { provisionTestArea, seedDocs, type TestArea } from '../support/test-area'
import { goTo, signInThroughUi } from '../support/test-app'
import { addDays, todayIn } from '../../src/schema/dates'

const GEO: Geography = {
  province: { code: '92', name: 'จังหวัดทดสอบรายการ' },
  districts: [{ code: '9201', name: 'อำเภอทดสอบรายการ', subdistricts: [{ code: '920101', name: 'ทดสอบรายการ' }] }],
}
const USERS: UserRow[] = [
  { name: 'ls-off9201', password: 'pw-ls-off', role: 'officer', area: '9201' },
  { name: 'ls-sup92', password: 'pw-ls-sup', role: 'supervisor', area: '92' },
]
const VILLAGE = '92010101'
const HA = `household:${VILLAGE}:1`
const HB = `household:${VILLAGE}:2`
const PLOT = 'plot:920101:H-01'
const PLOT2 = 'plot:920101:H-02'
// Inside the fiscal year the dashboards score (FY2565, the built-in edition, when no later one is published).
const CHECKED_ON = '2021-12-01'
const PLANNED_ON = '2021-12-15'
// In Bangkok's calendar, as the app counts days (from 17:00 UTC on, Bangkok is already on the next date).
const daysAgo = (n: number) => addDays(todayIn('Asia/Bangkok'), -n)

let area: TestArea
let couch: TestCouch
let admin: CouchClient
let server: AppServer
let browser: Browser

beforeAll(async () => {
  area = await provisionTestArea(GEO, USERS)
  ;({ couch, admin } = area)
  const at = new Date(Date.now() - 3_600_000).toISOString()
  const env = (by: string) => ({ schema: 1, district: '9201', createdBy: by, createdAt: at, updatedBy: by, updatedAt: at, device: 'seed' })
  const sup = env('ls-sup92')
  const off = env('ls-off9201')
  const docs = [
    { ...sup, _id: `village:${VILLAGE}`, type: 'village', code: VILLAGE, moo: 1, name: 'บ้านทดสอบรายการ', tambonCode: '920101', tambonName: 'ทดสอบรายการ' },
    // Two TPMAP households, both with a plan; only A's check is approved.
    { ...off, _id: HA, type: 'household', villageCode: VILLAGE, houseId: '1', headName: 'นายหนึ่ง ทดสอบ', targetPersons: 2, inTpmap: true, verifiedOn: CHECKED_ON, planOn: PLANNED_ON },
    { ...off, _id: HB, type: 'household', villageCode: VILLAGE, houseId: '2', headName: 'นางสอง ทดสอบ', targetPersons: 1, inTpmap: true, verifiedOn: CHECKED_ON, planOn: PLANNED_ON },
    { ...sup, _id: `review:${HA}:ls-sup92:01JGS00000000000000000000A`, type: 'review', recordId: HA, recordType: 'household', recordUpdatedAt: at, state: 'approved' },
    { ...sup, _id: `review:${HB}:ls-sup92:01JGS00000000000000000000B`, type: 'review', recordId: HB, recordType: 'household', recordUpdatedAt: at, state: 'returned', comment: 'แผนไม่ครบ' },
    { ...sup, _id: PLOT, type: 'plot', kind: 'HLM', plotNo: 'H-01', tambonCode: '920101', villageCode: VILLAGE, ownerName: 'นายหนึ่ง ทดสอบ', areaRai: 2 },
    { ...sup, _id: PLOT2, type: 'plot', kind: 'HLM', plotNo: 'H-02', tambonCode: '920101', villageCode: VILLAGE, ownerName: 'นางสอง ทดสอบ', areaRai: 1 },
    { ...off, _id: `assess:${PLOT2}:ls-off9201:01JGS00000000000000000000C`, type: 'plot-assessment', plotId: PLOT2, kind: 'HLM', on: daysAgo(3), reducesExpenses: true, selfReliant: true, gps: { lat: 17.8791, lng: 102.7423, accuracyM: 6 } },
    // Complaints: one received 12 days ago and resolved 4 days later, one open for 30 days.
    { ...off, _id: 'complaint:ls-off9201:01JGS00000000000000000000D', type: 'complaint', receivedOn: daysAgo(12), channel: 'phone', subject: 'ถนนเข้าแปลงชำรุด', tambonCode: '920101', plotId: PLOT, resolvedOn: daysAgo(8), resolution: 'ซ่อมแล้ว' },
    { ...off, _id: 'complaint:ls-off9201:01JGS00000000000000000000E', type: 'complaint', receivedOn: daysAgo(30), channel: 'letter', subject: 'น้ำไม่พอใช้ในแปลง', tambonCode: '920101' },
  ]
  await seedDocs(admin, 'cdd-9201', docs)
  server = await startAppServer({ distDir: 'dist', couchUrl: couch.url, port: 0 })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await area?.close()
})

const h1 = (page: Page) => page.locator('h1').first().textContent()
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e))
const serverDoc = async (id: string) => (await admin.request<Record<string, unknown>>('GET', `/cdd-9201/${encodeURIComponent(id)}`)).body

describe('lists and the approved-only setting through sync', () => {
  it('complaints, waiting uploads, a plot’s GPS; the supervisor’s setting reaches the officer and changes what counts', async () => {
    const offCtx = await phoneContext(browser)
    const off = await offCtx.newPage()
    const offErrors = collectErrors(off)
    await signInThroughUi(off, server.url, 'ls-off9201', 'pw-ls-off')

    // ── All complaints, from home ─────────────────────────────────────────────────────────
    await expect.poll(() => off.getByTestId('all-complaints-link').count(), { timeout: 45_000 }).toBe(1)
    await off.getByTestId('all-complaints-link').click()
    await expect.poll(() => h1(off)).toBe('เรื่องร้องเรียนทั้งหมด')
    const rows = off.getByTestId('complaint-row')
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2)
    // Newest first: the one received 12 days ago, resolved in 4 days; then the one open 30 days.
    expect(await rows.nth(0).textContent()).toContain('ถนนเข้าแปลงชำรุด')
    expect(await rows.nth(0).textContent()).toContain('ใช้เวลา 4 วัน')
    expect(await rows.nth(0).textContent()).toContain('หมู่ 1 บ้านทดสอบรายการ')
    expect(await rows.nth(1).textContent()).toContain('เปิดมา 30 วัน')
    expect(await rows.nth(1).textContent()).toContain('ตำบลทดสอบรายการ')
    await off.getByTestId('complaints-filter-open').click()
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain('น้ำไม่พอใช้ในแปลง')
    await screenshot(off, 'lists-officer-complaints-open')
    await rows.first().click()
    await expect.poll(() => off.evaluate(() => decodeURIComponent(location.hash))).toBe('#/record/complaint/complaint:ls-off9201:01JGS00000000000000000000E')

    // ── A plot's saved GPS ────────────────────────────────────────────────────────────────
    await goTo(off, `#/record/plot/${encodeURIComponent(PLOT2)}`)
    await expect.poll(() => off.getByTestId('plot-gps-coords').textContent(), { timeout: 30_000 }).toBe('ละติจูด 17.879100 ลองจิจูด 102.742300')
    expect(await off.getByTestId('plot-gps-accuracy').textContent()).toBe('ความแม่นยำ ± 6 เมตร')
    expect(await off.getByTestId('plot-gps-description').textContent()).toContain('วงกลมคือระยะคลาดเคลื่อน ± 6 เมตร')
    expect(await off.getByTestId('plot-gps-sketch').getAttribute('aria-hidden')).toBe('true')
    await screenshot(off, 'lists-officer-plot-gps')
    // The card alone, scrolled clear of the bottom navigation, to look at the sketch itself.
    await off.getByTestId('plot-gps-description').scrollIntoViewIfNeeded()
    await off.evaluate(() => window.scrollBy(0, 200))
    await off.getByTestId('plot-gps').screenshot({ path: 'test-output/lists-officer-plot-gps-card.png' })

    // ── Waiting to upload: a visit saved offline, a record the server refuses ───────────────
    // A village doc in the officer's name: only supervisors may write reference data.
    const refusedId = 'village:92010199'
    const seeded = await seedRecords(off, 'cdd-9201-ls-off9201', [
      { _id: refusedId, type: 'village', schema: 1, district: '9201', createdBy: 'ls-off9201', createdAt: new Date().toISOString(), updatedBy: 'ls-off9201', updatedAt: new Date().toISOString(), device: 'test', code: '92010199', moo: 99, name: 'บ้านที่ไม่มีสิทธิ์', tambonCode: '920101', tambonName: 'ทดสอบรายการ' },
    ])
    expect(seeded.every((r) => r.ok)).toBe(true)
    await off.reload()
    await goTo(off, '#/uploads')
    await expect.poll(() => h1(off), { timeout: 20_000 }).toBe('รายการที่รอส่งขึ้นเซิร์ฟเวอร์')
    const refused = off.getByTestId('uploads-refused').getByTestId('upload-row')
    await expect.poll(() => refused.count(), { timeout: 60_000 }).toBe(1)
    expect(await refused.first().textContent()).toContain('หมู่บ้าน')
    expect(await refused.first().getByTestId('upload-why').textContent()).toBe('เหตุผล: รายการประเภทนี้ หัวหน้าเท่านั้นที่บันทึกได้')

    await offCtx.setOffline(true)
    await goTo(off, `#/record/mentor-visit?parent=${encodeURIComponent(HA)}`)
    await expect.poll(() => h1(off), { timeout: 20_000 }).toBe('บันทึกการเยี่ยมของทีมพี่เลี้ยง')
    await off.fill('#f-mentor-visit-note', 'เยี่ยมตอนไม่มีสัญญาณ')
    await off.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => off.evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`#/record/household/${HA}`)
    // The header's waiting count opens the list.
    await off.getByTestId('sync-pill').click()
    await expect.poll(() => h1(off), { timeout: 20_000 }).toBe('รายการที่รอส่งขึ้นเซิร์ฟเวอร์')
    const waiting = off.getByTestId('uploads-waiting').getByTestId('upload-row')
    await expect.poll(() => waiting.count(), { timeout: 30_000 }).toBe(1)
    expect(await waiting.first().textContent()).toContain('การเยี่ยมของทีมพี่เลี้ยง')
    expect(await waiting.first().textContent()).toContain('หมู่ 1 บ้านทดสอบรายการ')
    expect(await waiting.first().textContent()).toMatch(/บันทึก \d+ .+ เวลา \d\d:\d\d น\./)
    await screenshot(off, 'lists-officer-uploads')
    // Online again: the visit goes up and leaves the list; the refused record stays, with its reason.
    await offCtx.setOffline(false)
    await expect.poll(() => waiting.count(), { timeout: 60_000 }).toBe(0)
    expect(await refused.count()).toBe(1)

    // ── The officer's dashboard before the setting: every record counts ─────────────────────
    await goTo(off, '#/dashboards/area/9201')
    await expect.poll(() => off.getByTestId('scoring-mode').getAttribute('data-mode'), { timeout: 30_000 }).toBe('all')
    expect(await off.getByTestId('scoring-mode').textContent()).toBe('คะแนน: นับทุกรายการ')
    await expect.poll(() => off.getByTestId('bar-persons').first().textContent(), { timeout: 30_000 }).toContain('3 จาก 3')
    expect(await off.getByTestId('bar-plans').first().textContent()).toContain('2 จาก 2')
    // Officers see the setting, never the control.
    expect(await off.getByTestId('mode-setting').count()).toBe(0)
    // Review states per area: one approved, one returned, and the assessment, complaints and visit waiting.
    const area = off.getByTestId('review-area-920101')
    await expect.poll(() => area.getAttribute('data-approved'), { timeout: 30_000 }).toBe('1')
    expect(await area.getAttribute('data-returned')).toBe('1')
    expect(await area.getAttribute('data-waiting')).toBe('4')

    // ── The supervisor sets "approved only" for the district ────────────────────────────────
    const supCtx = await phoneContext(browser)
    const sup = await supCtx.newPage()
    const supErrors = collectErrors(sup)
    await signInThroughUi(sup, server.url, 'ls-sup92', 'pw-ls-sup')
    await goTo(sup, '#/dashboards/area/9201')
    await expect.poll(() => sup.getByTestId('mode-setting').count(), { timeout: 60_000 }).toBe(1)
    await sup.getByTestId('mode-approved').check()
    await sup.getByTestId('mode-save').click()
    await expect.poll(() => sup.getByTestId('mode-message').textContent(), { timeout: 15_000 }).toBe('บันทึกแล้ว จะส่งถึงทุกเครื่องเมื่อซิงค์')
    await expect.poll(() => sup.getByTestId('scoring-mode').getAttribute('data-mode')).toBe('approved')
    // Only household 1's check is approved: its 2 target persons of 3, its plan of 1 verified household.
    await expect.poll(() => sup.getByTestId('bar-persons').first().textContent(), { timeout: 30_000 }).toContain('2 จาก 3')
    expect(await sup.getByTestId('bar-plans').first().textContent()).toContain('1 จาก 1')
    await screenshot(sup, 'lists-supervisor-approved-only')
    await expect.poll(async () => (await serverDoc('office-settings:9201')).scoresCount, { timeout: 30_000 }).toBe('approved')
    expect(await serverDoc('office-settings:9201')).toMatchObject({ type: 'office-settings', district: '9201', createdBy: 'ls-sup92' })

    // ── …and it reaches the officer by sync: the dashboard says so and counts approved only ─
    await expect.poll(() => off.getByTestId('scoring-mode').getAttribute('data-mode'), { timeout: 60_000 }).toBe('approved')
    expect(await off.getByTestId('scoring-mode').textContent()).toBe('คะแนน: นับเฉพาะที่อนุมัติแล้ว')
    await expect.poll(() => off.getByTestId('bar-persons').first().textContent(), { timeout: 30_000 }).toContain('2 จาก 3')
    expect(await off.getByTestId('bar-plans').first().textContent()).toContain('1 จาก 1')
    await screenshot(off, 'lists-officer-approved-only')
    // The village page counts the same way.
    await goTo(off, `#/dashboards/village/${VILLAGE}`)
    await expect.poll(() => off.getByTestId('scoring-mode').getAttribute('data-mode'), { timeout: 30_000 }).toBe('approved')
    await expect.poll(() => off.getByTestId('village-progress').getByTestId('bar-persons').textContent(), { timeout: 30_000 }).toContain('2 จาก 3')

    expect(realErrors(offErrors)).toEqual([])
    expect(realErrors(supErrors)).toEqual([])
    await offCtx.close()
    await supCtx.close()
  }, 360_000)
})
