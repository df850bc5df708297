/**
 * Shared setup of the sync integration tests: a test province 96 provisioned with the real
 * provisioning code on the test CouchDB (embedded, or COUCH_URL), and "devices" — in-memory PouchDB
 * record dbs, a cookie-jar fetch, a real _session login — that sync with it over real HTTP.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { couchClient, type CouchClient } from '../../couch/couch-http'
import type { Geography } from '../../couch/geography'
import { provision } from '../../couch/provision'
import type { UserRow } from '../../couch/users-csv'
import type { DeviceUser } from '../../src/app/session'
import { openLocalDb, type LocalDb } from '../../src/store/local-db'
import type { RecordDb } from '../../src/store/pouch'
import { createRepository, type Repository } from '../../src/store/repository'
import { withCookieJar } from '../../src/sync/cookie-jar'
import { createSyncController, type SyncController } from '../../src/sync/replication'
import { logIn, type Fetch } from '../../src/sync/session'
import type { SyncEvent } from '../../src/sync/status'
import { memoryRecordDb, nodePouch } from '../support/memory-pouch'
import type { TestCouch } from '../support/couch'
import { removeDbsAndUsers } from '../support/test-area'

export const GEO: Geography = {
  province: { code: '96', name: 'จังหวัดทดสอบซิงค์' },
  districts: [
    { code: '9601', name: 'อำเภอซิงค์หนึ่ง', subdistricts: [{ code: '960101', name: 'ตำบลหนึ่ง' }] },
    { code: '9602', name: 'อำเภอซิงค์สอง', subdistricts: [{ code: '960201', name: 'ตำบลสอง' }] },
  ],
}
export const USERS: UserRow[] = [
  { name: 'sync-off9601', password: 'pw-off-9601', role: 'officer', area: '9601' },
  { name: 'sync-off9602', password: 'pw-off-9602', role: 'officer', area: '9602' },
  { name: 'sync-sup96', password: 'pw-sup-96', role: 'supervisor', area: '96' },
]
export const DBS = ['cdd-96', 'cdd-9601', 'cdd-9602']
export const password = (name: string) => USERS.find((u) => u.name === name)!.password

export async function cleanUp(admin: CouchClient): Promise<void> {
  await removeDbsAndUsers(admin, DBS, USERS)
}

export async function setUpProvince(couch: TestCouch): Promise<CouchClient> {
  const admin = couchClient(couch.adminUrl)
  await cleanUp(admin)
  await provision(couch.adminUrl, { geography: GEO, users: USERS })
  return admin
}

export interface Device {
  name: string
  user: DeviceUser
  fetch: ReturnType<typeof withCookieJar>
  base: string
  stores: { area: string; records: RecordDb; repository: Repository }[]
  store(area?: string): { area: string; records: RecordDb; repository: Repository }
  events: SyncEvent[]
  /** One full two-way round with the server (not live), through `base` (default: the server). */
  syncOnce(options?: { base?: string; timeoutMs?: number }): Promise<void>
  controller(options?: { base?: string; live?: boolean }): SyncController
  close(): Promise<void>
}

let deviceCounter = 0

/** The devices' PouchDB: see test/support/memory-pouch.ts. */
export const devicePouch = nodePouch
export { memoryRecordDb }

/** Logs in for real (POST _session through a cookie jar) and opens one memory record db per area. */
export async function loginDevice(couch: TestCouch, userName: string, options: { base?: string; fetch?: Fetch } = {}): Promise<Device> {
  const base = options.base ?? `${couch.url}/`
  const jar = withCookieJar(options.fetch ?? fetch)
  const result = await logIn({ base, name: userName, password: password(userName), fetch: jar })
  if (!result.ok) throw new Error(`login ${userName} failed: ${JSON.stringify(result.problem)}`)
  deviceCounter += 1
  const device = `dev-${deviceCounter}`
  const stores = result.user.areas.map((area) => {
    const records = memoryRecordDb(`${userName}-${area}`)
    return { area, records, repository: createRepository({ records, author: { name: userName, district: area }, device }) }
  })
  const events: SyncEvent[] = []
  const controller = (opts: { base?: string; live?: boolean } = {}) =>
    createSyncController({ PouchDB: devicePouch() as never, base: opts.base ?? base, fetch: jar, targets: stores, onEvent: (e) => events.push(e), live: opts.live ?? false })
  return {
    name: userName,
    user: result.user,
    fetch: jar,
    base,
    stores,
    store: (area = result.user.homeArea) => stores.find((s) => s.area === area)!,
    events,
    controller,
    async syncOnce(opts = {}) {
      const c = controller({ base: opts.base })
      c.start()
      try {
        await c.idle(opts.timeoutMs ?? 30_000)
      } finally {
        c.stop()
      }
    },
    async close() {
      await Promise.all(stores.map((s) => s.records.destroy()))
    },
  }
}

export function freshLocalDb(name = 'sync-test'): LocalDb {
  return openLocalDb(`${name}-${Date.now()}-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
}

/** A household an officer may create (officers add only households TPMAP missed). */
export function householdValues(houseId: string, extra: Record<string, unknown> = {}) {
  return { villageCode: '96010101', houseId, headName: `หัวหน้าครัวเรือน ${houseId}`, targetPersons: 2, inTpmap: false, ...extra }
}

/** Every live doc of a record db: id → rev, design docs left out. */
export async function revMap(records: RecordDb): Promise<Map<string, string>> {
  const all = await records.allDocs()
  return new Map(all.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => [r.id, r.value.rev]))
}
