import { describe, expect, it } from 'vitest'
import { makeTranslator } from '../../../src/app/i18n'
import { complaintForm, householdForm, householdNewForm, mentorVisitForm, prPostForm } from '../../../src/forms/definitions'
import { describeIssue, validateForm } from '../../../src/forms/validate'
import { initialValues, parseNumber, toDocValues } from '../../../src/forms/values'
import type { FormContext, FormDef, FormValues } from '../../../src/forms/types'

const th = makeTranslator('th', false)
const en = makeTranslator('en', false)
const ctx: FormContext = { today: '2022-01-31', household: { villageCode: '43010101', houseId: '12', inTpmap: true }, parent: 'household:43010101:12' }

function messages(def: FormDef, values: FormValues, c: FormContext = ctx, tr = th): string[] {
  return validateForm(def, values, c).map((issue) => describeIssue(tr.t, def, issue, tr.date))
}

describe('validation messages name the field, in Thai', () => {
  it('says which date is wrong and how to write it', () => {
    const values = { ...initialValues(householdForm, ctx), headName: 'นางบุญมี', targetPersons: '3', verifiedOn: '2022-02-30' }
    expect(messages(householdForm, values)).toEqual(['วันที่ตรวจสอบ: วันที่ไม่ถูกต้อง (ปปปป-ดด-วว)'])
  })

  it('says a count must be a whole number not below its minimum, read from the schema', () => {
    for (const bad of ['-1', '1.5', 'abc']) {
      const values = { ...initialValues(householdForm, ctx), headName: 'นางบุญมี', targetPersons: bad }
      expect(messages(householdForm, values), bad).toEqual(['จำนวนคนเป้าหมาย: ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50'])
    }
    const clm = messages(householdForm, { ...initialValues(householdForm, ctx), headName: 'x', targetPersons: '' })
    expect(clm).toEqual(['จำนวนคนเป้าหมาย: ต้องกรอก'])
  })

  it('accepts Thai digits in number fields', () => {
    expect(parseNumber('๑๒')).toBe(12)
    expect(parseNumber('1,234')).toBe(1234)
    expect(parseNumber('')).toBeUndefined()
    expect(Number.isNaN(parseNumber('12a'))).toBe(true)
    const values = { ...initialValues(householdForm, ctx), headName: 'นางบุญมี', targetPersons: '๓' }
    expect(validateForm(householdForm, values, ctx)).toEqual([])
    expect(toDocValues(householdForm, values, ctx).targetPersons).toBe(3)
  })

  it('names required fields and empty text', () => {
    const values = { ...initialValues(householdNewForm, { ...ctx, parent: '43010101' }), houseId: '   ' }
    const out = messages(householdNewForm, values, { ...ctx, parent: '43010101' })
    expect(out).toContain('บ้านเลขที่: ต้องกรอก')
    expect(out).toContain('ชื่อหัวหน้าครัวเรือน: ต้องกรอก')
    expect(messages(householdNewForm, values, { ...ctx, parent: '43010101' }, en)).toContain('House number: is required')
  })

  it('checks cross-field rules and names both fields', () => {
    const base = { ...initialValues(householdForm, ctx), headName: 'x', targetPersons: '2' }
    expect(messages(householdForm, { ...base, planOn: '2022-01-10' })).toEqual(['วันที่ทำแผนครัวเรือน: ต้องกรอกวันที่ตรวจสอบก่อน'])
    expect(messages(householdForm, { ...base, verifiedOn: '2022-01-10', planOn: '2022-01-05' })).toEqual(['วันที่ทำแผนครัวเรือน: ต้องไม่ก่อนวันที่ตรวจสอบ (10 ม.ค. 2565)'])
    expect(messages(householdForm, { ...base, verifiedOn: '2022-02-10' })).toEqual(['วันที่ตรวจสอบ: ต้องไม่เป็นวันในอนาคต'])
    const c = { today: '2022-01-31', tambons: [{ code: '430101', name: 'ในเมือง' }], editing: true }
    const complaint = { ...initialValues(complaintForm, c), receivedOn: '2022-01-10', channel: 'phone', subject: 'น้ำท่วม', tambonCode: '430101', resolvedOn: '2022-01-05' }
    expect(messages(complaintForm, complaint, c)).toEqual(['วันที่ยุติเรื่อง: ต้องไม่ก่อนวันที่รับเรื่อง (10 ม.ค. 2565)'])
    expect(messages(householdNewForm, { ...initialValues(householdNewForm, ctx), houseId: '12', headName: 'y', targetPersons: '1' }, { ...ctx, parent: '43010101', existingHouseIds: ['12'] })).toEqual([
      'บ้านเลขที่: มีบ้านเลขที่นี้ในหมู่บ้านแล้ว เปิดครัวเรือนเดิมจากหน้าหมู่บ้านแทน',
    ])
  })

  it('explains a bad link and a missing choice', () => {
    const values = { ...initialValues(prPostForm, ctx), channel: '', link: 'facebook' }
    expect(messages(prPostForm, values)).toEqual(['ช่องทางประชาสัมพันธ์: ต้องกรอก', 'ลิงก์ (ถ้ามี): ลิงก์ไม่ถูกต้อง (ต้องขึ้นต้นด้วย https://)'])
  })

  it('a visit form prefilled with today is valid at once', () => {
    expect(validateForm(mentorVisitForm, initialValues(mentorVisitForm, ctx), ctx)).toEqual([])
    expect(toDocValues(mentorVisitForm, initialValues(mentorVisitForm, ctx), ctx)).toEqual({ on: '2022-01-31', householdId: 'household:43010101:12' })
  })
})

describe('a refused save is explained and keeps the draft', () => {
  it('names storage full, conflicts, and maps repository problems back to the fields', async () => {
    const { saveErrorOutcome } = await import('../../../src/forms/save-errors')
    const { StorageFullError, ValidationError, WriteConflictError } = await import('../../../src/store/repository')
    expect(saveErrorOutcome(new StorageFullError(new Error('QuotaExceededError')), th.t, householdForm, {})).toEqual({ ok: false, message: expect.stringContaining('พื้นที่ในเครื่องเต็ม') })
    expect(saveErrorOutcome(new WriteConflictError('household:1:2'), th.t, householdForm, {})).toEqual({ ok: false, message: expect.stringContaining('ถูกแก้ไขจากที่อื่น') })
    const outcome = saveErrorOutcome(new ValidationError([{ path: 'targetPersons', message: 'Too small', code: 'too_small' }]), th.t, householdForm, { targetPersons: -1 })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.issues?.map((i) => describeIssue(th.t, householdForm, i))).toEqual(['จำนวนคนเป้าหมาย: ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 50'])
  })
})
