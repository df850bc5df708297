import PouchDB from 'pouchdb-core'
import idb from 'pouchdb-adapter-idb'
import http from 'pouchdb-adapter-http'
import replication from 'pouchdb-replication'

/*
 * PouchDB is the system of record on the device and the only thing that talks to CouchDB. Only
 * the plugins we use are bundled (idb for IndexedDB, http and replication for sync): the full
 * `pouchdb` package would add ~40 KB gzip to the first screen.
 */
PouchDB.plugin(idb).plugin(http).plugin(replication)

export type RecordDb = PouchDB.Database<Record<string, unknown>>

export { PouchDB }

/** The record store of one signed-in user's district: `cdd-<district>-<user>` in IndexedDB. */
export function openRecordDb(name: string): RecordDb {
  return new PouchDB<Record<string, unknown>>(name, { adapter: 'idb', auto_compaction: true })
}
