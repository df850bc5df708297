/**
 * Sync end to end in Chromium: the production build served by the app server with /couch/ proxied to
 * the test CouchDB (embedded, or COUCH_URL), a test province provisioned with the real provisioning.
 * An officer signs in through the UI, records a household with no network, comes back online and the
 * app syncs by itself; a supervisor on another phone signs in and sees the household.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import { provision } from '../../couch/provision'
import type { UserRow } from '../../couch/users-csv'
import { startAppServer, type AppServer } from '../../server/app-server'
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../support/browser'
import { getTestCouch, type TestCouch } from '../support/couch'

const GEO: Geography = {
  province: { code: '95', name: 'จังหวัดทดสอบอีทูอี' },
  districts: [
    { code: '9501', name: 'อำเภอทดสอบหนึ่ง', subdistricts: [{ code: '950101', name: 'ตำบลทดสอบ' }] },
    { code: '9502', name: 'อำเภอทดสอบสอง', subdistricts: [{ code: '950201', name: 'ตำบลสอง' }] },
  ],
}
const USERS: UserRow[] = [
  { name: 'e2e-off9501', password: 'pw-e2e-off', role: 'officer', area: '9501' },
  { name: 'e2e-sup95', password: 'pw-e2e-sup', role: 'supervisor', area: '95' },
]
const DBS = ['cdd-95', 'cdd-9501', 'cdd-9502']
const VILLAGE = '95010101'
// Households the officer adds (TPMAP missed them) carry the officer's name in the id (src/schema/ids.ts).
const HOUSEHOLD_ID = `household:${VILLAGE}:7:e2e-off9501`

let couch: TestCouch
let admin: CouchClient
let server: AppServer
let browser: Browser

async function cleanUp(): Promise<void> {
  for (const db of DBS) await admin.request('DELETE', `/${db}`)
  for (const u of USERS) {
    const doc = await admin.request<{ _rev?: string }>('GET', `/_users/org.couchdb.user:${u.name}`)
    if (doc.body?._rev) await admin.request('DELETE', `/_users/org.couchdb.user:${u.name}?rev=${doc.body._rev}`)
  }
}

beforeAll(async () => {
  couch = await getTestCouch()
  admin = couchClient(couch.adminUrl)
  await cleanUp()
  await provision(couch.adminUrl, { geography: GEO, users: USERS })
  // Reference data a supervisor imported: the village the officer works in.
  const at = '2026-01-01T00:00:00.000Z'
  const village = { _id: `village:${VILLAGE}`, type: 'village', schema: 1, district: '9501', code: VILLAGE, moo: 1, name: 'บ้านทดสอบ', tambonCode: '950101', tambonName: 'ตำบลทดสอบ', createdBy: 'e2e-sup95', createdAt: at, updatedBy: 'e2e-sup95', updatedAt: at, device: 'seed' }
  const res = await admin.request('PUT', `/cdd-9501/${encodeURIComponent(village._id)}`, village)
  expect(res.status).toBe(201)
  server = await startAppServer({ distDir: 'dist', couchUrl: couch.url, port: 0 })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (admin) await cleanUp()
  await couch?.close()
})

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto(server.url)
  await expect.poll(() => page.locator('h1').textContent()).toBe('เข้าสู่ระบบ')
  await page.getByLabel('ชื่อผู้ใช้').fill(name)
  await page.getByLabel('รหัสผ่าน').fill(password)
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click()
  await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('งานวันนี้')
}

async function openSync(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/sync'))
  await expect.poll(() => page.locator('h1').textContent()).toBe('การซิงค์ข้อมูล')
}

const overall = (page: Page) => page.getByTestId('sync-overall').getAttribute('data-state')

// Chromium logs refused requests while offline as console errors; those are the point of the test.
const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|net::ERR_/.test(e))

describe('sync in the browser', () => {
  it('wrong password is said in words, and no password is kept on the phone', async () => {
    const context = await phoneContext(browser)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByLabel('ชื่อผู้ใช้').fill('e2e-off9501')
    await page.getByLabel('รหัสผ่าน').fill('wrong-password')
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click()
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง ลองพิมพ์ใหม่อีกครั้ง')
    await screenshot(page, 'sync-login-wrong-password')
    await context.close()
  })

  it('an officer records a household offline; it syncs on reconnect; the supervisor sees it', async () => {
    const officerContext = await phoneContext(browser)
    const page = await officerContext.newPage()
    const errors = collectErrors(page)
    await signIn(page, 'e2e-off9501', 'pw-e2e-off')

    // The first sync brings the village down.
    await openSync(page)
    await expect.poll(() => overall(page), { timeout: 30_000 }).toBe('ok')
    expect(await page.getByTestId('sync-last-ok').textContent()).toMatch(/25\d\d เวลา \d\d:\d\d น\./)
    await screenshot(page, 'sync-officer-first-sync')

    // Nothing on the phone holds the password.
    const stored = await page.evaluate(async () => {
      const dump: string[] = [JSON.stringify(localStorage), document.cookie]
      for (const info of await indexedDB.databases()) dump.push(info.name ?? '')
      return dump.join('\n')
    })
    expect(stored).not.toContain('pw-e2e-off')

    // No network: record a household with the form.
    await officerContext.setOffline(true)
    await page.evaluate((v) => (location.hash = `#/record/household-new?parent=${v}`), VILLAGE)
    await page.getByLabel('บ้านเลขที่').fill('7')
    await page.getByLabel('ชื่อหัวหน้าครัวเรือน').fill('นางทดสอบ ออฟไลน์')
    await page.getByLabel('จำนวนคนเป้าหมาย').fill('3')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`#/record/household/${HOUSEHOLD_ID}`)

    await openSync(page)
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toBe('1 รายการ')
    await expect.poll(() => page.getByTestId('sync-pill').textContent()).not.toBe('ซิงค์แล้ว')
    await screenshot(page, 'sync-officer-offline-pending')
    expect((await admin.request('GET', `/cdd-9501/${encodeURIComponent(HOUSEHOLD_ID)}`)).status).toBe(404)

    // Back online: the app syncs by itself (the `online` event restarts replication).
    await officerContext.setOffline(false)
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toBe('0 รายการ')
    await expect.poll(() => overall(page), { timeout: 30_000 }).toBe('ok')
    await page.getByTestId('sync-now').click()
    await expect.poll(() => overall(page), { timeout: 30_000 }).toBe('ok')
    await screenshot(page, 'sync-officer-back-online')
    const onServer = await admin.request<Record<string, unknown>>('GET', `/cdd-9501/${encodeURIComponent(HOUSEHOLD_ID)}`)
    expect(onServer.body).toMatchObject({ headName: 'นางทดสอบ ออฟไลน์', createdBy: 'e2e-off9501', district: '9501', inTpmap: false })

    // The supervisor, on another phone.
    const supervisorContext = await phoneContext(browser)
    const sup = await supervisorContext.newPage()
    const supErrors = collectErrors(sup)
    await signIn(sup, 'e2e-sup95', 'pw-e2e-sup')
    await openSync(sup)
    await expect.poll(() => overall(sup), { timeout: 30_000 }).toBe('ok')
    // Areas by name, never by code alone (issue 10).
    const areasLine = (await sup.getByText(/พื้นที่: /).first().textContent()) ?? ''
    expect(areasLine).toMatch(/พื้นที่: .*ทดสอบหนึ่ง.*ทดสอบสอง.*ทดสอบอีทูอี/)
    expect(areasLine).not.toMatch(/\b95(01|02)?\b/)
    await sup.evaluate((v) => (location.hash = `#/villages/${v}`), VILLAGE)
    await expect.poll(() => sup.getByText('7 · นางทดสอบ ออฟไลน์').count(), { timeout: 15_000 }).toBe(1)
    await screenshot(sup, 'sync-supervisor-sees-household')

    // Sign-out with nothing waiting: the phone is cleared and the login form is back.
    await openSync(page)
    page.once('dialog', (d) => void d.accept())
    await page.getByTestId('signout-button').click()
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('การซิงค์ข้อมูล')
    await expect.poll(() => page.getByTestId('login-form').count()).toBe(1)

    expect(realErrors(errors)).toEqual([])
    expect(realErrors(supErrors)).toEqual([])
    await officerContext.close()
    await supervisorContext.close()
  })

  it('sign-out refuses while a record waits to upload, until the phone is exported', async () => {
    const context = await phoneContext(browser)
    const page = await context.newPage()
    await signIn(page, 'e2e-off9501', 'pw-e2e-off')
    await openSync(page)
    await expect.poll(() => overall(page), { timeout: 30_000 }).toBe('ok')
    await context.setOffline(true)
    await page.evaluate((v) => (location.hash = `#/record/household-new?parent=${v}`), VILLAGE)
    await page.getByLabel('บ้านเลขที่').fill('8')
    await page.getByLabel('ชื่อหัวหน้าครัวเรือน').fill('นายรอส่ง')
    await page.getByLabel('จำนวนคนเป้าหมาย').fill('1')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => page.evaluate(() => location.hash.startsWith('#/record/household/'))).toBe(true)
    await openSync(page)
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toBe('1 รายการ')

    // Sign-out checks for waiting records BEFORE asking to confirm deleting data (issue 15): no dialog.
    const dialogs: string[] = []
    const countDialog = (d: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(d.message())
      void d.dismiss()
    }
    page.on('dialog', countDialog)
    await page.getByTestId('signout-button').click()
    await expect.poll(() => page.getByTestId('signout-message').textContent()).toContain('ยังมี 1 รายการที่ยังไม่ได้ส่งขึ้นเซิร์ฟเวอร์')
    page.off('dialog', countDialog)
    expect(dialogs).toEqual([])
    await screenshot(page, 'sync-signout-refused')

    const download = page.waitForEvent('download')
    await page.getByTestId('export-button').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^cdd-export-e2e-off9501-\d{8}-\d{4}\.json$/)
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { dbs: { docs: { _id: string }[] }[] }
    expect(exported.dbs[0]?.docs.map((d) => d._id)).toContain(`household:${VILLAGE}:8:e2e-off9501`)

    page.once('dialog', (d) => void d.accept())
    await page.getByTestId('signout-button').click()
    await expect.poll(() => page.getByTestId('login-form').count(), { timeout: 15_000 }).toBe(1)
    await context.close()
  })

  it('two phones edit the same household offline: the conflict is shown side by side and resolved field by field', async () => {
    const id = `household:${VILLAGE}:9:e2e-off9501`
    // Phone 1 adds house 9 online; phone 2 signs in and receives it.
    const ctx1 = await phoneContext(browser)
    const phone1 = await ctx1.newPage()
    await signIn(phone1, 'e2e-off9501', 'pw-e2e-off')
    await openSync(phone1)
    await expect.poll(() => overall(phone1), { timeout: 30_000 }).toBe('ok')
    await addHousehold(phone1, '9', 'นายเก้า ตั้งต้น', '2')
    await expect.poll(async () => (await admin.request('GET', `/cdd-9501/${encodeURIComponent(id)}`)).status, { timeout: 30_000 }).toBe(200)

    const ctx2 = await phoneContext(browser)
    const phone2 = await ctx2.newPage()
    const errors = collectErrors(phone2)
    await signIn(phone2, 'e2e-off9501', 'pw-e2e-off')
    await openSync(phone2)
    await expect.poll(() => overall(phone2), { timeout: 30_000 }).toBe('ok')

    // Both lose the network and edit the same household differently.
    await ctx1.setOffline(true)
    await ctx2.setOffline(true)
    await editHousehold(phone1, id, { 'ชื่อหัวหน้าครัวเรือน': 'นายเก้า แก้จากเครื่องหนึ่ง' })
    await editHousehold(phone2, id, { 'ชื่อหัวหน้าครัวเรือน': 'นายเก้า แก้จากเครื่องสอง', 'จำนวนคนเป้าหมาย': '4' })

    // Phone 1 comes back first, then phone 2: both revisions meet on the server and on phone 2.
    await ctx1.setOffline(false)
    await expect.poll(async () => (await admin.request<{ _rev?: string }>('GET', `/cdd-9501/${encodeURIComponent(id)}`)).body._rev?.startsWith('2-'), { timeout: 30_000 }).toBe(true)
    await ctx2.setOffline(false)
    await openSync(phone2)
    await expect.poll(() => phone2.getByTestId('conflicts-link').count(), { timeout: 30_000 }).toBe(1)
    expect(await phone2.getByTestId('conflicts-link').textContent()).toContain('รายการที่แก้ไขชนกัน: 1')
    await phone2.getByTestId('conflicts-link').click()
    await phone2.getByTestId('conflict-list').getByRole('link').first().click()
    await expect.poll(() => phone2.getByTestId('conflict-table').count()).toBe(1)
    // Differences highlighted: name and count differ; the house number does not.
    const differing = await phone2.locator('[data-testid="conflict-table"] tr[data-differs] th').allTextContents()
    expect(differing.join('|')).toContain('ชื่อหัวหน้าครัวเรือน')
    expect(differing.join('|')).toContain('จำนวนคนเป้าหมาย')
    expect(differing.join('|')).not.toContain('บ้านเลขที่')
    await screenshot(phone2, 'sync-conflict-side-by-side')

    // Merge: phone 1's name, phone 2's count.
    await phone2.getByLabel(/เลือกค่า "นายเก้า แก้จากเครื่องหนึ่ง"/).check()
    await phone2.getByLabel(/เลือกค่า "4" .* จำนวนคนเป้าหมาย/).check()
    await phone2.getByTestId('conflict-save').click()
    await expect.poll(() => phone2.getByTestId('conflict-saved').count(), { timeout: 15_000 }).toBe(1)
    await screenshot(phone2, 'sync-conflict-resolved')
    await openSync(phone2)
    await expect.poll(() => phone2.getByTestId('conflicts-link').count(), { timeout: 15_000 }).toBe(0)

    // Live sync carries the choice to the server and to phone 1: one revision, the merged content.
    // (The merged revision and the losing revision's deletion are two changes: wait for both.)
    const onServer = async () => {
      const body = (await admin.request<Record<string, unknown>>('GET', `/cdd-9501/${encodeURIComponent(id)}?conflicts=true`)).body
      return { headName: body.headName, targetPersons: body.targetPersons, generation: String(body._rev).split('-')[0], conflicts: body._conflicts ?? [] }
    }
    await expect.poll(onServer, { timeout: 30_000 }).toEqual({ headName: 'นายเก้า แก้จากเครื่องหนึ่ง', targetPersons: 4, generation: '3', conflicts: [] })
    await phone1.evaluate((v) => (location.hash = `#/villages/${v}`), VILLAGE)
    await expect.poll(() => phone1.getByText('9 · นายเก้า แก้จากเครื่องหนึ่ง').count(), { timeout: 30_000 }).toBe(1)
    expect(realErrors(errors)).toEqual([])
    await ctx1.close()
    await ctx2.close()
  })
})

async function editHousehold(page: Page, id: string, fields: Record<string, string>): Promise<void> {
  await page.evaluate((h) => (location.hash = `#/record/household/${encodeURIComponent(h)}`), id)
  await page.getByRole('button', { name: /แก้ไขข้อมูล|ตรวจสอบครัวเรือน/ }).click()
  // Required fields' labels end with " *".
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(new RegExp(`^${label}`)).fill(value)
  await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
  await expect.poll(() => page.getByRole('button', { name: /แก้ไขข้อมูล|ตรวจสอบครัวเรือน/ }).count(), { timeout: 15_000 }).toBe(1)
}

async function addHousehold(page: Page, houseId: string, headName: string, persons: string): Promise<void> {
  await page.evaluate((v) => (location.hash = `#/record/household-new?parent=${v}`), VILLAGE)
  await page.getByLabel('บ้านเลขที่').fill(houseId)
  await page.getByLabel('ชื่อหัวหน้าครัวเรือน').fill(headName)
  await page.getByLabel('จำนวนคนเป้าหมาย').fill(persons)
  await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
  await expect.poll(() => page.evaluate(() => location.hash.startsWith('#/record/household/')), { timeout: 15_000 }).toBe(true)
}
