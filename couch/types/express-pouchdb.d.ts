// Minimal declarations for the untyped CommonJS packages behind the embedded development server.
declare module 'express-pouchdb' {
  import type { Express } from 'express'
  interface CouchConfig {
    set(section: string, key: string, value: unknown, callback: (err?: Error | null) => void): void
    get(section: string, key: string): unknown
  }
  interface ExpressPouchDBApp extends Express {
    couchConfig: CouchConfig
    daemonManager: { stop(PouchDB: PouchDB.Static): Promise<void> }
    dbWrapper: { registerWrapper(wrapper: (name: string, db: PouchDB.Database, next: () => unknown) => unknown): void }
  }
  interface Options {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'
    inMemoryConfig?: boolean
    configPath?: string
    logPath?: string
    overrideMode?: { include?: string[]; exclude?: string[] }
  }
  function expressPouchDB(PouchDB: PouchDB.Static, opts?: Options): ExpressPouchDBApp
  export default expressPouchDB
}

declare module 'pouchdb-adapter-leveldb' {
  const plugin: PouchDB.Plugin
  export default plugin
}

declare module 'pouchdb-mapreduce' {
  const plugin: PouchDB.Plugin
  export default plugin
}
