/**
 * Sessions that last, in a real browser that is closed and started again (issue 11, part 4). The
 * production build behind the app server, /couch/ proxied to the test CouchDB (the stand-in, or a
 * real CouchDB 3.5 with COUCH_URL: scripts/test-real.sh runs this file on both). Chromium runs with
 * a persistent profile (user-data-dir), so closing it ends the browser process and a new launch
 * finds the same cookies and IndexedDB — as an officer's phone does between days.
 *
 * 1. Sign in, save, it uploads. Close the browser. Start it again: still signed in to the SERVER
 *    (GET /couch/_session names the officer), and a new record uploads.
 * 2. The session lifetime is cut to 20 s: online, the app renews it past 20 s. The phone goes offline and saves a record; the cookie
 *    expires meanwhile. Back online: ONE sign-in prompt (one form on the sync screen, the header pill
 *    says so, no dialog), a record saved while it shows is kept, and after signing in again both
 *    records upload.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import { provision } from '../../couch/provision'
import { ensureNodeConfig, ensureSessionSettings } from '../../couch/session-settings'
import type { UserRow } from '../../couch/users-csv'
import { startAppServer, type AppServer } from '../../server/app-server'
import { collectErrors, screenshot } from '../support/browser'
import { chromiumArgs, ensureChromium } from '../support/chromium'
import { getTestCouch, type TestCouch } from '../support/couch'

const GEO: Geography = {
  province: { code: '82', name: 'จังหวัดทดสอบเซสชัน' },
  districts: [{ code: '8201', name: 'อำเภอเซสชันหนึ่ง', subdistricts: [{ code: '820101', name: 'ตำบลเซสชัน' }] }],
}
const OFFICER: UserRow = { name: 'e2e-sess8201', password: 'pw-e2e-sess', role: 'officer', area: '8201' }
const DBS = ['cdd-82', 'cdd-8201']
const VILLAGE = '82010101'
const householdId = (house: string) => `household:${VILLAGE}:${house}:${OFFICER.name}`
const SHORT_LIFETIME = 20

let couch: TestCouch
let admin: CouchClient
let server: AppServer
let profile: string

async function cleanUp(): Promise<void> {
  for (const db of DBS) await admin.request('DELETE', `/${db}`)
  const doc = await admin.request<{ _rev?: string }>('GET', `/_users/org.couchdb.user:${OFFICER.name}`)
  if (doc.body?._rev) await admin.request('DELETE', `/_users/org.couchdb.user:${OFFICER.name}?rev=${doc.body._rev}`)
}

beforeAll(async () => {
  couch = await getTestCouch()
  admin = couchClient(couch.adminUrl)
  await cleanUp()
  await provision(couch.adminUrl, { geography: GEO, users: [OFFICER] })
  const at = '2026-01-01T00:00:00.000Z'
  const village = { _id: `village:${VILLAGE}`, type: 'village', schema: 1, district: '8201', code: VILLAGE, moo: 1, name: 'บ้านเซสชัน', tambonCode: '820101', tambonName: 'ตำบลเซสชัน', createdBy: 'admin', createdAt: at, updatedBy: 'admin', updatedAt: at, device: 'seed' }
  expect((await admin.request('PUT', `/cdd-8201/${encodeURIComponent(village._id)}`, village)).status).toBe(201)
  server = await startAppServer({ distDir: 'dist', couchUrl: couch.url, port: 0 })
  profile = mkdtempSync(join(tmpdir(), 'cdd-e2e-profile-'))
})

afterAll(async () => {
  await server?.close()
  if (admin) {
    await ensureSessionSettings(admin)
    await cleanUp()
  }
  await couch?.close()
  if (profile) rmSync(profile, { recursive: true, force: true })
})

/** A whole Chromium process on the persistent profile, phone-sized; closing the context ends it. */
async function launchPhone(): Promise<{ context: BrowserContext; page: Page; errors: string[]; dialogs: string[] }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    args: chromiumArgs,
    viewport: { width: 360, height: 740 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    deviceScaleFactor: 2,
    hasTouch: true,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors = collectErrors(page)
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss().catch(() => undefined)
  })
  return { context, page, errors, dialogs }
}

// Chromium logs refused requests (offline, and the 401s of an expired session) as console errors.
const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|net::ERR_/.test(e))
const overall = (page: Page) => page.getByTestId('sync-overall').getAttribute('data-state')
const serverName = (page: Page) => page.evaluate(async () => ((await (await fetch('/couch/_session', { credentials: 'include' })).json()) as { userCtx: { name: string | null } }).userCtx.name)
const onServer = async (id: string) => (await admin.request('GET', `/cdd-8201/${encodeURIComponent(id)}`)).status

async function openSync(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/sync'))
  await expect.poll(() => page.locator('h1').textContent()).toBe('การซิงค์ข้อมูล')
}

async function saveHousehold(page: Page, house: string, head: string): Promise<void> {
  await page.evaluate((v) => (location.hash = `#/record/household-new?parent=${v}`), VILLAGE)
  await page.getByLabel('บ้านเลขที่').fill(house)
  await page.getByLabel('ชื่อหัวหน้าครัวเรือน').fill(head)
  await page.getByLabel('จำนวนคนเป้าหมาย').fill('2')
  await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash)), { timeout: 15_000 }).toBe(`#/record/household/${householdId(house)}`)
}

