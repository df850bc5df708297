import { useEffect, useState } from 'preact/hooks'
import { todayIn, type ISODate } from '../../../schema/dates'
import type { Advice } from '../../../scoring/advice'
import type { Rubric } from '../../../scoring/edition-schema'
import { EditionBanner, EditionLine } from '../../components/edition-banner'
import { defaultAsOf, editionForDate, useActiveEdition, type ActiveEdition } from '../../edition'
import type { ComplaintRow, PostRow, ReportRow, VillageRow } from '../../../store/local-db'
import { rowsWithin, type AreaFactsRows, type AreaRows } from '../../../store/score-input'
import { readAreaFacts } from '../../../store/village-facts-store'
import { householdsOfArea, plotsOfArea } from '../../../store/area-rows'
import { applyApprovedOnly, readApprovals, readOfficeSettings, scoringMode } from '../../../store/approved-only'
import type { Count } from '../../../store/village-progress'
import { useI18n, type Translator } from '../../i18n'
import { useServices } from '../../services'
import { useLiveQuery } from '../../use-live-query'

/**
 * The as-of date, shared by the dashboard's pages. Until someone picks one it follows the active
 * edition (issue 13): today inside its fiscal year, else that year's last day. A date picked is
 * remembered on the device (Dexie settings), so coming back to the dashboards, even after a reload,
 * shows the same date; picking the default again forgets it, so the default follows the calendar.
 * The third element is the edition the date is scored by.
 */
let sharedAsOf: ISODate | undefined
let loadedAsOf = false
const listeners = new Set<(d: ISODate | undefined) => void>()
export const AS_OF_SETTING = 'dashboards.asOf'

export function useAsOf(): [ISODate, (d: ISODate) => void, Rubric] {
  const { db } = useServices()
  const active = useActiveEdition()
  const [picked, set] = useState<ISODate | undefined>(() => sharedAsOf)
  useEffect(() => {
    listeners.add(set)
    if (!loadedAsOf) {
      loadedAsOf = true
      void db.settings.get(AS_OF_SETTING).then((row) => {
        const saved = row?.value
        if (sharedAsOf === undefined && typeof saved === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(saved) && saved <= todayIn()) {
          sharedAsOf = saved
          for (const l of listeners) l(saved)
        }
      })
    }
    return () => void listeners.delete(set)
  }, [])
  const asOf = picked ?? defaultAsOf(active)
  return [
    asOf,
    (d: ISODate) => {
      const forget = d === defaultAsOf(active)
      sharedAsOf = forget ? undefined : d
      for (const l of listeners) l(sharedAsOf)
      void db.settings.put({ key: AS_OF_SETTING, value: forget ? null : d })
    },
    editionForDate(active, asOf),
  ]
}

/** The picker's range comes from the active edition: its fiscal year, up to today. */
export function asOfRange(active: ActiveEdition): { min: ISODate; max: ISODate } {
  const today = todayIn()
  const { start, end } = active.edition.fiscalYear
  return { min: start, max: today < end ? today : end }
}

export function AsOfPicker({ asOf, onChange }: { asOf: ISODate; onChange: (d: ISODate) => void }) {
  const { t, date } = useI18n()
  const active = useActiveEdition()
  const { min, max } = asOfRange(active)
  const fallback = defaultAsOf(active)
  return (
    <>
    <div class="field sup-asof">
      <label for="sup-asof">{t('sup.asOf')}</label>
      <div class="sup-asof__row">
        <input
          id="sup-asof"
          type="date"
          value={asOf}
          min={min}
          max={max}
          aria-describedby="sup-asof-help"
          onChange={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value
            if (/^\d{4}-\d{2}-\d{2}$/.test(v)) onChange(v)
          }}
        />
        {asOf !== fallback && (
          <button type="button" class="button" onClick={() => onChange(fallback)}>
            {t('sup.asOf.today')}
          </button>
        )}
      </div>
      <div id="sup-asof-help" class="field__help">
        <strong data-testid="asof-display">{date(asOf)}</strong> · {t('sup.asOf.help')}
      </div>
    </div>
    {/* The edition named in full width under the controls (issue 13). */}
    <div class="sup-edition">
      <EditionBanner active={active} />
      <EditionLine active={active} />
    </div>
    </>
  )
}

type Queryable<T> = { where(index: string): { equals(v: string): { toArray(): PromiseLike<T[]> }; startsWith(v: string): { toArray(): PromiseLike<T[]> } } }

