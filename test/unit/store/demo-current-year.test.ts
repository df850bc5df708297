import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDoc } from '../../../src/schema'
import { FY2565, demoEdition, scoreMission1 } from '../../../src/scoring'
import { generateDemoDocs, type DemoGeography } from '../../../src/store/demo-data'
import { isDueVisit } from '../../../src/forms/work'

// Issue 13's living demo: opened on 1 December 2026, the demo is fiscal year 2570 in progress.

const geography = JSON.parse(readFileSync('couch/data/nong-khai.json', 'utf8')) as DemoGeography
const today = '2026-12-01'
const docs = generateDemoDocs(geography, { seed: 43, today })

describe('the demo in the current fiscal year', () => {
  it('dates every record inside FY2570 (1 Oct 2026 on) and never after today; every doc passes parseDoc', () => {
    const dates = docs.flatMap((d) => ['on', 'verifiedOn', 'planOn', 'receivedOn', 'resolvedOn', 'survivingOn'].map((k) => d[k]).filter((v): v is string => typeof v === 'string'))
    expect(dates.length).toBeGreaterThan(1000)
    expect(dates.every((d) => d >= '2026-10-01' && d <= today)).toBe(true)
    expect(docs.filter((d) => !parseDoc(d).ok)).toEqual([])
    expect(generateDemoDocs(geography, { seed: 43, today })).toEqual(docs)
  })

  it('has visits due this month under the demo edition, none under FY2565 (its year is long over), and a mission 1 in progress', () => {
    const fy2570 = demoEdition(2570)
    const visits = new Map<string, string[]>()
    for (const d of docs) if (d.type === 'mentor-visit') visits.set(String(d.householdId), [...(visits.get(String(d.householdId)) ?? []), String(d.on)])
    const households = docs.filter((d) => d.type === 'household').map((d) => ({ id: d._id, inTpmap: d.inTpmap === true, targetPersons: Number(d.targetPersons), ...(d.verifiedOn ? { verifiedOn: String(d.verifiedOn) } : {}), ...(d.planOn ? { planOn: String(d.planOn) } : {}), mentorVisits: visits.get(d._id) ?? [] }))
    const rows = households.map((h) => ({ planOn: h.planOn, visits: h.mentorVisits }))
    const due = rows.filter((r) => isDueVisit(r, today, fy2570)).length
    expect(due).toBeGreaterThan(10)
    expect(rows.filter((r) => isDueVisit(r, today, FY2565)).length).toBe(0)
    const m1 = scoreMission1({ households }, today, fy2570)
    const i11 = m1.items.find((i) => i.id === '1.1')!
    expect(i11.value).toBeGreaterThan(20)
    expect(i11.value).toBeLessThan(100)
    // Plans made in October were judged on November's visits.
    expect((m1.items.find((i) => i.id === '2.1')!.detail as { judged: number }).judged).toBeGreaterThan(0)
  })
})
