import type { ISODate } from '../schema/dates'
import { minDate } from '../schema/dates'
import type { Household, Plot, Post, ScoreInput } from '../scoring/input-schema'
import { FY2565, type Rubric } from '../scoring/rubric-fy2565'
import type { ComplaintRow, FactsRow, HouseholdRow, PlotAssessmentSummary, PlotRow, PostRow, ReportRow, VillageRow } from './local-db'
import type { HouseholdFacts, PlotFacts } from './village-facts'

/*
 * Read-model rows → the scoring engine's facts (ScoreInput). Pure: plain rows and an explicit `asOf`
 * in, no Dexie, no clock. An area's facts are the union of its villages' rows plus what belongs to the
 * area itself (posts, reports, complaints of its sub-districts); province facts (m2's disbursement and
 * missions 3–8) only belong to the province, so a village, sub-district or district view has none and
 * the engine marks m2 item 1 pending.
 */

/** Thai province codes (first 2 digits of every area code) → official Thai names, as mission 8 wants them. */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '10': 'กรุงเทพมหานคร', '11': 'สมุทรปราการ', '12': 'นนทบุรี', '13': 'ปทุมธานี', '14': 'พระนครศรีอยุธยา', '15': 'อ่างทอง',
  '16': 'ลพบุรี', '17': 'สิงห์บุรี', '18': 'ชัยนาท', '19': 'สระบุรี', '20': 'ชลบุรี', '21': 'ระยอง', '22': 'จันทบุรี', '23': 'ตราด',
  '24': 'ฉะเชิงเทรา', '25': 'ปราจีนบุรี', '26': 'นครนายก', '27': 'สระแก้ว', '30': 'นครราชสีมา', '31': 'บุรีรัมย์', '32': 'สุรินทร์',
  '33': 'ศรีสะเกษ', '34': 'อุบลราชธานี', '35': 'ยโสธร', '36': 'ชัยภูมิ', '37': 'อำนาจเจริญ', '38': 'บึงกาฬ', '39': 'หนองบัวลำภู',
  '40': 'ขอนแก่น', '41': 'อุดรธานี', '42': 'เลย', '43': 'หนองคาย', '44': 'มหาสารคาม', '45': 'ร้อยเอ็ด', '46': 'กาฬสินธุ์',
  '47': 'สกลนคร', '48': 'นครพนม', '49': 'มุกดาหาร', '50': 'เชียงใหม่', '51': 'ลำพูน', '52': 'ลำปาง', '53': 'อุตรดิตถ์', '54': 'แพร่',
  '55': 'น่าน', '56': 'พะเยา', '57': 'เชียงราย', '58': 'แม่ฮ่องสอน', '60': 'นครสวรรค์', '61': 'อุทัยธานี', '62': 'กำแพงเพชร',
  '63': 'ตาก', '64': 'สุโขทัย', '65': 'พิษณุโลก', '66': 'พิจิตร', '67': 'เพชรบูรณ์', '70': 'ราชบุรี', '71': 'กาญจนบุรี',
  '72': 'สุพรรณบุรี', '73': 'นครปฐม', '74': 'สมุทรสาคร', '75': 'สมุทรสงคราม', '76': 'เพชรบุรี', '77': 'ประจวบคีรีขันธ์',
  '80': 'นครศรีธรรมราช', '81': 'กระบี่', '82': 'พังงา', '83': 'ภูเก็ต', '84': 'สุราษฎร์ธานี', '85': 'ระนอง', '86': 'ชุมพร',
  '90': 'สงขลา', '91': 'สตูล', '92': 'ตรัง', '93': 'พัทลุง', '94': 'ปัตตานี', '95': 'ยะลา', '96': 'นราธิวาส',
}

export type AreaLevel = 'village' | 'tambon' | 'district' | 'province'

/** The level of an area code by its length: 2 province, 4 district, 6 sub-district, 8 village. */
export function areaLevel(code: string): AreaLevel {
  return code.length <= 2 ? 'province' : code.length <= 4 ? 'district' : code.length <= 6 ? 'tambon' : 'village'
}

/**
 * Everything the read model holds for an area (rows whose code starts with the area's code). The
 * dashboards read households and plots as their packed facts (`AreaFactsRows`); exports, full rows.
 */
export interface AreaRows<H extends HouseholdFacts = HouseholdRow, P extends PlotFacts = PlotRow> {
  households: readonly H[]
  plots: readonly P[]
  complaints: readonly ComplaintRow[]
  posts: readonly PostRow[]
  reports: readonly ReportRow[]
  /** Province facts docs; only used when the area is a province. */
  facts: readonly FactsRow[]
  villages?: readonly VillageRow[]
}

