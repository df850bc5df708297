import type { LocalDb } from '../store/local-db'
import { pendingUploads, pushSeqKey } from './pending'
import { createSyncController, type ReplicationDeps, type SyncController, type SyncTarget } from './replication'
import { INITIAL_STATUS, reduceSync, type AreaStatus, type SyncEvent, type SyncStatus } from './status'

/*
 * The edge between replication and the device's local data: folds SyncEvents through the pure
 * reducer, persists the status and the sync-log rows in Dexie (so the sync screen reads them with a
 * live query, and "last successful sync" survives a reload), remembers the push checkpoint seq, and
 * recounts what waits to upload.
 */

export const SYNC_STATUS_KEY = 'sync.status'
const RECOUNT_GAP_MS = 2000
const MAX_LOG_ROWS = 500

export interface SyncRuntime {
  controller: SyncController
  /** Start or restart now (also after a new login, and on `online`). */
  syncNow(): void
  stop(): void
  /**
   * Recount what waits to upload in every area; returns the total. `settledOnly`: leave an area
   * whose round is running as it is (the projector calls this for every replicated doc).
   */
  recount(area?: string, options?: { settledOnly?: boolean }): Promise<number>
  /** All writes to Dexie so far have landed (tests, sign-out). */
  flushed(): Promise<void>
  status(): SyncStatus
}

/**
 * The persisted status. At start-up (`fresh`, the default) phases from an earlier run are reset;
 * screens read it as it is (`{ fresh: false }`): the running runtime keeps it current.
 */
export async function readSyncStatus(db: LocalDb, options: { fresh?: boolean } = {}): Promise<SyncStatus> {
  const row = await db.meta.get(SYNC_STATUS_KEY)
  const stored = row?.value as SyncStatus | undefined
  if (!stored || typeof stored !== 'object' || !stored.areas) return INITIAL_STATUS
  if (options.fresh === false) return stored
  // Phases from an earlier run are stale: nothing is running until this run starts it.
  const areas: Record<string, AreaStatus> = {}
  for (const [area, s] of Object.entries(stored.areas)) areas[area] = { ...s, phase: s.phase === 'stopped' ? 'stopped' : 'idle', caughtUp: { push: false, pull: false } }
  return { areas }
}

export interface SyncRuntimeDeps extends Omit<ReplicationDeps, 'onEvent' | 'onPushCheckpoint' | 'targets'> {
  db: LocalDb
  targets: SyncTarget[]
}

export async function createSyncRuntime({ db, targets, ...replication }: SyncRuntimeDeps): Promise<SyncRuntime> {
  let status = await readSyncStatus(db)
  let chain: Promise<void> = Promise.resolve()
  const enqueue = (work: () => Promise<unknown>) => {
    chain = chain.then(work).then(
      () => undefined,
      (error: unknown) => console.warn('sync status write failed', error),
    )
    return chain
  }

  function dispatch(event: SyncEvent) {
    // A round has ended: the counts it held back are right again.
    if (event.type === 'paused' && event.direction === 'pull' && !event.problem) {
      const target = targets.find((t) => t.area === event.area)
      if (target) queueMicrotask(() => void recountArea(target).catch(() => undefined))
    }
    const { status: next, log } = reduceSync(status, event)
    if (next === status && !log.length) return
    status = next
    const snapshot = status
    void enqueue(() =>
      db.transaction('rw', db.meta, db.syncLog, async () => {
        await db.meta.put({ key: SYNC_STATUS_KEY, value: snapshot })
        if (log.length) {
          await db.syncLog.bulkAdd(log)
          const count = await db.syncLog.count()
          if (count > MAX_LOG_ROWS) await db.syncLog.orderBy('id').limit(count - MAX_LOG_ROWS).delete()
        }
      }),
    )
  }

  // One recount per area at a time; a request during a count runs one more afterwards, but not
  // sooner than RECOUNT_GAP_MS later. A count reads the changes feed since the push checkpoint:
  // during a first pull of thousands of docs, back-to-back recounts (one per projected batch)
  // took most of the CPU and made the pull six times slower than a bare replicate.
  const counting = new Map<string, Promise<number>>()
  const pushSeqs = new Map<string, string | number>()
  const again = new Set<string>()
  /** An area whose first pull runs now (one left unfinished by an earlier run counts as usual). */
  const firstPulling = (area: string) => {
    const initial = status.areas[area]?.initial
    return !!initial && !initial.done && controller.busy(area)
  }
  async function recountArea(target: SyncTarget, whileBusy = true): Promise<number> {
    // While a round pulls, the docs it writes lie after the push checkpoint until the round ends
    // and says they came from the server: counting then would show pulled docs as waiting.
    if (!whileBusy && controller.busy(target.area)) return status.areas[target.area]?.pending ?? 0
    // While an area's first pull runs, what lies after the push checkpoint is mostly the chunk being
    // written: a count would read thousands of pulled docs back from PouchDB for a number that is
    // wrong anyway. It waits for the round's end, which recounts.
    if (firstPulling(target.area)) return status.areas[target.area]?.pending ?? 0
    const running = counting.get(target.area)
    if (running) {
      again.add(target.area)
      return running
    }
    const work = (async () => {
      let count = status.areas[target.area]?.pending ?? 0
      do {
        again.delete(target.area)
        if (firstPulling(target.area)) break
        // The checkpoint reported last, even if its write to Dexie still waits behind the projector's.
        const seq = pushSeqs.get(target.area) ?? ((await db.meta.get(pushSeqKey(target.records.name)))?.value as string | number | undefined)
        count = await pendingUploads(target.records, seq, status.areas[target.area]?.denied ?? [])
        dispatch({ type: 'pending', area: target.area, count })
        if (again.has(target.area)) await new Promise((resolve) => setTimeout(resolve, RECOUNT_GAP_MS))
      } while (again.has(target.area))
      return count
    })()
    counting.set(target.area, work)
    try {
      return await work
    } finally {
      counting.delete(target.area)
    }
  }

  const controller: SyncController = createSyncController({
    ...replication,
    targets,
    onEvent: dispatch,
    onPushCheckpoint(target, seq) {
      pushSeqs.set(target.area, seq)
      void enqueue(() => db.meta.put({ key: pushSeqKey(target.records.name), value: seq })).then(() => recountArea(target).catch(() => undefined))
    },
  })

  return {
    controller,
    syncNow() {
      controller.start()
      for (const t of targets) void recountArea(t).catch(() => undefined)
    },
    stop() {
      controller.stop()
    },
    async recount(area, options) {
      const counts = await Promise.all(targets.filter((t) => !area || t.area === area).map((t) => recountArea(t, !options?.settledOnly)))
      await chain
      return counts.reduce((a, b) => a + b, 0)
    },
    flushed: () => chain,
    status: () => status,
  }
}
