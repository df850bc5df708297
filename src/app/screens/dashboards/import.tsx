import { useState } from 'preact/hooks'
import { applyImport, detectKind, diffImport, existingFromRows, IMPORT_KINDS, parseImport, type ApplyResult, type ImportIssue, type ImportKind, type ImportPlan, type ImportResult } from '../../../exchange/import'
import type { HouseholdRow, PlotRow, VillageRow } from '../../../store/local-db'
import type { DocType } from '../../../schema/docs'
import { useI18n, type Translator } from '../../i18n'
import { useServices } from '../../services'
import { BackLink } from './common'
import { areaLabel, useAreaNames } from '../../area-names'
import type { AreaNames } from '../../../store/area-names'

const SHOWN = 100

export function issueText(issue: ImportIssue, tr: Translator, names?: AreaNames): string {
  const p: Record<string, string | number> = { ...(issue.params ?? {}), column: issue.column ?? '', row: tr.num(issue.row) }
  if (typeof issue.params?.first === 'number') p.first = tr.num(issue.params.first)
  // A sub-district is named, not just numbered.
  if (names && typeof issue.params?.tambon === 'string') p.tambon = `${issue.params.tambon} (${areaLabel(tr, names, issue.params.tambon)})`
  return tr.t(`imp.issue.${issue.code}`, p)
}

interface Loaded {
  fileName: string
  cells: unknown[][]
  kind: ImportKind
  result: ImportResult
  plan: ImportPlan
  existing: Map<string, Record<string, unknown>>
}

