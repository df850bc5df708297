import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { FY2565, scoreMissions, type Household, type MissionScore, type ScoreInput } from '../../../src/scoring/index'
import { parseEdition, editionDates } from '../../../src/scoring/edition-schema'
import { chooseEdition, demoEdition, fiscalYearBE, mergeEditions, rollDate, rollForward, rollTo } from '../../../src/scoring/editions'
import { fromDayNumber, isIsoDate, isMonthKey, toDayNumber } from '../../../src/schema/dates'

// Rubric editions as data (issue 13): the schema, rolling forward, choosing by date.

describe('the edition schema', () => {
  it('accepts the built-in FY2565 and every rolled edition, and keeps them as they are', () => {
    const p = parseEdition(FY2565)
    expect(p.ok).toBe(true)
    if (p.ok) expect(p.edition).toEqual(FY2565)
    for (let y = 2566; y <= 2575; y++) expect(parseEdition(rollTo(FY2565, y)).ok).toBe(true)
  })

  it('refuses a bad edition, naming the path of every bad field', () => {
    const bad = structuredClone(FY2565) as unknown as Record<string, Record<string, unknown>>
    bad.m1!.verifyBy = '2021-12-32'
    ;(bad.m2!.disbursement as { extended: { by: string }[] }).extended[1]!.by = 'Feb 2022'
    ;(bad.m1!.levels as { min: number }[])[2]!.min = 99
    bad.m4!.activityWindow = { start: '2022-06-30', end: '2022-01-01' }
    delete bad.m8!.downloadTargets
    ;(bad as Record<string, unknown>).name = 'FY2570'
    const p = parseEdition(bad)
    expect(p.ok).toBe(false)
    if (p.ok) return
    const paths = p.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['m1.verifyBy', 'm2.disbursement.extended[1].by', 'm8.downloadTargets']))
    // The shape fails first, so the cross-field rules wait for a well-formed edition:
    const shapeOk = structuredClone(FY2565) as unknown as Record<string, Record<string, unknown>>
    ;(shapeOk.m1!.levels as { min: number }[])[2]!.min = 99
    shapeOk.m4!.activityWindow = { start: '2022-06-30', end: '2022-01-01' }
    ;(shapeOk as Record<string, unknown>).name = 'FY2570'
    shapeOk.m6!.baselineDate = '2019-10-01'
    const q = parseEdition(shapeOk)
    expect(q.ok).toBe(false)
    if (q.ok) return
    expect(q.issues.map((i) => i.path).sort()).toEqual(['m1.levels[2].min', 'm4.activityWindow.end', 'm6.baselineDate', 'name'])
    expect(q.issues.find((i) => i.path === 'name')!.message).toContain('FY2565')
  })
})

