import { COMPLAINT_CHANNELS, DIMENSIONS, MISSIONS, PR_CHANNELS, type Dimension } from '../schema/docs'
import { clmSuccess, hlmSuccess } from '../store/projector'
import { needs, notBefore } from './rules'
import type { CrossFieldRule, FieldDef, FormContext, FormDef, FormStatus, FormValues, Option } from './types'

/*
 * The field officer's forms, as data (see src/forms/types.ts for the format). Labels are i18n keys
 * in src/app/i18n/messages-forms.ts. Parent rows come in `ctx`: ctx.household (the household doc
 * being checked or visited), ctx.plot (the plot row), ctx.parent (the route's parent id or code),
 * ctx.tambons / ctx.plots (choices for complaints and posts).
 */

const options = (values: readonly string[], prefix: string): Option[] => values.map((v) => ({ value: v, label: `${prefix}.${v}` }))

const failingFields: FieldDef[] = DIMENSIONS.map((d) => ({ name: `failing.${d}`, type: 'boolean', label: `dim.${d}` }))

const note: FieldDef = { name: 'note', type: 'textarea', label: 'field.note' }

/** Plan after verification, surviving after the plan: the order the mission's steps happen in. */
const householdRules: CrossFieldRule[] = [
  needs('planOn', 'verifiedOn', 'field.verifiedOn'),
  notBefore('planOn', 'verifiedOn', 'field.verifiedOn'),
  needs('survivingOn', 'planOn', 'field.planOn'),
  notBefore('survivingOn', 'planOn', 'field.planOn'),
]

interface HouseholdCtx {
  villageCode: string
  houseId: string
  inTpmap: boolean
}

export const householdForm: FormDef = {
  kind: 'household',
  docType: 'household',
  title: 'form.household.title',
  fields: [
    { name: 'headName', type: 'text', label: 'field.headName', required: true },
    { name: 'targetPersons', type: 'number', label: 'field.targetPersons', help: 'help.targetPersons', required: true },
    { name: 'verifiedOn', type: 'date', label: 'field.verifiedOn', help: 'help.verifiedOn', notFuture: true },
    { name: 'planOn', type: 'date', label: 'field.planOn', notFuture: true },
    { name: 'failingHeading', type: 'heading', label: 'field.failing' },
    ...failingFields,
    { name: 'survivingOn', type: 'date', label: 'field.survivingOn', help: 'help.survivingOn', notFuture: true },
    note,
  ],
  fixed: (ctx) => {
    const h = ctx.household as HouseholdCtx | undefined
    return h ? { villageCode: h.villageCode, houseId: h.houseId, inTpmap: h.inTpmap } : {}
  },
  rules: householdRules,
}

/** A household TPMAP missed (exclusion error): the officer adds it, verified, in its village. */
export const householdNewForm: FormDef = {
  kind: 'household-new',
  docType: 'household',
  title: 'form.householdNew.title',
  fields: [
    { name: 'houseId', type: 'text', label: 'field.houseId', required: true },
    { name: 'headName', type: 'text', label: 'field.headName', required: true },
    { name: 'targetPersons', type: 'number', label: 'field.targetPersons', help: 'help.targetPersons', required: true },
    { name: 'verifiedOn', type: 'date', label: 'field.verifiedOn', required: true, defaultToday: true, notFuture: true },
    { name: 'planOn', type: 'date', label: 'field.planOn', notFuture: true },
    { name: 'failingHeading', type: 'heading', label: 'field.failing' },
    ...failingFields,
    note,
  ],
  fixed: (ctx) => ({ villageCode: String(ctx.parent ?? ''), inTpmap: false }),
  rules: [
    ...householdRules,
    // The id is the natural key village + house number: a second "new" one would overwrite the first.
    (values, ctx) => {
      const taken = (ctx.existingHouseIds as string[] | undefined) ?? []
      const houseId = typeof values.houseId === 'string' ? values.houseId.trim() : ''
      return houseId && taken.includes(houseId) ? [{ path: 'houseId', key: 'form.err.duplicateHouse' }] : []
    },
  ],
}

export const mentorVisitForm: FormDef = {
  kind: 'mentor-visit',
  docType: 'mentor-visit',
  title: 'form.visit.title',
  fields: [{ name: 'on', type: 'date', label: 'field.visitOn', required: true, defaultToday: true, notFuture: true }, note],
  fixed: (ctx) => ({ householdId: String(ctx.parent ?? '') }),
}

