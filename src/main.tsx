import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import './app/fonts.css'
import './app/styles.css'
import { App, preloadForRoute } from './app/app'
import { openLocalDb } from './store/local-db'
import { registerServiceWorker } from './app/sw-bridge'
import { requestPersistence } from './app/storage-status'
import { readDeviceUser, writeDeviceUser, type DeviceUser } from './app/session'
import type { UserStores } from './app/bootstrap'
import type { Services } from './app/services'
import { couchBase } from './sync/config'
import { createConnectivity } from './sync/connectivity'

// When the first screen's scripts have all loaded and run (offline-shell.test.ts: a route's chunk is preloaded before it).
performance.mark('app:main')
const db = openLocalDb()
// One view of "can we reach the server?" for the header and for sync (see src/sync/connectivity.ts).
const connectivity = createConnectivity({ base: couchBase(), events: window })

// PouchDB, the projector and sync come in their own chunk, loaded after the first render: forms
// open without them (a save waits for them, by then long ready). A form's own chunk, when the URL
// already points at one, starts loading at once.
const loadBootstrap = () => import('./app/bootstrap')
preloadForRoute(location.hash)

function Root({ initialUser }: { initialUser: DeviceUser | null }) {
  const [deviceUser, setDeviceUser] = useState(initialUser)
  const [stores, setStores] = useState<UserStores | null>(null)

  useEffect(() => {
    if (!deviceUser) return
    let opened: UserStores | null = null
    let cancelled = false
    void loadBootstrap()
      // Sync with the same origin's /couch/ (proxied to CouchDB); restarts whenever the network returns.
      .then(({ openUserStores }) => openUserStores(db, deviceUser, undefined, { base: couchBase(), events: connectivity, online: connectivity.online }))
      .then((s) => {
        opened = s
        if (cancelled) void s.close()
        else setStores(s)
      })
    // Rubric editions published for the province (issue 13): read at start and when the network returns.
    const province = deviceUser.homeArea.slice(0, 2)
    const pullEditions = () =>
      void Promise.all([import('./sync/editions-pull'), import('./app/edition')])
        .then(([pull, edition]) => pull.pullEditions(couchBase(), province).then((got) => got && edition.writeCachedEditions(db, got)))
        .catch(() => undefined)
    // Only once the server answered: offline, a request would only fail (and say so in the console).
    void connectivity.recheck().then((online) => online && pullEditions())
    connectivity.addEventListener('online', pullEditions)
    return () => {
      connectivity.removeEventListener('online', pullEditions)
      cancelled = true
      setStores(null)
      void opened?.close()
    }
  }, [deviceUser])

  const services: Services = {
    db,
    deviceUser,
    stores,
    connectivity,
    async signIn(user) {
      await writeDeviceUser(db, user)
      setDeviceUser(user)
    },
  }
  return <App services={services} />
}

async function start(): Promise<void> {
  // The last signed-in user opens offline: their record dbs are on the device.
  const deviceUser = await readDeviceUser(db).catch(() => null)
  render(<Root initialUser={deviceUser} />, document.getElementById('app')!)
}

void start()

// Only production builds have a service worker (vite dev serves no sw.js).
if (import.meta.env.PROD) registerServiceWorker()
void requestPersistence()
