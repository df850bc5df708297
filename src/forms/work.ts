/*
 * Today's work, as pure functions of read-model rows and `today` (never the clock). Kept free of
 * zod and Dexie: the home and village screens are in the first-screen chunk.
 *
 * The rubric (SCORING.md mission 1, item 2.1) wants ≥ 2 mentor visits in every complete calendar
 * month after the household's plan month. So a household is due while the current month — once it
 * is past the plan month, and inside the active edition's assistance window — has fewer than 2
 * visits; the plan month itself is not judged. The rule itself is src/scoring/mentor-visits.ts.
 */

import { todayIn } from '../schema/dates'
import type { Rubric } from '../scoring/edition-schema'
import { visitsInMonth, visitsRequiredInMonth, visitsStillNeeded } from '../scoring/mentor-visits'
import { FY2565 } from '../scoring/rubric-fy2565'

// One definition each (issue 16): dates in src/schema/dates.ts, the visit rule in src/scoring/mentor-visits.ts.
export { daysBetween, monthOf } from '../schema/dates'
export { visitsInMonth }

/** Visits a month the given edition asks for (FY2565: 2). */
export const visitsPerMonth = (rubric: Rubric = FY2565) => rubric.m1.mentorVisitsPerMonth

export interface VisitFacts {
  planOn?: string
  visits: readonly string[]
}

/** Due: today's month is judged for the household (after its plan month, inside the edition's window) and still short of visits. */
export function isDueVisit(row: VisitFacts, today: string, rubric: Rubric = FY2565): boolean {
  return visitsStillNeeded(row.planOn, row.visits, today, rubric) > 0
}

/** Visits still needed this month (0 when done or not yet due). */
export function visitsNeeded(row: VisitFacts, today: string, rubric: Rubric = FY2565): number {
  return visitsStillNeeded(row.planOn, row.visits, today, rubric)
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
export function householdChips(row: HouseholdFacts, today: string, rubric: Rubric = FY2565): Chip[] {
  const chips: Chip[] = []
  if (!row.inTpmap) chips.push({ key: 'chip.exclusion', tone: 'muted' })
  chips.push(row.verifiedOn ? { key: 'chip.verified', tone: 'ok' } : { key: 'chip.notVerified', tone: 'warn' })
  if (row.verifiedOn) chips.push(row.planOn ? { key: 'chip.plan', tone: 'ok' } : { key: 'chip.noPlan', tone: 'warn' })
  if (row.planOn) {
    const month = today.slice(0, 7)
    const n = visitsInMonth(row.visits, month)
    const need = visitsRequiredInMonth(row.planOn, month, today, rubric) || visitsPerMonth(rubric)
    chips.push({ key: 'chip.visits', tone: n >= need ? 'ok' : isDueVisit(row, today, rubric) ? 'bad' : 'muted', params: { n, of: need } })
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
