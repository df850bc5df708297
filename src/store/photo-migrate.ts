import { derivedMediaKey, fullSizeAttachments, mediaId, thumbName } from '../schema/media-names'
import type { PhotoRef } from '../schema/media'
import type { MediaStore } from './media-store'
import type { RecordDb } from './pouch'

/*
 * The phone's step from the old photo shape (full-size photos as attachments of the assessment) to
 * the new one (thumbnails inline, full photos in the media store). Nothing is dropped before it is
 * safe elsewhere:
 *
 * - Every full photo of an assessment this user made is copied into the phone's media store as
 *   "waiting", under the id the server migration would give it (derivedMediaKey), so it is uploaded
 *   once, whichever side moves it first.
 * - An assessment the server has never seen (still waiting to upload) is rewritten here: thumbnails
 *   in, full attachments out — the server would refuse the user editing an append-only doc it has.
 * - Assessments the server has are left as they are (they keep working: their photos show from the
 *   attachments); the server's migration command rewrites them and the new revision arrives by sync.
 */

export interface PhotoMigrationDeps {
  records: RecordDb
  media: MediaStore
  author: { name: string; district: string }
  device: string
  /** Ids of docs the server does not have yet (changes after the push checkpoint). */
  unsynced: ReadonlySet<string>
  makeThumb: (photo: Blob) => Promise<Blob>
}

export interface PhotoMigrationReport {
  copied: number
  rewritten: number
}

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

async function asBlob(data: unknown, type: string): Promise<Blob> {
  if (data instanceof Blob) return data
  return new Blob([data as BlobPart], { type })
}

export async function migrateLocalPhotos({ records, media, author, device, unsynced, makeThumb }: PhotoMigrationDeps): Promise<PhotoMigrationReport> {
  const report: PhotoMigrationReport = { copied: 0, rewritten: 0 }
  const all = await records.allDocs({ include_docs: true, startkey: 'assess:', endkey: 'assess;' })
  for (const row of all.rows) {
    const doc = row.doc as (Record<string, unknown> & { _attachments?: Record<string, { content_type: string }>; photos?: PhotoRef[] }) | undefined
    if (!doc || doc.type !== 'plot-assessment' || doc.createdBy !== author.name) continue
    const names = fullSizeAttachments(doc)
    if (!names.length) continue
    const refs: PhotoRef[] = [...(doc.photos ?? [])]
    const attachments: Record<string, unknown> = {}
    for (const [name, att] of Object.entries(doc._attachments ?? {})) if (!names.includes(name)) attachments[name] = att
    for (const name of names) {
      const type = doc._attachments![name]!.content_type
      const blob = await asBlob(await records.getAttachment(row.id, name), type)
      const key = await derivedMediaKey(row.id, name)
      const id = mediaId(row.id, author.name, key)
      if (!(await media.get(id))) {
        await media.addTaken([{ id, area: String(doc.district ?? author.district), recordId: row.id, blob, type, bytes: blob.size, createdAt: String(doc.createdAt), createdBy: author.name, device }])
        report.copied++
      }
      const thumb = await makeThumb(blob).catch(() => null)
      refs.push({ id, ...(thumb ? { thumb: thumbName(key) } : {}), type: type as PhotoRef['type'], bytes: blob.size })
      if (thumb) attachments[thumbName(key)] = { content_type: 'image/jpeg', data: await blobToBase64(thumb) }
    }
    if (!unsynced.has(row.id)) continue
    await records.put({ ...doc, photos: refs, _attachments: attachments } as never)
    report.rewritten++
  }
  return report
}
