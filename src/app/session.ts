import type { LocalDb } from '../store/local-db'

/*
 * Who is signed in on this device. Set once by an online login (CouchDB's _session cookie, see
 * src/sync); kept locally so the app opens offline as that user afterwards. No password is ever
 * stored on the phone.
 */
// The device user and its derivation from roles live in src/sync (the login needs them there).
export { userFromRoles, type DeviceUser } from '../sync/user'
import type { DeviceUser } from '../sync/user'

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
