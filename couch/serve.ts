/**
 * Runs the embedded development server as its own process:
 *   tsx couch/serve.ts --data data/couch --port 5984
 * The admin is `COUCH_ADMIN_NAME` / `COUCH_ADMIN_PASSWORD`, else the one kept in `<data>/../admin.json`
 * (the file `npm start` writes), else a new one that is written there.
 */
import { parseArgs } from 'node:util'
import { dirname, join, resolve } from 'node:path'
import { startEmbeddedCouch } from './embedded-server'
import { loadOrCreateAdmin } from './admin-credentials'

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/couch' },
    port: { type: 'string', default: '5984' },
    host: { type: 'string', default: '127.0.0.1' },
  },
})

const dataDir = resolve(values.data)
const admin = loadOrCreateAdmin(join(dirname(dataDir), 'admin.json'), process.env)
const couch = await startEmbeddedCouch({ dataDir, port: Number(values.port), host: values.host, admin })
console.log(`Embedded CouchDB-protocol server (development only): ${couch.url}  admin: ${admin.name}`)

function shutdown(): void {
  couch.close().then(() => process.exit(0), () => process.exit(1))
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
