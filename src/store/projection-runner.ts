import { eventsByParent, eventsOfParents } from './events'
import { DERIVED_TABLES, type EventRow, type HouseholdRow, type LocalDb, type PlotRow } from './local-db'
import { foldHousehold, foldPlot, project, type Projection } from './projector'
import type { RecordDb } from './pouch'
import { updateVillageFacts } from './village-facts-store'

/*
 * Applies PouchDB's changes feed to the Dexie read model, batch by batch. Each batch and the
 * sequence it reached are written in ONE Dexie transaction, so a reload mid-projection resumes
 * exactly where it stopped: nothing skipped, nothing applied twice.
 */

/** One runner per record db (a province supervisor's phone holds several), all into one read model. */
const lastSeqKey = (records: RecordDb) => `projector.lastSeq:${records.name}`
/** Households and plots whose children a first pull wrote but which are not folded yet (see applyFetched). */
const unfoldedKey = (records: RecordDb) => `projector.unfolded:${records.name}`
const BATCH = 1000
/** Parents folded per transaction when a first pull's deferred folds are done. */
const FOLD_BATCH = 2000
/** Docs projected from memory go in larger transactions: a first pull's chunk in one. */
const FETCHED_BATCH = 5000

export interface ProjectionReport {
  applied: number
  problems: number
  lastSeq: string | number
}

async function readLastSeq(db: LocalDb, key: string): Promise<string | number> {
  const row = await db.meta.get(key)
  return (row?.value as string | number | undefined) ?? 0
}

/** The children a household's or a plot's row folds in (reviews and history are not folded). */
const FOLDED_KINDS: EventRow['type'][] = ['mentor-visit', 'assistance', 'plot-assessment']

/**
 * The parents a first pull left unfolded, under their meta key (see applyBatch). `known` is what
 * the key holds once the last transaction that wrote it committed: a batch whose parents are all
 * known (a chunk of visits to households already here) neither reads nor rewrites the list.
 */
export interface DeferredFolds {
  key: string
  known?: Set<string>
  /** Set while everything of this record db in the read model came in this run (see FoldMemory). */
  memory?: FoldMemory
}

/**
 * A first pull's parents and their folded children as they were written, kept while the record db
 * was empty when the pull started and nothing but from-memory batches came since: then this is all
 * the read model holds of it, and the final fold needs no read-back. Dropped on anything else.
 */
export interface FoldMemory {
  parents: Map<string, HouseholdRow | PlotRow>
  children: Map<string, Map<string, EventRow>>
  events: number
  /** Parents whose row, as written, lacks a child that came (or went) in a later batch: the final fold's work. */
  stale: Set<string>
}

/** Beyond this many children the fold reads them back instead (a phone's memory is not IndexedDB). */
const FOLD_MEMORY_MAX_EVENTS = 30_000

const isFolded = (row: EventRow) => FOLDED_KINDS.includes(row.type)

/** The batch, once written, in the memory of its first pull; false when the memory must go. */
function remember(memory: FoldMemory, projections: readonly Projection[]): boolean {
  // Parents of this batch were written folded with this batch's children (see applyBatch).
  const written = parentIds(projections)
  const touch = (parentId: string) => {
    if (!written.has(parentId)) memory.stale.add(parentId)
  }
  for (const p of projections) {
    if (p.table === 'deleted') {
      if (p.table2 === 'households' || p.table2 === 'plots') {
        memory.parents.delete(p.id)
        memory.stale.delete(p.id)
      } else if (p.table2 === 'events' && p.parentId && memory.children.get(p.parentId)?.delete(p.id)) {
        memory.events -= 1
        touch(p.parentId)
      }
    } else if (p.table === 'problems') {
      // A doc set aside: whatever row it had is still there. Read back rather than guess.
      return false
    } else if (p.table === 'households' || p.table === 'plots') {
      memory.parents.set(p.row.id, p.row)
      memory.stale.delete(p.row.id)
    } else if (p.table === 'events' && isFolded(p.row)) {
      const siblings = memory.children.get(p.row.parentId) ?? new Map<string, EventRow>()
      memory.children.set(p.row.parentId, siblings)
      if (!siblings.has(p.row.id)) memory.events += 1
      siblings.set(p.row.id, p.row)
      touch(p.row.parentId)
    }
  }
  return memory.events <= FOLD_MEMORY_MAX_EVENTS
}

