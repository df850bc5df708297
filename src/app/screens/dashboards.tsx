import { EmptyState } from '../components/empty-state'
import { useI18n } from '../i18n'

export function DashboardsScreen(_props: { sub?: string }) {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('dashboards.title')}</h1>
      <EmptyState icon="▮" title={t('dashboards.empty.title')} body={t('dashboards.empty.body')} />
    </>
  )
}
