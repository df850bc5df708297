/**
 * Sessions that last while the app is online, and end when nothing renews them — on the stand-in
 * and on real CouchDB (COUCH_URL). The session lifetime is set to 10 s for this file (on every node),
 * then back to provisioning's 7 days. The keeper of src/sync/session-keeper.ts renews the cookie
 * with GET /_session; stopped, the cookie expires and the server answers "nobody".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import { ensureNodeConfig, ensureSessionSettings } from '../../couch/session-settings'
import { withCookieJar } from '../../src/sync/cookie-jar'
import { getSession, type Fetch } from '../../src/sync/session'
import { keepSession } from '../../src/sync/session-keeper'
import { getTestCouch, type TestCouch } from '../support/couch'

const USER = { name: 'test-session-renew', password: 'pw-session-renew' }
const LIFETIME = 10
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let couch: TestCouch
let admin: CouchClient

async function removeUser(): Promise<void> {
  const doc = await admin.request<{ _rev?: string }>('GET', `/_users/org.couchdb.user:${USER.name}`)
  if (doc.body?._rev) await admin.request('DELETE', `/_users/org.couchdb.user:${USER.name}?rev=${doc.body._rev}`)
}

beforeAll(async () => {
  couch = await getTestCouch()
  admin = couchClient(couch.adminUrl)
  await admin.request('PUT', '/_users')
  await removeUser()
  const put = await admin.request('PUT', `/_users/org.couchdb.user:${USER.name}`, { name: USER.name, password: USER.password, roles: [], type: 'user' })
  expect(put.status).toBe(201)
  await ensureSessionSettings(admin)
  await ensureNodeConfig(admin, [
    ['chttpd_auth', 'timeout', String(LIFETIME)],
    ['couch_httpd_auth', 'timeout', String(LIFETIME)],
  ])
})

afterAll(async () => {
  if (admin) {
    await ensureSessionSettings(admin)
    await removeUser()
  }
  await couch?.close()
})

/** A cookie-jar fetch that also keeps every AuthSession Set-Cookie line it saw. */
function recordingJar(): Fetch & { cookies: Map<string, string>; lines: string[] } {
  const lines: string[] = []
  const jar = withCookieJar(async (input, init) => {
    const res = await fetch(input, init)
    for (const line of res.headers.getSetCookie()) if (line.startsWith('AuthSession=')) lines.push(line)
    return res
  }) as Fetch & { cookies: Map<string, string>; lines: string[] }
  jar.lines = lines
  return jar
}

async function signIn(jar: Fetch): Promise<void> {
  const res = await jar(`${couch.url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(USER) })
  expect(res.status).toBe(200)
  await res.body?.cancel()
}

describe('session renewal', () => {
  it('a GET /_session every 2 s keeps a 10 s session alive past its lifetime; stopped, it expires', async () => {
    const jar = recordingJar()
    await signIn(jar)
    const first = jar.cookies.get('AuthSession')
    expect(first).toBeTruthy()
    // Persistent (Max-Age = the lifetime) and SameSite=Strict, as provisioning asks, on both servers.
    expect(jar.lines[0]).toMatch(new RegExp(`Max-Age=${LIFETIME}\\b`))
    expect(jar.lines[0]).toMatch(/SameSite=Strict/i)

    let expired = 0
    const keeper = keepSession({ base: couch.url, fetch: jar, user: USER.name, everyMs: 2000, onExpired: () => expired++ })
    await sleep((LIFETIME + 5) * 1000)
    expect(await keeper.check()).toBe('valid')
    keeper.stop()
    expect(expired).toBe(0)
    expect((await getSession(couch.url, jar)).name).toBe(USER.name)
    // The server re-issued the cookie along the way (CouchDB: once 10 % of the lifetime had passed).
    expect(jar.cookies.get('AuthSession')).not.toBe(first)
    expect(jar.lines.length).toBeGreaterThan(1)
    expect(jar.lines.at(-1)).toMatch(new RegExp(`Max-Age=${LIFETIME}\\b`))

    // Nothing renews it now: after its lifetime the server answers "nobody", and the keeper says so once.
    await sleep((LIFETIME + 2) * 1000)
    const after = keepSession({ base: couch.url, fetch: jar, user: USER.name, everyMs: 3_600_000, onExpired: () => expired++ })
    expect(await after.check()).toBe('expired')
    after.stop()
    expect(expired).toBe(1)
    expect((await getSession(couch.url, jar)).name).toBeNull()
  }, 90_000)

  it('an unreachable server or no network concludes nothing', async () => {
    let expired = 0
    const down = keepSession({ base: 'http://127.0.0.1:9/', user: USER.name, everyMs: 3_600_000, onExpired: () => expired++ })
    expect(await down.check()).toBe('unreachable')
    down.stop()
    const offline = keepSession({ base: couch.url, online: () => false, user: USER.name, everyMs: 3_600_000, onExpired: () => expired++ })
    expect(await offline.check()).toBe('offline')
    offline.stop()
    expect(expired).toBe(0)
  })
})
