import { areaOfRecordId } from '../schema/ids'
import type { RecordDb } from '../store/pouch'
import { isUploadable } from './pending'

/*
 * "Records waiting to upload", one by one (issue 15): the same changes the count reads (after the
 * push checkpoint, src/sync/pending.ts) plus the ones the server refused (kept in the sync status by
 * src/sync/status.ts), each with what it is, where, when it was saved and, if refused, why — in words
 * (`refusalWhy`), never the server's English. No second bookkeeping: this only reads what sync keeps.
 */

export interface WaitingRecord {
  area: string
  id: string
  /** The doc's `type` ('household', 'complaint', …), or undefined when it cannot be read (a deletion). */
  type?: string
  /** The village (8 digits) or sub-district (6) the record is about, when it says. */
  place?: string
  /** The record it belongs to (a visit's household, an assessment's plot). */
  parentId?: string
  /** When it was last saved on the phone (ISO), from the doc. */
  savedAt?: string
  deleted: boolean
  /** Set when the server refused it: its reason as sent and when. */
  refused?: { reason?: string; at: string }
}

export interface RefusedDoc {
  id: string
  reason?: string
  at: string
}

interface DocLike {
  _id: string
  _deleted?: boolean
  type?: unknown
  villageCode?: unknown
  tambonCode?: unknown
  householdId?: unknown
  plotId?: unknown
  recordId?: unknown
  updatedAt?: unknown
  province?: unknown
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

/** What the list needs of one doc (pure). Ids carry the area when fields do not: household:<village>:…, plot:<tambon>:…. */
export function describeDoc(area: string, doc: DocLike | undefined, id: string, refused?: RefusedDoc): WaitingRecord {
  const prefix = id.split(':')[0] ?? ''
  const code = areaOfRecordId(id)
  const fromId = (prefix === 'household' && /^\d{8}$/.test(code)) || (prefix === 'plot' && /^\d{6}$/.test(code)) ? code : undefined
  const parentId = str(doc?.householdId) ?? str(doc?.plotId) ?? str(doc?.recordId)
  const parentCode = parentId && areaOfRecordId(parentId)
  const place = str(doc?.villageCode) ?? fromId ?? str(doc?.tambonCode) ?? (parentCode && /^\d{6,8}$/.test(parentCode) ? parentCode : undefined)
  return {
    area,
    id,
    type: str(doc?.type) ?? (prefix === 'household' || prefix === 'plot' || prefix === 'complaint' ? prefix : undefined),
    place,
    parentId,
    savedAt: str(doc?.updatedAt),
    deleted: doc?._deleted === true || !doc,
    ...(refused ? { refused: { reason: refused.reason, at: refused.at } } : {}),
  }
}

/** Refused first (newest refusal first), then the rest newest saved first. */
export function sortWaiting(items: WaitingRecord[]): WaitingRecord[] {
  return items.sort((a, b) => {
    if (!!a.refused !== !!b.refused) return a.refused ? -1 : 1
    const ka = a.refused?.at ?? a.savedAt ?? ''
    const kb = b.refused?.at ?? b.savedAt ?? ''
    return ka === kb ? (a.id < b.id ? -1 : 1) : ka < kb ? 1 : -1
  })
}

/** One area's waiting records: changes after the push checkpoint `pushSeq`, and the refused ones. */
export async function waitingRecords(records: RecordDb, area: string, pushSeq: string | number | undefined, refused: readonly RefusedDoc[] = []): Promise<WaitingRecord[]> {
  const result = await records.changes({ since: pushSeq ?? 0, style: 'main_only', include_docs: true })
  const refusedById = new Map(refused.map((r) => [r.id, r]))
  const out = new Map<string, WaitingRecord>()
  for (const change of result.results) {
    if (!isUploadable(change.id)) continue
    out.set(change.id, describeDoc(area, change.doc as DocLike | undefined, change.id, refusedById.get(change.id)))
  }
  // Refused before the checkpoint moved past them: still on the phone only.
  for (const r of refused) {
    if (out.has(r.id) || !isUploadable(r.id)) continue
    const doc = (await records.get(r.id).catch(() => undefined)) as DocLike | undefined
    out.set(r.id, describeDoc(area, doc, r.id, r))
  }
  return [...out.values()]
}

/**
 * Why the server refused a record, as an i18n key (messages-lists.ts) and its parameters. The reasons
 * come from couch/design/validate-doc-update.js ("field: what is wrong") or from the server (403).
 */
export function refusalWhy(reason: string | undefined): { key: string; params?: Record<string, string> } {
  const r = reason ?? ''
  if (/only supervisors|only a supervisor|by supervisors|supervisors of this area/i.test(r)) return { key: 'lists.why.supervisorsOnly' }
  if (/the user writing|only its author|only the creator|createdBy: may not change|its author\)/i.test(r)) return { key: 'lists.why.notYours' }
  if (/^(district|province): expected|belong in the province database|wrong district|not a member/i.test(r)) return { key: 'lists.why.wrongArea' }
  if (/append-only|never changed|may not change/i.test(r)) return { key: 'lists.why.immutable' }
  const field = /^([A-Za-z_][\w.[\]]*): /.exec(r)?.[1]
  if (field) return { key: 'lists.why.invalid', params: { field } }
  return { key: 'lists.why.unknown' }
}
