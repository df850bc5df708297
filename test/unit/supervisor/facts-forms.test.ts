import { describe, expect, it } from 'vitest'
import { factsForm, FACT_MISSIONS, monthOptions } from '../../../src/forms/facts'
import { validateForm } from '../../../src/forms/validate'
import { initialValues, toDocValues } from '../../../src/forms/values'
import { docSchemaFor } from '../../../src/schema/docs'
import { scoreAll } from '../../../src/scoring'
import { FY2565 } from '../../../src/scoring/rubric-fy2565'
import { buildScoreInput, EMPTY_ROWS } from '../../../src/store/score-input'

const ctx = { today: '2022-06-30', province: '43' }
const months = monthOptions(FY2565.fiscalYear, (m) => m)
const envelope = { _id: 'x', schema: 1, district: '43', createdBy: 'a', createdAt: '2022-01-01T00:00:00.000Z', updatedBy: 'a', updatedAt: '2022-01-01T00:00:00.000Z', device: 'd', type: 'province-facts' }

function levelOf(mission: (typeof FACT_MISSIONS)[number], values: Record<string, unknown>) {
  const def = factsForm(mission, months)
  const doc = toDocValues(def, values, ctx)
  const input = buildScoreInput({ ...EMPTY_ROWS, facts: [{ id: `facts:43:${mission}`, province: '43', mission, doc }] }, { asOf: '2022-09-30', area: '43' })
  return scoreAll(input).missions.find((m) => m.mission === mission.toUpperCase())
}

describe('province-facts forms', () => {
  it('each mission form, filled in, makes a doc its zod schema accepts', () => {
    const filled: Record<string, Record<string, unknown>> = {
      m2: { extensionRequested: true, completedOn: '2022-02-15' },
      m3: { freeEvents: '13', registeredWithoutOnline: '200', channels: [{ name: 'Shopee', newOperators: '12' }, { name: 'Lazada', newOperators: '9' }, { name: 'Line', newOperators: '4' }] },
      m4: { planOn: '2022-01-20', activitiesPlanned: '10', activitiesDone: '๓' },
      m5: { defaultedAmount: '100,000', recoveredAmount: '26000' },
      m6: { overdueAtBaseline: '1000000', overdueNow: '740000' },
      m7: { baselineRevenue: '500000', revenue: '545000' },
      m8: { mechanismAppointed: true, literacyMeetingHeld: true, dataUpdatedMonths: ['2021-10', '2021-11'], activities: [{ on: '2022-02-01', what: 'อบรม' }], downloads: '3000' },
    }
    for (const m of FACT_MISSIONS) {
      const def = factsForm(m, months)
      const values = { ...initialValues(def, ctx), ...filled[m] }
      expect(validateForm(def, values, ctx), m).toEqual([])
      const doc = { ...envelope, ...toDocValues(def, values, ctx) }
      expect(docSchemaFor('province-facts').safeParse(doc).success, m).toBe(true)
    }
    // Scored on entry: SCORING.md's worked examples E4, E8 and E9 from typed text.
    expect(levelOf('m2', filled.m2!)!.items[0]!.points).toBe(30)
    expect(levelOf('m3', { freeEvents: '13', registeredWithoutOnline: '100', channels: [{ name: 'a', newOperators: '6' }, { name: 'b', newOperators: '4.5' }, { name: 'c', newOperators: '2' }] })!.level).toBe(4)
    expect(levelOf('m6', filled.m6!)!.level).toBe(4)
    // Mission 4 by hand: the plan on 20 Jan 2022 is by the 31 Jan cut-off → 50 points; 3 activities
    // done (typed in Thai digits, ๓) of 10 planned = 30 % → the top band, 60 points; 110 ≥ 81 → level 5.
    const m4 = levelOf('m4', filled.m4!)!
    expect(m4.items.map((i) => i.points)).toEqual([50, 60])
    expect(m4.total).toBe(110)
    expect(m4.level).toBe(5)
  })

  it('says what is wrong, by field: zero operators, zero baseline, a date in the future, a bad number', () => {
    const m3 = factsForm('m3', months)
    const issues3 = validateForm(m3, { ...initialValues(m3, ctx), freeEvents: '๕', registeredWithoutOnline: '0' }, ctx)
    expect(issues3.map((i) => i.path)).toEqual(['registeredWithoutOnline'])
    const m7 = factsForm('m7', months)
    expect(validateForm(m7, { baselineRevenue: '0', revenue: 'abc' }, ctx).map((i) => i.path)).toEqual(['baselineRevenue', 'revenue'])
    const m4 = factsForm('m4', months)
    expect(validateForm(m4, { planOn: '2030-01-01', activitiesPlanned: '1', activitiesDone: '1' }, ctx).map((i) => [i.path, i.key])).toEqual([['planOn', 'form.err.future']])
  })
})
