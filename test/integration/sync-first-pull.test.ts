/**
 * The bulk first pull (src/sync/bulk-pull.ts) over real HTTP, against the stand-in or COUCH_URL:
 * conflicts arrive as conflicts (every leaf), attachments arrive, a cut connection resumes where it
 * stopped (no restart, no doc twice), the read model is fed from memory, ordinary replication then
 * starts from where the pull ended (nothing pulled again, nothing sent back, nothing counted as
 * waiting), an edit made during the pull is pushed afterwards, and sync never holds more than two
 * connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchClient } from '../../couch/couch-http'
import { createProjectionRunner } from '../../src/store/projection-runner'
import { firstPull, readFirstPull } from '../../src/sync/bulk-pull'
import { createSyncController } from '../../src/sync/replication'
import { createSyncRuntime } from '../../src/sync/runtime'
import { getTestCouch, type TestCouch } from '../support/couch'
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy'
import { cleanUp, devicePouch, freshLocalDb, householdValues, loginDevice, revMap, setUpProvince } from './sync-helpers'

let couch: TestCouch
let admin: CouchClient
let proxy: CuttingProxy

const N = 400
const envelope = { schema: 1, district: '9601', createdBy: 'admin', createdAt: '2026-01-01T00:00:00.000Z', updatedBy: 'admin', updatedAt: '2026-01-01T00:00:00.000Z', device: 'seed', type: 'household', villageCode: '96010101', targetPersons: 3, inTpmap: true }
const CONFLICTED = 'household:96010101:conflicted'
const WITH_PHOTO = 'household:96010101:photo'
const PHOTO = Buffer.from('a small thumbnail, as the app keeps inline').toString('base64')

beforeAll(async () => {
  couch = await getTestCouch()
  admin = await setUpProvince(couch)
  proxy = await startCuttingProxy(couch.url)
  const docs = Array.from({ length: N }, (_, i) => ({ ...envelope, _id: `household:96010101:b${String(i).padStart(4, '0')}`, houseId: `b${String(i).padStart(4, '0')}`, headName: `ครัวเรือน ${i}`, note: 'บันทึก '.repeat(40) }))
  const seeded = await admin.request<{ error?: string }[]>('POST', '/cdd-9601/_bulk_docs', { docs })
  expect(seeded.status).toBe(201)
  // Refused docs come back as per-doc errors in a 201 (ids must match their fields: src/schema/ids.ts).
  expect(seeded.body.filter((r) => r.error)).toEqual([])
  // Two leaves of one household: two phones edited it offline.
  const conflicted = { ...envelope, _id: CONFLICTED, houseId: 'conflicted' }
  const leaves = [
    { ...conflicted, headName: 'ฉบับหนึ่ง', _rev: '2-aaaa', _revisions: { start: 2, ids: ['aaaa', 'root'] } },
    { ...conflicted, headName: 'ฉบับสอง', _rev: '2-bbbb', _revisions: { start: 2, ids: ['bbbb', 'root'] } },
  ]
  expect((await admin.request('POST', '/cdd-9601/_bulk_docs', { new_edits: false, docs: leaves })).status).toBe(201)
  const photo = { ...envelope, _id: WITH_PHOTO, houseId: 'photo', headName: 'มีรูป', _attachments: { 'thumb.jpg': { content_type: 'image/jpeg', data: PHOTO } } }
  expect((await admin.request('POST', '/cdd-9601/_bulk_docs', { docs: [photo] })).status).toBe(201)
})
afterAll(async () => {
  await proxy?.close()
  if (admin) await cleanUp(admin)
  await couch?.close()
})

async function serverRevs(db = 'cdd-9601'): Promise<Map<string, string>> {
  const res = await admin.request<{ rows: { id: string; value: { rev: string } }[] }>('GET', `/${db}/_all_docs`)
  return new Map(res.body.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => [r.id, r.value.rev]))
}

/** A device's fetch that notes every doc revision asked for by `_bulk_get` (`id@rev`, in order). */
function countingBulkGets(deviceFetch: typeof fetch): { fetched: string[]; counting: typeof fetch } {
  const fetched: string[] = []
  const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).includes('_bulk_get') && typeof init?.body === 'string') for (const d of (JSON.parse(init.body) as { docs: { id: string; rev: string }[] }).docs) fetched.push(`${d.id}@${d.rev}`)
    return deviceFetch(input, init)
  }) as typeof fetch
  return { fetched, counting }
}

