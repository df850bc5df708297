/*
 * The pure parts of the first pull (bulk-pull.ts): which revision of a doc wins among the leaves
 * fetched for it, and how far along a pull is. No storage, no clock: times come in as arguments.
 */

export interface FetchedDoc {
  _id: string
  _rev: string
  _deleted?: boolean
  [key: string]: unknown
}

const generation = (rev: string) => Number.parseInt(rev, 10)

/**
 * PouchDB's (and CouchDB's) winning revision among a doc's leaves: a live leaf beats a deleted one,
 * then the longer history, then the greater rev string. `_conflicts` are the other live leaves,
 * as `changes({ conflicts: true })` reports them — so a doc projected from memory reads exactly as
 * it would read back from PouchDB.
 */
export function winnerOf(leaves: readonly FetchedDoc[]): FetchedDoc & { _conflicts?: string[] } {
  if (!leaves.length) throw new Error('winnerOf: no leaves')
  const sorted = [...leaves].sort((a, b) => {
    const deleted = Number(!!a._deleted) - Number(!!b._deleted)
    if (deleted) return deleted
    const gen = generation(b._rev) - generation(a._rev)
    if (gen) return gen
    return a._rev < b._rev ? 1 : a._rev > b._rev ? -1 : 0
  })
  const winner = sorted[0]!
  const conflicts = sorted.slice(1).filter((d) => !d._deleted).map((d) => d._rev)
  return conflicts.length ? { ...winner, _conflicts: conflicts } : winner
}

/** Groups fetched leaves by doc id, in the order the ids first appear. */
export function groupLeaves(docs: readonly FetchedDoc[]): Map<string, FetchedDoc[]> {
  const byId = new Map<string, FetchedDoc[]>()
  for (const doc of docs) {
    const list = byId.get(doc._id)
    if (list) list.push(doc)
    else byId.set(doc._id, [doc])
  }
  return byId
}

/** What the UI shows of a first pull (persisted in the sync status as `areas[area].initial`). */
export interface InitialProgress {
  /** true once every doc the server had when the pull began is on the phone (and projected). */
  done: boolean
  /** Docs (changes-feed rows: ids) that have arrived. */
  received: number
  /** Docs the server had when the pull began (live + deleted); grows if it changes meanwhile. */
  total: number
  /** When this area's first pull began and when it last moved (ISO), for the time estimate. */
  startedAt?: string
  updatedAt?: string
}

/**
 * Seconds left, from the rate so far (docs received since the first area began, over all areas)
 * applied to what is left in every area not done — queued ones included. Undefined while there is
 * too little to go on (under 2 s of history or nothing received yet).
 */
export function secondsLeft(progress: readonly InitialProgress[], nowMs: number): number | undefined {
  const open = progress.filter((p) => !p.done)
  const begun = progress.filter((p) => p.startedAt)
  if (!open.length || !begun.length) return undefined
  const received = begun.reduce((n, p) => n + p.received, 0)
  const left = open.reduce((n, p) => n + Math.max(0, p.total - p.received), 0)
  const started = Math.min(...begun.map((p) => Date.parse(p.startedAt!)))
  const elapsed = (nowMs - started) / 1000
  if (!(elapsed >= 2) || received <= 0) return undefined
  return Math.max(0, Math.round((left * elapsed) / received))
}

/** The sum over areas; `done` only when every area is done. */
export function overallProgress(progress: readonly InitialProgress[]): InitialProgress {
  return {
    done: progress.every((p) => p.done),
    received: progress.reduce((n, p) => n + p.received, 0),
    total: progress.reduce((n, p) => n + Math.max(p.total, p.received), 0),
  }
}

/**
 * The order areas get their first round in: a province's own db first (small, and it holds the
 * areas' names the screens show while the rest arrives), then the areas still to be pulled, largest
 * first (with two lanes, the last two end close together), then the rest as listed.
 */
export function roundOrder(areas: readonly string[], firstPullSizes: ReadonlyMap<string, number>): string[] {
  const rank = (area: string) => (area.length === 2 ? 0 : firstPullSizes.has(area) ? 1 : 2)
  return areas
    .map((area, i) => ({ area, i }))
    .sort((a, b) => rank(a.area) - rank(b.area) || (firstPullSizes.get(b.area) ?? 0) - (firstPullSizes.get(a.area) ?? 0) || a.i - b.i)
    .map((x) => x.area)
}
