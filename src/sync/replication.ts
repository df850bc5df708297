import type { AppliedBatch, FetchedBatch } from '../store/projection-runner'
import type { RecordDb } from '../store/pouch'
import { firstPull, FIRST_PULL_DOC, needsFirstPull, readFirstPull, type FirstPullState } from './bulk-pull'
import { roundOrder } from './bulk-pull-plan'
import { limitConnections, SYNC_CONNECTIONS, type LimitedFetch } from './connection-limit'
import { classifyError, type SyncProblem } from './errors'
import { couchUrl, getSession, type Fetch } from './session'
import type { Direction, SyncEvent } from './status'

/*
 * Two-way sync of each area's record db with `cdd-<area>` on the server, for any number of areas
 * inside a browser's 6 connections per host (HTTP/1.1).
 *
 * No live feeds: a scheduler runs one-shot rounds (push, then pull) per area, at most
 * SYNC_CONNECTIONS areas at a time, and every request goes through one gate of SYNC_CONNECTIONS
 * connections (connection-limit.ts) — so sync never holds more than 2 connections, whether the phone
 * holds 1 area or 10, and the app's other requests (sign-in, photos, imports) always get one.
 *
 * - A local write (a save, a resolved conflict) starts a push round for its area within PUSH_DELAY_MS.
 * - Every POLL_MS one cheap check asks each area's db for its update_seq (GET /cdd-x, a few hundred
 *   bytes) and pulls the areas that changed. So a change on the server reaches the phone within
 *   POLL_MS + one round of each area ahead in the queue: **at most 30 s while the app is open and
 *   online** (10 s poll + rounds that take a second or two on a phone's network).
 * - An area the phone has nothing of yet is first pulled in bulk (bulk-pull.ts), then replicated
 *   from the server seq the bulk pull reached.
 * - A failed round is retried with a growing back-off (2 s doubling to 5 min); an expired session
 *   or a db the user may not read stops the area until start() (a new sign-in, "sync now").
 * PouchDB still does the real work of each round (checkpoints, revision trees, conflicts).
 */

export const POLL_MS = 10_000
export const PUSH_DELAY_MS = 300
const MAX_BACK_OFF_MS = 5 * 60_000

export interface SyncTarget {
  area: string
  records: RecordDb
  /** The read model's projector: a first pull projects into it from memory. */
  projector?: { applyFetched(batch: FetchedBatch): Promise<AppliedBatch>; finishFetched?(): Promise<void> }
}

type PouchStatic = new (name: string, options?: Record<string, unknown>) => RecordDb

export interface ReplicationDeps {
  /** A PouchDB constructor with the http adapter and the replication plugin. */
  PouchDB: PouchStatic
  /** The server's base URL: the app's `location.origin + '/couch/'`, tests' own. */
  base: string
  /** Browsers: the global fetch (cookies are sent, same origin). Node: a fetch with a cookie jar. */
  fetch?: Fetch
  targets: SyncTarget[]
  onEvent(event: SyncEvent): void
  /** Every local change up to `seq` is on the server (pushed, or pulled from it): what waits is after it. */
  onPushCheckpoint?(target: SyncTarget, seq: string | number): void
  now?: () => Date
  online?: () => boolean
  /** false: one round per area and stop (tests, "sync once"); true by default. */
  live?: boolean
  /** The delay before the next retry, from the last one (0 the first time). */
  backOff?: (delay: number) => number
  batchSize?: number
  /** How often to ask the server whether an area changed (ms); POLL_MS by default. */
  pollMs?: number
  /** Docs per chunk of the bulk first pull. */
  firstPullChunk?: number
}

export interface SyncController {
  /** Starts (or restarts) every area. Restarting skips a running back-off: used on `online` and "sync now". */
  start(): void
  stop(): void
  /**
   * Resolves once every area has finished a round both ways since start() with nothing left to do;
   * rejects on the first error unless `tolerateErrors` (then it waits through retries).
   */
  idle(timeoutMs?: number, tolerateErrors?: boolean): Promise<void>
  remoteFor(area: string): RecordDb
  /** A local write happened in `area` (the controller also watches the db itself while live). */
  localChanged(area: string): void
  /** Whether a round of `area` is running (its counts move until it ends). */
  busy(area: string): boolean
  /** The gate every sync request passes (its inFlight/maxInFlight, for tests and the bench). */
  connections: LimitedFetch
}

type Replication = PouchDB.Replication.Replication<Record<string, unknown>>

