import type { Dimension } from '../schema/docs'
import type { ISODate } from '../schema/dates'
import type { HouseholdRow, PlotAssessmentSummary, PlotRow, VillageFactsRow } from './local-db'

/*
 * Per-village packed facts: what per-village progress and the mission scores read about households
 * and plots, one row per village (households) or per sub-district (plots), as a JSON string of
 * tuples. Why a string of tuples: reading 25,000 household rows out of IndexedDB costs ~0.4 s in
 * Chromium, almost all of it per-record structured-clone work; 800 strings clone as plain bytes and
 * one JSON.parse of the tuples is a few milliseconds. The rows unpack to the household and plot
 * fields the pure computations use (`HouseholdFacts`, `PlotFacts`), so `villageProgress`,
 * `buildScoreInput` and the charts run on them unchanged, for any rubric edition and any asOf.
 *
 * Rows are keyed by the id's area part (`household:<village>:…` → `h:<village>`, `plot:<tambon>:…`
 * → `p:<tambon>`), which never changes for a record, so an update or deletion finds its row from the
 * id alone, without reading the previous version. Pure: no Dexie here (village-facts-store.ts).
 */

export type HouseholdFacts = Pick<HouseholdRow, 'id' | 'villageCode' | 'inTpmap' | 'targetPersons' | 'verifiedOn' | 'planOn' | 'failing' | 'survivingOn' | 'visits' | 'assisted'>
export type PlotFacts = Pick<PlotRow, 'id' | 'kind' | 'tambonCode' | 'villageCode' | 'latest' | 'assessments'>

/** Same order as DIMENSIONS in schema/docs.ts (a test checks); not imported so this stays zod-free. */
export const FACT_DIMENSIONS: readonly Dimension[] = ['income', 'health', 'living', 'education', 'access']

type Day = ISODate | 0
/** id, villageCode, flags (1 inTpmap, 2 has failing, 4<<i failing dimension i), persons, verified, plan, surviving, assisted per dimension, visits. */
export type HouseholdTuple = [string, string, number, number, Day, Day, Day, Day[] | 0, ISODate[] | 0]
/** id, villageCode, tambonCode, kind (0 HLM, 1 CLM), assessments [id, on, success]. */
export type PlotTuple = [string, string | 0, string, 0 | 1, [string, ISODate, 0 | 1][] | 0]
type Tuple = HouseholdTuple | PlotTuple

const HOUSEHOLD = 'h:'
const PLOT = 'p:'

/** The facts row a record's id belongs to, or undefined for ids that are neither households nor plots. */
export function factsKeyOf(id: string): string | undefined {
  const a = id.indexOf(':')
  const b = id.indexOf(':', a + 1)
  if (a < 0 || b < 0) return undefined
  const prefix = id.slice(0, a)
  const area = id.slice(a + 1, b)
  return prefix === 'household' ? HOUSEHOLD + area : prefix === 'plot' ? PLOT + area : undefined
}

export function packHousehold(h: HouseholdFacts): HouseholdTuple {
  let flags = h.inTpmap ? 1 : 0
  if (h.failing) {
    flags |= 2
    FACT_DIMENSIONS.forEach((d, i) => {
      if (h.failing![d]) flags |= 4 << i
    })
  }
  const assisted = FACT_DIMENSIONS.map((d) => h.assisted[d] ?? 0)
  return [h.id, h.villageCode, flags, h.targetPersons, h.verifiedOn ?? 0, h.planOn ?? 0, h.survivingOn ?? 0, assisted.some((a) => a !== 0) ? assisted : 0, h.visits.length ? h.visits.slice() : 0]
}

export function unpackHousehold(t: HouseholdTuple): HouseholdFacts {
  const [id, villageCode, flags, targetPersons, verifiedOn, planOn, survivingOn, assistedDays, visits] = t
  const h: HouseholdFacts = { id, villageCode, inTpmap: (flags & 1) === 1, targetPersons, visits: visits || [], assisted: {} }
  if (verifiedOn) h.verifiedOn = verifiedOn
  if (planOn) h.planOn = planOn
  if (survivingOn) h.survivingOn = survivingOn
  if (flags & 2) {
    const failing = {} as Record<Dimension, boolean>
    FACT_DIMENSIONS.forEach((d, i) => (failing[d] = (flags & (4 << i)) !== 0))
    h.failing = failing
  }
  if (assistedDays) FACT_DIMENSIONS.forEach((d, i) => assistedDays[i] && (h.assisted[d] = assistedDays[i] as ISODate))
  return h
}

