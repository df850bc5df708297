import type { ISODate } from '../../schema/dates'
import { minDate } from '../../schema/dates'
import { levelFromTable, ratioPoints } from '../bands'
import type { M8Facts } from '../input-schema'
import type { Rubric } from '../rubric-fy2565'
import { FY2565, downloadTarget } from '../rubric-fy2565'
import type { ItemScore, MissionScore } from '../types'
import { item } from '../types'
import { completeFiscalQuarters, completeMonths, countPerPeriod, normalizeChannel } from '../windows'

/** Mission 8 ("Click ชุมชน"). The province decides item 4's download target; unknown → throws. */
export function scoreMission8(facts: M8Facts, asOf: ISODate, province: string, rubric: Rubric = FY2565): MissionScore {
  const r = rubric.m8
  const target = downloadTarget(province, rubric)
  const items: ItemScore[] = []
  items.push(item('M8', '1.1', facts.mechanismAppointed ? r.max['1.1'] : 0, r.max['1.1']))
  items.push(item('M8', '1.2', facts.literacyMeetingHeld ? r.max['1.2'] : 0, r.max['1.2']))

  // 1.3: every complete month Oct 2021 – min(asOf, Sep 2022) is listed as updated.
  const dataMonths = completeMonths(r.dataWindow.start, r.dataWindow.end, asOf)
  const updated = new Set(facts.dataUpdatedMonths)
  const missing = dataMonths.filter((m) => !updated.has(m.key)).map((m) => m.key)
  items.push(item('M8', '1.3', dataMonths.length > 0 && missing.length === 0 ? r.max['1.3'] : 0, r.max['1.3'], {
    pending: dataMonths.length === 0,
    detail: { months: dataMonths.length, missingMonths: missing },
  }))

  // 2: every complete month Jan – Sep 2022 has a post, and the window's posts use ≥ 2 channels.
  const prMonths = completeMonths(r.prWindow.start, r.prWindow.end, asOf)
  const prEnd = minDate(asOf, r.prWindow.end)
  const channels = new Set<string>()
  const dates: ISODate[] = []
  for (const p of facts.prPosts) {
    if (p.on < r.prWindow.start || p.on > prEnd) continue
    channels.add(normalizeChannel(p.channel))
    dates.push(p.on)
  }
  const prCounts = countPerPeriod(prMonths, dates)
  const monthsWithout = prCounts.filter((c) => c < r.pr.minPostsPerMonth).length
  items.push(item('M8', '2', prMonths.length > 0 && monthsWithout === 0 && channels.size >= r.pr.minChannels ? r.max['2'] : 0, r.max['2'], {
    pending: prMonths.length === 0,
    detail: { months: prMonths.length, monthsWithout, channels: channels.size },
  }))

  // 3: ≥ 1 activity in every complete fiscal quarter Q2–Q4.
  const quarters = completeFiscalQuarters(r.activityWindow.start, r.activityWindow.end, asOf)
  const actEnd = minDate(asOf, r.activityWindow.end)
  const qCounts = countPerPeriod(quarters, facts.activities.map((a) => a.on).filter((d) => d <= actEnd))
  const quartersWithout = qCounts.filter((c) => c < r.minActivitiesPerQuarter).length
  items.push(item('M8', '3', quarters.length > 0 && quartersWithout === 0 ? r.max['3'] : 0, r.max['3'], {
    pending: quarters.length === 0,
    detail: { quarters: quarters.length, quartersWithout },
  }))

  // 4: downloads against the province's target.
  items.push(item('M8', '4', ratioPoints(r.max['4'], facts.downloads, target), r.max['4'], {
    value: (100 * facts.downloads) / target,
    detail: { downloads: facts.downloads, target },
  }))

  const total = items.reduce((s, i) => s + i.points, 0)
  return { mission: 'M8', asOf, items, total, max: r.totalMax, level: levelFromTable(total, r.levels) }
}
