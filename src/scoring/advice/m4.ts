import type { ISODate } from '../../schema/dates'
import type { M4Facts } from '../input-schema'
import { scoreMission } from '../engine'
import type { Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import type { Advice } from './common'
import { Collector, bandOptions } from './common'

/* Mission 4: what is missing for the next level (see advice.ts). */

export function adviseMission4(facts: M4Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const r = rubric.m4
  const score = scoreMission('M4', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  if (score.items[0]!.pending) c.add('1', 'advice.m4.plan', { by: r.planBy }, r.max['1'], 1)
  if (asOf < r.activityWindow.end && facts.activitiesPlanned > 0) {
    bandOptions(r.activityBands, score.items[1]!.points, facts.activitiesDone, facts.activitiesPlanned, Number.POSITIVE_INFINITY, (k, pct, pts) =>
      c.add('2', 'advice.m4.activities', { activities: k, percent: pct, by: r.activityWindow.end }, pts, k),
    )
  }
  return c.result()
}

