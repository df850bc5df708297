/**
 * Photos in the production build, real Chromium, real HTTP to the sync server: an officer's plot
 * page shows the assessment's thumbnails; a tap opens the full photo, fetched through /couch/ from
 * the district media store; offline afterwards it opens from the phone's cache, while a photo never
 * opened shows its thumbnail and says the full photo needs a connection. The assessment form offers
 * both a camera and a gallery button. Screenshots at 360 px in Thai go to test-output/.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchClient } from '../../couch/couch-http'
import { mediaId, thumbName } from '../../src/schema/media'
import { demoImagePool } from '../../src/store/demo-photos'
import { cleanUp, password, setUpProvince } from '../integration/sync-helpers'
import { collectErrors, phoneContext, screenshot, seedRecords, signInOnDevice, startBuiltApp, waitForServiceWorkerControl, type BuiltApp } from '../support/browser'
import { getTestCouch, type TestCouch } from '../support/couch'

const USER = { name: 'sync-off9601', roles: ['district:9601'], homeArea: '9601', areas: ['9601'], isSupervisor: false }
const envelope = (by: string) => ({ schema: 1, district: '9601', createdBy: by, createdAt: '2026-01-10T03:00:00.000Z', updatedBy: by, updatedAt: '2026-01-10T03:00:00.000Z', device: 'phone-a' })
const PLOT = 'plot:960101:H-001'
const ASSESS = `assess:${PLOT}:01FQZ7Y5J8B3W6N4K2M9P0R1C0`
const KEYS = ['01FQZ7Y5J8B3W6N4K2M9P0R1C1', '01FQZ7Y5J8B3W6N4K2M9P0R1C2']

const pool = demoImagePool(1, 4, 960, 75)
const plot = { _id: PLOT, type: 'plot', ...envelope('admin'), kind: 'HLM', plotNo: 'H-001', tambonCode: '960101', ownerName: 'นายสมชาย ใจดี', areaRai: 2.5 }
const assessment = {
  _id: ASSESS, type: 'plot-assessment', ...envelope('sync-off9601'), plotId: PLOT, kind: 'HLM', on: '2026-01-10', reducesExpenses: true, selfReliant: true,
  photos: KEYS.map((k, i) => ({ id: mediaId(ASSESS, 'sync-off9601', k), thumb: thumbName(k), type: 'image/jpeg', bytes: pool[i]!.full.length })),
  _attachments: Object.fromEntries(KEYS.map((k, i) => [thumbName(k), { content_type: 'image/jpeg', data: pool[i]!.thumbBase64 }])),
}
const media = KEYS.map((k, i) => ({
  _id: mediaId(ASSESS, 'sync-off9601', k), type: 'photo', schema: 1, district: '9601', recordId: ASSESS, createdBy: 'sync-off9601', createdAt: '2026-01-10T03:00:00.000Z', device: 'phone-a',
  _attachments: { photo: { content_type: 'image/jpeg', data: pool[i]!.fullBase64 } },
}))


let couch: TestCouch
let admin: CouchClient
let app: BuiltApp

beforeAll(async () => {
  couch = await getTestCouch()
  for (const db of ['cdd-9601-media', 'cdd-9602-media']) await fetch(`${couch.url}/${db}`, { method: 'DELETE', headers: { authorization: 'Basic ' + Buffer.from(`admin:${new URL(couch.adminUrl).password}`).toString('base64') } })
  admin = await setUpProvince(couch)
  expect((await admin.request<{ error?: string }[]>('POST', '/cdd-9601/_bulk_docs', { docs: [plot, assessment] })).body.filter((r) => r.error)).toEqual([])
  expect((await admin.request<{ error?: string }[]>('POST', '/cdd-9601-media/_bulk_docs', { docs: media })).body.filter((r) => r.error)).toEqual([])
  app = await startBuiltApp(`${couch.url}/`)
})
afterAll(async () => {
  await app?.close()
  if (admin) {
    for (const db of ['cdd-9601-media', 'cdd-9602-media']) await admin.request('DELETE', `/${db}`)
    await cleanUp(admin)
  }
  await couch?.close()
})

async function h1(page: Page): Promise<string | null> {
  return page.locator('h1').first().textContent()
}

describe('photos in the app', () => {
  it('thumbnails offline, the full photo fetched online and opened offline afterwards, "needs a connection" otherwise', async () => {
    const context = await phoneContext(app.browser)
    const page = await context.newPage()
    const errors = collectErrors(page)
    await page.goto(app.server.url)
    await waitForServiceWorkerControl(page)
    // A real login through the same-origin proxy (the cookie the app's fetches carry), then the device user.
    const login = await page.evaluate(async (pw) => (await fetch('/couch/_session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sync-off9601', password: pw }) })).status, password('sync-off9601'))
    expect(login).toBe(200)
    await signInOnDevice(page, USER)
    // The records as a first sync leaves them (the full photos stay on the server).
    await seedRecords(page, 'cdd-9601-sync-off9601', [plot, assessment])
    await page.goto(`${app.server.url}/#/record/plot/${encodeURIComponent(PLOT)}`)
    await page.reload()
    await expect.poll(() => h1(page), { timeout: 30_000 }).toBe('HLM H-001')
    await expect.poll(() => page.locator('[data-testid="record-photos"] img').count(), { timeout: 20_000 }).toBe(2)
    await screenshot(page, 'photos-plot-thumbnails-360')

    // Online: the full photo is fetched from the media store.
    await page.getByRole('button', { name: 'เปิดรูปที่ 1 ขนาดเต็ม' }).click()
    const viewer = page.getByTestId('photo-viewer')
    await expect.poll(() => viewer.locator('img.photo-viewer__img:not(.photo-viewer__img--thumb)').count(), { timeout: 20_000 }).toBe(1)
    const width = await viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)
    expect(width).toBe(960)
    await screenshot(page, 'photos-full-photo-360')
    await page.getByRole('button', { name: 'ปิดรูป', exact: true }).click()

    // Offline, after a reload: photo 1 opens from the phone; photo 2 (never opened) cannot.
    await context.setOffline(true)
    await page.reload()
    await expect.poll(() => page.locator('[data-testid="record-photos"] img').count(), { timeout: 20_000 }).toBe(2)
    await page.getByRole('button', { name: 'เปิดรูปที่ 1 ขนาดเต็ม' }).click()
    await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(960)
    await page.getByRole('button', { name: 'ปิดรูป', exact: true }).click()
    await page.getByRole('button', { name: 'เปิดรูปที่ 2 ขนาดเต็ม' }).click()
    await expect.poll(() => page.getByTestId('photo-viewer-status').textContent(), { timeout: 20_000 }).toContain('ต้องต่ออินเทอร์เน็ต')
    expect(await viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
    await screenshot(page, 'photos-offline-needs-connection-360')
    await page.getByRole('button', { name: 'ปิดรูป', exact: true }).click()

    // The form: a camera button and a gallery button; photos picked from the gallery show as thumbnails.
    await page.goto(`${app.server.url}/#/record/plot-assessment?parent=${encodeURIComponent(PLOT)}`)
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('ประเมินแปลง HLM (ครัวเรือน)')
    expect(await page.locator('label.photo-button').allTextContents()).toEqual(['ถ่ายรูป', 'เลือกรูปจากเครื่อง'])
    expect(await page.getAttribute('[data-testid="photo-camera"]', 'capture')).toBe('environment')
    expect(await page.getAttribute('[data-testid="photo-gallery"]', 'capture')).toBeNull()
    await page.setInputFiles('[data-testid="photo-gallery"]', pool.slice(0, 3).map((p, i) => ({ name: `g${i}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(p.full) })))
    await expect.poll(() => page.locator('.thumbs img').count(), { timeout: 20_000 }).toBe(3)
    await screenshot(page, 'photos-assessment-form-360')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.check('#f-plot-assessment-reducesExpenses')
    await page.check('#f-plot-assessment-selfReliant')
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click()
    await expect.poll(() => h1(page), { timeout: 20_000 }).toBe('HLM H-001')
    await expect.poll(() => page.locator('[data-testid="record-photos"] img').count(), { timeout: 20_000 }).toBe(5)
    // Taken on this phone: opens offline at full size (never uploaded yet — offline).
    await page.getByRole('button', { name: 'เปิดรูปที่ 1 ขนาดเต็ม' }).first().click()
    await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(960)
    await page.getByRole('button', { name: 'ปิดรูป', exact: true }).click()
    await page.goto(`${app.server.url}/#/sync`)
    await expect.poll(() => page.getByTestId('sync-photos-waiting').textContent(), { timeout: 20_000 }).toBe('3 รูป')
    await screenshot(page, 'photos-sync-waiting-360')
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/i.test(e))).toEqual([])
    await context.close()
  })
})
