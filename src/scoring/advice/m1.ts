import type { ISODate } from '../../schema/dates'
import { minDate } from '../../schema/dates'
import type { Household, M1Facts } from '../input-schema'
import { scoreMission } from '../engine'
import type { Rubric } from '../rubric-fy2565'
import { FY2565 } from '../rubric-fy2565'
import { completeIsoWeeks, completeMonths, normalizeChannel } from '../windows'
import type { Advice } from './common'
import { Collector, placesOf, ratioOptions, bandOptions, openPeriod, countIn } from './common'

/* Mission 1: what is missing for the next level (see advice.ts). */

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

