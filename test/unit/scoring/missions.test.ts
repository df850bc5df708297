import { describe, it, expect } from 'vitest'
import {
  roundHalfUp,
  scoreAll,
  scoreMission1,
  scoreMission2,
  scoreMission3,
  scoreMission4,
  scoreMission5,
  scoreMission6,
  scoreMission7,
  scoreMission8,
  toScoreOutput,
  type M8Facts,
  type Post,
} from '../../../src/scoring/index'
import { addDays } from '../../../src/schema/dates'
import { itemOf, hh } from './helpers'

// Items beyond the worked examples; every expectation is worked out by hand from SCORING.md.

/** `n` posts a day on each of `days` consecutive days from `from`, cycling channels. */
function dailyPosts(from: string, days: number, perDay: number, channels: string[]): Post[] {
  const out: Post[] = []
  for (let d = 0; d < days; d++) for (let k = 0; k < perDay; k++) out.push({ on: addDays(from, d), channel: channels[(d + k) % channels.length]! })
  return out
}

describe('mission 1, item 2.1 (mentor visits)', () => {
  it('pending with 0 when no household has a complete month after its plan month', () => {
    const s = scoreMission1({ households: [hh({ id: 'A', planOn: '2022-01-10' })] }, '2022-02-27')
    expect(itemOf(s, '2.1')).toMatchObject({ points: 0, pending: true })
  })
  it('10 when each complete month after the plan month has ≥ 2 visits; 0 when one month has 1', () => {
    const ok = hh({ id: 'A', planOn: '2022-01-10', mentorVisits: ['2022-02-01', '2022-02-20', '2022-03-05', '2022-03-06'] })
    expect(itemOf(scoreMission1({ households: [ok] }, '2022-03-31'), '2.1').points).toBe(10)
    const weak = hh({ id: 'B', planOn: '2022-01-10', mentorVisits: ['2022-02-01', '2022-02-20', '2022-03-05'] })
    expect(itemOf(scoreMission1({ households: [ok, weak] }, '2022-03-31'), '2.1').points).toBe(0)
    // March is not complete on 30 March, so B is judged on February only.
    expect(itemOf(scoreMission1({ households: [ok, weak] }, '2022-03-30'), '2.1').points).toBe(10)
  })
  it('visits in the plan month itself do not count', () => {
    const h = hh({ id: 'A', planOn: '2022-01-10', mentorVisits: ['2022-01-20', '2022-01-21', '2022-02-01'] })
    expect(itemOf(scoreMission1({ households: [h] }, '2022-02-28'), '2.1').points).toBe(0)
  })
})

describe('mission 1, items 2.2.1 and 2.2.2 (assistance)', () => {
  const households = [
    hh({ id: 'A', verifiedOn: '2021-12-01', failing: { income: true }, assisted: { income: '2022-03-01' } }),
    hh({ id: 'B', verifiedOn: '2021-12-01', failing: { income: true, health: true }, assisted: { health: '2022-02-01' } }),
    hh({ id: 'C', verifiedOn: '2021-12-01', failing: { health: true, education: true }, assisted: { health: '2022-02-01' } }),
    hh({ id: 'D', verifiedOn: '2021-12-01', failing: { living: true, access: true }, assisted: { living: '2022-02-01', access: '2022-05-01' } }),
    // Not verified: not judged at all.
    hh({ id: 'E', failing: { income: true, health: true } }),
  ]
  it('2.2.1 = 15 × 1/2; 2.2.2 = 10 × 2/3 with every failing dimension assisted', () => {
    const s = scoreMission1({ households }, '2022-09-30')
    expect(itemOf(s, '2.2.1').points).toBeCloseTo(7.5, 12)
    expect(itemOf(s, '2.2.2').points).toBeCloseTo(20 / 3, 12)
  })
  it('assistance after asOf does not count yet', () => {
    const s = scoreMission1({ households }, '2022-04-30')
    // D's access assistance is 1 May: only B counts of B, C, D.
    expect(itemOf(s, '2.2.2').points).toBeCloseTo(10 / 3, 12)
  })
  it('nobody failing → max and na', () => {
    const s = scoreMission1({ households: [hh({ id: 'A', verifiedOn: '2021-12-01' })] }, '2022-09-30')
    expect(itemOf(s, '2.2.1')).toMatchObject({ points: 15, na: true })
    expect(itemOf(s, '2.2.2')).toMatchObject({ points: 10, na: true })
  })
})

