import { withDemoPhotos } from './demo-photos'
import { addDays, daysBetween, fiscalYear as fiscalYearOf, fromDayNumber, minDate, toDayNumber, type ISODate } from '../schema/dates'
import { rollDate } from '../scoring/editions'
import { COMPLAINT_CHANNELS, DIMENSIONS, LEARNING_TOPICS, PR_CHANNELS, SCHEMA_VERSION, type Dimension } from '../schema/docs'
import { childId, eventId, exclusionHouseholdId, householdId, plotId, villageId, type RandomSource } from '../schema/ids'

/*
 * A realistic, deterministic demo province for `npm start` and demonstrations: villages per
 * sub-district, TPMAP target households with Thai names, HLM plots and CLM sites, and the work
 * already done on them (verifications, plans, mentor visits, assistance, assessments, complaints,
 * PR posts, monitoring reports) as the append-only docs the app itself writes.
 *
 * Same seed and `today` → the same docs, byte for byte (a seeded PRNG, no clock, no Math.random):
 * a demo can be rebuilt and a bug report reproduced. Every doc passes `parseDoc`.
 * Dates fall in the fiscal year holding `today` (issue 13: a living demo, this year's work in
 * progress), never after `today`: FY2565's calendar (verification by 31 Dec, assessments from
 * 10 Jan…) moved to that year the way editions roll forward.
 */

/** The shape of couch/data/nong-khai.json (couch/geography.ts `Geography` is assignable to it). */
export interface DemoGeography {
  province: { code: string; name: string }
  districts: { code: string; name: string; subdistricts: { code: string; name: string }[] }[]
}

export interface DemoOptions {
  seed: number
  /** The demo's today (Bangkok): records fall in its fiscal year, never after it. */
  today?: ISODate
  /** @deprecated the same as `today: now.toISOString().slice(0, 10)`. */
  now?: Date
  /** Fiscal year (Gregorian numbering) the records fall in; by default the one holding `today`. */
  fiscalYear?: number
  /** Villages per sub-district, [min, max]; keep small for a quick `npm start`. */
  villagesPerTambon?: [number, number]
}

export type DemoDoc = Record<string, unknown> & { _id: string; type: string }

/** The officer account of a district and the province supervisor, as provisioning names them. */
export const officerName = (districtCode: string) => `off${districtCode}`
export const supervisorName = (provinceCode: string) => `sup${provinceCode}`

