import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  adviseMission1,
  adviseMission2,
  adviseMission3,
  adviseMission4,
  adviseMission5,
  adviseMission6,
  adviseMission7,
  adviseMission8,
  formatMessage,
  MESSAGES,
  renderAdvice,
  scoreMission1,
  scoreMission5,
  scoreMission8,
  type M1Facts,
  type M8Facts,
} from '../../../src/scoring/index'
import { hh } from './helpers'

// Next-level advice. Expected counts are worked out by hand from the rubric for each scenario.

describe('formatMessage', () => {
  it('fills placeholders, formats numbers and lists, leaves unknown ones', () => {
    expect(formatMessage('verify {n} persons in {v} by {by} {x}', { n: 1234, v: ['บ้านก', 'บ้านข'], by: '2021-12-31' })).toBe(
      'verify 1,234 persons in บ้านก, บ้านข by 2021-12-31 {x}',
    )
  })
  it('every message has Thai and English with the same placeholders', () => {
    for (const [key, m] of Object.entries(MESSAGES)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort()
      expect(m.th.length, key).toBeGreaterThan(0)
      expect(m.en.length, key).toBeGreaterThan(0)
      expect(names(m.th), key).toEqual(names(m.en))
    }
  })
  it('every item label of every mission is in the table', () => {
    const m1 = scoreMission1({ households: [] }, '2022-01-31')
    const m8 = scoreMission8({ mechanismAppointed: true, literacyMeetingHeld: true, dataUpdatedMonths: [], prPosts: [], activities: [], downloads: 0 }, '2022-01-31', 'หนองคาย')
    const m5 = scoreMission5({ defaultedAmount: 1, recoveredAmount: 0 }, '2022-01-31')
    for (const s of [m1, m8, m5]) for (const i of s.items) expect(MESSAGES, i.label).toHaveProperty([i.label])
  })
})

describe('mission 1 advice, before the verification deadline', () => {
  // TPMAP persons: A 4 and B 1 (บ้านก), C 3 and D 2 (บ้านข); only D verified. asOf 15 Dec 2021.
  // Points: 1.1 = 30 × 2/10 = 6; 2.2.1 and 2.2.2 = 15 + 10 (nobody failing); others 0 → 31, level 2.
  // Level 3 needs 45: 14 more from 1.1 = 14/30 × 10 = 4.67 → 5 persons; largest first: A (4) + C (3).
  const facts: M1Facts = {
    households: [
      hh({ id: 'A', targetPersons: 4, village: 'บ้านก' }),
      hh({ id: 'B', targetPersons: 1, village: 'บ้านก' }),
      hh({ id: 'C', targetPersons: 3, village: 'บ้านข' }),
      hh({ id: 'D', targetPersons: 2, verifiedOn: '2021-12-01', village: 'บ้านข' }),
    ],
  }
  const advice = adviseMission1(facts, '2021-12-15')

  it('starts with the smallest action that reaches level 3', () => {
    expect(scoreMission1(facts, '2021-12-15')).toMatchObject({ total: 31, level: 2 })
    expect(advice[0]).toMatchObject({
      mission: 'M1',
      itemId: '1.1',
      key: 'advice.m1.verify.where',
      params: { persons: 7, households: 2, places: ['บ้านก', 'บ้านข'], by: '2021-12-31' },
      levelAfter: 3,
      effort: 2,
    })
    // 30 × 9/10 − 6 = 21.
    expect(advice[0]!.pointsGain).toBeCloseTo(21, 12)
    expect(renderAdvice(advice[0]!, 'th')).toBe('ตรวจสอบและรับรองข้อมูลบุคคลเป้าหมายเพิ่มอีก 7 คน (2 ครัวเรือน) ในหมู่บ้าน บ้านก, บ้านข ภายในวันที่ 2021-12-31')
  })
  it('then verifying all three, then the one-step actions (plan for D, 1 excluded person, 1 surviving household)', () => {
    expect(advice.map((a) => [a.itemId, a.effort, a.levelAfter])).toEqual([
      ['1.1', 2, 3],
      ['1.1', 3, 3],
      ['1.2', 1, 2],
      ['4', 1, 2],
      ['2.3', 1, 2],
    ])
    // 1 excluded person of 10 is 10 % → the 10-point band directly; 1 surviving household of 4 is 25 % → 5.
    expect(advice[3]).toMatchObject({ params: { persons: 1, percent: 5 }, pointsGain: 10 })
    expect(advice[4]).toMatchObject({ params: { households: 1, percent: 25 }, pointsGain: 5 })
  })
  it('after 31 Dec 2021 verification is no longer offered', () => {
    expect(adviseMission1(facts, '2022-01-31').map((a) => a.itemId)).toEqual(['1.2', '2.3'])
  })
  it('doing what the first advice says does raise the level', () => {
    const done = { households: facts.households.map((h) => (h.id === 'A' || h.id === 'C' ? { ...h, verifiedOn: '2021-12-20' } : h)) }
    expect(scoreMission1(done, '2021-12-21').level).toBe(3)
  })
})

