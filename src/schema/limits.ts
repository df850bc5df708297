/*
 * Limits on what one doc may hold, named by the schema or not: the zod schemas are loose (a field a
 * newer app version added survives an older one), so without these one doc with a field nested
 * 10,000 deep, or megabytes of text, is accepted — and then every phone's pull of the district
 * fails on it. The same numbers go into CouchDB's validate_doc_update (couch/design), which checks
 * them with its own ES5 copy of structureProblem; a unit test runs both over the fixture table.
 */
import type { FieldProblem } from './parse'

export const DOC_LIMITS = {
  /** Nesting below the doc itself: `failing.income` is 2, `_attachments.x.content_type` is 3. */
  maxDepth: 8,
  /** Every value in the doc (objects, arrays, strings, numbers…). */
  maxValues: 20_000,
  /** One string (attachment data excepted: attachments have their own limit). */
  maxString: 20_000,
  /** All text in the doc: keys and strings, attachment data excepted. */
  maxChars: 1_000_000,
} as const

/** Photos only: what phones take and browsers show safely. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

/** The first limit a value breaks, naming the top-level field; null if none. Iterative. */
export function structureProblem(doc: unknown, limits = DOC_LIMITS): FieldProblem | null {
  const stack: [unknown, string, number][] = [[doc, '', 0]]
  let nodes = 0
  let chars = 0
  while (stack.length) {
    const [v, path, depth] = stack.pop()!
    nodes += 1
    if (nodes > limits.maxValues) return { path: '', message: `more than ${limits.maxValues} values` }
    if (typeof v === 'string') {
      if (path === '_attachments' || path.startsWith('_attachments.')) continue
      chars += v.length
      if (v.length > limits.maxString) return { path, message: `longer than ${limits.maxString} characters` }
      if (chars > limits.maxChars) return { path, message: `the document is over ${limits.maxChars} characters of text` }
      continue
    }
    if (v === null || typeof v !== 'object') continue
    if (depth >= limits.maxDepth) return { path: path.split(/[.[]/)[0] ?? path, message: `nested deeper than ${limits.maxDepth} levels` }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`, depth + 1])
    } else {
      for (const k of Object.keys(v)) {
        chars += k.length
        stack.push([(v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`, depth + 1])
      }
    }
  }
  return null
}
