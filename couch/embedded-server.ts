/**
 * The embedded CouchDB-protocol server for development, tests and demos: express-pouchdb on PouchDB's
 * leveldb adapter, data on disk. Production uses Apache CouchDB 3.x; nothing outside this file (and its
 * guard rules in embedded-guard.ts) may rely on what only this stand-in does.
 */
import { randomBytes, pbkdf2Sync } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import express from 'express'
import type { NextFunction, Request, Response } from 'express'
import expressPouchDB from 'express-pouchdb'
import PouchDB from 'pouchdb-core'
import LevelAdapter from 'pouchdb-adapter-leveldb'
import HttpAdapter from 'pouchdb-adapter-http'
import MapReduce from 'pouchdb-mapreduce'
import Replication from 'pouchdb-replication'
import Find from 'pouchdb-find'
import {
  MAX_DOCUMENT_BYTES,
  adminRefusal,
  bulkDocsRefusal,
  guardDecision,
  usersDbRefusal,
  type CouchError,
  type UserCtx,
} from './embedded-guard'

export interface EmbeddedCouchOptions {
  dataDir: string
  port?: number
  host?: string
  admin: { name: string; password: string }
  /** Log stray unhandled rejections instead of letting them end the process (default true). */
  guardProcess?: boolean
}

export interface EmbeddedCouch {
  /** Base URL without credentials, e.g. http://127.0.0.1:5984 */
  url: string
  /** The same URL with the admin's credentials in it. */
  adminUrl: string
  close(): Promise<void>
}

interface ServerSecrets {
  cookieSecret: string
  adminSalt: string
}

// express-pouchdb hashes users' passwords with PBKDF2 at 10 iterations; the admin gets the same, in
// CouchDB's `[admins]` format. Development strength only (see couch/README.md).
const ADMIN_ITERATIONS = 10

/**
 * The cookie secret and the admin's salt, created once per data folder. express-pouchdb draws a new
 * cookie secret at every start, which would end every `_session` on restart; a fixed admin salt keeps
 * admin cookies valid across restarts too.
 */
export function loadOrCreateSecrets(dataDir: string): ServerSecrets {
  const file = join(dataDir, 'server-secrets.json')
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerSecrets>
    if (typeof parsed.cookieSecret === 'string' && typeof parsed.adminSalt === 'string') {
      return { cookieSecret: parsed.cookieSecret, adminSalt: parsed.adminSalt }
    }
  }
  const secrets = { cookieSecret: randomBytes(16).toString('hex'), adminSalt: randomBytes(16).toString('hex') }
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 })
  return secrets
}

/** CouchDB's `[admins]` hash format, which express-pouchdb accepts as already hashed. */
export function adminPasswordHash(password: string, salt: string, iterations = ADMIN_ITERATIONS): string {
  const key = pbkdf2Sync(password, salt, iterations, 20, 'sha1').toString('hex')
  return `-pbkdf2-${key},${salt},${iterations}`
}

let pluggedPouch: PouchDB.Static | undefined

// PouchDB.plugin() changes the shared constructor, and a second Replication plugin throws
// ("Cannot redefine property: replicate"): plug in once per process, then derive per-server
// defaults. Replication only if nothing plugged it before (test/support/memory-pouch.ts does too:
// the photos bench against COUCH_URL made Node devices first, and the next embedded server threw).
function pouchWithPlugins(): PouchDB.Static {
  if (!pluggedPouch) {
    const P = PouchDB.plugin(LevelAdapter).plugin(HttpAdapter).plugin(MapReduce).plugin(Find)
    pluggedPouch = (P as unknown as { sync?: unknown }).sync ? P : P.plugin(Replication)
  }
  return pluggedPouch
}

let processGuarded = false

/**
 * express-pouchdb leaves rejected promises unhandled on some requests; Node ends the process on the
 * first one. Every known case is refused before it gets there; this catches the unknown ones.
 */
function guardProcessAgainstStrayRejections(): void {
  if (processGuarded) return
  processGuarded = true
  process.on('unhandledRejection', (reason) => {
    const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
    console.error(`[embedded-couch] unhandled rejection (ignored): ${text.split('\n').slice(0, 4).join(' | ')}`)
  })
}

function sendCouchError(res: Response, err: CouchError): void {
  res.status(err.status).json({ error: err.error, reason: err.reason })
}

