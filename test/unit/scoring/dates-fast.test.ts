import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { fromDayNumber, isIsoDate, isIsoDateFast } from '../../../src/schema/dates'

// isIsoDateFast (added for the national score command) must answer exactly as isIsoDate.

describe('isIsoDateFast ≡ isIsoDate', () => {
  it('on the edge cases', () => {
    const cases = ['2022-02-28', '2022-02-29', '2024-02-29', '1900-02-29', '2000-02-29', '2022-02-30', '2022-04-31', '2022-12-31', '2022-13-01',
      '2022-00-10', '2022-01-00', '2022-1-01', '2022-01-1', '20220101', ' 2022-01-01', '2022-01-01 ', '2022/01/01', '٢٠٢٢-01-01', '๒๕๖๕-01-01', '']
    for (const c of cases) expect(isIsoDateFast(c), c).toBe(isIsoDate(c))
  })
  it('on every real date over four centuries, and on random strings', () => {
    fc.assert(fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
      const s = fromDayNumber(d)
      expect(isIsoDateFast(s)).toBe(isIsoDate(s))
    }), { numRuns: 1000 })
    const digit = fc.constantFrom(...'0123456789-/ x'.split(''))
    fc.assert(fc.property(fc.array(digit, { minLength: 8, maxLength: 11 }).map((a) => a.join('')), (s) => {
      expect(isIsoDateFast(s)).toBe(isIsoDate(s))
    }), { numRuns: 1500 })
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
      const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
      expect(isIsoDateFast(s)).toBe(isIsoDate(s))
    }), { numRuns: 1500 })
  })
})
