import { describe, expect, it } from 'vitest'
import { rollTo } from '../../../src/scoring/editions'
import { FY2565 } from '../../../src/scoring/rubric-fy2565'
import { editionFromForm, formFromEdition, parseRubricFile, refusalKey } from '../../../src/scoring/rubric-form'
import { MESSAGES_FISCAL } from '../../../src/app/i18n/messages-fiscal'

const rolled = rollTo(FY2565, 2570)

describe('the rubric publish form (issue 13)', () => {
  it('prefills from the rolled edition and builds the edited edition, valid by the schema', () => {
    const values = formFromEdition(rolled)
    expect(values).toEqual({ verifyBy: rolled.m1.verifyBy, assistBy: rolled.m1.assistBy, visits: String(rolled.m1.mentorVisitsPerMonth), m2deadline: rolled.m2.deadline, m4planBy: rolled.m4.planBy })
    const r = editionFromForm(rolled, { ...values, verifyBy: '2027-01-15', visits: '๓' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.edition.m1.verifyBy).toBe('2027-01-15')
    expect(r.edition.m1.mentorVisitsPerMonth).toBe(3)
    expect(r.edition.name).toBe('FY2570')
    expect(r.edition.derivedFrom).toBe('FY2565')
    // Everything else carried over unchanged.
    expect(r.edition.m2).toEqual(rolled.m2)
  })

  it('names the field of every problem: not a date, not a number, far outside the year', () => {
    const values = formFromEdition(rolled)
    const r = editionFromForm(rolled, { ...values, assistBy: '', visits: 'สอง' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.field, i.path, i.code])).toEqual([
      ['assistBy', 'm1.assistBy', 'date'],
      ['visits', 'm1.mentorVisitsPerMonth', 'number'],
    ])
    const far = editionFromForm(rolled, { ...values, m4planBy: '2022-03-31' })
    expect(far.ok).toBe(false)
    if (far.ok) return
    expect(far.issues).toEqual([expect.objectContaining({ field: 'm4planBy', path: 'm4.planBy', code: 'outside' })])
    // Every code has Thai words.
    for (const code of ['date', 'number', 'outside', 'schema']) expect(MESSAGES_FISCAL[`rubric.err.${code}` as keyof typeof MESSAGES_FISCAL].th).toMatch(/[ก-๙]/)
  })

  it('reads a rubric file (an edition or a published doc) and lists field-path problems', () => {
    expect(parseRubricFile(JSON.stringify(rolled))).toEqual({ ok: true, edition: rolled })
    expect(parseRubricFile(JSON.stringify({ type: 'rubric-edition', edition: rolled }))).toMatchObject({ ok: true })
    const bad = parseRubricFile(JSON.stringify({ ...rolled, m1: { ...rolled.m1, verifyBy: 'soon' } }))
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toContain('m1.verifyBy')
    expect(parseRubricFile('{')).toEqual({ ok: false, issues: [{ path: '(file)', message: 'not JSON' }] })
  })

  it("words the server's refusal as a Thai key, never raw English", () => {
    expect(refusalKey('_id: rubric editions may only be published by supervisors')).toBe('rubric.refused.role')
    expect(refusalKey('edition.m1.verifyBy: expected a date')).toBe('rubric.refused.invalid')
    expect(refusalKey('Failed to fetch')).toBe('rubric.refused.offline')
    expect(refusalKey('HTTP 500')).toBe('rubric.refused.other')
  })
})
