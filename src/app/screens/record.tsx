import { useI18n } from '../i18n'

/** Hosts the form of one record kind (household check, visit, assessment, complaint…). */
export function RecordScreen({ kind }: { kind: string; id?: string; parent?: string }) {
  const { t } = useI18n()
  return <h1>{t('app.notFound')}: {kind}</h1>
}
