import type { ISODate } from '../../schema/dates'
import { minDate } from '../../schema/dates'
import { band, levelFromTable, ratioPoints } from '../bands'
import type { M1Facts } from '../input-schema'
import type { Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import type { ItemScore, MissionScore } from '../types'
import { item } from '../types'
import { completeIsoWeeks, completeMonths, countPerPeriod, normalizeChannel } from '../windows'
import { mentorVisitsMet } from '../mentor-visits'

export { monthIndex, lastCompleteMonthIndex } from '../mentor-visits'

/**
 * Mission 1 (ขจัดความยากจนฯ), SCORING.md's table. One pass over the households; an area's score is the
 * score of the union of its villages' households, posts and reports.
 */
export function scoreMission1(facts: M1Facts, asOf: ISODate, rubric: Rubric = FY2565): MissionScore {
  const r = rubric.m1
  const verifyCut = minDate(asOf, r.verifyBy)
  const assistCut = minDate(asOf, r.assistBy)
  const others = r.otherDimensions
  const visitBuf = new Int32Array(16)

  let tpPersons = 0
  let tpVerifiedPersons = 0
  let tpHouseholds = 0
  let surviving = 0
  let exclusionPersons = 0
  let verified = 0
  let verifiedWithoutPlan = 0
  let judged = 0
  let mentorFailing = 0
  let incomeDen = 0
  let incomeNum = 0
  let otherDen = 0
  let otherNum = 0

  for (const h of facts.households) {
    const v = h.verifiedOn
    if (h.inTpmap) {
      tpPersons += h.targetPersons
      tpHouseholds += 1
      if (v !== undefined && v <= verifyCut) tpVerifiedPersons += h.targetPersons
      if (h.survivingOn !== undefined && h.survivingOn <= assistCut) surviving += 1
    } else if (v !== undefined && v <= verifyCut) {
      exclusionPersons += h.targetPersons
    }
    if (v !== undefined && v <= asOf) {
      verified += 1
      if (h.planOn === undefined || h.planOn > asOf) verifiedWithoutPlan += 1
    }
    // 2.1: the monthly mentor-visit rule (mentor-visits.ts), judged up to min(asOf, assistBy).
    const met = mentorVisitsMet(h.planOn, h.mentorVisits, asOf, rubric, visitBuf)
    if (met !== undefined) {
      judged += 1
      if (!met) mentorFailing += 1
    }
    // 2.2: households verified by min(asOf, assistBy).
    if (v !== undefined && v <= assistCut) {
      const f = h.failing
      if (f) {
        const a = h.assisted
        if (f.income) {
          incomeDen += 1
          if (a?.income !== undefined && a.income <= assistCut) incomeNum += 1
        }
        let anyOther = false
        let allAssisted = true
        for (const dim of others) {
          if (f[dim]) {
            anyOther = true
            const on = a?.[dim]
            if (on === undefined || on > assistCut) allAssisted = false
          }
        }
        if (anyOther) {
          otherDen += 1
          if (allAssisted) otherNum += 1
        }
      }
    }
  }

  const max = r.max
  const items: ItemScore[] = []
  items.push(
    item('M1', '1.1', ratioPoints(max['1.1'], tpVerifiedPersons, tpPersons), max['1.1'], {
      value: tpPersons > 0 ? (100 * tpVerifiedPersons) / tpPersons : undefined,
      na: tpPersons === 0,
      detail: { verifiedPersons: tpVerifiedPersons, targetPersons: tpPersons },
    }),
  )
  items.push(
    item('M1', '1.2', verified > 0 && verifiedWithoutPlan === 0 ? max['1.2'] : 0, max['1.2'], {
      detail: { verified, verifiedWithoutPlan },
    }),
  )
  items.push(
    item('M1', '2.1', judged > 0 && mentorFailing === 0 ? max['2.1'] : 0, max['2.1'], {
      pending: judged === 0,
      detail: { judged, failing: mentorFailing },
    }),
  )
  items.push(
    item('M1', '2.2.1', ratioPoints(max['2.2.1'], incomeNum, incomeDen), max['2.2.1'], {
      value: incomeDen > 0 ? (100 * incomeNum) / incomeDen : undefined,
      na: incomeDen === 0,
      detail: { assisted: incomeNum, failing: incomeDen },
    }),
  )
  items.push(
    item('M1', '2.2.2', ratioPoints(max['2.2.2'], otherNum, otherDen), max['2.2.2'], {
      value: otherDen > 0 ? (100 * otherNum) / otherDen : undefined,
      na: otherDen === 0,
      detail: { assisted: otherNum, failing: otherDen },
    }),
  )
  const survivingPct = tpHouseholds > 0 ? (100 * surviving) / tpHouseholds : undefined
  items.push(
    item('M1', '2.3', survivingPct === undefined ? max['2.3'] : band(survivingPct, r.survivingBands), max['2.3'], {
      value: survivingPct,
      na: tpHouseholds === 0,
      detail: { surviving, households: tpHouseholds },
    }),
  )

  // 3.1: PR posts — ≥ 3 distinct channels over the window and ≥ 2 posts in every complete ISO week.
  const prEnd = minDate(asOf, r.prWindow.end)
  const weeks = completeIsoWeeks(r.prWindow.start, r.prWindow.end, asOf)
  const channels = new Set<string>()
  const postDates: ISODate[] = []
  for (const p of facts.prPosts ?? []) {
    if (p.on < r.prWindow.start || p.on > prEnd) continue
    channels.add(normalizeChannel(p.channel))
    postDates.push(p.on)
  }
  const weekCounts = countPerPeriod(weeks, postDates)
  const weakWeeks = weekCounts.filter((c) => c < r.pr.minPostsPerWeek).length
  items.push(
    item('M1', '3.1', weeks.length > 0 && weakWeeks === 0 && channels.size >= r.pr.minChannels ? max['3.1'] : 0, max['3.1'], {
      pending: weeks.length === 0,
      detail: { channels: channels.size, weeks: weeks.length, weeksBelow: weakWeeks },
    }),
  )

  // 3.2: ≥ 1 monitoring report in every complete month.
  const months = completeMonths(r.reportWindow.start, r.reportWindow.end, asOf)
  const reportEnd = minDate(asOf, r.reportWindow.end)
  const reportCounts = countPerPeriod(
    months,
    (facts.monitoringReports ?? []).map((x) => x.on).filter((d) => d <= reportEnd),
  )
  const monthsWithout = reportCounts.filter((c) => c < r.minReportsPerMonth).length
  items.push(
    item('M1', '3.2', months.length > 0 && monthsWithout === 0 ? max['3.2'] : 0, max['3.2'], {
      pending: months.length === 0,
      detail: { months: months.length, monthsWithout },
    }),
  )

  // 4 (extra point): exclusion-error persons verified by verifyBy, against TPMAP target persons; 0 on none.
  const exclusionPct = tpPersons > 0 ? (100 * exclusionPersons) / tpPersons : undefined
  items.push(
    item('M1', '4', exclusionPct === undefined ? 0 : band(exclusionPct, r.exclusionBands), max['4'], {
      value: exclusionPct,
      detail: { exclusionPersons, targetPersons: tpPersons },
    }),
  )

  const total = items.reduce((s, i) => s + i.points, 0)
  return { mission: 'M1', asOf, items, total, max: r.totalMax, level: levelFromTable(total, r.levels) }
}
