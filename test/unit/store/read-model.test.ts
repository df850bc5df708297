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
import { syntheticDistrictDocs } from '../../../bench/synthetic-docs'

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

  describe('a first pull projected from memory (applyFetched)', () => {
    /** Synthetic docs as a first pull brings them: first revisions, in chunks, households before their visits. */
    const pulled = (docs: number) =>
      syntheticDistrictDocs({ docs, seed: 5 }).map((d, i): Record<string, unknown> => {
        const hash = i.toString(16).padStart(32, '0')
        return { ...d, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } }
      })
    const feed = (runner: ReturnType<typeof createProjectionRunner>, chunk: Record<string, unknown>[]) =>
      runner.applyFetched({ write: async () => (await records.bulkDocs(chunk as never, { new_edits: false }), chunk.length), docs: chunk })
    const households = async (d: LocalDb) => (await d.households.orderBy('id').toArray()).map((h) => ({ id: h.id, visits: h.visits, assisted: h.assisted }))
    const reference = async () => {
      const fresh = openLocalDb('reference', { indexedDB: new IDBFactory(), IDBKeyRange })
      await createProjectionRunner(records, fresh).run()
      return { households: await households(fresh), facts: await fresh.villageFacts.orderBy('key').toArray() }
    }

    it('folds each household once at the end, from what it wrote, to the rows a projection from scratch gives', async () => {
      const runner = createProjectionRunner(records, db)
      const docs = pulled(600)
      const results = []
      for (let i = 0; i < docs.length; i += 100) results.push(await feed(runner, docs.slice(i, i + 100)))
      await runner.finishFetched()
      expect(results.every((r) => r.fromMemory)).toBe(true)
      const want = await reference()
      expect(want.households.filter((h) => h.visits.length > 0).length).toBeGreaterThan(100)
      expect(await households(db)).toEqual(want.households)
      expect(await db.villageFacts.orderBy('key').toArray()).toEqual(want.facts)
    })

    it('a household shows the visits of its own chunk mid-pull; later visits and deletions reach it by the end', async () => {
      const runner = createProjectionRunner(records, db)
      // The order a server gives a bulk-loaded district: households and their children interleaved,
      // some children before their household, some chunks later.
      const docs = pulled(600)
      const random = (() => {
        let x = 7
        return () => ((x = (x * 48271) % 2147483647) / 2147483647)
      })()
      const order = docs.map((doc) => ({ doc, key: random() })).sort((a, b) => a.key - b.key).map((x) => x.doc)
      const first = order.slice(0, 200)
      const visit = first.find((d) => d.type === 'mentor-visit' && first.some((h) => h._id === d.householdId))!
      const household = visit.householdId as string
      const r0 = await feed(runner, first)
      await r0.projected
      // Mid-pull, before any fold: the household already holds the visit that came with it.
      expect((await db.households.get(household))?.visits).toContain(visit.on)
      // A later chunk deletes that visit (deleted on the server since): the household loses it.
      const deletion = { _id: visit._id, _rev: '2-dead', _deleted: true, _revisions: { start: 2, ids: ['dead', (visit._rev as string).slice(2)] } }
      const results = [r0]
      for (const chunk of [order.slice(200, 400), [...order.slice(400), deletion]]) results.push(await feed(runner, chunk))
      await runner.finishFetched()
      expect(results.every((r) => r.fromMemory)).toBe(true)
      const want = await reference()
      expect(want.households.find((h) => h.id === household)!.visits).not.toContain(visit.on)
      expect(await households(db)).toEqual(want.households)
      expect(await db.villageFacts.orderBy('key').toArray()).toEqual(want.facts)
    })

    it('a visit saved on the phone mid-pull is folded in with the pulled ones', async () => {
      const runner = createProjectionRunner(records, db)
      const docs = pulled(600)
      const household = docs.find((d) => d.type === 'household')!._id as string
      await feed(runner, docs.slice(0, 200))
      // Between two chunks, the officer records a visit to a household that arrived in the first.
      await repo().save('mentor-visit', { householdId: household, on: '2022-03-03' })
      const afterSave = await feed(runner, docs.slice(200, 400))
      expect(afterSave.fromMemory).toBe(false)
      await feed(runner, docs.slice(400))
      await runner.finishFetched()
      const row = (await households(db)).find((h) => h.id === household)!
      expect(row.visits).toContain('2022-03-03')
      expect(row.visits.length).toBeGreaterThan(1)
      expect(await households(db)).toEqual((await reference()).households)
    })
  })

  describe('a pass from nothing (a rebuild, records that came without a first pull)', () => {
    // 3,000 docs: three changes batches, with households and their visits and assistance in different ones.
    const docs = syntheticDistrictDocs({ docs: 3000, seed: 11 })
    const load = async (target: RecordDb) => {
      for (let i = 0; i < docs.length; i += 500) await target.bulkDocs(docs.slice(i, i + 500) as never)
    }
    const snapshot = async (d: LocalDb) => ({
      households: await d.households.orderBy('id').toArray(),
      plots: await d.plots.orderBy('id').toArray(),
      events: await d.events.orderBy('id').toArray(),
      villageFacts: await d.villageFacts.orderBy('key').toArray(),
      unfolded: (await d.meta.toCollection().primaryKeys()).filter((k) => String(k).startsWith('projector.unfolded:')),
    })
    /** The same docs projected a batch at a time after a first doc, each batch folding the parents it touches. */
    async function projectedIncrementally() {
      const other = openLocalDb('incremental', { indexedDB: new IDBFactory(), IDBKeyRange })
      const source = memoryRecordDb()
      const runner = createProjectionRunner(source, other)
      await source.bulkDocs(docs.slice(0, 1) as never)
      await runner.run()
      for (let i = 1; i < docs.length; i += 700) {
        await source.bulkDocs(docs.slice(i, i + 700) as never)
        await runner.run()
      }
      return snapshot(other)
    }

    it('folds every household and plot once at the end, to the same rows as batch-by-batch folding', async () => {
      await load(records)
      const runner = createProjectionRunner(records, db)
      const written: number[] = []
      const bulkPut = db.households.bulkPut.bind(db.households)
      db.households.bulkPut = ((rows: unknown[], ...rest: unknown[]) => (written.push(rows.length), bulkPut(rows as never, ...(rest as [])))) as never
      const report = await runner.run()
      expect(report.applied).toBe(docs.length)
      const fromNothing = await snapshot(db)
      expect(fromNothing.households.length).toBeGreaterThan(500)
      expect(fromNothing.households.some((h) => h.visits.length > 0)).toBe(true)
      expect(fromNothing.unfolded).toEqual([])
      expect(fromNothing).toEqual(await projectedIncrementally())
      // Each household written as it came, then once folded: not once per batch that touched it.
      expect(written.reduce((a, b) => a + b, 0)).toBe(2 * fromNothing.households.length)
    })

    it('cut part-way, the next pass folds what the cut pass left and ends with the same rows', async () => {
      await load(records)
      const changes = records.changes.bind(records)
      let calls = 0
      records.changes = ((options: never) => {
        calls += 1
        // The app is closed while the third batch is read.
        return calls === 3 ? Promise.reject(new Error('closed')) : changes(options)
      }) as never
      const runner = createProjectionRunner(records, db)
      await expect(runner.run()).rejects.toThrow('closed')
      const cut = await snapshot(db)
      expect(cut.unfolded).toHaveLength(1)
      records.changes = changes as never
      await runner.run()
      expect(await snapshot(db)).toEqual(await projectedIncrementally())
    })
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
