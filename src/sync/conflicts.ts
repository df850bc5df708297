/*
 * Conflict choice, pure. Two phones edited the same household (or complaint) offline; PouchDB kept
 * both revisions and picked a deterministic winner. Here: what differs between the versions, and the
 * doc the user's field-by-field picks make. Nothing here deletes anything: the caller removes the
 * losing revisions only after the merged doc has been validated and saved.
 */

export type Doc = Record<string, unknown>

/** Bookkeeping fields: shown as who/when/which device, never picked field by field. */
export const ENVELOPE_FIELDS = ['_id', '_rev', '_conflicts', '_revisions', '_attachments', '_deleted', 'type', 'schema', 'district', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'device', 'supersedes'] as const

const ENVELOPE = new Set<string>(ENVELOPE_FIELDS)

export interface FieldDiff {
  field: string
  values: unknown[]
  /** True when every version has the same value (deep equality on JSON values). */
  same: boolean
}

export interface VersionInfo {
  rev: string
  updatedBy?: string
  updatedAt?: string
  device?: string
}

/** Deep equality for JSON values; key order does not matter, undefined equals absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)])
  for (const k of keys) if (!sameValue(ao[k], bo[k])) return false
  return true
}

/** The content fields of any of the versions, in the first version's order, then new ones. */
function contentFields(versions: Doc[]): string[] {
  const fields: string[] = []
  const seen = new Set<string>()
  for (const v of versions)
    for (const k of Object.keys(v))
      if (!ENVELOPE.has(k) && !seen.has(k)) {
        seen.add(k)
        fields.push(k)
      }
  return fields
}

/** Field by field, the values of each version (any number of them; usually two). */
export function diffVersions(versions: Doc[]): FieldDiff[] {
  return contentFields(versions).map((field) => {
    const values = versions.map((v) => v[field])
    return { field, values, same: values.every((x) => sameValue(x, values[0])) }
  })
}

/** Two revisions side by side: every content field, the differing ones flagged. */
export function diffRevisions(a: Doc, b: Doc): FieldDiff[] {
  return diffVersions([a, b])
}

export function versionInfo(doc: Doc): VersionInfo {
  const s = (k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : undefined)
  return { rev: String(doc._rev ?? ''), updatedBy: s('updatedBy'), updatedAt: s('updatedAt'), device: s('device') }
}

/** Which version each differing field comes from (an index into the versions); the rest follow `base`. */
export type Picks = Record<string, number>

export interface MergeInput {
  versions: Doc[]
  /** The version fields without a pick come from; 0 (the current winner) by default. */
  base?: number
}

/**
 * The merged content: every content field from the picked version (or `base`), envelope left out
 * for the repository to fill. A field absent in the picked version is present as `undefined`, so
 * saving on top of the winner removes it instead of silently keeping the winner's value.
 */
export function mergeChoice(input: MergeInput, picks: Picks = {}): Doc {
  const { versions, base = 0 } = input
  if (!versions[base]) throw new Error(`no version ${base} to merge from`)
  const merged: Doc = {}
  for (const field of contentFields(versions)) {
    const from = picks[field] ?? base
    const version = versions[from]
    if (!version) throw new Error(`pick for ${field} names version ${from}, which does not exist`)
    merged[field] = version[field]
  }
  return merged
}

/** The picks that take every differing field from one version: "keep this one". */
export function pickAll(diffs: FieldDiff[], index: number): Picks {
  const picks: Picks = {}
  for (const d of diffs) if (!d.same) picks[d.field] = index
  return picks
}

export interface ResolutionPlan {
  /** The revision the merged content is saved on top of (PouchDB's current winner). */
  saveOn: string
  /** The losing leaves to delete, each only after the save succeeded. */
  remove: string[]
}

/** Saves on the winner; every other leaf revision goes. Throws if the winner is listed as a loser. */
export function resolutionPlan(winnerRev: string, conflictRevs: string[]): ResolutionPlan {
  const remove = [...new Set(conflictRevs)].filter((r) => r !== winnerRev)
  return { saveOn: winnerRev, remove }
}
