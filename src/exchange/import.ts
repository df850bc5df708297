import type { ISODate } from '../schema/dates'
import { householdId, plotId, villageId } from '../schema/ids'
import type { DocType } from '../schema/docs'
import { fieldLimits } from '../schema/introspect'
import type { HouseholdRow, PlotRow, VillageRow } from '../store/local-db'
import { arabicDigits, cellText, parseDateCell, parseNumberCell } from './cells'

/*
 * Reference-data import (villages, TPMAP target households, HLM/CLM target plots) from a sheet's cells
 * to docs, in three pure steps the tests run in Node: `parseImport` (headers → fields, every cell checked,
 * issues with their row number and column), `diffImport` (against the existing docs by their
 * deterministic ids: create, update or leave untouched) and `applyImport` (saves through the caller's
 * repository, one district's db per doc). Nothing here reads files or touches storage.
 *
 * Row numbers are the sheet's own (the header is row 1 when it is the first line), so a person can find
 * the row in the file they have open; blank lines are skipped but still counted.
 */

export type ImportKind = 'villages' | 'households' | 'plots'
export const IMPORT_KINDS: readonly ImportKind[] = ['villages', 'households', 'plots']

export type IssueCode =
  | 'empty'
  | 'noRows'
  | 'missingColumn'
  | 'unknownColumn'
  | 'personalId'
  | 'required'
  | 'badCode'
  | 'badNumber'
  | 'notWhole'
  | 'outOfRange'
  | 'badDate'
  | 'badKind'
  | 'tooLong'
  | 'duplicate'
  | 'mismatch'

/** Warnings (unknown columns) never block; errors drop their row (or, for a missing column, the file). */
export interface ImportIssue {
  row: number
  /** The column's header as written in the file (or the expected header when it is missing). */
  column?: string
  code: IssueCode
  params?: Record<string, string | number>
  severity: 'error' | 'warning'
}

export type DocTypeOf<K extends ImportKind> = K extends 'villages' ? 'village' : K extends 'households' ? 'household' : 'plot'

export interface ImportRecord {
  row: number
  type: 'village' | 'household' | 'plot'
  id: string
  /** Where the doc goes: the district db (first 4 digits of its code). */
  district: string
  values: Record<string, unknown>
}

export interface ImportResult {
  kind: ImportKind
  records: ImportRecord[]
  issues: ImportIssue[]
  /** Rows with data (not counting the header and blank lines). */
  dataRows: number
}

type Parsed = { ok: true; value: unknown } | { ok: false; code: IssueCode; params?: Record<string, string | number> }

interface FieldSpec {
  key: string
  /** The Thai header first (it is the one named in messages), then accepted alternatives. */
  headers: string[]
  required: boolean
  parse: (text: string) => Parsed
}

const ok = (value: unknown): Parsed => ({ ok: true, value })

function code(digits: number): (text: string) => Parsed {
  return (text) => {
    const s = arabicDigits(text).replace(/\s/g, '')
    return new RegExp(`^\\d{${digits}}$`).test(s) ? ok(s) : { ok: false, code: 'badCode', params: { digits, got: text } }
  }
}

// Every limit comes from the doc type's zod schema (the one the repository and CouchDB apply): a cell the
// import accepts is a value the save accepts, and a schema change moves the import's checks with it.
function range(type: DocType, key: string): { min: number; max: number } {
  const { min, max } = fieldLimits(type, key)
  if (min === undefined || max === undefined) throw new Error(`${type}.${key}: the schema sets no range`)
  return { min, max }
}

function maxLength(type: DocType, key: string): number {
  const max = fieldLimits(type, key).maxLength
  if (max === undefined) throw new Error(`${type}.${key}: the schema sets no length`)
  return max
}

function integer(type: DocType, key: string): (text: string) => Parsed {
  const { min, max } = range(type, key)
  return (text) => {
    const n = parseNumberCell(text)
    if (Number.isNaN(n)) return { ok: false, code: 'badNumber', params: { got: text } }
    if (!Number.isInteger(n)) return { ok: false, code: 'notWhole', params: { got: text } }
    if (n < min || n > max) return { ok: false, code: 'outOfRange', params: { min, max, got: text } }
    return ok(n)
  }
}

function decimal(type: DocType, key: string): (text: string) => Parsed {
  const { min, max } = range(type, key)
  return (text) => {
    const n = parseNumberCell(text)
    if (Number.isNaN(n)) return { ok: false, code: 'badNumber', params: { got: text } }
    if (n < min || n > max) return { ok: false, code: 'outOfRange', params: { min, max, got: text } }
    return ok(n)
  }
}

