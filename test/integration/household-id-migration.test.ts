/**
 * The migration of households TPMAP missed from their old id (`household:V:H`, now TPMAP's, written
 * by supervisors only) to the author's id space (`household:V:H:<author>`), with their visits,
 * assistance and reviews — on the stand-in and on real CouchDB (COUCH_URL). An officer's phone that
 * held the old docs ends with exactly the server's docs after syncing, a visit it saved under the
 * old id before that sync is moved by the next run, and a further run moves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeId, type CouchClient } from '../../couch/couch-http'
import { migrateHouseholdIds } from '../../couch/migrate-household-ids'
import { planHouseholdIdMoves } from '../../couch/household-id-plan'
import { getTestCouch, type TestCouch } from '../support/couch'
import { cleanUp, loginDevice, revMap, setUpProvince } from './sync-helpers'

const OFFICER = 'sync-off9601'
const SUP = 'sync-sup96'
const V = '96010101'
const OLD = `household:${V}:5`
const NEW = `household:${V}:5:${OFFICER}`
const TPMAP = `household:${V}:6`
const U = (n: number) => `01J00000000000000000000${String(n).padStart(3, '0')}`
const at = '2025-06-01T03:00:00.000Z'
const envelope = (by: string) => ({ schema: 1, district: '9601', createdBy: by, createdAt: at, updatedBy: by, updatedAt: at, device: 'old-phone' })

const OLD_DOCS = [
  { _id: OLD, type: 'household', villageCode: V, houseId: '5', headName: 'นางตกหล่น เดิม', targetPersons: 3, inTpmap: false, note: 'บันทึกก่อนเปลี่ยนรหัส', ...envelope(OFFICER) },
  // A visit id from before authors were in ids, and one with its author.
  { _id: `visit:${OLD}:${U(1)}`, type: 'mentor-visit', householdId: OLD, on: '2025-06-01', note: 'เยี่ยมครั้งแรก', ...envelope(OFFICER) },
  { _id: `visit:${OLD}:${OFFICER}:${U(2)}`, type: 'mentor-visit', householdId: OLD, on: '2025-06-02', ...envelope(OFFICER) },
  { _id: `assist:${OLD}:${OFFICER}:${U(3)}`, type: 'assistance', householdId: OLD, dimension: 'income', what: 'เมล็ดพันธุ์', agency: 'พช.', on: '2025-06-03', ...envelope(OFFICER) },
  { _id: `review:${OLD}:${SUP}:${U(4)}`, type: 'review', recordId: OLD, recordType: 'household', recordUpdatedAt: at, state: 'approved', ...envelope(SUP) },
  { _id: `review:visit:${OLD}:${U(1)}:${SUP}:${U(5)}`, type: 'review', recordId: `visit:${OLD}:${U(1)}`, recordType: 'mentor-visit', recordUpdatedAt: at, state: 'returned', comment: 'แก้วันที่', ...envelope(SUP) },
  // A TPMAP household and its visit stay where they are.
  { _id: TPMAP, type: 'household', villageCode: V, houseId: '6', headName: 'นายทีพีแมป', targetPersons: 2, inTpmap: true, ...envelope(SUP) },
  { _id: `visit:${TPMAP}:${OFFICER}:${U(6)}`, type: 'mentor-visit', householdId: TPMAP, on: '2025-06-04', ...envelope(OFFICER) },
]
const MOVED: Record<string, string> = {
  [OLD]: NEW,
  [`visit:${OLD}:${U(1)}`]: `visit:${NEW}:${OFFICER}:${U(1)}`,
  [`visit:${OLD}:${OFFICER}:${U(2)}`]: `visit:${NEW}:${OFFICER}:${U(2)}`,
  [`assist:${OLD}:${OFFICER}:${U(3)}`]: `assist:${NEW}:${OFFICER}:${U(3)}`,
  [`review:${OLD}:${SUP}:${U(4)}`]: `review:${NEW}:${SUP}:${U(4)}`,
  [`review:visit:${OLD}:${U(1)}:${SUP}:${U(5)}`]: `review:visit:${NEW}:${OFFICER}:${U(1)}:${SUP}:${U(5)}`,
}

let couch: TestCouch
let admin: CouchClient

beforeAll(async () => {
  couch = await getTestCouch()
  admin = await setUpProvince(couch)
})

afterAll(async () => {
  if (admin) await cleanUp(admin)
  await couch?.close()
})

async function liveIds(): Promise<string[]> {
  const all = await admin.request<{ rows: { id: string }[] }>('GET', '/cdd-9601/_all_docs')
  return all.body.rows.map((r) => r.id).filter((id) => !id.startsWith('_') && !id.startsWith('village:') && !id.startsWith('config:'))
}
/**
 * Waits until the server's copies agree: on a cluster `_all_docs` reads any one copy of each shard,
 * which may lag the write quorum for a moment (the migration's own reads too). Five reads alike in a row.
 */
