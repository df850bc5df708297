import { useI18n } from '../i18n'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

/** The sync screen's "photos waiting" line: full photos the server does not have yet. */
export function PhotosWaiting() {
  const { t } = useI18n()
  const { stores } = useServices()
  const media = stores?.photos.media
  const counts = useLiveQuery(async () => (media ? { waiting: await media.countWaiting(), refused: await media.db.photos.where('state').equals('refused').count() } : null), [media]).value
  if (!counts) return null
  return (
    <>
      <dl class="photos-waiting">
        <dt>{t('sync.photosWaiting')}</dt>
        <dd data-testid="sync-photos-waiting">{t('sync.photos', { count: counts.waiting })}</dd>
      </dl>
      {counts.refused > 0 && (
        <p class="field__error" role="alert" data-testid="sync-photos-refused">
          {t('sync.photosRefused', { count: counts.refused })}
        </p>
      )}
    </>
  )
}
