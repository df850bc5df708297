/**
 * The server's migration command over real HTTP: old assessments holding full-size photos move to
 * the new shape, every photo landing in the district media store byte for byte (CouchDB's own MD5
 * digests compared), and a phone that had already queued the same photo (the phone's migration
 * step) finds it there: one copy, nothing lost, and a second run changes nothing.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import { migratePhotos } from '../../couch/migrate-photos'
import { parseDoc } from '../../src/schema'
import { derivedMediaKey, mediaId, THUMB_MAX_BYTES, type PhotoRef } from '../../src/schema/media'
import { demoImagePool } from '../../src/store/demo-photos'
import { createMediaStore, openMediaDb } from '../../src/store/media-store'
import { uploadWaiting } from '../../src/sync/media-upload'
import { getTestCouch, type TestCouch } from '../support/couch'
import { cleanUp, loginDevice, setUpProvince } from './sync-helpers'

let couch: TestCouch
let admin: CouchClient
const MEDIA_DBS = ['cdd-9601-media', 'cdd-9602-media']
const pool = demoImagePool(9, 2, 640, 80)
const envelope = { type: 'plot-assessment', schema: 1, district: '9601', createdBy: 'sync-off9601', createdAt: '2026-01-05T03:00:00.000Z', updatedBy: 'sync-off9601', updatedAt: '2026-01-05T03:00:00.000Z', device: 'old-phone' }
const ids = ['assess:plot:960101:H-1:01FQZ7Y5J8B3W6N4K2M9P0R1B1', 'assess:plot:960101:H-2:01FQZ7Y5J8B3W6N4K2M9P0R1B2']

beforeAll(async () => {
  couch = await getTestCouch()
  const a = couchClient(couch.adminUrl)
  for (const db of MEDIA_DBS) await a.request('DELETE', `/${db}`)
  admin = await setUpProvince(couch)
  const docs = ids.map((id) => ({
    _id: id, ...envelope, plotId: id.split(':').slice(1, 4).join(':'), kind: 'HLM', on: '2026-01-05', reducesExpenses: true, selfReliant: false,
    _attachments: Object.fromEntries(pool.map((img, i) => [`photo-${i}.jpg`, { content_type: 'image/jpeg', data: Buffer.from(img.full).toString('base64') }])),
  }))
  const res = await admin.request<{ error?: string }[]>('POST', '/cdd-9601/_bulk_docs', { docs })
  expect(res.body.filter((r) => r.error)).toEqual([])
})
afterAll(async () => {
  if (admin) {
    for (const db of MEDIA_DBS) await admin.request('DELETE', `/${db}`)
    await cleanUp(admin)
  }
  await couch?.close()
})

describe('npm run migrate-photos', () => {
  it('moves full-size attachments to the media store, leaving thumbnails and links; no photo lost or doubled; idempotent', async () => {
    // The phone that took the first record's photos had already queued one of them (its own migration step).
    const officer = await loginDevice(couch, 'sync-off9601')
    const media = createMediaStore(openMediaDb(`mm-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange }))
    const queuedId = mediaId(ids[0]!, 'sync-off9601', await derivedMediaKey(ids[0]!, 'photo-0.jpg'))
    await media.addTaken([{ id: queuedId, area: '9601', recordId: ids[0]!, blob: new Blob([pool[0]!.full as BlobPart], { type: 'image/jpeg' }), type: 'image/jpeg', bytes: pool[0]!.full.length, createdAt: envelope.createdAt, createdBy: 'sync-off9601', device: 'new-phone' }])
    expect((await uploadWaiting({ media, base: `${couch.url}/`, fetch: officer.fetch })).uploaded).toBe(1)
    await officer.close()

    const report = await migratePhotos(couch.adminUrl, ['9601', '9602'])
    expect(report).toMatchObject({ records: 2, photos: 4, skipped: [] })

    const stored = await admin.request<{ rows: { id: string; doc: { _attachments: Record<string, { digest: string; length: number }> } }[] }>('GET', '/cdd-9601-media/_all_docs?include_docs=true')
    const photos = stored.body.rows.filter((r) => !r.id.startsWith('_design/'))
    expect(photos).toHaveLength(4)
    expect(photos.map((p) => p.id)).toContain(queuedId)
    for (const id of ids) {
      const doc = (await admin.request<Record<string, unknown> & { photos: PhotoRef[]; _attachments: Record<string, { length: number }> }>('GET', `/cdd-9601/${encodeURIComponent(id)}`)).body
      expect(parseDoc(doc).ok).toBe(true)
      expect(doc.photos).toHaveLength(2)
      expect(Object.keys(doc._attachments).sort()).toEqual(doc.photos.map((p) => p.thumb).sort())
      for (const att of Object.values(doc._attachments)) expect(att.length).toBeLessThanOrEqual(THUMB_MAX_BYTES)
      for (const [i, ref] of doc.photos.entries()) {
        const bytes = new Uint8Array(await (await fetch(`${couch.url}/cdd-9601-media/${encodeURIComponent(ref.id)}/photo`, { headers: { authorization: 'Basic ' + Buffer.from('admin:' + new URL(couch.adminUrl).password).toString('base64') } })).arrayBuffer())
        expect(bytes).toEqual(pool[i]!.full)
      }
    }
    expect(await migratePhotos(couch.adminUrl, ['9601', '9602'])).toMatchObject({ records: 0, photos: 0, skipped: [] })
  })
})
