import type { ISODate } from '../../schema/dates'
import { minDate } from '../../schema/dates'
import { BAND_EPSILON, ratioPoints } from '../bands'
import type { M8Facts } from '../input-schema'
import { scoreMission } from '../engine'
import type { Rubric } from '../rubric-fy2565'
import { FY2565, downloadTarget } from '../rubric-fy2565'
import { completeFiscalQuarters, completeMonths, normalizeChannel } from '../windows'
import type { Advice } from './common'
import { Collector, countForPoints, openPeriod, countIn } from './common'

/* Mission 8: what is missing for the next level (see advice.ts). */

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

