import { saveErrorOutcome } from './save-errors'
import type { DraftMeta } from './drafts'
import type { FormDef, FormValues, SubmitOutcome } from './types'

/*
 * The one way a form is saved, whatever its host (a field officer's record, a supervisor's province
 * facts): the draft is written through first, then the repository saves, and only a save that succeeded
 * drops the draft. A refused save keeps the draft and becomes the form's outcome: Thai messages on the
 * fields the repository named (save-errors.ts), or a clear message for a full disk or a conflict.
 */

type T = (key: string, params?: Record<string, string | number>) => string

export interface DraftHandle {
  flush(): Promise<void>
  discard(): Promise<void>
  /** The draft's meta, and a way to add to it on disk (useDraft gives both). */
  readonly meta?: DraftMeta
  mark?(meta: Partial<DraftMeta>): Promise<void>
}

/** Fields the user emptied must be removed from an edited doc, not kept from the old revision. */
export function withClearedFields(def: FormDef, docValues: FormValues): FormValues {
  const out: FormValues = { ...docValues }
  for (const field of def.fields) {
    if (field.type === 'heading' || field.type === 'photos') continue
    const top = field.name.split('.')[0]!
    if (!(top in out)) out[top] = undefined
  }
  return out
}

export async function saveFromDraft<S>(options: {
  def: FormDef
  docValues: FormValues
  /** Editing a saved doc: emptied fields are removed from it. */
  editing: boolean
  draft: DraftHandle
  t: T
  /** A new record's id (the repository's idFor): fixed in the draft before the save, see DraftMeta.savingId. */
  newId?: (values: FormValues) => string | undefined
  save: (values: FormValues, id: string | undefined) => Promise<S>
  /** After the save and the draft's removal (navigate, re-read…). */
  then?: (saved: S) => void | Promise<void>
}): Promise<SubmitOutcome> {
  const { def, docValues, draft, t } = options
  const values = options.editing ? withClearedFields(def, docValues) : docValues
  let saved: S
  try {
    let id: string | undefined
    if (!options.editing && options.newId && draft.mark) {
      // A draft restored after a save that did not get to remove it already names its record.
      id = draft.meta?.savingId ?? options.newId(values)
      if (id && draft.meta?.savingId !== id) await draft.mark({ savingId: id })
    }
    await draft.flush()
    saved = await options.save(values, id)
  } catch (error) {
    console.warn('save refused', error)
    return saveErrorOutcome(error, t, def, docValues)
  }
  // Saved: from here a failure must not say "not saved" (the record is in the repository).
  await draft.discard().catch((error: unknown) => console.warn('draft not removed after save', error))
  await options.then?.(saved)
  return { ok: true }
}
