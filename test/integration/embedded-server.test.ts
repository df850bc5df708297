/**
 * Requests that crash, hang or wedge express-pouchdb 4.2 when nothing stops them. Each must get a JSON
 * error, and the server must keep answering afterwards. Against a real CouchDB (COUCH_URL) the same
 * requests run with CouchDB's own answers; only the stand-in's own rules are asserted embedded-only.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import { basicAuth, getTestCouch, type TestCouch } from '../support/couch'

let couch: TestCouch
let admin: CouchClient
let anon: CouchClient
const suffix = randomBytes(4).toString('hex')
const DB = `cdd-guard-${suffix}`
const USER = { name: `guard-${suffix}`, password: 'guard-pw' }
const asUser = basicAuth(USER.name, USER.password)

beforeAll(async () => {
  couch = await getTestCouch()
  admin = couchClient(couch.adminUrl)
  anon = couchClient(couch.url)
  expect((await admin.request('PUT', `/${DB}`)).status).toBe(201)
  await admin.request('PUT', `/${DB}/_security`, { admins: { names: [], roles: [] }, members: { names: [], roles: ['guard-role'] } })
  await admin.request('PUT', `/${DB}/seed`, { type: 'seed' })
  await admin.request('PUT', `/_users/org.couchdb.user:${USER.name}`, {
    _id: `org.couchdb.user:${USER.name}`, name: USER.name, password: USER.password, roles: ['guard-role'], type: 'user',
  })
})

afterAll(async () => {
  if (!admin) return
  await admin.request('DELETE', `/${DB}`)
  const user = await admin.request<{ _rev?: string }>('GET', `/_users/org.couchdb.user:${USER.name}`)
  if (user.body._rev) await admin.request('DELETE', `/_users/org.couchdb.user:${USER.name}?rev=${user.body._rev}`)
  await couch.close()
})

/** The server still answers, and the database the hazards aimed at still works. */
async function expectAlive(): Promise<void> {
  const root = await anon.request('GET', '/')
  expect(root.status).toBe(200)
  const seed = await admin.request('GET', `/${DB}/seed`)
  expect(seed.status).toBe(200)
  const created = await admin.request('PUT', `/${DB}/alive-${randomBytes(3).toString('hex')}`, { type: 'probe' })
  expect(created.status).toBe(201)
}

function expectCouchError(res: { status: number; body: unknown }, status?: number): void {
  if (status !== undefined) expect(res.status).toBe(status)
  else expect(res.status).toBeGreaterThanOrEqual(400)
  expect(res.body).toMatchObject({ error: expect.any(String), reason: expect.any(String) })
}

