import { useEffect, useState } from 'preact/hooks'
import { areaLabel, useAreaNames } from '../area-names'
import type { AreaNames } from '../../store/area-names'
import { overallProgress, secondsLeft, type InitialProgress } from '../../sync/bulk-pull-plan'
import type { SyncStatus } from '../../sync/status'
import { useI18n, type Translator } from '../i18n'

/*
 * The first pull's progress as a person reads it: "ได้รับ 12,345 จาก 24,563 รายการ" for all areas and
 * per area, with a time estimate. It reads the persisted sync status, so it survives a reload.
 */

/** An area by name where the device knows it (the one naming rule: src/app/area-names.ts). */
export function areaName(tr: Translator, code: string, names: AreaNames): string {
  return areaLabel(tr, names, code)
}

export function percentOf(p: Pick<InitialProgress, 'received' | 'total'>): number {
  const total = Math.max(p.total, p.received)
  return total ? Math.min(100, Math.floor((p.received * 100) / total)) : 0
}

/** A clock that ticks while something runs: the estimate counts down between status updates. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  return now
}

function timeLeft(tr: Translator, seconds: number | undefined): string {
  if (seconds === undefined) return tr.t('pull.left.unknown')
  if (seconds < 60) return tr.t('pull.left.seconds')
  return tr.t('pull.left.minutes', { n: Math.ceil(seconds / 60) })
}

function Bar({ progress, label }: { progress: Pick<InitialProgress, 'received' | 'total' | 'done'>; label: string }) {
  const pct = progress.done ? 100 : percentOf(progress)
  return (
    <div class="bar pull__bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div class={`bar__fill${progress.done ? ' bar__fill--ok' : ''}`} style={{ width: `${pct}%` }} />
    </div>
  )
}

/** The sync screen's card: all areas, then each area by name. */
export function FirstPullProgress({ status, areas }: { status: SyncStatus; areas: readonly string[] }) {
  const names = useAreaNames()
  const tr = useI18n()
  const { t, num } = tr
  const rows = areas.map((area) => ({ area, s: status.areas[area] }))
  const progress = rows.flatMap((r) => (r.s?.initial ? [r.s.initial] : []))
  const running = progress.some((p) => !p.done)
  const now = useNow(running)
  if (!progress.length) return null
  const all = overallProgress(progress)
  return (
    <section class="card pull" aria-labelledby="pull-heading" data-testid="first-pull">
      <h2 id="pull-heading">{running ? t('pull.title') : t('pull.titleDone')}</h2>
      {running && (
        <>
          <p class="pull__total" data-testid="first-pull-total">
            <strong>{t('pull.received', { received: num(all.received), total: num(all.total) })}</strong>
          </p>
          <Bar progress={all} label={t('pull.all')} />
          <p class="hint" data-testid="first-pull-eta">
            {timeLeft(tr, secondsLeft(progress, now))}
          </p>
          <p class="hint">{t('pull.hint')}</p>
        </>
      )}
      <ul class="list pull__areas">
        {rows.map(({ area, s }) => {
          const p = s?.initial
          const name = areaName(tr, area, names)
          return (
            <li key={area} class="pull__area" data-testid={`first-pull-${area}`} data-done={p?.done ? 'true' : 'false'}>
              <div class="pull__row">
                <span class="pull__name">{name}</span>
                <span class="pull__count">
                  {p
                    ? p.done
                      ? t('pull.area.done', { count: num(p.received) })
                      : t('pull.received', { received: num(p.received), total: num(Math.max(p.total, p.received)) })
                    : s?.lastOkAt
                      ? t('pull.area.synced')
                      : t('pull.area.waiting')}
                </span>
              </div>
              <Bar progress={p ?? { received: 0, total: 0, done: !!s?.lastOkAt }} label={name} />
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** The header's compact form while a first pull runs; null otherwise. */
export function firstPullPillText(tr: Translator, status: SyncStatus, areas: readonly string[]): string | null {
  const progress = areas.flatMap((a) => (status.areas[a]?.initial ? [status.areas[a]!.initial!] : []))
  if (!progress.length || progress.every((p) => p.done)) return null
  return tr.t('pull.pill', { percent: tr.num(percentOf(overallProgress(progress))) })
}
