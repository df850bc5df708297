import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import writeExcelFile from 'write-excel-file/universal'
import { applyImport, detectKind, diffImport, parseImport, type ImportKind, type ImportRecord } from '../../../src/exchange/import'
import { readCells } from '../../../src/exchange/files'
import { parseDateCell } from '../../../src/exchange/cells'
import type { HouseholdRow, PlotRow, VillageRow } from '../../../src/store/local-db'

const DIR = 'test/fixtures/import'

async function load(file: string, kind?: ImportKind) {
  const bytes = new Uint8Array(readFileSync(`${DIR}/${file}`))
  const cells = await readCells(file, bytes)
  return parseImport(kind ?? detectKind(cells.find((r) => r.some((c) => String(c ?? '').trim() !== '')) ?? []), cells)
}

const errorsOf = (r: { issues: { severity: string; row: number; column?: string; code: string; params?: unknown }[] }) =>
  r.issues.filter((i) => i.severity === 'error').map(({ row, column, code, params }) => ({ row, column, code, ...(params ? { params } : {}) }))

describe('import: good files', () => {
  it('villages with Thai headers, a BOM, Thai digits and a blank line', async () => {
    const r = await load('villages-good.csv')
    expect(r.kind).toBe('villages')
    expect(r.issues).toEqual([])
    expect(r.dataRows).toBe(4)
    expect(r.records.map((x) => [x.row, x.id, x.district])).toEqual([
      [2, 'village:43010101', '4301'],
      [3, 'village:43010102', '4301'],
      [5, 'village:43010201', '4301'],
      [6, 'village:43020101', '4302'],
    ])
    expect(r.records[1]!.values).toEqual({ code: '43010102', moo: 2, name: 'บ้านหนองแวง', tambonCode: '430101', tambonName: 'ในเมือง' })
  })

  it('households with Buddhist-Era dates (Thai digits too), a quoted comma, and a national-ID column that is never kept', async () => {
    const r = await load('households-good.csv')
    expect(r.kind).toBe('households')
    expect(errorsOf(r)).toEqual([])
    expect(r.issues).toEqual([{ row: 1, column: 'เลขบัตรประชาชน', code: 'personalId', severity: 'warning' }])
    expect(r.records.map((x) => x.id)).toEqual(['household:43010101:12/1', 'household:43010101:15', 'household:43010102:7', 'household:43020101:101'])
    expect(r.records[0]!.values).toEqual({ villageCode: '43010101', houseId: '12/1', headName: 'นายสมชาย ใจดี', targetPersons: 3, inTpmap: true, verifiedOn: '2021-12-20' })
    expect(r.records[1]!.values).toMatchObject({ targetPersons: 4, verifiedOn: '2022-01-05' })
    expect(r.records[2]!.values).not.toHaveProperty('verifiedOn')
    expect(r.records[3]!.values).toMatchObject({ headName: 'นายเอ, บี', verifiedOn: '2021-12-31' })
    expect(JSON.stringify(r.records)).not.toContain('1234567890123')
    expect(r.records[3]!.district).toBe('4302')
  })

  it('English headers in another order; an unknown column is a warning', async () => {
    const r = await load('households-english.csv')
    expect(r.kind).toBe('households')
    expect(r.issues).toEqual([{ row: 1, column: 'remark', code: 'unknownColumn', severity: 'warning' }])
    expect(r.records[0]!.id).toBe('household:43010101:12/1')
  })

  it('plots: kind in any case, decimal Thai digits, CLM sites without a village', async () => {
    const r = await load('plots-good.csv')
    expect(r.kind).toBe('plots')
    expect(r.issues).toEqual([])
    expect(r.records.map((x) => [x.id, x.values.kind, x.values.areaRai, x.values.villageCode])).toEqual([
      ['plot:430101:001', 'HLM', 3, '43010101'],
      ['plot:430101:002', 'HLM', 1.5, '43010102'],
      ['plot:430101:C1', 'CLM', 15, undefined],
    ])
  })

  it('a Thai Windows-874 CSV (older Excel) reads the same', async () => {
    const r = await load('villages-windows-874.csv')
    expect(r.issues).toEqual([])
    expect(r.records[0]!.values).toEqual({ code: '43010101', moo: 1, name: 'บ้านโนนสว่าง', tambonCode: '430101', tambonName: 'ในเมือง' })
  })

  it('XLSX made with write-excel-file: Thai headers, numeric codes, a date cell and a BE text date', async () => {
    const blob = await writeExcelFile([
      ['รหัสหมู่บ้าน', 'บ้านเลขที่', 'ชื่อหัวหน้าครัวเรือน', 'จำนวนคนเป้าหมาย', 'วันที่รับรองข้อมูล'],
      [43010101, '12/1', 'นายสมชาย ใจดี', 3, { value: new Date(Date.UTC(2021, 11, 20)), type: Date, format: 'dd/mm/yyyy' }],
      [null, null, null, null, null],
      ['43010101', '15', 'นางสมศรี มีสุข', '๔', '05/01/2565'],
      ['4301010X', '16', 'นายผิด', 1, null],
    ]).toBlob()
    const bytes = new Uint8Array(await blob.arrayBuffer())
    const cells = await readCells('households.xlsx', bytes)
    const r = parseImport('households', cells)
    expect(r.records.map((x) => [x.row, x.id, x.values.targetPersons, x.values.verifiedOn])).toEqual([
      [2, 'household:43010101:12/1', 3, '2021-12-20'],
      [4, 'household:43010101:15', 4, '2022-01-05'],
    ])
    expect(errorsOf(r)).toEqual([{ row: 5, column: 'รหัสหมู่บ้าน', code: 'badCode', params: { digits: 8, got: '4301010X' } }])
  })
})

