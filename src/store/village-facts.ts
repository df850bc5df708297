import type { Dimension } from '../schema/docs'
import type { ISODate } from '../schema/dates'
import { fromDayNumber, isIsoDate, toDayNumber } from '../schema/dates'
import type { HouseholdRow, PlotAssessmentSummary, PlotRow, VillageFactsRow } from './local-db'

/*
 * Per-village packed facts: what per-village progress and the mission scores read about households
 * and plots, one row per village (households) or per sub-district (plots). Why packed: reading
 * 25,000 household rows out of IndexedDB costs ~0.4 s in Chromium, almost all of it per-record
 * structured-clone work; a village's households clone as one string and one Int32Array, and a
 * sub-district's plots as one JSON string. The rows unpack to the household and plot fields the pure
 * computations use (`HouseholdFacts`, `PlotFacts`), so `villageProgress`, `buildScoreInput` and the
 * charts run on them unchanged, for any rubric edition and any asOf.
 *
 * Rows are keyed by the id's area part (`household:<village>:…` → `h:<village>`, `plot:<tambon>:…`
 * → `p:<tambon>`), which never changes for a record, so an update or deletion finds its row from the
 * id alone, without reading the previous version. Pure: no Dexie here (village-facts-store.ts).
 */

export type HouseholdFacts = Pick<HouseholdRow, 'id' | 'villageCode' | 'inTpmap' | 'targetPersons' | 'verifiedOn' | 'planOn' | 'failing' | 'survivingOn' | 'visits' | 'assisted'>
export type PlotFacts = Pick<PlotRow, 'id' | 'kind' | 'tambonCode' | 'villageCode' | 'latest' | 'assessments'>

/** Same order as DIMENSIONS in schema/docs.ts (a test checks); not imported so this stays zod-free. */
export const FACT_DIMENSIONS: readonly Dimension[] = ['income', 'health', 'living', 'education', 'access']

/**
 * Dates are packed as day numbers (1 = 1970-01-01; 0 = none) and ids and areas without what the
 * row's key already says: a district's facts are read on every dashboard look, and this halves the
 * bytes read and parsed. Both directions are memoised: a district's records share a few hundred days.
 */
type Day = number
const dayOfIso = new Map<string, Day>()
const isoOfDay = new Map<Day, ISODate>()

/** toDayNumber + 1 (so 0 can mean none), memoised. */
export function packDay(date: ISODate | undefined): Day {
  if (date === undefined) return 0
  let n = dayOfIso.get(date)
  if (n === undefined) {
    if (!isIsoDate(date)) throw new Error(`village facts: not an ISO date: ${date}`)
    n = toDayNumber(date) + 1
    dayOfIso.set(date, n)
    isoOfDay.set(n, date)
  }
  return n
}

export function unpackDay(n: Day): ISODate {
  let date = isoOfDay.get(n)
  if (date === undefined) {
    date = fromDayNumber(n - 1)
    isoOfDay.set(n, date)
    dayOfIso.set(date, n)
  }
  return date
}

/** The id after `<prefix>:<area>:` (the row's key holds the area), and the area. */
function splitId(id: string): { area: string; rest: string } {
  const a = id.indexOf(':')
  const b = id.indexOf(':', a + 1)
  return { area: id.slice(a + 1, b), rest: id.slice(b + 1) }
}

/** id rest, villageCode (0: the id's village), flags (1 inTpmap, 2 has failing, 4<<i failing dimension i), persons, verified, plan, surviving, assisted per dimension, visits. */
export type HouseholdTuple = [string, string | 0, number, number, Day, Day, Day, Day[] | 0, Day[] | 0]
/** id rest, villageCode (0: none), tambonCode (0: the id's), kind (0 HLM, 1 CLM), assessments [id, on, success]. */
export type PlotTuple = [string, string | 0, string | 0, 0 | 1, [string, Day, 0 | 1][] | 0]
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
  const { area, rest } = splitId(h.id)
  let flags = h.inTpmap ? 1 : 0
  if (h.failing) {
    flags |= 2
    FACT_DIMENSIONS.forEach((d, i) => {
      if (h.failing![d]) flags |= 4 << i
    })
  }
  const assisted = FACT_DIMENSIONS.map((d) => packDay(h.assisted[d]))
  return [rest, h.villageCode === area ? 0 : h.villageCode, flags, h.targetPersons, packDay(h.verifiedOn), packDay(h.planOn), packDay(h.survivingOn), assisted.some((a) => a !== 0) ? assisted : 0, h.visits.length ? h.visits.map(packDay) : 0]
}

