import type { Household, MissionScore } from '../../../src/scoring/index'

/** One item of a mission's score, by id; a missing item fails the test loudly. */
export function itemOf(score: MissionScore, id: string) {
  const found = score.items.find((i) => i.id === id)
  if (!found) throw new Error(`no item ${id}`)
  return found
}

/** A TPMAP household of one target person unless the test says otherwise. */
export const hh = (h: Partial<Household> & { id: string }): Household => ({ inTpmap: true, targetPersons: 1, ...h })
