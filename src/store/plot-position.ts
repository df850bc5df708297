/*
 * A map-free sketch of a plot's GPS position (issue 15): the plot at the centre, its accuracy as a
 * circle, the sub-district's other plots around it, and a scale bar, all in metres on a flat
 * projection (equirectangular about the plot: at a plot's few kilometres the error is far below the
 * GPS accuracy). Pure: the SVG is drawn by the app from these numbers.
 */

export interface Position {
  lat: number
  lng: number
}

export interface SketchPoint {
  id: string
  /** Metres east and north of the plot. */
  east: number
  north: number
  /** Where to draw it in a square of `size` (y grows downwards). */
  x: number
  y: number
  distanceM: number
}

export interface Sketch {
  size: number
  /** Half the width shown, in metres. */
  radiusM: number
  accuracyPx: number
  /** Other plots inside the sketch, nearest first. */
  others: SketchPoint[]
  /** The nearest other plot anywhere (it may lie outside the sketch when it is far). */
  nearest?: SketchPoint & { direction: Compass }
  /** Plots left out because they are farther than the sketch shows. */
  outside: number
  scale: { metres: number; px: number }
}

export type Compass = 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw'

const M_PER_DEG_LAT = 110_574
const M_PER_DEG_LNG_EQUATOR = 111_320

/** Metres east and north of `origin` (flat-earth approximation, fine below tens of kilometres). */
export function offsetMetres(origin: Position, p: Position): { east: number; north: number } {
  const east = (p.lng - origin.lng) * M_PER_DEG_LNG_EQUATOR * Math.cos((origin.lat * Math.PI) / 180)
  const north = (p.lat - origin.lat) * M_PER_DEG_LAT
  return { east, north }
}

export function compass(east: number, north: number): Compass {
  const deg = ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360
  return (['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const)[Math.round(deg / 45) % 8]!
}

/** The largest 1, 2 or 5 × 10ⁿ not above `m`. */
export function niceLength(m: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(m, 1e-9)))
  for (const f of [5, 2, 1]) if (f * p <= m) return f * p
  return p
}

const MIN_RADIUS_M = 25
const MAX_RADIUS_M = 5_000

/**
 * The sketch of a plot at `plot` with GPS accuracy `accuracyM`, among `others`. Its half-width shows
 * the accuracy circle with room around it and reaches the nearest other plot when that is within
 * 5 km; farther plots are counted, not drawn.
 */
export function plotSketch(plot: Position, accuracyM: number, others: readonly (Position & { id: string })[], size = 240): Sketch {
  const margin = 12
  const half = size / 2 - margin
  const placed = others
    .map((o) => {
      const { east, north } = offsetMetres(plot, o)
      return { id: o.id, east, north, distanceM: Math.hypot(east, north) }
    })
    .sort((a, b) => a.distanceM - b.distanceM)
  const nearestM = placed[0]?.distanceM
  let radiusM = Math.max(MIN_RADIUS_M, accuracyM * 1.6)
  if (nearestM !== undefined && nearestM <= MAX_RADIUS_M) radiusM = Math.max(radiusM, nearestM * 1.15)
  radiusM = Math.min(radiusM, MAX_RADIUS_M)
  const px = half / radiusM
  const toPoint = (p: (typeof placed)[number]): SketchPoint => ({ ...p, x: size / 2 + p.east * px, y: size / 2 - p.north * px })
  const inside = placed.filter((p) => Math.abs(p.east) <= radiusM && Math.abs(p.north) <= radiusM).map(toPoint)
  const metres = niceLength(radiusM * 0.6)
  const nearest = placed[0] ? { ...toPoint(placed[0]), direction: compass(placed[0].east, placed[0].north) } : undefined
  return {
    size,
    radiusM,
    accuracyPx: Math.min(accuracyM * px, half),
    others: inside,
    ...(nearest ? { nearest } : {}),
    outside: placed.length - inside.length,
    scale: { metres, px: metres * px },
  }
}