/** `area`: the village of the row's key. */
export function unpackHousehold(t: HouseholdTuple, area: string): HouseholdFacts {
  const [rest, villageCode, flags, targetPersons, verifiedOn, planOn, survivingOn, assistedDays, visits] = t
  const h: HouseholdFacts = { id: `household:${area}:${rest}`, villageCode: villageCode || area, inTpmap: (flags & 1) === 1, targetPersons, visits: visits ? visits.map(unpackDay) : [], assisted: {} }
  if (verifiedOn) h.verifiedOn = unpackDay(verifiedOn)
  if (planOn) h.planOn = unpackDay(planOn)
  if (survivingOn) h.survivingOn = unpackDay(survivingOn)
  if (flags & 2) {
    const failing = {} as Record<Dimension, boolean>
    FACT_DIMENSIONS.forEach((d, i) => (failing[d] = (flags & (4 << i)) !== 0))
    h.failing = failing
  }
  if (assistedDays) FACT_DIMENSIONS.forEach((d, i) => assistedDays[i] && (h.assisted[d] = unpackDay(assistedDays[i]!)))
  return h
}

export function packPlot(p: PlotFacts): PlotTuple {
  const { area, rest } = splitId(p.id)
  return [rest, p.villageCode ?? 0, p.tambonCode === area ? 0 : p.tambonCode, p.kind === 'CLM' ? 1 : 0, p.assessments.length ? p.assessments.map((a) => [a.id, packDay(a.on), a.success ? 1 : 0]) : 0]
}

/** `area`: the sub-district of the row's key. */
export function unpackPlot(t: PlotTuple, area: string): PlotFacts {
  const [rest, villageCode, tambonCode, kind, list] = t
  const assessments: PlotAssessmentSummary[] = list ? list.map(([aid, on, success]) => ({ id: aid, on: unpackDay(on), success: success === 1 })) : []
  const p: PlotFacts = { id: `plot:${area}:${rest}`, kind: kind === 1 ? 'CLM' : 'HLM', tambonCode: tambonCode || area, assessments }
  if (villageCode) p.villageCode = villageCode
  // As foldPlot: the assessments are kept oldest first, and the newest is the one judged.
  if (assessments.length) p.latest = assessments[assessments.length - 1]
  return p
}

/** The key prefixes of an area's facts rows (its households', its plots'): every row of the area's villages or sub-districts starts with one. */
export const factsKeyPrefixes = (area: string): [string, string] => [HOUSEHOLD + area, PLOT + area]

/** The district a facts row belongs to (its key's first four digits). */
const districtOfKey = (key: string) => key.slice(2, 6)

const HAS_ASSISTED = 1 << 7

/**
 * A village's households as stored: the ids' rests joined by newlines, every number in one
 * Int32Array (flags, persons, verified, plan, surviving, [5 assisted days], visit count, visits),
 * and the few households whose village differs from the key's by index. An Int32Array clones out of
 * IndexedDB as one block of bytes and decodes without a JSON parse: reading a district's facts is
 * most of what the dashboards' first look costs.
 */
function encodeHouseholds(tuples: readonly HouseholdTuple[]): Pick<VillageFactsRow, 'ids' | 'nums' | 'villages'> {
  let size = 0
  for (const t of tuples) size += 7 + (t[7] ? 5 : 0) + (t[8] ? t[8].length : 0)
  const nums = new Int32Array(size)
  const villages: Record<number, string> = {}
  let at = 0
  tuples.forEach((t, i) => {
    if (t[0].includes('\n')) throw new Error(`village facts: an id with a line break: ${t[0]}`)
    if (t[1]) villages[i] = t[1]
    nums[at++] = t[2] | (t[7] ? HAS_ASSISTED : 0)
    nums[at++] = t[3]
    nums[at++] = t[4]
    nums[at++] = t[5]
    nums[at++] = t[6]
    if (t[7]) for (const d of t[7]) nums[at++] = d
    const visits = t[8] || []
    nums[at++] = visits.length
    for (const d of visits) nums[at++] = d
  })
  return { ids: tuples.map((t) => t[0]).join('\n'), nums, ...(Object.keys(villages).length ? { villages } : {}) }
}

/** Where one household's numbers lie in a row's `nums` (the layout of encodeHouseholds). */
interface HouseholdSlots {
  rest: string
  village: string | 0
  /** Index of its flags; persons, verified, plan and surviving follow. */
  at: number
  /** Index of its 5 assisted days, or -1. */
  assistedAt: number
  visitsAt: number
  visitCount: number
}

