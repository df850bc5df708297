import { describe, expect, it } from 'vitest'
import { sortProgress, sumProgress, villageHoldbacks, villageProgress, visitsCompliant } from '../../../src/store/village-progress'
import type { ComplaintRow } from '../../../src/store/local-db'
import { household, plot, village } from './rows'

const NONE = { income: false, health: false, living: false, education: false, access: false }

describe('per-village progress, hand-computed', () => {
  // Village 1 (หมู่ 1): A (4 persons) and B (3) verified in Dec, C (3) verified in January (late),
  // X is an exclusion household. Plans: A and B. Visits: A twice in Jan and Feb, B twice in Jan only.
  const v1 = village('43010101', 1, 'โนนสว่าง')
  const v2 = village('43010102', 2, 'หนองแวง')
  const A = household(v1.code, '1', { targetPersons: 4, verifiedOn: '2021-12-20', planOn: '2021-12-25', visits: ['2022-01-03', '2022-01-20', '2022-02-02', '2022-02-20'], failing: { ...NONE, income: true, health: true }, assisted: { income: '2022-01-10' }, survivingOn: '2022-02-01' })
  const B = household(v1.code, '2', { targetPersons: 3, verifiedOn: '2021-12-20', planOn: '2021-12-25', visits: ['2022-01-05', '2022-01-25'], failing: { ...NONE, income: true }, assisted: { income: '2022-03-10' } })
  const C = household(v1.code, '3', { targetPersons: 3, verifiedOn: '2022-01-05' })
  const X = household(v1.code, '4', { targetPersons: 1, inTpmap: false, verifiedOn: '2021-12-28' })
  const D = household(v2.code, '1', { targetPersons: 2 })
  const plots = [
    plot('HLM', '430101', '10', v1.code, [{ on: '2022-02-01', success: true }]),
    plot('HLM', '430101', '11', v1.code, [{ on: '2022-02-01', success: false }]),
    plot('HLM', '430101', '12', v1.code),
    plot('CLM', '430101', '1', undefined, [{ on: '2022-02-01', success: true }]),
  ]
  const complaints: ComplaintRow[] = [
    { id: 'complaint:1', district: '4301', tambonCode: '430101', plotId: 'plot:430101:11', subject: 's', channel: 'phone', receivedOn: '2022-02-10', open: 1, conflicted: 0 },
    { id: 'complaint:2', district: '4301', tambonCode: '430101', plotId: 'plot:430101:10', subject: 's', channel: 'phone', receivedOn: '2022-02-01', resolvedOn: '2022-02-05', open: 0, conflicted: 0 },
  ]
  const asOf = '2022-02-28'
  const list = villageProgress({ villages: [v1, v2], households: [A, B, C, X, D], plots, complaints }, asOf)
  const p1 = list.find((p) => p.code === v1.code)!
  const p2 = list.find((p) => p.code === v2.code)!

  it('counts every indicator of village 1', () => {
    expect(p1.households).toBe(3)
    expect(p1.exclusion).toBe(1)
    expect(p1.persons).toEqual({ done: 7, of: 10 })
    // Verified by asOf: A, B, C, X; with plans: A, B.
    expect(p1.plans).toEqual({ done: 2, of: 4 })
    // Complete months after December up to 28 Feb: January and February. A meets both, B misses February.
    expect(p1.visits).toEqual({ done: 1, of: 2 })
    // Income failing: A (assisted 10 Jan), B (assisted 10 Mar, after asOf). Health failing: A, not assisted.
    expect(p1.assisted.income).toEqual({ done: 1, of: 2 })
    expect(p1.assisted.health).toEqual({ done: 0, of: 1 })
    expect(p1.assisted.living).toEqual({ done: 0, of: 0 })
    expect(p1.surviving).toEqual({ done: 1, of: 3 })
    expect(p1.hlm).toEqual({ of: 3, assessed: 2, successful: 1 })
    // The CLM site has no village: it counts only in the sub-district's roll-up.
    expect(p1.clm).toEqual({ of: 0, assessed: 0, successful: 0 })
    expect(p1.complaints).toEqual({ received: 2, open: 1, oldestOpenDays: 18 })
  })

  it('scores village 2 (nothing done) worst, and sorts and filters', () => {
    expect(p2.persons).toEqual({ done: 0, of: 2 })
    expect(p2.score).toBe(0)
    expect(sortProgress(list, 'worst').map((p) => p.code)).toEqual([v2.code, v1.code])
    expect(sortProgress(list, 'name').map((p) => p.code)).toEqual([v1.code, v2.code])
    expect(sortProgress(list, 'worst', '430102')).toEqual([])
    const sum = sumProgress(list, '430101')
    expect(sum.persons).toEqual({ done: 7, of: 12 })
    expect(sum.households).toBe(4)
  })

  it('as of an earlier date, later records do not count', () => {
    const early = villageProgress({ villages: [v1], households: [A, B, C, X], plots, complaints }, '2021-12-21').find((p) => p.code === v1.code)!
    expect(early.persons).toEqual({ done: 7, of: 10 })
    expect(early.plans).toEqual({ done: 0, of: 2 })
    expect(early.visits).toEqual({ done: 0, of: 0 })
    expect(early.hlm.assessed).toBe(0)
    expect(early.complaints.received).toBe(0)
  })

  it('lists what holds the village back', () => {
    const held = villageHoldbacks([A, B, C, X], plots.slice(0, 3), asOf)
    const by = Object.fromEntries(held.map((h) => [h.id, h]))
    expect(by[A.id]).toMatchObject({ reasons: ['notAssisted'], dimensions: ['health'] })
    expect(by[B.id]!.reasons).toEqual(['visitsShort', 'notAssisted'])
    expect(by[C.id]!.reasons).toEqual(['notVerified', 'noPlan'])
    expect(by[X.id]!.reasons).toEqual(['noPlan'])
    expect(by['plot:430101:10']).toBeUndefined()
    expect(by['plot:430101:11']!.reasons).toEqual(['notSuccessful'])
    expect(by['plot:430101:12']!.reasons).toEqual(['notAssessed'])
  })

  it('judges visits only on complete months after the plan month, up to 30 Sep 2022', () => {
    expect(visitsCompliant({ planOn: '2022-01-15', visits: [] }, '2022-02-27')).toBeUndefined()
    expect(visitsCompliant({ planOn: '2022-01-15', visits: ['2022-02-01', '2022-02-28'] }, '2022-02-28')).toBe(true)
    expect(visitsCompliant({ planOn: '2022-08-15', visits: ['2022-09-01', '2022-09-02'] }, '2023-05-01')).toBe(true)
    expect(visitsCompliant({ planOn: '2024-02-15', visits: [] }, '2024-03-31')).toBeUndefined()
  })
})
