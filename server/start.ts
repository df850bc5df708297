/**
 * `npm start` (after `vite build`): a CouchDB (COUCH_URL, or the embedded development server with its
 * data in data/couch), the demo province provisioned (หนองคาย, one officer per district and a province
 * supervisor, passwords printed), demo records loaded once, and the app served with `/couch/` proxied.
 *
 *   npm start                 build, then run on http://127.0.0.1:8080/
 *   npm run preview           run the existing build (--no-build)
 *   PORT=3000 npm start       or: tsx server/start.ts --port 3000
 *   COUCH_URL=http://admin:pw@host:5984 npm start
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { loadOrCreateAdmin } from '../couch/admin-credentials'
import { demoUsers } from '../couch/demo-users'
import { couchClient, type CouchClient } from '../couch/couch-http'
import { startEmbeddedCouch } from '../couch/embedded-server'
import { dbNameFor, parseGeography, type Geography } from '../couch/geography'
import { provision } from '../couch/provision'
import type { UserRow } from '../couch/users-csv'
import { startAppServer } from './app-server'
import { todayIn } from '../src/schema/dates'
import { makeRubricDoc, rubricDocId } from '../src/scoring/edition-doc'
import { demoEdition, fiscalYearBE } from '../src/scoring/editions'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// CDD_DATA_DIR moves the data folder (tests, a second instance); the default is the git-ignored data/.
const DATA_DIR = resolve(process.env.CDD_DATA_DIR ?? join(ROOT, 'data'))
const DEMO_USERS_FILE = join(DATA_DIR, 'demo-users.json')
const GEOGRAPHY_FILE = join(ROOT, 'couch', 'data', 'nong-khai.json')
const DEMO_DATA_MODULE = join(ROOT, 'src', 'store', 'demo-data.ts')
const DEMO_SEED = 43
const BULK_CHUNK = 500

function readJsonFile<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback
}

function printUsers(users: UserRow[], geo: Geography): void {
  const areaName = (code: string) =>
    code === geo.province.code ? `จังหวัด${geo.province.name}` : `อำเภอ${geo.districts.find((d) => d.code === code)?.name ?? code}`
  console.log(`\nDemo users (also in ${DEMO_USERS_FILE}):`)
  console.table(users.map((u) => ({ user: u.name, password: u.password, role: u.role, area: u.area, name: areaName(u.area) })))
}

type DemoGenerator = (geography: Geography, options: { seed: number; today: string }) => Record<string, unknown>[] | Promise<Record<string, unknown>[]>

/** Loads the demo records into each db that has none yet, so restarts never duplicate them. */
async function loadDemoData(adminUrl: string, geo: Geography): Promise<void> {
  if (!existsSync(DEMO_DATA_MODULE)) {
    console.log('Demo data: skipped (src/store/demo-data.ts does not exist yet).')
    return
  }
  const mod = (await import(pathToFileURL(DEMO_DATA_MODULE).href)) as { generateDemoDocs?: DemoGenerator }
  if (typeof mod.generateDemoDocs !== 'function') {
    console.log('Demo data: skipped (src/store/demo-data.ts exports no generateDemoDocs).')
    return
  }
  // The clock is read here, at the edge: records fall in today's fiscal year, never after today.
  const docs = await mod.generateDemoDocs(geo, { seed: DEMO_SEED, today: todayIn() })
  const byDb = new Map<string, Record<string, unknown>[]>()
  for (const doc of docs) {
    const db = dbNameFor(String(doc.district))
    const list = byDb.get(db) ?? []
    list.push(doc)
    byDb.set(db, list)
  }
  const couch = couchClient(adminUrl)
  // Databases load side by side: the server validates each doc, and leveldb waits on disk meanwhile.
  const loaded = await Promise.all([...byDb].map(([db, dbDocs]) => loadIntoDb(couch, db, dbDocs)))
  const skipped = loaded.filter((l) => !l).length
  if (skipped) console.log(`Demo data: ${skipped} of ${byDb.size} databases already had records; left as they are.`)
}