function eachHousehold(row: VillageFactsRow, visit: (slots: HouseholdSlots, nums: Int32Array) => void): void {
  const nums = row.nums!
  const rests = row.ids!.split('\n')
  const slots: HouseholdSlots = { rest: '', village: 0, at: 0, assistedAt: -1, visitsAt: 0, visitCount: 0 }
  let at = 0
  for (let i = 0; i < rests.length; i++) {
    slots.rest = rests[i]!
    slots.village = row.villages?.[i] ?? 0
    slots.at = at
    at += 5
    slots.assistedAt = nums[slots.at]! & HAS_ASSISTED ? at : -1
    if (slots.assistedAt >= 0) at += 5
    slots.visitCount = nums[at++]!
    slots.visitsAt = at
    at += slots.visitCount
    visit(slots, nums)
  }
}

function decodeHouseholds(row: VillageFactsRow): HouseholdTuple[] {
  const out: HouseholdTuple[] = []
  eachHousehold(row, ({ rest, village, at, assistedAt, visitsAt, visitCount }, nums) => {
    const assisted: Day[] | 0 = assistedAt >= 0 ? Array.from(nums.subarray(assistedAt, assistedAt + 5)) : 0
    const visits: Day[] | 0 = visitCount ? Array.from(nums.subarray(visitsAt, visitsAt + visitCount)) : 0
    out.push([rest, village, nums[at]! & ~HAS_ASSISTED, nums[at + 1]!, nums[at + 2]!, nums[at + 3]!, nums[at + 4]!, assisted, visits])
  })
  return out
}

/** One shared, frozen `failing` record per combination of flags: nothing changes facts once read. */
const failingByFlags = new Map<number, Readonly<Record<Dimension, boolean>>>()
function failingOf(flags: number): Record<Dimension, boolean> {
  const bits = flags & 0x7c
  let failing = failingByFlags.get(bits)
  if (!failing) {
    const f = {} as Record<Dimension, boolean>
    FACT_DIMENSIONS.forEach((d, i) => (f[d] = (flags & (4 << i)) !== 0))
    failing = Object.freeze(f)
    failingByFlags.set(bits, failing)
  }
  return failing as Record<Dimension, boolean>
}

/** The households of a facts row, read straight from its numbers (the dashboards' hot path). */
function readHouseholds(row: VillageFactsRow, area: string, out: HouseholdFacts[]): void {
  const prefix = `household:${area}:`
  eachHousehold(row, ({ rest, village, at, assistedAt, visitsAt, visitCount }, nums) => {
    const flags = nums[at]!
    const visits: ISODate[] = new Array(visitCount)
    for (let k = 0; k < visitCount; k++) visits[k] = unpackDay(nums[visitsAt + k]!)
    const assisted: Partial<Record<Dimension, ISODate>> = {}
    if (assistedAt >= 0) {
      for (let k = 0; k < 5; k++) {
        const day = nums[assistedAt + k]!
        if (day) assisted[FACT_DIMENSIONS[k]!] = unpackDay(day)
      }
    }
    const h: HouseholdFacts = { id: prefix + rest, villageCode: village || area, inTpmap: (flags & 1) === 1, targetPersons: nums[at + 1]!, visits, assisted }
    if (nums[at + 2]) h.verifiedOn = unpackDay(nums[at + 2]!)
    if (nums[at + 3]) h.planOn = unpackDay(nums[at + 3]!)
    if (nums[at + 4]) h.survivingOn = unpackDay(nums[at + 4]!)
    if (flags & 2) h.failing = failingOf(flags)
    out.push(h)
  })
}

function tuplesOf(row: VillageFactsRow): Tuple[] {
  return row.key.startsWith(HOUSEHOLD) ? decodeHouseholds(row) : (JSON.parse(row.data!) as PlotTuple[])
}

function encode(key: string, tuples: Tuple[]): VillageFactsRow {
  tuples.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const base = { key, district: districtOfKey(key), n: tuples.length }
  return key.startsWith(HOUSEHOLD) ? { ...base, ...encodeHouseholds(tuples as HouseholdTuple[]) } : { ...base, data: JSON.stringify(tuples) }
}

/** A facts row with `upserts` written over and `deletes` taken out; undefined once nothing is left. */
export function mergeFacts(row: VillageFactsRow | undefined, key: string, upserts: readonly Tuple[], deletes: Iterable<string>): VillageFactsRow | undefined {
  const byId = new Map<string, Tuple>()
  if (row) for (const t of tuplesOf(row)) byId.set(t[0], t)
  // Tuples hold the id without its area (the key's): deletions name whole ids.
  for (const id of deletes) byId.delete(splitId(id).rest)
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
    const area = row.key.slice(2)
    if (row.key.startsWith(HOUSEHOLD)) readHouseholds(row, area, households)
    else for (const t of JSON.parse(row.data!) as PlotTuple[]) plots.push(unpackPlot(t, area))
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
