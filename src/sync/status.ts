import type { SyncLogRow } from '../store/local-db'
import { overallProgress, type InitialProgress } from './bulk-pull-plan'
import type { SyncProblem } from './errors'

/*
 * The sync status as a pure reducer: replication events in, a status to show and the sync-log rows
 * to append out. No clock (events carry `at`), no storage: the controller's caller persists both.
 */

export type Direction = 'push' | 'pull'

export type SyncEvent =
  | { type: 'started'; area: string; at: string }
  | { type: 'active'; area: string; direction: Direction; at: string }
  /** A batch was written: `docs` is the number in this batch (PouchDB's docs_written is cumulative). */
  | { type: 'change'; area: string; direction: Direction; docs: number; at: string; ids?: string[] }
  /** One side caught up (`problem` absent) or stopped on an error and will retry. */
  | { type: 'paused'; area: string; direction: Direction; at: string; problem?: SyncProblem }
  | { type: 'denied'; area: string; direction: Direction; at: string; problem: SyncProblem }
  | { type: 'error'; area: string; at: string; problem: SyncProblem }
  | { type: 'pending'; area: string; count: number }
  | { type: 'stopped'; area: string; at: string }
  /** How far the area's first pull is (bulk-pull.ts). */
  | { type: 'initial'; area: string; progress: InitialProgress }

export type Phase = 'idle' | 'active' | 'ok' | 'retrying' | 'stopped'

export interface AreaStatus {
  phase: Phase
  /** Per direction: is it up to date right now (paused with no error)? */
  caughtUp: Record<Direction, boolean>
  lastOkAt?: string
  /** Totals since this device started syncing this area. */
  sent: number
  received: number
  /** Sent and received since the current round began (reset when a round starts). */
  roundSent: number
  roundReceived: number
  pending: number
  problem?: SyncProblem
  /** Records the server refused, by id: they stay on the phone and count as waiting. */
  denied: { id: string; reason?: string; at: string }[]
  /**
   * The area's first pull: absent until one starts on this device (and for a db synced before the
   * bulk first pull existed). `initial.done` false: the area's data is not all on the phone yet —
   * dashboards must say the figures are incomplete.
   */
  initial?: InitialProgress
}

export interface SyncStatus {
  areas: Record<string, AreaStatus>
}

export const INITIAL_STATUS: SyncStatus = { areas: {} }

const MAX_DENIED = 50

function emptyArea(): AreaStatus {
  return { phase: 'idle', caughtUp: { push: false, pull: false }, sent: 0, received: 0, roundSent: 0, roundReceived: 0, pending: 0, denied: [] }
}

export interface Reduction {
  status: SyncStatus
  log: SyncLogRow[]
}

function problemText(problem: SyncProblem): string {
  return [problem.kind, problem.docId, problem.detail].filter(Boolean).join(': ')
}

export function reduceSync(status: SyncStatus, event: SyncEvent): Reduction {
  const prev = status.areas[event.area] ?? emptyArea()
  let next: AreaStatus = prev
  const log: SyncLogRow[] = []
  switch (event.type) {
    case 'started':
      next = { ...prev, phase: 'active', caughtUp: { push: false, pull: false }, roundSent: 0, roundReceived: 0 }
      log.push({ at: event.at, kind: 'start', message: event.area })
      break
    case 'active':
      next = { ...prev, phase: 'active', caughtUp: { ...prev.caughtUp, [event.direction]: false } }
      if (prev.phase === 'ok') next = { ...next, roundSent: 0, roundReceived: 0 }
      break
    case 'change':
      if (event.direction === 'push') {
        // A record the server refused before and accepted now (edited since) is no longer refused.
        const accepted = new Set(event.ids ?? [])
        const denied = accepted.size ? prev.denied.filter((d) => !accepted.has(d.id)) : prev.denied
        next = { ...prev, sent: prev.sent + event.docs, roundSent: prev.roundSent + event.docs, denied }
      } else next = { ...prev, received: prev.received + event.docs, roundReceived: prev.roundReceived + event.docs }
      break
    case 'paused': {
      if (event.problem) {
        next = { ...prev, phase: 'retrying', caughtUp: { ...prev.caughtUp, [event.direction]: false }, problem: event.problem }
        if (prev.problem?.kind !== event.problem.kind) log.push({ at: event.at, kind: 'error', message: `${event.area} ${problemText(event.problem)}` })
        break
      }
      const caughtUp = { ...prev.caughtUp, [event.direction]: true }
      if (caughtUp.push && caughtUp.pull) {
        // Both directions idle with no error: that is a successful sync.
        next = { ...prev, phase: 'ok', caughtUp, lastOkAt: event.at, problem: undefined }
        // Log a round that moved something, or the first success after a start or a problem.
        if (prev.roundSent || prev.roundReceived || prev.phase !== 'active' || prev.problem || !prev.lastOkAt) {
          log.push({ at: event.at, kind: 'complete', pushed: prev.roundSent, pulled: prev.roundReceived, message: event.area })
        }
        next = { ...next, roundSent: 0, roundReceived: 0 }
      } else {
        next = { ...prev, caughtUp }
      }
      break
    }
    case 'denied': {
      const id = event.problem.docId ?? '?'
      const denied = [...prev.denied.filter((d) => d.id !== id), { id, reason: event.problem.detail, at: event.at }].slice(-MAX_DENIED)
      next = { ...prev, denied, problem: event.problem }
      log.push({ at: event.at, kind: 'denied', message: `${event.area} ${problemText(event.problem)}` })
      break
    }
    case 'error':
      next = { ...prev, phase: 'stopped', problem: event.problem, caughtUp: { push: false, pull: false } }
      log.push({ at: event.at, kind: 'error', message: `${event.area} ${problemText(event.problem)}` })
      break
    case 'pending':
      if (prev.pending === event.count) return { status, log }
      next = { ...prev, pending: event.count }
      break
    case 'initial':
      next = { ...prev, initial: event.progress }
      break
    case 'stopped':
      next = { ...prev, phase: prev.phase === 'stopped' ? 'stopped' : 'idle', caughtUp: { push: false, pull: false } }
      break
  }
  return { status: { areas: { ...status.areas, [event.area]: next } }, log }
}

