import type { Dimension, ISODate } from '../schema'
import { DIMENSIONS } from '../schema/docs'
import { daysBetween, minDate } from '../schema/dates'
import { mentorVisitsMet } from '../scoring/mentor-visits'
import { FY2565, type Rubric } from '../scoring/rubric-fy2565'
import type { ComplaintRow, HouseholdRow, PlotRow, VillageRow } from './local-db'
import { assessmentAsOf } from './score-input'

/*
 * Per-village progress: the counts behind every indicator the field records drive, computed the way
 * the rubric judges them (SCORING.md), as of a date. Pure and one pass over the rows, so a district of
 * 25,000 households stays far inside DESIGN.md's 150 ms budget (bench: `villageProgress` with plain rows).
 */

export interface Count {
  done: number
  of: number
}

export interface PlotCounts {
  of: number
  assessed: number
  successful: number
}

export interface VillageProgress {
  code: string
  name: string
  moo: number
  tambonCode: string
  tambonName: string
  /** TPMAP target households, and households added by officers (exclusion errors). */
  households: number
  exclusion: number
  /** 1.1: TPMAP target persons verified by the deadline (and by asOf). */
  persons: Count
  /** 1.2: verified households (any) with a household plan. */
  plans: Count
  /** 2.1: households with a plan and ≥ 1 complete month after it, with ≥ 2 visits in every such month. */
  visits: Count
  /** 2.2: verified households failing a dimension, assisted on it. */
  assisted: Record<Dimension, Count>
  /** 2.3: TPMAP households able to sustain themselves. */
  surviving: Count
  hlm: PlotCounts
  clm: PlotCounts
  /** Complaints linked to the village's plots: received by asOf, still open, and the oldest open one's age. */
  complaints: { received: number; open: number; oldestOpenDays: number }
  /** 0–1: the mean of the village's ratios that have a denominator; 1 when nothing is required. For "worst first". */
  score: number
}

export interface ProgressRows {
  villages: readonly VillageRow[]
  households: readonly HouseholdRow[]
  plots: readonly PlotRow[]
  complaints: readonly ComplaintRow[]
}

function emptyProgress(code: string, v?: VillageRow): VillageProgress {
  const c = (): Count => ({ done: 0, of: 0 })
  return {
    code,
    name: v?.name ?? '',
    moo: v?.moo ?? 0,
    tambonCode: v?.tambonCode ?? code.slice(0, 6),
    tambonName: v?.tambonName ?? '',
    households: 0,
    exclusion: 0,
    persons: c(),
    plans: c(),
    visits: c(),
    assisted: { income: c(), health: c(), living: c(), education: c(), access: c() },
    surviving: c(),
    hlm: { of: 0, assessed: 0, successful: 0 },
    clm: { of: 0, assessed: 0, successful: 0 },
    complaints: { received: 0, open: 0, oldestOpenDays: 0 },
    score: 1,
  }
}

/** Whether a household with a plan met the monthly mentor-visit rule (undefined: not judged yet). The rule is src/scoring/mentor-visits.ts. */
export function visitsCompliant(h: Pick<HouseholdRow, 'planOn' | 'visits'>, asOf: ISODate, rubric: Rubric = FY2565, buf?: Int32Array): boolean | undefined {
  return mentorVisitsMet(h.planOn, h.visits, asOf, rubric, buf)
}

function ratioScore(p: VillageProgress): number {
  const counts: Count[] = [p.persons, p.plans, p.visits, ...DIMENSIONS.map((d) => p.assisted[d])]
  let sum = 0
  let n = 0
  for (const c of counts) {
    if (c.of > 0) {
      sum += c.done / c.of
      n += 1
    }
  }
  for (const k of [p.hlm, p.clm]) {
    if (k.of > 0) {
      sum += k.successful / k.of
      n += 1
    }
  }
  if (p.complaints.received > 0) {
    sum += 1 - p.complaints.open / p.complaints.received
    n += 1
  }
  return n === 0 ? 1 : sum / n
}

/** Progress of every village (those in `villages`, plus any code households or plots name that is not there). */
export function villageProgress(rows: ProgressRows, asOf: ISODate, rubric: Rubric = FY2565): VillageProgress[] {
  const r = rubric.m1
  const verifyCut = minDate(asOf, r.verifyBy)
  const assistCut = minDate(asOf, r.assistBy)
  const plotCut = minDate(asOf, rubric.m2.deadline)
  const visitBuf = new Int32Array(16)
  const byCode = new Map<string, VillageProgress>()
  for (const v of rows.villages) byCode.set(v.code, emptyProgress(v.code, v))
  const get = (code: string) => {
    let p = byCode.get(code)
    if (!p) {
      p = emptyProgress(code)
      byCode.set(code, p)
    }
    return p
  }

  for (const h of rows.households) {
    const p = get(h.villageCode)
    const v = h.verifiedOn
    if (h.inTpmap) {
      p.households += 1
      p.persons.of += h.targetPersons
      if (v !== undefined && v <= verifyCut) p.persons.done += h.targetPersons
      p.surviving.of += 1
      if (h.survivingOn !== undefined && h.survivingOn <= assistCut) p.surviving.done += 1
    } else {
      p.exclusion += 1
    }
    if (v !== undefined && v <= asOf) {
      p.plans.of += 1
      if (h.planOn !== undefined && h.planOn <= asOf) p.plans.done += 1
    }
    const compliant = visitsCompliant(h, asOf, rubric, visitBuf)
    if (compliant !== undefined) {
      p.visits.of += 1
      if (compliant) p.visits.done += 1
    }
    if (v !== undefined && v <= assistCut && h.failing) {
      for (const d of DIMENSIONS) {
        if (!h.failing[d]) continue
        p.assisted[d].of += 1
        const on = h.assisted[d]
        if (on !== undefined && on <= assistCut) p.assisted[d].done += 1
      }
    }
  }

  const plotVillage = new Map<string, string>()
  for (const plot of rows.plots) {
    if (!plot.villageCode) continue
    plotVillage.set(plot.id, plot.villageCode)
    const p = get(plot.villageCode)
    const k = plot.kind === 'HLM' ? p.hlm : p.clm
    k.of += 1
    const a = plot.latest && plot.latest.on <= plotCut ? plot.latest : assessmentAsOf(plot.assessments, asOf, rubric)
    if (a) {
      k.assessed += 1
      if (a.success) k.successful += 1
    }
  }

  for (const c of rows.complaints) {
    const code = c.plotId ? plotVillage.get(c.plotId) : undefined
    if (!code || c.receivedOn > asOf) continue
    const p = get(code)
    p.complaints.received += 1
    if (c.resolvedOn === undefined || c.resolvedOn > asOf) {
      p.complaints.open += 1
      p.complaints.oldestOpenDays = Math.max(p.complaints.oldestOpenDays, daysBetween(c.receivedOn, asOf))
    }
  }

  const out = [...byCode.values()]
  for (const p of out) p.score = ratioScore(p)
  return out
}