const parentIds = (projections: readonly Projection[]) =>
  new Set(projections.flatMap((p) => (p.table === 'households' || p.table === 'plots' ? [p.row.id] : [])))

/**
 * A parent of this batch folded with every child its first pull has brought so far: those in
 * memory from earlier batches, with this batch's own (`inBatch`: its folded children written or
 * deleted here, in order) added and removed.
 */
function foldFromMemory(row: HouseholdRow | PlotRow, memory: FoldMemory, inBatch: readonly Projection[] = []): HouseholdRow | PlotRow {
  const children = new Map(memory.children.get(row.id))
  for (const p of inBatch) {
    if (p.table === 'deleted') children.delete(p.id)
    else if (p.table === 'events') children.set(p.row.id, p.row)
  }
  const events = [...children.values()]
  return 'houseId' in row ? foldHousehold(row, events) : foldPlot(row, events)
}

/**
 * Writes one batch of projections; re-folds every household/plot whose children changed. With
 * `deferFolds` the parents touched are only remembered under its key, to be folded once by
 * `foldDeferred`: a first pull brings a household and then, chunk after chunk, its visits, and
 * re-folding and re-writing every household per chunk was most of its time. (The parents of the
 * batch itself are written as they came, or, with the pull's memory, folded with what it brought.)
 * The writes of a batch are issued together, not one after another: a first pull's PouchDB writes
 * share the origin's IndexedDB with these, and every awaited step waited its turn behind them.
 */
