import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { LocalDb } from '../store/local-db'
import { createDraftWriter, deleteDraft, draftKey, loadDraft, type Draft, type DraftMeta, type DraftTarget } from './drafts'
import type { FormValues } from './types'

export type DraftState =
  | { status: 'loading' }
  | { status: 'ready'; values: FormValues; restoredAt?: string; meta: DraftMeta }

type ReadyState = Extract<DraftState, { status: 'ready' }>

/**
 * A form's values backed by a draft: starts from the saved draft if there is one (else `initial()`),
 * and writes every change back. `discard()` drops it (after a save, or on the user's request).
 * `initial` is called once the host's own data is ready (pass `ready: false` until then).
 *
 * The stored draft is read at once, while the host still loads its own data: the form opens after
 * the slower of the two reads, not after one and then the other (a cold start's waterfall).
 */
export function useDraft(db: LocalDb, target: DraftTarget, initial: () => { values: FormValues; meta: DraftMeta }, ready = true) {
  const key = draftKey(target)
  const writer = useMemo(() => createDraftWriter(db, target), [db, key])
  // What the device holds for this key (undefined inside: no draft), once read.
  const [stored, setStored] = useState<{ key: string; draft: Draft | undefined } | undefined>(undefined)
  // The form's values since they started, for this key.
  const [started, setStarted] = useState<{ key: string; state: ReadyState } | undefined>(undefined)
  const metaRef = useRef<DraftMeta>({})
  const valuesRef = useRef<FormValues>({})

  useEffect(() => {
    let cancelled = false
    void loadDraft(db, target)
      .catch(() => undefined)
      .then((draft) => !cancelled && setStored({ key, draft }))
    return () => {
      cancelled = true
    }
  }, [db, key])

  // Started in this render, when both reads are in: the form shows in the same pass.
  let current = started?.key === key ? started : undefined
  if (!current && ready && stored?.key === key) {
    const { draft } = stored
    const state: ReadyState = draft ? { status: 'ready', values: draft.values, restoredAt: draft.updatedAt, meta: draft.meta } : { status: 'ready', ...initial() }
    metaRef.current = state.meta
    valuesRef.current = state.values
    current = { key, state }
  }
  useEffect(() => {
    if (current && current !== started) setStarted(current)
  })
  const state: DraftState = current?.state ?? { status: 'loading' }

  return {
    state,
    setValues(values: FormValues) {
      valuesRef.current = values
      setStarted((prev) => (prev && prev.key === key ? { key, state: { ...prev.state, values } } : current && { key, state: { ...current.state, values } }))
      void writer.write(values, metaRef.current)
    },
    /** What the draft on disk says about itself (its base revision, the id its record will get). */
    get meta(): DraftMeta {
      return metaRef.current
    },
    /** Adds to the draft's meta and waits until it is on disk. */
    async mark(meta: Partial<DraftMeta>) {
      metaRef.current = { ...metaRef.current, ...meta }
      void writer.write(valuesRef.current, metaRef.current)
      await writer.flush()
    },
    async discard() {
      await writer.flush()
      await deleteDraft(db, target)
    },
    flush: () => writer.flush(),
  }
}
