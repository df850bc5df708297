import type { ISODate } from '../schema/dates'
import type { MissionId } from './rubric-fy2565'

/** One item of a mission's score. `points` is unrounded; `label` is an i18n key (see messages.ts). */
export type ItemScore = {
  id: string
  label: string
  points: number
  max: number
  /** The percentage (or growth) the item is judged on, unrounded, where it has one. */
  value?: number
  /** Nothing can be judged yet (no complete period, or a scoring date still ahead). */
  pending?: boolean
  /** Nothing was required (zero denominator): the item scores its max. */
  na?: boolean
  detail?: Record<string, unknown>
}

/** SCORING.md's "Output of one mission's score". */
export type MissionScore = {
  mission: MissionId
  area?: string
  asOf: ISODate
  items: ItemScore[]
  /** Sum of the unrounded points (for missions 3, 5, 6, 7: the level). */
  total: number
  max: number
  level: number
}

export function itemLabel(mission: MissionId, id: string): string {
  return `${mission.toLowerCase()}.item.${id}`
}

/** Builds an item, leaving optional keys out rather than setting them to undefined. */
export function item(
  mission: MissionId,
  id: string,
  points: number,
  max: number,
  extra: { value?: number | undefined; pending?: boolean; na?: boolean; detail?: Record<string, unknown> } = {},
): ItemScore {
  const out: ItemScore = { id, label: itemLabel(mission, id), points, max }
  if (extra.value !== undefined) out.value = extra.value
  if (extra.pending) out.pending = true
  if (extra.na) out.na = true
  if (extra.detail) out.detail = extra.detail
  return out
}
