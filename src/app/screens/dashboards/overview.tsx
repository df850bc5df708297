import { useEffect, useMemo, useState } from 'preact/hooks'
import { areaLevel, rowsWithin } from '../../../store/score-input'
import { areaLabel, useAreaNames } from '../../area-names'
import { sortProgress, sumProgress, villageProgress, type SortKey } from '../../../store/village-progress'
import { EmptyState } from '../../components/empty-state'
import { useI18n } from '../../i18n'
import { useServices } from '../../services'
import { hrefFor } from '../../router'
import { MonthChart } from './chart'
import { monthlySeries } from './chart-data'
import { AsOfPicker, useAreaFacts, useAsOf } from './common'
import { CoverageNotice, useCoverage } from './coverage'
import { MissionList } from './missions'
import { ProgressBars } from './progress'
import { ReviewAreas } from './review-areas'
import { ModeLine, ModeSetting } from './scoring-mode'

/** The areas this device can show: its province (if it holds one), its districts, and the sub-districts of the current district. */
function areaOptions(areas: readonly string[], tambons: { code: string }[]): string[] {
  return [...areas.filter((a) => a.length === 2), ...areas.filter((a) => a.length === 4), ...tambons.map((tb) => tb.code)]
}

/** Where the dashboards open: a province supervisor on the province, anyone else on their district. */
export function defaultArea(areas: readonly string[], home: string): string {
  const province = areas.find((a) => a.length === 2)
  if (province) return province
  if (home.length === 4) return home
  return areas.find((a) => a.length === 4) ?? home
}

/** The area last shown, remembered on the device so coming back to the dashboards shows it again. */
export const AREA_SETTING = 'dashboards.area'

