import type { ISODate } from '../schema/dates'
import type { Rubric } from './edition-schema'

/*
 * The FY2565 (1 Oct 2021 – 30 Sep 2022) key-mission rubric as data. Every date, threshold, band and
 * every reading of the seed that SCORING.md names lives here, so an office can change it without
 * touching the engine. Bands are lists of `{ min, points }`, highest first; a value reaches a band
 * when it is ≥ min (within BAND_EPSILON).
 */

export type Band = { readonly min: number; readonly points: number }
export type Bands = readonly Band[]

export type MissionId = 'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'M6' | 'M7' | 'M8'
export const MISSION_IDS: readonly MissionId[] = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8']

export type ProvinceSize = 'small' | 'medium' | 'large'

/** Level tables: lower bound of each level, highest first; below the last bound is level 1. */
const LEVELS_100: Band[] = [
  { min: 81, points: 5 },
  { min: 61, points: 4 },
  { min: 41, points: 3 },
  { min: 21, points: 2 },
]

/*
 * Mission 8's province lists, in the seed's order, with the two names the seed misspells corrected
 * (its medium "อุดรดิตถ์" is อุตรดิตถ์, its large "อุตรธานี" is อุดรธานี). Bangkok is in no list: the
 * seed's target groups cover the 76 provinces, so กรุงเทพมหานคร is an unknown province for mission 8.
 */
const SMALL_PROVINCES = [
  'กระบี่', 'ชัยนาท', 'ตราด', 'นครนายก', 'บึงกาฬ', 'พังงา', 'ภูเก็ต', 'มุกดาหาร', 'ยะลา', 'ระนอง', 'สตูล',
  'สมุทรสงคราม', 'สิงห์บุรี', 'อำนาจเจริญ', 'อุทัยธานี', 'อ่างทอง', 'แม่ฮ่องสอน',
] as const
const MEDIUM_PROVINCES = [
  'กาญจนบุรี', 'กำแพงเพชร', 'จันทบุรี', 'ฉะเชิงเทรา', 'ชุมพร', 'ตรัง', 'ตาก', 'นครปฐม', 'นครพนม', 'นนทบุรี',
  'นราธิวาส', 'น่าน', 'ประจวบคีรีขันธ์', 'ปราจีนบุรี', 'ปัตตานี', 'พระนครศรีอยุธยา', 'พะเยา', 'พัทลุง', 'พิจิตร',
  'พิษณุโลก', 'ยโสธร', 'ระยอง', 'ราชบุรี', 'ลพบุรี', 'ลำปาง', 'ลำพูน', 'สมุทรสาคร', 'สระบุรี', 'สระแก้ว', 'สุโขทัย',
  'หนองคาย', 'หนองบัวลำภู', 'อุตรดิตถ์', 'เพชรบุรี', 'เลย', 'แพร่',
] as const
const LARGE_PROVINCES = [
  'กาฬสินธุ์', 'ขอนแก่น', 'ชลบุรี', 'ชัยภูมิ', 'นครราชสีมา', 'นครศรีธรรมราช', 'นครสวรรค์', 'บุรีรัมย์', 'ปทุมธานี',
  'มหาสารคาม', 'ร้อยเอ็ด', 'ศรีสะเกษ', 'สกลนคร', 'สงขลา', 'สมุทรปราการ', 'สุพรรณบุรี', 'สุราษฎร์ธานี', 'สุรินทร์',
  'อุดรธานี', 'อุบลราชธานี', 'เชียงราย', 'เชียงใหม่', 'เพชรบูรณ์',
] as const

