import { EmptyState } from '../components/empty-state'
import { useI18n } from '../i18n'

export function HomeScreen() {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('home.title')}</h1>
      <EmptyState icon="⌂" title={t('home.empty.title')} body={t('home.empty.body')} />
    </>
  )
}
