import type { z } from 'zod'
import { docSchemaFor, isDocType, type AnyDoc } from './docs'
import { structureProblem } from './limits'
import { migrate, MigrationError } from './migrate'

/** One thing wrong with a doc or a form: where (a dotted path) and what was expected. */
export interface FieldProblem {
  path: string
  message: string
  code?: string
}

export type ParseResult = { ok: true; doc: AnyDoc } | { ok: false; problems: FieldProblem[] }

/** `households[3].verifiedOn` style paths, as people and the score command print them. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out
}

export function zodProblems(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
    code: issue.code,
  }))
}

/**
 * Reads a doc that came from anywhere (replication, an import, an old version): upgrade, then parse
 * with its type's schema. Never throws; what it cannot read comes back as problems naming fields.
 */
export function parseDoc(raw: unknown): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: '', message: 'expected a JSON object' }] }
  }
  const record = raw as Record<string, unknown>
  // Before anything walks it recursively (zod, JSON.stringify): a 10,000-deep field would overflow.
  const structure = structureProblem(record)
  if (structure) return { ok: false, problems: [structure] }
  if (!isDocType(record.type)) {
    return { ok: false, problems: [{ path: 'type', message: `unknown document type ${JSON.stringify(record.type)}` }] }
  }
  let upgraded: Record<string, unknown>
  try {
    upgraded = migrate(record)
  } catch (error) {
    if (error instanceof MigrationError) return { ok: false, problems: [{ path: error.field, message: error.message }] }
    throw error
  }
  const result = docSchemaFor(record.type).safeParse(upgraded)
  return result.success ? { ok: true, doc: result.data as AnyDoc } : { ok: false, problems: zodProblems(result.error) }
}
