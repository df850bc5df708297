import { useState } from 'preact/hooks'
import { applyApprovedOnly, readApprovals, readOfficeSettings, scoringMode, type ScoreCountMode, type ScoringMode } from '../../../store/approved-only'
import type { AreaRows } from '../../../store/score-input'
import type { HouseholdFacts, PlotFacts } from '../../../store/village-facts'
import { areaLabel, useAreaNames } from '../../area-names'
import { useI18n } from '../../i18n'
import { useServices } from '../../services'
import { useLiveQuery } from '../../use-live-query'
import { formatDateTime } from '../sync'

/*
 * The office setting "scores count approved records only" on the dashboards (issue 15): every
 * dashboard says which way it counts; a supervisor sets it for a district, or for every district of
 * the province at once (one `office-settings:<district>` doc in each district's db, so the officers
 * of that district receive it by sync).
 */

/** The districts the device knows under `area`, and how the area counts. */
export function useScoringMode(area: string): ScoringMode | undefined {
  const { db, deviceUser } = useServices()
  return useLiveQuery(async () => {
    const settings = await readOfficeSettings(db)
    const districts = area.length >= 4 ? [area.slice(0, 4)] : [...new Set([...(await db.villages.where('district').startsWith(area).primaryKeys()).map((code) => String(code).slice(0, 4)), ...(deviceUser?.areas ?? [])])]
    return scoringMode(settings, area, districts)
  }, [db, area, deviceUser?.areas.join(',')]).value
}

/** Full rows (the village page) as the scores count them. */
export function useApprovedOnlyRows<H extends HouseholdFacts, P extends PlotFacts>(rows: AreaRows<H, P> | undefined, area: string): AreaRows<H, P> | undefined {
  const { db } = useServices()
  const mode = useScoringMode(area)
  const approvals = useLiveQuery(async () => (mode?.approvedDistricts.length ? readApprovals(db) : null), [db, mode?.approvedDistricts.join(',')]).value
  if (!rows || !mode) return undefined
  if (!mode.approvedDistricts.length) return rows
  return approvals ? applyApprovedOnly(rows, approvals, mode.approvedDistricts) : undefined
}

/** "Scores: counts every record" / "…approved records only" / which districts, on every dashboard. */
export function ModeLine({ area }: { area: string }) {
  const tr = useI18n()
  const { t } = tr
  const names = useAreaNames()
  const mode = useScoringMode(area)
  if (!mode) return null
  const text =
    mode.mode === 'mixed'
      ? t('lists.mode.mixed', { areas: mode.approvedDistricts.map((d) => areaLabel(tr, names, d)).join(', ') })
      : t('lists.mode.line', { mode: t(mode.mode === 'approved' ? 'lists.mode.approved' : 'lists.mode.all') })
  return (
    <p class={`pill ${mode.mode === 'all' ? 'pill--muted' : 'pill--warn'} scoring-mode`} data-testid="scoring-mode" data-mode={mode.mode}>
      {text}
    </p>
  )
}

/** The supervisor's control: one district, or a province's every district held on this device. */
export function ModeSetting({ area }: { area: string }) {
  const tr = useI18n()
  const { t } = tr
  const { db, deviceUser, stores } = useServices()
  const names = useAreaNames()
  const mode = useScoringMode(area)
  const setting = useLiveQuery(async () => (area.length >= 4 ? ((await db.officeSettings.get(`office-settings:${area.slice(0, 4)}`)) ?? null) : null), [db, area]).value
  const [choice, setChoice] = useState<ScoreCountMode | ''>('')
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  if (!deviceUser?.isSupervisor || !stores || !mode) return null
  const scope = area.length >= 4 ? area.slice(0, 4) : area
  const districts = stores.stores.map((s) => s.area).filter((a) => a.length === 4 && a.startsWith(scope))
  if (districts.length === 0) return null
  const current: ScoreCountMode = mode.mode === 'approved' ? 'approved' : 'all'
  const value = choice || current

  async function save() {
    setBusy(true)
    setMessage(null)
    try {
      for (const district of districts) {
        const repository = stores!.storeFor(district).repository
        const id = `office-settings:${district}`
        const existing = await repository.get(id)
        if (existing?.scoresCount === value) continue
        await repository.save('office-settings', { district, scoresCount: value }, { id, baseRev: existing?._rev as string | undefined })
      }
      setChoice('')
      setMessage({ text: t('lists.mode.saved'), bad: false })
    } catch (error) {
      setMessage({ text: t('lists.mode.failed', { reason: String((error as Error)?.message ?? error) }), bad: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="sup-mode" data-testid="mode-setting">
      <h2 id="sup-mode">{t('lists.mode.setting', { area: areaLabel(tr, names, scope) })}</h2>
      <p class="hint">{t('lists.mode.help')}</p>
      {/* The section's heading names the group (a hidden legend would be text clipped on purpose). */}
      <div class="mode-setting" role="radiogroup" aria-labelledby="sup-mode">
        {(['all', 'approved'] as const).map((m) => (
          <label key={m} class="mode-setting__option">
            <input type="radio" name="scores-count" value={m} checked={value === m} onChange={() => setChoice(m)} data-testid={`mode-${m}`} />
            {t(m === 'approved' ? 'lists.mode.approved' : 'lists.mode.all')}
          </label>
        ))}
      </div>
      {setting && <p class="row__sub">{t('lists.mode.from', { by: setting.updatedBy, date: formatDateTime(setting.updatedAt, tr) })}</p>}
      <button type="button" class="button button--primary" disabled={busy || value === current} onClick={() => void save()} data-testid="mode-save">
        {t('lists.mode.save')}
      </button>
      {message && (
        <p class={message.bad ? 'field__error' : 'hint'} role="status" data-testid="mode-message">
          {message.text}
        </p>
      )}
    </section>
  )
}
