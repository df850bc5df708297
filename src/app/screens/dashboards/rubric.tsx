import { useMemo, useState } from 'preact/hooks'
import { makeRubricDoc, rubricDocId } from '../../../scoring/edition-doc'
import type { EditionIssue, Rubric } from '../../../scoring/edition-schema'
import { newestBefore, rollTo } from '../../../scoring/editions'
import {
  editionFromForm,
  formFromEdition,
  parseRubricFile,
  refusalKey,
  RUBRIC_DATE_FIELDS,
  RUBRIC_FORM_FIELDS,
  type RubricFormIssue,
  type RubricFormValues,
} from '../../../scoring/rubric-form'
import { couchBase } from '../../../sync/config'
import { publishEditionDoc } from '../../../sync/editions-pull'
import { useEditionName } from '../../components/edition-banner'
import { useOnline } from '../../connectivity'
import { readCachedEditions, useActiveEdition, writeCachedEditions } from '../../edition'
import { useI18n } from '../../i18n'
import { useServices } from '../../services'
import { BackLink } from './common'

/*
 * #/dashboards/rubric (issue 13): the rubric editions this device knows (built in, published, the
 * active one marked, invalid ones with their field paths) and, for a province supervisor, publishing
 * this fiscal year's edition: roll the newest one forward and adjust its main dates and thresholds,
 * or choose a rubric file. A published edition goes to the province db (the server checks it again)
 * and into the device's cache at once, so the app switches to it without waiting for a pull.
 */

type Outcome = { kind: 'ok' | 'bad'; text: string } | undefined

/** The edition of the year to publish: this fiscal year's, or the next when this year's is a real one. */
function rollTarget(all: readonly Rubric[], yearOfDate: number, active: { edition: Rubric; current: boolean }): Rubric | undefined {
  const year = active.current && !active.edition.demo ? yearOfDate + 1 : yearOfDate
  const base = newestBefore(year, all)
  if (!base) return undefined
  const { demo: _demo, note: _note, ...rolled } = rollTo(base, year)
  return rolled
}

