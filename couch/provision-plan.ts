/**
 * What a provisioned CouchDB should contain, as plain data (no HTTP): databases with their
 * `_security`, and user docs. provision.ts compares this with the server and changes only what differs.
 */
import { dbNameFor, type Geography } from './geography'
import { rolesFor, type UserRow } from './users-csv'

export interface SecurityObject {
  admins: { names: string[]; roles: string[] }
  members: { names: string[]; roles: string[] }
}

export interface DesiredDb {
  name: string
  security: SecurityObject
}

function security(memberRoles: string[]): SecurityObject {
  // Database admins: none. Server admins always have access; nobody else may change design docs or
  // `_security`.
  return { admins: { names: [], roles: [] }, members: { names: [], roles: memberRoles } }
}

/**
 * One database per district, readable by that district's role and the province's; one province
 * database for province-level facts, readable by the province role and every district's role.
 */
export function desiredDatabases(geo: Geography): DesiredDb[] {
  const province = `province:${geo.province.code}`
  const districts = geo.districts.map((d) => ({
    name: dbNameFor(d.code),
    security: security([`district:${d.code}`, province]),
  }))
  const provinceDb = {
    name: dbNameFor(geo.province.code),
    security: security([province, ...geo.districts.map((d) => `district:${d.code}`)]),
  }
  return [provinceDb, ...districts]
}

/** Users whose area is not this province or one of its districts; empty when all fit. */
export function usersOutsideGeography(users: UserRow[], geo: Geography): string[] {
  const areas = new Set([geo.province.code, ...geo.districts.map((d) => d.code)])
  return users
    .filter((u) => !areas.has(u.area))
    .map((u) => `user ${u.name}: area ${u.area} is not province ${geo.province.code} or one of its districts`)
}

/** Same members and admins, ignoring order. */
export function sameSecurity(a: unknown, b: SecurityObject): boolean {
  const norm = (s: unknown) => {
    const obj = (s ?? {}) as Partial<SecurityObject>
    const part = (p?: { names?: string[]; roles?: string[] }) => ({
      names: [...(p?.names ?? [])].sort(),
      roles: [...(p?.roles ?? [])].sort(),
    })
    return JSON.stringify({ admins: part(obj.admins), members: part(obj.members) })
  }
  return norm(a) === norm(b)
}

export function sameRoles(a: unknown, b: string[]): boolean {
  return Array.isArray(a) && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())
}

export function userDocId(name: string): string {
  return `org.couchdb.user:${name}`
}

export { rolesFor }

/** In the province db, the doc the app reads at login to learn the province's districts (a non-admin
 * cannot list databases in CouchDB). Only server admins may write `config:` docs. */
export const DISTRICTS_DOC_ID = 'config:districts'

export interface DistrictsDoc {
  _id: typeof DISTRICTS_DOC_ID
  province: { code: string; name: string }
  districts: { code: string; name: string; subdistricts: { code: string; name: string }[] }[]
}

export function districtsDoc(geo: Geography): DistrictsDoc {
  return {
    _id: DISTRICTS_DOC_ID,
    province: { code: geo.province.code, name: geo.province.name },
    districts: geo.districts.map((d) => ({
      code: d.code,
      name: d.name,
      subdistricts: d.subdistricts.map((s) => ({ code: s.code, name: s.name })),
    })),
  }
}

/** Same content, whatever the revision and key order (servers do not keep key order). */
export function sameContent(current: Record<string, unknown>, desired: object): boolean {
  const { _rev: _ignored, ...rest } = current
  return canonicalJson(rest) === canonicalJson(desired)
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
