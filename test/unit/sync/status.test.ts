import { describe, expect, it } from 'vitest'
import { INITIAL_STATUS, reduceSync, summarize, type SyncEvent, type SyncStatus } from '../../../src/sync/status'

function run(events: SyncEvent[], from: SyncStatus = INITIAL_STATUS) {
  let status = from
  const log = []
  for (const e of events) {
    const r = reduceSync(status, e)
    status = r.status
    log.push(...r.log)
  }
  return { status, log }
}

const A = '4301'
const at = (n: number) => `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`

describe('sync status reducer', () => {
  it('a start, a pulled batch and both sides caught up is one successful sync, logged once', () => {
    const { status, log } = run([
      { type: 'started', area: A, at: at(0) },
      { type: 'active', area: A, direction: 'pull', at: at(1) },
      { type: 'change', area: A, direction: 'pull', docs: 100, at: at(2) },
      { type: 'change', area: A, direction: 'pull', docs: 20, at: at(3) },
      { type: 'paused', area: A, direction: 'pull', at: at(4) },
      { type: 'paused', area: A, direction: 'push', at: at(5) },
    ])
    expect(status.areas[A]).toMatchObject({ phase: 'ok', received: 120, sent: 0, lastOkAt: at(5) })
    expect(log.map((l) => l.kind)).toEqual(['start', 'complete'])
    expect(log[1]).toMatchObject({ pulled: 120, pushed: 0 })
    expect(summarize(status)).toMatchObject({ overall: 'ok', lastOkAt: at(5), received: 120 })
  })

  it('only one side caught up is not yet a success', () => {
    const { status } = run([
      { type: 'started', area: A, at: at(0) },
      { type: 'paused', area: A, direction: 'push', at: at(1) },
    ])
    expect(status.areas[A]?.lastOkAt).toBeUndefined()
    expect(summarize(status).overall).toBe('syncing')
  })

  it('an idle live sync that wakes for nothing logs nothing; a round that sends logs its count', () => {
    const base = run([
      { type: 'started', area: A, at: at(0) },
      { type: 'paused', area: A, direction: 'pull', at: at(1) },
      { type: 'paused', area: A, direction: 'push', at: at(2) },
    ])
    const quiet = run(
      [
        { type: 'active', area: A, direction: 'push', at: at(3) },
        { type: 'paused', area: A, direction: 'push', at: at(4) },
      ],
      base.status,
    )
    expect(quiet.log).toEqual([])
    expect(quiet.status.areas[A]?.lastOkAt).toBe(at(4))
    const busy = run(
      [
        { type: 'active', area: A, direction: 'push', at: at(5) },
        { type: 'change', area: A, direction: 'push', docs: 3, at: at(6) },
        { type: 'paused', area: A, direction: 'push', at: at(7) },
      ],
      quiet.status,
    )
    expect(busy.log).toEqual([{ at: at(7), kind: 'complete', pushed: 3, pulled: 0, message: A }])
    expect(busy.status.areas[A]?.sent).toBe(3)
  })

  it('an expired session asks to sign in again, and keeps the last success', () => {
    const ok = run([
      { type: 'started', area: A, at: at(0) },
      { type: 'paused', area: A, direction: 'pull', at: at(1) },
      { type: 'paused', area: A, direction: 'push', at: at(2) },
      { type: 'pending', area: A, count: 4 },
    ])
    const { status, log } = run([{ type: 'paused', area: A, direction: 'pull', at: at(3), problem: { kind: 'session-expired', status: 401 } }], ok.status)
    const s = summarize(status)
    expect(s).toMatchObject({ overall: 'sign-in', lastOkAt: at(2), pending: 4, problem: { kind: 'session-expired' } })
    expect(log).toEqual([{ at: at(3), kind: 'error', message: `${A} session-expired` }])
    // The same problem again (PouchDB's retries) is not logged twice.
    expect(run([{ type: 'paused', area: A, direction: 'push', at: at(4), problem: { kind: 'session-expired' } }], status).log).toEqual([])
  })

  it('a refused record is kept in the list by id, logged, and the problem clears on the next success', () => {
    const { status, log } = run([
      { type: 'started', area: A, at: at(0) },
      { type: 'denied', area: A, direction: 'push', at: at(1), problem: { kind: 'forbidden', docId: 'household:1:2', detail: 'bad district' } },
      { type: 'paused', area: A, direction: 'pull', at: at(2) },
      { type: 'paused', area: A, direction: 'push', at: at(3) },
    ])
    expect(log.find((l) => l.kind === 'denied')?.message).toBe(`${A} forbidden: household:1:2: bad district`)
    expect(status.areas[A]?.problem).toBeUndefined()
    expect(summarize(status).denied).toEqual([{ area: A, id: 'household:1:2', reason: 'bad district', at: at(1) }])
  })

  it('the last success of several areas is the oldest one; an area never synced means never', () => {
    const { status } = run([
      { type: 'started', area: '4301', at: at(0) },
      { type: 'paused', area: '4301', direction: 'pull', at: at(1) },
      { type: 'paused', area: '4301', direction: 'push', at: at(2) },
      { type: 'started', area: '43', at: at(0) },
      { type: 'paused', area: '43', direction: 'pull', at: at(5) },
      { type: 'paused', area: '43', direction: 'push', at: at(6) },
      { type: 'pending', area: '43', count: 2 },
    ])
    expect(summarize(status)).toMatchObject({ lastOkAt: at(2), pending: 2, overall: 'waiting' })
    expect(summarize(status, ['4301', '43', '4302'])).toMatchObject({ lastOkAt: undefined, overall: 'never' })
  })

  it('unreachable while retrying shows a problem; a pending count that does not change returns the same state', () => {
    const { status } = run([
      { type: 'started', area: A, at: at(0) },
      { type: 'paused', area: A, direction: 'pull', at: at(1), problem: { kind: 'unreachable' } },
    ])
    expect(summarize(status)).toMatchObject({ overall: 'problem', problem: { kind: 'unreachable' } })
    const withPending = reduceSync(status, { type: 'pending', area: A, count: 0 })
    expect(withPending.status).toBe(status)
  })
})
