import { useEffect, useState } from 'preact/hooks'
import { EmptyState } from '../components/empty-state'
import { useI18n, type Translator } from '../i18n'
import { hrefFor } from '../router'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'
import { formatDateTime } from './sync'
import { diffVersions, pickAll, versionInfo, type Picks } from '../../sync/conflicts'
import { loadConflict, resolveConflict, type LoadedConflict } from '../../sync/resolve'
import type { AreaStore } from '../bootstrap'
import type { LocalDb } from '../../store/local-db'

interface ConflictRow {
  id: string
  kind: 'household' | 'complaint'
  district: string
  label: string
}

async function conflictedRows(db: LocalDb): Promise<ConflictRow[]> {
  const [households, complaints] = await Promise.all([db.households.filter((r) => r.conflicted === 1).toArray(), db.complaints.filter((r) => r.conflicted === 1).toArray()])
  return [
    ...households.map((h): ConflictRow => ({ id: h.id, kind: 'household', district: h.district, label: `${h.houseId} ${h.headName}` })),
    ...complaints.map((c): ConflictRow => ({ id: c.id, kind: 'complaint', district: c.district, label: c.subject })),
  ]
}

/** The form's label for a field (messages-forms), else this screen's own, else the field's name. */
function fieldLabel(field: string, t: Translator['t']): string {
  for (const key of [`field.${field}`, `conflicts.field.${field}`]) {
    const label = t(key)
    if (label !== key) return label
  }
  return field
}

function showValue(value: unknown, tr: Translator): string {
  if (value === undefined || value === null || value === '') return tr.t('conflicts.empty.value')
  if (typeof value === 'boolean') return tr.t(value ? 'conflicts.yes' : 'conflicts.no')
  if (typeof value === 'number') return tr.num(value, 2)
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? tr.date(value) : value
  if (typeof value === 'object') {
    // e.g. the five failing dimensions: list the ones that are true, else the JSON.
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.every(([, v]) => typeof v === 'boolean')) return entries.filter(([, v]) => v).map(([k]) => k).join(', ') || '—'
    return JSON.stringify(value)
  }
  return String(value)
}

