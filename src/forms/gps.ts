/*
 * One GPS fix for a plot. High accuracy (the phone's GPS, not cell towers) with a timeout: in a
 * field with no signal a fix can take a while, and the officer must not be left waiting forever.
 */

export interface GpsFix {
  lat: number
  lng: number
  accuracyM: number
  at: string
}

export type GpsResult = { ok: true; fix: GpsFix } | { ok: false; reason: 'denied' | 'unavailable' | 'timeout' | 'unsupported' }

export const GPS_TIMEOUT_MS = 30_000

/** A position → the doc's gps value: 6 decimals (~0.1 m) is more than a phone's GPS can tell. */
export function toGpsFix(position: Pick<GeolocationPosition, 'coords' | 'timestamp'>): GpsFix {
  const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d
  return {
    lat: round(position.coords.latitude, 6),
    lng: round(position.coords.longitude, 6),
    accuracyM: Math.min(100_000, round(position.coords.accuracy, 1)),
    at: new Date(position.timestamp).toISOString(),
  }
}

export function reasonOf(error: Pick<GeolocationPositionError, 'code'>): 'denied' | 'unavailable' | 'timeout' {
  return error.code === 1 ? 'denied' : error.code === 3 ? 'timeout' : 'unavailable'
}

export function takePosition(geolocation: Geolocation | undefined = globalThis.navigator?.geolocation, timeoutMs = GPS_TIMEOUT_MS): Promise<GpsResult> {
  if (!geolocation) return Promise.resolve({ ok: false, reason: 'unsupported' })
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      (position) => resolve({ ok: true, fix: toGpsFix(position) }),
      (error) => resolve({ ok: false, reason: reasonOf(error) }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    )
  })
}
