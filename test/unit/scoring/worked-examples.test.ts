import { describe, it, expect } from 'vitest'
import {
  levelFor,
  scoreMission1,
  scoreMission2,
  scoreMission3,
  scoreMission6,
  scoreMission8,
  type M1Facts,
  type M2Facts,
} from '../../../src/scoring/index'
import { itemOf, hh } from './helpers'

// SCORING.md's worked examples E1–E10. Expected numbers are worked out by hand from the rubric.

describe('E1: mission 1 items 1.1, 1.2 and the extra point', () => {
  const facts: M1Facts = {
    households: [
      hh({ id: 'A', targetPersons: 4, verifiedOn: '2021-12-20', planOn: '2021-12-25' }),
      hh({ id: 'B', targetPersons: 3, verifiedOn: '2021-12-20', planOn: '2021-12-25' }),
      hh({ id: 'C', targetPersons: 3, verifiedOn: '2022-01-05' }),
      hh({ id: 'X', inTpmap: false, targetPersons: 1, verifiedOn: '2021-12-28' }),
    ],
  }
  const s = scoreMission1(facts, '2022-01-31')

  it('1.1 = 30 × 7/10 = 21 (C was verified after 31 Dec 2021)', () => {
    expect(itemOf(s, '1.1').points).toBeCloseTo(21, 12)
    expect(itemOf(s, '1.1').value).toBeCloseTo(70, 12)
  })
  it('1.2 = 0: C and X are verified but have no plan', () => {
    expect(itemOf(s, '1.2').points).toBe(0)
  })
  it('extra item 4: 1 exclusion person ÷ 10 target persons = 10 % → 10 points', () => {
    expect(itemOf(s, '4').points).toBe(10)
    expect(itemOf(s, '4').value).toBeCloseTo(10, 12)
  })
  it('1.2 becomes 10 once C and X have plans', () => {
    const planned = { households: facts.households.map((h) => ({ ...h, planOn: '2022-01-10' })) }
    expect(itemOf(scoreMission1(planned, '2022-01-31'), '1.2').points).toBe(10)
  })
})

describe('E2: mission 1 item 2.3', () => {
  it('40 TPMAP households, 9 surviving by the deadline → 22.5 % → 4 points', () => {
    const households = Array.from({ length: 40 }, (_, i) =>
      hh({ id: `H${i}`, survivingOn: i < 9 ? '2022-06-01' : undefined }),
    )
    const item = itemOf(scoreMission1({ households }, '2022-09-30'), '2.3')
    expect(item.value).toBeCloseTo(22.5, 12)
    expect(item.points).toBe(4)
  })
  it('a household surviving after 30 Sep 2022 does not count', () => {
    const households = Array.from({ length: 40 }, (_, i) =>
      hh({ id: `H${i}`, survivingOn: i < 8 ? '2022-06-01' : i === 8 ? '2022-10-01' : undefined }),
    )
    // 8 / 40 = 20 % → 4 points still; 7/40 would be 17.5 % → 3.
    expect(itemOf(scoreMission1({ households }, '2022-12-31'), '2.3').value).toBeCloseTo(20, 12)
  })
})

describe('E3: mission 1 levels', () => {
  it('22.5 → 1, 23 → 2, 110 → 5', () => {
    expect(levelFor('M1', 22.5)).toBe(1)
    expect(levelFor('M1', 23)).toBe(2)
    expect(levelFor('M1', 110)).toBe(5)
  })
  it('every bound of the table', () => {
    expect([0, 22.99, 44.99, 45, 66.99, 67, 88.99, 89].map((t) => levelFor('M1', t))).toEqual([1, 1, 2, 3, 3, 4, 4, 5])
  })
})

describe('E4: mission 2 item 1 (disbursement)', () => {
  const p1 = (d: M2Facts['disbursement'], asOf = '2022-06-30') => itemOf(scoreMission2({ disbursement: d }, asOf), '1')
  it('extension requested, completed 15 Feb 2022 → 30', () => {
    expect(p1({ extensionRequested: true, completedOn: '2022-02-15' }).points).toBe(30)
  })
  it('the same without an extension → 0', () => {
    expect(p1({ extensionRequested: false, completedOn: '2022-02-15' }).points).toBe(0)
  })
  it('completed 30 Dec 2021 without extension → 50', () => {
    expect(p1({ extensionRequested: false, completedOn: '2021-12-30' }).points).toBe(50)
  })
  it('the other steps: 31 Dec without extension → 0; with one 31 Jan → 40, 31 Mar → 20, 1 Apr → 0', () => {
    expect(p1({ extensionRequested: false, completedOn: '2021-12-31' }).points).toBe(0)
    expect(p1({ extensionRequested: true, completedOn: '2021-12-31' }).points).toBe(40)
    expect(p1({ extensionRequested: true, completedOn: '2022-01-31' }).points).toBe(40)
    expect(p1({ extensionRequested: true, completedOn: '2022-03-31' }).points).toBe(20)
    expect(p1({ extensionRequested: true, completedOn: '2022-04-01' }).points).toBe(0)
  })
  it('not completed by asOf: pending while a scoring date is ahead, then 0', () => {
    expect(p1({ extensionRequested: true, completedOn: '2022-02-15' }, '2022-02-01')).toMatchObject({ points: 0, pending: true })
    expect(p1({ extensionRequested: false }, '2021-12-29')).toMatchObject({ points: 0, pending: true })
    expect(p1({ extensionRequested: false }, '2021-12-30').pending).toBeUndefined()
    expect(p1({ extensionRequested: true }, '2022-03-30').pending).toBe(true)
    expect(p1({ extensionRequested: true }, '2022-03-31').pending).toBeUndefined()
    expect(itemOf(scoreMission2({}, '2022-06-30'), '1')).toMatchObject({ points: 0, pending: true })
  })
})

