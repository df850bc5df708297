import type { ISODate } from '../../schema/dates'
import type { M3Facts, M5Facts, M6Facts, M7Facts } from '../input-schema'
import { scoreMission } from '../engine'
import { channelPercents } from '../missions/graded'
import type { Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import type { Advice } from './common'
import { Collector, countForPercent, bahtUp } from './common'

/* Missions 3, 5, 6 and 7: what is missing for the next level (see advice.ts). */

export function adviseMission3(facts: M3Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M3', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  const channels = channelPercents(facts)
  for (const row of rubric.m3.rows) {
    if (row.level <= score.level) continue
    const events = Math.max(0, row.minEvents - facts.freeEvents)
    const perChannel = countForPercent(row.minPct, 0, facts.registeredWithoutOnline)
    let operators = 0
    for (let k = 0; k < row.minChannels; k++) operators += Math.max(0, perChannel - (channels[k]?.newOperators ?? 0))
    c.add('level', 'advice.m3.row', { events, operators, channels: row.minChannels, percent: row.minPct, level: row.level }, row.level, events + operators)
  }
  return c.result()
}


export function adviseMission5(facts: M5Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M5', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  if (facts.defaultedAmount > 0) {
    for (const b of rubric.m5.bands) {
      if (b.points <= score.level) continue
      const amount = bahtUp((b.min * facts.defaultedAmount) / 100 - facts.recoveredAmount)
      c.add('level', 'advice.m5.recover', { amount, percent: b.min }, b.points, amount)
    }
  }
  return c.result()
}

export function adviseMission6(facts: M6Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M6', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  if (facts.overdueAtBaseline > 0) {
    for (const b of rubric.m6.bands) {
      if (b.points <= score.level) continue
      const amount = bahtUp(facts.overdueNow - facts.overdueAtBaseline * (1 - b.min / 100))
      c.add('level', 'advice.m6.reduce', { amount, percent: b.min }, b.points, amount)
    }
  }
  return c.result()
}

export function adviseMission7(facts: M7Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M7', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  for (const b of rubric.m7.bands) {
    if (b.points <= score.level) continue
    const amount = bahtUp(facts.baselineRevenue * (1 + b.min / 100) - facts.revenue)
    c.add('level', 'advice.m7.revenue', { amount, percent: b.min }, b.points, amount)
  }
  return c.result()
}

