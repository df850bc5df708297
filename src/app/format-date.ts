import type { ISODate } from '../schema/dates'
import { BUDDHIST_ERA_OFFSET, fromThaiDigits, toThaiDigits } from '../schema/thai-numbers'

// Written once in src/schema/thai-numbers.ts; re-exported for the screens that import them from here.
export { BUDDHIST_ERA_OFFSET, fromThaiDigits, toThaiDigits }

/*
 * Dates on screen: Buddhist Era (พ.ศ. = ค.ศ. + 543), Thai month abbreviations, optional Thai
 * digits. Works on the `YYYY-MM-DD` string itself and never builds a Date, so the device's time
 * zone cannot move a day (see src/schema/dates.ts).
 */

const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.']
const THAI_MONTHS_LONG = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม']
const ENGLISH_MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export interface DateDisplay {
  lang: 'th' | 'en'
  thaiDigits: boolean
}

function digits(text: string, display: DateDisplay): string {
  return display.lang === 'th' && display.thaiDigits ? toThaiDigits(text) : text
}

/** 2022-01-20 → "20 ม.ค. 2565" (or "๒๐ ม.ค. ๒๕๖๕" with Thai digits; "20 Jan 2022" in English). */
export function formatDate(date: ISODate, display: DateDisplay): string {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  if (!year || !month || !day) return date
  if (display.lang === 'en') return `${day} ${ENGLISH_MONTHS_SHORT[month - 1]} ${year}`
  return digits(`${day} ${THAI_MONTHS_SHORT[month - 1]} ${year + BUDDHIST_ERA_OFFSET}`, display)
}

/** 2022-01 → "ม.ค. 65" for chart axes (or "Jan 22"). */
export function formatMonthShort(month: string, display: DateDisplay): string {
  const year = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  if (display.lang === 'en') return `${ENGLISH_MONTHS_SHORT[m - 1]} ${String(year).slice(2)}`
  return digits(`${THAI_MONTHS_SHORT[m - 1]} ${String(year + BUDDHIST_ERA_OFFSET).slice(2)}`, display)
}

/** 2022-01 → "มกราคม 2565". */
export function formatMonthLong(month: string, display: DateDisplay): string {
  const year = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  if (display.lang === 'en') return `${ENGLISH_MONTHS_SHORT[m - 1]} ${year}`
  return digits(`${THAI_MONTHS_LONG[m - 1]} ${year + BUDDHIST_ERA_OFFSET}`, display)
}

/** Whole numbers with thousands separators, in Thai digits when asked. */
export function formatNumber(value: number, display: DateDisplay, fractionDigits = 0): string {
  return digits(numberFormatter(fractionDigits).format(value), display)
}

// toLocaleString builds a new formatter on every call; lists format hundreds of numbers a render.
const NUMBER_FORMATTERS = new Map<number, Intl.NumberFormat>()

function numberFormatter(fractionDigits: number): Intl.NumberFormat {
  let formatter = NUMBER_FORMATTERS.get(fractionDigits)
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: fractionDigits })
    NUMBER_FORMATTERS.set(fractionDigits, formatter)
  }
  return formatter
}
