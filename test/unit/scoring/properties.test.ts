import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  FY2565,
  band,
  levelFor,
  levelTable,
  MISSION_IDS,
  scoreMission1,
  scoreMission2,
  scoreMission3,
  scoreMission4,
  scoreMission5,
  scoreMission6,
  scoreMission7,
  scoreMission8,
  type Bands,
  type Household,
  type M1Facts,
  type M2Facts,
  type M8Facts,
  type MissionScore,
} from '../../../src/scoring/index'
import { fromDayNumber, toDayNumber } from '../../../src/schema/dates'

// Invariants of the engine, over generated facts. numRuns stays modest: the whole suite must stay fast.
const RUNS = { numRuns: 150 }

const FROM = toDayNumber('2021-09-01')
const TO = toDayNumber('2023-01-31')
const date = fc.integer({ min: FROM, max: TO }).map(fromDayNumber)
const optDate = fc.option(date, { nil: undefined })
const dims = ['income', 'health', 'living', 'education', 'access'] as const

const household: fc.Arbitrary<Household> = fc
  .record({
    id: fc.string({ maxLength: 4 }),
    inTpmap: fc.boolean(),
    targetPersons: fc.integer({ min: 0, max: 8 }),
    verifiedOn: optDate,
    planOn: optDate,
    mentorVisits: fc.array(date, { maxLength: 12 }),
    failing: fc.record({ income: fc.boolean(), health: fc.boolean(), living: fc.boolean(), education: fc.boolean(), access: fc.boolean() }),
    assisted: fc.record({ income: optDate, health: optDate, living: optDate, education: optDate, access: optDate }),
    survivingOn: optDate,
  })
  .map((h) => h as Household)

const post = fc.record({ on: date, channel: fc.constantFrom('Facebook', 'Line', 'Website', 'หนังสือพิมพ์', 'TikTok') })
const m1Facts: fc.Arbitrary<M1Facts> = fc.record({
  households: fc.array(household, { maxLength: 25 }),
  prPosts: fc.array(post, { maxLength: 120 }),
  monitoringReports: fc.array(fc.record({ on: date }), { maxLength: 15 }),
})

const hlm = fc.record({ id: fc.string({ maxLength: 3 }), kind: fc.constant('HLM' as const), assessment: fc.option(fc.record({ on: date, reducesExpenses: fc.boolean(), selfReliant: fc.boolean() }), { nil: undefined }) })
const clm = fc.record({
  id: fc.string({ maxLength: 3 }),
  kind: fc.constant('CLM' as const),
  assessment: fc.option(
    fc.record({ on: date, khok: fc.boolean(), nong: fc.boolean(), na: fc.boolean(), learningStations: fc.integer({ min: 0, max: 15 }), trainersAndMedia: fc.boolean(), committee: fc.boolean(), visitors: fc.integer({ min: 0, max: 50 }) }),
    { nil: undefined },
  ),
})
const m2Facts: fc.Arbitrary<M2Facts> = fc.record({
  disbursement: fc.option(fc.record({ extensionRequested: fc.boolean(), completedOn: optDate }), { nil: undefined }),
  complaints: fc.array(fc.record({ receivedOn: date, resolvedOn: optDate }), { maxLength: 6 }),
  prPosts: fc.array(post, { maxLength: 150 }),
  plots: fc.array(fc.oneof(hlm, clm), { maxLength: 20 }),
}) as fc.Arbitrary<M2Facts>

const m8Facts: fc.Arbitrary<M8Facts> = fc.record({
  mechanismAppointed: fc.boolean(),
  literacyMeetingHeld: fc.boolean(),
  dataUpdatedMonths: fc.subarray(['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06', '2022-07', '2022-08', '2022-09']),
  prPosts: fc.array(post, { maxLength: 30 }),
  activities: fc.array(fc.record({ on: date }), { maxLength: 6 }),
  downloads: fc.integer({ min: 0, max: 9000 }),
})
const province = fc.constantFrom('หนองคาย', 'กระบี่', 'อุดรธานี', 'อุตรดิตถ์', 'เชียงใหม่')

function checkBounds(s: MissionScore) {
  for (const i of s.items) {
    expect(i.points).toBeGreaterThanOrEqual(0)
    expect(i.points).toBeLessThanOrEqual(i.max)
  }
  const sum = s.items.reduce((a, i) => a + i.max, 0)
  expect(s.total).toBeGreaterThanOrEqual(0)
  expect(s.total).toBeLessThanOrEqual(s.max)
  expect(s.level).toBe(levelFor(s.mission, s.total))
  if (levelTable(s.mission)) expect(sum).toBe(s.max)
}

