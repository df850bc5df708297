import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { LocalDb } from '../store/local-db'
import { createDraftWriter, deleteDraft, draftKey, loadDraft, type DraftMeta, type DraftTarget } from './drafts'
import type { FormValues } from './types'

export type DraftState =
  | { status: 'loading' }
  | { status: 'ready'; values: FormValues; restoredAt?: string; meta: DraftMeta }

/**
 * A form's values backed by a draft: starts from the saved draft if there is one (else `initial()`),
 * and writes every change back. `discard()` drops it (after a save, or on the user's request).
 * `initial` is called once the host's own data is ready (pass `ready: false` until then).
 */
export function useDraft(db: LocalDb, target: DraftTarget, initial: () => { values: FormValues; meta: DraftMeta }, ready = true) {
  const key = draftKey(target)
  const writer = useMemo(() => createDraftWriter(db, target), [db, key])
  const [state, setState] = useState<DraftState>({ status: 'loading' })
  const metaRef = useRef<DraftMeta>({})
  const valuesRef = useRef<FormValues>({})

  useEffect(() => {
    if (!ready) return
    let cancelled = false
    setState({ status: 'loading' })
    void loadDraft(db, target)
      .catch(() => undefined)
      .then((draft) => {
        if (cancelled) return
        if (draft) {
          metaRef.current = draft.meta
          valuesRef.current = draft.values
          setState({ status: 'ready', values: draft.values, restoredAt: draft.updatedAt, meta: draft.meta })
        } else {
          const fresh = initial()
          metaRef.current = fresh.meta
          valuesRef.current = fresh.values
          setState({ status: 'ready', values: fresh.values, meta: fresh.meta })
        }
      })
    return () => {
      cancelled = true
    }
  }, [db, key, ready])

  return {
    state,
    setValues(values: FormValues) {
      valuesRef.current = values
      setState((prev) => (prev.status === 'ready' ? { ...prev, values } : prev))
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