export function remoteDbName(area: string): string {
  return `cdd-${area}`
}

const seqNumber = (seq: string | number | undefined) => (seq === undefined ? undefined : typeof seq === 'number' ? seq : Number.parseInt(seq, 10))

interface AreaState {
  target: SyncTarget
  wantPush: boolean
  wantPull: boolean
  queued: boolean
  running: boolean
  /** A round finished since start() and nothing was asked for since. */
  caughtUp: boolean
  /** Stopped by a problem retrying cannot fix (until start()). */
  stopped: boolean
  error?: unknown
  retryDelay: number
  retryTimer?: ReturnType<typeof setTimeout>
  pushTimer?: ReturnType<typeof setTimeout>
  /** Local seq up to which everything is on the server (pushed or pulled). */
  pushSeq?: number
  /** The server's update_seq (its number) when last checked. */
  remoteSeq?: number
  cancel?: () => void
  feed?: { cancel(): void }
}

export function createSyncController(deps: ReplicationDeps): SyncController {
  const { PouchDB, base, targets, onEvent, onPushCheckpoint, live = true } = deps
  const now = deps.now ?? (() => new Date())
  const online = deps.online ?? (() => true)
  const at = () => now().toISOString()
  const pollMs = deps.pollMs ?? POLL_MS
  const nextBackOff = deps.backOff ?? ((delay: number) => (delay ? Math.min(delay * 2, MAX_BACK_OFF_MS) : 2000))
  const baseFetch: Fetch = deps.fetch ?? ((input, init) => fetch(input, init))
  const connections = limitConnections((input, init) => baseFetch(input, { ...init, credentials: 'include' }), SYNC_CONNECTIONS)
  const remotes = new Map<string, RecordDb>()
  const areas = new Map<string, AreaState>()
  const queue: string[] = []
  const waiters = new Set<() => void>()
  let running = 0
  let generation = 0
  let started = false
  let pollTimer: ReturnType<typeof setTimeout> | undefined
  let pollDelay = 0
  let checking = false

  for (const target of targets) {
    areas.set(target.area, { target, wantPush: false, wantPull: false, queued: false, running: false, caughtUp: false, stopped: false, retryDelay: 0 })
  }

  function remoteFor(area: string): RecordDb {
    let remote = remotes.get(area)
    if (!remote) {
      remote = new PouchDB(couchUrl(base, remoteDbName(area)), {
        // skip_setup: never try to create the db. Officers may not, and a PUT of a db by a
        // non-admin is refused by CouchDB (and crashes the embedded stand-in).
        skip_setup: true,
        fetch: (url: string, init: RequestInit) => connections(url, init),
      })
      remotes.set(area, remote)
    }
    return remote
  }

  function notify() {
    for (const w of [...waiters]) w()
  }

  function reportPushSeq(state: AreaState, seq: number | undefined) {
    if (seq === undefined || !Number.isFinite(seq)) return
    if (state.pushSeq !== undefined && seq <= state.pushSeq) return
    state.pushSeq = seq
    onPushCheckpoint?.(state.target, seq)
  }

  function schedule(area: string, want: { push?: boolean; pull?: boolean }) {
    const state = areas.get(area)
    if (!state || !started || state.stopped) return
    if (want.push) state.wantPush = true
    if (want.pull) state.wantPull = true
    state.caughtUp = false
    if (!state.queued && !state.running) {
      state.queued = true
      queue.push(area)
    }
    pump()
  }

  function pump() {
    while (running < SYNC_CONNECTIONS && queue.length) {
      const area = queue.shift()!
      const state = areas.get(area)!
      state.queued = false
      if (state.retryTimer) continue // waiting out a back-off: the timer schedules it
      running += 1
      state.running = true
      const gen = generation
      void round(state, gen).finally(() => {
        running -= 1
        state.running = false
        if (gen === generation) afterRound(state)
        // A restart (sync now, a renewed sign-in) came while this round ran: the new generation
        // asked for this area but could not queue it then; it runs now, never beside the old round.
        else if (state.wantPush || state.wantPull) schedule(state.target.area, {})
        notify()
        pump()
      })
        // A round reports its own problems (events, back-off); a rejection left here would only be unhandled.
        .catch(() => undefined)
    }
  }

  function afterRound(state: AreaState) {
    if (!started || state.stopped) return
    if (live) watchLocal(state)
    // Asked for again while the round ran (a save, a poll): one more round.
    if (state.wantPush || state.wantPull) schedule(state.target.area, {})
    else if (live) {
      // A save during the round raised no event (the watch was closed): look once.
      void state.target.records.info().then((info) => {
        const seq = seqNumber(info.update_seq)
        if (seq !== undefined && state.pushSeq !== undefined && seq > state.pushSeq) schedule(state.target.area, { push: true })
      }).catch(() => undefined)
    }
  }

  function watchLocal(state: AreaState) {
    if (state.feed || !live) return
    const feed = state.target.records.changes({ since: 'now', live: true })
    feed.on('change', () => {
      if (state.running) return
      clearTimeout(state.pushTimer)
      state.pushTimer = setTimeout(() => schedule(state.target.area, { push: true }), PUSH_DELAY_MS)
    })
    feed.on('error', () => undefined)
    state.feed = feed
  }

  function unwatchLocal(state: AreaState) {
    state.feed?.cancel()
    state.feed = undefined
  }

  function emitFor(gen: number) {
    return (event: SyncEvent) => {
      if (gen === generation) onEvent(event)
    }
  }

  function runReplication(state: AreaState, gen: number, direction: Direction, rep: Replication): Promise<PouchDB.Replication.ReplicationResultComplete<Record<string, unknown>>> {
    const emit = emitFor(gen)
    const { area } = state.target
    state.cancel = () => rep.cancel()
    rep.on('change', (info: PouchDB.Replication.ReplicationResult<Record<string, unknown>>) => {
      const docs = info.docs ?? []
      emit({ type: 'change', area, direction, docs: docs.length, at: at(), ids: direction === 'push' ? docs.map((d) => d._id) : undefined })
    })
    rep.on('denied', (error: unknown) => emit({ type: 'denied', area, direction, at: at(), problem: classifyError(error, 'sync', online()) }))
    return rep as unknown as Promise<PouchDB.Replication.ReplicationResultComplete<Record<string, unknown>>>
  }

  async function round(state: AreaState, gen: number) {
    const emit = emitFor(gen)
    const { area, records } = state.target
    const current = () => gen === generation && started
    const push = state.wantPush
    const pull = state.wantPull
    state.wantPush = false
    state.wantPull = false
    // The watch would re-read every doc this round writes; it reopens after the round.
    unwatchLocal(state)
    const batch = deps.batchSize ? { batch_size: deps.batchSize } : {}
    // The round is under way (the status says "syncing" until both sides pause again).
    emit({ type: 'active', area, direction: pull ? 'pull' : 'push', at: at() })
    try {
      if (pull) {
        // Where the server is now, so the next poll pulls only if it moves past this.
        const res = await connections(couchUrl(base, remoteDbName(area)), { headers: { accept: 'application/json' } })
        const info = (await res.json().catch(() => ({}))) as { update_seq?: string | number; error?: string; reason?: string }
        if (!res.ok) throw { status: res.status, name: info.error, error: info.error, reason: info.reason, message: info.reason ?? `HTTP ${res.status}` }
        state.remoteSeq = seqNumber(info.update_seq)
      }
      let firstState: FirstPullState | undefined
      let firstPulledNow = false
      if (pull && (await needsFirstPull(records))) {
        const result = await firstPull({
          fetch: connections,
          base,
          dbName: remoteDbName(area),
          records,
          projector: state.target.projector,
          now,
          chunk: deps.firstPullChunk,
          cancelled: () => !current(),
          onProgress: (progress) => {
            const { since: _since, cleanThrough, dirty: _dirty, ...initial } = progress
            const before = firstState?.received ?? progress.received
            firstState = progress
            if (progress.received > before) emit({ type: 'change', area, direction: 'pull', docs: progress.received - before, at: at() })
            emit({ type: 'initial', area, progress: initial })
            // Everything up to cleanThrough came from the server: nothing of it waits to upload.
            if (cleanThrough > 0 && !progress.dirty) reportPushSeq(state, cleanThrough)
          },
        })
        reportPushSeq(state, result.pushSince)
        firstPulledNow = true
      }
      if (!current()) return
      const pulled = await readFirstPull(records)
      const localSeq = async () => seqNumber((await records.info()).update_seq)!
      // Push: whenever the phone has changes the server may lack.
      const before = await localSeq()
      // Right after a first pull with nothing saved meanwhile, everything local came from the server:
      // the push side has nothing to send, and its first run later starts where the pull ended
      // (below). The connection goes to the next area instead of three checkpoint requests.
      const nothingToPush = firstPulledNow && state.pushSeq !== undefined && before <= state.pushSeq
      if (!nothingToPush && (push || state.pushSeq === undefined || before > state.pushSeq)) {
        emit({ type: 'active', area, direction: 'push', at: at() })
        // Right after a first pull, PouchDB's push starts where the pulled docs end.
        const since = pulled?.done && !pulled.pushCheckpointed ? { since: pulled.cleanThrough } : {}
        const result = await runReplication(state, gen, 'push', records.replicate.to(remoteFor(area), { ...batch, ...since }))
        if (!current()) return
        if (pulled?.done && !pulled.pushCheckpointed) await markFirstPull(records, { pushCheckpointed: true })
        reportPushSeq(state, seqNumber(result.last_seq as string | number))
      }
      emit({ type: 'paused', area, direction: 'push', at: at() })
      // A first pull just read the server up to where it was when this round began: ordinary pull
      // replication has nothing to add now (its checkpoint is written on its first run, from where
      // the first pull ended), and the connection goes to the next area's first pull instead.
      const pulledAll = firstPulledNow && pulled?.done === true && state.remoteSeq !== undefined && (seqNumber(pulled.since) ?? -1) >= state.remoteSeq
      if (pull && !pulledAll) {
        emit({ type: 'active', area, direction: 'pull', at: at() })
        const a = await localSeq()
        const pushCaughtUp = state.pushSeq === a
        const since = pulled?.done && !pulled.pullCheckpointed ? { since: pulled.since } : {}
        const result = await runReplication(state, gen, 'pull', records.replicate.from(remoteFor(area), { ...batch, ...since }))
        if (!current()) return
        if (pulled?.done && !pulled.pullCheckpointed) await markFirstPull(records, { pullCheckpointed: true })
        const b = await localSeq()
        // Each doc written is one new local seq: if their number matches, (a, b] holds only pulled
        // docs, which are on the server already — they do not wait to upload.
        if (pushCaughtUp && b - a === result.docs_written) reportPushSeq(state, b)
      }
      emit({ type: 'paused', area, direction: 'pull', at: at() })
      state.retryDelay = 0
      state.error = undefined
      state.caughtUp = !state.wantPush && !state.wantPull
    } catch (error) {
      if (!current()) return
      state.error = error
      state.wantPush ||= push
      state.wantPull ||= pull
      const problem = classifyError(error, 'sync', online())
      if (problem.kind === 'session-expired' || problem.kind === 'forbidden' || problem.kind === 'no-access') return stopWith(state, problem)
      emit({ type: 'paused', area, direction: pull ? 'pull' : 'push', at: at(), problem })
      if (!live) return
      state.retryDelay = nextBackOff(state.retryDelay)
      state.retryTimer = setTimeout(() => {
        state.retryTimer = undefined
        if (gen === generation) schedule(area, { push: true, pull: true })
      }, state.retryDelay)
    }
  }

  /** Stops an area for good (until start()) and reports why. */
  function stopWith(state: AreaState, problem: SyncProblem) {
    state.stopped = true
    const { area } = state.target
    // Reported even after a stop(): the problem is why it stopped.
    const report = (checked: SyncProblem) => {
      onEvent({ type: 'error', area, at: at(), problem: checked })
      notify()
    }
    if (problem.kind !== 'session-expired') return report(problem)
    // A 401 can also mean "signed in, but not a member of this db" (the embedded stand-in
    // answers 401 where CouchDB 3 answers 403): ask _session who we are before saying which.
    void getSession(base, baseFetch)
      .then((ctx): SyncProblem => (ctx.name ? { ...problem, kind: 'forbidden' } : problem))
      .catch(() => problem)
      .then(report)
  }

  /**
   * Before a first pull: each area that has nothing yet says how many docs it will bring. Returns
   * those sizes, so the scheduler can start with the largest (two lanes end closer together).
   */
  async function survey(gen: number): Promise<Map<string, number>> {
    const sizes = new Map<string, number>()
    if (targets.length < 2) return sizes
    for (const state of areas.values()) {
      const { area, records } = state.target
      if (gen !== generation) return sizes
      if ((await readFirstPull(records)) || !(await needsFirstPull(records))) continue
      try {
        const res = await connections(couchUrl(base, remoteDbName(area)), { headers: { accept: 'application/json' } })
        const info = (await res.json().catch(() => ({}))) as { doc_count?: number; doc_del_count?: number }
        if (!res.ok || gen !== generation) continue
        const total = (info.doc_count ?? 0) + (info.doc_del_count ?? 0)
        sizes.set(area, total)
        emitFor(gen)({ type: 'initial', area, progress: { done: false, received: 0, total } })
      } catch {
        return sizes // the rounds meet the same problem and report it
      }
    }
    return sizes
  }

  /** One cheap look at every area's db: pull those whose update_seq moved. */
  async function check(gen: number) {
    if (checking) return
    checking = true
    try {
      for (const state of areas.values()) {
        if (gen !== generation) return
        if (state.stopped || state.running || state.queued || state.retryTimer) continue
        const res = await connections(couchUrl(base, remoteDbName(state.target.area)), { headers: { accept: 'application/json' } })
        if (!res.ok) {
          await res.body?.cancel()
          throw { status: res.status }
        }
        const info = (await res.json()) as { update_seq?: string | number }
        const seq = seqNumber(info.update_seq)
        if (seq !== state.remoteSeq) {
          state.remoteSeq = seq
          schedule(state.target.area, { pull: true })
        }
      }
      pollDelay = 0
    } catch (error) {
      // A failing check is retried later with a back-off; the rounds report problems themselves.
      pollDelay = nextBackOff(pollDelay || pollMs / 2)
      const problem = classifyError(error, 'sync', online())
      if (problem.kind === 'session-expired') for (const state of areas.values()) schedule(state.target.area, { pull: true })
    } finally {
      checking = false
    }
  }

  function armPoll(gen: number) {
    clearTimeout(pollTimer)
    if (!live || gen !== generation || !started) return
    pollTimer = setTimeout(() => {
      void check(gen).finally(() => armPoll(gen)).catch(() => undefined)
    }, Math.max(pollMs, pollDelay))
  }

  function clearArea(state: AreaState) {
    clearTimeout(state.retryTimer)
    clearTimeout(state.pushTimer)
    state.retryTimer = undefined
    state.cancel?.()
    state.cancel = undefined
    unwatchLocal(state)
  }

  return {
    connections,
    start() {
      generation += 1
      started = true
      queue.length = 0
      const gen = generation
      for (const state of areas.values()) {
        clearArea(state)
        Object.assign(state, { stopped: false, error: undefined, retryDelay: 0, caughtUp: false, queued: false, remoteSeq: undefined })
        onEvent({ type: 'started', area: state.target.area, at: at() })
      }
      pollDelay = 0
      // Areas queued behind the first two show in the progress from the start, with their size.
      void survey(gen)
        // The survey only sizes the progress bars and the order; a cut here is met and reported by the rounds.
        .catch(() => new Map<string, number>())
        .then((sizes) => {
          if (gen !== generation) return
          for (const area of roundOrder([...areas.keys()], sizes)) schedule(area, { push: true, pull: true })
          armPoll(gen)
        })
    },
    stop() {
      generation += 1
      const wasStarted = started
      started = false
      queue.length = 0
      clearTimeout(pollTimer)
      for (const state of areas.values()) {
        const active = state.running || state.queued || !!state.retryTimer
        clearArea(state)
        state.queued = false
        state.wantPush = false
        state.wantPull = false
        if (wasStarted || active) onEvent({ type: 'stopped', area: state.target.area, at: at() })
      }
      notify()
    },
    localChanged(area) {
      const state = areas.get(area)
      if (!state || state.running || !live) return
      clearTimeout(state.pushTimer)
      state.pushTimer = setTimeout(() => schedule(area, { push: true }), PUSH_DELAY_MS)
    },
    remoteFor,
    busy: (area) => !!areas.get(area)?.running,
    idle(timeoutMs = 60_000, tolerateErrors = false) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          const states = [...areas.values()]
          const failed = states.find((s) => s.error)
          if (failed && (!tolerateErrors || failed.stopped)) return finish(() => reject(failed.error))
          if (states.every((s) => s.caughtUp && !s.running && !s.queued)) return finish(resolve)
        }
        const timer = setTimeout(() => finish(() => reject(new Error(`sync not idle after ${timeoutMs} ms`))), timeoutMs)
        const finish = (done: () => void) => {
          clearTimeout(timer)
          waiters.delete(check)
          done()
        }
        waiters.add(check)
        check()
      })
    },
  }
}

/** Remembers that ordinary replication has taken over from the first pull on one side. */
async function markFirstPull(records: RecordDb, patch: { pushCheckpointed?: boolean; pullCheckpointed?: boolean }): Promise<void> {
  const doc = (await records.get(FIRST_PULL_DOC)) as unknown as Record<string, unknown>
  await records.put({ ...doc, ...patch } as never)
}
