import { describe, expect, it } from 'vitest'
import { syntheticDistrictDocs } from '../../bench/synthetic-docs'
import { parseDoc } from '../../src/schema'

// The benchmarks measure real code on these docs, so they must be docs the app accepts.
describe('synthetic benchmark docs', () => {
  it('are exactly as many as asked, all valid, with unique ids, and the same for the same seed', () => {
    const docs = syntheticDistrictDocs({ docs: 3000 })
    expect(docs).toHaveLength(3000)
    const bad = docs.map((d) => ({ id: d._id, r: parseDoc(d) })).filter((x) => !x.r.ok)
    expect(bad.slice(0, 3)).toEqual([])
    expect(new Set(docs.map((d) => d._id)).size).toBe(3000)
    expect(syntheticDistrictDocs({ docs: 500 })).toEqual(syntheticDistrictDocs({ docs: 500 }))
    const types = new Set(docs.map((d) => d.type))
    expect([...types].sort()).toEqual(['assistance', 'complaint', 'household', 'mentor-visit', 'plot', 'plot-assessment', 'pr-post', 'village'])
  })
})