function name(type: DocType, key: string): (text: string) => Parsed {
  const max = maxLength(type, key)
  return (text) => (text.length > max ? { ok: false, code: 'tooLong', params: { max } } : ok(text))
}

/** House and plot numbers: Thai digits read as Arabic, runs of spaces as one. */
function houseNo(type: DocType, key: string): (text: string) => Parsed {
  const max = maxLength(type, key)
  return (text) => (text.length > max ? { ok: false, code: 'tooLong', params: { max } } : ok(arabicDigits(text).replace(/\s+/g, ' ')))
}

const date = (text: string): Parsed => {
  const d = parseDateCell(text)
  return d ? ok(d) : { ok: false, code: 'badDate', params: { got: text } }
}

const kind = (text: string): Parsed => {
  const s = text.trim().toUpperCase()
  return s === 'HLM' || s === 'CLM' ? ok(s) : { ok: false, code: 'badKind', params: { got: text } }
}

export const FIELDS: Record<ImportKind, FieldSpec[]> = {
  villages: [
    { key: 'code', headers: ['รหัสหมู่บ้าน', 'village_code', 'villagecode', 'code'], required: true, parse: code(8) },
    { key: 'moo', headers: ['หมู่ที่', 'หมู่', 'moo', 'village_no'], required: true, parse: integer('village', 'moo') },
    { key: 'name', headers: ['ชื่อหมู่บ้าน', 'village_name', 'name'], required: true, parse: name('village', 'name') },
    { key: 'tambonCode', headers: ['รหัสตำบล', 'tambon_code', 'subdistrict_code'], required: false, parse: code(6) },
    { key: 'tambonName', headers: ['ชื่อตำบล', 'tambon_name', 'subdistrict_name', 'tambon'], required: true, parse: name('village', 'tambonName') },
  ],
  households: [
    { key: 'villageCode', headers: ['รหัสหมู่บ้าน', 'village_code', 'villagecode'], required: true, parse: code(8) },
    { key: 'houseId', headers: ['บ้านเลขที่', 'house_no', 'house_id', 'houseno'], required: true, parse: houseNo('household', 'houseId') },
    { key: 'headName', headers: ['ชื่อหัวหน้าครัวเรือน', 'ชื่อ-สกุลหัวหน้าครัวเรือน', 'head_name', 'head_of_household'], required: true, parse: name('household', 'headName') },
    { key: 'targetPersons', headers: ['จำนวนคนเป้าหมาย', 'target_persons', 'persons'], required: true, parse: integer('household', 'targetPersons') },
    { key: 'verifiedOn', headers: ['วันที่รับรองข้อมูล', 'วันที่ตรวจสอบรับรอง', 'verified_on'], required: false, parse: date },
  ],
  plots: [
    { key: 'kind', headers: ['ประเภทแปลง', 'plot_type', 'kind', 'type'], required: true, parse: kind },
    { key: 'plotNo', headers: ['เลขที่แปลง', 'plot_no', 'plot_number'], required: true, parse: houseNo('plot', 'plotNo') },
    { key: 'tambonCode', headers: ['รหัสตำบล', 'tambon_code', 'subdistrict_code'], required: true, parse: code(6) },
    { key: 'villageCode', headers: ['รหัสหมู่บ้าน', 'village_code'], required: false, parse: code(8) },
    { key: 'ownerName', headers: ['ชื่อเจ้าของแปลง', 'owner_name', 'owner'], required: false, parse: name('plot', 'ownerName') },
    { key: 'areaRai', headers: ['พื้นที่ (ไร่)', 'พื้นที่', 'area_rai', 'area'], required: false, parse: decimal('plot', 'areaRai') },
  ],
}

/** Headers compare without case, spaces, BOM or punctuation: "พื้นที่ (ไร่)" = "พื้นที่(ไร่)", "Village Code" = "village_code". */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-().:/]+/g, '')
}

/** Columns that would bring personal identifiers the app must never keep (DESIGN.md: no national ID numbers). */
const PERSONAL_ID = /เลขบัตร|เลขประจำตัวประชาชน|บัตรประชาชน|nationalid|citizenid|idcard|pid$/

/** Guesses the list from its headers (the user can still change it). */
export function detectKind(headerRow: readonly unknown[]): ImportKind {
  const h = new Set(headerRow.map((c) => normalizeHeader(cellText(c))))
  const has = (kind: ImportKind, key: string) => FIELDS[kind].find((f) => f.key === key)!.headers.some((x) => h.has(normalizeHeader(x)))
  if (has('plots', 'plotNo') || has('plots', 'kind')) return 'plots'
  if (has('households', 'houseId') || has('households', 'targetPersons')) return 'households'
  return 'villages'
}

