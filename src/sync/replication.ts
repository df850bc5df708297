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
  const handles = new Map<string, { handle: SyncHandle; generation: number }>()
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

  function startArea(target: SyncTarget) {
    const { area, records } = target
    stopArea(area)
    const gen = ++generation
    const current = () => handles.get(area)?.generation === gen
    const emit = (event: SyncEvent) => {
      if (current()) onEvent(event)
    }
    idleState.set(area, { caughtUp: { push: false, pull: false } })
    const handle = (PouchDB as unknown as PouchDB.Static).sync(records, remoteFor(area), {
      live,
      retry: live,
      ...(deps.batchSize ? { batch_size: deps.batchSize } : {}),
      ...(deps.backOff ? { back_off_function: deps.backOff } : {}),
    }) as unknown as SyncHandle
    handles.set(area, { handle, generation: gen })
    emit({ type: 'started', area, at: at() })

    const problemOf = (error: unknown) => classifyError(error, 'sync', online())
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

  function stopArea(area: string) {
    const h = handles.get(area)
    if (!h) return
    handles.delete(area)
    h.handle.cancel()
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
