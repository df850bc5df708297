import { compareHouseNumbers } from '../schema/house-number'
import type { HouseholdRow } from './local-db'

/*
 * Finding a household across the district by the head's name or the house number, as the officer
 * types (Thai, partial). The index is built once from the rows (25,000 in a district) and each
 * query is a scan of one pre-normalised string per household: no tokenising of Thai (which has no
 * spaces between words) is needed for a "contains" match.
 */

export interface HouseholdHit {
  row: HouseholdRow
}

const THAI_ZERO = 0x0e50
/** Lower case, Thai digits as Arabic, runs of spaces as one. */
export function normaliseQuery(s: string): string {
  return s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO)).toLowerCase().replace(/\s+/g, ' ').trim()
}

export interface HouseholdIndex {
  size: number
  search(query: string, limit?: number): HouseholdRow[]
}

export function buildHouseholdIndex(rows: readonly HouseholdRow[]): HouseholdIndex {
  const keys = rows.map((r) => normaliseQuery(`${r.headName}\u0000${r.houseId}`))
  const houses = rows.map((r) => normaliseQuery(r.houseId))
  return {
    size: rows.length,
    search(query, limit = 50) {
      const q = normaliseQuery(query)
      if (!q) return []
      const exactHouse: HouseholdRow[] = []
      const other: HouseholdRow[] = []
      for (let i = 0; i < rows.length; i++) {
        if (houses[i] === q) exactHouse.push(rows[i]!)
        else if (keys[i]!.includes(q)) other.push(rows[i]!)
      }
      const order = (a: HouseholdRow, b: HouseholdRow) => a.villageCode.localeCompare(b.villageCode) || compareHouseNumbers(a.houseId, b.houseId)
      return [...exactHouse.sort(order), ...other.sort(order)].slice(0, limit)
    },
  }
}
