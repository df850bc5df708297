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
      if (!res.body) {
        done()
        return res
      }
      // The connection stays busy until the body has been read: the gate opens then.
      return releasedWhenRead(res, done)
    } catch (error) {
      done()
      throw error
    }
  }) as LimitedFetch
  limited.inFlight = () => active
  limited.maxInFlight = () => max
  return limited
}

/** The `body` getter of a response's own class (Response in browsers, undici's in Node). */
function nativeBody(res: Response): () => ReadableStream<Uint8Array> | null {
  for (let proto: object | null = Object.getPrototypeOf(res); proto; proto = Object.getPrototypeOf(proto)) {
    const getter = Object.getOwnPropertyDescriptor(proto, 'body')?.get
    if (getter) return () => getter.call(res) as ReadableStream<Uint8Array> | null
  }
  return () => null
}

/**
 * The response itself, with `done` called once its body has been read, has failed or was
 * cancelled. Its reading methods (what PouchDB and sync call: json, blob…) are wrapped on the
 * object; only a caller of `body` gets a stream through JS. Passing every body through a JS
 * stream cost 0.3 s of the main thread in a province's first pull.
 */
function releasedWhenRead(res: Response, done: () => void): Response {
  for (const method of ['json', 'text', 'arrayBuffer', 'blob', 'formData'] as const) {
    const read = res[method].bind(res) as () => Promise<unknown>
    Object.defineProperty(res, method, { value: () => read().finally(done) })
  }
  const body = nativeBody(res)
  let stream: ReadableStream<Uint8Array> | null | undefined
  Object.defineProperty(res, 'body', { get: () => (stream === undefined ? (stream = streamReleasing(body(), done)) : stream) })
  return res
}

function streamReleasing(source: ReadableStream<Uint8Array> | null, done: () => void): ReadableStream<Uint8Array> | null {
  if (!source) {
    done()
    return null
  }
  const reader = source.getReader()
  return new ReadableStream<Uint8Array>({
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
}
