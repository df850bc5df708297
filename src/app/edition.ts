import { todayIn, type ISODate } from '../schema/dates'
import type { EditionIssue, Rubric } from '../scoring/edition-schema'
import { BUILT_IN_EDITIONS, chooseEdition, mergeEditions } from '../scoring/editions'
import type { LocalDb } from '../store/local-db'
import { useServices } from './services'
import { useLiveQuery } from './use-live-query'

/*
 * The active rubric edition (issue 13): the app follows the fiscal year. Editions come built in
 * (FY2565) and from the province database (`rubric:<year>` docs, fetched and checked by
 * src/sync/editions-pull.ts, kept on the device in the settings table so they work offline).
 * The active one is the edition whose year holds today; past every edition's year, the newest
 * one, and the screens say so. An invalid published edition is skipped (never breaks scoring) and
 * named. Free of zod: the home screen's chunk uses it.
 */

export const EDITIONS_SETTING = 'rubricEditions'

/** What the device keeps of the province's published editions. */
export interface CachedEditions {
  /** Valid editions, as published. */
  editions: Rubric[]
  /** Published docs that failed the check: refused here, named on screen. */
  problems: { id: string; issues: EditionIssue[] }[]
  fetchedAt?: string
}

export interface ActiveEdition {
  edition: Rubric
  /** Today lies in the edition's fiscal year. */
  current: boolean
  /** Today's fiscal year (Buddhist Era). */
  yearOfDate: number
  /** Every edition known here, oldest first. */
  all: Rubric[]
  problems: CachedEditions['problems']
  today: ISODate
}

/** Pure: the active edition for `today` from what the device holds. */
export function activeEdition(cached: CachedEditions | undefined, today: ISODate): ActiveEdition {
  const all = mergeEditions(BUILT_IN_EDITIONS, cached?.editions ?? [])
  const choice = chooseEdition(today, all)
  return { ...choice, all, problems: cached?.problems ?? [], today }
}

/** The edition a past or present date is scored by (the as-of picker may go back a year). */
export function editionForDate(active: ActiveEdition, asOf: ISODate): Rubric {
  return chooseEdition(asOf, active.all).edition
}

/** The as-of picker's default: today inside the active edition's year, else the end of that year. */
export function defaultAsOf(active: ActiveEdition): ISODate {
  return active.current ? active.today : active.edition.fiscalYear.end < active.today ? active.edition.fiscalYear.end : active.today
}

/** The edition before the active one (for "last year's final scores"), if the device knows one. */
export function previousEdition(active: ActiveEdition): Rubric | undefined {
  return [...active.all].filter((e) => e.year < active.edition.year).sort((a, b) => b.year - a.year)[0]
}

export async function readCachedEditions(db: LocalDb): Promise<CachedEditions | undefined> {
  const row = await db.settings.get(EDITIONS_SETTING)
  const v = row?.value as CachedEditions | undefined
  return v && Array.isArray(v.editions) ? v : undefined
}

export async function writeCachedEditions(db: LocalDb, cached: CachedEditions): Promise<void> {
  await db.settings.put({ key: EDITIONS_SETTING, value: cached })
}

/** The active edition, live: follows published editions as they arrive. `today` defaults to Bangkok's. */
export function useActiveEdition(today: ISODate = todayIn()): ActiveEdition {
  const { db } = useServices()
  const cached = useLiveQuery(() => readCachedEditions(db), [db]).value
  return activeEdition(cached, today)
}
