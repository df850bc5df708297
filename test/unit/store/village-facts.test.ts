import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import Dexie from 'dexie'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DIMENSIONS } from '../../../src/schema/docs'
import { openLocalDb, type LocalDb } from '../../../src/store/local-db'
import { createProjectionRunner } from '../../../src/store/projection-runner'
import { buildScoreInput } from '../../../src/store/score-input'
import { buildFactsRows, FACT_DIMENSIONS, mergeFacts, packDay, packHousehold, unpackDay, unpackFacts, factsKeyOf } from '../../../src/store/village-facts'
import { readAreaFacts } from '../../../src/store/village-facts-store'
import { eventsOf } from '../../../src/store/events'
import { householdsOfArea, householdsOfVillage, plotsOfArea, plotsOfTambon } from '../../../src/store/area-rows'
import { villageProgress, type ProgressRows } from '../../../src/store/village-progress'
import { syntheticDistrictDocs } from '../../../bench/synthetic-docs'
import { memoryRecordDb } from '../../support/memory-pouch'
import { asOfArb, complaintRowArb, householdRowArb, plotRowArb, uniqueById, village, VILLAGES } from '../supervisor/rows'

const freshDb = (name = 'facts') => openLocalDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })
const byCode = <T extends { code: string }>(list: T[]) => [...list].sort((a, b) => a.code.localeCompare(b.code))
const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
const villages = VILLAGES.map((code, i) => village(code, i + 1))

/** Progress and score input from the full rows and from the packed facts must be the same. */
function expectSameFromFacts(rows: ProgressRows, asOf: string) {
  const facts = unpackFacts(buildFactsRows(rows.households, rows.plots))
  const fromFacts = { ...rows, ...facts }
  expect(byCode(villageProgress(fromFacts, asOf))).toEqual(byCode(villageProgress(rows, asOf)))
  const area = { posts: [], reports: [], facts: [], complaints: rows.complaints, villages: rows.villages }
  const a = buildScoreInput({ ...area, households: byId(rows.households), plots: byId(rows.plots) }, { asOf, area: '4301' })
  const b = buildScoreInput({ ...area, households: byId(facts.households), plots: byId(facts.plots) }, { asOf, area: '4301' })
  expect(b).toEqual(a)
}

describe('per-village packed facts', () => {
  it('keeps the dimensions in the schema order (the flags depend on it)', () => {
    expect([...FACT_DIMENSIONS]).toEqual([...DIMENSIONS])
  })

  it('rows by id area: households by village, plots by sub-district, others none', () => {
    expect(factsKeyOf('household:43010101:12')).toBe('h:43010101')
    expect(factsKeyOf('plot:430101:H-1')).toBe('p:430101')
    expect(factsKeyOf('visit:household:43010101:12:x')).toBeUndefined()
  })

  it('progress and score input from the facts equal those from the raw rows (property)', () => {
    fc.assert(
      fc.property(fc.array(householdRowArb, { maxLength: 60 }), fc.array(plotRowArb, { maxLength: 20 }), fc.array(complaintRowArb, { maxLength: 6 }), asOfArb, (hh, pl, cs, asOf) => {
        const households = uniqueById(hh)
        const plots = uniqueById(pl)
        // Complaints name plots so they count in villages.
        const complaints = uniqueById(cs).map((c, i) => (plots.length ? { ...c, plotId: plots[i % plots.length]!.id } : c))
        expectSameFromFacts({ villages, households, plots, complaints }, asOf)
      }),
      { numRuns: 150 },
    )
  })

  it('merging upserts and deletions equals building from the final rows (property)', () => {
    fc.assert(
      fc.property(fc.array(householdRowArb, { maxLength: 40 }), fc.array(householdRowArb, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), (start, changes, deletions) => {
        const first = uniqueById(start).filter((h) => h.villageCode === VILLAGES[0])
        const changed = uniqueById(changes).filter((h) => h.villageCode === VILLAGES[0])
        const deleted = first.length ? deletions.map((n) => first[n % first.length]!.id).filter((id) => !changed.some((c) => c.id === id)) : []
        const key = 'h:' + VILLAGES[0]
        const row0 = buildFactsRows(first, [])[0]
        const merged = mergeFacts(row0, key, changed.map(packHousehold), deleted)
        const final = new Map(first.map((h) => [h.id, h]))
        for (const id of deleted) final.delete(id)
        for (const h of changed) final.set(h.id, h)
        expect(merged).toEqual(buildFactsRows([...final.values()], [])[0])
      }),
      { numRuns: 150 },
    )
  })
})

