import { describe, expect, it } from 'vitest'
import { compareHouseNumbers } from '../../../src/schema/house-number'
import { buildHouseholdIndex } from '../../../src/store/household-search'
import { householdsTable } from '../../../src/exchange/export'
import type { HouseholdRow } from '../../../src/store/local-db'

const row = (villageCode: string, houseId: string, headName: string): HouseholdRow => ({
  id: `household:${villageCode}:${houseId}`, district: '4301', villageCode, tambonCode: villageCode.slice(0, 6), houseId, headName, targetPersons: 1, inTpmap: true, visits: [], assisted: {}, updatedAt: '2022-01-01T00:00:00.000Z', conflicted: 0,
})

describe('house numbers sort as people write them', () => {
  it('2, 14, 100, 100/1, 100/2, 101, Thai digits as numbers, words last', () => {
    const input = ['101', '100/2', 'ไม่มีเลขที่', '14', '100/1', '๑๒', '2', '100', '12/1']
    expect([...input].sort(compareHouseNumbers)).toEqual(['2', '๑๒', '12/1', '14', '100', '100/1', '100/2', '101', 'ไม่มีเลขที่'])
  })
})

describe('household search', () => {
  const rows = [row('43010102', '7', 'นางบุญมี ศรีสุข'), row('43010101', '100/1', 'นายสมชาย ใจดี'), row('43010101', '14', 'นางสมศรี มีสุข'), row('43010101', '1', 'นายทอง สมใจ')]
  const index = buildHouseholdIndex(rows)
  it('finds by part of the head’s name (Thai, no word breaks), sorted by village then house', () => {
    expect(index.search('สม').map((r) => r.houseId)).toEqual(['1', '14', '100/1'])
    expect(index.search('ศรีสุข').map((r) => r.headName)).toEqual(['นางบุญมี ศรีสุข'])
  })
  it('finds by house number, an exact number first, Thai digits too', () => {
    expect(index.search('14').map((r) => r.houseId)).toEqual(['14'])
    expect(index.search('1').map((r) => r.houseId)).toEqual(['1', '14', '100/1'])
    expect(index.search('๑๔').map((r) => r.houseId)).toEqual(['14'])
    expect(index.search('  ')).toEqual([])
  })
  it('scans 25,000 households with one pre-built index', () => {
    const many = Array.from({ length: 25_000 }, (_, i) => row(`4301${String(1000 + (i % 800)).padStart(4, '0')}`, String(i), `นาย${i % 97 === 0 ? 'พิเศษ' : 'ทั่วไป'} ลำดับ${i}`))
    const big = buildHouseholdIndex(many)
    expect(big.size).toBe(25_000)
    expect(big.search('พิเศษ', 1000)).toHaveLength(Math.ceil(25_000 / 97))
  })
})

describe('the export carries the review state', () => {
  it('adds the state as the last column when given', () => {
    const rows = [row('43010101', '2', 'ก'), row('43010101', '10', 'ข')]
    const table = householdsTable(rows, [], '2022-12-31', 'households', new Map([[rows[1]!.id, 'returned' as const]]))
    expect(table.headers.at(-1)).toBe('ผลการตรวจ')
    expect(table.rows.map((r) => [r[4], r.at(-1)])).toEqual([['2', 'รอตรวจ'], ['10', 'ส่งกลับให้แก้ไข']])
  })
})

describe('sync log lines are said in the user’s language', () => {
  it('maps the raw texts people met to words, never passing English through', async () => {
    const { logWords } = await import('../../../src/sync/errors')
    const { makeTranslator } = await import('../../../src/app/i18n')
    const { t } = makeTranslator('th', false)
    const say = (text: string) => { const w = logWords(text); return t(w.key, w.params) }
    expect(say('unknown: Failed to fetch')).toBe(t('sync.problem.unreachable'))
    expect(say('forbidden: You are not authorized to access this db.')).toBe(t('sync.problem.forbidden'))
    expect(say('unknown: You are not authorized to access this db.')).toBe(t('sync.problem.forbidden'))
    expect(say('forbidden: household:43010101:12: createdBy: expected off4301 (the user writing), got x')).toBe('เซิร์ฟเวอร์ไม่รับรายการ household:43010101:12 รายการนี้ยังเก็บอยู่ในเครื่อง')
    expect(say('unknown: Internal Server Error 500')).toBe('เกิดข้อผิดพลาด (รหัส 500) จะลองใหม่อัตโนมัติ')
    for (const text of ['unreachable: Failed to fetch', 'session-expired: You are not authorized', 'offline']) expect(say(text)).not.toMatch(/[A-Za-z]{4,}/)
  })
})

describe('a Buddhist-Era year typed by habit', () => {
  it('is named as such, with the Christian year to type, instead of "in the future"', async () => {
    const { mentorVisitForm } = await import('../../../src/forms/definitions')
    const { describeIssue, validateForm } = await import('../../../src/forms/validate')
    const { initialValues } = await import('../../../src/forms/values')
    const { makeTranslator } = await import('../../../src/app/i18n')
    const ctx = { today: '2026-03-01', parent: 'household:43010101:12' }
    const values = { ...initialValues(mentorVisitForm, ctx), on: '2569-02-20' }
    const tr = makeTranslator('th', false)
    const issues = validateForm(mentorVisitForm, values, ctx)
    expect(issues.map((i) => i.key)).toEqual(['form.err.beYear'])
    expect(describeIssue(tr.t, mentorVisitForm, issues[0]!, tr.date)).toContain('ปี 2569 เป็นปี พ.ศ. ช่องนี้ใช้ปี ค.ศ. พิมพ์ 2026 แทน')
    expect(validateForm(mentorVisitForm, { ...values, on: '2026-02-20' }, ctx)).toEqual([])
  })
})
