/**
 * The app server: the built app with the right caching, and `/couch/*` proxied to CouchDB so the
 * browser logs in with a same-origin cookie.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import { provision } from '../../couch/provision'
import type { UserRow } from '../../couch/users-csv'
import { startAppServer, type AppServer } from '../../server/app-server'
import { getTestCouch, type TestCouch } from '../support/couch'

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
      _id: 'household:97010101:1', type: 'household', schema: 1, district: '9701', createdBy: officer.name,
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
