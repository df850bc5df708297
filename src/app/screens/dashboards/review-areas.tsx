import { useMemo, useState } from 'preact/hooks'
import { readReviewables, reviewCountsByArea } from '../../../store/review-areas'
import { REVIEW_STATES, type ReviewState } from '../../../store/reviews'
import { areaLabel, useAreaNames } from '../../area-names'
import { useI18n } from '../../i18n'
import { useServices } from '../../services'
import { useThrottledLiveQuery } from '../../use-live-query'

/** Every record id of the area is read: during a first sync, at most once per this many ms. */
const REVIEW_COUNTS_EVERY_MS = 4000
const REVIEW_TABLES = ['households', 'complaints', 'plots', 'events']

/**
 * Review states per sub-area of the area shown (issue 15): a province by district, a district by
 * sub-district, a sub-district by village, with the area's total, and a filter to the sub-areas
 * that have records waiting, returned or approved.
 */
export function ReviewAreas({ area }: { area: string }) {
  const tr = useI18n()
  const { t, num } = tr
  const { db } = useServices()
  const names = useAreaNames()
  const [only, setOnly] = useState<ReviewState | ''>('')
  const data = useThrottledLiveQuery(db, REVIEW_TABLES, REVIEW_COUNTS_EVERY_MS, () => readReviewables(db, area), [area]).value
  const counted = useMemo(() => (data ? reviewCountsByArea(data.records, data.reviews, area, only || undefined) : undefined), [data, area, only])
  if (!counted) return null
  const link = (code: string) => (code.length === 8 ? `#/dashboards/village/${code}` : `#/dashboards/area/${code}`)
  return (
    <section class="card" aria-labelledby="sup-reviews" data-testid="review-areas">
      <h2 id="sup-reviews">{t('lists.reviews.title')}</h2>
      <div class="field">
        <label for="sup-review-filter">{t('lists.reviews.filter')}</label>
        <select id="sup-review-filter" value={only} onChange={(e) => setOnly((e.currentTarget as HTMLSelectElement).value as ReviewState | '')} data-testid="review-areas-filter">
          <option value="">{t('lists.reviews.filter.all')}</option>
          {REVIEW_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`review.state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <table class="review-areas">
        <caption class="row__sub">{t('lists.reviews.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lists.reviews.area')}</th>
            {REVIEW_STATES.map((s) => (
              <th scope="col" key={s}>
                {t(`review.state.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counted.rows.map((row) => (
            <tr key={row.code} data-testid={`review-area-${row.code}`} data-waiting={row.counts.waiting} data-returned={row.counts.returned} data-approved={row.counts.approved}>
              <th scope="row">
                <a href={link(row.code)}>{areaLabel(tr, names, row.code)}</a>
              </th>
              {REVIEW_STATES.map((s) => (
                <td key={s}>{num(row.counts[s])}</td>
              ))}
            </tr>
          ))}
          {counted.rows.length === 0 && (
            <tr>
              <td colSpan={4}>{t('lists.reviews.none')}</td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr data-testid="review-area-total" data-waiting={counted.total.waiting} data-returned={counted.total.returned} data-approved={counted.total.approved}>
            <th scope="row">{t('lists.reviews.total')}</th>
            {REVIEW_STATES.map((s) => (
              <td key={s}>{num(counted.total[s])}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  )
}
