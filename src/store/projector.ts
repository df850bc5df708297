import { childParentId, parseDoc, type AnyDoc, type ClmAssessmentDoc, type Dimension, type HistoryDoc, type HlmAssessmentDoc, type ISODate, type PlotAssessmentDoc, type ReviewDoc } from '../schema'
import { plotSucceeds } from '../scoring/missions/m2'
import { AREA_CONFIG_PREFIX, DISTRICTS_CONFIG_ID, parseAreaConfig } from '../schema/area-config'
import type {
  AreaConfigRow,
  OfficeSettingsRow,
  ComplaintRow,
  EventRow,
  FactsRow,
  HouseholdRow,
  PlotAssessmentSummary,
  PlotRow,
  PostRow,
  ProblemRow,
  ReportRow,
  VillageRow,
} from './local-db'

/*
 * The projector: a pure function from one change of PouchDB's changes feed to the read-model rows
 * it stands for. Local writes and replicated docs take the same path, so what the officer typed and
 * what arrived from the server look the same on every screen. Append-only observations (visits,
 * assistance, assessments) become event rows, which `foldHousehold`/`foldPlot` fold into their
 * parent's row — in whatever order parent and children arrive.
 */

export interface Change {
  id: string
  seq?: number | string
  deleted?: boolean
  doc?: Record<string, unknown>
}

export type Projection =
  | { table: 'villages'; row: VillageRow }
  | { table: 'households'; row: HouseholdRow }
  | { table: 'plots'; row: PlotRow }
  | { table: 'complaints'; row: ComplaintRow }
  | { table: 'posts'; row: PostRow }
  | { table: 'reports'; row: ReportRow }
  | { table: 'events'; row: EventRow }
  | { table: 'facts'; row: FactsRow }
  | { table: 'problems'; row: ProblemRow }
  | { table: 'areaConfigs'; row: AreaConfigRow }
  | { table: 'officeSettings'; row: OfficeSettingsRow }
  | { table: 'deleted'; table2: DerivedTable; id: string; parentId?: string }
  | { table: 'ignored'; id: string }

export type DerivedTable = 'villages' | 'households' | 'plots' | 'complaints' | 'posts' | 'reports' | 'events' | 'facts' | 'areaConfigs' | 'officeSettings'

/** Which table an id's rows live in; ids carry their type (see src/schema/ids.ts). */
export function tableForId(id: string): DerivedTable | undefined {
  const prefix = id.slice(0, id.indexOf(':'))
  switch (prefix) {
    case 'village':
      return 'villages'
    case 'household':
      return 'households'
    case 'plot':
      return 'plots'
    case 'complaint':
      return 'complaints'
    case 'post':
      return 'posts'
    case 'report':
      return 'reports'
    case 'visit':
    case 'assist':
    case 'assess':
    case 'review':
    case 'history':
      return 'events'
    case 'facts':
      return 'facts'
    case 'office-settings':
      return 'officeSettings'
    case 'config':
      return id === DISTRICTS_CONFIG_ID ? 'areaConfigs' : undefined
    default:
      return undefined
  }
}

/** The parent of a child id: `visit:household:43010101:12:off4301:<ulid>` → `household:43010101:12` (src/schema/ids.ts). */
export function parentOfChildId(id: string): string | undefined {
  return childParentId(id)
}

/*
 * Success criteria come from the rubric (src/scoring), not restated here: the read model and the
 * score must never disagree about whether a plot succeeded.
 */
export function hlmSuccess(a: Pick<HlmAssessmentDoc, 'reducesExpenses' | 'selfReliant'>): boolean {
  return plotSucceeds({ id: '', kind: 'HLM', assessment: { on: '0000-01-01', ...a } }, '9999-12-31')
}