describe('reading an area\'s facts', () => {
  it('reads a district\'s or a province\'s rows and no other area\'s', async () => {
    const db = freshDb('facts-areas')
    const household = (villageCode: string, houseId: string) => ({ id: `household:${villageCode}:${houseId}`, villageCode, inTpmap: true, targetPersons: 2, visits: [], assisted: {} })
    const plot = (tambonCode: string, no: string) => ({ id: `plot:${tambonCode}:${no}`, kind: 'HLM' as const, tambonCode, assessments: [] })
    // 4301 and 4302 in province 43; 4401 in 44. 43011 would sort between 4301 and 4302 as text.
    await db.villageFacts.bulkPut(
      buildFactsRows(
        [household('43010101', '1'), household('43010201', '2'), household('43020101', '3'), household('44010101', '4')],
        [plot('430101', 'H-1'), plot('430201', 'H-2'), plot('440101', 'H-3')],
      ),
    )
    const ids = async (area: string) => {
      const f = await readAreaFacts(db, area)
      return [...f.households, ...f.plots].map((r) => r.id).sort()
    }
    expect(await ids('4301')).toEqual(['household:43010101:1', 'household:43010201:2', 'plot:430101:H-1'])
    expect(await ids('4302')).toEqual(['household:43020101:3', 'plot:430201:H-2'])
    expect(await ids('43')).toEqual(['household:43010101:1', 'household:43010201:2', 'household:43020101:3', 'plot:430101:H-1', 'plot:430201:H-2'])
    // A sub-district or village area reads its district's facts (the dashboards narrow the rest).
    expect(await ids('430101')).toEqual(await ids('4301'))
    expect(await ids('45')).toEqual([])
  })
})

describe('per-village facts kept by the projector', () => {
  async function compare(db: LocalDb, asOf: string) {
    const [vs, households, plots, complaints] = await Promise.all([db.villages.toArray(), db.households.toArray(), db.plots.toArray(), db.complaints.toArray()])
    // Stored facts are exactly what a rebuild from the stored rows gives.
    const stored = await db.villageFacts.orderBy('key').toArray()
    expect(stored).toEqual(buildFactsRows(households, plots).sort((a, b) => a.key.localeCompare(b.key)))
    const facts = await readAreaFacts(db, '4301')
    expect(byCode(villageProgress({ villages: vs, complaints, ...facts }, asOf))).toEqual(byCode(villageProgress({ villages: vs, households, plots, complaints }, asOf)))
    return { households, plots }
  }

  it('follows first projection, edits, new visits, and deletions of households, plots and visits', async () => {
    const db = freshDb()
    const records = memoryRecordDb()
    const docs = syntheticDistrictDocs({ docs: 3000, seed: 3 })
    for (let i = 0; i < docs.length; i += 500) await records.bulkDocs(docs.slice(i, i + 500) as never)
    const runner = createProjectionRunner(records, db)
    await runner.run()
    const { households } = await compare(db, '2022-06-15')
    expect(households.length).toBeGreaterThan(500)
    expect(await db.villageFacts.count()).toBeGreaterThan(10)

    // Edit a household, add a visit to another, delete a household, a plot and a visit.
    const get = (id: string) => records.get(id)
    const h1 = await get(households[0]!.id)
    await records.put({ ...h1, verifiedOn: '2021-12-01', planOn: '2021-12-02', failing: { income: true, health: true, living: false, education: false, access: false } })
    await records.put({ _id: `visit:${households[1]!.id}:off4301:01JZZZZZZZZZZZZZZZZZZZZZZZ`, type: 'mentor-visit', schema: 1, district: '4301', householdId: households[1]!.id, on: '2022-02-03', createdBy: 'off4301', createdAt: '2022-02-03T01:00:00.000Z', updatedBy: 'off4301', updatedAt: '2022-02-03T01:00:00.000Z', device: 't' })
    const h2 = await get(households[2]!.id)
    await records.remove(h2)
    const plot = docs.find((d) => d.type === 'plot')!
    await records.remove(await get(String(plot._id)))
    const visit = docs.find((d) => d.type === 'mentor-visit')!
    await records.remove(await get(String(visit._id)))
    await runner.run()
    const after = await compare(db, '2022-06-15')
    expect(after.households.some((h) => h.id === households[2]!.id)).toBe(false)
    expect(after.plots.some((p) => p.id === plot._id)).toBe(false)
    const facts = await readAreaFacts(db, '43')
    expect(facts.households.find((h) => h.id === households[0]!.id)).toMatchObject({ verifiedOn: '2021-12-01', failing: { income: true, health: true } })
    expect(facts.households.find((h) => h.id === households[1]!.id)!.visits).toContain('2022-02-03')

    // A rebuild from scratch gives the same facts.
    const before = await db.villageFacts.orderBy('key').toArray()
    await runner.rebuild()
    expect(await db.villageFacts.orderBy('key').toArray()).toEqual(before)
  })

  it('projects config:districts as areas\' names, never as an unreadable record', async () => {
    const db = freshDb()
    const records = memoryRecordDb()
    await records.put({ _id: 'config:districts', province: { code: '43', name: 'หนองคาย' }, districts: [{ code: '4301', name: 'เมืองหนองคาย', subdistricts: [{ code: '430101', name: 'ในเมือง' }] }] })
    await records.put({ _id: 'config:other', anything: true })
    await createProjectionRunner(records, db).run()
    expect(await db.problems.count()).toBe(0)
    expect(await db.areaConfigs.get('config:districts')).toMatchObject({ province: { code: '43', name: 'หนองคาย' }, districts: [{ code: '4301', name: 'เมืองหนองคาย' }] })
    // A config doc that really is broken is still reported, naming the field.
    await records.put({ ...(await records.get('config:districts')), districts: [{ code: '43x', name: '' }] })
    await createProjectionRunner(records, db).run()
    expect((await db.problems.get('config:districts'))?.problems[0]?.path).toBe('districts[0].code')
  })
})

