/**
 * Provisions a province on ANY CouchDB 3 (single node, cluster, or the embedded stand-in), idempotently:
 * databases, their `_security`, `_design/cdd` and users. Only cluster-safe HTTP is used — no `_config`
 * writes, no node-local endpoints — and `PUT /db` treats 412 (exists) as success. A second run with the
 * same plan changes nothing.
 */
import { buildDesignDoc, DESIGN_DOC_ID, type DesignDoc } from './design/build-design-doc'
import { CouchHttpError, couchClient, encodeId, type CouchClient } from './couch-http'
import {
  DISTRICTS_DOC_ID,
  desiredDatabases,
  districtsDoc,
  sameContent,
  rolesFor,
  sameRoles,
  sameSecurity,
  userDocId,
  usersOutsideGeography,
  type DesiredDb,
} from './provision-plan'
import { dbNameFor, type Geography } from './geography'
import type { UserRow } from './users-csv'
import { provisionMedia } from './provision-media'
import { ensureSessionSettings } from './session-settings'

export interface ProvisionPlan {
  geography: Geography
  users: UserRow[]
  /** Also set the password of users that already exist (new users always get theirs). */
  updatePasswords?: boolean
  /** Defaults to the one built from src/schema. */
  designDoc?: DesignDoc
  /** How long a sign-in lasts, in seconds (default 7 days): set on every node (couch/session-settings.ts). */
  sessionSeconds?: number
}

export interface ProvisionReport {
  created: string[]
  updated: string[]
  unchanged: string[]
}

type Outcome = 'created' | 'updated' | 'unchanged'

function expectStatus(res: { status: number; body: unknown }, ok: number[], what: string): void {
  if (!ok.includes(res.status)) throw new CouchHttpError(res.status, res.body, what)
}

/** PUT /db; 412 means it exists, which is fine (and the only answer a cluster gives twice). */
async function ensureDb(couch: CouchClient, name: string): Promise<Outcome> {
  const res = await couch.request('PUT', `/${encodeURIComponent(name)}`)
  expectStatus(res, [201, 202, 412], `create database ${name}`)
  return res.status === 412 ? 'unchanged' : 'created'
}

async function ensureSecurity(couch: CouchClient, db: DesiredDb): Promise<Outcome> {
  const path = `/${encodeURIComponent(db.name)}/_security`
  const current = await couch.request('GET', path)
  expectStatus(current, [200], `read ${db.name}/_security`)
  if (sameSecurity(current.body, db.security)) return 'unchanged'
  expectStatus(await couch.request('PUT', path, db.security), [200, 201], `write ${db.name}/_security`)
  return 'updated'
}

async function ensureDesignDoc(couch: CouchClient, dbName: string, ddoc: DesignDoc): Promise<Outcome> {
  const path = `/${encodeURIComponent(dbName)}/${encodeId(DESIGN_DOC_ID)}`
  const current = await couch.request<Partial<DesignDoc>>('GET', path)
  expectStatus(current, [200, 404], `read ${dbName}/${DESIGN_DOC_ID}`)
  if (current.status === 200) {
    const same = current.body.validate_doc_update === ddoc.validate_doc_update && current.body.language === ddoc.language
    if (same) return 'unchanged'
  }
  const body = { ...ddoc, ...(current.status === 200 ? { _rev: current.body._rev } : {}) }
  expectStatus(await couch.request('PUT', path, body), [201, 202], `write ${dbName}/${DESIGN_DOC_ID}`)
  return current.status === 200 ? 'updated' : 'created'
}

async function ensureDistrictsDoc(couch: CouchClient, geo: Geography): Promise<Outcome> {
  const desired = districtsDoc(geo)
  const path = `/${encodeURIComponent(dbNameFor(geo.province.code))}/${encodeURIComponent(DISTRICTS_DOC_ID)}`
  const current = await couch.request<Record<string, unknown>>('GET', path)
  expectStatus(current, [200, 404], `read ${DISTRICTS_DOC_ID}`)
  if (current.status === 200 && sameContent(current.body, desired)) return 'unchanged'
  const body = current.status === 200 ? { ...desired, _rev: current.body._rev } : desired
  expectStatus(await couch.request('PUT', path, body), [201, 202], `write ${DISTRICTS_DOC_ID}`)
  return current.status === 200 ? 'updated' : 'created'
}

async function ensureUser(couch: CouchClient, user: UserRow, updatePassword: boolean): Promise<Outcome> {
  const id = userDocId(user.name)
  const path = `/_users/${encodeURIComponent(id)}`
  const roles = rolesFor(user)
  const current = await couch.request<Record<string, unknown>>('GET', path)
  expectStatus(current, [200, 404], `read user ${user.name}`)
  if (current.status === 404) {
    const doc = { _id: id, name: user.name, type: 'user', roles, password: user.password }
    expectStatus(await couch.request('PUT', path, doc), [201, 202], `create user ${user.name}`)
    return 'created'
  }
  if (sameRoles(current.body.roles, roles) && !updatePassword) return 'unchanged'
  // Keep the stored hash unless told to set the password: CouchDB re-hashes only when `password` is sent.
  const doc = { ...current.body, roles, ...(updatePassword ? { password: user.password } : {}) }
  expectStatus(await couch.request('PUT', path, doc), [201, 202], `update user ${user.name}`)
  return 'updated'
}

export async function provision(adminUrl: string, plan: ProvisionPlan): Promise<ProvisionReport> {
  const outside = usersOutsideGeography(plan.users, plan.geography)
  if (outside.length) throw new Error(`users outside the province:\n  ${outside.join('\n  ')}`)
  const couch = couchClient(adminUrl)
  const ddoc = plan.designDoc ?? buildDesignDoc()
  const report: ProvisionReport = { created: [], updated: [], unchanged: [] }
  const note = (outcome: Outcome, what: string) => report[outcome].push(what)

  // A fresh single-node CouchDB 3 has no `_users` until setup creates it; on a cluster it exists.
  await ensureDb(couch, '_users')

  const session = await ensureSessionSettings(couch, plan.sessionSeconds)
  for (const what of session.updated) note('updated', `config ${what}`)
  for (const what of session.unchanged) note('unchanged', `config ${what}`)

  for (const db of desiredDatabases(plan.geography)) {
    note(await ensureDb(couch, db.name), `database ${db.name}`)
    note(await ensureSecurity(couch, db), `${db.name}/_security`)
    note(await ensureDesignDoc(couch, db.name, ddoc), `${db.name}/${DESIGN_DOC_ID}`)
  }
  await provisionMedia(couch, plan.geography, { ensureDb, ensureSecurity }, note)
  note(await ensureDistrictsDoc(couch, plan.geography), `${dbNameFor(plan.geography.province.code)}/${DISTRICTS_DOC_ID}`)
  for (const user of plan.users) {
    note(await ensureUser(couch, user, plan.updatePasswords ?? false), `user ${user.name} (${rolesFor(user).join(', ')})`)
  }
  return report
}
