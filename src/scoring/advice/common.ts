import type { ISODate } from '../../schema/dates'
import { BAND_EPSILON, ratioPoints, reaches } from '../bands'
import { levelFor, levelTable } from '../engine'
import type { MessageKey } from '../messages'
import type { Bands, MissionId, Rubric } from '../rubric-fy2565'
import type { MissionScore } from '../types'
import type { Period } from '../windows'

/*
 * Shared by the per-mission advice files (advice/m1.ts … m8.ts): the Advice shape, the collector that
 * ranks actions, and the counting helpers.
 */

export type Advice = {
  mission: MissionId
  itemId: string
  key: MessageKey
  params: Record<string, string | number | string[]>
  /** Points the item gains (for missions 3, 5, 6, 7: levels), unrounded. */
  pointsGain: number
  /** The mission's level once this action alone is done. */
  levelAfter: number
  /** How much to do, in the action's own unit (households, posts, visits, baht…). */
  effort: number
}

export const MAX_PLACES = 5

export class Collector {
  readonly list: Advice[] = []
  constructor(
    readonly score: MissionScore,
    readonly rubric: Rubric,
  ) {}

  points(itemId: string): number {
    return this.score.items.find((i) => i.id === itemId)?.points ?? 0
  }

  /** Offers an action that would bring `itemId` to `newPoints`. */
  add(itemId: string, key: MessageKey, params: Advice['params'], newPoints: number, effort: number): void {
    const gain = newPoints - this.points(itemId)
    if (!(gain > 1e-12) || !(effort > 0)) return
    const graded = !levelTable(this.score.mission, this.rubric)
    const levelAfter = graded ? Math.round(newPoints) : levelFor(this.score.mission, this.score.total + gain, this.rubric)
    this.list.push({ mission: this.score.mission, itemId, key, params, pointsGain: gain, levelAfter, effort })
  }

  /** The total the mission needs for its next level, or undefined at the top. */
  nextLevelTotal(): number | undefined {
    const table = levelTable(this.score.mission, this.rubric)
    if (!table) return undefined
    const next = [...table].reverse().find((b) => b.points > this.score.level)
    return next?.min
  }

  result(): Advice[] {
    const order = (id: string) => this.score.items.findIndex((i) => i.id === id)
    const kept = this.list.filter(
      (a, i) =>
        !this.list.some(
          (b, j) =>
            j !== i &&
            b.itemId === a.itemId &&
            // A later deadline is a fallback worth showing ("by the 12th for 8, by the 20th for 6").
            b.params.by === a.params.by &&
            b.effort <= a.effort &&
            b.pointsGain >= a.pointsGain &&
            (b.effort < a.effort || b.pointsGain > a.pointsGain || j < i),
        ),
    )
    const level = this.score.level
    return kept.sort(
      (a, b) =>
        Number(b.levelAfter > level) - Number(a.levelAfter > level) ||
        a.effort - b.effort ||
        b.pointsGain - a.pointsGain ||
        order(a.itemId) - order(b.itemId),
    )
  }
}

export function placesOf(items: readonly { village?: string | undefined; tambon?: string | undefined }[]): string[] {
  const out: string[] = []
  for (const h of items) {
    const p = h.village ?? h.tambon
    if (p !== undefined && !out.includes(p)) out.push(p)
  }
  return out.length > MAX_PLACES ? [...out.slice(0, MAX_PLACES), '…'] : out
}

/** The smallest count n with `max × (num + n) ÷ den` reaching `needed` points. */
export function countForPoints(needed: number, max: number, num: number, den: number): number {
  let n = Math.max(0, Math.ceil(((needed - BAND_EPSILON) * den) / max - num - 1e-9))
  while (n > 0 && reaches(ratioPoints(max, num + n - 1, den), needed)) n -= 1
  while (!reaches(ratioPoints(max, num + n, den), needed)) n += 1
  return n
}

/** The smallest k with 100 × (ok + k) ÷ den reaching `pct`. */
export function countForPercent(pct: number, ok: number, den: number): number {
  let k = Math.max(0, Math.ceil((pct * den) / 100 - ok - 1e-9))
  while (k > 0 && reaches((100 * (ok + k - 1)) / den, pct)) k -= 1
  while (!reaches((100 * (ok + k)) / den, pct)) k += 1
  return k
}

/**
 * A ratio item (points = max × num ÷ den) with candidate units, best first: the fewest units that reach
 * the next level, and all of them.
 */
export function ratioOptions<T extends { weight: number }>(
  c: Collector,
  itemId: string,
  max: number,
  num: number,
  den: number,
  units: readonly T[],
  offer: (picked: readonly T[], newPoints: number) => void,
): void {
  if (den <= 0 || units.length === 0) return
  const target = c.nextLevelTotal()
  if (target !== undefined) {
    const needed = target - (c.score.total - c.points(itemId))
    if (needed <= max + BAND_EPSILON) {
      const need = countForPoints(needed, max, num, den)
      let got = 0
      const picked: T[] = []
      for (const u of units) {
        if (got >= need) break
        picked.push(u)
        got += u.weight
      }
      if (got >= need && picked.length < units.length) offer(picked, ratioPoints(max, num + got, den))
    }
  }
  const all = units.reduce((s, u) => s + u.weight, 0)
  offer(units, ratioPoints(max, num + all, den))
}

/** Every higher band of a count-over-denominator item: how many more it takes to reach each. */
export function bandOptions(bands: Bands, current: number, ok: number, den: number, available: number, offer: (k: number, pct: number, points: number) => void): void {
  if (den <= 0) return
  for (const b of bands) {
    if (b.points <= current) continue
    const k = countForPercent(b.min, ok, den)
    if (k > 0 && k <= available) offer(k, b.min, b.points)
  }
}

/** The first period of a window that is not complete on `asOf` (the one now running or next). */
export function openPeriod(all: readonly Period[], asOf: ISODate): Period | undefined {
  return all.find((p) => p.end > asOf)
}

export function countIn(p: Period, dates: Iterable<ISODate>, asOf: ISODate): number {
  let n = 0
  for (const d of dates) if (d >= p.start && d <= p.end && d <= asOf) n += 1
  return n
}

// ---------------------------------------------------------------------------------------------------

/** Baht amounts are rounded up to the satang so that doing exactly this much is enough. */
export function bahtUp(x: number): number {
  return Math.ceil(Math.round(x * 1e6) / 1e4) / 100
}

