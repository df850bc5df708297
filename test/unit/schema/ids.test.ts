import { describe, expect, it } from 'vitest'
import { householdId, plotId, timeOrderedId, childId } from '../../../src/schema'

const zeros = (n: number) => new Uint8Array(n)

describe('ids', () => {
  it('sorts time-ordered ids by creation time', () => {
    const a = timeOrderedId(1_640_000_000_000, zeros)
    const b = timeOrderedId(1_640_000_000_001, zeros)
    const c = timeOrderedId(1_700_000_000_000, zeros)
    expect(a.length).toBe(26)
    expect([c, a, b].sort()).toEqual([a, b, c])
  })

  it('differs with randomness at the same millisecond', () => {
    expect(timeOrderedId(5)).not.toBe(timeOrderedId(5))
  })

  it('makes deterministic ids from natural keys, with no stray separators', () => {
    expect(householdId('43010101', ' 12/1 ')).toBe('household:43010101:12/1')
    expect(plotId('430101', 'H:1 2')).toBe('plot:430101:H-1-2')
    expect(childId('visit', 'household:43010101:12', 0, zeros)).toBe('visit:household:43010101:12:00000000000000000000000000')
  })
})