describe('import: bad files, row- and column-precise', () => {
  it('names the missing headers and lists what was found', async () => {
    const r = await load('households-wrong-headers.csv', 'households')
    expect(r.records).toEqual([])
    expect(errorsOf(r)).toEqual([
      { row: 1, column: 'ชื่อหัวหน้าครัวเรือน', code: 'missingColumn', params: { english: 'head_name', found: 'รหัสหมู่บ้าน, บ้านเลขที่, ชื่อ, จำนวนคน' } },
      { row: 1, column: 'จำนวนคนเป้าหมาย', code: 'missingColumn', params: { english: 'target_persons', found: 'รหัสหมู่บ้าน, บ้านเลขที่, ชื่อ, จำนวนคน' } },
    ])
    expect(r.issues.filter((i) => i.code === 'unknownColumn').map((i) => i.column)).toEqual(['ชื่อ', 'จำนวนคน'])
  })

  it('bad codes, numbers, dates, empty cells and duplicate ids (both rows named); blank lines counted', async () => {
    const r = await load('households-bad-rows.csv')
    expect(errorsOf(r)).toEqual([
      { row: 2, column: 'รหัสหมู่บ้าน', code: 'badCode', params: { digits: 8, got: '4301010' } },
      { row: 3, column: 'จำนวนคนเป้าหมาย', code: 'badNumber', params: { got: 'สาม' } },
      { row: 4, column: 'จำนวนคนเป้าหมาย', code: 'notWhole', params: { got: '2.5' } },
      { row: 5, column: 'จำนวนคนเป้าหมาย', code: 'outOfRange', params: { min: 0, max: 50, got: '99' } },
      { row: 6, column: 'วันที่รับรองข้อมูล', code: 'badDate', params: { got: '31/02/2565' } },
      { row: 8, column: 'ชื่อหัวหน้าครัวเรือน', code: 'required' },
      { row: 9, column: 'รหัสหมู่บ้าน + บ้านเลขที่', code: 'duplicate', params: { first: 7, row: 9, id: 'household:43010101:6' } },
    ])
    // Neither of two rows with one id is imported; the good row after the blank line (row 11) is.
    expect(r.records.map((x) => [x.row, x.id, x.values.verifiedOn])).toEqual([[11, 'household:43010102:1', '2021-10-01']])
    expect(r.dataRows).toBe(9)
  })

  it('plots: bad kind, an HLM plot over 3 rai, a village outside the sub-district, duplicates', async () => {
    const r = await load('plots-bad.csv')
    expect(errorsOf(r)).toEqual([
      { row: 2, column: 'ประเภทแปลง', code: 'badKind', params: { got: 'XLM' } },
      { row: 3, column: 'พื้นที่ (ไร่)', code: 'outOfRange', params: { min: 0, max: 3, got: '4.5' } },
      { row: 4, column: 'รหัสหมู่บ้าน', code: 'mismatch', params: { code: '43020101', tambon: '430101' } },
      { row: 6, column: 'รหัสตำบล + เลขที่แปลง', code: 'duplicate', params: { first: 5, row: 6, id: 'plot:430101:9' } },
    ])
    expect(r.records).toEqual([])
  })

  it('an empty file, a file of blank lines, a header with no rows', async () => {
    expect(errorsOf(await load('empty.csv', 'villages'))).toEqual([{ row: 0, code: 'empty' }])
    expect(errorsOf(await load('blank-lines-only.csv', 'villages'))).toEqual([{ row: 0, code: 'empty' }])
    const r = await load('header-only.csv')
    expect(r.kind).toBe('households')
    expect(errorsOf(r)).toEqual([{ row: 1, code: 'noRows' }])
  })

  it('reads Buddhist-Era and Gregorian dates, and refuses what is not a real day', () => {
    expect(parseDateCell('20/01/2565')).toBe('2022-01-20')
    expect(parseDateCell('๒๐/๑/๒๕๖๕')).toBe('2022-01-20')
    expect(parseDateCell('2565-01-20')).toBe('2022-01-20')
    expect(parseDateCell('2022-01-20')).toBe('2022-01-20')
    expect(parseDateCell('29/02/2566')).toBeUndefined()
    expect(parseDateCell('29/02/2567')).toBe('2024-02-29')
    expect(parseDateCell('tomorrow')).toBeUndefined()
  })
})

