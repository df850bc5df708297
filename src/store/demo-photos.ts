import { mediaId, MEDIA_ATTACHMENT, thumbName } from '../schema/media-names'
import type { PhotoRef } from '../schema/media'
import { timeOrderedId, type RandomSource } from '../schema/ids'
import { encodeJpeg, thumbnailOf, toBase64, type Rgba } from './jpeg-codec'

/*
 * Demo photos: generated plot scenes (sky, field, pond, trees, a path), small but real JPEGs, so
 * `npm start` shows pictures and the bench has bytes to measure. Each demo assessment gets one to
 * three photos in the new shape: thumbnails inline in the assessment, full photos as media docs
 * (`type: 'photo'`) that the loader puts in `cdd-<district>-media`.
 *
 * Encoding a JPEG in pure JS costs tens of milliseconds, so a pool of distinct scenes is drawn once
 * per process and reused; every photo still has its own media doc.
 */

type Doc = Record<string, unknown>

export interface DemoPhotoOptions {
  seed: number
  /** Longest side of a full demo photo (phones store ≤ 1280 px). */
  side?: number
  quality?: number
  /** Share of assessments that have photos. */
  share?: number
  poolSize?: number
}

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
}

/** One scene, deterministic for `seed`: RGBA pixels. */
export function drawScene(seed: number, width: number, height: number): Rgba {
  const rand = lcg(seed)
  const data = new Uint8Array(width * height * 4)
  const horizon = Math.round(height * (0.3 + rand() * 0.2))
  const pond = { x: width * (0.2 + rand() * 0.6), y: horizon + (height - horizon) * (0.4 + rand() * 0.3), rx: width * (0.12 + rand() * 0.15), ry: height * (0.06 + rand() * 0.08) }
  const trees = Array.from({ length: 3 + Math.floor(rand() * 6) }, () => ({ x: rand() * width, y: horizon - height * 0.02 + rand() * height * 0.05, r: height * (0.04 + rand() * 0.06) }))
  const path = rand() * width
  const green = [60 + rand() * 40, 130 + rand() * 50, 40 + rand() * 30]
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r: number, g: number, b: number
      const noise = (rand() - 0.5) * 24
      if (y < horizon) {
        const t = y / horizon
        r = 120 + 80 * t
        g = 170 + 60 * t
        b = 235 - 10 * t
      } else {
        const t = (y - horizon) / (height - horizon)
        r = green[0]! * (0.8 + 0.4 * t) + noise
        g = green[1]! * (0.8 + 0.3 * t) + noise
        b = green[2]! + noise
        // A furrowed field: rows of darker soil.
        if (Math.sin((y - horizon) * 0.35 + x * 0.01) > 0.7) {
          r -= 25
          g -= 35
        }
        if (Math.abs(x - path - (y - horizon) * 0.6) < 6 + t * 30) {
          r = 170 + noise
          g = 140 + noise
          b = 100 + noise
        }
        const dx = (x - pond.x) / pond.rx
        const dy = (y - pond.y) / pond.ry
        if (dx * dx + dy * dy < 1) {
          r = 50 + noise
          g = 100 + noise
          b = 160 + noise * 2
        }
      }
      for (const tree of trees) {
        const dx = x - tree.x
        const dy = y - tree.y
        if (dx * dx + dy * dy < tree.r * tree.r) {
          r = 30 + noise
          g = 90 + noise
          b = 35 + noise
        } else if (Math.abs(dx) < tree.r * 0.12 && y > tree.y && y < tree.y + tree.r * 1.4) {
          r = 90
          g = 60
          b = 30
        }
      }
      const o = (y * width + x) * 4
      data[o] = Math.max(0, Math.min(255, r))
      data[o + 1] = Math.max(0, Math.min(255, g))
      data[o + 2] = Math.max(0, Math.min(255, b))
      data[o + 3] = 255
    }
  }
  return { width, height, data }
}

export interface DemoImage {
  full: Uint8Array
  thumb: Uint8Array
  fullBase64: string
  thumbBase64: string
}

const pools = new Map<string, DemoImage[]>()

/** `size` distinct demo images (full JPEG and its thumbnail), drawn once per process. */
export function demoImagePool(seed: number, size = 12, side = 960, quality = 80): DemoImage[] {
  const key = `${seed}:${size}:${side}:${quality}`
  const cached = pools.get(key)
  if (cached) return cached
  const pool: DemoImage[] = []
  for (let i = 0; i < size; i++) {
    const scene = drawScene(seed * 1000 + i, side, Math.round((side * 3) / 4))
    const full = encodeJpeg(scene, quality)
    const thumb = thumbnailOf(scene)
    pool.push({ full, thumb, fullBase64: toBase64(full), thumbBase64: toBase64(thumb) })
  }
  pools.set(key, pool)
  return pool
}

/** Full photos of the demo assessments made in this process, by media id (see demoMediaDocs). */
const fullPhotos = new Map<string, Doc>()

/**
 * Gives some of `docs`' plot assessments photos (new shape: `photos` links and thumbnails inline)
 * and returns `docs`. Deterministic for `seed`. The media docs of those photos come from
 * demoMediaDocs(docs), so the record generator's output stays records only.
 */
export function withDemoPhotos<T extends Doc>(docs: T[], options: DemoPhotoOptions): T[] {
  withDemoPhotosAndMedia(docs, options)
  return docs
}

/** The media docs (full photos, for `cdd-<district>-media`) of the demo photos in `docs`. */
export function demoMediaDocs(docs: Doc[]): Doc[] {
  return docs.flatMap((d) => ((d.photos as PhotoRef[] | undefined) ?? []).map((ref) => fullPhotos.get(ref.id)).filter((m): m is Doc => !!m))
}

/** withDemoPhotos, returning `docs` followed by the media docs (bench and tests). */
export function withDemoPhotosAndMedia(docs: Doc[], options: DemoPhotoOptions): Doc[] {
  const rand = lcg(options.seed ^ 0x9e3779b9)
  const random: RandomSource = (n) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256))
  // One pool per process whatever the seed: drawing and encoding is the slow part.
  const pool = demoImagePool(1, options.poolSize ?? 4, options.side ?? 960, options.quality ?? 75)
  const share = options.share ?? 0.8
  const media: Doc[] = []
  for (const doc of docs) {
    if (doc.type !== 'plot-assessment' || rand() >= share) continue
    const count = 1 + Math.floor(rand() * 3)
    const refs: PhotoRef[] = []
    const attachments: Record<string, { content_type: string; data: string }> = {}
    const ms = Date.parse(String(doc.createdAt))
    for (let i = 0; i < count; i++) {
      const image = pool[Math.floor(rand() * pool.length)]!
      const key = timeOrderedId(ms + i, random)
      const id = mediaId(String(doc._id), String(doc.createdBy), key)
      refs.push({ id, thumb: thumbName(key), type: 'image/jpeg', bytes: image.full.length })
      attachments[thumbName(key)] = { content_type: 'image/jpeg', data: image.thumbBase64 }
      const mediaDoc = {
        _id: id,
        type: 'photo',
        schema: 1,
        district: doc.district,
        recordId: doc._id,
        createdBy: doc.createdBy,
        createdAt: doc.createdAt,
        device: doc.device,
        _attachments: { [MEDIA_ATTACHMENT]: { content_type: 'image/jpeg', data: image.fullBase64 } },
      }
      fullPhotos.set(id, mediaDoc)
      media.push(mediaDoc)
    }
    doc.photos = refs
    doc._attachments = attachments
  }
  return [...docs, ...media]
}