describe('the bulk first pull', () => {
  it('brings every doc, every conflict leaf and the attachments, and feeds the read model from memory', async () => {
    const device = await loginDevice(couch, 'sync-off9601')
    const { records } = device.store()
    const db = freshLocalDb()
    const runner = createProjectionRunner(records, db)
    const applied: boolean[] = []
    const projector = { applyFetched: (b: Parameters<typeof runner.applyFetched>[0]) => runner.applyFetched(b).then((r) => (applied.push(r.fromMemory), r)), finishFetched: () => runner.finishFetched() }
    const result = await firstPull({ fetch: device.fetch, base: device.base, dbName: 'cdd-9601', records, projector, chunk: 150 })

    const server = await serverRevs()
    expect([...(await revMap(records)).entries()].sort()).toEqual([...server.entries()].sort())
    // Both leaves, the same winner as the server's.
    const local = (await records.get(CONFLICTED, { conflicts: true })) as { _rev: string; _conflicts?: string[] }
    const remote = await admin.request<{ _rev: string; _conflicts?: string[] }>('GET', `/cdd-9601/${encodeURIComponent(CONFLICTED)}?conflicts=true`)
    expect(local._rev).toBe(remote.body._rev)
    expect(local._conflicts).toEqual(remote.body._conflicts)
    expect(local._conflicts).toHaveLength(1)
    // The attachment's bytes, not a stub.
    const att = (await records.getAttachment(WITH_PHOTO, 'thumb.jpg')) as Buffer
    expect(Buffer.from(att).toString('base64')).toBe(PHOTO)

    // The read model: every household, the conflicted one marked, projected from memory, and the
    // projector's seq at the record db's end (nothing left to read back).
    expect(applied.length).toBeGreaterThan(1)
    expect(applied.every(Boolean)).toBe(true)
    expect(await db.households.count()).toBe(N + 2)
    expect((await db.households.get(CONFLICTED))?.conflicted).toBe(1)
    expect((await runner.run()).applied).toBe(0)
    // Everything local came from the server: the push side may start at the end.
    expect(result.pushSince).toBe((await records.info()).update_seq)
    expect((await readFirstPull(records))?.done).toBe(true)
    expect((await readFirstPull(records))?.received).toBe(N + 3) // + the design doc
    db.close()
    await device.close()
  })

  it('a cut connection resumes where it stopped: no restart from zero, no doc fetched twice', async () => {
    const proxied = `${proxy.url}/`
    // How many bytes a whole first pull moves through the proxy here (it varies with the server and
    // its compression), then cuts at a few points inside it, on fresh devices, until one lands part-way.
    const probe = await loginDevice(couch, 'sync-off9601')
    const bytesBefore = proxy.bytes()
    await firstPull({ fetch: probe.fetch, base: proxied, dbName: 'cdd-9601', records: probe.store().records, chunk: 60 })
    const whole = proxy.bytes() - bytesBefore
    await probe.close()
    for (const share of [0.4, 0.55, 0.3, 0.7, 0.2]) {
      const budget = Math.round(whole * share)
      const device = await loginDevice(couch, 'sync-off9601')
      const { records } = device.store()
      const { fetched, counting } = countingBulkGets(device.fetch)
      proxy.cutAfter(budget)
      const first = await firstPull({ fetch: counting, base: proxied, dbName: 'cdd-9601', records, chunk: 60 }).then(
        () => true,
        () => false,
      )
      proxy.cutAfter(null)
      const partial = (await readFirstPull(records))?.received ?? 0
      if (first || partial === 0) {
        await device.close()
        continue
      }
      expect(partial).toBeLessThan(N)
      const docsBefore = (await revMap(records)).size
      expect(docsBefore).toBeGreaterThanOrEqual(partial - 1)

      const fetchedBefore = fetched.length
      const result = await firstPull({ fetch: counting, base: proxied, dbName: 'cdd-9601', records, chunk: 60 })
      expect(result.received).toBe(N + 3)
      // Resumed, not restarted: the second run fetched only what had not arrived.
      const second = fetched.slice(fetchedBefore)
      expect(second.length).toBeLessThanOrEqual(N + 4 - docsBefore)
      expect(new Set(second).size).toBe(second.length)
      // No doc twice on the phone: each id once in the changes feed, the same revs as the server.
      const changes = await records.changes({ since: 0, style: 'all_docs' })
      expect(new Set(changes.results.map((c) => c.id)).size).toBe(changes.results.length)
      expect([...(await revMap(records)).entries()].sort()).toEqual([...(await serverRevs()).entries()].sort())
      console.log(`first pull cut after ${budget} bytes with ${partial} received; the resumed run fetched ${second.length}`)
      await device.close()
      return
    }
    throw new Error('no cut stopped the first pull part-way')
  })

  it('a reload that leaves the saved state two chunks behind what was written (a chunk’s state is saved while the next is written): nothing fetched or written twice', async () => {
    // The reference: a whole pull on a fresh device, its local update_seq one per doc entry written.
    const clean = await loginDevice(couch, 'sync-off9601')
    await firstPull({ fetch: clean.fetch, base: couch.url, dbName: 'cdd-9601', records: clean.store().records, chunk: 60 })
    const cleanSeq = (await clean.store().records.info()).update_seq
    await clean.close()

    const device = await loginDevice(couch, 'sync-off9601')
    const { records } = device.store()
    const { fetched, counting } = countingBulkGets(device.fetch)
    // states[k]: after chunk k (states[0] at the start). N + 3 docs in chunks of 60: the last chunk
    // holds the conflicted household, whose leaves come by _bulk_get.
    const states: Record<string, unknown>[] = []
    await firstPull({ fetch: counting, base: couch.url, dbName: 'cdd-9601', records, chunk: 60, onProgress: (st) => states.push({ ...st }) })
    const chunks = Math.ceil((N + 3) / 60)
    expect(states).toHaveLength(chunks + 1)
    expect(fetched.some((f) => f.startsWith(CONFLICTED))).toBe(true)
    // As a reload at the worst moment would leave it: the last two chunks written, the state saved
    // only up to the one before them.
    const stored = (await records.get('_local/cdd-first-pull')) as Record<string, unknown>
    await records.put({ ...states[chunks - 2]!, _id: '_local/cdd-first-pull', _rev: stored._rev } as never)

    const fetchedBefore = fetched.length
    const result = await firstPull({ fetch: counting, base: couch.url, dbName: 'cdd-9601', records, chunk: 60 })
    expect(result.received).toBe(N + 3)
    // Both chunks after the saved state were checked against the phone: the conflict leaves are not fetched again.
    expect(fetched.slice(fetchedBefore)).toEqual([])
    // Nothing written twice: as many local seqs as the clean pull, the same revs as the server.
    expect((await records.info()).update_seq).toBe(cleanSeq)
    expect([...(await revMap(records)).entries()].sort()).toEqual([...(await serverRevs()).entries()].sort())
    await device.close()
  })

  it('then live sync takes over from the server seq: nothing pulled again, nothing waiting; an edit made during the pull goes up', async () => {
    const device = await loginDevice(couch, 'sync-off9601')
    const { records, repository } = device.store()
    const db = freshLocalDb()
    const runner = createProjectionRunner(records, db)
    const target = { area: '9601', records, projector: runner }
    // As the app does (bootstrap.ts): the projector follows local saves and replicated docs.
    const unfollow = runner.follow()
    let requests: string[] = []
    const logging = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`)
      return device.fetch(input, init)
    }) as typeof fetch
    let saved: Promise<{ id: string }> | undefined
    // The waiting-to-upload count reads the changes feed after the push checkpoint: never while the
    // first pull runs (that reads back the chunk being written), only once its round has ended.
    const counts: { duringFirstPull: boolean }[] = []
    const changes = records.changes.bind(records)
    records.changes = ((options?: PouchDB.Core.ChangesOptions) => {
      // (Live feeds re-query through changes too: those ask for return_docs: false.)
      if (options?.style === 'main_only' && !options.include_docs && !options.live) counts.push({ duringFirstPull: runtime.status().areas['9601']?.initial?.done === false })
      return changes(options)
    }) as typeof records.changes
    const runtime = await createSyncRuntime({
      db,
      targets: [target],
      PouchDB: devicePouch() as never,
      base: device.base,
      fetch: logging,
      firstPullChunk: 100,
      pollMs: 300,
      live: true,
    })
    const unsubscribe = runtime.controller
    // The officer saves a form in the middle of the first pull.
    const stopWatch = setInterval(() => {
      const initial = runtime.status().areas['9601']?.initial
      if (!saved && initial && initial.received > 0 && !initial.done) saved = repository.save('household', householdValues('during-first-pull') as never)
    }, 5)
    runtime.syncNow()
    await expect.poll(() => runtime.status().areas['9601']?.initial?.done, { timeout: 60_000 }).toBe(true)
    clearInterval(stopWatch)
    expect(saved).toBeDefined()
    const { id } = await saved!
    await expect.poll(async () => (await serverRevs()).has(id), { timeout: 30_000 }).toBe(true)
    await runtime.controller.idle(30_000)
    await expect.poll(() => runtime.recount(), { timeout: 15_000 }).toBe(0)
    expect(counts.filter((c) => c.duringFirstPull)).toEqual([])
    expect(counts.length).toBeGreaterThan(0)
    expect(runtime.status().areas['9601']?.initial).toMatchObject({ done: true, received: N + 3 })
    expect(await db.households.count()).toBe(N + 3)

    // Settled: the polls that follow pull nothing and send nothing back.
    requests = []
    await new Promise((r) => setTimeout(r, 1500))
    expect(requests.filter((r) => r.includes('_bulk_get') || r.includes('_revs_diff') || r.includes('_bulk_docs'))).toEqual([])
    expect(requests.some((r) => r.startsWith('GET') && /\/cdd-9601$/.test(r))).toBe(true)

    // A doc written on the server afterwards reaches the phone through the poll.
    const late = { ...envelope, _id: 'household:96010101:late', houseId: 'late', headName: 'มาทีหลัง' }
    expect((await admin.request('POST', '/cdd-9601/_bulk_docs', { docs: [late] })).status).toBe(201)
    await expect.poll(async () => (await revMap(records)).has(late._id), { timeout: 15_000 }).toBe(true)
    await expect.poll(async () => !!(await db.households.get(late._id)), { timeout: 15_000 }).toBe(true)
    await expect.poll(() => runtime.recount(), { timeout: 15_000 }).toBe(0)
    expect(unsubscribe.connections.maxInFlight()).toBeLessThanOrEqual(2)
    runtime.stop()
    unfollow()
    await runtime.flushed()
    db.close()
    await device.close()
  })

  it('the count after a first pull starts at the checkpoint the pull reached, even while its write to the read model waits', async () => {
    const device = await loginDevice(couch, 'sync-off9601')
    const { records } = device.store()
    const db = freshLocalDb()
    const runner = createProjectionRunner(records, db)
    // The push checkpoint's seq is remembered in Dexie behind the projector's writes; here each of
    // those writes is slow, so they are still queued when the pull's round ends and counts.
    const put = db.meta.put.bind(db.meta)
    db.meta.put = ((row: { key: string; value: unknown }) =>
      row.key.startsWith('sync.pushSeq:') ? new Promise((r) => setTimeout(r, 400)).then(() => put(row)) : put(row)) as typeof db.meta.put
    const counted: number[] = []
    const changes = records.changes.bind(records)
    records.changes = ((options?: PouchDB.Core.ChangesOptions) => {
      if (options?.style === 'main_only' && !options.include_docs && !options.live && runtime.status().areas['9601']?.initial?.done) counted.push(Number(options.since ?? 0))
      return changes(options)
    }) as typeof records.changes
    const runtime = await createSyncRuntime({ db, targets: [{ area: '9601', records, projector: runner }], PouchDB: devicePouch() as never, base: device.base, fetch: device.fetch, firstPullChunk: 100, live: false })
    const unfollow = runner.follow()
    runtime.syncNow()
    await expect.poll(() => runtime.status().areas['9601']?.initial?.done, { timeout: 60_000 }).toBe(true)
    await runtime.controller.idle(30_000)
    expect(await runtime.recount()).toBe(0)
    const reached = (await readFirstPull(records))!.cleanThrough
    expect(reached).toBeGreaterThanOrEqual(N + 3)
    // Every count after the pull read from where it ended: none read the pulled docs back.
    expect(counted.length).toBeGreaterThan(0)
    expect(counted.filter((since) => since < reached)).toEqual([])
    runtime.stop()
    unfollow()
    await runtime.flushed()
    db.close()
    await device.close()
  })

  it('a supervisor pulls every area at once within two connections', async () => {
    const sup = await loginDevice(couch, 'sync-sup96')
    expect(sup.stores.length).toBe(3)
    let inFlight = 0
    let max = 0
    const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      inFlight += 1
      max = Math.max(max, inFlight)
      try {
        const res = await sup.fetch(input, init)
        const body = await res.arrayBuffer()
        return new Response(body, { status: res.status, headers: res.headers })
      } finally {
        inFlight -= 1
      }
    }) as typeof fetch
    const c = createSyncController({ PouchDB: devicePouch() as never, base: sup.base, fetch: counting, targets: sup.stores, onEvent: () => undefined, live: false })
    c.start()
    await c.idle(60_000)
    for (const s of sup.stores) expect([...(await revMap(s.records)).entries()].sort()).toEqual([...(await serverRevs(`cdd-${s.area}`)).entries()].sort())
    expect(max).toBeLessThanOrEqual(2)
    expect(max).toBeGreaterThanOrEqual(1)
    await sup.close()
  })

  it('a restart while an area’s first pull runs (sync now, a renewed sign-in): the pull still completes, never two at once', async () => {
    const device = await loginDevice(couch, 'sync-off9601')
    const { records } = device.store()
    let open = 0
    let maxOpen = 0
    // Slowed, so the restarts land while the first pull is under way.
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input)
      const changes = url.includes('/_changes') && url.includes('style=all_docs')
      if (changes) {
        open += 1
        maxOpen = Math.max(maxOpen, open)
      }
      try {
        await new Promise((r) => setTimeout(r, 60))
        return await device.fetch(input, init)
      } finally {
        if (changes) open -= 1
      }
    }) as typeof fetch
    const c = createSyncController({ PouchDB: devicePouch() as never, base: device.base, fetch: slow, targets: device.stores, onEvent: () => undefined, live: false, firstPullChunk: 40 })
    c.start()
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 250))
      c.start()
    }
    await c.idle(60_000)
    expect((await readFirstPull(records))?.done).toBe(true)
    expect([...(await revMap(records)).entries()].sort()).toEqual([...(await serverRevs()).entries()].sort())
    // One first pull of the area at a time: a restart waits for the cancelled one to end.
    expect(maxOpen).toBe(1)
    await device.close()
  })
})
