/*
 * House numbers (บ้านเลขที่) sort as people write them: 2, 14, 100, 100/1, 100/2, 101. A house
 * number is runs of digits and other text ("12/1", "45 ก", "๑๒"); digit runs compare as numbers
 * (Thai digits too), the rest as Thai text. One comparator, used by every list.
 */

const THAI_ZERO = 0x0e50

function normalise(s: string): string {
  return s.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO))
}

function tokens(s: string): (number | string)[] {
  return normalise(s).match(/\d+|\D+/g)?.map((t) => (/^\d/.test(t) ? Number(t) : t)) ?? []
}

export function compareHouseNumbers(a: string, b: string): number {
  const ta = tokens(a)
  const tb = tokens(b)
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!
    const y = tb[i]!
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y
    } else if (typeof x === 'number') return -1 // numbers before words ("12" before "ไม่มีเลขที่")
    else if (typeof y === 'number') return 1
    else {
      const c = x.localeCompare(y, 'th')
      if (c !== 0) return c
    }
  }
  return ta.length - tb.length || a.localeCompare(b, 'th')
}
