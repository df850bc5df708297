import { join } from 'node:path'
import { build } from 'vite'
import type { Page } from 'playwright-core'
import { freshDevice } from '../test/support/browser'
import { startAppServer } from '../server/app-server'
import { figure, median, percentile, type Figure } from './figures'

/*
 * The figures measured in real Chromium on the device: per-village progress read from IndexedDB,
 * and saving with 100,000 docs on the device.
 */

const BENCH_DIST = '.bench-dist'

async function buildBenchPage(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: 'bench/browser',
    build: { outDir: join(process.cwd(), BENCH_DIST), emptyOutDir: true, target: 'es2020' },
    define: { __APP_VERSION__: '"bench"' },
  })
}

async function openBenchPage(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForFunction(() => window.benchReady === true)
}

/** Per-village progress read from IndexedDB + computed, 25,000 households, both ways (packed facts, every row). */
export async function benchProgressBrowser(docs = 100_000, runs = 9): Promise<Figure[]> {
  await buildBenchPage()
  const app = await startAppServer({ distDir: BENCH_DIST, couchUrl: 'http://127.0.0.1:9/', port: 0 })
  // IndexedDB on disk, as on a phone (an off-the-record context keeps it in memory).
  const context = await freshDevice()
  try {
    const page = await context.newPage()
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
    await context.close()
    await app.close()
  }
}

/**
 * Saving with 10,000 and 100,000 docs on the device, and per-village progress after a real projection.
 * (The first pull is bench/pull.ts: app and floor, stand-in and real CouchDB, on a fresh device. The
 * app-vs-bare-replicate pull this page also ran, into the page that already held 100,000 docs, had
 * a budget found neither in DESIGN.md nor in issue 12, and took five minutes of every run.)
 */
export async function benchBrowser(options: { saveDocs?: number; saves?: number } = {}): Promise<Figure[]> {
  const { saveDocs = 100_000, saves = 60 } = options
  await buildBenchPage()
  const app = await startAppServer({ distDir: BENCH_DIST, couchUrl: 'http://127.0.0.1:9/', port: 0 })
  const context = await freshDevice()
  const figures: Figure[] = []
  try {
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

    await context.close()
  } finally {
    await context.close()
    await app.close()
  }
  return figures
}
