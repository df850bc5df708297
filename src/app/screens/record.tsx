import { PlotView } from '../components/plot-view'
import { RecordForm } from '../components/record-form'
import { ReviewPanel } from '../components/review-panel'
import { useI18n } from '../i18n'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'
import { HouseholdScreen } from './household'

/**
 * Hosts any record by kind (lazy-loaded: forms bring the zod schemas). `household` and `plot` with
 * an id are pages (profile, history, one-tap actions); every other kind is a form:
 * household-new (parent = village code), mentor-visit and assistance (parent = household id),
 * plot-assessment (parent = plot id), complaint (id to resolve one; parent = village code or plot id),
 * pr-post and monitoring-report (parent = village code, optional).
 */
export function RecordScreen({ kind, id, parent }: { kind: string; id?: string; parent?: string }) {
  const { t } = useI18n()
  const { stores, db } = useServices()
  const complaint = useLiveQuery(async () => (kind === 'complaint' && id ? ((await db.complaints.get(id)) ?? null) : null), [db, kind, id]).value
  // Pages read photos and docs through the repository; a new record's form does not need it to open.
  if ((kind === 'household' || kind === 'plot') && id && !stores) return <p aria-busy="true">{t('form.preparing')}</p>
  if (kind === 'household' && id) return <HouseholdScreen id={id} />
  if (kind === 'plot' && id) return <PlotView id={id} />
  // From the officer's "returned for correction" list: straight to the household's check form.
  if (kind === 'household-fix' && id) return <RecordForm key={`household|${id}`} target={{ kind: 'household', id }} />
  if (kind === 'complaint' && id) {
    if (complaint === undefined) return <p aria-busy="true">{t('app.loading')}</p>
    return (
      <>
        {complaint && <ReviewPanel recordId={id} recordType="complaint" recordUpdatedAt={complaint.updatedAt} />}
        <RecordForm key={`${kind}|${id}|${parent ?? ''}`} target={{ kind, id, parent }} />
      </>
    )
  }
  // Keyed by target so moving between records starts a fresh form (and its own draft).
  return <RecordForm key={`${kind}|${id ?? ''}|${parent ?? ''}`} target={{ kind, id, parent }} />
}