export const FY2565: Rubric = {
  version: 1,
  name: 'FY2565',
  year: 2565,
  fiscalYear: { start: '2021-10-01', end: '2022-09-30' },
  /** Floating-point slack: a value within this of a band bound reaches it. */
  bandEpsilon: 1e-9,
  m1: {
    verifyBy: '2021-12-31',
    assistBy: '2022-09-30',
    prWindow: { start: '2021-10-01', end: '2022-09-30' },
    reportWindow: { start: '2021-10-01', end: '2022-09-30' },
    max: { '1.1': 30, '1.2': 10, '2.1': 10, '2.2.1': 15, '2.2.2': 10, '2.3': 5, '3.1': 10, '3.2': 10, '4': 10 },
    /** 2.1: mentor visits a household needs in every complete month after its plan month. */
    mentorVisitsPerMonth: 2,
    /** 2.2.2 looks at these dimensions; 2.2.1 at income. */
    otherDimensions: ['health', 'living', 'education', 'access'],
    survivingBands: [
      { min: 25, points: 5 },
      { min: 20, points: 4 },
      { min: 15, points: 3 },
      { min: 10, points: 2 },
      { min: 5, points: 1 },
    ],
    pr: { minChannels: 3, minPostsPerWeek: 2 },
    minReportsPerMonth: 1,
    exclusionBands: [
      { min: 5, points: 10 },
      { min: 3, points: 5 },
      { min: 1, points: 3 },
    ],
    levels: [
      { min: 89, points: 5 },
      { min: 67, points: 4 },
      { min: 45, points: 3 },
      { min: 23, points: 2 },
    ],
    totalMax: 110,
    /** Seed reading: the leaves (30+10, 10+15+10+5, 10+10, extra 10) are authoritative, not the group heads. */
    leavesAuthoritative: true,
  },
  m2: {
    deadline: '2022-09-30',
    max: { '1': 50, '2': 10, '3': 20, '4': 20 },
    disbursement: {
      /** Completion on or before this date scores 50 with or without an extension. */
      onTime: { by: '2021-12-30', points: 50 },
      /** With an extension (ขยายเวลา), later completion dates score less. */
      extended: [
        { by: '2022-01-31', points: 40 },
        { by: '2022-02-28', points: 30 },
        { by: '2022-03-31', points: 20 },
      ],
    },
    complaints: {
      none: 10,
      /** All resolved; the slowest one's days decide. */
      bySlowestDays: [
        { maxDays: 7, points: 8 },
        { maxDays: 15, points: 6 },
        { maxDays: 30, points: 4 },
      ],
      /** Any unresolved, or any slower than the last band. */
      otherwise: 2,
    },
    pr: {
      window: { start: '2021-10-01', end: '2022-09-30' },
      /** Judged by the weakest complete month. */
      monthlyBands: [
        { min: 10, points: 20 },
        { min: 8, points: 15 },
        { min: 6, points: 10 },
      ],
      /**
       * Seed ๓.๔ repeats ๓.๓'s "at least 6 a month" for 5 points; the project reads it as "fewer than 6
       * a month, but at least `minPostsInWindow` posts in the window" → 5.
       */
      lowestBand: { reading: 'someButFewerThanSixAMonth', minPostsInWindow: 1, points: 5 },
    },
    success: {
      /** CLM component (2): at least this many learning stations (ฐานเรียนรู้). */
      clmMinLearningStations: 9,
      /** CLM component (5): visitors must exceed this. */
      clmVisitorsAbove: 0,
      bands: [
        { min: 80, points: 20 },
        { min: 70, points: 15 },
        { min: 60, points: 10 },
        { min: 50, points: 5 },
      ],
    },
    levels: LEVELS_100,
    totalMax: 100,
  },
  m3: {
    /** Level = highest row whose conditions all hold; else 0. */
    rows: [
      { level: 5, minEvents: 16, minChannels: 3, minPct: 5 },
      { level: 4, minEvents: 12, minChannels: 2, minPct: 4 },
      { level: 3, minEvents: 8, minChannels: 1, minPct: 3 },
      { level: 2, minEvents: 4, minChannels: 1, minPct: 2 },
      { level: 1, minEvents: 0, minChannels: 1, minPct: 1 },
    ],
  },
  m4: {
    planBy: '2022-01-31',
    activityWindow: { start: '2022-01-01', end: '2022-06-30' },
    max: { '1': 50, '2': 60 },
    activityBands: [
      { min: 30, points: 60 },
      { min: 20, points: 40 },
      { min: 10, points: 20 },
    ],
    levels: LEVELS_100,
    totalMax: 110,
  },
  m5: {
    bands: [
      { min: 30, points: 5 },
      { min: 25, points: 4 },
      { min: 20, points: 3 },
      { min: 15, points: 2 },
      { min: 10, points: 1 },
    ],
    noDefaultsLevel: 5,
  },
  m6: {
    baselineDate: '2021-10-01',
    bands: [
      { min: 30, points: 5 },
      { min: 25, points: 4 },
      { min: 20, points: 3 },
      { min: 15, points: 2 },
      { min: 10, points: 1 },
    ],
    noOverdueLevel: 5,
  },
  m7: {
    bands: [
      { min: 10, points: 5 },
      { min: 8, points: 4 },
      { min: 6, points: 3 },
      { min: 4, points: 2 },
    ],
    floorLevel: 1,
  },
  m8: {
    max: { '1.1': 5, '1.2': 5, '1.3': 10, '2': 20, '3': 30, '4': 30 },
    dataWindow: { start: '2021-10-01', end: '2022-09-30' },
    prWindow: { start: '2022-01-01', end: '2022-09-30' },
    pr: { minPostsPerMonth: 1, minChannels: 2 },
    /** Fiscal quarters Q2–Q4 (Jan–Sep 2022). */
    activityWindow: { start: '2022-01-01', end: '2022-09-30' },
    minActivitiesPerQuarter: 1,
    downloadTargets: { small: 2000, medium: 4000, large: 6000 },
    provinces: {
      small: [...SMALL_PROVINCES],
      medium: [...MEDIUM_PROVINCES],
      large: [...LARGE_PROVINCES],
    },
    /** The seed's misspellings, mapped to the official names used above. */
    seedSpellings: { 'อุดรดิตถ์': 'อุตรดิตถ์', 'อุตรธานี': 'อุดรธานี' },
    levels: LEVELS_100,
    totalMax: 100,
  },
}

export type { Rubric }
export type DateWindow = { readonly start: ISODate; readonly end: ISODate }

/** The size group of a province by its official Thai name (surrounding spaces ignored), or undefined. */
export function provinceSize(name: string, rubric: Rubric = FY2565): ProvinceSize | undefined {
  const n = name.trim()
  for (const size of ['small', 'medium', 'large'] as const) {
    if (rubric.m8.provinces[size].includes(n)) return size
  }
  return undefined
}

/** Mission 8 item 4's download target for a province; throws on an unknown province. */
export function downloadTarget(province: string, rubric: Rubric = FY2565): number {
  const size = provinceSize(province, rubric)
  if (!size) throw new UnknownProvinceError(province)
  return rubric.m8.downloadTargets[size]
}

export class UnknownProvinceError extends Error {
  constructor(readonly province: string) {
    super(`unknown province "${province}": expected one of the 76 provinces of the FY2565 mission 8 lists (Thai name)`)
    this.name = 'UnknownProvinceError'
  }
}
