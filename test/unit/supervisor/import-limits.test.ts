import { describe, expect, it } from 'vitest'
import { FIELDS, parseImport, type ImportKind } from '../../../src/exchange/import'
import { docSchemaFor, SCHEMA_VERSION, type DocType } from '../../../src/schema/docs'

// The import's cell checks and the zod schemas must agree at every limit: a cell the import accepts
// saves, a cell one past the limit is refused by both (before, the import restated the numbers).
const TYPE: Record<ImportKind, DocType> = { villages: 'village', households: 'household', plots: 'plot' }
const VALID: Record<ImportKind, Record<string, string>> = {
  villages: { code: '43010101', moo: '1', name: 'บ้านหนอง', tambonName: 'ในเมือง' },
  households: { villageCode: '43010101', houseId: '12', headName: 'นางบุญมี', targetPersons: '3' },
  plots: { kind: 'CLM', plotNo: '7', tambonCode: '430101', ownerName: 'นายดี', areaRai: '12' },
}
// Each limit as the schema states it, written out by hand: if either side moves, this test fails.
const EDGES: [ImportKind, string, string, string][] = [
  ['villages', 'moo', '99', '100'],
  ['villages', 'moo', '0', '-1'],
  ['villages', 'name', 'ก'.repeat(120), 'ก'.repeat(121)],
  ['villages', 'tambonName', 'ก'.repeat(120), 'ก'.repeat(121)],
  ['households', 'houseId', '1'.repeat(40), '1'.repeat(41)],
  ['households', 'headName', 'ก'.repeat(120), 'ก'.repeat(121)],
  ['households', 'targetPersons', '50', '51'],
  ['households', 'targetPersons', '0', '-1'],
  ['plots', 'plotNo', '1'.repeat(40), '1'.repeat(41)],
  ['plots', 'ownerName', 'ก'.repeat(120), 'ก'.repeat(121)],
  ['plots', 'areaRai', '1000', '1000.5'],
  ['plots', 'areaRai', '0', '-0.5'],
]

const envelope = (id: string, district: string) => ({ _id: id, schema: SCHEMA_VERSION, district, createdBy: 'sup43', createdAt: '2022-01-01T00:00:00.000Z', updatedBy: 'sup43', updatedAt: '2022-01-01T00:00:00.000Z', device: 'd' })

function importOne(kind: ImportKind, row: Record<string, string>) {
  const fields = FIELDS[kind].filter((f) => f.key in row)
  const result = parseImport(kind, [fields.map((f) => f.headers[0]!), fields.map((f) => row[f.key]!)])
  const record = result.records[0]
  const zodOk = record ? docSchemaFor(TYPE[kind]).safeParse({ ...envelope(record.id, record.district), type: TYPE[kind], ...record.values }).success : undefined
  return { accepted: result.issues.filter((i) => i.severity === 'error').length === 0 && !!record, zodOk }
}

describe('import limits are the schema limits', () => {
  it.each(Object.keys(VALID) as ImportKind[])('a valid %s row imports and saves', (kind) => {
    expect(importOne(kind, VALID[kind])).toEqual({ accepted: true, zodOk: true })
  })

  it.each(EDGES)('%s.%s: %j accepted and saved, %j refused', (kind, key, atLimit, past) => {
    expect(importOne(kind, { ...VALID[kind], [key]: atLimit }), 'at the limit').toEqual({ accepted: true, zodOk: true })
    expect(importOne(kind, { ...VALID[kind], [key]: past }).accepted, 'past the limit').toBe(false)
    // …and the schema refuses the same value, so the import is not merely stricter than the save.
    const numeric = typeof importedValues(kind)[key] === 'number'
    const doc = { ...envelope('x', '4301'), type: TYPE[kind], ...importedValues(kind), [key]: numeric ? Number(past) : past }
    expect(docSchemaFor(TYPE[kind]).safeParse(doc).success, 'schema past the limit').toBe(false)
  })
})

function importedValues(kind: ImportKind): Record<string, unknown> {
  const fields = FIELDS[kind].filter((f) => f.key in VALID[kind])
  return parseImport(kind, [fields.map((f) => f.headers[0]!), fields.map((f) => VALID[kind][f.key]!)]).records[0]!.values
}
