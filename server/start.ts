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
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadOrCreateAdmin } from '../couch/admin-credentials'
import { demoUsers } from '../couch/demo-users'
import { startEmbeddedCouch } from '../couch/embedded-server'
import { dbNameFor, parseGeography, type Geography } from '../couch/geography'
import { couchClient } from '../couch/couch-http'
import { provision } from '../couch/provision'
import type { UserRow } from '../couch/users-csv'
import { startAppServer } from './app-server'
import { todayIn } from '../src/schema/dates'
import { makeRubricDoc, rubricDocId } from '../src/scoring/edition-doc'
import { demoEdition, fiscalYearBE } from '../src/scoring/editions'
import { loadDemoData } from './demo-load'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// CDD_DATA_DIR moves the data folder (tests, a second instance); the default is the git-ignored data/.
const DATA_DIR = resolve(process.env.CDD_DATA_DIR ?? join(ROOT, 'data'))
const DEMO_USERS_FILE = join(DATA_DIR, 'demo-users.json')
const GEOGRAPHY_FILE = join(ROOT, 'couch', 'data', 'nong-khai.json')

function readJsonFile<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback
}

function printUsers(users: UserRow[], geo: Geography): void {
  const areaName = (code: string) =>
    code === geo.province.code ? `จังหวัด${geo.province.name}` : `อำเภอ${geo.districts.find((d) => d.code === code)?.name ?? code}`
  console.log(`\nDemo users (also in ${DEMO_USERS_FILE}):`)
  console.table(users.map((u) => ({ user: u.name, password: u.password, role: u.role, area: u.area, name: areaName(u.area) })))
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