/** Loads one db's demo docs if it has none of the app's docs yet (only design and config docs). */
async function loadIntoDb(couch: CouchClient, db: string, dbDocs: Record<string, unknown>[]): Promise<boolean> {
  const info = await couch.request<{ doc_count?: number }>('GET', `/${db}`)
  if (info.status !== 200) {
    console.log(`Demo data: ${db} does not exist, ${dbDocs.length} docs skipped.`)
    return false
  }
  // doc_count includes design docs; only the app's own docs count as "already loaded".
  const designs = await couch.request<{ rows: unknown[] }>('GET', `/${db}/_all_docs?startkey=%22_design%2F%22&endkey=%22_design0%22`)
  const configs = await couch.request<{ rows: unknown[] }>('GET', `/${db}/_all_docs?startkey=%22config%3A%22&endkey=%22config%3B%22`)
  const own = (info.body.doc_count ?? 0) - designs.body.rows.length - configs.body.rows.length
  if (own > 0) return false
  let refused = 0
  for (let i = 0; i < dbDocs.length; i += BULK_CHUNK) {
    const res = await couch.request<{ error?: string; reason?: string; id: string }[]>('POST', `/${db}/_bulk_docs`, { docs: dbDocs.slice(i, i + BULK_CHUNK) })
    if (res.status !== 201) throw new Error(`loading demo data into ${db}: HTTP ${res.status} ${JSON.stringify(res.body)}`)
    for (const r of res.body) {
      if (r.error) {
        if (refused < 3) console.log(`  ${db}: ${r.id} refused: ${r.reason ?? r.error}`)
        refused++
      }
    }
  }
  console.log(`Demo data: ${db} ← ${dbDocs.length - refused} docs${refused ? ` (${refused} refused by validation)` : ''}`)
  return true
}

/**
 * The demo province's rubric edition for this fiscal year (issue 13): FY2565 rolled forward and marked
 * as a demo edition, published once as `rubric:<year>` in the province db (a real office publishes its
 * own from the dashboards). Left alone when the year already has one.
 */
async function publishDemoEdition(adminUrl: string, geo: Geography): Promise<void> {
  const year = fiscalYearBE(todayIn())
  const db = dbNameFor(geo.province.code)
  const couch = couchClient(adminUrl)
  const id = rubricDocId(year)
  const existing = await couch.request('GET', `/${db}/${encodeURIComponent(id)}`)
  if (existing.status === 200) return
  const doc = makeRubricDoc(demoEdition(year), geo.province.code, 'admin', new Date().toISOString())
  const res = await couch.request<{ reason?: string }>('PUT', `/${db}/${encodeURIComponent(id)}`, doc)
  if (res.status !== 201) console.log(`Demo rubric edition: ${db}/${id} refused: HTTP ${res.status} ${res.body.reason ?? ''}`)
  else console.log(`Demo rubric edition: ${db} ← ${id} (FY2565 rolled forward to ${year}, marked as a demo edition)`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      // Handled by package.json (`preview` skips the build); accepted here so it is not an error.
      'no-build': { type: 'boolean' },
    },
  })
  const port = Number(values.port ?? process.env.PORT ?? 8080)
  const host = values.host ?? process.env.HOST ?? '127.0.0.1'
  mkdirSync(DATA_DIR, { recursive: true })

  // Registered first, so Ctrl-C during provisioning or the demo load also closes the database cleanly.
  const closers: (() => Promise<void>)[] = []
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    console.log('\nStopping…')
    Promise.all(closers.map((close) => close())).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)

  let adminUrl = process.env.COUCH_URL
  if (adminUrl) {
    console.log(`CouchDB: ${new URL(adminUrl).host} (from COUCH_URL)`)
  } else {
    const admin = loadOrCreateAdmin(join(DATA_DIR, 'admin.json'), process.env)
    const embedded = await startEmbeddedCouch({ dataDir: join(DATA_DIR, 'couch'), admin })
    closers.push(embedded.close)
    adminUrl = embedded.adminUrl
    console.log(`CouchDB: embedded development server at ${embedded.url} (admin in ${join(DATA_DIR, 'admin.json')})`)
  }

  const geography = parseGeography(JSON.parse(readFileSync(GEOGRAPHY_FILE, 'utf8')))
  const users = demoUsers(geography, readJsonFile<UserRow[]>(DEMO_USERS_FILE, []), () => randomBytes(9).toString('base64url'))
  writeFileSync(DEMO_USERS_FILE, JSON.stringify(users, null, 2) + '\n', { mode: 0o600 })
  const report = await provision(adminUrl, { geography, users })
  console.log(`Provisioned ${geography.province.name}: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged.`)

  await loadDemoData(adminUrl, geography)
  await publishDemoEdition(adminUrl, geography)

  const distDir = join(ROOT, 'dist')
  if (!existsSync(join(distDir, 'index.html'))) console.log('No dist/index.html: run `npm run build` (npm start does it).')
  const app = await startAppServer({ distDir, couchUrl: adminUrl, port, host })
  closers.unshift(app.close)
  printUsers(users, geography)
  console.log(`\nApp: ${app.url}/`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
