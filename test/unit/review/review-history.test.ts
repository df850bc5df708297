/**
 * Issue 15 through the real repository and projector (PouchDB in memory, Dexie on fake-indexeddb):
 * an edit writes a history doc naming each changed field; a review applies to the revision it saw,
 * so an edit after a return makes the record "waiting" again; the latest review wins.
 */
import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { openLocalDb, type LocalDb } from '../../../src/store/local-db'
import { eventsOf } from '../../../src/store/events'
import { createProjectionRunner } from '../../../src/store/projection-runner'
import { createRepository } from '../../../src/store/repository'
import { diffFields } from '../../../src/store/history'
import { latestReview, returnedRecords, reviewsByRecord, reviewStateOf, type ReviewSummary } from '../../../src/store/reviews'
import type { RecordDb } from '../../../src/store/pouch'
import { memoryRecordDb } from '../../support/memory-pouch'
import { exclusionHouseholdId } from '../../../src/schema/ids'

// An officer-added household lives in its author's id space (issue 11): household:<village>:<house>:<author>.
const HH = exclusionHouseholdId('43010101', '12', 'off4301')
const household = { villageCode: '43010101', houseId: '12', headName: 'นางบุญมี ศรีสุข', targetPersons: 3, inTpmap: false }

describe('diffFields', () => {
  it('names each changed field with its old and new value; envelope and CouchDB fields are not changes', () => {
    const before = { _id: 'x', _rev: '1-a', updatedAt: '1', headName: 'ก', targetPersons: 3, note: 'เดิม', failing: { income: true } }
    const after = { _id: 'x', updatedAt: '2', headName: 'ข', targetPersons: 3, verifiedOn: '2022-01-05', failing: { income: false } }
    expect(diffFields(before, after)).toEqual([
      { field: 'headName', from: 'ก', to: 'ข' },
      { field: 'verifiedOn', to: '2022-01-05' },
      { field: 'failing', from: { income: true }, to: { income: false } },
      { field: 'note', from: 'เดิม' },
    ])
    expect(diffFields(after, after)).toEqual([])
  })
})

describe('latest review wins', () => {
  const r = (id: string, at: string, state: 'approved' | 'returned', recordUpdatedAt = '2022-01-01T00:00:00.000Z'): ReviewSummary => ({ id, recordId: HH, recordType: 'household', state, by: 's', at, recordUpdatedAt })
  it('by time, ties by id; an edit after the latest review makes the record waiting', () => {
    const a = r('review:a', '2022-01-02T00:00:00.000Z', 'returned')
    const b = r('review:b', '2022-01-03T00:00:00.000Z', 'approved')
    const c = r('review:c', '2022-01-03T00:00:00.000Z', 'returned')
    expect(latestReview([a, b])).toBe(b)
    expect(latestReview([c, a, b])).toBe(c)
    expect(reviewStateOf('2022-01-01T00:00:00.000Z', [a, b]).state).toBe('approved')
    expect(reviewStateOf('2022-01-05T00:00:00.000Z', [a, b])).toMatchObject({ state: 'waiting', editedSince: true, latest: b })
    expect(reviewStateOf(undefined, []).state).toBe('waiting')
  })
})

describe('repository and read model', () => {
  let db: LocalDb
  let records: RecordDb
  let clock: number
  beforeEach(() => {
    db = openLocalDb('test', { indexedDB: new IDBFactory(), IDBKeyRange })
    records = memoryRecordDb()
    clock = Date.parse('2022-01-05T03:00:00Z')
  })
  const repo = (name: string) => createRepository({ records, author: { name, district: '4301' }, device: 'dev-a1', now: () => new Date((clock += 1000)) })

  it('an edit writes a history doc in the id shape history:<record>:<author>:<ulid>, with the changed fields', async () => {
    const officer = repo('off4301')
    await officer.save('household', household)
    expect((await records.allDocs({ startkey: 'history:', endkey: 'history:\uffff' })).rows).toHaveLength(0)
    await officer.save('household', { ...household, headName: 'นางบุญมี ศรีสุขใจ', verifiedOn: '2022-01-05' })
    const rows = (await records.allDocs({ startkey: 'history:', endkey: 'history:\uffff', include_docs: true })).rows
    expect(rows).toHaveLength(1)
    const entry = rows[0]!.doc as Record<string, unknown>
    expect(entry._id).toMatch(new RegExp(`^history:${HH}:off4301:[0-9A-Z]{26}$`))
    expect(entry).toMatchObject({ type: 'history', recordId: HH, recordType: 'household', kind: 'edit', createdBy: 'off4301', district: '4301' })
    expect(entry.changes).toEqual([{ field: 'headName', from: 'นางบุญมี ศรีสุข', to: 'นางบุญมี ศรีสุขใจ' }, { field: 'verifiedOn', to: '2022-01-05' }])
    // Saving the same values again changes nothing and records nothing.
    await officer.save('household', { ...household, headName: 'นางบุญมี ศรีสุขใจ', verifiedOn: '2022-01-05' })
    expect((await records.allDocs({ startkey: 'history:', endkey: 'history:\uffff' })).rows).toHaveLength(1)
    // A conflict's resolution is recorded as such, even when the kept values change nothing.
    await officer.recordHistory(HH, 'household', [], 'conflict', 'kept 1 of 2 versions')
    const runner = createProjectionRunner(records, db)
    await runner.run()
    const events = await eventsOf(db, HH)
    expect(events.filter((e) => e.type === 'history').map((e) => e.summary.kind).sort()).toEqual(['conflict', 'edit'])
  })

  it('returned → listed for the officer; edited → waiting again (not listed); approved → approved', async () => {
    const officer = repo('off4301')
    const supervisor = repo('sup43')
    const runner = createProjectionRunner(records, db)
    await officer.save('household', household)
    await runner.run()
    const first = (await db.households.get(HH))!
    await supervisor.save('review', { recordId: HH, recordType: 'household', recordUpdatedAt: first.updatedAt, state: 'returned', comment: 'ชื่อสะกดผิด' })
    await runner.run()
    const returned = await returnedRecords(db)
    expect(returned).toHaveLength(1)
    expect(returned[0]).toMatchObject({ recordId: HH, review: { state: 'returned', comment: 'ชื่อสะกดผิด', by: 'sup43' } })
    expect(returned[0]!.review.id).toMatch(new RegExp(`^review:${HH}:sup43:[0-9A-Z]{26}$`))

    await officer.save('household', { ...household, headName: 'นางบุญมี ศรีสุขใจ' })
    await runner.run()
    expect(await returnedRecords(db)).toEqual([])
    const edited = (await db.households.get(HH))!
    const reviews = (await reviewsByRecord(db)).get(HH) ?? []
    expect(reviewStateOf(edited.updatedAt, reviews)).toMatchObject({ state: 'waiting', editedSince: true })

    await supervisor.save('review', { recordId: HH, recordType: 'household', recordUpdatedAt: edited.updatedAt, state: 'approved' })
    await runner.run()
    expect(reviewStateOf(edited.updatedAt, (await reviewsByRecord(db)).get(HH) ?? []).state).toBe('approved')
  })
})
