/*
 * Draws the app icons (a white house on the department's blue, with a rice-field stripe) as PNG
 * with nothing but zlib, so no image tool is needed. Run once: `npx tsx scripts/make-icons.ts`.
 */
import { deflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'

function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data] as Uint8Array[])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc] as Uint8Array[])
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x, y)
      const o = y * (size * 3 + 1) + 1 + x * 3
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(new Uint8Array(raw))), chunk('IEND', Buffer.alloc(0))] as Uint8Array[])
}

const BLUE: [number, number, number] = [29, 78, 137]
const WHITE: [number, number, number] = [255, 255, 255]
const GREEN: [number, number, number] = [120, 190, 80]

/** `inset` keeps the drawing inside the maskable safe zone (the central 80 %). */
function icon(size: number, inset: number): Buffer {
  return png(size, (px, py) => {
    const x = (px / size - 0.5) / (1 - 2 * inset) + 0.5
    const y = (py / size - 0.5) / (1 - 2 * inset) + 0.5
    const roof = y > 0.18 && y < 0.45 && Math.abs(x - 0.5) < (y - 0.18) * 1.25
    const walls = y >= 0.45 && y < 0.7 && x > 0.28 && x < 0.72
    const door = y >= 0.55 && y < 0.7 && x > 0.45 && x < 0.55
    const field = y >= 0.76 && y < 0.84 && x > 0.18 && x < 0.82
    if (door) return BLUE
    if (roof || walls) return WHITE
    if (field) return GREEN
    return BLUE
  })
}

mkdirSync('public/icons', { recursive: true })
writeFileSync('public/icons/icon-192.png', new Uint8Array(icon(192, 0)))
writeFileSync('public/icons/icon-512.png', new Uint8Array(icon(512, 0)))
writeFileSync('public/icons/icon-maskable-512.png', new Uint8Array(icon(512, 0.1)))
console.log('icons written to public/icons/')
