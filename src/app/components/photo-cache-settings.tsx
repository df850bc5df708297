import { useState } from 'preact/hooks'
import { useI18n } from '../i18n'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

/** Settings: how much the kept full photos take, and a button to clear them (never the ones waiting). */
export function PhotoCacheSettings() {
  const { t, num } = useI18n()
  const { stores } = useServices()
  const media = stores?.photos.media
  const [cleared, setCleared] = useState<number | null>(null)
  const info = useLiveQuery(async () => (media ? { bytes: await media.storedBytes(), waiting: await media.countWaiting() } : null), [media]).value
  if (!media || !info) return null
  const mb = `${num(info.bytes / 1024 ** 2, 1)} MB`
  return (
    <section class="card" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t('settings.photos')}</h2>
      <p data-testid="photos-stored">{t('settings.photos.stored', { size: mb })}</p>
      {info.waiting > 0 && <p class="hint">{t('settings.photos.waiting', { count: info.waiting })}</p>}
      <button type="button" class="button" disabled={info.bytes === 0} onClick={() => void media.clearStored().then(setCleared)} data-testid="photos-clear">
        {t('settings.photos.clear')}
      </button>
      {cleared !== null && (
        <p role="status" class="hint">
          {t('settings.photos.cleared', { count: cleared })}
        </p>
      )}
    </section>
  )
}
