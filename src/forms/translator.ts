import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { ISODate } from '../schema/dates'

/*
 * What the form renderer needs from the i18n layer, declared here so src/forms never imports src/app
 * (layers import only downwards). The app owns the message tables and builds the real translator
 * (src/app/i18n: makeTranslator) and provides it through this same context at the root of the tree;
 * src/app/i18n re-exports I18nContext and useI18n, so screens keep importing them from there.
 */

export type Lang = 'th' | 'en'
export type Params = Record<string, string | number>

export interface Translator {
  lang: Lang
  thaiDigits: boolean
  t: (key: string, params?: Params) => string
  date: (date: ISODate | undefined) => string
  num: (value: number, fractionDigits?: number) => string
  digits: (text: string) => string
}

// Outside the app's provider (never in the running app) a key shows itself, as an unknown key does.
const KEYS_ONLY: Translator = {
  lang: 'th',
  thaiDigits: false,
  t: (key) => key,
  date: (date) => date ?? '—',
  num: (value) => String(value),
  digits: (text) => text,
}

export const I18nContext = createContext<Translator>(KEYS_ONLY)

export function useI18n(): Translator {
  return useContext(I18nContext)
}
