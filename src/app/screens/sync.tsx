import { PhotosWaiting } from '../components/photos-waiting'
import { useState } from 'preact/hooks'
import { EmptyState } from '../components/empty-state'
import { useI18n, type Translator } from '../i18n'
import { hrefFor } from '../router'
import { useServices } from '../services'
import { deviceId } from '../session'
import { useLiveQuery } from '../use-live-query'
import { LoginForm } from './login'
import { areaName, FirstPullProgress, percentOf } from './sync-progress'
import { useAreaNames } from '../area-names'
import type { AreaNames } from '../../store/area-names'
import { couchBase } from '../../sync/config'
import { logWords, problemMessage } from '../../sync/errors'
import { downloadBlob } from '../download'
import { exportDevice, exportedCount, exportFileName, exportMark, EXPORT_MARK_KEY } from '../../sync/export'
import { readSyncStatus } from '../../sync/runtime'
import { signOut, signOutCheck } from '../../sync/sign-out'
import { summarize, type Overall, type Summary } from '../../sync/status'
import type { LocalDb, SyncLogRow } from '../../store/local-db'

/** An ISO instant as a Buddhist-Era date and a 24-hour time, in the phone's own time zone. */
export function formatDateTime(iso: string, tr: Translator): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  const ymd = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  return tr.t('sync.dateTime', { date: tr.date(ymd), time: tr.digits(`${pad(d.getHours())}:${pad(d.getMinutes())}`) })
}

function useSyncSummary(db: LocalDb, areas: string[] | undefined): Summary | undefined {
  return useLiveQuery(async () => summarize(await readSyncStatus(db, { fresh: false }), areas), [db, areas?.join(',')]).value
}

function useSyncStatus(db: LocalDb) {
  return useLiveQuery(() => readSyncStatus(db, { fresh: false }), [db]).value
}

/** Read-model rows with conflicting revisions: households and complaints are the edited docs. */
export async function countConflicts(db: LocalDb): Promise<number> {
  const [h, c] = await Promise.all([db.households.filter((r) => r.conflicted === 1).count(), db.complaints.filter((r) => r.conflicted === 1).count()])
  return h + c
}

const DD = { margin: 0, fontWeight: 700, textAlign: 'right' as const }

const PILL_CLASS: Record<Overall, string> = { never: 'pill--muted', syncing: 'pill--muted', ok: 'pill--ok', waiting: 'pill--warn', problem: 'pill--bad', 'sign-in': 'pill--bad' }

/** The header's small sync state; a link to the sync screen. */
export function SyncPill() {
  const { t } = useI18n()
  const { db, deviceUser } = useServices()
  const tr = useI18n()
  const summary = useSyncSummary(db, deviceUser?.areas)
  if (!deviceUser || !summary) return null
  // While a first pull runs, the pill is a small progress bar of its own.
  const pulling = summary.initial && !summary.initial.done && summary.overall !== 'sign-in' ? percentOf(summary.initial) : undefined
  return (
    // The waiting count opens the list of what waits (issue 15); otherwise the sync screen.
    <a href={hrefFor({ name: pulling === undefined && summary.pending > 0 ? 'uploads' : 'sync' })} class={`pill ${PILL_CLASS[summary.overall]}${pulling !== undefined ? ' pill--pull' : ''}`} style={{ whiteSpace: 'nowrap' }} data-testid="sync-pill">
      {pulling !== undefined ? (
        <>
          {tr.t('pull.pill', { percent: tr.num(pulling) })}
          <span class="pill__bar" aria-hidden="true">
            <span style={{ width: `${pulling}%` }} />
          </span>
        </>
      ) : (
        <>
          {t(`sync.state.${summary.overall}`, { count: summary.pending })}
          {/* "Sign in needed" or a problem must not hide what waits to upload. */}
          {summary.pending > 0 && summary.overall !== 'waiting' ? ` · ${t('sync.state.waiting', { count: summary.pending })}` : ''}
        </>
      )}
    </a>
  )
}

