import { describe, expect, it } from 'vitest'
import { formatCsvProblem, parseUsersCsv, rolesFor } from '../../../couch/users-csv'

describe('parseUsersCsv', () => {
  it('reads officers and supervisors', () => {
    const result = parseUsersCsv('name,password,role,area\noff4301,secret,officer,4301\nsup43,secret,supervisor,43\n')
    expect(result).toEqual({
      ok: true,
      users: [
        { name: 'off4301', password: 'secret', role: 'officer', area: '4301' },
        { name: 'sup43', password: 'secret', role: 'supervisor', area: '43' },
      ],
    })
  })

  it('tolerates a BOM, CRLF, blank lines, header case and spaces around cells', () => {
    const result = parseUsersCsv('\uFEFFName, Password ,ROLE,area\r\n\r\n off4302 ,secret,officer, 4302 \r\n')
    expect(result).toEqual({ ok: true, users: [{ name: 'off4302', password: 'secret', role: 'officer', area: '4302' }] })
  })

  it('names the row and column of each bad cell', () => {
    const result = parseUsersCsv(
      'name,password,role,area\n' +
        'off4301,secret,officer,4301\n' +
        'Bad Name,secret,officer,4301\n' +
        'off4302,123,officer,4302\n' +
        'boss,secret,boss,43\n' +
        'off4305,secret,officer,43\n' +
        'off4301,secret,officer,4301\n',
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map(formatCsvProblem)).toEqual([
      'row 3, column name: expected lower-case letters, digits, ".", "_" or "-" (got "Bad Name")',
      'row 4, column password: must be at least 6 characters',
      'row 5, column role: expected officer or supervisor (got "boss")',
      'row 6, column area: an officer\'s area is a 4-digit district code (got "43")',
      'row 7, column name: duplicate of row 2',
    ])
  })

  it('refuses a missing or unknown column in the header', () => {
    const result = parseUsersCsv('name,pass,role,area\nx,secret,officer,4301\n')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map(formatCsvProblem)).toEqual([
      'row 1, column password: missing column (header must be name,password,role,area)',
      'row 1, column pass: unknown column',
    ])
  })

  it('reports rows with too few or too many fields', () => {
    const result = parseUsersCsv('name,password,role,area\noff4301,secret,officer\n')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]).toMatchObject({ row: 2 })
  })
})

describe('rolesFor', () => {
  it('gives the design’s roles', () => {
    expect(rolesFor({ role: 'officer', area: '4301' })).toEqual(['district:4301'])
    expect(rolesFor({ role: 'supervisor', area: '43' })).toEqual(['province:43', 'supervisor'])
    expect(rolesFor({ role: 'supervisor', area: '4301' })).toEqual(['district:4301', 'supervisor'])
  })
})