async function applyBatch(db: LocalDb, seqKey: string, projections: Projection[], lastSeq: string | number, now: string, deferFolds?: DeferredFolds): Promise<number> {
  let problems = 0
  let nowKnown: Set<string> | undefined
  await db.transaction('rw', [db.villages, db.households, db.plots, db.complaints, db.posts, db.reports, db.events, db.facts, db.problems, db.meta, db.areaConfigs, db.villageFacts, db.officeSettings], async () => {
    const touchedParents = new Set<string>()
    const put: Record<string, unknown[]> = {}
    const deleteIds: Record<string, string[]> = {}
    const clearProblems: string[] = []
    for (const p of projections) {
      if (p.table === 'ignored') continue
      if (p.table === 'deleted') {
        ;(deleteIds[p.table2] ??= []).push(p.id)
        clearProblems.push(p.id)
        if (p.parentId) touchedParents.add(p.parentId)
        if (p.table2 === 'households' || p.table2 === 'plots') touchedParents.delete(p.id)
        continue
      }
      if (p.table === 'problems') {
        problems += 1
        ;(put.problems ??= []).push({ ...p.row, seenAt: now })
        continue
      }
      clearProblems.push(p.table === 'villages' ? `village:${p.row.code}` : p.row.id)
      ;(put[p.table] ??= []).push(p.row)
      if (p.table === 'events') touchedParents.add(p.row.parentId)
      if (p.table === 'households' || p.table === 'plots') touchedParents.add(p.row.id)
    }
    // Deletes first, then puts: a batch may delete and re-create the same id.
    for (const [table, ids] of Object.entries(deleteIds)) {
      if (table === 'villages') await db.villages.bulkDelete(ids.map((id) => id.slice('village:'.length)))
      else await db.table(table).bulkDelete(ids)
    }
    const writes: Promise<unknown>[] = []
    // Problems are rare: skip the delete of a whole batch of ids when there are none to clear.
    // Cleared before this batch's own problems are put.
    const problemRows = put.problems
    delete put.problems
    writes.push(
      (async () => {
        if (clearProblems.length && (await db.problems.count()) > 0) await db.problems.bulkDelete(clearProblems)
        if (problemRows) await db.problems.bulkPut(problemRows as never[])
      })(),
    )
    // Households and plots are written once, below, with their children folded in.
    const parentsInBatch = new Map<string, HouseholdRow | PlotRow>()
    for (const [table, rows] of Object.entries(put)) {
      if (table === 'households' || table === 'plots') for (const row of rows as (HouseholdRow | PlotRow)[]) parentsInBatch.set(row.id, row)
      else writes.push(db.table(table).bulkPut(rows))
    }

    // Fold children into parents. A parent that is not here yet gets folded when it arrives.
    const households: HouseholdRow[] = []
    const plots: PlotRow[] = []
    if (touchedParents.size && deferFolds) {
      writes.push(
        (async () => {
          const known = deferFolds.known ?? new Set((await db.meta.get(deferFolds.key))?.value as string[] | undefined)
          if ([...touchedParents].every((id) => known.has(id))) {
            nowKnown = known
            return
          }
          nowKnown = new Set([...known, ...touchedParents])
          await db.meta.put({ key: deferFolds.key, value: [...nowKnown] })
        })(),
      )
      // With a first pull's memory, a parent is written folded with the children that came so far
      // (most come in the same chunk as their household: one write instead of a raw one and a
      // fold); only a child in a later chunk leaves it for the final fold. Without, it is written as
      // it came and folded at the end.
      const memory = deferFolds.memory
      const inBatch = new Map<string, Projection[]>()
      if (memory) {
        for (const p of projections) {
          const parentId = p.table === 'events' && isFolded(p.row) ? p.row.parentId : p.table === 'deleted' && p.table2 === 'events' ? p.parentId : undefined
          if (!parentId || !parentsInBatch.has(parentId)) continue
          const list = inBatch.get(parentId)
          if (list) list.push(p)
          else inBatch.set(parentId, [p])
        }
      }
      for (const raw of parentsInBatch.values()) {
        const row = memory ? foldFromMemory(raw, memory, inBatch.get(raw.id)) : raw
        if ('houseId' in row) households.push(row)
        else plots.push(row)
      }
    } else if (touchedParents.size) {
      // The folds read this batch's children back: they are written first.
      await Promise.all(writes.splice(0))
      const ids = [...touchedParents]
      const stored = (prefix: string) => ids.filter((id) => id.startsWith(prefix) && !parentsInBatch.has(id))
      const [byParent, storedHouseholds, storedPlots] = await Promise.all([eventsByParent(db, ids, FOLDED_KINDS), db.households.bulkGet(stored('household:')), db.plots.bulkGet(stored('plot:'))])
      for (const row of [...parentsInBatch.values(), ...storedHouseholds, ...storedPlots]) {
        if (!row) continue
        if ('houseId' in row) households.push(foldHousehold(row, byParent.get(row.id) ?? []))
        else plots.push(foldPlot(row, byParent.get(row.id) ?? []))
      }
    }
    if (households.length) writes.push(db.households.bulkPut(households))
    if (plots.length) writes.push(db.plots.bulkPut(plots))
    // The dashboards' per-village facts follow the rows just written, in the same transaction.
    const written = new Set([...households, ...plots].map((r) => r.id))
    const gone = (ids: string[] = []) => ids.filter((id) => !written.has(id))
    writes.push(updateVillageFacts(db, households, gone(deleteIds.households), plots, gone(deleteIds.plots)))
    // Never back: a pass that read back further already covers this batch (projecting twice is harmless).
    writes.push(
      (async () => {
        const before = (await db.meta.get(seqKey))?.value as string | number | undefined
        if (!deferFolds || before === undefined || seqNumber(before) < seqNumber(lastSeq)) await db.meta.put({ key: seqKey, value: lastSeq })
      })(),
    )
    await Promise.all(writes)
  })
  // Only once the transaction committed: an aborted one wrote nothing.
  if (deferFolds && nowKnown) deferFolds.known = nowKnown
  if (deferFolds?.memory && !remember(deferFolds.memory, projections)) deferFolds.memory = undefined
  return problems
}

