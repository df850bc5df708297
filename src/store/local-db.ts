import Dexie, { type EntityTable } from 'dexie'
import type { Dimension, ISODate, MissionKey } from '../schema'
import type { AreaConfig } from '../schema/area-config'
import { repackVillageFacts, upgradeToVillageFacts } from './village-facts-upgrade'

/*
 * The device's read model and its local-only data. Rows here are *derived* from PouchDB (the
 * system of record) by the projector, except drafts, settings and the sync log, which never sync.
 * Everything derived can be dropped and rebuilt from PouchDB (`rebuildReadModel`).
 */

export interface VillageRow {
  code: string
  district: string
  moo: number
  name: string
  tambonCode: string
  tambonName: string
}

export interface HouseholdRow {
  id: string
  district: string
  villageCode: string
  tambonCode: string
  houseId: string
  headName: string
  targetPersons: number
  inTpmap: boolean
  verifiedOn?: ISODate
  planOn?: ISODate
  failing?: Record<Dimension, boolean>
  survivingOn?: ISODate
  /** Folded from mentor-visit docs: their dates, sorted. */
  visits: ISODate[]
  /** Folded from assistance docs: the first assistance date per dimension. */
  assisted: Partial<Record<Dimension, ISODate>>
  updatedAt: string
  conflicted: 0 | 1
}

export interface PlotAssessmentSummary {
  id: string
  on: ISODate
  success: boolean
}

export interface PlotRow {
  id: string
  district: string
  kind: 'HLM' | 'CLM'
  plotNo: string
  tambonCode: string
  villageCode?: string
  ownerName?: string
  areaRai?: number
  latest?: PlotAssessmentSummary
  assessments: PlotAssessmentSummary[]
}

export interface ComplaintRow {
  id: string
  district: string
  tambonCode: string
  plotId?: string
  subject: string
  channel: string
  receivedOn: ISODate
  resolvedOn?: ISODate
  /** 1 while unresolved: an index Dexie can range over (booleans are not indexable). */
  open: 0 | 1
  conflicted: 0 | 1
  /** The revision a review applies to (issue 15). */
  updatedAt?: string
}

export interface PostRow {
  id: string
  district: string
  on: ISODate
  channel: string
  mission: MissionKey
  tambonCode?: string
}

export interface ReportRow {
  id: string
  district: string
  on: ISODate
  mission: MissionKey
}

/** Append-only observations, kept so parents can be re-folded and their history shown. */
export interface EventRow {
  id: string
  parentId: string
  /** review and history rows (issue 15) ride in this table too: children of the record they are about. */
  type: 'mentor-visit' | 'assistance' | 'plot-assessment' | 'review' | 'history'
  on: ISODate
  createdBy: string
  summary: Record<string, unknown>
}

export interface FactsRow {
  id: string
  province: string
  mission: MissionKey
  doc: Record<string, unknown>
}

/** A doc that failed its schema on read-back: set aside, shown in the problems list, never crashes a screen. */
export interface ProblemRow {
  id: string
  rev?: string
  type?: string
  problems: { path: string; message: string }[]
  seenAt: string
}

/** A province's `config:districts` doc (its districts and sub-districts by name): where areas get their names. */
export type AreaConfigRow = AreaConfig

/**
 * The facts per-village progress needs, packed per village (households) or per sub-district (plots),
 * kept by the projector in the same transaction as the rows they come from: the dashboards read
 * hundreds of these instead of tens of thousands of rows. See village-facts.ts.
 */
export interface VillageFactsRow {
  /** `h:<villageCode>` (households) or `p:<tambonCode>` (plots), both from the records' ids. */
  key: string
  district: string
  /** How many households or plots the row holds. */
  n: number
  /** Plots: JSON of the packed tuples, sorted by id. */
  data?: string
  /** Households: the ids (without their area) joined by newlines, sorted, and their numbers (village-facts.ts). */
  ids?: string
  nums?: Int32Array
  /** Households whose village is not the key's, by index. */
  villages?: Record<number, string>
}

/** A district's office settings (issue 15: whether scores count approved records only), from `office-settings:<district>`. */
export interface OfficeSettingsRow {
  id: string
  district: string
  scoresCount: 'all' | 'approved'
  updatedBy: string
  updatedAt: string
}

