import { MESSAGES } from './messages'
import { MESSAGES_FORMS } from './messages-forms'
import { MESSAGES_SYNC } from './messages-sync'
import { MESSAGES_DASH } from './messages-dash'
import { MESSAGES_FISCAL } from './messages-fiscal'
import { MESSAGES_SYNC_PROGRESS } from './messages-sync-progress'
import { MESSAGES_REVIEW } from './messages-review'
import { MESSAGES_PHOTOS } from './messages-photos'
import { MESSAGES_LISTS } from './messages-lists'
import { formatDate, formatNumber, toThaiDigits, type DateDisplay } from '../format-date'
import type { Lang, Params, Translator } from '../../forms/translator'

// The context and the Translator interface live in src/forms (the renderer needs them and may not import
// the app); the tables and the real translator live here.
export { I18nContext, useI18n, type Lang, type Params, type Translator } from '../../forms/translator'

type Table = Record<string, { th: string; en: string }>

/** Other layers (the scoring rubric's labels and advice) register their tables here. */
// The supervisor's and the rubric's tables register themselves when the dashboards chunk loads.
const tables: Table[] = [MESSAGES, MESSAGES_FORMS, MESSAGES_SYNC, MESSAGES_SYNC_PROGRESS, MESSAGES_REVIEW, MESSAGES_DASH, MESSAGES_PHOTOS, MESSAGES_FISCAL, MESSAGES_LISTS]

export function registerMessages(table: Table): void {
  tables.push(table)
}

function lookup(key: string): { th: string; en: string } | undefined {
  for (let i = tables.length - 1; i >= 0; i--) {
    const entry = tables[i]![key]
    if (entry) return entry
  }
  return undefined
}

/** Fills `{name}` placeholders; numbers follow the Thai-digits setting. */
export function interpolate(template: string, params: Params | undefined, display: DateDisplay): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    if (value === undefined) return whole
    return typeof value === 'number' ? formatNumber(value, display, 2) : value
  })
}

export function makeTranslator(lang: Lang, thaiDigits: boolean): Translator {
  const display: DateDisplay = { lang, thaiDigits }
  return {
    lang,
    thaiDigits,
    // An unknown key shows itself, so a missing string is visible in testing rather than blank.
    t: (key, params) => interpolate(lookup(key)?.[lang] ?? key, params, display),
    date: (date) => (date ? formatDate(date, display) : '—'),
    num: (value, fractionDigits = 0) => formatNumber(value, display, fractionDigits),
    digits: (text) => (lang === 'th' && thaiDigits ? toThaiDigits(text) : text),
  }
}
