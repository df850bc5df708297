import type { Fetch } from './session'

/*
 * A fetch that keeps CouchDB's AuthSession cookie, for Node (tests, scripts): browsers keep cookies
 * themselves, Node's fetch does not. CouchDB refreshes the cookie on some responses, so every
 * Set-Cookie is taken; an expiring `AuthSession=;` clears it.
 */
export function withCookieJar(inner: Fetch = fetch): Fetch & { cookies: Map<string, string> } {
  const cookies = new Map<string, string>()
  const jarFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await inner(input, { ...init, headers })
    const setCookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : []
    for (const line of setCookies) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq < 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (value) cookies.set(name, value)
      else cookies.delete(name)
    }
    return res
  }) as Fetch & { cookies: Map<string, string> }
  jarFetch.cookies = cookies
  return jarFetch
}
