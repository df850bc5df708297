import type { AppliedBatch, FetchedBatch } from '../store/projection-runner'
import type { RecordDb } from '../store/pouch'
import { groupLeaves, winnerOf, type FetchedDoc, type InitialProgress } from './bulk-pull-plan'
import { couchUrl, type Fetch } from './session'

/*
 * The first pull of an area the device has nothing of yet, in bulk (the way CHT 4.2 does it):
 * `_changes?style=all_docs` for ids and every leaf revision, in chunks; `_bulk_get` with
 * `revs=true` (the revision history, so conflicts stay conflicts) and `attachments=true`; a
 * `bulkDocs(docs, { new_edits: false })` into PouchDB; the same docs projected into the read model
 * from memory. PouchDB's own replicate does the same work in batches of 100 with a checkpoint write
 * per batch and reads every doc back for the projector — 4–5× slower on a first pull.
 *
 * Resume: after each chunk its server seq, the count received and the local seq up to which every
 * change came from the server are saved in a `_local` doc of the record db (never replicated, gone
 * with the db), while the next chunk is written (at most one save behind). A cut or a reload resumes
 * from the last saved chunk; the next two chunks' ids are checked against the local revisions first
 * (`revsDiff`), so no doc is fetched or written twice.
 *
 * When it is done, ordinary replication takes over: the pull side starts from the server seq the
 * bulk pull reached, the push side after the local seq up to which everything came from the server
 * (a doc saved on the phone meanwhile lies after it and is pushed).
 */

export const FIRST_PULL_DOC = '_local/cdd-first-pull'
const CHUNK = 2000

export interface FirstPullState extends InitialProgress {
  /** The server seq up to which every change has arrived. */
  since: string | number
  /** Local seq up to which every local change came from this pull (the push side may start there). */
  cleanThrough: number
  /** A local write was seen during the pull: project by reading back, not from memory. */
  dirty?: boolean
  /** Ordinary replication has written its first checkpoint from where this pull ended (push / pull side). */
  pushCheckpointed?: boolean
  pullCheckpointed?: boolean
}

export interface FirstPullDeps {
  fetch: Fetch
  base: string
  /** The server db, e.g. `cdd-4301`. */
  dbName: string
  records: RecordDb
  /** The read model's projector; without it the docs are only written (tests of sync alone). */
  projector?: { applyFetched(batch: FetchedBatch): Promise<AppliedBatch>; finishFetched?(): Promise<void> }
  onProgress?(state: FirstPullState): void
  cancelled?: () => boolean
  now?: () => Date
  chunk?: number
}

export interface FirstPullResult {
  /** The server seq to start ordinary pull replication from. */
  pullSince: string | number
  /** The local seq the push side may start after. */
  pushSince: number
  received: number
}

type LocalDoc = FirstPullState & { _id: string; _rev?: string }

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' }

async function getJson<T>(fetchFn: Fetch, url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetchFn(url, { ...init, credentials: 'include', headers: JSON_HEADERS })
  const body = (await res.json().catch(() => ({}))) as T & { error?: string; reason?: string }
  // The same shape as PouchDB's errors, so classifyError reads both alike.
  if (!res.ok) throw { status: res.status, name: body.error, error: body.error, reason: body.reason, message: body.reason ?? `HTTP ${res.status}` }
  return body
}

const seqNumber = (seq: string | number) => (typeof seq === 'number' ? seq : Number.parseInt(seq, 10))

export async function readFirstPull(records: RecordDb): Promise<FirstPullState | undefined> {
  try {
    return (await records.get(FIRST_PULL_DOC)) as unknown as LocalDoc
  } catch {
    return undefined
  }
}

/**
 * Saves the pull's state; returns the `_local` doc's new rev, which the next save passes back (one
 * write per chunk instead of a read and a write). A stale rev (someone else wrote it) reads it first.
 */
async function saveFirstPull(records: RecordDb, state: FirstPullState, rev?: string): Promise<string> {
  const { _rev: _drop, _id: _dropId, ...plain } = state as LocalDoc
  const put = (r?: string) => records.put({ ...plain, _id: FIRST_PULL_DOC, ...(r ? { _rev: r } : {}) } as never)
  try {
    return (await put(rev)).rev
  } catch (error) {
    if ((error as { status?: number }).status !== 409) throw error
    const old = (await records.get(FIRST_PULL_DOC).catch(() => undefined)) as LocalDoc | undefined
    return (await put(old?._rev)).rev
  }
}

/**
 * Whether an area needs the bulk first pull: an unfinished one, or a record db with nothing in it
 * (a db filled by an older app version's replication goes on with ordinary replication).
 */
export async function needsFirstPull(records: RecordDb): Promise<boolean> {
  const state = await readFirstPull(records)
  if (state) return !state.done
  return seqNumber((await records.info()).update_seq) === 0
}

