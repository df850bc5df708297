import { describe, expect, it } from 'vitest'
import { couchUrl, fetchProvinceDistricts, logIn } from '../../../src/sync/session'
import { knownDistricts } from '../../../src/sync/provinces'
import { withCookieJar } from '../../../src/sync/cookie-jar'

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>
const fakeFetch = (handler: Handler) => (async (input: RequestInfo | URL, init: RequestInit = {}) => handler(String(input), init)) as typeof fetch
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

describe('login', () => {
  it('joins URLs whatever the slashes', () => {
    expect(couchUrl('https://x/couch/', '/_session')).toBe('https://x/couch/_session')
    expect(couchUrl('https://x/couch', 'cdd-43')).toBe('https://x/couch/cdd-43')
  })

  it('an officer gets their district; the password is sent once and never returned', async () => {
    const calls: { url: string; init: RequestInit }[] = []
    const result = await logIn({
      base: 'https://h/couch/',
      name: 'off4301',
      password: 'pw',
      fetch: fakeFetch((url, init) => {
        calls.push({ url, init })
        return json(200, { ok: true, name: 'off4301', roles: ['district:4301'] })
      }),
    })
    expect(result).toMatchObject({ ok: true, user: { name: 'off4301', areas: ['4301'], homeArea: '4301' } })
    expect(JSON.stringify(result)).not.toContain('pw')
    expect(calls[0]).toMatchObject({ url: 'https://h/couch/_session', init: { method: 'POST', credentials: 'include' } })
  })

  it('a province supervisor gets the districts from config:districts (objects or codes), else the known list', async () => {
    const server = fakeFetch((url) => {
      if (url.endsWith('/_session')) return json(200, { ok: true, name: 'sup43', roles: ['province:43', 'supervisor'] })
      if (url.endsWith('/cdd-43/config%3Adistricts')) return json(200, { districts: [{ code: '4301', name: 'เมือง' }, { code: '4302', name: 'ท่าบ่อ' }] })
      return json(404, { error: 'not_found' })
    })
    const result = await logIn({ base: 'https://h/couch/', name: 'sup43', password: 'pw', fetch: server })
    expect(result).toMatchObject({ ok: true, user: { areas: ['4301', '4302', '43'], homeArea: '43', isSupervisor: true } })

    const missing = fakeFetch(() => json(404, { error: 'not_found' }))
    expect(await fetchProvinceDistricts('https://h/couch/', '43', missing, knownDistricts)).toEqual(['4301', '4302', '4305', '4307', '4308', '4314', '4315', '4316', '4317'])
    expect(await fetchProvinceDistricts('https://h/couch/', '99', missing, knownDistricts)).toEqual([])
  })

  it('turns failures into words: wrong password, no access, server down, proxy error page', async () => {
    const wrong = await logIn({ base: 'b/', name: 'a', password: 'b', fetch: fakeFetch(() => json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' })) })
    expect(wrong).toMatchObject({ ok: false, problem: { kind: 'wrong-password' } })
    const noRoles = await logIn({ base: 'b/', name: 'a', password: 'b', fetch: fakeFetch(() => json(200, { ok: true, name: 'a', roles: [] })) })
    expect(noRoles).toMatchObject({ ok: false, problem: { kind: 'no-access' } })
    const down = await logIn({ base: 'b/', name: 'a', password: 'b', fetch: fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))) })
    expect(down).toMatchObject({ ok: false, problem: { kind: 'unreachable' } })
    const offline = await logIn({ base: 'b/', name: 'a', password: 'b', online: false, fetch: fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))) })
    expect(offline).toMatchObject({ ok: false, problem: { kind: 'offline' } })
    const gateway = await logIn({ base: 'b/', name: 'a', password: 'b', fetch: fakeFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 })) })
    expect(gateway).toMatchObject({ ok: false, problem: { kind: 'unreachable' } })
  })

  it('the cookie jar keeps AuthSession for Node and forgets it when the server clears it', async () => {
    let seen = ''
    const jar = withCookieJar(
      fakeFetch((url, init) => {
        seen = new Headers(init.headers).get('cookie') ?? ''
        if (url.endsWith('login')) return json(200, {}, { 'set-cookie': 'AuthSession=abc; Version=1; Path=/; HttpOnly' })
        if (url.endsWith('logout')) return json(200, {}, { 'set-cookie': 'AuthSession=; Version=1; Path=/; HttpOnly' })
        return json(200, {})
      }),
    )
    await jar('x/login')
    await jar('x/other')
    expect(seen).toBe('AuthSession=abc')
    await jar('x/logout')
    await jar('x/other')
    expect(seen).toBe('')
  })
})
