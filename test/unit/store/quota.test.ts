import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { isQuotaError } from '../../../src/store/quota'
import { classifyError } from '../../../src/sync/errors'
import { createRepository, StorageFullError } from '../../../src/store/repository'
import type { RecordDb } from '../../../src/store/pouch'
import { memoryRecordDb } from '../../support/memory-pouch'

// The shapes a full disk takes (IndexedDB, Dexie, PouchDB's idb adapter), and look-alikes that are not.
const FULL: [string, unknown][] = [
  ['IndexedDB DOMException', new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
  ['Dexie wrapping it', new Dexie.QuotaExceededError('write failed', new DOMException('x', 'QuotaExceededError'))],
  ['PouchDB idb: reason is the DOMException', { status: 500, name: 'indexed_db_went_bad', reason: new DOMException('x', 'QuotaExceededError') }],
  ['PouchDB: error named', { status: 500, error: 'QuotaExceededError', message: 'write failed' }],
  ['PouchDB: reason text', { status: 500, name: 'idb_error', reason: 'QuotaExceededError: quota exceeded' }],
  ['message only', new Error('Encountered full disk while opening backing store: no space left')],
  ['wrapped as a cause', new Error('save failed', { cause: new DOMException('x', 'QuotaExceededError') })],
]
const NOT_FULL: [string, unknown][] = [
  ['conflict', { status: 409, name: 'conflict', message: 'Document update conflict' }],
  ['forbidden', { status: 403, name: 'forbidden', reason: 'not your district' }],
  ['network', new TypeError('Failed to fetch')],
  ['a DOMException of another kind', new DOMException('aborted', 'AbortError')],
  ['nothing', undefined],
]

describe('a full disk is recognised once, the same way by the store and by sync', () => {
  it.each(FULL)('full: %s', (_name, error) => {
    expect(isQuotaError(error)).toBe(true)
    expect(classifyError(error).kind).toBe('storage-full')
  })

  it.each(NOT_FULL)('not full: %s', (_name, error) => {
    expect(isQuotaError(error)).toBe(false)
    expect(classifyError(error).kind).not.toBe('storage-full')
  })

  it.each(FULL)('the repository turns a failed put into StorageFullError: %s', async (_name, error) => {
    const records = memoryRecordDb()
    const full = Object.assign(Object.create(records) as RecordDb, { put: () => Promise.reject(error), bulkDocs: () => Promise.reject(error) })
    const repository = createRepository({ records: full, author: { name: 'off4301', district: '4301' }, device: 'd' })
    await expect(repository.save('pr-post', { on: '2022-01-01', channel: 'line', mission: 'm2' })).rejects.toBeInstanceOf(StorageFullError)
  })
})
