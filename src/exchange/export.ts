import type { ISODate } from '../schema/dates'
import { daysBetween } from '../schema/dates'
import { DIMENSIONS, type Dimension } from '../schema/docs'
import { compareHouseNumbers } from '../schema/house-number'
import { MESSAGES as SCORING_MESSAGES } from '../scoring/messages'
import type { MissionScore } from '../scoring/types'
import type { ComplaintRow, HouseholdRow, PlotRow, VillageRow } from '../store/local-db'
import { assessmentAsOf } from '../store/score-input'
import type { VillageProgress } from '../store/village-progress'
import type { ReviewState } from '../store/reviews'
import { beDate } from './cells'
import type { Cell, Table } from './files'

/*
 * Records and scores as tables for the office: Thai headers (the import's own headers where a column
 * means the same, so an exported list can be imported again), Buddhist-Era dates as dd/mm/yyyy text,
 * numbers as numbers. Pure: rows in, a Table out; files.ts writes CSV or XLSX and escapes formulas.
 */

const DIM_TH: Record<Dimension, string> = { income: 'รายได้', health: 'สุขภาพ', living: 'ความเป็นอยู่', education: 'การศึกษา', access: 'การเข้าถึงบริการภาครัฐ' }
const yesNo = (b: boolean) => (b ? 'ใช่' : 'ไม่ใช่')

/** A household's status as of a date, in the words an office uses. */
export function householdStatus(h: HouseholdRow, asOf: ISODate): string {
  if (h.survivingOn && h.survivingOn <= asOf) return 'ดำรงชีวิตอยู่รอดได้'
  if (h.planOn && h.planOn <= asOf) return 'มีแผนครัวเรือนแล้ว'
  if (h.verifiedOn && h.verifiedOn <= asOf) return 'รับรองข้อมูลแล้ว ยังไม่มีแผน'
  return 'ยังไม่รับรองข้อมูล'
}

export const REVIEW_STATE_TH: Record<ReviewState, string> = { waiting: 'รอตรวจ', approved: 'อนุมัติแล้ว', returned: 'ส่งกลับให้แก้ไข' }

/** `reviewStates` (household id → state) adds the supervisor's review state as the last column. */
export function householdsTable(households: readonly HouseholdRow[], villages: readonly VillageRow[], asOf: ISODate, name = 'households', reviewStates?: ReadonlyMap<string, ReviewState>): Table {
  const byCode = new Map(villages.map((v) => [v.code, v]))
  const upTo = (d: ISODate | undefined) => (d && d <= asOf ? d : undefined)
  const table = householdsBase(households, byCode, asOf, upTo, name)
  if (!reviewStates) return table
  const sorted = sortHouseholds(households)
  return {
    ...table,
    headers: [...table.headers, 'ผลการตรวจ'],
    rows: table.rows.map((row, i) => [...row, REVIEW_STATE_TH[reviewStates.get(sorted[i]!.id) ?? 'waiting']]),
  }
}

const sortHouseholds = (households: readonly HouseholdRow[]) => [...households].sort((a, b) => a.villageCode.localeCompare(b.villageCode) || compareHouseNumbers(a.houseId, b.houseId))

function householdsBase(households: readonly HouseholdRow[], byCode: Map<string, VillageRow>, asOf: ISODate, upTo: (d: ISODate | undefined) => ISODate | undefined, name: string): Table {
  return {
    name,
    headers: ['รหัสหมู่บ้าน', 'หมู่ที่', 'ชื่อหมู่บ้าน', 'ชื่อตำบล', 'บ้านเลขที่', 'ชื่อหัวหน้าครัวเรือน', 'จำนวนคนเป้าหมาย', 'อยู่ในบัญชี TPMAP', 'วันที่รับรองข้อมูล', 'วันที่จัดทำแผน', 'จำนวนครั้งที่พี่เลี้ยงเยี่ยม', 'ด้านที่ตกเกณฑ์', 'ด้านที่ได้รับความช่วยเหลือ', 'วันที่ดำรงชีวิตอยู่รอดได้', 'สถานะ'],
    rows: sortHouseholds(households)
      .map((h): Cell[] => {
        const v = byCode.get(h.villageCode)
        return [
          h.villageCode,
          v?.moo ?? null,
          v?.name ?? '',
          v?.tambonName ?? '',
          h.houseId,
          h.headName,
          h.targetPersons,
          yesNo(h.inTpmap),
          beDate(upTo(h.verifiedOn)),
          beDate(upTo(h.planOn)),
          h.visits.filter((d) => d <= asOf).length,
          DIMENSIONS.filter((d) => h.failing?.[d]).map((d) => DIM_TH[d]).join(', '),
          DIMENSIONS.filter((d) => (h.assisted[d] ?? '9999') <= asOf).map((d) => `${DIM_TH[d]} ${beDate(h.assisted[d])}`).join(', '),
          beDate(upTo(h.survivingOn)),
          householdStatus(h, asOf),
        ]
      }),
  }
}

