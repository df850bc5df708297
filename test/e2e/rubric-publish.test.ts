/**
 * Issue 13 on the phone, end to end in Chromium (the production build, the app server's /couch/
 * proxy, the embedded server or COUCH_URL): a province supervisor opens Dashboards › Rubric, rolls
 * the newest edition forward to this fiscal year, edits one date (a bad value is refused naming the
 * field), publishes; the doc is on the server and the dashboards name the new edition at once. An
 * officer sees the list only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import type { UserRow } from '../../couch/users-csv'
import { startAppServer, type AppServer } from '../../server/app-server'
import { fiscalYearBE } from '../../src/scoring/editions'
import { todayIn } from '../../src/schema/dates'
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../support/browser'
import type { TestCouch } from '../support/couch'
import { provisionTestArea, type TestArea } from '../support/test-area'
import { goTo, signInThroughUi } from '../support/test-app'

const GEO: Geography = {
  province: { code: '93', name: 'จังหวัดทดสอบเกณฑ์' },
  districts: [{ code: '9301', name: 'อำเภอทดสอบเกณฑ์', subdistricts: [{ code: '930101', name: 'ตำบลทดสอบเกณฑ์' }] }],
}
const USERS: UserRow[] = [
  { name: 'rb-off9301', password: 'pw-rb-off', role: 'officer', area: '9301' },
  { name: 'rb-sup93', password: 'pw-rb-sup', role: 'supervisor', area: '93' },
]
const YEAR = fiscalYearBE(todayIn())

let area: TestArea
let couch: TestCouch
let admin: CouchClient
let server: AppServer
let browser: Browser

beforeAll(async () => {
  area = await provisionTestArea(GEO, USERS)
  ;({ couch, admin } = area)
  server = await startAppServer({ distDir: 'dist', couchUrl: couch.url, port: 0 })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await area?.close()
})

const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e))

describe('publishing a rubric edition on the phone', () => {
  it('a supervisor rolls forward, edits a date, publishes; the server has it and the dashboards name it', async () => {
    const ctx = await phoneContext(browser)
    const page = await ctx.newPage()
    const errors = collectErrors(page)
    await signInThroughUi(page, server.url, 'rb-sup93', 'pw-rb-sup')
    await goTo(page, '#/dashboards')
    await page.getByRole('link', { name: 'เกณฑ์การให้คะแนน' }).click({ timeout: 30_000 })
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('เกณฑ์การให้คะแนน')
    expect(await page.getByTestId('rubric-list').textContent()).toContain('มาพร้อมแอป')

    const form = page.getByTestId('rubric-roll-form')
    const verifyBy = form.getByLabel('ภารกิจ 1: รับรองข้อมูลภายในวันที่')
    const rolled = await verifyBy.inputValue()
    expect(rolled >= `${YEAR - 544}-10-01` && rolled <= `${YEAR - 543}-09-30`).toBe(true)
    // A bad number is refused in Thai, naming the field.
    await form.getByLabel('ภารกิจ 1: เยี่ยมบ้านต่อเดือน (ครั้ง)').fill('สอง')
    await form.getByRole('button', { name: 'เผยแพร่เกณฑ์' }).click()
    expect(await form.locator('.field__error').first().textContent()).toBe('ภารกิจ 1: เยี่ยมบ้านต่อเดือน (ครั้ง): ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 31')
    await form.getByLabel('ภารกิจ 1: เยี่ยมบ้านต่อเดือน (ครั้ง)').fill('2')
    const edited = `${YEAR - 543}-01-20`
    await verifyBy.fill(edited)
    await form.getByRole('button', { name: 'เผยแพร่เกณฑ์' }).click()
    await expect.poll(() => page.getByTestId('rubric-outcome').textContent(), { timeout: 20_000 }).toBe(`เผยแพร่ เกณฑ์ปีงบประมาณ ${YEAR} แล้ว`)
    await screenshot(page, 'rubric-publish-360')

    const doc = (await admin.request<{ edition: { m1: { verifyBy: string }; demo?: boolean } }>('GET', `/cdd-93/rubric:${YEAR}`)).body
    expect(doc).toMatchObject({ type: 'rubric-edition', province: '93', publishedBy: 'rb-sup93', edition: { name: `FY${YEAR}`, year: YEAR, derivedFrom: 'FY2565' } })
    expect(doc.edition.m1.verifyBy).toBe(edited)
    expect(doc.edition.demo).toBeUndefined()

    // The device switched at once: the list marks it in use, the dashboards name it.
    expect(await page.getByTestId(`rubric-${YEAR}`).textContent()).toContain('ใช้อยู่')
    await goTo(page, '#/dashboards')
    await expect.poll(() => page.getByTestId('edition-line').textContent(), { timeout: 20_000 }).toContain(`เกณฑ์ปีงบประมาณ ${YEAR}`)
    expect(await page.getByTestId('edition-banner').count()).toBe(0)
    expect(realErrors(errors)).toEqual([])
    await ctx.close()
  })

  it('an officer sees the list only', async () => {
    const ctx = await phoneContext(browser)
    const page = await ctx.newPage()
    await signInThroughUi(page, server.url, 'rb-off9301', 'pw-rb-off')
    await goTo(page, '#/dashboards/rubric')
    await expect.poll(() => page.getByTestId('rubric-supervisor-only').textContent(), { timeout: 20_000 }).toBe('เฉพาะหัวหน้าระดับจังหวัดเผยแพร่เกณฑ์ได้')
    expect(await page.getByTestId('rubric-roll-form').count()).toBe(0)
    // It pulled the province's editions: this year's published one is in use.
    await expect.poll(() => page.getByTestId('rubric-list').textContent(), { timeout: 20_000 }).toContain(`เกณฑ์ปีงบประมาณ ${YEAR}`)
    await ctx.close()
  })
})
