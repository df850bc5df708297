import { useMemo } from 'preact/hooks'
import { rowsWithin } from '../../../store/score-input'
import { villageHoldbacks, villageProgress } from '../../../store/village-progress'
import { hrefFor } from '../../router'
import { useI18n } from '../../i18n'
import { AsOfPicker, useAreaRows, useAsOf } from './common'
import { MissionCard, useScores } from './missions'
import { ProgressBars } from './progress'
import { ModeLine, useApprovedOnlyRows } from './scoring-mode'

const SHOWN = 200

/** One village: its bars, its mission 1/2 scores, and the households and plots that hold it back. */
export function VillageDetail({ code }: { code: string }) {
  const tr = useI18n()
  const { t, num } = tr
  const [asOf, setAsOf, rubric] = useAsOf()
  // As the scores count them: approved records only where the office says so (issue 15).
  const districtRows = useApprovedOnlyRows(useAreaRows(code.slice(0, 4)), code)
  const rows = useMemo(() => (districtRows ? rowsWithin(districtRows, code) : undefined), [districtRows, code])
  const village = rows?.villages?.find((v) => v.code === code)
  const progress = useMemo(
    () => (rows ? villageProgress({ villages: village ? [village] : [], households: rows.households, plots: rows.plots, complaints: districtRows!.complaints }, asOf, rubric).find((p) => p.code === code) : undefined),
    [rows, village, asOf, code, districtRows],
  )
  const holdbacks = useMemo(() => (rows ? villageHoldbacks(rows.households, rows.plots, asOf, rubric) : []), [rows, asOf, rubric])
  const scores = useScores(rows, code, asOf, rubric)
  const title = village ? t('sup.village.title', { moo: tr.digits(String(village.moo)), name: village.name }) : t('sup.village.unknown', { code: tr.digits(code) })

  return (
    <>
      <p>
        <a class="back-link" href={`#/dashboards/area/${code.slice(0, 4)}`}>{t('sup.back')}</a>
      </p>
      <h1>{title}</h1>
      {village && (
        <p class="hint">
          {t('sup.area.tambon', { name: village.tambonName })} · {tr.digits(code)}
        </p>
      )}
      <AsOfPicker asOf={asOf} onChange={setAsOf} />
      <ModeLine area={code} />
      {!rows || !progress ? (
        <p aria-busy="true">{t('sup.loading')}</p>
      ) : (
        <>
          <section class="card" aria-labelledby="sup-vprogress" data-testid="village-progress">
            <h2 id="sup-vprogress">{t('sup.progress')}</h2>
            <p class="hint">{t('sup.village.households', { households: num(progress.households), exclusion: num(progress.exclusion) })}</p>
            <ProgressBars p={progress} />
          </section>
          {scores?.map((s) => <MissionCard key={s.score.mission} scored={s} />)}
          <section aria-labelledby="sup-holdbacks">
            <h2 id="sup-holdbacks">{t('sup.holdbacks')}</h2>
            {holdbacks.length === 0 ? (
              <p>{t('sup.holdbacks.none')}</p>
            ) : (
              <ul class="list sup-holdbacks" data-testid="holdbacks">
                {holdbacks.slice(0, SHOWN).map((h) => (
                  <li key={h.id}>
                    <a href={hrefFor({ name: 'record', kind: h.kind, id: h.id })}>
                      <span class="row__main">
                        <strong>{tr.digits(h.label)}</strong>
                        <span class="row__sub">
                          {' '}
                          {h.reasons
                            .map((r) => t(`sup.reason.${r}`, { dimensions: (h.dimensions ?? []).map((d) => t(`sup.dim.${d}`)).join(', ') }))
                            .join(' · ')}
                        </span>
                      </span>
                      <span aria-hidden="true">›</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {holdbacks.length > SHOWN && <p class="hint">{t('sup.holdbacks.more', { count: num(holdbacks.length - SHOWN) })}</p>}
          </section>
        </>
      )}
    </>
  )
}
