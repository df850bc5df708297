import type { PhotoRef } from '../schema/media'
import { createMediaStore, mediaDbNameFor, openMediaDb, type MediaStore } from '../store/media-store'
import { openFullPhoto, type FullPhoto } from './media-fetch'
import { createMediaUploader, type MediaUploader } from './media-upload'
import type { Fetch } from './session'

/** The signed-in user's photos: the phone's media store, its uploader (with a server), and opening full photos. */
export interface PhotoService {
  media: MediaStore
  uploader: MediaUploader | null
  open(area: string, ref: PhotoRef): Promise<FullPhoto>
  close(): void
}

export function createPhotoService(user: string, server?: { base: string; fetch?: Fetch; online?: () => boolean }, media = createMediaStore(openMediaDb(mediaDbNameFor(user)))): PhotoService {
  const uploader = server ? createMediaUploader({ media, base: server.base, fetch: server.fetch, online: server.online }) : null
  return {
    media,
    uploader,
    open: (area, ref) => openFullPhoto({ media, base: server?.base ?? '/couch/', fetch: server?.fetch, online: server?.online ?? (() => false) }, area, ref),
    close() {
      uploader?.stop()
      media.db.close()
    },
  }
}