describe('import: preview and re-import', () => {
  /** A fake district db: what was saved, by id, with a counter of saves. */
  function fakeDbs() {
    const docs = new Map<string, Record<string, unknown>>()
    const saves: string[] = []
    const saveFor = (district: string) =>
      district === '4302'
        ? undefined
        : async (_type: ImportRecord['type'], values: Record<string, unknown>, id: string) => {
            saves.push(id)
            docs.set(id, { ...(docs.get(id) ?? {}), ...values, district })
          }
    return { docs, saves, saveFor }
  }

  it('creates, then re-importing the same file creates nothing and saves nothing; a changed row is one update', async () => {
    const r = await load('households-good.csv')
    const db = fakeDbs()
    const plan1 = diffImport(r.records, db.docs)
    expect([plan1.create.length, plan1.update.length, plan1.unchanged.length]).toEqual([4, 0, 0])
    const applied = await applyImport(plan1, db.saveFor)
    // District 4302 is not on this device: its row fails, it is never written to another district's db.
    expect(applied.saved).toBe(3)
    expect(applied.failed).toEqual([{ row: 5, id: 'household:43020101:101', message: 'no database for district 4302 on this device' }])
    expect(db.docs.get('household:43010101:12/1')).toMatchObject({ district: '4301', targetPersons: 3 })

    const again = await load('households-good.csv')
    const plan2 = diffImport(again.records, db.docs)
    expect(plan2.create.map((x) => x.id)).toEqual(['household:43020101:101'])
    expect(plan2.update).toEqual([])
    expect(plan2.unchanged.length).toBe(3)
    db.saves.length = 0
    await applyImport({ ...plan2, create: [] }, db.saveFor)
    expect(db.saves).toEqual([])
    expect(db.docs.size).toBe(3)

    const changed = again.records.map((x) => (x.row === 3 ? { ...x, values: { ...x.values, targetPersons: 5 } } : x))
    const plan3 = diffImport(changed, db.docs)
    expect(plan3.update.map((u) => [u.record.id, u.changed])).toEqual([['household:43010101:15', ['targetPersons']]])
  })
})

describe('import: through the real repository and read model', () => {
  it('re-importing the same file into PouchDB keeps every id and revision: nothing is saved twice', async () => {
    const { memoryRecordDb } = await import('../../support/memory-pouch')
    const { createRepository } = await import('../../../src/store/repository')
    const { project } = await import('../../../src/store/projector')
    const { existingFromRows } = await import('../../../src/exchange/import')
    const records = memoryRecordDb('import')
    const repository = createRepository({ records, author: { name: 'sup43', district: '4301' }, device: 'test' })
    const saveFor = (district: string) => (district === '4301' ? (type: ImportRecord['type'], values: Record<string, unknown>, id: string) => repository.save(type, values as never, { id }) : undefined)
    /** The read model's rows as the projector makes them from the db. */
    async function existing() {
      const all = await records.allDocs({ include_docs: true })
      const rows = all.rows.map((r) => project({ id: r.id, doc: r.doc as Record<string, unknown> }))
      const pick = <T,>(table: string) => rows.filter((p) => p.table === table).map((p) => (p as unknown as { row: T }).row)
      return existingFromRows(pick<VillageRow>('villages'), pick<HouseholdRow>('households'), pick<PlotRow>('plots'))
    }
    for (const file of ['villages-good.csv', 'households-good.csv', 'plots-good.csv']) {
      const r = await load(file)
      const first = await applyImport(diffImport(r.records, await existing()), saveFor)
      expect(first.saved, file).toBe(r.records.filter((x) => x.district === '4301').length)
    }
    const before = await records.allDocs()
    for (const file of ['villages-good.csv', 'households-good.csv', 'plots-good.csv']) {
      const plan = diffImport((await load(file)).records, await existing())
      expect(plan.update, file).toEqual([])
      const again = await applyImport({ ...plan, create: plan.create.filter((x) => x.district === '4301') }, saveFor)
      expect(again.saved, file).toBe(0)
    }
    const after = await records.allDocs()
    expect(after.rows.map((r) => [r.id, r.value.rev])).toEqual(before.rows.map((r) => [r.id, r.value.rev]))
    expect(after.rows.map((r) => r.id)).toEqual(expect.arrayContaining(['village:43010101', 'household:43010101:12/1', 'plot:430101:C1']))
    await records.destroy()
  })
})
