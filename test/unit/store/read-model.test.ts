import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { openLocalDb, type LocalDb } from '../../../src/store/local-db'
import { eventsOf } from '../../../src/store/events'
import { createProjectionRunner } from '../../../src/store/projection-runner'
import { createRepository, StorageFullError, ValidationError, WriteConflictError } from '../../../src/store/repository'
import type { RecordDb } from '../../../src/store/pouch'
import { memoryRecordDb } from '../../support/memory-pouch'
import { validDocs } from '../../fixtures/docs'

const fixture = (name: string) => validDocs.find((d) => d.name === name)!.doc

// Dexie on fake-indexeddb (a fresh factory per test), PouchDB in memory: the read model end to end.
describe('read model fed by the changes feed', () => {
  let db: LocalDb
  let records: RecordDb
  let clock = Date.parse('2022-01-05T03:00:00Z')

  beforeEach(() => {
    db = openLocalDb('test', { indexedDB: new IDBFactory(), IDBKeyRange })
    records = memoryRecordDb()
    clock = Date.parse('2022-01-05T03:00:00Z')
  })

  const repo = () => createRepository({ records, author: { name: 'off4301', district: '4301' }, device: 'dev-a1', now: () => new Date((clock += 1000)) })

  it('projects saved records and folds visits into the household, children before parent or after', async () => {
    const runner = createProjectionRunner(records, db)
    const r = repo()
    // The visit arrives before its household (replication order is not ours to choose).
    await r.save('mentor-visit', { householdId: 'household:43010101:12', on: '2022-01-06' })
    await runner.run()
    expect(await db.households.count()).toBe(0)
    const { _id, _rev, type, schema, district, createdBy, createdAt, updatedBy, updatedAt, device, ...values } = fixture('TPMAP household, just imported')
    void [_id, _rev, type, schema, district, createdBy, createdAt, updatedBy, updatedAt, device]
    await r.save('household', { ...values, verifiedOn: '2021-12-20' } as never)
    await r.save('mentor-visit', { householdId: 'household:43010101:12', on: '2022-01-02' })
    await r.save('assistance', { householdId: 'household:43010101:12', dimension: 'income', what: 'ไก่ไข่', agency: 'ปศุสัตว์', on: '2022-02-01' })
    const report = await runner.run()
    expect(report.applied).toBe(3)
    const row = await db.households.get('household:43010101:12')
    expect(row).toMatchObject({ verifiedOn: '2021-12-20', visits: ['2022-01-02', '2022-01-06'], assisted: { income: '2022-02-01' } })
    expect((await eventsOf(db, 'household:43010101:12')).length).toBe(3)
  })

  it('resumes from the last projected sequence and rebuilds from scratch to the same rows', async () => {
    const runner = createProjectionRunner(records, db)
    const r = repo()
    for (let i = 0; i < 7; i++) await r.save('pr-post', { on: `2022-01-0${i + 1}`, channel: 'facebook', mission: 'm1' })
    await runner.run()
    await r.save('pr-post', { on: '2022-01-20', channel: 'line', mission: 'm1' })
    const second = await runner.run()
    expect(second.applied).toBe(1)
    const before = await db.posts.orderBy('on').toArray()
    expect(before).toHaveLength(8)
    await runner.rebuild()
    expect(await db.posts.orderBy('on').toArray()).toEqual(before)
  })

  it('quarantines a malformed replicated doc and clears it when a good revision arrives', async () => {
    const runner = createProjectionRunner(records, db)
    const bad = { ...fixture('TPMAP household, just imported'), _id: 'household:43010101:77', targetPersons: -4 }
    const put = await records.put(bad)
    await runner.run()
    const problem = await db.problems.get('household:43010101:77')
    expect(problem?.problems[0]?.path).toBe('targetPersons')
    expect(await db.households.count()).toBe(0)
    await records.put({ ...bad, _rev: put.rev, targetPersons: 4 })
    await runner.run()
    expect(await db.problems.count()).toBe(0)
    expect((await db.households.get('household:43010101:77'))?.targetPersons).toBe(4)
  })

  it('removes rows of deleted docs and re-folds the parent', async () => {
    const runner = createProjectionRunner(records, db)
    const r = repo()
    const { _id: _i, ...household } = fixture('TPMAP household, just imported')
    await records.put({ ...household, _id: 'household:43010101:12' })
    const visit = await r.save('mentor-visit', { householdId: 'household:43010101:12', on: '2022-01-06' })
    await runner.run()
    expect((await db.households.get('household:43010101:12'))?.visits).toEqual(['2022-01-06'])
    await r.remove(visit.id)
    await runner.run()
    expect((await db.households.get('household:43010101:12'))?.visits).toEqual([])
    expect(await db.events.count()).toBe(0)
  })

  it('refuses invalid values naming the field, and keeps what was saved', async () => {
    const r = repo()
    await expect(r.save('mentor-visit', { householdId: 'household:43010101:12', on: '2022-02-30' })).rejects.toSatisfy(
      (e: unknown) => e instanceof ValidationError && e.problems.some((p) => p.path === 'on'),
    )
    expect((await records.allDocs()).rows).toHaveLength(0)
  })

  it('fills the envelope and never changes who created a doc', async () => {
    const r = repo()
    const saved = await r.save('complaint', { receivedOn: '2022-01-03', channel: 'phone', subject: 'น้ำท่วม', tambonCode: '430101' })
    const other = createRepository({ records, author: { name: 'sup43', district: '43' }, device: 'dev-b', now: () => new Date('2022-01-10T00:00:00Z') })
    await other.save('complaint', { receivedOn: '2022-01-03', channel: 'phone', subject: 'น้ำท่วม', tambonCode: '430101', resolvedOn: '2022-01-09' }, { id: saved.id, baseRev: saved.rev })
    const doc = await records.get(saved.id)
    expect(doc).toMatchObject({ createdBy: 'off4301', district: '4301', updatedBy: 'sup43', device: 'dev-b', resolvedOn: '2022-01-09', schema: 1 })
    expect(String(saved.id)).toMatch(/^complaint:off4301:[0-9A-Z]{26}$/)
    // An edit based on an old revision is refused, not silently overwritten.
    await expect(other.save('complaint', { receivedOn: '2022-01-03', channel: 'phone', subject: 'x', tambonCode: '430101' }, { id: saved.id, baseRev: saved.rev })).rejects.toBeInstanceOf(WriteConflictError)
  })

  it('reports a full disk as StorageFullError', async () => {
    const full = memoryRecordDb()
    full.put = (() => Promise.reject(Object.assign(new Error('QuotaExceededError: the quota has been exceeded'), { name: 'QuotaExceededError' }))) as never
    const r = createRepository({ records: full, author: { name: 'a', district: '4301' }, device: 'd' })
    await expect(r.save('pr-post', { on: '2022-01-01', channel: 'line', mission: 'm2' })).rejects.toBeInstanceOf(StorageFullError)
  })
})
