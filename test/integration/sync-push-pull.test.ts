/**
 * Two devices and the server over real HTTP: a record made offline on one arrives on the other;
 * login by _session cookie, read scope by _security, denied writes named, pending count, status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchClient } from '../../couch/couch-http'
import { createSyncRuntime } from '../../src/sync/runtime'
import { getSession, logIn } from '../../src/sync/session'
import { summarize } from '../../src/sync/status'
import { withCookieJar } from '../../src/sync/cookie-jar'
import { getTestCouch, type TestCouch } from '../support/couch'
import { createSyncController } from '../../src/sync/replication'
import type { SyncEvent } from '../../src/sync/status'
import { cleanUp, devicePouch, freshLocalDb, memoryRecordDb, householdValues, loginDevice, revMap, setUpProvince } from './sync-helpers'

let couch: TestCouch
let admin: CouchClient

beforeAll(async () => {
  couch = await getTestCouch()
  admin = await setUpProvince(couch)
})
afterAll(async () => {
  if (admin) await cleanUp(admin)
  await couch?.close()
})

describe('login by _session cookie', () => {
  it('gives the device user its areas; a province supervisor gets the districts from config:districts', async () => {
    const officer = await loginDevice(couch, 'sync-off9601')
    expect(officer.user).toMatchObject({ name: 'sync-off9601', homeArea: '9601', areas: ['9601'], isSupervisor: false })
    expect(await getSession(officer.base, officer.fetch)).toEqual({ name: 'sync-off9601', roles: ['district:9601'] })
    const sup = await loginDevice(couch, 'sync-sup96')
    expect(sup.user).toMatchObject({ homeArea: '96', areas: ['9601', '9602', '96'], isSupervisor: true })
  })

  it('says wrong password, unreachable server, in words', async () => {
    const jar = withCookieJar()
    const wrong = await logIn({ base: `${couch.url}/`, name: 'sync-off9601', password: 'nope', fetch: jar })
    expect(wrong).toMatchObject({ ok: false, problem: { kind: 'wrong-password' } })
    const down = await logIn({ base: 'http://127.0.0.1:9/couch/', name: 'x', password: 'y', fetch: jar })
    expect(down).toMatchObject({ ok: false, problem: { kind: 'unreachable' } })
  })
})

describe('push and pull', () => {
  it('a household recorded offline on one phone arrives on the other, and on the supervisor’s', async () => {
    const a = await loginDevice(couch, 'sync-off9601')
    const b = await loginDevice(couch, 'sync-off9601')
    // Offline: nothing but the local db.
    const saved = await a.store().repository.save('household', householdValues('1') as never)
    await a.store().repository.save('household', householdValues('2') as never)
    await a.syncOnce()
    await b.syncOnce()
    const onB = await b.store().records.get(saved.id)
    expect(onB).toMatchObject({ _rev: saved.rev, headName: 'หัวหน้าครัวเรือน 1', createdBy: 'sync-off9601', district: '9601' })
    expect([...(await revMap(b.store().records)).keys()].sort()).toEqual(['household:96010101:1:sync-off9601', 'household:96010101:2:sync-off9601'])

    const sup = await loginDevice(couch, 'sync-sup96')
    await sup.syncOnce()
    expect((await revMap(sup.store('9601').records)).get(saved.id)).toBe(saved.rev)
    // The other district's officer cannot read 9601 at all.
    const other = await loginDevice(couch, 'sync-off9602')
    expect(other.user.areas).toEqual(['9602'])
    const c = other.controller({ live: false })
    const remote = c.remoteFor('9601')
    // CouchDB 3 answers 403; the embedded stand-in 401 (the controller tells the two apart via _session).
    await expect(remote.allDocs()).rejects.toMatchObject({ status: expect.toSatisfy((s: number) => s === 401 || s === 403) })
    // Syncing a district it has no access to stops with "no access", not "sign in again".
    const events: SyncEvent[] = []
    const stray = createSyncController({ PouchDB: devicePouch() as never, base: other.base, fetch: other.fetch, targets: [{ area: '9601', records: memoryRecordDb('stray') }], onEvent: (e) => events.push(e) })
    stray.start()
    await expect.poll(() => events.find((e) => e.type === 'error')).toMatchObject({ problem: { kind: 'forbidden' } })
    stray.stop()
    await Promise.all([a, b, sup, other].map((d) => d.close()))
  })

  it('the runtime records status, sync log and pending count in Dexie; a refused doc is named and kept', async () => {
    // This test makes its own server state: another phone has pushed a household this one will pull
    // (whatever earlier tests left on the server comes down the same way and is counted the same way).
    const other = await loginDevice(couch, 'sync-off9601')
    await other.store().repository.save('household', householdValues('30') as never)
    await other.syncOnce()
    await other.close()
    const a = await loginDevice(couch, 'sync-off9601')
    const db = freshLocalDb()
    const runtime = await createSyncRuntime({ db, targets: a.stores, PouchDB: devicePouch() as never, base: a.base, fetch: a.fetch, live: true })
    await a.store().repository.save('household', householdValues('10') as never)
    // A doc the server refuses: an officer may not add a TPMAP household (validate_doc_update).
    await a.store().records.put({ ...(await a.store().records.get('household:96010101:10:sync-off9601')), _id: 'household:96010101:11', _rev: undefined, houseId: '11', inTpmap: true })
    expect(await runtime.recount()).toBe(2)

    runtime.syncNow()
    await runtime.controller.idle(30_000)
    // Pulled docs (household 30) count as pending until the live push side has looked at them too.
    await expect.poll(() => a.store().records.get('household:96010101:30:sync-off9601').catch(() => undefined), { timeout: 10_000 }).toMatchObject({ headName: 'หัวหน้าครัวเรือน 30' })
    await expect.poll(() => runtime.recount(), { timeout: 10_000 }).toBe(1)
    await runtime.flushed()
    const summary = summarize(runtime.status(), ['9601'])
    expect(summary.denied.map((d) => d.id)).toEqual(['household:96010101:11'])
    expect(summary.denied[0]?.reason).toMatch(/inTpmap/)
    // The refused doc still waits (it is on the phone, not on the server); the other one is sent.
    expect(summary.pending).toBe(1)
    expect(summary.lastOkAt).toBeDefined()
    const log = await db.syncLog.toArray()
    expect(log.map((l) => l.kind)).toEqual(expect.arrayContaining(['start', 'denied']))
    expect(await a.store().records.get('household:96010101:11')).toBeDefined()
    runtime.stop()
    await a.close()
    db.close()
  })

  it('an expired or missing session stops sync with "sign in again" and keeps every local doc', async () => {
    const a = await loginDevice(couch, 'sync-off9601')
    await a.store().repository.save('household', householdValues('20') as never)
    a.fetch.cookies.clear() // as if the cookie expired
    const c = a.controller({ live: true })
    c.start()
    await expect(c.idle(30_000)).rejects.toMatchObject({ status: 401 })
    c.stop()
    await expect.poll(() => a.events.find((e) => e.type === 'error')).toMatchObject({ problem: { kind: 'session-expired' } })
    expect(await a.store().records.get('household:96010101:20:sync-off9601')).toBeDefined()
    await a.close()
  })
})
