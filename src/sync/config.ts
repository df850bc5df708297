/**
 * Where the server is: the same origin's `/couch/` path, which the app server proxies to CouchDB
 * (so the session cookie is first-party and there is no CORS). The only place the app builds it.
 */
export function couchBase(loc: Pick<Location, 'origin'> = location): string {
  return `${loc.origin}/couch/`
}
