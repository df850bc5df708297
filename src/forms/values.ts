import { fromThaiDigits } from '../schema/thai-numbers'
import type { FieldDef, FormContext, FormDef, FormValues } from './types'

/*
 * Form values ↔ doc values. The form keeps what the user typed (a number field's text, so "๑๒" or
 * "12a" is kept and shown back, never silently dropped); the doc gets typed values. Conversion is
 * pure and happens on every change, for validation, and once more on save.
 */

export function getPath(values: unknown, path: string): unknown {
  let current: unknown = values
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

/** A copy of `values` with `path` set (objects and arrays along the path copied, never mutated). */
export function setPath(values: FormValues, path: string, value: unknown): FormValues {
  return setIn(values, path.split('.'), value) as FormValues
}

function setIn(container: unknown, parts: string[], value: unknown): unknown {
  const [head, ...rest] = parts as [string, ...string[]]
  if (Array.isArray(container)) {
    const copy = [...container]
    copy[Number(head)] = rest.length === 0 ? value : setIn(copy[Number(head)] ?? {}, rest, value)
    return copy
  }
  const base = container && typeof container === 'object' ? (container as FormValues) : {}
  return { ...base, [head]: rest.length === 0 ? value : setIn(base[head], rest, value) }
}

/** Text typed into a number field → number; '' → undefined; junk → NaN (the schema names it). */
export function parseNumber(text: unknown): number | undefined {
  if (typeof text === 'number') return text
  if (typeof text !== 'string') return undefined
  const cleaned = fromThaiDigits(text).replace(/[,\s]/g, '')
  if (cleaned === '') return undefined
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN
}

export function isVisible(field: FieldDef, values: FormValues, ctx: FormContext): boolean {
  return field.showIf ? field.showIf(values, ctx) : true
}

function fieldInitial(field: FieldDef, ctx: FormContext): unknown {
  if (field.initial !== undefined) return field.initial
  switch (field.type) {
    case 'boolean':
      return false
    case 'list':
    case 'multi':
    case 'photos':
      return []
    case 'date':
      return field.defaultToday ? ctx.today : ''
    default:
      return ''
  }
}

/** Values of a new record: defaults, then `existing` (a doc being edited) turned back into form text. */
export function initialValues(def: Pick<FormDef, 'fields'>, ctx: FormContext, existing?: Record<string, unknown>): FormValues {
  let values: FormValues = {}
  for (const field of def.fields) {
    if (field.type === 'heading') continue
    const fromDoc = existing ? getPath(existing, field.name) : undefined
    let value: unknown
    if (fromDoc === undefined) value = existing && field.type === 'date' ? '' : fieldInitial(field, ctx)
    else if (field.type === 'number') value = String(fromDoc)
    else if (field.type === 'list' && Array.isArray(fromDoc) && field.itemFields) {
      value = fromDoc.map((item) => initialValues({ fields: field.itemFields! }, ctx, item as Record<string, unknown>))
    } else value = fromDoc
    values = setPath(values, field.name, value)
  }
  return values
}

function docValueOf(field: FieldDef, raw: unknown, ctx: FormContext): unknown {
  switch (field.type) {
    case 'number':
      return parseNumber(raw)
    case 'boolean':
      return raw === true
    case 'text':
    case 'textarea':
    case 'date':
    case 'select':
    case 'radio':
      // Empty means "not given": optional fields drop out, required ones get the schema's "required".
      return typeof raw === 'string' ? (raw.trim() === '' ? undefined : field.type === 'date' ? raw : raw.trim()) : raw
    case 'multi':
      return Array.isArray(raw) ? raw : []
    case 'list':
      return Array.isArray(raw) ? raw.map((item) => toFieldValues(field.itemFields ?? [], item as FormValues, ctx)) : []
    case 'gps':
      return raw && typeof raw === 'object' ? raw : undefined
    default:
      return undefined
  }
}

function toFieldValues(fields: FieldDef[], values: FormValues, ctx: FormContext): FormValues {
  let out: FormValues = {}
  for (const field of fields) {
    if (field.type === 'heading' || field.type === 'photos') continue
    if (!isVisible(field, values, ctx)) continue
    const value = docValueOf(field, getPath(values, field.name), ctx)
    if (value !== undefined) out = setPath(out, field.name, value)
  }
  return out
}

/** The doc values a form stands for: visible fields converted, then the form's fixed values. */
export function toDocValues(def: FormDef, values: FormValues, ctx: FormContext): FormValues {
  return { ...toFieldValues(def.fields, values, ctx), ...(def.fixed?.(ctx) ?? {}) }
}

/** Photos the user added (kept in the form values, and so in the draft, as Blobs). */
export interface FormPhoto {
  name: string
  blob: Blob
}

export function photosOf(def: FormDef, values: FormValues): FormPhoto[] {
  return def.fields.filter((f) => f.type === 'photos').flatMap((f) => (getPath(values, f.name) as FormPhoto[] | undefined) ?? [])
}
