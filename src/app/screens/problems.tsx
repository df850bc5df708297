import { useI18n } from '../i18n'

/** Docs that failed their schema on read-back (quarantined by the projector). */
export function ProblemsScreen() {
  const { t } = useI18n()
  return <h1>{t('app.notFound')}</h1>
}
