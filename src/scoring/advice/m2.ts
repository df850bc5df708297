import type { ISODate } from '../../schema/dates'
import { addDays, daysBetween, minDate } from '../../schema/dates'
import type { Plot, M2Facts } from '../input-schema'
import { scoreMission } from '../engine'
import { complaintPoints, disbursementPoints, plotSucceeds } from '../missions/m2'
import type { Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import { completeMonths } from '../windows'
import type { Advice } from './common'
import { MAX_PLACES, Collector, bandOptions, openPeriod, countIn } from './common'

/* Mission 2: what is missing for the next level (see advice.ts). */

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

