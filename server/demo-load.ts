/**
 * The demo records of `npm start` (src/store/demo-data.ts), loaded once into each db that has none of
 * the app's docs yet, so restarts never duplicate them. Also used by the province end-to-end test and
 * the pull bench, so they sync exactly what a new user of `npm start` gets.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { couchClient, type CouchClient } from '../couch/couch-http'
import { dbNameFor, type Geography } from '../couch/geography'
import { todayIn } from '../src/schema/dates'
import { mediaDbName } from '../src/schema/media'
import { demoMediaDocs } from '../src/store/demo-photos'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DEMO_DATA_MODULE = join(ROOT, 'src', 'store', 'demo-data.ts')
export const DEMO_SEED = 43
const BULK_CHUNK = 500

type DemoGenerator = (geography: Geography, options: { seed: number; today: string } & DemoSize) => Record<string, unknown>[] | Promise<Record<string, unknown>[]>

/** How big a demo: villages per sub-district, [min, max] (src/store/demo-data.ts; by default its small `npm start` size). */
export interface DemoSize {
  villagesPerTambon?: [number, number]
}

/** Loads the demo records into each db that has none yet, so restarts never duplicate them. */
export async function loadDemoData(adminUrl: string, geo: Geography, size: DemoSize = {}): Promise<void> {
  if (!existsSync(DEMO_DATA_MODULE)) {
    console.log('Demo data: skipped (src/store/demo-data.ts does not exist yet).')
    return
  }
  const mod = (await import(pathToFileURL(DEMO_DATA_MODULE).href)) as { generateDemoDocs?: DemoGenerator }
  if (typeof mod.generateDemoDocs !== 'function') {
    console.log('Demo data: skipped (src/store/demo-data.ts exports no generateDemoDocs).')
    return
  }
  // The clock is read here, at the edge: records fall in the rubric's fiscal year, never after today.
  const docs = await mod.generateDemoDocs(geo, { seed: DEMO_SEED, today: todayIn(), ...size })
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
  // The demo assessments' full photos go to the district media stores, in small requests (~100 KB each).
  const media = new Map<string, Record<string, unknown>[]>()
  for (const doc of demoMediaDocs(docs)) {
    const db = mediaDbName(String(doc.district))
    media.set(db, [...(media.get(db) ?? []), doc])
  }
  await Promise.all([...media].map(([db, dbDocs]) => loadIntoDb(couch, db, dbDocs, 20)))
}

/** Loads one db's demo docs if it has none of the app's docs yet (only design and config docs). */
async function loadIntoDb(couch: CouchClient, db: string, dbDocs: Record<string, unknown>[], chunk = BULK_CHUNK): Promise<boolean> {
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
  for (let i = 0; i < dbDocs.length; i += chunk) {
    const res = await couch.request<{ error?: string; reason?: string; id: string }[]>('POST', `/${db}/_bulk_docs`, { docs: dbDocs.slice(i, i + chunk) })
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

