/**
 * Issue 15's office setting over HTTP (embedded server, or COUCH_URL for a real CouchDB): "scores count
 * approved records only" lives in `office-settings:<district>` in the district's db, so its officers
 * receive it by sync. Only supervisors of the area write it: an officer of the district, a supervisor
 * of another district, a doc under another id and a doc in the province db are all refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import type { UserRow } from '../../couch/users-csv'
import { basicAuth, type TestCouch } from '../support/couch'
import { provisionTestArea, type TestArea } from '../support/test-area'

const geography: Geography = {
  province: { code: '96', name: 'จังหวัดทดสอบตั้งค่า' },
  districts: [
    { code: '9603', name: 'อำเภอทดสอบตั้งค่า', subdistricts: [{ code: '960301', name: 'ตำบลตั้งค่า' }] },
    { code: '9604', name: 'อำเภอข้างเคียง', subdistricts: [{ code: '960401', name: 'ตำบลข้างเคียง' }] },
  ],
}
const users: UserRow[] = [
  { name: 'os-off9603', password: 'pw-os-off', role: 'officer', area: '9603' },
  { name: 'os-dsup9603', password: 'pw-os-dsup', role: 'supervisor', area: '9603' },
  { name: 'os-dsup9604', password: 'pw-os-dsup4', role: 'supervisor', area: '9604' },
  { name: 'os-sup96', password: 'pw-os-sup', role: 'supervisor', area: '96' },
]
const as = (name: string) => basicAuth(name, users.find((u) => u.name === name)!.password)
const at = '2026-01-10T03:00:00.000Z'
const settings = (by: string, extra: Record<string, unknown> = {}) => ({
  _id: 'office-settings:9603', type: 'office-settings', schema: 1, district: '9603', createdBy: by, createdAt: at, updatedBy: by, updatedAt: at, device: 'dev-os', scoresCount: 'approved', ...extra,
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

const put = (doc: Record<string, unknown>, user: string, db = 'cdd-9603') =>
  anon.request<{ error?: string; reason?: string; rev?: string }>('PUT', `/${db}/${encodeURIComponent(String(doc._id))}`, doc, as(user))
const get = (id: string, user: string) => anon.request<Record<string, unknown>>('GET', `/cdd-9603/${encodeURIComponent(id)}`, undefined, as(user))

describe('office settings on the server', () => {
  it('the province supervisor sets it; the district supervisor changes it; the officer reads it', async () => {
    const created = await put(settings('os-sup96'), 'os-sup96')
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const changed = await put({ ...settings('os-sup96'), _rev: created.body.rev, updatedBy: 'os-dsup9603', scoresCount: 'all' }, 'os-dsup9603')
    expect(changed.status, JSON.stringify(changed.body)).toBe(201)
    const read = await get('office-settings:9603', 'os-off9603')
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ scoresCount: 'all', updatedBy: 'os-dsup9603', createdBy: 'os-sup96' })
  })

  it('refuses the officer, whether creating, changing or deleting it', async () => {
    const current = await get('office-settings:9603', 'os-off9603')
    const rev = String(current.body._rev)
    const change = await put({ ...current.body, updatedBy: 'os-off9603', scoresCount: 'approved' }, 'os-off9603')
    expect(change.status).toBe(403)
    expect(change.body).toEqual({ error: 'forbidden', reason: 'type: office-settings documents may only be written by supervisors' })
    const del = await anon.request<{ reason?: string }>('DELETE', `/cdd-9603/${encodeURIComponent('office-settings:9603')}?rev=${rev}`, undefined, as('os-off9603'))
    expect(del.status).toBe(403)
    expect((await get('office-settings:9603', 'os-off9603')).body).toMatchObject({ _rev: rev, scoresCount: 'all' })
  })

  it('refuses a supervisor of another district, another id, and the province db', async () => {
    const other = await put({ ...settings('os-dsup9604'), scoresCount: 'approved' }, 'os-dsup9604')
    expect(other.status).toBeGreaterThanOrEqual(401)
    expect(other.status).toBeLessThanOrEqual(403)
    const wrongId = await put(settings('os-sup96', { _id: 'office-settings:9604' }), 'os-sup96')
    expect(wrongId.status).toBe(403)
    expect(wrongId.body.reason).toBe('_id: expected office-settings:9603, got "office-settings:9604"')
    const inProvince = await put(settings('os-sup96', { _id: 'office-settings:96', district: '96' }), 'os-sup96', 'cdd-96')
    expect(inProvince.status).toBe(403)
    expect(inProvince.body.reason).toMatch(/^type: only province-facts belong in the province database/)
  })

  it('refuses a mode it does not know (the zod schema, on the server)', async () => {
    const res = await put(settings('os-sup96', { _id: 'office-settings:9604', district: '9604', scoresCount: 'some' }), 'os-sup96', 'cdd-9604')
    expect(res.status).toBe(403)
    expect(res.body.reason).toMatch(/^scoresCount: /)
  })
})
