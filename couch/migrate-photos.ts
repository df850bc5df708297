/**
 * The server's step from the old photo shape to the new one, for every district of a province:
 * each plot assessment holding full-size photos as attachments gets its photos moved to the
 * district media store (one media doc per photo, under the id the phones' migration step would give
 * it, so neither side duplicates the other) and is rewritten with thumbnails inline and `photos`
 * links. A record is rewritten only after each of its photos is in the media store with the same
 * MD5 digest CouchDB computed for the original: no photo is lost, and a crash midway leaves records
 * in the old shape, to be finished by the next run. Idempotent; uses only cluster-safe document calls.
 *
 *   npm run migrate-photos -- --couch http://admin:pw@host:5984 --province couch/data/nong-khai.json
 */
import { derivedMediaKey, fullSizeAttachments, MEDIA_ATTACHMENT, MEDIA_DOC_TYPE, mediaDbName, mediaId, thumbName, type PhotoRef } from '../src/schema/media'
import { thumbnailOfJpeg, toBase64 } from '../src/store/jpeg-codec'
import { couchClient, encodeId } from './couch-http'

export interface PhotoMigrationReport {
  records: number
  photos: number
  bytes: number
  skipped: string[]
}

type Att = { content_type: string; digest?: string; length?: number }
type AssessmentDoc = Record<string, unknown> & { _id: string; _rev: string; createdBy: string; district: string; _attachments?: Record<string, Att>; photos?: PhotoRef[] }

function authHeader(adminUrl: string): { url: string; headers: Record<string, string> } {
  const u = new URL(adminUrl)
  const headers: Record<string, string> = u.username ? { authorization: 'Basic ' + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64') } : {}
  u.username = ''
  u.password = ''
  return { url: u.toString().replace(/\/$/, ''), headers }
}

export async function migratePhotos(adminUrl: string, districts: string[], log: (line: string) => void = () => {}): Promise<PhotoMigrationReport> {
  const couch = couchClient(adminUrl)
  const { url, headers } = authHeader(adminUrl)
  const report: PhotoMigrationReport = { records: 0, photos: 0, bytes: 0, skipped: [] }
  for (const district of districts) {
    const db = `cdd-${district}`
    const mediaDb = mediaDbName(district)
    let startkey = 'assess:'
    for (;;) {
      const page = await couch.request<{ rows: { id: string; doc?: AssessmentDoc }[] }>('GET', `/${db}/_all_docs?include_docs=true&limit=100&startkey=${encodeURIComponent(JSON.stringify(startkey))}&endkey=${encodeURIComponent('"assess;"')}`)
      if (page.status !== 200) throw new Error(`reading ${db}: HTTP ${page.status}`)
      const rows = page.body.rows.filter((r) => r.id !== startkey || startkey === 'assess:')
      if (!rows.length) break
      for (const { doc } of rows) {
        if (!doc || doc.type !== 'plot-assessment') continue
        const names = fullSizeAttachments(doc)
        if (!names.length) continue
        const refs: PhotoRef[] = [...(doc.photos ?? [])]
        const attachments: Record<string, unknown> = {}
        for (const [name, att] of Object.entries(doc._attachments ?? {})) if (!names.includes(name)) attachments[name] = { ...att, stub: true }
        let ok = true
        for (const name of names) {
          const att = doc._attachments![name]!
          const res = await fetch(`${url}/${db}/${encodeId(doc._id)}/${encodeURIComponent(name)}`, { headers })
          if (!res.ok) throw new Error(`reading ${db}/${doc._id}/${name}: HTTP ${res.status}`)
          const bytes = new Uint8Array(await res.arrayBuffer())
          const id = mediaId(doc._id, doc.createdBy, await derivedMediaKey(doc._id, name))
          const media = { _id: id, type: MEDIA_DOC_TYPE, schema: 1, district, recordId: doc._id, createdBy: doc.createdBy, createdAt: doc.createdAt, device: doc.device, _attachments: { [MEDIA_ATTACHMENT]: { content_type: att.content_type, data: toBase64(bytes) } } }
          const put = await couch.request<{ error?: string; reason?: string }[]>('POST', `/${mediaDb}/_bulk_docs`, { docs: [media] })
          const result = put.body?.[0]
          if (put.status !== 201 || (result?.error && result.error !== 'conflict' && result.error !== 'forbidden')) throw new Error(`writing ${mediaDb}/${id}: ${JSON.stringify(put.body)}`)
          // Whoever wrote it (this run, an earlier one, the phone), it must be this photo.
          const stored = await couch.request<{ _attachments?: Record<string, Att> }>('GET', `/${mediaDb}/${encodeId(id)}`)
          const digest = stored.body?._attachments?.[MEDIA_ATTACHMENT]?.digest
          if (stored.status !== 200 || (att.digest && digest !== att.digest)) {
            report.skipped.push(`${db}/${doc._id}/${name}: media doc ${id} ${stored.status === 200 ? 'holds other bytes' : `missing (${JSON.stringify(put.body)})`}`)
            ok = false
            break
          }
          let thumb: Uint8Array | null = null
          if (att.content_type === 'image/jpeg') {
            try {
              thumb = thumbnailOfJpeg(bytes)
            } catch {
              thumb = null
            }
          }
          const key = id.slice(-26)
          refs.push({ id, ...(thumb ? { thumb: thumbName(key) } : {}), type: att.content_type as PhotoRef['type'], bytes: bytes.length })
          if (thumb) attachments[thumbName(key)] = { content_type: 'image/jpeg', data: toBase64(thumb) }
          report.photos++
          report.bytes += bytes.length
        }
        if (!ok) continue
        const write = await couch.request('PUT', `/${db}/${encodeId(doc._id)}`, { ...doc, photos: refs, _attachments: attachments })
        if (write.status === 409) {
          report.skipped.push(`${db}/${doc._id}: changed meanwhile; run again`)
          continue
        }
        if (write.status !== 201 && write.status !== 202) throw new Error(`rewriting ${db}/${doc._id}: HTTP ${write.status} ${JSON.stringify(write.body)}`)
        report.records++
        log(`${db}/${doc._id}: ${names.length} photos → ${mediaDb}`)
      }
      startkey = rows[rows.length - 1]!.id
      if (page.body.rows.length < 100) break
    }
  }
  return report
}
