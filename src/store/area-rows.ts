import { areaOfRecordId } from '../schema/ids'
import type { HouseholdRow, LocalDb, PlotRow } from './local-db'

/*
 * Households of a village and plots of a sub-district by their ids (`household:<village>:…`,
 * `plot:<tambon>:…`, src/schema/ids.ts, which the server enforces) instead of an index on each: a
 * first pull writes every household twice (as it arrives, then with its visits folded in), and
 * each index was one more tree to update per write. Their districts too, since read model version 8.
 */

/**
 * The households and plots of a district or a province (its 4 or 2 digits) by their ids' start: a
 * village's code and a sub-district's begin with their district's, which begins with its province's.
 */
export const householdsOfArea = (db: LocalDb, area: string) => db.households.where(':id').startsWith(`household:${area}`)
export const plotsOfArea = (db: LocalDb, area: string) => db.plots.where(':id').startsWith(`plot:${area}`)

export async function householdsOfVillage(db: LocalDb, villageCode: string): Promise<HouseholdRow[]> {
  const rows = await db.households.where(':id').startsWith(`household:${villageCode}:`).toArray()
  return rows.filter((h) => h.villageCode === villageCode)
}

export async function plotsOfTambon(db: LocalDb, tambonCode: string): Promise<PlotRow[]> {
  const rows = await db.plots.where(':id').startsWith(`plot:${tambonCode}:`).toArray()
  return rows.filter((p) => p.tambonCode === tambonCode)
}

/** Households per village, from the keys alone (the id names the village): cheap for a whole district. */
export async function householdCountsByVillage(db: LocalDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const id of await db.households.toCollection().primaryKeys()) {
    const village = areaOfRecordId(String(id))
    counts.set(village, (counts.get(village) ?? 0) + 1)
  }
  return counts
}