function ConflictList() {
  const { t } = useI18n()
  const { db } = useServices()
  const rows = useLiveQuery(() => conflictedRows(db), [db]).value
  if (!rows) return <p>{t('conflicts.loading')}</p>
  if (!rows.length) return <EmptyState icon="✓" title={t('conflicts.empty')} body={t('conflicts.intro')} />
  return (
    <>
      <p class="hint">{t('conflicts.intro')}</p>
      <ul class="list" data-testid="conflict-list">
        {rows.map((r) => (
          <li key={r.id}>
            <a href={hrefFor({ name: 'conflicts', id: r.id })}>
              <span class="row__main">
                {t(`conflicts.${r.kind}`, { id: r.label })}
                <span class="row__sub"> · {r.id}</span>
              </span>
              <span aria-hidden="true">›</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  )
}

function findStore(stores: AreaStore[], district: string | undefined): AreaStore[] {
  const first = stores.filter((s) => s.area === district)
  return [...first, ...stores.filter((s) => s.area !== district)]
}

function ConflictDetail({ id }: { id: string }) {
  const tr = useI18n()
  const { t } = tr
  const { db, stores } = useServices()
  const [loaded, setLoaded] = useState<{ store: AreaStore; conflict: LoadedConflict } | null | undefined>(undefined)
  const [picks, setPicks] = useState<Picks>({})
  const [state, setState] = useState<{ busy?: boolean; done?: boolean; error?: string }>({})

  useEffect(() => {
    if (!stores) return
    let cancelled = false
    void (async () => {
      const row = (await db.households.get(id)) ?? (await db.complaints.get(id))
      for (const store of findStore(stores.stores, row?.district)) {
        const conflict = await loadConflict(store.repository, id).catch(() => null)
        if (conflict) {
          if (!cancelled) setLoaded({ store, conflict })
          return
        }
      }
      if (!cancelled) setLoaded(null)
    })()
    return () => {
      cancelled = true
    }
  }, [stores, id, state.done])

  if (state.done) {
    return (
      <>
        <p role="status" data-testid="conflict-saved">{t('conflicts.saved')}</p>
        <a href={hrefFor({ name: 'conflicts' })}>{t('conflicts.back')}</a>
      </>
    )
  }
  if (loaded === undefined) return <p>{t('conflicts.loading')}</p>
  if (loaded === null) {
    return (
      <>
        <p>{t('conflicts.gone')}</p>
        <a href={hrefFor({ name: 'conflicts' })}>{t('conflicts.back')}</a>
      </>
    )
  }
  const { versions } = loaded.conflict
  const diffs = diffVersions(versions)
  const chosen = (field: string) => picks[field] ?? 0

  async function save() {
    if (!loaded) return
    setState({ busy: true })
    try {
      await resolveConflict(loaded.store.repository, loaded.conflict, picks)
      setState({ done: true })
    } catch (error) {
      setState({ error: t('conflicts.failed', { detail: String((error as Error)?.message ?? error) }) })
    }
  }

  return (
    <>
      <p class="hint">{t('conflicts.intro')}</p>
      {/* styles.css belongs to the shell: the few rules this table needs are inline. */}
      <div class="conflict-table-wrap" style={{ overflowX: 'auto' }}>
        <table class="conflict-table" data-testid="conflict-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th scope="col">{t('conflicts.field')}</th>
              {versions.map((v, i) => {
                const info = versionInfo(v)
                return (
                  <th scope="col" key={info.rev} style={{ textAlign: 'left', verticalAlign: 'top', padding: '0.4rem' }}>
                    <div>
                      {t('conflicts.version', { n: i + 1 })}
                      {i === 0 ? ` (${t('conflicts.current')})` : ''}
                    </div>
                    <div class="row__sub">{t('conflicts.by', { name: info.updatedBy ?? '?' })}</div>
                    <div class="row__sub">{t('conflicts.at', { when: info.updatedAt ? formatDateTime(info.updatedAt, tr) : '?' })}</div>
                    <div class="row__sub">{t('conflicts.device', { device: info.device ?? '?' })}</div>
                    <button type="button" class="button" onClick={() => setPicks(pickAll(diffs, i))} data-testid={`keep-${i + 1}`}>
                      {t('conflicts.keep', { n: i + 1 })}
                    </button>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {diffs.map((d) => (
              <tr key={d.field} class={d.same ? undefined : 'conflict-row--differs'} data-differs={d.same ? undefined : 'true'} style={{ borderTop: '1px solid var(--line)', background: d.same ? undefined : 'var(--warn-bg)' }}>
                <th scope="row" style={{ textAlign: 'left', verticalAlign: 'top', padding: '0.4rem' }}>
                  {fieldLabel(d.field, t)}
                  {!d.same && <span class="pill pill--warn"> {t('conflicts.different')}</span>}
                </th>
                {d.values.map((value, i) => {
                  const text = showValue(value, tr)
                  return (
                    <td key={i} class={!d.same && chosen(d.field) === i ? 'conflict-cell--chosen' : undefined} style={!d.same && chosen(d.field) === i ? { outline: '3px solid var(--ok)', outlineOffset: '-3px' } : undefined}>
                      {d.same ? (
                        text
                      ) : (
                        <label class="choice">
                          <input
                            type="radio"
                            name={`pick-${d.field}`}
                            checked={chosen(d.field) === i}
                            onChange={() => setPicks({ ...picks, [d.field]: i })}
                            aria-label={t('conflicts.pick', { value: text, n: i + 1, field: fieldLabel(d.field, t) })}
                          />
                          <span>{text}</span>
                        </label>
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.error && (
        <p class="field__error" role="alert">
          {state.error}
        </p>
      )}
      <div class="button-row">
        <button type="button" class="button button--primary" disabled={state.busy} onClick={() => void save()} data-testid="conflict-save">
          {state.busy ? t('conflicts.saving') : t('conflicts.save')}
        </button>
        <a class="button" href={hrefFor({ name: 'conflicts' })}>
          {t('conflicts.back')}
        </a>
      </div>
    </>
  )
}

export function ConflictsScreen({ id }: { id?: string }) {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('conflicts.title')}</h1>
      {id ? <ConflictDetail id={id} /> : <ConflictList />}
    </>
  )
}
