import { useEffect, useMemo, useState } from 'preact/hooks'
import { provinceFactsId } from '../../../schema/ids'
import { todayIn } from '../../../schema/dates'
import { FormRenderer } from '../../../forms/form-renderer'
import type { FormContext, FormValues, SubmitOutcome } from '../../../forms/types'
import { useDraft } from '../../../forms/use-draft'
import { initialValues, toDocValues } from '../../../forms/values'
import { factsForm, FACT_MISSIONS, isFactMission, monthOptions, type FactMission } from '../../../forms/facts'
import { saveFromDraft } from '../../../forms/save-flow'
import { FY2565 } from '../../../scoring/rubric-fy2565'
import type { Repository } from '../../../store/repository'
import type { FactsRow } from '../../../store/local-db'
import { formatMonthLong } from '../../format-date'
import { useI18n } from '../../i18n'
import { useServices } from '../../services'
import { formOpened } from '../../sw-bridge'
import { BackLink, useAreaRows, useAsOf } from './common'
import { MissionCard, useScores } from './missions'

/**
 * A province's facts for one mission, entered by a supervisor: the shared form renderer with a draft
 * on every keystroke, saved through the province db's repository as `facts:<province>:<mission>`.
 * The mission's level is scored from what is typed, as it is typed.
 */
export function FactsScreen({ province, mission }: { province: string; mission: string }) {
  const { t } = useI18n()
  const { stores } = useServices()
  const m: FactMission = isFactMission(mission) ? mission : 'm2'
  const id = provinceFactsId(province, m)
  const store = stores?.stores.find((s) => s.area === province)
  const [existing, setExisting] = useState<Record<string, unknown> | null | undefined>(undefined)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    if (!store) return
    let cancelled = false
    setExisting(undefined)
    setSaved(false)
    store.repository
      .get(id)
      .then((doc) => !cancelled && setExisting(doc ?? null))
      .catch(() => !cancelled && setExisting(null))
    return () => {
      cancelled = true
    }
  }, [store, id])

  const tabs = (
    <nav class="sup-tabs" aria-label={t('sup.link.facts')}>
      {FACT_MISSIONS.map((x) => (
        <a key={x} href={`#/dashboards/facts/${province}/${x}`} class={`button${x === m ? ' button--primary' : ''}`} aria-current={x === m ? 'page' : undefined}>
          {t('facts.tab', { n: x.slice(1) })}
        </a>
      ))}
    </nav>
  )

  if (!stores) return <p aria-busy="true">{t('sup.loading')}</p>
  if (!store)
    return (
      <>
        <BackLink />
        <p role="alert">{t('facts.noStore', { province })}</p>
      </>
    )
  return (
    <>
      <BackLink />
      <h1>{t(`facts.title.${m}`)}</h1>
      <p class="hint">{t('facts.help', { province })}</p>
      {tabs}
      {saved && (
        <p role="status" class="pill pill--ok" data-testid="facts-saved">
          {t('form.saved')}
        </p>
      )}
      {existing === undefined ? (
        <p aria-busy="true">{t('sup.loading')}</p>
      ) : (
        // A new revision starts a fresh editor (its draft and base revision).
        <FactsEditor
          key={`${id}|${String(existing?._rev ?? '')}`}
          province={province}
          mission={m}
          existing={existing}
          repository={store.repository}
          onSaved={(doc) => {
            setExisting(doc ?? null)
            setSaved(true)
          }}
          onEdit={() => setSaved(false)}
        />
      )}
    </>
  )
}

function FactsEditor({
  province,
  mission: m,
  existing,
  repository,
  onSaved,
  onEdit,
}: {
  province: string
  mission: FactMission
  existing: Record<string, unknown> | null
  repository: Repository
  onSaved: (doc: Record<string, unknown> | undefined) => void
  onEdit: () => void
}) {
  const tr = useI18n()
  const { t } = tr
  const { db } = useServices()
  const id = provinceFactsId(province, m)
  const [asOf] = useAsOf()
  const today = useMemo(() => todayIn(), [])
  // The months of the rubric edition's fiscal year.
  const months = useMemo(() => monthOptions(FY2565.fiscalYear, (mo) => formatMonthLong(mo, { lang: tr.lang, thaiDigits: tr.thaiDigits })), [tr.lang, tr.thaiDigits])
  const def = useMemo(() => factsForm(m, months), [m, months])
  const ctx: FormContext = useMemo(() => ({ today, province }), [today, province])

  const draft = useDraft(
    db,
    { kind: def.kind, id },
    () => ({ values: initialValues(def, ctx, existing ?? undefined), meta: { baseRev: existing?._rev as string | undefined, title: t(def.title) } }),
    existing !== undefined,
  )

  // An open form holds back an app update (it would reload under the supervisor's fingers).
  useEffect(() => formOpened(), [])

  // Score the mission with what is typed standing in for the saved facts.
  const rows = useAreaRows(province)
  const values = draft.state.status === 'ready' ? draft.state.values : undefined
  const liveRows = useMemo(() => {
    if (!rows || !values) return undefined
    const doc = toDocValues(def, values, ctx)
    const facts: FactsRow[] = [...rows.facts.filter((f) => f.mission !== m), { id, province, mission: m, doc }]
    return { ...rows, facts }
  }, [rows, values, def, ctx, m, id, province])
  const scores = useScores(liveRows, province, asOf)
  const live = scores?.find((s) => s.score.mission === m.toUpperCase())

  if (draft.state.status !== 'ready') return <p aria-busy="true">{t('sup.loading')}</p>
  const state = draft.state

  const submit = (docValues: FormValues): Promise<SubmitOutcome> =>
    saveFromDraft({
      def,
      docValues,
      editing: !!existing,
      draft,
      t,
      save: (values) => repository.save('province-facts', values as never, { id, baseRev: state.meta.baseRev }),
      then: async () => onSaved(await repository.get(id)),
    })

  return (
    <>
      {live && (
        <div aria-live="polite" data-testid="facts-live">
          <MissionCard scored={live} />
        </div>
      )}
      {state.restoredAt && (
        <div class="banner" role="status">
          <span>{t('form.draftRestored', { date: tr.date(todayIn('Asia/Bangkok', new Date(state.restoredAt))) })}</span>
        </div>
      )}
      <FormRenderer
        def={def}
        ctx={ctx}
        values={state.values}
        onChange={(v) => {
          onEdit()
          draft.setValues(v)
        }}
        onSubmit={submit}
        onCancel={() => history.back()}
      />
    </>
  )
}
