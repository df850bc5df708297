/*
 * Writes that may wait a little, gathered: items added within `delayMs` of the first are written
 * together in one call (the sync status and its log rows: a first pull reports every chunk of every
 * area). `flush()` writes what waits at once and resolves when it is written.
 */

export interface WriteBehind<T> {
  add(items: readonly T[]): void
  /** Writes what waits now (nothing waiting: resolves when the last write has landed). */
  flush(): Promise<void>
}

/**
 * `write` gets everything added since the last write; `run` decides when it runs (the caller's
 * queue, so these writes keep their place among its others) and returns when it has.
 */
export function writeBehind<T>(write: (items: T[]) => Promise<void>, run: (work: () => Promise<void>) => Promise<void>, delayMs: number): WriteBehind<T> {
  let waiting: T[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let last: Promise<void> = Promise.resolve()
  function flush(): Promise<void> {
    if (timer === undefined) return last
    clearTimeout(timer)
    timer = undefined
    const items = waiting
    waiting = []
    last = run(() => write(items))
    return last
  }
  return {
    add(items) {
      waiting.push(...items)
      timer ??= setTimeout(() => void flush(), delayMs)
    },
    flush,
  }
}
