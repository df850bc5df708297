import { z } from 'zod'
import { isoDate, monthKey } from './date-schemas'
import { photoRefs } from './media'
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './limits'

/*
 * One zod schema per document type. Each is the single source of: the TypeScript type (z.infer),
 * form validation, the read-back parse of docs arriving by replication, and — through
 * z.toJSONSchema — the shape check of CouchDB's validate_doc_update. So rules here are written in
 * what JSON Schema can say (types, ranges, enums, patterns); a rule it cannot say (a date after
 * another) lives in the form layer and is named there.
 *
 * Objects are "loose": a field added by a newer app version survives a round trip through an older
 * one instead of being stripped on save.
 */

export const SCHEMA_VERSION = 1

export const DIMENSIONS = ['income', 'health', 'living', 'education', 'access'] as const
export type Dimension = (typeof DIMENSIONS)[number]

export const MISSIONS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'] as const
export type MissionKey = (typeof MISSIONS)[number]

export const PR_CHANNELS = ['facebook', 'line', 'website', 'youtube', 'tiktok', 'radio', 'tv', 'newspaper', 'print', 'event', 'other'] as const
export const COMPLAINT_CHANNELS = ['phone', 'letter', 'walk-in', 'online', 'damrongdhama', 'other'] as const

const text = (max: number) => z.string().max(max).regex(/\S/, { error: 'must not be empty' })
const optionalText = (max: number) => z.string().max(max).optional()
const count = z.number().int().min(0).max(1_000_000)

/** An area code: 2 digits (province), 4 (district), 6 (sub-district), 8 (village). */
export const provinceCode = z.string().regex(/^\d{2}$/, { error: 'expected a 2-digit province code' })
export const districtCode = z.string().regex(/^\d{4}$/, { error: 'expected a 4-digit district code' })
export const tambonCode = z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit sub-district code' })
export const villageCode = z.string().regex(/^\d{8}$/, { error: 'expected an 8-digit village code' })

/** Photos only (JPEG, PNG, WebP), each at most 2 MB; `data` is base64 (4/3 of the bytes). */
const attachment = z.looseObject({
  content_type: z.enum(ATTACHMENT_TYPES),
  length: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES).optional(),
  data: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4).optional(),
})

/** Fields every doc carries. `district` is the area of the db it lives in (district, or province for facts). */
const envelope = {
  _id: z.string().min(1).max(200),
  _rev: z.string().optional(),
  _attachments: z.record(z.string(), attachment).optional(),
  schema: z.literal(SCHEMA_VERSION),
  district: z.string().regex(/^\d{2}(\d{2})?$/, { error: 'expected the 4-digit district code (or 2-digit province code)' }),
  createdBy: text(100),
  createdAt: z.iso.datetime(),
  updatedBy: text(100),
  updatedAt: z.iso.datetime(),
  device: text(100),
  /** Conflict resolution: the losing leaf revisions this revision merged (src/sync/resolve.ts). */
  supersedes: z.array(z.string().max(100)).max(100).optional(),
}

const gps = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000),
  at: z.iso.datetime().optional(),
})

// ── Reference data (imported by supervisors) ────────────────────────────────────────────────────

export const villageDoc = z.looseObject({
  ...envelope,
  type: z.literal('village'),
  code: villageCode,
  moo: z.number().int().min(0).max(99),
  name: text(120),
  tambonCode,
  tambonName: text(120),
})

export const plotDoc = z.looseObject({
  ...envelope,
  type: z.literal('plot'),
  kind: z.enum(['HLM', 'CLM']),
  plotNo: text(40),
  tambonCode,
  villageCode: villageCode.optional(),
  ownerName: optionalText(120),
  /** HLM plots are at most 3 rai by the programme's definition; CLM sites are larger. */
  areaRai: z.number().min(0).max(1000).optional(),
})

// ── Edited records (may conflict; the app shows both sides) ─────────────────────────────────────

const failing = z.object({
  income: z.boolean(),
  health: z.boolean(),
  living: z.boolean(),
  education: z.boolean(),
  access: z.boolean(),
})

export const householdDoc = z.looseObject({
  ...envelope,
  type: z.literal('household'),
  villageCode,
  houseId: text(40),
  headName: text(120),
  targetPersons: z.number().int().min(0).max(50),
  /** false: a household TPMAP missed, added by an officer (exclusion error, คนตกหล่น). */
  inTpmap: z.boolean(),
  verifiedOn: isoDate.optional(),
  planOn: isoDate.optional(),
  failing: failing.optional(),
  survivingOn: isoDate.optional(),
  note: optionalText(2000),
})

export const complaintDoc = z.looseObject({
  ...envelope,
  type: z.literal('complaint'),
  receivedOn: isoDate,
  channel: z.enum(COMPLAINT_CHANNELS),
  subject: text(500),
  tambonCode,
  plotId: z.string().optional(),
  resolvedOn: isoDate.optional(),
  resolution: optionalText(2000),
})

// ── Append-only observations (two phones adding never conflict) ─────────────────────────────────

