/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { clientsClaim } from 'workbox-core'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> }

// The app shell, fonts and icons: after one visit the app starts with no network at all.
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

// Every navigation gets the shell; the sync path is CouchDB's and must reach the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/couch\//] }))

// Take control of the first page at once (no reload needed to be offline-capable). A later
// version waits in "waiting" until the page asks, after the user accepted the update.
clientsClaim()
self.addEventListener('message', (event) => {
  if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting()
})
