import type { ISODate } from '../schema/dates'
import { fiscalYear, isIsoDate, lastDayOfMonth } from '../schema/dates'
import { toBuddhistYear } from '../schema/thai-numbers'
import type { Rubric } from './edition-schema'
import { FY2565 } from './rubric-fy2565'

/*
 * Editions over the years (issue 13): rolling one forward, and choosing the one a date is scored by.
 * Pure and free of zod (the home screen's chunk uses it); validation lives in edition-schema.ts.
 */

/** The editions built into the app: FY2565, exactly as the department issued it. */
export const BUILT_IN_EDITIONS: readonly Rubric[] = [FY2565]

/**
 * A date one year later. A date that ends its month stays the end of the month (28 Feb 2023 →
 * 29 Feb 2024, 29 Feb 2024 → 28 Feb 2025); any other day keeps its day and month.
 */
export function rollDate(date: ISODate, years = 1): ISODate {
  const month = date.slice(5, 7)
  const y = Number(date.slice(0, 4)) + years
  const target = `${String(y).padStart(4, '0')}-${month}`
  if (date === lastDayOfMonth(date.slice(0, 7))) return lastDayOfMonth(target)
  return `${target}-${date.slice(8, 10)}`
}

function rollValue<T>(value: T): T {
  if (typeof value === 'string') return (isIsoDate(value) ? rollDate(value) : value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => rollValue(v)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = rollValue(v)
    return out as T
  }
  return value
}

/**
 * Edition N → N+1: every date moved by one fiscal year, every threshold, band and list kept, marked as
 * derived from N so an office edits only what changed. A demo edition stays a demo edition.
 */
export function rollForward(edition: Rubric): Rubric {
  const year = edition.year + 1
  const { note: _note, derivedFrom: _from, ...rest } = edition
  const rolled = rollValue(rest)
  return { ...rolled, name: `FY${year}`, year, derivedFrom: edition.name }
}

/** Rolls `from` forward until it is the edition of `toYear` (Buddhist Era); throws when toYear is not after it. */
export function rollTo(from: Rubric, toYear: number): Rubric {
  if (toYear <= from.year) throw new Error(`cannot roll ${from.name} to ${toYear}: the target year must be after ${from.year}`)
  let e = from
  while (e.year < toYear) e = rollForward(e)
  // Rolled step by step, `derivedFrom` names the last step; the office wants the edition it came from.
  return { ...e, derivedFrom: from.name }
}

/** The Buddhist-Era fiscal year a date falls in: 2026-12-01 → 2570. */
export function fiscalYearBE(date: ISODate): number {
  return toBuddhistYear(fiscalYear(date))
}

export type EditionChoice = {
  edition: Rubric
  /** True when the date lies inside the edition's fiscal year; false when it is an older year's rules. */
  current: boolean
  /** The fiscal year (BE) of the date. */
  yearOfDate: number
}

/**
 * The edition a date is scored by: the one whose fiscal year holds it, else the newest one that
 * started before it (its rules are shown, and the caller says so), else the oldest one.
 */
export function chooseEdition(asOf: ISODate, editions: readonly Rubric[] = BUILT_IN_EDITIONS): EditionChoice {
  const yearOfDate = fiscalYearBE(asOf)
  const list = editions.length ? [...editions] : [...BUILT_IN_EDITIONS]
  list.sort((a, b) => a.year - b.year)
  const exact = list.filter((e) => e.fiscalYear.start <= asOf && asOf <= e.fiscalYear.end)
  if (exact.length) return { edition: exact[exact.length - 1]!, current: true, yearOfDate }
  const before = list.filter((e) => e.fiscalYear.start <= asOf)
  if (before.length) return { edition: before[before.length - 1]!, current: false, yearOfDate }
  return { edition: list[0]!, current: false, yearOfDate }
}

/** The newest edition whose year is before `year` (for `rubric roll --to`), or undefined. */
export function newestBefore(year: number, editions: readonly Rubric[] = BUILT_IN_EDITIONS): Rubric | undefined {
  return [...editions].filter((e) => e.year < year).sort((a, b) => b.year - a.year)[0]
}

/** The demo province's edition: FY2565 rolled forward to `year`, labelled as a demonstration. */
export function demoEdition(year: number): Rubric {
  const e = year === FY2565.year ? { ...FY2565 } : rollTo(FY2565, year)
  return { ...e, demo: true, note: `Demonstration edition: the FY2565 rules rolled forward to ${year}; not issued by the department.` }
}

/** Editions by year; of two with the same year, the later in the list wins (a published one over a built-in). */
export function mergeEditions(...lists: readonly (readonly Rubric[])[]): Rubric[] {
  const byYear = new Map<number, Rubric>()
  for (const list of lists) for (const e of list) byYear.set(e.year, e)
  return [...byYear.values()].sort((a, b) => a.year - b.year)
}
