import { MEDIA_ATTACHMENT, mediaDbName, parseMediaId } from '../schema/media-names'
import type { PhotoRef } from '../schema/media'
import type { MediaStore } from '../store/media-store'
import type { Fetch } from './session'

/*
 * Opening a full-size photo: from the phone if it is there (taken here, or fetched before), else
 * GET its one attachment from the district's media store through the same-origin /couch/ proxy and
 * keep it in the bounded cache, so it opens offline afterwards. Offline and not on the phone: the
 * caller shows the thumbnail and says the full photo needs a connection.
 */

export type FullPhoto = { ok: true; blob: Blob; from: 'phone' | 'server' } | { ok: false; reason: 'offline' | 'missing' | 'denied' | 'failed' }

export interface OpenPhotoDeps {
  media: MediaStore
  base: string
  fetch?: Fetch
  online?: () => boolean
}

export function photoUrl(base: string, area: string, id: string): string {
  return `${base}${encodeURIComponent(mediaDbName(area))}/${encodeURIComponent(id)}/${MEDIA_ATTACHMENT}`
}

export async function openFullPhoto(deps: OpenPhotoDeps, area: string, ref: PhotoRef): Promise<FullPhoto> {
  const local = await deps.media.get(ref.id)
  if (local) {
    await deps.media.touch(ref.id).catch(() => undefined)
    return { ok: true, blob: local.blob, from: 'phone' }
  }
  if (deps.online?.() === false) return { ok: false, reason: 'offline' }
  let res: Response
  try {
    res = await (deps.fetch ?? fetch)(photoUrl(deps.base, area, ref.id), { credentials: 'include' })
  } catch {
    return { ok: false, reason: 'offline' }
  }
  if (res.status === 404) return { ok: false, reason: 'missing' }
  if (res.status === 401 || res.status === 403) return { ok: false, reason: 'denied' }
  if (!res.ok) return { ok: false, reason: 'failed' }
  const type = res.headers.get('content-type') ?? ref.type ?? 'image/jpeg'
  const blob = new Blob([await res.arrayBuffer()], { type })
  const parts = parseMediaId(ref.id)
  await deps.media
    .cache({ id: ref.id, area, recordId: parts?.recordId ?? '', blob, type, bytes: blob.size, createdAt: new Date(0).toISOString(), createdBy: parts?.author ?? '', device: '' })
    .catch((error: unknown) => console.warn('photo not cached', error))
  return { ok: true, blob, from: 'server' }
}
