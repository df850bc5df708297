/*
 * The benchmark page: the app's own store code (PouchDB on IndexedDB, the repository, the projector
 * into Dexie) driven from the bench runner through playwright. Built by Vite like the app.
 */
import { openRecordDb } from '../../src/store/pouch'
import { openLocalDb } from '../../src/store/local-db'
import { createRepository } from '../../src/store/repository'
import { createProjectionRunner } from '../../src/store/projection-runner'
import { villageProgress } from '../../src/store/village-progress'
import { readAreaFacts, readAreaFactsRows } from '../../src/store/village-facts-store'
import { householdsOfArea, plotsOfArea } from '../../src/store/area-rows'
import { buildFactsRows, unpackFacts } from '../../src/store/village-facts'
import { foldHousehold, foldPlot, project } from '../../src/store/projector'
import type { ComplaintRow, EventRow, HouseholdRow, PlotRow, VillageRow } from '../../src/store/local-db'
import { syntheticDistrictDocs } from '../synthetic-docs'

declare global {
  interface Window {
    benchProgress: typeof benchProgress
    benchSave: typeof benchSave
    benchReady: boolean
  }
}

async function benchSave({ docs, saves }: { docs: number; saves: number }) {
  const name = `bench-save-${Date.now()}`
  const records = openRecordDb(name)
  const db = openLocalDb(`${name}-read`)
  const all = syntheticDistrictDocs({ docs })
  let t = performance.now()
  for (let i = 0; i < all.length; i += 2000) await records.bulkDocs(all.slice(i, i + 2000) as never)
  const seedMs = performance.now() - t

  const projector = createProjectionRunner(records, db)
  t = performance.now()
  await projector.run()
  const projectMs = performance.now() - t
  // Per-village progress as the dashboard gets it: the district's rows read from Dexie, then computed.
  const progressMs: number[] = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    const [villages, householdRows, plots, complaints] = await Promise.all([
      db.villages.where('district').equals('4301').toArray(),
      householdsOfArea(db, '4301').toArray(),
      plotsOfArea(db, '4301').toArray(),
      db.complaints.where('district').equals('4301').toArray(),
    ])
    villageProgress({ villages, households: householdRows, plots, complaints }, '2022-06-15')
    progressMs.push(performance.now() - start)
  }
  // The same as the dashboard reads it now: the per-village packed facts the projector keeps.
  const factsProgressMs: number[] = []
  let factsVillages = 0
  for (let i = 0; i < 7; i++) {
    const start = performance.now()
    const [villages, facts, complaints] = await Promise.all([
      db.villages.where('district').equals('4301').toArray(),
      readAreaFacts(db, '4301'),
      db.complaints.where('district').equals('4301').toArray(),
    ])
    factsVillages = villageProgress({ villages, complaints, ...facts }, '2022-06-15').length
    factsProgressMs.push(performance.now() - start)
  }
  const factsRows = (await readAreaFactsRows(db, '4301')).length

  const stop = projector.follow()

  // A household check: verification, plan and failing dimensions on an existing household.
  const repository = createRepository({ records, author: { name: 'off4301', district: '4301' }, device: 'bench' })
  const households = all.filter((d) => d.type === 'household')
  const times: number[] = []
  // Until the read model shows the save (the list the officer goes back to).
  const shownTimes: number[] = []
  for (let i = 0; i < saves; i++) {
    // An officer's saves are a form apart, not back to back: the last save's projection is done
    // before the next save starts, so each time is the save's own (with the live projector on).
    await projector.run()
    const h = households[(i * 7919) % households.length]!
    const { _id, _rev, type, schema, district, createdBy, createdAt, updatedBy, updatedAt, device, ...values } = h
    void [_rev, type, schema, district, createdBy, createdAt, updatedBy, updatedAt, device]
    const start = performance.now()
    await repository.save('household', { ...values, verifiedOn: '2022-01-10', planOn: '2022-01-12', failing: { income: true, health: false, living: true, education: false, access: false } } as never, { id: String(_id) })
    times.push(performance.now() - start)
    await projector.run()
    shownTimes.push(performance.now() - start)
  }
  await projector.run()
  stop()
  const rows = await db.households.count()
  await records.destroy()
  db.close()
  return { seedMs, projectMs, times, shownTimes, progressMs, factsProgressMs, factsRows, factsVillages, householdRows: rows, info: { docs: all.length } }
}