export function Overview({ area }: { area: string }) {
  const tr = useI18n()
  const { t, num } = tr
  const { deviceUser } = useServices()
  const [asOf, setAsOf, rubric] = useAsOf()
  const [sort, setSort] = useState<SortKey>('worst')
  const [tambon, setTambon] = useState('')
  // One live query for the district (or province); a sub-district is narrowed from it in memory.
  const district = area.length >= 4 ? area.slice(0, 4) : undefined
  const districtRows = useAreaFacts(district ?? area)
  const names = useAreaNames()
  const coverage = useCoverage(area)
  const { db } = useServices()
  useEffect(() => void db.settings.put({ key: AREA_SETTING, value: area }), [db, area])
  const rows = useMemo(() => (districtRows && area.length > 4 ? rowsWithin(districtRows, area) : districtRows), [districtRows, area])

  const tambons = useMemo(() => {
    const m = new Map<string, string>()
    for (const v of districtRows?.villages ?? []) if (district) m.set(v.tambonCode, v.tambonName)
    return [...m].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code))
  }, [districtRows, district])

  const progress = useMemo(
    () => (rows ? villageProgress({ villages: rows.villages ?? [], households: rows.households, plots: rows.plots, complaints: rows.complaints }, asOf, rubric) : []),
    [rows, asOf, rubric],
  )
  const totals = useMemo(() => sumProgress(progress, area), [progress, area])
  const list = useMemo(() => sortProgress(progress, sort, tambon || undefined), [progress, sort, tambon])
  const series = useMemo(() => (rows ? monthlySeries(rows.households, rows.posts, asOf, rubric) : undefined), [rows, asOf, rubric])

  const options = areaOptions(deviceUser?.areas ?? [], tambons)
  if (!options.includes(area)) options.unshift(area)
  const supervisor = deviceUser?.isSupervisor === true
  const empty = rows && rows.households.length === 0 && rows.plots.length === 0 && (rows.villages?.length ?? 0) === 0

  return (
    <>
      <h1>{t('dashboards.title')}</h1>
      <div class="sup-controls">
        <div class="field">
          <label for="sup-area">{t('sup.area')}</label>
          <select id="sup-area" value={area} onChange={(e) => (location.hash = `#/dashboards/area/${(e.currentTarget as HTMLSelectElement).value}`)}>
            {options.map((code) => (
              <option key={code} value={code}>
                {areaLabel(tr, names, code)}
              </option>
            ))}
          </select>
        </div>
        <AsOfPicker asOf={asOf} onChange={setAsOf} />
      </div>
      <nav class="button-row" aria-label={t('sup.actions')}>
        {supervisor && (
          <a class="button" href="#/dashboards/import">
            {t('sup.link.import')}
          </a>
        )}
        <a class="button" href={hrefFor({ name: 'complaints', area: area.length === 2 ? undefined : area })} data-testid="all-complaints-link">
          {t('lists.complaints.link')}
        </a>
        <a class="button" href={`#/dashboards/export/${area}`}>
          {t('sup.link.export')}
        </a>
        {supervisor && (deviceUser?.areas ?? []).some((a) => a.length === 2) && (
          <a class="button" href={`#/dashboards/facts/${area.slice(0, 2)}/m2`}>
            {t('sup.link.facts')}
          </a>
        )}
        {supervisor && (
          <a class="button" href="#/dashboards/rubric">
            {t('rubric.title')}
          </a>
        )}
      </nav>
      <CoverageNotice coverage={coverage} />
      <ModeLine area={area} />
      {!rows ? (
        <p aria-busy="true">{t('sup.loading')}</p>
      ) : empty ? (
        <EmptyState icon="▮" title={t('dashboards.empty.title')} body={t('dashboards.empty.body')} />
      ) : (
        <>
          <MissionList rows={rows} area={area} asOf={asOf} supervisor={supervisor} rubric={rubric} />
          <section aria-labelledby="sup-totals" class="card">
            <h2 id="sup-totals">{t('sup.progress.area')}</h2>
            <ProgressBars p={totals} mode="compact" />
          </section>
          <ReviewAreas area={area} />
          <ModeSetting area={area} />
          {series && (
            <section aria-labelledby="sup-chart" class="card">
              <h2 id="sup-chart">{t('sup.chart')}</h2>
              <MonthChart title={t('sup.chart.visits')} points={series.visits} testId="chart-visits" />
              <MonthChart title={t('sup.chart.postsM1')} points={series.postsM1} />
              <MonthChart title={t('sup.chart.postsM2')} points={series.postsM2} />
            </section>
          )}
          <section aria-labelledby="sup-progress">
            <h2 id="sup-progress">{t('sup.progress')}</h2>
            <div class="sup-controls">
              <div class="field">
                <label for="sup-sort">{t('sup.sort')}</label>
                <select id="sup-sort" value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as SortKey)}>
                  {(['worst', 'name', 'persons', 'visits'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`sup.sort.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              {areaLevel(area) === 'district' && tambons.length > 1 && (
                <div class="field">
                  <label for="sup-tambon">{t('sup.filter.tambon')}</label>
                  <select id="sup-tambon" value={tambon} onChange={(e) => setTambon((e.currentTarget as HTMLSelectElement).value)}>
                    <option value="">{t('sup.filter.all')}</option>
                    {tambons.map((tb) => (
                      <option key={tb.code} value={tb.code}>
                        {tb.name || areaLabel(tr, names, tb.code)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </div>
            <p class="hint">{t('sup.village.count', { count: num(list.length) })}</p>
            {list.length === 0 && <p>{t('sup.village.none')}</p>}
            <ul class="list sup-villages" data-testid="village-list">
              {list.slice(0, 300).map((p) => (
                <li key={p.code}>
                  <a href={`#/dashboards/village/${p.code}`} class="sup-village" data-testid={`village-${p.code}`}>
                    <span class="row__main">
                      <strong>{p.name ? t('sup.village.title', { moo: tr.digits(String(p.moo)), name: p.name }) : t('sup.village.unknown', { code: tr.digits(p.code) })}</strong>
                      <span class="row__sub">
                        {' '}
                        {p.tambonName} · {t('sup.village.score', { pct: num(Math.round(p.score * 100)) })}
                      </span>
                      <ProgressBars p={p} mode="mini" />
                    </span>
                    <span aria-hidden="true">›</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  )
}