const isBlank = (row: readonly unknown[]) => row.every((c) => cellText(c) === '')

/** Cells (rows of cells, as papaparse or read-excel-file give them) → records and issues. */
export function parseImport(kind: ImportKind, cells: readonly (readonly unknown[])[]): ImportResult {
  const issues: ImportIssue[] = []
  const error = (row: number, column: string | undefined, code: IssueCode, params?: ImportIssue['params']) =>
    issues.push({ row, ...(column !== undefined ? { column } : {}), code, ...(params ? { params } : {}), severity: 'error' })
  const headerIndex = cells.findIndex((r) => !isBlank(r))
  if (headerIndex < 0) {
    error(0, undefined, 'empty')
    return { kind, records: [], issues, dataRows: 0 }
  }
  const headerRow = cells[headerIndex]!.map(cellText)
  const fields = FIELDS[kind]
  const columnOf = new Map<string, number>()
  headerRow.forEach((header, i) => {
    if (header === '') return
    const norm = normalizeHeader(header)
    const field = fields.find((f) => f.headers.some((x) => normalizeHeader(x) === norm))
    if (field && !columnOf.has(field.key)) columnOf.set(field.key, i)
    else if (PERSONAL_ID.test(norm)) issues.push({ row: headerIndex + 1, column: header, code: 'personalId', severity: 'warning' })
    else if (!field) issues.push({ row: headerIndex + 1, column: header, code: 'unknownColumn', severity: 'warning' })
  })
  const missing = fields.filter((f) => f.required && !columnOf.has(f.key))
  for (const f of missing) error(headerIndex + 1, f.headers[0], 'missingColumn', { english: f.headers.find((x) => /^[a-z_]+$/.test(x)) ?? f.key, found: headerRow.filter(Boolean).join(', ') })
  if (missing.length > 0) return { kind, records: [], issues, dataRows: 0 }

  const records: ImportRecord[] = []
  const firstRowOfId = new Map<string, number>()
  const duplicateIds = new Set<string>()
  let dataRows = 0
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const row = cells[i]!
    if (isBlank(row)) continue
    dataRows += 1
    const rowNo = i + 1
    const values: Record<string, unknown> = {}
    let bad = false
    for (const f of fields) {
      const col = columnOf.get(f.key)
      if (col === undefined) continue
      const text = cellText(row[col])
      const header = headerRow[col]!
      if (text === '') {
        if (f.required) {
          error(rowNo, header, 'required')
          bad = true
        }
        continue
      }
      const parsed = f.parse(text)
      if (parsed.ok) values[f.key] = parsed.value
      else {
        error(rowNo, header, parsed.code, parsed.params)
        bad = true
      }
    }
    if (bad) continue
    const record = toRecord(kind, values, rowNo, headerRow, columnOf, error)
    if (!record) continue
    const first = firstRowOfId.get(record.id)
    if (first !== undefined) {
      const keyColumns = kind === 'villages' ? ['code'] : kind === 'households' ? ['villageCode', 'houseId'] : ['tambonCode', 'plotNo']
      error(rowNo, keyColumns.map((k) => headerRow[columnOf.get(k)!]).join(' + '), 'duplicate', { first, row: rowNo, id: record.id })
      duplicateIds.add(record.id)
      continue
    }
    firstRowOfId.set(record.id, rowNo)
    records.push(record)
  }
  if (dataRows === 0) error(headerIndex + 1, undefined, 'noRows')
  // Which of two rows with one id is right cannot be known: neither is imported.
  return { kind, records: records.filter((r) => !duplicateIds.has(r.id)), issues, dataRows }
}

