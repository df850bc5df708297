import type { Chip } from '../../forms/work'
import { useI18n } from '../i18n'

/** Status pills (verified, plan, visits…): text and colour, so colour is never the only signal. */
export function Chips({ chips }: { chips: Chip[] }) {
  const { t } = useI18n()
  return (
    <span class="chips">
      {chips.map((c) => (
        <span key={c.key} class={`pill pill--${c.tone}`}>
          {t(c.key, c.params)}
        </span>
      ))}
    </span>
  )
}
