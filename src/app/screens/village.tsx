import { EmptyState } from '../components/empty-state'
import { useI18n } from '../i18n'

export function VillageScreen({ code }: { code: string }) {
  const { t } = useI18n()
  return (
    <>
      <h1>{code}</h1>
      <EmptyState icon="▦" title={t('villages.empty.title')} body={t('villages.empty.body')} />
    </>
  )
}
