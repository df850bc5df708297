import { formatMonthLong, formatMonthShort } from '../../format-date'
import { useI18n } from '../../i18n'
import type { MonthPoint } from './chart-data'

/*
 * A small hand-made SVG bar chart: one bar per month (done), a tick for what the rubric requires.
 * The picture is aria-hidden; its summary is the figure's label and the same numbers are in a table
 * that opens under it, so nothing is only in the picture.
 */

const W = 320
const H = 120
const PAD = { left: 26, right: 4, top: 8, bottom: 20 }

export function MonthChart({ title, points, testId }: { title: string; points: MonthPoint[]; testId?: string }) {
  const tr = useI18n()
  const { t, num, lang, thaiDigits } = tr
  const display = { lang, thaiDigits }
  if (points.length === 0) {
    return (
      <figure class="sup-chart" data-testid={testId}>
        <figcaption>{title}</figcaption>
        <p class="hint">{t('sup.chart.empty')}</p>
      </figure>
    )
  }
  const top = Math.max(1, ...points.map((p) => Math.max(p.actual, p.required)))
  const step = (W - PAD.left - PAD.right) / points.length
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / top)
  // Months that asked for nothing are not counted as met.
  const complete = points.filter((p) => !p.partial && p.required > 0)
  const met = complete.filter((p) => p.actual >= p.required).length
  const summary = t('sup.chart.summary', { title, met: num(met), months: num(complete.length) })
  return (
    <figure class="sup-chart" data-testid={testId}>
      <figcaption>
        {title}
        <span class="hint"> · {t('sup.chart.legend')}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} class="sup-chart__axis" />
        <text x={PAD.left - 3} y={y(top) + 4} class="sup-chart__tick" text-anchor="end">
          {num(top)}
        </text>
        <text x={PAD.left - 3} y={y(0)} class="sup-chart__tick" text-anchor="end">
          {num(0)}
        </text>
        {points.map((p, i) => {
          const x = PAD.left + i * step
          const ok = p.actual >= p.required
          const bw = Math.max(2, step * 0.6)
          return (
            <g key={p.month}>
              <rect
                x={x + (step - bw) / 2}
                y={y(p.actual)}
                width={bw}
                height={Math.max(0, y(0) - y(p.actual))}
                class={`sup-chart__bar${ok ? ' sup-chart__bar--ok' : ' sup-chart__bar--short'}${p.partial ? ' sup-chart__bar--partial' : ''}`}
              />
              {p.required > 0 && <line x1={x + 1} x2={x + step - 1} y1={y(p.required)} y2={y(p.required)} class="sup-chart__need" />}
              {(points.length <= 6 || i % 2 === 0) && (
                <text x={x + step / 2} y={H - 6} class="sup-chart__tick" text-anchor="middle">
                  {formatMonthShort(p.month, display).split(' ')[0]}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <details>
        <summary>{summary}</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('sup.chart.month')}</th>
              <th scope="col" class="num">
                {t('sup.chart.actual')}
              </th>
              <th scope="col" class="num">
                {t('sup.chart.required')}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.month}>
                <th scope="row">
                  {formatMonthLong(p.month, display)}
                  {p.partial ? ' …' : ''}
                </th>
                <td class="num">{num(p.actual)}</td>
                <td class="num">{num(p.required)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
