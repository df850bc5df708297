/*
 * Today's work, as pure functions of read-model rows and `today` (never the clock). Kept free of
 * zod and Dexie: the home and village screens are in the first-screen chunk.
 *
 * The rubric (SCORING.md mission 1, item 2.1) wants ≥ 2 mentor visits in every complete calendar
 * month after the household's plan month. So a household is due while the current month — once it
 * is past the plan month — has fewer than 2 visits; the plan month itself is not judged.
 */

import { todayIn } from '../schema/dates'

export const VISITS_PER_MONTH = 2

export interface VisitFacts {
  planOn?: string
  visits: readonly string[]
}

export const monthOf = (date: string) => date.slice(0, 7)

export function visitsInMonth(visits: readonly string[], month: string): number {
  let n = 0
  for (const v of visits) if (v.startsWith(month)) n += 1
  return n
}

export function isDueVisit(row: VisitFacts, today: string): boolean {
  if (!row.planOn || row.planOn > today) return false
  const month = monthOf(today)
  if (monthOf(row.planOn) >= month) return false
  return visitsInMonth(row.visits, month) < VISITS_PER_MONTH
}

/** Visits still needed this month (0 when done or not yet due). */
export function visitsNeeded(row: VisitFacts, today: string): number {
  return isDueVisit(row, today) ? VISITS_PER_MONTH - visitsInMonth(row.visits, monthOf(today)) : 0
}

/** Calendar days between two ISO dates. Date.UTC never shifts a day, whatever the device's zone. */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000
  return Math.round(day(to) - day(from))
}

/** Today in Thailand (offices work on Bangkok time whatever the phone is set to). Reads the clock: edges only. */
export function localToday(now: Date = new Date()): string {
  return todayIn('Asia/Bangkok', now)
}

export type Tone = 'ok' | 'warn' | 'bad' | 'muted'
export interface Chip {
  key: string
  tone: Tone
  params?: Record<string, string | number>
}

export interface HouseholdFacts extends VisitFacts {
  verifiedOn?: string
  survivingOn?: string
  inTpmap: boolean
  conflicted?: 0 | 1
}

/** The status chips of a household row: verified / plan / visits this month / surviving. */
export function householdChips(row: HouseholdFacts, today: string): Chip[] {
  const chips: Chip[] = []
  if (!row.inTpmap) chips.push({ key: 'chip.exclusion', tone: 'muted' })
  chips.push(row.verifiedOn ? { key: 'chip.verified', tone: 'ok' } : { key: 'chip.notVerified', tone: 'warn' })
  if (row.verifiedOn) chips.push(row.planOn ? { key: 'chip.plan', tone: 'ok' } : { key: 'chip.noPlan', tone: 'warn' })
  if (row.planOn) {
    const n = visitsInMonth(row.visits, monthOf(today))
    chips.push({ key: 'chip.visits', tone: n >= VISITS_PER_MONTH ? 'ok' : isDueVisit(row, today) ? 'bad' : 'muted', params: { n, of: VISITS_PER_MONTH } })
  }
  if (row.survivingOn) chips.push({ key: 'chip.surviving', tone: 'ok' })
  if (row.conflicted) chips.push({ key: 'chip.conflict', tone: 'bad' })
  return chips
}

export interface PlotFacts {
  latest?: { on: string; success: boolean }
}

export function plotChips(row: PlotFacts): Chip[] {
  if (!row.latest) return [{ key: 'chip.notAssessed', tone: 'warn' }]
  return [{ key: 'chip.assessed', tone: 'muted' }, row.latest.success ? { key: 'chip.success', tone: 'ok' } : { key: 'chip.notSuccess', tone: 'bad' }]
}
