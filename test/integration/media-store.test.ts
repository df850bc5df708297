/**
 * Photos over real HTTP (embedded stand-in, or a real CouchDB with COUCH_URL): full photos go up to
 * the district media store in bounded batches and arrive exactly once through connection cuts and a
 * body limit; a supervisor's first sync brings the records with their thumbnails and not one full
 * photo; a photo opened online is fetched and then opens with no server; the media store refuses
 * other districts, other types and oversize files.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchClient } from '../../couch/couch-http'
import { MAX_MEDIA_BYTES, mediaDbName, mediaId, THUMB_MAX_BYTES, type PhotoRef } from '../../src/schema/media'
import { demoImagePool } from '../../src/store/demo-photos'
import { createMediaStore, openMediaDb, type MediaStore } from '../../src/store/media-store'
import { createRepository } from '../../src/store/repository'
import { openFullPhoto } from '../../src/sync/media-fetch'
import { bytesToBase64, uploadWaiting } from '../../src/sync/media-upload'
import { startBodyLimitProxy } from '../support/body-limit-proxy'
import { getTestCouch, type TestCouch } from '../support/couch'
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy'
import { cleanUp, loginDevice, setUpProvince, type Device } from './sync-helpers'

let couch: TestCouch
let admin: CouchClient
let proxy: CuttingProxy
let officer: Device
let media: MediaStore
const MEDIA_DBS = ['cdd-9601-media', 'cdd-9602-media']
const ASSESSMENTS = 20
const PER_ASSESSMENT = 10
const pool = demoImagePool(96, 4, 960, 75)
const blobOf = (bytes: Uint8Array, type = 'image/jpeg') => new Blob([bytes as BlobPart], { type })

function freshMedia(): MediaStore {
  return createMediaStore(openMediaDb(`media-test-${Date.now()}-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange }))
}

/**
 * The server's photos (those `match` picks) once it shows at least `count`: on a cluster a read may
 * come from a shard copy that has not had the last writes yet (the upload was acknowledged by two of
 * three). The caller still asserts the exact set.
 */
async function serverPhotosSettled(count: number, match: (p: { id: string }) => boolean = () => true) {
  let rows: Awaited<ReturnType<typeof serverPhotos>> = []
  for (let i = 0; i < 50; i++) {
    rows = (await serverPhotos()).filter(match)
    if (rows.length >= count) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return rows
}

async function serverPhotos(db = 'cdd-9601-media'): Promise<{ id: string; rev: string; length: number }[]> {
  const res = await admin.request<{ rows: { id: string; value: { rev: string }; doc: { _attachments?: Record<string, { length: number }> } }[] }>('GET', `/${db}/_all_docs?include_docs=true`)
  return res.body.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => ({ id: r.id, rev: r.value.rev, length: r.doc._attachments?.photo?.length ?? -1 }))
}

beforeAll(async () => {
  couch = await getTestCouch()
  const a = (await import('../../couch/couch-http')).couchClient(couch.adminUrl)
  for (const db of MEDIA_DBS) await a.request('DELETE', `/${db}`)
  admin = await setUpProvince(couch)
  proxy = await startCuttingProxy(couch.url)
  officer = await loginDevice(couch, 'sync-off9601')
  media = freshMedia()
  const store = officer.store()
  const repository = createRepository({ records: store.records, author: { name: 'sync-off9601', district: '9601' }, device: 'dev-photos', media })
  for (let i = 0; i < ASSESSMENTS; i++) {
    const photos = Array.from({ length: PER_ASSESSMENT }, (_, j) => {
      const image = pool[(i + j) % pool.length]!
      return { name: `p${j}.jpg`, blob: blobOf(image.full), thumb: blobOf(image.thumb) }
    })
    await repository.save('plot-assessment', { plotId: `plot:960101:H-${i}`, kind: 'HLM', on: '2026-01-10', reducesExpenses: true, selfReliant: i % 2 === 0 } as never, { photos })
  }
})
afterAll(async () => {
  await proxy?.close()
  await officer?.close()
  if (admin) {
    for (const db of MEDIA_DBS) await admin.request('DELETE', `/${db}`)
    await cleanUp(admin)
  }
  await couch?.close()
})

