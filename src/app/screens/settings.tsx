import { PhotoCacheSettings } from '../components/photo-cache-settings'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../i18n'
import { useServices } from '../services'
import { writeSetting } from '../settings'
import { readStorageStatus, requestPersistence, type StorageStatus } from '../storage-status'

function formatBytes(bytes: number, num: (v: number, d?: number) => string): string {
  if (bytes >= 1024 ** 3) return `${num(bytes / 1024 ** 3, 1)} GB`
  if (bytes >= 1024 ** 2) return `${num(bytes / 1024 ** 2, 1)} MB`
  return `${num(bytes / 1024, 0)} KB`
}

export function SettingsScreen() {
  const { t, lang, thaiDigits, date, num } = useI18n()
  const { db } = useServices()
  const [storage, setStorage] = useState<StorageStatus | null>(null)
  useEffect(() => {
    void readStorageStatus().then(setStorage)
  }, [])

  return (
    <>
      <h1>{t('settings.title')}</h1>
      <form class="card" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('settings.language')}</legend>
          {(['th', 'en'] as const).map((value) => (
            <label class="choice" key={value}>
              <input type="radio" name="lang" value={value} checked={lang === value} onChange={() => void writeSetting(db, 'lang', value)} />
              {t(`settings.language.${value}`)}
            </label>
          ))}
        </fieldset>
        <label class="choice">
          <input type="checkbox" checked={thaiDigits} onChange={(e) => void writeSetting(db, 'thaiDigits', e.currentTarget.checked)} />
          {t('settings.thaiDigits')}
        </label>
        <p class="hint">{t('settings.dateExample', { date: date('2022-01-20') })}</p>
      </form>

      <section class="card" aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t('settings.storage')}</h2>
        {storage === null ? (
          <p>{t('app.loading')}</p>
        ) : !storage.supported ? (
          <p>{t('settings.storage.unknown')}</p>
        ) : (
          <>
            <p data-testid="storage-persisted">{storage.persisted ? t('settings.storage.persisted') : t('settings.storage.notPersisted')}</p>
            <p>{t('settings.storage.used', { used: formatBytes(storage.usage, num), quota: formatBytes(storage.quota, num) })}</p>
            {!storage.persisted && (
              <button type="button" class="button" onClick={() => void requestPersistence().then(readStorageStatus).then(setStorage)}>
                {t('settings.storage.request')}
              </button>
            )}
          </>
        )}
      </section>
      <PhotoCacheSettings />
      <p class="hint">
        {t('settings.version')}: {__APP_VERSION__}
      </p>
    </>
  )
}
