import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { DIMENSIONS } from '../../schema/docs'
import type { LocalDb, PlotRow, VillageRow } from '../../store/local-db'
import { householdsOfVillage } from '../../store/area-rows'
import { formFor, type PlotChoice, type TambonChoice } from '../../forms/definitions'
import { FormRenderer } from '../../forms/form-renderer'
import type { FormContext, FormDef, FormValues, SubmitOutcome } from '../../forms/types'
import { makeThumbnail } from '../../forms/photos'
import { saveFromDraft } from '../../forms/save-flow'
import { useDraft } from '../../forms/use-draft'
import { initialValues, type FormPhoto } from '../../forms/values'
import { localToday } from '../../forms/work'
import { useI18n } from '../i18n'
import { hrefFor, navigate, type Route } from '../router'
import { useServices } from '../services'
import { formOpened } from '../sw-bridge'
import { CountingNotes } from './counting-note'
import { useActiveEdition } from '../edition'

/*
 * Hosts one form: finds what it is about (the parent row from the read model, or the doc being
 * edited through the repository — the read model has no revisions), keeps its values in a draft,
 * and saves through the repository of the record's own district. A failed save keeps the draft.
 */

export interface RecordTarget {
  kind: string
  id?: string
  parent?: string
}

interface Loaded {
  ctx: FormContext
  def: FormDef
  /** The district whose record db the record goes to. */
  area?: string
  /** The doc being edited (household, complaint). */
  existing?: Record<string, unknown>
  /** Values to start a new record with (a tambon known from the village…). */
  preset?: FormValues
  /** Where to go after saving. */
  back: Route
  title?: string
}

type LoadResult = { status: 'ok'; loaded: Loaded } | { status: 'missing' } | { status: 'unknown' }

async function tambonChoices(db: LocalDb): Promise<TambonChoice[]> {
  const villages = await db.villages.toArray()
  const byCode = new Map<string, string>()
  for (const v of villages) byCode.set(v.tambonCode, v.tambonName)
  return [...byCode].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'th'))
}

async function plotChoices(db: LocalDb): Promise<PlotChoice[]> {
  return (await db.plots.toArray()).map((p) => ({ id: p.id, plotNo: p.plotNo, tambonCode: p.tambonCode, kind: p.kind }))
}

/** Everything a form needs before it can be shown. Reads the read model (and the edited doc). */
async function load(db: LocalDb, get: (id: string) => Promise<Record<string, unknown> | undefined>, target: RecordTarget, today: string): Promise<LoadResult> {
  const { kind, id, parent } = target
  const base: FormContext = { today, parent }
  switch (kind) {
    case 'household': {
      if (!id) return { status: 'missing' }
      const existing = await get(id)
      if (!existing) return { status: 'missing' }
      return { status: 'ok', loaded: { def: formFor(kind)!, ctx: { ...base, household: existing }, existing, area: existing.district as string, back: { name: 'record', kind: 'household', id }, title: String(existing.headName ?? '') } }
    }
    case 'household-new': {
      const village = parent ? await db.villages.get(parent) : undefined
      if (!village) return { status: 'missing' }
      const houses = await householdsOfVillage(db, village.code)
      return {
        status: 'ok',
        loaded: { def: formFor(kind)!, ctx: { ...base, village, existingHouseIds: houses.map((h) => h.houseId) }, area: village.district, back: { name: 'village', code: village.code }, title: village.name },
      }
    }
    case 'mentor-visit':
    case 'assistance': {
      const household = parent ? await db.households.get(parent) : undefined
      if (!household) return { status: 'missing' }
      // Assistance starts on the first failing dimension not yet assisted: usually the one the officer tapped.
      const next = kind === 'assistance' ? DIMENSIONS.find((d) => household.failing?.[d] && !household.assisted[d]) : undefined
      return {
        status: 'ok',
        loaded: { def: formFor(kind)!, ctx: { ...base, household }, area: household.district, preset: next ? { dimension: next } : undefined, back: { name: 'record', kind: 'household', id: household.id }, title: `${household.headName} (${household.houseId})` },
      }
    }
    case 'plot-assessment': {
      const plot = parent ? await db.plots.get(parent) : undefined
      if (!plot) return { status: 'missing' }
      return { status: 'ok', loaded: { def: formFor(kind, plot.kind)!, ctx: { ...base, plot }, area: plot.district, preset: plot.kind === 'HLM' && plot.areaRai !== undefined ? { areaRai: String(plot.areaRai) } : undefined, back: { name: 'record', kind: 'plot', id: plot.id }, title: `${plot.kind} ${plot.plotNo}` } }
    }
    case 'complaint':
    case 'pr-post':
    case 'monitoring-report': {
      const def = formFor(kind)!
      const ctx: FormContext = { ...base, tambons: await tambonChoices(db), plots: kind === 'complaint' ? await plotChoices(db) : [] }
      if (id) {
        const existing = await get(id)
        if (!existing) return { status: 'missing' }
        return { status: 'ok', loaded: { def, ctx: { ...ctx, editing: true }, existing, area: existing.district as string, back: { name: 'home' } } }
      }
      // The parent says where: a village (its tambon) or a plot (its tambon and the plot itself).
      let village: VillageRow | undefined
      let plot: PlotRow | undefined
      if (parent?.startsWith('plot:')) plot = await db.plots.get(parent)
      else if (parent) village = await db.villages.get(parent)
      const tambonCode = plot?.tambonCode ?? village?.tambonCode
      const preset: FormValues = {}
      if (tambonCode) preset.tambonCode = tambonCode
      if (plot && kind === 'complaint') preset.plotId = plot.id
      return {
        status: 'ok',
        loaded: { def, ctx, area: plot?.district ?? village?.district, preset, back: village ? { name: 'village', code: village.code } : plot ? { name: 'record', kind: 'plot', id: plot.id } : { name: 'home' }, title: village?.name },
      }
    }
    default:
      return { status: 'unknown' }
  }
}

