import { describe, expect, it } from 'vitest'
import { householdId, plotId, timeOrderedId, childId, eventId, exclusionHouseholdId, idAuthor } from '../../../src/schema'

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
    expect(childId('visit', 'household:43010101:12', 'off4301', 0, zeros)).toBe('visit:household:43010101:12:off4301:00000000000000000000000000')
  })

  it('puts the author in the ids of what is theirs, and reads it back', () => {
    const zero = '00000000000000000000000000'
    expect(eventId('post', 'off4301', 0, zeros)).toBe(`post:off4301:${zero}`)
    expect(exclusionHouseholdId('43010101', '99', 'off 4301')).toBe('household:43010101:99:off-4301')
    expect(idAuthor(`post:off4301:${zero}`)).toBe('off4301')
    expect(idAuthor(childId('visit', 'household:43010101:12', 'off4301', 0, zeros))).toBe('off4301')
    expect(idAuthor(childId('visit', 'household:43010101:99:offA', 'offB', 0, zeros))).toBe('offB')
    expect(idAuthor(childId('assess', 'plot:430101:H-1', 'offA', 0, zeros))).toBe('offA')
    expect(idAuthor('household:43010101:99:offA')).toBe('offA')
    // TPMAP households, reference docs and ids from before authors were in them: no author.
    expect(idAuthor('household:43010101:12')).toBeNull()
    expect(idAuthor('village:43010101')).toBeNull()
    expect(idAuthor(`visit:household:43010101:12:${zero}`)).toBeNull()
    expect(idAuthor(`complaint:${zero}`)).toBeNull()
  })
})