describe('mission 1 advice on mentor visits and assistance', () => {
  it('2.1 while pending: visits still needed this month', () => {
    // Plans in January; asOf 10 Feb: February will be the first judged month. P has 1 visit, Q none: 1 + 2 = 3.
    const facts: M1Facts = {
      households: [
        hh({ id: 'P', planOn: '2022-01-10', mentorVisits: ['2022-02-03'] }),
        hh({ id: 'Q', planOn: '2022-01-20' }),
        hh({ id: 'R', planOn: '2022-02-05' }),
      ],
    }
    const a = adviseMission1(facts, '2022-02-10').find((x) => x.itemId === '2.1')
    expect(a).toMatchObject({ key: 'advice.m1.mentor', params: { visits: 3, households: 2, month: '2022-02' }, pointsGain: 10, effort: 3 })
  })
  it('2.2.1: income assistance, fewest households that reach the next level', () => {
    // 4 verified households failing on income, none assisted; everything else 0 except 2.2.2 (10, na)
    // and 1.1 (30 × 4/4). Total 40 → level 2; level 3 at 45 needs 5 of 15 points → 4 × 5/15 = 1.33 → 2 households.
    const households = [1, 2, 3, 4].map((i) => hh({ id: `H${i}`, verifiedOn: '2021-12-01', planOn: '2022-05-01', failing: { income: true } }))
    const score = scoreMission1({ households }, '2022-03-01')
    expect(score.total).toBeCloseTo(40, 12)
    const a = adviseMission1({ households }, '2022-03-01').filter((x) => x.itemId === '2.2.1')
    expect(a.map((x) => [x.params.households, x.levelAfter])).toEqual([
      [2, 3],
      [4, 3],
    ])
    expect(a[0]!.pointsGain).toBeCloseTo(7.5, 12)
  })
})

