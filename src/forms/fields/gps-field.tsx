import { useState } from 'preact/hooks'
import { useI18n } from '../translator'
import { takePosition, type GpsFix } from '../gps'
import { idOf, type FieldProps } from './field-props'

/** The position field: one button takes a fix (showing its accuracy), another clears it. */
export function GpsField({ def, field, path, value, issue, message, onChange }: FieldProps) {
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
