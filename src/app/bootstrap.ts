import type { LocalDb } from '../store/local-db'
import { openRecordDb, PouchDB, type RecordDb } from '../store/pouch'
import { createProjectionRunner, type ProjectionRunner } from '../store/projection-runner'
import { createRepository, type Repository } from '../store/repository'
import { createSyncRuntime, type SyncRuntime } from '../sync/runtime'
import { createPhotoService, type PhotoService } from '../sync/photo-service'
import { migrateLocalPhotos } from '../store/photo-migrate'
import { pushSeqKey } from '../sync/pending'
import { keepSession } from '../sync/session-keeper'
import { makeThumbnail } from '../forms/photos'
import type { Fetch } from '../sync/session'
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
  /** Live sync with the server; null when opened without a server (tests, previews). */
  sync: SyncRuntime | null
  /** Full-size photos: waiting to upload, cached, opened on demand (src/sync/photo-service.ts). */
  photos: PhotoService
  /** The store records of `area` go to; the user's home area by default. */
  storeFor(area?: string): AreaStore
  close(): Promise<void>
}

export interface SyncConfig {
  /** The server's base URL: `location.origin + '/couch/'` in the app. */
  base: string
  fetch?: Fetch
  online?: () => boolean
  /** Where `online` events come from (window in the app); sync restarts on each. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

/** Opens the signed-in user's record dbs, starts projecting them into the read model and syncing them. */
export async function openUserStores(db: LocalDb, user: DeviceUser, open: (name: string) => RecordDb = openRecordDb, sync?: SyncConfig): Promise<UserStores> {
  const device = await deviceId(db)
  const photos = createPhotoService(user.name, sync ? { base: sync.base, fetch: sync.fetch, online: sync.online } : undefined)
  const stores = user.areas.map((area): AreaStore => {
    const records = open(recordDbName(user, area))
    return {
      area,
      records,
      repository: createRepository({ records, author: { name: user.name, district: area }, device, media: photos.media }),
      projector: createProjectionRunner(records, db),
    }
  })
  const runtime = sync
    ? await createSyncRuntime({
        db,
        targets: stores,
        PouchDB: PouchDB as unknown as new (name: string, options?: Record<string, unknown>) => RecordDb,
        base: sync.base,
        fetch: sync.fetch,
        online: sync.online,
      })
    : null
  // Every local save and every replicated doc passes the projector: recount what waits to upload.
  const stops = stores.map((s) =>
    s.projector.follow(() => {
      void runtime?.recount(s.area, { settledOnly: true }).catch(() => undefined)
      void photos.uploader?.kick()
    }),
  )
  // Records made before the media store: own full-size photos join the upload queue (in the background).
  for (const s of stores) {
    void (async () => {
      const seq = (await db.meta.get(pushSeqKey(s.records.name)))?.value as string | number | undefined
      // No push checkpoint yet: pulled docs would look unsynced too, so rewrite nothing (the server's migration will).
      const unsynced = new Set(seq === undefined ? [] : (await s.records.changes({ since: seq })).results.map((c) => c.id))
      const report = await migrateLocalPhotos({ records: s.records, media: photos.media, author: { name: user.name, district: s.area }, device, unsynced, makeThumb: (b) => makeThumbnail(b) })
      if (report.copied) void photos.uploader?.kick()
    })().catch((error: unknown) => console.warn('photo migration failed', error))
  }
  // With no network, PouchDB's retry would knock on the server every few seconds for days: sync
  // starts when the device says it is online, stops when it says it is not, and resumes on return.
  const onOnline = () => {
    runtime?.syncNow()
    void photos.uploader?.kick()
  }
  const onOffline = () => {
    runtime?.stop()
    photos.uploader?.stop()
  }
  if (runtime) {
    sync?.events?.addEventListener('online', onOnline)
    sync?.events?.addEventListener('offline', onOffline)
    if (sync?.online?.() !== false) {
      runtime.syncNow()
      void photos.uploader?.kick()
    }
  }
  // The session cookie is renewed while online; an expired one lets sync show its one sign-in prompt.
  const keeper = runtime && sync ? keepSession({ base: sync.base, fetch: sync.fetch, online: sync.online, events: sync.events, user: user.name, onExpired: () => runtime.syncNow() }) : null
  return {
    user,
    stores,
    sync: runtime,
    photos,
    storeFor(area = user.homeArea) {
      // A district-level record of a province supervisor goes to that district's db.
      const store = stores.find((s) => s.area === area) ?? stores.find((s) => s.area === user.homeArea) ?? stores[0]
      if (!store) throw new Error(`no record store for area ${area}`)
      return store
    },
    async close() {
      sync?.events?.removeEventListener('online', onOnline)
      sync?.events?.removeEventListener('offline', onOffline)
      keeper?.stop()
      runtime?.stop()
      photos.close()
      for (const stop of stops) stop()
      // A record db destroyed by sign-out is already closed; closing it again must not throw here.
      await Promise.all(stores.map((s) => s.records.close().catch(() => undefined)))
    },
  }
}
