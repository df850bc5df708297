/**
 * Builds `_design/cdd` from the app's zod schemas: z.toJSONSchema gives each doc type's shape as data,
 * which is embedded in the hand-written ES5 validate_doc_update (validate-doc-update.js). The shape
 * rules are therefore written once, in src/schema, and the server refuses what the client would.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { APPEND_ONLY_TYPES, DOC_TYPES, REFERENCE_TYPES, docSchemaFor } from '../../src/schema/docs'
import { ATTACHMENT_TYPES, DOC_LIMITS, MAX_ATTACHMENT_BYTES } from '../../src/schema/limits'
import { rubricDocShape } from '../../src/scoring/edition-doc'

export type JsonSchema = { [key: string]: unknown } | boolean

export interface ValidationRules {
  referenceTypes: readonly string[]
  appendOnlyTypes: readonly string[]
  /**
   * The app's rules that read ownership from the _id (src/schema/ids.ts), structure limits, tombstones
   * and attachments. Off only for the checker's own unit tests on a made-up type.
   */
  ownedIds?: boolean
  limits?: { maxDepth: number; maxValues: number; maxString: number; maxChars: number }
  attachments?: { types: readonly string[]; maxBytes: number }
}

export interface DesignDoc {
  _id: '_design/cdd'
  _rev?: string
  language: 'javascript'
  validate_doc_update: string
}

export const DESIGN_DOC_ID = '_design/cdd'

const TEMPLATE_URL = new URL('./validate-doc-update.js', import.meta.url)

// The keywords validate-doc-update.js implements. Annotations are carried but change nothing.
const VALIDATION_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'const', 'enum',
  'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'items', 'minItems', 'maxItems', 'oneOf', 'anyOf', 'allOf',
])
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'readOnly', 'deprecated'])
const FORMATS = new Set(['date', 'date-time', 'uri'])
// Child schemas sit under these keys (as a schema, a list of them, or a name → schema map).
const SCHEMA_KEYS = new Set(['additionalProperties', 'propertyNames', 'items'])
const SCHEMA_LIST_KEYS = new Set(['oneOf', 'anyOf', 'allOf'])

/**
 * Throws, naming the place, if a schema uses anything the ES5 checker does not implement, so that a
 * change in src/schema (or in zod's output) fails the build instead of being silently unchecked.
 */
export function assertSupportedSchema(schema: JsonSchema, where: string): void {
  if (typeof schema === 'boolean') return
  for (const [key, value] of Object.entries(schema)) {
    const here = `${where}.${key}`
    if (!VALIDATION_KEYWORDS.has(key) && !ANNOTATIONS.has(key)) {
      throw new Error(`${here}: JSON Schema keyword "${key}" is not supported by validate_doc_update`)
    }
    if (key === 'format' && !FORMATS.has(String(value))) {
      throw new Error(`${here}: format "${String(value)}" is not supported by validate_doc_update`)
    }
    if (key === 'pattern') assertEs5Pattern(String(value), here)
    if (key === 'properties') {
      for (const [name, child] of Object.entries(value as Record<string, JsonSchema>)) {
        assertSupportedSchema(child, `${here}.${name}`)
      }
    }
    if (SCHEMA_KEYS.has(key)) assertSupportedSchema(value as JsonSchema, here)
    if (SCHEMA_LIST_KEYS.has(key)) (value as JsonSchema[]).forEach((child, i) => assertSupportedSchema(child, `${here}[${i}]`))
  }
}

/** CouchDB's SpiderMonkey knows ES5 regular expressions only, and patterns carry no flags. */
function assertEs5Pattern(pattern: string, where: string): void {
  if (/\(\?<[=!a-zA-Z]|\\p\{|\\P\{|\\u\{|\\k</.test(pattern)) {
    throw new Error(`${where}: pattern ${pattern} uses regular-expression syntax newer than ES5`)
  }
  new RegExp(pattern)
}

/** Each doc type's JSON Schema, as z.toJSONSchema emits it (minus the `$schema` tag). */
export function docJsonSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {}
  for (const type of DOC_TYPES) {
    // io 'input': the shape parse() accepts. The default ('output') marks plain z.object()s
    // `additionalProperties: false`, though parse() accepts (and strips) extra keys: the server would
    // then refuse docs the client accepts.
    const jsonSchema = z.toJSONSchema(docSchemaFor(type) as z.ZodType, { io: 'input' }) as Record<string, unknown>
    const { $schema: _ignored, ...schema } = jsonSchema
    assertSupportedSchema(schema, type)
    out[type] = schema
  }
  return out
}

/** The JSON Schema of a published rubric edition doc (issue 13), checked by its own block. */
export function rubricJsonSchema(): JsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(rubricDocShape, { io: 'input' }) as Record<string, unknown>
  assertSupportedSchema(schema, 'rubric-edition')
  return schema
}

export function appRules(): ValidationRules {
  return {
    referenceTypes: [...REFERENCE_TYPES],
    appendOnlyTypes: [...APPEND_ONLY_TYPES],
    ownedIds: true,
    limits: { ...DOC_LIMITS },
    attachments: { types: [...ATTACHMENT_TYPES], maxBytes: MAX_ATTACHMENT_BYTES },
  }
}

/** The function text CouchDB stores: the template's function with the schemas and rules as data. */
export function buildValidateDocUpdate(schemas: Record<string, JsonSchema>, rules: ValidationRules, rubricSchema: JsonSchema = rubricJsonSchema()): string {
  const template = readFileSync(TEMPLATE_URL, 'utf8')
  const marker = 'export default function (newDoc'
  const start = template.indexOf(marker) + 'export default '.length
  const end = template.lastIndexOf('}')
  if (start < marker.length || end < start) throw new Error('validate-doc-update.js: cannot find the function')
  const body = template.slice(start, end + 1)
  // Replacer functions: `$` in the JSON (patterns end in `$`) must not be read as replacement syntax.
  return body
    .replace('__SCHEMAS__', () => JSON.stringify(schemas))
    .replace('__RULES__', () => JSON.stringify(rules))
    .replace('__RUBRIC_SCHEMA__', () => JSON.stringify(rubricSchema))
}

export function buildDesignDoc(): DesignDoc {
  return {
    _id: DESIGN_DOC_ID,
    language: 'javascript',
    validate_doc_update: buildValidateDocUpdate(docJsonSchemas(), appRules()),
  }
}

/** Turns the stored text back into a function, as CouchDB does: for tests that call it directly. */
export function compileValidateDocUpdate(source: string): (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj?: unknown) => void {
  return new Function(`"use strict"; return (${source})`)() as (newDoc: unknown, oldDoc: unknown, userCtx: unknown) => void
}