describe('points stay within [0, max]', () => {
  it('mission 1', () => fc.assert(fc.property(m1Facts, date, (f, asOf) => checkBounds(scoreMission1(f, asOf))), RUNS))
  it('mission 2', () => fc.assert(fc.property(m2Facts, date, (f, asOf) => checkBounds(scoreMission2(f, asOf))), RUNS))
  it('mission 8', () => fc.assert(fc.property(m8Facts, date, province, (f, asOf, p) => checkBounds(scoreMission8(f, asOf, p))), RUNS))
  it('missions 3–7', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (events, reg, ops, planned, done, a, b) => {
          checkBounds(scoreMission3({ freeEvents: events, registeredWithoutOnline: reg, channels: ops.map((n, i) => ({ name: `c${i}`, newOperators: n })) }, '2022-09-30'))
          checkBounds(scoreMission4({ planOn: '2022-01-10', activitiesPlanned: planned, activitiesDone: done }, '2022-09-30'))
          checkBounds(scoreMission5({ defaultedAmount: a, recoveredAmount: b }, '2022-09-30'))
          checkBounds(scoreMission6({ overdueAtBaseline: a, overdueNow: b }, '2022-09-30'))
          if (a > 0) checkBounds(scoreMission7({ baselineRevenue: a, revenue: b }, '2022-09-30'))
        },
      ),
      RUNS,
    ))
})

describe('the level never falls when the total rises', () => {
  it('for every mission', () =>
    fc.assert(
      fc.property(fc.constantFrom(...MISSION_IDS), fc.double({ min: 0, max: 110, noNaN: true }), fc.double({ min: 0, max: 110, noNaN: true }), (m, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        expect(levelFor(m, lo)).toBeLessThanOrEqual(levelFor(m, hi))
      }),
      { numRuns: 500 },
    ))
})

describe('verifying one more target household never lowers item 1.1', () => {
  it('for any household and verification date', () =>
    fc.assert(
      fc.property(m1Facts, fc.nat(), date, date, (f, pick, on, asOf) => {
        fc.pre(f.households.length > 0)
        const idx = pick % f.households.length
        const before = scoreMission1(f, asOf).items[0]!.points
        const households = f.households.map((h, i) => (i === idx && h.verifiedOn === undefined ? { ...h, verifiedOn: on } : h))
        const after = scoreMission1({ ...f, households }, asOf).items[0]!.points
        expect(after).toBeGreaterThanOrEqual(before - 1e-12)
      }),
      RUNS,
    ))
})

// Each dated item's last scoring date (SCORING.md): after it, only records on or before it count.
const DEADLINES: Record<string, Record<string, string>> = {
  M1: { '1.1': '2021-12-31', '4': '2021-12-31', '2.1': '2022-09-30', '2.2.1': '2022-09-30', '2.2.2': '2022-09-30', '2.3': '2022-09-30', '3.1': '2022-09-30', '3.2': '2022-09-30' },
  M2: { '1': '2022-03-31', '2': '2022-09-30', '3': '2022-09-30', '4': '2022-09-30' },
  M8: { '1.3': '2022-09-30', '2': '2022-09-30', '3': '2022-09-30' },
}
function samePassedItems(a: MissionScore, b: MissionScore, asOf: string) {
  const deadlines = DEADLINES[a.mission] ?? {}
  for (const [id, deadline] of Object.entries(deadlines)) {
    if (deadline > asOf) continue
    const x = a.items.find((i) => i.id === id)!
    const y = b.items.find((i) => i.id === id)!
    expect({ id, points: y.points, pending: y.pending }).toEqual({ id, points: x.points, pending: x.pending })
  }
}
const laterPair = fc.tuple(date, fc.integer({ min: 0, max: 800 })).map(([a, d]) => [a, fromDayNumber(toDayNumber(a) + d)] as const)

describe('moving asOf later does not change an item whose deadline had already passed', () => {
  it('mission 1', () => fc.assert(fc.property(m1Facts, laterPair, (f, [a, b]) => samePassedItems(scoreMission1(f, a), scoreMission1(f, b), a)), RUNS))
  it('mission 2', () => fc.assert(fc.property(m2Facts, laterPair, (f, [a, b]) => samePassedItems(scoreMission2(f, a), scoreMission2(f, b), a)), RUNS))
  it('mission 8', () => fc.assert(fc.property(m8Facts, laterPair, (f, [a, b]) => samePassedItems(scoreMission8(f, a, 'หนองคาย'), scoreMission8(f, b, 'หนองคาย'), a)), RUNS))
  it('mission 4 item 1', () =>
    fc.assert(
      fc.property(optDate, laterPair, (planOn, [a, b]) => {
        fc.pre(a >= FY2565.m4.planBy)
        const f = { planOn, activitiesPlanned: 10, activitiesDone: 3 }
        expect(scoreMission4(f, b).items[0]).toEqual(scoreMission4(f, a).items[0])
      }),
      RUNS,
    ))
})

