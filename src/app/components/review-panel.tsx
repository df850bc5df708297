import { useState } from 'preact/hooks'
import type { ReviewableType } from '../../schema/docs'
import { eventsOf } from '../../store/events'
import { reviewFromEvent, reviewStateOf, type ReviewState, type ReviewSummary } from '../../store/reviews'
import { useI18n } from '../i18n'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

/*
 * A record's review state, and for supervisors the two actions (approve, return with a comment).
 * A review is a doc of its own saved through the repository of the record's district, offline like
 * any record; the server's validate_doc_update lets only supervisors of the area write it.
 */

export const REVIEW_PILL: Record<ReviewState, string> = { waiting: 'pill--warn', approved: 'pill--ok', returned: 'pill--bad' }

export function ReviewPill({ state }: { state: ReviewState }) {
  const { t } = useI18n()
  return (
    <span class={`pill ${REVIEW_PILL[state]}`} data-testid="review-state" data-state={state}>
      {t(`review.state.${state}`)}
    </span>
  )
}

/** Reviews of one record, from the read model (newest state computed by the caller). */
export function useReviews(recordId: string): ReviewSummary[] {
  const { db } = useServices()
  return (
    useLiveQuery(async () => (await eventsOf(db, recordId, ['review'])).map(reviewFromEvent).filter((r): r is ReviewSummary => !!r), [db, recordId]).value ?? []
  )
}

export function ReviewPanel({ recordId, recordType, recordUpdatedAt, compact = false }: { recordId: string; recordType: ReviewableType; recordUpdatedAt?: string; compact?: boolean }) {
  const { t, date } = useI18n()
  const { deviceUser, stores } = useServices()
  const reviews = useReviews(recordId)
  const { state, latest, editedSince } = reviewStateOf(recordUpdatedAt, reviews)
  const [open, setOpen] = useState(!compact)
  const [comment, setComment] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const supervisor = deviceUser?.isSupervisor === true
  const fieldId = `review-comment-${recordId}`

  async function save(next: 'approved' | 'returned') {
    setMessage(null)
    if (next === 'returned' && !comment.trim()) {
      setMessage({ ok: false, text: t('review.commentRequired') })
      return
    }
    if (!stores) return
    setBusy(true)
    try {
      // The record's own db (a province supervisor holds several) and the revision being reviewed.
      let found: { doc: Record<string, unknown>; store: (typeof stores.stores)[number] } | undefined
      for (const store of stores.stores) {
        const doc = await store.repository.get(recordId)
        if (doc) {
          found = { doc, store }
          break
        }
      }
      if (!found) throw new Error(t('form.notFound'))
      await found.store.repository.save('review', {
        recordId,
        recordType,
        recordUpdatedAt: String(found.doc.updatedAt),
        recordRev: String(found.doc._rev),
        state: next,
        comment: comment.trim() || undefined,
      } as never)
      setComment('')
      setMessage({ ok: true, text: t('review.saved') })
      if (compact) setOpen(false)
    } catch (error) {
      setMessage({ ok: false, text: t('review.failed', { reason: error instanceof Error ? error.message : String(error) }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class={compact ? 'review review--compact' : 'review card'} data-testid={`review-${recordId}`}>
      <p class="review__state">
        {!compact && <strong>{t('review.title')}: </strong>}
        <ReviewPill state={state} />
      </p>
      {editedSince && <p class="hint">{t('review.editedSince')}</p>}
      {latest && (state !== 'waiting' || editedSince) && latest.comment && (
        <p class="review__comment" data-testid="review-comment">
          {editedSince ? t('review.previousComment', { comment: latest.comment }) : latest.comment}
        </p>
      )}
      {latest && <p class="hint">{t('review.by', { by: latest.by, date: date(latest.at.slice(0, 10)) })}</p>}
      {supervisor && !open && (
        <button type="button" class="button" onClick={() => setOpen(true)}>
          {t('review.open')}
        </button>
      )}
      {supervisor && open && (
        <div class="review__form">
          <div class="field">
            <label for={fieldId}>{t('review.comment')}</label>
            <textarea id={fieldId} value={comment} aria-describedby={`${fieldId}-help`} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
            <p class="field__help" id={`${fieldId}-help`}>
              {t('review.comment.help')}
            </p>
          </div>
          <div class="button-row">
            <button type="button" class="button button--primary button--wide" disabled={busy || !stores} onClick={() => void save('approved')}>
              {t('review.approve')}
            </button>
            <button type="button" class="button button--wide" disabled={busy || !stores} onClick={() => void save('returned')}>
              {t('review.return')}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p class={message.ok ? 'hint' : 'field__error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  )
}