describe('mission 1, item 3.1 (PR posts) and 3.2 (monitoring reports)', () => {
  it('pending before the first complete ISO week (1 Oct 2021 is a Friday; the first full week ends Sun 10 Oct)', () => {
    const posts = dailyPosts('2021-10-01', 9, 1, ['Facebook', 'Line', 'Website'])
    expect(itemOf(scoreMission1({ households: [], prPosts: posts }, '2021-10-09'), '3.1')).toMatchObject({ points: 0, pending: true })
    expect(itemOf(scoreMission1({ households: [], prPosts: posts }, '2021-10-10'), '3.1').points).toBe(10)
  })
  it('needs 3 channels (case and spaces ignored) and 2 posts in every complete week', () => {
    const two = dailyPosts('2021-10-04', 14, 1, ['Facebook', ' facebook', 'Line'])
    expect(itemOf(scoreMission1({ households: [], prPosts: two }, '2021-10-17'), '3.1').points).toBe(0)
    const three = dailyPosts('2021-10-04', 14, 1, ['Facebook', 'Line', 'หนังสือพิมพ์ท้องถิ่น'])
    expect(itemOf(scoreMission1({ households: [], prPosts: three }, '2021-10-17'), '3.1').points).toBe(10)
    // Week of 11–17 Oct with a single post fails.
    const thin = three.filter((p) => p.on < '2021-10-11' || p.on === '2021-10-12')
    expect(itemOf(scoreMission1({ households: [], prPosts: thin }, '2021-10-17'), '3.1').points).toBe(0)
  })
  it('3.2: a report every complete month → 10; a month without → 0; none complete → pending', () => {
    const reports = [{ on: '2021-10-31' }, { on: '2021-11-15' }, { on: '2021-12-01' }]
    expect(itemOf(scoreMission1({ households: [], monitoringReports: reports }, '2021-12-31'), '3.2').points).toBe(10)
    expect(itemOf(scoreMission1({ households: [], monitoringReports: reports }, '2022-01-31'), '3.2').points).toBe(0)
    expect(itemOf(scoreMission1({ households: [] }, '2021-10-30'), '3.2')).toMatchObject({ points: 0, pending: true })
  })
})

describe('mission 1, extra item 4 bands', () => {
  const withExclusion = (persons: number) =>
    itemOf(
      scoreMission1(
        { households: [hh({ id: 'T', targetPersons: 100 }), hh({ id: 'X', inTpmap: false, targetPersons: persons, verifiedOn: '2021-12-31' })] },
        '2022-01-31',
      ),
      '4',
    ).points
  it('0.9 % → 0, 1 % → 3, 3 % → 5, 5 % → 10', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(withExclusion)).toEqual([0, 3, 3, 5, 5, 10, 10])
  })
  it('zero TPMAP persons → 0 (no na)', () => {
    const s = scoreMission1({ households: [hh({ id: 'X', inTpmap: false, verifiedOn: '2021-12-01' })] }, '2022-01-31')
    expect(itemOf(s, '4').points).toBe(0)
    expect(itemOf(s, '1.1')).toMatchObject({ points: 30, na: true })
  })
})

