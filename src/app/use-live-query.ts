import { liveQuery } from 'dexie'
import { useEffect, useState } from 'preact/hooks'

/**
 * Dexie's liveQuery as a Preact hook: re-runs when the tables it read change (local writes and the
 * projector's alike). `undefined` until the first result; errors are returned, never thrown, so a
 * bad row can never take a whole screen down.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): { value: T | undefined; error?: unknown } {
  const [state, setState] = useState<{ value: T | undefined; error?: unknown }>({ value: undefined })
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value }),
      error: (error: unknown) => {
        console.warn('live query failed', error)
        setState({ value: undefined, error })
      },
    })
    return () => subscription.unsubscribe()
  }, deps)
  return state
}
