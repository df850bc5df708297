import { useState } from 'preact/hooks'
import type { Table } from '../../../exchange/files'
import { villageProgress } from '../../../store/village-progress'
import { useI18n } from '../../i18n'
import { AsOfPicker, BackLink, useAreaRows, useAsOf } from './common'
import { useScores } from './missions'
import { downloadBlob } from '../../download'
import { useServices } from '../../services'
import { householdReviewStates } from '../../../store/reviews'

type Dataset = 'households' | 'plots' | 'complaints' | 'progress' | 'scores'
const DATASETS: Dataset[] = ['households', 'plots', 'complaints', 'progress', 'scores']

/** CSV and Excel files of the area's records and scores, as of the chosen date. */
export function ExportScreen({ area }: { area: string }) {
  const { t } = useI18n()
  const { db } = useServices()
  const [asOf, setAsOf] = useAsOf()
  const rows = useAreaRows(area)
  const scores = useScores(rows, area, asOf)
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
          table = x.progressTable(villageProgress({ villages: rows.villages ?? [], households: rows.households, plots: rows.plots, complaints: rows.complaints }, asOf))
          break
        default:
          table = x.scoresTable((scores ?? []).map((s) => s.score), area, asOf)
      }
      const name = `cdd-${table.name}-${area}-${asOf.replace(/-/g, '')}.${format}`
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
      <p class="hint">{t('exp.help', { area })}</p>
      <AsOfPicker asOf={asOf} onChange={setAsOf} />
      {failed && <p role="alert" class="field__error">{t('exp.failed')}</p>}
      {!rows ? (
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
