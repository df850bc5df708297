import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumArgs, ensureChromium } from './chromium'

/** The system Chromium through playwright-core; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs })
}

/**
 * A newly installed phone: its own Chromium with a persistent profile in a fresh folder, so
 * IndexedDB lies on disk as it does on a phone. (A context of `browser.newContext()` is
 * off-the-record: Chromium keeps its IndexedDB in memory, where a write costs more the more the
 * origin holds: a district of 1,174 docs took 0.4–1.6 s to write after 25,000 others, 0.2 s on disk.) Closing it
 * removes the folder.
 */
export async function freshDevice(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'cdd-device-'))
  const context = await chromium.launchPersistentContext(dir, { executablePath: ensureChromium(), headless: true, args: chromiumArgs, ...options })
  const close = context.close.bind(context)
  // Once Chromium has exited (its 'close' event comes while it still writes the profile).
  context.close = async (options) => {
    await close(options)
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
  return context
}

/** The connectivity probe's own URL: its failure offline is how the app learns it is offline. */
export const PROBE_PATH = '/couch/_session'

export function isProbeFailure(text: string, url: string): boolean {
  return text.startsWith('Failed to load resource') && new URL(url || 'about:blank', 'http://x').pathname === PROBE_PATH
}

/** Console errors and uncaught page errors, collected so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    // The header's reachability probe (src/app/connectivity.ts) is expected to fail with no network.
    if (isProbeFailure(message.text(), message.location().url)) return
    errors.push(`console: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return errors
}

/** How officers use the app: a phone 360 px wide, in Thai, in Bangkok's time zone. */
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok', deviceScaleFactor: 2, hasTouch: true }

/** A phone-sized context (360 px wide, Thai locale): how officers use the app. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext(PHONE)
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

export interface TestDeviceUser {
  name: string
  roles: string[]
  homeArea: string
  areas: string[]
  isSupervisor: boolean
}

/**
 * Puts a signed-in user on the device, as an online login leaves it (the app's Dexie `settings`
 * row), for tests that are not about login. The page must have opened the app once (Dexie made
 * the database); reload afterwards.
 */
export async function signInOnDevice(page: Page, user: TestDeviceUser): Promise<void> {
  await page.evaluate(
    (u) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cdd-local')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite')
          tx.objectStore('settings').put({ key: 'user', value: u })
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    user,
  )
}

let seedScript: Promise<string> | undefined

/**
 * Writes docs straight into a record db of the page (PouchDB on IndexedDB, the app's own adapter
 * set-up), as a first sync would leave them. The helper is bundled once per test run with esbuild.
 */
export async function seedRecords(page: Page, dbName: string, docs: unknown[]): Promise<{ ok?: boolean }[]> {
  seedScript ??= import('esbuild').then(async ({ build }) => {
    const result = await build({
      stdin: {
        contents: `import { openRecordDb } from './src/store/pouch'
          window.__seedRecords = async (name, docs) => { const db = openRecordDb(name); const r = await db.bulkDocs(docs); await db.close(); return r }`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    })
    return result.outputFiles[0]!.text
  })
  // Evaluated through DevTools, not injected as an inline <script>: the app's Content-Security-Policy
  // (script-src 'self') rightly refuses inline scripts, and the test must not weaken it.
  await page.evaluate(await seedScript)
  return page.evaluate(([name, list]) => (window as unknown as { __seedRecords: (n: string, d: unknown[]) => Promise<{ ok?: boolean }[]> }).__seedRecords(name as string, list as unknown[]), [dbName, docs] as const)
}

/** The production build served on 127.0.0.1 and a Chromium to open it, for an e2e file. */
export interface BuiltApp {
  browser: Browser
  server: { url: string; close(): Promise<void> }
  close(): Promise<void>
}

/**
 * Starts both. With no CouchDB the `/couch/` proxy points at a closed port: the app must open and
 * work offline without one.
 */
export async function startBuiltApp(couchUrl = 'http://127.0.0.1:9/'): Promise<BuiltApp> {
  const { startAppServer } = await import('../../server/app-server')
  const server = await startAppServer({ distDir: 'dist', couchUrl, port: 0 })
  const browser = await launchBrowser()
  return {
    browser,
    server,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

/**
 * Writes the persisted sync status (Dexie meta `sync.status`) as replication leaves it once each of
 * `arrived` has pulled everything; `notArrived` areas are left mid-first-pull. Reload afterwards.
 */
export async function seedSyncStatus(page: Page, arrived: readonly string[], notArrived: readonly string[] = []): Promise<void> {
  const at = '2022-06-30T03:00:00.000Z'
  const areas: Record<string, unknown> = {}
  for (const a of arrived) areas[a] = { phase: 'ok', caughtUp: { push: true, pull: true }, lastOkAt: at, sent: 0, received: 10, roundSent: 0, roundReceived: 0, pending: 0, denied: [] }
  for (const a of notArrived) areas[a] = { phase: 'active', caughtUp: { push: false, pull: false }, sent: 0, received: 3, roundSent: 0, roundReceived: 3, pending: 0, denied: [] }
  await page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cdd-local')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite')
          tx.objectStore('meta').put({ key: 'sync.status', value })
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    { areas },
  )
}