/** Resolves once `get` returns something (polled: the stores arrive moments after the first paint). */
function whenReady<T>(get: () => T | null | undefined, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      const value = get()
      if (value) resolve(value)
      else if (Date.now() - started > timeoutMs) reject(new Error('record stores did not open'))
      else setTimeout(poll, 50)
    }
    poll()
  })
}

// Moved to the one save flow (src/forms/save-flow.ts); re-exported for existing importers.
export { withClearedFields } from '../../forms/save-flow'

export function RecordForm({ target, onDone }: { target: RecordTarget; onDone?: () => void }) {
  const { t, date } = useI18n()
  const { db, stores } = useServices()
  const today = useMemo(() => localToday(), [])
  const rubric = useActiveEdition(today).edition
  const [result, setResult] = useState<LoadResult | undefined>(undefined)
  // The record stores (PouchDB) load after the first paint. A new record's form opens without them
  // and its save waits for them; an edit needs them first, to read the doc and its revision.
  const storesRef = useRef(stores)
  storesRef.current = stores
  const needsStores = !!target.id
  const ready = !needsStores || !!stores
  // Loaded once per target (not live): the form must not change under the officer while the read
  // model updates. The edited doc comes from the repository: it alone knows the revision.
  useEffect(() => {
    if (!ready) return
    let cancelled = false
    setResult(undefined)
    load(db, (id) => storesRef.current!.storeFor().repository.get(id), target, today)
      .then((r) => !cancelled && setResult(r))
      .catch((error: unknown) => {
        console.warn('form context failed to load', error)
        if (!cancelled) setResult({ status: 'missing' })
      })
    return () => {
      cancelled = true
    }
  }, [db, ready, target.kind, target.id, target.parent])
  const loaded = result?.status === 'ok' ? result.loaded : undefined

  const draft = useDraft(
    db,
    target,
    () => ({
      values: { ...initialValues(loaded!.def, loaded!.ctx, loaded!.existing), ...(loaded!.preset ?? {}) },
      meta: { baseRev: loaded!.existing?._rev as string | undefined, title: loaded!.title },
    }),
    !!loaded,
  )

  // An open form holds back an app update (it would reload under the officer's fingers).
  useEffect(() => formOpened(), [])

  if (!ready || !result) return <p aria-busy="true">{t('form.preparing')}</p>
  if (result.status === 'unknown') return <p role="alert">{t('form.unknownKind', { kind: target.kind })}</p>
  if (result.status === 'missing' || !loaded) return <p role="alert">{t('form.notFound')}</p>
  if (draft.state.status !== 'ready') return <p aria-busy="true">{t('form.preparing')}</p>

  const { def, ctx } = loaded
  const state = draft.state

  const submit = async (docValues: FormValues, photos: FormPhoto[]): Promise<SubmitOutcome> => {
    const repository = (await whenReady(() => storesRef.current)).storeFor(loaded.area).repository
    return saveFromDraft({
      def,
      docValues,
      editing: !!loaded.existing,
      draft,
      t,
      newId: (values) => repository.newId(def.docType, values),
      save: async (values, id) =>
        repository.save(def.docType, values as never, {
          id: loaded.existing ? String(loaded.existing._id) : id,
          baseRev: state.meta.baseRev,
          // Drafts from before thumbnails existed get theirs now.
          photos: await Promise.all(photos.map(async (p) => ({ name: p.name, blob: p.blob, thumb: p.thumb ?? (await makeThumbnail(p.blob).catch(() => undefined)) }))),
        }),
      then: (saved) => {
        if (onDone) onDone()
        else navigate(target.kind === 'household-new' ? { name: 'record', kind: 'household', id: saved.id } : loaded.back)
      },
    })
  }

  const discard = async () => {
    if (!confirm(t('form.discardConfirm'))) return
    await draft.discard()
    if (onDone) onDone()
    else location.hash = hrefFor(loaded.back)
  }

  return (
    <section aria-labelledby="record-title">
      <h1 id="record-title">{t(def.title)}</h1>
      {loaded.title && <p class="row__sub">{loaded.title}</p>}
      {state.restoredAt && (
        <div class="banner" role="status">
          <span>{t('form.draftRestored', { date: date(localToday(new Date(state.restoredAt))) })}</span>
          <button type="button" class="button" onClick={() => void discard()}>
            {t('form.discardDraft')}
          </button>
        </div>
      )}
      <CountingNotes docType={def.docType} values={state.values as Record<string, unknown>} rubric={rubric} />
      <FormRenderer def={def} ctx={ctx} values={state.values} onChange={draft.setValues} onSubmit={submit} onCancel={onDone ?? (() => history.back())} />
    </section>
  )
}