/** Attachments that came as stubs (a server that ignores `attachments=true`) are fetched one by one. */
async function fillStubs(deps: FirstPullDeps, doc: FetchedDoc): Promise<void> {
  const atts = doc._attachments as Record<string, { stub?: boolean; data?: string; content_type?: string }> | undefined
  if (!atts) return
  for (const [name, att] of Object.entries(atts)) {
    if (!att.stub) continue
    const url = couchUrl(deps.base, `${deps.dbName}/${encodeURIComponent(doc._id)}/${encodeURIComponent(name)}?rev=${encodeURIComponent(doc._rev)}`)
    const res = await deps.fetch(url, { credentials: 'include' })
    if (!res.ok) throw { status: res.status, message: `attachment ${name} of ${doc._id}: HTTP ${res.status}` }
    const bytes = new Uint8Array(await res.arrayBuffer())
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    atts[name] = { content_type: att.content_type, data: btoa(binary) }
  }
}

interface ChangesRow {
  id: string
  seq: string | number
  deleted?: boolean
  changes: { rev: string }[]
  doc?: FetchedDoc
}

/** A doc the feed brought whole: one leaf, a first revision (so its history is just itself). */
function wholeInFeed(row: ChangesRow, missing: readonly string[]): FetchedDoc | undefined {
  const doc = row.doc
  if (!doc || row.changes.length !== 1 || missing.length !== 1 || doc._rev !== missing[0] || !doc._rev.startsWith('1-')) return undefined
  if (doc._conflicts || doc._deleted) return undefined
  return { ...doc, _revisions: { start: 1, ids: [doc._rev.slice(2)] } }
}

