/**
 * Photos bench (issue 14), runnable alone: `npx tsx bench/photos.ts [--assessments 2000]`
 * (COUCH_URL=http://admin:pw@host:port for a real CouchDB; else the embedded stand-in in a temp dir).
 *
 * 1. A district with N assessments × 2 photos, twice in the same run: the new shape (thumbnails
 *    inline, full photos in the media store) and the old one (full photos as attachments). Bytes a
 *    supervisor's first pull of each transfers (counted on the wire by a TCP proxy, both directions).
 * 2. 100 photos taken offline uploaded to the media store with the connection cut twice: time,
 *    requests, photos on the server (duplicates = on the server − 100).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { couchClient } from '../couch/couch-http'
import { startEmbeddedCouch } from '../couch/embedded-server'
import { provision } from '../couch/provision'
import { mediaId, thumbName } from '../src/schema/media'
import { timeOrderedId } from '../src/schema/ids'
import { demoImagePool } from '../src/store/demo-photos'
import { createMediaStore, openMediaDb } from '../src/store/media-store'
import { uploadWaiting } from '../src/sync/media-upload'
import { startCuttingProxy } from '../test/support/cutting-proxy'
import { nodePouch } from '../test/support/memory-pouch'
import { figure, type Figure } from './figures'

const GEO = {
  province: { code: '97', name: 'จังหวัดทดสอบรูป' },
  districts: [
    { code: '9701', name: 'อำเภอรูปใหม่', subdistricts: [{ code: '970101', name: 'ตำบลหนึ่ง' }] },
    { code: '9702', name: 'อำเภอรูปเดิม', subdistricts: [{ code: '970201', name: 'ตำบลสอง' }] },
  ],
}

async function withCouch<T>(run: (adminUrl: string) => Promise<T>): Promise<T> {
  if (process.env.COUCH_URL) return run(process.env.COUCH_URL.replace(/\/$/, ''))
  const dir = mkdtempSync(join(tmpdir(), 'cdd-bench-photos-'))
  const server = await startEmbeddedCouch({ dataDir: dir, admin: { name: 'admin', password: 'bench-pw' } })
  try {
    return await run(server.adminUrl)
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function benchPhotos(assessments = 2000): Promise<Figure[]> {
  return withCouch(async (adminUrl) => {
    const admin = couchClient(adminUrl)
    for (const db of ['cdd-97', 'cdd-9701', 'cdd-9702', 'cdd-9701-media', 'cdd-9702-media']) await admin.request('DELETE', `/${db}`)
    await provision(adminUrl, { geography: GEO, users: [] })
    const pool = demoImagePool(1, 4, 1280, 80)
    const avgFull = pool.reduce((n, p) => n + p.full.length, 0) / pool.length
    const avgThumb = pool.reduce((n, p) => n + p.thumb.length, 0) / pool.length
    console.log(`  photos: ${pool.length} distinct 1280 px JPEGs, ${(avgFull / 1024).toFixed(0)} KB each on average; thumbnails ${(avgThumb / 1024).toFixed(1)} KB`)

    const envelope = (district: string, at: string) => ({ type: 'plot-assessment', schema: 1, district, createdBy: 'admin', createdAt: at, updatedBy: 'admin', updatedAt: at, device: 'bench' })
    const make = (district: string, shape: 'new' | 'old', i: number) => {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
      const plotId = `plot:${district}01:H-${i % 400}`
      const id = `assess:${plotId}:${timeOrderedId(Date.parse(at))}`
      const base = { _id: id, ...envelope(district, at), plotId, kind: 'HLM', on: at.slice(0, 10), reducesExpenses: true, selfReliant: i % 3 === 0 }
      const images = [pool[i % pool.length]!, pool[(i + 1) % pool.length]!]
      if (shape === 'old') return { ...base, _attachments: Object.fromEntries(images.map((img, j) => [`photo-${j}.jpg`, { content_type: 'image/jpeg', data: img.fullBase64 }])) }
      const keys = images.map(() => timeOrderedId(Date.parse(at)))
      return {
        ...base,
        photos: images.map((img, j) => ({ id: mediaId(id, 'admin', keys[j]!), thumb: thumbName(keys[j]!), type: 'image/jpeg', bytes: img.full.length })),
        _attachments: Object.fromEntries(images.map((img, j) => [thumbName(keys[j]!), { content_type: 'image/jpeg', data: img.thumbBase64 }])),
      }
    }
    const load = async (db: string, district: string, shape: 'new' | 'old') => {
      const chunk = shape === 'old' ? 8 : 200
      for (let i = 0; i < assessments; i += chunk) {
        const docs = Array.from({ length: Math.min(chunk, assessments - i) }, (_, k) => make(district, shape, i + k))
        const res = await admin.request<{ error?: string }[]>('POST', `/${db}/_bulk_docs`, { docs })
        if (res.status !== 201 || res.body.some((r) => r.error)) throw new Error(`loading ${db}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`)
      }
    }
    let t = Date.now()
    await load('cdd-9701', '9701', 'new')
    await load('cdd-9702', '9702', 'old')
    console.log(`  loaded ${assessments} assessments × 2 photos in each shape in ${((Date.now() - t) / 1000).toFixed(1)} s`)

    const u = new URL(adminUrl)
    const proxy = await startCuttingProxy(`${u.protocol}//${u.host}`)
    const P = nodePouch()
    const pull = async (db: string) => {
      const remote = new URL(`${proxy.url}/${db}`)
      remote.username = u.username
      remote.password = u.password
      const local = new P(`bench-${db}-${Date.now()}`, { adapter: 'memory' })
      const before = proxy.bytes()
      const started = Date.now()
      await local.replicate.from(remote.toString(), { batch_size: 100 })
      const bytes = proxy.bytes() - before
      const seconds = (Date.now() - started) / 1000
      const docs = (await local.info()).doc_count
      await local.destroy()
      return { bytes, seconds, docs }
    }
    const fresh = await pull('cdd-9701')
    console.log(`  new shape: ${fresh.docs} docs, ${(fresh.bytes / 1024 / 1024).toFixed(1)} MB in ${fresh.seconds.toFixed(1)} s`)
    const old = await pull('cdd-9702')
    console.log(`  old shape: ${old.docs} docs, ${(old.bytes / 1024 / 1024).toFixed(1)} MB in ${old.seconds.toFixed(1)} s`)

    // 2. 100 photos taken offline, uploaded with the connection cut twice.
    const media = createMediaStore(openMediaDb(`bench-media-${Date.now()}`, { indexedDB: new IDBFactory(), IDBKeyRange }))
    const record = `assess:plot:970101:H-upload:${timeOrderedId(Date.now())}`
    await media.addTaken(
      Array.from({ length: 100 }, (_, i) => {
        const img = pool[i % pool.length]!
        return { id: mediaId(record, 'admin', timeOrderedId(Date.now() + i)), area: '9701', recordId: record, blob: new Blob([img.full as BlobPart], { type: 'image/jpeg' }), type: 'image/jpeg', bytes: img.full.length, createdAt: new Date().toISOString(), createdBy: 'admin', device: 'bench' }
      }),
    )
    const auth = 'Basic ' + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')
    let n = 0
    const cutting = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      n++
      const body = typeof init.body === 'string' ? init.body.length : 0
      if (n === 3) proxy.cutAfter(Math.floor(body / 3)) // lost on the way up
      if (n === 7) proxy.cutAfter(body + 900) // arrived, answer lost
      return fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: auth } })
    }) as typeof fetch
    t = Date.now()
    const report = await uploadWaiting({ media, base: `${proxy.url}/`, fetch: cutting, delay: async () => {} })
    const uploadSeconds = (Date.now() - t) / 1000
    const onServer = (await admin.request<{ rows: { id: string }[] }>('GET', `/cdd-9701-media/_all_docs?startkey=${encodeURIComponent(JSON.stringify(`photo:${record}:`))}&endkey=${encodeURIComponent(JSON.stringify(`photo:${record};`))}`)).body.rows.length
    console.log(`  upload: ${JSON.stringify(report)}, cuts ${proxy.cuts()}, on the server ${onServer}`)
    await proxy.close()
    await media.destroy()
    for (const db of ['cdd-97', 'cdd-9701', 'cdd-9702', 'cdd-9701-media', 'cdd-9702-media']) await admin.request('DELETE', `/${db}`)

    const mb = (b: number) => b / 1024 / 1024
    return [
      figure(`supervisor's first pull, ${assessments.toLocaleString('en-US')} assessments × 2 photos, thumbnails inline (new shape)`, mb(fresh.bytes), 'MB'),
      figure(`supervisor's first pull, same district with full photos inline (old shape)`, mb(old.bytes), 'MB'),
      figure('first pull bytes, new shape ÷ old shape', (fresh.bytes / old.bytes) * 100, '%', 10),
      figure(`supervisor's first pull time, new shape (${process.env.COUCH_URL ? 'CouchDB' : 'stand-in'})`, fresh.seconds, 's'),
      figure(`upload 100 photos taken offline, connection cut ${proxy.cuts()}×`, uploadSeconds, 's'),
      figure('upload: photos on the server after the cuts (100 taken)', onServer, 'photos', undefined, `${onServer - 100} duplicated, ${report.requests} requests, ${report.failures} failed and retried, ${report.alreadyThere} found already there`),
    ]
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { assessments: { type: 'string' } } })
  benchPhotos(Number(values.assessments ?? 2000)).then(
    (figures) => {
      for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.budget !== undefined ? ` (budget ${f.budget}, ratio ${f.ratio})` : ''}${f.note ? ` — ${f.note}` : ''}`)
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