describe('rolling forward', () => {
  it('moves every date by one year and keeps every threshold, marked as derived', () => {
    const next = rollForward(FY2565)
    expect(next).toMatchObject({ name: 'FY2566', year: 2566, derivedFrom: 'FY2565', fiscalYear: { start: '2022-10-01', end: '2023-09-30' } })
    const before = editionDates(FY2565)
    const after = editionDates(next)
    expect(after.map((d) => d.path)).toEqual(before.map((d) => d.path))
    after.forEach((d, i) => expect(toDayNumber(d.date) - toDayNumber(before[i]!.date)).toBe(365))
    // Everything that is not a date or the edition's identity is kept as it was.
    const strip = (e: object) => JSON.parse(JSON.stringify(e, (_k, v: unknown) => (typeof v === 'string' && isIsoDate(v) ? 'date' : v))) as Record<string, unknown>
    const { name: _a, year: _b, derivedFrom: _c, ...kept } = strip(next)
    const { name: _d, year: _e, ...orig } = strip(FY2565)
    expect(kept).toEqual(orig)
  })

  it('keeps the end of February the end of February across leap years', () => {
    expect(rollDate('2023-02-28')).toBe('2024-02-29')
    expect(rollDate('2024-02-29')).toBe('2025-02-28')
    expect(rollDate('2024-02-28')).toBe('2025-02-28')
    expect(rollDate('2023-02-27')).toBe('2024-02-27')
    expect(rollDate('2022-09-30')).toBe('2023-09-30')
    expect(rollDate('2021-12-31')).toBe('2022-12-31')
    // FY2565's "extension to 28 Feb 2022" is "to 29 Feb 2024" in FY2567 and back to the 28th in FY2568.
    const fy2567 = rollTo(FY2565, 2567)
    expect(fy2567.m2.disbursement.extended.map((s) => s.by)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31'])
    expect(rollTo(FY2565, 2568).m2.disbursement.extended[1]!.by).toBe('2025-02-28')
    expect(fy2567.derivedFrom).toBe('FY2565')
  })

  it('refuses to roll backwards', () => {
    expect(() => rollTo(FY2565, 2565)).toThrow(/after 2565/)
  })
})

describe('choosing the edition of a date', () => {
  const fy2570 = demoEdition(2570)
  it('takes the edition whose fiscal year holds the date, else the newest that started before it', () => {
    expect(fiscalYearBE('2026-09-30')).toBe(2569)
    expect(fiscalYearBE('2026-10-01')).toBe(2570)
    expect(chooseEdition('2022-05-01')).toMatchObject({ edition: { name: 'FY2565' }, current: true })
    expect(chooseEdition('2026-12-01')).toMatchObject({ edition: { name: 'FY2565' }, current: false, yearOfDate: 2570 })
    const all = mergeEditions([FY2565], [fy2570])
    expect(chooseEdition('2026-12-01', all)).toMatchObject({ edition: { name: 'FY2570', demo: true }, current: true })
    expect(chooseEdition('2026-09-30', all)).toMatchObject({ edition: { name: 'FY2565' }, current: false, yearOfDate: 2569 })
    expect(chooseEdition('2027-10-01', all)).toMatchObject({ edition: { name: 'FY2570' }, current: false, yearOfDate: 2571 })
    expect(chooseEdition('2020-01-01', all)).toMatchObject({ edition: { name: 'FY2565' }, current: false })
  })
})

/*
 * The property: rolling FY2565 forward and scoring the date-shifted facts gives the same points as
 * FY2565 on the original facts, item by item, except where the rule depends on the weekday (mission 1
 * item 3.1 counts complete ISO weeks, and a date a year on is another weekday) and, across a 29 February,
 * where a rule counts days (mission 2 item 2, the slowest complaint's days).
 */
const FROM = toDayNumber('2021-09-01')
const TO = toDayNumber('2023-01-31')
const date = fc.integer({ min: FROM, max: TO }).map(fromDayNumber)
const optDate = fc.option(date, { nil: undefined })
const household: fc.Arbitrary<Household> = fc
  .record({
    id: fc.string({ maxLength: 4 }),
    inTpmap: fc.boolean(),
    targetPersons: fc.integer({ min: 0, max: 8 }),
    verifiedOn: optDate,
    planOn: optDate,
    mentorVisits: fc.array(date, { maxLength: 14 }),
    failing: fc.record({ income: fc.boolean(), health: fc.boolean(), living: fc.boolean(), education: fc.boolean(), access: fc.boolean() }),
    assisted: fc.record({ income: optDate, health: optDate, living: optDate, education: optDate, access: optDate }),
    survivingOn: optDate,
  })
  .map((h) => h as Household)
const post = fc.record({ on: date, channel: fc.constantFrom('Facebook', 'Line', 'Website', 'TikTok') })
const months = ['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06', '2022-07', '2022-08', '2022-09']
const input: fc.Arbitrary<ScoreInput> = fc
  .record({
    asOf: fc.integer({ min: toDayNumber('2021-10-01'), max: toDayNumber('2022-10-31') }).map(fromDayNumber),
    m1: fc.record({ households: fc.array(household, { maxLength: 20 }), prPosts: fc.array(post, { maxLength: 80 }), monitoringReports: fc.array(fc.record({ on: date }), { maxLength: 14 }) }),
    m2: fc.record({
      disbursement: fc.record({ extensionRequested: fc.boolean(), completedOn: optDate }),
      complaints: fc.array(fc.record({ receivedOn: date, resolvedOn: optDate }), { maxLength: 5 }),
      prPosts: fc.array(post, { maxLength: 120 }),
      plots: fc.array(fc.record({ id: fc.string({ maxLength: 3 }), kind: fc.constant('HLM' as const), assessment: fc.option(fc.record({ on: date, reducesExpenses: fc.boolean(), selfReliant: fc.boolean() }), { nil: undefined }) }), { maxLength: 12 }),
    }),
    m4: fc.record({ planOn: optDate, activitiesPlanned: fc.integer({ min: 0, max: 40 }), activitiesDone: fc.integer({ min: 0, max: 40 }) }),
    m8: fc.record({
      mechanismAppointed: fc.boolean(),
      literacyMeetingHeld: fc.boolean(),
      dataUpdatedMonths: fc.subarray(months),
      prPosts: fc.array(post, { maxLength: 30 }),
      activities: fc.array(fc.record({ on: date }), { maxLength: 6 }),
      downloads: fc.integer({ min: 0, max: 9000 }),
    }),
  })
  .map((r) => ({ ...r, province: 'หนองคาย' }) as unknown as ScoreInput)

/** Every date (and month key) of the facts moved as the edition's dates are. */
function shift<T>(value: T, years: number): T {
  if (typeof value === 'string') {
    if (isIsoDate(value)) return rollDate(value, years) as T
    if (isMonthKey(value)) return `${Number(value.slice(0, 4)) + years}${value.slice(4)}` as T
    return value
  }
  if (Array.isArray(value)) return value.map((v: unknown) => shift(v, years)) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v, years)])) as T
  return value
}

const points = (scores: MissionScore[], skip: string[]) =>
  scores.flatMap((s) => s.items.filter((i) => !skip.includes(`${s.mission} ${i.id}`)).map((i) => ({ item: `${s.mission} ${i.id}`, points: i.points, pending: !!i.pending })))

describe('a rolled edition scores date-shifted facts as FY2565 scores the originals', () => {
  it('one year on (FY2566)', () => {
    const fy2566 = rollTo(FY2565, 2566)
    fc.assert(
      fc.property(input, (facts) => {
        const original = scoreMissions(facts, FY2565)
        const rolled = scoreMissions(shift(facts, 1), fy2566)
        expect(points(rolled, ['M1 3.1'])).toEqual(points(original, ['M1 3.1']))
      }),
      { numRuns: 200 },
    )
  })
  it('two years on, across 29 February 2024 (FY2567)', () => {
    const fy2567 = rollTo(FY2565, 2567)
    fc.assert(
      fc.property(input, (facts) => {
        const original = scoreMissions(facts, FY2565)
        const rolled = scoreMissions(shift(facts, 2), fy2567)
        expect(points(rolled, ['M1 3.1', 'M2 2'])).toEqual(points(original, ['M1 3.1', 'M2 2']))
      }),
      { numRuns: 200 },
    )
  })
})
