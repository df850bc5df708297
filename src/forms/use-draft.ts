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
          setState({ status: 'ready', values: draft.values, restoredAt: draft.updatedAt, meta: draft.meta })
        } else {
          const fresh = initial()
          metaRef.current = fresh.meta
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
      setState((prev) => (prev.status === 'ready' ? { ...prev, values } : prev))
      void writer.write(values, metaRef.current)
    },
    async discard() {
      await writer.flush()
      await deleteDraft(db, target)
    },
    flush: () => writer.flush(),
  }
}
