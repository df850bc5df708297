import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../translator'
import { makeThumbnail, photoName, resizeImage } from '../photos'
import type { FormPhoto } from '../values'
import { BlobImage } from './blob-image'
import { idOf, type FieldProps } from './field-props'

/*
 * Photos: two ways in, because `capture` makes Android open the camera only — "take a photo" (the
 * rear camera) and "choose from the gallery" (no capture, several at once). Each photo is resized
 * on the phone (≤ 1280 px) and gets its thumbnail (≤ 30 KB) right away, so saving costs nothing more
 * and the draft already holds what the record will carry.
 */
export function PhotosField({ def, field, path, value, issue, message, onChange }: FieldProps) {
  const { t } = useI18n()
  const [working, setWorking] = useState(false)
  const [failed, setFailed] = useState(false)
  const photos = Array.isArray(value) ? (value as FormPhoto[]) : []
  const id = idOf(def.kind, path)
  // The latest list, for files that finish resizing after another change.
  const latest = useRef(photos)
  latest.current = photos

  const add = async (files: FileList | null) => {
    if (!files?.length) return
    setWorking(true)
    setFailed(false)
    const added: FormPhoto[] = []
    const now = Date.now()
    for (const [i, file] of [...files].entries()) {
      try {
        const blob = await resizeImage(file)
        added.push({ name: photoName(now, i), blob, thumb: await makeThumbnail(blob) })
      } catch (error) {
        console.warn('photo could not be read', error)
        setFailed(true)
      }
    }
    setWorking(false)
    if (added.length) onChange(path, [...latest.current, ...added])
  }
  const onFiles = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement
    void add(input.files).then(() => {
      input.value = ''
    })
  }

  return (
    <div class={`field${issue ? ' field--invalid' : ''}`} data-field={path}>
      <span class="field__label" id={`${id}-label`}>
        {t(field.label)}
      </span>
      <div class="photo-buttons">
        <input id={id} class="visually-hidden" type="file" accept="image/*" capture="environment" aria-labelledby={`${id}-label ${id}-camera`} onChange={onFiles} data-testid="photo-camera" />
        {/* After each (visually hidden) input, so its keyboard focus shows on the button-like label. */}
        <label class="button photo-button" for={id} id={`${id}-camera`}>
          {t('form.photo.camera')}
        </label>
        <input id={`${id}-gallery`} class="visually-hidden" type="file" accept="image/*" multiple aria-labelledby={`${id}-label ${id}-gallery-button`} onChange={onFiles} data-testid="photo-gallery" />
        <label class="button photo-button" for={`${id}-gallery`} id={`${id}-gallery-button`}>
          {t('form.photo.gallery')}
        </label>
      </div>
      {working && <p role="status">{t('form.photo.working')}</p>}
      {failed && <p class="field__error">{t('form.photo.failed')}</p>}
      {photos.length > 0 && (
        <ul class="thumbs" aria-label={t(field.label)}>
          {photos.map((photo, i) => (
            <li key={photo.name}>
              <BlobImage blob={photo.thumb ?? photo.blob} alt={t('form.photo.alt', { n: i + 1 })} />
              <button type="button" class="button thumbs__remove" onClick={() => onChange(path, photos.filter((p) => p.name !== photo.name))}>
                {t('form.photo.remove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {issue && <div class="field__error">{message(issue)}</div>}
    </div>
  )
}
