import type { ISODate } from '../schema/dates'
import type { Rubric } from './edition-schema'

/*
 * Whether a dated record will count for the edition's score (issue 13): a visit, assistance,
 * assessment or verification dated outside the edition's window, or after the item's deadline, is
 * still saved, but the form says, as it is typed, that it will not count and why. Pure.
 */

export type CountingKind = 'mentor-visit' | 'assistance' | 'plot-assessment' | 'verification'

export type CountingNote =
  | { reason: 'outside'; start: ISODate; end: ISODate }
  | { reason: 'afterDeadline'; deadline: ISODate }

/** The window a record's date counts in, under the edition (the item the record feeds). */
export function countingWindow(kind: CountingKind, rubric: Rubric): { start: ISODate; end: ISODate; deadline: boolean } {
  const start = rubric.fiscalYear.start
  switch (kind) {
    case 'mentor-visit':
    case 'assistance':
      return { start, end: rubric.m1.assistBy, deadline: rubric.m1.assistBy < rubric.fiscalYear.end }
    case 'plot-assessment':
      return { start, end: rubric.m2.deadline, deadline: rubric.m2.deadline < rubric.fiscalYear.end }
    case 'verification':
      return { start, end: rubric.m1.verifyBy, deadline: true }
  }
}

/** Undefined when the date counts (or is not a date yet); else why it will not. */
export function countingNote(kind: CountingKind, date: unknown, rubric: Rubric): CountingNote | undefined {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined
  const w = countingWindow(kind, rubric)
  if (date < w.start) return { reason: 'outside', start: w.start, end: w.end }
  if (date > w.end) {
    // After the deadline but still inside the fiscal year: the deadline is the reason.
    if (w.deadline && date <= rubric.fiscalYear.end) return { reason: 'afterDeadline', deadline: w.end }
    return { reason: 'outside', start: w.start, end: w.end }
  }
  return undefined
}