async function settled(): Promise<void> {
  let last = ''
  let same = 0
  for (let i = 0; i < 200 && same < 5; i++) {
    const now = JSON.stringify(await liveIds())
    same = now === last ? same + 1 : 0
    last = now
    if (same < 5) await new Promise((r) => setTimeout(r, 50))
  }
}
const get = async (id: string) => (await admin.request<Record<string, unknown>>('GET', `/cdd-9601/${encodeId(id)}`)).body

describe('household id migration', () => {
  it('the plan moves the household, its children and their reviews, and nothing else', () => {
    const moves = planHouseholdIdMoves(OLD_DOCS)
    expect(Object.fromEntries(moves.map((m) => [m.from, m.to]))).toEqual(MOVED)
    const household = moves.find((m) => m.from === OLD)!.doc
    expect(household).toMatchObject({ _id: NEW, movedFrom: OLD, headName: 'นางตกหล่น เดิม', createdBy: OFFICER, inTpmap: false })
    expect(moves.find((m) => m.from === `visit:${OLD}:${U(1)}`)!.doc).toMatchObject({ householdId: NEW, note: 'เยี่ยมครั้งแรก' })
  })

  it('moves the old docs on the server; the phone follows by syncing; late children and reruns', async () => {
    const res = await admin.request<{ ok?: boolean; id: string; reason?: string }[]>('POST', '/cdd-9601/_bulk_docs', { docs: OLD_DOCS })
    expect(res.body.filter((r) => !r.ok)).toEqual([])
    const phone = await loginDevice(couch, OFFICER)
    await phone.syncOnce()
    expect([...(await revMap(phone.store().records)).keys()]).toEqual(expect.arrayContaining(OLD_DOCS.map((d) => d._id)))
    // Before the migration the officer cannot edit their own household (its id is TPMAP's now).
    const before = await phone.fetch(`${couch.url}/cdd-9601/${encodeId(OLD)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...(await get(OLD)), headName: 'แก้ไม่ได้', updatedBy: OFFICER }) })
    expect(before.status).toBe(403)
    await before.body?.cancel()

    // Offline, before the phone hears of the migration: a visit under the old id.
    const late = `visit:${OLD}:${OFFICER}:${U(7)}`
    await phone.store().records.put({ _id: late, type: 'mentor-visit', householdId: OLD, on: '2025-07-01', ...envelope(OFFICER) })

    await settled()
    const first = await migrateHouseholdIds(couch.adminUrl, ['9601', '9602'])
    expect(first).toEqual({ households: 1, children: 3, reviews: 2, failed: [] })
    await settled()
    const afterFirst = await liveIds()
    for (const [from, to] of Object.entries(MOVED)) {
      expect(afterFirst).not.toContain(from)
      expect(afterFirst).toContain(to)
    }
    expect(afterFirst).toContain(TPMAP)
    expect(afterFirst).toContain(`visit:${TPMAP}:${OFFICER}:${U(6)}`)
    expect(await get(NEW)).toMatchObject({ movedFrom: OLD, headName: 'นางตกหล่น เดิม', note: 'บันทึกก่อนเปลี่ยนรหัส', createdBy: OFFICER, inTpmap: false })
    // Children are reachable the way the app reads them: one range read under the household's id.
    const children = await admin.request<{ rows: { id: string; doc: { householdId: string } }[] }>('GET', `/cdd-9601/_all_docs?include_docs=true&startkey=${encodeURIComponent(JSON.stringify(`visit:${NEW}:`))}&endkey=${encodeURIComponent(JSON.stringify(`visit:${NEW}:\ufff0`))}`)
    expect(children.body.rows.map((r) => r.doc.householdId)).toEqual([NEW, NEW])

    // The phone syncs: it pushes the late visit (under the old id) and pulls the moves.
    await phone.syncOnce()
    // The next run moves the late visit too (the new household's movedFrom names the old id).
    await settled()
    const second = await migrateHouseholdIds(couch.adminUrl, ['9601'])
    expect(second).toEqual({ households: 0, children: 1, reviews: 0, failed: [] })
    await settled()
    expect(await liveIds()).toContain(`visit:${NEW}:${OFFICER}:${U(7)}`)
    expect(await liveIds()).not.toContain(late)
    // Idempotent: nothing is left to move.
    expect(await migrateHouseholdIds(couch.adminUrl, ['9601'])).toEqual({ households: 0, children: 0, reviews: 0, failed: [] })

    // After one more sync the phone holds exactly the server's docs, each once, old ids gone.
    await phone.syncOnce()
    await settled()
    const onPhone = [...(await revMap(phone.store().records)).keys()].filter((id) => !id.startsWith('village:') && !id.startsWith('config:')).sort()
    expect(onPhone).toEqual((await liveIds()).sort())
    for (const from of [...Object.keys(MOVED), late]) expect(onPhone).not.toContain(from)

    // The officer edits their household again, at its new id.
    const current = await get(NEW)
    const edit = await phone.fetch(`${couch.url}/cdd-9601/${encodeId(NEW)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...current, headName: 'นางตกหล่น แก้แล้ว', updatedBy: OFFICER, updatedAt: new Date().toISOString() }) })
    expect(edit.status).toBe(201)
    await edit.body?.cancel()
    await phone.close()
  })
})
