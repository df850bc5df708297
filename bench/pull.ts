/*
 * The first pull, measured (`npm run bench -- pull` runs only this; `npm run bench` includes it):
 * the app's first pull next to the floor of the same docs in the same run, in real Chromium through
 * the app server's /couch/ proxy, each run on a newly installed phone (a fresh profile, IndexedDB on
 * disk) — for 20,000 synthetic docs in one district, and for the demo
 * province (9 district dbs + the province db: `npm start`'s demo generated at ~25,000 docs, see
 * provinceVillages). Against the embedded stand-in always, and against a real CouchDB when one is
 * at hand: COUCH_URL, or ../shared/tools/couchdb-start.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { couchClient } from '../couch/couch-http'
import { demoUsers } from '../couch/demo-users'
import { startEmbeddedCouch } from '../couch/embedded-server'
import { dbNameFor, parseGeography } from '../couch/geography'
import { provision } from '../couch/provision'
import { startAppServer } from '../server/app-server'
import { loadDemoData } from '../server/demo-load'
import { freshDevice } from '../test/support/browser'
import { figure, median, type Figure } from './figures'
import { printProfile, type CpuProfile } from './profile'
import { syntheticDistrictDocs } from './synthetic-docs'

const PAGE_DIST = '.bench-pull-dist'
const ADMIN = { name: 'admin', password: 'bench-admin-pw' }
const COUCH_TOOLS = resolve(process.cwd(), '../shared/tools')

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => done(port))
    })
  })
}

interface Server {
  label: string
  adminUrl: string
  url: string
  close(): Promise<void>
}

async function servers(): Promise<Server[]> {
  const out: Server[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'cdd-bench-pull-'))
  const embedded = await startEmbeddedCouch({ dataDir, admin: ADMIN })
  out.push({ label: 'stand-in', adminUrl: embedded.adminUrl, url: embedded.url, close: async () => {
      await embedded.close()
      try {
        rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
      } catch {
        // a temp folder left behind is harmless
      }
    } })
  const fromEnv = process.env.COUCH_URL
  if (fromEnv) {
    const u = new URL(fromEnv)
    const url = `${u.protocol}//${u.host}`
    out.push({ label: 'real CouchDB', adminUrl: fromEnv.replace(/\/$/, ''), url, close: async () => undefined })
  } else if (existsSync(join(COUCH_TOOLS, 'couchdb-start'))) {
    const dir = mkdtempSync(join(tmpdir(), 'cdd-bench-couchdb-'))
    const port = await freePort()
    const printed = execFileSync(join(COUCH_TOOLS, 'couchdb-start'), ['-d', dir, '-p', String(port), '-P', ADMIN.password], { encoding: 'utf8' })
    const adminUrl = /http:\/\/\S+/.exec(printed)?.[0] ?? `http://${ADMIN.name}:${ADMIN.password}@127.0.0.1:${port}`
    const u = new URL(adminUrl)
    out.push({
      label: 'real CouchDB',
      adminUrl: adminUrl.replace(/\/$/, ''),
      url: `${u.protocol}//${u.host}`,
      close: async () => {
        execFileSync(join(COUCH_TOOLS, 'couchdb-stop'), [dir], { stdio: 'ignore' })
        rmSync(dir, { recursive: true, force: true })
      },
    })
  }
  return out
}

async function seed(adminUrl: string, db: string, docs: Record<string, unknown>[]) {
  const admin = couchClient(adminUrl)
  await admin.request('DELETE', `/${db}`)
  await admin.request('PUT', `/${db}`)
  for (let i = 0; i < docs.length; i += 2000) {
    const res = await admin.request('POST', `/${db}/_bulk_docs`, { docs: docs.slice(i, i + 2000) })
    if (res.status !== 201) throw new Error(`seeding ${db}: HTTP ${res.status}`)
  }
}

/**
 * The province at the size DESIGN.md and issue 12 give it (~25,000 docs over 9 districts): 6–9
 * villages per sub-district generate 25,162 docs (25,173 on the server, with provisioning's own).
 * `npm start` loads the same demo with 2–4 (10,592 on the server, for a quick start), which earlier
 * runs of this bench measured; PULL_BENCH_VILLAGES=2,4 measures that one.
 */
