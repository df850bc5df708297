import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FY2565, scoreMission1, type MissionScore, type Rubric } from '../../../src/scoring'
import { buildScoreInput, rowsWithin, type AreaRows } from '../../../src/store/score-input'
import { villageProgress } from '../../../src/store/village-progress'
import { householdRowArb, uniqueById, asOfArb, VILLAGES } from '../supervisor/rows'

/*
 * Issue 16: village progress counts what the engine scores. For every village, the counts behind
 * its bars equal mission 1's item details for that village's facts, under FY2565 and under an edited
 * edition (one visit a month, an earlier deadline), so neither layer can drift from the rule.
 */

const edited: Rubric = { ...FY2565, m1: { ...FY2565.m1, mentorVisitsPerMonth: 1, assistBy: '2022-03-31', verifyBy: '2021-11-30' } }

const rowsArb: fc.Arbitrary<AreaRows> = fc
  .array(householdRowArb, { maxLength: 60 })
  .map((households) => ({ households: uniqueById(households), plots: [], complaints: [], posts: [], reports: [], facts: [] }))

const detail = (s: MissionScore, id: string) => s.items.find((i) => i.id === id)!.detail as Record<string, number>

describe('village progress against the engine', () => {
  it('persons, plans, visits, assistance and surviving counts equal mission 1 item details, village by village', () =>
    fc.assert(
      fc.property(rowsArb, asOfArb, fc.constantFrom(FY2565, edited), (rows, asOf, rubric) => {
        const progress = villageProgress({ villages: [], households: rows.households, plots: [], complaints: [] }, asOf, rubric)
        for (const code of VILLAGES) {
          const p = progress.find((v) => v.code === code)
          const m1 = scoreMission1(buildScoreInput(rowsWithin(rows, code), { asOf, area: code, rubric }).m1!, asOf, rubric)
          const d11 = detail(m1, '1.1')
          const d12 = detail(m1, '1.2')
          const d21 = detail(m1, '2.1')
          const d221 = detail(m1, '2.2.1')
          const d23 = detail(m1, '2.3')
          const got = p
            ? { persons: p.persons, plans: p.plans, visits: p.visits, income: p.assisted.income, surviving: p.surviving }
            : { persons: { done: 0, of: 0 }, plans: { done: 0, of: 0 }, visits: { done: 0, of: 0 }, income: { done: 0, of: 0 }, surviving: { done: 0, of: 0 } }
          expect(got).toEqual({
            persons: { done: d11.verifiedPersons, of: d11.targetPersons },
            plans: { done: d12.verified! - d12.verifiedWithoutPlan!, of: d12.verified },
            visits: { done: d21.judged! - d21.failing!, of: d21.judged },
            income: { done: d221.assisted, of: d221.failing },
            surviving: { done: d23.surviving, of: d23.households },
          })
        }
      }),
      { numRuns: 200 },
    ))
})
