import { returnedRecords, type ReturnedRecord } from '../../store/reviews'
import { useI18n } from '../i18n'
import { hrefFor, type Route } from '../router'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

/** Where the fix of a returned record is: the form itself for edited records, the parent's page for observations. */
export function fixRoute(r: Pick<ReturnedRecord, 'recordId' | 'recordType' | 'parentId'>): Route {
  if (r.recordType === 'household') return { name: 'record', kind: 'household-fix', id: r.recordId }
  if (r.recordType === 'complaint') return { name: 'record', kind: 'complaint', id: r.recordId }
  const parent = r.parentId ?? ''
  return { name: 'record', kind: parent.startsWith('plot:') ? 'plot' : 'household', id: parent }
}

/** The officer's home: records a supervisor returned, with the comment, one tap from the fix. */
export function ReturnedList() {
  const { t, date } = useI18n()
  const { db } = useServices()
  const returned = useLiveQuery(() => returnedRecords(db), [db]).value ?? []
  if (returned.length === 0) return null
  return (
    <section class="card card--returned" aria-labelledby="returned-h" data-testid="returned">
      <h2 id="returned-h">
        {t('home.returned')} <span class="pill pill--bad">{returned.length}</span>
      </h2>
      <ul class="list">
        {returned.map((r) => (
          <li key={r.recordId}>
            <a href={hrefFor(fixRoute(r))} data-testid="returned-item">
              <span class="row__main">
                {t(`review.type.${r.recordType}`)} · {r.title}
                <span class="returned__comment">“{r.review.comment}”</span>
                <span class="row__sub">{t('review.by', { by: r.review.by, date: date(r.review.at.slice(0, 10)) })}</span>
              </span>
              <span class="pill pill--bad">{t('home.returned.fix')}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
