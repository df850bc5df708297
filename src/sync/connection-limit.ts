import type { Fetch } from './session'

/*
 * A browser opens at most 6 connections per host over HTTP/1.1. Every request sync makes goes
 * through one of these gates, so sync never holds more than `limit` of them, however many areas the
 * phone holds and however PouchDB parallelises inside a replication: sign-in, photos and imports
 * always find a free connection. Sync never long-polls, so every request held here ends on its own.
 */

export interface LimitedFetch extends Fetch {
  /** Requests in flight through this gate right now. */
  inFlight(): number
  /** The most ever in flight at once (tests check the budget with it). */
  maxInFlight(): number
}

export const SYNC_CONNECTIONS = 2

export function limitConnections(fetchFn: Fetch, limit = SYNC_CONNECTIONS): LimitedFetch {
  let active = 0
  let max = 0
  const queue: (() => void)[] = []
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (active < limit) {
        active += 1
        max = Math.max(max, active)
        resolve()
      } else queue.push(resolve)
    })
  const release = () => {
    const next = queue.shift()
    if (next) next()
    else active -= 1
  }
  const limited = (async (input: RequestInfo | URL, init?: RequestInit) => {
    await acquire()
    let released = false
    const done = () => {
      if (!released) {
        released = true
        release()
      }
    }
    try {
      const res = await fetchFn(input, init)
      // The connection stays busy until the body has been read: wrap it so the gate opens then.
      if (!res.body) {
        done()
        return res
      }
      const reader = res.body.getReader()
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { done: finished, value } = await reader.read()
            if (finished) {
              done()
              controller.close()
            } else controller.enqueue(value)
          } catch (error) {
            done()
            controller.error(error)
          }
        },
        cancel(reason) {
          done()
          return reader.cancel(reason)
        },
      })
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })
    } catch (error) {
      done()
      throw error
    }
  }) as LimitedFetch
  limited.inFlight = () => active
  limited.maxInFlight = () => max
  return limited
}