describe('mission 2, item 3 lowest band and item 4 timing', () => {
  it('weakest month 5 posts with posts in the window → 5 (m2.pr.lowestBand); 0 posts → 0', () => {
    const posts = [...dailyPosts('2021-10-01', 10, 1, ['a']), ...dailyPosts('2021-11-01', 5, 1, ['a'])]
    expect(itemOf(scoreMission2({ prPosts: posts }, '2021-11-30'), '3').points).toBe(5)
    expect(itemOf(scoreMission2({ prPosts: [] }, '2021-11-30'), '3').points).toBe(0)
    expect(itemOf(scoreMission2({ prPosts: posts }, '2021-10-30'), '3')).toMatchObject({ points: 0, pending: true })
  })
  it('an assessment dated after asOf does not count; no plots → 20 and na', () => {
    const plots = [{ id: 'H', kind: 'HLM' as const, assessment: { on: '2022-05-01', reducesExpenses: true, selfReliant: true } }]
    expect(itemOf(scoreMission2({ plots }, '2022-04-30'), '4').points).toBe(0)
    expect(itemOf(scoreMission2({ plots }, '2022-05-01'), '4').points).toBe(20)
    expect(itemOf(scoreMission2({}, '2022-05-01'), '4')).toMatchObject({ points: 20, na: true })
  })
})

describe('mission 3 rows', () => {
  const lvl = (events: number, ops: number[]) =>
    scoreMission3({ freeEvents: events, registeredWithoutOnline: 100, channels: ops.map((n, i) => ({ name: `c${i}`, newOperators: n })) }, '2022-09-30').level
  it('each row and the fallbacks', () => {
    expect(lvl(16, [5, 5, 5])).toBe(5)
    expect(lvl(15, [5, 5, 5])).toBe(4)
    expect(lvl(16, [5, 5, 4])).toBe(4)
    expect(lvl(8, [3])).toBe(3)
    expect(lvl(4, [2])).toBe(2)
    expect(lvl(0, [1])).toBe(1)
    expect(lvl(30, [0])).toBe(0)
    expect(lvl(30, [])).toBe(0)
  })
  it('channels with the same name are one channel', () => {
    const s = scoreMission3(
      { freeEvents: 16, registeredWithoutOnline: 100, channels: [{ name: 'Shopee', newOperators: 3 }, { name: 'shopee ', newOperators: 2 }, { name: 'Lazada', newOperators: 5 }] },
      '2022-09-30',
    )
    expect(s.level).toBe(4)
  })
})

describe('mission 4', () => {
  it('plan by 31 Jan 2022 → 50; 20 % of activities → 40; level 5 at 90', () => {
    const s = scoreMission4({ planOn: '2022-01-31', activitiesPlanned: 10, activitiesDone: 2 }, '2022-06-30')
    expect(s.items.map((i) => i.points)).toEqual([50, 40])
    expect(s.level).toBe(5)
  })
  it('late plan → 0; pending before the date; no planned activity → 0', () => {
    expect(scoreMission4({ planOn: '2022-02-01', activitiesPlanned: 0, activitiesDone: 0 }, '2022-06-30').total).toBe(0)
    expect(scoreMission4({ activitiesPlanned: 10, activitiesDone: 0 }, '2022-01-30').items[0]).toMatchObject({ points: 0, pending: true })
    expect(scoreMission4({ activitiesPlanned: 10, activitiesDone: 0 }, '2022-01-31').items[0]?.pending).toBeUndefined()
    expect(scoreMission4({ planOn: '2022-01-05', activitiesPlanned: 10, activitiesDone: 0 }, '2022-01-04').items[0]?.points).toBe(0)
  })
  it('bands 10 → 20, 30 → 60; level 1 at total 20', () => {
    expect(scoreMission4({ activitiesPlanned: 10, activitiesDone: 1 }, '2022-06-30')).toMatchObject({ total: 20, level: 1 })
    expect(scoreMission4({ activitiesPlanned: 10, activitiesDone: 3 }, '2022-06-30')).toMatchObject({ total: 60, level: 3 })
  })
})