/** mulberry32: small, fast, good enough for demo data, and the same on every JS engine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VILLAGE_WORDS = ['หนองสองห้อง', 'โนนสว่าง', 'ดอนแก้ว', 'นาข่า', 'หนองบัว', 'โคกสูง', 'ท่าบ่อ', 'ห้วยทราย', 'โพนงาม', 'นาคำ', 'หนองแวง', 'ดงสีเสียด', 'โนนทอง', 'คำเตย', 'ป่าสัก', 'หนองกุง', 'นาดี', 'โพธิ์ตาก', 'บ่อแก', 'ศรีสว่าง', 'หาดแฮ่', 'วังน้ำเย็น', 'ดอนหาด', 'หนองหอย']
const MALE = ['สมชาย', 'บุญมา', 'ทองดี', 'สมศักดิ์', 'ประสิทธิ์', 'บุญเลิศ', 'สุริยา', 'คำพอง', 'วิชัย', 'ไพรวัลย์', 'สมพร', 'อุดม', 'จันทร์ที', 'เสถียร', 'ทองใบ']
const FEMALE = ['บุญมี', 'สมหญิง', 'คำปุน', 'ทองม้วน', 'ประนอม', 'สุดา', 'บัวพันธ์', 'จันทร์เพ็ญ', 'ลำดวน', 'อรุณี', 'พิมพา', 'วันเพ็ญ', 'คำแพง', 'สมจิตร', 'บุญหลาย']
const SURNAMES = ['ศรีสุข', 'ใจดี', 'มีสุข', 'พรมมา', 'แก้วกันยา', 'สุวรรณศรี', 'บุตรดี', 'ชาวนา', 'จันทร์หอม', 'ทองคำ', 'วงศ์ษา', 'คำภูเมือง', 'ผาลา', 'สีหาราช', 'ภูมิพันธ์', 'แสนสุข', 'บุญมาก', 'อินทร์แก้ว']
const ASSISTANCE: Record<Dimension, { what: string[]; agency: string[] }> = {
  income: { what: ['พันธุ์ไก่ไข่ 10 ตัว', 'พันธุ์ปลานิล 2,000 ตัว', 'ฝึกอาชีพสานตะกร้า', 'เมล็ดพันธุ์ผักสวนครัว', 'ทุนประกอบอาชีพ กข.คจ.'], agency: ['ปศุสัตว์อำเภอ', 'ประมงอำเภอ', 'พัฒนาชุมชนอำเภอ', 'เกษตรอำเภอ', 'อบต.'] },
  health: { what: ['ตรวจสุขภาพที่บ้าน', 'ส่งต่อ รพ.สต.', 'อุปกรณ์ช่วยเดิน'], agency: ['รพ.สต.', 'สาธารณสุขอำเภอ', 'อสม.'] },
  living: { what: ['ซ่อมแซมหลังคาบ้าน', 'ติดตั้งถังเก็บน้ำ', 'ปรับปรุงห้องน้ำ'], agency: ['อบต.', 'พัฒนาสังคมฯ จังหวัด', 'มูลนิธิในพื้นที่'] },
  education: { what: ['ทุนการศึกษา', 'ชุดนักเรียนและอุปกรณ์', 'ส่งเรียน กศน.'], agency: ['โรงเรียน', 'กศน.อำเภอ', 'อบต.'] },
  access: { what: ['ลงทะเบียนบัตรสวัสดิการแห่งรัฐ', 'ยื่นขอเบี้ยผู้พิการ', 'ทำบัตรประชาชนใหม่'], agency: ['ที่ว่าการอำเภอ', 'อบต.', 'พัฒนาชุมชนอำเภอ'] },
}
const COMPLAINT_SUBJECTS = ['น้ำท่วมขังในแปลง ขุดหนองไม่ได้ตามแบบ', 'ผู้รับจ้างขุดดินล่าช้า', 'ขอเพิ่มพันธุ์ไม้ในแปลง', 'ดินที่ขุดกองทับทางเข้า', 'สอบถามการเบิกจ่ายค่าแรง', 'ขอเปลี่ยนแปลงผังแปลง']
const RESOLUTIONS = ['ประสานผู้รับจ้างแก้ไขแล้ว', 'ชี้แจงผู้ร้องเรียนแล้ว', 'ประสานเกษตรอำเภอจัดหาให้แล้ว', 'ลงพื้นที่ตรวจสอบและแก้ไขแล้ว']

export function generateDemoDocs(geography: DemoGeography, options: DemoOptions): DemoDoc[] {
  const rand = prng(options.seed)
  const today = demoToday(options)
  const fy = options.fiscalYear ?? fiscalYearOf(today)
  const fyStart = `${fy - 1}-10-01`
  const end = minDate(`${fy}-09-30`, today)
  /** A date of FY2565's calendar, in the demo's fiscal year. */
  const fyDate = (fy2565Date: ISODate) => rollDate(fy2565Date, fy - 2022)
  const [vMin, vMax] = options.villagesPerTambon ?? [2, 4]

  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const chance = (p: number) => rand() < p
  const random: RandomSource = (bytes) => Uint8Array.from({ length: bytes }, () => Math.floor(rand() * 256))
  /** A date in [from, to], or undefined when the range is empty (the demo's `now` is before it). */
  const dateIn = (from: ISODate, to: ISODate): ISODate | undefined => (from > to ? undefined : fromDayNumber(int(toDayNumber(from), toDayNumber(to))))
  const at = (date: ISODate) => `${date}T02:00:00.000Z` // 09:00 in Bangkok
  const msOf = (date: ISODate) => Date.parse(at(date)) + int(0, 36_000_000)

  const docs: DemoDoc[] = []
  const ids = new Set<string>()
  const supervisor = supervisorName(geography.province.code)

  for (const district of geography.districts) {
    const officer = officerName(district.code)
    const envelope = (by: string, date: ISODate) => ({ schema: SCHEMA_VERSION, district: district.code, createdBy: by, createdAt: at(date), updatedBy: by, updatedAt: at(date), device: 'demo' })
    const importedOn = fyStart
    const tambonsWithPlots: { code: string; plotIds: string[] }[] = []

    for (const [ti, tambon] of district.subdistricts.entries()) {
      const plotIds: string[] = []
      let hlmNo = 0
      const villages = int(vMin, vMax)
      for (let moo = 1; moo <= villages; moo++) {
        const code = `${tambon.code}${String(moo).padStart(2, '0')}`
        const name = `บ้าน${pick(VILLAGE_WORDS)}`
        docs.push({ _id: villageId(code), type: 'village', ...envelope(supervisor, importedOn), code, moo, name, tambonCode: tambon.code, tambonName: tambon.name })

        const households = int(15, 40)
        const heads: string[] = []
        let house = int(1, 20)
        for (let h = 0; h < households; h++) {
          house += int(1, 6)
          const houseId = chance(0.1) ? `${house}/${int(1, 3)}` : String(house)
          const female = chance(0.5)
          const headName = `${female ? pick(['นาง', 'นางสาว']) : 'นาย'}${pick(female ? FEMALE : MALE)} ${pick(SURNAMES)}`
          heads.push(headName)
          const id = householdId(code, houseId)
          if (ids.has(id)) continue
          ids.add(id)
          const doc: DemoDoc = { _id: id, type: 'household', ...envelope(supervisor, importedOn), villageCode: code, houseId, headName, targetPersons: int(1, 5), inTpmap: true }
          docs.push(doc)
          workOnHousehold(doc, officer)
        }
        // An exclusion-error household (TPMAP missed it) in some villages.
        if (chance(0.3)) {
          const verifiedOn = dateIn(fyDate('2021-11-01'), minDate(fyDate('2021-12-31'), end))
          if (verifiedOn) {
            const houseId = String(house + int(1, 9))
            const id = exclusionHouseholdId(code, houseId, officer)
            docs.push({ _id: id, type: 'household', ...envelope(officer, verifiedOn), villageCode: code, houseId, headName: `นาย${pick(MALE)} ${pick(SURNAMES)}`, targetPersons: int(1, 4), inTpmap: false, verifiedOn })
          }
        }
        // HLM plots: household plots of up to 3 rai.
        for (let p = 0, n = int(0, 4); p < n; p++) {
          hlmNo += 1
          const plotNo = `H-${String(ti + 1).padStart(2, '0')}${String(hlmNo).padStart(3, '0')}`
          const id = plotId(tambon.code, plotNo)
          plotIds.push(id)
          docs.push({ _id: id, type: 'plot', ...envelope(supervisor, importedOn), kind: 'HLM', plotNo, tambonCode: tambon.code, villageCode: code, ownerName: pick(heads), areaRai: Math.round((1 + rand() * 2) * 10) / 10 })
          if (chance(0.45)) assess(id, 'HLM', officer)
        }
      }
      // One CLM learning site in about a third of the sub-districts.
      if (chance(0.35)) {
        const id = plotId(tambon.code, 'C-01')
        plotIds.push(id)
        docs.push({ _id: id, type: 'plot', ...envelope(supervisor, importedOn), kind: 'CLM', plotNo: 'C-01', tambonCode: tambon.code, areaRai: int(10, 15) })
        if (chance(0.6)) assess(id, 'CLM', officer)
      }
      tambonsWithPlots.push({ code: tambon.code, plotIds })
    }

    // Complaints about the Khok Nong Na works; most resolved.
    for (let c = 0, n = int(2, 6); c < n; c++) {
      const receivedOn = dateIn(fyStart, end)
      if (!receivedOn) break
      const tambon = pick(tambonsWithPlots)
      const resolvedOn = chance(0.7) ? minDate(addDays(receivedOn, int(1, 35)), end) : undefined
      docs.push({
        _id: eventId('complaint', officer, msOf(receivedOn), random),
        type: 'complaint',
        ...envelope(officer, resolvedOn ?? receivedOn),
        createdAt: at(receivedOn),
        receivedOn,
        channel: pick(COMPLAINT_CHANNELS),
        subject: pick(COMPLAINT_SUBJECTS),
        tambonCode: tambon.code,
        ...(tambon.plotIds.length && chance(0.6) ? { plotId: pick(tambon.plotIds) } : {}),
        ...(resolvedOn ? { resolvedOn, resolution: pick(RESOLUTIONS) } : {}),
      })
    }
    // PR posts, mostly missions 1 and 2, a few a month.
    for (let p = 0, n = int(15, 30); p < n; p++) {
      const on = dateIn(fyStart, end)
      if (!on) break
      const channel = pick(PR_CHANNELS)
      const id = eventId('post', officer, msOf(on), random)
      docs.push({
        _id: id,
        type: 'pr-post',
        ...envelope(officer, on),
        on,
        channel,
        mission: chance(0.5) ? 'm1' : chance(0.8) ? 'm2' : pick(['m3', 'm4', 'm8']),
        tambonCode: pick(district.subdistricts).code,
        ...(channel === 'facebook' ? { link: `https://www.facebook.com/cdd.${district.code}/posts/${int(1000, 9999)}` } : {}),
      })
    }
    // A monthly mission-1 monitoring report, with the odd month missed.
    for (let month = fyStart; month <= end; month = addDays(month, 32).slice(0, 8) + '01') {
      if (chance(0.15)) continue
      const on = minDate(addDays(month, int(20, 27)), end)
      docs.push({ _id: eventId('report', officer, msOf(on), random), type: 'monitoring-report', ...envelope(officer, on), on, mission: 'm1' })
    }

    function workOnHousehold(doc: DemoDoc, by: string): void {
      if (!chance(0.75)) return
      const verifiedOn = dateIn(fyDate('2021-10-15'), minDate(chance(0.85) ? fyDate('2021-12-31') : fyDate('2022-02-28'), end))
      if (!verifiedOn) return
      Object.assign(doc, { verifiedOn, updatedBy: by, updatedAt: at(verifiedOn) })
      const failing = Object.fromEntries(DIMENSIONS.map((d) => [d, chance(d === 'income' ? 0.6 : 0.25)])) as Record<Dimension, boolean>
      if (!DIMENSIONS.some((d) => failing[d])) failing.income = true
      doc.failing = failing
      if (!chance(0.8)) return
      const planOn = dateIn(verifiedOn, minDate(addDays(verifiedOn, 20), end))
      if (!planOn) return
      Object.assign(doc, { planOn, updatedAt: at(planOn) })
      // Mentor visits: the diligent teams twice a month from the month after the plan.
      const diligence = rand()
      const visitsPerMonth = diligence < 0.55 ? 2 : diligence < 0.85 ? 1 : 0
      if (visitsPerMonth && chance(0.4)) {
        for (let month = addDays(`${planOn.slice(0, 7)}-01`, 32).slice(0, 8) + '01'; month <= end; month = addDays(month, 32).slice(0, 8) + '01') {
          for (let v = 0; v < visitsPerMonth; v++) {
            const on = minDate(addDays(month, v * 14 + int(0, 12)), end)
            docs.push({ _id: childId('visit', String(doc._id), by, msOf(on), random), type: 'mentor-visit', ...envelope(by, on), householdId: doc._id, on, ...(chance(0.3) ? { note: 'ติดตามตามแผนครัวเรือน' } : {}) })
          }
        }
      }
      for (const d of DIMENSIONS) {
        if (!failing[d] || !chance(0.55)) continue
        const on = dateIn(planOn, minDate(addDays(planOn, 150), end))
        if (!on) continue
        docs.push({ _id: childId('assist', String(doc._id), by, msOf(on), random), type: 'assistance', ...envelope(by, on), householdId: doc._id, dimension: d, what: pick(ASSISTANCE[d].what), agency: pick(ASSISTANCE[d].agency), on })
      }
      if (chance(0.12)) {
        const survivingOn = dateIn(addDays(planOn, 60), end)
        if (survivingOn) Object.assign(doc, { survivingOn, updatedAt: at(survivingOn) })
      }
    }

    function assess(id: string, kind: 'HLM' | 'CLM', by: string): void {
      const on = dateIn(fyDate('2022-01-10'), end)
      if (!on) return
      const gps = { lat: Math.round((17.6 + rand() * 0.3) * 1e6) / 1e6, lng: Math.round((102.4 + rand() * 1.0) * 1e6) / 1e6, accuracyM: int(4, 25), at: at(on) }
      const base = { _id: childId('assess', id, by, msOf(on), random), type: 'plot-assessment', ...envelope(by, on), plotId: id, on, gps }
      if (kind === 'HLM') {
        docs.push({ ...base, kind, reducesExpenses: chance(0.8), selfReliant: chance(0.65) })
      } else {
        const stations = Object.fromEntries(LEARNING_TOPICS.map((t) => [t, int(1, 4)]))
        docs.push({ ...base, kind, khok: true, nong: true, na: chance(0.85), stations, trainersAndMedia: chance(0.8), committee: chance(0.85), visitors: chance(0.85) ? int(20, 400) : 0 })
      }
    }
  }
  return withDemoPhotos(docs, { seed: options.seed })
}

function demoToday(options: Pick<DemoOptions, 'today' | 'now'>): ISODate {
  if (options.today) return options.today
  if (options.now) return options.now.toISOString().slice(0, 10)
  throw new Error('today: the demo needs its date (YYYY-MM-DD)')
}

/** How many days of FY data the demo holds as of `today` (for a caller's log line). */
export function demoSpanDays(today: ISODate, fiscalYear = fiscalYearOf(today)): number {
  return Math.max(0, daysBetween(`${fiscalYear - 1}-10-01`, minDate(`${fiscalYear}-09-30`, today)))
}
