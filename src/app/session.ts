import type { LocalDb } from '../store/local-db'

/*
 * Who is signed in on this device. Set once by an online login (CouchDB's _session cookie, see
 * src/sync); kept locally so the app opens offline as that user afterwards. No password is ever
 * stored on the phone.
 */
export interface DeviceUser {
  name: string
  roles: string[]
  /** Where this user's own records are written: their district, or their province for supervisors. */
  homeArea: string
  /** Record dbs this device holds (one per district; a province supervisor holds several, plus the province's). */
  areas: string[]
  isSupervisor: boolean
}

const USER_KEY = 'user'
const DEVICE_KEY = 'deviceId'

export async function readDeviceUser(db: LocalDb): Promise<DeviceUser | null> {
  const row = await db.settings.get(USER_KEY)
  const user = row?.value as DeviceUser | undefined
  return user && typeof user.name === 'string' && Array.isArray(user.areas) ? user : null
}

export async function writeDeviceUser(db: LocalDb, user: DeviceUser | null): Promise<void> {
  if (user) await db.settings.put({ key: USER_KEY, value: user })
  else await db.settings.delete(USER_KEY)
}

/** Roles → what the device holds: `district:4301` → [4301]; `province:43` + districts → those and 43. */
export function userFromRoles(name: string, roles: string[], provinceDistricts: (province: string) => string[] = () => []): DeviceUser {
  const districts = roles.filter((r) => r.startsWith('district:')).map((r) => r.slice('district:'.length))
  const provinces = roles.filter((r) => r.startsWith('province:')).map((r) => r.slice('province:'.length))
  const isSupervisor = roles.includes('supervisor') || roles.includes('_admin')
  const areas = [...new Set([...districts, ...provinces.flatMap((p) => [...provinceDistricts(p), p])])]
  return { name, roles, homeArea: districts[0] ?? provinces[0] ?? '', areas, isSupervisor }
}

/** A stable id for this device, made once: the envelope's `device` field. */
export async function deviceId(db: LocalDb, random: () => string = () => crypto.randomUUID()): Promise<string> {
  const row = await db.settings.get(DEVICE_KEY)
  if (typeof row?.value === 'string') return row.value
  const id = `dev-${random().slice(0, 8)}`
  await db.settings.put({ key: DEVICE_KEY, value: id })
  return id
}

/** The local PouchDB name of an area's record db for a user (two users on one phone never mix). */
export function recordDbName(user: Pick<DeviceUser, 'name'>, area: string): string {
  return `cdd-${area}-${user.name.replace(/[^a-z0-9_-]/gi, '_')}`
}