function configSet(app: ReturnType<typeof expressPouchDB>, section: string, key: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    app.couchConfig.set(section, key, value, (err) => (err ? reject(err) : resolve()))
  })
}

export async function startEmbeddedCouch(options: EmbeddedCouchOptions): Promise<EmbeddedCouch> {
  const { dataDir, port = 0, host = '127.0.0.1', admin, guardProcess = true } = options
  if (guardProcess) guardProcessAgainstStrayRejections()
  const dbDir = join(dataDir, 'dbs')
  mkdirSync(dbDir, { recursive: true })
  const secrets = loadOrCreateSecrets(dataDir)

  const ServerPouch = pouchWithPlugins().defaults({
    prefix: dbDir + '/',
  } as PouchDB.Configuration.DatabaseConfiguration) as unknown as PouchDB.Static

  const listenersBefore = constructorListeners()
  const pouchApp = expressPouchDB(ServerPouch, {
    // The config lives in memory, set below from the data folder: express-pouchdb's config.json would
    // otherwise land in the working directory.
    inMemoryConfig: true,
    logPath: join(dataDir, 'log.txt'),
    // No Fauxton UI. No server-side replication either: the replicator daemon keeps a live `_changes`
    // feed open that outlives close() and spins, and `_replicate` would fetch any URL a caller names.
    overrideMode: { exclude: ['routes/fauxton', 'routes/replicate', 'replicator'] },
  })
  // express-pouchdb fills userCtx.db from `db._db_name`, which PouchDB 9 no longer has: without this,
  // validate_doc_update would get no `userCtx.db`, which CouchDB always provides.
  pouchApp.dbWrapper.registerWrapper((name, db, next) => {
    ;(db as unknown as { _db_name: string })._db_name = name
    return next()
  })
  await configSet(pouchApp, 'couch_httpd_auth', 'secret', secrets.cookieSecret)
  await configSet(pouchApp, 'admins', admin.name, adminPasswordHash(admin.password, secrets.adminSalt))
  await configSet(pouchApp, 'couchdb', 'max_document_size', MAX_DOCUMENT_BYTES)

  let baseUrl = ''

  // The caller's session, as express-pouchdb itself sees it: asked of our own `/_session`.
  async function sessionOf(req: Request): Promise<{ userCtx: UserCtx } | { refusal: CouchError }> {
    const headers: Record<string, string> = {}
    if (req.headers.authorization) headers.authorization = req.headers.authorization
    if (req.headers.cookie) headers.cookie = req.headers.cookie
    const res = await fetch(`${baseUrl}/_session`, { headers })
    const body = (await res.json()) as { userCtx?: UserCtx; error?: string; reason?: string }
    if (!res.ok || !body.userCtx) {
      return { refusal: { status: res.status, error: body.error ?? 'unauthorized', reason: body.reason ?? 'Not authorized.' } }
    }
    return { userCtx: body.userCtx }
  }

  const bulkDocsParser = express.json({ limit: MAX_DOCUMENT_BYTES, type: ['application/json'] })

  const guard = (req: Request, res: Response, next: NextFunction): void => {
    const decision = guardDecision({ method: req.method, path: req.path, query: req.query })
    switch (decision.kind) {
      case 'pass':
        return next()
      case 'refuse':
        return sendCouchError(res, decision.refusal)
      case 'bulk-docs':
        // Parsed here so the shape can be checked; express-pouchdb's body-parser skips a parsed body.
        return bulkDocsParser(req, res, (err?: unknown) => {
          if (err) {
            const tooLarge = (err as { status?: number }).status === 413
            return sendCouchError(res, tooLarge
              ? { status: 413, error: 'too_large', reason: 'the request entity is too large' }
              : { status: 400, error: 'bad_request', reason: 'invalid_json' })
          }
          if (!req.is('application/json')) return next()
          const refusal = bulkDocsRefusal(req.body)
          if (refusal) return sendCouchError(res, refusal)
          keepReplicatedRevisions(req.body as { new_edits?: unknown; docs: object[] })
          return next()
        })
      case 'admin-only':
      case 'users-db':
        sessionOf(req).then((session) => {
          if ('refusal' in session) return sendCouchError(res, session.refusal)
          const refusal = decision.kind === 'admin-only'
            ? adminRefusal(session.userCtx)
            : usersDbRefusal(req.method, decision.docId, session.userCtx)
          return refusal ? sendCouchError(res, refusal) : next()
        }, next)
        return
    }
  }

  // express-pouchdb deletes a doc by writing the whole stored body with `_deleted: true`; CouchDB
  // writes a bare tombstone ({_id, _rev, _deleted}), and the write rules refuse a tombstone with a
  // body. So a DELETE of a doc becomes what CouchDB does: a bare tombstone through _bulk_docs.
  const bareDelete = (req: Request, res: Response, next: NextFunction): void => {
    // /<db>/<docid> (not _local, _all_docs…) or /<db>/_design/<name>; attachments are left alone.
    const docPath = /^\/([^/_][^/]*)\/([^/_][^/]*|_design\/[^/]+)$/.exec(req.path)
    if (req.method !== 'DELETE' || !docPath) return next()
    const rev = typeof req.query.rev === 'string' ? req.query.rev : String(req.headers['if-match'] ?? '').replace(/"/g, '')
    const id = decodeURIComponent(docPath[2]!)
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (req.headers.authorization) headers.authorization = req.headers.authorization
    if (req.headers.cookie) headers.cookie = req.headers.cookie
    fetch(`${baseUrl}/${docPath[1]!}/_bulk_docs`, { method: 'POST', headers, body: JSON.stringify({ docs: [{ _id: id, _rev: rev, _deleted: true }] }) })
      .then(async (r) => {
        const body = (await r.json()) as { ok?: boolean; id?: string; rev?: string; error?: string; reason?: string }[] | { error: string; reason: string }
        if (!Array.isArray(body)) return res.status(r.status).json(body)
        const [result] = body
        if (!result?.error) return res.status(200).json({ ok: true, id: result?.id ?? id, rev: result?.rev })
        const status = result.error === 'forbidden' ? 403 : result.error === 'conflict' ? 409 : result.error === 'not_found' ? 404 : result.error === 'unauthorized' ? 401 : 400
        return res.status(status).json({ error: result.error, reason: result.reason })
      })
      .catch(next)
  }

  // Session cookies as CouchDB 3 makes them once provisioning set [chttpd_auth]: persistent (Max-Age =
  // timeout) when allow_persistent_cookies is on, and SameSite as configured. express-pouchdb sets
  // neither, so closing the browser would sign an officer out on the stand-in only.
  const sessionConfig = { timeout: 600, persistent: false, sameSite: '' }
  async function readSessionConfig(): Promise<void> {
    const res = await fetch(`${baseUrl}/_config/couch_httpd_auth`, { headers: { authorization: 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64') } })
    if (!res.ok) return
    const c = (await res.json()) as Record<string, string>
    sessionConfig.timeout = Number(c.timeout ?? 600) || 600
    sessionConfig.persistent = c.allow_persistent_cookies === 'true'
    sessionConfig.sameSite = c.same_site ?? ''
  }
  const withSessionAttributes = (cookie: string): string => {
    if (!/^AuthSession=[^;]+/.test(cookie) || /^AuthSession=;/.test(cookie)) return cookie
    let out = cookie
    // express-pouchdb's renewed cookies carry Max-Age = timeout / 1000 (Express reads maxAge as ms):
    // a 7-day session's renewal lasted 10 minutes in the browser. CouchDB's lifetime replaces it.
    if (sessionConfig.persistent) out = out.replace(/;\s*(Max-Age|Expires)=[^;]*/gi, '') + `; Max-Age=${sessionConfig.timeout}; Expires=${new Date(Date.now() + sessionConfig.timeout * 1000).toUTCString()}`
    if (sessionConfig.sameSite && !/SameSite=/i.test(out)) out += `; SameSite=${sessionConfig.sameSite[0]!.toUpperCase()}${sessionConfig.sameSite.slice(1)}`
    return out
  }
  const sessionCookies = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'PUT' && /^\/_config\/couch_httpd_auth\/(timeout|allow_persistent_cookies|same_site)$/.test(req.path)) {
      // The answer waits until the cookies follow the new value: a sign-in right after the PUT
      // (a test shortening the lifetime) must get it, as on CouchDB.
      const end = res.end.bind(res) as (...args: unknown[]) => Response
      res.end = ((...args: unknown[]) => {
        void readSessionConfig()
          .catch(() => undefined)
          .then(() => end(...args))
        return res
      }) as typeof res.end
    }
    const setHeader = res.setHeader.bind(res)
    res.setHeader = ((name: string, value: number | string | readonly string[]) => {
      if (name.toLowerCase() === 'set-cookie') {
        value = Array.isArray(value) ? value.map((v: string) => withSessionAttributes(v)) : typeof value === 'string' ? withSessionAttributes(value) : value
      }
      return setHeader(name, value)
    }) as typeof res.setHeader
    next()
  }

  const app = express()
  app.disable('x-powered-by')
  app.use(sessionCookies)
  app.use(bareDelete)
  app.use(guard)
  app.use(pouchApp)
  // express-pouchdb lets some errors fall through to Express's default handler, which answers with an
  // HTML page; CouchDB clients expect JSON.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status ?? 500
    const reason = err instanceof Error ? err.message : String(err)
    if (res.headersSent) return res.end()
    sendCouchError(res, { status, error: status === 500 ? 'unknown_error' : 'bad_request', reason })
  })

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s))
    s.once('error', reject)
  })
  const address = server.address() as AddressInfo
  baseUrl = `http://${host}:${address.port}`
  await readSessionConfig().catch(() => undefined)
  const adminUrl = new URL(baseUrl)
  adminUrl.username = encodeURIComponent(admin.name)
  adminUrl.password = encodeURIComponent(admin.password)

  return {
    url: baseUrl,
    adminUrl: adminUrl.toString().replace(/\/$/, ''),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Longpoll `_changes` requests would otherwise hold the server open.
        server.closeAllConnections()
      })
      await pouchApp.daemonManager.stop(ServerPouch)
      await closeCachedDbs(ServerPouch)
      removeListenersAddedSince(listenersBefore)
      // Keep-alive clients in this same process (tests, start.ts) only notice their sockets were closed
      // on a later turn of the event loop; a restart before that gets "other side closed" on reuse.
      await new Promise((resolve) => setTimeout(resolve, 50))
    },
  }
}

