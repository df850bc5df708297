import type { ISODate } from '../../../schema/dates'
import type { AreaNames } from '../../../store/area-names'
import { areaLabel, useAreaNames } from '../../area-names'
import { areasOfView, useMissingAreas } from '../../area-coverage'
import { useI18n, type Translator } from '../../i18n'
import { useServices } from '../../services'

/*
 * Partial data is never presented as the whole: while some of the areas a view counts have not
 * arrived on the device, the view says which (by name) and that its figures are incomplete.
 */

export interface Coverage {
  missing: string[]
  total: number
}

/** The view's coverage, live; undefined while loading. */
export function useCoverage(view: string): Coverage | undefined {
  const { deviceUser } = useServices()
  const missing = useMissingAreas(view)
  return missing && { missing, total: areasOfView(view, deviceUser?.areas ?? []).length }
}

function joined(tr: Pick<Translator, 't' | 'digits'>, names: AreaNames, codes: readonly string[]): string {
  const labels = codes.map((c) => areaLabel(tr, names, c))
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')}${tr.t('area.list.and')}${labels.at(-1)}`
}

/** The line an exported file starts with while the data is incomplete (undefined when it is whole). */
export function coverageFileNote(tr: Translator, names: AreaNames, coverage: Coverage | undefined, asOf: ISODate): string | undefined {
  if (!coverage?.missing.length) return undefined
  return tr.t('cov.fileNote', { areas: joined(tr, names, coverage.missing), missing: tr.num(coverage.missing.length), total: tr.num(coverage.total), date: tr.date(asOf) })
}

export function CoverageNotice({ coverage, forExport = false }: { coverage: Coverage | undefined; forExport?: boolean }) {
  const tr = useI18n()
  const names = useAreaNames()
  if (!coverage?.missing.length) return null
  const { t, num } = tr
  return (
    <section class="status-panel status-panel--warn sup-coverage" role="status" aria-labelledby="sup-coverage-title" data-testid="coverage-notice">
      <strong id="sup-coverage-title">{t('cov.title')}</strong>
      <p>{t('cov.body', { areas: joined(tr, names, coverage.missing), missing: num(coverage.missing.length), total: num(coverage.total) })}</p>
      {forExport && <p>{t('cov.export')}</p>}
      <p>
        <a class="coverage__link" href="#/sync">{t('cov.sync')}</a>
      </p>
    </section>
  )
}