function logLine(row: SyncLogRow, tr: Translator, names: AreaNames): string {
  const { t } = tr
  const [code = '', ...rest] = (row.message ?? '').split(' ')
  const area = /^\d{2,8}$/.test(code) ? areaName(tr, code, names) : code
  switch (row.kind) {
    case 'start':
      return t('sync.log.start', { area })
    case 'complete':
      return t('sync.log.complete', { area, pushed: row.pushed ?? 0, pulled: row.pulled ?? 0 })
    case 'error': {
      // Rows read "<area> <kind>[: detail]" (see status.ts): said in words, never the server's English.
      const words = logWords(rest.join(' '))
      return t('sync.log.error', { message: `${area} ${t(words.key, words.params)}` })
    }
    case 'denied': {
      const words = logWords(rest.join(' '))
      return t('sync.log.denied', { message: `${area} ${t(words.key, words.params)}` })
    }
    default:
      return t('sync.log.other', { message: row.message ?? row.kind })
  }
}

function SignOutSection() {
  const tr = useI18n()
  const { t } = tr
  const { db, deviceUser, stores, signIn } = useServices()
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null)
  const [busy, setBusy] = useState<'export' | 'signout' | null>(null)
  if (!deviceUser || !stores) return null

  async function doExport() {
    if (!stores || !deviceUser) return
    setBusy('export')
    try {
      const now = new Date()
      const data = await exportDevice(stores.stores, { user: deviceUser.name, device: await deviceId(db) }, now, stores.photos.media)
      downloadBlob(new Blob([JSON.stringify(data)], { type: 'application/json' }), exportFileName(deviceUser.name, now))
      await db.meta.put({ key: EXPORT_MARK_KEY, value: exportMark(data) })
      setMessage({ text: t('export.done', { count: exportedCount(data) }), bad: false })
    } catch (error) {
      setMessage({ text: t('export.failed', { detail: String((error as Error)?.message ?? error) }), bad: true })
    } finally {
      setBusy(null)
    }
  }

  async function doSignOut() {
    if (!stores || !deviceUser) return
    // Refuse first, then ask: never ask to confirm deleting data that would not be deleted anyway.
    const countPending = stores.sync ? () => stores.sync!.recount() : undefined
    const check = await signOutCheck({ db, stores: stores.stores, countPending })
    if (!check.ok) return setMessage({ text: t('signout.refused', { count: check.pending }), bad: true })
    if (!confirm(t('signout.confirm', { name: deviceUser.name }))) return
    setBusy('signout')
    try {
      const result = await signOut({
        db,
        stores: stores.stores,
        stopSync: () => stores.sync?.stop(),
        countPending: stores.sync ? () => stores.sync!.recount() : undefined,
        base: couchBase(),
        media: stores.photos.media,
      })
      if (!result.ok) return setMessage({ text: t('signout.refused', { count: result.pending }), bad: true })
      await signIn(null)
    } finally {
      setBusy(null)
    }
  }

  return (
    <section class="card" aria-labelledby="signout-heading">
      <h2 id="signout-heading">{t('signout.title')}</h2>
      {message && (
        <p class={message.bad ? 'field__error' : 'hint'} role="status" data-testid="signout-message">
          {message.text}
        </p>
      )}
      <div class="button-row">
        <button type="button" class="button" disabled={!!busy} onClick={() => void doExport()} data-testid="export-button">
          {busy === 'export' ? t('export.busy') : t('export.button')}
        </button>
        <button type="button" class="button button--danger" disabled={!!busy} onClick={() => void doSignOut()} data-testid="signout-button">
          {busy === 'signout' ? t('signout.busy') : t('signout.button')}
        </button>
      </div>
    </section>
  )
}

