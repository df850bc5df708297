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