describe('missions 5, 6, 7', () => {
  it('mission 5: 30 % → 5, 14.99 % → 1, 9 % → 0, no defaults → 5', () => {
    expect(scoreMission5({ defaultedAmount: 1000, recoveredAmount: 300 }, '2022-09-30').level).toBe(5)
    expect(scoreMission5({ defaultedAmount: 10000, recoveredAmount: 1499 }, '2022-09-30').level).toBe(1)
    expect(scoreMission5({ defaultedAmount: 1000, recoveredAmount: 90 }, '2022-09-30').level).toBe(0)
    expect(scoreMission5({ defaultedAmount: 0, recoveredAmount: 0 }, '2022-09-30').level).toBe(5)
  })
  it('mission 6: debt that grew → 0; no baseline debt → 5', () => {
    expect(scoreMission6({ overdueAtBaseline: 100, overdueNow: 120 }, '2022-09-30').level).toBe(0)
    expect(scoreMission6({ overdueAtBaseline: 0, overdueNow: 0 }, '2022-09-30').level).toBe(5)
    // The seed's national baseline: a 30 % cut leaves 356,777,364.881 baht.
    expect(scoreMission6({ overdueAtBaseline: 509_681_949.83, overdueNow: 356_777_364.88 }, '2022-09-30').level).toBe(5)
    expect(scoreMission6({ overdueAtBaseline: 509_681_949.83, overdueNow: 356_777_365 }, '2022-09-30').level).toBe(4)
  })
  it('mission 7: growth 10 % → 5, 3.9 % → 1, a fall → 1', () => {
    expect(scoreMission7({ baselineRevenue: 13_617_293_759, revenue: 14_979_023_135 }, '2022-09-30').level).toBe(5)
    expect(scoreMission7({ baselineRevenue: 1000, revenue: 1039 }, '2022-09-30').level).toBe(1)
    expect(scoreMission7({ baselineRevenue: 1000, revenue: 500 }, '2022-09-30').level).toBe(1)
    expect(scoreMission7({ baselineRevenue: 1000, revenue: 1060 }, '2022-09-30').level).toBe(3)
  })
})

describe('mission 8 windows', () => {
  const base: M8Facts = { mechanismAppointed: true, literacyMeetingHeld: true, dataUpdatedMonths: [], prPosts: [], activities: [], downloads: 0 }
  it('1.3: every complete month from Oct 2021 listed → 10', () => {
    const months = ['2021-10', '2021-11', '2021-12']
    expect(itemOf(scoreMission8({ ...base, dataUpdatedMonths: months }, '2022-01-30', 'หนองคาย'), '1.3').points).toBe(10)
    expect(itemOf(scoreMission8({ ...base, dataUpdatedMonths: months }, '2022-01-31', 'หนองคาย'), '1.3').points).toBe(0)
    expect(itemOf(scoreMission8(base, '2021-10-15', 'หนองคาย'), '1.3')).toMatchObject({ points: 0, pending: true })
  })
  it('2: a post every complete month Jan–Sep 2022 on ≥ 2 channels → 20', () => {
    const posts: Post[] = [{ on: '2022-01-03', channel: 'Facebook' }, { on: '2022-02-03', channel: 'Line' }]
    expect(itemOf(scoreMission8({ ...base, prPosts: posts }, '2022-02-28', 'หนองคาย'), '2').points).toBe(20)
    expect(itemOf(scoreMission8({ ...base, prPosts: posts }, '2022-03-31', 'หนองคาย'), '2').points).toBe(0)
    expect(itemOf(scoreMission8({ ...base, prPosts: posts.slice(0, 1) }, '2022-01-31', 'หนองคาย'), '2').points).toBe(0)
    // Posts before January do not count towards the channels.
    const dec = [{ on: '2021-12-20', channel: 'Line' }, posts[0]!]
    expect(itemOf(scoreMission8({ ...base, prPosts: dec }, '2022-01-31', 'หนองคาย'), '2').points).toBe(0)
    expect(itemOf(scoreMission8(base, '2021-12-31', 'หนองคาย'), '2')).toMatchObject({ points: 0, pending: true })
  })
  it('3: an activity in each complete quarter Q2–Q4', () => {
    const acts = [{ on: '2022-03-15' }, { on: '2022-06-15' }]
    expect(itemOf(scoreMission8({ ...base, activities: acts }, '2022-03-30', 'หนองคาย'), '3')).toMatchObject({ points: 0, pending: true })
    expect(itemOf(scoreMission8({ ...base, activities: acts }, '2022-06-30', 'หนองคาย'), '3').points).toBe(30)
    expect(itemOf(scoreMission8({ ...base, activities: acts }, '2022-09-30', 'หนองคาย'), '3').points).toBe(0)
    expect(itemOf(scoreMission8({ ...base, activities: [...acts, { on: '2022-08-15' }] }, '2022-12-31', 'หนองคาย'), '3').points).toBe(30)
  })
  it('4: small 2,000, large 6,000, capped at 30; unknown province throws', () => {
    expect(itemOf(scoreMission8({ ...base, downloads: 1000 }, '2022-09-30', 'กระบี่'), '4').points).toBe(15)
    expect(itemOf(scoreMission8({ ...base, downloads: 1500 }, '2022-09-30', 'อุดรธานี'), '4').points).toBe(7.5)
    expect(itemOf(scoreMission8({ ...base, downloads: 9000 }, '2022-09-30', 'อุตรดิตถ์'), '4').points).toBe(30)
    expect(() => scoreMission8(base, '2022-09-30', 'กรุงเทพมหานคร')).toThrow(/province/)
    expect(() => scoreMission8(base, '2022-09-30', 'อุตรธานี')).toThrow(/province/)
  })
})

