import { docSchemaFor } from '../schema/docs'
import { StorageFullError, ValidationError, WriteConflictError } from '../store/repository'
import { isQuotaError } from '../store/quota'
import type { FormDef, FormIssue, FormValues, SubmitOutcome } from './types'
import { issueToMessage, schemaAt } from './validate'
import { getPath } from './values'

/*
 * What the officer is told when the repository refuses a save. In every case the draft stays: the
 * host only discards it after a successful save.
 */

type T = (key: string, params?: Record<string, string | number>) => string

/** Repository problems (`stations.people`, `channels[0].name`) → form issues on the same fields. */
export function problemsToIssues(def: FormDef, problems: { path: string; message: string; code?: string }[], docValues: FormValues): FormIssue[] {
  const schema = docSchemaFor(def.docType) as unknown as Parameters<typeof schemaAt>[0]
  return problems.map((p) => {
    const parts = p.path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)
    const path = parts.join('.')
    const typed = parts.map((x) => (/^\d+$/.test(x) ? Number(x) : x))
    return { path, ...issueToMessage({ code: p.code ?? 'custom', path: typed }, schemaAt(schema, typed), getPath(docValues, path)) }
  })
}

export function saveErrorOutcome(error: unknown, t: T, def: FormDef, docValues: FormValues): SubmitOutcome {
  if (error instanceof ValidationError) return { ok: false, message: t('form.summary', { n: error.problems.length }), issues: problemsToIssues(def, error.problems, docValues) }
  // A full disk may surface from the repository (StorageFullError) or from the draft write before it.
  if (error instanceof StorageFullError || isQuotaError(error)) return { ok: false, message: t('form.storageFull') }
  if (error instanceof WriteConflictError) return { ok: false, message: t('form.conflict') }
  return { ok: false, message: t('form.saveFailed') }
}
