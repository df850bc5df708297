import type { ISODate } from '../schema/dates'
import { levelFromTable } from './bands'
import type { M1Facts, M2Facts, M3Facts, M4Facts, M5Facts, M6Facts, M7Facts, M8Facts, ScoreInput } from './input-schema'
import { scoreMission1 } from './missions/m1'
import { scoreMission2 } from './missions/m2'
import { scoreMission4 } from './missions/m4'
import { scoreMission8 } from './missions/m8'
import { scoreMission3, scoreMission5, scoreMission6, scoreMission7 } from './missions/graded'
import type { Bands, MissionId, Rubric } from './rubric-fy2565'
import { FY2565, MISSION_IDS } from './rubric-fy2565'
import type { MissionScore } from './types'

/*
 * Dispatch over the eight missions and the level tables. Pure: facts and an explicit `asOf` in, a score
 * out. An area's score is the score of the union of its villages' facts.
 */

/** Missions that grade straight to a level 0–5 (total = level, max = 5). */
export const GRADED_MISSIONS: readonly MissionId[] = ['M3', 'M5', 'M6', 'M7']

/** Maximum total per mission. */
export function missionMax(mission: MissionId, rubric: Rubric = FY2565): number {
  switch (mission) {
    case 'M1':
      return rubric.m1.totalMax
    case 'M2':
      return rubric.m2.totalMax
    case 'M4':
      return rubric.m4.totalMax
    case 'M8':
      return rubric.m8.totalMax
    default:
      return 5
  }
}

/** The level table (lower bounds, highest first; below all is level 1) of a points-based mission. */
export function levelTable(mission: MissionId, rubric: Rubric = FY2565): Bands | undefined {
  switch (mission) {
    case 'M1':
      return rubric.m1.levels
    case 'M2':
      return rubric.m2.levels
    case 'M4':
      return rubric.m4.levels
    case 'M8':
      return rubric.m8.levels
    default:
      return undefined
  }
}

/** Level from a mission's total. For graded missions the total is the level. */
export function levelFor(mission: MissionId, total: number, rubric: Rubric = FY2565): number {
  const table = levelTable(mission, rubric)
  if (!table) return Math.max(0, Math.min(5, Math.floor(total + rubric.bandEpsilon)))
  return levelFromTable(total, table, rubric.bandEpsilon)
}

export type MissionFacts = {
  M1: M1Facts
  M2: M2Facts
  M3: M3Facts
  M4: M4Facts
  M5: M5Facts
  M6: M6Facts
  M7: M7Facts
  M8: M8Facts
}
export type ScoreContext = { asOf: ISODate; province?: string; area?: string; rubric?: Rubric }

/** One handler per mission; mission 8's also takes the province. */
export type MissionHandlers<R> = {
  [M in Exclude<MissionId, 'M8'>]: (facts: MissionFacts[M], asOf: ISODate, rubric: Rubric) => R
} & { M8: (facts: M8Facts, asOf: ISODate, province: string, rubric: Rubric) => R }

/**
 * The one mission dispatch (issue 16): scoring and advice both go through it, so the edition and
 * mission 8's province are handed on in one place.
 */
export function dispatchMission<M extends MissionId, R>(mission: M, facts: MissionFacts[M], ctx: ScoreContext, handlers: MissionHandlers<R>): R {
  const rubric = ctx.rubric ?? FY2565
  if (mission === 'M8') {
    if (ctx.province === undefined) throw new Error('province: mission 8 needs the province (Thai name)')
    return handlers.M8(facts as M8Facts, ctx.asOf, ctx.province, rubric)
  }
  const handler = handlers[mission as Exclude<MissionId, 'M8'>] as (facts: MissionFacts[M], asOf: ISODate, rubric: Rubric) => R
  return handler(facts, ctx.asOf, rubric)
}

const SCORERS: MissionHandlers<MissionScore> = {
  M1: scoreMission1,
  M2: scoreMission2,
  M3: scoreMission3,
  M4: scoreMission4,
  M5: scoreMission5,
  M6: scoreMission6,
  M7: scoreMission7,
  M8: scoreMission8,
}

/** Scores one mission. Mission 8 needs `ctx.province`. */
export function scoreMission<M extends MissionId>(mission: M, facts: MissionFacts[M], ctx: ScoreContext): MissionScore {
  const s = dispatchMission(mission, facts, ctx, SCORERS)
  if (ctx.area !== undefined) s.area = ctx.area
  return s
}

/** Every mission present in the input, in order M1…M8. */
export function scoreMissions(input: ScoreInput, rubric: Rubric = FY2565): MissionScore[] {
  const ctx: ScoreContext = { asOf: input.asOf, rubric }
  if (input.area !== undefined) ctx.area = input.area
  if (input.province !== undefined) ctx.province = input.province
  const out: MissionScore[] = []
  for (const id of MISSION_IDS) {
    const facts = input[id.toLowerCase() as Lowercase<MissionId>]
    if (facts !== undefined) out.push(scoreMission(id, facts as MissionFacts[typeof id], ctx))
  }
  return out
}