/** Sums villages' progress into one (a sub-district's or district's totals). */
export function sumProgress(parts: readonly VillageProgress[], code: string, name = ''): VillageProgress {
  const s = emptyProgress(code)
  s.name = name
  const add = (a: Count, b: Count) => {
    a.done += b.done
    a.of += b.of
  }
  for (const p of parts) {
    s.households += p.households
    s.exclusion += p.exclusion
    add(s.persons, p.persons)
    add(s.plans, p.plans)
    add(s.visits, p.visits)
    add(s.surviving, p.surviving)
    for (const d of DIMENSIONS) add(s.assisted[d], p.assisted[d])
    for (const k of ['hlm', 'clm'] as const) {
      s[k].of += p[k].of
      s[k].assessed += p[k].assessed
      s[k].successful += p[k].successful
    }
    s.complaints.received += p.complaints.received
    s.complaints.open += p.complaints.open
    s.complaints.oldestOpenDays = Math.max(s.complaints.oldestOpenDays, p.complaints.oldestOpenDays)
  }
  s.score = ratioScore(s)
  return s
}

export type SortKey = 'worst' | 'name' | 'persons' | 'visits'

/** Sorted and filtered for the list: worst first (lowest score, then most households), or by name. */
export function sortProgress(list: readonly VillageProgress[], sort: SortKey, tambon?: string): VillageProgress[] {
  const kept = tambon ? list.filter((p) => p.tambonCode === tambon) : list.slice()
  const frac = (c: Count) => (c.of > 0 ? c.done / c.of : 1)
  const byName = (a: VillageProgress, b: VillageProgress) => a.code.localeCompare(b.code)
  switch (sort) {
    case 'name':
      return kept.sort(byName)
    case 'persons':
      return kept.sort((a, b) => frac(a.persons) - frac(b.persons) || byName(a, b))
    case 'visits':
      return kept.sort((a, b) => frac(a.visits) - frac(b.visits) || byName(a, b))
    default:
      return kept.sort((a, b) => a.score - b.score || b.households - a.households || byName(a, b))
  }
}

export type HoldbackReason = 'notVerified' | 'noPlan' | 'visitsShort' | 'notAssisted' | 'notAssessed' | 'notSuccessful'

export interface Holdback {
  id: string
  kind: 'household' | 'plot'
  label: string
  reasons: HoldbackReason[]
  /** Dimensions still waiting for assistance (reason notAssisted). */
  dimensions?: Dimension[]
}

/** The households and plots that keep a village's indicators down, as of `asOf`. */
export function villageHoldbacks(households: readonly HouseholdRow[], plots: readonly PlotRow[], asOf: ISODate, rubric: Rubric = FY2565): Holdback[] {
  const verifyCut = minDate(asOf, rubric.m1.verifyBy)
  const assistCut = minDate(asOf, rubric.m1.assistBy)
  const out: Holdback[] = []
  for (const h of households) {
    const reasons: HoldbackReason[] = []
    const v = h.verifiedOn
    if (h.inTpmap && (v === undefined || v > verifyCut)) reasons.push('notVerified')
    if (v !== undefined && v <= asOf && (h.planOn === undefined || h.planOn > asOf)) reasons.push('noPlan')
    if (visitsCompliant(h, asOf, rubric) === false) reasons.push('visitsShort')
    const dimensions: Dimension[] = []
    if (v !== undefined && v <= assistCut && h.failing) {
      for (const d of DIMENSIONS) if (h.failing[d] && !(h.assisted[d] !== undefined && h.assisted[d]! <= assistCut)) dimensions.push(d)
    }
    if (dimensions.length > 0) reasons.push('notAssisted')
    if (reasons.length > 0) out.push({ id: h.id, kind: 'household', label: `${h.houseId} ${h.headName}`, reasons, ...(dimensions.length ? { dimensions } : {}) })
  }
  for (const p of plots) {
    const a = assessmentAsOf(p.assessments, asOf, rubric)
    const reasons: HoldbackReason[] = !a ? ['notAssessed'] : a.success ? [] : ['notSuccessful']
    if (reasons.length > 0) out.push({ id: p.id, kind: 'plot', label: `${p.kind} ${p.plotNo}${p.ownerName ? ` ${p.ownerName}` : ''}`, reasons })
  }
  return out
}
