import { MEDIA_ATTACHMENT, MEDIA_DOC_TYPE, mediaDbName } from '../schema/media-names'
import type { MediaRow, MediaStore } from '../store/media-store'
import type { Fetch } from './session'

/*
 * Upload of full-size photos to the district media stores, one-way, by explicit `_bulk_docs` POSTs
 * in byte-bounded batches — not PouchDB push replication. Why: replication batches by doc count
 * (a batch of 50 photos is 10 MB and is refused by a proxy's body limit forever, as cht-core#6143
 * found), cannot halve a batch on 413, and would need a local PouchDB copy of every blob. Media docs
 * are immutable and their ids are made on the phone, so the protocol is simple and exactly-once:
 *
 * - a request carries photos inline (base64) up to `maxRequestBytes` of JSON (at least one photo);
 * - `201` per doc: stored. `409 conflict`: a doc with this id is already there — an earlier request
 *   arrived but its answer was lost to a cut (ids carry the author and 80 random bits, so it is ours):
 *   stored, and never sent twice. `forbidden`: refused, kept on the phone, shown with the reason;
 * - `413`: the batch halves (down to one photo; one photo too large is refused);
 * - a cut, a timeout or a 5xx: retried with back-off; what is not marked stored is simply sent again
 *   in the next round (resume after a cut costs at most the batch in flight).
 */

export interface MediaUploadReport {
  uploaded: number
  alreadyThere: number
  refused: number
  requests: number
  failures: number
  halvings: number
  remaining: number
  /** Why the round stopped early ('offline', 'auth', 'server'), if it did. */
  stopped?: 'offline' | 'auth' | 'server'
}

export interface MediaUploadDeps {
  media: MediaStore
  /** The server's base URL, ending in '/' (the app: `location.origin + '/couch/'`). */
  base: string
  fetch?: Fetch
  /** Upper bound of one request body. */
  maxRequestBytes?: number
  /** Failed requests tolerated in a round before it stops (the next round resumes). */
  retries?: number
  delay?: (attempt: number) => Promise<void>
  onProgress?: (report: MediaUploadReport) => void
}

export const MAX_REQUEST_BYTES = 3 * 1024 * 1024
const DOC_OVERHEAD = 600

/** The JSON size a photo of `bytes` takes in a request (base64 is 4/3 of the bytes). */
export function encodedSize(bytes: number): number {
  return Math.ceil(bytes / 3) * 4 + DOC_OVERHEAD
}

/** Pure: how many of `rows` (in order) go in the next request. Always at least one. */
export function nextBatchSize(rows: readonly { bytes: number }[], maxBytes: number, maxCount: number): number {
  let total = 0
  let n = 0
  for (const row of rows) {
    const size = encodedSize(row.bytes)
    if (n > 0 && (total + size > maxBytes || n >= maxCount)) break
    total += size
    n++
  }
  return n
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

async function toDoc(row: MediaRow): Promise<Record<string, unknown>> {
  const data = bytesToBase64(new Uint8Array(await row.blob.arrayBuffer()))
  return {
    _id: row.id,
    type: MEDIA_DOC_TYPE,
    schema: 1,
    district: row.area,
    recordId: row.recordId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    device: row.device,
    _attachments: { [MEDIA_ATTACHMENT]: { content_type: row.type, data } },
  }
}

async function existsOnServer(fetchFn: Fetch, base: string, area: string, id: string): Promise<boolean> {
  try {
    const res = await fetchFn(`${base}${encodeURIComponent(mediaDbName(area))}/${encodeURIComponent(id)}`, { method: 'HEAD', credentials: 'include' })
    return res.status === 200
  } catch {
    return false
  }
}

const defaultDelay = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)))

