import { describe, expect, it } from 'vitest'
import { FY2565, demoEdition, rollTo } from '../../../src/scoring'
import { countingNote } from '../../../src/scoring/counting'
import { activeEdition, defaultAsOf, previousEdition } from '../../../src/app/edition'
import { dueHouseholds } from '../../../src/app/screens/home'
import { sortEditionDocs } from '../../../src/sync/editions-pull'
import { makeRubricDoc } from '../../../src/scoring/edition-doc'
import type { HouseholdRow } from '../../../src/store/local-db'

// Issue 13: the app follows the fiscal year: the active edition, the due list, the as-of default.

const fy2569 = rollTo(FY2565, 2569)
const fy2570 = demoEdition(2570)
const cached = sortEditionDocs([makeRubricDoc(fy2569, '43', 'sup43', '2025-10-01T00:00:00Z'), makeRubricDoc(fy2570, '43', 'sup43', '2026-10-01T00:00:00Z')], new Date('2026-10-01T00:00:00Z'))
const row = (planOn: string, visits: string[]): HouseholdRow => ({ id: `household:43010101:${planOn}`, district: '4301', villageCode: '43010101', tambonCode: '430101', houseId: '1', headName: 'x', targetPersons: 1, inTpmap: true, planOn, visits, assisted: {}, updatedAt: '', conflicted: 0 })

describe('crossing 1 October', () => {
  it('switches the active edition, the due list and the as-of default at midnight between 30 Sep and 1 Oct', () => {
    const before = activeEdition(cached, '2026-09-30')
    const after = activeEdition(cached, '2026-10-01')
    expect(before).toMatchObject({ current: true, edition: { name: 'FY2569' }, yearOfDate: 2569 })
    expect(after).toMatchObject({ current: true, edition: { name: 'FY2570', demo: true }, yearOfDate: 2570 })
    expect(defaultAsOf(after)).toBe('2026-10-01')
    expect(previousEdition(after)?.name).toBe('FY2569')
    // A plan of August 2026, visited twice in September: not due on 30 Sep; due on 1 Oct, the first day of FY2570's window.
    const households = [row('2026-08-10', ['2026-09-02', '2026-09-20'])]
    expect(dueHouseholds(households, '2026-09-30', before.edition)).toHaveLength(0)
    expect(dueHouseholds(households, '2026-10-01', after.edition)).toHaveLength(1)
  })

  it('past every edition: the newest is shown and flagged as not this year; the as-of default is its last day', () => {
    const only = activeEdition(undefined, '2026-12-01')
    expect(only).toMatchObject({ current: false, edition: { name: 'FY2565' }, yearOfDate: 2570 })
    expect(defaultAsOf(only)).toBe('2022-09-30')
    // FY2565's plans of 2022 are not "due" in December 2026.
    expect(dueHouseholds([row('2022-03-01', [])], '2026-12-01', only.edition)).toHaveLength(0)
  })

  it('an invalid published edition is set aside, named, and the newest valid one is used', () => {
    const bad = structuredClone(makeRubricDoc(fy2570, '43', 'sup43', '2026-10-01T00:00:00Z')) as unknown as { edition: { m1: { assistBy: string } } }
    bad.edition.m1.assistBy = 'soon'
    const pulled = sortEditionDocs([makeRubricDoc(fy2569, '43', 'sup43', '2025-10-01T00:00:00Z'), bad], new Date())
    expect(pulled.problems).toEqual([{ id: 'rubric:2570', issues: [expect.objectContaining({ path: 'edition.m1.assistBy' })] }])
    expect(activeEdition(pulled, '2026-12-01')).toMatchObject({ current: false, edition: { name: 'FY2569' }, problems: pulled.problems })
  })
})

describe('dates that will not count', () => {
  it('names the window or the deadline', () => {
    expect(countingNote('mentor-visit', '2026-11-20', fy2570)).toBeUndefined()
    expect(countingNote('mentor-visit', '2026-09-20', fy2570)).toEqual({ reason: 'outside', start: '2026-10-01', end: '2027-09-30' })
    expect(countingNote('verification', '2027-01-05', fy2570)).toEqual({ reason: 'afterDeadline', deadline: '2026-12-31' })
    expect(countingNote('plot-assessment', '2027-10-02', fy2570)).toEqual({ reason: 'outside', start: '2026-10-01', end: '2027-09-30' })
    expect(countingNote('assistance', '', fy2570)).toBeUndefined()
  })
})
