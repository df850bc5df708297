/**
 * Provisioning against a real HTTP server (embedded, or COUCH_URL): idempotence, read scope by
 * `_security`, and write rules by the generated validate_doc_update. A test province 98 keeps these
 * tests clear of any real province's databases on a shared CouchDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import { provision, type ProvisionPlan, type ProvisionReport } from '../../couch/provision'
import type { UserRow } from '../../couch/users-csv'
import { invalidDocs, validDocs } from '../fixtures/docs'
import { basicAuth, getTestCouch, type TestCouch } from '../support/couch'
import { removeDbsAndUsers } from '../support/test-area'

const geography: Geography = {
  province: { code: '98', name: 'จังหวัดทดสอบ' },
  districts: [
    { code: '9801', name: 'อำเภอทดสอบหนึ่ง', subdistricts: [{ code: '980101', name: 'ตำบลหนึ่ง' }] },
    { code: '9802', name: 'อำเภอทดสอบสอง', subdistricts: [{ code: '980201', name: 'ตำบลสอง' }] },
  ],
}
const users: UserRow[] = [
  { name: 'test-off9801', password: 'pw-off-9801', role: 'officer', area: '9801' },
  { name: 'test-off9802', password: 'pw-off-9802', role: 'officer', area: '9802' },
  { name: 'test-sup98', password: 'pw-sup-98', role: 'supervisor', area: '98' },
]
const DBS = ['cdd-98', 'cdd-9801', 'cdd-9802']
const plan: ProvisionPlan = { geography, users }
const as = (name: string) => basicAuth(name, users.find((u) => u.name === name)!.password)

let couch: TestCouch
let admin: CouchClient
let anon: CouchClient

async function cleanUp(): Promise<void> {
  await removeDbsAndUsers(admin, DBS, users)
}

beforeAll(async () => {
  couch = await getTestCouch()
  admin = couchClient(couch.adminUrl)
  anon = couchClient(couch.url)
  await cleanUp()
})

afterAll(async () => {
  if (!admin) return
  await cleanUp()
  await couch.close()
})

const all = (r: ProvisionReport) => [...r.created, ...r.updated, ...r.unchanged].sort()

/** A fixture moved to test province 98 (the rules compare `district` with the db's code). */
function inProvince98(doc: Record<string, unknown>): Record<string, unknown> {
  const moved = { ...doc }
  if (moved.district === '4301') moved.district = '9801'
  if (moved.district === '43') moved.district = '98'
  if (moved.province === '43') moved.province = '98'
  if (String(moved._id).startsWith('facts:43:')) moved._id = String(moved._id).replace('facts:43:', 'facts:98:')
  return moved
}
const dbOf = (doc: Record<string, unknown>) => (doc.type === 'province-facts' ? 'cdd-98' : 'cdd-9801')

const household = inProvince98(validDocs.find((v) => v.name === 'household TPMAP missed (exclusion error)')!.doc)
// Another village than the fixture's, which the fixture-table test writes.
const village = { ...inProvince98(validDocs.find((v) => v.name === 'village')!.doc), _id: 'village:43010199', code: '43010199' }
const officerHousehold = { ...household, _id: 'household:43010101:77:test-off9801', houseId: '77', createdBy: 'test-off9801', updatedBy: 'test-off9801' }

