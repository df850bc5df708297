import { describe, expect, it } from 'vitest'
import { formatDate, formatMonthShort, formatNumber, fromThaiDigits, toThaiDigits } from '../../src/app/format-date'
import { addDays, daysBetween, fiscalQuarter, fiscalYear, fromDayNumber, isIsoDate, isoWeekday, startOfIsoWeek, toDayNumber, todayIn } from '../../src/schema/dates'

// These run under several TZ values (see package.json test:unit): nothing here may depend on it.
describe(`dates on screen (TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('shows Buddhist Era with Thai digits on, and without', () => {
    expect(formatDate('2022-01-20', { lang: 'th', thaiDigits: true })).toBe('๒๐ ม.ค. ๒๕๖๕')
    expect(formatDate('2022-01-20', { lang: 'th', thaiDigits: false })).toBe('20 ม.ค. 2565')
    expect(formatDate('2021-12-31', { lang: 'th', thaiDigits: false })).toBe('31 ธ.ค. 2564')
    expect(formatDate('2022-01-01', { lang: 'th', thaiDigits: false })).toBe('1 ม.ค. 2565')
    expect(formatDate('2022-01-20', { lang: 'en', thaiDigits: true })).toBe('20 Jan 2022')
  })

  it('formats months and numbers', () => {
    expect(formatMonthShort('2021-10', { lang: 'th', thaiDigits: false })).toBe('ต.ค. 64')
    expect(formatNumber(568047, { lang: 'th', thaiDigits: true })).toBe('๕๖๘,๐๔๗')
    expect(fromThaiDigits('๒๕๖๕-๐๑')).toBe('2565-01')
    expect(toThaiDigits('a1')).toBe('a๑')
  })
})

describe(`date arithmetic (TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('round-trips day numbers across leap years and centuries', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2021-12-31', '2022-01-01', '2024-02-29', '2100-03-01', '1900-02-28']) {
      expect(fromDayNumber(toDayNumber(d))).toBe(d)
    }
    expect(toDayNumber('1970-01-02')).toBe(1)
    for (let n = 18_000; n < 19_500; n += 7) expect(toDayNumber(fromDayNumber(n))).toBe(n)
  })

  it('counts calendar days and weeks', () => {
    expect(daysBetween('2022-01-03', '2022-01-12')).toBe(9)
    expect(daysBetween('2021-12-30', '2022-03-01')).toBe(61)
    expect(addDays('2022-02-28', 1)).toBe('2022-03-01')
    expect(isoWeekday('2022-01-03')).toBe(1) // a Monday
    expect(isoWeekday('2022-01-02')).toBe(7)
    expect(startOfIsoWeek('2022-01-02')).toBe('2021-12-27')
  })

  it('knows the Thai fiscal year and quarters', () => {
    expect(fiscalYear('2021-10-01')).toBe(2022)
    expect(fiscalYear('2022-09-30')).toBe(2022)
    expect([fiscalQuarter('2021-10-01'), fiscalQuarter('2022-01-15'), fiscalQuarter('2022-06-30'), fiscalQuarter('2022-07-01')]).toEqual([1, 2, 3, 4])
  })

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2022-02-30')).toBe(false)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2022-1-5')).toBe(false)
  })

  it("tells today's date in Bangkok, whatever the device's zone", () => {
    // 2022-01-19T18:30Z is already the 20th in Bangkok (UTC+7).
    expect(todayIn('Asia/Bangkok', new Date('2022-01-19T18:30:00Z'))).toBe('2022-01-20')
    expect(todayIn('UTC', new Date('2022-01-19T18:30:00Z'))).toBe('2022-01-19')
    // The arithmetic shortcut for Bangkok agrees with Intl at every hour of a year.
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' })
    for (let t = Date.parse('2021-12-31T00:00:00Z'); t < Date.parse('2023-01-01T00:00:00Z'); t += 3_600_000 * 7 + 60_000) {
      expect(todayIn('Asia/Bangkok', new Date(t))).toBe(intl.format(new Date(t)))
    }
  })
})
