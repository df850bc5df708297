import type { RecordDb } from '../store/pouch'
import { classifyError, type SyncProblem } from './errors'
import { couchUrl, getSession, type Fetch } from './session'
import type { Direction, SyncEvent } from './status'

/*
 * Live two-way replication of each area's record db with `cdd-<area>` on the server, with retry.
 * PouchDB does the real work (checkpoints, resume after a cut, revision trees, conflict detection);
 * this file only starts, restarts and stops it, and turns its events into SyncEvents.
 */

export interface SyncTarget {
  area: string
  records: RecordDb
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
  /** The push side wrote its checkpoint: every local change up to `seq` has been handed over. */
  onPushCheckpoint?(target: SyncTarget, seq: string | number): void
  now?: () => Date
  online?: () => boolean
  /** false: one round and stop (tests, "sync once"); true by default. */
  live?: boolean
  /** PouchDB's back-off between retries (ms in → ms out); its default grows to 10 minutes. */
  backOff?: (delay: number) => number
  batchSize?: number
}

export interface SyncController {
  /** Starts (or restarts) every area. Restarting skips a running back-off: used on `online` and "sync now". */
  start(): void
  stop(): void
  /**
   * Resolves once every area has caught up both ways with no error; rejects on the first error
   * unless `tolerateErrors` (then it waits through retries). For tests and "sync, then sign out".
   */
  idle(timeoutMs?: number, tolerateErrors?: boolean): Promise<void>
  remoteFor(area: string): RecordDb
}

type Replication = PouchDB.Replication.Replication<Record<string, unknown>> & {
  on(event: 'checkpoint', listener: (info: { checkpoint?: string | number }) => void): Replication
  on(event: 'requestError', listener: (error: unknown) => void): Replication
}
type SyncHandle = PouchDB.Replication.Sync<Record<string, unknown>> & { push: Replication; pull: Replication }

export function remoteDbName(area: string): string {
  return `cdd-${area}`
}