describe('requests that would crash or wedge the embedded server', () => {
  it('anonymous PUT of a database: 401, not a hang', async () => {
    expectCouchError(await anon.request('PUT', `/cdd-anon-${suffix}`), 401)
    await expectAlive()
  })

  it('anonymous DELETE of a database: 401, and the database is not wedged', async () => {
    expectCouchError(await anon.request('DELETE', `/${DB}`), 401)
    await expectAlive()
  })

  it('PUT and DELETE of a database by a non-admin user: refused', async () => {
    expectCouchError(await anon.request('PUT', `/cdd-user-${suffix}`, undefined, asUser))
    expectCouchError(await anon.request('DELETE', `/${DB}`, undefined, asUser))
    await expectAlive()
  })

  it('_changes?filter=_selector and other filters: an answer, not an unhandled rejection', async () => {
    const get = await admin.request('GET', `/${DB}/_changes?filter=_selector`)
    const post = await admin.request('POST', `/${DB}/_changes?filter=_selector`, { selector: { type: 'seed' } })
    const view = await admin.request('GET', `/${DB}/_changes?filter=_view&view=nope/nope`)
    const ddoc = await admin.request('GET', `/${DB}/_changes?filter=nope/nope`)
    if (couch.embedded) {
      for (const res of [get, post, view, ddoc]) expectCouchError(res, 400)
    } else {
      for (const res of [get, post, view, ddoc]) expect(res.status).toBeLessThan(500)
    }
    const docIds = await admin.request('POST', `/${DB}/_changes?filter=_doc_ids`, { doc_ids: ['seed'] })
    expect(docIds.status).toBe(200)
    await expectAlive()
  })

  it('bad _bulk_docs bodies: 400 JSON, not an HTML 500', async () => {
    expectCouchError(await admin.request('POST', `/${DB}/_bulk_docs`, { docs: 5 }), 400)
    expectCouchError(await admin.request('POST', `/${DB}/_bulk_docs`, { docs: [1, 'x', null] }), 400)
    expectCouchError(await admin.request('POST', `/${DB}/_bulk_docs`, [1, 2]), 400)
    const broken = await fetch(`${admin.base}/${DB}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...adminAuth() },
      body: '{"docs":',
    })
    expect(broken.status).toBe(400)
    await expectAlive()
  })

  it('a doc body over 8 MB: 413', async () => {
    const res = await admin.request('PUT', `/${DB}/big`, { blob: 'z'.repeat(9_000_000) })
    expect(res.status).toBe(413)
    await expectAlive()
  })

  it('huge ids: a 1 MB id in _bulk_docs is handled; a 100 KB id in the URL is refused', async () => {
    const bulk = await admin.request('POST', `/${DB}/_bulk_docs`, { docs: [{ _id: 'y'.repeat(1_000_000) }] })
    expect(bulk.status).toBeLessThan(500)
    const url = await admin.request('PUT', `/${DB}/${'x'.repeat(100_000)}`, {})
    expect(url.status).toBeGreaterThanOrEqual(400)
    await expectAlive()
  })

  it('illegal and path-climbing database names: 400', async () => {
    expectCouchError(await admin.request('PUT', '/BadName'), 400)
    // fetch() would normalise `/%2e%2e` to `/`; a raw request sends it as is.
    expect(await rawStatus('PUT', '/%2e%2e')).toBe(400)
    expect(await rawStatus('PUT', '/%2e%2e%2f%2e%2e%2fescape')).toBe(400)
    // An encoded slash is part of the name: the stand-in refuses the name (400), CouchDB looks it up
    // and finds no such database (404). Neither climbs out.
    expectCouchError(await admin.request('GET', '/..%2f..%2fetc'), couch.embedded ? 400 : 404)
    expectCouchError(await admin.request('GET', '/%E0%A4%A'), 400)
    await expectAlive()
  })

  it('unknown databases: 404', async () => {
    expectCouchError(await anon.request('GET', `/nosuch-${suffix}`), 404)
    expectCouchError(await anon.request('GET', `/nosuch-${suffix}/doc`), 404)
    await expectAlive()
  })

  it('_all_dbs is for server admins only', async () => {
    expectCouchError(await anon.request('GET', '/_all_dbs'), 401)
    expectCouchError(await anon.request('GET', '/_all_dbs', undefined, asUser))
    const listed = await admin.request<string[]>('GET', '/_all_dbs')
    expect(listed.status).toBe(200)
    expect(listed.body).toContain(DB)
  })

  it('_users: no listing or reading others for non-admins', async () => {
    expectCouchError(await anon.request('GET', '/_users/_all_docs'), 401)
    // CouchDB 3: "You are not a server admin." (401); the stand-in: 403.
    expectCouchError(await anon.request('GET', '/_users/_all_docs', undefined, asUser), couch.embedded ? 403 : 401)
    expectCouchError(await anon.request('GET', '/_users/org.couchdb.user:admin', undefined, asUser), 403)
    const own = await anon.request('GET', `/_users/org.couchdb.user:${USER.name}`, undefined, asUser)
    // CouchDB 3's _users is admin-only even for a user's own doc (403); the stand-in lets a user read
    // their own. The app reads neither: its user comes from GET /_session.
    if (couch.embedded) expect(own.status).toBe(200)
    else expectCouchError(own, 403)
    await expectAlive()
  })

  it.runIf(!process.env.COUCH_URL)('embedded: anonymous sign-up in _users is refused', async () => {
    const res = await anon.request('PUT', `/_users/org.couchdb.user:intruder-${suffix}`, {
      name: `intruder-${suffix}`, password: 'x', roles: [], type: 'user',
    })
    expectCouchError(res, 401)
  })

  it('_temp_view (runs caller code on the server): 410 gone', async () => {
    expectCouchError(await admin.request('POST', `/${DB}/_temp_view`, { map: 'function(d){emit(1)}' }), 410)
    await expectAlive()
  })

  it('_list on a missing design doc: an error, not a rejection', async () => {
    expectCouchError(await admin.request('GET', `/${DB}/_design/nope/_list/a/b`))
    await expectAlive()
  })

  it('_replicate: the stand-in refuses non-admins; CouchDB runs it for any user (the proxy must refuse it)', async () => {
    const res = await anon.request<{ reason?: string }>('POST', '/_replicate', { source: 'http://127.0.0.1:1/x', target: 'y' }, asUser)
    if (couch.embedded) {
      expect([401, 403]).toContain(res.status)
    } else {
      // Real CouchDB 3.5 tried to fetch the source for an ordinary user: server-side request forgery.
      // app-server.test.ts proves the app's proxy refuses this request before it reaches CouchDB.
      expect(res.status).toBe(500)
      expect(String(res.body.reason)).toMatch(/http_request_failed|conn_failed|econnrefused/)
    }
    await expectAlive()
  })

  it('a replicated edit (new_edits: false) is kept when the db has a validate_doc_update', async () => {
    // pouchdb-validation overwrote the incoming `_revisions` with the stored doc's: the write was a
    // no-op answered with 201, and every offline edit replicated to the server was lost.
    await admin.request('PUT', `/${DB}/_design/accept-all`, { validate_doc_update: 'function (newDoc, oldDoc, userCtx) {}' })
    const write = (rev: string, ids: string[], n: number) =>
      admin.request('POST', `/${DB}/_bulk_docs`, { new_edits: false, docs: [{ _id: 'replicated', n, _rev: rev, _revisions: { start: ids.length, ids } }] })
    expect((await write('1-aaa', ['aaa'], 1)).status).toBe(201)
    expect((await write('2-bbb', ['bbb', 'aaa'], 2)).status).toBe(201)
    const doc = await admin.request<{ _rev: string; n: number }>('GET', `/${DB}/replicated`)
    expect(doc.body).toMatchObject({ _rev: '2-bbb', n: 2 })
  })

  it('members read; strangers get 401', async () => {
    expectCouchError(await anon.request('GET', `/${DB}/seed`), 401)
    expect((await anon.request('GET', `/${DB}/seed`, undefined, asUser)).status).toBe(200)
  })
})

describe('a stray unhandled rejection (embedded)', () => {
  it.runIf(!process.env.COUCH_URL)('is logged and the server process keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdd-stray-'))
    const serverModule = fileURLToPath(new URL('../../couch/embedded-server.ts', import.meta.url))
    const script = join(dir, 'stray.mts')
    writeFileSync(script, [
      `import { startEmbeddedCouch } from ${JSON.stringify(serverModule)}`,
      `const couch = await startEmbeddedCouch({ dataDir: ${JSON.stringify(join(dir, 'data'))}, admin: { name: 'a', password: 'b' } })`,
      `Promise.reject(new Error('stray rejection from a library'))`,
      `await new Promise((r) => setTimeout(r, 200))`,
      `const res = await fetch(couch.url + '/')`,
      `console.log('alive', res.status)`,
      `await couch.close()`,
    ].join('\n'))
    const cwd = fileURLToPath(new URL('../..', import.meta.url))
    try {
      const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', script], { cwd, timeout: 30_000 }, (err, stdout, stderr) =>
          err ? reject(Object.assign(err, { stdout, stderr })) : resolve({ stdout, stderr }))
      })
      expect(stdout).toContain('alive 200')
      expect(stderr).toContain('[embedded-couch] unhandled rejection (ignored): Error: stray rejection from a library')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('sessions survive a restart (embedded: the cookie secret is persisted)', () => {
  it.runIf(!process.env.COUCH_URL)('a _session cookie still works after restart on the same data folder', async () => {
    const login = await anon.request('POST', '/_session', USER)
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect(cookie).toMatch(/^AuthSession=/)
    expect((await anon.request('GET', `/${DB}/seed`, undefined, { cookie })).status).toBe(200)

    const adminLogin = await anon.request('POST', '/_session', { name: 'admin', password: 'test-admin-pw' })
    const adminCookie = (adminLogin.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

    await couch.restart?.()

    const session = await anon.request<{ userCtx: { name: string | null } }>('GET', '/_session', undefined, { cookie })
    expect(session.body.userCtx.name).toBe(USER.name)
    expect((await anon.request('GET', `/${DB}/seed`, undefined, { cookie })).status).toBe(200)
    const adminSession = await anon.request<{ userCtx: { roles: string[] } }>('GET', '/_session', undefined, { cookie: adminCookie })
    expect(adminSession.body.userCtx.roles).toContain('_admin')
  })
})

function adminAuth(): Record<string, string> {
  const u = new URL(couch.adminUrl)
  return basicAuth(decodeURIComponent(u.username), decodeURIComponent(u.password))
}

/** A request whose path goes out byte for byte, as curl would send it. */
function rawStatus(method: string, path: string): Promise<number> {
  const base = new URL(couch.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, method, path, headers: adminAuth() }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}