/**
 * Folds the parents a first pull left unfolded (applyBatch with `deferFolds`): their children read
 * by id range, one transaction per slice, the key shrinking with each, so a reload resumes it.
 */
async function foldDeferred(db: LocalDb, deferred: DeferredFolds): Promise<void> {
  const { key, memory } = deferred
  // Whatever ends here, the list is read afresh next time, and the memory is of the run that ended.
  deferred.known = undefined
  deferred.memory = undefined
  const pending = (await db.meta.get(key))?.value as string[] | undefined
  if (!pending) return
  // From memory, only the parents whose row as written lacks a later child are rewritten (the
  // others were written folded); without, every parent the pull touched.
  const ids = [...new Set(pending)].filter((id) => !memory || memory.stale.has(id)).sort()
  const slices: string[][] = []
  for (const prefix of ['household:', 'plot:']) {
    const mine = ids.filter((id) => id.startsWith(prefix))
    for (let i = 0; i < mine.length; i += FOLD_BATCH) slices.push(mine.slice(i, i + FOLD_BATCH))
  }
  let left = ids
  for (const slice of slices) {
    await db.transaction('rw', [db.households, db.plots, db.events, db.meta, db.villageFacts], async () => {
      const wanted = new Set(slice)
      const isHouseholds = slice[0]!.startsWith('household:')
      const [byParent, rows] = memory
        ? [new Map(slice.map((id) => [id, [...(memory.children.get(id)?.values() ?? [])]])), slice.map((id) => memory.parents.get(id))]
        : await Promise.all([eventsOfParents(db, slice, isHouseholds ? ['mentor-visit', 'assistance'] : ['plot-assessment']), isHouseholds ? db.households.bulkGet(slice) : db.plots.bulkGet(slice)])
      const households: HouseholdRow[] = []
      const plots: PlotRow[] = []
      for (const row of rows) {
        if (!row) continue
        if ('houseId' in row) households.push(foldHousehold(row, byParent.get(row.id) ?? []))
        else plots.push(foldPlot(row, byParent.get(row.id) ?? []))
      }
      left = left.filter((id) => !wanted.has(id))
      await Promise.all([
        households.length ? db.households.bulkPut(households) : undefined,
        plots.length ? db.plots.bulkPut(plots) : undefined,
        updateVillageFacts(db, households, [], plots, []),
        left.length ? db.meta.put({ key, value: left }) : db.meta.delete(key),
      ])
    })
  }
  if (!slices.length) await db.meta.delete(key)
}

/** A batch of replicated docs written by the caller and projected from memory (see applyFetched). */
export interface FetchedBatch {
  /** Writes the batch into the record db (e.g. `bulkDocs(docs, { new_edits: false })`); returns how many entries it wrote, each a new revision. */
  write(): Promise<number>
  /** The winning revision of each doc written, with `_conflicts` (what `changes({ conflicts: true })` would give). */
  docs: Record<string, unknown>[]
  /** false: the caller cannot vouch for `docs` (it saw other local writes): project by reading back. */
  fromMemory?: boolean
}

export interface AppliedBatch {
  /** The record db's update_seq before and after the write. */
  from: number
  to: number
  /** Whether the docs were projected from memory (else read back from the changes feed). */
  fromMemory: boolean
  /** Settles when the batch is in the read model (from memory, it runs while the next is written). */
  projected: Promise<void>
}

const seqNumber = (seq: string | number) => (typeof seq === 'number' ? seq : Number.parseInt(seq, 10))

