import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { householdSchema, isValidHousehold, parseScoreInput, scoreInputSchema } from '../../../src/scoring/index'

// The hand-written household check (the national fast path) must say exactly what the zod schema says.

const goodDate = fc.constantFrom('2021-12-31', '2022-02-28', '2024-02-29', '2021-10-01')
const badDate = fc.constantFrom('2022-02-30', '2021-02-29', '2022-13-01', '2022-1-5', '', '2022-01-01T00:00', 20220101, null)
const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant([]), fc.constant({}), fc.double())
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 3 })
const dateish = maybe(fc.oneof({ arbitrary: goodDate, weight: 6 }, { arbitrary: badDate, weight: 1 }, { arbitrary: junk, weight: 1 }))
const boolish = maybe(fc.oneof({ arbitrary: fc.boolean(), weight: 8 }, { arbitrary: junk, weight: 1 }))
const dims = (v: fc.Arbitrary<unknown>) => fc.record({ income: v, health: v, living: v, education: v, access: v }, { requiredKeys: [] })

const householdish = fc.record(
  {
    id: fc.oneof({ arbitrary: fc.string({ maxLength: 4 }), weight: 10 }, { arbitrary: junk, weight: 1 }),
    inTpmap: fc.oneof({ arbitrary: fc.boolean(), weight: 10 }, { arbitrary: junk, weight: 1 }),
    targetPersons: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 9 }), weight: 10 }, { arbitrary: fc.constantFrom(-1, 1.5, '2', Number.NaN, Number.POSITIVE_INFINITY), weight: 1 }),
    verifiedOn: dateish,
    planOn: dateish,
    survivingOn: dateish,
    mentorVisits: maybe(fc.oneof({ arbitrary: fc.array(dateish.filter((d) => d !== undefined), { maxLength: 4 }), weight: 8 }, { arbitrary: junk, weight: 1 })),
    failing: maybe(fc.oneof({ arbitrary: dims(boolish), weight: 8 }, { arbitrary: junk, weight: 1 })),
    assisted: maybe(fc.oneof({ arbitrary: dims(dateish), weight: 8 }, { arbitrary: junk, weight: 1 })),
    village: maybe(fc.oneof(fc.string({ maxLength: 3 }), junk)),
    tambon: maybe(fc.oneof(fc.string({ maxLength: 3 }), junk)),
    extra: maybe(junk),
  },
  { requiredKeys: [] },
)

describe('isValidHousehold ≡ householdSchema', () => {
  it('agrees with zod on generated valid and invalid households', () =>
    fc.assert(
      fc.property(fc.oneof({ arbitrary: householdish, weight: 20 }, { arbitrary: junk, weight: 1 }), (h) => {
        expect(isValidHousehold(h)).toBe(householdSchema.safeParse(h).success)
      }),
      { numRuns: 1500 },
    ))
  it('the generator produces plenty of both kinds', () => {
    const sample = fc.sample(householdish, { numRuns: 2000, seed: 42 })
    const valid = sample.filter((h) => householdSchema.safeParse(h).success).length
    expect(valid).toBeGreaterThan(100)
    expect(valid).toBeLessThan(1800)
  })
  it('a fully valid household passes both', () => {
    const h = { id: 'A', inTpmap: true, targetPersons: 2, verifiedOn: '2021-12-01', mentorVisits: ['2022-01-02'], failing: { income: true }, assisted: { income: '2022-02-01' }, village: 'บ้านก' }
    expect(isValidHousehold(h)).toBe(true)
    expect(householdSchema.safeParse(h).success).toBe(true)
  })
})

describe('parseScoreInput', () => {
  it('the fast path gives the same scores input as zod (unknown household keys aside)', () => {
    const data = {
      asOf: '2022-01-31',
      area: 'x',
      ignored: 1,
      m1: { households: [{ id: 'A', inTpmap: true, targetPersons: 2, verifiedOn: '2021-12-01' }], prPosts: [{ on: '2021-10-01', channel: 'Line', extra: 1 }] },
    }
    const fast = parseScoreInput(data)
    const slow = scoreInputSchema.parse(data)
    expect(fast.ok && fast.input).toEqual(slow)
  })
  it('one bad household sends the input through zod and names its path', () => {
    const res = parseScoreInput({ asOf: '2022-01-31', m1: { households: [{ id: 'A', inTpmap: true, targetPersons: 1 }, { id: 'B', inTpmap: true, targetPersons: 1, planOn: '2022-02-30' }] } })
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.issues).toEqual([{ path: 'm1.households[1].planOn', message: 'expected a real calendar date as YYYY-MM-DD, got "2022-02-30"' }])
  })
  it('a valid household list with a bad field elsewhere still reports that field', () => {
    const res = parseScoreInput({ asOf: '2022-02-30', m1: { households: [{ id: 'A', inTpmap: true, targetPersons: 1 }] } })
    expect(!res.ok && res.issues.map((i) => i.path)).toEqual(['asOf'])
  })
  it('not an object at all', () => {
    const res = parseScoreInput([1, 2])
    expect(res.ok).toBe(false)
    expect(!res.ok && res.issues[0]?.path).toBe('(input)')
  })
})