export type AreaFactsRows = AreaRows<HouseholdFacts, PlotFacts>

export const EMPTY_ROWS: AreaRows = { households: [], plots: [], complaints: [], posts: [], reports: [], facts: [] }

/** The rows of `rows` that lie inside `area` (a code prefix). Posts and reports are district-level at the finest. */
export function rowsWithin<H extends HouseholdFacts, P extends PlotFacts>(rows: AreaRows<H, P>, area: string): AreaRows<H, P> {
  const inArea = (code: string | undefined) => code !== undefined && code.startsWith(area)
  const level = areaLevel(area)
  return {
    households: rows.households.filter((h) => inArea(h.villageCode)),
    plots: rows.plots.filter((p) => inArea(p.villageCode ?? p.tambonCode)),
    complaints: rows.complaints.filter((c) => inArea(c.tambonCode)),
    // A post may name its sub-district; posts and reports never name a village.
    posts: level === 'village' ? [] : rows.posts.filter((p) => (level === 'tambon' ? inArea(p.tambonCode) : inArea(p.tambonCode ?? p.district))),
    reports: level === 'village' || level === 'tambon' ? [] : rows.reports.filter((r) => inArea(r.district)),
    facts: level === 'province' ? rows.facts.filter((f) => f.province === area) : [],
    villages: rows.villages?.filter((v) => inArea(v.code)),
  }
}

/** A household row as mission 1's facts. `place` names it in the advice ("in หมู่ 3 บ้านโนน"). */
export function householdFacts(row: HouseholdFacts, place?: string): Household {
  const h: Household = { id: row.id, inTpmap: row.inTpmap, targetPersons: row.targetPersons }
  if (row.verifiedOn !== undefined) h.verifiedOn = row.verifiedOn
  if (row.planOn !== undefined) h.planOn = row.planOn
  if (row.visits.length > 0) h.mentorVisits = row.visits.slice()
  if (row.failing) h.failing = { ...row.failing }
  if (Object.keys(row.assisted).length > 0) h.assisted = { ...row.assisted }
  if (row.survivingOn !== undefined) h.survivingOn = row.survivingOn
  if (place !== undefined) h.village = place
  return h
}

/** The assessment the rubric judges a plot by: the latest dated ≤ min(asOf, deadline). Same day: the later id. */
export function assessmentAsOf(assessments: readonly PlotAssessmentSummary[], asOf: ISODate, rubric: Rubric = FY2565): PlotAssessmentSummary | undefined {
  const cut = minDate(asOf, rubric.m2.deadline)
  let best: PlotAssessmentSummary | undefined
  for (const a of assessments) {
    if (a.on > cut) continue
    if (!best || a.on > best.on || (a.on === best.on && a.id > best.id)) best = a
  }
  return best
}

/**
 * A plot row as mission 2's facts. The read model keeps only `{ id, on, success }` per assessment
 * (the projector already applied the rubric's success definition to the raw criteria), so the engine
 * gets a *synthetic* assessment that meets every criterion when the plot succeeded and fails them when
 * it did not; `plotSucceeds` then gives back exactly the projector's verdict.
 */
export function plotFacts(row: PlotFacts, asOf: ISODate, rubric: Rubric = FY2565, place?: string): Plot {
  const a = assessmentAsOf(row.assessments, asOf, rubric)
  const where = place !== undefined ? { village: place } : {}
  if (row.kind === 'HLM') {
    return a ? { id: row.id, kind: 'HLM', assessment: { on: a.on, reducesExpenses: a.success, selfReliant: a.success }, ...where } : { id: row.id, kind: 'HLM', ...where }
  }
  if (!a) return { id: row.id, kind: 'CLM', ...where }
  const s = a.success
  const assessment = {
    on: a.on,
    khok: s,
    nong: s,
    na: s,
    learningStations: s ? rubric.m2.success.clmMinLearningStations : 0,
    trainersAndMedia: s,
    committee: s,
    visitors: s ? rubric.m2.success.clmVisitorsAbove + 1 : 0,
  }
  return { id: row.id, kind: 'CLM', assessment, ...where }
}

function postsOf(posts: readonly PostRow[], mission: PostRow['mission']): Post[] {
  const out: Post[] = []
  for (const p of posts) if (p.mission === mission) out.push({ on: p.on, channel: p.channel })
  return out
}

