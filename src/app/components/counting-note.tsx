import type { Rubric } from '../../scoring/edition-schema'
import { countingNote, type CountingKind } from '../../scoring/counting'
import { useI18n } from '../i18n'
import { useEditionName } from './edition-banner'

/** Which field of which form carries the date the rubric judges. */
const DATE_FIELDS: Record<string, { kind: CountingKind; field: string }[]> = {
  'mentor-visit': [{ kind: 'mentor-visit', field: 'on' }],
  assistance: [{ kind: 'assistance', field: 'on' }],
  'plot-assessment': [{ kind: 'plot-assessment', field: 'on' }],
  household: [{ kind: 'verification', field: 'verifiedOn' }],
}

/** "Saved, but it will not count for this year's score: …", as the date is typed (issue 13). */
export function CountingNotes({ docType, values, rubric }: { docType: string; values: Record<string, unknown>; rubric: Rubric }) {
  const { t, date } = useI18n()
  const name = useEditionName()
  const notes = (DATE_FIELDS[docType] ?? []).map((f) => countingNote(f.kind, values[f.field], rubric)).filter((n) => !!n)
  return (
    <div aria-live="polite" data-testid="counting-notes">
      {notes.map((n, i) => (
        <p key={i} class="banner counting-note" role="status">
          {n.reason === 'outside'
            ? t('count.outside', { start: date(n.start), end: date(n.end), edition: name(rubric) })
            : t('count.afterDeadline', { deadline: date(n.deadline), edition: name(rubric) })}
        </p>
      ))}
    </div>
  )
}