function toRecord(
  kind: ImportKind,
  v: Record<string, unknown>,
  row: number,
  headerRow: string[],
  columnOf: Map<string, number>,
  error: (row: number, column: string | undefined, code: IssueCode, params?: ImportIssue['params']) => void,
): ImportRecord | undefined {
  const header = (key: string) => headerRow[columnOf.get(key)!]
  if (kind === 'villages') {
    const code = v.code as string
    if (v.tambonCode !== undefined && !code.startsWith(v.tambonCode as string)) {
      error(row, header('tambonCode'), 'mismatch', { code, tambon: v.tambonCode as string })
      return undefined
    }
    const values = { code, moo: v.moo, name: v.name, tambonCode: code.slice(0, 6), tambonName: v.tambonName }
    return { row, type: 'village', id: villageId(code), district: code.slice(0, 4), values }
  }
  if (kind === 'households') {
    const villageCode = v.villageCode as string
    const values: Record<string, unknown> = { villageCode, houseId: v.houseId, headName: v.headName, targetPersons: v.targetPersons, inTpmap: true }
    if (v.verifiedOn !== undefined) values.verifiedOn = v.verifiedOn as ISODate
    return { row, type: 'household', id: householdId(villageCode, v.houseId as string), district: villageCode.slice(0, 4), values }
  }
  const tambonCode = v.tambonCode as string
  if (v.villageCode !== undefined && !(v.villageCode as string).startsWith(tambonCode)) {
    error(row, header('villageCode'), 'mismatch', { code: v.villageCode as string, tambon: tambonCode })
    return undefined
  }
  // DESIGN.md: an HLM plot is a household plot of at most 3 rai; CLM sites are larger.
  if (v.kind === 'HLM' && typeof v.areaRai === 'number' && v.areaRai > 3) {
    error(row, header('areaRai'), 'outOfRange', { min: 0, max: 3, got: String(v.areaRai) })
    return undefined
  }
  const values: Record<string, unknown> = { kind: v.kind, plotNo: v.plotNo, tambonCode }
  for (const k of ['villageCode', 'ownerName', 'areaRai']) if (v[k] !== undefined) values[k] = v[k]
  return { row, type: 'plot', id: plotId(tambonCode, v.plotNo as string), district: tambonCode.slice(0, 4), values }
}

// ── Diff against what exists ────────────────────────────────────────────────────────────────────

export interface ImportPlan {
  create: ImportRecord[]
  update: { record: ImportRecord; changed: string[] }[]
  unchanged: ImportRecord[]
}

/** The imported fields of the existing docs, by doc id (from the read model's rows). */
export function existingFromRows(villages: readonly VillageRow[], households: readonly HouseholdRow[], plots: readonly PlotRow[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  for (const v of villages) out.set(villageId(v.code), { code: v.code, moo: v.moo, name: v.name, tambonCode: v.tambonCode, tambonName: v.tambonName })
  for (const h of households) out.set(h.id, { villageCode: h.villageCode, houseId: h.houseId, headName: h.headName, targetPersons: h.targetPersons, inTpmap: h.inTpmap, verifiedOn: h.verifiedOn })
  for (const p of plots) out.set(p.id, { kind: p.kind, plotNo: p.plotNo, tambonCode: p.tambonCode, villageCode: p.villageCode, ownerName: p.ownerName, areaRai: p.areaRai })
  return out
}

/** Create what is new, update what differs (naming the fields), leave the rest untouched. */
export function diffImport(records: readonly ImportRecord[], existing: ReadonlyMap<string, Record<string, unknown>>): ImportPlan {
  const plan: ImportPlan = { create: [], update: [], unchanged: [] }
  for (const record of records) {
    const old = existing.get(record.id)
    if (!old) {
      plan.create.push(record)
      continue
    }
    const changed = Object.keys(record.values).filter((k) => record.values[k] !== old[k])
    if (changed.length > 0) plan.update.push({ record, changed })
    else plan.unchanged.push(record)
  }
  return plan
}

// ── Apply ───────────────────────────────────────────────────────────────────────────────────────

export type SaveFn = (type: ImportRecord['type'], values: Record<string, unknown>, id: string) => Promise<unknown>

export interface ApplyResult {
  saved: number
  failed: { row: number; id: string; message: string }[]
}

/**
 * Saves the plan's creates and updates, each through the save function of its district's db (`saveFor`
 * returns undefined when this device holds no db for the district: those rows fail, they are never sent
 * to another district's db). Unchanged rows are not saved again.
 */
export async function applyImport(plan: ImportPlan, saveFor: (district: string) => SaveFn | undefined, onProgress?: (done: number, total: number) => void): Promise<ApplyResult> {
  const todo = [...plan.create, ...plan.update.map((u) => u.record)]
  const result: ApplyResult = { saved: 0, failed: [] }
  let done = 0
  for (const record of todo) {
    const save = saveFor(record.district)
    try {
      if (!save) throw new Error(`no database for district ${record.district} on this device`)
      await save(record.type, record.values, record.id)
      result.saved += 1
    } catch (e) {
      result.failed.push({ row: record.row, id: record.id, message: e instanceof Error ? e.message : String(e) })
    }
    done += 1
    if (onProgress && (done % 25 === 0 || done === todo.length)) onProgress(done, todo.length)
  }
  return result
}
