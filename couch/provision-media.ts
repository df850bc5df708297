/**
 * The district media stores (`cdd-<district>-media`, full-size photos): one per district, with the
 * same `_security` as the district's record db and their own write rules (`_design/media`, from
 * design/validate-media.js). Cluster-safe like the rest of provisioning: PUT /db (412 = exists),
 * `_security` and the design doc written only when they differ.
 */
import { mediaDbName } from '../src/schema/media'
import { buildMediaDesignDoc, MEDIA_DESIGN_DOC_ID, type MediaDesignDoc } from './design/build-media-design-doc'
import { CouchHttpError, encodeId, type CouchClient } from './couch-http'
import { desiredDatabases, type DesiredDb } from './provision-plan'
import type { Geography } from './geography'

type Outcome = 'created' | 'updated' | 'unchanged'

/** Each district's media store, readable by exactly whom the district's records are. */
export function desiredMediaDatabases(geo: Geography): DesiredDb[] {
  const byName = new Map(desiredDatabases(geo).map((db) => [db.name, db]))
  return geo.districts.map((d) => ({ name: mediaDbName(d.code), security: byName.get(`cdd-${d.code}`)!.security }))
}

function expectStatus(res: { status: number; body: unknown }, ok: number[], what: string): void {
  if (!ok.includes(res.status)) throw new CouchHttpError(res.status, res.body, what)
}

async function ensureMediaDesignDoc(couch: CouchClient, dbName: string, ddoc: MediaDesignDoc): Promise<Outcome> {
  const path = `/${encodeURIComponent(dbName)}/${encodeId(MEDIA_DESIGN_DOC_ID)}`
  const current = await couch.request<Partial<MediaDesignDoc>>('GET', path)
  expectStatus(current, [200, 404], `read ${dbName}/${MEDIA_DESIGN_DOC_ID}`)
  if (current.status === 200 && current.body.validate_doc_update === ddoc.validate_doc_update) return 'unchanged'
  const body = { ...ddoc, ...(current.status === 200 ? { _rev: current.body._rev } : {}) }
  expectStatus(await couch.request('PUT', path, body), [201, 202], `write ${dbName}/${MEDIA_DESIGN_DOC_ID}`)
  return current.status === 200 ? 'updated' : 'created'
}

export interface MediaProvisionSteps {
  ensureDb(couch: CouchClient, name: string): Promise<Outcome>
  ensureSecurity(couch: CouchClient, db: DesiredDb): Promise<Outcome>
}

export async function provisionMedia(couch: CouchClient, geo: Geography, steps: MediaProvisionSteps, note: (outcome: Outcome, what: string) => void): Promise<void> {
  const ddoc = buildMediaDesignDoc()
  for (const db of desiredMediaDatabases(geo)) {
    note(await steps.ensureDb(couch, db.name), `database ${db.name}`)
    note(await steps.ensureSecurity(couch, db), `${db.name}/_security`)
    note(await ensureMediaDesignDoc(couch, db.name, ddoc), `${db.name}/${MEDIA_DESIGN_DOC_ID}`)
  }
}
