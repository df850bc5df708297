import type { z } from 'zod'
import type { ISODate } from '../schema/dates'
import { roundHalfUp } from './bands'
import { scoreMissions } from './engine'
import type { Household, ScoreInput } from './input-schema'
import { isValidHousehold, scoreInputSchema } from './input-schema'
import type { MissionId, Rubric } from './rubric-fy2565'
import { FY2565, MISSION_IDS, provinceSize } from './rubric-fy2565'
import type { MissionScore } from './types'

/*
 * The scoring engine's public API. Pure: facts and an explicit `asOf` in, a score out. It never reads
 * the clock, storage or the UI. An area's score is the score of the union of its villages' facts, so a
 * district is scored by concatenating its villages' households, plots and posts; province-level facts
 * (m2.disbursement, missions 3–8) belong to the province.
 */

export * from './types'
export * from './input-schema'
export { FY2565, MISSION_IDS, provinceSize, downloadTarget, UnknownProvinceError } from './rubric-fy2565'
export type { Band, Bands, MissionId, ProvinceSize, Rubric } from './rubric-fy2565'
export { band, reaches, ratioPoints, roundHalfUp, levelFromTable, BAND_EPSILON } from './bands'
export { scoreMission1 } from './missions/m1'
export { scoreMission2, plotSucceeds } from './missions/m2'
export { scoreMission4 } from './missions/m4'
export { scoreMission8 } from './missions/m8'
export { scoreMission3, scoreMission5, scoreMission6, scoreMission7 } from './missions/graded'
export { GRADED_MISSIONS, missionMax, levelTable, levelFor, scoreMission, scoreMissions } from './engine'
export type { MissionFacts, ScoreContext } from './engine'
export * from './advice'
export { EDITION_FORMAT, editionShape, editionSchema, parseEdition, fiscalYearWindow, formatEditionPath } from './edition-schema'
export type { EditionIssue } from './edition-schema'
export { BUILT_IN_EDITIONS, chooseEdition, demoEdition, fiscalYearBE, mergeEditions, newestBefore, rollDate, rollForward, rollTo } from './editions'
export type { EditionChoice } from './editions'
export { MESSAGES, message } from './messages'
export type { Lang, Message, MessageKey } from './messages'

/** SCORING.md's interchange output. */
export type ScoreOutput = {
  area?: string
  asOf: ISODate
  missions: {
    mission: MissionId
    total: number
    max: number
    level: number
    items: { id: string; points: number; max: number; value?: number; pending?: boolean; na?: boolean }[]
  }[]
}

/** The interchange JSON: points and totals rounded half-up to 2 decimals, no labels or details. */
export function toScoreOutput(scores: readonly MissionScore[], asOf: ISODate, area?: string): ScoreOutput {
  const out: ScoreOutput = area !== undefined ? { area, asOf, missions: [] } : { asOf, missions: [] }
  const sorted = [...scores].sort((a, b) => MISSION_IDS.indexOf(a.mission) - MISSION_IDS.indexOf(b.mission))
  for (const s of sorted) {
    out.missions.push({
      mission: s.mission,
      total: roundHalfUp(s.total),
      max: s.max,
      level: s.level,
      items: s.items.map((i) => {
        const o: ScoreOutput['missions'][number]['items'][number] = { id: i.id, points: roundHalfUp(i.points), max: i.max }
        if (i.value !== undefined) o.value = i.value
        if (i.pending) o.pending = true
        if (i.na) o.na = true
        return o
      }),
    })
  }
  return out
}

/** Scores a validated input into the interchange output. */
export function scoreAll(input: ScoreInput, rubric: Rubric = FY2565): ScoreOutput {
  return toScoreOutput(scoreMissions(input, rubric), input.asOf, input.area)
}

/**
 * The rubric's cross-field rule, checked on the raw data so it is reported together with every other
 * bad field (zod skips refinements of an object that already failed): mission 8 needs a known province.
 */
export function provinceIssues(data: unknown, rubric: Rubric = FY2565): InputIssue[] {
  if (typeof data !== 'object' || data === null) return []
  const { m8, province } = data as { m8?: unknown; province?: unknown }
  if (m8 === undefined) return []
  if (province === undefined) {
    return [{ path: 'province', message: 'expected the province (Thai name, e.g. "หนองคาย"): mission 8 needs it' }]
  }
  if (typeof province === 'string' && !provinceSize(province, rubric)) {
    return [{ path: 'province', message: `expected one of the 76 provinces of the mission 8 lists (official Thai name), got "${province}"` }]
  }
  return []
}

export type InputIssue = { path: string; message: string }

/** Formats a zod path as `m1.households[3].verifiedOn`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = ''
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`
    else s += s === '' ? String(k) : `.${String(k)}`
  }
  return s === '' ? '(input)' : s
}

/** Validates unknown data as a ScoreInput; on failure, every bad field with its path. */
export function parseScoreInput(
  data: unknown,
  rubric: Rubric = FY2565,
): { ok: true; input: ScoreInput } | { ok: false; issues: InputIssue[] } {
  const fast = parseWithValidHouseholds(data)
  if (fast) {
    const issues = provinceIssues(data, rubric)
    if (issues.length === 0) return { ok: true, input: fast }
  }
  const res = scoreInputSchema.safeParse(data)
  const issues = [...(res.success ? [] : issuesOf(res.error)), ...provinceIssues(data, rubric)]
  if (res.success && issues.length === 0) return { ok: true, input: res.data }
  return { ok: false, issues }
}

/**
 * Fast path for the bulk of a national export: when every household passes isValidHousehold (the
 * schema's rules, checked without building copies), zod validates everything else and the households
 * are kept as they are (unknown keys included; the engine ignores them). Undefined when the input
 * needs the full zod pass.
 */
function parseWithValidHouseholds(data: unknown): ScoreInput | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const m1 = (data as { m1?: unknown }).m1
  if (typeof m1 !== 'object' || m1 === null) return undefined
  const households = (m1 as { households?: unknown }).households
  if (!Array.isArray(households)) return undefined
  for (const h of households) if (!isValidHousehold(h)) return undefined
  const res = scoreInputSchema.safeParse({ ...data, m1: { ...m1, households: [] } })
  if (!res.success || !res.data.m1) return undefined
  res.data.m1.households = households as Household[]
  return res.data
}

function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
}
