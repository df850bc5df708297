import { daysBetween, type ISODate } from '../schema/dates'
import type { ComplaintRow } from './local-db'

/*
 * The all-complaints list (issue 15): open and resolved complaints of an area, newest first, with the
 * days each took to resolve (received → resolved, from the record's own dates) or, still open, the
 * days it has been open so far (received → today). Pure: today is an argument, never the clock.
 */

export type ComplaintFilter = 'all' | 'open' | 'resolved'

export interface ComplaintListItem {
  id: string
  subject: string
  tambonCode: string
  /** The village, when the complaint is about a plot that belongs to one. */
  villageCode?: string
  receivedOn: ISODate
  resolvedOn?: ISODate
  open: boolean
  /** Resolved: days from received to resolved. Open: days from received to today (never below 0). */
  days: number
}

export interface ComplaintCounts {
  all: number
  open: number
  resolved: number
}

/** Days a complaint took (resolved) or has taken so far (open). A resolution dated before receipt counts 0. */
export function complaintDays(row: Pick<ComplaintRow, 'receivedOn' | 'resolvedOn'>, today: ISODate): number {
  return Math.max(0, daysBetween(row.receivedOn, row.resolvedOn ?? today))
}

/** Newest received first; the same day, the later id (ids are time-ordered) first. */
export function compareComplaints(a: Pick<ComplaintRow, 'receivedOn' | 'id'>, b: Pick<ComplaintRow, 'receivedOn' | 'id'>): number {
  if (a.receivedOn !== b.receivedOn) return a.receivedOn < b.receivedOn ? 1 : -1
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1
}

/**
 * The complaints of `area` (a province, district, sub-district code or a village code: by prefix of
 * their sub-district, or their plot's village), filtered and newest first.
 */
export function complaintList(
  rows: readonly Pick<ComplaintRow, 'id' | 'subject' | 'tambonCode' | 'plotId' | 'receivedOn' | 'resolvedOn'>[],
  today: ISODate,
  options: { filter?: ComplaintFilter; area?: string; plotVillages?: ReadonlyMap<string, string> } = {},
): { items: ComplaintListItem[]; counts: ComplaintCounts } {
  const { filter = 'all', area = '', plotVillages } = options
  const counts: ComplaintCounts = { all: 0, open: 0, resolved: 0 }
  const items: ComplaintListItem[] = []
  for (const row of rows) {
    const villageCode = row.plotId ? plotVillages?.get(row.plotId) : undefined
    const inArea = area.length > 6 ? villageCode === area : row.tambonCode.startsWith(area)
    if (!inArea) continue
    const open = !row.resolvedOn
    counts.all += 1
    counts[open ? 'open' : 'resolved'] += 1
    if (filter === 'open' && !open) continue
    if (filter === 'resolved' && open) continue
    items.push({ id: row.id, subject: row.subject, tambonCode: row.tambonCode, villageCode, receivedOn: row.receivedOn, resolvedOn: row.resolvedOn, open, days: complaintDays(row, today) })
  }
  items.sort(compareComplaints)
  return { items, counts }
}
