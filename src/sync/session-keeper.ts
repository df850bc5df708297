import { getSession, type Fetch } from './session'

/*
 * Keeps the CouchDB session alive while the app is online, and notices when it has ended.
 *
 * CouchDB re-issues the AuthSession cookie (a fresh Max-Age) on any cookie-authenticated request
 * made after 10 % of `[chttpd_auth] timeout` has passed (measured on CouchDB 3.5 with a 30 s
 * timeout: a GET /_session at +5 s answered a new Set-Cookie, one at +1 s did not; the stand-in
 * re-issues on every authenticated request). Replication and the connectivity probe renew it too,
 * but they may be stopped (a refused area) or fail; this GET /_session at start, when the network
 * returns and every few hours makes renewal independent of them. With the default 7-day lifetime
 * an officer who opens the app online once a week never signs in again.
 *
 * When the server answers "nobody" (the cookie expired or was refused) `onExpired` runs once per
 * check — the app then lets sync find the 401 and show its one sign-in prompt. Offline, or when the
 * server cannot be reached, nothing is concluded: work on the phone is never blocked by a check.
 */

export type SessionCheck = 'valid' | 'expired' | 'unreachable' | 'offline'

export const KEEP_SESSION_EVERY_MS = 3 * 3600_000

export interface SessionKeeperDeps {
  base: string
  fetch?: Fetch
  online?: () => boolean
  /** Where 'online' events come from (the connectivity monitor in the app). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  everyMs?: number
  /** The name the device is signed in as: a session of someone else counts as expired. */
  user: string
  onExpired(): void
}

export interface SessionKeeper {
  check(): Promise<SessionCheck>
  stop(): void
}

export function keepSession({ base, fetch: fetchFn = fetch, online = () => true, events, everyMs = KEEP_SESSION_EVERY_MS, user, onExpired }: SessionKeeperDeps): SessionKeeper {
  let stopped = false
  let running: Promise<SessionCheck> | null = null

  async function once(): Promise<SessionCheck> {
    if (!online()) return 'offline'
    let name: string | null
    try {
      name = (await getSession(base, fetchFn)).name
    } catch {
      return 'unreachable'
    }
    if (name === user) return 'valid'
    if (!stopped) onExpired()
    return 'expired'
  }

  function check(): Promise<SessionCheck> {
    running ??= once().finally(() => {
      running = null
    })
    return running
  }

  const onOnline = () => void check().catch(() => undefined)
  events?.addEventListener('online', onOnline)
  const timer = setInterval(onOnline, everyMs)
  onOnline()

  return {
    check,
    stop() {
      stopped = true
      clearInterval(timer)
      events?.removeEventListener('online', onOnline)
    },
  }
}
