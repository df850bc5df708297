import { z } from 'zod'
import { isIsoDateFast } from '../schema/dates'
import { isoDate, monthKey } from '../schema/date-schemas'

/*
 * The score command's interchange input (SCORING.md, "ScoreInput"), one schema per mission. `z.infer`
 * gives the TypeScript types the engine takes. Unknown keys are stripped, not refused: exports from
 * other tools carry extra columns. Households may carry `village` / `tambon`, used only by the advice.
 */

/** What was received, for messages: `got "yes"`, or `missing`. */
function got(input: unknown): string {
  return input === undefined ? 'missing' : `got ${JSON.stringify(input)}`
}
const num = (what: string) => z.number({ error: (iss) => `expected ${what}, ${got(iss.input)}` })
const count = num('a whole number ≥ 0')
  .int({ error: (iss) => `expected a whole number ≥ 0, ${got(iss.input)}` })
  .min(0, { error: (iss) => `expected a whole number ≥ 0, ${got(iss.input)}` })
const amount = num('an amount ≥ 0').min(0, { error: (iss) => `expected an amount ≥ 0, ${got(iss.input)}` })
const positiveAmount = num('an amount > 0').gt(0, { error: (iss) => `expected an amount > 0, ${got(iss.input)}` })
const bool = z.boolean({ error: (iss) => `expected true or false, ${got(iss.input)}` })
const text = z.string({ error: (iss) => `expected a string, ${got(iss.input)}` })

export const dimensionSchema = z.enum(['income', 'health', 'living', 'education', 'access'])
export type Dimension = z.infer<typeof dimensionSchema>
export const DIMENSIONS: readonly Dimension[] = dimensionSchema.options

const dimFlags = z.object({
  income: bool.optional(),
  health: bool.optional(),
  living: bool.optional(),
  education: bool.optional(),
  access: bool.optional(),
})
const dimDates = z.object({
  income: isoDate.optional(),
  health: isoDate.optional(),
  living: isoDate.optional(),
  education: isoDate.optional(),
  access: isoDate.optional(),
})

export const postSchema = z.object({ on: isoDate, channel: text })
export type Post = z.infer<typeof postSchema>
const datedSchema = z.object({ on: isoDate })

export const householdSchema = z.object({
  id: text,
  inTpmap: bool,
  targetPersons: count,
  verifiedOn: isoDate.optional(),
  planOn: isoDate.optional(),
  mentorVisits: z.array(isoDate).optional(),
  failing: dimFlags.optional(),
  assisted: dimDates.optional(),
  survivingOn: isoDate.optional(),
  village: text.optional(),
  tambon: text.optional(),
})
export type Household = z.infer<typeof householdSchema>

const DIM_KEYS = ['income', 'health', 'living', 'education', 'access'] as const
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const optDate = (v: unknown) => v === undefined || (typeof v === 'string' && isIsoDateFast(v))
const optString = (v: unknown) => v === undefined || typeof v === 'string'

/**
 * The rules of `householdSchema`, checked by hand. A national export has 568,047 households, and zod
 * builds a copy of each; this check builds nothing, so valid data passes at a fraction of the cost.
 * It only ever says yes or no: any no sends the whole input through zod for the messages. A property
 * test keeps it equal to the schema.
 */
export function isValidHousehold(h: unknown): h is Household {
  if (!isRecord(h)) return false
  if (typeof h.id !== 'string' || typeof h.inTpmap !== 'boolean') return false
  const tp = h.targetPersons
  if (typeof tp !== 'number' || !Number.isInteger(tp) || tp < 0) return false
  if (!optDate(h.verifiedOn) || !optDate(h.planOn) || !optDate(h.survivingOn)) return false
  if (!optString(h.village) || !optString(h.tambon)) return false
  const visits = h.mentorVisits
  if (visits !== undefined) {
    if (!Array.isArray(visits)) return false
    for (const v of visits) if (typeof v !== 'string' || !isIsoDateFast(v)) return false
  }
  const failing = h.failing
  if (failing !== undefined) {
    if (!isRecord(failing)) return false
    for (const k of DIM_KEYS) if (failing[k] !== undefined && typeof failing[k] !== 'boolean') return false
  }
  const assisted = h.assisted
  if (assisted !== undefined) {
    if (!isRecord(assisted)) return false
    for (const k of DIM_KEYS) if (!optDate(assisted[k])) return false
  }
  return true
}

export const m1Schema = z.object({
  households: z.array(householdSchema),
  prPosts: z.array(postSchema).optional(),
  monitoringReports: z.array(datedSchema).optional(),
})
export type M1Facts = z.infer<typeof m1Schema>

const hlmAssessment = z.object({ on: isoDate, reducesExpenses: bool, selfReliant: bool })
const clmAssessment = z.object({
  on: isoDate,
  khok: bool,
  nong: bool,
  na: bool,
  learningStations: count,
  trainersAndMedia: bool,
  committee: bool,
  visitors: count,
})
/** The assessment's shape follows the plot's kind, so a CLM site cannot carry an HLM assessment. */
export const plotSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ id: text, kind: z.literal('HLM'), assessment: hlmAssessment.optional(), village: text.optional(), tambon: text.optional() }),
    z.object({ id: text, kind: z.literal('CLM'), assessment: clmAssessment.optional(), village: text.optional(), tambon: text.optional() }),
  ],
  { error: (iss) => `expected kind "HLM" or "CLM", ${got((iss.input as { kind?: unknown } | undefined)?.kind)}` },
)
export type Plot = z.infer<typeof plotSchema>

export const m2Schema = z.object({
  disbursement: z.object({ extensionRequested: bool, completedOn: isoDate.optional() }).optional(),
  complaints: z.array(z.object({ receivedOn: isoDate, resolvedOn: isoDate.optional() })).optional(),
  prPosts: z.array(postSchema).optional(),
  plots: z.array(plotSchema).optional(),
})
export type M2Facts = z.infer<typeof m2Schema>

export const m3Schema = z.object({
  freeEvents: count,
  registeredWithoutOnline: positiveAmount,
  channels: z.array(z.object({ name: text, newOperators: count })),
})
export type M3Facts = z.infer<typeof m3Schema>

export const m4Schema = z.object({ planOn: isoDate.optional(), activitiesPlanned: count, activitiesDone: count })
export type M4Facts = z.infer<typeof m4Schema>

export const m5Schema = z.object({ defaultedAmount: amount, recoveredAmount: amount })
export type M5Facts = z.infer<typeof m5Schema>

export const m6Schema = z.object({ overdueAtBaseline: amount, overdueNow: amount })
export type M6Facts = z.infer<typeof m6Schema>

export const m7Schema = z.object({ baselineRevenue: positiveAmount, revenue: amount })
export type M7Facts = z.infer<typeof m7Schema>

export const m8Schema = z.object({
  mechanismAppointed: bool,
  literacyMeetingHeld: bool,
  dataUpdatedMonths: z.array(monthKey),
  prPosts: z.array(postSchema),
  activities: z.array(datedSchema),
  downloads: count,
})
export type M8Facts = z.infer<typeof m8Schema>

export const scoreInputSchema = z.object({
  asOf: isoDate,
  area: text.optional(),
  province: text.optional(),
  m1: m1Schema.optional(),
  m2: m2Schema.optional(),
  m3: m3Schema.optional(),
  m4: m4Schema.optional(),
  m5: m5Schema.optional(),
  m6: m6Schema.optional(),
  m7: m7Schema.optional(),
  m8: m8Schema.optional(),
})
export type ScoreInput = z.infer<typeof scoreInputSchema>
