import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { chromiumArgs, ensureChromium } from './chromium'

/** The system Chromium through playwright-core; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs })
}

/** Console errors and uncaught page errors, collected so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return errors
}

/** A phone-sized context (360 px wide, Thai locale): how officers use the app. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok', deviceScaleFactor: 2, hasTouch: true })
}

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, { timeout: 30_000 })
}

export const OUTPUT_DIR = 'test-output'

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const path = `${OUTPUT_DIR}/${name}.png`
  await page.screenshot({ path, fullPage: true })
  return path
}