export const mentorVisitDoc = z.looseObject({
  ...envelope,
  type: z.literal('mentor-visit'),
  householdId: z.string().min(1),
  on: isoDate,
  note: optionalText(2000),
})

export const assistanceDoc = z.looseObject({
  ...envelope,
  type: z.literal('assistance'),
  householdId: z.string().min(1),
  dimension: z.enum(DIMENSIONS),
  what: text(500),
  agency: text(200),
  on: isoDate,
})

const hlmAssessment = z.looseObject({
  ...envelope,
  type: z.literal('plot-assessment'),
  plotId: z.string().min(1),
  kind: z.literal('HLM'),
  on: isoDate,
  areaRai: z.number().min(0).max(3, { error: 'an HLM plot is at most 3 rai' }).optional(),
  reducesExpenses: z.boolean(),
  selfReliant: z.boolean(),
  gps: gps.optional(),
  /** Thumbnails inline, full photos in the media store (src/schema/media.ts). */
  photos: photoRefs.optional(),
  note: optionalText(2000),
})

export const LEARNING_TOPICS = ['people', 'soil', 'water', 'forest'] as const

const clmAssessment = z.looseObject({
  ...envelope,
  type: z.literal('plot-assessment'),
  plotId: z.string().min(1),
  kind: z.literal('CLM'),
  on: isoDate,
  khok: z.boolean(),
  nong: z.boolean(),
  na: z.boolean(),
  /** Learning stations (ฐานเรียนรู้) by topic: คน, ดิน, น้ำ, ป่า. The rubric counts their total. */
  stations: z.object({ people: count, soil: count, water: count, forest: count }),
  trainersAndMedia: z.boolean(),
  committee: z.boolean(),
  visitors: count,
  gps: gps.optional(),
  photos: photoRefs.optional(),
  note: optionalText(2000),
})

export const plotAssessmentDoc = z.discriminatedUnion('kind', [hlmAssessment, clmAssessment])

export const prPostDoc = z.looseObject({
  ...envelope,
  type: z.literal('pr-post'),
  on: isoDate,
  channel: z.enum(PR_CHANNELS),
  mission: z.enum(MISSIONS),
  tambonCode: tambonCode.optional(),
  /** https only: a `javascript:` or `data:` link would run in whoever opens it. */
  link: z.url().max(2000).regex(/^https:\/\/[^\s]+$/, { error: 'expected an https:// link' }).optional(),
})

export const monitoringReportDoc = z.looseObject({
  ...envelope,
  type: z.literal('monitoring-report'),
  on: isoDate,
  mission: z.enum(MISSIONS),
  note: optionalText(2000),
})

// ── Province-level facts (missions 2–8, entered by supervisors) ─────────────────────────────────

const factsEnvelope = { ...envelope, type: z.literal('province-facts'), province: provinceCode }

const m2Facts = z.looseObject({
  ...factsEnvelope,
  mission: z.literal('m2'),
  extensionRequested: z.boolean(),
  completedOn: isoDate.optional(),
})
const m3Facts = z.looseObject({
  ...factsEnvelope,
  mission: z.literal('m3'),
  freeEvents: count,
  registeredWithoutOnline: z.number().int().min(1, { error: 'must be more than 0' }),
  channels: z.array(z.object({ name: text(120), newOperators: count })).max(50),
})
const m4Facts = z.looseObject({
  ...factsEnvelope,
  mission: z.literal('m4'),
  planOn: isoDate.optional(),
  activitiesPlanned: count,
  activitiesDone: count,
})
const money = z.number().min(0).max(1e13)
const m5Facts = z.looseObject({ ...factsEnvelope, mission: z.literal('m5'), defaultedAmount: money, recoveredAmount: money })
const m6Facts = z.looseObject({ ...factsEnvelope, mission: z.literal('m6'), overdueAtBaseline: money, overdueNow: money })
const m7Facts = z.looseObject({
  ...factsEnvelope,
  mission: z.literal('m7'),
  baselineRevenue: z.number().positive({ error: 'must be more than 0' }).max(1e13),
  revenue: money,
})
const m8Facts = z.looseObject({
  ...factsEnvelope,
  mission: z.literal('m8'),
  mechanismAppointed: z.boolean(),
  literacyMeetingHeld: z.boolean(),
  dataUpdatedMonths: z.array(monthKey).max(24),
  activities: z.array(z.object({ on: isoDate, what: optionalText(500) })).max(500),
  downloads: count,
})

export const provinceFactsDoc = z.discriminatedUnion('mission', [m2Facts, m3Facts, m4Facts, m5Facts, m6Facts, m7Facts, m8Facts])

// ── Reviews and edit history (issue 15; append-only, author in the id) ─────────────────────────

/** Records a supervisor can approve or return for correction. */
export const REVIEWABLE_TYPES = ['household', 'plot-assessment', 'complaint', 'mentor-visit', 'assistance'] as const
export type ReviewableType = (typeof REVIEWABLE_TYPES)[number]

