import type { Dimension } from '../schema/docs'
import type { ISODate } from '../schema/dates'
import type { LocalDb, OfficeSettingsRow } from './local-db'
import { latestReview, reviewsByRecord, reviewStateOf } from './reviews'
import type { AreaRows } from './score-input'
import type { HouseholdFacts, PlotFacts } from './village-facts'

/*
 * The office setting "scores count approved records only" (issue 15). Per district (a supervisor sets
 * it, src/schema docs `office-settings:<district>`); default: every record counts. In a district set
 * to approved-only, the scoring input (and the progress the dashboards show) keeps only records whose
 * latest review approved them — and was not followed by an edit:
 *  - a household's check (verified, plan, failing dimensions, surviving) counts only if the household
 *    record is approved; the household stays a target household either way (reference data);
 *  - mentor visits and assistance count only when approved themselves;
 *  - plot assessments likewise (the plot's latest approved one is the one judged);
 *  - complaints likewise. PR posts and monitoring reports are not reviewed: they always count.
 * Pure, but for `readApprovals` and `readScoringModes`, which read the read model.
 */

export type ScoreCountMode = OfficeSettingsRow['scoresCount']

export interface Approvals {
  /** Approved households, complaints and plot assessments, by id. */
  records: ReadonlySet<string>
  /** Approved mentor visits per household: their dates. */
  visits: ReadonlyMap<string, readonly ISODate[]>
  /** Approved assistance per household: the first date per dimension. */
  assisted: ReadonlyMap<string, Partial<Record<Dimension, ISODate>>>
}

export interface ScoringMode {
  /** 'mixed': some districts of the area count approved records only, others every record. */
  mode: ScoreCountMode | 'mixed'
  /** The area's districts that count approved records only. */
  approvedDistricts: string[]
}

/** The districts of `area` (a province: those of `known`; a district or below: its own) and how each counts. */
export function scoringMode(settings: readonly Pick<OfficeSettingsRow, 'district' | 'scoresCount'>[], area: string, known: readonly string[] = []): ScoringMode {
  const districts = area.length >= 4 ? [area.slice(0, 4)] : [...new Set(known.filter((d) => d.startsWith(area) && d.length === 4))]
  const approved = new Set(settings.filter((s) => s.scoresCount === 'approved').map((s) => s.district))
  const approvedDistricts = districts.filter((d) => approved.has(d)).sort()
  const mode = approvedDistricts.length === 0 ? 'all' : approvedDistricts.length === districts.length ? 'approved' : 'mixed'
  return { mode, approvedDistricts }
}

function householdApproved<H extends HouseholdFacts>(h: H, approvals: Approvals): H {
  const out: H = { ...h, visits: [...(approvals.visits.get(h.id) ?? [])].sort(), assisted: { ...(approvals.assisted.get(h.id) ?? {}) } }
  if (!approvals.records.has(h.id)) {
    delete out.verifiedOn
    delete out.planOn
    delete out.failing
    delete out.survivingOn
  }
  return out
}

function plotApproved<P extends PlotFacts>(p: P, approvals: Approvals): P {
  const assessments = p.assessments.filter((a) => approvals.records.has(a.id))
  const out: P = { ...p, assessments }
  if (assessments.length) out.latest = assessments[assessments.length - 1]
  else delete out.latest
  return out
}

/** The rows as the scores see them: in `approvedDistricts`, approved records only; elsewhere unchanged. */
export function applyApprovedOnly<H extends HouseholdFacts, P extends PlotFacts>(rows: AreaRows<H, P>, approvals: Approvals, approvedDistricts: readonly string[]): AreaRows<H, P> {
  if (approvedDistricts.length === 0) return rows
  const on = new Set(approvedDistricts)
  return {
    ...rows,
    households: rows.households.map((h) => (on.has(h.villageCode.slice(0, 4)) ? householdApproved(h, approvals) : h)),
    plots: rows.plots.map((p) => (on.has(p.tambonCode.slice(0, 4)) ? plotApproved(p, approvals) : p)),
    complaints: rows.complaints.filter((c) => !on.has(c.district) || approvals.records.has(c.id)),
  }
}

/** Every approval on the device: records whose latest review approved the revision they now have. */
export async function readApprovals(db: LocalDb): Promise<Approvals> {
  const byRecord = await reviewsByRecord(db)
  const approvedIds = [...byRecord].filter(([, reviews]) => latestReview(reviews)?.state === 'approved').map(([id]) => id)
  const households = approvedIds.filter((id) => id.startsWith('household:'))
  const complaints = approvedIds.filter((id) => id.startsWith('complaint:'))
  const children = approvedIds.filter((id) => /^(visit|assist|assess):/.test(id))
  const [hRows, cRows, eRows] = await Promise.all([db.households.bulkGet(households), db.complaints.bulkGet(complaints), db.events.bulkGet(children)])
  const records = new Set<string>()
  // Edited since the approval: waiting again, so it does not count.
  for (const row of [...hRows, ...cRows]) if (row && reviewStateOf(row.updatedAt, byRecord.get(row.id) ?? []).state === 'approved') records.add(row.id)
  const visits = new Map<string, ISODate[]>()
  const assisted = new Map<string, Partial<Record<Dimension, ISODate>>>()
  for (const e of eRows) {
    if (!e) continue
    if (e.type === 'plot-assessment') records.add(e.id)
    else if (e.type === 'mentor-visit') (visits.get(e.parentId) ?? visits.set(e.parentId, []).get(e.parentId)!).push(e.on)
    else if (e.type === 'assistance') {
      const d = e.summary.dimension as Dimension
      const per = assisted.get(e.parentId) ?? assisted.set(e.parentId, {}).get(e.parentId)!
      if (!per[d] || e.on < per[d]!) per[d] = e.on
    }
  }
  return { records, visits, assisted }
}

export async function readOfficeSettings(db: LocalDb): Promise<OfficeSettingsRow[]> {
  return db.officeSettings.toArray()
}
