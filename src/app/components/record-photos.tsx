import { useEffect, useRef, useState } from 'preact/hooks'
import type { PhotoRef } from '../../schema/media'
import { BlobImage } from '../../forms/form-renderer'
import type { FullPhoto } from '../../sync/media-fetch'
import { useI18n } from '../i18n'
import { useServices } from '../services'

/*
 * A record's photos. New records carry thumbnails inline and link their full photos (media store);
 * tapping one opens it full size: from the phone if it is there, else fetched online (then kept in
 * the bounded cache); offline, the thumbnail with a word that the full photo needs a connection.
 * Older records (before the media store) carry full-size photos as attachments: shown as they are.
 */

interface Shown {
  ref?: PhotoRef
  thumb: Blob | null
  /** Old records: the full photo is the attachment itself. */
  full?: Blob
  /** Whether the full photo is on this phone (taken here, or opened before). */
  local: boolean
  waiting: boolean
}

export function RecordPhotos({ recordId, area }: { recordId: string; area: string }) {
  const { t } = useI18n()
  const { stores } = useServices()
  const [photos, setPhotos] = useState<Shown[]>([])
  const [open, setOpen] = useState<number | null>(null)
  useEffect(() => {
    if (!stores) return
    let cancelled = false
    const repository = stores.storeFor(area).repository
    void (async () => {
      const doc = await repository.get(recordId)
      const refs = (doc?.photos as PhotoRef[] | undefined) ?? []
      const names = Object.keys((doc?._attachments as Record<string, unknown> | undefined) ?? {})
      const read = (name: string) => repository.photo(recordId, name).catch(() => null)
      let shown: Shown[]
      if (refs.length) {
        shown = await Promise.all(
          refs.map(async (ref) => {
            const row = await stores.photos.media.get(ref.id).catch(() => undefined)
            return { ref, thumb: ref.thumb ? await read(ref.thumb) : null, local: !!row, waiting: row?.state === 'waiting' || row?.state === 'refused' }
          }),
        )
      } else {
        shown = (await Promise.all(names.map(read))).filter((b): b is Blob => !!b).map((blob) => ({ thumb: blob, full: blob, local: true, waiting: false }))
      }
      if (!cancelled) setPhotos(shown)
    })().catch((error: unknown) => console.warn('photos not read', error))
    return () => {
      cancelled = true
    }
  }, [stores, recordId, area])
  if (!photos.length) return null
  const online = typeof navigator === 'undefined' || navigator.onLine
  return (
    <>
      <ul class="thumbs" data-testid="record-photos">
        {photos.map((p, i) => (
          <li key={i}>
            <button type="button" class="thumb-button" onClick={() => setOpen(i)} aria-label={t('photo.open', { n: i + 1 })}>
              {p.thumb ? <BlobImage blob={p.thumb} alt={t('form.photo.alt', { n: i + 1 })} /> : <span class="thumb thumb--empty">{t('photo.noThumb')}</span>}
            </button>
            {p.waiting && <span class="thumb__note">{t('photo.waiting')}</span>}
            {!p.local && !online && <span class="thumb__note">{t('photo.needsNet')}</span>}
          </li>
        ))}
      </ul>
      {open !== null && photos[open] && <PhotoViewer n={open + 1} photo={photos[open]} area={area} onClose={() => setOpen(null)} />}
    </>
  )
}

function PhotoViewer({ n, photo, area, onClose }: { n: number; photo: Shown; area: string; onClose: () => void }) {
  const { t } = useI18n()
  const { stores } = useServices()
  const [result, setResult] = useState<FullPhoto | null>(photo.full ? { ok: true, blob: photo.full, from: 'phone' } : null)
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    closeRef.current?.focus()
    if (photo.full || !photo.ref || !stores) return
    let cancelled = false
    void stores.photos.open(area, photo.ref).then((r) => !cancelled && setResult(r))
    return () => {
      cancelled = true
    }
  }, [photo, area, stores])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [onClose])
  const why = result && !result.ok ? ({ offline: 'photo.offline', missing: 'photo.missing', denied: 'photo.denied', failed: 'photo.failed' } as const)[result.reason] : null
  return (
    <div class="photo-viewer" role="dialog" aria-modal="true" aria-labelledby="photo-viewer-title" data-testid="photo-viewer">
      <div class="photo-viewer__bar">
        <h2 id="photo-viewer-title">{t('photo.title', { n })}</h2>
        <button type="button" class="button" ref={closeRef} onClick={onClose}>
          {t('photo.close')}
        </button>
      </div>
      {result?.ok ? (
        <BlobImage class="photo-viewer__img" blob={result.blob} alt={t('form.photo.alt', { n })} />
      ) : (
        <>
          {photo.thumb && <BlobImage class="photo-viewer__img photo-viewer__img--thumb" blob={photo.thumb} alt={t('form.photo.alt', { n })} />}
          <p role="status" class={why ? 'photo-viewer__note' : 'hint'} data-testid="photo-viewer-status">
            {why ? t(why) : t('photo.loading')}
          </p>
        </>
      )}
    </div>
  )
}