/** The dimensions the household fails; all five if none is marked yet. */
export function dimensionOptions(_values: FormValues, ctx: FormContext): Option[] {
  const failing = (ctx.household as { failing?: Record<Dimension, boolean> } | undefined)?.failing
  const marked = failing ? DIMENSIONS.filter((d) => failing[d]) : []
  return options(marked.length ? marked : DIMENSIONS, 'dim')
}

export const assistanceForm: FormDef = {
  kind: 'assistance',
  docType: 'assistance',
  title: 'form.assistance.title',
  fields: [
    { name: 'dimension', type: 'radio', label: 'field.dimension', help: 'help.dimension', required: true, options: dimensionOptions },
    { name: 'what', type: 'textarea', label: 'field.what', required: true },
    { name: 'agency', type: 'text', label: 'field.agency', required: true },
    { name: 'on', type: 'date', label: 'field.assistedOn', required: true, defaultToday: true, notFuture: true },
  ],
  fixed: (ctx) => ({ householdId: String(ctx.parent ?? '') }),
}

const photos: FieldDef = { name: 'photos', type: 'photos', label: 'field.photos' }
const gps: FieldDef = { name: 'gps', type: 'gps', label: 'field.gps' }
const assessedOn: FieldDef = { name: 'on', type: 'date', label: 'field.assessedOn', required: true, defaultToday: true, notFuture: true }

/** Which HLM criteria are missing (i18n keys), for the live verdict. */
export function hlmStatus(doc: FormValues): FormStatus {
  const a = { reducesExpenses: doc.reducesExpenses === true, selfReliant: doc.selfReliant === true }
  const missing = [!a.reducesExpenses && 'crit.hlm.reducesExpenses', !a.selfReliant && 'crit.hlm.selfReliant'].filter((x): x is string => !!x)
  return { ok: hlmSuccess(a), label: hlmSuccess(a) ? 'status.success' : 'status.notYet', missing }
}

export const CLM_MIN_STATIONS = 9

export function clmStatus(doc: FormValues): FormStatus {
  const s = (doc.stations ?? {}) as Record<string, unknown>
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
  const a = {
    khok: doc.khok === true,
    nong: doc.nong === true,
    na: doc.na === true,
    stations: { people: n(s.people), soil: n(s.soil), water: n(s.water), forest: n(s.forest) },
    trainersAndMedia: doc.trainersAndMedia === true,
    committee: doc.committee === true,
    visitors: n(doc.visitors),
  }
  const total = a.stations.people + a.stations.soil + a.stations.water + a.stations.forest
  const missing = [
    !(a.khok && a.nong && a.na) && 'crit.clm.physical',
    total < CLM_MIN_STATIONS && 'crit.clm.stations',
    !a.trainersAndMedia && 'crit.clm.trainers',
    !a.committee && 'crit.clm.committee',
    !(a.visitors > 0) && 'crit.clm.visitors',
  ].filter((x): x is string => !!x)
  return { ok: clmSuccess(a), label: clmSuccess(a) ? 'status.success' : 'status.notYet', missing }
}

export const hlmAssessmentForm: FormDef = {
  kind: 'plot-assessment',
  docType: 'plot-assessment',
  title: 'form.hlm.title',
  fields: [
    assessedOn,
    { name: 'areaRai', type: 'number', label: 'field.areaRai', help: 'help.areaRai', decimal: true },
    { name: 'reducesExpenses', type: 'boolean', label: 'field.reducesExpenses', help: 'help.reducesExpenses' },
    { name: 'selfReliant', type: 'boolean', label: 'field.selfReliant', help: 'help.selfReliant' },
    photos,
    gps,
    note,
  ],
  fixed: (ctx) => ({ plotId: String(ctx.parent ?? ''), kind: 'HLM' }),
  status: hlmStatus,
}

const station = (topic: string): FieldDef => ({ name: `stations.${topic}`, type: 'number', label: `field.stations.${topic}`, required: true, initial: '0' })

