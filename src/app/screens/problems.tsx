import type { ProblemRow } from '../../store/local-db'
import { useI18n } from '../i18n'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

/** Rows are data that arrived from elsewhere: read defensively, so one odd row never blanks the list. */
function problemsOf(row: ProblemRow): { path: string; message: string }[] {
  return Array.isArray(row.problems) ? row.problems.map((p) => ({ path: String(p?.path ?? ''), message: String(p?.message ?? '') })) : []
}

/** Docs that failed their schema on read-back (quarantined by the projector), each bad field named. */
export function ProblemsScreen() {
  const { t, date } = useI18n()
  const { db } = useServices()
  const query = useLiveQuery(() => db.problems.toArray(), [db])
  return (
    <>
      <h1>{t('problems.title')}</h1>
      <p class="hint">{t('problems.intro')}</p>
      {query.error ? <p role="alert">{t('problems.readFailed')}</p> : null}
      {query.value === undefined && !query.error ? <p aria-busy="true">{t('app.loading')}</p> : null}
      {query.value?.length === 0 && <p>{t('problems.none')}</p>}
      <ul class="list">
        {(query.value ?? []).map((row) => (
          <li key={String(row.id)} class="card">
            <h2 class="problem__id">{String(row.id)}</h2>
            <p class="row__sub">
              {t('problems.type', { type: String(row.type ?? '?') })}
              {typeof row.seenAt === 'string' && row.seenAt ? ` · ${t('problems.seen', { date: date(row.seenAt.slice(0, 10)) })}` : ''}
            </p>
            <ul>
              {problemsOf(row).map((p, i) => (
                <li key={i}>
                  <code>{p.path || t('problems.wholeDoc')}</code>: {p.message}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  )
}
