import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../test/support/browser'
import { startEmbeddedCouch } from '../couch/embedded-server'
import { startAppServer } from '../server/app-server'
import { syntheticDistrictDocs } from './synthetic-docs'
import { figure, median, percentile, type Figure } from './figures'

/*
 * The figures measured in real Chromium: saving with 100,000 docs on the device, and the initial
 * pull of 20,000 docs from the embedded server (the app's path next to a bare PouchDB replicate).
 */

const BENCH_DIST = '.bench-dist'
const ADMIN = { name: 'admin', password: 'bench-admin-pw' }

async function buildBenchPage(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: 'bench/browser',
    build: { outDir: join(process.cwd(), BENCH_DIST), emptyOutDir: true, target: 'es2020' },
    define: { __APP_VERSION__: '"bench"' },
  })
}

async function seedServer(adminUrl: string, dbName: string, docs: Record<string, unknown>[]): Promise<void> {
  const url = new URL(adminUrl)
  const auth = { authorization: 'Basic ' + Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64') }
  url.username = ''
  url.password = ''
  const base = url.toString().replace(/\/$/, '')
  await fetch(`${base}/${dbName}`, { method: 'PUT', headers: auth })
  for (let i = 0; i < docs.length; i += 2000) {
    const res = await fetch(`${base}/${dbName}/_bulk_docs`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ docs: docs.slice(i, i + 2000) }) })
    if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`)
  }
}

async function openBenchPage(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForFunction(() => window.benchReady === true)
}

/** Per-village progress read from IndexedDB + computed, 25,000 households, both ways (packed facts, every row). */
export async function benchProgressBrowser(docs = 100_000, runs = 9): Promise<Figure[]> {
  await buildBenchPage()
  const app = await startAppServer({ distDir: BENCH_DIST, couchUrl: 'http://127.0.0.1:9/', port: 0 })
  const browser = await launchBrowser()
  try {
    const page = await (await browser.newContext()).newPage()
    await openBenchPage(page, app.url)
    const r = await page.evaluate((o) => window.benchProgress(o), { docs, runs })
    const n = r.households.toLocaleString('en-US')
    return [
      figure(`per-village progress, ${n} households (read per-village facts from IndexedDB + compute, Chromium, median)`, median(r.facts), 'ms', 150, `${r.factsRows} facts rows, ${r.villages} villages, ${r.plots} plots, ${runs} runs`),
      figure(`per-village progress, ${n} households (read every household and plot row + compute, Chromium, median)`, median(r.raw), 'ms'),
      figure(`  · of which: read the villages, facts and complaints rows (median)`, median(r.split.read), 'ms'),
      figure(`  · of which: unpack the facts (median)`, median(r.split.unpack), 'ms'),
      figure(`  · of which: compute (median)`, median(r.split.compute), 'ms'),
    ]
  } finally {
    await browser.close()
    await app.close()
  }
}

export async function benchBrowser(options: { saveDocs?: number; saves?: number; pullDocs?: number } = {}): Promise<Figure[]> {
  const { saveDocs = 100_000, saves = 60, pullDocs = 20_000 } = options
  await buildBenchPage()
  const dataDir = mkdtempSync(join(tmpdir(), 'cdd-bench-couch-'))
  const couch = await startEmbeddedCouch({ dataDir, admin: ADMIN })
  const app = await startAppServer({ distDir: BENCH_DIST, couchUrl: couch.url, port: 0 })
  const browser = await launchBrowser()
  const figures: Figure[] = []
  try {
    const context = await browser.newContext()
    const page = await context.newPage()
    page.on('console', (m) => m.type() === 'error' && console.error('  [page]', m.text()))
    await openBenchPage(page, app.url)

    // A smaller device too (moved here from test/browser/records.test.ts, where it was a test that could not fail).
    process.stdout.write(`  seeding 10,000 docs into IndexedDB and timing ${saves} household checks…\n`)
    const small = [...(await page.evaluate((o) => window.benchSave(o), { docs: 10_000, saves })).times].sort((a, b) => a - b)
    figures.push(figure('save a household check, 10,000 docs on device (p50)', percentile(small, 50), 'ms'))
    figures.push(figure('save a household check, 10,000 docs on device (p95)', percentile(small, 95), 'ms', 30, 'the record and its history entry, one save after the other has been projected'))

    process.stdout.write(`  seeding ${saveDocs.toLocaleString('en-US')} docs into IndexedDB and timing ${saves} household checks…\n`)
    const save = await page.evaluate((o) => window.benchSave(o), { docs: saveDocs, saves })
    const sorted = [...save.times].sort((a, b) => a - b)
    figures.push(figure(`save a household check, ${saveDocs.toLocaleString('en-US')} docs on device (p50)`, percentile(sorted, 50), 'ms'))
    figures.push(figure(`save a household check, ${saveDocs.toLocaleString('en-US')} docs on device (p95)`, percentile(sorted, 95), 'ms', 30))
    const shown = [...save.shownTimes].sort((a, b) => a - b)
    figures.push(figure(`save a household check until the read model shows it, ${saveDocs.toLocaleString('en-US')} docs on device (p95)`, percentile(shown, 95), 'ms'))
    figures.push(figure(`project ${saveDocs.toLocaleString('en-US')} docs into the read model (from scratch)`, save.projectMs / 1000, 's', undefined, `seeding PouchDB took ${(save.seedMs / 1000).toFixed(1)} s; ${save.householdRows} household rows`))

    figures.push(figure(`per-village progress, ${save.householdRows.toLocaleString('en-US')} households after a real projection (read every row + compute, Chromium, median)`, median(save.progressMs), 'ms'))
    figures.push(figure(`per-village progress, ${save.householdRows.toLocaleString('en-US')} households after a real projection (read per-village facts + compute, Chromium, median)`, median(save.factsProgressMs), 'ms', 150, `${save.factsRows} facts rows`))

    // BENCH_PULL_DOCS=0: only the on-device figures (a quick run of the save and progress figures alone).
    if (!(Number(process.env.BENCH_PULL_DOCS ?? pullDocs) > 0)) return figures
    process.stdout.write(`  seeding the server with ${pullDocs.toLocaleString('en-US')} docs and pulling them…\n`)
    const dbName = 'cdd-4399'
    await seedServer(couch.adminUrl, dbName, syntheticDistrictDocs({ district: '4399', docs: pullDocs, seed: 7 }))
    const runs: Record<'bare' | 'app', number[]> = { bare: [], app: [] }
    // Alternate the two so neither gets a warmer server or disk.
    for (const mode of ['bare', 'app', 'app', 'bare'] as const) {
      const result = await page.evaluate((o) => window.benchPull(o), { mode, dbName, user: ADMIN.name, password: ADMIN.password })
      if (result.docs !== pullDocs) throw new Error(`${mode} pull wrote ${result.docs} docs, expected ${pullDocs}`)
      runs[mode].push(result.ms)
    }
    const bare = median(runs.bare) / 1000
    const appPull = median(runs.app) / 1000
    figures.push(figure(`initial pull of ${pullDocs.toLocaleString('en-US')} docs, app (replicate + read model)`, appPull, 's', 20))
    figures.push(figure(`initial pull of ${pullDocs.toLocaleString('en-US')} docs, bare PouchDB replicate`, bare, 's'))
    figures.push(figure('initial pull, app ÷ bare PouchDB', appPull / bare, '×', 1.2))
    await context.close()
  } finally {
    await browser.close()
    await app.close()
    await couch.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return figures
}
