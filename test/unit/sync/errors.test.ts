import { describe, expect, it } from 'vitest'
import { classifyError, problemMessage } from '../../../src/sync/errors'
import { MESSAGES_SYNC } from '../../../src/app/i18n/messages-sync'

describe('errors → words', () => {
  it('a 401 is a wrong password at login and an expired session while syncing', () => {
    const err = { status: 401, name: 'unauthorized', reason: 'Name or password is incorrect.' }
    expect(classifyError(err, 'login').kind).toBe('wrong-password')
    expect(classifyError(err, 'sync').kind).toBe('session-expired')
  })

  it('a forbidden write names the doc and keeps the server reason', () => {
    const p = classifyError({ status: 403, name: 'forbidden', id: 'household:43010101:12', reason: 'district does not match' })
    expect(p).toEqual({ kind: 'forbidden', status: 403, docId: 'household:43010101:12', detail: 'district does not match' })
    expect(problemMessage(p)).toEqual({ key: 'sync.problem.forbiddenDoc', params: { id: 'household:43010101:12', reason: 'district does not match' } })
  })

  it('network failures are offline or unreachable depending on the device', () => {
    expect(classifyError(new TypeError('Failed to fetch'), 'sync', false).kind).toBe('offline')
    expect(classifyError(new TypeError('fetch failed'), 'sync', true).kind).toBe('unreachable')
    expect(classifyError({ message: 'x', cause: { code: 'ECONNREFUSED' } }).kind).toBe('unreachable')
    expect(classifyError({ status: 502, reason: 'Bad Gateway' }).kind).toBe('unreachable')
    expect(classifyError({ status: 504 }).kind).toBe('unreachable')
  })

  it('a full disk is storage-full whatever shape the error takes', () => {
    expect(classifyError({ name: 'QuotaExceededError', message: 'The quota has been exceeded.' }).kind).toBe('storage-full')
    expect(classifyError({ status: 500, name: 'indexed_db_went_bad', reason: { name: 'QuotaExceededError' } }).kind).toBe('storage-full')
  })

  it('anything else is unknown, with its detail', () => {
    const p = classifyError({ status: 500, reason: 'boom' })
    expect(p.kind).toBe('unknown')
    expect(problemMessage(p)).toEqual({ key: 'sync.problem.unknown', params: { detail: 'boom' } })
    expect(classifyError('weird').kind).toBe('unknown')
  })

  it('every problem kind has Thai and English words with the same placeholders', () => {
    for (const kind of ['wrong-password', 'session-expired', 'forbidden', 'no-access', 'offline', 'unreachable', 'storage-full', 'unknown'] as const) {
      const { key } = problemMessage({ kind })
      const entry = (MESSAGES_SYNC as Record<string, { th: string; en: string }>)[key]
      expect(entry, key).toBeDefined()
    }
    for (const [key, { th, en }] of Object.entries(MESSAGES_SYNC as Record<string, { th: string; en: string }>)) {
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(holes(th), key).toEqual(holes(en))
      expect(th.length, key).toBeGreaterThan(0)
    }
  })
})
