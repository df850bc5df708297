import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreAll, scoreMission2, provinceSize } from '../../../src/scoring'
import { buildScoreInput, householdFacts, plotFacts, PROVINCE_NAMES, rowsWithin, unionFacts, type AreaRows } from '../../../src/store/score-input'
import { sumProgress, villageProgress } from '../../../src/store/village-progress'
import type { FactsRow } from '../../../src/store/local-db'
import { asOfArb, complaintRowArb, household, householdRowArb, plot, plotRowArb, postRowArb, reportRowArb, uniqueById, VILLAGES } from './rows'

const rowsArb: fc.Arbitrary<AreaRows> = fc
  .record({
    households: fc.array(householdRowArb, { maxLength: 40 }),
    plots: fc.array(plotRowArb, { maxLength: 10 }),
    complaints: fc.array(complaintRowArb, { maxLength: 5 }),
    posts: fc.array(postRowArb, { maxLength: 40 }),
    reports: fc.array(reportRowArb, { maxLength: 10 }),
  })
  .map((r) => ({ households: uniqueById(r.households), plots: uniqueById(r.plots), complaints: uniqueById(r.complaints), posts: uniqueById(r.posts), reports: uniqueById(r.reports), facts: [] }))

describe('roll-ups', () => {
  it('an area scores exactly as the union of its villages\' facts plus the area\'s own (posts, reports, complaints)', () =>
    fc.assert(
      fc.property(rowsArb, asOfArb, fc.constantFrom('4301', '430101', '430102', '430103'), (rows, asOf, area) => {
        const direct = scoreAll(buildScoreInput(rowsWithin(rows, area), { asOf, area }))
        const villages = VILLAGES.filter((v) => v.startsWith(area))
        const parts = villages.map((v) => buildScoreInput(rowsWithin(rows, v), { asOf, area: v }))
        // What belongs to the area itself and to no village (CLM sites without a village among them).
        const inArea = rowsWithin(rows, area)
        const own = buildScoreInput({ ...inArea, households: [], plots: inArea.plots.filter((p) => !p.villageCode) }, { asOf, area })
        const union = scoreAll(unionFacts([...parts, own], asOf, area))
        expect(union).toEqual(direct)
        // Village parts hold every household and plot of the area, once.
        expect(parts.reduce((n, p) => n + p.m1!.households.length, 0)).toBe(inArea.households.length)
      }),
      { numRuns: 150 },
    ))

  it('the sum of the villages\' progress counts equals the area\'s score details (1.1 persons, 1.2 plans)', () =>
    fc.assert(
      fc.property(rowsArb, asOfArb, (rows, asOf) => {
        const progress = villageProgress({ villages: [], households: rows.households, plots: rows.plots, complaints: rows.complaints }, asOf)
        const total = sumProgress(progress, '4301')
        const m1 = scoreAll(buildScoreInput(rows, { asOf, area: '4301' })).missions[0]!
        const score = buildScoreInput(rows, { asOf, area: '4301' })
        expect(m1.mission).toBe('M1')
        const inTpmap = score.m1!.households.filter((h) => h.inTpmap)
        expect(total.persons.of).toBe(inTpmap.reduce((s, h) => s + h.targetPersons, 0))
        expect(total.households + total.exclusion).toBe(rows.households.length)
        // Plots with a village: the villages' successful plots are the area's.
        const withVillage = { ...score.m2!, plots: score.m2!.plots!.filter((p) => rows.plots.find((r) => r.id === p.id)!.villageCode) }
        const m2 = scoreMission2(withVillage, asOf)
        const successfulPct = m2.items.find((i) => i.id === '4')!.value ?? 0
        const of = total.hlm.of + total.clm.of
        if (of > 0) expect(successfulPct).toBeCloseTo((100 * (total.hlm.successful + total.clm.successful)) / of, 9)
      }),
      { numRuns: 150 },
    ))
})

