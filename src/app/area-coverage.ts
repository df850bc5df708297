import type { AreaStatus, SyncStatus } from '../sync/status'
import { useServices } from './services'
import { useLiveQuery } from './use-live-query'

/*
 * Which areas' data has arrived on this device, so partial data is never shown as the whole. ONE
 * place decides what "arrived" means: today an area whose pull has caught up at least once
 * (`lastOkAt`, or caught up right now); once the sync status records the first pull's completion per
 * area (`initial.done`), that alone decides. Pure: the status is passed in.
 */

export function hasArrived(status: AreaStatus | undefined): boolean {
  if (!status) return false
  const initial = (status as AreaStatus & { initial?: { done?: unknown } }).initial
  if (initial && typeof initial.done === 'boolean') return initial.done
  return status.lastOkAt !== undefined || status.caughtUp.pull
}

/** The device's areas (its synced dbs) whose data a view of `view` includes: a province view all of them, a finer one its district. */
export function areasOfView(view: string, deviceAreas: readonly string[]): string[] {
  if (view.length <= 2) return deviceAreas.filter((a) => a.startsWith(view))
  const district = view.slice(0, 4)
  return deviceAreas.filter((a) => a === district)
}

/** The areas a view of `view` needs that have not arrived yet, in the device's order. */
export function missingAreas(view: string, deviceAreas: readonly string[], status: SyncStatus | undefined): string[] {
  return areasOfView(view, deviceAreas).filter((a) => !hasArrived(status?.areas[a]))
}

/** Where src/sync/runtime.ts persists the status (SYNC_STATUS_KEY); read raw, so a pull that once caught up counts. */
const STATUS_KEY = 'sync.status'

/** The missing areas of a view, live; undefined while loading. */
export function useMissingAreas(view: string): string[] | undefined {
  const { db, deviceUser } = useServices()
  const areas = deviceUser?.areas ?? []
  const result = useLiveQuery(async () => ({ view, missing: missingAreas(view, areas, (await db.meta.get(STATUS_KEY))?.value as SyncStatus | undefined) }), [db, view, areas.join(',')]).value
  // Until the query for a newly chosen area answers, the previous area's answer is not this one's.
  return result?.view === view ? result.missing : undefined
}