export type Overall = 'never' | 'syncing' | 'ok' | 'waiting' | 'problem' | 'sign-in'

export interface Summary {
  overall: Overall
  /** When every area last finished a sync together: the oldest of the areas' last successes. */
  lastOkAt?: string
  pending: number
  received: number
  sent: number
  /** The most telling problem across areas (an expired session first). */
  problem?: SyncProblem
  denied: { area: string; id: string; reason?: string; at: string }[]
  /** The first pull over all areas that have one running or done (absent when none has). */
  initial?: InitialProgress
  /** Areas whose data has not all arrived yet (their first pull is not done). */
  incomplete: string[]
}

/**
 * Whether all of an area's data has reached the phone at least once: its first pull is done, or
 * (an area synced before first pulls were recorded) it has synced successfully.
 */
export function areaComplete(status: SyncStatus, area: string): boolean {
  const s = status.areas[area]
  if (!s) return false
  return s.initial ? s.initial.done : !!s.lastOkAt
}

const PROBLEM_RANK: Record<SyncProblem['kind'], number> = {
  'session-expired': 0,
  'wrong-password': 0,
  'storage-full': 1,
  forbidden: 2,
  'no-access': 2,
  offline: 3,
  unreachable: 4,
  unknown: 5,
}

/** One line for the whole device (the header pill, the top of the sync screen). */
export function summarize(status: SyncStatus, areas: string[] = Object.keys(status.areas)): Summary {
  const rows = areas.map((a) => [a, status.areas[a] ?? emptyArea()] as const)
  const problems = rows.map(([, s]) => s.problem).filter((p): p is SyncProblem => !!p)
  problems.sort((a, b) => PROBLEM_RANK[a.kind] - PROBLEM_RANK[b.kind])
  const lastOks = rows.map(([, s]) => s.lastOkAt)
  const lastOkAt = rows.length && lastOks.every(Boolean) ? (lastOks as string[]).sort()[0] : undefined
  const pending = rows.reduce((n, [, s]) => n + s.pending, 0)
  const problem = problems[0]
  let overall: Overall
  if (problem?.kind === 'session-expired') overall = 'sign-in'
  else if (rows.some(([, s]) => s.phase === 'retrying' || s.phase === 'stopped') && problem) overall = 'problem'
  else if (rows.some(([, s]) => s.phase === 'active' || (s.initial && !s.initial.done && !s.problem))) overall = 'syncing'
  else if (!lastOkAt) overall = rows.some(([, s]) => s.problem) ? 'problem' : 'never'
  else overall = pending > 0 ? 'waiting' : 'ok'
  return {
    overall,
    lastOkAt,
    pending,
    received: rows.reduce((n, [, s]) => n + s.received, 0),
    sent: rows.reduce((n, [, s]) => n + s.sent, 0),
    problem,
    denied: rows.flatMap(([area, s]) => s.denied.map((d) => ({ area, ...d }))),
    ...(rows.some(([, s]) => s.initial) ? { initial: overallProgress(rows.flatMap(([, s]) => (s.initial ? [s.initial] : []))) } : {}),
    incomplete: rows.filter(([area]) => !areaComplete(status, area)).map(([area]) => area),
  }
}
