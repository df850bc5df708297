import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { LocalDb } from '../store/local-db'

/**
 * What screens need from the outside world, passed in (not imported) so tests can give fresh ones.
 * Screens read the read model through live queries and write only through the repository.
 */
export interface Services {
  db: LocalDb
}

export const ServicesContext = createContext<Services | null>(null)

export function useServices(): Services {
  const services = useContext(ServicesContext)
  if (!services) throw new Error('ServicesContext missing: render inside <App services=…>')
  return services
}
