import type { ComponentChildren } from 'preact'
import type { EventRow } from '../../store/local-db'
import type { FieldChange } from '../../store/history'
import { useI18n, type Translator } from '../i18n'

/*
 * A record's history as one readable timeline, newest first: edits (which fields changed from what
 * to what, from the history docs the repository writes), conflict resolutions, reviews, and the
 * visits, assistance and assessments recorded on it.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A label for a field: the form's own label where there is one, else the name itself. */
function fieldLabel(t: Translator['t'], field: string): string {
  for (const key of [`timeline.field.${field}`, `field.${field}`, `conflicts.field.${field}`]) {
    const text = t(key)
    if (text !== key) return text
  }
  return field
}

function valueText(tr: Translator, value: unknown): string {
  const { t, date, num } = tr
  if (value === undefined || value === null || value === '') return t('timeline.blank')
  if (typeof value === 'boolean') return t(value ? 'timeline.yes' : 'timeline.no')
  if (typeof value === 'number') return num(value, 2)
  if (typeof value === 'string') return ISO_DATE.test(value) ? date(value) : value
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
    // The failing dimensions: the ones marked true, by name.
    if (entries.every(([, v]) => typeof v === 'boolean')) {
      const on = entries.filter(([, v]) => v).map(([k]) => (t(`dim.${k}`) !== `dim.${k}` ? t(`dim.${k}`) : k))
      return on.length ? on.join(', ') : t('timeline.none')
    }
  }
  return JSON.stringify(value)
}

const timeOf = (e: EventRow) => String(e.summary.at ?? e.on)

export function Timeline({ events, created, extra }: { events: readonly EventRow[]; created?: { by: string; at: string }; extra?: (event: EventRow) => ComponentChildren }) {
  const tr = useI18n()
  const { t, date } = tr
  const sorted = [...events].sort((a, b) => (timeOf(a) === timeOf(b) ? (a.id < b.id ? 1 : -1) : timeOf(a) < timeOf(b) ? 1 : -1))
  return (
    <ul class="list timeline" data-testid="timeline">
      {sorted.map((e) => {
        const s = e.summary
        let title: string
        let detail: string[] = []
        if (e.type === 'history') {
          title = t(s.kind === 'conflict' ? 'timeline.conflict' : 'timeline.edit', { by: e.createdBy })
          detail = ((s.changes as FieldChange[] | undefined) ?? []).map((c) => t('timeline.change', { field: fieldLabel(t, c.field), from: valueText(tr, c.from), to: valueText(tr, c.to) }))
        } else if (e.type === 'review') {
          title = t(s.state === 'approved' ? 'timeline.review.approved' : 'timeline.review.returned', { by: e.createdBy })
          if (typeof s.comment === 'string') detail = [s.comment]
        } else if (e.type === 'mentor-visit') {
          title = `${t('household.event.visit')} (${e.createdBy})`
          if (s.note) detail = [String(s.note)]
        } else if (e.type === 'assistance') {
          title = `${t('household.event.assistance', { dim: t(`dim.${String(s.dimension)}`) })} (${e.createdBy})`
          detail = [`${String(s.what ?? '')} — ${String(s.agency ?? '')}`]
        } else {
          title = `${t('timeline.assessment')} (${e.createdBy})`
          detail = [t(s.success ? 'timeline.assessment.ok' : 'timeline.assessment.notOk')]
        }
        return (
          <li key={e.id} class="timeline__item" data-type={e.type}>
            <span class="timeline__when">{date(timeOf(e).slice(0, 10))}</span>
            <span class="timeline__what">{title}</span>
            {detail.map((d, i) => (
              <span key={i} class="timeline__detail">
                {d}
              </span>
            ))}
            {extra?.(e)}
          </li>
        )
      })}
      {created && (
        <li class="timeline__item" data-type="created">
          <span class="timeline__when">{date(created.at.slice(0, 10))}</span>
          <span class="timeline__what">{t('timeline.created', { by: created.by })}</span>
        </li>
      )}
    </ul>
  )
}
