import type { ISODate } from '../schema/dates'
import { addDays, daysBetween, minDate } from '../schema/dates'
import { BAND_EPSILON, ratioPoints, reaches } from './bands'
import type { Household, Plot, M1Facts, M2Facts, M3Facts, M4Facts, M5Facts, M6Facts, M7Facts, M8Facts, ScoreInput } from './input-schema'
import { levelFor, levelTable, scoreMission, type MissionFacts, type ScoreContext } from './engine'
import { channelPercents } from './missions/graded'
import { complaintPoints, disbursementPoints, plotSucceeds } from './missions/m2'
import type { Lang, MessageKey } from './messages'
import { formatMessage, MESSAGES } from './messages'
import type { Bands, MissionId, Rubric } from './rubric-fy2565'
import { FY2565, MISSION_IDS, downloadTarget } from './rubric-fy2565'
import type { MissionScore } from './types'
import type { Period } from './windows'
import { completeFiscalQuarters, completeIsoWeeks, completeMonths, normalizeChannel } from './windows'

/*
 * What is missing for the next level. For each mission, given the facts and `asOf`, the concrete actions
 * that would raise the score, as structured data (an i18n key and its parameters) so the app can show
 * them in Thai or English. Actions whose chance has passed (a deadline gone, a complete week that already
 * failed an "every week" rule) are not offered. Order: actions that reach a higher level first, then the
 * smallest effort (households, posts, visits, baht…), then the largest gain.
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

const MAX_PLACES = 5

class Collector {
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

function placesOf(items: readonly { village?: string | undefined; tambon?: string | undefined }[]): string[] {
  const out: string[] = []
  for (const h of items) {
    const p = h.village ?? h.tambon
    if (p !== undefined && !out.includes(p)) out.push(p)
  }
  return out.length > MAX_PLACES ? [...out.slice(0, MAX_PLACES), '…'] : out
}

/** The smallest count n with `max × (num + n) ÷ den` reaching `needed` points. */
function countForPoints(needed: number, max: number, num: number, den: number): number {
  let n = Math.max(0, Math.ceil(((needed - BAND_EPSILON) * den) / max - num - 1e-9))
  while (n > 0 && reaches(ratioPoints(max, num + n - 1, den), needed)) n -= 1
  while (!reaches(ratioPoints(max, num + n, den), needed)) n += 1
  return n
}

/** The smallest k with 100 × (ok + k) ÷ den reaching `pct`. */
function countForPercent(pct: number, ok: number, den: number): number {
  let k = Math.max(0, Math.ceil((pct * den) / 100 - ok - 1e-9))
  while (k > 0 && reaches((100 * (ok + k - 1)) / den, pct)) k -= 1
  while (!reaches((100 * (ok + k)) / den, pct)) k += 1
  return k
}

/**
 * A ratio item (points = max × num ÷ den) with candidate units, best first: the fewest units that reach
 * the next level, and all of them.
 */
