import { isIsoDate, type ISODate } from '../schema/dates'
import { BUDDHIST_ERA_OFFSET, fromThaiDigits } from '../schema/thai-numbers'

/*
 * Cell-level helpers shared by import and export. Pure: no file or UI access. Thai offices type Thai
 * digits (๐–๙) and Buddhist-Era years (พ.ศ. = ค.ศ. + 543); spreadsheets run cells that start with = + - @
 * as formulas, so exported text is escaped.
 */

export const BOM = '\uFEFF'
export const BE_OFFSET = BUDDHIST_ERA_OFFSET

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text
}

export const arabicDigits = fromThaiDigits

/** A spreadsheet cell as trimmed text: dates as YYYY-MM-DD (their UTC day, as sheet readers build them), numbers as written. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  return String(value).replace(/^\uFEFF/, '').trim()
}

/**
 * A date as written in a Thai office: 20/01/2565, 20-1-2565, 2565-01-20, 2022-01-20, with Thai or
 * Arabic digits. A year above 2400 is Buddhist Era. Returns undefined for what is not a real date.
 */
export function parseDateCell(text: string): ISODate | undefined {
  const s = arabicDigits(text).trim()
  let y: number, m: number, d: number
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s)
  if (match) {
    y = Number(match[1])
    m = Number(match[2])
    d = Number(match[3])
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    d = Number(match[1])
    m = Number(match[2])
    y = Number(match[3])
  } else return undefined
  if (y > 2400) y -= BE_OFFSET
  if (y < 1900 || y > 2200) return undefined
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return isIsoDate(iso) ? iso : undefined
}

/** A number as typed: Thai digits, thousands separators and spaces allowed. NaN when it is not one. */
export function parseNumberCell(text: string): number {
  const s = arabicDigits(text).replace(/[,\s]/g, '')
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN
  return Number(s)
}

/** ISO date → Buddhist-Era day/month/year text, as Thai offices write it: 2022-01-20 → 20/01/2565. */
export function beDate(date: ISODate | undefined): string {
  if (!date) return ''
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${Number(date.slice(0, 4)) + BE_OFFSET}`
}

/** Text a spreadsheet would run as a formula (= + - @, or a leading tab / CR) gets a leading apostrophe. */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}
