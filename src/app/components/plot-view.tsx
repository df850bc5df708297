import { eventsOf } from '../../store/events'
import type { EventRow } from '../../store/local-db'
import { plotChips } from '../../forms/work'
import { RecordPhotos } from './record-photos'
import { Chips } from './chips'
import { ReviewPanel } from './review-panel'
import { PlotGps } from './plot-gps'
import { useI18n } from '../i18n'
import { hrefFor } from '../router'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

/** A plot's page: what it is, its assessments (newest first) with their photos, one tap to assess. */
export function PlotView({ id }: { id: string }) {
  const { t, num } = useI18n()
  const { db } = useServices()
  const plot = useLiveQuery(async () => (await db.plots.get(id)) ?? null, [db, id]).value
  const events = useLiveQuery(() => eventsOf(db, id), [db, id]).value ?? []
  if (plot === undefined) return <p aria-busy="true">{t('app.loading')}</p>
  if (plot === null) return <p role="alert">{t('form.notFound')}</p>
  const assessments = events.filter((e) => e.type === 'plot-assessment').sort((a, b) => (a.on === b.on ? (a.id < b.id ? 1 : -1) : a.on < b.on ? 1 : -1))
  return (
    <section aria-labelledby="plot-title">
      {plot.villageCode && (
        <a href={hrefFor({ name: 'village', code: plot.villageCode })} class="back-link">
          ‹ {t('plot.backToVillage')}
        </a>
      )}
      <h1 id="plot-title">
        {plot.kind} {plot.plotNo}
      </h1>
      <p class="row__sub">
        {plot.ownerName ? `${plot.ownerName} · ` : ''}
        {plot.areaRai !== undefined ? t('plot.area', { rai: num(plot.areaRai, 2) }) : ''}
      </p>
      <Chips chips={plotChips(plot)} />
      <div class="button-row">
        <a class="button button--primary button--wide" href={hrefFor({ name: 'record', kind: 'plot-assessment', parent: plot.id })}>
          {t('plot.assess')}
        </a>
        <a class="button button--wide" href={hrefFor({ name: 'record', kind: 'complaint', parent: plot.id })}>
          {t('village.addComplaint')}
        </a>
      </div>
      <PlotGps plot={plot} assessments={assessments} />
      <h2>{t('plot.assessments')}</h2>
      {assessments.length === 0 ? (
        <p class="hint">{t('plot.noAssessments')}</p>
      ) : (
        <ul class="list">
          {assessments.map((e) => (
            <AssessmentItem key={e.id} event={e} area={plot.district} />
          ))}
        </ul>
      )}
    </section>
  )
}

function AssessmentItem({ event, area }: { event: EventRow; area: string }) {
  const { t, date } = useI18n()
  return (
    <li class="row">
      <span class="row__main">
        <strong>{date(event.on)}</strong> · <span class={`pill pill--${event.summary.success ? 'ok' : 'bad'}`}>{t(event.summary.success ? 'chip.success' : 'chip.notSuccess')}</span>
        <span class="row__sub"> ({event.createdBy})</span>
        <RecordPhotos recordId={event.id} area={area} />
        <ReviewPanel compact recordId={event.id} recordType="plot-assessment" />
      </span>
    </li>
  )
}
