import { EmptyState } from '../components/empty-state'
import { useI18n } from '../i18n'

/** Placeholder until src/sync provides the CouchDB _session login. */
export function LoginScreen() {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('login.title')}</h1>
      <EmptyState icon="☺" title={t('login.title')} body={t('login.needed')} />
    </>
  )
}
