import type { ISODate } from '../../schema/dates'
import { minDate } from '../../schema/dates'
import { band, levelFromTable } from '../bands'
import type { M4Facts } from '../input-schema'
import type { Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import type { MissionScore } from '../types'
import { item } from '../types'

/** Mission 4 (foundation economy and Pracharat). */
export function scoreMission4(facts: M4Facts, asOf: ISODate, rubric: Rubric = FY2565): MissionScore {
  const r = rubric.m4
  const planCut = minDate(asOf, r.planBy)
  const hasPlan = facts.planOn !== undefined && facts.planOn <= planCut
  const i1 = item('M4', '1', hasPlan ? r.max['1'] : 0, r.max['1'], {
    pending: !hasPlan && asOf < r.planBy,
    detail: { planOn: facts.planOn ?? null },
  })
  // No planned activity scores 0 (SCORING.md's exception to the zero-denominator rule).
  const pct = facts.activitiesPlanned > 0 ? (100 * facts.activitiesDone) / facts.activitiesPlanned : undefined
  const i2 = item('M4', '2', pct === undefined ? 0 : band(pct, r.activityBands), r.max['2'], {
    value: pct,
    detail: { planned: facts.activitiesPlanned, done: facts.activitiesDone },
  })
  const total = i1.points + i2.points
  return { mission: 'M4', asOf, items: [i1, i2], total, max: r.totalMax, level: levelFromTable(total, r.levels) }
}
