/*
 * Thai numbering, written once (issue 16): the Buddhist Era (พ.ศ. = ค.ศ. + 543) and Thai digits
 * (๐–๙). Screens, forms and spreadsheets all call these.
 */

/** พ.ศ. = ค.ศ. + 543. */
export const BUDDHIST_ERA_OFFSET = 543

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙'

/** Gregorian year → Buddhist-Era year: 2022 → 2565. */
export function toBuddhistYear(gregorianYear: number): number {
  return gregorianYear + BUDDHIST_ERA_OFFSET
}

/** Buddhist-Era year → Gregorian year: 2565 → 2022. */
export function fromBuddhistYear(buddhistYear: number): number {
  return buddhistYear - BUDDHIST_ERA_OFFSET
}

/** Replaces Arabic digits with Thai ones (๐–๙); other characters pass through. */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]!)
}

/** Thai digits back to Arabic: what an officer types on a Thai keyboard must still parse. */
export function fromThaiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)))
}
