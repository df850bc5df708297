import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { openLocalDb } from '../../../src/store/local-db'
import { createMediaStore, openMediaDb } from '../../../src/store/media-store'
import { EXPORT_MARK_KEY, exportDevice, exportMark } from '../../../src/sync/export'
import { encodedSize, nextBatchSize } from '../../../src/sync/media-upload'
import { pushSeqKey } from '../../../src/sync/pending'
import { signOut } from '../../../src/sync/sign-out'
import { memoryRecordDb } from '../../support/memory-pouch'

const fresh = (cacheBytes?: number, now?: () => number) => createMediaStore(openMediaDb(`m-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange }), { cacheBytes, now })
const row = (id: string, bytes: number) => ({ id, area: '4301', recordId: 'assess:plot:430101:H-1:X', blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), type: 'image/jpeg', bytes, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'off4301', device: 'd' })

describe('the phone media store', () => {
  it('keeps photos taken here until the server has them; fetched photos are a cache bounded by bytes, least recently opened out first', async () => {
    let clock = 0
    const media = fresh(250, () => ++clock)
    await media.addTaken([row('own-1', 200), row('own-2', 200)])
    expect(await media.countWaiting()).toBe(2)
    await media.cache(row('c-1', 100))
    await media.cache(row('c-2', 100))
    await media.touch('c-1') // c-2 is now the least recently opened
    await media.cache(row('c-3', 100))
    expect((await media.db.photos.toArray()).map((r) => r.id).sort()).toEqual(['c-1', 'c-3', 'own-1', 'own-2'])
    // Own photos are never evicted, even once uploaded and over the cap.
    await media.markStored(['own-1', 'own-2'])
    await media.cache(row('c-4', 100))
    expect(await media.get('own-1')).toBeDefined()
    expect(await media.countWaiting()).toBe(0)
    expect(await media.storedBytes()).toBe(200 + 200 + 100 + 100)
    // Clearing drops what the server has, never what waits.
    await media.addTaken([row('own-3', 50)])
    expect(await media.clearStored()).toBe(4)
    expect((await media.db.photos.toArray()).map((r) => r.id)).toEqual(['own-3'])
  })

  it('batches by bytes: at most maxBytes of JSON per request, at least one photo, at most maxCount', () => {
    const rows = [100_000, 100_000, 2_000_000, 50_000].map((bytes) => ({ bytes }))
    expect(nextBatchSize(rows, encodedSize(100_000) * 2, Infinity)).toBe(2)
    expect(nextBatchSize(rows.slice(2), 1000, Infinity)).toBe(1)
    expect(nextBatchSize(rows, 10_000_000, 3)).toBe(3)
    expect(encodedSize(3)).toBe(4 + 600)
  })

  it('sign-out counts photos not yet uploaded as waiting; the export carries them and then covers them', async () => {
    const db = openLocalDb('signout-photos', { indexedDB: new IDBFactory(), IDBKeyRange })
    const records = memoryRecordDb()
    await db.meta.put({ key: pushSeqKey(records.name), value: (await records.info()).update_seq })
    const stores = [{ area: '4301', records }]
    const media = fresh()
    await media.addTaken([row('photo-a', 30), row('photo-b', 40)])
    expect(await signOut({ db, stores, media })).toEqual({ ok: false, pending: 2 })
    const exp = await exportDevice(stores, { user: 'off4301' }, new Date('2026-01-02T00:00:00Z'), media)
    expect(exp.photos?.map((p) => [p.id, Buffer.from(p.data, 'base64').length])).toEqual([
      ['photo-a', 30],
      ['photo-b', 40],
    ])
    await db.meta.put({ key: EXPORT_MARK_KEY, value: exportMark(exp) })
    // A photo taken after the export: not covered.
    await media.addTaken([row('photo-c', 10)])
    expect(await signOut({ db, stores, media })).toEqual({ ok: false, pending: 3 })
    await db.meta.put({ key: EXPORT_MARK_KEY, value: exportMark(await exportDevice(stores, { user: 'off4301' }, new Date(), media)) })
    expect(await signOut({ db, stores, media })).toEqual({ ok: true })
    db.close()
  })
})