describe('photos and the media store over real HTTP', () => {
  it('saving keeps thumbnails in the record and the full photos waiting on the phone', async () => {
    const docs = await officer.store().records.allDocs({ include_docs: true, startkey: 'assess:', endkey: 'assess;' })
    expect(docs.rows).toHaveLength(ASSESSMENTS)
    const doc = docs.rows[0]!.doc as unknown as { photos: PhotoRef[]; _attachments: Record<string, { length: number }> }
    expect(doc.photos).toHaveLength(PER_ASSESSMENT)
    for (const ref of doc.photos) {
      expect(ref.id.startsWith(`photo:${docs.rows[0]!.id}:sync-off9601:`)).toBe(true)
      expect(doc._attachments[ref.thumb!]!.length).toBeLessThanOrEqual(THUMB_MAX_BYTES)
    }
    expect(await media.countWaiting()).toBe(ASSESSMENTS * PER_ASSESSMENT)
  })

  it('200 photos pushed through two connection cuts arrive exactly once', async () => {
    const waiting = await media.waiting()
    const expected = new Map(waiting.map((r) => [r.id, r.bytes]))
    let requestNo = 0
    // Cut 1 lands inside the 2nd request's body (the server never sees it); cut 2 lands in the 4th
    // request's answer (the server has stored the batch, the phone never hears so).
    const cuttingFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requestNo++
      const body = typeof init?.body === 'string' ? init.body.length : 0
      if (requestNo === 2) proxy.cutAfter(Math.floor(body / 2))
      if (requestNo === 4) proxy.cutAfter(body + 900)
      return officer.fetch(input, init)
    }) as typeof fetch
    const report = await uploadWaiting({ media, base: `${proxy.url}/`, fetch: cuttingFetch, delay: async () => {}, maxRequestBytes: 3 * 1024 * 1024 })
    console.log('upload through two cuts:', JSON.stringify(report))
    expect(proxy.cuts()).toBe(2)
    expect(report.failures).toBe(2)
    expect(report.remaining).toBe(0)
    expect(report.uploaded + report.alreadyThere).toBe(expected.size)
    expect(await media.countWaiting()).toBe(0)
    const onServer = await serverPhotosSettled(expected.size)
    expect(onServer).toHaveLength(expected.size)
    for (const p of onServer) {
      expect(p.rev.startsWith('1-'), p.id).toBe(true)
      expect(p.length).toBe(expected.get(p.id))
    }
    // Nothing is sent again: a second round has nothing to do.
    const again = await uploadWaiting({ media, base: `${couch.url}/`, fetch: officer.fetch })
    expect(again.requests).toBe(0)
  })

  it('a 413 from a body limit halves the batch until it passes; one photo too large is kept and refused', async () => {
    const limit = await startBodyLimitProxy(couch.url, 700_000)
    const store = freshMedia()
    const repository = createRepository({ records: officer.store().records, author: { name: 'sync-off9601', district: '9601' }, device: 'dev-photos', media: store })
    const photos = Array.from({ length: 12 }, (_, j) => ({ name: `q${j}.jpg`, blob: blobOf(pool[j % pool.length]!.full), thumb: blobOf(pool[0]!.thumb) }))
    // Over the body limit even alone (but under the media store's cap): it must not block the rest.
    photos.push({ name: 'big.jpg', blob: blobOf(new Uint8Array(600_000).fill(7)), thumb: blobOf(pool[0]!.thumb) })
    const saved = await repository.save('plot-assessment', { plotId: 'plot:960101:H-413', kind: 'HLM', on: '2026-01-11', reducesExpenses: true, selfReliant: true } as never, { photos })
    const report = await uploadWaiting({ media: store, base: `${limit.url}/`, fetch: officer.fetch, delay: async () => {} })
    await limit.close()
    expect(report.halvings).toBeGreaterThan(0)
    expect(limit.refused()).toBeGreaterThan(0)
    expect(report.uploaded).toBe(12)
    expect(report.refused).toBe(1)
    const onServer = await serverPhotosSettled(12, (p) => p.id.startsWith(`photo:${saved.id}:`))
    expect(onServer).toHaveLength(12)
    // The refused one is still on the phone, still counted as not uploaded.
    expect(await store.countWaiting()).toBe(1)
  })

  it("a supervisor's first sync downloads the records with thumbnails only, not one full photo", async () => {
    await officer.syncOnce()
    // PouchDB's http adapter in Node makes Blobs of attachments unless the response has buffer()
    // (node-fetch's), and the Node test devices' memory adapter wants Buffers: give it buffer().
    const withBuffer = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init)
      Object.defineProperty(res, 'buffer', { value: async () => Buffer.from(await res.arrayBuffer()) })
      return res
    }) as typeof fetch
    const supervisor = await loginDevice(couch, 'sync-sup96', { base: `${proxy.url}/`, fetch: withBuffer })
    try {
      const before = proxy.bytes()
      await supervisor.syncOnce({ base: `${proxy.url}/`, timeoutMs: 60_000 })
      const transferred = proxy.bytes() - before
      const docs = await supervisor.store('9601').records.allDocs({ include_docs: true, startkey: 'assess:', endkey: 'assess;' })
      expect(docs.rows.length).toBe(ASSESSMENTS + 1)
      const refs = docs.rows.flatMap((r) => (r.doc as unknown as { photos: PhotoRef[] }).photos)
      const thumbBytes = docs.rows.reduce((n, r) => n + Object.values((r.doc as unknown as { _attachments: Record<string, { length: number }> })._attachments).reduce((m, a) => m + a.length, 0), 0)
      const fullBytes = refs.reduce((n, r) => n + (r.bytes ?? 0), 0)
      console.log(`supervisor's first sync: ${transferred} bytes for ${refs.length} photos (thumbnails ${thumbBytes} bytes; full photos would be ${fullBytes} bytes)`)
      // Every thumbnail is on the supervisor's phone, byte for byte (the wire may carry them compressed).
      const records = supervisor.store('9601').records
      let readBack = 0
      for (const r of docs.rows) for (const ref of (r.doc as unknown as { photos: PhotoRef[] }).photos) {
        const data = (await records.getAttachment(r.id, ref.thumb!)) as unknown as { length?: number; size?: number }
        readBack += data.length ?? data.size ?? 0
      }
      expect(readBack).toBe(thumbBytes)
      expect(transferred).toBeLessThan(fullBytes * 0.25)
      // And the supervisor can open one online; then it opens with no server at all.
      const supMedia = freshMedia()
      const ref = refs[0]!
      const opened = await openFullPhoto({ media: supMedia, base: `${couch.url}/`, fetch: supervisor.fetch }, '9601', ref)
      expect(opened.ok && opened.from).toBe('server')
      expect(opened.ok && opened.blob.size).toBe(ref.bytes)
      const offline = await openFullPhoto({ media: supMedia, base: 'http://127.0.0.1:9/', fetch: supervisor.fetch, online: () => false }, '9601', ref)
      expect(offline.ok && offline.from).toBe('phone')
      const notCached = await openFullPhoto({ media: supMedia, base: 'http://127.0.0.1:9/', fetch: supervisor.fetch, online: () => false }, '9601', refs[1]!)
      expect(notCached).toEqual({ ok: false, reason: 'offline' })
    } finally {
      await supervisor.close()
    }
  })

  it('refuses other districts, other types and oversize files', async () => {
    const record = 'assess:plot:960101:H-0:01FQZ7Y5J8B3W6N4K2M9P0R1T0'
    const key = '01FQZ7Y5J8B3W6N4K2M9P0R1T9'
    const doc = (overrides: Record<string, unknown> = {}, type = 'image/jpeg', data = bytesToBase64(pool[0]!.full)) => ({
      _id: mediaId(record, 'sync-off9601', key),
      type: 'photo', schema: 1, district: '9601', recordId: record, createdBy: 'sync-off9601', createdAt: '2026-01-10T03:00:00.000Z', device: 'dev-photos',
      _attachments: { photo: { content_type: type, data } },
      ...overrides,
    })
    const post = async (db: string, body: unknown) => {
      const res = await officer.fetch(`${couch.url}/${db}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: [body] }) })
      const json = (await res.json()) as unknown
      return { status: res.status, body: json }
    }
    // Another district's store: not a member.
    const other = await post(mediaDbName('9602'), doc({ district: '9602' }))
    // CouchDB answers 401/403 for the request; the stand-in 201 with the doc refused as unauthorized.
    if (other.status === 201) expect(other.body).toEqual([expect.objectContaining({ error: expect.stringMatching(/^(unauthorized|forbidden)$/) })])
    else expect([401, 403]).toContain(other.status)
    // Own store, but a record of another district.
    const foreign = await post(mediaDbName('9601'), doc({ recordId: 'assess:plot:960201:H-0:01FQZ7Y5J8B3W6N4K2M9P0R1T0', _id: mediaId('assess:plot:960201:H-0:01FQZ7Y5J8B3W6N4K2M9P0R1T0', 'sync-off9601', key) }))
    expect(foreign.body).toEqual([expect.objectContaining({ error: 'forbidden', reason: expect.stringMatching(/^recordId: .* is not a record of district 9601/) })])
    const html = await post(mediaDbName('9601'), doc({}, 'text/html', bytesToBase64(new TextEncoder().encode('<script>alert(1)</script>'))))
    expect(html.body).toEqual([expect.objectContaining({ error: 'forbidden', reason: expect.stringMatching(/content_type: "text\/html"/) })])
    const huge = await post(mediaDbName('9601'), doc({}, 'image/jpeg', bytesToBase64(new Uint8Array(MAX_MEDIA_BYTES + 10).fill(1))))
    expect(huge.body).toEqual([expect.objectContaining({ error: 'forbidden', reason: expect.stringMatching(/more than 2000000/) })])
    // A standalone attachment PUT (size unknown to the rules) is refused too.
    const put = await officer.fetch(`${couch.url}/${mediaDbName('9601')}/${encodeURIComponent(mediaId(record, 'sync-off9601', key))}/photo`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: blobOf(pool[0]!.full) })
    expect(put.status).toBe(403)
    // None of them was stored.
    expect((await serverPhotos()).some((p) => p.id.includes(key))).toBe(false)
  })
})
