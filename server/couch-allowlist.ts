/**
 * What the app's `/couch/` proxy lets a browser ask CouchDB: exactly the requests the app and
 * PouchDB replication make, nothing else. CouchDB itself lets any signed-in user run `_replicate`
 * (the server then fetches any URL: request forgery, port scans), read `_all_dbs`, `_scheduler`,
 * `_active_tasks`…; so the proxy, not CouchDB, is where the line is drawn. Pure: no I/O.
 *
 * Admitted (paths relative to CouchDB's root, after `/couch`):
 *   /_session                              GET, POST, DELETE  (sign in, who am I, sign out)
 *   /<db>  /<db>/                          GET, HEAD          (db info; replication's first call)
 *   /<db>/_changes                         GET, POST          (POST carries doc_ids)
 *   /<db>/_bulk_get                        POST
 *   /<db>/_revs_diff                       POST
 *   /<db>/_bulk_docs                       POST
 *   /<db>/_all_docs                        GET, POST
 *   /<db>/_local/<id>                      GET, PUT           (replication checkpoints)
 *   /<db>/_design/<name>                   GET, HEAD          (the design doc replicates down; never its
 *                                                              _view/_show/_list/_update/_rewrite)
 *   /<db>/<docid>                          GET, HEAD, PUT     (bulk_get's fallback; single writes)
 *   /<db>/<docid>/<attachment>             GET, HEAD          (photos; served with CSP sandbox)
 * where <db> is `cdd-<area>` or `cdd-<area>-media` (area: 2 to 8 digits). Everything else is
 * refused: other top-level endpoints (404: `_replicate`, `_replicator`, `_users`, `_all_dbs`, `_node`,
 * `_config`, `_utils`, `_scheduler`, `_membership`, `_active_tasks`, `_up`, `/`…), other db endpoints
 * (`_security`, `_find`, `_purge`, `_compact`…: 404), other methods on admitted paths (405), unusual
 * methods anywhere (COPY, OPTIONS, PATCH…: 405), and paths that do not decode cleanly (400).
 * Attachments are written inline (base64 inside the doc, which is how PouchDB replication sends them):
 * a standalone attachment PUT streams its body, and CouchDB's validate_doc_update then sees no
 * length to check against the 2 MB limit.
 */

export const MAX_BODY_BYTES = 8 * 1024 * 1024

export const COUCH_DB_NAME = /^cdd-\d{2,8}(-media)?$/

export type Verdict = { ok: true; attachment: boolean } | { ok: false; status: 400 | 404 | 405; reason: string }

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE'])

const DB_ENDPOINTS: Record<string, readonly string[]> = {
  _changes: ['GET', 'POST'],
  _bulk_get: ['POST'],
  _revs_diff: ['POST'],
  _bulk_docs: ['POST'],
  _all_docs: ['GET', 'POST'],
}

const refuse = (status: 400 | 404 | 405, reason: string): Verdict => ({ ok: false, status, reason })
const allow = (method: string, methods: readonly string[], attachment = false): Verdict =>
  methods.includes(method) ? { ok: true, attachment } : refuse(405, `${method} is not allowed here`)

/** Splits the raw path (no query) into decoded segments, or null if a segment is not clean. */
function segments(rawPath: string): string[] | null {
  if (!rawPath.startsWith('/')) return null
  const parts = rawPath.slice(1).split('/')
  // `/cdd-1234/` (db info with a trailing slash) is the one place an empty last segment is fine.
  if (parts.length === 2 && parts[1] === '') parts.pop()
  const out: string[] = []
  for (const part of parts) {
    let decoded: string
    try {
      decoded = decodeURIComponent(part)
    } catch {
      return null
    }
    // An encoded slash, a dot segment or an empty segment would let the path mean something else to
    // CouchDB than to this check.
    if (decoded === '' || decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('\\')) return null
    out.push(decoded)
  }
  return out
}

/** May a browser send `method` to CouchDB's `rawPath` (the path as sent, query removed)? */
export function couchRequestVerdict(method: string, rawPath: string): Verdict {
  const m = method.toUpperCase()
  if (!KNOWN_METHODS.has(m)) return refuse(405, `method ${m} is not allowed`)
  if (rawPath === '/' || rawPath === '') return refuse(404, 'not available through the app')
  const parts = segments(rawPath)
  if (parts === null) return refuse(400, 'bad path')
  const [first, second, ...rest] = parts
  if (first === undefined) return refuse(404, 'not available through the app')
  if (first === '_session' && parts.length === 1) return allow(m, ['GET', 'POST', 'DELETE'])
  if (!COUCH_DB_NAME.test(first)) return refuse(404, 'not available through the app')
  if (second === undefined) return allow(m, ['GET', 'HEAD'])
  if (second === '_local') return rest.length === 1 ? allow(m, ['GET', 'PUT']) : refuse(404, 'not available through the app')
  if (second === '_design') return rest.length === 1 ? allow(m, ['GET', 'HEAD']) : refuse(404, 'not available through the app')
  if (second.startsWith('_')) {
    const methods = DB_ENDPOINTS[second]
    return methods && rest.length === 0 ? allow(m, methods) : refuse(404, 'not available through the app')
  }
  if (rest.length === 0) return allow(m, ['GET', 'HEAD', 'PUT'])
  if (rest.length === 1) return allow(m, ['GET', 'HEAD'], true)
  return refuse(404, 'not available through the app')
}
