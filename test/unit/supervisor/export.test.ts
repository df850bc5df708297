import Papa from 'papaparse'
import { readSheet } from 'read-excel-file/universal'
import { describe, expect, it } from 'vitest'
import { escapeFormula, beDate } from '../../../src/exchange/cells'
import { complaintsTable, householdsTable, plotsTable, progressTable, scoresTable } from '../../../src/exchange/export'
import { toCsv, toXlsx, safeCells, type Table } from '../../../src/exchange/files'
import { parseImport } from '../../../src/exchange/import'
import { scoreMissions } from '../../../src/scoring'
import type { ComplaintRow } from '../../../src/store/local-db'
import { buildScoreInput } from '../../../src/store/score-input'
import { villageProgress } from '../../../src/store/village-progress'
import { household, plot, village } from './rows'

const villages = [village('43010101', 1, 'โนนสว่าง')]
const households = [
  household('43010101', '12/1', { headName: '=HYPERLINK("http://x","คลิก")', targetPersons: 3, verifiedOn: '2021-12-20', planOn: '2021-12-25', visits: ['2022-01-03'] }),
  household('43010101', '2', { headName: '+66 81 234 5678', targetPersons: 2 }),
  household('43010101', '3', { headName: '@SUM(A1)', targetPersons: 1, verifiedOn: '2022-01-05' }),
  household('43010101', '4', { headName: '-นายลบ', targetPersons: 1 }),
  household('43010101', '5', { headName: '\tแท็บ', targetPersons: 1 }),
]
const complaints: ComplaintRow[] = [
  { id: 'complaint:1', district: '4301', tambonCode: '430101', subject: '\rCR นำหน้า', channel: 'phone', receivedOn: '2022-02-10', resolvedOn: '2022-02-13', open: 0, conflicted: 0 },
]
const asOf = '2022-06-30'

async function csvRoundTrip(table: Table): Promise<string[][]> {
  const text = await toCsv(table)
  expect(text.startsWith('\uFEFF')).toBe(true)
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data
}

async function xlsxRoundTrip(table: Table): Promise<unknown[][]> {
  const blob = await toXlsx(table)
  return (await readSheet(await blob.arrayBuffer())) as unknown[][]
}

describe('export', () => {
  it('escapes every cell a spreadsheet would run as a formula, and nothing else', () => {
    for (const s of ['=1+1', '+66', '-5', '@x', '\tx', '\rx']) expect(escapeFormula(s)).toBe(`'${s}`)
    for (const s of ['1+1', 'นาย=ก', '', '12/1']) expect(escapeFormula(s)).toBe(s)
  })

  it('households round-trip through papaparse: Thai headers, BE dates, escaped formulas, numbers', async () => {
    const table = householdsTable(households, villages, asOf)
    const rows = await csvRoundTrip(table)
    expect(rows[0]!.slice(0, 7)).toEqual(['รหัสหมู่บ้าน', 'หมู่ที่', 'ชื่อหมู่บ้าน', 'ชื่อตำบล', 'บ้านเลขที่', 'ชื่อหัวหน้าครัวเรือน', 'จำนวนคนเป้าหมาย'])
    const byHouse = new Map(rows.slice(1).map((r) => [r[4], r]))
    expect(byHouse.get('12/1')!.slice(5, 11)).toEqual(['\'=HYPERLINK("http://x","คลิก")', '3', 'ใช่', '20/12/2564', '25/12/2564', '1'])
    expect(byHouse.get('12/1')!.at(-1)).toBe('มีแผนครัวเรือนแล้ว')
    expect(byHouse.get('2')![5]).toBe("'+66 81 234 5678")
    expect(byHouse.get('3')![5]).toBe("'@SUM(A1)")
    expect(byHouse.get('4')![5]).toBe("'-นายลบ")
    expect(byHouse.get('5')![5]).toBe("'\tแท็บ")
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array(5).fill('43010101'))
    // An exported list imports again: same ids, BE dates read back.
    const again = parseImport('households', [table.headers, ...table.rows])
    expect(again.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(again.records.map((r) => r.id)).toEqual(['household:43010101:2', 'household:43010101:3', 'household:43010101:4', 'household:43010101:5', 'household:43010101:12/1'].sort((a, b) => a.localeCompare(b, 'th', { numeric: true })))
    expect(again.records.find((r) => r.id === 'household:43010101:12/1')!.values.verifiedOn).toBe('2021-12-20')
  })

  it('the same table round-trips through read-excel-file, with text cells kept as text and numbers as numbers', async () => {
    const table = householdsTable(households, villages, asOf)
    const sheet = await xlsxRoundTrip(table)
    expect(sheet).toEqual(safeCells(table).map((r) => r.map((c) => (c === '' ? null : c))))
    expect(typeof sheet[1]![6]).toBe('number')
    expect(typeof sheet[1]![0]).toBe('string')
  })

  it('plots, complaints, village progress and mission scores: CSV and XLSX agree with the table', async () => {
    const plots = [plot('HLM', '430101', '001', '43010101', [{ on: '2022-03-01', success: true }]), plot('CLM', '430101', 'C1', undefined)]
    const progress = villageProgress({ villages, households, plots, complaints }, asOf)
    const scores = scoreMissions(buildScoreInput({ households, plots, complaints, posts: [], reports: [], facts: [], villages }, { asOf, area: '4301' }))
    const tables = [plotsTable(plots, asOf), complaintsTable(complaints, asOf), progressTable(progress), scoresTable(scores, '4301', asOf)]
    for (const table of tables) {
      const expected = safeCells(table).map((r) => r.map((c) => (c === null ? '' : String(c))))
      expect(await csvRoundTrip(table), table.name).toEqual(expected)
      expect(await xlsxRoundTrip(table), table.name).toEqual(safeCells(table).map((r) => r.map((c) => (c === '' ? null : c))))
    }
    expect(tables[0]!.rows[0]).toEqual(['HLM', '001', '430101', '43010101', '', null, '01/03/2565', 'ประสบผลสำเร็จ'])
    expect(tables[1]!.rows[0]).toEqual(['10/02/2565', 'phone', '\rCR นำหน้า', '430101', '', '13/02/2565', 3, 'แก้ไขแล้ว'])
    expect((await csvRoundTrip(tables[1]!))[1]![2]).toBe("'\rCR นำหน้า")
    const m1Total = tables[3]!.rows.find((r) => String(r[2]).startsWith('1.') && r[3] === 'รวม')!
    expect(m1Total[1]).toBe(beDate(asOf))
    expect(m1Total[8]).toBe(scores[0]!.level)
  })
})
