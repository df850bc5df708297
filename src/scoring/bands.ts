import type { Bands } from './rubric-fy2565'

/** Default slack for band comparisons: 15 % computed as 14.999999999999998 is 15 %. */
export const BAND_EPSILON = 1e-9

/** True when `value` reaches the lower bound `min` (within `eps`). */
export function reaches(value: number, min: number, eps = BAND_EPSILON): boolean {
  return value >= min - eps
}

/** Points of the first (highest) band whose lower bound `value` reaches; `otherwise` when none. */
export function band(value: number, bands: Bands, otherwise = 0, eps = BAND_EPSILON): number {
  for (const b of bands) if (reaches(value, b.min, eps)) return b.points
  return otherwise
}

/** Level 1–5 from a total and a level table (lower bounds, highest first; below all is 1). */
export function levelFromTable(total: number, levels: Bands, eps = BAND_EPSILON): number {
  return band(total, levels, 1, eps)
}

/** `max × min(1, num ÷ den)`; a zero denominator means nothing was required, so it gives `max`. */
export function ratioPoints(max: number, num: number, den: number): number {
  if (den <= 0) return max
  return max * Math.min(1, Math.max(0, num / den))
}

/**
 * Half-up rounding to `digits` decimals that is safe against binary representation: 1.005 is stored as
 * 1.00499999999999989…, so `Math.round(x * 100) / 100` gives 1.00. We round the 15-significant-digit
 * decimal string instead, which is what the number "means".
 */
export function roundHalfUp(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x
  const sign = x < 0 ? -1 : 1
  const abs = Math.abs(x)
  const s = abs.toPrecision(15)
  if (s.includes('e')) {
    // Tiny (< 1e-6) or huge (≥ 1e15) values: plain arithmetic is exact enough here.
    const f = 10 ** digits
    return (sign * Math.round(abs * f)) / f
  }
  const [intPart = '0', fracPart = ''] = s.split('.')
  const frac = fracPart.padEnd(digits + 1, '0')
  const kept = frac.slice(0, digits)
  const next = frac.charCodeAt(digits) - 48
  const scaled = Number(intPart + kept) + (next >= 5 ? 1 : 0)
  const result = scaled / 10 ** digits
  return result === 0 ? 0 : sign * result
}
