/*
 * Dates in documents are calendar dates, `YYYY-MM-DD` strings, never Date objects or timestamps.
 * A survey date is a day in Thailand, not an instant: turning it into a Date would let the device's
 * time zone move it by a day (2022-01-01 at local midnight in Bangkok is 2021-12-31 in UTC). So all
 * arithmetic here works on *day numbers* (days since 1970-01-01, proleptic Gregorian) computed with
 * integer maths, and the only Date we ever build is in UTC, where no offset can shift it.
 */

export type ISODate = string // 'YYYY-MM-DD'
export type MonthKey = string // 'YYYY-MM'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH_KEY = /^(\d{4})-(\d{2})$/

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

/** True for a real calendar date in `YYYY-MM-DD` form (2022-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export function isMonthKey(value: string): boolean {
  const m = MONTH_KEY.exec(value)
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil): integer maths, no time zone. */
export function toDayNumber(date: ISODate): number {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The inverse of toDayNumber. */
export function fromDayNumber(dayNumber: number): ISODate {
  const z0 = dayNumber + 719468
  const era = Math.floor(z0 / 146097)
  const doe = z0 - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function addDays(date: ISODate, days: number): ISODate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Calendar days from `from` to `to` (to − from). */
export function daysBetween(from: ISODate, to: ISODate): number {
  return toDayNumber(to) - toDayNumber(from)
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(date: ISODate): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1
}

/** The Monday that starts the ISO week holding `date`. */
export function startOfIsoWeek(date: ISODate): ISODate {
  return addDays(date, 1 - isoWeekday(date))
}

export function monthOf(date: ISODate): MonthKey {
  return date.slice(0, 7)
}

export function firstDayOfMonth(month: MonthKey): ISODate {
  return `${month}-01`
}

export function lastDayOfMonth(month: MonthKey): ISODate {
  const year = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`
}

export function nextMonth(month: MonthKey): MonthKey {
  const year = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
}

/** The Thai fiscal year a date falls in, Gregorian numbering: FY2022 (พ.ศ. 2565) is 2021-10-01…2022-09-30. */
export function fiscalYear(date: ISODate): number {
  const year = Number(date.slice(0, 4))
  return Number(date.slice(5, 7)) >= 10 ? year + 1 : year
}

/** Fiscal quarter 1–4: Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep. */
export function fiscalQuarter(date: ISODate): 1 | 2 | 3 | 4 {
  const month = Number(date.slice(5, 7))
  return (Math.floor(((month + 2) % 12) / 3) + 1) as 1 | 2 | 3 | 4
}

export function minDate(a: ISODate, b: ISODate): ISODate {
  return a <= b ? a : b
}

export function maxDate(a: ISODate, b: ISODate): ISODate {
  return a >= b ? a : b
}

/**
 * Today's date where the user is. This reads the clock, so only the edges (UI, CLI) call it; pure
 * code takes `asOf` as an argument. Thai offices work on Bangkok time, whatever the device says.
 */
export function todayIn(timeZone = 'Asia/Bangkok', now: Date = new Date()): ISODate {
  // Thailand has kept UTC+7 without daylight saving since 1920: plain arithmetic gives its date,
  // and spares a phone the first Intl.DateTimeFormat with a time zone (~100 ms of ICU set-up on a
  // slow CPU, paid on the first screen). Other zones go through Intl.
  if (timeZone === 'Asia/Bangkok') return new Date(now.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10)
  return dayFormatter(timeZone).format(now)
}

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000

// Building an Intl.DateTimeFormat costs far more than using one (milliseconds on a slow phone),
// and screens ask for "today" on every render: one formatter per time zone, made once.
const DAY_FORMATTERS = new Map<string, Intl.DateTimeFormat>()

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = DAY_FORMATTERS.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    DAY_FORMATTERS.set(timeZone, formatter)
  }
  return formatter
}

/**
 * The same answer as isIsoDate, without a regex, Number() or allocation: character codes only. The score
 * command checks millions of dates in a national export (two mentor visits a month for 568,047
 * households), where isIsoDate's cost dominates. Tests keep the two equal.
 */
export function isIsoDateFast(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false
  let year = 0
  for (let i = 0; i < 4; i++) {
    const c = value.charCodeAt(i) - 48
    if (c < 0 || c > 9) return false
    year = year * 10 + c
  }
  const m1 = value.charCodeAt(5) - 48
  const m2 = value.charCodeAt(6) - 48
  const d1 = value.charCodeAt(8) - 48
  const d2 = value.charCodeAt(9) - 48
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false
  const month = m1 * 10 + m2
  const day = d1 * 10 + d2
  if (month < 1 || month > 12 || day < 1) return false
  if (day <= 28) return true
  if (month === 2) return day <= (isLeapYear(year) ? 29 : 28)
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)
}