describe('rounding and the interchange output', () => {
  it('rounds half-up on the decimal value', () => {
    expect(roundHalfUp(1.005)).toBe(1.01)
    expect(roundHalfUp(2.675)).toBe(2.68)
    expect(roundHalfUp(1.004999)).toBe(1)
    expect(roundHalfUp(20 / 3)).toBe(6.67)
    expect(roundHalfUp(0.125)).toBe(0.13)
    expect(roundHalfUp(1e-7)).toBe(0)
    expect(roundHalfUp(110)).toBe(110)
  })
  it('keeps points unrounded inside, rounds only the output, and keeps M1…M8 order', () => {
    const households = [hh({ id: 'A', targetPersons: 3, verifiedOn: '2021-12-01' }), hh({ id: 'B', targetPersons: 0 })]
    const m1 = scoreMission1({ households: [...households, hh({ id: 'C', targetPersons: 3 }), hh({ id: 'D', targetPersons: 3 })] }, '2022-01-31')
    expect(itemOf(m1, '1.1').points).toBeCloseTo(10, 12)
    const odd = scoreMission1({ households: [hh({ id: 'A', verifiedOn: '2021-12-01' }), hh({ id: 'B' }), hh({ id: 'C' })] }, '2022-01-31')
    const out = toScoreOutput([scoreMission5({ defaultedAmount: 0, recoveredAmount: 0 }, '2022-01-31'), odd], '2022-01-31')
    expect(out.missions.map((m) => m.mission)).toEqual(['M1', 'M5'])
    const m1out = out.missions[0]!
    expect(m1out.items[0]).toEqual({ id: '1.1', points: 10, max: 30, value: 100 / 3 })
    expect(Object.keys(m1out.items[0]!)).not.toContain('label')
    expect(out.missions[1]!.items[0]).toEqual({ id: 'level', points: 5, max: 5, na: true })
  })
  it('scoreAll leaves absent missions out and echoes the area', () => {
    const out = scoreAll({ asOf: '2022-09-30', area: 'อ.เมือง', m7: { baselineRevenue: 100, revenue: 105 } })
    expect(out).toEqual({
      area: 'อ.เมือง',
      asOf: '2022-09-30',
      missions: [{ mission: 'M7', total: 2, max: 5, level: 2, items: [{ id: 'level', points: 2, max: 5, value: 5 }] }],
    })
  })
})
