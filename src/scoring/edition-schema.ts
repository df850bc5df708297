import { z } from 'zod'
import { isIsoDate } from '../schema/dates'
import { fromBuddhistYear } from '../schema/thai-numbers'

/*
 * A rubric edition as data: one JSON document per Thai fiscal year (issue 13). Every date, window,
 * threshold, band and seed reading the engine uses is here, so an office loads next year's rules
 * without a new build. The built-in FY2565 edition (rubric-fy2565.ts) has this shape; editions
 * published by supervisors (`rubric:<year>` docs), rolled forward (roll.ts) or read from a file by
 * the CLI are checked with `parseEdition`, which names the field path of every problem.
 *
 * Only plain JSON Schema keywords are used for the shape (types, min/max, date formats) so the same
 * schema, converted with z.toJSONSchema, is what CouchDB's validate_doc_update checks; the cross-field
 * rules (dates inside the fiscal year, bands highest first) are client-side refinements.
 */

/** Format version of an edition document; bump when its shape changes. */
export const EDITION_FORMAT = 1

const isoDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' })
const win = z.object({ start: isoDate, end: isoDate })
const band = z.object({ min: z.number(), points: z.number().min(0) })
const bands = z.array(band).min(1, { error: 'expected at least one band' })
const points = z.number().min(0)
const count = z.number().int().min(0)

const m1 = z.object({
  verifyBy: isoDate,
  assistBy: isoDate,
  prWindow: win,
  reportWindow: win,
  max: z.object({ '1.1': points, '1.2': points, '2.1': points, '2.2.1': points, '2.2.2': points, '2.3': points, '3.1': points, '3.2': points, '4': points }),
  mentorVisitsPerMonth: count,
  otherDimensions: z.array(z.enum(['health', 'living', 'education', 'access'])),
  survivingBands: bands,
  pr: z.object({ minChannels: count, minPostsPerWeek: count }),
  minReportsPerMonth: count,
  exclusionBands: bands,
  levels: bands,
  totalMax: points,
  leavesAuthoritative: z.boolean(),
})

const m2 = z.object({
  deadline: isoDate,
  max: z.object({ '1': points, '2': points, '3': points, '4': points }),
  disbursement: z.object({
    onTime: z.object({ by: isoDate, points }),
    extended: z.array(z.object({ by: isoDate, points })),
  }),
  complaints: z.object({
    none: points,
    bySlowestDays: z.array(z.object({ maxDays: count, points })),
    otherwise: points,
  }),
  pr: z.object({
    window: win,
    monthlyBands: bands,
    lowestBand: z.object({ reading: z.string(), minPostsInWindow: count, points }),
  }),
  success: z.object({ clmMinLearningStations: count, clmVisitorsAbove: count, bands }),
  levels: bands,
  totalMax: points,
})

const m3 = z.object({
  rows: z.array(z.object({ level: z.number().int().min(0).max(5), minEvents: count, minChannels: count, minPct: z.number().min(0) })).min(1),
})

const m4 = z.object({
  planBy: isoDate,
  activityWindow: win,
  max: z.object({ '1': points, '2': points }),
  activityBands: bands,
  levels: bands,
  totalMax: points,
})

const provinceList = z.array(z.string().min(1))

const m8 = z.object({
  max: z.object({ '1.1': points, '1.2': points, '1.3': points, '2': points, '3': points, '4': points }),
  dataWindow: win,
  prWindow: win,
  pr: z.object({ minPostsPerMonth: count, minChannels: count }),
  activityWindow: win,
  minActivitiesPerQuarter: count,
  downloadTargets: z.object({ small: count, medium: count, large: count }),
  provinces: z.object({ small: provinceList, medium: provinceList, large: provinceList }),
  seedSpellings: z.record(z.string(), z.string()),
  levels: bands,
  totalMax: points,
})

/** The shape alone (what the server checks, as JSON Schema). */
export const editionShape = z.object({
  /** Format version of this document (EDITION_FORMAT). */
  version: z.literal(EDITION_FORMAT),
  /** `FY<Buddhist-Era year>`, e.g. FY2570. */
  name: z.string().regex(/^FY25\d\d$/, { error: 'expected FY followed by the Buddhist-Era year, e.g. FY2570' }),
  /** The Buddhist-Era fiscal year (พ.ศ.): FY2570 runs 1 Oct 2026 – 30 Sep 2027. */
  year: z.number().int().min(2500).max(2700),
  fiscalYear: win,
  /** Made by rolling another edition forward (its name); an office edits only what changed. */
  derivedFrom: z.string().optional(),
  /** A demonstration edition (the demo province), labelled as such wherever it is shown. */
  demo: z.boolean().optional(),
  /** Free text: what changed, who decided. */
  note: z.string().max(2000).optional(),
  bandEpsilon: z.number().min(0).max(0.01),
  m1,
  m2,
  m3,
  m4,
  m5: z.object({ bands, noDefaultsLevel: z.number().int().min(0).max(5) }),
  m6: z.object({ baselineDate: isoDate, bands, noOverdueLevel: z.number().int().min(0).max(5) }),
  m7: z.object({ bands, floorLevel: z.number().int().min(0).max(5) }),
  m8,
})

