import type { ActiveEdition } from '../edition'
import { useI18n } from '../i18n'

/** The edition's name as shown: "เกณฑ์ปีงบประมาณ 2570 (ฉบับสาธิต)". */
export function useEditionName(): (e: ActiveEdition['edition']) => string {
  const { t, digits } = useI18n()
  return (e) => `${t('edition.name', { year: digits(String(e.year)) })}${e.demo ? ` (${t('edition.demo')})` : ''}`
}

/**
 * Plain words when the rules shown are not this year's (today is past every edition's year), and
 * when a published edition was refused as invalid. Nothing when all is well.
 */
export function EditionBanner({ active }: { active: ActiveEdition }) {
  const { t, digits } = useI18n()
  const invalid = active.problems[0]
  return (
    <>
      {!active.current && (
        <div class="banner banner--warn" role="status" data-testid="edition-banner">
          <span>{t('edition.past', { year: digits(String(active.yearOfDate)), shown: digits(String(active.edition.year)) })}</span>
        </div>
      )}
      {invalid && (
        <div class="banner banner--bad" role="status" data-testid="edition-invalid">
          <span>{t('edition.invalid', { id: invalid.id, problem: invalid.issues.slice(0, 2).map((i) => `${i.path}: ${i.message}`).join('; ') })}</span>
        </div>
      )}
    </>
  )
}

/** One line naming the edition and its year, for the dashboards. */
export function EditionLine({ active }: { active: ActiveEdition }) {
  const { t, date } = useI18n()
  const name = useEditionName()
  const e = active.edition
  return (
    <p class="hint edition-line" data-testid="edition-line">
      {t('edition.line', { edition: name(e), start: date(e.fiscalYear.start), end: date(e.fiscalYear.end) })}
      {e.demo ? ` · ${t('edition.demoNote')}` : e.derivedFrom ? ` · ${t('edition.derived', { from: e.derivedFrom })}` : ''}
    </p>
  )
}
