/**
 * The server's step for households TPMAP missed that were saved under their old id (see
 * couch/household-id-plan.ts for which docs move where), for every district db given:
 *
 *   1. write each moved doc at its new id (attachments — thumbnails — copied inline, as replication does);
 *   2. only then delete the old ids (bare tombstones).
 *
 * A crash between the two leaves both copies: the next run sees the new household (its `movedFrom`)
 * and finishes the deletes; nothing is lost and nothing is written twice. Idempotent: a second run
 * with nothing left moves nothing. Phones need no step of their own: they replicate the new docs and
 * the tombstones like any other change, so their local copies match the server's after one sync; a
 * child a phone saved under the old id before that sync is moved by the next run (run it again after
 * the phones have synced, e.g. nightly for a week). Uses only cluster-safe document calls, as admin.
 *
 *   npm run migrate-household-ids -- --couch http://admin:pw@host:5984 --province couch/data/nong-khai.json
 */
import { couchClient, encodeId, type CouchClient } from './couch-http'
import { planHouseholdIdMoves, type Move, type StoredDoc } from './household-id-plan'

export interface HouseholdIdMigrationReport {
  households: number
  children: number
  reviews: number
  /** Ids the server refused to write or delete, with its reason. */
  failed: string[]
}

const PAGE = 1000

async function allDocs(couch: CouchClient, db: string): Promise<StoredDoc[]> {
  const docs: StoredDoc[] = []
  let startkey: string | undefined
  for (;;) {
    const from = startkey === undefined ? '' : `&startkey=${encodeURIComponent(JSON.stringify(startkey))}&skip=1`
    const page = await couch.request<{ rows: { id: string; doc?: StoredDoc }[] }>('GET', `/${db}/_all_docs?include_docs=true&limit=${PAGE}${from}`)
    if (page.status === 404) return docs
    if (page.status !== 200) throw new Error(`reading ${db}: HTTP ${page.status}`)
    for (const row of page.body.rows) if (row.doc) docs.push(row.doc)
    if (page.body.rows.length < PAGE) return docs
    startkey = page.body.rows.at(-1)!.id
  }
}

/** The doc with its attachments inline (base64), ready to be written elsewhere. */
async function withAttachments(couch: CouchClient, db: string, move: Move): Promise<StoredDoc> {
  if (!move.doc._attachments) return move.doc
  const res = await couch.request<StoredDoc>('GET', `/${db}/${encodeId(move.from)}?attachments=true`)
  if (res.status !== 200) throw new Error(`reading ${db}/${move.from}: HTTP ${res.status}`)
  return { ...move.doc, _attachments: res.body._attachments }
}

export async function migrateHouseholdIds(adminUrl: string, districts: readonly string[], log: (line: string) => void = () => {}): Promise<HouseholdIdMigrationReport> {
  const couch = couchClient(adminUrl)
  const report: HouseholdIdMigrationReport = { households: 0, children: 0, reviews: 0, failed: [] }
  for (const district of districts) {
    const db = `cdd-${district}`
    const docs = await allDocs(couch, db)
    const byId = new Map(docs.map((d) => [d._id, d]))
    const moves = planHouseholdIdMoves(docs)
    if (!moves.length) continue
    // 1. The new docs (those not written by an earlier, interrupted run).
    const toWrite: StoredDoc[] = []
    for (const move of moves) if (!byId.has(move.to)) toWrite.push(await withAttachments(couch, db, move))
    const written = new Set(moves.filter((m) => byId.has(m.to)).map((m) => m.to))
    for (let i = 0; i < toWrite.length; i += 200) {
      const res = await couch.request<{ id: string; ok?: boolean; error?: string; reason?: string }[]>('POST', `/${db}/_bulk_docs`, { docs: toWrite.slice(i, i + 200) })
      if (res.status !== 201) throw new Error(`writing ${db}: HTTP ${res.status} ${JSON.stringify(res.body)}`)
      for (const r of res.body) {
        if (r.ok || r.error === 'conflict') written.add(r.id)
        else report.failed.push(`${db}/${r.id}: ${r.error} ${r.reason ?? ''}`.trim())
      }
    }
    // 2. The old ids, only where the new doc is safely there.
    const tombstones = moves.filter((m) => written.has(m.to) && byId.get(m.from)?._rev).map((m) => ({ _id: m.from, _rev: byId.get(m.from)!._rev, _deleted: true }))
    for (let i = 0; i < tombstones.length; i += 200) {
      const res = await couch.request<{ id: string; ok?: boolean; error?: string; reason?: string }[]>('POST', `/${db}/_bulk_docs`, { docs: tombstones.slice(i, i + 200) })
      if (res.status !== 201) throw new Error(`deleting in ${db}: HTTP ${res.status} ${JSON.stringify(res.body)}`)
      for (const r of res.body) if (!r.ok) report.failed.push(`${db}/${r.id}: ${r.error} ${r.reason ?? ''}`.trim())
    }
    for (const move of moves) {
      if (!written.has(move.to)) continue
      const type = String(move.doc.type)
      if (type === 'household') report.households += 1
      else if (type === 'review' || type === 'history') report.reviews += 1
      else report.children += 1
      log(`${db}: ${move.from} → ${move.to}`)
    }
  }
  return report
}
