/**
 * Issue 15 end to end in Chromium, officer ↔ supervisor through sync (the production build, the app
 * server's /couch/ proxy, the embedded server or COUCH_URL): the officer saves a household check;
 * the supervisor returns it with a comment; the officer sees it on home, one tap from the form, and
 * fixes it; the supervisor sees "waiting for review" and approves; the household page's timeline
 * shows the edits with their field changes and the reviews.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import type { UserRow } from '../../couch/users-csv'
import { startAppServer, type AppServer } from '../../server/app-server'
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../support/browser'
import type { TestCouch } from '../support/couch'
import { provisionTestArea, seedDocs, type TestArea } from '../support/test-area'
import { goTo, signInThroughUi } from '../support/test-app'

const GEO: Geography = {
  province: { code: '94', name: 'จังหวัดทดสอบการตรวจ' },
  districts: [{ code: '9401', name: 'อำเภอทดสอบการตรวจ', subdistricts: [{ code: '940101', name: 'ตำบลทดสอบการตรวจ' }] }],
}
const USERS: UserRow[] = [
  { name: 'rf-off9401', password: 'pw-rf-off', role: 'officer', area: '9401' },
  { name: 'rf-sup94', password: 'pw-rf-sup', role: 'supervisor', area: '94' },
]
const VILLAGE = '94010101'
const HH = `household:${VILLAGE}:14`

let area: TestArea
let couch: TestCouch
let admin: CouchClient
let server: AppServer
let browser: Browser

beforeAll(async () => {
  area = await provisionTestArea(GEO, USERS)
  ;({ couch, admin } = area)
  const at = '2026-01-01T00:00:00.000Z'
  const env = { schema: 1, district: '9401', createdBy: 'rf-sup94', createdAt: at, updatedBy: 'rf-sup94', updatedAt: at, device: 'seed' }
  const docs = [
    { ...env, _id: `village:${VILLAGE}`, type: 'village', code: VILLAGE, moo: 1, name: 'บ้านทดสอบการตรวจ', tambonCode: '940101', tambonName: 'ตำบลทดสอบการตรวจ' },
    { ...env, _id: HH, type: 'household', villageCode: VILLAGE, houseId: '14', headName: 'นางสมศรี ทดสอบ', targetPersons: 2, inTpmap: true },
  ]
  await seedDocs(admin, 'cdd-9401', docs)
  server = await startAppServer({ distDir: 'dist', couchUrl: couch.url, port: 0 })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await area?.close()
})

const reviewState = (page: Page) => page.getByTestId(`review-${HH}`).getByTestId('review-state').getAttribute('data-state')
const serverDoc = async (id: string) => (await admin.request<Record<string, unknown>>('GET', `/cdd-9401/${encodeURIComponent(id)}`)).body
const serverReviews = async () =>
  (await admin.request<{ rows: { doc: Record<string, unknown> }[] }>('GET', `/cdd-9401/_all_docs?include_docs=true&startkey=${encodeURIComponent(JSON.stringify(`review:${HH}:`))}&endkey=${encodeURIComponent(JSON.stringify(`review:${HH}:\uffff`))}`)).body.rows.map((r) => r.doc)
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e))

describe('review and history through sync', () => {
  it('officer saves → supervisor returns → officer fixes → waiting → approved; the timeline tells it all', async () => {
    const offCtx = await phoneContext(browser)
    const off = await offCtx.newPage()
    const offErrors = collectErrors(off)
    await signInThroughUi(off, server.url, 'rf-off9401', 'pw-rf-off')

    // 1. The officer checks the household (two fields change).
    await goTo(off, `#/record/household/${encodeURIComponent(HH)}`)
    await off.getByRole('button', { name: /แก้ไขข้อมูล|ตรวจสอบครัวเรือน/ }).click({ timeout: 30_000 })
    await off.getByLabel(/^ชื่อหัวหน้าครัวเรือน/).fill('นางสมศรี ทดสอบผิด')
    await off.getByLabel(/^จำนวนคนเป้าหมาย/).fill('3')
    await off.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(async () => (await serverDoc(HH)).headName, { timeout: 30_000 }).toBe('นางสมศรี ทดสอบผิด')
    await expect.poll(() => reviewState(off), { timeout: 15_000 }).toBe('waiting')

    // 2. The supervisor sees it waiting and returns it with a comment.
    const supCtx = await phoneContext(browser)
    const sup = await supCtx.newPage()
    const supErrors = collectErrors(sup)
    await signInThroughUi(sup, server.url, 'rf-sup94', 'pw-rf-sup')
    await goTo(sup, `#/record/household/${encodeURIComponent(HH)}`)
    await expect.poll(() => sup.locator('h1').textContent(), { timeout: 30_000 }).toBe('นางสมศรี ทดสอบผิด')
    await expect.poll(() => reviewState(sup)).toBe('waiting')
    // Returning without a comment is refused in words, naming the field.
    await sup.getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).first().click()
    await expect.poll(() => sup.getByRole('alert').first().textContent()).toContain('ความเห็นถึงพัฒนากร')
    await sup.getByTestId(`review-${HH}`).getByLabel('ความเห็นถึงพัฒนากร').fill('ชื่อสะกดผิด ตรวจกับบัตรอีกครั้ง')
    await sup.getByTestId(`review-${HH}`).getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).click()
    await expect.poll(() => reviewState(sup), { timeout: 15_000 }).toBe('returned')
    await screenshot(sup, 'review-supervisor-returned')
    await expect.poll(async () => (await serverReviews()).length, { timeout: 30_000 }).toBe(1)
    const [returned] = await serverReviews()
    expect(returned).toMatchObject({ type: 'review', state: 'returned', createdBy: 'rf-sup94', recordId: HH, recordUpdatedAt: (await serverDoc(HH)).updatedAt })
    expect(String(returned!._id)).toMatch(new RegExp(`^review:${HH}:rf-sup94:[0-9A-Z]{26}$`))

    // 3. The officer's home lists it with the comment; one tap opens the form.
    await goTo(off, '#/')
    await expect.poll(() => off.getByTestId('returned-item').count(), { timeout: 45_000 }).toBe(1)
    expect(await off.getByTestId('returned-item').textContent()).toContain('ชื่อสะกดผิด ตรวจกับบัตรอีกครั้ง')
    await screenshot(off, 'review-officer-home-returned')
    await off.getByTestId('returned-item').click()
    await off.getByLabel(/^ชื่อหัวหน้าครัวเรือน/).fill('นางสมศรี ทดสอบถูก')
    await off.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => off.evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`#/record/household/${HH}`)
    await expect.poll(() => reviewState(off)).toBe('waiting')
    await goTo(off, '#/')
    await expect.poll(() => off.getByTestId('returned-item').count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(async () => (await serverDoc(HH)).headName, { timeout: 30_000 }).toBe('นางสมศรี ทดสอบถูก')

    // 4. The supervisor sees it waiting again (edited since), and approves.
    await expect.poll(() => sup.locator('h1').textContent(), { timeout: 45_000 }).toBe('นางสมศรี ทดสอบถูก')
    await expect.poll(() => reviewState(sup)).toBe('waiting')
    expect(await sup.getByTestId(`review-${HH}`).textContent()).toContain('แก้ไขแล้วหลังการตรวจครั้งก่อน')
    await screenshot(sup, 'review-supervisor-waiting-again')
    await sup.getByTestId(`review-${HH}`).getByRole('button', { name: 'อนุมัติ' }).click()
    await expect.poll(() => reviewState(sup), { timeout: 15_000 }).toBe('approved')
    await expect.poll(async () => (await serverReviews()).map((r) => r.state).sort(), { timeout: 30_000 }).toEqual(['approved', 'returned'])

    // 5. The officer's phone: approved, and the timeline names every change and review.
    await goTo(off, `#/record/household/${encodeURIComponent(HH)}`)
    await expect.poll(() => reviewState(off), { timeout: 45_000 }).toBe('approved')
    const timeline = off.getByTestId('timeline')
    await expect.poll(() => timeline.locator('[data-type="history"]').count(), { timeout: 15_000 }).toBe(2)
    const text = (await timeline.textContent()) ?? ''
    expect(text).toContain('ชื่อหัวหน้าครัวเรือน: นางสมศรี ทดสอบ → นางสมศรี ทดสอบผิด')
    expect(text).toContain('จำนวนคนเป้าหมาย: 2 → 3')
    expect(text).toContain('ชื่อหัวหน้าครัวเรือน: นางสมศรี ทดสอบผิด → นางสมศรี ทดสอบถูก')
    expect(text).toContain('rf-sup94 ส่งกลับให้แก้ไข')
    expect(text).toContain('ชื่อสะกดผิด ตรวจกับบัตรอีกครั้ง')
    expect(text).toContain('rf-sup94 อนุมัติ')
    expect(text).toContain('rf-off9401 แก้ไข')
    // Newest first: the approval before the return, the fix before the first edit.
    expect(text.indexOf('rf-sup94 อนุมัติ')).toBeLessThan(text.indexOf('rf-sup94 ส่งกลับให้แก้ไข'))
    await timeline.scrollIntoViewIfNeeded()
    await screenshot(off, 'review-officer-timeline')

    expect(realErrors(offErrors)).toEqual([])
    expect(realErrors(supErrors)).toEqual([])
    await offCtx.close()
    await supCtx.close()
  }, 300_000)
})
