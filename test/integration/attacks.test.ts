/**
 * Every attack of issue 11, replayed over real HTTP against the test CouchDB (the stand-in, or a real
 * CouchDB 3.5 with COUCH_URL): each is refused (403 from validate_doc_update, or the app proxy's own
 * refusal) and nothing on the server changed. The parentless revision (`new_edits: false` with a
 * fresh `_revisions`) is the one that reaches validate_doc_update with oldDoc = null on CouchDB.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchClient } from '../../couch/couch-http'
import { startAppServer, type AppServer } from '../../server/app-server'
import { childId, eventId, householdId } from '../../src/schema/ids'
import { nested } from '../fixtures/docs'
import { basicAuth, getTestCouch, type TestCouch } from '../support/couch'
import { cleanUp, password, setUpProvince } from './sync-helpers'

let couch: TestCouch
let admin: CouchClient
let app: AppServer
let distDir: string

const DB = 'cdd-9601'
const at = '2026-01-01T00:00:00.000Z'
const env = (by: string) => ({ schema: 1, district: '9601', createdBy: by, createdAt: at, updatedBy: by, updatedAt: at, device: 'test' })
const TPMAP_ID = householdId('96010101', '42')
const tpmap = { _id: TPMAP_ID, type: 'household', ...env('sync-sup96'), villageCode: '96010101', houseId: '42', headName: 'นางเป้าหมาย', targetPersons: 3, inTpmap: true }
const VISIT_ID = childId('visit', TPMAP_ID, 'sync-off9601', Date.parse(at))
const visit = { _id: VISIT_ID, type: 'mentor-visit', ...env('sync-off9601'), householdId: TPMAP_ID, on: '2026-01-02' }
const as = (name: string) => basicAuth(name, password(name))

beforeAll(async () => {
  couch = await getTestCouch()
  admin = await setUpProvince(couch)
  // The supervisor's TPMAP household and officer A's visit, written by their owners.
  expect((await couchAs('sync-sup96', 'PUT', `/${DB}/${enc(TPMAP_ID)}`, tpmap)).status).toBe(201)
  expect((await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(VISIT_ID)}`, visit)).status).toBe(201)
  distDir = mkdtempSync(join(tmpdir(), 'cdd-attacks-'))
  mkdirSync(join(distDir, 'assets'))
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>app</title>')
  app = await startAppServer({ distDir, couchUrl: couch.url, port: 0 })
})

afterAll(async () => {
  await app?.close()
  if (admin) await cleanUp(admin)
  await couch?.close()
  if (distDir) rmSync(distDir, { recursive: true, force: true })
})

const enc = encodeURIComponent

async function couchAs(name: string, method: string, path: string, body?: unknown, rawBody?: string) {
  const res = await fetch(`${couch.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...as(name) },
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  })
  const text = await res.text()
  let json: unknown = text
  try {
    json = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: res.status, body: json as Record<string, unknown> & { reason?: string } }
}

/** Every leaf of a doc on the server, with bodies: what "nothing changed" compares. */
async function leaves(id: string): Promise<unknown[]> {
  const res = await admin.request<{ ok?: Record<string, unknown> }[]>('GET', `/${DB}/${enc(id)}?open_revs=all&revs=true`)
  return res.body.map((l) => l.ok).sort((a, b) => String(a?._rev).localeCompare(String(b?._rev)))
}

/** A revision with no parent: `new_edits: false` and a fresh history that outranks the real one. */
async function parentless(name: string, doc: Record<string, unknown>) {
  const hash = 'f'.repeat(32)
  const res = await couchAs(name, 'POST', `/${DB}/_bulk_docs`, { new_edits: false, docs: [{ ...doc, _rev: `99-${hash}`, _revisions: { start: 99, ids: [hash] } }] })
  // _bulk_docs answers 201 with a per-doc error when validate_doc_update refuses.
  expect(res.status).toBe(201)
  const [result] = res.body as unknown as { error?: string; reason?: string }[]
  return result
}

