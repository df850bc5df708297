import type { CrossFieldRule, FormIssue, FormValues } from './types'
import { getPath } from './values'

/*
 * Cross-field rules: what JSON Schema (and so the zod schemas, which CouchDB's validation mirrors)
 * cannot say — one date after another, a step that needs an earlier one. Pure functions of the form
 * values; each names the field it blames and the other field it compares with.
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/

function dateAt(values: FormValues, path: string): string | undefined {
  const value = getPath(values, path)
  return typeof value === 'string' && ISO.test(value) ? value : undefined
}

/** `path` may not be earlier than `otherPath` (ISO strings compare as dates). */
export function notBefore(path: string, otherPath: string, otherLabel: string): CrossFieldRule {
  return (values) => {
    const a = dateAt(values, path)
    const b = dateAt(values, otherPath)
    return a && b && a < b ? [{ path, key: 'form.err.before', params: { other: otherLabel, date: b } }] : []
  }
}

/** `path` can only be given once `otherPath` is (a plan needs a verified household). */
export function needs(path: string, otherPath: string, otherLabel: string): CrossFieldRule {
  return (values) => {
    const a = getPath(values, path)
    const b = getPath(values, otherPath)
    const given = (v: unknown) => v !== undefined && v !== null && v !== ''
    return given(a) && !given(b) ? [{ path, key: 'form.err.needs', params: { other: otherLabel } }] : []
  }
}

/** Runs rules, collecting their issues. */
export function runRules(rules: readonly CrossFieldRule[], values: FormValues, ctx: Parameters<CrossFieldRule>[1]): FormIssue[] {
  return rules.flatMap((rule) => rule(values, ctx))
}
