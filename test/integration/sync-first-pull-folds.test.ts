/**
 * The first pull's read model (src/store/projection-runner.ts, applyFetched / finishFetched) over real
 * HTTP, against the stand-in or COUCH_URL. A district's households arrive first and their visits and
 * assistance chunks later (the server's seq order); the projector defers the households' folds to the
 * end of the pull and projects each chunk while the next is written. What it must give: exactly the
 * read model a projection from scratch gives (every household with its visits and first assistance,
 * the per-village facts), also when the pull is cut part-way and the app catches up on its next start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchClient } from '../../couch/couch-http'
import { createProjectionRunner } from '../../src/store/projection-runner'
import type { LocalDb } from '../../src/store/local-db'
import { firstPull, readFirstPull } from '../../src/sync/bulk-pull'
import { getTestCouch, type TestCouch } from '../support/couch'
import { cleanUp, freshLocalDb, loginDevice, setUpProvince } from './sync-helpers'

let couch: TestCouch
let admin: CouchClient

const HOUSEHOLDS = 120
const env = { schema: 1, district: '9602', createdBy: 'admin', createdAt: '2026-01-01T00:00:00.000Z', updatedBy: 'admin', updatedAt: '2026-01-01T00:00:00.000Z', device: 'seed' }
const householdIdOf = (i: number) => `household:96020101:${i + 1}`
const ulid = (n: number) => `01JF${String(n).padStart(22, '0')}`

beforeAll(async () => {
  couch = await getTestCouch()
  admin = await setUpProvince(couch)
  const village = { ...env, _id: 'village:96020101', type: 'village', code: '96020101', moo: 1, name: 'บ้านทดสอบพับ', tambonCode: '960201', tambonName: 'ตำบลสอง' }
  const households = Array.from({ length: HOUSEHOLDS }, (_, i) => ({ ...env, _id: householdIdOf(i), type: 'household', villageCode: '96020101', houseId: String(i + 1), headName: `ครัวเรือน ${i + 1}`, targetPersons: 2, inTpmap: true, verifiedOn: '2026-01-02' }))
  let n = 0
  // Every household gets three visits and one assistance, in chunks that come after all households.
  const visits = Array.from({ length: HOUSEHOLDS * 3 }, (_, i) => ({ ...env, _id: `visit:${householdIdOf(i % HOUSEHOLDS)}:admin:${ulid(n++)}`, type: 'mentor-visit', householdId: householdIdOf(i % HOUSEHOLDS), on: `2026-0${1 + Math.floor(i / HOUSEHOLDS)}-1${i % 10}` }))
  const assistance = Array.from({ length: HOUSEHOLDS }, (_, i) => ({ ...env, _id: `assist:${householdIdOf(i)}:admin:${ulid(n++)}`, type: 'assistance', householdId: householdIdOf(i), dimension: 'income', what: 'ช่วยเหลือ', agency: 'อบต.', on: '2026-02-01' }))
  for (const docs of [[village, ...households], visits, assistance]) {
    const res = await admin.request<{ error?: string; reason?: string }[]>('POST', '/cdd-9602/_bulk_docs', { docs })
    expect(res.status).toBe(201)
    expect(res.body.filter((r) => r.error)).toEqual([])
  }
})
afterAll(async () => {
  if (admin) await cleanUp(admin)
  await couch?.close()
})

/** The read model as the dashboards read it: households with their folds, and the facts rows. */
async function readModel(db: LocalDb) {
  const households = (await db.households.toArray()).map((h) => ({ id: h.id, visits: h.visits, assisted: h.assisted })).sort((a, b) => (a.id < b.id ? -1 : 1))
  const facts = (await db.villageFacts.toArray()).map((f) => ({ key: f.key, n: f.n, data: f.data }))
  const unfolded = (await db.meta.toCollection().primaryKeys()).filter((k) => String(k).startsWith('projector.unfolded:'))
  return { households, facts, unfolded }
}

