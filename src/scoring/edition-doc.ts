import { z } from 'zod'
import { editionShape, formatEditionPath, parseEdition, type EditionIssue, type Rubric } from './edition-schema'

/*
 * A published edition on the server and on every phone of the province: `rubric:<fiscal year>` in
 * the province database (cdd-<2-digit province>), written by supervisors only. The server checks the
 * shape (the JSON Schema of `rubricDocShape`, in _design/cdd); the app checks everything
 * (`parseEditionDoc`) and skips what fails, falling back to the newest valid edition.
 */

export const RUBRIC_DOC_PREFIX = 'rubric:'

export const rubricDocId = (yearBE: number) => `${RUBRIC_DOC_PREFIX}${yearBE}`

export const rubricDocShape = z.object({
  _id: z.string().regex(/^rubric:25\d\d$/),
  type: z.literal('rubric-edition'),
  /** The province database it belongs to. */
  province: z.string().regex(/^\d{2}$/),
  publishedBy: z.string().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  edition: editionShape,
})

export type RubricDoc = z.infer<typeof rubricDocShape>

export function makeRubricDoc(edition: Rubric, province: string, publishedBy: string, publishedAt: string): RubricDoc {
  return { _id: rubricDocId(edition.year), type: 'rubric-edition', province, publishedBy, publishedAt, edition }
}

/** A published doc's edition, or every problem with its field path (`edition.m1.verifyBy`). */
export function parseEditionDoc(doc: unknown): { ok: true; edition: Rubric } | { ok: false; issues: EditionIssue[] } {
  const shape = rubricDocShape.omit({ edition: true }).safeParse(doc)
  const issues: EditionIssue[] = shape.success ? [] : shape.error.issues.map((i) => ({ path: formatEditionPath(i.path), message: i.message }))
  const e = parseEdition((doc as { edition?: unknown } | null)?.edition)
  if (!e.ok) issues.push(...e.issues.map((i) => ({ path: i.path === '(edition)' ? 'edition' : `edition.${i.path}`, message: i.message })))
  if (issues.length === 0 && e.ok) {
    if ((doc as { _id: string })._id !== rubricDocId(e.edition.year)) return { ok: false, issues: [{ path: '_id', message: `expected ${rubricDocId(e.edition.year)} (the edition's year)` }] }
    return { ok: true, edition: e.edition }
  }
  return { ok: false, issues }
}
