import type { JSX } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { useI18n } from './translator'
import { takePosition, type GpsFix } from './gps'
import { photoName, resizeImage } from './photos'
import type { FieldDef, FormContext, FormDef, FormIssue, FormValues, Option, SubmitOutcome } from './types'
import { describeIssue, validateForm } from './validate'
import { getPath, isVisible, photosOf, setPath, toDocValues, type FormPhoto } from './values'

/*
 * THE form renderer: every form of the app (and the supervisor's province-facts forms) is a
 * `FormDef` (see src/forms/types.ts for how to write one) drawn by this one component.
 *
 * - Values are controlled by the host (so it can autosave them as a draft on every change).
 * - Validation runs on every change; a field shows its error once the user has touched it, all
 *   fields do after a submit attempt. Errors are "label: what is wrong" in the user's language,
 *   linked to their input by aria-describedby, with aria-invalid on the input.
 * - On a failed submit: an error summary at the top (role=alert), focus on the first bad field.
 *   Nothing typed is ever cleared by an error.
 *
 *   <FormRenderer def={def} ctx={{ today, ...parentRows }} values={values} onChange={setValues}
 *     onSubmit={(docValues, photos) => save(...)} />
 */

export interface FormRendererProps {
  def: FormDef
  ctx: FormContext
  values: FormValues
  onChange: (values: FormValues) => void
  /** Saves; returns what went wrong (the renderer shows it) or ok. Throwing is treated as a failure. */
  onSubmit: (docValues: FormValues, photos: FormPhoto[]) => Promise<SubmitOutcome>
  onCancel?: () => void
}

const idOf = (kind: string, path: string) => `f-${kind}-${path}`.replace(/[^a-zA-Z0-9_-]/g, '-')

