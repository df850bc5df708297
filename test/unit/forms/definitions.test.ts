import { describe, expect, it } from 'vitest'
import { MESSAGES_FORMS } from '../../../src/app/i18n/messages-forms'
import { MESSAGES } from '../../../src/app/i18n/messages'
import { docSchemaFor } from '../../../src/schema'
import { FORMS, clmAssessmentForm, clmStatus, formFor, hlmAssessmentForm, hlmStatus, assistanceForm } from '../../../src/forms/definitions'
import { schemaAt, validateForm } from '../../../src/forms/validate'
import { initialValues, toDocValues } from '../../../src/forms/values'
import type { FieldDef, FormContext, FormDef, FormValues } from '../../../src/forms/types'
import { clmSuccess, hlmSuccess } from '../../../src/store/projector'

const keys = new Set([...Object.keys(MESSAGES_FORMS), ...Object.keys(MESSAGES)])
const ctx: FormContext = {
  today: '2022-03-01',
  parent: 'household:43010101:12',
  household: { villageCode: '43010101', houseId: '12', inTpmap: true, failing: { income: true, health: false, living: true, education: false, access: false } },
  tambons: [{ code: '430101', name: 'ในเมือง' }],
  plots: [],
}

/** A filled-in form for each kind: what an officer would type. */
const FILLED: Record<string, FormValues> = {
  household: { headName: 'นางบุญมี ศรีสุข', targetPersons: '3', verifiedOn: '2021-12-20', planOn: '2021-12-25', failing: { income: true }, survivingOn: '2022-02-01' },
  'household-new': { houseId: '99', headName: 'นายตกหล่น', targetPersons: '๒', verifiedOn: '2021-12-28' },
  'mentor-visit': { on: '2022-02-01', note: 'ติดตามแผน' },
  assistance: { dimension: 'income', what: 'พันธุ์ไก่ไข่', agency: 'ปศุสัตว์อำเภอ', on: '2022-02-01' },
  'plot-assessment': { on: '2022-02-01', areaRai: '2.5', reducesExpenses: true, selfReliant: true, gps: { lat: 17.88, lng: 102.74, accuracyM: 8, at: '2022-02-01T03:00:00.000Z' } },
  complaint: { receivedOn: '2022-01-03', channel: 'phone', subject: 'น้ำท่วมแปลง', tambonCode: '430101' },
  'pr-post': { on: '2022-01-04', channel: 'facebook', mission: 'm1', link: 'https://www.facebook.com/cdd/posts/1' },
  'monitoring-report': { on: '2022-01-31', mission: 'm1' },
}

function fieldsDeep(fields: readonly FieldDef[]): FieldDef[] {
  return fields.flatMap((f) => [f, ...fieldsDeep(f.itemFields ?? [])])
}

describe('form definitions against the schemas', () => {
  for (const def of FORMS) {
    it(`${def.kind} (${def.title}): every field maps to a schema field and has Thai and English labels`, () => {
      expect(keys.has(def.title), def.title).toBe(true)
      for (const field of fieldsDeep(def.fields)) {
        expect(keys.has(field.label), `${def.kind}.${field.name} label ${field.label}`).toBe(true)
        if (field.help) expect(keys.has(field.help), field.help).toBe(true)
        if (Array.isArray(field.options)) for (const o of field.options) if (!o.literal) expect(keys.has(o.label), o.label).toBe(true)
        if (field.type === 'heading' || field.type === 'photos') continue
        expect(schemaAt(docSchemaFor(def.docType) as never, field.name.split('.')), `${def.kind}: ${field.name} is not in the ${def.docType} schema`).toBeDefined()
      }
    })
  }

  it('a filled-in form of each kind is valid and makes a doc its schema accepts', () => {
    for (const def of FORMS) {
      const filled = def === clmAssessmentForm ? { on: '2022-02-01', khok: true, nong: true, na: true, stations: { people: '3', soil: '2', water: '2', forest: '2' }, trainersAndMedia: true, committee: true, visitors: '120' } : FILLED[def.kind]!
      const c = def.kind === 'household-new' ? { ...ctx, parent: '43010101' } : def.kind === 'plot-assessment' ? { ...ctx, parent: 'plot:430101:H-001' } : ctx
      const values = { ...initialValues(def, c), ...filled }
      expect(validateForm(def, values, c), def.kind).toEqual([])
      const doc = toDocValues(def, values, c)
      const envelope = { _id: 'x', schema: 1, district: '4301', createdBy: 'o', createdAt: '2022-01-05T03:00:00.000Z', updatedBy: 'o', updatedAt: '2022-01-05T03:00:00.000Z', device: 'd' }
      expect(docSchemaFor(def.docType).safeParse({ ...envelope, ...doc, type: def.docType }).success, def.kind).toBe(true)
    }
  })

  it('offers assistance only on the dimensions the household fails', () => {
    const field = assistanceForm.fields.find((f) => f.name === 'dimension')!
    const options = typeof field.options === 'function' ? field.options({}, ctx) : []
    expect(options.map((o) => o.value)).toEqual(['income', 'living'])
  })

  it('picks the HLM or CLM form by the plot kind', () => {
    expect(formFor('plot-assessment', 'HLM')).toBe(hlmAssessmentForm)
    expect(formFor('plot-assessment', 'CLM')).toBe(clmAssessmentForm)
    expect(formFor('nonsense')).toBeUndefined()
  })

  it('the live verdict agrees with the projector’s success rules and names what is missing', () => {
    expect(hlmStatus({ reducesExpenses: true, selfReliant: false })).toEqual({ ok: false, label: 'status.notYet', missing: ['crit.hlm.selfReliant'] })
    expect(hlmStatus({ reducesExpenses: true, selfReliant: true }).ok).toBe(hlmSuccess({ reducesExpenses: true, selfReliant: true }))
    const full = { khok: true, nong: true, na: true, stations: { people: 3, soil: 2, water: 2, forest: 2 }, trainersAndMedia: true, committee: true, visitors: 1 }
    expect(clmStatus(full)).toEqual({ ok: true, label: 'status.success', missing: [] })
    expect(clmSuccess(full)).toBe(true)
    const weak = { ...full, na: false, stations: { people: 2, soil: 2, water: 2, forest: 2 }, visitors: 0 }
    expect(clmStatus(weak).missing).toEqual(['crit.clm.physical', 'crit.clm.stations', 'crit.clm.visitors'])
    expect(clmSuccess(weak)).toBe(false)
  })

  it('a definition is plain data a supervisor form can reuse (list fields validate per item)', () => {
    const m3: FormDef = {
      kind: 'facts-m3',
      docType: 'province-facts',
      title: 'form.report.title',
      fields: [
        { name: 'freeEvents', type: 'number', label: 'field.visitors', required: true },
        { name: 'registeredWithoutOnline', type: 'number', label: 'field.visitors', required: true },
        { name: 'channels', type: 'list', label: 'field.stations', itemFields: [{ name: 'name', type: 'text', label: 'field.subject', required: true }, { name: 'newOperators', type: 'number', label: 'field.visitors', required: true }] },
      ],
      fixed: () => ({ province: '43', mission: 'm3' }),
    }
    const issues = validateForm(m3, { freeEvents: '3', registeredWithoutOnline: '0', channels: [{ name: 'Shopee', newOperators: '-2' }, { name: '' }] }, ctx)
    expect(issues.map((i) => i.path)).toEqual(['registeredWithoutOnline', 'channels.0.newOperators', 'channels.1.name', 'channels.1.newOperators'])
  })
})