function factsDoc(facts: readonly FactsRow[], mission: FactsRow['mission']): Record<string, unknown> | undefined {
  return facts.find((f) => f.mission === mission)?.doc
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/** A village's label for the advice: "หมู่ 3 บ้านโนน". */
export function villageLabel(v: Pick<VillageRow, 'moo' | 'name'>): string {
  return `หมู่ ${v.moo} ${v.name}`
}

export interface ScoreInputOptions {
  asOf: ISODate
  /** The area's code; at province level (2 digits) the province facts and mission 8 are included. */
  area: string
  rubric?: Rubric
}

/** The engine's input for an area: missions 1 and 2 from the records; at province level, missions 3–8 from the facts. */
export function buildScoreInput(rows: AreaFactsRows, { asOf, area, rubric = FY2565 }: ScoreInputOptions): ScoreInput {
  const places = new Map<string, string>()
  for (const v of rows.villages ?? []) places.set(v.code, villageLabel(v))
  const input: ScoreInput = {
    asOf,
    area,
    m1: {
      households: rows.households.map((h) => householdFacts(h, places.get(h.villageCode))),
      prPosts: postsOf(rows.posts, 'm1'),
      monitoringReports: rows.reports.filter((r) => r.mission === 'm1').map((r) => ({ on: r.on })),
    },
    m2: {
      plots: rows.plots.map((p) => plotFacts(p, asOf, rubric, p.villageCode ? places.get(p.villageCode) : undefined)),
      complaints: rows.complaints.map((c) => (c.resolvedOn ? { receivedOn: c.receivedOn, resolvedOn: c.resolvedOn } : { receivedOn: c.receivedOn })),
      prPosts: postsOf(rows.posts, 'm2'),
    },
  }
  if (areaLevel(area) !== 'province') return input
  const province = area.slice(0, 2)
  const name = PROVINCE_NAMES[province]
  if (name) input.province = name

  const m2 = factsDoc(rows.facts, 'm2')
  if (m2) input.m2!.disbursement = m2.completedOn ? { extensionRequested: m2.extensionRequested === true, completedOn: String(m2.completedOn) } : { extensionRequested: m2.extensionRequested === true }
  const m3 = factsDoc(rows.facts, 'm3')
  if (m3) {
    const channels = Array.isArray(m3.channels) ? (m3.channels as { name?: unknown; newOperators?: unknown }[]) : []
    input.m3 = {
      freeEvents: num(m3.freeEvents),
      registeredWithoutOnline: Math.max(1, num(m3.registeredWithoutOnline)),
      channels: channels.map((c) => ({ name: String(c.name ?? ''), newOperators: num(c.newOperators) })),
    }
  }
  const m4 = factsDoc(rows.facts, 'm4')
  if (m4) {
    input.m4 = { activitiesPlanned: num(m4.activitiesPlanned), activitiesDone: num(m4.activitiesDone) }
    if (typeof m4.planOn === 'string') input.m4.planOn = m4.planOn
  }
  const m5 = factsDoc(rows.facts, 'm5')
  if (m5) input.m5 = { defaultedAmount: num(m5.defaultedAmount), recoveredAmount: num(m5.recoveredAmount) }
  const m6 = factsDoc(rows.facts, 'm6')
  if (m6) input.m6 = { overdueAtBaseline: num(m6.overdueAtBaseline), overdueNow: num(m6.overdueNow) }
  const m7 = factsDoc(rows.facts, 'm7')
  if (m7 && num(m7.baselineRevenue) > 0) input.m7 = { baselineRevenue: num(m7.baselineRevenue), revenue: num(m7.revenue) }
  const m8 = factsDoc(rows.facts, 'm8')
  if (m8 && name) {
    const activities = Array.isArray(m8.activities) ? (m8.activities as { on?: unknown }[]) : []
    input.m8 = {
      mechanismAppointed: m8.mechanismAppointed === true,
      literacyMeetingHeld: m8.literacyMeetingHeld === true,
      dataUpdatedMonths: Array.isArray(m8.dataUpdatedMonths) ? (m8.dataUpdatedMonths as unknown[]).map(String) : [],
      prPosts: postsOf(rows.posts, 'm8'),
      activities: activities.filter((a) => typeof a.on === 'string').map((a) => ({ on: a.on as string })),
      downloads: num(m8.downloads),
    }
  }
  return input
}

/** Concatenates areas' facts (missions 1 and 2): what a roll-up scores. Province facts are not concatenated. */
export function unionFacts(parts: readonly ScoreInput[], asOf: ISODate, area: string): ScoreInput {
  return {
    asOf,
    area,
    m1: {
      households: parts.flatMap((p) => p.m1?.households ?? []),
      prPosts: parts.flatMap((p) => p.m1?.prPosts ?? []),
      monitoringReports: parts.flatMap((p) => p.m1?.monitoringReports ?? []),
    },
    m2: {
      plots: parts.flatMap((p) => p.m2?.plots ?? []),
      complaints: parts.flatMap((p) => p.m2?.complaints ?? []),
      prPosts: parts.flatMap((p) => p.m2?.prPosts ?? []),
    },
  }
}