describe('E5: mission 2 item 2 (complaints)', () => {
  const p2 = (complaints: M2Facts['complaints']) => itemOf(scoreMission2({ complaints }, '2022-09-30'), '2').points
  it('resolved after 3, 9 and 7 days → slowest 9 → 6', () => {
    expect(
      p2([
        { receivedOn: '2022-01-01', resolvedOn: '2022-01-04' },
        { receivedOn: '2022-02-01', resolvedOn: '2022-02-10' },
        { receivedOn: '2022-03-01', resolvedOn: '2022-03-08' },
      ]),
    ).toBe(6)
  })
  it('one still open → 2', () => {
    expect(p2([{ receivedOn: '2022-01-01', resolvedOn: '2022-01-04' }, { receivedOn: '2022-02-01' }])).toBe(2)
  })
  it('none → 10', () => {
    expect(p2([])).toBe(10)
  })
  it('slowest 7 → 8, 30 → 4, 31 → 2 (days across a month end)', () => {
    expect(p2([{ receivedOn: '2022-01-28', resolvedOn: '2022-02-04' }])).toBe(8)
    expect(p2([{ receivedOn: '2022-02-15', resolvedOn: '2022-03-17' }])).toBe(4)
    expect(p2([{ receivedOn: '2022-02-15', resolvedOn: '2022-03-18' }])).toBe(2)
  })
})

describe('E6: mission 2 item 4 (successful plots)', () => {
  it('20 HLM with 14 successful and 2 CLM with 1 successful → 15/22 = 68.2 % → 10', () => {
    const on = '2022-08-01'
    const plots: NonNullable<M2Facts['plots']> = [
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `H${i}`,
        kind: 'HLM' as const,
        assessment: { on, reducesExpenses: true, selfReliant: i < 14 },
      })),
      {
        id: 'C1',
        kind: 'CLM' as const,
        assessment: { on, khok: true, nong: true, na: true, learningStations: 9, trainersAndMedia: true, committee: true, visitors: 12 },
      },
      {
        id: 'C2',
        kind: 'CLM' as const,
        assessment: { on, khok: true, nong: true, na: true, learningStations: 8, trainersAndMedia: true, committee: true, visitors: 40 },
      },
    ]
    const item = itemOf(scoreMission2({ plots }, '2022-09-30'), '4')
    expect(item.value).toBeCloseTo((100 * 15) / 22, 12)
    expect(item.points).toBe(10)
  })
})

describe('E7: mission 2 item 3 (PR posts, weakest month)', () => {
  it('asOf 2022-01-15, Oct/Nov/Dec with 12, 9, 11 posts → weakest 9 → 15', () => {
    const posts = (month: string, n: number) => Array.from({ length: n }, (_, i) => ({ on: `${month}-${String(i + 1).padStart(2, '0')}`, channel: 'Facebook' }))
    const prPosts = [...posts('2021-10', 12), ...posts('2021-11', 9), ...posts('2021-12', 11), ...posts('2022-01', 1)]
    const item = itemOf(scoreMission2({ prPosts }, '2022-01-15'), '3')
    expect(item.points).toBe(15)
    expect(item.detail).toMatchObject({ months: 3, weakestMonthPosts: 9 })
  })
})

describe('E8: mission 3', () => {
  it('13 events, channels at 6 %, 4.5 % and 2 % → row 4', () => {
    const s = scoreMission3(
      {
        freeEvents: 13,
        registeredWithoutOnline: 200,
        channels: [
          { name: 'Shopee', newOperators: 12 },
          { name: 'Lazada', newOperators: 9 },
          { name: 'Facebook', newOperators: 4 },
        ],
      },
      '2022-09-30',
    )
    expect(s.level).toBe(4)
    expect(s.total).toBe(4)
    expect(s.max).toBe(5)
  })
})

describe('E9: mission 6', () => {
  it('baseline 1,000,000, now 740,000 → 26 % → 4', () => {
    const s = scoreMission6({ overdueAtBaseline: 1_000_000, overdueNow: 740_000 }, '2022-09-30')
    expect(s.items[0]?.value).toBeCloseTo(26, 12)
    expect(s.level).toBe(4)
  })
})

describe('E10: mission 8 item 4', () => {
  it('Nong Khai (medium, 4,000), 3,000 downloads → 22.5 points', () => {
    const s = scoreMission8(
      { mechanismAppointed: false, literacyMeetingHeld: false, dataUpdatedMonths: [], prPosts: [], activities: [], downloads: 3000 },
      '2022-09-30',
      'หนองคาย',
    )
    expect(itemOf(s, '4').points).toBeCloseTo(22.5, 12)
  })
})
