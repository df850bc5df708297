import type { HouseholdRow, PlotRow } from '../../store/local-db'
import { householdsOfVillage, plotsOfTambon } from '../../store/area-rows'
import { useActiveEdition } from '../edition'
import { householdChips, localToday, plotChips } from '../../forms/work'
import { Chips } from '../components/chips'
import { compareHouseNumbers } from '../../schema/house-number'
import { useI18n } from '../i18n'
import { hrefFor } from '../router'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'
import { useState } from 'preact/hooks'
import { countStates, householdReviewStates, REVIEW_STATES, type ReviewState } from '../../store/reviews'
import { ReviewPill } from '../components/review-panel'

/** House numbers sort as people read them: 2 before 10, 12/1 after 12. */
const byHouse = (a: HouseholdRow, b: HouseholdRow) => compareHouseNumbers(a.houseId, b.houseId)

export function VillageScreen({ code }: { code: string }) {
  const { t, num } = useI18n()
  const { db } = useServices()
  const today = localToday()
  const rubric = useActiveEdition(today).edition
  const village = useLiveQuery(async () => (await db.villages.get(code)) ?? null, [db, code]).value
  const households = useLiveQuery(() => householdsOfVillage(db, code), [db, code]).value
  const plots = useLiveQuery(async () => {
    // The village's own HLM plots, and the CLM site(s) of its tambon (a CLM site serves the tambon).
    const tambon = code.slice(0, 6)
    const rows = await plotsOfTambon(db, tambon)
    return rows.filter((p) => p.villageCode === code || (p.kind === 'CLM' && !p.villageCode)).sort((a, b) => (a.kind === b.kind ? a.plotNo.localeCompare(b.plotNo, 'th', { numeric: true }) : a.kind === 'CLM' ? -1 : 1))
  }, [db, code]).value

  const [filter, setFilter] = useState<ReviewState | 'all'>('all')
  const states = useLiveQuery(async () => householdReviewStates(db, households ?? []), [db, households]).value

  if (village === undefined) return <p aria-busy="true">{t('app.loading')}</p>
  if (village === null) return <h1>{t('village.notFound', { code })}</h1>
  const all = [...(households ?? [])].sort(byHouse)
  const counts = countStates(all.map((h) => states?.get(h.id) ?? 'waiting'))
  const list = filter === 'all' ? all : all.filter((h) => (states?.get(h.id) ?? 'waiting') === filter)
  const verified = list.filter((h) => h.verifiedOn).length
  const planned = list.filter((h) => h.planOn).length

  return (
    <>
      <a href={hrefFor({ name: 'villages' })} class="back-link">
        ‹ {t('villages.title')}
      </a>
      <h1>{t('village.moo', { moo: village.moo, name: village.name })}</h1>
      <p class="row__sub">{t('village.sub', { tambon: village.tambonName, code: village.code })}</p>
      <div class="button-row">
        <a class="button" href={hrefFor({ name: 'record', kind: 'household-new', parent: code })}>
          {t('village.addHousehold')}
        </a>
        <a class="button" href={hrefFor({ name: 'record', kind: 'complaint', parent: code })}>
          {t('village.addComplaint')}
        </a>
        <a class="button" href={hrefFor({ name: 'record', kind: 'pr-post', parent: code })}>
          {t('village.addPost')}
        </a>
        <a class="button" href={hrefFor({ name: 'record', kind: 'monitoring-report', parent: code })}>
          {t('village.addReport')}
        </a>
      </div>

      <section aria-labelledby="hh-heading">
        <h2 id="hh-heading">
          {t('village.households')} <span class="pill pill--muted">{t('village.progress', { verified: num(verified), planned: num(planned), total: num(list.length) })}</span>
        </h2>
        <div class="button-row review-filter" role="group" aria-label={t('review.filter')}>
          <button type="button" class="button" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
            {t('review.filter.all', { n: num(all.length) })}
          </button>
          {REVIEW_STATES.map((s) => (
            <button key={s} type="button" class="button" aria-pressed={filter === s} data-testid={`filter-${s}`} onClick={() => setFilter(s)}>
              {t(`review.state.${s}`)} {num(counts[s])}
            </button>
          ))}
        </div>
        {households === undefined ? (
          <p aria-busy="true">{t('app.loading')}</p>
        ) : list.length === 0 ? (
          <p class="hint">{t('village.noHouseholds')}</p>
        ) : (
          <ul class="list" data-testid="households">
            {list.map((h) => (
              <li key={h.id} class="row--split">
                <a href={hrefFor({ name: 'record', kind: 'household', id: h.id })}>
                  <span class="row__main">
                    <span>
                      {h.houseId} · {h.headName}
                    </span>
                    <span class="row__sub"> · {t('village.persons', { n: h.targetPersons })}</span>
                    <br />
                    <Chips chips={householdChips(h, today, rubric)} /> {states && <ReviewPill state={states.get(h.id) ?? 'waiting'} />}
                  </span>
                  <span aria-hidden="true">›</span>
                </a>
                {h.planOn && (
                  <a class="button" href={hrefFor({ name: 'record', kind: 'mentor-visit', parent: h.id })} aria-label={t('review.visitFor', { name: h.headName })}>
                    {t('review.visit')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="plots-heading">
        <h2 id="plots-heading">{t('village.plots')}</h2>
        {plots && plots.length === 0 ? (
          <p class="hint">{t('village.noPlots')}</p>
        ) : (
          <ul class="list" data-testid="plots">
            {(plots ?? []).map((p: PlotRow) => (
              <li key={p.id}>
                <a href={hrefFor({ name: 'record', kind: 'plot', id: p.id })}>
                  <span class="row__main">
                    <span>
                      <span class="pill pill--muted">{p.kind}</span> {p.plotNo}
                      {p.ownerName ? ` · ${p.ownerName}` : ''}
                    </span>
                    <br />
                    <Chips chips={plotChips(p)} />
                  </span>
                  <span aria-hidden="true">›</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