const reviewBase = {
  ...envelope,
  type: z.literal('review'),
  recordId: z.string().min(1).max(200),
  recordType: z.enum(REVIEWABLE_TYPES),
  /** The reviewed revision: the record's `updatedAt` when the supervisor looked. An edit after it makes the record "waiting" again. */
  recordUpdatedAt: z.iso.datetime(),
  recordRev: z.string().max(100).optional(),
}

/** Returned for correction needs a comment saying what to fix; an approval may have one. */
export const reviewDoc = z.discriminatedUnion('state', [
  z.looseObject({ ...reviewBase, state: z.literal('approved'), comment: optionalText(2000) }),
  z.looseObject({ ...reviewBase, state: z.literal('returned'), comment: text(2000) }),
])

/** One field's change: JSON values before and after (absent = undefined, kept out of the doc). */
const fieldChange = z.object({ field: z.string().min(1).max(100), from: z.unknown().optional(), to: z.unknown().optional() })

/**
 * Who changed which fields of an edited record, from what to what. Written by the repository next
 * to every edit (CouchDB compacts old revisions away, so history cannot live in _revs).
 */
export const historyDoc = z.looseObject({
  ...envelope,
  type: z.literal('history'),
  recordId: z.string().min(1).max(200),
  recordType: z.string().min(1).max(40),
  /** edit: a save over an existing doc; conflict: the resolution of a conflict (which side won). */
  kind: z.enum(['edit', 'conflict']),
  changes: z.array(fieldChange).max(200),
  note: optionalText(500),
})

// ── Office settings (issue 15; supervisors only, one per district, replicated to its officers) ──

/** How the mission scores count records: every record (the default), or only those whose latest review approved them. */
export const SCORE_COUNT_MODES = ['all', 'approved'] as const
export type ScoreCountMode = (typeof SCORE_COUNT_MODES)[number]

/** Id `office-settings:<district>` (src/schema/ids.ts), in that district's db: its officers receive it by sync. */
export const officeSettingsDoc = z.looseObject({
  ...envelope,
  type: z.literal('office-settings'),
  scoresCount: z.enum(SCORE_COUNT_MODES),
})

// ── The registry ────────────────────────────────────────────────────────────────────────────────

const SCHEMAS = {
  village: villageDoc,
  plot: plotDoc,
  household: householdDoc,
  complaint: complaintDoc,
  'mentor-visit': mentorVisitDoc,
  assistance: assistanceDoc,
  'plot-assessment': plotAssessmentDoc,
  'pr-post': prPostDoc,
  'monitoring-report': monitoringReportDoc,
  'province-facts': provinceFactsDoc,
  review: reviewDoc,
  history: historyDoc,
  'office-settings': officeSettingsDoc,
} as const

export type DocType = keyof typeof SCHEMAS
export const DOC_TYPES = Object.keys(SCHEMAS) as DocType[]

/** Written by supervisors only (imported lists and province facts). */
export const REFERENCE_TYPES: readonly DocType[] = ['village', 'plot', 'province-facts', 'office-settings']
/** Never changed once written, except by a supervisor's correction. */
export const APPEND_ONLY_TYPES: readonly DocType[] = ['mentor-visit', 'assistance', 'plot-assessment', 'pr-post', 'monitoring-report', 'review', 'history']

export function isDocType(value: unknown): value is DocType {
  return typeof value === 'string' && Object.hasOwn(SCHEMAS, value)
}

export function docSchemaFor<T extends DocType>(type: T): (typeof SCHEMAS)[T] {
  return SCHEMAS[type]
}

export type VillageDoc = z.infer<typeof villageDoc>
export type PlotDoc = z.infer<typeof plotDoc>
export type HouseholdDoc = z.infer<typeof householdDoc>
export type ComplaintDoc = z.infer<typeof complaintDoc>
export type MentorVisitDoc = z.infer<typeof mentorVisitDoc>
export type AssistanceDoc = z.infer<typeof assistanceDoc>
export type PlotAssessmentDoc = z.infer<typeof plotAssessmentDoc>
export type HlmAssessmentDoc = z.infer<typeof hlmAssessment>
export type ClmAssessmentDoc = z.infer<typeof clmAssessment>
export type PrPostDoc = z.infer<typeof prPostDoc>
export type MonitoringReportDoc = z.infer<typeof monitoringReportDoc>
export type ProvinceFactsDoc = z.infer<typeof provinceFactsDoc>
export type ReviewDoc = z.infer<typeof reviewDoc>
export type HistoryDoc = z.infer<typeof historyDoc>
export type OfficeSettingsDoc = z.infer<typeof officeSettingsDoc>
export type AnyDoc =
  | VillageDoc
  | PlotDoc
  | HouseholdDoc
  | ComplaintDoc
  | MentorVisitDoc
  | AssistanceDoc
  | PlotAssessmentDoc
  | PrPostDoc
  | MonitoringReportDoc
  | ProvinceFactsDoc
  | ReviewDoc
  | HistoryDoc
  | OfficeSettingsDoc

/** The fields the repository fills in; forms never ask for them. */
export type EnvelopeFields = '_id' | '_rev' | 'schema' | 'district' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt' | 'device'