/**
 * pouchdb-validation sets `newDoc._revisions = oldDoc._revisions` before validating. For a replicated
 * write (`new_edits: false`) that replaces the incoming revision history with the stored one, so the
 * write becomes a no-op answered with 201: every edit a phone made offline would be lost. Making the
 * incoming `_revisions` ignore assignment keeps the history the replicator sent.
 */
function keepReplicatedRevisions(body: { new_edits?: unknown; docs: object[] }): void {
  if (body.new_edits !== false) return
  for (const doc of body.docs) {
    if (!Object.hasOwn(doc, '_revisions')) continue
    const revisions = (doc as { _revisions: unknown })._revisions
    Object.defineProperty(doc, '_revisions', {
      get: () => revisions,
      set: () => {},
      enumerable: true,
      configurable: true,
    })
  }
}

// Every PouchDB constructor, `defaults()` ones included, shares one process-wide event emitter, and
// express-pouchdb's plugins (all-dbs, auth) listen on it for 'created'/'destroyed' without ever
// stopping. Left behind, a stopped server's listeners would act on a restarted server's events.
type ListenerSnapshot = Map<string, Set<(...args: unknown[]) => void>>
const CONSTRUCTOR_EVENTS = ['created', 'destroyed']

function constructorListeners(): ListenerSnapshot {
  const emitter = PouchDB as unknown as NodeJS.EventEmitter
  return new Map(CONSTRUCTOR_EVENTS.map((event) => [event, new Set(emitter.listeners(event) as (() => void)[])]))
}

function removeListenersAddedSince(before: ListenerSnapshot): void {
  const emitter = PouchDB as unknown as NodeJS.EventEmitter
  for (const event of CONSTRUCTOR_EVENTS) {
    for (const listener of emitter.listeners(event) as (() => void)[]) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener)
    }
  }
}

// express-pouchdb caches every database it opens on the PouchDB constructor; leveldb keeps a lock on
// each until closed, so a restart in the same process needs them closed.
async function closeCachedDbs(Pouch: PouchDB.Static): Promise<void> {
  const cache = (Pouch as unknown as { __dbCacheMap?: Map<string, PouchDB.Database> }).__dbCacheMap
  if (!cache) return
  const dbs = [...cache.values()]
  cache.clear()
  await Promise.all(dbs.map((db) => db.close().catch(() => undefined)))
}