describe('sessions that last', () => {
  it('survive a browser restart; an expired one asks for the password once and loses nothing', async () => {
    // ── Day 1: sign in, save, it uploads; close the browser.
    let phone = await launchPhone()
    const allErrors: string[][] = [phone.errors]
    const allDialogs: string[][] = [phone.dialogs]
    await phone.page.goto(server.url)
    await expect.poll(() => phone.page.locator('h1').textContent()).toBe('เข้าสู่ระบบ')
    await phone.page.getByLabel('ชื่อผู้ใช้').fill(OFFICER.name)
    await phone.page.getByLabel('รหัสผ่าน').fill(OFFICER.password)
    await phone.page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click()
    await expect.poll(() => phone.page.locator('h1').textContent(), { timeout: 15_000 }).toBe('งานวันนี้')
    await openSync(phone.page)
    await expect.poll(() => overall(phone.page), { timeout: 30_000 }).toBe('ok')
    await saveHousehold(phone.page, '11', 'นางวันแรก')
    await expect.poll(() => onServer(householdId('11')), { timeout: 30_000 }).toBe(200)
    // The cookie is persistent (provisioning: allow_persistent_cookies, 7 days) and SameSite=Strict.
    const cookie = (await phone.context.cookies()).find((c) => c.name === 'AuthSession')
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 6 * 24 * 3600)
    expect(cookie?.sameSite).toBe('Strict')
    expect(cookie?.httpOnly).toBe(true)
    await phone.context.close()

    // ── Day 2: a new browser process on the same profile is still signed in, on the server too.
    phone = await launchPhone()
    allErrors.push(phone.errors)
    allDialogs.push(phone.dialogs)
    await phone.page.goto(server.url)
    await expect.poll(() => phone.page.locator('h1').textContent(), { timeout: 15_000 }).toBe('งานวันนี้')
    expect(await serverName(phone.page)).toBe(OFFICER.name)
    await saveHousehold(phone.page, '12', 'นายวันที่สอง')
    await expect.poll(() => onServer(householdId('12')), { timeout: 30_000 }).toBe(200)
    await openSync(phone.page)
    await expect.poll(() => overall(phone.page), { timeout: 30_000 }).toBe('ok')

    // ── The office shortens the session; the phone is offline long enough for it to end.
    await ensureNodeConfig(admin, [
      ['chttpd_auth', 'timeout', String(SHORT_LIFETIME)],
      ['couch_httpd_auth', 'timeout', String(SHORT_LIFETIME)],
    ])
    // Online, the app's own requests (sync's poll, the probe) renew it through the /couch/ proxy:
    // still signed in after more than the lifetime, with a cookie the server re-issued for 20 s.
    await phone.page.waitForTimeout((SHORT_LIFETIME + 10) * 1000)
    expect(await serverName(phone.page)).toBe(OFFICER.name)
    const renewed = (await phone.context.cookies()).find((c) => c.name === 'AuthSession')
    expect(renewed?.expires).toBeLessThan(Date.now() / 1000 + SHORT_LIFETIME + 5)
    expect(renewed?.sameSite).toBe('Strict')

    await phone.context.setOffline(true)
    await saveHousehold(phone.page, '13', 'นางออฟไลน์')
    await new Promise((resolve) => setTimeout(resolve, (SHORT_LIFETIME + 5) * 1000))
    await phone.context.setOffline(false)
    await openSync(phone.page)
    await expect.poll(() => overall(phone.page), { timeout: 60_000 }).toBe('sign-in')
    expect(await serverName(phone.page)).toBeNull()
    // One prompt: one form, the header pill, no dialog — and nothing uploaded without a session.
    await expect.poll(() => phone.page.getByTestId('login-form').count()).toBe(1)
    expect(await phone.page.getByTestId('sync-pill').textContent()).toContain('ต้องเข้าสู่ระบบ')
    expect(await onServer(householdId('13'))).toBe(404)
    await screenshot(phone.page, 'session-expired-prompt')

    // Work goes on while the prompt is there: a record saved now is kept and waits too.
    await saveHousehold(phone.page, '14', 'นายระหว่างรอ')
    await openSync(phone.page)
    await expect.poll(() => phone.page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toBe('2 รายการ')
    await expect.poll(() => phone.page.getByTestId('login-form').count()).toBe(1)
    await phone.page.waitForTimeout(12_000) // more sync rounds and polls: still one prompt
    expect(await phone.page.getByTestId('login-form').count()).toBe(1)

    // Sign in again (same user; the name is filled in): everything waiting uploads. The lifetime is
    // back to 7 days first (both servers judge a cookie by the lifetime configured now).
    await ensureSessionSettings(admin)
    expect(await phone.page.getByLabel('ชื่อผู้ใช้').inputValue()).toBe(OFFICER.name)
    await phone.page.getByLabel('รหัสผ่าน').fill(OFFICER.password)
    await phone.page.getByRole('button', { name: 'เข้าสู่ระบบอีกครั้ง' }).click()
    await expect.poll(() => onServer(householdId('13')), { timeout: 30_000 }).toBe(200)
    await expect.poll(() => onServer(householdId('14')), { timeout: 30_000 }).toBe(200)
    await openSync(phone.page)
    await expect.poll(() => overall(phone.page), { timeout: 30_000 }).toBe('ok')
    expect(await phone.page.getByTestId('sync-pending').textContent()).toBe('0 รายการ')
    expect(await phone.page.getByTestId('login-form').count()).toBe(0)
    expect(await serverName(phone.page)).toBe(OFFICER.name)
    const all = await admin.request<{ rows: { id: string }[] }>('GET', '/cdd-8201/_all_docs?startkey=%22household%3A%22&endkey=%22household%3A%EF%BF%B0%22')
    expect(all.body.rows.map((r) => r.id).sort()).toEqual(['11', '12', '13', '14'].map(householdId))
    await phone.context.close()

    expect(allDialogs.flat()).toEqual([])
    expect(allErrors.flatMap(realErrors)).toEqual([])
  }, 240_000)
})
