/*
 * A small provisioned province for one test file, on the stand-in or COUCH_URL: its dbs and users
 * removed first (a run that died left them), provisioned, and removed again afterwards. The
 * end-to-end side (app server, browser, sign-in) is in test-app.ts.
 */
import { expect } from 'vitest'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import { dbNameFor, type Geography } from '../../couch/geography'
import { provision } from '../../couch/provision'
import type { UserRow } from '../../couch/users-csv'
import { getTestCouch, type TestCouch } from './couch'

export interface TestArea {
  couch: TestCouch
  admin: CouchClient
  /** The province db and every district db of the geography. */
  dbs: string[]
  /** Removes the dbs and users (also done before provisioning). */
  cleanUp(): Promise<void>
  close(): Promise<void>
}

/** Deletes these dbs and users; missing ones are fine. */
export async function removeDbsAndUsers(admin: CouchClient, dbs: readonly string[], users: readonly Pick<UserRow, 'name'>[]): Promise<void> {
  for (const db of dbs) await admin.request('DELETE', `/${db}`)
  for (const u of users) {
    const doc = await admin.request<{ _rev?: string }>('GET', `/_users/org.couchdb.user:${u.name}`)
    if (doc.body?._rev) await admin.request('DELETE', `/_users/org.couchdb.user:${u.name}?rev=${doc.body._rev}`)
  }
}

/** The geography provisioned with these users, after removing what an earlier run left. */
export async function provisionTestArea(geography: Geography, users: UserRow[], options: { provision?: boolean } = {}): Promise<TestArea> {
  const couch = await getTestCouch()
  const admin = couchClient(couch.adminUrl)
  const dbs = [dbNameFor(geography.province.code), ...geography.districts.map((d) => dbNameFor(d.code))]
  const cleanUp = () => removeDbsAndUsers(admin, dbs, users)
  await cleanUp()
  if (options.provision !== false) await provision(couch.adminUrl, { geography, users })
  return {
    couch,
    admin,
    dbs,
    cleanUp,
    async close() {
      await cleanUp()
      await couch.close()
    },
  }
}

/** Seeds docs into a db as an admin; every one must be accepted (the write rules run on them). */
export async function seedDocs(admin: CouchClient, db: string, docs: Record<string, unknown>[]): Promise<void> {
  const res = await admin.request<{ ok?: boolean; error?: string; reason?: string }[]>('POST', `/${db}/_bulk_docs`, { docs })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  expect(res.body.filter((r) => !r.ok), JSON.stringify(res.body)).toEqual([])
}
