import { userFromRoles, type DeviceUser } from './user'
import { classifyError, type SyncProblem } from './errors'

/*
 * CouchDB cookie login through the same-origin `/couch/` path: POST _session sets an HttpOnly
 * AuthSession cookie, which the browser then sends with every replication request. The password
 * goes to the server once and is never kept on the phone. Every call takes the base URL and fetch
 * as arguments (the app: location.origin + '/couch/'; Node tests: a fetch with a cookie jar).
 */

export type Fetch = typeof fetch

export interface UserCtx {
  name: string | null
  roles: string[]
}

export type LoginResult = { ok: true; user: DeviceUser; userCtx: UserCtx } | { ok: false; problem: SyncProblem }

/** `https://host/couch/` + path, whatever slashes the configuration used. */
export function couchUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '')
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' }

async function readJson(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text()
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    // A proxy's HTML error page: keep the status, not the body.
    return { reason: `HTTP ${res.status}` }
  }
}

/** Who the cookie belongs to: `{ name: null }` when not signed in (or the cookie expired). */
export async function getSession(base: string, fetchFn: Fetch = fetch): Promise<UserCtx> {
  const res = await fetchFn(couchUrl(base, '_session'), { headers: JSON_HEADERS, credentials: 'include' })
  const body = await readJson(res)
  if (!res.ok) throw { status: res.status, ...body }
  const ctx = (body.userCtx ?? {}) as Partial<UserCtx>
  return { name: ctx.name ?? null, roles: Array.isArray(ctx.roles) ? ctx.roles : [] }
}

/** Ends the server session (best effort: offline, the cookie simply expires). */
export async function logOut(base: string, fetchFn: Fetch = fetch): Promise<void> {
  await fetchFn(couchUrl(base, '_session'), { method: 'DELETE', headers: JSON_HEADERS, credentials: 'include' }).catch(() => undefined)
}

/** The doc in each province db that lists its districts (written by the provisioning). */
export const DISTRICTS_DOC_ID = 'config:districts'

/**
 * A province's district codes, read from `cdd-<province>/config:districts` ({ districts: [...] }).
 * A non-admin cannot list dbs in CouchDB, so the province db carries the list. Falls back to
 * `fallback` (known demo geography) when the doc is not there.
 */
export async function fetchProvinceDistricts(base: string, province: string, fetchFn: Fetch = fetch, fallback: (province: string) => string[] = () => []): Promise<string[]> {
  try {
    const res = await fetchFn(couchUrl(base, `cdd-${encodeURIComponent(province)}/${encodeURIComponent(DISTRICTS_DOC_ID)}`), { headers: JSON_HEADERS, credentials: 'include' })
    if (res.ok) {
      const body = await readJson(res)
      const list = body.districts
      if (Array.isArray(list)) {
        const codes = list.map((d) => (typeof d === 'string' ? d : typeof d === 'object' && d && 'code' in d ? String((d as { code: unknown }).code) : '')).filter(Boolean)
        if (codes.length) return codes
      }
    } else await res.body?.cancel()
  } catch {
    // Fall through to the known list.
  }
  return fallback(province)
}

export interface LoginOptions {
  base: string
  name: string
  password: string
  fetch?: Fetch
  /** District codes of a province when the server does not list them (see fetchProvinceDistricts). */
  fallbackDistricts?: (province: string) => string[]
  online?: boolean
}

/**
 * Signs in with name and password; on success returns the device user its roles make (a province
 * supervisor's areas are the province's districts and the province itself). Does not store anything.
 */
export async function logIn({ base, name, password, fetch: fetchFn = fetch, fallbackDistricts, online = true }: LoginOptions): Promise<LoginResult> {
  let res: Response
  try {
    res = await fetchFn(couchUrl(base, '_session'), {
      method: 'POST',
      headers: JSON_HEADERS,
      credentials: 'include',
      body: JSON.stringify({ name, password }),
    })
  } catch (error) {
    return { ok: false, problem: classifyError(error, 'login', online) }
  }
  const body = await readJson(res)
  if (!res.ok) return { ok: false, problem: classifyError({ status: res.status, ...body }, 'login', online) }
  const userCtx: UserCtx = { name: typeof body.name === 'string' ? body.name : name, roles: Array.isArray(body.roles) ? (body.roles as string[]) : [] }
  const user = await userForRoles(base, userCtx, fetchFn, fallbackDistricts)
  if (!user.areas.length) return { ok: false, problem: { kind: 'no-access' } }
  return { ok: true, user, userCtx }
}

/** Roles → device user, fetching each province's district list first (userFromRoles is pure). */
export async function userForRoles(base: string, ctx: UserCtx, fetchFn: Fetch = fetch, fallback?: (province: string) => string[]): Promise<DeviceUser> {
  const provinces = ctx.roles.filter((r) => r.startsWith('province:')).map((r) => r.slice('province:'.length))
  const lists = new Map<string, string[]>()
  for (const p of provinces) lists.set(p, await fetchProvinceDistricts(base, p, fetchFn, fallback))
  return userFromRoles(ctx.name ?? '', ctx.roles, (p) => lists.get(p) ?? [])
}
