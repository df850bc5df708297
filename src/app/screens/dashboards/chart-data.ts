import type { ISODate, MonthKey } from '../../../schema/dates'
import { addDays, lastDayOfMonth, minDate, nextMonth, startOfIsoWeek } from '../../../schema/dates'
import { visitsRequiredInMonth } from '../../../scoring/mentor-visits'
import { FY2565, type Rubric } from '../../../scoring/rubric-fy2565'
import type { HouseholdRow, PostRow } from '../../../store/local-db'

/*
 * Month-by-month series for the small charts: what was done against what the rubric asks, over the
 * fiscal year up to `asOf`. Pure (plain rows in), so it is tested without a browser.
 */

export interface MonthPoint {
  month: MonthKey
  actual: number
  required: number
  /** The month is not over yet (asOf falls inside it). */
  partial: boolean
}

export interface MonthlySeries {
  visits: MonthPoint[]
  postsM1: MonthPoint[]
  postsM2: MonthPoint[]
}

export function monthsUpTo(asOf: ISODate, rubric: Rubric = FY2565): MonthKey[] {
  const last = minDate(asOf, rubric.fiscalYear.end).slice(0, 7)
  const out: MonthKey[] = []
  for (let m = rubric.fiscalYear.start.slice(0, 7); m <= last; m = nextMonth(m)) out.push(m)
  return out
}

/**
 * Visits: per month, the visits of households whose plan month is before it, counted up to the
 * required 2 per household (so a household visited ten times cannot hide one visited never), against
 * 2 × those households. Mission 1 posts against 2 per ISO week starting in the month; mission 2 against 10.
 */
export function monthlySeries(households: readonly HouseholdRow[], posts: readonly PostRow[], asOf: ISODate, rubric: Rubric = FY2565): MonthlySeries {
  const months = monthsUpTo(asOf, rubric)
  const index = new Map(months.map((m, i) => [m, i]))
  const visitsActual = months.map(() => 0)
  const visitsRequired = months.map(() => 0)
  const perMonth = new Int32Array(months.length)
  for (const h of households) {
    if (!h.planOn || h.planOn > asOf) continue
    const planOn = h.planOn
    perMonth.fill(0)
    for (const d of h.visits) {
      if (d > asOf) continue
      const i = index.get(d.slice(0, 7))
      if (i !== undefined) perMonth[i]! += 1
    }
    months.forEach((m, i) => {
      // The monthly mentor-visit rule, from src/scoring (the months it judges, the visits it asks).
      const need = visitsRequiredInMonth(planOn, m, asOf, rubric)
      visitsRequired[i]! += need
      visitsActual[i]! += Math.min(need, perMonth[i]!)
    })
  }
  const m1 = months.map(() => 0)
  const m2 = months.map(() => 0)
  for (const p of posts) {
    if (p.on > asOf) continue
    const i = index.get(p.on.slice(0, 7))
    if (i === undefined) continue
    if (p.mission === 'm1') m1[i]! += 1
    else if (p.mission === 'm2') m2[i]! += 1
  }
  const partial = (m: MonthKey) => lastDayOfMonth(m) > asOf
  const weeksStarting = (m: MonthKey) => {
    let n = 0
    let monday = startOfIsoWeek(`${m}-01`)
    if (monday < `${m}-01`) monday = addDays(monday, 7)
    for (; monday.slice(0, 7) === m; monday = addDays(monday, 7)) n += 1
    return n
  }
  return {
    visits: months.map((month, i) => ({ month, actual: visitsActual[i]!, required: visitsRequired[i]!, partial: partial(month) })),
    postsM1: months.map((month, i) => ({ month, actual: m1[i]!, required: rubric.m1.pr.minPostsPerWeek * weeksStarting(month), partial: partial(month) })),
    postsM2: months.map((month, i) => ({ month, actual: m2[i]!, required: rubric.m2.pr.monthlyBands[0]!.min, partial: partial(month) })),
  }
}
