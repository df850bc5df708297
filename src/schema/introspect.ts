import type { z } from 'zod'
import { docSchemaFor, type DocType } from './docs'

/*
 * Reading the rules back out of the zod schemas, so that no other layer restates a limit: the forms'
 * Thai messages ("ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50") and the spreadsheet import's cell checks both take
 * their numbers from here, i.e. from the one schema the repository and CouchDB also apply.
 */

export type AnySchema = z.ZodType & { def?: Record<string, unknown>; shape?: Record<string, AnySchema>; minValue?: number | null; maxValue?: number | null; isInt?: boolean; maxLength?: number | null }

/** The schema of one field inside a doc schema (through optional, objects, arrays and unions). */
export function schemaAt(schema: AnySchema, path: readonly (string | number)[]): AnySchema | undefined {
  let current: AnySchema | undefined = schema
  for (const part of path) {
    current = unwrap(current)
    if (!current) return undefined
    const def = current.def as { type?: string; options?: AnySchema[]; element?: AnySchema } | undefined
    if (def?.type === 'union' && def.options) {
      current = def.options.map((o) => unwrap(o)?.shape?.[String(part)]).find(Boolean)
    } else if (def?.type === 'array' && typeof part === 'number') {
      current = def.element
    } else if (def?.type === 'array') {
      current = def.element
    } else {
      current = current.shape?.[String(part)]
    }
  }
  return unwrap(current)
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema
  while (current?.def && (current.def.type === 'optional' || current.def.type === 'nullable' || current.def.type === 'default')) {
    current = current.def.innerType as AnySchema
  }
  return current
}

export interface FieldLimits {
  min?: number
  max?: number
  maxLength?: number
  isInt: boolean
}

/** A top-level field's limits in a doc type's schema (numbers: min/max/whole; text: maxLength). */
export function fieldLimits(type: DocType, field: string): FieldLimits {
  const schema = schemaAt(docSchemaFor(type) as unknown as AnySchema, [field])
  if (!schema) throw new Error(`${type} has no field ${field}`)
  const finite = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined)
  const out: FieldLimits = { isInt: schema.isInt === true }
  const min = finite(schema.minValue)
  const max = finite(schema.maxValue)
  const maxLength = finite(schema.maxLength)
  if (min !== undefined) out.min = min
  if (max !== undefined) out.max = max
  if (maxLength !== undefined) out.maxLength = maxLength
  return out
}
