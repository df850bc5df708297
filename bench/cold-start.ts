import { freshDevice, PHONE, signInOnDevice, waitForServiceWorkerControl } from '../test/support/browser'
import { startAppServer } from '../server/app-server'
import { figure, median, type Figure } from './figures'
import { printProfile, type CpuProfile } from './profile'

/*
 * Offline cold start to a usable form: the installed app (service worker in control, precache warm)
 * is opened with no network on a record form's URL, with the CPU slowed 4× through the DevTools
 * protocol. Measured in the page from navigation start to the moment the form's first field is
 * there and enabled. Median of several runs, each in a fresh page.
 */

const FORM_ROUTE = '#/record/pr-post'
const FIELD = 'form input:not([disabled]):not([type="hidden"]), form select:not([disabled])'

const DEVICE_USER = { name: 'off4301', roles: ['district:4301'], homeArea: '4301', areas: ['4301'], isSupervisor: false }

export async function benchColdStart(runs = 5): Promise<Figure[]> {
  const server = await startAppServer({ distDir: 'dist', couchUrl: 'http://127.0.0.1:9/', port: 0 })
  // A phone's profile on disk (IndexedDB, the service worker's caches), not an off-the-record one in memory.
  const context = await freshDevice(PHONE)
  try {
    await context.addInitScript(
      ({ field }) => {
        const w = window as unknown as { __usableAt?: number }
        // A short poll, not a MutationObserver: observers set up this early did not see the app's
        // nodes (the document they watch is not always the one the app renders into).
        const timer = setInterval(() => {
          if (document.querySelector(field)) {
            w.__usableAt = performance.now()
            clearInterval(timer)
          }
        }, 4)
      },
      { field: FIELD },
    )
    // First visit online: install the service worker, sign in on the device, warm the form's chunks.
    const setup = await context.newPage()
    await setup.goto(server.url)
    await waitForServiceWorkerControl(setup)
    await signInOnDevice(setup, DEVICE_USER)
    await setup.goto(`${server.url}${FORM_ROUTE}`)
    await setup.reload()
    await setup.waitForSelector(FIELD, { timeout: 30_000 })
    // Closed only once the app has made its record db: a page closed while it creates its IndexedDB
    // databases left this Chromium's service worker unable to answer the next navigation in the
    // context about one time in four (the navigation never commits, the run times out).
    await setup.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name?.startsWith('_pouch_')), undefined, { timeout: 30_000 })
    await setup.close()

    await context.setOffline(true)
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
      // BENCH_PROFILE=1: where the time goes (CPU profile of the load, self time by script and by function).
      const profile = process.env.BENCH_PROFILE && i === runs - 1
      if (profile) {
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
        await cdp.send('Profiler.start')
      }
      await page.goto(`${server.url}${FORM_ROUTE}`)
      await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt !== undefined, undefined, { timeout: 30_000 })
      times.push(await page.evaluate(() => (window as unknown as { __usableAt: number }).__usableAt))
      if (profile) printProfile((await cdp.send('Profiler.stop')).profile as unknown as CpuProfile)
      if (process.env.BENCH_DEBUG) {
        const loads = await page.evaluate(() =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => `${e.name.split('/').pop()} ${e.startTime.toFixed(0)}–${e.responseEnd.toFixed(0)} ms`),
        )
        console.log(loads.join('\n'))
      }
      await page.close()
    }
    const sorted = [...times].sort((a, b) => a - b)
    return [figure('offline cold start to a usable form (4× CPU slowdown, median)', median(times) / 1000, 's', 1.0, `runs: ${sorted.map((t) => (t / 1000).toFixed(3)).join(', ')} s`)]
  } finally {
    await context.close()
    await server.close()
  }
}
