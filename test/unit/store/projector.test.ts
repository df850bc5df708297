import { describe, expect, it } from 'vitest'
import { clmSuccess, foldHousehold, foldPlot, parentOfChildId, project, tableForId } from '../../../src/store/projector'
import type { EventRow, HouseholdRow, PlotRow } from '../../../src/store/local-db'
import { validDocs } from '../../fixtures/docs'

const fixture = (name: string) => validDocs.find((d) => d.name === name)!.doc

describe('project(doc) → rows', () => {
  it('turns a household doc into its row, with the tambon from the village code', () => {
    const p = project({ id: 'household:43010101:12/1', doc: fixture('household verified, planned, failing income, surviving') })
    expect(p.table).toBe('households')
    if (p.table !== 'households') return
    expect(p.row).toMatchObject({ id: 'household:43010101:12/1', villageCode: '43010101', tambonCode: '430101', targetPersons: 4, verifiedOn: '2021-12-20', visits: [], conflicted: 0 })
  })

  it('marks a doc with conflicting revisions', () => {
    const p = project({ id: 'x', doc: { ...fixture('open complaint'), _conflicts: ['2-abc'] } })
    expect(p.table === 'complaints' && p.row.conflicted).toBe(1)
    expect(p.table === 'complaints' && p.row.open).toBe(1)
  })

  it('makes an event row for an append-only observation, with its parent', () => {
    const p = project({ id: 'v', doc: fixture('mentor visit') })
    expect(p).toMatchObject({ table: 'events', row: { parentId: 'household:43010101:12', type: 'mentor-visit', on: '2022-01-05' } })
    const a = project({ id: 'a', doc: fixture('CLM assessment') })
    expect(a).toMatchObject({ table: 'events', row: { type: 'plot-assessment', summary: { kind: 'CLM', success: true } } })
  })

  it('sets a malformed doc aside as a problem naming the field, instead of throwing', () => {
    const p = project({ id: 'household:1:2', doc: { ...fixture('TPMAP household, just imported'), targetPersons: 'many', _rev: '1-x' } })
    expect(p).toMatchObject({ table: 'problems', row: { id: 'household:1:2', rev: '1-x', type: 'household' } })
    if (p.table === 'problems') expect(p.row.problems.map((x) => x.path)).toEqual(['targetPersons'])
    expect(project({ id: 'weird', doc: { type: 'nonsense' } }).table).toBe('problems')
  })

  it('maps deletions to the table the id names, and ignores design docs', () => {
    expect(project({ id: 'visit:household:43010101:12:01ABC', deleted: true })).toEqual({ table: 'deleted', table2: 'events', id: 'visit:household:43010101:12:01ABC', parentId: 'household:43010101:12' })
    expect(project({ id: 'household:43010101:12', deleted: true })).toMatchObject({ table: 'deleted', table2: 'households' })
    expect(project({ id: '_design/cdd', doc: { views: {} } }).table).toBe('ignored')
    expect(tableForId('unknown:1')).toBeUndefined()
    expect(parentOfChildId('assess:plot:430101:H-001:01ABC')).toBe('plot:430101:H-001')
    // With the author in the id (src/schema/ids.ts), under a TPMAP household and one TPMAP missed.
    expect(parentOfChildId('assess:plot:430101:H-001:off4301:01ABC')).toBe('plot:430101:H-001')
    expect(parentOfChildId('visit:household:43010101:12:off4301:01ABC')).toBe('household:43010101:12')
    expect(parentOfChildId('visit:household:43010101:99:offA:offB:01ABC')).toBe('household:43010101:99:offA')
  })
})

describe('folding observations into their parent', () => {
  const base: HouseholdRow = { id: 'h', district: '4301', villageCode: '43010101', tambonCode: '430101', houseId: '1', headName: 'ก', targetPersons: 2, inTpmap: true, visits: [], assisted: {}, updatedAt: '', conflicted: 0 }
  const ev = (id: string, type: EventRow['type'], on: string, summary: Record<string, unknown> = {}, parentId = 'h'): EventRow => ({ id, parentId, type, on, createdBy: 'x', summary })

  it('sorts visits and keeps the FIRST assistance date per dimension', () => {
    const folded = foldHousehold(base, [
      ev('1', 'mentor-visit', '2022-02-10'),
      ev('2', 'mentor-visit', '2022-01-05'),
      ev('3', 'assistance', '2022-03-01', { dimension: 'income' }),
      ev('4', 'assistance', '2022-02-01', { dimension: 'income' }),
      ev('5', 'assistance', '2022-04-01', { dimension: 'health' }),
      ev('6', 'mentor-visit', '2022-01-01', {}, 'other-household'),
    ])
    expect(folded.visits).toEqual(['2022-01-05', '2022-02-10'])
    expect(folded.assisted).toEqual({ income: '2022-02-01', health: '2022-04-01' })
  })

  it("takes a plot's latest assessment by date, then by creation", () => {
    const plot: PlotRow = { id: 'p', district: '4301', kind: 'HLM', plotNo: '1', tambonCode: '430101', assessments: [] }
    const folded = foldPlot(plot, [
      { ...ev('01B', 'plot-assessment', '2022-03-01', { success: false }), parentId: 'p' },
      { ...ev('01A', 'plot-assessment', '2022-01-01', { success: true }), parentId: 'p' },
      { ...ev('01C', 'plot-assessment', '2022-03-01', { success: true }), parentId: 'p' },
    ])
    expect(folded.assessments.map((a) => a.id)).toEqual(['01A', '01B', '01C'])
    expect(folded.latest).toEqual({ id: '01C', on: '2022-03-01', success: true })
  })

  it('judges a CLM site by all five components', () => {
    const good = { khok: true, nong: true, na: true, stations: { people: 3, soil: 2, water: 2, forest: 2 }, trainersAndMedia: true, committee: true, visitors: 1 }
    expect(clmSuccess(good)).toBe(true)
    expect(clmSuccess({ ...good, stations: { people: 2, soil: 2, water: 2, forest: 2 } })).toBe(false)
    expect(clmSuccess({ ...good, visitors: 0 })).toBe(false)
    expect(clmSuccess({ ...good, nong: false })).toBe(false)
  })
})