describe('provision', () => {
  it('is idempotent: a second run creates and updates nothing, and no revision moves', async () => {
    const first = await provision(couch.adminUrl, plan)
    expect(first.created).toContain('database cdd-9801')
    expect(first.created.some((c) => c.startsWith('user test-sup98'))).toBe(true)

    const snapshot = async () =>
      Promise.all(DBS.map(async (db) => ({
        security: (await admin.request('GET', `/${db}/_security`)).body,
        ddocRev: (await admin.request<{ _rev: string }>('GET', `/${db}/_design/cdd`)).body._rev,
      })))
    const before = await snapshot()
    const userRevs = async () => Promise.all(users.map(async (u) => (await admin.request<{ _rev: string }>('GET', `/_users/org.couchdb.user:${u.name}`)).body._rev))
    const usersBefore = await userRevs()

    const second = await provision(couch.adminUrl, plan)
    expect(second.created).toEqual([])
    expect(second.updated).toEqual([])
    expect(second.unchanged.sort()).toEqual(all(first))
    expect(await snapshot()).toEqual(before)
    expect(await userRevs()).toEqual(usersBefore)
  })

  it('sets the security objects and roles the design asks for', async () => {
    const district = await admin.request<{ members: { roles: string[] }; admins: { roles: string[] } }>('GET', '/cdd-9801/_security')
    expect(district.body.members.roles.sort()).toEqual(['district:9801', 'province:98'])
    expect(district.body.admins.roles).toEqual([])
    const province = await admin.request<{ members: { roles: string[] } }>('GET', '/cdd-98/_security')
    expect(province.body.members.roles.sort()).toEqual(['district:9801', 'district:9802', 'province:98'])
    const sup = await admin.request<{ roles: string[] }>('GET', '/_users/org.couchdb.user:test-sup98')
    expect(sup.body.roles).toEqual(['province:98', 'supervisor'])
    const off = await admin.request<{ roles: string[] }>('GET', '/_users/org.couchdb.user:test-off9801')
    expect(off.body.roles).toEqual(['district:9801'])
  })

  it('writes the province’s district list for the app (config:districts), readable by officers', async () => {
    const doc = await anon.request<{ districts: { code: string; name: string }[] }>('GET', '/cdd-98/config:districts', undefined, as('test-off9801'))
    expect(doc.status).toBe(200)
    expect(doc.body.districts.map((d) => d.code)).toEqual(['9801', '9802'])
    const write = await anon.request('PUT', '/cdd-98/config:districts', { districts: [] }, as('test-sup98'))
    expect([401, 403, 409]).toContain(write.status)
  })

  it('updates roles of existing users, and passwords only when asked', async () => {
    const moved = users.map((u) => (u.name === 'test-off9802' ? { ...u, area: '9801', password: 'new-password' } : u))
    const report = await provision(couch.adminUrl, { geography, users: moved })
    expect(report.updated).toEqual(['user test-off9802 (district:9801)'])
    // Old password still works: it was not asked to change.
    const session = await anon.request<{ userCtx: { roles: string[] } }>('GET', '/_session', undefined, as('test-off9802'))
    expect(session.body.userCtx.roles).toEqual(['district:9801'])

    const withPasswords = await provision(couch.adminUrl, { geography, users: moved, updatePasswords: true })
    expect(withPasswords.updated).toHaveLength(users.length)
    const login = await anon.request('POST', '/_session', { name: 'test-off9802', password: 'new-password' })
    expect(login.status).toBe(200)

    // Back to the plan, so later tests see the original users.
    await provision(couch.adminUrl, { ...plan, updatePasswords: true })
    const back = await anon.request<{ userCtx: { roles: string[] } }>('GET', '/_session', undefined, as('test-off9802'))
    expect(back.body.userCtx.roles).toEqual(['district:9802'])
  })

  it('refuses users whose area is outside the province, before changing anything', async () => {
    const stray: UserRow = { name: 'test-stray', password: 'secret-x', role: 'officer', area: '4301' }
    await expect(provision(couch.adminUrl, { geography, users: [...users, stray] })).rejects.toThrow(/test-stray: area 4301/)
    expect((await admin.request('GET', '/_users/org.couchdb.user:test-stray')).status).toBe(404)
  })
})

describe('read scope (_security)', () => {
  it('keeps district A’s officer out of district B’s database', async () => {
    expect((await anon.request('GET', '/cdd-9801', undefined, as('test-off9801'))).status).toBe(200)
    const read = await anon.request('GET', '/cdd-9802/_all_docs', undefined, as('test-off9801'))
    expect([401, 403]).toContain(read.status)
    const changes = await anon.request('GET', '/cdd-9802/_changes', undefined, as('test-off9801'))
    expect([401, 403]).toContain(changes.status)
    const write = await anon.request('PUT', '/cdd-9802/household:98020101:1', { ...officerHousehold, district: '9802' }, as('test-off9801'))
    expect([401, 403]).toContain(write.status)
  })

  it('lets officers read the province database and the supervisor read every district', async () => {
    expect((await anon.request('GET', '/cdd-98/_all_docs', undefined, as('test-off9802'))).status).toBe(200)
    for (const db of DBS) expect((await anon.request('GET', `/${db}/_all_docs`, undefined, as('test-sup98'))).status).toBe(200)
  })

  it('keeps strangers out', async () => {
    expect([401, 403]).toContain((await anon.request('GET', '/cdd-9801/_all_docs')).status)
  })
})

/** JSON text of a doc, including the fixtures nested deeper than JSON.stringify recurses. */
function jsonOf(doc: Record<string, unknown>): string {
  let depth = 0
  for (let v = doc.extra as Record<string, unknown> | undefined; v && typeof v === 'object'; v = v.a as Record<string, unknown>) depth += 1
  if (depth < 1000) return JSON.stringify(doc)
  const text = JSON.stringify({ ...doc, extra: '@@deep@@' })
  return text.replace('"@@deep@@"', '{"a":'.repeat(depth - 1) + '{"a":1}' + '}'.repeat(depth - 1))
}