export function plotsTable(plots: readonly PlotRow[], asOf: ISODate, name = 'plots'): Table {
  return {
    name,
    headers: ['ประเภทแปลง', 'เลขที่แปลง', 'รหัสตำบล', 'รหัสหมู่บ้าน', 'ชื่อเจ้าของแปลง', 'พื้นที่ (ไร่)', 'วันที่ประเมินล่าสุด', 'ผลการประเมิน'],
    rows: [...plots]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((p): Cell[] => {
        const a = assessmentAsOf(p.assessments, asOf)
        return [p.kind, p.plotNo, p.tambonCode, p.villageCode ?? '', p.ownerName ?? '', p.areaRai ?? null, beDate(a?.on), a ? (a.success ? 'ประสบผลสำเร็จ' : 'ยังไม่ผ่าน') : 'ยังไม่ประเมิน']
      }),
  }
}

export function complaintsTable(complaints: readonly ComplaintRow[], asOf: ISODate, name = 'complaints'): Table {
  return {
    name,
    headers: ['วันที่รับเรื่อง', 'ช่องทาง', 'เรื่อง', 'รหัสตำบล', 'แปลง', 'วันที่แก้ไขเสร็จ', 'จำนวนวัน', 'สถานะ'],
    rows: complaints
      .filter((c) => c.receivedOn <= asOf)
      .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn))
      .map((c): Cell[] => {
        const resolved = c.resolvedOn && c.resolvedOn <= asOf ? c.resolvedOn : undefined
        return [beDate(c.receivedOn), c.channel, c.subject, c.tambonCode, c.plotId ?? '', beDate(resolved), daysBetween(c.receivedOn, resolved ?? asOf), resolved ? 'แก้ไขแล้ว' : 'ค้างดำเนินการ']
      }),
  }
}

const pct = (done: number, of: number): Cell => (of > 0 ? Math.round((1000 * done) / of) / 10 : null)

export function progressTable(progress: readonly VillageProgress[], name = 'village-progress'): Table {
  const headers = [
    'รหัสหมู่บ้าน', 'หมู่ที่', 'ชื่อหมู่บ้าน', 'ชื่อตำบล', 'ครัวเรือนเป้าหมาย', 'คนตกหล่น (ครัวเรือน)',
    'คนเป้าหมาย', 'คนที่รับรองภายใน 31/12/2564', 'ร้อยละรับรอง',
    'ครัวเรือนที่รับรองแล้ว', 'มีแผนครัวเรือน', 'ครัวเรือนที่ต้องเยี่ยม', 'เยี่ยมครบเดือนละ 2 ครั้ง',
    ...DIMENSIONS.flatMap((d) => [`ตกเกณฑ์ด้าน${DIM_TH[d]}`, `ช่วยเหลือด้าน${DIM_TH[d]}แล้ว`]),
    'ครัวเรือนอยู่รอดได้', 'แปลง HLM', 'HLM ประเมินแล้ว', 'HLM สำเร็จ', 'ศูนย์ CLM', 'CLM ประเมินแล้ว', 'CLM สำเร็จ',
    'ข้อร้องเรียนที่รับ', 'ข้อร้องเรียนค้าง', 'ค้างนานสุด (วัน)',
  ]
  return {
    name,
    headers,
    rows: progress.map((p): Cell[] => [
      p.code, p.moo || null, p.name, p.tambonName, p.households, p.exclusion,
      p.persons.of, p.persons.done, pct(p.persons.done, p.persons.of),
      p.plans.of, p.plans.done, p.visits.of, p.visits.done,
      ...DIMENSIONS.flatMap((d) => [p.assisted[d].of, p.assisted[d].done]),
      p.surviving.done, p.hlm.of, p.hlm.assessed, p.hlm.successful, p.clm.of, p.clm.assessed, p.clm.successful,
      p.complaints.received, p.complaints.open, p.complaints.oldestOpenDays,
    ]),
  }
}

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100

/** One line per item, plus one per mission's total and level. */
export function scoresTable(scores: readonly MissionScore[], area: string, asOf: ISODate, name = 'mission-scores'): Table {
  const label = (key: string) => (SCORING_MESSAGES as Record<string, { th: string }>)[key]?.th ?? key
  const rows: Cell[][] = []
  for (const s of scores) {
    const mission = `${s.mission.slice(1)}. ${label(`mission.${s.mission}`)}`
    for (const i of s.items) {
      const note = [i.pending ? 'ยังประเมินไม่ได้' : '', i.na ? 'ไม่มีเป้าหมาย' : ''].filter(Boolean).join(', ')
      rows.push([area, beDate(asOf), mission, i.id, label(i.label), round2(i.points), i.max, i.value === undefined ? null : round2(i.value), null, note])
    }
    rows.push([area, beDate(asOf), mission, 'รวม', 'คะแนนรวม', round2(s.total), s.max, null, s.level, ''])
  }
  return { name, headers: ['พื้นที่', 'ข้อมูล ณ วันที่', 'ภารกิจ', 'ข้อ', 'ตัวชี้วัด', 'คะแนน', 'คะแนนเต็ม', 'ค่า (ร้อยละ)', 'ระดับ', 'หมายเหตุ'], rows }
}
