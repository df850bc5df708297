import { render } from 'preact'
import './app/fonts.css'
import './app/styles.css'
import { App } from './app/app'
import { openLocalDb } from './store/local-db'
import { registerServiceWorker } from './app/sw-bridge'
import { requestPersistence } from './app/storage-status'

const services = { db: openLocalDb() }

render(<App services={services} />, document.getElementById('app')!)

// Only production builds have a service worker (vite dev serves no sw.js).
if (import.meta.env.PROD) registerServiceWorker()
void requestPersistence()
