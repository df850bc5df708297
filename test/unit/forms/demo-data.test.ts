import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDoc } from '../../../src/schema'
import { generateDemoDocs, type DemoGeography } from '../../../src/store/demo-data'
import { assessmentSuccess } from '../../../src/store/projector'

const geography = JSON.parse(readFileSync('couch/data/nong-khai.json', 'utf8')) as DemoGeography
const now = new Date('2022-06-15T05:00:00Z')

describe('demo province', () => {
  const docs = generateDemoDocs(geography, { seed: 42, now })

  it('every generated doc passes parseDoc, ids are unique', () => {
    const bad = docs.map((d) => ({ id: d._id, r: parseDoc(d) })).filter((x) => !x.r.ok)
    expect(bad.slice(0, 3)).toEqual([])
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length)
  })

  it('is deterministic: same seed and now → the same docs; another seed → different', () => {
    expect(generateDemoDocs(geography, { seed: 42, now })).toEqual(docs)
    expect(generateDemoDocs(geography, { seed: 7, now })).not.toEqual(docs)
  })

  it('looks like a province: villages per tambon, 15–40 households each, officers and supervisor, work done', () => {
    const count = (type: string) => docs.filter((d) => d.type === type).length
    const villages = docs.filter((d) => d.type === 'village')
    for (const v of villages) {
      expect(String(v.code)).toMatch(/^\d{8}$/)
      expect(String(v.code).slice(0, 6)).toBe(v.tambonCode)
      expect(v.createdBy).toBe('sup43')
      const n = docs.filter((d) => d.type === 'household' && d.villageCode === v.code && d.inTpmap === true).length
      expect(n).toBeGreaterThanOrEqual(15)
      expect(n).toBeLessThanOrEqual(40)
    }
    const households = docs.filter((d) => d.type === 'household')
    expect(households.every((h) => Number(h.targetPersons) >= 1 && Number(h.targetPersons) <= 5)).toBe(true)
    expect(households.filter((h) => h.verifiedOn).length).toBeGreaterThan(households.length / 2)
    expect(households.some((h) => h.inTpmap === false)).toBe(true)
    expect(count('mentor-visit')).toBeGreaterThan(100)
    expect(count('assistance')).toBeGreaterThan(100)
    expect(count('complaint')).toBeGreaterThan(5)
    expect(count('pr-post')).toBeGreaterThan(50)
    const plots = docs.filter((d) => d.type === 'plot')
    expect(plots.filter((p) => p.kind === 'CLM').length).toBeGreaterThan(3)
    expect(plots.filter((p) => p.kind === 'HLM').every((p) => Number(p.areaRai) <= 3)).toBe(true)
    const assessments = docs.filter((d) => d.type === 'plot-assessment')
    const ok = assessments.filter((a) => { const r = parseDoc(a); return r.ok && r.doc.type === 'plot-assessment' && assessmentSuccess(r.doc) }).length
    expect(ok).toBeGreaterThan(0)
    expect(ok).toBeLessThan(assessments.length)
    // Records are the district officer's; reference data is the supervisor's.
    for (const d of docs) {
      if (['village', 'plot'].includes(d.type)) expect(d.createdBy).toBe('sup43')
      else if (d.type !== 'household') expect(d.createdBy).toBe(`off${String(d.district)}`)
    }
    // Nothing dated after `now`.
    const dates = docs.flatMap((d) => ['on', 'verifiedOn', 'planOn', 'survivingOn', 'receivedOn', 'resolvedOn'].map((k) => d[k]).filter((x): x is string => typeof x === 'string'))
    expect(dates.every((x) => x <= '2022-06-15')).toBe(true)
    console.log(`demo: ${docs.length} docs (${count('village')} villages, ${households.length} households, ${plots.length} plots, ${count('mentor-visit')} visits)`)
  })
})
