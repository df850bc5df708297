import { SCHEMA_VERSION, docSchemaFor } from '../schema/docs'
import { schemaAt, type AnySchema } from '../schema/introspect'
import { runRules } from './rules'
import type { FieldDef, FormContext, FormDef, FormIssue, FormValues } from './types'
import { getPath, isVisible, toDocValues } from './values'

/*
 * Validation = the doc type's zod schema (the same one the repository and CouchDB apply) on the doc
 * the form stands for, plus the form's cross-field rules. zod's issues are mapped to Thai messages
 * by *code*, never by their English text, with the numbers (min, max) read from the schema itself,
 * so "จำนวนคนเป้าหมาย: ต้องเป็นจำนวนเต็มไม่น้อยกว่า 0" cannot drift from the rule it explains.
 */

// The repository fills the envelope; here a placeholder one lets the schema judge only the form's fields.
const PLACEHOLDER_ENVELOPE = {
  _id: 'form',
  schema: SCHEMA_VERSION,
  district: '0000',
  createdBy: 'form',
  createdAt: '2000-01-01T00:00:00.000Z',
  updatedBy: 'form',
  updatedAt: '2000-01-01T00:00:00.000Z',
  device: 'form',
}

// Reading a field's schema (and its limits) is a schema-layer rule: src/schema/introspect.ts.
export { schemaAt } from '../schema/introspect'

/** The field definition at a dotted path (`channels.0.name` finds the list's item field). */
export function fieldAt(fields: readonly FieldDef[], path: string): FieldDef | undefined {
  const direct = fields.find((f) => f.name === path)
  if (direct) return direct
  for (const f of fields) {
    if (f.type === 'list' && path.startsWith(`${f.name}.`)) {
      const rest = path.slice(f.name.length + 1).replace(/^\d+\./, '')
      return fieldAt(f.itemFields ?? [], rest)
    }
  }
  return undefined
}

interface RawIssue {
  code: string
  path: PropertyKey[]
  expected?: string
  format?: string
  origin?: string
  minimum?: number | bigint
  maximum?: number | bigint
}

/** One zod issue → an i18n key and its params. Exported for the tests and for repository errors. */
export function issueToMessage(issue: RawIssue, fieldSchema: AnySchema | undefined, given: unknown): Pick<FormIssue, 'key' | 'params'> {
  const isInt = fieldSchema?.isInt === true
  const min = fieldSchema?.minValue
  const max = fieldSchema?.maxValue
  const intMessage = (): Pick<FormIssue, 'key' | 'params'> =>
    typeof min === 'number' && typeof max === 'number' && max <= 1000
      ? { key: 'form.err.intRange', params: { min, max } }
      : typeof min === 'number' && min > -1e15
        ? { key: 'form.err.int', params: { min } }
        : { key: 'form.err.intAny' }
  // Problems coming back from the repository carry only a code: the schema tells the field's kind.
  const origin = issue.origin ?? (fieldSchema?.def?.type === 'number' || fieldSchema?.def?.type === 'string' ? String(fieldSchema.def.type) : undefined)
  switch (issue.code) {
    case 'invalid_type':
      if (given === undefined || given === null) return { key: 'form.err.required' }
      if (issue.expected === 'int' || (issue.expected === 'number' && isInt)) return intMessage()
      if (issue.expected === 'number') return { key: 'form.err.number' }
      return { key: 'form.err.invalid' }
    case 'too_small':
      if (origin === 'number') return isInt ? intMessage() : { key: 'form.err.min', params: { min: Number(issue.minimum ?? min) } }
      if (origin === 'string') return { key: 'form.err.required' }
      return { key: 'form.err.invalid' }
    case 'too_big':
      if (origin === 'number') return isInt && typeof min === 'number' && typeof max === 'number' && max <= 1000 ? intMessage() : { key: 'form.err.max', params: { max: Number(issue.maximum ?? max) } }
      if (origin === 'string') return { key: 'form.err.tooLong', params: { max: Number(issue.maximum ?? (fieldSchema as { maxLength?: number } | undefined)?.maxLength) } }
      return { key: 'form.err.invalid' }
    case 'invalid_format':
      if (issue.format === 'date') return { key: 'form.err.date' }
      if (issue.format === 'url') return { key: 'form.err.url' }
      if (issue.format === 'regex' && typeof given === 'string' && given.trim() === '') return { key: 'form.err.required' }
      return { key: 'form.err.format' }
    case 'invalid_value':
    case 'invalid_union':
      return given === undefined ? { key: 'form.err.required' } : { key: 'form.err.choice' }
    default:
      return { key: 'form.err.invalid' }
  }
}

