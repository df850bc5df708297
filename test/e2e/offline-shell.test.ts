import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectErrors, PROBE_PATH, phoneContext, screenshot, signInOnDevice, waitForServiceWorkerControl, startBuiltApp, type BuiltApp } from '../support/browser'

// The production build (npm run test:browser builds it first), served on 127.0.0.1.
describe('the installed app works with no network', () => {
  let app: BuiltApp
  let browser: Browser
  let server: BuiltApp['server']

  beforeAll(async () => {
    app = await startBuiltApp()
    ;({ browser, server } = app)
  })
  afterAll(() => app?.close())

  it('first visit, service worker takes control, offline reload renders the Thai home screen with no console errors', async () => {
    const context = await phoneContext(browser)
    const page = await context.newPage()
    const errors = collectErrors(page)
    const failed: string[] = []
    page.on('requestfailed', (r) => {
      if (new URL(r.url()).pathname !== PROBE_PATH) failed.push(r.url())
    })

    // Nobody has signed in on this phone yet: the shell asks for a login, in Thai.
    await page.goto(server.url)
    await expect.poll(() => page.locator('h1').textContent()).toBe('เข้าสู่ระบบ')
    await waitForServiceWorkerControl(page)

    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')
      return link ? ((await (await fetch(link.href)).json()) as { name: string; icons: unknown[]; lang: string }) : null
    })
    expect(manifest?.name).toBe('สำรวจงานพัฒนาชุมชน')
    expect(manifest?.lang).toBe('th')
    expect(manifest?.icons.length).toBeGreaterThanOrEqual(2)

    // An online login leaves the user on the device; from then on the app opens offline as them.
    await signInOnDevice(page, { name: 'off4301', roles: ['district:4301'], homeArea: '4301', areas: ['4301'], isSupervisor: false })
    await context.setOffline(true)
    await page.reload()
    await expect.poll(() => page.locator('h1').textContent()).toBe('งานวันนี้')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('th')
    await expect.poll(() => page.getByTestId('connectivity').textContent()).toBe('ออฟไลน์')

    // The Thai font comes from the precache too, not the network.
    const thaiFontFaces = await page.evaluate(async () => (await document.fonts.load('16px Sarabun', 'ก')).length)
    expect(thaiFontFaces).toBeGreaterThan(0)

    // Every screen of the shell opens offline and says what will appear there.
    for (const [hash, heading] of [
      ['#/villages', 'หมู่บ้าน'],
      ['#/dashboards', 'ภาพรวมความก้าวหน้า'],
      ['#/sync', 'การซิงค์ข้อมูล'],
      ['#/settings', 'ตั้งค่า'],
    ] as const) {
      await page.goto(`${server.url}${hash}`)
      await expect.poll(() => page.locator('h1').textContent()).toBe(heading)
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(360)
    await screenshot(page, 'offline-settings-360')

    expect(errors).toEqual([])
    // Offline, the app does not knock on the sync server over and over.
    expect(failed).toEqual([])
    await context.close()
  })

  it('opened offline straight on a form, fetches the form chunk while the app scripts still load', async () => {
    const context = await phoneContext(browser)
    const setup = await context.newPage()
    await setup.goto(server.url)
    await waitForServiceWorkerControl(setup)
    await signInOnDevice(setup, { name: 'off4301', roles: ['district:4301'], homeArea: '4301', areas: ['4301'], isSupervisor: false })
    await setup.close()
    await context.setOffline(true)

    // When each fetch started, from the page's own resource timing, and when the app's entry ran.
    const started = (p: Page): Promise<Record<string, number | undefined>> =>
      p.evaluate(() => ({
        ...Object.fromEntries((performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => [new URL(e.name).pathname, e.startTime])),
        main: performance.getEntriesByName('app:main')[0]?.startTime,
      }))
    const page = await context.newPage()
    const errors = collectErrors(page)
    await page.goto(`${server.url}#/record/pr-post`)
    await expect.poll(() => page.locator('form input:not([disabled]), form select:not([disabled])').count()).toBeGreaterThan(0)
    const onForm = await started(page)
    const recordChunk = Object.keys(onForm).find((p) => /^\/assets\/record-[\w-]+\.js$/.test(p))
    expect(recordChunk).toBeDefined()
    // Asked for before the app's entry ran (which asks for it too, too late for a cold start).
    expect(onForm.main).toBeDefined()
    expect(onForm[recordChunk!]).toBeLessThan(onForm.main!)

    // The home screen does not fetch a form's chunk before its own scripts run (only after, in the background).
    const home = await context.newPage()
    await home.goto(server.url)
    await expect.poll(() => home.locator('h1').textContent()).toBe('งานวันนี้')
    const onHome = await started(home)
    expect(onHome.main).toBeDefined()
    expect(onHome[recordChunk!] ?? Infinity).toBeGreaterThan(onHome.main!)
    expect(errors).toEqual([])
    await context.close()
  })

  it('switches to English from settings and keeps the choice across a reload', async () => {
    const context = await phoneContext(browser)
    const page = await context.newPage()
    const errors = collectErrors(page)
    await page.goto(`${server.url}#/settings`)
    await page.getByLabel('อังกฤษ').check()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings')
    await page.reload()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(errors).toEqual([])
    await context.close()
  })
})