describe('rows → facts', () => {
  it('maps a household row, dropping empty visits and assistance', () => {
    const row = household('43010101', '12', { targetPersons: 3, verifiedOn: '2021-12-20', planOn: '2021-12-25', visits: ['2022-01-03', '2022-01-20'], assisted: { income: '2022-02-01' }, failing: { income: true, health: false, living: false, education: false, access: false } })
    expect(householdFacts(row, 'หมู่ 1 บ้านโนน')).toEqual({
      id: 'household:43010101:12',
      inTpmap: true,
      targetPersons: 3,
      verifiedOn: '2021-12-20',
      planOn: '2021-12-25',
      mentorVisits: ['2022-01-03', '2022-01-20'],
      failing: { income: true, health: false, living: false, education: false, access: false },
      assisted: { income: '2022-02-01' },
      village: 'หมู่ 1 บ้านโนน',
    })
    expect(householdFacts(household('43010101', '13'))).toEqual({ id: 'household:43010101:13', inTpmap: true, targetPersons: 1 })
  })

  it('judges a plot by its latest assessment dated ≤ min(asOf, 2022-09-30), as a synthetic assessment with the same verdict', () => {
    const p = plot('CLM', '430101', '7', undefined, [
      { on: '2022-03-01', success: false },
      { on: '2022-06-01', success: true },
      { on: '2022-10-05', success: false },
    ])
    const at = (asOf: string) => scoreMission2({ plots: [plotFacts(p, asOf)] }, asOf).items.find((i) => i.id === '4')!.value
    expect(plotFacts(p, '2022-02-01').assessment).toBeUndefined()
    expect(at('2022-04-01')).toBe(0)
    expect(at('2022-07-01')).toBe(100)
    // The October assessment is after the deadline: the June one still counts.
    expect(at('2022-12-01')).toBe(100)
    const h = plot('HLM', '430101', '8', '43010101', [{ on: '2022-01-01', success: true }])
    expect(plotFacts(h, '2022-01-01')).toEqual({ id: 'plot:430101:8', kind: 'HLM', assessment: { on: '2022-01-01', reducesExpenses: true, selfReliant: true } })
  })

  it('takes posts and reports by mission, and the province facts only at province level', () => {
    const facts: FactsRow[] = [
      { id: 'facts:43:m2', province: '43', mission: 'm2', doc: { extensionRequested: true, completedOn: '2022-02-15' } },
      { id: 'facts:43:m6', province: '43', mission: 'm6', doc: { overdueAtBaseline: 1_000_000, overdueNow: 740_000 } },
      { id: 'facts:43:m8', province: '43', mission: 'm8', doc: { mechanismAppointed: true, literacyMeetingHeld: false, dataUpdatedMonths: ['2021-10'], activities: [], downloads: 3000 } },
    ]
    const rows: AreaRows = {
      households: [household('43010101', '1')],
      plots: [],
      complaints: [],
      posts: [
        { id: 'post:1', district: '4301', on: '2022-01-03', channel: 'facebook', mission: 'm1' },
        { id: 'post:2', district: '4301', on: '2022-01-04', channel: 'line', mission: 'm2' },
        { id: 'post:3', district: '4301', on: '2022-01-05', channel: 'line', mission: 'm8' },
      ],
      reports: [{ id: 'report:1', district: '4301', on: '2022-01-31', mission: 'm1' }],
      facts,
    }
    const district = buildScoreInput(rowsWithin(rows, '4301'), { asOf: '2022-06-30', area: '4301' })
    expect(district.m1!.prPosts).toEqual([{ on: '2022-01-03', channel: 'facebook' }])
    expect(district.m1!.monitoringReports).toEqual([{ on: '2022-01-31' }])
    expect(district.m2!.prPosts).toEqual([{ on: '2022-01-04', channel: 'line' }])
    expect(district.m2!.disbursement).toBeUndefined()
    expect(district.m6).toBeUndefined()
    const province = buildScoreInput(rowsWithin(rows, '43'), { asOf: '2022-06-30', area: '43' })
    expect(province.province).toBe('หนองคาย')
    expect(province.m2!.disbursement).toEqual({ extensionRequested: true, completedOn: '2022-02-15' })
    const out = scoreAll(province)
    expect(out.missions.find((m) => m.mission === 'M2')!.items[0]!.points).toBe(30)
    expect(out.missions.find((m) => m.mission === 'M6')!.level).toBe(4)
    expect(out.missions.find((m) => m.mission === 'M8')!.items.find((i) => i.id === '4')!.points).toBe(22.5)
    expect(province.m8!.prPosts).toEqual([{ on: '2022-01-05', channel: 'line' }])
  })

  it('knows every province of the mission 8 lists by its code', () => {
    const names = Object.entries(PROVINCE_NAMES).filter(([code]) => code !== '10')
    expect(names).toHaveLength(76)
    for (const [, name] of names) expect(provinceSize(name), name).toBeDefined()
  })
})
