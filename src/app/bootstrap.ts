import type { LocalDb } from '../store/local-db'
import { openRecordDb, type RecordDb } from '../store/pouch'
import { createProjectionRunner, type ProjectionRunner } from '../store/projection-runner'
import { createRepository, type Repository } from '../store/repository'
import { deviceId, recordDbName, type DeviceUser } from './session'

/** One area's record db on this device, with its writer and its projector. */
export interface AreaStore {
  area: string
  records: RecordDb
  repository: Repository
  projector: ProjectionRunner
}

export interface UserStores {
  user: DeviceUser
  stores: AreaStore[]
  /** The store records of `area` go to; the user's home area by default. */
  storeFor(area?: string): AreaStore
  close(): Promise<void>
}

/** Opens the signed-in user's record dbs and starts projecting them into the read model. */
export async function openUserStores(db: LocalDb, user: DeviceUser, open: (name: string) => RecordDb = openRecordDb): Promise<UserStores> {
  const device = await deviceId(db)
  const stores = user.areas.map((area): AreaStore => {
    const records = open(recordDbName(user, area))
    return {
      area,
      records,
      repository: createRepository({ records, author: { name: user.name, district: area }, device }),
      projector: createProjectionRunner(records, db),
    }
  })
  const stops = stores.map((s) => s.projector.follow())
  return {
    user,
    stores,
    storeFor(area = user.homeArea) {
      // A district-level record of a province supervisor goes to that district's db.
      const store = stores.find((s) => s.area === area) ?? stores.find((s) => s.area === user.homeArea) ?? stores[0]
      if (!store) throw new Error(`no record store for area ${area}`)
      return store
    },
    async close() {
      for (const stop of stops) stop()
      await Promise.all(stores.map((s) => s.records.close()))
    },
  }
}
