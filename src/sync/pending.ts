import type { RecordDb } from '../store/pouch'

/*
 * "Waiting to upload": local changes after the push side's last checkpoint. The checkpoint is
 * PouchDB's own (we only remember the seq it reported), so this never re-implements replication:
 * a change counts until PouchDB says it has been handed to the server. Docs that arrived by pull
 * count for a moment too, until the push side has looked at them (revs_diff says the server has
 * them) — the count errs on the side of "not yet sent", which is what sign-out needs.
 */

export interface ChangeLike {
  id: string
  changes?: { rev: string }[]
}

export interface DeniedDoc {
  id: string
}

/** Design docs come from the server and never go back; `_local` docs are not in the feed anyway. */
export function isUploadable(id: string): boolean {
  return !id.startsWith('_design/') && !id.startsWith('_local/')
}

/** Distinct records that still wait: changes after the checkpoint plus those the server refused. */
export function countPending(changes: ChangeLike[], denied: DeniedDoc[] = []): number {
  const ids = new Set<string>()
  for (const c of changes) if (isUploadable(c.id)) ids.add(c.id)
  for (const d of denied) if (isUploadable(d.id)) ids.add(d.id)
  return ids.size
}

/** The meta key under which the push checkpoint's seq of a local record db is remembered. */
export const pushSeqKey = (dbName: string) => `sync.pushSeq:${dbName}`

/** Counts records of `records` waiting to upload, given the last push checkpoint seq. */
export async function pendingUploads(records: RecordDb, pushSeq: string | number | undefined, denied: DeniedDoc[] = []): Promise<number> {
  const result = await records.changes({ since: pushSeq ?? 0, style: 'main_only' })
  return countPending(result.results, denied)
}
