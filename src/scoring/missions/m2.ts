import type { ISODate } from '../../schema/dates'
import { daysBetween, minDate } from '../../schema/dates'
import { band, levelFromTable } from '../bands'
import type { M2Facts, Plot } from '../input-schema'
import type { Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import type { ItemScore, MissionScore } from '../types'
import { item } from '../types'
import { completeMonths, countPerPeriod } from '../windows'

/** Whether a plot's latest assessment (dated ≤ cut) meets its kind's success definition. */
export function plotSucceeds(plot: Plot, cut: ISODate, rubric: Rubric = FY2565): boolean {
  const a = plot.assessment
  if (!a || a.on > cut) return false
  if (plot.kind === 'HLM') {
    const h = a as { reducesExpenses: boolean; selfReliant: boolean }
    return h.reducesExpenses && h.selfReliant
  }
  const c = a as { khok: boolean; nong: boolean; na: boolean; learningStations: number; trainersAndMedia: boolean; committee: boolean; visitors: number }
  return (
    c.khok &&
    c.nong &&
    c.na &&
    c.learningStations >= rubric.m2.success.clmMinLearningStations &&
    c.trainersAndMedia &&
    c.committee &&
    c.visitors > rubric.m2.success.clmVisitorsAbove
  )
}

/** Item 1's points for a completion date (already known to be ≤ asOf). */
export function disbursementPoints(completedOn: ISODate, extensionRequested: boolean, rubric: Rubric = FY2565): number {
  const d = rubric.m2.disbursement
  if (completedOn <= d.onTime.by) return d.onTime.points
  if (!extensionRequested) return 0
  for (const step of d.extended) if (completedOn <= step.by) return step.points
  return 0
}

/** Item 2's points from the slowest resolution (days) when every complaint is resolved. */
export function complaintPoints(slowestDays: number, rubric: Rubric = FY2565): number {
  for (const b of rubric.m2.complaints.bySlowestDays) if (slowestDays <= b.maxDays) return b.points
  return rubric.m2.complaints.otherwise
}

/** Mission 2 (โคก หนอง นา โมเดล). */
export function scoreMission2(facts: M2Facts, asOf: ISODate, rubric: Rubric = FY2565): MissionScore {
  const r = rubric.m2
  const cut = minDate(asOf, r.deadline)
  const items: ItemScore[] = []

  // 1: disbursement (province level). No fact (a village or tambon view) → 0, pending.
  const disb = facts.disbursement
  if (!disb) {
    items.push(item('M2', '1', 0, r.max['1'], { pending: true, detail: { reason: 'noDisbursementFact' } }))
  } else if (disb.completedOn !== undefined && disb.completedOn <= asOf) {
    items.push(item('M2', '1', disbursementPoints(disb.completedOn, disb.extensionRequested, rubric), r.max['1'], {
      detail: { completedOn: disb.completedOn, extensionRequested: disb.extensionRequested },
    }))
  } else {
    const lastScoringDate = disb.extensionRequested ? r.disbursement.extended[r.disbursement.extended.length - 1]!.by : r.disbursement.onTime.by
    items.push(item('M2', '1', 0, r.max['1'], {
      pending: asOf < lastScoringDate,
      detail: { extensionRequested: disb.extensionRequested, lastScoringDate },
    }))
  }

  // 2: complaints received by min(asOf, deadline); the slowest resolution decides.
  let received = 0
  let open = 0
  let slowest = 0
  for (const c of facts.complaints ?? []) {
    if (c.receivedOn > cut) continue
    received += 1
    if (c.resolvedOn === undefined || c.resolvedOn > cut) open += 1
    else slowest = Math.max(slowest, daysBetween(c.receivedOn, c.resolvedOn))
  }
  const p2 = received === 0 ? r.complaints.none : open > 0 ? r.complaints.otherwise : complaintPoints(slowest, rubric)
  items.push(item('M2', '2', p2, r.max['2'], { detail: { received, open, slowestDays: slowest } }))

  // 3: PR posts, judged by the weakest complete month.
  const months = completeMonths(r.pr.window.start, r.pr.window.end, asOf)
  const prEnd = minDate(asOf, r.pr.window.end)
  const dates: ISODate[] = []
  for (const p of facts.prPosts ?? []) if (p.on >= r.pr.window.start && p.on <= prEnd) dates.push(p.on)
  const counts = countPerPeriod(months, dates)
  const weakest = counts.length > 0 ? Math.min(...counts) : 0
  let p3 = 0
  if (months.length > 0) {
    p3 = band(weakest, r.pr.monthlyBands, -1)
    if (p3 < 0) p3 = dates.length >= r.pr.lowestBand.minPostsInWindow ? r.pr.lowestBand.points : 0
  }
  items.push(item('M2', '3', p3, r.max['3'], {
    pending: months.length === 0,
    detail: { months: months.length, weakestMonthPosts: weakest, postsInWindow: dates.length },
  }))

  // 4: successful plots (HLM and CLM together) over target plots.
  const plots = facts.plots ?? []
  let ok = 0
  for (const p of plots) if (plotSucceeds(p, cut, rubric)) ok += 1
  const pct = plots.length > 0 ? (100 * ok) / plots.length : undefined
  items.push(item('M2', '4', pct === undefined ? r.max['4'] : band(pct, r.success.bands), r.max['4'], {
    value: pct,
    na: plots.length === 0,
    detail: { successful: ok, plots: plots.length },
  }))

  const total = items.reduce((s, i) => s + i.points, 0)
  return { mission: 'M2', asOf, items, total, max: r.totalMax, level: levelFromTable(total, r.levels) }
}