/** The rubric's five CLM components: khok-nong-na, enough learning stations, trainers and media, committee, visitors. */
export function clmSuccess(a: Pick<ClmAssessmentDoc, 'khok' | 'nong' | 'na' | 'stations' | 'trainersAndMedia' | 'committee' | 'visitors'>): boolean {
  const learningStations = a.stations.people + a.stations.soil + a.stations.water + a.stations.forest
  const { khok, nong, na, trainersAndMedia, committee, visitors } = a
  return plotSucceeds({ id: '', kind: 'CLM', assessment: { on: '0000-01-01', khok, nong, na, learningStations, trainersAndMedia, committee, visitors } }, '9999-12-31')
}

export function assessmentSuccess(a: PlotAssessmentDoc): boolean {
  return a.kind === 'HLM' ? hlmSuccess(a) : clmSuccess(a)
}

function isDesignOrLocal(id: string): boolean {
  return id.startsWith('_design/') || id.startsWith('_local/')
}

export function project(change: Change): Projection {
  if (isDesignOrLocal(change.id)) return { table: 'ignored', id: change.id }
  if (change.deleted || change.doc?._deleted) {
    const table = tableForId(change.id)
    if (!table) return { table: 'ignored', id: change.id }
    return { table: 'deleted', table2: table, id: change.id, parentId: table === 'events' ? parentOfChildId(change.id) : undefined }
  }
  // Provisioning's config docs are not records (no `type`): config:districts names the areas, others are not ours.
  if (change.id.startsWith(AREA_CONFIG_PREFIX)) {
    if (change.id !== DISTRICTS_CONFIG_ID) return { table: 'ignored', id: change.id }
    const config = parseAreaConfig(change.doc ?? {})
    if (config.ok) return { table: 'areaConfigs', row: config.config }
    return { table: 'problems', row: { id: change.id, rev: typeof change.doc?._rev === 'string' ? change.doc._rev : undefined, problems: config.problems, seenAt: '' } }
  }
  const parsed = parseDoc(change.doc)
  if (!parsed.ok) {
    return {
      table: 'problems',
      row: {
        id: change.id,
        rev: typeof change.doc?._rev === 'string' ? change.doc._rev : undefined,
        type: typeof change.doc?.type === 'string' ? change.doc.type : undefined,
        problems: parsed.problems.map(({ path, message }) => ({ path, message })),
        seenAt: '',
      },
    }
  }
  // A leaf the winner names in `supersedes` was resolved (merged) already: it is no open conflict.
  const superseded = Array.isArray(change.doc?.supersedes) ? (change.doc.supersedes as unknown[]) : []
  const open = Array.isArray(change.doc?._conflicts) ? (change.doc._conflicts as unknown[]).filter((rev) => !superseded.includes(rev)) : []
  const conflicted = open.length > 0 ? 1 : 0
  return projectDoc(parsed.doc, conflicted)
}

