import { useMemo } from 'preact/hooks'
import { complaintList, type ComplaintFilter } from '../../../store/complaint-list'
import { localToday } from '../../../forms/work'
import { areaLabel, useAreaNames } from '../../area-names'
import { useI18n } from '../../i18n'
import { hrefFor, navigate } from '../../router'
import { useServices } from '../../services'
import { useLiveQuery } from '../../use-live-query'

const SHOW = 200
const FILTERS: ComplaintFilter[] = ['all', 'open', 'resolved']

/**
 * All complaints of the area (issue 15), open and resolved, newest first: where (village by name when
 * the complaint is about a village's plot, else its sub-district), subject, status and the days it
 * took to resolve (open: the days so far). One tap opens the complaint's record.
 */
export function ComplaintsScreen({ filter: filterParam, area: areaParam }: { filter?: string; area?: string }) {
  const tr = useI18n()
  const { t, date, num } = tr
  const { db, deviceUser } = useServices()
  const names = useAreaNames()
  const today = localToday()
  const filter: ComplaintFilter = FILTERS.includes(filterParam as ComplaintFilter) ? (filterParam as ComplaintFilter) : 'all'
  const areas = deviceUser?.areas ?? []
  const area = areaParam && areas.some((a) => areaParam.startsWith(a)) ? areaParam : ''
  const data = useLiveQuery(async () => {
    const rows = await db.complaints.toArray()
    const plotIds = [...new Set(rows.map((r) => r.plotId).filter((id): id is string => !!id))]
    const plots = await db.plots.bulkGet(plotIds)
    const plotVillages = new Map(plots.filter((p) => !!p?.villageCode).map((p) => [p!.id, p!.villageCode!]))
    return { rows, plotVillages }
  }, [db]).value
  const list = useMemo(() => (data ? complaintList(data.rows, today, { filter, area, plotVillages: data.plotVillages }) : undefined), [data, today, filter, area])
  const go = (next: { filter?: ComplaintFilter; area?: string }) =>
    navigate({ name: 'complaints', filter: (next.filter ?? filter) === 'all' ? undefined : (next.filter ?? filter), area: (next.area ?? area) || undefined })

  return (
    <>
      <a href={hrefFor({ name: 'home' })} class="back-link">
        ‹ {t('nav.home')}
      </a>
      <h1>{t('lists.complaints.title')}</h1>
      {(areas.length > 1 || (area && !areas.includes(area))) && (
        <div class="field">
          <label for="complaints-area">{t('lists.complaints.area')}</label>
          <select id="complaints-area" value={area} onChange={(e) => go({ area: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('sup.filter.all')}</option>
            {(area && !areas.includes(area) ? [...areas, area] : areas).map((code) => (
              <option key={code} value={code}>
                {areaLabel(tr, names, code)}
              </option>
            ))}
          </select>
        </div>
      )}
      {!list ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <div class="button-row review-filter" role="group" aria-label={t('lists.complaints.filter')}>
            {FILTERS.map((f) => (
              <button key={f} type="button" class="button" aria-pressed={filter === f} onClick={() => go({ filter: f })} data-testid={`complaints-filter-${f}`}>
                {t(`lists.complaints.${f}`, { n: num(list.counts[f]) })}
              </button>
            ))}
          </div>
          {list.items.length === 0 && <p class="hint">{t('lists.complaints.none')}</p>}
          <ul class="list" data-testid="complaints-list">
            {list.items.slice(0, SHOW).map((c) => (
              <li key={c.id}>
                <a href={hrefFor({ name: 'record', kind: 'complaint', id: c.id })} data-testid="complaint-row" data-days={c.days} data-open={c.open ? '1' : '0'}>
                  <span class="row__main">
                    {c.subject}
                    <span class="row__sub complaint-row__where">
                      {c.villageCode ? `${areaLabel(tr, names, c.villageCode)} ` : ''}
                      {areaLabel(tr, names, c.tambonCode)}
                    </span>
                    <span class="row__sub complaint-row__dates">
                      {t('lists.complaints.received', { date: date(c.receivedOn) })}
                      {c.resolvedOn ? ` · ${t('lists.complaints.resolvedOn', { date: date(c.resolvedOn) })}` : ''}
                    </span>
                  </span>
                  <span class="complaint-row__state">
                    <span class={`pill ${c.open ? (c.days > 15 ? 'pill--bad' : 'pill--warn') : 'pill--ok'}`}>{t(`lists.complaints.state.${c.open ? 'open' : 'resolved'}`)}</span>
                    <span class="complaint-row__days">{t(c.open ? 'lists.complaints.daysOpen' : 'lists.complaints.daysToResolve', { n: num(c.days) })}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {list.items.length > SHOW && <p class="hint">{t('lists.more', { shown: num(SHOW), n: num(list.items.length) })}</p>}
        </>
      )}
    </>
  )
}