export function packPlot(p: PlotFacts): PlotTuple {
  return [p.id, p.villageCode ?? 0, p.tambonCode, p.kind === 'CLM' ? 1 : 0, p.assessments.length ? p.assessments.map((a) => [a.id, a.on, a.success ? 1 : 0]) : 0]
}

export function unpackPlot(t: PlotTuple): PlotFacts {
  const [id, villageCode, tambonCode, kind, list] = t
  const assessments: PlotAssessmentSummary[] = list ? list.map(([aid, on, success]) => ({ id: aid, on, success: success === 1 })) : []
  const p: PlotFacts = { id, kind: kind === 1 ? 'CLM' : 'HLM', tambonCode, assessments }
  if (villageCode) p.villageCode = villageCode
  // As foldPlot: the assessments are kept oldest first, and the newest is the one judged.
  if (assessments.length) p.latest = assessments[assessments.length - 1]
  return p
}

/** The district a facts row belongs to (its key's first four digits). */
const districtOfKey = (key: string) => key.slice(2, 6)

function encode(key: string, tuples: Tuple[]): VillageFactsRow {
  tuples.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return { key, district: districtOfKey(key), n: tuples.length, data: JSON.stringify(tuples) }
}

/** A facts row with `upserts` written over and `deletes` taken out; undefined once nothing is left. */
export function mergeFacts(row: VillageFactsRow | undefined, key: string, upserts: readonly Tuple[], deletes: Iterable<string>): VillageFactsRow | undefined {
  const byId = new Map<string, Tuple>()
  if (row) for (const t of JSON.parse(row.data) as Tuple[]) byId.set(t[0], t)
  for (const id of deletes) byId.delete(id)
  for (const t of upserts) byId.set(t[0], t)
  return byId.size ? encode(key, [...byId.values()]) : undefined
}

/** Every facts row for these households and plots, from scratch (the Dexie upgrade, tests). */
export function buildFactsRows(households: readonly HouseholdFacts[], plots: readonly PlotFacts[]): VillageFactsRow[] {
  const groups = new Map<string, Tuple[]>()
  const add = (id: string, t: Tuple) => {
    const key = factsKeyOf(id)
    if (!key) return
    const list = groups.get(key)
    if (list) list.push(t)
    else groups.set(key, [t])
  }
  for (const h of households) add(h.id, packHousehold(h))
  for (const p of plots) add(p.id, packPlot(p))
  return [...groups].map(([key, tuples]) => encode(key, tuples))
}

/** The households and plots a set of facts rows holds. */
export function unpackFacts(rows: readonly VillageFactsRow[]): { households: HouseholdFacts[]; plots: PlotFacts[] } {
  const households: HouseholdFacts[] = []
  const plots: PlotFacts[] = []
  for (const row of rows) {
    if (row.key.startsWith(HOUSEHOLD)) for (const t of JSON.parse(row.data) as HouseholdTuple[]) households.push(unpackHousehold(t))
    else for (const t of JSON.parse(row.data) as PlotTuple[]) plots.push(unpackPlot(t))
  }
  return { households, plots }
}

/** What one projected batch does to the facts rows: which rows to read, and how each changes. */
export function groupFactsChanges(households: readonly HouseholdFacts[], deletedHouseholds: readonly string[], plots: readonly PlotFacts[], deletedPlots: readonly string[]): Map<string, { upserts: Tuple[]; deletes: Set<string> }> {
  const out = new Map<string, { upserts: Tuple[]; deletes: Set<string> }>()
  const entry = (id: string) => {
    const key = factsKeyOf(id)
    if (!key) return undefined
    let e = out.get(key)
    if (!e) out.set(key, (e = { upserts: [], deletes: new Set() }))
    return e
  }
  for (const id of [...deletedHouseholds, ...deletedPlots]) entry(id)?.deletes.add(id)
  for (const h of households) entry(h.id)?.upserts.push(packHousehold(h))
  for (const p of plots) entry(p.id)?.upserts.push(packPlot(p))
  return out
}
