/**
 * The users list for provisioning: CSV with the header `name,password,role,area`, e.g.
 *   off4301,secret,officer,4301
 *   sup43,secret,supervisor,43
 * Pure: text in, rows or errors (naming row and column) out.
 */
import Papa from 'papaparse'

export type UserRole = 'officer' | 'supervisor'

export interface UserRow {
  name: string
  password: string
  role: UserRole
  /** 4-digit district code, or (supervisors only) 2-digit province code. */
  area: string
}

export interface CsvProblem {
  /** 1-based row as a spreadsheet shows it: the header is row 1, the first user row 2. */
  row: number
  column: string
  message: string
}

export type UsersCsvResult = { ok: true; users: UserRow[] } | { ok: false; problems: CsvProblem[] }

export const USER_COLUMNS = ['name', 'password', 'role', 'area'] as const

// CouchDB forbids names starting with `_` and names with `:`; lower-case ASCII keeps logins typeable
// on any phone keyboard.
const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/
const MIN_PASSWORD = 6

export function formatCsvProblem(p: CsvProblem): string {
  return `row ${p.row}, column ${p.column}: ${p.message}`
}

export function parseUsersCsv(text: string): UsersCsvResult {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  })
  const problems: CsvProblem[] = []
  const header = parsed.meta.fields ?? []
  for (const column of USER_COLUMNS) {
    if (!header.includes(column)) problems.push({ row: 1, column, message: `missing column (header must be ${USER_COLUMNS.join(',')})` })
  }
  for (const column of header) {
    if (!(USER_COLUMNS as readonly string[]).includes(column)) problems.push({ row: 1, column, message: 'unknown column' })
  }
  if (problems.length) return { ok: false, problems }

  for (const err of parsed.errors) {
    // Papa counts data rows from 0; the header is row 1.
    problems.push({ row: (err.row ?? 0) + 2, column: '(row)', message: err.message })
  }

  const users: UserRow[] = []
  const seen = new Map<string, number>()
  parsed.data.forEach((raw, index) => {
    const row = index + 2
    const cell = (column: string) => (raw[column] ?? '').trim()
    const name = cell('name')
    const password = raw.password ?? ''
    const role = cell('role')
    const area = cell('area')
    const before = problems.length
    if (!NAME_RE.test(name)) {
      problems.push({ row, column: 'name', message: `expected lower-case letters, digits, ".", "_" or "-" (got ${JSON.stringify(name)})` })
    } else if (seen.has(name)) {
      problems.push({ row, column: 'name', message: `duplicate of row ${seen.get(name)}` })
    } else {
      seen.set(name, row)
    }
    if (password.length < MIN_PASSWORD) {
      problems.push({ row, column: 'password', message: `must be at least ${MIN_PASSWORD} characters` })
    } else if (password.trim() !== password) {
      problems.push({ row, column: 'password', message: 'must not start or end with spaces' })
    }
    if (role !== 'officer' && role !== 'supervisor') {
      problems.push({ row, column: 'role', message: `expected officer or supervisor (got ${JSON.stringify(role)})` })
    } else if (role === 'officer' && !/^\d{4}$/.test(area)) {
      problems.push({ row, column: 'area', message: `an officer's area is a 4-digit district code (got ${JSON.stringify(area)})` })
    } else if (role === 'supervisor' && !/^\d{2}(\d{2})?$/.test(area)) {
      problems.push({ row, column: 'area', message: `a supervisor's area is a 2-digit province or 4-digit district code (got ${JSON.stringify(area)})` })
    }
    if (problems.length === before) users.push({ name, password, role: role as UserRole, area })
  })
  return problems.length ? { ok: false, problems } : { ok: true, users }
}

/** CouchDB roles for a user: their area's role, and `supervisor` for supervisors. */
export function rolesFor(user: Pick<UserRow, 'role' | 'area'>): string[] {
  const areaRole = user.area.length === 2 ? `province:${user.area}` : `district:${user.area}`
  return user.role === 'supervisor' ? [areaRole, 'supervisor'] : [areaRole]
}
