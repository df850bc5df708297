import { useState } from 'preact/hooks'
import type { Table } from '../../../exchange/files'
import { villageProgress } from '../../../store/village-progress'
import { useI18n } from '../../i18n'
import { AsOfPicker, BackLink, useAreaRows, useAsOf } from './common'
import { useScores } from './missions'
import { downloadBlob } from '../../download'
import { useServices } from '../../services'
import { householdReviewStates } from '../../../store/reviews'
import { areaLabel, useAreaNames } from '../../area-names'
import { CoverageNotice, coverageFileNote, useCoverage } from './coverage'
import { ModeLine, useApprovedOnlyRows, useScoringMode } from './scoring-mode'

type Dataset = 'households' | 'plots' | 'complaints' | 'progress' | 'scores'
const DATASETS: Dataset[] = ['households', 'plots', 'complaints', 'progress', 'scores']

/** CSV and Excel files of the area's records and scores, as of the chosen date. */
export function ExportScreen({ area }: { area: string }) {
  const tr = useI18n()
  const { t } = tr
  const { db } = useServices()
  const names = useAreaNames()
  const coverage = useCoverage(area)
  const [asOf, setAsOf, rubric] = useAsOf()
  const rows = useAreaRows(area)
  // Scores and progress count as the dashboards do (the office setting, issue 15); record tables list every record.
  const counted = useApprovedOnlyRows(rows, area)
  const mode = useScoringMode(area)
  const scores = useScores(counted, area, asOf, rubric)
  const [busy, setBusy] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  async function make(dataset: Dataset, format: 'csv' | 'xlsx') {
    if (!rows) return
    setBusy(`${dataset}.${format}`)
    setFailed(false)
    try {
      const x = await import('../../../exchange/export')
      const files = await import('../../../exchange/files')
      let table: Table
      switch (dataset) {
        case 'households':
          table = x.householdsTable(rows.households, rows.villages ?? [], asOf, 'households', await householdReviewStates(db, rows.households))
          break
        case 'plots':
          table = x.plotsTable(rows.plots, asOf)
          break
        case 'complaints':
          table = x.complaintsTable(rows.complaints, asOf)
          break
        case 'progress':
          table = x.progressTable(villageProgress({ villages: (counted ?? rows).villages ?? [], households: (counted ?? rows).households, plots: (counted ?? rows).plots, complaints: (counted ?? rows).complaints }, asOf, rubric))
          break
        default:
          table = x.scoresTable((scores ?? []).map((s) => s.score), area, asOf)
      }
      // Partial data says so: a first line naming the missing areas, and the file's name.
      const note = coverageFileNote(tr, names, coverage, asOf)
      if (note) table = { ...table, notes: [note] }
      if ((dataset === 'progress' || dataset === 'scores') && mode && mode.mode !== 'all') {
        const modeNote = mode.mode === 'mixed' ? tr.t('lists.mode.mixed', { areas: mode.approvedDistricts.map((d) => areaLabel(tr, names, d)).join(', ') }) : tr.t('lists.mode.line', { mode: tr.t('lists.mode.approved') })
        table = { ...table, notes: [...(table.notes ?? []), modeNote] }
      }
      const name = `cdd-${table.name}-${area}-${asOf.replace(/-/g, '')}${note ? '-incomplete' : ''}.${format}`
      const blob = format === 'csv' ? new Blob([await files.toCsv(table)], { type: 'text/csv;charset=utf-8' }) : await files.toXlsx(table)
      downloadBlob(blob, name)
    } catch (error) {
      console.warn('export failed', error)
      setFailed(true)
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <BackLink />
      <h1>{t('sup.link.export')}</h1>
      <p class="hint">{t('exp.help.named', { area: areaLabel(tr, names, area) })}</p>
      <CoverageNotice coverage={coverage} forExport />
      <AsOfPicker asOf={asOf} onChange={setAsOf} />
      <ModeLine area={area} />
      {failed && <p role="alert" class="field__error">{t('exp.failed')}</p>}
      {!rows || !coverage ? (
        <p aria-busy="true">{t('sup.loading')}</p>
      ) : (
        <ul class="list">
          {DATASETS.map((d) => (
            <li key={d} class="sup-export">
              <span class="row__main">{t(`exp.${d}`)}</span>
              <span class="button-row">
                {(['csv', 'xlsx'] as const).map((f) => (
                  <button key={f} type="button" class="button" disabled={!!busy} aria-label={`${t(`exp.${d}`)} ${t(`exp.file.${f}`)}`} data-testid={`export-${d}-${f}`} onClick={() => void make(d, f)}>
                    {busy === `${d}.${f}` ? '…' : f === 'csv' ? 'CSV' : 'Excel'}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
