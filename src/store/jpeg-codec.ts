import jpeg from 'jpeg-js'
import { THUMB_MAX_BYTES, THUMB_SIDE } from '../schema/media-names'

/*
 * Pure-JS JPEG work for places without a canvas: the demo photos (`npm start`'s loader), the
 * server-side migration of old full-size attachments to thumbnails, tests and the bench. Phones use
 * the browser's own decoder and canvas (src/forms/photos.ts); this never ships in the app bundle.
 *
 * jpeg-js (BSD-3, no dependencies, a decade old and still maintained) was chosen over writing a
 * baseline encoder here: an encoder is ~600 lines of DCT/Huffman tables that nobody should have to
 * review twice, and jpeg-js is also a decoder, which the migration needs.
 */

export interface Rgba {
  width: number
  height: number
  data: Uint8Array
}

export function encodeJpeg(image: Rgba, quality: number): Uint8Array {
  return new Uint8Array(jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality).data)
}

export function decodeJpeg(bytes: Uint8Array): Rgba {
  const out = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 })
  return { width: out.width, height: out.height, data: out.data }
}

/** Box-filter downscale so the longest side is ≤ maxSide (never enlarges). */
export function downscale(image: Rgba, maxSide: number): Rgba {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height))
  if (scale === 1) return image
  const width = Math.max(1, Math.round(image.width * scale))
  const height = Math.max(1, Math.round(image.height * scale))
  const data = new Uint8Array(width * height * 4)
  const fx = image.width / width
  const fy = image.height / height
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * fy)
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * fy))
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * fx)
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * fx))
      let r = 0, g = 0, b = 0, n = 0
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * image.width + xx) * 4
          r += image.data[i]!
          g += image.data[i + 1]!
          b += image.data[i + 2]!
          n++
        }
      }
      const o = (y * width + x) * 4
      data[o] = r / n
      data[o + 1] = g / n
      data[o + 2] = b / n
      data[o + 3] = 255
    }
  }
  return { width, height, data }
}

/** A thumbnail JPEG (longest side THUMB_SIDE, ≤ THUMB_MAX_BYTES: the quality steps down until it fits). */
export function thumbnailOf(image: Rgba, maxSide = THUMB_SIDE, maxBytes = THUMB_MAX_BYTES): Uint8Array {
  const small = downscale(image, maxSide)
  for (const quality of [70, 55, 40, 25, 15]) {
    const out = encodeJpeg(small, quality)
    if (out.length <= maxBytes) return out
  }
  return encodeJpeg(downscale(small, Math.round(maxSide / 2)), 15)
}

/** A thumbnail of JPEG bytes. */
export function thumbnailOfJpeg(bytes: Uint8Array, maxSide = THUMB_SIDE): Uint8Array {
  return thumbnailOf(decodeJpeg(bytes), maxSide)
}

export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}
