import { EmptyState } from '../components/empty-state'
import { useI18n } from '../i18n'

export function SyncScreen() {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('sync.title')}</h1>
      <EmptyState icon="⇅" title={t('sync.empty.title')} body={t('sync.empty.body')} />
    </>
  )
}
