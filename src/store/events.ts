import { CHILD_ID_PREFIX } from '../schema/ids'
import type { EventRow, LocalDb } from './local-db'

/*
 * Reading the append-only rows (visits, assistance, assessments, reviews, history) by their ids.
 * Every such id starts with its kind and then the record it belongs to (src/schema/ids.ts; the
 * server refuses any other), so one key range finds a record's children and one prefix a kind:
 * the events table needs no secondary index. Indexes were most of the cost of writing these rows,
 * which are most of a district's docs (a first pull wrote 13,000 of them, each into three trees).
 */

/** The id prefix of each kind of event row (schema/ids.ts), with its separator. */
const EVENT_PREFIX = Object.fromEntries(Object.entries(CHILD_ID_PREFIX).map(([kind, prefix]) => [kind, `${prefix}:`])) as Record<EventRow['type'], string>

/** The kinds a record of this id can have as children. */
function childKinds(parentId: string): EventRow['type'][] {
  if (parentId.startsWith('household:')) return ['mentor-visit', 'assistance', 'review', 'history']
  if (parentId.startsWith('plot:')) return ['plot-assessment', 'review', 'history']
  return ['review', 'history']
}

const startingWith = (db: LocalDb, prefix: string) => db.events.where(':id').startsWith(prefix)

/** The event rows of one record. (`household:V:H:` is also the start of `household:V:H:<author>`'s children: filtered by parent.) */
export async function eventsOf(db: LocalDb, parentId: string, kinds: readonly EventRow['type'][] = childKinds(parentId)): Promise<EventRow[]> {
  const lists = await Promise.all(kinds.map((kind) => startingWith(db, `${EVENT_PREFIX[kind]}${parentId}:`).toArray()))
  return lists.flat().filter((e) => e.parentId === parentId)
}

/** The event rows of many records, by record: one key range per record and kind, all in flight together. */
export async function eventsByParent(db: LocalDb, parentIds: readonly string[], kinds?: readonly EventRow['type'][]): Promise<Map<string, EventRow[]>> {
  const lists = await Promise.all(parentIds.map((id) => eventsOf(db, id, kinds)))
  return new Map(parentIds.map((id, i) => [id, lists[i]!]))
}

/**
 * The event rows of the kinds given of many parents, by parent, in one key range per kind: from the
 * least `<parent>:` to the greatest `<parent>:\uffff`, rows of parents not asked for left out. Not
 * from the first parent to the last: `:` sorts after the digits (`household:V:1:…` lies after
 * `household:V:10:`), and `household:V:H:` starts `household:V:H:<author>`'s children too.
 * For the sorted slices of a first pull's folds and a sub-district's plots.
 */
export async function eventsOfParents(db: LocalDb, parentIds: readonly string[], kinds: readonly EventRow['type'][]): Promise<Map<string, EventRow[]>> {
  const byParent = new Map<string, EventRow[]>()
  if (!parentIds.length) return byParent
  // Bounds of each parent's children: `<id>:` … `<id>:\uffff`; the range spans all of them.
  let low = parentIds[0]! + ':'
  let high = low + '\uffff'
  for (const id of parentIds) {
    if (id + ':' < low) low = id + ':'
    if (id + ':\uffff' > high) high = id + ':\uffff'
  }
  const wanted = new Set(parentIds)
  const lists = await Promise.all(kinds.map((kind) => db.events.where(':id').between(EVENT_PREFIX[kind] + low, EVENT_PREFIX[kind] + high, true, true).toArray()))
  for (const event of lists.flat()) {
    if (!wanted.has(event.parentId)) continue
    const list = byParent.get(event.parentId)
    if (list) list.push(event)
    else byParent.set(event.parentId, [event])
  }
  return byParent
}

/** The ids of every event row of these kinds whose id continues with `within` (e.g. `household:4301`). */
export async function eventIdsOfKinds(db: LocalDb, kinds: readonly EventRow['type'][], within = ''): Promise<string[]> {
  const lists = await Promise.all(kinds.map((kind) => startingWith(db, `${EVENT_PREFIX[kind]}${within}`).primaryKeys()))
  return lists.flat()
}

/** Every event row of one kind. */
export function eventsOfKind(db: LocalDb, kind: EventRow['type']): Promise<EventRow[]> {
  return startingWith(db, EVENT_PREFIX[kind]).toArray()
}
