import type { DocType } from '../schema/docs'

/*
 * How to define a form (read this before adding one)
 * ──────────────────────────────────────────────────
 * A form is DATA: a `FormDef` naming the doc type it writes, its fields, and the rules the schema
 * cannot say. ONE component, `FormRenderer` (src/forms/form-renderer.tsx), draws every form,
 * validates it as the user types (zod schema of `docType` + `rules`) and reports Thai messages
 * that name the field. Nothing form-specific lives in the renderer.
 *
 *   export const myForm: FormDef = {
 *     kind: 'monitoring-report',            // route kind and draft key
 *     docType: 'monitoring-report',         // validated by docSchemaFor(docType)
 *     title: 'form.report.title',           // i18n key (src/app/i18n/messages-forms.ts)
 *     fields: [
 *       { name: 'on', type: 'date', label: 'field.reportOn', required: true, defaultToday: true, notFuture: true },
 *       { name: 'mission', type: 'select', label: 'field.mission', required: true, options: missionOptions },
 *       { name: 'note', type: 'textarea', label: 'field.note' },
 *     ],
 *     fixed: (ctx) => ({ householdId: ctx.parent }), // values the user is not asked for (parent ids, kind…)
 *     rules: [notBefore('resolvedOn', 'receivedOn')], // cross-field rules: pure (values, ctx) → issues
 *   }
 *
 * - `name` is the doc field's path, dotted for nested objects (`stations.people`, `failing.income`).
 *   Values are kept as typed by the user (numbers as text, so "๑๒" or a typo is never lost) and turned
 *   into doc values by `toDocValues` (src/forms/values.ts) only to validate and save.
 * - `showIf(values, ctx)` hides a field (its value is then left out of the doc); `options` may be a
 *   function of (values, ctx) too, e.g. only the household's failing dimensions.
 * - Field types: text, textarea, number, date (native picker + Buddhist-Era echo), boolean (one
 *   checkbox), select, radio, multi (checkbox group → string[]), list (repeating group of
 *   `itemFields` → object[]), photos (camera/files, resized, saved as attachments), gps, heading
 *   (a sub-title, no value).
 * - `ctx` is whatever the host screen knows (the parent row, today's date, the user's areas…).
 *   `ctx.today` is required: "not in the future" rules never read the clock themselves.
 */

export type FieldType = 'text' | 'textarea' | 'number' | 'date' | 'boolean' | 'select' | 'radio' | 'multi' | 'list' | 'photos' | 'gps' | 'heading'

export type FormValues = Record<string, unknown>

export interface FormContext {
  /** Today's date (YYYY-MM-DD) where the user is; rules compare with it. */
  today: string
  [key: string]: unknown
}

export interface Option {
  value: string
  /** i18n key, or a literal label when `literal` is set (a village name, a plot number). */
  label: string
  literal?: boolean
}

export interface FieldDef {
  name: string
  type: FieldType
  /** i18n key of the label; also the field's name in error messages. */
  label: string
  /** i18n key of a help line under the label. */
  help?: string
  required?: boolean
  options?: Option[] | ((values: FormValues, ctx: FormContext) => Option[])
  showIf?: (values: FormValues, ctx: FormContext) => boolean
  /** Date fields: prefill with ctx.today on a new record. */
  defaultToday?: boolean
  /** Date fields: a date after ctx.today is an error (a survey records what happened). */
  notFuture?: boolean
  /** Number fields: allow decimals (areas in rai); whole numbers otherwise. */
  decimal?: boolean
  /** list fields: the fields of one item (names relative to the item). */
  itemFields?: FieldDef[]
  /** Default value for a new record (booleans default to false, lists to []). */
  initial?: unknown
}

/** One thing wrong, at a field path, as an i18n key + params (translated by the renderer). */
export interface FormIssue {
  path: string
  key: string
  params?: Record<string, string | number>
}

export type CrossFieldRule = (values: FormValues, ctx: FormContext) => FormIssue[]

export interface FormDef {
  kind: string
  docType: DocType
  title: string
  fields: FieldDef[]
  /** Doc values the user is not asked for (parent ids, fixed kind, inTpmap…). Win over field values. */
  fixed?: (ctx: FormContext) => FormValues
  rules?: CrossFieldRule[]
  /** i18n key of the submit button; 'form.save' by default. */
  submitLabel?: string
  /**
   * A live verdict shown above the submit button while the user fills the form (e.g. "this plot
   * meets the HLM success criteria", or which criteria are missing). Pure, of the doc values.
   */
  status?: (docValues: FormValues, ctx: FormContext) => FormStatus | undefined
}

export interface FormStatus {
  ok: boolean
  /** i18n key of the verdict. */
  label: string
  /** i18n keys of what is missing (empty when ok). */
  missing: string[]
}

/** What the host's save returns to the renderer: problems found by the repository, or a message. */
export type SubmitOutcome = { ok: true } | { ok: false; message?: string; issues?: FormIssue[] }
