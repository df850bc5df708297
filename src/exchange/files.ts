import type { SheetData } from 'write-excel-file/universal'
import { BOM, escapeFormula, stripBom } from './cells'

/*
 * Files ↔ cells. The CSV and XLSX libraries are imported on first use (dynamic import), so they load in
 * their own chunks and only when someone imports or exports. The `universal` entries of read-excel-file
 * and write-excel-file work on Blob/ArrayBuffer in the browser and in Node alike, so the tests run this
 * same code.
 */

export type Cell = string | number | null

export interface Table {
  /** File name without extension. */
  name: string
  headers: string[]
  rows: Cell[][]
  /** Lines above the header (e.g. that the figures are incomplete): one cell each. */
  notes?: string[]
}

/** Text of a CSV file: UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Thai Windows-874 (TIS-620), as older Excel saves it. */
export function decodeText(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes))
  } catch {
    return new TextDecoder('windows-874').decode(bytes)
  }
}

export function isXlsx(fileName: string): boolean {
  return /\.xlsx$/i.test(fileName)
}

/** The first sheet (XLSX) or the CSV's rows, as rows of cells; blank lines kept so row numbers match the file. */
export async function readCells(fileName: string, data: ArrayBuffer | Uint8Array): Promise<unknown[][]> {
  if (isXlsx(fileName)) {
    const { readSheet } = await import('read-excel-file/universal')
    const buffer = data instanceof Uint8Array ? data.slice().buffer : data
    return (await readSheet(buffer)) as unknown[][]
  }
  return parseCsvText(decodeText(data))
}

export async function parseCsvText(text: string): Promise<string[][]> {
  const { default: Papa } = await import('papaparse')
  const result = Papa.parse<string[]>(stripBom(text), { skipEmptyLines: false })
  const rows = result.data
  // A final newline gives one empty row: not a line of the file.
  if (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop()
  return rows
}

/** Cells as they go into a file: text that a spreadsheet would run as a formula is escaped; numbers stay numbers. */
export function safeCells(table: Table): Cell[][] {
  const notes = (table.notes ?? []).map((n) => [escapeFormula(n)])
  return [...notes, table.headers.map(escapeFormula), ...table.rows.map((r) => r.map((c) => (typeof c === 'string' ? escapeFormula(c) : c)))]
}

/** CSV text with a BOM, so Excel opens the Thai as UTF-8. */
export async function toCsv(table: Table): Promise<string> {
  const { default: Papa } = await import('papaparse')
  return BOM + Papa.unparse(safeCells(table).map((r) => r.map((c) => (c === null ? '' : c))), { newline: '\r\n', escapeFormulae: false })
}

export async function toXlsx(table: Table): Promise<Blob> {
  const { default: writeExcelFile } = await import('write-excel-file/universal')
  // Text cells are typed String, so a spreadsheet never reads "0105" as a number or "=…" as a formula.
  const bold = (table.notes?.length ?? 0) + 1
  const data: SheetData = safeCells(table).map((r, i) => r.map((c) => (c === null ? null : typeof c === 'number' ? { value: c } : { value: c, type: String, ...(i < bold ? { fontWeight: 'bold' as const } : {}) })))
  return writeExcelFile(data, { sheet: table.name.slice(0, 31) }).toBlob()
}
