/**
 * The session settings provisioning sets on every node: how long a sign-in lasts (an office chooses;
 * 7 days by default), cookies that survive closing the browser, and SameSite=Strict. CouchDB's
 * config is per node, so on a cluster each node of `_membership` is set through
 * `/_node/<node>/_config` (the stand-in has only `/_config`). The app renews the cookie while online:
 * CouchDB re-issues it on a `GET /_session` once part of its lifetime has passed.
 */
import { CouchHttpError, type CouchClient } from './couch-http'

export const DEFAULT_SESSION_SECONDS = 7 * 24 * 3600

/** [section, key, value]: chttpd_auth is CouchDB 3's section; couch_httpd_auth its older name, which the stand-in reads. */
export function sessionSettings(lifetimeSeconds: number = DEFAULT_SESSION_SECONDS): [string, string, string][] {
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 300 || lifetimeSeconds > 90 * 24 * 3600) {
    throw new Error(`session lifetime: expected 300 s to 90 days in whole seconds, got ${lifetimeSeconds}`)
  }
  const values: [string, string][] = [
    ['timeout', String(lifetimeSeconds)],
    ['allow_persistent_cookies', 'true'],
    ['same_site', 'strict'],
  ]
  return ['chttpd_auth', 'couch_httpd_auth'].flatMap((section) => values.map(([k, v]) => [section, k, v] as [string, string, string]))
}

/** Sets each setting on each node where it differs; returns what it changed and left, as provisioning reports. */
export async function ensureSessionSettings(couch: CouchClient, lifetimeSeconds?: number): Promise<{ updated: string[]; unchanged: string[] }> {
  return ensureNodeConfig(couch, sessionSettings(lifetimeSeconds))
}

/**
 * Sets [section, key, value] settings on every node of `_membership` (the stand-in: its one
 * `/_config`) where they differ. Also for tests that need a setting provisioning refuses (a 30 s
 * session, to watch one expire).
 */
export async function ensureNodeConfig(couch: CouchClient, settings: [string, string, string][]): Promise<{ updated: string[]; unchanged: string[] }> {
  const membership = await couch.request<{ all_nodes?: string[] }>('GET', '/_membership')
  const nodes = membership.status === 200 ? (membership.body.all_nodes ?? []) : []
  // The stand-in answers /_node/… with 404: its one config is /_config.
  const probe = nodes[0] ? await couch.request('GET', `/_node/${encodeURIComponent(nodes[0])}/_config/chttpd_auth`) : { status: 404 }
  const bases = probe.status === 200 ? nodes.map((n) => ({ label: n, path: `/_node/${encodeURIComponent(n)}/_config` })) : [{ label: 'server', path: '/_config' }]
  const report = { updated: [] as string[], unchanged: [] as string[] }
  for (const base of bases) {
    for (const [section, key, value] of settings) {
      const what = `${base.label} [${section}] ${key} = ${value}`
      const current = await couch.request<unknown>('GET', `${base.path}/${section}/${key}`)
      if (current.status === 200 && current.body === value) {
        report.unchanged.push(what)
        continue
      }
      const set = await couch.request('PUT', `${base.path}/${section}/${key}`, value)
      if (set.status !== 200) throw new CouchHttpError(set.status, set.body, `set ${what}`)
      report.updated.push(what)
    }
  }
  return report
}
