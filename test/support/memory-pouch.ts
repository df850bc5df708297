import PouchDB from 'pouchdb-core'
import memory from 'pouchdb-adapter-memory'
import http from 'pouchdb-adapter-http'
import replication from 'pouchdb-replication'
import type { RecordDb } from '../../src/store/pouch'

PouchDB.plugin(memory).plugin(http).plugin(replication)

let counter = 0

/** A fresh in-memory PouchDB for Node tests (PouchDB's IndexedDB adapters need a real browser). */
export function memoryRecordDb(name = 'records'): RecordDb {
  counter += 1
  return new PouchDB<Record<string, unknown>>(`${name}-${counter}-${Date.now()}`, { adapter: 'memory' })
}

export { PouchDB as NodePouchDB }
