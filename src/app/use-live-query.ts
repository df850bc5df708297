import Dexie, { liveQuery, type ObservabilitySet } from 'dexie'
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

/**
 * A live query that runs at most once per `everyMs` however fast its tables change: for a heavy
 * query (every record id of a province) on a screen that stays open through a first sync, where
 * the projector commits a batch every second and a plain live query would re-read it each time,
 * competing with the sync for IndexedDB. Reruns when a write to one of `tables` of `db` commits
 * (this tab's or another's), the last of a burst included, `everyMs` after the previous run.
 */
export function useThrottledLiveQuery<T>(db: Dexie, tables: readonly string[], everyMs: number, query: () => Promise<T>, deps: unknown[]): { value: T | undefined; error?: unknown } {
  const [state, setState] = useState<{ value: T | undefined; error?: unknown }>({ value: undefined })
  useEffect(() => {
    let closed = false
    let running = false
    let dirty = false
    let lastRun = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const prefixes = tables.map((t) => `idb://${db.name}/${t}/`)
    const run = async () => {
      timer = undefined
      if (running) {
        dirty = true
        return
      }
      running = true
      dirty = false
      lastRun = Date.now()
      try {
        const value = await query()
        if (!closed) setState({ value })
      } catch (error) {
        console.warn('live query failed', error)
        if (!closed) setState({ value: undefined, error })
      } finally {
        running = false
        if (dirty && !closed) later()
      }
    }
    const later = () => {
      if (timer || closed) return
      timer = setTimeout(() => void run(), Math.max(0, lastRun + everyMs - Date.now()))
    }
    const onMutated = (parts: ObservabilitySet) => {
      if (Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) {
        if (running) dirty = true
        else later()
      }
    }
    Dexie.on.storagemutated.subscribe(onMutated)
    void run()
    return () => {
      closed = true
      clearTimeout(timer)
      Dexie.on.storagemutated.unsubscribe(onMutated)
    }
  }, [db, everyMs, tables.join(','), ...deps])
  return state
}
