/**
 * Issue 15 over HTTP (embedded server, or COUCH_URL for a real CouchDB): the provisioned
 * validate_doc_update lets a supervisor of the area review, refuses an officer, refuses a review in
 * someone else's name and any change to a review; history entries go in under their author's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import type { UserRow } from '../../couch/users-csv'
import { basicAuth, type TestCouch } from '../support/couch'
import { provisionTestArea, type TestArea } from '../support/test-area'

const geography: Geography = {
  province: { code: '96', name: 'จังหวัดทดสอบรีวิว' },
  districts: [{ code: '9601', name: 'อำเภอทดสอบรีวิว', subdistricts: [{ code: '960101', name: 'ตำบลรีวิว' }] }],
}
const users: UserRow[] = [
  { name: 'rv-off9601', password: 'pw-rv-off', role: 'officer', area: '9601' },
  { name: 'rv-sup96', password: 'pw-rv-sup', role: 'supervisor', area: '96' },
]
const as = (name: string) => basicAuth(name, users.find((u) => u.name === name)!.password)
const at = '2026-01-10T03:00:00.000Z'
const env = (by: string) => ({ schema: 1, district: '9601', createdBy: by, createdAt: at, updatedBy: by, updatedAt: at, device: 'dev-rv' })
const HH = 'household:96010101:5'
const review = (by: string, ulid: string, extra: Record<string, unknown> = {}) => ({
  ...env(by), _id: `review:${HH}:${by}:${ulid}`, type: 'review', recordId: HH, recordType: 'household', recordUpdatedAt: at, state: 'returned', comment: 'เลขบ้านไม่ตรง', ...extra,
})

let area: TestArea
let couch: TestCouch
let anon: CouchClient

beforeAll(async () => {
  area = await provisionTestArea(geography, users)
  couch = area.couch
  anon = couchClient(couch.url)
}, 60_000)

afterAll(async () => {
  await area?.close()
})

const put = (doc: Record<string, unknown>, user: string) =>
  anon.request<{ error?: string; reason?: string; rev?: string }>('PUT', `/cdd-9601/${encodeURIComponent(String(doc._id))}`, doc, as(user))

describe('reviews and history on the server', () => {
  it('the supervisor of the area reviews; an officer is refused', async () => {
    const ok = await put(review('rv-sup96', '01JRV00000000000000000000A'), 'rv-sup96')
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    const byOfficer = await put(review('rv-off9601', '01JRV00000000000000000000B'), 'rv-off9601')
    expect(byOfficer.status).toBe(403)
    expect(byOfficer.body).toEqual({ error: 'forbidden', reason: 'type: only supervisors of this area may review records' })
  })

  it('refuses a review in someone else’s name and any change to a review', async () => {
    const forged = { ...review('rv-sup96', '01JRV00000000000000000000C'), _id: `review:${HH}:sup-other:01JRV00000000000000000000C` }
    const res = await put(forged, 'rv-sup96')
    expect(res.status).toBe(403)
    expect(res.body.reason).toMatch(/^_id: a review id is review:<record>:rv-sup96:<id>/)

    const first = review('rv-sup96', '01JRV00000000000000000000D')
    const created = await put(first, 'rv-sup96')
    expect(created.status).toBe(201)
    // On a cluster a copy of the shard may not hold the new revision yet and answers 409 for a moment:
    // asked again until the copies agree; the answer must then be the rule's 403.
    let changed = await put({ ...first, _rev: created.body.rev, state: 'approved', comment: undefined }, 'rv-sup96')
    for (let i = 0; i < 50 && changed.status === 409; i++) {
      await new Promise((r) => setTimeout(r, 100))
      changed = await put({ ...first, _rev: created.body.rev, state: 'approved', comment: undefined }, 'rv-sup96')
    }
    expect(changed.status).toBe(403)
    expect(changed.body.reason).toMatch(/^_rev: review documents are never changed/)
  })

  it('a returned review needs its comment (the zod rule, on the server)', async () => {
    const res = await put(review('rv-sup96', '01JRV00000000000000000000E', { comment: undefined }), 'rv-sup96')
    expect(res.status).toBe(403)
    expect(res.body.reason).toMatch(/^comment: /)
  })

  it('an officer writes history entries under their own name only', async () => {
    const entry = { ...env('rv-off9601'), _id: `history:${HH}:rv-off9601:01JRV00000000000000000000F`, type: 'history', recordId: HH, recordType: 'household', kind: 'edit', changes: [{ field: 'headName', from: 'ก', to: 'ข' }] }
    expect((await put(entry, 'rv-off9601')).status).toBe(201)
    const forged = { ...entry, _id: `history:${HH}:rv-sup96:01JRV00000000000000000000G` }
    const res = await put(forged, 'rv-off9601')
    expect(res.status).toBe(403)
    expect(res.body.reason).toMatch(/^_id: a history id is history:<record>:rv-off9601:<id>/)
  })
})
