import type { ISODate } from '../../schema/dates'
import { band, reaches } from '../bands'
import type { M3Facts, M5Facts, M6Facts, M7Facts } from '../input-schema'
import type { MissionId, Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import type { MissionScore } from '../types'
import { item } from '../types'
import { normalizeChannel } from '../windows'

/*
 * Missions 3, 5, 6 and 7 grade straight to a level: total = level, max = 5, and one item
 * `{ id: 'level', points: level, max: 5, value: pct }`.
 */

function graded(mission: MissionId, asOf: ISODate, level: number, value: number | undefined, extra: { na?: boolean; detail?: Record<string, unknown> } = {}): MissionScore {
  return {
    mission,
    asOf,
    items: [item(mission, 'level', level, 5, { value, ...extra })],
    total: level,
    max: 5,
    level,
  }
}

/** Channels merged by name (trimmed, case-insensitive), with pct = 100 × new operators ÷ registered. */
export function channelPercents(facts: M3Facts): { name: string; newOperators: number; pct: number }[] {
  const byName = new Map<string, { name: string; newOperators: number }>()
  for (const c of facts.channels) {
    const key = normalizeChannel(c.name)
    const prev = byName.get(key)
    if (prev) prev.newOperators += c.newOperators
    else byName.set(key, { name: c.name.trim(), newOperators: c.newOperators })
  }
  return [...byName.values()]
    .map((c) => ({ ...c, pct: (100 * c.newOperators) / facts.registeredWithoutOnline }))
    .sort((a, b) => b.pct - a.pct)
}

/** Mission 3's level: the highest row whose conditions all hold, else 0. */
export function mission3Level(freeEvents: number, pcts: readonly number[], rubric: Rubric = FY2565): number {
  for (const row of rubric.m3.rows) {
    if (freeEvents < row.minEvents) continue
    const qualifying = pcts.filter((p) => reaches(p, row.minPct)).length
    if (qualifying >= row.minChannels) return row.level
  }
  return 0
}

/** Mission 3 (OTOP marketing channels). `value` is the best channel's percentage. */
export function scoreMission3(facts: M3Facts, asOf: ISODate, rubric: Rubric = FY2565): MissionScore {
  const channels = channelPercents(facts)
  const level = mission3Level(facts.freeEvents, channels.map((c) => c.pct), rubric)
  return graded('M3', asOf, level, channels[0]?.pct ?? 0, {
    detail: { freeEvents: facts.freeEvents, channels: channels.map((c) => ({ name: c.name, pct: c.pct })) },
  })
}

/** Mission 5 (กข.คจ. recovery). No FY2564 defaults → level 5. */
export function scoreMission5(facts: M5Facts, asOf: ISODate, rubric: Rubric = FY2565): MissionScore {
  if (facts.defaultedAmount <= 0) return graded('M5', asOf, rubric.m5.noDefaultsLevel, undefined, { na: true })
  const pct = (100 * facts.recoveredAmount) / facts.defaultedAmount
  return graded('M5', asOf, band(pct, rubric.m5.bands), pct)
}

/** Mission 6 (Women's Development Fund overdue debt). No overdue debt at baseline → level 5. */
export function scoreMission6(facts: M6Facts, asOf: ISODate, rubric: Rubric = FY2565): MissionScore {
  if (facts.overdueAtBaseline <= 0) return graded('M6', asOf, rubric.m6.noOverdueLevel, undefined, { na: true })
  const pct = (100 * (facts.overdueAtBaseline - facts.overdueNow)) / facts.overdueAtBaseline
  return graded('M6', asOf, band(pct, rubric.m6.bands), pct)
}

/** Mission 7 (Thai textiles): revenue growth over the Jun 2020 – Sep 2021 baseline. */
export function scoreMission7(facts: M7Facts, asOf: ISODate, rubric: Rubric = FY2565): MissionScore {
  const growth = (100 * (facts.revenue - facts.baselineRevenue)) / facts.baselineRevenue
  return graded('M7', asOf, band(growth, rubric.m7.bands, rubric.m7.floorLevel), growth)
}