async function bulkText(docJson: string, db: string): Promise<{ id: string; ok?: boolean; error?: string; reason?: string }[]> {
  const u = new URL(couch.adminUrl)
  const res = await fetch(`${couch.url}/${db}/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...basicAuth(decodeURIComponent(u.username), decodeURIComponent(u.password)) },
    body: `{"docs":[${docJson}]}`,
  })
  const body = await res.text()
  expect(res.status, body).toBe(201)
  return JSON.parse(body)
}

describe('write rules (validate_doc_update on the server)', () => {
  it('accepts an officer’s own household and refuses a district mismatch', async () => {
    const ok = await anon.request('PUT', `/cdd-9801/${encodeURIComponent(officerHousehold._id as string)}`, officerHousehold, as('test-off9801'))
    expect(ok.status).toBe(201)
    const wrong = { ...officerHousehold, _id: 'household:43010101:78:test-off9801', houseId: '78', district: '9802' }
    const res = await anon.request<{ error: string; reason: string }>('PUT', `/cdd-9801/${encodeURIComponent(wrong._id)}`, wrong, as('test-off9801'))
    expect(res.status).toBe(403)
    expect(res.body).toEqual({ error: 'forbidden', reason: 'district: expected 9801, got 9802' })
  })

  it('refuses a changed createdBy and an unknown type', async () => {
    const path = `/cdd-9801/${encodeURIComponent(officerHousehold._id as string)}`
    const current = await anon.request<{ _rev: string }>('GET', path, undefined, as('test-sup98'))
    const changed = await anon.request<{ reason: string }>('PUT', path, { ...officerHousehold, _rev: current.body._rev, createdBy: 'test-sup98' }, as('test-sup98'))
    expect(changed.status).toBe(403)
    expect(changed.body.reason).toMatch(/^createdBy: may not change/)
    const unknown = await anon.request<{ reason: string }>('PUT', '/cdd-9801/recipe:1', { ...officerHousehold, _id: 'recipe:1', type: 'recipe' }, as('test-off9801'))
    expect(unknown.status).toBe(403)
    expect(unknown.body.reason).toBe('type: unknown document type "recipe"')
  })

  it('refuses reference docs from officers and takes them from supervisors', async () => {
    const byOfficer = { ...village, createdBy: 'test-off9801', updatedBy: 'test-off9801' }
    const refused = await anon.request<{ reason: string }>('PUT', `/cdd-9801/${encodeURIComponent(village._id as string)}`, byOfficer, as('test-off9801'))
    expect(refused.status).toBe(403)
    expect(refused.body.reason).toMatch(/^type: village documents may only be written by supervisors/)
    const bySupervisor = { ...village, createdBy: 'test-sup98', updatedBy: 'test-sup98' }
    const ok = await anon.request('PUT', `/cdd-9801/${encodeURIComponent(village._id as string)}`, bySupervisor, as('test-sup98'))
    expect(ok.status).toBe(201)
  })

  it('refuses design docs from non-admins', async () => {
    const res = await anon.request('PUT', '/cdd-9801/_design/evil', { validate_doc_update: 'function(){}' }, as('test-sup98'))
    expect([401, 403]).toContain(res.status)
  })

  it('agrees with the fixture table over HTTP: valid accepted, invalid refused naming the field', async () => {
    const bulk = async (docs: Record<string, unknown>[], db: string) =>
    {
      const res = await admin.request<{ id: string; ok?: boolean; error?: string; reason?: string }[]>('POST', `/${db}/_bulk_docs`, { docs })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body
    }
    for (const { name, doc } of validDocs) {
      // Ids are checked against the doc's fields, so a fixture keeps its id (no other test writes these).
      const moved = inProvince98(doc)
      const [result] = await bulk([moved], dbOf(moved))
      expect(result?.ok, `${name}: ${JSON.stringify(result)}`).toBe(true)
    }
    for (const { name, doc, field } of invalidDocs) {
      const moved = { ...inProvince98(doc), _id: `${String(doc._id)}:invalid` }
      const [result] = await bulkText(jsonOf(moved), dbOf(moved))
      expect(result?.error, name).toBe('forbidden')
      expect(result?.reason?.startsWith(`${field}: `), `${name}: ${result?.reason}`).toBe(true)
    }
  })
})

describe('session settings (every node)', () => {
  it('sign-ins last the office’s lifetime (7 days by default), survive closing the browser, SameSite=Strict', async () => {
    await provision(couch.adminUrl, plan)
    const login = await anon.request('POST', '/_session', { name: 'test-off9801', password: users.find((u) => u.name === 'test-off9801')!.password })
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie') ?? ''
    // Persistent: a Max-Age/Expires, so the cookie outlives a browser restart.
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1])
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)?.[1] ?? '')
    const lifetime = Number.isFinite(maxAge) ? maxAge : Math.round((expires - Date.now()) / 1000)
    expect(lifetime, cookie).toBeGreaterThan(7 * 24 * 3600 - 120)
    expect(lifetime, cookie).toBeLessThanOrEqual(7 * 24 * 3600)
    expect(cookie).toMatch(/SameSite=Strict/i)
    // An office's own choice, applied again on every node.
    const shorter = await provision(couch.adminUrl, { ...plan, sessionSeconds: 3 * 24 * 3600 })
    expect(shorter.updated.some((u) => /\[chttpd_auth\] timeout = 259200/.test(u))).toBe(true)
    const again = await anon.request('POST', '/_session', { name: 'test-off9801', password: users.find((u) => u.name === 'test-off9801')!.password })
    expect(again.headers.get('set-cookie') ?? '').toMatch(/Max-Age=259200|Expires=/i)
    const nodes = await couch.nodes()
    if (!couch.embedded) {
      for (const node of nodes) {
        const t = await admin.request('GET', `/_node/${encodeURIComponent(node)}/_config/chttpd_auth/timeout`)
        expect(t.body, node).toBe('259200')
      }
    }
    await provision(couch.adminUrl, plan)
  })
})
