import { describe, expect, it } from 'vitest'
import { diffRevisions, diffVersions, mergeChoice, pickAll, resolutionPlan, sameValue, versionInfo } from '../../../src/sync/conflicts'

const envelope = { _id: 'household:43010101:12', type: 'household', schema: 1, district: '4301', createdBy: 'o1', createdAt: '2026-01-01T00:00:00Z' }
const a = { ...envelope, _rev: '2-aaa', headName: 'นายสมชาย', targetPersons: 4, failing: { income: true, health: false }, updatedBy: 'o1', updatedAt: '2026-01-02T01:00:00Z', device: 'dev-1' }
const b = { ...envelope, _rev: '2-bbb', headName: 'นายสมชาย ใจดี', targetPersons: 4, failing: { health: false, income: true }, note: 'ย้ายบ้าน', updatedBy: 's1', updatedAt: '2026-01-02T02:00:00Z', device: 'dev-2' }

describe('diffRevisions', () => {
  it('lists every content field, flags the different ones, ignores the envelope and key order', () => {
    const d = diffRevisions(a, b)
    expect(d.map((x) => [x.field, x.same])).toEqual([
      ['headName', false],
      ['targetPersons', true],
      ['failing', true],
      ['note', false],
    ])
    expect(d[3]?.values).toEqual([undefined, 'ย้ายบ้าน'])
  })

  it('is symmetric in what differs', () => {
    const ab = diffRevisions(a, b).filter((x) => !x.same).map((x) => x.field)
    const ba = diffRevisions(b, a).filter((x) => !x.same).map((x) => x.field).sort()
    expect(ab.sort()).toEqual(ba)
  })

  it('works for three versions and tells who, when and which device', () => {
    const c = { ...a, _rev: '2-ccc', targetPersons: 5 }
    expect(diffVersions([a, b, c]).find((x) => x.field === 'targetPersons')?.same).toBe(false)
    expect(versionInfo(b)).toEqual({ rev: '2-bbb', updatedBy: 's1', updatedAt: '2026-01-02T02:00:00Z', device: 'dev-2' })
    expect(sameValue([1, { x: 1 }], [1, { x: 1 }])).toBe(true)
    expect(sameValue([1], [1, 2])).toBe(false)
    expect(sameValue(null, {})).toBe(false)
  })
})

describe('mergeChoice', () => {
  it('takes unpicked fields from the base and picked ones from their version, envelope left out', () => {
    const merged = mergeChoice({ versions: [a, b] }, { note: 1 })
    expect(merged).toEqual({ headName: 'นายสมชาย', targetPersons: 4, failing: { income: true, health: false }, note: 'ย้ายบ้าน' })
    expect(merged).not.toHaveProperty('_rev')
    expect(merged).not.toHaveProperty('updatedBy')
  })

  it('keeping the other version wholesale makes fields it lacks undefined, so the save removes them', () => {
    const merged = mergeChoice({ versions: [b, a] }, pickAll(diffRevisions(b, a), 1))
    expect(merged).toHaveProperty('note', undefined)
    expect(merged.headName).toBe('นายสมชาย')
  })

  it('refuses a pick naming a version that does not exist', () => {
    expect(() => mergeChoice({ versions: [a, b] }, { headName: 2 })).toThrow(/version 2/)
    expect(() => mergeChoice({ versions: [] })).toThrow()
  })

  it('plans to save on the winner and remove every other leaf, once each', () => {
    expect(resolutionPlan('3-w', ['2-x', '2-y', '2-x', '3-w'])).toEqual({ saveOn: '3-w', remove: ['2-x', '2-y'] })
  })
})