function pathString(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

/** Every problem of the form, first per field, in field order. Pure: `ctx.today` is the clock. */
export function validateForm(def: FormDef, values: FormValues, ctx: FormContext): FormIssue[] {
  const docValues = toDocValues(def, values, ctx)
  const schema = docSchemaFor(def.docType) as unknown as AnySchema
  const candidate = { ...PLACEHOLDER_ENVELOPE, ...docValues, type: def.docType }
  const issues: FormIssue[] = []
  const result = schema.safeParse(candidate)
  if (!result.success) {
    for (const raw of result.error.issues as unknown as RawIssue[]) {
      const path = pathString(raw.path)
      const given = getPath(candidate, path)
      issues.push({ path, ...issueToMessage(raw, schemaAt(schema, raw.path as (string | number)[]), given) })
    }
  }
  issues.push(...formLevelIssues(def.fields, values, ctx, ''))
  issues.push(...runRules(def.rules ?? [], docValues, ctx))
  return firstPerPath(issues, def)
}

/** Rules every form shares: required fields the schema leaves optional, and dates not in the future. */
function formLevelIssues(fields: readonly FieldDef[], values: FormValues, ctx: FormContext, prefix: string): FormIssue[] {
  const out: FormIssue[] = []
  for (const field of fields) {
    if (!isVisible(field, values, ctx)) continue
    const path = prefix + field.name
    const value = getPath(values, field.name)
    if (field.required && (value === undefined || value === '' || (Array.isArray(value) && value.length === 0 && field.type !== 'list'))) {
      out.push({ path, key: 'form.err.required' })
    }
    // A Buddhist-Era year typed by habit (2569 for 2026): say so, instead of "in the future" (issue 15).
    const beYear = field.type === 'date' && typeof value === 'string' ? /^(\d{4})-\d{2}-\d{2}$/.exec(value)?.[1] : undefined
    if (beYear && Number(beYear) >= 2400) {
      out.push({ path, key: 'form.err.beYear', params: { be: beYear, ce: String(Number(beYear) - 543) } })
      continue
    }
    if (field.type === 'date' && field.notFuture && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value > ctx.today) {
      out.push({ path, key: 'form.err.future' })
    }
    if (field.type === 'list' && Array.isArray(value)) {
      value.forEach((item, i) => out.push(...formLevelIssues(field.itemFields ?? [], item as FormValues, ctx, `${path}.${i}.`)))
    }
  }
  return out
}

function fieldOrder(def: FormDef, path: string): number {
  const top = path.split('.')[0]
  const index = def.fields.findIndex((f) => f.name === path || f.name.split('.')[0] === top)
  return index === -1 ? def.fields.length : index
}

function firstPerPath(issues: FormIssue[], def: FormDef): FormIssue[] {
  const seen = new Set<string>()
  const out: FormIssue[] = []
  for (const issue of issues) {
    if (seen.has(issue.path)) continue
    seen.add(issue.path)
    out.push(issue)
  }
  return out.sort((a, b) => fieldOrder(def, a.path) - fieldOrder(def, b.path))
}

/** "วันที่ตรวจสอบ: วันที่ไม่ถูกต้อง (ปปปป-ดด-วว)" — the field's label, then what is wrong. */
export function describeIssue(
  t: (key: string, params?: Record<string, string | number>) => string,
  def: Pick<FormDef, 'fields'>,
  issue: FormIssue,
  formatDate: (iso: string) => string = (iso) => iso,
): string {
  const field = fieldAt(def.fields, issue.path)
  const params = { ...(issue.params ?? {}) }
  // Params naming another field carry its label key; dates are shown as the user reads them (พ.ศ.).
  if (typeof params.other === 'string') params.other = t(params.other)
  if (typeof params.date === 'string') params.date = formatDate(params.date)
  const message = t(issue.key, params)
  const label = field ? t(field.label) : issue.path
  return label ? `${label}: ${message}` : message
}
