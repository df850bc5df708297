import type { LocalDb } from '../store/local-db'
import type { Lang } from './i18n'

/** Device settings: local only, never synced. */
export interface Settings {
  lang: Lang
  thaiDigits: boolean
}

export const DEFAULT_SETTINGS: Settings = { lang: 'th', thaiDigits: false }

export async function readSettings(db: LocalDb): Promise<Settings> {
  const rows = await db.settings.bulkGet(['lang', 'thaiDigits'])
  const lang = rows[0]?.value
  const thaiDigits = rows[1]?.value
  return {
    lang: lang === 'en' || lang === 'th' ? lang : DEFAULT_SETTINGS.lang,
    thaiDigits: typeof thaiDigits === 'boolean' ? thaiDigits : DEFAULT_SETTINGS.thaiDigits,
  }
}

export async function writeSetting<K extends keyof Settings>(db: LocalDb, key: K, value: Settings[K]): Promise<void> {
  await db.settings.put({ key, value })
}
