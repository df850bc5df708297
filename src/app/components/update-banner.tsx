import { useEffect, useState } from 'preact/hooks'
import { applyUpdate, onUpdateState, type UpdateState } from '../sw-bridge'
import { useI18n } from '../i18n'

/** Offers a waiting new version; the user decides, and an open form defers it. */
export function UpdateBanner() {
  const { t } = useI18n()
  const [state, setState] = useState<UpdateState>({ kind: 'none' })
  const [dismissed, setDismissed] = useState(false)
  useEffect(() => onUpdateState(setState), [])
  if (state.kind !== 'available' || dismissed) return null
  return (
    <div class="banner" role="status">
      <span>{state.stalled ? t('update.stalled') : state.deferred ? t('update.afterForm') : t('update.available')}</span>
      {!state.deferred && !state.stalled && (
        <span class="banner__actions">
          <button type="button" class="button button--primary" onClick={applyUpdate}>
            {t('update.apply')}
          </button>
          <button type="button" class="button" onClick={() => setDismissed(true)}>
            {t('update.later')}
          </button>
        </span>
      )}
    </div>
  )
}