describe('the attacks of issue 11, refused by the server, nothing changed', () => {
  it('a parentless revision overwriting a supervisor’s TPMAP household (as an inTpmap: false household of the officer’s)', async () => {
    const before = await leaves(TPMAP_ID)
    const forged = { ...tpmap, ...env('sync-off9601'), inTpmap: false, headName: 'ถูกแทนที่' }
    const result = await parentless('sync-off9601', forged)
    expect(result).toMatchObject({ error: 'forbidden' })
    // CouchDB hands validate_doc_update oldDoc = null here: the id rule refuses it. The stand-in passes
    // the current winner, so its createdBy rule refuses first.
    if (!couch.embedded) expect(result?.reason).toMatch(/^_id: a household TPMAP missed is recorded as household:96010101:42:sync-off9601/)
    expect(await leaves(TPMAP_ID)).toEqual(before)
  })

  it('a parentless revision overwriting another officer’s visit', async () => {
    const before = await leaves(VISIT_ID)
    // The other officer may not write in 9601 at all; a second officer of the district is the real threat.
    await admin.request('PUT', '/_users/org.couchdb.user:sync-off9601b', { _id: 'org.couchdb.user:sync-off9601b', name: 'sync-off9601b', password: 'pw-b', roles: ['district:9601'], type: 'user' })
    try {
      const asB = basicAuth('sync-off9601b', 'pw-b')
      const forged = { ...visit, ...env('sync-off9601b'), note: 'ไม่ได้ไปจริง' }
      const hash = 'e'.repeat(32)
      const res = await fetch(`${couch.url}/${DB}/_bulk_docs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asB },
        body: JSON.stringify({ new_edits: false, docs: [{ ...forged, _rev: `99-${hash}`, _revisions: { start: 99, ids: [hash] } }] }),
      })
      const [result] = (await res.json()) as { error?: string; reason?: string }[]
      expect(result).toMatchObject({ error: 'forbidden' })
      if (!couch.embedded) expect(result?.reason).toMatch(/^_id: the author in the id \(sync-off9601\) is not createdBy \(sync-off9601b\)/)
      // Keeping createdBy as the victim's does not help: updatedBy must be the writer, createdBy too on a new doc.
      const keep = { ...visit, updatedBy: 'sync-off9601b', note: 'ไม่ได้ไปจริง' }
      const res2 = await fetch(`${couch.url}/${DB}/_bulk_docs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asB },
        body: JSON.stringify({ new_edits: false, docs: [{ ...keep, _rev: `99-${hash}`, _revisions: { start: 99, ids: [hash] } }] }),
      })
      const [result2] = (await res2.json()) as { error?: string; reason?: string }[]
      expect(result2).toMatchObject({ error: 'forbidden' })
      expect(await leaves(VISIT_ID)).toEqual(before)
    } finally {
      const u = await admin.request<{ _rev?: string }>('GET', '/_users/org.couchdb.user:sync-off9601b')
      if (u.body._rev) await admin.request('DELETE', `/_users/org.couchdb.user:sync-off9601b?rev=${u.body._rev}`)
    }
  })

  it('a doc with an unknown field nested 10,000 levels deep', async () => {
    const id = eventId('post', 'sync-off9601', Date.now())
    const doc = { _id: id, type: 'pr-post', ...env('sync-off9601'), on: '2026-01-03', channel: 'line', mission: 'm1', extra: '@@deep@@' }
    const deep = JSON.stringify(doc).replace('"@@deep@@"', '{"a":'.repeat(9_999) + '{"a":1}' + '}'.repeat(9_999))
    expect(nested(3)).toEqual({ a: { a: { a: 1 } } })
    const res = await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(id)}`, undefined, deep)
    // CouchDB refuses in validate_doc_update (403); either way it is not stored.
    expect([400, 403]).toContain(res.status)
    if (res.status === 403) expect(res.body.reason).toMatch(/^extra: nested deeper than 8 levels/)
    expect((await admin.request('GET', `/${DB}/${enc(id)}`)).status).toBe(404)
  })

  it('a text/html attachment, and a 100 MB one', async () => {
    const id = eventId('post', 'sync-off9601', Date.now())
    const doc = { _id: id, type: 'pr-post', ...env('sync-off9601'), on: '2026-01-03', channel: 'line', mission: 'm1' }
    const html = await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(id)}`, { ...doc, _attachments: { 'x.html': { content_type: 'text/html', data: Buffer.from('<script>alert(1)</script>').toString('base64') } } })
    expect(html.status).toBe(403)
    expect(html.body.reason).toMatch(/^_attachments\.x\.html\.content_type: /)
    // 100 MB through the app's proxy: refused before it reaches CouchDB.
    const login = await fetch(`${app.url}/couch/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sync-off9601', password: password('sync-off9601') }) })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    const big = await fetch(`${app.url}/couch/${DB}/${enc(id)}`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) },
      body: Buffer.alloc(100 * 1024 * 1024, 0x20),
      duplex: 'half',
    } as RequestInit).catch((e: unknown) => ({ status: 0, error: e }))
    expect(big.status).toBe(413)
    // A streamed attachment PUT (its length unknown to validate_doc_update) is refused by the proxy
    // and, sent straight to CouchDB, by the write rules.
    const put = await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(id)}`, doc)
    expect(put.status).toBe(201)
    const rev = String(put.body.rev)
    const viaProxy = await fetch(`${app.url}/couch/${DB}/${enc(id)}/p.jpg?rev=${rev}`, { method: 'PUT', headers: { cookie, 'content-type': 'image/jpeg' }, body: 'x' })
    expect(viaProxy.status).toBe(405)
    const direct = await fetch(`${couch.url}/${DB}/${enc(id)}/p.html?rev=${rev}`, { method: 'PUT', headers: { ...as('sync-off9601'), 'content-type': 'text/html' }, body: '<h1>x</h1>' })
    expect(direct.status).toBe(403)
    const stored = await admin.request<Record<string, unknown>>('GET', `/${DB}/${enc(id)}`)
    expect(stored.body._rev).toBe(rev)
    expect(stored.body._attachments).toBeUndefined()
  })

  it('an officer deleting a TPMAP household (DELETE, and a parentless tombstone)', async () => {
    const before = await leaves(TPMAP_ID)
    const current = before.find((l) => !(l as { _deleted?: boolean })._deleted) as { _rev: string }
    const del = await couchAs('sync-off9601', 'DELETE', `/${DB}/${enc(TPMAP_ID)}?rev=${current._rev}`)
    expect(del.status).toBe(403)
    expect(del.body.reason).toMatch(/^_deleted: TPMAP households may only be deleted by supervisors/)
    const tomb = await parentless('sync-off9601', { _id: TPMAP_ID, _deleted: true })
    expect(tomb).toMatchObject({ error: 'forbidden' })
    expect(await leaves(TPMAP_ID)).toEqual(before)
  })

  it('a tombstone with a body', async () => {
    const id = eventId('report', 'sync-off9601', Date.now())
    // w = every copy: on a 3-node cluster the default quorum (2) may answer before the third copy has
    // the doc, and the next write, meeting that copy, was answered 409 instead of the rule's 403. A
    // single node has one copy (w=3 there is answered 202, the quorum never met); the stand-in none.
    const copies = (await admin.request<{ cluster?: { n?: number } }>('GET', `/${DB}`)).body.cluster?.n
    const put = await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(id)}${copies ? `?w=${copies}` : ''}`, { _id: id, type: 'monitoring-report', ...env('sync-off9601'), on: '2026-01-31', mission: 'm1' })
    expect(put.status).toBe(201)
    const res = await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(id)}?rev=${String(put.body.rev)}`, { _deleted: true, payload: 'x'.repeat(1000) })
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('payload: a deleted document carries only _id, _rev and _deleted')
    expect((await admin.request<{ _rev: string }>('GET', `/${DB}/${enc(id)}`)).body._rev).toBe(put.body.rev)
    // The author deleting it plainly is fine.
    expect((await couchAs('sync-off9601', 'DELETE', `/${DB}/${enc(id)}?rev=${String(put.body.rev)}`)).status).toBe(200)
  })

  it('updatedBy naming someone else', async () => {
    const id = eventId('report', 'sync-off9601', Date.now())
    const res = await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(id)}`, { _id: id, type: 'monitoring-report', ...env('sync-off9601'), updatedBy: 'sync-sup96', on: '2026-01-31', mission: 'm1' })
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('updatedBy: expected sync-off9601 (the user writing), got "sync-sup96"')
    expect((await admin.request('GET', `/${DB}/${enc(id)}`)).status).toBe(404)
  })

  it('an id that does not match its type', async () => {
    const res = await couchAs('sync-off9601', 'PUT', `/${DB}/village:96010199`, { _id: 'village:96010199', type: 'monitoring-report', ...env('sync-off9601'), on: '2026-01-31', mission: 'm1' })
    expect(res.status).toBe(403)
    expect(res.body.reason).toMatch(/^_id: expected report:/)
    expect((await admin.request('GET', `/${DB}/village:96010199`)).status).toBe(404)
  })

  it('a javascript: link', async () => {
    const id = eventId('post', 'sync-off9601', Date.now())
    const res = await couchAs('sync-off9601', 'PUT', `/${DB}/${enc(id)}`, { _id: id, type: 'pr-post', ...env('sync-off9601'), on: '2026-01-03', channel: 'facebook', mission: 'm1', link: 'javascript:alert(document.cookie)' })
    expect(res.status).toBe(403)
    expect(res.body.reason).toMatch(/^link: /)
    expect((await admin.request('GET', `/${DB}/${enc(id)}`)).status).toBe(404)
  })

  it('POST /_replicate through the proxy: refused, nothing fetched', async () => {
    const hits: string[] = []
    const target: Server = createServer((req, res) => {
      hits.push(String(req.url))
      res.writeHead(404).end()
    })
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r))
    try {
      const login = await fetch(`${app.url}/couch/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sync-off9601', password: password('sync-off9601') }) })
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
      const res = await fetch(`${app.url}/couch/_replicate`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ source: `http://127.0.0.1:${(target.address() as AddressInfo).port}/x`, target: DB, continuous: true }),
      })
      expect(res.status).toBe(404)
      await new Promise((r) => setTimeout(r, 1000))
      expect(hits).toEqual([])
    } finally {
      await new Promise<void>((r) => target.close(() => r()))
    }
  })
})