export const clmAssessmentForm: FormDef = {
  kind: 'plot-assessment',
  docType: 'plot-assessment',
  title: 'form.clm.title',
  fields: [
    assessedOn,
    { name: 'physicalHeading', type: 'heading', label: 'field.physical' },
    { name: 'khok', type: 'boolean', label: 'field.khok' },
    { name: 'nong', type: 'boolean', label: 'field.nong' },
    { name: 'na', type: 'boolean', label: 'field.na' },
    { name: 'stationsHeading', type: 'heading', label: 'field.stations', help: 'help.stations' },
    station('people'),
    station('soil'),
    station('water'),
    station('forest'),
    { name: 'trainersAndMedia', type: 'boolean', label: 'field.trainersAndMedia' },
    { name: 'committee', type: 'boolean', label: 'field.committee' },
    { name: 'visitors', type: 'number', label: 'field.visitors', required: true, initial: '0' },
    photos,
    gps,
    note,
  ],
  fixed: (ctx) => ({ plotId: String(ctx.parent ?? ''), kind: 'CLM' }),
  status: clmStatus,
}

export interface TambonChoice {
  code: string
  name: string
}
export interface PlotChoice {
  id: string
  plotNo: string
  tambonCode: string
  kind: string
}

const tambonOptions = (_v: FormValues, ctx: FormContext): Option[] =>
  ((ctx.tambons as TambonChoice[] | undefined) ?? []).map((t) => ({ value: t.code, label: `${t.name} (${t.code})`, literal: true }))

export const complaintForm: FormDef = {
  kind: 'complaint',
  docType: 'complaint',
  title: 'form.complaint.title',
  fields: [
    { name: 'receivedOn', type: 'date', label: 'field.receivedOn', required: true, defaultToday: true, notFuture: true },
    { name: 'channel', type: 'select', label: 'field.complaintChannel', required: true, options: options(COMPLAINT_CHANNELS, 'opt.complaintChannel') },
    { name: 'subject', type: 'textarea', label: 'field.subject', required: true },
    { name: 'tambonCode', type: 'select', label: 'field.tambon', required: true, options: tambonOptions },
    {
      name: 'plotId',
      type: 'select',
      label: 'field.plot',
      help: 'help.plot',
      options: (values, ctx) =>
        ((ctx.plots as PlotChoice[] | undefined) ?? [])
          .filter((p) => p.tambonCode === values.tambonCode)
          .map((p) => ({ value: p.id, label: `${p.kind} ${p.plotNo}`, literal: true })),
    },
    { name: 'resolutionHeading', type: 'heading', label: 'field.resolutionHeading', showIf: (_v, ctx) => ctx.editing === true },
    { name: 'resolvedOn', type: 'date', label: 'field.resolvedOn', notFuture: true, showIf: (v, ctx) => ctx.editing === true || !!v.resolvedOn },
    { name: 'resolution', type: 'textarea', label: 'field.resolution', showIf: (v, ctx) => ctx.editing === true || !!v.resolution },
  ],
  rules: [notBefore('resolvedOn', 'receivedOn', 'field.receivedOn'), needs('resolution', 'resolvedOn', 'field.resolvedOn')],
}

export const prPostForm: FormDef = {
  kind: 'pr-post',
  docType: 'pr-post',
  title: 'form.post.title',
  fields: [
    { name: 'on', type: 'date', label: 'field.postedOn', required: true, defaultToday: true, notFuture: true },
    { name: 'channel', type: 'select', label: 'field.prChannel', required: true, options: options(PR_CHANNELS, 'opt.prChannel') },
    { name: 'mission', type: 'select', label: 'field.mission', required: true, options: options(MISSIONS, 'opt.mission'), initial: 'm1' },
    { name: 'tambonCode', type: 'select', label: 'field.tambonOptional', options: tambonOptions },
    { name: 'link', type: 'text', label: 'field.link', help: 'help.link' },
  ],
}

export const monitoringReportForm: FormDef = {
  kind: 'monitoring-report',
  docType: 'monitoring-report',
  title: 'form.report.title',
  fields: [
    { name: 'on', type: 'date', label: 'field.reportOn', required: true, defaultToday: true, notFuture: true },
    { name: 'mission', type: 'select', label: 'field.mission', required: true, options: options(MISSIONS, 'opt.mission'), initial: 'm1' },
    note,
  ],
}

export const FORMS: readonly FormDef[] = [householdForm, householdNewForm, mentorVisitForm, assistanceForm, hlmAssessmentForm, clmAssessmentForm, complaintForm, prPostForm, monitoringReportForm]

/** The form for a route kind; plot assessments depend on the plot's kind. */
export function formFor(kind: string, plotKind?: 'HLM' | 'CLM'): FormDef | undefined {
  if (kind === 'plot-assessment') return plotKind === 'CLM' ? clmAssessmentForm : plotKind === 'HLM' ? hlmAssessmentForm : undefined
  return FORMS.find((f) => f.kind === kind)
}
