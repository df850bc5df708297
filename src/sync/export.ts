import type { MediaStore } from '../store/media-store'
import type { RecordDb } from '../store/pouch'
import { bytesToBase64 } from './media-upload'

/*
 * The full-device export "for the day a phone is dying": every record doc of every area db on the
 * phone, attachments inline as base64, and every conflicting revision too (nothing is left out
 * because PouchDB happened to pick another winner). Plain JSON a supervisor can re-import or read.
 */

export const EXPORT_FORMAT = 'cdd-device-export'

export interface ExportedDb {
  area: string
  name: string
  /** The local update_seq the export covers: sign-out checks nothing changed after it. */
  updateSeq: string | number
  docs: Record<string, unknown>[]
  /** Losing revisions of conflicted docs, in full. */
  conflicts: Record<string, unknown>[]
}

export interface DeviceExport {
  format: typeof EXPORT_FORMAT
  version: 1
  exportedAt: string
  user: string
  device?: string
  dbs: ExportedDb[]
  /** Full-size photos taken on this phone that the server does not have yet (base64). */
  photos?: ExportedPhoto[]
  /** What `photos` covers, for sign-out (MediaStore.waitingKey). */
  photosKey?: string
}

export interface ExportedPhoto {
  id: string
  area: string
  recordId: string
  createdBy: string
  createdAt: string
  device: string
  content_type: string
  data: string
}

/** The export mark's entry for the photos waiting on the phone. */
export const MEDIA_MARK = 'media:waiting'

export async function exportWaitingPhotos(media: MediaStore): Promise<{ photos: ExportedPhoto[]; photosKey: string }> {
  const photosKey = await media.waitingKey()
  const rows = await media.db.photos.where('state').anyOf(['waiting', 'refused']).toArray()
  const photos: ExportedPhoto[] = []
  for (const r of rows) {
    photos.push({ id: r.id, area: r.area, recordId: r.recordId, createdBy: r.createdBy, createdAt: r.createdAt, device: r.device, content_type: r.type, data: bytesToBase64(new Uint8Array(await r.blob.arrayBuffer())) })
  }
  return { photos, photosKey }
}

export async function exportRecordDb(area: string, records: RecordDb): Promise<ExportedDb> {
  // Read the seq first: anything written during the export makes the export "older" than the db.
  const info = await records.info()
  const all = await records.allDocs({ include_docs: true, attachments: true, conflicts: true })
  const docs: Record<string, unknown>[] = []
  const conflicts: Record<string, unknown>[] = []
  for (const row of all.rows) {
    const doc = row.doc as Record<string, unknown> | undefined
    if (!doc) continue
    docs.push(doc)
    const revs = (doc._conflicts as string[] | undefined) ?? []
    if (revs.length) {
      const losers = await records.get(row.id, { open_revs: revs, attachments: true } as PouchDB.Core.GetOpenRevisions)
      for (const r of losers as unknown as { ok?: Record<string, unknown> }[]) if (r.ok) conflicts.push(r.ok)
    }
  }
  return { area, name: records.name, updateSeq: info.update_seq, docs, conflicts }
}

export async function exportDevice(stores: { area: string; records: RecordDb }[], who: { user: string; device?: string }, now: Date, media?: MediaStore): Promise<DeviceExport> {
  const dbs: ExportedDb[] = []
  for (const s of stores) dbs.push(await exportRecordDb(s.area, s.records))
  const photos = media ? await exportWaitingPhotos(media) : {}
  return { format: EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), user: who.user, ...(who.device ? { device: who.device } : {}), dbs, ...photos }
}

export function exportedCount(exp: DeviceExport): number {
  return exp.dbs.reduce((n, d) => n + d.docs.filter((doc) => !String(doc._id).startsWith('_design/')).length, 0)
}

/** `cdd-export-<user>-<yyyymmdd-hhmm>.json` (UTC, so the name never depends on the phone's zone). */
export function exportFileName(user: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return `cdd-export-${user.replace(/[^a-z0-9_-]/gi, '_')}-${stamp}.json`
}

/** What the export covered, per local db name, remembered for sign-out. */
export const EXPORT_MARK_KEY = 'sync.exported'

export type ExportMark = Record<string, string | number>

export function exportMark(exp: DeviceExport): ExportMark {
  return { ...Object.fromEntries(exp.dbs.map((d) => [d.name, d.updateSeq])), ...(exp.photosKey !== undefined ? { [MEDIA_MARK]: exp.photosKey } : {}) }
}
