import PouchDB from 'pouchdb-core'
import memory from 'pouchdb-adapter-memory'
import http from 'pouchdb-adapter-http'
import replication from 'pouchdb-replication'
import type { RecordDb } from '../../src/store/pouch'

/**
 * PouchDB for Node tests ("devices"), with the memory adapter (PouchDB's IndexedDB adapters need a
 * real browser). The embedded server plugs replication into the same pouchdb-core when it runs in
 * the same process, and plugging it twice throws ("Cannot redefine property: replicate"): so plug
 * only what is missing, when first asked.
 */
export function nodePouch(): PouchDB.Static {
  const P = PouchDB as PouchDB.Static & { sync?: unknown; adapters: Record<string, unknown> }
  if (!P.adapters.memory) P.plugin(memory)
  if (!P.adapters.http) P.plugin(http)
  if (!P.sync) P.plugin(replication)
  return P
}

let counter = 0

/** A fresh in-memory record db. */
export function memoryRecordDb(name = 'records'): RecordDb {
  counter += 1
  const P = nodePouch()
  return new P<Record<string, unknown>>(`${name}-${counter}-${Date.now()}`, { adapter: 'memory' })
}
