/**
 * The app server: the built app with the right caching, and `/couch/*` proxied to CouchDB so the
 * browser logs in with a same-origin cookie.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import { provision } from '../../couch/provision'
import type { UserRow } from '../../couch/users-csv'
import { startAppServer, type AppServer } from '../../server/app-server'
import { basicAuth, getTestCouch, type TestCouch } from '../support/couch'

const officer: UserRow = { name: 'test-off9701', password: 'pw-off-9701', role: 'officer', area: '9701' }
const geography = {
  province: { code: '97', name: 'จังหวัดทดสอบพร็อกซี' },
  districts: [{ code: '9701', name: 'อำเภอทดสอบ', subdistricts: [{ code: '970101', name: 'ตำบลทดสอบ' }] }],
}

let couch: TestCouch
let admin: CouchClient
let app: AppServer
let distDir: string

beforeAll(async () => {
  couch = await getTestCouch()
  admin = couchClient(couch.adminUrl)
  await provision(couch.adminUrl, { geography, users: [officer], updatePasswords: true })
  distDir = mkdtempSync(join(tmpdir(), 'cdd-dist-'))
  mkdirSync(join(distDir, 'assets'))
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>app</title><h1>งานวันนี้</h1>')
  writeFileSync(join(distDir, 'sw.js'), 'self.addEventListener("install", () => {})')
  writeFileSync(join(distDir, 'assets', 'index-abc123.js'), 'console.log(1)')
  // The admin URL on purpose: the proxy must drop its credentials.
  app = await startAppServer({ distDir, couchUrl: couch.adminUrl, port: 0 })
})

afterAll(async () => {
  await app?.close()
  if (admin) {
    for (const db of ['cdd-97', 'cdd-9701']) await admin.request('DELETE', `/${db}`)
    const user = await admin.request<{ _rev?: string }>('GET', `/_users/org.couchdb.user:${officer.name}`)
    if (user.body?._rev) await admin.request('DELETE', `/_users/org.couchdb.user:${officer.name}?rev=${user.body._rev}`)
  }
  await couch?.close()
  if (distDir) rmSync(distDir, { recursive: true, force: true })
})

async function login(): Promise<string> {
  const res = await fetch(`${app.url}/couch/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: officer.name, password: officer.password }),
  })
  expect(res.status).toBe(200)
  const setCookie = res.headers.get('set-cookie') ?? ''
  expect(setCookie).toMatch(/AuthSession=/)
  expect(setCookie).toMatch(/Path=\/couch\//i)
  return setCookie.split(';')[0] ?? ''
}

describe('/couch/ proxy', () => {
  it('logs in through /couch/_session and reads the district db with the cookie', async () => {
    const cookie = await login()
    const session = await (await fetch(`${app.url}/couch/_session`, { headers: { cookie } })).json()
    expect(session.userCtx.name).toBe(officer.name)
    const db = await fetch(`${app.url}/couch/cdd-9701`, { headers: { cookie } })
    expect(db.status).toBe(200)
    expect((await db.json()).db_name).toBe('cdd-9701')
  })

  it('never passes the configured admin credentials on: no cookie, no access', async () => {
    const res = await fetch(`${app.url}/couch/cdd-9701`)
    expect([401, 403]).toContain(res.status)
    const session = await (await fetch(`${app.url}/couch/_session`)).json()
    expect(session.userCtx.name).toBeNull()
  })

  it('streams a longpoll _changes feed: a write elsewhere ends the poll', async () => {
    const cookie = await login()
    const poll = fetch(`${app.url}/couch/cdd-9701/_changes?feed=longpoll&since=now&timeout=20000`, { headers: { cookie } })
    await new Promise((r) => setTimeout(r, 300))
    const doc = {
      _id: `household:97010101:1:${officer.name}`, type: 'household', schema: 1, district: '9701', createdBy: officer.name,
      createdAt: '2022-01-05T03:00:00.000Z', updatedBy: officer.name, updatedAt: '2022-01-05T03:00:00.000Z',
      device: 'test', villageCode: '97010101', houseId: '1', headName: 'นายทดสอบ', targetPersons: 1, inTpmap: false,
    }
    const put = await fetch(`${app.url}/couch/cdd-9701/${encodeURIComponent(doc._id)}`, {
      method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(doc),
    })
    expect(put.status).toBe(201)
    const changes = await (await poll).json()
    expect(changes.results.map((r: { id: string }) => r.id)).toContain(doc._id)
  })

  it('answers 502 JSON when CouchDB is down', async () => {
    const down = await startAppServer({ distDir, couchUrl: 'http://127.0.0.1:9/', port: 0 })
    try {
      const res = await fetch(`${down.url}/couch/_session`)
      expect(res.status).toBe(502)
      expect(await res.json()).toMatchObject({ error: 'bad_gateway' })
    } finally {
      await down.close()
    }
  })
})

describe('static app', () => {
  it('serves sw.js uncached, hashed assets for a year, and index.html for SPA routes', async () => {
    const sw = await fetch(`${app.url}/sw.js`)
    expect(sw.status).toBe(200)
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    const asset = await fetch(`${app.url}/assets/index-abc123.js`)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const root = await fetch(`${app.url}/`)
    expect(root.headers.get('cache-control')).toBe('no-cache')
    const route = await fetch(`${app.url}/village/43010101`)
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('งานวันนี้')
    expect(route.headers.get('cache-control')).toBe('no-cache')
    expect((await fetch(`${app.url}/assets/missing-123.js`)).status).toBe(404)
  })
})

describe('/couch/ admits only what the app uses', () => {
  /** A server that records every request reaching it: the target of a forged server-side fetch. */
  async function listener(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
    const hits: string[] = []
    const server: Server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`)
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise((r) => server.close(() => r())) }
  }

  it('POST /_replicate through the proxy is refused and CouchDB fetches nothing', async () => {
    const cookie = await login()
    const target = await listener()
    try {
      const body = JSON.stringify({ source: `${target.url}/probe`, target: 'cdd-9701', continuous: true, headers: { 'x-probe': '1' } })
      const res = await fetch(`${app.url}/couch/_replicate`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body })
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ error: 'not_found' })
      // Encoded, or climbing out of an admitted path: refused too.
      expect((await fetch(`${app.url}/couch/%5Freplicate`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body })).status).toBe(404)
      expect(await rawStatus('POST', '/couch/cdd-9701/..%2F_replicate', { cookie, 'content-type': 'application/json' }, body)).toBe(400)
      expect(await rawStatus('POST', '/couch/cdd-9701/../_replicate', { cookie, 'content-type': 'application/json' }, body)).toBe(400)
      await new Promise((r) => setTimeout(r, 1500))
      expect(target.hits).toEqual([])
      const jobs = await admin.request<{ jobs?: unknown[] }>('GET', '/_scheduler/jobs')
      if (!couch.embedded) expect(jobs.body.jobs ?? []).toEqual([])
    } finally {
      await target.close()
    }
  })

  it.runIf(!!process.env.COUCH_URL)('real CouchDB, asked directly, fetches for an officer: the hole the proxy closes', async () => {
    const target = await listener()
    try {
      const res = await fetch(`${couch.url}/_replicate`, {
        method: 'POST',
        headers: { ...basicAuth(officer.name, officer.password), 'content-type': 'application/json' },
        body: JSON.stringify({ source: `${target.url}/probe`, target: 'cdd-9701' }),
      })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(target.hits.length).toBeGreaterThan(0)
    } finally {
      await target.close()
    }
  })

  it('server-wide and admin endpoints: 404 (or 405 for other methods), even with a valid cookie', async () => {
    const cookie = await login()
    const refused: [string, string][] = [
      ['GET', '/'], ['GET', '/_all_dbs'], ['GET', '/_users/_all_docs'], ['GET', `/_users/org.couchdb.user:${officer.name}`],
      ['GET', '/_replicator/_all_docs'], ['GET', '/_node/_local/_config'], ['GET', '/_config'], ['GET', '/_utils/'],
      ['GET', '/_scheduler/jobs'], ['GET', '/_membership'], ['GET', '/_active_tasks'], ['GET', '/_up'], ['GET', '/_uuids'],
      ['GET', '/cdd-9701/_security'], ['PUT', '/cdd-9701/_security'], ['POST', '/cdd-9701/_find'], ['POST', '/cdd-9701/_purge'],
      ['GET', '/cdd-9701/_design/cdd/_view/x'], ['GET', '/cdd-9701/_design/cdd/_show/x'], ['POST', '/cdd-9701/_compact'],
      ['GET', '/other-db'], ['GET', '/other-db/doc'], ['GET', '/_session/x'],
    ]
    for (const [method, path] of refused) {
      const res = await fetch(`${app.url}/couch${path}`, { method, headers: { cookie } })
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    const wrongMethod: [string, string][] = [
      ['DELETE', '/cdd-9701'], ['PUT', '/cdd-9701'], ['POST', '/cdd-9701'], ['DELETE', '/cdd-9701/household:97010101:1'],
      ['PUT', '/cdd-9701/_design/cdd'], ['DELETE', '/cdd-9701/_local/x'], ['GET', '/cdd-9701/_bulk_docs'], ['PUT', '/_session'],
    ]
    for (const [method, path] of wrongMethod) {
      const res = await fetch(`${app.url}/couch${path}`, { method, headers: { cookie } })
      expect(res.status, `${method} ${path}`).toBe(405)
    }
  })

  it('unusual methods (COPY, OPTIONS, PATCH) are refused before CouchDB', async () => {
    const cookie = await login()
    for (const method of ['COPY', 'OPTIONS', 'PATCH', 'PROPFIND']) {
      expect(await rawStatus(method, '/couch/cdd-9701/household:97010101:1', { cookie, destination: 'household:97010101:copy' }), method).toBe(405)
    }
    expect((await admin.request('GET', '/cdd-9701/household:97010101:copy')).status).toBe(404)
  })

  it('admits what replication uses', async () => {
    const cookie = await login()
    const json = { cookie, 'content-type': 'application/json' }
    const ok: [string, string, unknown?][] = [
      ['GET', '/cdd-9701'], ['GET', '/cdd-9701/'], ['HEAD', '/cdd-9701'], ['GET', '/cdd-9701/_changes?since=0&limit=1'],
      ['POST', '/cdd-9701/_changes?filter=_doc_ids', { doc_ids: ['x'] }], ['POST', '/cdd-9701/_revs_diff', { x: ['1-a'] }],
      ['POST', '/cdd-9701/_bulk_get', { docs: [{ id: 'x' }] }], ['GET', '/cdd-9701/_all_docs?limit=1'],
      ['POST', '/cdd-9701/_all_docs', { keys: ['x'] }], ['POST', '/cdd-9701/_bulk_docs', { docs: [] }],
      ['PUT', '/cdd-9701/_local/checkpoint-test', { session: 's' }], ['GET', '/cdd-9701/_local/checkpoint-test'],
      ['GET', '/cdd-9701/_design/cdd'], ['GET', '/cdd-97/config:districts'],
    ]
    for (const [method, path, body] of ok) {
      const res = await fetch(`${app.url}/couch${path}`, { method, headers: json, body: body === undefined ? undefined : JSON.stringify(body) })
      expect(res.status, `${method} ${path}`).toBeLessThan(300)
    }
  })

  it("drops a browser's Authorization header: the admin password does not work through the proxy", async () => {
    const u = new URL(couch.adminUrl)
    const auth = basicAuth(decodeURIComponent(u.username), decodeURIComponent(u.password))
    const session = await (await fetch(`${app.url}/couch/_session`, { headers: auth })).json()
    expect(session.userCtx).toMatchObject({ name: null, roles: [] })
    expect([401, 403]).toContain((await fetch(`${app.url}/couch/cdd-9701`, { headers: auth })).status)
    expect([401, 403]).toContain((await fetch(`${app.url}/couch/cdd-9701`, { headers: basicAuth(officer.name, officer.password) })).status)
  })

  it('refuses bodies over 8 MB (413) and bodies without a length (411); nothing is stored', async () => {
    const cookie = await login()
    const big = JSON.stringify({ _id: 'big', blob: 'z'.repeat(8 * 1024 * 1024 + 10) })
    const res = await fetch(`${app.url}/couch/cdd-9701/big`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: big })
    expect(res.status).toBe(413)
    expect(await rawStatus('PUT', '/couch/cdd-9701/chunked', { cookie, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, '{"_id":"chunked"}')).toBe(411)
    expect((await admin.request('GET', '/cdd-9701/big')).status).toBe(404)
    expect((await admin.request('GET', '/cdd-9701/chunked')).status).toBe(404)
  })

  it('security headers on the app; Content-Security-Policy: sandbox on attachments', async () => {
    for (const path of ['/', '/village/43010101', '/sw.js', '/assets/index-abc123.js']) {
      const res = await fetch(`${app.url}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).toContain("object-src 'none'")
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
    // Attachments travel inline (base64 in the doc, as PouchDB replication sends them), where
    // validate_doc_update sees their type and length.
    const at = '2022-01-05T03:00:00.000Z'
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const doc = await admin.request<{ rev: string }>('PUT', '/cdd-9701/household:97010101:att', {
      type: 'household', schema: 1, district: '9701', createdBy: 'admin', createdAt: at, updatedBy: 'admin', updatedAt: at,
      device: 'test', villageCode: '97010101', houseId: 'att', headName: 'นายภาพ', targetPersons: 1, inTpmap: true,
      _attachments: { 'photo.png': { content_type: 'image/png', data: png.toString('base64') } },
    })
    expect(doc.status, JSON.stringify(doc.body)).toBe(201)
    const cookie = await login()
    const att = await fetch(`${app.url}/couch/cdd-9701/household:97010101:att/photo.png`, { headers: { cookie } })
    expect(att.status).toBe(200)
    expect(att.headers.get('content-security-policy')).toBe('sandbox')
    expect(att.headers.get('x-content-type-options')).toBe('nosniff')
    // A doc (not an attachment) keeps the app's policy.
    const plain = await fetch(`${app.url}/couch/cdd-9701/household:97010101:att`, { headers: { cookie } })
    expect(plain.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })
})

/** A request whose path and method go out byte for byte (fetch normalises both). */
function rawStatus(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  const base = new URL(app.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, method, path, headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}