/** The read model's stores at versions 4 and 5 (5 changed no store). */
const V4_STORES = {
  villages: 'code, tambonCode, district', households: 'id, villageCode, district', plots: 'id, tambonCode, district',
  complaints: 'id, tambonCode, open, receivedOn, district', posts: 'id, on, mission, district', reports: 'id, on, mission, district', events: 'id, parentId, type',
  facts: 'id, province, mission', problems: 'id', drafts: 'key, form, updatedAt', settings: 'key', syncLog: '++id, at', meta: 'key',
  areaConfigs: 'id', villageFacts: 'key, district', officeSettings: 'id, district',
}

/** The rows of a synthetic district, projected. */
async function projectedRows(seed: number, districts = ['4301']) {
  const source = freshDb(`source-${seed}`)
  const records = memoryRecordDb()
  for (const district of districts) await records.bulkDocs(syntheticDistrictDocs({ docs: 1200, seed, district }) as never)
  await createProjectionRunner(records, source).run()
  const [households, plots, events] = await Promise.all([source.households.toArray(), source.plots.toArray(), source.events.toArray()])
  return { households, plots, events }
}

/** A device left on an older version (4 or 5) of the read model with these rows. */
async function leaveDevice(indexedDB: IDBFactory, name: string, version: 4 | 5, tables: Record<string, unknown[]>) {
  const old = new Dexie(name, { indexedDB, IDBKeyRange })
  old.version(version).stores(V4_STORES)
  await old.open()
  for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkPut(rows)
  old.close()
}

