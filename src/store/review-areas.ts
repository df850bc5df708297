import { areaOfRecordId } from '../schema/ids'
import { countStates, reviewsByRecord, reviewStateOf, type ReviewCounts, type ReviewState, type ReviewSummary } from './reviews'
import type { LocalDb } from './local-db'
import { eventIdsOfKinds } from './events'
import { householdsOfArea, plotsOfArea } from './area-rows'

/*
 * Review states counted per area (issue 15): every reviewable record (household checks, complaints,
 * mentor visits, assistance, plot assessments) in its state — latest review wins, an edit after it
 * makes it "waiting" again (reviews.ts) — summed per sub-area of the area shown: a province by
 * district, a district by sub-district, a sub-district by village. Pure but for the one reader below.
 */

export interface ReviewableRecord {
  id: string
  /** The most precise area the record names: a village (8 digits) or a sub-district (6). */
  place: string
  /** Edited records' current revision time; append-only ones have none. */
  updatedAt?: string
}

export interface AreaReviewRow {
  code: string
  counts: ReviewCounts
  total: number
}

/** The sub-area of `area` a place falls in; undefined when the place lies outside `area`. */
export function childArea(area: string, place: string): string | undefined {
  if (!place.startsWith(area)) return undefined
  const next = area.length < 4 ? 4 : area.length < 6 ? 6 : 8
  // A record known only by its sub-district, shown under a sub-district: counted as the sub-district itself.
  return place.length >= next ? place.slice(0, next) : place
}

/** Each sub-area's counts (sorted by code) and the area's total, optionally only rows with `only` > 0. */
export function reviewCountsByArea(
  records: readonly ReviewableRecord[],
  reviews: ReadonlyMap<string, readonly ReviewSummary[]>,
  area: string,
  only?: ReviewState,
): { rows: AreaReviewRow[]; total: ReviewCounts } {
  const states = new Map<string, ReviewState[]>()
  const all: ReviewState[] = []
  for (const r of records) {
    const child = childArea(area, r.place)
    if (!child) continue
    const state = reviewStateOf(r.updatedAt, reviews.get(r.id) ?? []).state
    all.push(state)
    const list = states.get(child)
    if (list) list.push(state)
    else states.set(child, [state])
  }
  const rows = [...states]
    .map(([code, list]) => ({ code, counts: countStates(list), total: list.length }))
    .filter((row) => !only || row.counts[only] > 0)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  return { rows, total: countStates(all) }
}

/** The place an append-only record's id names: visit/assist → the household's village, assess → the plot's sub-district. */
export function placeOfChildId(id: string): string | undefined {
  const parts = id.split(':')
  if ((parts[0] === 'visit' || parts[0] === 'assist') && parts[1] === 'household') return parts[2]
  if (parts[0] === 'assess' && parts[1] === 'plot') return parts[2]
  return undefined
}

/**
 * Every reviewable record of the read model under `area`, with the reviews on the device. Households
 * are read by key only (their id names their village); only reviewed ones are read in full, for the
 * revision a review applies to: a district holds tens of thousands of households.
 */
export async function readReviewables(db: LocalDb, area: string): Promise<{ records: ReviewableRecord[]; reviews: Map<string, ReviewSummary[]> }> {
  const district = area.length >= 4 ? area.slice(0, 4) : undefined
  const [householdIds, complaints, plots, eventIds, reviews] = await Promise.all([
    householdsOfArea(db, district ?? area).primaryKeys(),
    (district ? db.complaints.where('district').equals(district) : db.complaints.where('district').startsWith(area)).toArray(),
    plotsOfArea(db, district ?? area).toArray(),
    // Children by their ids' start: a visit's names its household's village, an assessment's its plot's sub-district.
    Promise.all([eventIdsOfKinds(db, ['mentor-visit', 'assistance'], `household:${area}`), eventIdsOfKinds(db, ['plot-assessment'], `plot:${area}`)]).then((lists) => lists.flat()),
    reviewsByRecord(db),
  ])
  const reviewed = (await db.households.bulkGet(householdIds.filter((id) => reviews.has(id)))).filter((h) => !!h)
  const updatedAt = new Map(reviewed.map((h) => [h!.id, h!.updatedAt]))
  // A plot's assessments count in the plot's village where it has one.
  const plotVillage = new Map(plots.filter((p) => p.villageCode).map((p) => [p.id, p.villageCode!]))
  const records: ReviewableRecord[] = []
  for (const id of householdIds) records.push({ id, place: areaOfRecordId(id), updatedAt: updatedAt.get(id) })
  for (const c of complaints) {
    const village = c.plotId ? plotVillage.get(c.plotId) : undefined
    records.push({ id: c.id, place: village ?? c.tambonCode, updatedAt: c.updatedAt })
  }
  for (const id of eventIds) {
    const place = placeOfChildId(id)
    if (!place || !place.startsWith(area.slice(0, Math.min(area.length, place.length)))) continue
    const plot = id.startsWith('assess:') ? plotVillage.get(id.split(':').slice(1, 4).join(':')) : undefined
    records.push({ id, place: plot ?? place })
  }
  return { records, reviews }
}