export function createSyncController(deps: ReplicationDeps): SyncController {
  const { PouchDB, base, targets, onEvent, onPushCheckpoint, live = true } = deps
  const now = deps.now ?? (() => new Date())
  const online = deps.online ?? (() => true)
  const at = () => now().toISOString()
  const remotes = new Map<string, RecordDb>()
  const handles = new Map<string, { cancel: () => void; generation: number }>()
  const idleState = new Map<string, { caughtUp: Record<Direction, boolean>; error?: unknown }>()
  const waiters = new Set<() => void>()
  let generation = 0

  function remoteFor(area: string): RecordDb {
    let remote = remotes.get(area)
    if (!remote) {
      const fetchFn = deps.fetch
      remote = new PouchDB(couchUrl(base, remoteDbName(area)), {
        // skip_setup: never try to create the db. Officers may not, and a PUT of a db by a
        // non-admin is refused by CouchDB (and crashes the embedded stand-in).
        skip_setup: true,
        ...(fetchFn ? { fetch: (url: string, init: RequestInit) => fetchFn(url, { ...init, credentials: 'include' }) } : {}),
      })
      remotes.set(area, remote)
    }
    return remote
  }

  function notify() {
    for (const w of [...waiters]) w()
  }

  /**
   * A fresh device (nothing in the local db) first pulls once, one way. Live two-way sync from the
   * start would have the push side send every pulled doc back through _revs_diff and write a
   * checkpoint per batch — on a first pull of thousands of docs that roughly doubles the time.
   * Returns the local seq the push side may start after, or undefined to push from its checkpoint
   * as usual: only when every leaf revision in the db is one the pull wrote (a form saved during
   * the pull, or any other local write, makes it undefined, so nothing local is ever skipped).
   */
  async function freshDevicePull(target: SyncTarget, entry: { cancel: () => void }, emit: (event: SyncEvent) => void): Promise<string | number | undefined> {
    const { area, records } = target
    try {
      const before = await records.info()
      if (Number(before.update_seq) !== 0) return undefined
      const pulled = new Set<string>()
      const rep = records.replicate.from(remoteFor(area), { ...(deps.batchSize ? { batch_size: deps.batchSize } : {}) })
      entry.cancel = () => rep.cancel()
      rep.on('change', (info) => {
        for (const doc of info.docs ?? []) pulled.add(`${doc._id}@${doc._rev}`)
        emit({ type: 'change', area, direction: 'pull', docs: info.docs?.length ?? 0, at: at() })
      })
      await rep
      const leaves = await records.changes({ since: 0, style: 'all_docs' })
      const onlyPulled = leaves.results.every((c) => c.changes.every((ch) => pulled.has(`${c.id}@${ch.rev}`)))
      return onlyPulled ? leaves.last_seq : undefined
    } catch {
      // Cut, refused, expired: the live sync below meets the same problem and reports it properly.
      return undefined
    }
  }

  function startArea(target: SyncTarget) {
    const { area, records } = target
    stopArea(area)
    const gen = ++generation
    const current = () => handles.get(area)?.generation === gen
    const emit = (event: SyncEvent) => {
      if (current()) onEvent(event)
    }
    idleState.set(area, { caughtUp: { push: false, pull: false } })
    const entry: { generation: number; cancel: () => void } = { generation: gen, cancel: () => undefined }
    handles.set(area, entry)
    emit({ type: 'started', area, at: at() })
    const problemOf = (error: unknown) => classifyError(error, 'sync', online())

    void (live ? freshDevicePull(target, entry, emit) : Promise.resolve(undefined)).then((pushSince) => {
      if (!current()) return
      const handle = (PouchDB as unknown as PouchDB.Static).sync(records, remoteFor(area), {
        live,
        retry: live,
        ...(deps.batchSize ? { batch_size: deps.batchSize } : {}),
        ...(deps.backOff ? { back_off_function: deps.backOff } : {}),
        // After a fresh device's first pull, everything local came from the server: the push side
        // starts after it instead of asking the server about each pulled doc again (see below).
        ...(pushSince !== undefined ? { push: { since: pushSince } } : {}),
      }) as unknown as SyncHandle
      entry.cancel = () => handle.cancel()
      if (pushSince !== undefined) onPushCheckpoint?.(target, pushSince)
      attach(handle)
    })

    function attach(handle: SyncHandle) {
      /** Stops this area for good (until start()) and reports why. */
      const stopWith = (problem: SyncProblem) => {
        if (!current()) return
        stopArea(area)
        const report = (checked: SyncProblem) => {
          onEvent({ type: 'error', area, at: at(), problem: checked })
          notify()
        }
        if (problem.kind !== 'session-expired') return report(problem)
        // A 401 can also mean "signed in, but not a member of this db" (the embedded stand-in
        // answers 401 where CouchDB 3 answers 403): ask _session who we are before saying which.
        void getSession(base, deps.fetch ?? fetch)
          .then((ctx): SyncProblem => (ctx.name ? { ...problem, kind: 'forbidden' } : problem))
          .catch(() => problem)
          .then(report)
      }
      const onProblem = (direction: Direction, error: unknown) => {
        const problem = problemOf(error)
        const state = idleState.get(area)
        if (state && current()) state.error = error
        if (problem.kind === 'session-expired') {
          // Retrying with an expired cookie only repeats the 401 forever: stop, keep everything on
          // the phone, and ask the user to sign in again (start() runs after the new login).
          stopWith(problem)
          return
        }
        emit({ type: 'paused', area, direction, at: at(), problem })
        notify()
      }

      // The Sync object's own 'paused' event drops the error argument, and with retry: true its
      // 'error' event never fires for network failures: listen to the push and pull replications.
      for (const direction of ['push', 'pull'] as const) {
        const rep = handle[direction]
        rep.on('active', () => {
          const state = idleState.get(area)
          if (state) state.caughtUp[direction] = false
          emit({ type: 'active', area, direction, at: at() })
        })
        rep.on('change', (info: PouchDB.Replication.ReplicationResult<Record<string, unknown>>) => {
          const docs = info.docs ?? []
          emit({ type: 'change', area, direction, docs: docs.length, at: at(), ids: direction === 'push' ? docs.map((d) => d._id) : undefined })
        })
        rep.on('paused', (error: unknown) => {
          if (error) return onProblem(direction, error)
          const state = idleState.get(area)
          if (state && current()) {
            state.caughtUp[direction] = true
            state.error = undefined
          }
          emit({ type: 'paused', area, direction, at: at() })
          notify()
        })
        // Retries after the first failure report only through requestError (no second 'paused').
        rep.on('requestError', (error: unknown) => onProblem(direction, error))
        rep.on('denied', (error: unknown) => emit({ type: 'denied', area, direction, at: at(), problem: problemOf(error) }))
      }
      handle.push.on('checkpoint', (info) => {
        if (info.checkpoint !== undefined && current()) onPushCheckpoint?.(target, info.checkpoint)
      })
      handle.on('error', (error: unknown) => {
        const state = idleState.get(area)
        if (state) state.error = error
        stopWith(problemOf(error))
      })
      handle.on('complete', () => {
        if (!live) {
          const state = idleState.get(area)
          if (state && current()) state.caughtUp = { push: true, pull: true }
          emit({ type: 'paused', area, direction: 'push', at: at() })
          emit({ type: 'paused', area, direction: 'pull', at: at() })
        }
        emit({ type: 'stopped', area, at: at() })
        notify()
      })
      // The Sync is also a promise; its rejection is reported through 'error' above.
      ;(handle as unknown as Promise<unknown>).catch(() => undefined)
    }
  }

  function stopArea(area: string) {
    const h = handles.get(area)
    if (!h) return
    handles.delete(area)
    h.cancel()
  }

  return {
    start() {
      for (const target of targets) startArea(target)
    },
    stop() {
      for (const target of targets) {
        if (handles.has(target.area)) onEvent({ type: 'stopped', area: target.area, at: at() })
        stopArea(target.area)
      }
      notify()
    },
    remoteFor,
    idle(timeoutMs = 60_000, tolerateErrors = false) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          const states = targets.map((t) => idleState.get(t.area))
          const failed = states.find((s) => s?.error)
          if (failed && !tolerateErrors) return finish(() => reject(failed.error))
          if (states.every((s) => s && s.caughtUp.push && s.caughtUp.pull)) return finish(resolve)
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
