import type { ISODate, MonthKey } from '../schema/dates'
import { addDays, isoWeekday, lastDayOfMonth, minDate, nextMonth } from '../schema/dates'

/*
 * "At least N per week/month/quarter" windows. The window is [start, min(asOf, end)]; only periods that
 * lie wholly inside it are judged (a week that straddles the window's start is not a complete week of
 * the window). Dates are ISO strings, so comparisons are plain string comparisons.
 */

export type Period = { start: ISODate; end: ISODate; key: string }

/** Complete calendar months inside [start, min(asOf, end)]. */
export function completeMonths(start: ISODate, end: ISODate, asOf: ISODate): Period[] {
  const last = minDate(asOf, end)
  const out: Period[] = []
  let month: MonthKey = start.slice(0, 7)
  if (start.slice(8) !== '01') month = nextMonth(month)
  for (;;) {
    const first = `${month}-01`
    const lastDay = lastDayOfMonth(month)
    if (lastDay > last) break
    out.push({ start: first, end: lastDay, key: month })
    month = nextMonth(month)
  }
  return out
}

/** Complete ISO weeks (Monday–Sunday) inside [start, min(asOf, end)]. */
export function completeIsoWeeks(start: ISODate, end: ISODate, asOf: ISODate): Period[] {
  const last = minDate(asOf, end)
  const out: Period[] = []
  const wd = isoWeekday(start)
  let monday = wd === 1 ? start : addDays(start, 8 - wd)
  for (;;) {
    const sunday = addDays(monday, 6)
    if (sunday > last) break
    out.push({ start: monday, end: sunday, key: monday })
    monday = addDays(monday, 7)
  }
  return out
}

/** Complete fiscal quarters (Oct–Dec, Jan–Mar, Apr–Jun, Jul–Sep) inside [start, min(asOf, end)]. */
export function completeFiscalQuarters(start: ISODate, end: ISODate, asOf: ISODate): Period[] {
  const last = minDate(asOf, end)
  const out: Period[] = []
  for (const m of completeMonths(start, end, asOf)) {
    const month = Number(m.key.slice(5, 7))
    // A quarter starts in Jan, Apr, Jul or Oct.
    if ((month - 1) % 3 !== 0) continue
    let qEndMonth = m.key
    qEndMonth = nextMonth(nextMonth(qEndMonth))
    const qEnd = lastDayOfMonth(qEndMonth)
    if (qEnd > last) break
    const year = Number(m.key.slice(0, 4))
    const fy = month >= 10 ? year + 1 : year
    const q = month >= 10 ? 1 : (month - 1) / 3 + 2
    out.push({ start: m.start, end: qEnd, key: `FY${fy}-Q${q}` })
  }
  return out
}

/** Count of dated records per period (records outside every period are ignored). */
export function countPerPeriod(periods: readonly Period[], dates: Iterable<ISODate>): number[] {
  const counts = periods.map(() => 0)
  if (periods.length === 0) return counts
  const first = periods[0]!.start
  const last = periods[periods.length - 1]!.end
  for (const d of dates) {
    if (d < first || d > last) continue
    // Periods are sorted and contiguous-or-gapped; binary search the one holding d.
    let lo = 0
    let hi = periods.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const p = periods[mid]!
      if (d < p.start) hi = mid - 1
      else if (d > p.end) lo = mid + 1
      else {
        counts[mid]! += 1
        break
      }
    }
  }
  return counts
}

/** Distinct channels, compared trimmed and case-insensitively ("Facebook" = "facebook "). */
export function normalizeChannel(channel: string): string {
  return channel.trim().toLowerCase()
}
