import type { ReviewableType } from '../schema'
import type { EventRow, LocalDb } from './local-db'
import { eventsOfKind } from './events'

/*
 * Review state (issue 15). A record's reviews are append-only docs of their own (two supervisors
 * never conflict); the LATEST one wins, by its time, ties by id (ids are time-ordered). A review
 * applies to the revision it looked at (`recordUpdatedAt`): once the record is edited after it, the
 * record is "waiting for review" again, whatever the review said.
 */

export type ReviewState = 'waiting' | 'approved' | 'returned'
export const REVIEW_STATES: readonly ReviewState[] = ['waiting', 'returned', 'approved']

export interface ReviewSummary {
  id: string
  recordId: string
  recordType: ReviewableType
  state: 'approved' | 'returned'
  comment?: string
  by: string
  at: string
  recordUpdatedAt: string
}

export interface RecordReviewState {
  state: ReviewState
  /** The review that decided the state (for "waiting" after an edit: the one before the edit). */
  latest?: ReviewSummary
  /** True when the record was edited after its latest review. */
  editedSince: boolean
}

export function reviewFromEvent(e: EventRow): ReviewSummary | undefined {
  if (e.type !== 'review') return undefined
  const s = e.summary
  return {
    id: e.id,
    recordId: e.parentId,
    recordType: s.recordType as ReviewableType,
    state: s.state === 'approved' ? 'approved' : 'returned',
    comment: typeof s.comment === 'string' ? s.comment : undefined,
    by: e.createdBy,
    at: String(s.at ?? e.on),
    recordUpdatedAt: String(s.recordUpdatedAt ?? ''),
  }
}

/** Newest first: by time, then by id. */
export function compareReviews(a: Pick<ReviewSummary, 'at' | 'id'>, b: Pick<ReviewSummary, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1
}

export function latestReview(reviews: readonly ReviewSummary[]): ReviewSummary | undefined {
  let best: ReviewSummary | undefined
  for (const r of reviews) if (!best || compareReviews(r, best) < 0) best = r
  return best
}

/** The state of a record whose current revision was written at `recordUpdatedAt` (undefined: never edited in place). */
export function reviewStateOf(recordUpdatedAt: string | undefined, reviews: readonly ReviewSummary[]): RecordReviewState {
  const latest = latestReview(reviews)
  if (!latest) return { state: 'waiting', editedSince: false }
  if (recordUpdatedAt && latest.recordUpdatedAt < recordUpdatedAt) return { state: 'waiting', latest, editedSince: true }
  return { state: latest.state, latest, editedSince: false }
}

export type ReviewCounts = Record<ReviewState, number>

export function countStates(states: Iterable<ReviewState>): ReviewCounts {
  const counts: ReviewCounts = { waiting: 0, returned: 0, approved: 0 }
  for (const s of states) counts[s] += 1
  return counts
}

// ── Reading them from the read model ────────────────────────────────────────────────────────────

/** Every review on the device, grouped by the record it is about. */
export async function reviewsByRecord(db: LocalDb): Promise<Map<string, ReviewSummary[]>> {
  const rows = await eventsOfKind(db, 'review')
  const out = new Map<string, ReviewSummary[]>()
  for (const row of rows) {
    const r = reviewFromEvent(row)
    if (r) (out.get(r.recordId) ?? out.set(r.recordId, []).get(r.recordId)!).push(r)
  }
  return out
}

export interface ReturnedRecord {
  recordId: string
  recordType: ReviewableType
  review: ReviewSummary
  /** Who or what the record is about, for the list (head of household, complaint subject…). */
  title: string
  /** For visits, assistance and assessments: the household or plot they belong to. */
  parentId?: string
}

/**
 * Records whose latest review returned them and that were not edited since: the officer's to-do.
 * Newest return first.
 */
export async function returnedRecords(db: LocalDb): Promise<ReturnedRecord[]> {
  const byRecord = await reviewsByRecord(db)
  const out: ReturnedRecord[] = []
  for (const [recordId, reviews] of byRecord) {
    const latest = latestReview(reviews)
    if (!latest || latest.state !== 'returned') continue
    if (latest.recordType === 'household') {
      const h = await db.households.get(recordId)
      if (!h || reviewStateOf(h.updatedAt, reviews).state !== 'returned') continue
      out.push({ recordId, recordType: 'household', review: latest, title: `${h.headName} · ${h.houseId}` })
    } else if (latest.recordType === 'complaint') {
      const c = await db.complaints.get(recordId)
      if (!c || reviewStateOf(c.updatedAt, reviews).state !== 'returned') continue
      out.push({ recordId, recordType: 'complaint', review: latest, title: c.subject })
    } else {
      const e = await db.events.get(recordId)
      if (!e) continue
      const parent = e.parentId.startsWith('household:') ? await db.households.get(e.parentId) : undefined
      const plot = e.parentId.startsWith('plot:') ? await db.plots.get(e.parentId) : undefined
      out.push({ recordId, recordType: latest.recordType, review: latest, title: parent?.headName ?? plot?.plotNo ?? e.parentId, parentId: e.parentId })
    }
  }
  return out.sort((a, b) => compareReviews(a.review, b.review))
}

/** Each household's review state (for exports and dashboard counts). */
export async function householdReviewStates(db: LocalDb, households: readonly { id: string; updatedAt: string }[]): Promise<Map<string, ReviewState>> {
  const byRecord = await reviewsByRecord(db)
  return new Map(households.map((h) => [h.id, reviewStateOf(h.updatedAt, byRecord.get(h.id) ?? []).state]))
}