describe('the first pull feeds the read model as a projection from scratch would', () => {
  it('households fold the visits of later chunks; cut part-way, the next start folds what arrived', async () => {
    // The reference: the same docs pulled without a projector, then projected from the record db.
    const reference = await loginDevice(couch, 'sync-off9602')
    await firstPull({ fetch: reference.fetch, base: reference.base, dbName: 'cdd-9602', records: reference.store().records, chunk: 500 })
    const referenceDb = freshLocalDb('folds-reference')
    await createProjectionRunner(reference.store().records, referenceDb).run()
    const expected = await readModel(referenceDb)
    expect(expected.households).toHaveLength(HOUSEHOLDS)
    expect(expected.households.every((h) => h.visits.length === 3 && h.assisted.income === '2026-02-01')).toBe(true)

    // A whole pull in chunks of 70: households, then visits touching households of earlier chunks.
    const device = await loginDevice(couch, 'sync-off9602')
    const db = freshLocalDb('folds-whole')
    const runner = createProjectionRunner(device.store().records, db)
    const applied: boolean[] = []
    const projector = {
      applyFetched: (b: Parameters<typeof runner.applyFetched>[0]) => runner.applyFetched(b).then((r) => (applied.push(r.fromMemory), r)),
      finishFetched: () => runner.finishFetched(),
    }
    await firstPull({ fetch: device.fetch, base: device.base, dbName: 'cdd-9602', records: device.store().records, projector, chunk: 70 })
    expect(applied.length).toBeGreaterThan(5)
    expect(applied.every(Boolean)).toBe(true)
    expect(await readModel(db)).toEqual(expected)
    expect((await runner.run()).applied).toBe(0)

    // The page closes after a few chunks (some households' visits in, others not): nothing after the
    // last projected chunk runs. The app starts again: its first catch-up folds the households the
    // pull left unfolded, before anything else.
    const cutDevice = await loginDevice(couch, 'sync-off9602')
    const cutDb = freshLocalDb('folds-cut')
    const cutRunner = createProjectionRunner(cutDevice.store().records, cutDb)
    const projected: Promise<void>[] = []
    const closing = {
      applyFetched: async (b: Parameters<typeof cutRunner.applyFetched>[0]) => {
        const r = await cutRunner.applyFetched(b)
        projected.push(r.projected)
        return r
      },
    }
    const cut = await firstPull({ fetch: cutDevice.fetch, base: cutDevice.base, dbName: 'cdd-9602', records: cutDevice.store().records, projector: closing, chunk: 70, cancelled: () => projected.length >= 4 }).then(
      () => 'finished',
      (e: { name?: string }) => e.name,
    )
    expect(cut).toBe('cancelled')
    await Promise.all(projected)
    expect((await readModel(cutDb)).unfolded).toHaveLength(1)
    expect((await readFirstPull(cutDevice.store().records))?.done).toBe(false)
    const restarted = createProjectionRunner(cutDevice.store().records, cutDb)
    await restarted.run()
    const partial = await readModel(cutDb)
    expect(partial.unfolded).toEqual([])
    // Each household holds exactly the visits the record db holds for it.
    const all = await cutDevice.store().records.allDocs({ include_docs: true })
    const visitsOf = new Map<string, string[]>()
    for (const row of all.rows) {
      const doc = row.doc as { type?: string; householdId?: string; on?: string }
      if (doc.type === 'mentor-visit') visitsOf.set(doc.householdId!, [...(visitsOf.get(doc.householdId!) ?? []), doc.on!].sort())
    }
    expect([...visitsOf.values()].some((v) => v.length > 0)).toBe(true)
    for (const h of partial.households) expect(h.visits).toEqual(visitsOf.get(h.id) ?? [])

    // And the pull resumed to the end gives the reference again.
    await firstPull({ fetch: cutDevice.fetch, base: cutDevice.base, dbName: 'cdd-9602', records: cutDevice.store().records, projector: { applyFetched: (b) => restarted.applyFetched(b), finishFetched: () => restarted.finishFetched() }, chunk: 70 })
    expect(await readModel(cutDb)).toEqual(expected)
    for (const d of [referenceDb, db, cutDb]) d.close()
    for (const d of [reference, device, cutDevice]) await d.close()
  })
})
