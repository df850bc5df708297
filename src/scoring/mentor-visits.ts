import type { ISODate, MonthKey } from '../schema/dates'
import { lastDayOfMonth, minDate, monthOf } from '../schema/dates'
import type { Rubric } from './edition-schema'

/*
 * Mission 1 item 2.1, the monthly mentor-visit rule, written once (issue 16): a household with a
 * plan needs `mentorVisitsPerMonth` visits in every complete calendar month after its plan month, up
 * to min(asOf, assistBy). The engine (missions/m1.ts), village progress (store), today's work (forms)
 * and the charts (app) all call these. Free of zod: the home screen's chunk imports it.
 */

/** Month index (year × 12 + month − 1) of an ISO date or month key, without building strings. */
export function monthIndex(date: ISODate | MonthKey): number {
  return (
    (date.charCodeAt(0) - 48) * 12000 +
    (date.charCodeAt(1) - 48) * 1200 +
    (date.charCodeAt(2) - 48) * 120 +
    (date.charCodeAt(3) - 48) * 12 +
    (date.charCodeAt(5) - 48) * 10 +
    (date.charCodeAt(6) - 48) -
    1
  )
}

/** Index of the last calendar month wholly on or before `date`. */
export function lastCompleteMonthIndex(date: ISODate): number {
  return date === lastDayOfMonth(date.slice(0, 7)) ? monthIndex(date) : monthIndex(date) - 1
}

/** The last day visits count for item 2.1 as of `asOf`: min(asOf, assistBy). */
export function visitCut(asOf: ISODate, rubric: Rubric): ISODate {
  return minDate(asOf, rubric.m1.assistBy)
}

/**
 * Whether a household met the rule as of `asOf`: undefined while it is not judged (no plan by asOf,
 * or no complete month after the plan month yet), else true / false. `buf` is scratch space the
 * engine reuses over a national export's households.
 */
export function mentorVisitsMet(
  planOn: ISODate | undefined,
  visits: readonly ISODate[] | undefined,
  asOf: ISODate,
  rubric: Rubric,
  buf?: Int32Array,
): boolean | undefined {
  if (planOn === undefined || planOn > asOf) return undefined
  const cut = visitCut(asOf, rubric)
  const first = monthIndex(planOn) + 1
  const n = lastCompleteMonthIndex(cut) - first + 1
  if (n <= 0) return undefined
  const counts = buf && n <= buf.length ? buf.fill(0, 0, n) : new Int32Array(n)
  if (visits) {
    for (const d of visits) {
      if (d > cut) continue
      const k = monthIndex(d) - first
      if (k >= 0 && k < n) counts[k]! += 1
    }
  }
  const need = rubric.m1.mentorVisitsPerMonth
  for (let k = 0; k < n; k++) if (counts[k]! < need) return false
  return true
}

/**
 * Visits the rule asks of a household in `month`: `mentorVisitsPerMonth` when the month is after
 * the plan month (plan made by `asOf`) and inside the edition's assistance window, else 0.
 */
export function visitsRequiredInMonth(planOn: ISODate | undefined, month: MonthKey, asOf: ISODate, rubric: Rubric): number {
  if (planOn === undefined || planOn > asOf) return 0
  if (monthOf(planOn) >= month) return 0
  if (month < monthOf(rubric.fiscalYear.start) || month > monthOf(rubric.m1.assistBy)) return 0
  return rubric.m1.mentorVisitsPerMonth
}

export function visitsInMonth(visits: readonly ISODate[], month: MonthKey): number {
  let n = 0
  for (const v of visits) if (v.startsWith(month)) n += 1
  return n
}

/** Visits still needed in today's month for the rule (0 when done, or when this month is not judged). */
export function visitsStillNeeded(planOn: ISODate | undefined, visits: readonly ISODate[], today: ISODate, rubric: Rubric): number {
  const month = monthOf(today)
  const need = visitsRequiredInMonth(planOn, month, today, rubric)
  return Math.max(0, need - visitsInMonth(visits, month))
}
