import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { parseDoc } from '../../../src/schema'
import { derivedMediaKey, mediaId, THUMB_MAX_BYTES, type PhotoRef } from '../../../src/schema/media'
import { demoImagePool } from '../../../src/store/demo-photos'
import { thumbnailOfJpeg } from '../../../src/store/jpeg-codec'
import { createMediaStore, openMediaDb } from '../../../src/store/media-store'
import { migrateLocalPhotos } from '../../../src/store/photo-migrate'
import { memoryRecordDb } from '../../support/memory-pouch'

const [image] = demoImagePool(5, 1, 640, 80)
const b64 = Buffer.from(image!.full).toString('base64')
const envelope = (by: string) => ({ type: 'plot-assessment', schema: 1, district: '4301', createdBy: by, createdAt: '2026-01-05T03:00:00.000Z', updatedBy: by, updatedAt: '2026-01-05T03:00:00.000Z', device: 'old-phone' })
const oldShape = (id: string, by: string) => ({
  _id: id, ...envelope(by), plotId: 'plot:430101:H-1', kind: 'HLM', on: '2026-01-05', reducesExpenses: true, selfReliant: true,
  _attachments: { 'photo-a.jpg': { content_type: 'image/jpeg', data: b64 }, 'photo-b.jpg': { content_type: 'image/jpeg', data: b64 } },
})
const makeThumb = async (blob: Blob) => new Blob([thumbnailOfJpeg(new Uint8Array(await blob.arrayBuffer())) as BlobPart], { type: 'image/jpeg' })

describe('the phone step from full-size attachments to thumbnails + media store', () => {
  it('copies own full photos to the upload queue under the derived id, rewrites only what the server has not seen, loses nothing, and is idempotent', async () => {
    const records = memoryRecordDb()
    const media = createMediaStore(openMediaDb(`mig-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange }))
    const unsyncedId = 'assess:plot:430101:H-1:01FQZ7Y5J8B3W6N4K2M9P0R1A1'
    const syncedId = 'assess:plot:430101:H-1:01FQZ7Y5J8B3W6N4K2M9P0R1A2'
    const othersId = 'assess:plot:430101:H-1:01FQZ7Y5J8B3W6N4K2M9P0R1A3'
    await records.bulkDocs([oldShape(unsyncedId, 'off4301'), oldShape(syncedId, 'off4301'), oldShape(othersId, 'off4399')] as never)
    const deps = { records, media, author: { name: 'off4301', district: '4301' }, device: 'new-phone', unsynced: new Set([unsyncedId]), makeThumb }

    expect(await migrateLocalPhotos(deps)).toEqual({ copied: 4, rewritten: 1 })

    // Every own full photo waits to upload, byte for byte, under the id the server would give it.
    for (const id of [unsyncedId, syncedId]) {
      for (const name of ['photo-a.jpg', 'photo-b.jpg']) {
        const row = await media.get(mediaId(id, 'off4301', await derivedMediaKey(id, name)))
        expect(row?.state).toBe('waiting')
        expect(new Uint8Array(await row!.blob.arrayBuffer())).toEqual(image!.full)
      }
    }
    // The unsynced one is in the new shape and still a valid assessment.
    const rewritten = (await records.get(unsyncedId)) as unknown as { photos: PhotoRef[]; _attachments: Record<string, { length: number }> }
    expect(parseDoc(rewritten).ok).toBe(true)
    expect(rewritten.photos.map((p) => p.bytes)).toEqual([image!.full.length, image!.full.length])
    expect(Object.keys(rewritten._attachments).sort()).toEqual(rewritten.photos.map((p) => p.thumb).sort())
    for (const att of Object.values(rewritten._attachments)) expect(att.length).toBeLessThanOrEqual(THUMB_MAX_BYTES)
    // The synced one and someone else's are untouched.
    expect(Object.keys(((await records.get(syncedId)) as { _attachments: object })._attachments)).toEqual(['photo-a.jpg', 'photo-b.jpg'])
    expect((await records.get(othersId))._rev.startsWith('1-')).toBe(true)

    expect(await migrateLocalPhotos(deps)).toEqual({ copied: 0, rewritten: 0 })
    expect(await media.countWaiting()).toBe(4)
  })
})