function projectDoc(doc: AnyDoc, conflicted: 0 | 1): Projection {
  switch (doc.type) {
    case 'village':
      return { table: 'villages', row: { code: doc.code, district: doc.district, moo: doc.moo, name: doc.name, tambonCode: doc.tambonCode, tambonName: doc.tambonName } }
    case 'household':
      return {
        table: 'households',
        row: {
          id: doc._id,
          district: doc.district,
          villageCode: doc.villageCode,
          tambonCode: doc.villageCode.slice(0, 6),
          houseId: doc.houseId,
          headName: doc.headName,
          targetPersons: doc.targetPersons,
          inTpmap: doc.inTpmap,
          verifiedOn: doc.verifiedOn,
          planOn: doc.planOn,
          failing: doc.failing,
          survivingOn: doc.survivingOn,
          visits: [],
          assisted: {},
          updatedAt: doc.updatedAt,
          conflicted,
        },
      }
    case 'plot':
      return {
        table: 'plots',
        row: { id: doc._id, district: doc.district, kind: doc.kind, plotNo: doc.plotNo, tambonCode: doc.tambonCode, villageCode: doc.villageCode, ownerName: doc.ownerName, areaRai: doc.areaRai, assessments: [] },
      }
    case 'complaint':
      return {
        table: 'complaints',
        row: {
          id: doc._id,
          district: doc.district,
          tambonCode: doc.tambonCode,
          plotId: doc.plotId,
          subject: doc.subject,
          channel: doc.channel,
          receivedOn: doc.receivedOn,
          resolvedOn: doc.resolvedOn,
          open: doc.resolvedOn ? 0 : 1,
          conflicted,
          updatedAt: doc.updatedAt,
        },
      }
    case 'pr-post':
      return { table: 'posts', row: { id: doc._id, district: doc.district, on: doc.on, channel: doc.channel, mission: doc.mission, tambonCode: doc.tambonCode } }
    case 'monitoring-report':
      return { table: 'reports', row: { id: doc._id, district: doc.district, on: doc.on, mission: doc.mission } }
    case 'mentor-visit':
      return { table: 'events', row: { id: doc._id, parentId: doc.householdId, type: 'mentor-visit', on: doc.on, createdBy: doc.createdBy, summary: { note: doc.note } } }
    case 'assistance':
      return {
        table: 'events',
        row: { id: doc._id, parentId: doc.householdId, type: 'assistance', on: doc.on, createdBy: doc.createdBy, summary: { dimension: doc.dimension, what: doc.what, agency: doc.agency } },
      }
    case 'plot-assessment':
      return {
        table: 'events',
        row: { id: doc._id, parentId: doc.plotId, type: 'plot-assessment', on: doc.on, createdBy: doc.createdBy, summary: { kind: doc.kind, success: assessmentSuccess(doc), ...(doc.gps ? { gps: doc.gps } : {}) } },
      }
    case 'province-facts':
      return { table: 'facts', row: { id: doc._id, province: doc.province, mission: doc.mission, doc: doc as Record<string, unknown> } }
    case 'review':
    case 'history':
      return { table: 'events', row: reviewOrHistoryRow(doc) }
    case 'office-settings':
      return { table: 'officeSettings', row: { id: doc._id, district: doc.district, scoresCount: doc.scoresCount, updatedBy: doc.updatedBy, updatedAt: doc.updatedAt } }
  }
}

/** Reviews and history entries are children of the record they are about (src/store/reviews.ts reads them). */
function reviewOrHistoryRow(doc: ReviewDoc | HistoryDoc): EventRow {
  const base = { id: doc._id, parentId: doc.recordId, on: doc.createdAt.slice(0, 10), createdBy: doc.createdBy }
  if (doc.type === 'review') {
    return { ...base, type: 'review', summary: { state: doc.state, comment: doc.comment, recordType: doc.recordType, recordUpdatedAt: doc.recordUpdatedAt, at: doc.createdAt } }
  }
  return { ...base, type: 'history', summary: { kind: doc.kind, recordType: doc.recordType, changes: doc.changes, note: doc.note, at: doc.createdAt } }
}

/** A household row with its visits and first assistance per dimension folded in from its events. */
export function foldHousehold(row: HouseholdRow, events: readonly EventRow[]): HouseholdRow {
  const visits: ISODate[] = []
  const assisted: Partial<Record<Dimension, ISODate>> = {}
  for (const event of events) {
    if (event.parentId !== row.id) continue
    if (event.type === 'mentor-visit') visits.push(event.on)
    if (event.type === 'assistance') {
      const dimension = event.summary.dimension as Dimension
      const first = assisted[dimension]
      if (!first || event.on < first) assisted[dimension] = event.on
    }
  }
  visits.sort()
  return { ...row, visits, assisted }
}

/** A plot row with its assessments, newest last; `latest` is the one the rubric judges by. */
export function foldPlot(row: PlotRow, events: readonly EventRow[]): PlotRow {
  const assessments: PlotAssessmentSummary[] = events
    .filter((e) => e.parentId === row.id && e.type === 'plot-assessment')
    .map((e) => ({ id: e.id, on: e.on, success: e.summary.success === true }))
    // Same day: the later-created id wins (ids are time-ordered).
    .sort((a, b) => (a.on === b.on ? (a.id < b.id ? -1 : 1) : a.on < b.on ? -1 : 1))
  return { ...row, assessments, latest: assessments.at(-1) }
}
