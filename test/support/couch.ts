/**
 * The CouchDB that integration tests talk to: `COUCH_URL` (an admin URL such as
 * http://admin:pw@127.0.0.1:5984, real CouchDB 3) when set, else the embedded server in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedCouch, type EmbeddedCouch } from '../../couch/embedded-server'

export interface TestCouch {
  /** Admin URL, credentials included, no trailing slash. */
  adminUrl: string
  /** The same URL without credentials. */
  url: string
  /** True for the embedded stand-in, false for a real CouchDB from `COUCH_URL`. */
  embedded: boolean
  close(): Promise<void>
  /**
   * The server's nodes (GET /_membership, cluster_nodes): one for the stand-in and a single node,
   * three on the test cluster. For tests whose expectations differ on a cluster.
   */
  nodes(): Promise<string[]>
  /** Embedded only: stop and start again on the same data folder and port. */
  restart?(): Promise<void>
}

export const TEST_ADMIN = { name: 'admin', password: 'test-admin-pw' }

export function withoutCredentials(adminUrl: string): string {
  const u = new URL(adminUrl)
  u.username = ''
  u.password = ''
  return u.toString().replace(/\/$/, '')
}

export async function getTestCouch(): Promise<TestCouch> {
  const fromEnv = process.env.COUCH_URL
  if (fromEnv) {
    const adminUrl = fromEnv.replace(/\/$/, '')
    return { adminUrl, url: withoutCredentials(adminUrl), embedded: false, nodes: () => membership(adminUrl), close: async () => {} }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cdd-couch-'))
  let server: EmbeddedCouch = await startEmbeddedCouch({ dataDir, admin: TEST_ADMIN })
  const port = Number(new URL(server.url).port)
  const couch: TestCouch = {
    adminUrl: server.adminUrl,
    url: server.url,
    embedded: true,
    nodes: async () => ['embedded'],
    close: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
    restart: async () => {
      await server.close()
      server = await startEmbeddedCouch({ dataDir, port, admin: TEST_ADMIN })
    },
  }
  return couch
}

/** Basic-auth header for a user, for fetch calls (fetch refuses credentials inside URLs). */
export function basicAuth(name: string, password: string): Record<string, string> {
  return { authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64') }
}

async function membership(adminUrl: string): Promise<string[]> {
  const u = new URL(adminUrl)
  const auth = basicAuth(decodeURIComponent(u.username), decodeURIComponent(u.password))
  const res = await fetch(`${withoutCredentials(adminUrl)}/_membership`, { headers: auth })
  const body = (await res.json()) as { cluster_nodes?: string[] }
  return body.cluster_nodes ?? []
}

/**
 * The cluster under test, when one is configured: COUCH_CLUSTER_URLS (each node's admin URL,
 * comma-separated) and, to stop and start a node, COUCH_CLUSTER_DIR and COUCH_CLUSTER_TOOLS (the
 * couchdb-cluster-start directory and tools; scripts/test-real.sh sets all three).
 */
export function testCluster(): { adminUrls: string[]; dir?: string; tools?: string } | null {
  const urls = (process.env.COUCH_CLUSTER_URLS ?? '').split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean)
  if (urls.length < 2) return null
  return { adminUrls: urls, dir: process.env.COUCH_CLUSTER_DIR, tools: process.env.COUCH_CLUSTER_TOOLS }
}
