import { isIsoDate } from '../schema/dates'
import { fromThaiDigits } from '../schema/thai-numbers'
import { parseEdition, type EditionIssue, type Rubric } from './edition-schema'

/*
 * The publish form of the rubric screen (issue 13), pure: the main dates and thresholds of an edition
 * as form values, and the edition those values make, checked with the full schema. Every problem names
 * its form field (when it has one) and its field path, with a code the screen words in Thai.
 */

export const RUBRIC_FORM_FIELDS = ['verifyBy', 'assistBy', 'visits', 'm2deadline', 'm4planBy'] as const
export type RubricFormField = (typeof RUBRIC_FORM_FIELDS)[number]
export type RubricFormValues = Record<RubricFormField, string>

/** Each form field's place in the edition. */
export const RUBRIC_FIELD_PATHS: Record<RubricFormField, string> = {
  verifyBy: 'm1.verifyBy',
  assistBy: 'm1.assistBy',
  visits: 'm1.mentorVisitsPerMonth',
  m2deadline: 'm2.deadline',
  m4planBy: 'm4.planBy',
}

export const RUBRIC_DATE_FIELDS: readonly RubricFormField[] = ['verifyBy', 'assistBy', 'm2deadline', 'm4planBy']

export type RubricFormIssue = EditionIssue & {
  /** The form field it belongs to, if any. */
  field?: RubricFormField
  /** `date`: not a date; `number`: not a whole number ≥ 0; `outside`: far from the fiscal year; `schema`: any other rule. */
  code: 'date' | 'number' | 'outside' | 'schema'
}

export function formFromEdition(e: Rubric): RubricFormValues {
  return { verifyBy: e.m1.verifyBy, assistBy: e.m1.assistBy, visits: String(e.m1.mentorVisitsPerMonth), m2deadline: e.m2.deadline, m4planBy: e.m4.planBy }
}

const FIELD_BY_PATH = new Map(Object.entries(RUBRIC_FIELD_PATHS).map(([f, p]) => [p, f as RubricFormField]))

/** The edition `base` with the form's values, or every problem (form fields first). */
export function editionFromForm(base: Rubric, values: RubricFormValues): { ok: true; edition: Rubric } | { ok: false; issues: RubricFormIssue[] } {
  const issues: RubricFormIssue[] = []
  for (const f of RUBRIC_DATE_FIELDS) {
    if (!isIsoDate(values[f].trim())) issues.push({ field: f, path: RUBRIC_FIELD_PATHS[f], code: 'date', message: 'expected a date YYYY-MM-DD' })
  }
  const visitsText = fromThaiDigits(values.visits.trim())
  const visits = /^\d+$/.test(visitsText) ? Number(visitsText) : NaN
  if (!Number.isInteger(visits) || visits < 0 || visits > 31) issues.push({ field: 'visits', path: RUBRIC_FIELD_PATHS.visits, code: 'number', message: 'expected a whole number 0–31' })
  if (issues.length) return { ok: false, issues }
  const edition: Rubric = {
    ...base,
    m1: { ...base.m1, verifyBy: values.verifyBy.trim(), assistBy: values.assistBy.trim(), mentorVisitsPerMonth: visits },
    m2: { ...base.m2, deadline: values.m2deadline.trim() },
    m4: { ...base.m4, planBy: values.m4planBy.trim() },
  }
  const parsed = parseEdition(edition)
  if (parsed.ok) return parsed
  return {
    ok: false,
    issues: parsed.issues.map((i) => {
      const field = FIELD_BY_PATH.get(i.path)
      const code = / is far outside fiscal year /.test(i.message) ? 'outside' : field && RUBRIC_DATE_FIELDS.includes(field) && /date/.test(i.message) ? 'date' : 'schema'
      return { ...i, field, code }
    }),
  }
}

/** The server's refusal (English, from validate_doc_update or the network) as a key of the Thai words. */
export function refusalKey(reason: string): 'rubric.refused.offline' | 'rubric.refused.role' | 'rubric.refused.invalid' | 'rubric.refused.other' {
  if (/failed to fetch|networkerror|network error|load failed|fetch failed/i.test(reason)) return 'rubric.refused.offline'
  if (/only be published by supervisors|unauthorized|not a member|you are not|forbidden/i.test(reason)) return 'rubric.refused.role'
  if (/^[\w.[\]]+: /.test(reason)) return 'rubric.refused.invalid'
  return 'rubric.refused.other'
}

/** A rubric file's text: its edition, or every problem with its field path. */
export function parseRubricFile(text: string): { ok: true; edition: Rubric } | { ok: false; issues: EditionIssue[] } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { ok: false, issues: [{ path: '(file)', message: 'not JSON' }] }
  }
  // A published doc (`rubric:<year>` with `edition`) is accepted as its edition.
  if (data && typeof data === 'object' && 'edition' in data && (data as { type?: unknown }).type === 'rubric-edition') data = (data as { edition: unknown }).edition
  return parseEdition(data)
}
