/**
 * A tiny JSON client for CouchDB's HTTP API. fetch() refuses URLs with credentials in them, so an admin
 * URL (http://admin:pw@host:5984) is split into a base URL and a Basic-auth header here, once.
 */

export interface CouchResponse<T = unknown> {
  status: number
  body: T
  headers: Headers
}

export interface CouchClient {
  /** Base URL without credentials and without a trailing slash. */
  base: string
  request<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CouchResponse<T>>
}

export function splitCredentials(url: string): { base: string; headers: Record<string, string> } {
  const u = new URL(url)
  const headers: Record<string, string> = {}
  if (u.username) {
    const name = decodeURIComponent(u.username)
    const password = decodeURIComponent(u.password)
    headers.authorization = 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64')
  }
  u.username = ''
  u.password = ''
  return { base: u.toString().replace(/\/+$/, ''), headers }
}

export function couchClient(url: string): CouchClient {
  const { base, headers: authHeaders } = splitCredentials(url)
  return {
    base,
    async request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...authHeaders, ...extra }
      if (body !== undefined) headers['content-type'] = 'application/json'
      const res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        // Not JSON (a proxy's error page, say): keep the text for the error message.
      }
      return { status: res.status, body: parsed as T, headers: res.headers }
    },
  }
}

/** Encodes a db name or doc id for a URL path, keeping `_design/` and `_local/` prefixes readable. */
export function encodeId(id: string): string {
  const m = /^(_design|_local)\/(.*)$/.exec(id)
  return m ? `${m[1]}/${encodeURIComponent(m[2] ?? '')}` : encodeURIComponent(id)
}

export class CouchHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body)}`)
  }
}
