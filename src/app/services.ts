import type { Connectivity } from '../sync/connectivity'
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { LocalDb } from '../store/local-db'
import type { UserStores } from './bootstrap'
import type { DeviceUser } from './session'

/**
 * What screens need from the outside world, passed in (not imported) so tests can give fresh ones.
 * Screens read the read model (Dexie) through live queries and write only through the repository.
 *
 * The record stores (PouchDB, schemas) load in their own chunk just after the first paint, so the
 * first screen needs only Preact and Dexie: `deviceUser` is known at once, `stores` a moment later.
 */
export interface Services {
  db: LocalDb
  /** Who is signed in on this device; null until someone has signed in once. */
  deviceUser: DeviceUser | null
  /** The signed-in user's record stores; null while loading or signed out. */
  stores: UserStores | null
  /** Called by login (src/sync) once a user is known, and by sign-out with null. */
  signIn(user: DeviceUser | null): Promise<void>
  /** Whether the sync server answers (src/sync/connectivity.ts); absent in previews and tests. */
  connectivity?: Connectivity
}

export const ServicesContext = createContext<Services | null>(null)

export function useServices(): Services {
  const services = useContext(ServicesContext)
  if (!services) throw new Error('ServicesContext missing: render inside <App services=…>')
  return services
}
