/*
 * Photos are resized on the phone before they are stored: a 12-megapixel camera JPEG is 3–6 MB, and
 * a district's plots would fill a mid-range phone and take hours to sync on a weak signal. Longest
 * side ≤ 1280 px at JPEG quality 0.8 keeps a plot readable at ~150–300 KB.
 */

import { THUMB_MAX_BYTES, THUMB_SIDE } from '../schema/media-names'

export const MAX_PHOTO_SIDE = 1280
export const PHOTO_QUALITY = 0.8

/** The size an image is drawn at: longest side ≤ maxSide, aspect kept, never enlarged, at least 1 px. */
export function targetSize(width: number, height: number, maxSide = MAX_PHOTO_SIDE): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 }
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** A unique, sortable attachment name for the n-th photo added at `nowMs`. */
export function photoName(nowMs: number, n: number): string {
  return `photo-${nowMs.toString(36)}-${n}.jpg`
}

/**
 * Decodes `file` (honouring its EXIF rotation), draws it at targetSize and encodes a JPEG. Uses
 * OffscreenCanvas where there is one (no layout, no DOM), else a detached <canvas>.
 */
export async function resizeImage(file: Blob, maxSide = MAX_PHOTO_SIDE, quality = PHOTO_QUALITY): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  try {
    const { width, height } = targetSize(bitmap.width, bitmap.height, maxSide)
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('no 2d context')
      context.drawImage(bitmap, 0, 0, width, height)
      return await canvas.convertToBlob({ type: 'image/jpeg', quality })
    }
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2d context')
    context.drawImage(bitmap, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))), 'image/jpeg', quality))
  } finally {
    bitmap.close()
  }
}

/**
 * The thumbnail a record carries inline (lists and record pages show it offline): longest side
 * THUMB_SIDE, JPEG, quality stepped down until it is at most THUMB_MAX_BYTES.
 */
export async function makeThumbnail(photo: Blob, side = THUMB_SIDE, maxBytes = THUMB_MAX_BYTES): Promise<Blob> {
  let thumb = await resizeImage(photo, side, 0.7)
  for (const quality of [0.55, 0.4, 0.25]) {
    if (thumb.size <= maxBytes) break
    thumb = await resizeImage(photo, side, quality)
  }
  return thumb.size <= maxBytes ? thumb : resizeImage(photo, Math.round(side / 2), 0.4)
}