/** Supervisors import villages, TPMAP households and HLM/CLM plots: preview first, nothing saved until confirmed. */
export function ImportScreen() {
  const tr = useI18n()
  const { t, num } = tr
  const { db, stores } = useServices()
  const names = useAreaNames()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [progress, setProgress] = useState<[number, number] | null>(null)
  const [applied, setApplied] = useState<ApplyResult | null>(null)

  async function analyse(fileName: string, cells: unknown[][], kind: ImportKind) {
    const result = parseImport(kind, cells)
    const ids = result.records.map((r) => r.id)
    const [villages, households, plots] = await Promise.all([
      db.villages.bulkGet(result.records.filter((r) => r.type === 'village').map((r) => String(r.values.code))),
      db.households.bulkGet(ids.filter((id) => id.startsWith('household:'))),
      db.plots.bulkGet(ids.filter((id) => id.startsWith('plot:'))),
    ])
    const existing = existingFromRows(villages.filter(Boolean) as VillageRow[], households.filter(Boolean) as HouseholdRow[], plots.filter(Boolean) as PlotRow[])
    setLoaded({ fileName, cells, kind, result, plan: diffImport(result.records, existing), existing })
  }

  async function onFile(file: File | undefined) {
    setApplied(null)
    setFailure(null)
    setLoaded(null)
    if (!file) return
    setBusy(t('imp.reading'))
    try {
      const { readCells } = await import('../../../exchange/files')
      const cells = await readCells(file.name, await file.arrayBuffer())
      const first = cells.find((r) => r.some((c) => String(c ?? '').trim() !== '')) ?? []
      await analyse(file.name, cells, detectKind(first))
    } catch (error) {
      console.warn('import: could not read the file', error)
      setFailure(t('imp.unreadable', { file: file.name }))
    } finally {
      setBusy(null)
    }
  }

  async function confirm() {
    if (!loaded || !stores) return
    setBusy(t('imp.saving'))
    const result = await applyImport(
      loaded.plan,
      (district) => {
        const store = stores.stores.find((s) => s.area === district)
        if (!store) return () => Promise.reject(new Error(t('imp.noDistrict', { district: areaLabel(tr, names, district) })))
        return (type, values, id) => store.repository.save(type as DocType, values as never, { id })
      },
      (done, total) => setProgress([done, total]),
    )
    setApplied(result)
    setProgress(null)
    setBusy(null)
    // The preview now shows the file as imported: what was saved counts as existing (the read model
    // catches up a moment later, from the changes feed).
    const failed = new Set(result.failed.map((f) => f.id))
    const existing = new Map(loaded.existing)
    for (const r of [...loaded.plan.create, ...loaded.plan.update.map((u) => u.record)]) if (!failed.has(r.id)) existing.set(r.id, { ...existing.get(r.id), ...r.values })
    setLoaded({ ...loaded, plan: diffImport(loaded.result.records, existing), existing })
  }

  const errors = loaded?.result.issues.filter((i) => i.severity === 'error') ?? []
  const warnings = loaded?.result.issues.filter((i) => i.severity === 'warning') ?? []
  const toSave = loaded ? loaded.plan.create.length + loaded.plan.update.length : 0
  // Where the rows go, by district name; a district this device holds no db for is said before saving.
  const byDistrict = new Map<string, number>()
  for (const r of loaded ? [...loaded.plan.create, ...loaded.plan.update.map((u) => u.record)] : []) byDistrict.set(r.district, (byDistrict.get(r.district) ?? 0) + 1)
  const held = new Set((stores?.stores ?? []).map((s) => s.area))

  return (
    <>
      <BackLink />
      <h1>{t('sup.link.import')}</h1>
      <p class="hint">{t('imp.help')}</p>
      <div class="field sup-dropzone">
        <label for="imp-file">{t('imp.file')}</label>
        <input id="imp-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void onFile((e.currentTarget as HTMLInputElement).files?.[0])} />
        <div class="field__help">{t('imp.headers')}</div>
      </div>
      {loaded && (
        <div class="field">
          <label for="imp-kind">{t('imp.kind')}</label>
          <select id="imp-kind" value={loaded.kind} onChange={(e) => void analyse(loaded.fileName, loaded.cells, (e.currentTarget as HTMLSelectElement).value as ImportKind)}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`imp.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {busy && <p aria-busy="true" role="status">{busy}{progress ? ` ${num(progress[0])} / ${num(progress[1])}` : ''}</p>}
      {failure && <p role="alert" class="field__error">{failure}</p>}
      {applied && (
        <div role="status" class={`card ${applied.failed.length ? 'banner--bad' : ''}`} data-testid="import-done">
          <strong>{t('imp.done', { saved: num(applied.saved), failed: num(applied.failed.length) })}</strong>
          {applied.failed.length > 0 && (
            <ul>
              {applied.failed.slice(0, SHOWN).map((f) => (
                <li key={f.id}>{t('imp.failedRow', { row: num(f.row), message: f.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {loaded && (
        <section aria-labelledby="imp-preview" data-testid="import-preview">
          <h2 id="imp-preview">{t('imp.preview', { file: loaded.fileName })}</h2>
          <ul class="list">
            <li class="sup-bar__head">
              <span>{t('imp.create')}</span> <strong data-testid="imp-create">{num(loaded.plan.create.length)}</strong>
            </li>
            <li class="sup-bar__head">
              <span>{t('imp.update')}</span> <strong data-testid="imp-update">{num(loaded.plan.update.length)}</strong>
            </li>
            <li class="sup-bar__head">
              <span>{t('imp.unchanged')}</span> <strong data-testid="imp-unchanged">{num(loaded.plan.unchanged.length)}</strong>
            </li>
            <li class="sup-bar__head">
              <span>{t('imp.errors')}</span> <strong data-testid="imp-errors">{num(errors.length)}</strong>
            </li>
          </ul>
          {errors.length > 0 && (
            <div class="sup-issues" role="region" aria-label={t('imp.errors')} tabIndex={0}>
              <table class="data" data-testid="imp-error-table">
                <thead>
                  <tr>
                    <th scope="col" class="num">{t('imp.col.row')}</th>
                    <th scope="col">{t('imp.col.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.slice(0, SHOWN).map((i, k) => (
                    <tr key={k}>
                      <td class="num">{i.row > 0 ? num(i.row) : '—'}</td>
                      <td>{issueText(i, tr, names)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {errors.length > SHOWN && <p class="hint">{t('sup.holdbacks.more', { count: num(errors.length - SHOWN) })}</p>}
            </div>
          )}
          {warnings.length > 0 && (
            <ul class="hint">
              {warnings.map((w, k) => (
                <li key={k}>{issueText(w, tr, names)}</li>
              ))}
            </ul>
          )}
          {byDistrict.size > 0 && (
            <ul class="list" data-testid="imp-districts" aria-label={t('imp.districts')}>
              {[...byDistrict].sort(([a], [b]) => a.localeCompare(b)).map(([district, n]) => (
                <li key={district} class="sup-bar__head">
                  <span>{areaLabel(tr, names, district)}</span>{' '}
                  <strong class={stores && !held.has(district) ? 'field__error' : undefined}>
                    {stores && !held.has(district) ? t('imp.districtNotHeld', { count: num(n) }) : t('imp.districtRows', { count: num(n) })}
                  </strong>
                </li>
              ))}
            </ul>
          )}
          {toSave > 0 && (
            <details>
              <summary>{t('imp.changes')}</summary>
              <ul>
                {loaded.plan.create.slice(0, SHOWN).map((r) => (
                  <li key={r.id}>
                    {t('imp.line.create', { row: num(r.row), id: r.id })}
                  </li>
                ))}
                {loaded.plan.update.slice(0, SHOWN).map((u) => (
                  <li key={u.record.id}>
                    {t('imp.line.update', { row: num(u.record.row), id: u.record.id, fields: u.changed.join(', ') })}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div class="button-row">
            <button type="button" class="button button--primary" disabled={toSave === 0 || !!busy || !stores} onClick={() => void confirm()} data-testid="imp-confirm">
              {errors.length > 0 ? t('imp.confirm.valid', { count: num(toSave) }) : t('imp.confirm', { count: num(toSave) })}
            </button>
            <button type="button" class="button" onClick={() => void onFile(undefined)}>
              {t('imp.cancel')}
            </button>
          </div>
          {toSave === 0 && loaded.result.records.length > 0 && <p class="hint">{t('imp.nothingNew')}</p>}
        </section>
      )}
    </>
  )
}