/**
 * Projects every change since the last projected sequence. Safe to call often: calls are
 * serialised per read model, and a call made while one runs is folded into one more pass.
 */
export function createProjectionRunner(records: RecordDb, db: LocalDb, now: () => Date = () => new Date()) {
  const seqKey = lastSeqKey(records)
  const unfolded: DeferredFolds = { key: unfoldedKey(records) }
  // Every pass and every fetched batch runs in this one queue, so they never interleave.
  let queue: Promise<unknown> = Promise.resolve()
  let queuedRun: Promise<ProjectionReport> | null = null
  let feed: { cancel(): void } | null = null
  let onFeed: (() => void) | null = null
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work)
    queue = next.catch(() => undefined)
    return next
  }

  async function catchUp(): Promise<ProjectionReport> {
    // Parents a first pull left unfolded (it was cut, or the app reloaded): fold them now.
    if (!fetching) await foldDeferred(db, unfolded)
    let since = await readLastSeq(db, seqKey)
    // From nothing (a rebuild, records that arrived without a first pull): a household comes, then its
    // visits batch after batch, so fold each parent once at the end, as a first pull does, instead of
    // once per batch that touches it (bench, 100,000 docs from scratch: 424 s → 220 s).
    const deferFolds = since === 0 && !fetching ? unfolded : undefined
    let applied = 0
    let problems = 0
    for (;;) {
      const result = await records.changes({ since, limit: BATCH, include_docs: true, conflicts: true, style: 'main_only' })
      if (result.results.length === 0) break
      const projections = result.results.map((r) => project({ id: r.id, seq: r.seq, deleted: r.deleted, doc: r.doc as Record<string, unknown> | undefined }))
      // Read back, not from a first pull's memory: the fold must read back too.
      unfolded.memory = undefined
      problems += await applyBatch(db, seqKey, projections, result.last_seq, now().toISOString(), deferFolds)
      applied += result.results.length
      since = result.last_seq
      if (result.results.length < BATCH) break
    }
    if (deferFolds) await foldDeferred(db, deferFolds)
    return { applied, problems, lastSeq: since }
  }

  function run(): Promise<ProjectionReport> {
    // One pass waiting in the queue covers every call made before it starts.
    if (queuedRun) return queuedRun
    const pass = enqueue(() => {
      queuedRun = null
      return catchUp()
    })
    queuedRun = pass
    return pass
  }

  function openFeed() {
    if (!onFeed || feed || fetching) return
    const listener = onFeed
    const changes = records.changes({ since: 'now', live: true })
    changes.on('change', listener)
    feed = changes
  }

  // A first pull in progress (applyFetched until finishFetched): the live feed stays closed, parents'
  // folds are deferred, and each batch is projected while the next one is written.
  let fetching = false
  let writes: Promise<unknown> = Promise.resolve()
  /** The seq the read model reaches once the from-memory projections queued so far are done. */
  let projectedThrough: number | undefined
  let inFlight: Promise<void>[] = []

  /**
   * Writes a batch of replicated docs and projects them from the docs in memory, with no read-back
   * from PouchDB (a first pull of thousands of docs otherwise reads every doc twice). Safe only when
   * the write was the record db's only change since the last projected seq: it checks that from the
   * update_seq before and after (each entry written is one new seq), else it catches up from the
   * changes feed as usual. Resolves once the batch is written; its projection runs while the caller
   * fetches and writes the next one (`projected`), and at most one batch waits to be projected.
   * The caller ends the run with `finishFetched`, which folds the deferred parents.
   */
  function applyFetched(batch: FetchedBatch): Promise<AppliedBatch> {
    const step = writes.then(async (): Promise<AppliedBatch> => {
      if (!fetching) {
        fetching = true
        // The live feed would re-read every batch written here; finishFetched reopens it.
        feed?.cancel()
        feed = null
      }
      while (inFlight.length > 1) await inFlight.shift()
      const from = seqNumber((await records.info()).update_seq)
      const entries = await batch.write()
      const to = seqNumber((await records.info()).update_seq)
      const lastSeq = projectedThrough ?? seqNumber(await readLastSeq(db, seqKey))
      const exact = to - from === entries && lastSeq === from && batch.fromMemory !== false
      if (exact && entries > 0) {
        projectedThrough = to
        const docs = batch.docs
        // The record db was empty: the read model holds nothing of it yet, unless a fold is pending.
        const startMemory = from === 0
        const projected = enqueue(async () => {
          if (startMemory && !(await db.meta.get(unfolded.key))) unfolded.memory = { parents: new Map(), children: new Map(), events: 0, stale: new Set() }
          const projections = docs.map((doc) => project({ id: String(doc._id), deleted: doc._deleted === true, doc }))
          for (let i = 0; i < projections.length; i += FETCHED_BATCH) {
            const last = i + FETCHED_BATCH >= projections.length
            // The seq is recorded with the last slice only: a reload mid-way re-projects from `from`.
            await applyBatch(db, seqKey, projections.slice(i, i + FETCHED_BATCH), last ? to : from, now().toISOString(), unfolded).catch((error: unknown) => {
              // A batch not in the read model is read back later, and the fold with it.
              unfolded.memory = undefined
              throw error
            })
          }
        })
        inFlight.push(projected)
        // Surfaces through finishFetched or the next batch; never unhandled meanwhile.
        projected.catch(() => undefined)
        return { from, to, fromMemory: true, projected }
      }
      // Another write came in between (a save on the phone): read back from the changes feed.
      projectedThrough = undefined
      unfolded.memory = undefined
      if (!exact) await enqueue(catchUp)
      return { from, to, fromMemory: false, projected: Promise.resolve() }
    })
    writes = step.catch(() => undefined)
    return step
  }

  /**
   * Ends a first pull's run of applyFetched (done, cut or cancelled alike): waits for its
   * projections, folds the parents it deferred and reopens the live feed. Rejects with the first
   * projection error, if any (the docs are written: a later pass reads them back).
   */
  function finishFetched(): Promise<void> {
    const done = writes.then(async () => {
      const pending = inFlight
      inFlight = []
      projectedThrough = undefined
      const results = await Promise.allSettled(pending)
      fetching = false
      try {
        await enqueue(() => foldDeferred(db, unfolded))
      } finally {
        openFeed()
        // A save made while the feed was closed raised no event: look once.
        onFeed?.()
      }
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failed) throw failed.reason
    })
    writes = done.catch(() => undefined)
    return done
  }

  /** Follows the changes feed live (local saves and replication alike) until stopped. */
  function follow(onProjected?: (report: ProjectionReport) => void): () => void {
    // A failed pass (the db closed under it, a full disk) is retried by the next change.
    onFeed = () => void run().then((r) => onProjected?.(r), () => undefined)
    openFeed()
    void run().then((r) => onProjected?.(r), () => undefined)
    return () => {
      onFeed = null
      feed?.cancel()
      feed = null
    }
  }

  /**
   * Drops everything derived and projects it again from the record store. (With several record
   * dbs on one device, rebuild them all: the derived tables are shared.)
   */
  async function rebuild(): Promise<ProjectionReport> {
    await db.transaction('rw', [...DERIVED_TABLES.map((t) => db.table(t)), db.meta], async () => {
      for (const table of DERIVED_TABLES) await db.table(table).clear()
      const seqKeys = (await db.meta.toCollection().primaryKeys()).filter((k) => /^projector\.(lastSeq|unfolded):/.test(String(k)))
      await db.meta.bulkDelete(seqKeys)
    })
    unfolded.known = undefined
    unfolded.memory = undefined
    return run()
  }

  return { run, follow, rebuild, applyFetched, finishFetched }
}

export type ProjectionRunner = ReturnType<typeof createProjectionRunner>

