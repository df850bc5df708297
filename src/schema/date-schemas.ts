import { z } from 'zod'

/* The date rules of src/schema/dates.ts as zod schemas (kept apart so screens that only need date
 * arithmetic do not pull zod into the first screen's JS). */

/**
 * zod schema for a calendar date. `z.iso.date()` checks real dates (leap years included) and turns
 * into a JSON-Schema `format: date` + pattern, which is how CouchDB's validate_doc_update gets the
 * same rule. The message names what was expected and what came.
 */
export const isoDate = z.iso.date({
  error: (issue) =>
    issue.input === undefined
      ? 'expected a date as YYYY-MM-DD'
      : `expected a real calendar date as YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
})

export const monthKey = z
  .string({ error: 'expected a month as YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: (issue) => `expected a month as YYYY-MM, got ${JSON.stringify(issue.input)}` })
