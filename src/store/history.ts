/*
 * Edit history (issue 15): which fields of an edited record changed, from what to what. Pure; the
 * repository writes the result as a `history` doc next to each edit, because CouchDB compacts old
 * revisions away and PouchDB's _revs hold no bodies for long.
 */

export interface FieldChange {
  field: string
  from?: unknown
  to?: unknown
}

/** Types whose docs are edited in place (the others are append-only and have no edits to record). */
export const HISTORY_TYPES: readonly string[] = ['household', 'complaint', 'village', 'plot', 'province-facts']

/** Who/when/where fields change on every save; they are the entry's own envelope, not a change. */
const ENVELOPE = new Set(['schema', 'district', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'device', 'type'])

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The top-level fields that differ between two versions of a doc, in a stable order (the new doc's
 * field order, then fields only the old one had). CouchDB's own fields (`_rev`, `_attachments`…)
 * and the envelope are left out. A nested object (the failing dimensions) is one field.
 */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = []
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !Object.hasOwn(after, k))]
  for (const field of keys) {
    if (field.startsWith('_') || ENVELOPE.has(field)) continue
    const from = before[field]
    const to = after[field]
    if (same(from, to)) continue
    const change: FieldChange = { field }
    if (from !== undefined) change.from = from
    if (to !== undefined) change.to = to
    changes.push(change)
  }
  return changes
}