export function FormRenderer({ def, ctx, values, onChange, onSubmit, onCancel }: FormRendererProps) {
  const { t, date } = useI18n()
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [saveIssues, setSaveIssues] = useState<FormIssue[]>([])
  const [saveMessage, setSaveMessage] = useState<string | null>(null)
  const summaryRef = useRef<HTMLDivElement>(null)

  const issues = useMemo(() => validateForm(def, values, ctx), [def, values, ctx])
  const allIssues = useMemo(() => [...issues, ...saveIssues.filter((s) => !issues.some((i) => i.path === s.path))], [issues, saveIssues])
  const shown = (path: string) => submitted || touched.has(path)
  const issueFor = (path: string) => allIssues.find((i) => i.path === path && shown(path))
  const message = (issue: FormIssue) => describeIssue(t, def, issue, date)
  const status = useMemo(() => def.status?.(toDocValues(def, values, ctx), ctx), [def, values, ctx])

  const change = (path: string, value: unknown) => {
    setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)))
    setSaveIssues((prev) => prev.filter((i) => i.path !== path))
    onChange(setPath(values, path, value))
  }
  const touch = (path: string) => setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)))

  const focusField = (path: string) => {
    const element = document.getElementById(idOf(def.kind, path)) ?? document.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"] input, [data-field="${CSS.escape(path)}"] button`)
    element?.focus()
    element?.scrollIntoView?.({ block: 'center' })
  }

  const submit = async (event: Event) => {
    event.preventDefault()
    if (busy) return
    setSubmitted(true)
    setSaveMessage(null)
    if (issues.length) {
      // Wait for the errors to render, then move focus to the first bad field.
      requestAnimationFrame(() => focusField(issues[0]!.path))
      return
    }
    setBusy(true)
    let outcome: SubmitOutcome
    try {
      outcome = await onSubmit(toDocValues(def, values, ctx), photosOf(def, values))
    } catch (error) {
      console.warn('save failed', error)
      outcome = { ok: false, message: t('form.saveFailed') }
    }
    setBusy(false)
    if (!outcome.ok) {
      setSaveIssues(outcome.issues ?? [])
      setSaveMessage(outcome.message ?? null)
      requestAnimationFrame(() => {
        if (outcome.ok === false && outcome.issues?.length) focusField(outcome.issues[0]!.path)
        else summaryRef.current?.focus()
      })
    }
  }

  const summaryIssues = submitted ? allIssues : []
  const renderField = (field: FieldDef, prefix = '', scope: FormValues = values): JSX.Element | null => {
    if (!isVisible(field, scope, ctx)) return null
    const path = prefix + field.name
    return <Field key={path} def={def} field={field} path={path} value={getPath(values, path)} values={scope} ctx={ctx} issue={issueFor(path)} message={message} onChange={change} onTouch={touch} renderField={renderField} />
  }

  return (
    <form class="form" onSubmit={submit} noValidate aria-busy={busy}>
      {(summaryIssues.length > 0 || saveMessage) && (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <h2>{saveMessage ?? t('form.summary', { n: summaryIssues.length })}</h2>
          {summaryIssues.length > 0 && (
            <ul>
              {summaryIssues.map((issue) => (
                <li key={issue.path}>
                  <a
                    href={`#${idOf(def.kind, issue.path)}`}
                    onClick={(e) => {
                      // Hash routes: a plain anchor would navigate away from the form.
                      e.preventDefault()
                      focusField(issue.path)
                    }}
                  >
                    {message(issue)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {def.fields.map((field) => renderField(field))}
      {status && (
        <div class={`status-panel ${status.ok ? 'status-panel--ok' : 'status-panel--warn'}`} role="status" aria-live="polite" data-testid="form-status">
          <strong>{t(status.label)}</strong>
          {status.missing.length > 0 && (
            <ul>
              {status.missing.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="button-row">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t(def.submitLabel ?? 'form.save')}
        </button>
        {onCancel && (
          <button type="button" class="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
      <p class="hint">{t('form.draftNote')}</p>
    </form>
  )
}

interface FieldProps {
  def: FormDef
  field: FieldDef
  path: string
  value: unknown
  values: FormValues
  ctx: FormContext
  issue: FormIssue | undefined
  message: (issue: FormIssue) => string
  onChange: (path: string, value: unknown) => void
  onTouch: (path: string) => void
  renderField: (field: FieldDef, prefix?: string, scope?: FormValues) => JSX.Element | null
}

function optionsOf(field: FieldDef, values: FormValues, ctx: FormContext): Option[] {
  return typeof field.options === 'function' ? field.options(values, ctx) : (field.options ?? [])
}

function Field(props: FieldProps) {
  const { def, field, path, value, values, ctx, issue, message, onChange, onTouch } = props
  const { t, date } = useI18n()
  const id = idOf(def.kind, path)
  const errorId = `${id}-err`
  const helpId = `${id}-help`
  const describedBy = [field.help ? helpId : '', issue ? errorId : ''].filter(Boolean).join(' ') || undefined
  const label = (
    <>
      {t(field.label)}
      {field.required && <span aria-hidden="true"> *</span>}
    </>
  )
  const help = field.help ? (
    <div id={helpId} class="field__help">
      {t(field.help)}
    </div>
  ) : null
  const error = issue ? (
    <div id={errorId} class="field__error">
      {message(issue)}
    </div>
  ) : null
  const common = { id, 'aria-invalid': issue ? ('true' as const) : undefined, 'aria-describedby': describedBy, 'aria-required': field.required ? ('true' as const) : undefined }
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
  const cls = `field${issue ? ' field--invalid' : ''}`
  const optionLabel = (o: Option) => (o.literal ? o.label : t(o.label))

  switch (field.type) {
    case 'heading':
      return (
        <>
          <h2 class="form__heading">{t(field.label)}</h2>
          {field.help && <p class="field__help">{t(field.help)}</p>}
        </>
      )
    case 'text':
    case 'textarea':
      return (
        <div class={cls} data-field={path}>
          <label for={id}>{label}</label>
          {help}
          {field.type === 'text' ? (
            <input type="text" {...common} value={text} onInput={(e) => onChange(path, e.currentTarget.value)} onBlur={() => onTouch(path)} />
          ) : (
            <textarea {...common} value={text} onInput={(e) => onChange(path, e.currentTarget.value)} onBlur={() => onTouch(path)} />
          )}
          {error}
        </div>
      )
    case 'number':
      // type=text + inputmode: a number input would silently blank Thai digits (๑๒) and typos.
      return (
        <div class={cls} data-field={path}>
          <label for={id}>{label}</label>
          {help}
          <input type="text" inputMode={field.decimal ? 'decimal' : 'numeric'} autoComplete="off" {...common} value={text} onInput={(e) => onChange(path, e.currentTarget.value)} onBlur={() => onTouch(path)} />
          {error}
        </div>
      )
    case 'date': {
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(text)
      return (
        <div class={cls} data-field={path}>
          <label for={id}>{label}</label>
          {help}
          <div class="date-row">
            <input type="date" {...common} value={text} max={field.notFuture ? ctx.today : undefined} onInput={(e) => onChange(path, e.currentTarget.value)} onBlur={() => onTouch(path)} />
            <span class="date-row__be" aria-hidden={!valid}>
              {valid ? date(text) : ''}
            </span>
          </div>
          {error}
        </div>
      )
    }
    case 'boolean':
      return (
        <div class={cls} data-field={path}>
          <label class="choice">
            <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(path, e.currentTarget.checked)} />
            <span>{label}</span>
          </label>
          {help}
          {error}
        </div>
      )
    case 'select':
      return (
        <div class={cls} data-field={path}>
          <label for={id}>{label}</label>
          {help}
          <select {...common} value={text} onChange={(e) => onChange(path, e.currentTarget.value)} onBlur={() => onTouch(path)}>
            <option value="">{t('form.choose')}</option>
            {optionsOf(field, values, ctx).map((o) => (
              <option key={o.value} value={o.value}>
                {optionLabel(o)}
              </option>
            ))}
          </select>
          {error}
        </div>
      )
    case 'radio':
    case 'multi': {
      const options = optionsOf(field, values, ctx)
      const selected = Array.isArray(value) ? (value as string[]) : []
      return (
        <fieldset class={cls} data-field={path} aria-describedby={describedBy} aria-invalid={issue ? 'true' : undefined}>
          <legend>{label}</legend>
          {help}
          {options.map((o, i) => (
            <label class="choice" key={o.value}>
              {field.type === 'radio' ? (
                <input type="radio" id={i === 0 ? id : undefined} name={id} value={o.value} checked={text === o.value} onChange={() => onChange(path, o.value)} />
              ) : (
                <input
                  type="checkbox"
                  id={i === 0 ? id : undefined}
                  checked={selected.includes(o.value)}
                  onChange={(e) => onChange(path, e.currentTarget.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
                />
              )}
              <span>{optionLabel(o)}</span>
            </label>
          ))}
          {error}
        </fieldset>
      )
    }
    case 'list':
      return <ListField {...props} />
    case 'photos':
      return <PhotosField {...props} />
    case 'gps':
      return <GpsField {...props} />
  }
}

function ListField({ def, field, path, value, message, issue, onChange, renderField }: FieldProps) {
  const { t } = useI18n()
  const items = Array.isArray(value) ? (value as FormValues[]) : []
  return (
    <fieldset class="field list-field" data-field={path}>
      <legend>{t(field.label)}</legend>
      {items.map((item, i) => (
        <div class="card" key={i}>
          {(field.itemFields ?? []).map((sub) => renderField(sub, `${path}.${i}.`, item))}
          <button type="button" class="button" onClick={() => onChange(path, items.filter((_, j) => j !== i))}>
            {t('form.removeItem')}
          </button>
        </div>
      ))}
      <button type="button" class="button" id={idOf(def.kind, path)} onClick={() => onChange(path, [...items, {}])}>
        {t('form.addItem')}
      </button>
      {issue && <div class="field__error">{message(issue)}</div>}
    </fieldset>
  )
}

/** A thumbnail of a Blob; the object URL is released when it goes away. */
export function BlobImage({ blob, alt }: { blob: Blob; alt: string }) {
  const url = useMemo(() => URL.createObjectURL(blob), [blob])
  useEffect(() => () => URL.revokeObjectURL(url), [url])
  return <img class="thumb" src={url} alt={alt} />
}

function PhotosField({ def, field, path, value, issue, message, onChange }: FieldProps) {
  const { t } = useI18n()
  const [working, setWorking] = useState(false)
  const [failed, setFailed] = useState(false)
  const photos = Array.isArray(value) ? (value as FormPhoto[]) : []
  const id = idOf(def.kind, path)
  // The latest list, for files that finish resizing after another change.
  const latest = useRef(photos)
  latest.current = photos

  const add = async (files: FileList | null) => {
    if (!files?.length) return
    setWorking(true)
    setFailed(false)
    const added: FormPhoto[] = []
    const now = Date.now()
    for (const [i, file] of [...files].entries()) {
      try {
        added.push({ name: photoName(now, i), blob: await resizeImage(file) })
      } catch (error) {
        console.warn('photo could not be read', error)
        setFailed(true)
      }
    }
    setWorking(false)
    if (added.length) onChange(path, [...latest.current, ...added])
  }

  return (
    <div class={`field${issue ? ' field--invalid' : ''}`} data-field={path}>
      <span class="field__label" id={`${id}-label`}>
        {t(field.label)}
      </span>
      <input
        id={id}
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        aria-labelledby={`${id}-label ${id}-button`}
        onChange={(e) => {
          const input = e.currentTarget
          void add(input.files).then(() => {
            input.value = ''
          })
        }}
      />
      {/* After the (visually hidden) input, so its keyboard focus shows on this button-like label. */}
      <label class="button photo-button" for={id} id={`${id}-button`}>
        {t('form.photo.add')}
      </label>
      {working && <p role="status">{t('form.photo.working')}</p>}
      {failed && <p class="field__error">{t('form.photo.failed')}</p>}
      {photos.length > 0 && (
        <ul class="thumbs" aria-label={t(field.label)}>
          {photos.map((photo, i) => (
            <li key={photo.name}>
              <BlobImage blob={photo.blob} alt={t('form.photo.alt', { n: i + 1 })} />
              <button type="button" class="button thumbs__remove" onClick={() => onChange(path, photos.filter((p) => p.name !== photo.name))}>
                {t('form.photo.remove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {issue && <div class="field__error">{message(issue)}</div>}
    </div>
  )
}

function GpsField({ def, field, path, value, issue, message, onChange }: FieldProps) {
  const { t, num } = useI18n()
  const [state, setState] = useState<'idle' | 'working' | 'denied' | 'unavailable' | 'timeout' | 'unsupported'>('idle')
  const fix = value && typeof value === 'object' ? (value as GpsFix) : undefined
  const take = async () => {
    setState('working')
    const result = await takePosition()
    if (result.ok) {
      setState('idle')
      onChange(path, result.fix)
    } else setState(result.reason)
  }
  return (
    <div class={`field${issue ? ' field--invalid' : ''}`} data-field={path}>
      <span class="field__label">{t(field.label)}</span>
      <div class="button-row">
        <button type="button" class="button" id={idOf(def.kind, path)} onClick={() => void take()} disabled={state === 'working'}>
          {state === 'working' ? t('form.gps.working') : fix ? t('form.gps.again') : t('form.gps.take')}
        </button>
        {fix && (
          <button type="button" class="button" onClick={() => onChange(path, undefined)}>
            {t('form.gps.clear')}
          </button>
        )}
      </div>
      <p role="status" aria-live="polite">
        {fix && t('form.gps.value', { lat: fix.lat.toFixed(6), lng: fix.lng.toFixed(6), acc: num(fix.accuracyM) })}
      </p>
      {state !== 'idle' && state !== 'working' && <p class="field__error">{t(`form.gps.${state}`)}</p>}
      {issue && <div class="field__error">{message(issue)}</div>}
    </div>
  )
}