/** The read model's rows for an area: the whole district (or province) read once, then narrowed. */
export function useAreaRows(area: string): AreaRows | undefined {
  const { db } = useServices()
  return useLiveQuery(async () => {
    const district = area.length >= 4
    const key = district ? area.slice(0, 4) : area.slice(0, 2)
    const q = <T,>(table: Queryable<T>) => (district ? table.where('district').equals(key).toArray() : table.where('district').startsWith(key).toArray())
    const [villages, households, plots, complaints, posts, reports, facts] = await Promise.all([
      q<VillageRow>(db.villages),
      householdsOfArea(db, key).toArray(),
      plotsOfArea(db, key).toArray(),
      q<ComplaintRow>(db.complaints),
      q<PostRow>(db.posts),
      q<ReportRow>(db.reports),
      db.facts.where('province').equals(area.slice(0, 2)).toArray(),
    ])
    return rowsWithin({ villages, households, plots, complaints, posts, reports, facts }, area)
  }, [area]).value
}

/**
 * The same for the dashboards' figures, with households and plots read as the per-village packed
 * facts the projector keeps (hundreds of rows for a district, not tens of thousands).
 */
export function useAreaFacts(area: string): AreaFactsRows | undefined {
  const { db } = useServices()
  return useLiveQuery(async () => {
    const district = area.length >= 4
    const key = district ? area.slice(0, 4) : area.slice(0, 2)
    const q = <T,>(table: Queryable<T>) => (district ? table.where('district').equals(key).toArray() : table.where('district').startsWith(key).toArray())
    const [villages, facts, complaints, posts, reports, provinceFacts] = await Promise.all([
      q<VillageRow>(db.villages),
      readAreaFacts(db, key),
      q<ComplaintRow>(db.complaints),
      q<PostRow>(db.posts),
      q<ReportRow>(db.reports),
      db.facts.where('province').equals(area.slice(0, 2)).toArray(),
    ])
    const rows = rowsWithin({ villages, households: facts.households, plots: facts.plots, complaints, posts, reports, facts: provinceFacts }, area)
    // The office setting (issue 15): districts set to count approved records only are scored so.
    const { approvedDistricts } = scoringMode(await readOfficeSettings(db), area, villages.map((v) => v.district))
    return approvedDistricts.length ? applyApprovedOnly(rows, await readApprovals(db), approvedDistricts) : rows
  }, [area]).value
}

export function pct(c: Count): number {
  return c.of > 0 ? Math.round((100 * c.done) / c.of) : 100
}

/** A labelled bar with its count as text: the text is what a screen reader reads. */
export function Bar({ label, count, testId }: { label: string; count: Count; testId?: string }) {
  const { t, num } = useI18n()
  const p = pct(count)
  const tone = count.of === 0 ? 'ok' : p >= 80 ? 'ok' : p >= 50 ? 'warn' : 'bad'
  const value = count.of === 0 ? t('sup.bar.none') : t('sup.bar.value', { done: num(count.done), of: num(count.of), pct: num(p) })
  return (
    <div class="sup-bar" data-testid={testId}>
      <div class="sup-bar__head">
        <span class="sup-bar__label">{label}</span>
        <span class="sup-bar__value">{value}</span>
      </div>
      <div class="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={p} aria-valuetext={value}>
        <div class={`bar__fill bar__fill--${tone}`} style={{ width: `${count.of === 0 ? 0 : p}%` }} />
      </div>
    </div>
  )
}

export function LevelBadge({ level }: { level: number }) {
  const { t, num } = useI18n()
  return (
    <span class={`level level--${level}`} role="img" aria-label={t('sup.level', { level: num(level) })}>
      {num(level)}
    </span>
  )
}

/** An advice's text: dates in Buddhist Era, lists joined, numbers in the chosen digits. */
export function adviceText(a: Pick<Advice, 'key' | 'params'>, tr: Translator, tambonNames?: ReadonlyMap<string, string>): string {
  const params: Record<string, string | number> = {}
  // Plot ids (plot:<tambon>:<number>) read as their plot number and sub-district (plot numbers
  // repeat across sub-districts), each place once.
  const plain = (x: string) => {
    const m = /^plot:(\d+):(.+)$/.exec(x)
    if (!m) return x
    const name = tambonNames?.get(m[1]!)
    return name ? tr.t('review.advice.plotIn', { plot: m[2]!, tambon: name }) : m[2]!
  }
  for (const [k, v] of Object.entries(a.params)) {
    if (Array.isArray(v)) params[k] = [...new Set(v.map(plain))].join(', ')
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) params[k] = tr.date(v)
    else if (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v)) params[k] = tr.date(`${v}-01`).replace(/^\S+\s/, '')
    else params[k] = v
  }
  return tr.t(a.key, params)
}

export function BackLink() {
  const { t } = useI18n()
  return (
    <p>
      <a href="#/dashboards" class="back-link">
        {t('sup.back')}
      </a>
    </p>
  )
}
