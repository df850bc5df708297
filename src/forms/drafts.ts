import type { DraftRow, LocalDb } from '../store/local-db'
import type { FormValues } from './types'

/*
 * Form drafts: every change is written to Dexie's `drafts` table (local only, never synced), so a
 * reload, a killed app or an app update mid-form continues exactly where the officer was. Photos
 * are Blobs inside the values; IndexedDB stores them as they are. Each function takes the db.
 *
 * The key is the form kind + the record id (an edit) or parent (a new child record), so a visit
 * draft for one household never shows up on another's.
 */

export interface DraftTarget {
  kind: string
  id?: string
  parent?: string
}

const SEP = '|'

export function draftKey({ kind, id, parent }: DraftTarget): string {
  return [kind, id ?? '', parent ?? ''].join(SEP)
}

export function parseDraftKey(key: string): DraftTarget {
  const [kind = '', id = '', parent = ''] = key.split(SEP)
  return { kind, id: id || undefined, parent: parent || undefined }
}

/** What a draft holds besides the values: the revision the edit started from (for the conflict check). */
export interface DraftMeta {
  baseRev?: string
  /** A line to recognise the draft by on the home screen (household name, plot number…). */
  title?: string
  /**
   * The id a new record gets, fixed in the draft before its first save: if the app dies between the
   * save and the draft's removal, saving the restored draft updates that record instead of adding a twin.
   */
  savingId?: string
}

export interface Draft {
  key: string
  target: DraftTarget
  values: FormValues
  meta: DraftMeta
  updatedAt: string
}

function toDraft(row: DraftRow): Draft {
  const { $meta, ...values } = row.values as FormValues & { $meta?: DraftMeta }
  return { key: row.key, target: parseDraftKey(row.key), values, meta: $meta ?? {}, updatedAt: row.updatedAt }
}

export async function loadDraft(db: LocalDb, target: DraftTarget): Promise<Draft | undefined> {
  const row = await db.drafts.get(draftKey(target))
  return row ? toDraft(row) : undefined
}

export async function saveDraft(db: LocalDb, target: DraftTarget, values: FormValues, meta: DraftMeta = {}, now: Date = new Date()): Promise<void> {
  await db.drafts.put({ key: draftKey(target), form: target.kind, values: { ...values, $meta: meta }, updatedAt: now.toISOString() })
}

export async function deleteDraft(db: LocalDb, target: DraftTarget): Promise<void> {
  await db.drafts.delete(draftKey(target))
}

/** Unfinished drafts, most recent first (the home screen's list). */
export async function listDrafts(db: LocalDb): Promise<Draft[]> {
  const rows = await db.drafts.orderBy('updatedAt').reverse().toArray()
  return rows.map(toDraft)
}

/**
 * Serialises writes so the last change always lands last, however fast the officer types: each
 * write waits for the one before; a write queued behind another replaces any not yet started.
 */
export function createDraftWriter(db: LocalDb, target: DraftTarget, now: () => Date = () => new Date()) {
  let chain: Promise<void> = Promise.resolve()
  let pending: { values: FormValues; meta: DraftMeta } | null = null
  let failed: unknown = null
  return {
    write(values: FormValues, meta: DraftMeta = {}): Promise<void> {
      const queued = pending === null
      pending = { values, meta }
      if (queued) {
        chain = chain.then(async () => {
          const next = pending
          pending = null
          if (!next) return
          try {
            await saveDraft(db, target, next.values, next.meta, now())
            failed = null
          } catch (error) {
            // Disk full while typing: the values are still in memory; the save button reports it.
            failed = error
            console.warn('draft not saved', error)
          }
        })
      }
      return chain
    },
    /** Waits for queued writes (before leaving, before deleting the draft). */
    flush(): Promise<void> {
      return chain
    },
    get lastError(): unknown {
      return failed
    },
  }
}
