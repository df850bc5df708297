/**
 * Request rules for the embedded development server (express-pouchdb 4.2), as pure functions.
 *
 * express-pouchdb crashes, hangs or wedges on several ordinary requests (see couch/README.md for the
 * list and how each was found). Each rule below refuses such a request before it reaches
 * express-pouchdb, with the status and `{ error, reason }` body real CouchDB 3 would give, or as close
 * as it gets. Nothing outside the embedded server may rely on these rules: real CouchDB answers the
 * same requests by itself.
 */

export interface CouchError {
  status: number
  error: string
  reason: string
}

export type GuardDecision =
  | { kind: 'pass' }
  | { kind: 'refuse'; refusal: CouchError }
  /** Only a server admin may do this (needs the caller's session). */
  | { kind: 'admin-only' }
  /** A request to `_users`: who may do it depends on the caller's name. */
  | { kind: 'users-db'; docId: string | undefined }
  /** A `_bulk_docs` POST: the body's shape must be checked before express-pouchdb sees it. */
  | { kind: 'bulk-docs' }

export interface GuardRequest {
  method: string
  /** The URL path, still percent-encoded, without the query string. */
  path: string
  query: Record<string, unknown>
}

export interface UserCtx {
  name: string | null
  roles: string[]
}

/** CouchDB's rule for database names. No `.` is allowed, so no name can climb out of the data folder. */
export const DB_NAME_RE = /^[a-z][a-z0-9_$()+/-]*$/

/** CouchDB 3's default `[couchdb] max_document_size`; express-pouchdb's default is 4 GB. */
export const MAX_DOCUMENT_BYTES = 8_000_000

const SYSTEM_DBS = new Set(['_users', '_replicator', '_global_changes'])

// Server-wide endpoints that real CouchDB 3 keeps to server admins. `_all_dbs` is admin-only there by
// default (`admin_only_all_dbs = true`); express-pouchdb shows it to anyone. `_replicate` would let any
// caller make the server fetch arbitrary URLs.
const ADMIN_ENDPOINTS = new Set([
  '_all_dbs',
  '_dbs_info',
  '_replicate',
  '_replicator',
  '_global_changes',
  '_config',
  '_node',
  '_active_tasks',
  '_db_updates',
  '_log',
  '_restart',
  '_stats',
  '_membership',
  '_cluster_setup',
])

// `_changes` filters that express-pouchdb handles without an unhandled rejection.
const SAFE_CHANGES_FILTERS = new Set(['_doc_ids', '_design'])

export function refuse(status: number, error: string, reason: string): GuardDecision {
  return { kind: 'refuse', refusal: { status, error, reason } }
}

/** Splits and decodes a path; `undefined` when a segment is not valid percent-encoding. */
export function pathSegments(path: string): string[] | undefined {
  const parts = path.split('/').filter((part) => part !== '')
  try {
    return parts.map((part) => decodeURIComponent(part))
  } catch {
    return undefined
  }
}

/** What to do with a request, judged from its method, path and query alone. */
export function guardDecision(req: GuardRequest): GuardDecision {
  const segments = pathSegments(req.path)
  if (!segments) return refuse(400, 'bad_request', 'Malformed percent-encoding in the URL path.')
  const [first, second] = segments
  if (first === undefined) return { kind: 'pass' }
  const method = req.method.toUpperCase()

  if (first.startsWith('_') && !SYSTEM_DBS.has(first)) {
    return ADMIN_ENDPOINTS.has(first) ? { kind: 'admin-only' } : { kind: 'pass' }
  }
  if (!SYSTEM_DBS.has(first) && !DB_NAME_RE.test(first)) {
    return refuse(
      400,
      'illegal_database_name',
      `Name: '${first}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.`,
    )
  }
  // express-pouchdb answers a non-admin PUT or DELETE of a database with an unhandled rejection and no
  // response; a refused DELETE also poisons its global create/delete promise chain, so that database
  // hangs for everyone until restart. Only server admins get through.
  if (segments.length === 1 && (method === 'PUT' || method === 'DELETE')) return { kind: 'admin-only' }
  if (first === '_users') return { kind: 'users-db', docId: segments.length > 1 ? segments.slice(1).join('/') : undefined }
  if (first === '_replicator' || first === '_global_changes') return { kind: 'admin-only' }

  if (second === '_changes') {
    const filter = req.query.filter
    // `_selector`, `_view` and design-doc filters answer 404 and leave an unhandled rejection behind.
    // The design replicates whole district databases, so no filter is needed.
    if (filter !== undefined && !(typeof filter === 'string' && SAFE_CHANGES_FILTERS.has(filter))) {
      return refuse(
        400,
        'bad_request',
        `filter=${String(filter)} is not supported by the development server; replicate the whole database.`,
      )
    }
  }
  // Temporary views run caller-supplied code on the server; CouchDB 2+ removed them.
  if (second === '_temp_view') return refuse(410, 'gone', 'Temporary views are not supported in CouchDB')
  // `_list` on a missing design doc or list leaves an unhandled rejection behind; the app uses none.
  if (second === '_design' && segments[3] === '_list') {
    return refuse(400, 'bad_request', 'List functions are not supported by the development server.')
  }
  if (second === '_bulk_docs' && method === 'POST') return { kind: 'bulk-docs' }
  return { kind: 'pass' }
}

export function isServerAdmin(userCtx: UserCtx): boolean {
  return userCtx.roles.includes('_admin')
}

/** Refusal for a non-admin, as CouchDB words it: 401 for anyone. */
export function adminRefusal(userCtx: UserCtx): CouchError | undefined {
  if (isServerAdmin(userCtx)) return undefined
  return { status: 401, error: 'unauthorized', reason: 'You are not a server admin.' }
}

/**
 * `_users`: a user reads and updates only their own doc; only admins create users or list the db.
 * express-pouchdb answers other users' docs and `_all_docs` with 400/500 errors, and lets anyone sign
 * up; CouchDB 3 lets anyone sign up too, but this project provisions its users, so sign-up is refused.
 */
export function usersDbRefusal(method: string, docId: string | undefined, userCtx: UserCtx): CouchError | undefined {
  if (isServerAdmin(userCtx)) return undefined
  if (userCtx.name === null) {
    return { status: 401, error: 'unauthorized', reason: 'You are not authorized to access this db.' }
  }
  const own = `org.couchdb.user:${userCtx.name}`
  const m = method.toUpperCase()
  if (docId === own && (m === 'GET' || m === 'HEAD' || m === 'PUT')) return undefined
  return { status: 403, error: 'forbidden', reason: 'Only admins may access other users’ documents or list _users.' }
}

/** `_bulk_docs` bodies that make express-pouchdb answer 500 with an HTML page instead of a JSON error. */
export function bulkDocsRefusal(body: unknown): CouchError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, error: 'bad_request', reason: 'Request body must be a JSON object' }
  }
  const docs = (body as { docs?: unknown }).docs
  if (!Array.isArray(docs)) return { status: 400, error: 'bad_request', reason: '`docs` parameter must be an array.' }
  for (const doc of docs) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return { status: 400, error: 'bad_request', reason: 'Document must be a JSON object' }
    }
    const revisions = (doc as { _revisions?: unknown })._revisions
    if (revisions !== undefined && !isRevisions(revisions)) {
      return { status: 400, error: 'bad_request', reason: '_revisions must be {start: number, ids: string[]}' }
    }
  }
  return undefined
}

function isRevisions(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { start, ids } = value as { start?: unknown; ids?: unknown }
  return typeof start === 'number' && Array.isArray(ids) && ids.every((id) => typeof id === 'string')
}
