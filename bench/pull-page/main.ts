/*
 * The first-pull bench page (bench/pull.ts drives it): the app's first pull — openUserStores, as a
 * newly signed-in user gets it (bulk first pull, read model fed from memory, the sync runtime and its
 * status in Dexie) — next to the floor: `_changes?include_docs=true` in chunks of 2,000 +
 * `bulkDocs({ new_edits: false })` into PouchDB on IndexedDB, nothing else.
 */
import { openRecordDb, PouchDB } from '../../src/store/pouch'
import { openLocalDb } from '../../src/store/local-db'
import { openUserStores } from '../../src/app/bootstrap'
import { firstPull } from '../../src/sync/bulk-pull'
import { createProjectionRunner } from '../../src/store/projection-runner'

declare global {
  interface Window {
    pullFloor: typeof pullFloor
    pullApp: typeof pullApp
    pullBare: typeof pullBare
    pullReady: boolean
  }
}

async function login(name: string, password: string) {
  const res = await fetch('/couch/_session', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) })
  if (!res.ok) throw new Error(`login failed: ${res.status}`)
}

/** The floor: one db after another, chunks of 2,000 with their docs, written as replication would. */
async function pullFloor({ dbNames, user, password }: { dbNames: string[]; user: string; password: string }) {
  await login(user, password)
  const stamp = Date.now()
  const locals = dbNames.map((n) => openRecordDb(`floor-${n}-${stamp}`))
  const t = performance.now()
  let docs = 0
  // Its two halves (nothing overlaps here): the server's answer, read and parsed; PouchDB's writes.
  let fetchMs = 0
  let writeMs = 0
  for (let i = 0; i < dbNames.length; i++) {
    let since: string | number = 0
    for (;;) {
      const asked = performance.now()
      const res = await fetch(`/couch/${dbNames[i]}/_changes?include_docs=true&limit=2000&since=${encodeURIComponent(String(since))}`, { credentials: 'include' })
      const body = (await res.json()) as { results: { doc?: Record<string, unknown> }[]; last_seq: string | number }
      const got = performance.now()
      fetchMs += got - asked
      const batch = body.results.map((r) => r.doc).filter((d): d is Record<string, unknown> => !!d)
      if (batch.length) await locals[i]!.bulkDocs(batch as never, { new_edits: false })
      writeMs += performance.now() - got
      docs += batch.length
      since = body.last_seq
      if (body.results.length < 2000) break
    }
  }
  const ms = performance.now() - t
  const written = (await Promise.all(locals.map((l) => l.info()))).reduce((n, info) => n + info.doc_count, 0)
  await Promise.all(locals.map((l) => l.destroy()))
  return { ms, docs: written, fetched: docs, fetchMs, writeMs }
}

/** The app: a new device user with these areas, until every area's first pull is done (and projected). */
async function pullApp({ areas, user, password }: { areas: string[]; user: string; password: string }) {
  await login(user, password)
  const stamp = Date.now()
  const db = openLocalDb(`pull-read-${stamp}`)
  // The name the session belongs to: the app treats a session of someone else as expired.
  const deviceUser = { name: user, roles: ['supervisor'], homeArea: areas[0]!, areas, isSupervisor: areas.length > 1 }
  const t = performance.now()
  let lastProblem = 'null'
  // When each area's first pull was seen to start and to end (ms from the start), for BENCH_PROFILE.
  const timeline: Record<string, { start?: number; done?: number }> = {}
  const stores = await openUserStores(db, deviceUser, openRecordDb, { base: `${location.origin}/couch/`, online: () => true })
  for (;;) {
    const status = stores.sync!.status()
    for (const a of areas) {
      const seen = (timeline[a] ??= {})
      const initial = status.areas[a]?.initial
      if (initial && seen.start === undefined) seen.start = Math.round(performance.now() - t)
      if (initial?.done && seen.done === undefined) seen.done = Math.round(performance.now() - t)
    }
    if (areas.every((a) => status.areas[a]?.initial?.done)) break
    const problem = areas.map((a) => status.areas[a]?.problem).find(Boolean)
    if (problem && status.areas[areas[0]!]?.phase === 'stopped') throw new Error(`pull stopped: ${JSON.stringify(problem)}`)
    // A problem the sync retries (it backs off): shown once, so a stuck bench says why.
    const said = JSON.stringify(problem ?? null)
    if (problem && said !== lastProblem) console.error(`sync problem (retried): ${said}`)
    lastProblem = said
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const ms = performance.now() - t
  const docs = (await Promise.all(stores.stores.map((s) => s.records.info()))).reduce((n, info) => n + info.doc_count, 0)
  const rows = await db.households.count()
  const maxConnections = stores.sync!.controller.connections.maxInFlight()
  await stores.close()
  await Promise.all(stores.stores.map((s) => new PouchDB(s.records.name, { adapter: 'idb' }).destroy()))
  db.close()
  return { ms, docs, households: rows, maxConnections, timeline }
}

/**
 * The app's bulk first pull (src/sync/bulk-pull.ts) of each area in turn, with the read model fed
 * (`project`) or not: no sync runtime, no status. `PULL_MODES=bare,proj` in bench/pull.ts; for
 * telling the pull's own cost from the read model's.
 */
async function pullBare({ dbNames, user, password, project }: { dbNames: string[]; user: string; password: string; project: boolean }) {
  await login(user, password)
  const stamp = Date.now()
  const db = openLocalDb(`bare-read-${stamp}`)
  const t = performance.now()
  let docs = 0
  // One area after another (the province's), each into its own record db, as the floor does.
  for (const dbName of dbNames) {
    const records = openRecordDb(`bare-${dbName}-${stamp}`)
    const projector = project ? createProjectionRunner(records, db) : undefined
    await firstPull({ fetch: (url, init) => fetch(url, init), base: `${location.origin}/couch/`, dbName, records, projector })
    docs += (await records.info()).doc_count
  }
  const ms = performance.now() - t
  for (const dbName of dbNames) await openRecordDb(`bare-${dbName}-${stamp}`).destroy()
  db.close()
  return { ms, docs }
}

window.pullFloor = pullFloor
window.pullApp = pullApp
window.pullBare = pullBare
window.pullReady = true
document.getElementById('status')!.textContent = 'ready'
