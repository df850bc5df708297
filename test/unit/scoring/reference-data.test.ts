import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { FY2565, downloadTarget, provinceSize, scoreMission8, UnknownProvinceError } from '../../../src/scoring/index'
import { parseScoreInput } from '../../../src/scoring/index'

// The rubric's reference data checked against the seed document itself (the in-repo copy).

const seed = readFileSync(resolve(__dirname, '../../fixtures/seed/000_63c8e7ce34cff3fe.txt'), 'utf8')
const thaiDigits = (s: string) => s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))

/** The seed's list for one province size: its declared count, target and names. */
function seedList(heading: string) {
  const line = seed.split('\n').find((l) => l.includes(heading))
  if (!line) throw new Error(`no line for ${heading}`)
  const m = /=\s*([๐-๙,]+)\s*ดาวน์โหลด\s*มีจำนวน\s*([๐-๙]+)\s*จังหวัด\s*ประกอบด้วย\s*(.+)$/.exec(line)
  if (!m) throw new Error(`cannot read ${heading}`)
  return {
    target: Number(thaiDigits(m[1]!).replace(/,/g, '')),
    declared: Number(thaiDigits(m[2]!)),
    names: m[3]!.trim().split(/\s+/),
  }
}

describe('mission 8 province lists against the seed', () => {
  const lists = {
    small: seedList('จังหวัดขนาดเล็ก'),
    medium: seedList('จังหวัดขนาดกลาง'),
    large: seedList('จังหวัดขนาดใหญ่'),
  }

  it('the seed declares 17 + 36 + 23 provinces and lists exactly that many names', () => {
    expect([lists.small.declared, lists.medium.declared, lists.large.declared]).toEqual([17, 36, 23])
    expect([lists.small.names.length, lists.medium.names.length, lists.large.names.length]).toEqual([17, 36, 23])
  })

  it('targets 2,000 / 4,000 / 6,000 downloads', () => {
    expect([lists.small.target, lists.medium.target, lists.large.target]).toEqual([2000, 4000, 6000])
    expect(FY2565.m8.downloadTargets).toEqual({ small: lists.small.target, medium: lists.medium.target, large: lists.large.target })
  })

  it('the rubric holds the seed names, with exactly the two misspellings corrected', () => {
    expect(lists.medium.names).toContain('อุดรดิตถ์')
    expect(lists.large.names).toContain('อุตรธานี')
    const fix = (n: string) => (n === 'อุดรดิตถ์' ? 'อุตรดิตถ์' : n === 'อุตรธานี' ? 'อุดรธานี' : n)
    expect(FY2565.m8.provinces.small).toEqual(lists.small.names)
    expect(FY2565.m8.provinces.medium).toEqual(lists.medium.names.map(fix))
    expect(FY2565.m8.provinces.large).toEqual(lists.large.names.map(fix))
    const differing = (['small', 'medium', 'large'] as const).flatMap((k) => lists[k].names.filter((n, i) => FY2565.m8.provinces[k][i] !== n))
    expect(differing.sort()).toEqual(['อุดรดิตถ์', 'อุตรธานี'].sort())
  })

  it('76 distinct names; Uttaradit is medium, Udon Thani large, Nong Khai medium', () => {
    const all = [...FY2565.m8.provinces.small, ...FY2565.m8.provinces.medium, ...FY2565.m8.provinces.large]
    expect(new Set(all).size).toBe(76)
    expect(provinceSize('อุตรดิตถ์')).toBe('medium')
    expect(provinceSize('อุดรธานี')).toBe('large')
    expect(provinceSize(' หนองคาย ')).toBe('medium')
    expect(downloadTarget('หนองคาย')).toBe(4000)
  })

  it('an unknown province (the seed misspellings, Bangkok, an English name) is an error', () => {
    for (const name of ['อุดรดิตถ์', 'อุตรธานี', 'กรุงเทพมหานคร', 'Nong Khai', '']) {
      expect(provinceSize(name)).toBeUndefined()
      expect(() => downloadTarget(name)).toThrow(UnknownProvinceError)
    }
    const facts = { mechanismAppointed: true, literacyMeetingHeld: true, dataUpdatedMonths: [], prPosts: [], activities: [], downloads: 1 }
    expect(() => scoreMission8(facts, '2022-09-30', 'อุตรธานี')).toThrow(/province/)
    const parsed = parseScoreInput({ asOf: '2022-09-30', province: 'อุตรธานี', m8: facts })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toEqual(['province'])
    const missing = parseScoreInput({ asOf: '2022-09-30', m8: facts })
    expect(!missing.ok && missing.issues[0]?.path).toBe('province')
    // Without mission 8 the province is not needed.
    expect(parseScoreInput({ asOf: '2022-09-30', province: 'ไม่มีจังหวัดนี้', m5: { defaultedAmount: 0, recoveredAmount: 0 } }).ok).toBe(true)
  })
})

describe('level tables against the seed', () => {
  // "มีผลการดำเนินงานระหว่าง ๘๙ - ๑๑๐ คะแนน	๕": the seed's four points-to-level tables, in order M1, M2, M4, M8.
  const rows = [...seed.matchAll(/มีผลการดำเนินงานระหว่าง\s*([๐-๙]+)\s*[-–]\s*([๐-๙]+)\s*คะแนน\s+([๐-๙])/g)].map((m) => ({
    from: Number(thaiDigits(m[1]!)),
    level: Number(thaiDigits(m[3]!)),
  }))
  const lowerBounds = (k: number) =>
    rows
      .slice(k * 5, k * 5 + 5)
      .filter((r) => r.level > 1)
      .sort((a, b) => b.level - a.level)
      .map((r) => ({ min: r.from, points: r.level }))

  it('has four tables of five rows', () => {
    expect(rows).toHaveLength(20)
  })
  it('mission 1: 23 / 45 / 67 / 89', () => expect(FY2565.m1.levels).toEqual(lowerBounds(0)))
  it('missions 2, 4, 8: 21 / 41 / 61 / 81', () => {
    expect(FY2565.m2.levels).toEqual(lowerBounds(1))
    expect(FY2565.m4.levels).toEqual(lowerBounds(2))
    expect(FY2565.m8.levels).toEqual(lowerBounds(3))
  })
})

describe('other seed figures', () => {
  it('mission 2 disbursement dates and points', () => {
    expect(seed).toContain('ภายในวันที่ ๓๐ ธันวาคม ๒๕๖๔\t๕๐')
    expect(seed).toContain('ภายในวันที่ ๓๑ มกราคม ๒๕๖๕\t๔๐')
    expect(seed).toContain('ภายในวันที่ ๒๘ กุมภาพันธ์ ๒๕๖๕\t๓๐')
    expect(seed).toContain('ภายในวันที่ ๓๑ มีนาคม ๒๕๖๕\t๒๐')
    expect(FY2565.m2.disbursement.onTime).toEqual({ by: '2021-12-30', points: 50 })
    expect(FY2565.m2.disbursement.extended.map((e) => [e.by, e.points])).toEqual([
      ['2022-01-31', 40],
      ['2022-02-28', 30],
      ['2022-03-31', 20],
    ])
  })
  it('mission 1 leaves sum to 100 plus the 10-point extra (the leaves are authoritative)', () => {
    const m = FY2565.m1.max
    expect(m['1.1'] + m['1.2'] + m['2.1'] + m['2.2.1'] + m['2.2.2'] + m['2.3'] + m['3.1'] + m['3.2']).toBe(100)
    expect(m['4']).toBe(10)
    expect(FY2565.m1.totalMax).toBe(110)
  })
})
