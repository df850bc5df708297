/**
 * The pure part of the household id migration (couch/migrate-household-ids.ts): which docs of one
 * district db move to which ids.
 *
 * Before issue 11, a household TPMAP missed (inTpmap: false) was saved at `household:<village>:<house>`,
 * the id space that is now TPMAP's and written by supervisors only — so its officer could no longer
 * edit it. It moves to `household:<village>:<house>:<createdBy>` (src/schema/ids.ts), keeping every
 * field, plus `movedFrom: <old id>`. Its children move with it, keeping their author and time-ordered
 * id: visits and assistance (`visit:<new household>:<author>:<ulid>`, `householdId` rewritten; a child
 * id from before authors were in ids takes its `createdBy`), and reviews and history entries of the
 * household or of a moved child (`review:<new record>:<author>:<ulid>`, `recordId` rewritten).
 *
 * A moved household's `movedFrom` is the lasting record of the move: a later run also moves children
 * that a phone, not yet synced, saved under the old id after the first run (and their reviews).
 */
import { authorOfId, exclusionHouseholdId, idAuthor } from '../src/schema/ids'

export interface StoredDoc {
  _id: string
  _rev?: string
  _deleted?: boolean
  [field: string]: unknown
}

export interface Move {
  from: string
  to: string
  /** The doc to write at `to` (no `_rev`): the old body with its ids rewritten. */
  doc: StoredDoc
}

const CHILD_PREFIX: Record<string, string> = { 'mentor-visit': 'visit', assistance: 'assist' }

/** `household:V:H` with inTpmap false, not deleted: the old shape of a household TPMAP missed. */
export function isLegacyExclusionHousehold(doc: StoredDoc): boolean {
  return !doc._deleted && doc.type === 'household' && doc.inTpmap === false && doc._id.split(':').length === 3 && typeof doc.createdBy === 'string'
}

function body(doc: StoredDoc): StoredDoc {
  const { _rev: _r, _revisions: _rs, _conflicts: _c, ...rest } = doc as StoredDoc & { _revisions?: unknown; _conflicts?: unknown }
  return rest as StoredDoc
}

/**
 * The moves for one db's docs. `docs`: every live doc of the db (design docs may be included; they
 * are left alone). Households already moved (a `movedFrom` on a live doc) are not moved again; their
 * old id still routes children that arrive late.
 */
export function planHouseholdIdMoves(docs: readonly StoredDoc[]): Move[] {
  const live = docs.filter((d) => !d._deleted && !d._id.startsWith('_'))
  const ids = new Set(live.map((d) => d._id))
  const households = new Map<string, string>()
  const moves: Move[] = []
  for (const doc of live) {
    if (doc.type === 'household' && typeof doc.movedFrom === 'string') households.set(doc.movedFrom, doc._id)
  }
  for (const doc of live) {
    if (!isLegacyExclusionHousehold(doc)) continue
    const to = exclusionHouseholdId(String(doc.villageCode), String(doc.houseId), String(doc.createdBy))
    households.set(doc._id, to)
    // After a crash between writing the new doc and deleting the old one: only the delete is left.
    moves.push({ from: doc._id, to, doc: ids.has(to) ? (live.find((d) => d._id === to) as StoredDoc) : { ...body(doc), _id: to, movedFrom: doc._id } })
  }
  const records = new Map(households)
  for (const doc of live) {
    const prefix = CHILD_PREFIX[String(doc.type)]
    const parent = typeof doc.householdId === 'string' ? households.get(doc.householdId) : undefined
    if (!prefix || !parent) continue
    const ulid = doc._id.split(':').at(-1)!
    const author = idAuthor(doc._id) ?? String(doc.createdBy)
    const to = `${prefix}:${parent}:${author}:${ulid}`
    records.set(doc._id, to)
    moves.push({ from: doc._id, to, doc: { ...body(doc), _id: to, householdId: parent } })
  }
  for (const doc of live) {
    if (doc.type !== 'review' && doc.type !== 'history') continue
    const record = typeof doc.recordId === 'string' ? records.get(doc.recordId) : undefined
    if (!record) continue
    const parts = doc._id.split(':')
    const to = `${parts[0]}:${record}:${authorOfId(doc._id)}:${parts.at(-1)}`
    moves.push({ from: doc._id, to, doc: { ...body(doc), _id: to, recordId: record } })
  }
  return moves
}