/** One round: sends every waiting photo it can. Safe to run again at any time (nothing is sent twice). */
export async function uploadWaiting(deps: MediaUploadDeps): Promise<MediaUploadReport> {
  const { media, base, maxRequestBytes = MAX_REQUEST_BYTES, retries = 4, delay = defaultDelay } = deps
  const fetchFn = deps.fetch ?? fetch
  const report: MediaUploadReport = { uploaded: 0, alreadyThere: 0, refused: 0, requests: 0, failures: 0, halvings: 0, remaining: 0 }
  const rows = await media.waiting()
  const areas = [...new Set(rows.map((r) => r.area))]
  let maxCount = Number.POSITIVE_INFINITY
  for (const area of areas) {
    const queue = rows.filter((r) => r.area === area)
    const url = `${base}${encodeURIComponent(mediaDbName(area))}/_bulk_docs`
    while (queue.length) {
      const batch = queue.slice(0, nextBatchSize(queue, maxRequestBytes, maxCount))
      let results: { id: string; ok?: boolean; error?: string; reason?: string }[]
      let status = 0
      try {
        report.requests++
        const docs = await Promise.all(batch.map(toDoc))
        const res = await fetchFn(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ docs }), credentials: 'include' })
        status = res.status
        if (status === 413) {
          if (batch.length === 1) {
            await media.markFailed(batch[0]!.id, 'too-large', true)
            report.refused++
            queue.shift()
          } else {
            maxCount = Math.max(1, Math.floor(batch.length / 2))
            report.halvings++
          }
          continue
        }
        if (status === 401 || status === 403) {
          report.stopped = 'auth'
          break
        }
        if (status !== 201 && status !== 200) throw new Error(`HTTP ${status}`)
        results = (await res.json()) as typeof results
      } catch {
        // A cut mid-request or mid-answer, a timeout, a 5xx: the batch may or may not have arrived.
        report.failures++
        if (report.failures > retries) {
          report.stopped = status >= 500 ? 'server' : 'offline'
          break
        }
        await delay(report.failures)
        continue
      }
      const stored: string[] = []
      for (const row of batch) {
        const result = results.find((r) => r.id === row.id)
        if (result?.ok || (result && !result.error)) {
          stored.push(row.id)
          report.uploaded++
        } else if (result?.error === 'conflict') {
          stored.push(row.id)
          report.alreadyThere++
        } else if (await existsOnServer(fetchFn, base, area, row.id)) {
          // The embedded stand-in validates before it detects the conflict, so a photo sent again
          // comes back "forbidden: never changed" instead of 409: it is there all the same.
          stored.push(row.id)
          report.alreadyThere++
        } else {
          await media.markFailed(row.id, result?.reason ?? result?.error ?? 'no answer', result?.error === 'forbidden')
          if (result?.error === 'forbidden') report.refused++
        }
      }
      await media.markStored(stored)
      queue.splice(0, batch.length)
      deps.onProgress?.({ ...report })
    }
    if (report.stopped) break
  }
  report.remaining = (await media.waiting()).length
  return report
}

export interface MediaUploader {
  /** Start a round now (after a save, on `online`, on "sync now"); a round already running runs once more. */
  kick(): Promise<MediaUploadReport | undefined>
  stop(): void
  last(): MediaUploadReport | undefined
}

/** Runs rounds on demand, and again a while after a round that left photos waiting. */
export function createMediaUploader(deps: MediaUploadDeps & { online?: () => boolean; retryAfterMs?: number }): MediaUploader {
  let running: Promise<MediaUploadReport | undefined> | null = null
  let again = false
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let last: MediaUploadReport | undefined
  const round = async (): Promise<MediaUploadReport | undefined> => {
    do {
      again = false
      if (stopped || deps.online?.() === false) return last
      last = await uploadWaiting(deps)
    } while (again && !stopped)
    if (last && last.remaining > 0 && last.stopped !== 'auth' && !stopped) {
      clearTimeout(timer)
      timer = setTimeout(() => void kick(), deps.retryAfterMs ?? 60_000)
    }
    return last
  }
  const kick = (): Promise<MediaUploadReport | undefined> => {
    stopped = false
    if (running) {
      again = true
      return running
    }
    running = round()
      .catch((error: unknown) => {
        console.warn('photo upload failed', error)
        return last
      })
      .finally(() => {
        running = null
      })
    return running
  }
  return {
    kick,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
    last: () => last,
  }
}