function provinceVillages(value = process.env.PULL_BENCH_VILLAGES): [number, number] {
  if (value === undefined) return [6, 9]
  const range = value.split(',').map(Number)
  if (range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 1) || range[0]! > range[1]!) {
    throw new Error(`PULL_BENCH_VILLAGES: expected "min,max" villages per sub-district (whole numbers, 1 ≤ min ≤ max), got "${value}"`)
  }
  return range as [number, number]
}

export async function benchPull(options: { docs?: number } = {}): Promise<Figure[]> {
  const { docs = Number(process.env.PULL_BENCH_DOCS) || 20_000 } = options
  const villagesPerTambon = provinceVillages()
  await build({ configFile: false, logLevel: 'warn', root: 'bench/pull-page', build: { outDir: join(process.cwd(), PAGE_DIST), emptyOutDir: true, target: 'es2020', minify: process.env.BENCH_NOMINIFY ? false : 'esbuild' }, define: { __APP_VERSION__: '"bench"' } })
  const geo = parseGeography(JSON.parse(readFileSync('couch/data/nong-khai.json', 'utf8')))
  const provinceAreas = [...geo.districts.map((d) => d.code), geo.province.code]
  const figures: Figure[] = []
  // PULL_BENCH_SERVER=real|stand-in measures one of them only (a busy machine, a quick look).
  const only = process.env.PULL_BENCH_SERVER
  for (const server of await servers()) {
    if (only && !server.label.includes(only === 'real' ? 'real' : 'stand-in')) {
      await server.close()
      continue
    }
    const admin = couchClient(server.adminUrl)
    const adminPassword = decodeURIComponent(new URL(server.adminUrl).password)
    const adminName = decodeURIComponent(new URL(server.adminUrl).username)
    const app = await startAppServer({ distDir: PAGE_DIST, couchUrl: server.url, port: 0 })
    try {
      // Each run on a newly installed phone (a fresh profile, IndexedDB on disk): the origin's
      // IndexedDB of earlier runs (destroyed dbs still being compacted) would slow the later ones.
      const freshPage = async () => {
        const page = await (await freshDevice()).newPage()
        page.on('crash', () => console.error('  [page] the page crashed'))
        page.on('pageerror', (e) => console.error('  [page error]', e.message))
        page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && console.error('  [page]', m.text()))
        await page.goto(app.url)
        await page.waitForFunction(() => window.pullReady === true)
        return page
      }
      // BENCH_PROFILE=1: a CPU profile of the page during the first run of each mode (floor and app) of each pull.
      const profiledModes = new Set<string>()
      const run = async (label: string, areas: string[], expected: number) => {
        profiledModes.clear()
        const times: Record<string, number[]> = { floor: [], app: [], bare: [], proj: [] }
        const fetchS: number[] = []
        const writeS: number[] = []
        let connections = 0
        // Alternated, so neither gets a warmer server or disk (PULL_MODES=app: the app only, a quick look;
        // bare / proj: the bulk pull of each area in turn, without / with the read model, see pull-page).
        // Three of each: one run in two or three here takes 1.3–2 × the others (either mode, either
        // server), and the median of two is their mean.
        for (const mode of (process.env.PULL_MODES ?? 'floor,app,app,floor,floor,app').split(',')) {
          if (!(mode in times)) throw new Error(`PULL_MODES: "${mode}" is not one of ${Object.keys(times).join(', ')}`)
          const page = await freshPage()
          const cdp = process.env.BENCH_PROFILE && !profiledModes.has(mode) ? await page.context().newCDPSession(page) : undefined
          if (cdp) {
            profiledModes.add(mode)
            await cdp.send('Profiler.enable')
            await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
            await cdp.send('Profiler.start')
          }
          const dbNames = areas.map(dbNameFor)
          const floor = mode === 'floor' ? await page.evaluate((o) => window.pullFloor(o), { dbNames, user: adminName, password: adminPassword }) : undefined
          const bare = mode === 'bare' || mode === 'proj' ? await page.evaluate((o) => window.pullBare(o), { dbNames, user: adminName, password: adminPassword, project: mode === 'proj' }) : undefined
          const appRun = mode === 'app' ? await page.evaluate((o) => window.pullApp(o), { areas, user: adminName, password: adminPassword }) : undefined
          const r = (floor ?? bare ?? appRun)!
          if (cdp) printProfile((await cdp.send('Profiler.stop')).profile as unknown as CpuProfile, `${label}, ${mode}`)
          await page.context().close()
          if (r.docs !== expected) throw new Error(`${server.label} ${label} ${mode}: ${r.docs} docs on the device, expected ${expected}`)
          if (appRun) connections = Math.max(connections, appRun.maxConnections)
          times[mode]!.push(r.ms / 1000)
          process.stdout.write(`    ${server.label} ${label} ${mode}: ${(r.ms / 1000).toFixed(2)} s${floor ? ` (fetch ${(floor.fetchMs / 1000).toFixed(2)} s, PouchDB writes ${(floor.writeMs / 1000).toFixed(2)} s)` : ''}\n`)
          if (floor) {
            fetchS.push(floor.fetchMs / 1000)
            writeS.push(floor.writeMs / 1000)
          }
          // Each area's start→done, every app run: one run in two or three is much slower, and this says where.
          if (appRun) process.stdout.write(`      areas (start→done, ms): ${Object.entries(appRun.timeline).map(([a, s]) => `${a} ${s.start}→${s.done}`).join(', ')}\n`)
        }
        const appS = median(times.app!)
        const floorS = median(times.floor!)
        return { appS, floorS, connections, fetchS: median(fetchS), writeS: median(writeS) }
      }

      // PULL_BENCH_ONE=0 skips the one-district pull (the province only).
      if (process.env.PULL_BENCH_ONE !== '0') {
        process.stdout.write(`  ${server.label}: ${docs.toLocaleString('en-US')} docs in one district…\n`)
        await seed(server.adminUrl, 'cdd-4399', syntheticDistrictDocs({ district: '4399', docs, seed: 7 }))
        const one = await run('one district', ['4399'], docs)
        figures.push(figure(`first pull of ${docs.toLocaleString('en-US')} docs, app (${server.label})`, one.appS, 's', server.label === 'real CouchDB' ? 8 : undefined))
        figures.push(figure(`first pull of ${docs.toLocaleString('en-US')} docs, floor: _changes chunks + bulkDocs (${server.label})`, one.floorS, 's', undefined, `of which fetch ${one.fetchS.toFixed(2)} s, PouchDB writes ${one.writeS.toFixed(2)} s (medians)`))
        figures.push(figure(`first pull of ${docs.toLocaleString('en-US')} docs, app ÷ floor (${server.label})`, one.appS / one.floorS, '×', 1.5))
        await admin.request('DELETE', '/cdd-4399')
      }

      // PULL_BENCH_PROVINCE=0 skips the province (its dbs are the demo's: not while a test uses them).
      if (process.env.PULL_BENCH_PROVINCE === '0') continue
      process.stdout.write(`  ${server.label}: the demo province…\n`)
      for (const a of provinceAreas) await admin.request('DELETE', `/${dbNameFor(a)}`)
      await provision(server.adminUrl, { geography: geo, users: demoUsers(geo, [], () => 'bench-demo-pw') })
      await loadDemoData(server.adminUrl, geo, { villagesPerTambon })
      let total = 0
      for (const a of provinceAreas) total += (await admin.request<{ doc_count: number }>('GET', `/${dbNameFor(a)}`)).body.doc_count
      const province = await run('demo province', provinceAreas, total)
      figures.push(figure(`province supervisor's first sync, demo province (${total.toLocaleString('en-US')} docs, 10 dbs), app (${server.label})`, province.appS, 's', server.label === 'real CouchDB' ? 12 : undefined, `at most ${province.connections} sync connections at once`))
      figures.push(figure(`province first sync, floor (${server.label})`, province.floorS, 's', undefined, `of which fetch ${province.fetchS.toFixed(2)} s, PouchDB writes ${province.writeS.toFixed(2)} s (medians)`))
      figures.push(figure(`province first sync, app ÷ floor (${server.label})`, province.appS / province.floorS, '×', 1.5))
      for (const a of provinceAreas) await admin.request('DELETE', `/${dbNameFor(a)}`)
    } finally {
      await app.close()
      await server.close()
    }
  }
  return figures
}
