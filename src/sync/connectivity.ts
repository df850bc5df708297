/*
 * Is the sync server reachable? `navigator.onLine` only says a network interface is up: a village
 * Wi-Fi router with no uplink reports "online", and Chromium (150) keeps reporting true after a
 * reload while the network is gone. So the app is "online" only while the interface is up AND the
 * last probe of the server answered (any HTTP status, even 401, means reachable). The probe is one
 * small GET of `<base>_session`, made at start, on the browser's online/offline events, when sync
 * reports a network failure (`recheck`), and every minute — never in a loop.
 */

export interface Connectivity extends Pick<EventTarget, 'addEventListener' | 'removeEventListener'> {
  online(): boolean
  /** Probe now (e.g. after a request failed); resolves to the new state. */
  recheck(): Promise<boolean>
  stop(): void
}

export interface ConnectivityDeps {
  base: string
  fetch?: typeof fetch
  interfaceUp?: () => boolean
  /** Where the browser's 'online'/'offline' events come from (window in the app). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  probeEveryMs?: number
}

export function createConnectivity({ base, fetch: fetchFn = fetch, interfaceUp = () => navigator.onLine, events, probeEveryMs = 60_000 }: ConnectivityDeps): Connectivity {
  const target = new EventTarget()
  let state = interfaceUp()
  let probing: Promise<boolean> | null = null

  const set = (next: boolean) => {
    if (next === state) return
    state = next
    target.dispatchEvent(new Event(next ? 'online' : 'offline'))
  }

  async function probe(): Promise<boolean> {
    if (!interfaceUp()) return false
    try {
      await fetchFn(`${base.replace(/\/?$/, '/')}_session`, { method: 'GET', cache: 'no-store', credentials: 'include' })
      return interfaceUp()
    } catch {
      return false
    }
  }

  function recheck(): Promise<boolean> {
    probing ??= probe().then((reachable) => {
      probing = null
      set(reachable)
      return reachable
    })
    return probing
  }

  const onEvent = () => void recheck()
  events?.addEventListener('online', onEvent)
  events?.addEventListener('offline', onEvent)
  const timer = setInterval(onEvent, probeEveryMs)
  void recheck()

  return {
    online: () => state,
    recheck,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    stop() {
      clearInterval(timer)
      events?.removeEventListener('online', onEvent)
      events?.removeEventListener('offline', onEvent)
    },
  }
}
