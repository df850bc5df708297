import type { HouseholdRow } from '../../store/local-db'
import { listDrafts, type Draft } from '../../forms/drafts'
import { daysBetween, isDueVisit, localToday, visitsNeeded } from '../../forms/work'
import type { Rubric } from '../../scoring/edition-schema'
import { EmptyState } from '../components/empty-state'
import { compareHouseNumbers } from '../../schema/house-number'
import { ReturnedList } from '../components/returned-list'
import { EditionBanner } from '../components/edition-banner'
import { useActiveEdition } from '../edition'
import { useI18n } from '../i18n'
import { hrefFor, type Route } from '../router'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

const SHOW = 15

/**
 * The route a draft continues at: a household check reopens on the household's page; a province
 * fact (kind `facts-m3`, id `facts:43:m3`) on the supervisor's facts form.
 */
export function draftRoute(draft: Pick<Draft, 'target'>): Route {
  const { kind, id, parent } = draft.target
  if (kind.startsWith('facts-') && id) {
    const [, province = '', mission = kind.slice('facts-'.length)] = id.split(':')
    return { name: 'dashboards', sub: `facts/${province}/${mission}` }
  }
  return { name: 'record', kind, id, parent }
}

const DRAFT_TITLES: Record<string, string> = {
  household: 'form.household.title',
  'household-new': 'form.householdNew.title',
  'mentor-visit': 'form.visit.title',
  assistance: 'form.assistance.title',
  'plot-assessment': 'home.draft.assessment',
  complaint: 'form.complaint.title',
  'pr-post': 'form.post.title',
  'monitoring-report': 'form.report.title',
}

/** Households due a visit under the active edition, those needing the most visits first, then by village and house. */
export function dueHouseholds(rows: readonly HouseholdRow[], today: string, rubric?: Rubric): HouseholdRow[] {
  return rows
    .filter((h) => isDueVisit(h, today, rubric))
    .sort((a, b) => visitsNeeded(b, today, rubric) - visitsNeeded(a, today, rubric) || a.villageCode.localeCompare(b.villageCode) || compareHouseNumbers(a.houseId, b.houseId))
}

function More({ n }: { n: number }) {
  const { t } = useI18n()
  return n > 0 ? <li class="hint more">{t('home.more', { n })}</li> : null
}