describe('mission 2 advice', () => {
  it('complaints: resolve the open one within 7 days of receipt for 8 points', () => {
    const complaints = [
      { receivedOn: '2022-03-01', resolvedOn: '2022-03-04' },
      { receivedOn: '2022-03-05' },
    ]
    const a = adviseMission2({ complaints }, '2022-03-10').filter((x) => x.itemId === '2')
    expect(a.map((x) => [x.params.by, x.params.days, x.pointsGain])).toEqual([
      ['2022-03-12', 7, 6],
      ['2022-03-20', 15, 4],
      ['2022-04-04', 30, 2],
    ])
    expect(renderAdvice(a[0]!, 'en')).toBe('Resolve the open complaints (1) by 2022-03-12 (within 7 days of receipt)')
  })
  it('a complaint already open for 10 days can no longer make the 7-day band', () => {
    const a = adviseMission2({ complaints: [{ receivedOn: '2022-03-01' }] }, '2022-03-10').filter((x) => x.itemId === '2')
    expect(a.map((x) => x.params.days)).toEqual([15, 30])
  })
  it('disbursement: the next scoring date still ahead', () => {
    const a = adviseMission2({ disbursement: { extensionRequested: true } }, '2022-02-01')
    expect(a[0]).toMatchObject({ itemId: '1', params: { by: '2022-02-28', points: 30 }, pointsGain: 30 })
  })
  it('publicity before the first complete month: posts still needed this month', () => {
    const prPosts = Array.from({ length: 4 }, (_, i) => ({ on: `2021-10-0${i + 1}`, channel: 'Facebook' }))
    const a = adviseMission2({ prPosts }, '2021-10-15').filter((x) => x.itemId === '3')
    // 4 posts so far: 6 more for 20, 4 more for 15, 2 more for 10. The total is 30 (item 2: 10, item 4:
    // 20 na) → level 2; +15 and +20 reach level 3 (41), so they come first.
    expect(a.map((x) => [x.params.posts, x.pointsGain, x.levelAfter])).toEqual([
      [4, 15, 3],
      [6, 20, 3],
      [2, 10, 2],
    ])
  })
  it('plots: how many more successful plots each band needs', () => {
    // 10 plots, 5 successful = 50 % → 5 points. 60 % → 1 more, 70 % → 2, 80 % → 3. The total is
    // 10 + 5 = 15 (level 1); +10 and +15 reach level 2 (21).
    const plots = Array.from({ length: 10 }, (_, i) => ({
      id: `P${i}`,
      kind: 'HLM' as const,
      assessment: { on: '2022-05-01', reducesExpenses: true, selfReliant: i < 5 },
    }))
    const a = adviseMission2({ plots }, '2022-06-01').filter((x) => x.itemId === '4')
    expect(a.map((x) => [x.params.plots, x.pointsGain, x.levelAfter])).toEqual([
      [2, 10, 2],
      [3, 15, 2],
      [1, 5, 1],
    ])
    // P0–P4 succeed; P5–P9 all miss selfReliant only, so the first in order are the closest.
    expect(a[0]!.params.ids).toEqual(['P5', 'P6'])
  })
})

describe('missions 3–7 advice', () => {
  it('mission 2 plots: the closest to success come first, unassessed last', () => {
    const plots = [
      { id: 'none', kind: 'HLM' as const },
      { id: 'two', kind: 'HLM' as const, assessment: { on: '2022-05-01', reducesExpenses: false, selfReliant: false } },
      { id: 'one', kind: 'CLM' as const, assessment: { on: '2022-05-01', khok: true, nong: true, na: true, learningStations: 8, trainersAndMedia: true, committee: true, visitors: 3 } },
    ]
    // 0 of 3: 50 % needs 2 plots (1.5 → 2), 60 % → 2, 70 % → 3, 80 % → 3.
    const a = adviseMission2({ plots }, '2022-06-01').filter((x) => x.itemId === '4')
    const all = a.find((x) => x.params.plots === 3)!
    expect(all.params.ids).toEqual(['one', 'two', 'none'])
  })

  it('mission 3: E8 at level 4; level 5 needs 3 events and 3 channels at 5 % (10 of 200): 0 + 1 + 6 operators', () => {
    const a = adviseMission3(
      { freeEvents: 13, registeredWithoutOnline: 200, channels: [{ name: 'Shopee', newOperators: 12 }, { name: 'Lazada', newOperators: 9 }, { name: 'Facebook', newOperators: 4 }] },
      '2022-05-01',
    )
    expect(a).toHaveLength(1)
    expect(a[0]).toMatchObject({ params: { events: 3, operators: 7, channels: 3, percent: 5, level: 5 }, levelAfter: 5, pointsGain: 1, effort: 10 })
  })
  it('mission 4: plan before 31 Jan, and activities for each band', () => {
    const a = adviseMission4({ activitiesPlanned: 25, activitiesDone: 2 }, '2022-01-10')
    // 10 % of 25 = 2.5 → 3 activities (1 more, 20 points), 20 % → 5 (3 more, 40), 30 % → 7.5 → 8 (6 more, 60).
    // Total 0 → level 1: the plan (50 → level 3), 40 (level 2) and 60 (level 3) raise it; 20 does not.
    expect(a.map((x) => [x.itemId, x.effort, x.levelAfter])).toEqual([
      ['1', 1, 3],
      ['2', 3, 2],
      ['2', 6, 3],
      ['2', 1, 1],
    ])
  })
  it('mission 5: baht still to recover for each level, rounded up to the satang', () => {
    const a = adviseMission5({ defaultedAmount: 1000, recoveredAmount: 120 }, '2022-05-01')
    expect(a.map((x) => [x.params.amount, x.levelAfter])).toEqual([
      [30, 2],
      [80, 3],
      [130, 4],
      [180, 5],
    ])
  })
  it('mission 6 and 7: amounts to reach each level', () => {
    expect(adviseMission6({ overdueAtBaseline: 1_000_000, overdueNow: 740_000 }, '2022-05-01').map((x) => x.params.amount)).toEqual([40_000])
    expect(adviseMission7({ baselineRevenue: 1000, revenue: 1050 }, '2022-05-01').map((x) => [x.params.amount, x.levelAfter])).toEqual([
      [10, 3],
      [30, 4],
      [50, 5],
    ])
  })
})

