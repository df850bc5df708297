import Dexie, { type EntityTable } from 'dexie'

/*
 * The phone's full-size photos, in a Dexie db of their own (`cdd-media-<user>`), apart from the
 * read model: blobs are big and must survive a read-model rebuild.
 *
 * - `waiting`: taken on this phone, not yet on the server. Never evicted, never cleared; counted on
 *   the sync screen ("photos waiting"), by sign-out and by the full-device export.
 * - `stored`: the server has it. Photos taken here (`own`) stay so they open offline; photos fetched
 *   from the server are a cache, bounded by `cacheBytes`, least recently opened evicted first.
 *   "Clear stored photos" in settings drops every `stored` row (the server keeps them).
 * - `refused`: the server refused it (too large, a type it does not take…): kept, counted as waiting,
 *   so nothing taken is ever silently lost; the sync screen says why.
 */

export type MediaState = 'waiting' | 'stored' | 'refused'

export interface MediaRow {
  /** The media doc id: photo:<recordId>:<author>:<key>. */
  id: string
  /** The district whose media store it belongs to. */
  area: string
  recordId: string
  blob: Blob
  type: string
  bytes: number
  state: MediaState
  /** 1: taken on this phone. */
  own: 0 | 1
  createdAt: string
  createdBy: string
  device: string
  /** Last time it was shown (ms), for the cache's LRU. */
  lastUsed: number
  tries?: number
  error?: string
}

export type MediaDb = Dexie & { photos: EntityTable<MediaRow, 'id'> }

/** Fetched photos kept for offline use: about 100 full photos. */
export const DEFAULT_CACHE_BYTES = 25 * 1024 * 1024

export function mediaDbNameFor(user: string): string {
  return `cdd-media-${user}`
}

export function openMediaDb(name: string, options?: ConstructorParameters<typeof Dexie>[1]): MediaDb {
  const db = new Dexie(name, options) as MediaDb
  db.version(1).stores({ photos: 'id, state, area, recordId, [state+lastUsed]' })
  return db
}

export interface MediaStore {
  db: MediaDb
  /** Photos just taken, before their record is written (so a record never names a photo the phone lacks). */
  addTaken(rows: Omit<MediaRow, 'state' | 'own' | 'lastUsed'>[]): Promise<void>
  /** Undo addTaken when the record could not be saved. */
  forget(ids: string[]): Promise<void>
  get(id: string): Promise<MediaRow | undefined>
  /** A photo fetched from the server: kept in the bounded cache. */
  cache(row: Omit<MediaRow, 'state' | 'own' | 'lastUsed'>): Promise<void>
  touch(id: string): Promise<void>
  waiting(): Promise<MediaRow[]>
  /** Waiting and refused: what the server does not have. */
  countWaiting(): Promise<number>
  markStored(ids: string[]): Promise<void>
  markFailed(id: string, error: string, refused: boolean): Promise<void>
  /** Bytes kept of photos the server has (own and cached). */
  storedBytes(): Promise<number>
  clearStored(): Promise<number>
  /** A key that changes whenever what waits changes (the export mark for sign-out). */
  waitingKey(): Promise<string>
  destroy(): Promise<void>
}

export function createMediaStore(db: MediaDb, options: { cacheBytes?: number; now?: () => number } = {}): MediaStore {
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES
  const now = options.now ?? (() => Date.now())

  /** Evicts the least recently used fetched photos beyond the cap. Own photos are not a cache. */
  async function evict(): Promise<void> {
    const cached = (await db.photos.where('[state+lastUsed]').between(['stored', Dexie.minKey], ['stored', Dexie.maxKey]).toArray()).filter((r) => r.own === 0)
    let total = cached.reduce((n, r) => n + r.bytes, 0)
    const drop: string[] = []
    for (const row of cached) {
      if (total <= cacheBytes) break
      total -= row.bytes
      drop.push(row.id)
    }
    if (drop.length) await db.photos.bulkDelete(drop)
  }

  const notWaiting = ['waiting', 'refused']

  return {
    db,
    async addTaken(rows) {
      const at = now()
      await db.photos.bulkPut(rows.map((r) => ({ ...r, state: 'waiting' as const, own: 1 as const, lastUsed: at, tries: 0 })))
    },
    async forget(ids) {
      await db.photos.bulkDelete(ids)
    },
    get: (id) => db.photos.get(id),
    async cache(row) {
      await db.transaction('rw', db.photos, async () => {
        const existing = await db.photos.get(row.id)
        if (existing) return
        await db.photos.put({ ...row, state: 'stored', own: 0, lastUsed: now() })
      })
      await evict()
    },
    async touch(id) {
      await db.photos.update(id, { lastUsed: now() })
    },
    waiting: () => db.photos.where('state').equals('waiting').sortBy('createdAt'),
    countWaiting: () => db.photos.where('state').anyOf(notWaiting).count(),
    async markStored(ids) {
      await db.photos.where('id').anyOf(ids).modify({ state: 'stored', error: undefined })
    },
    async markFailed(id, error, refused) {
      await db.photos.where('id').equals(id).modify((row) => {
        row.tries = (row.tries ?? 0) + 1
        row.error = error
        if (refused) row.state = 'refused'
      })
    },
    async storedBytes() {
      let total = 0
      await db.photos.where('state').equals('stored').each((r) => (total += r.bytes))
      return total
    },
    async clearStored() {
      return db.photos.where('state').equals('stored').delete()
    },
    async waitingKey() {
      const ids = (await db.photos.where('state').anyOf(notWaiting).primaryKeys()).map(String).sort()
      return `${ids.length}:${ids.at(-1) ?? ''}`
    },
    async destroy() {
      await db.delete()
    },
  }
}