describe('Dexie version 2 upgrade', () => {
  it('builds the facts from the rows already there, drops the config problem and re-projects province dbs', async () => {
    const indexedDB = new IDBFactory()
    // A device on version 1, as the app left it before.
    const old = new Dexie('upgrade', { indexedDB, IDBKeyRange })
    old.version(1).stores({
      villages: 'code, tambonCode, district', households: 'id, villageCode, tambonCode, district, [villageCode+houseId]', plots: 'id, tambonCode, villageCode, kind, district',
      complaints: 'id, tambonCode, open, receivedOn, district', posts: 'id, on, mission, district', reports: 'id, on, mission, district', events: 'id, parentId, type, on',
      facts: 'id, province, mission', problems: 'id', drafts: 'key, form, updatedAt', settings: 'key', syncLog: '++id, at', meta: 'key',
    })
    const v1db = freshDb('source')
    const records = memoryRecordDb()
    await records.bulkDocs(syntheticDistrictDocs({ docs: 1200, seed: 5 }) as never)
    await createProjectionRunner(records, v1db).run()
    const households = await v1db.households.toArray()
    const plots = await v1db.plots.toArray()
    await old.open()
    await old.table('households').bulkPut(households)
    await old.table('plots').bulkPut(plots)
    await old.table('problems').put({ id: 'config:districts', problems: [{ path: 'type', message: 'unknown document type undefined' }], seenAt: 'x' })
    await old.table('meta').bulkPut([{ key: 'projector.lastSeq:cdd-43-sup43', value: 5 }, { key: 'projector.lastSeq:cdd-4301-sup43', value: 900 }])
    old.close()

    const db = openLocalDb('upgrade', { indexedDB, IDBKeyRange })
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(2)
    expect(await db.villageFacts.orderBy('key').toArray()).toEqual(buildFactsRows(households, plots).sort((a, b) => a.key.localeCompare(b.key)))
    expect(await db.problems.count()).toBe(0)
    expect(await db.meta.get('projector.lastSeq:cdd-43-sup43')).toBeUndefined()
    expect((await db.meta.get('projector.lastSeq:cdd-4301-sup43'))?.value).toBe(900)
  })

  it('repacks facts rows of the older packing (ISO dates, whole ids) when the device moves to version 5', async () => {
    const indexedDB = new IDBFactory()
    const { households, plots } = await projectedRows(9)
    // A device on version 4: the same tables, facts rows in the packing of then (the tuples' ids whole, dates as strings).
    const legacy = households.slice(0, 3).map((h) => [h.id, h.villageCode, 1, h.targetPersons, h.verifiedOn ?? 0, h.planOn ?? 0, 0, 0, h.visits.length ? h.visits : 0])
    await leaveDevice(indexedDB, 'upgrade-v5', 4, { households, plots, villageFacts: [{ key: `h:${households[0]!.villageCode}`, district: '4301', n: legacy.length, data: JSON.stringify(legacy) }] })

    const db = openLocalDb('upgrade-v5', { indexedDB, IDBKeyRange })
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(5)
    expect(await db.villageFacts.orderBy('key').toArray()).toEqual(buildFactsRows(households, plots).sort((a, b) => a.key.localeCompare(b.key)))
    const facts = await readAreaFacts(db, '4301')
    expect(byId(facts.households)).toEqual(byId(households).map((h) => expect.objectContaining({ id: h.id, villageCode: h.villageCode, visits: h.visits, assisted: h.assisted })))
  })

  it('version 6 drops the indexes of events, households by village and plots by sub-district; the rows read by id as before', async () => {
    const indexedDB = new IDBFactory()
    const { households, plots, events } = await projectedRows(11)
    await leaveDevice(indexedDB, 'upgrade-v6', 5, { households, plots, events })

    const db = openLocalDb('upgrade-v6', { indexedDB, IDBKeyRange })
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(6)
    expect(db.events.schema.indexes.map((i) => i.name)).toEqual([])
    expect(db.households.schema.indexes.map((i) => i.name)).not.toContain('villageCode')
    expect(db.plots.schema.indexes.map((i) => i.name)).not.toContain('tambonCode')
    const household = households.find((h) => events.some((e) => e.parentId === h.id && e.type === 'mentor-visit'))!
    expect(byId(await eventsOf(db, household.id))).toEqual(byId(events.filter((e) => e.parentId === household.id)))
    expect(byId(await householdsOfVillage(db, household.villageCode))).toEqual(byId(households.filter((h) => h.villageCode === household.villageCode)))
    expect(byId(await plotsOfTambon(db, plots[0]!.tambonCode))).toEqual(byId(plots.filter((p) => p.tambonCode === plots[0]!.tambonCode)))
  })

  it('version 7 drops the per-village facts index by district; an area\'s facts read by key as before', async () => {
    const indexedDB = new IDBFactory()
    const { households, plots } = await projectedRows(13)
    const facts = buildFactsRows(households, plots)
    await leaveDevice(indexedDB, 'upgrade-v7', 5, { households, plots, villageFacts: facts })

    const db = openLocalDb('upgrade-v7', { indexedDB, IDBKeyRange })
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(7)
    expect(db.villageFacts.schema.indexes.map((i) => i.name)).toEqual([])
    expect(await db.villageFacts.orderBy('key').toArray()).toEqual(facts.sort((a, b) => a.key.localeCompare(b.key)))
    const read = await readAreaFacts(db, '4301')
    expect(byId(read.households)).toEqual(byId(households).map((h) => expect.objectContaining({ id: h.id, villageCode: h.villageCode, visits: h.visits })))
    expect(read.plots.length).toBe(plots.length)
  })

  it('version 8 drops the households\' and plots\' district index; a district\'s and a province\'s rows read by id as before', async () => {
    const indexedDB = new IDBFactory()
    const { households, plots } = await projectedRows(17, ['4301', '4302', '4401'])
    await leaveDevice(indexedDB, 'upgrade-v8', 5, { households, plots })

    const db = openLocalDb('upgrade-v8', { indexedDB, IDBKeyRange })
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(8)
    expect(db.households.schema.indexes.map((i) => i.name)).toEqual([])
    expect(db.plots.schema.indexes.map((i) => i.name)).toEqual([])
    for (const area of ['4301', '4302', '43']) {
      const want = (rows: { id: string; district: string }[]) => rows.filter((r) => r.district.startsWith(area)).map((r) => r.id).sort()
      expect((await householdsOfArea(db, area).primaryKeys()).map(String).sort()).toEqual(want(households))
      expect((await plotsOfArea(db, area).toArray()).map((p) => p.id).sort()).toEqual(want(plots))
      expect(want(households).length).toBeGreaterThan(0)
    }
  })

  it('days pack and unpack to the same ISO date, across years and leap days', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2021-10-01', '2024-02-29', '2026-12-31', '2099-01-01']) expect(unpackDay(packDay(d))).toBe(d)
    expect(packDay(undefined)).toBe(0)
    expect(packDay('2022-01-02') - packDay('2022-01-01')).toBe(1)
  })
})

