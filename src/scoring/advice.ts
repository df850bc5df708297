import type { ScoreInput } from './input-schema'
import { dispatchMission, type MissionFacts, type ScoreContext } from './engine'
import type { Lang } from './messages'
import { formatMessage, MESSAGES } from './messages'
import type { MissionId, Rubric } from './rubric-fy2565'
import { FY2565, MISSION_IDS } from './rubric-fy2565'
import type { Advice } from './advice/common'
import { adviseMission1 } from './advice/m1'
import { adviseMission2 } from './advice/m2'
import { adviseMission4 } from './advice/m4'
import { adviseMission3, adviseMission5, adviseMission6, adviseMission7 } from './advice/graded'
import { adviseMission8 } from './advice/m8'

/*
 * What is missing for the next level. For each mission, given the facts and `asOf`, the concrete actions
 * that would raise the score, as structured data (an i18n key and its parameters) so the app can show
 * them in Thai or English. Actions whose chance has passed (a deadline gone, a complete week that already
 * failed an "every week" rule) are not offered. Order: actions that reach a higher level first, then the
 * smallest effort (households, posts, visits, baht…), then the largest gain.
 *
 * One file per mission under advice/ (like missions/); this file dispatches, through the engine's one
 * mission dispatch, and renders.
 */

export type { Advice }
export { adviseMission1, adviseMission2, adviseMission3, adviseMission4, adviseMission5, adviseMission6, adviseMission7, adviseMission8 }

const ADVISERS = {
  M1: adviseMission1,
  M2: adviseMission2,
  M3: adviseMission3,
  M4: adviseMission4,
  M5: adviseMission5,
  M6: adviseMission6,
  M7: adviseMission7,
  M8: adviseMission8,
}

/** Advice for one mission; mission 8 needs `ctx.province`. */
export function adviseMission<M extends MissionId>(mission: M, facts: MissionFacts[M], ctx: ScoreContext): Advice[] {
  return dispatchMission(mission, facts, ctx, ADVISERS)
}

/** Advice for every mission in the input, missions in order M1…M8. */
export function adviseAll(input: ScoreInput, rubric: Rubric = FY2565): Advice[] {
  const ctx: ScoreContext = { asOf: input.asOf, rubric }
  if (input.province !== undefined) ctx.province = input.province
  const out: Advice[] = []
  for (const id of MISSION_IDS) {
    const facts = input[id.toLowerCase() as Lowercase<MissionId>]
    if (facts !== undefined) out.push(...adviseMission(id, facts as MissionFacts[typeof id], ctx))
  }
  return out
}

/** An advice's text in a language. */
export function renderAdvice(a: Advice, lang: Lang): string {
  return formatMessage(MESSAGES[a.key][lang], a.params)
}

export { formatMessage }