describe('a value within 1e-9 of a band bound reaches it', () => {
  const tables: [string, Bands][] = [
    ['m1.surviving', FY2565.m1.survivingBands],
    ['m1.exclusion', FY2565.m1.exclusionBands],
    ['m2.pr', FY2565.m2.pr.monthlyBands],
    ['m2.success', FY2565.m2.success.bands],
    ['m4.activities', FY2565.m4.activityBands],
    ['m5', FY2565.m5.bands],
    ['m6', FY2565.m6.bands],
    ['m7', FY2565.m7.bands],
  ]
  it('for every bound of every band table and level table', () =>
    fc.assert(
      fc.property(fc.constantFrom(...tables), fc.nat(), fc.double({ min: 0, max: 1e-9, noNaN: true }), ([, bands], k, delta) => {
        const b = bands[k % bands.length]!
        expect(band(b.min - delta, bands)).toBe(b.points)
        // …and clearly below the bound does not.
        expect(band(b.min - 1e-6, bands)).not.toBe(b.points)
      }),
      RUNS,
    ))
  it('levels: 23 − 1e-10 is level 2 in mission 1; 81 − 5e-10 is level 5 in mission 2', () => {
    expect(levelFor('M1', 23 - 1e-10)).toBe(2)
    expect(levelFor('M1', 23 - 1e-6)).toBe(1)
    expect(levelFor('M2', 81 - 5e-10)).toBe(5)
  })
  it('real float error: 30 % computed as 29.999999999999996 is 30 % (mission 6)', () => {
    // 100 × (0.7 − 0.49) ÷ 0.7 = 29.999999999999996 in binary floating point.
    const m6 = scoreMission6({ overdueAtBaseline: 0.7, overdueNow: 0.49 }, '2022-09-30')
    expect(m6.items[0]!.value).toBeLessThan(30)
    expect(m6.level).toBe(5)
  })
})

describe('areas are unions of villages', () => {
  // Items 3.1 and 3.2 count calendar weeks and months of PR posts and reports: periods, not villages.
  const PERIOD_COUNTS = new Set(['3.1.weeks', '3.1.weeksBelow', '3.2.months', '3.2.monthsWithout'])
  it('two villages scored together give the same whole score in either order, and every count of households or persons is the sum of the two villages\' counts', () =>
    fc.assert(
      fc.property(m1Facts, m1Facts, date, (a, b, asOf) => {
        const union = (x: M1Facts, y: M1Facts): M1Facts => ({ households: [...x.households, ...y.households], prPosts: [...(x.prPosts ?? []), ...(y.prPosts ?? [])], monitoringReports: [...(x.monitoringReports ?? []), ...(y.monitoringReports ?? [])] })
        const both = scoreMission1(union(a, b), asOf)
        // The whole score (every item's points, values and details, the total and the level), not one item.
        expect(scoreMission1(union(b, a), asOf)).toEqual(both)
        const sa = scoreMission1({ households: a.households }, asOf)
        const sb = scoreMission1({ households: b.households }, asOf)
        const households = scoreMission1({ households: [...a.households, ...b.households] }, asOf)
        expect(households.items.map((i) => i.id)).toEqual(both.items.map((i) => i.id))
        let checked = 0
        households.items.forEach((item, i) => {
          for (const [key, value] of Object.entries(item.detail ?? {})) {
            if (typeof value !== 'number' || PERIOD_COUNTS.has(`${item.id}.${key}`)) continue
            const part = (s: MissionScore) => (s.items[i]!.detail as Record<string, number>)[key]!
            expect(value, `${item.id}.${key}`).toBe(part(sa) + part(sb))
            checked++
          }
        })
        // Items 1.1 through 4: fifteen counts, not only item 1.1's two.
        expect(checked).toBe(15)
      }),
      { numRuns: 60 },
    ))
})

describe('dims', () => {
  it('all five TPMAP dimensions are known to the rubric', () => {
    expect([...FY2565.m1.otherDimensions, 'income'].sort()).toEqual([...dims].sort())
  })
})