function ratioOptions<T extends { weight: number }>(
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
function bandOptions(bands: Bands, current: number, ok: number, den: number, available: number, offer: (k: number, pct: number, points: number) => void): void {
  if (den <= 0) return
  for (const b of bands) {
    if (b.points <= current) continue
    const k = countForPercent(b.min, ok, den)
    if (k > 0 && k <= available) offer(k, b.min, b.points)
  }
}

/** The first period of a window that is not complete on `asOf` (the one now running or next). */
function openPeriod(all: readonly Period[], asOf: ISODate): Period | undefined {
  return all.find((p) => p.end > asOf)
}

function countIn(p: Period, dates: Iterable<ISODate>, asOf: ISODate): number {
  let n = 0
  for (const d of dates) if (d >= p.start && d <= p.end && d <= asOf) n += 1
  return n
}

// ---------------------------------------------------------------------------------------------------

export function adviseMission1(facts: M1Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const r = rubric.m1
  const score = scoreMission('M1', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  const item = (id: string) => score.items.find((i) => i.id === id)!
  const hs = facts.households
  const verifiedBy = (h: Household, cut: ISODate) => h.verifiedOn !== undefined && h.verifiedOn <= cut
  const assistCut = minDate(asOf, r.assistBy)

  // 1.1: verify TPMAP households before verifyBy, the largest first (fewest visits for the persons).
  if (asOf < r.verifyBy) {
    const d = item('1.1').detail as { verifiedPersons: number; targetPersons: number }
    const units = hs
      .filter((h) => h.inTpmap && !verifiedBy(h, asOf) && h.targetPersons > 0)
      .map((h) => ({ weight: h.targetPersons, h }))
      .sort((a, b) => b.weight - a.weight)
    ratioOptions(c, '1.1', r.max['1.1'], d.verifiedPersons, d.targetPersons, units, (picked, pts) => {
      const places = placesOf(picked.map((u) => u.h))
      const persons = picked.reduce((s, u) => s + u.weight, 0)
      const params = { persons, households: picked.length, by: r.verifyBy }
      if (places.length > 0) c.add('1.1', 'advice.m1.verify.where', { ...params, places }, pts, picked.length)
      else c.add('1.1', 'advice.m1.verify', params, pts, picked.length)
    })
  }

  // 1.2: plans for every verified household.
  const unplanned = hs.filter((h) => verifiedBy(h, asOf) && (h.planOn === undefined || h.planOn > asOf))
  if (unplanned.length > 0) {
    const places = placesOf(unplanned)
    if (places.length > 0) c.add('1.2', 'advice.m1.plan.where', { households: unplanned.length, places }, r.max['1.2'], unplanned.length)
    else c.add('1.2', 'advice.m1.plan', { households: unplanned.length }, r.max['1.2'], unplanned.length)
  }

  // 2.1: while nobody has been judged, the first complete month decides.
  if (item('2.1').pending) {
    const months = completeMonths(rubric.fiscalYear.start, r.assistBy, r.assistBy)
    const month = openPeriod(months, asOf)
    if (month) {
      let visits = 0
      let households = 0
      for (const h of hs) {
        if (h.planOn === undefined || h.planOn > asOf || h.planOn.slice(0, 7) >= month.key) continue
        const done = countIn(month, h.mentorVisits ?? [], asOf)
        const need = Math.max(0, r.mentorVisitsPerMonth - done)
        if (need > 0) {
          visits += need
          households += 1
        }
      }
      if (visits > 0) c.add('2.1', 'advice.m1.mentor', { visits, households, month: month.key }, r.max['2.1'], visits)
    }
  }

  if (asOf < r.assistBy) {
    // 2.2.1: income assistance for verified households failing on income.
    const i221 = item('2.2.1').detail as { assisted: number; failing: number }
    const income = hs
      .filter((h) => verifiedBy(h, assistCut) && h.failing?.income && !(h.assisted?.income !== undefined && h.assisted.income <= assistCut))
      .map((h) => ({ weight: 1, h }))
    ratioOptions(c, '2.2.1', r.max['2.2.1'], i221.assisted, i221.failing, income, (picked, pts) => {
      const places = placesOf(picked.map((u) => u.h))
      const params = { households: picked.length, by: r.assistBy }
      if (places.length > 0) c.add('2.2.1', 'advice.m1.assistIncome.where', { ...params, places }, pts, picked.length)
      else c.add('2.2.1', 'advice.m1.assistIncome', params, pts, picked.length)
    })

    // 2.2.2: every failing non-income dimension assisted; households with the fewest gaps first.
    const i222 = item('2.2.2').detail as { assisted: number; failing: number }
    const other = hs
      .filter((h) => verifiedBy(h, assistCut) && h.failing)
      .map((h) => ({
        weight: 1,
        h,
        gaps: r.otherDimensions.filter((dim) => h.failing?.[dim] && !(h.assisted?.[dim] !== undefined && h.assisted[dim]! <= assistCut)).length,
      }))
      .filter((u) => u.gaps > 0)
      .sort((a, b) => a.gaps - b.gaps)
    ratioOptions(c, '2.2.2', r.max['2.2.2'], i222.assisted, i222.failing, other, (picked, pts) => {
      const places = placesOf(picked.map((u) => u.h))
      const params = { households: picked.length, assists: picked.reduce((s, u) => s + u.gaps, 0), by: r.assistBy }
      if (places.length > 0) c.add('2.2.2', 'advice.m1.assistOther.where', { ...params, places }, pts, picked.length)
      else c.add('2.2.2', 'advice.m1.assistOther', params, pts, picked.length)
    })

    // 2.3: households able to get by.
    const i23 = item('2.3').detail as { surviving: number; households: number }
    bandOptions(r.survivingBands, item('2.3').points, i23.surviving, i23.households, i23.households - i23.surviving, (k, pct, pts) =>
      c.add('2.3', 'advice.m1.surviving', { households: k, percent: pct, by: r.assistBy }, pts, k),
    )
  }

  // 3.1: publicity — the running week, or the channels when every week so far was met.
  const posts = (facts.prPosts ?? []).filter((p) => p.on >= r.prWindow.start && p.on <= minDate(asOf, r.prWindow.end))
  const channelCount = new Set(posts.map((p) => normalizeChannel(p.channel))).size
  const channelsNeed = Math.max(0, r.pr.minChannels - channelCount)
  const d31 = item('3.1').detail as { weeksBelow: number }
  if (item('3.1').pending) {
    const week = openPeriod(completeIsoWeeks(r.prWindow.start, r.prWindow.end, r.prWindow.end), asOf)
    if (week) {
      const postsNeed = Math.max(0, r.pr.minPostsPerWeek - countIn(week, posts.map((p) => p.on), asOf))
      if (postsNeed > 0 && channelsNeed > 0) {
        c.add('3.1', 'advice.m1.prWeekChannels', { posts: Math.max(postsNeed, channelsNeed), channels: channelsNeed, weekEnd: week.end }, r.max['3.1'], Math.max(postsNeed, channelsNeed))
      } else if (postsNeed > 0) {
        c.add('3.1', 'advice.m1.prWeek', { posts: postsNeed, weekEnd: week.end }, r.max['3.1'], postsNeed)
      } else if (channelsNeed > 0) {
        c.add('3.1', 'advice.m1.prChannels', { channels: channelsNeed }, r.max['3.1'], channelsNeed)
      }
    }
  } else if (d31.weeksBelow === 0 && channelsNeed > 0 && asOf < r.prWindow.end) {
    c.add('3.1', 'advice.m1.prChannels', { channels: channelsNeed }, r.max['3.1'], channelsNeed)
  }

  // 3.2: the first monthly report.
  if (item('3.2').pending) {
    const month = openPeriod(completeMonths(r.reportWindow.start, r.reportWindow.end, r.reportWindow.end), asOf)
    if (month && countIn(month, (facts.monitoringReports ?? []).map((x) => x.on), asOf) < r.minReportsPerMonth) {
      c.add('3.2', 'advice.m1.report', { month: month.key }, r.max['3.2'], 1)
    }
  }

  // 4: exclusion-error persons before verifyBy.
  if (asOf < r.verifyBy) {
    const d4 = item('4').detail as { exclusionPersons: number; targetPersons: number }
    bandOptions(r.exclusionBands, item('4').points, d4.exclusionPersons, d4.targetPersons, Number.POSITIVE_INFINITY, (k, pct, pts) =>
      c.add('4', 'advice.m1.exclusion', { persons: k, percent: pct, by: r.verifyBy }, pts, k),
    )
  }
  return c.result()
}

export function adviseMission2(facts: M2Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const r = rubric.m2
  const score = scoreMission('M2', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  const item = (id: string) => score.items.find((i) => i.id === id)!

  // 1: complete disbursement by the next scoring date still ahead.
  const disb = facts.disbursement
  if (disb && item('1').pending) {
    const steps = [r.disbursement.onTime, ...(disb.extensionRequested ? r.disbursement.extended : [])]
    const next = steps.find((s) => s.by > asOf)
    if (next) {
      const pts = disbursementPoints(next.by, disb.extensionRequested, rubric)
      c.add('1', 'advice.m2.disburse', { by: next.by, points: pts }, pts, 1)
    }
  }

  // 2: resolve the open complaints quickly enough for each band still within reach.
  if (asOf < r.deadline) {
    const cut = asOf
    const open = (facts.complaints ?? []).filter((x) => x.receivedOn <= cut && (x.resolvedOn === undefined || x.resolvedOn > cut))
    if (open.length > 0) {
      let slowest = 0
      for (const x of facts.complaints ?? []) {
        if (x.receivedOn <= cut && x.resolvedOn !== undefined && x.resolvedOn <= cut) slowest = Math.max(slowest, daysBetween(x.receivedOn, x.resolvedOn))
      }
      const oldest = open.reduce((m, x) => (x.receivedOn < m ? x.receivedOn : m), open[0]!.receivedOn)
      for (const b of r.complaints.bySlowestDays) {
        const by = minDate(addDays(oldest, b.maxDays), r.deadline)
        if (slowest > b.maxDays || by <= asOf || daysBetween(oldest, by) > b.maxDays) continue
        c.add('2', 'advice.m2.complaints', { count: open.length, by, days: b.maxDays }, complaintPoints(b.maxDays, rubric), open.length)
      }
    }
  }

  // 3: while no month is complete, the running month sets the band.
  if (item('3').pending) {
    const month = openPeriod(completeMonths(r.pr.window.start, r.pr.window.end, r.pr.window.end), asOf)
    if (month) {
      const dates = (facts.prPosts ?? []).map((p) => p.on)
      const have = countIn(month, dates, asOf)
      for (const b of r.pr.monthlyBands) {
        if (b.min > have) c.add('3', 'advice.m2.prMonth', { posts: b.min - have, month: month.key, perMonth: b.min }, b.points, b.min - have)
      }
      const inWindow = dates.filter((d) => d >= r.pr.window.start && d <= asOf).length
      if (inWindow < r.pr.lowestBand.minPostsInWindow) {
        const need = r.pr.lowestBand.minPostsInWindow - inWindow
        c.add('3', 'advice.m2.prMonth', { posts: need, month: month.key, perMonth: need }, r.pr.lowestBand.points, need)
      }
    }
  }

  // 4: more successful plots.
  if (asOf < r.deadline) {
    const d = item('4').detail as { successful: number; plots: number }
    // Plots not yet successful, the fewest missing conditions first (unassessed plots last).
    const closest = (facts.plots ?? [])
      .filter((p) => !plotSucceeds(p, minDate(asOf, r.deadline), rubric))
      .map((p) => ({ id: p.id, gaps: plotGaps(p, asOf, rubric) }))
      .sort((a, b) => a.gaps - b.gaps)
    bandOptions(r.success.bands, item('4').points, d.successful, d.plots, d.plots - d.successful, (k, pct, pts) => {
      const ids = closest.slice(0, Math.min(k, MAX_PLACES)).map((p) => p.id)
      if (k > MAX_PLACES) ids.push('…')
      c.add('4', 'advice.m2.plots', { plots: k, percent: pct, by: r.deadline, ids }, pts, k)
    })
  }
  return c.result()
}

/** How many success conditions a plot's assessment (dated ≤ asOf) still misses; 99 when unassessed. */
function plotGaps(plot: Plot, asOf: ISODate, rubric: Rubric): number {
  const a = plot.assessment
  if (!a || a.on > asOf) return 99
  if (plot.kind === 'HLM') {
    const h = a as { reducesExpenses: boolean; selfReliant: boolean }
    return Number(!h.reducesExpenses) + Number(!h.selfReliant)
  }
  const x = a as { khok: boolean; nong: boolean; na: boolean; learningStations: number; trainersAndMedia: boolean; committee: boolean; visitors: number }
  return (
    Number(!(x.khok && x.nong && x.na)) +
    Number(x.learningStations < rubric.m2.success.clmMinLearningStations) +
    Number(!x.trainersAndMedia) +
    Number(!x.committee) +
    Number(!(x.visitors > rubric.m2.success.clmVisitorsAbove))
  )
}

export function adviseMission3(facts: M3Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M3', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  const channels = channelPercents(facts)
  for (const row of rubric.m3.rows) {
    if (row.level <= score.level) continue
    const events = Math.max(0, row.minEvents - facts.freeEvents)
    const perChannel = countForPercent(row.minPct, 0, facts.registeredWithoutOnline)
    let operators = 0
    for (let k = 0; k < row.minChannels; k++) operators += Math.max(0, perChannel - (channels[k]?.newOperators ?? 0))
    c.add('level', 'advice.m3.row', { events, operators, channels: row.minChannels, percent: row.minPct, level: row.level }, row.level, events + operators)
  }
  return c.result()
}

export function adviseMission4(facts: M4Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const r = rubric.m4
  const score = scoreMission('M4', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  if (score.items[0]!.pending) c.add('1', 'advice.m4.plan', { by: r.planBy }, r.max['1'], 1)
  if (asOf < r.activityWindow.end && facts.activitiesPlanned > 0) {
    bandOptions(r.activityBands, score.items[1]!.points, facts.activitiesDone, facts.activitiesPlanned, Number.POSITIVE_INFINITY, (k, pct, pts) =>
      c.add('2', 'advice.m4.activities', { activities: k, percent: pct, by: r.activityWindow.end }, pts, k),
    )
  }
  return c.result()
}

/** Baht amounts are rounded up to the satang so that doing exactly this much is enough. */
function bahtUp(x: number): number {
  return Math.ceil(Math.round(x * 1e6) / 1e4) / 100
}

export function adviseMission5(facts: M5Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M5', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  if (facts.defaultedAmount > 0) {
    for (const b of rubric.m5.bands) {
      if (b.points <= score.level) continue
      const amount = bahtUp((b.min * facts.defaultedAmount) / 100 - facts.recoveredAmount)
      c.add('level', 'advice.m5.recover', { amount, percent: b.min }, b.points, amount)
    }
  }
  return c.result()
}

export function adviseMission6(facts: M6Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M6', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  if (facts.overdueAtBaseline > 0) {
    for (const b of rubric.m6.bands) {
      if (b.points <= score.level) continue
      const amount = bahtUp(facts.overdueNow - facts.overdueAtBaseline * (1 - b.min / 100))
      c.add('level', 'advice.m6.reduce', { amount, percent: b.min }, b.points, amount)
    }
  }
  return c.result()
}

export function adviseMission7(facts: M7Facts, asOf: ISODate, rubric: Rubric = FY2565): Advice[] {
  const score = scoreMission('M7', facts, { asOf, rubric })
  const c = new Collector(score, rubric)
  for (const b of rubric.m7.bands) {
    if (b.points <= score.level) continue
    const amount = bahtUp(facts.baselineRevenue * (1 + b.min / 100) - facts.revenue)
    c.add('level', 'advice.m7.revenue', { amount, percent: b.min }, b.points, amount)
  }
  return c.result()
}

export function adviseMission8(facts: M8Facts, asOf: ISODate, province: string, rubric: Rubric = FY2565): Advice[] {
  const r = rubric.m8
  const score = scoreMission('M8', facts, { asOf, province, rubric })
  const c = new Collector(score, rubric)
  const item = (id: string) => score.items.find((i) => i.id === id)!
  if (!facts.mechanismAppointed) c.add('1.1', 'advice.m8.mechanism', {}, r.max['1.1'], 1)
  if (!facts.literacyMeetingHeld) c.add('1.2', 'advice.m8.literacy', {}, r.max['1.2'], 1)

  if (item('1.3').pending) {
    const month = openPeriod(completeMonths(r.dataWindow.start, r.dataWindow.end, r.dataWindow.end), asOf)
    if (month && !facts.dataUpdatedMonths.includes(month.key)) c.add('1.3', 'advice.m8.dataUpdate', { month: month.key }, r.max['1.3'], 1)
  }

  const posts = facts.prPosts.filter((p) => p.on >= r.prWindow.start && p.on <= minDate(asOf, r.prWindow.end))
  const channelsNeed = Math.max(0, r.pr.minChannels - new Set(posts.map((p) => normalizeChannel(p.channel))).size)
  const d2 = item('2').detail as { monthsWithout: number }
  if (item('2').pending) {
    const month = openPeriod(completeMonths(r.prWindow.start, r.prWindow.end, r.prWindow.end), asOf)
    if (month) {
      const postsNeed = Math.max(0, r.pr.minPostsPerMonth - countIn(month, posts.map((p) => p.on), asOf))
      const effort = Math.max(postsNeed, channelsNeed)
      c.add('2', 'advice.m8.prMonth', { posts: effort, month: month.key, channels: channelsNeed }, r.max['2'], effort)
    }
  } else if (d2.monthsWithout === 0 && channelsNeed > 0 && asOf < r.prWindow.end) {
    const month = openPeriod(completeMonths(r.prWindow.start, r.prWindow.end, r.prWindow.end), asOf)
    c.add('2', 'advice.m8.prMonth', { posts: channelsNeed, month: month?.key ?? asOf.slice(0, 7), channels: channelsNeed }, r.max['2'], channelsNeed)
  }

  if (item('3').pending) {
    const quarter = openPeriod(completeFiscalQuarters(r.activityWindow.start, r.activityWindow.end, r.activityWindow.end), asOf)
    if (quarter && countIn(quarter, facts.activities.map((a) => a.on), asOf) < r.minActivitiesPerQuarter) {
      c.add('3', 'advice.m8.activity', { by: quarter.end }, r.max['3'], 1)
    }
  }

  const target = downloadTarget(province, rubric)
  if (facts.downloads < target) {
    const nextTotal = c.nextLevelTotal()
    if (nextTotal !== undefined) {
      const needed = nextTotal - (score.total - item('4').points)
      if (needed <= r.max['4'] + BAND_EPSILON) {
        const k = countForPoints(needed, r.max['4'], facts.downloads, target)
        c.add('4', 'advice.m8.downloads', { downloads: k, target }, ratioPoints(r.max['4'], facts.downloads + k, target), k)
      }
    }
    const rest = target - facts.downloads
    c.add('4', 'advice.m8.downloads', { downloads: rest, target }, r.max['4'], rest)
  }
  return c.result()
}

/** Advice for one mission; mission 8 needs `ctx.province`. */
export function adviseMission<M extends MissionId>(mission: M, facts: MissionFacts[M], ctx: ScoreContext): Advice[] {
  const rubric = ctx.rubric ?? FY2565
  switch (mission) {
    case 'M1':
      return adviseMission1(facts as M1Facts, ctx.asOf, rubric)
    case 'M2':
      return adviseMission2(facts as M2Facts, ctx.asOf, rubric)
    case 'M3':
      return adviseMission3(facts as M3Facts, ctx.asOf, rubric)
    case 'M4':
      return adviseMission4(facts as M4Facts, ctx.asOf, rubric)
    case 'M5':
      return adviseMission5(facts as M5Facts, ctx.asOf, rubric)
    case 'M6':
      return adviseMission6(facts as M6Facts, ctx.asOf, rubric)
    case 'M7':
      return adviseMission7(facts as M7Facts, ctx.asOf, rubric)
    default:
      if (ctx.province === undefined) throw new Error('province: mission 8 needs the province (Thai name)')
      return adviseMission8(facts as M8Facts, ctx.asOf, ctx.province, rubric)
  }
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
