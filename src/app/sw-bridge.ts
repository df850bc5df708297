import { Workbox } from 'workbox-window'

/*
 * All service-worker registration and update logic, in one place. The worker claims the page on
 * first install (so the very first visit already works offline), but a *new* version waits until
 * the user accepts it, and never while a form is open: the officer may be mid-household-check.
 */

/** `stalled`: accepted, but the browser has not let the new version take over yet (see applyUpdate). */
export type UpdateState = { kind: 'none' } | { kind: 'available'; deferred: boolean; stalled?: boolean }

type Listener = (state: UpdateState) => void

let workbox: Workbox | undefined
let state: UpdateState = { kind: 'none' }
let openForms = 0
let applyWhenFormsClose = false
const listeners = new Set<Listener>()

function emit(next: UpdateState): void {
  state = next
  for (const listener of listeners) listener(state)
}

export function onUpdateState(listener: Listener): () => void {
  listeners.add(listener)
  listener(state)
  return () => listeners.delete(listener)
}

/** Forms call this while they are open, so an accepted update waits for them. */
export function formOpened(): () => void {
  openForms += 1
  let closed = false
  return () => {
    if (closed) return
    closed = true
    openForms -= 1
    if (openForms === 0 && applyWhenFormsClose) applyUpdate()
  }
}

export function applyUpdate(): void {
  if (!workbox) return
  if (openForms > 0) {
    applyWhenFormsClose = true
    emit({ kind: 'available', deferred: true })
    return
  }
  // Reload only once the new worker controls the page, so the reload is served by it.
  let reloading = false
  const reload = () => {
    if (reloading) return
    reloading = true
    window.location.reload()
  }
  navigator.serviceWorker.addEventListener('controllerchange', reload)
  workbox.addEventListener('controlling', reload)
  // Asked again every few seconds while the new worker waits. Chromium may hold a skip-waiting worker
  // back while the old one is busy (seen here: about one update in three stayed waiting for over a
  // minute); after a while the officer is told that reopening the app finishes the update.
  const ask = async (tries: number) => {
    const waiting = (await navigator.serviceWorker.getRegistration())?.waiting
    if (!waiting || reloading) return
    waiting.postMessage({ type: 'SKIP_WAITING' })
    if (tries === STALLED_AFTER_TRIES) emit({ kind: 'available', deferred: false, stalled: true })
    if (tries < MAX_TRIES) setTimeout(() => void ask(tries + 1).catch(() => undefined), 3_000)
  }
  void ask(1).catch(() => undefined)
}

const STALLED_AFTER_TRIES = 5
const MAX_TRIES = 100

export function registerServiceWorker(url = `${import.meta.env.BASE_URL}sw.js`): void {
  if (!('serviceWorker' in navigator)) return
  workbox = new Workbox(url, { scope: import.meta.env.BASE_URL, type: 'classic' })
  workbox.addEventListener('waiting', () => emit({ kind: 'available', deferred: false }))
  void workbox.register().then((registration) => {
    // Look for a new version when the app comes back to the foreground, and hourly.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && navigator.onLine) void registration?.update()
    })
    setInterval(() => navigator.onLine && void registration?.update(), 60 * 60 * 1000)
  })
}
