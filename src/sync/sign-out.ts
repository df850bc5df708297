import { DERIVED_TABLES, type LocalDb } from '../store/local-db'
import type { RecordDb } from '../store/pouch'
import { EXPORT_MARK_KEY, type ExportMark } from './export'
import { pendingUploads, pushSeqKey } from './pending'
import { logOut, type Fetch } from './session'

/*
 * Sign-out removes the user's records from the phone, so it refuses while anything waits to upload
 * — unless everything on the phone was exported after the last change.
 */

/** Pure: may the local dbs be dropped? Yes when nothing waits, or the export covers every db as it is now. */
export function maySignOut(pending: number, currentSeqs: Record<string, string | number>, exported: ExportMark | undefined): boolean {
  if (pending === 0) return true
  if (!exported) return false
  return Object.entries(currentSeqs).every(([name, seq]) => {
    const mark = exported[name]
    if (mark === undefined) return false
    // idb seqs are numbers; CouchDB-style seqs ("12-g1…") are opaque: only equality is safe.
    return typeof mark === 'number' && typeof seq === 'number' ? mark >= seq : String(mark) === String(seq)
  })
}

export interface SignOutDeps {
  db: LocalDb
  stores: { area: string; records: RecordDb }[]
  /** Stops replication first, so nothing writes into a db being destroyed. */
  stopSync?: () => void
  /** Total waiting to upload, from the sync runtime when there is one. */
  countPending?: () => Promise<number>
  base?: string
  fetch?: Fetch
}

export type SignOutResult = { ok: true } | { ok: false; pending: number }

export async function countPendingFromMeta(db: LocalDb, stores: { records: RecordDb }[]): Promise<number> {
  let total = 0
  for (const s of stores) {
    const seq = (await db.meta.get(pushSeqKey(s.records.name)))?.value as string | number | undefined
    total += await pendingUploads(s.records, seq)
  }
  return total
}

/** Whether sign-out would go ahead, without doing it: asked BEFORE the user confirms deleting data. */
export async function signOutCheck({ db, stores, countPending }: Pick<SignOutDeps, 'db' | 'stores' | 'countPending'>): Promise<SignOutResult> {
  const pending = countPending ? await countPending() : await countPendingFromMeta(db, stores)
  const seqs: Record<string, string | number> = {}
  for (const s of stores) seqs[s.records.name] = (await s.records.info()).update_seq
  const exported = (await db.meta.get(EXPORT_MARK_KEY))?.value as ExportMark | undefined
  return maySignOut(pending, seqs, exported) ? { ok: true } : { ok: false, pending }
}

export async function signOut({ db, stores, stopSync, countPending, base, fetch: fetchFn }: SignOutDeps): Promise<SignOutResult> {
  const check = await signOutCheck({ db, stores, countPending })
  if (!check.ok) return check

  stopSync?.()
  for (const s of stores) await s.records.destroy()
  await db.transaction('rw', [...DERIVED_TABLES.map((t) => db.table(t)), db.meta, db.syncLog], async () => {
    for (const table of DERIVED_TABLES) await db.table(table).clear()
    await db.syncLog.clear()
    const keys = (await db.meta.toCollection().primaryKeys()).filter((k) => /^(projector\.|sync\.)/.test(String(k)))
    await db.meta.bulkDelete(keys)
  })
  if (base) await logOut(base, fetchFn)
  return { ok: true }
}