export interface DraftRow {
  key: string
  form: string
  values: Record<string, unknown>
  updatedAt: string
}

export interface SettingRow {
  key: string
  value: unknown
}

export interface SyncLogRow {
  id?: number
  at: string
  kind: 'start' | 'complete' | 'error' | 'paused' | 'active' | 'denied' | 'info'
  pushed?: number
  pulled?: number
  message?: string
}

export interface MetaRow {
  key: string
  value: unknown
}

export type LocalDb = Dexie & {
  villages: EntityTable<VillageRow, 'code'>
  households: EntityTable<HouseholdRow, 'id'>
  plots: EntityTable<PlotRow, 'id'>
  complaints: EntityTable<ComplaintRow, 'id'>
  posts: EntityTable<PostRow, 'id'>
  reports: EntityTable<ReportRow, 'id'>
  events: EntityTable<EventRow, 'id'>
  facts: EntityTable<FactsRow, 'id'>
  problems: EntityTable<ProblemRow, 'id'>
  drafts: EntityTable<DraftRow, 'key'>
  settings: EntityTable<SettingRow, 'key'>
  syncLog: EntityTable<SyncLogRow, 'id'>
  meta: EntityTable<MetaRow, 'key'>
  areaConfigs: EntityTable<AreaConfigRow, 'id'>
  villageFacts: EntityTable<VillageFactsRow, 'key'>
  officeSettings: EntityTable<OfficeSettingsRow, 'id'>
}

/** Tables the projector fills; cleared on a rebuild. Drafts, settings and the sync log are not. */
export const DERIVED_TABLES = ['villages', 'households', 'plots', 'complaints', 'posts', 'reports', 'events', 'facts', 'problems', 'areaConfigs', 'villageFacts', 'officeSettings'] as const

export function openLocalDb(name = 'cdd-local', options?: ConstructorParameters<typeof Dexie>[1]): LocalDb {
  const db = new Dexie(name, options) as LocalDb
  db.version(1).stores({
    villages: 'code, tambonCode, district',
    households: 'id, villageCode, tambonCode, district, [villageCode+houseId]',
    plots: 'id, tambonCode, villageCode, kind, district',
    complaints: 'id, tambonCode, open, receivedOn, district',
    posts: 'id, on, mission, district',
    reports: 'id, on, mission, district',
    events: 'id, parentId, type, on',
    facts: 'id, province, mission',
    problems: 'id',
    drafts: 'key, form, updatedAt',
    settings: 'key',
    syncLog: '++id, at',
    meta: 'key',
  })
  // Areas' names from config:districts (until now reported as an unreadable record), and the
  // per-village packed facts of the dashboards, built once from the rows already there.
  db.version(2)
    .stores({ areaConfigs: 'id', villageFacts: 'key, district' })
    .upgrade((tx) => upgradeToVillageFacts(tx))
  // Office settings per district (issue 15). Docs of that type arrived before this version were
  // reported as unreadable (no schema then); a rebuild or their next change projects them.
  db.version(3).stores({ officeSettings: 'id, district' })
  // Indexes nothing queries any more, dropped: every row a first pull writes updated each of them
  // (events are most of a district's docs). Households by village and district, plots by
  // sub-district and district, events by parent and type are what the screens ask for.
  db.version(4).stores({
    households: 'id, villageCode, district',
    plots: 'id, tambonCode, district',
    events: 'id, parentId, type',
  })
  // The per-village facts packed smaller (day numbers, ids without their area): rebuilt from the rows.
  db.version(5).stores({}).upgrade((tx) => repackVillageFacts(tx))
  // Events read by their ids alone (a record's children by id range, a kind by id prefix: events.ts),
  // households by village and plots by sub-district too (area-rows.ts): indexes were most of the
  // cost of writing these rows, and a first pull writes tens of thousands of them.
  db.version(6).stores({ events: 'id', households: 'id, district', plots: 'id, district' })
  // An area's per-village facts are read as ranges of their keys (village-facts-store.ts): the
  // district index was kept up on every facts write and read by nothing.
  db.version(7).stores({ villageFacts: 'key' })
  // A district's (or province's) households and plots are read by their ids' start (area-rows.ts):
  // the district index was written twice per household in a first pull and read by nothing else.
  db.version(8).stores({ households: 'id', plots: 'id' })
  return db
}