export type Rubric = z.infer<typeof editionShape>

/** Gregorian start and end of a Buddhist-Era fiscal year: 2565 → 2021-10-01 … 2022-09-30. */
export function fiscalYearWindow(yearBE: number): { start: string; end: string } {
  const g = fromBuddhistYear(yearBE)
  return { start: `${g - 1}-10-01`, end: `${g}-09-30` }
}

type Issue = { path: (string | number)[]; message: string }

/** Every date in the edition with its path (windows as their start and end). */
export function editionDates(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; date: string }[] {
  if (typeof value === 'string') return isIsoDate(value) ? [{ path, date: value }] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => editionDates(v, [...path, i]))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => editionDates(v, [...path, k]))
  return []
}

function crossFieldIssues(e: Rubric): Issue[] {
  const issues: Issue[] = []
  const fy = fiscalYearWindow(e.year)
  if (e.name !== `FY${e.year}`) issues.push({ path: ['name'], message: `expected FY${e.year} (the edition's year)` })
  if (e.fiscalYear.start !== fy.start) issues.push({ path: ['fiscalYear', 'start'], message: `expected ${fy.start}: fiscal year ${e.year} starts on 1 October` })
  if (e.fiscalYear.end !== fy.end) issues.push({ path: ['fiscalYear', 'end'], message: `expected ${fy.end}: fiscal year ${e.year} ends on 30 September` })
  // Windows run forwards; the mission-6 baseline may lie before the year, the other dates not far outside it.
  const walk = (v: unknown, path: (string | number)[]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return
    const o = v as Record<string, unknown>
    if (typeof o.start === 'string' && typeof o.end === 'string' && o.start > o.end) {
      issues.push({ path: [...path, 'end'], message: `must be on or after the window's start ${o.start}` })
    }
    for (const [k, c] of Object.entries(o)) walk(c, [...path, k])
  }
  walk(e, [])
  for (const d of editionDates(e)) {
    if (d.path[0] === 'fiscalYear') continue
    if (d.date < addYears(fy.start, -1) || d.date > addYears(fy.end, 1)) {
      issues.push({ path: d.path, message: `${d.date} is far outside fiscal year ${e.year} (${fy.start} – ${fy.end})` })
    }
  }
  // Bands are read highest first: each lower bound below the one before.
  const checkBands = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) {
      if (v.length > 1 && v.every((b) => b && typeof b === 'object' && typeof (b as { min?: unknown }).min === 'number' && typeof (b as { points?: unknown }).points === 'number')) {
        for (let i = 1; i < v.length; i++) {
          if ((v[i] as { min: number }).min >= (v[i - 1] as { min: number }).min) issues.push({ path: [...path, i, 'min'], message: 'bands are listed highest first: must be below the band before' })
        }
      }
      v.forEach((c, i) => checkBands(c, [...path, i]))
    } else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) checkBands(c, [...path, k])
  }
  checkBands(e, [])
  const seen = new Map<string, string>()
  for (const size of ['small', 'medium', 'large'] as const) {
    e.m8.provinces[size].forEach((p, i) => {
      const other = seen.get(p)
      if (other) issues.push({ path: ['m8', 'provinces', size, i], message: `"${p}" is already in the ${other} list` })
      seen.set(p, size)
    })
  }
  return issues
}

function addYears(date: string, n: number): string {
  return `${Number(date.slice(0, 4)) + n}${date.slice(4)}`
}

/** The full check: shape, then the cross-field rules. */
export const editionSchema = editionShape.superRefine((e, ctx) => {
  for (const i of crossFieldIssues(e)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message })
})

export type EditionIssue = { path: string; message: string }

/** `m1.prWindow.start`, `m2.disbursement.extended[1].by`. */
export function formatEditionPath(path: readonly PropertyKey[]): string {
  let s = ''
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`
    else s += s === '' ? String(k) : `.${String(k)}`
  }
  return s === '' ? '(edition)' : s
}

/** Validates unknown data as an edition; on failure every problem with its field path. */
export function parseEdition(data: unknown): { ok: true; edition: Rubric } | { ok: false; issues: EditionIssue[] } {
  const res = editionSchema.safeParse(data)
  if (res.success) return { ok: true, edition: res.data }
  return { ok: false, issues: res.error.issues.map((i) => ({ path: formatEditionPath(i.path), message: i.message })) }
}