export function SyncScreen() {
  const tr = useI18n()
  const { t, num } = tr
  const { db, deviceUser, stores } = useServices()
  const summary = useSyncSummary(db, deviceUser?.areas)
  const status = useSyncStatus(db)
  const log = useLiveQuery(() => db.syncLog.orderBy('id').reverse().limit(20).toArray(), [db]).value ?? []
  const conflicts = useLiveQuery(() => countConflicts(db), [db]).value ?? 0
  const names = useAreaNames()

  if (!deviceUser) {
    return (
      <>
        <h1>{t('sync.title')}</h1>
        <EmptyState icon="⇅" title={t('sync.empty.title')} body={t('sync.empty.body')} />
        <LoginForm />
      </>
    )
  }

  const problem = summary?.problem && problemMessage(summary.problem)
  return (
    <>
      <h1>{t('sync.title')}</h1>
      <p class="hint">
        {t('sync.signedInAs', { name: deviceUser.name })} · {t('sync.areas', { areas: deviceUser.areas.map((a) => areaName(tr, a, names)).join(', ') })}
      </p>
      {summary && (
        <section class="card" aria-live="polite" data-testid="sync-status">
          <p>
            <span class={`pill ${PILL_CLASS[summary.overall]}`} data-testid="sync-overall" data-state={summary.overall}>
              {t(`sync.state.${summary.overall}`, { count: summary.pending })}
            </span>
          </p>
          {/* Label left, figure right; styles.css is the shell's, so the two rules live here. */}
          <dl style={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: '0.35rem 1rem', margin: 0 }}>
            <dt>{t('sync.lastOk')}</dt>
            <dd style={DD} data-testid="sync-last-ok">{summary.lastOkAt ? formatDateTime(summary.lastOkAt, tr) : t('sync.never')}</dd>
            <dt>{t('sync.pending')}</dt>
            <dd style={DD} data-testid="sync-pending">{t('sync.records', { count: summary.pending })}</dd>
            <dt>{t('sync.received')}</dt>
            <dd style={DD} data-testid="sync-received">{t('sync.records', { count: summary.received })}</dd>
            <dt>{t('sync.sent')}</dt>
            <dd style={DD} data-testid="sync-sent">{t('sync.records', { count: summary.sent })}</dd>
          </dl>
          <PhotosWaiting />
          <a class="button upload-link" href={hrefFor({ name: 'uploads' })} data-testid="uploads-link">
            {t('lists.uploads.link')}
          </a>
          {problem && (
            <p class="field__error" role="alert" data-testid="sync-problem">
              {t(problem.key, problem.params)}
            </p>
          )}
        </section>
      )}
      {status && <FirstPullProgress status={status} areas={deviceUser.areas} />}
      {summary?.overall === 'sign-in' && <LoginForm again />}
      {conflicts > 0 && (
        <a class="card card--link" href={hrefFor({ name: 'conflicts' })} data-testid="conflicts-link">
          {t('sync.conflicts.link', { count: num(conflicts) })}
        </a>
      )}
      <div class="button-row">
        <button type="button" class="button button--primary" disabled={!stores?.sync} onClick={() => (stores?.sync?.syncNow(), void stores?.photos.uploader?.kick())} data-testid="sync-now">
          {stores ? t('sync.now') : t('sync.loading')}
        </button>
      </div>
      {summary && summary.denied.length > 0 && (
        <section class="card" aria-labelledby="denied-heading">
          <h2 id="denied-heading">{t('sync.denied.title')}</h2>
          <ul class="list">
            {summary.denied.map((d) => (
              <li key={`${d.area}:${d.id}`}>{t('sync.problem.forbiddenDoc', { id: d.id, reason: d.reason ?? '' })}</li>
            ))}
          </ul>
        </section>
      )}
      {log.length > 0 && (
        <section class="card" aria-labelledby="log-heading">
          <h2 id="log-heading">{t('sync.log.title')}</h2>
          <ul class="list" data-testid="sync-log">
            {log.map((row) => (
              <li key={row.id}>
                <span class="row__sub">{formatDateTime(row.at, tr)}</span> {logLine(row, tr, names)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <SignOutSection />
    </>
  )
}
