import { DIMENSIONS } from '../../../schema/docs'
import type { VillageProgress } from '../../../store/village-progress'
import { useI18n } from '../../i18n'
import { Bar } from './common'

/** Every indicator of one village (or an area's totals) as labelled bars with counts. */
/** `mini`: the four household indicators and plot success (the village list); `compact`: leaves out empty dimensions. */
export function ProgressBars({ p, mode = 'full' }: { p: VillageProgress; mode?: 'full' | 'compact' | 'mini' }) {
  const compact = mode !== 'full'
  const { t, num } = useI18n()
  const plots = (kind: 'hlm' | 'clm') =>
    p[kind].of > 0 && [
      mode !== 'mini' && <Bar key={`${kind}a`} label={t(`sup.bar.${kind}Assessed`)} count={{ done: p[kind].assessed, of: p[kind].of }} />,
      <Bar key={`${kind}s`} label={t(`sup.bar.${kind}Success`)} count={{ done: p[kind].successful, of: p[kind].of }} />,
    ]
  // The village list leaves out what nothing is required for; the village page shows every bar.
  const show = (c: { of: number }) => mode !== 'mini' || c.of > 0
  return (
    <div class="sup-bars">
      {show(p.persons) && <Bar label={t('sup.bar.persons')} count={p.persons} testId="bar-persons" />}
      {show(p.plans) && <Bar label={t('sup.bar.plans')} count={p.plans} testId="bar-plans" />}
      {show(p.visits) && <Bar label={t('sup.bar.visits')} count={p.visits} />}
      {DIMENSIONS.filter((d) => mode !== 'mini' && (!compact || p.assisted[d].of > 0)).map((d) => (
        <Bar key={d} label={t('sup.bar.assisted', { dimension: t(`sup.dim.${d}`) })} count={p.assisted[d]} />
      ))}
      {show(p.surviving) && <Bar label={t('sup.bar.surviving')} count={p.surviving} />}
      {plots('hlm')}
      {plots('clm')}
      {mode === 'mini' && [p.persons, p.plans, p.visits, p.surviving, p.hlm, p.clm].every((c) => c.of === 0) && <p class="hint">{t('sup.bar.nothing')}</p>}
      {p.complaints.received > 0 && (
        <p class={p.complaints.open > 0 ? 'sup-complaints sup-complaints--open' : 'sup-complaints'}>
          {t('sup.complaints', { received: num(p.complaints.received), open: num(p.complaints.open) })}
          {p.complaints.open > 0 ? ` · ${t('sup.complaints.oldest', { days: num(p.complaints.oldestOpenDays) })}` : ''}
        </p>
      )}
    </div>
  )
}