export function HomeScreen() {
  const { t, date, num } = useI18n()
  const { db } = useServices()
  const today = localToday()
  const active = useActiveEdition(today)
  const rubric = active.edition
  const data = useLiveQuery(async () => {
    const [households, plots, complaints, drafts, problems, villages] = await Promise.all([
      db.households.filter((h) => !!h.planOn).toArray(),
      db.plots.filter((p) => !p.latest).toArray(),
      db.complaints.where('open').equals(1).toArray(),
      listDrafts(db),
      db.problems.count(),
      db.villages.count(),
    ])
    const due = dueHouseholds(households, today, rubric)
    // Village names for the rows shown (house numbers repeat across villages).
    const codes = [...new Set(due.slice(0, SHOW).map((h) => h.villageCode))]
    const names = new Map((await db.villages.bulkGet(codes)).filter((v) => !!v).map((v) => [v!.code, t('village.moo', { moo: v!.moo, name: v!.name })]))
    return { due, villageNames: names, plots, complaints: complaints.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn)), drafts, problems, villages }
  }, [db, today, t, rubric]).value

  if (!data) return <p aria-busy="true">{t('app.loading')}</p>
  const nothing = data.villages === 0 && data.drafts.length === 0 && data.problems === 0
  return (
    <>
      <h1>{t('home.title')}</h1>
      <EditionBanner active={active} />
      {data.problems > 0 && (
        <div class="banner banner--bad" role="status">
          <span>{t('home.problems', { n: data.problems })}</span>
          <a class="button" href={hrefFor({ name: 'problems' })}>
            {t('home.problems.open')}
          </a>
        </div>
      )}
      <ReturnedList />
      {nothing && <EmptyState icon="⌂" title={t('home.empty.title')} body={t('home.empty.body')} />}

      {data.drafts.length > 0 && (
        <section class="card" aria-labelledby="drafts-h">
          <h2 id="drafts-h">
            {t('home.drafts')} <span class="pill pill--warn">{num(data.drafts.length)}</span>
          </h2>
          <ul class="list" data-testid="drafts">
            {data.drafts.map((d) => (
              <li key={d.key}>
                <a href={hrefFor(draftRoute(d))}>
                  <span class="row__main">
                    {d.target.kind.startsWith('facts-') ? t('home.draft.facts', { mission: d.target.kind.slice('facts-m'.length) }) : t(DRAFT_TITLES[d.target.kind] ?? d.target.kind)}
                    {d.meta.title ? ` · ${d.meta.title}` : ''}
                    <span class="row__sub"> · {t('home.draft.saved', { date: date(localToday(new Date(d.updatedAt))) })}</span>
                  </span>
                  <span aria-hidden="true">›</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!nothing && (
        <>
          <section class="card" aria-labelledby="due-h">
            <h2 id="due-h">
              {t('home.dueVisits')} <span class={`pill ${data.due.length ? 'pill--bad' : 'pill--ok'}`}>{num(data.due.length)}</span>
            </h2>
            <p class="hint">{t('home.dueVisits.hint')}</p>
            <ul class="list">
              {data.due.slice(0, SHOW).map((h) => (
                <li key={h.id}>
                  <a href={hrefFor({ name: 'record', kind: 'household', id: h.id })}>
                    <span class="row__main">
                      {h.headName}
                      <span class="row__sub"> · {t('home.houseIn', { house: h.houseId, village: data.villageNames.get(h.villageCode) ?? h.villageCode })}</span>
                    </span>
                    <span class="pill pill--bad">{t('home.visitsNeeded', { n: visitsNeeded(h, today, rubric) })}</span>
                  </a>
                </li>
              ))}
              <More n={data.due.length - SHOW} />
            </ul>
          </section>

          <section class="card" aria-labelledby="plots-h">
            <h2 id="plots-h">
              {t('home.unassessedPlots')} <span class={`pill ${data.plots.length ? 'pill--warn' : 'pill--ok'}`}>{num(data.plots.length)}</span>
            </h2>
            <ul class="list">
              {data.plots.slice(0, SHOW).map((p) => (
                <li key={p.id}>
                  <a href={hrefFor({ name: 'record', kind: 'plot', id: p.id })}>
                    <span class="row__main">
                      <span class="pill pill--muted">{p.kind}</span> {p.plotNo}
                      {p.ownerName ? <span class="row__sub"> · {p.ownerName}</span> : null}
                    </span>
                    <span aria-hidden="true">›</span>
                  </a>
                </li>
              ))}
              <More n={data.plots.length - SHOW} />
            </ul>
          </section>

          <section class="card" aria-labelledby="complaints-h">
            <h2 id="complaints-h">
              {t('home.openComplaints')} <span class={`pill ${data.complaints.length ? 'pill--warn' : 'pill--ok'}`}>{num(data.complaints.length)}</span>
            </h2>
            <ul class="list">
              {data.complaints.slice(0, SHOW).map((c) => {
                const days = daysBetween(c.receivedOn, today)
                return (
                  <li key={c.id}>
                    <a href={hrefFor({ name: 'record', kind: 'complaint', id: c.id })}>
                      <span class="row__main">
                        {c.subject}
                        <span class="row__sub"> · {t('home.receivedOn', { date: date(c.receivedOn) })}</span>
                      </span>
                      <span class={`pill ${days > 15 ? 'pill--bad' : days > 7 ? 'pill--warn' : 'pill--muted'}`}>{t('home.daysOpen', { n: days })}</span>
                    </a>
                  </li>
                )
              })}
              <More n={data.complaints.length - SHOW} />
            </ul>
            <a class="button" href={hrefFor({ name: 'complaints' })} data-testid="all-complaints-link">
              {t('lists.complaints.link')}
            </a>
          </section>
        </>
      )}
    </>
  )
}