/**
 * Per-village progress for a district of 25,000 households, read from IndexedDB and computed: rows
 * made by the real projector in memory (no PouchDB, so it takes seconds, not minutes), written into
 * Dexie with their per-village facts, then read both ways.
 */
async function benchProgress({ docs, runs }: { docs: number; runs: number }) {
  const db = openLocalDb(`bench-progress-${Date.now()}`)
  const events = new Map<string, EventRow[]>()
  const rows: { villages: VillageRow[]; households: HouseholdRow[]; plots: PlotRow[]; complaints: ComplaintRow[] } = { villages: [], households: [], plots: [], complaints: [] }
  for (const doc of syntheticDistrictDocs({ docs })) {
    const p = project({ id: String(doc._id), doc })
    if (p.table === 'villages') rows.villages.push(p.row)
    else if (p.table === 'households') rows.households.push(p.row)
    else if (p.table === 'plots') rows.plots.push(p.row)
    else if (p.table === 'complaints') rows.complaints.push(p.row)
    else if (p.table === 'events') events.set(p.row.parentId, [...(events.get(p.row.parentId) ?? []), p.row])
  }
  const households = rows.households.map((h) => foldHousehold(h, events.get(h.id) ?? []))
  const plots = rows.plots.map((p) => foldPlot(p, events.get(p.id) ?? []))
  await db.transaction('rw', [db.villages, db.households, db.plots, db.complaints, db.villageFacts], async () => {
    await db.villages.bulkPut(rows.villages)
    await db.households.bulkPut(households)
    await db.plots.bulkPut(plots)
    await db.complaints.bulkPut(rows.complaints)
    await db.villageFacts.bulkPut(buildFactsRows(households, plots))
  })
  const time = async (read: () => Promise<Parameters<typeof villageProgress>[0]>) => {
    const ms: number[] = []
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      villageProgress(await read(), '2022-06-15')
      ms.push(performance.now() - start)
    }
    return ms
  }
  const district = (t: { where(i: string): { equals(v: string): { toArray(): Promise<unknown[]> } } }) => t.where('district').equals('4301').toArray()
  const raw = await time(async () => {
    const [villages, h, p, complaints] = await Promise.all([district(db.villages), householdsOfArea(db, '4301').toArray(), plotsOfArea(db, '4301').toArray(), district(db.complaints)])
    return { villages, households: h, plots: p, complaints } as never
  })
  // The dashboards' path (readAreaFacts is readAreaFactsRows + unpackFacts), timed step by step:
  // the three reads, the unpacking, the computation, and their sum.
  const facts: number[] = []
  const split = { read: [] as number[], unpack: [] as number[], compute: [] as number[] }
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const [villages, factRows, complaints] = await Promise.all([district(db.villages), readAreaFactsRows(db, '4301'), district(db.complaints)])
    const read = performance.now()
    const f = unpackFacts(factRows)
    const unpacked = performance.now()
    villageProgress({ villages, complaints, ...f } as never, '2022-06-15')
    const end = performance.now()
    split.read.push(read - start)
    split.unpack.push(unpacked - read)
    split.compute.push(end - unpacked)
    facts.push(end - start)
  }
  const factsRows = await db.villageFacts.count()
  db.close()
  await db.delete()
  return { raw, facts, split, households: households.length, plots: plots.length, villages: rows.villages.length, factsRows }
}

window.benchProgress = benchProgress
window.benchSave = benchSave
window.benchReady = true
document.getElementById('status')!.textContent = 'ready'