export async function firstPull(deps: FirstPullDeps): Promise<FirstPullResult> {
  const { records, base, dbName } = deps
  const fetchFn = deps.fetch
  const now = deps.now ?? (() => new Date())
  const chunk = deps.chunk ?? CHUNK
  const cancelled = deps.cancelled ?? (() => false)
  const dbUrl = couchUrl(base, dbName)

  const stored = await readFirstPull(records)
  const localSeq = async () => seqNumber((await records.info()).update_seq)
  // The state of a chunk is saved while the next chunk is written (at most one save behind), so a
  // reload may find the state one chunk older than what was written: after a resume the first
  // two chunks' ids are checked against the local revisions.
  let checkChunks = stored ? 2 : 0
  let stateRev = (stored as LocalDoc | undefined)?._rev
  const saves: Promise<void>[] = []
  let lastSave: Promise<unknown> = Promise.resolve()
  const saveState = (snapshot: FirstPullState) => {
    const next = lastSave.then(async () => {
      stateRev = await saveFirstPull(records, snapshot, stateRev)
    })
    lastSave = next.catch(() => undefined)
    saves.push(next)
    next.catch(() => undefined)
    return next
  }
  let state: FirstPullState
  if (!stored) {
    const info = await getJson<{ doc_count?: number; doc_del_count?: number }>(fetchFn, dbUrl)
    const at = now().toISOString()
    state = { done: false, received: 0, total: (info.doc_count ?? 0) + (info.doc_del_count ?? 0), startedAt: at, updatedAt: at, since: 0, cleanThrough: await localSeq() }
    stateRev = await saveFirstPull(records, state)
  } else if (stored.done) {
    return { pullSince: stored.since, pushSince: stored.cleanThrough, received: stored.received }
  } else if ((await localSeq()) !== stored.cleanThrough) {
    // Local changes this pull did not account for (a reload between a write and its record, or a
    // save on the phone): the push side must look at everything after cleanThrough, and the
    // projector reads back.
    state = { ...stored, dirty: true }
  } else state = stored
  deps.onProgress?.(state)

  type ChangesPage = { results: ChangesRow[]; last_seq: string | number; pending?: number }
  // With the docs: most are first revisions with one leaf, complete as the feed gives them. The
  // rest (edited, deleted, conflicted) come from _bulk_get with their whole history and every leaf.
  // Aborted when the pull ends however it ends: a cancelled pull leaves no request behind.
  const ending = new AbortController()
  const fetchChanges = (since: string | number) =>
    getJson<ChangesPage>(fetchFn, `${dbUrl}/_changes?style=all_docs&include_docs=true&conflicts=true&attachments=true&limit=${chunk}&since=${encodeURIComponent(String(since))}`, { signal: ending.signal })
  let prefetched: Promise<ChangesPage> | undefined
  const seenIds = new Set<string>()
  // The projector folds what it deferred and reopens its live feed when the run ends, however it ends.
  const finishProjection = async () => deps.projector?.finishFetched?.()
  try {
    for (;;) {
      if (cancelled()) throw { name: 'cancelled', message: 'first pull cancelled' }
      // The next chunk is asked for while this one is written and projected (one connection, and
      // the network and IndexedDB work overlap); a cut in it surfaces when it is awaited.
      const changes: ChangesPage = await (prefetched ?? fetchChanges(state.since))
      prefetched = changes.results.length >= chunk ? fetchChanges(changes.last_seq) : undefined
      prefetched?.catch(() => undefined)
      const rows = changes.results
      if (rows.length) {
        // Which leaves to fetch: all of them, except on the first chunk after a resume and for ids
        // met before in this pull (a doc changed on the server meanwhile), where the phone may have some.
        const check = rows.filter((r) => checkChunks > 0 || seenIds.has(r.id))
        const missing = new Map<string, string[]>(rows.map((r) => [r.id, r.changes.map((c) => c.rev)]))
        if (check.length) {
          const diff = (await records.revsDiff(Object.fromEntries(check.map((r) => [r.id, r.changes.map((c) => c.rev)])))) as Record<string, { missing?: string[] }>
          for (const r of check) missing.set(r.id, diff[r.id]?.missing ?? [])
        }
        const docs: FetchedDoc[] = []
        const requests: { id: string; rev: string }[] = []
        for (const r of rows) {
          const revs = missing.get(r.id) ?? []
          if (!revs.length) continue
          const whole = wholeInFeed(r, revs)
          if (whole) docs.push(whole)
          else for (const rev of revs) requests.push({ id: r.id, rev })
        }
        for (const doc of docs) await fillStubs(deps, doc)
        if (requests.length) {
          const fetched: FetchedDoc[] = []
          const got = await getJson<{ results: { id: string; docs: { ok?: FetchedDoc; error?: { error?: string; reason?: string } }[] }[] }>(
            fetchFn,
            `${dbUrl}/_bulk_get?revs=true&attachments=true`,
            { method: 'POST', body: JSON.stringify({ docs: requests }) },
          )
          for (const r of got.results) {
            for (const d of r.docs) {
              if (d.ok) fetched.push(d.ok)
              // A revision compacted away since _changes listed it: ordinary replication fetches the newer one later.
              else if (d.error?.error !== 'not_found') throw { status: 500, name: d.error?.error, message: d.error?.reason ?? `bulk_get ${r.id}` }
            }
          }
          for (const doc of fetched) await fillStubs(deps, doc)
          docs.push(...fetched)
        }
        if (cancelled()) throw { name: 'cancelled', message: 'first pull cancelled' }
        // Winners for the projector: only when every leaf of the doc was fetched here, else (the phone
        // had some of them) the projector has to read the doc back.
        const complete = rows.every((r) => (missing.get(r.id)?.length ?? 0) === r.changes.length)
        const winners = [...groupLeaves(docs).values()].map((leaves) => winnerOf(leaves))
        const write = async () => {
          if (!docs.length) return 0
          await records.bulkDocs(docs as never, { new_edits: false })
          return docs.length
        }
        let applied: { from: number; to: number }
        if (deps.projector) applied = await deps.projector.applyFetched({ write, docs: winners, fromMemory: !state.dirty && complete })
        else {
          const from = await localSeq()
          await write()
          applied = { from, to: await localSeq() }
        }
        // Every local seq in (from, to] is this write's only when their number matches exactly.
        const exact: boolean = applied.to - applied.from === docs.length && applied.from === state.cleanThrough && !state.dirty
        for (const r of rows) seenIds.add(r.id)
        const received: number = state.received + rows.length
        state = {
          ...state,
          since: changes.last_seq,
          received,
          total: Math.max(state.total, received + (changes.pending ?? 0)),
          cleanThrough: exact ? applied.to : state.cleanThrough,
          dirty: state.dirty || !exact,
          updatedAt: now().toISOString(),
        }
        checkChunks = Math.max(0, checkChunks - 1)
      }
      const finished = rows.length < chunk
      if (finished) {
        // Done only once the read model holds it all.
        await finishProjection()
        state = { ...state, done: true, total: state.received, since: changes.last_seq, updatedAt: now().toISOString() }
        await Promise.all(saves)
        await saveState(state)
      } else {
        void saveState(state)
        // Never more than one chunk's state unsaved: the chunk after next waits for this save.
        while (saves.length > 1) await saves.shift()
      }
      deps.onProgress?.(state)
      if (finished) return { pullSince: state.since, pushSince: state.cleanThrough, received: state.received }
    }
  } catch (error) {
    // No save left running after the pull ends (the state it writes is of a chunk that was written).
    await Promise.allSettled(saves)
    await finishProjection().catch(() => undefined)
    throw error
  } finally {
    ending.abort()
  }
}
