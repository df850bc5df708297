/*
 * Thai digits (๐–๙) ↔ Arabic digits. Lives in the lowest layer because three layers need it: forms parse
 * what an officer types on a Thai keyboard, exchange reads spreadsheet cells, and the app shows numbers
 * and dates in Thai digits when the setting asks for it.
 */

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙'

/** Replaces Arabic digits with Thai ones (๐–๙); other characters pass through. */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]!)
}

/** Thai digits back to Arabic: what an officer types on a Thai keyboard must still parse. */
export function fromThaiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)))
}
