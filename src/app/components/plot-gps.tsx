import { plotSketch, type Position } from '../../store/plot-position'
import { eventsOfParents } from '../../store/events'
import { plotsOfTambon } from '../../store/area-rows'
import type { EventRow, LocalDb, PlotRow } from '../../store/local-db'
import { useI18n, type Translator } from '../i18n'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'
import { formatDateTime } from '../screens/sync'

/*
 * A plot's saved GPS position (issue 15): coordinates, accuracy and a map-free sketch — the plot at
 * the centre, its accuracy circle, the sub-district's other plots and a scale bar. The SVG is hidden
 * from screen readers, which get the same as a sentence.
 */

interface Gps extends Position {
  accuracyM: number
  at?: string
}

function gpsOf(value: unknown): Gps | undefined {
  const g = value as Partial<Gps> | undefined
  return g && typeof g.lat === 'number' && typeof g.lng === 'number' && typeof g.accuracyM === 'number' ? (g as Gps) : undefined
}

function distance(tr: Translator, m: number): string {
  return m >= 1000 ? tr.t('lists.gps.km', { n: tr.num(m / 1000, 1) }) : tr.t('lists.gps.m', { n: tr.num(Math.round(m)) })
}

/** The newest assessment of the plot that carries a position, and the other plots' latest positions. */
async function readPositions(db: LocalDb, plot: PlotRow, assessments: readonly EventRow[], fromDoc: (id: string) => Promise<unknown>) {
  // Dexie reads first, so the live query sees them all before any read of the record store.
  const neighbours = (await plotsOfTambon(db, plot.tambonCode)).filter((p) => p.id !== plot.id)
  const events = [...(await eventsOfParents(db, neighbours.map((p) => p.id), ['plot-assessment'])).values()].flat()
  const latest = new Map<string, { on: string; id: string; gps: Gps }>()
  for (const e of events) {
    const gps = e.type === 'plot-assessment' ? gpsOf(e.summary.gps) : undefined
    if (!gps) continue
    const prev = latest.get(e.parentId)
    if (!prev || e.on > prev.on || (e.on === prev.on && e.id > prev.id)) latest.set(e.parentId, { on: e.on, id: e.id, gps })
  }
  const others = [...latest].map(([id, v]) => ({ id, lat: v.gps.lat, lng: v.gps.lng }))
  for (const e of assessments) {
    // Rows projected before positions were kept in the read model: read the record itself.
    const gps = gpsOf(e.summary.gps) ?? gpsOf(((await fromDoc(e.id)) as { gps?: unknown } | undefined)?.gps)
    if (gps) return { own: { gps, id: e.id }, others }
  }
  return { own: undefined, others }
}

export function PlotGps({ plot, assessments }: { plot: PlotRow; assessments: readonly EventRow[] }) {
  const tr = useI18n()
  const { t, num } = tr
  const { db, stores } = useServices()
  const ids = assessments.map((e) => e.id).join(',')
  const data = useLiveQuery(
    () => readPositions(db, plot, assessments, async (id) => (stores ? await stores.storeFor(plot.district).repository.get(id).catch(() => undefined) : undefined)),
    [db, plot.id, plot.tambonCode, ids, stores],
  ).value
  if (!data || assessments.length === 0) return null
  if (!data.own) return <p class="hint" data-testid="plot-gps-none">{t('lists.gps.none')}</p>
  const { gps } = data.own
  const sketch = plotSketch(gps, gps.accuracyM, data.others ?? [])
  const c = sketch.size / 2
  const m = tr.num(Math.round(gps.accuracyM))
  const scale = distance(tr, sketch.scale.metres)
  const description = sketch.nearest
    ? t('lists.gps.sketch.others', { m, scale, n: num((data.others ?? []).length), nearest: distance(tr, sketch.nearest.distanceM), dir: t(`lists.gps.dir.${sketch.nearest.direction}`) })
    : t('lists.gps.sketch.alone', { m, scale })
  return (
    <section class="card plot-gps" aria-labelledby="plot-gps-h" data-testid="plot-gps">
      <h2 id="plot-gps-h">{t('lists.gps.title')}</h2>
      <p class="plot-gps__coords" data-testid="plot-gps-coords">
        {t('lists.gps.coords', { lat: tr.digits(gps.lat.toFixed(6)), lng: tr.digits(gps.lng.toFixed(6)) })}
      </p>
      <p data-testid="plot-gps-accuracy">{t('lists.gps.accuracy', { m })}</p>
      {gps.at && <p class="row__sub">{t('lists.gps.at', { when: formatDateTime(gps.at, tr) })}</p>}
      <figure class="plot-gps__figure">
        <svg viewBox={`0 0 ${sketch.size} ${sketch.size}`} width={sketch.size} height={sketch.size} aria-hidden="true" focusable="false" class="plot-gps__svg" data-testid="plot-gps-sketch">
          <rect x="0.5" y="0.5" width={sketch.size - 1} height={sketch.size - 1} class="plot-gps__frame" />
          <text x={c} y="14" text-anchor="middle" class="plot-gps__north">
            ↑
          </text>
          <circle cx={c} cy={c} r={Math.max(sketch.accuracyPx, 3)} class="plot-gps__accuracy" data-testid="plot-gps-circle" />
          {sketch.others.map((o) => (
            <circle key={o.id} cx={o.x} cy={o.y} r="4" class="plot-gps__other" />
          ))}
          <circle cx={c} cy={c} r="5" class="plot-gps__this" />
          <line x1="12" y1={sketch.size - 14} x2={12 + sketch.scale.px} y2={sketch.size - 14} class="plot-gps__scale" />
        </svg>
        <figcaption data-testid="plot-gps-description">{description}</figcaption>
      </figure>
      <ul class="plot-gps__legend" aria-hidden="true">
        <li>
          <span class="plot-gps__key plot-gps__key--this" /> {t('lists.gps.legend.this')}
        </li>
        {sketch.others.length > 0 && (
          <li>
            <span class="plot-gps__key plot-gps__key--other" /> {t('lists.gps.legend.others')}
          </li>
        )}
        <li>
          <span class="plot-gps__key plot-gps__key--scale" /> {scale}
        </li>
      </ul>
    </section>
  )
}