export function RubricScreen() {
  const tr = useI18n()
  const { t, digits } = tr
  const { db, deviceUser } = useServices()
  const active = useActiveEdition()
  const name = useEditionName()
  const online = useOnline()
  const province = deviceUser?.isSupervisor ? deviceUser.areas.find((a) => a.length === 2) : undefined
  const [outcome, setOutcome] = useState<Outcome>(undefined)
  const [busy, setBusy] = useState(false)

  const publish = async (edition: Rubric) => {
    if (!province || !deviceUser) return
    setOutcome(undefined)
    if (!online) {
      setOutcome({ kind: 'bad', text: t('rubric.refused', { reason: t('rubric.refused.offline') }) })
      return
    }
    setBusy(true)
    try {
      const doc = makeRubricDoc(edition, province, deviceUser.name, new Date().toISOString())
      const res = await publishEditionDoc(couchBase(), doc)
      if (!res.ok) {
        setOutcome({ kind: 'bad', text: t('rubric.refused', { reason: t(refusalKey(res.reason)) }) })
        return
      }
      // Into the device's cache at once: the app follows the new edition without waiting for a pull.
      const cached = await readCachedEditions(db)
      await writeCachedEditions(db, {
        editions: [...(cached?.editions ?? []).filter((e) => e.year !== edition.year), edition],
        problems: (cached?.problems ?? []).filter((p) => p.id !== rubricDocId(edition.year)),
        fetchedAt: cached?.fetchedAt,
      })
      setOutcome({ kind: 'ok', text: t('rubric.published', { edition: name(edition) }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <BackLink />
      <h1>{t('rubric.title')}</h1>
      <p class="hint">{t('rubric.intro')}</p>
      {outcome && (
        <p role={outcome.kind === 'ok' ? 'status' : 'alert'} class={`banner ${outcome.kind === 'ok' ? 'banner--ok' : 'banner--bad'}`} data-testid="rubric-outcome">
          {outcome.text}
        </p>
      )}
      <section class="card" aria-labelledby="rubric-known">
        <h2 id="rubric-known">{t('rubric.known')}</h2>
        <ul class="list rubric-list" data-testid="rubric-list">
          {[...active.all].reverse().map((e) => (
            <li key={e.year} class="rubric-item" data-testid={`rubric-${e.year}`}>
              <strong>{name(e)}</strong>
              <span class="row__sub">
                {' '}
                {tr.date(e.fiscalYear.start)} – {tr.date(e.fiscalYear.end)} · {e.year === 2565 && !e.derivedFrom ? t('rubric.builtIn') : t('rubric.publishedTag')}
                {e.derivedFrom ? ` · ${t('edition.derived', { from: digits(e.derivedFrom.replace(/^FY/, '')) })}` : ''}
              </span>
              {e.year === active.edition.year && <span class="pill pill--ok">{t('rubric.active')}</span>}
            </li>
          ))}
          {active.problems.map((p) => (
            <li key={p.id} class="rubric-item" data-testid={`rubric-invalid-${p.id}`}>
              <strong>{p.id}</strong> <span class="pill pill--bad">{t('rubric.invalidTag')}</span>
              <IssueList issues={p.issues} />
            </li>
          ))}
        </ul>
      </section>
      {!province ? (
        <p class="hint" data-testid="rubric-supervisor-only">
          {t('rubric.supervisorOnly')}
        </p>
      ) : (
        <>
          <RollForm key={rollTarget(active.all, active.yearOfDate, active)?.year} all={active.all} target={rollTarget(active.all, active.yearOfDate, active)} busy={busy} onPublish={publish} />
          <FileForm busy={busy} onPublish={publish} />
        </>
      )}
    </>
  )
}

function IssueList({ issues }: { issues: readonly EditionIssue[] }) {
  const { t } = useI18n()
  return (
    <ul class="rubric-issues" data-testid="rubric-issues">
      {issues.slice(0, 20).map((i, n) => (
        <li key={n}>
          {t('rubric.issue', { path: i.path })} <span lang="en">{i.message}</span>
        </li>
      ))}
    </ul>
  )
}

function RollForm({ all, target, busy, onPublish }: { all: readonly Rubric[]; target: Rubric | undefined; busy: boolean; onPublish: (e: Rubric) => void }) {
  const tr = useI18n()
  const { t, digits } = tr
  const [values, setValues] = useState<RubricFormValues | undefined>(() => (target ? formFromEdition(target) : undefined))
  const [issues, setIssues] = useState<RubricFormIssue[]>([])
  if (!target || !values) return null
  const from = newestBefore(target.year, all)
  const fieldIssue = (f: string) => issues.find((i) => i.field === f)
  const other = issues.filter((i) => !i.field)
  const message = (i: RubricFormIssue) => t(`rubric.err.${i.code}`, { field: i.field ? t(`rubric.field.${i.field}`) : i.path, path: i.path })
  const submit = (e: Event) => {
    e.preventDefault()
    const r = editionFromForm(target, values)
    if (!r.ok) {
      setIssues(r.issues)
      return
    }
    setIssues([])
    onPublish(r.edition)
  }
  return (
    <section class="card" aria-labelledby="rubric-roll">
      <h2 id="rubric-roll">{t('rubric.roll', { from: from ? digits(String(from.year)) : '', year: digits(String(target.year)) })}</h2>
      <form onSubmit={submit} noValidate data-testid="rubric-roll-form">
        {RUBRIC_FORM_FIELDS.map((f) => {
          const id = `rubric-${f}`
          const issue = fieldIssue(f)
          const v = values[f]
          const isDate = RUBRIC_DATE_FIELDS.includes(f)
          return (
            <div key={f} class={`field${issue ? ' field--invalid' : ''}`} data-field={f}>
              <label for={id}>{t(`rubric.field.${f}`)}</label>
              {isDate ? (
                <div class="date-row">
                  <input type="date" id={id} value={v} aria-invalid={issue ? 'true' : undefined} aria-describedby={issue ? `${id}-error` : undefined} onInput={(e) => setValues({ ...values, [f]: e.currentTarget.value })} />
                  <span class="date-row__be">{/^\d{4}-\d{2}-\d{2}$/.test(v) ? tr.date(v) : ''}</span>
                </div>
              ) : (
                <input type="text" inputMode="numeric" autoComplete="off" id={id} value={v} aria-invalid={issue ? 'true' : undefined} aria-describedby={issue ? `${id}-error` : undefined} onInput={(e) => setValues({ ...values, [f]: e.currentTarget.value })} />
              )}
              {issue && (
                <div id={`${id}-error`} class="field__error">
                  {message(issue)}
                </div>
              )}
            </div>
          )
        })}
        {other.length > 0 && (
          <ul class="rubric-issues" role="alert">
            {other.map((i, n) => (
              <li key={n}>{message(i)}</li>
            ))}
          </ul>
        )}
        <button type="submit" class="button button--primary" disabled={busy} data-testid="rubric-publish-roll">
          {t('rubric.publish')}
        </button>
      </form>
    </section>
  )
}

function FileForm({ busy, onPublish }: { busy: boolean; onPublish: (e: Rubric) => void }) {
  const tr = useI18n()
  const { t, digits } = tr
  const name = useEditionName()
  const [chosen, setChosen] = useState<{ ok: true; edition: Rubric } | { ok: false; issues: EditionIssue[] } | undefined>(undefined)
  const onFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0]
    if (!file) return setChosen(undefined)
    setChosen(parseRubricFile(await file.text()))
  }
  const preview = useMemo(() => (chosen?.ok ? chosen.edition : undefined), [chosen])
  return (
    <section class="card" aria-labelledby="rubric-file">
      <h2 id="rubric-file">{t('rubric.file')}</h2>
      <div class="field sup-dropzone">
        <label for="rubric-file-input">{t('rubric.file.choose')}</label>
        <input type="file" id="rubric-file-input" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      </div>
      {chosen && !chosen.ok && (
        <div role="alert" data-testid="rubric-file-issues">
          <p>{t('rubric.check', { problem: t('rubric.file.problems', { count: tr.num(chosen.issues.length) }) })}</p>
          <IssueList issues={chosen.issues} />
        </div>
      )}
      {preview && (
        <div data-testid="rubric-file-preview">
          <p>
            <strong>{name(preview)}</strong> · {tr.date(preview.fiscalYear.start)} – {tr.date(preview.fiscalYear.end)}
            {preview.derivedFrom ? ` · ${t('edition.derived', { from: digits(preview.derivedFrom.replace(/^FY/, '')) })}` : ''}
          </p>
          <button type="button" class="button button--primary" disabled={busy} onClick={() => onPublish(preview)} data-testid="rubric-publish-file">
            {t('rubric.publish')}
          </button>
        </div>
      )}
    </section>
  )
}
