import { useMemo } from 'preact/hooks'
import type { ISODate } from '../../../schema/dates'
import { adviseMission, type Advice } from '../../../scoring/advice'
import { scoreMission, type MissionFacts } from '../../../scoring/engine'
import type { ScoreInput } from '../../../scoring/input-schema'
import { MISSION_IDS, type MissionId } from '../../../scoring/rubric-fy2565'
import type { MissionScore } from '../../../scoring/types'
import { areaLevel, buildScoreInput, type AreaRows } from '../../../store/score-input'
import { useI18n } from '../../i18n'
import { adviceText, LevelBadge } from './common'

export interface ScoredMission {
  score: MissionScore
  advice: Advice[]
}

/** Scores and advice of every mission the area has facts for. A mission whose facts cannot be scored is left out. */
export function scoreInput(input: ScoreInput): ScoredMission[] {
  const out: ScoredMission[] = []
  for (const id of MISSION_IDS) {
    const facts = input[id.toLowerCase() as Lowercase<MissionId>]
    if (facts === undefined) continue
    const ctx = { asOf: input.asOf, ...(input.province ? { province: input.province } : {}) }
    try {
      out.push({ score: scoreMission(id, facts as MissionFacts[typeof id], ctx), advice: adviseMission(id, facts as MissionFacts[typeof id], ctx) })
    } catch (error) {
      console.warn(`mission ${id} could not be scored`, error)
    }
  }
  return out
}

export function useScores(rows: AreaRows | undefined, area: string, asOf: ISODate): ScoredMission[] | undefined {
  return useMemo(() => (rows ? scoreInput(buildScoreInput(rows, { asOf, area })) : undefined), [rows, area, asOf])
}

export function MissionCard({ scored, factsHref, tambonNames }: { scored: ScoredMission; factsHref?: string; tambonNames?: ReadonlyMap<string, string> }) {
  const tr = useI18n()
  const { t, num } = tr
  const { score, advice } = scored
  const id = score.mission
  return (
    <section class="card sup-mission" aria-labelledby={`mission-${id}`} data-testid={`mission-${id}`}>
      <header class="sup-mission__head">
        <LevelBadge level={score.level} />
        <div class="sup-mission__title">
          <h3 id={`mission-${id}`}>
            {num(Number(id.slice(1)))}. {t(`mission.${id}`)}
          </h3>
          <div class="row__sub">
            {t('sup.level', { level: num(score.level) })} · {t('sup.total', { total: num(score.total, 2).replace(/\.00$/, ''), max: num(score.max) })}
          </div>
        </div>
      </header>
      <details class="sup-mission__items">
        <summary>{t('sup.items')}</summary>
        <ul class="list">
          {score.items.map((item) => {
            const w = item.max > 0 ? Math.max(0, Math.min(100, (100 * item.points) / item.max)) : 0
            return (
              <li key={item.id} class="sup-item">
                <div class="sup-bar__head">
                  <span class="sup-bar__label">
                    {item.id !== 'level' ? `${tr.digits(item.id)} ` : ''}
                    {t(item.label)}
                  </span>
                  <span class="sup-bar__value">
                    {t('sup.item.points', { points: num(item.points, 2).replace(/\.00$/, ''), max: num(item.max) })}
                    {item.pending ? ` · ${t('sup.item.pending')}` : ''}
                    {item.na ? ` · ${t('sup.item.na')}` : ''}
                  </span>
                </div>
                <div class="bar" aria-hidden="true">
                  <div class={`bar__fill bar__fill--${w >= 80 ? 'ok' : w >= 50 ? 'warn' : 'bad'}`} style={{ width: `${w}%` }} />
                </div>
              </li>
            )
          })}
        </ul>
        {factsHref && (
          <p>
            <a class="button" href={factsHref}>
              {t('sup.missions.enterFacts')}
            </a>
          </p>
        )}
      </details>
      <h4 class="sup-advice__title">{t('sup.advice')}</h4>
      {advice.length === 0 ? (
        <p class="hint">{t('sup.advice.none')}</p>
      ) : (
        <ol class="sup-advice" data-testid={`advice-${id}`}>
          {advice.slice(0, 4).map((a, i) => (
            <li key={i}>
              {adviceText(a, tr, tambonNames)}{' '}
              {/* "→ level N" only when N is higher than today's level; otherwise what it adds (issue 15). */}
              <span class="pill pill--muted">{a.levelAfter > score.level ? t('sup.advice.levelAfter', { level: num(a.levelAfter) }) : t('review.advice.gain', { points: num(a.pointsGain, 2).replace(/\.00$/, '') })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** Sub-district names by code, from the area's villages: plots are named with their sub-district. */
function tambonNamesOf(villages: readonly { tambonCode: string; tambonName: string }[] | undefined): Map<string, string> {
  return new Map((villages ?? []).map((v) => [v.tambonCode, v.tambonName]))
}

export function MissionList({ rows, area, asOf, supervisor }: { rows: AreaRows; area: string; asOf: ISODate; supervisor: boolean }) {
  const { t } = useI18n()
  const scored = useScores(rows, area, asOf) ?? []
  const province = areaLevel(area) === 'province'
  const present = new Set(scored.map((s) => s.score.mission))
  const factsHref = (id: MissionId) => (province && supervisor && id !== 'M1' ? `#/dashboards/facts/${area}/${id.toLowerCase()}` : undefined)
  return (
    <section aria-labelledby="sup-missions">
      <h2 id="sup-missions">{t('sup.missions')}</h2>
      {!province && <p class="hint">{t('sup.missions.provinceOnly')}</p>}
      {scored.map((s) => (
        <MissionCard key={s.score.mission} scored={s} factsHref={factsHref(s.score.mission)} tambonNames={tambonNamesOf(rows.villages)} />
      ))}
      {province &&
        MISSION_IDS.filter((id) => !present.has(id)).map((id) => (
          <section key={id} class="card sup-mission" data-testid={`mission-${id}`}>
            <h3>
              {id.slice(1)}. {t(`mission.${id}`)}
            </h3>
            <p class="hint">{t('sup.missions.noFacts')}</p>
            {factsHref(id) && (
              <a class="button" href={factsHref(id)}>
                {t('sup.missions.enterFacts')}
              </a>
            )}
          </section>
        ))}
    </section>
  )
}