describe('mission 8 advice', () => {
  it('an activity before the end of Q2 beats 1,000 downloads', () => {
    // 5 + 5 + 10 (Oct–Jan listed) + 20 (January post, 2 channels) + 0 (Q2 not complete) + 22.5 = 62.5 → level 4.
    // Q2 activity: +30 → 92.5, level 5. Downloads can only add 7.5 → 70, still level 4.
    const facts: M8Facts = {
      mechanismAppointed: true,
      literacyMeetingHeld: true,
      dataUpdatedMonths: ['2021-10', '2021-11', '2021-12', '2022-01'],
      prPosts: [{ on: '2022-01-05', channel: 'Facebook' }, { on: '2022-01-06', channel: 'Line' }],
      activities: [],
      downloads: 3000,
    }
    expect(scoreMission8(facts, '2022-01-31', 'หนองคาย')).toMatchObject({ total: 62.5, level: 4 })
    const a = adviseMission8(facts, '2022-01-31', 'หนองคาย')
    expect(a.map((x) => [x.itemId, x.levelAfter, x.effort])).toEqual([
      ['3', 5, 1],
      ['4', 4, 1000],
    ])
    expect(a[0]!.params).toEqual({ by: '2022-03-31' })
  })
  it('downloads: the fewest that reach the next level', () => {
    // asOf 31 Oct 2021: 5 + 5 + 10 (October listed) + 15 (2,000 of 4,000) = 35 → level 2. Level 3 (41)
    // needs 21 points from item 4 = 21/30 × 4,000 = 2,800 downloads: 800 more.
    const facts: M8Facts = { mechanismAppointed: true, literacyMeetingHeld: true, dataUpdatedMonths: ['2021-10'], prPosts: [], activities: [], downloads: 2000 }
    const a = adviseMission8(facts, '2021-10-31', 'หนองคาย').filter((x) => x.itemId === '4')
    expect(a.map((x) => [x.params.downloads, x.levelAfter])).toEqual([
      [800, 3],
      [2000, 3],
    ])
  })
})

describe('advice invariants', () => {
  it('every action has a positive gain and effort, is sorted, and levelAfter is never below the level', () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            persons: fc.integer({ min: 0, max: 6 }),
            inTpmap: fc.boolean(),
            verified: fc.boolean(),
            plan: fc.boolean(),
            income: fc.boolean(),
            health: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        fc.constantFrom('2021-11-15', '2021-12-30', '2022-02-10', '2022-08-01'),
        (rows, asOf) => {
          const households = rows.map((r, i) =>
            hh({
              id: String(i),
              inTpmap: r.inTpmap,
              targetPersons: r.persons,
              verifiedOn: r.verified ? '2021-11-01' : undefined,
              planOn: r.plan ? '2021-11-05' : undefined,
              failing: { income: r.income, health: r.health },
              village: `v${i % 3}`,
            }),
          )
          const score = scoreMission1({ households }, asOf)
          const advice = adviseMission1({ households }, asOf)
          let seenNonRaising = false
          for (const a of advice) {
            expect(a.pointsGain).toBeGreaterThan(0)
            expect(a.effort).toBeGreaterThan(0)
            expect(a.levelAfter).toBeGreaterThanOrEqual(score.level)
            if (a.levelAfter === score.level) seenNonRaising = true
            else expect(seenNonRaising).toBe(false)
            expect(renderAdvice(a, 'th')).not.toMatch(/\{\w+\}/)
          }
        },
      ),
      { numRuns: 100 },
    ))
})
