import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { applyApprovedOnly, readApprovals, scoringMode, type Approvals } from '../../../src/store/approved-only'
import { openLocalDb, type EventRow } from '../../../src/store/local-db'
import { buildScoreInput, type AreaFactsRows } from '../../../src/store/score-input'

const H1 = 'household:43010101:1'
const H2 = 'household:43010101:2'
const HOTHER = 'household:43020101:1'
const PLOT = 'plot:430101:HLM-1'
const base = (id: string, villageCode: string) => ({ id, villageCode, inTpmap: true, targetPersons: 2, verifiedOn: '2026-10-05', planOn: '2026-10-06', visits: ['2026-10-10', '2026-10-20'], assisted: { income: '2026-10-15' } })
const rows: AreaFactsRows = {
  households: [base(H1, '43010101'), base(H2, '43010101'), base(HOTHER, '43020101')],
  plots: [{ id: PLOT, kind: 'HLM', tambonCode: '430101', assessments: [{ id: 'assess:a', on: '2026-10-01', success: true }, { id: 'assess:b', on: '2026-11-01', success: false }], latest: { id: 'assess:b', on: '2026-11-01', success: false } }],
  complaints: [
    { id: 'complaint:x', district: '4301', tambonCode: '430101', subject: 's', channel: 'phone', receivedOn: '2026-10-01', open: 1, conflicted: 0 },
    { id: 'complaint:y', district: '4301', tambonCode: '430101', subject: 't', channel: 'phone', receivedOn: '2026-10-02', open: 1, conflicted: 0 },
  ],
  posts: [],
  reports: [],
  facts: [],
}
const approvals: Approvals = {
  records: new Set([H1, 'assess:a', 'complaint:y']),
  visits: new Map([[H1, ['2026-10-20']]]),
  assisted: new Map(),
}

describe('scores count approved records only', () => {
  it('keeps only approved checks, visits, assistance, assessments and complaints in the districts set so', () => {
    const out = applyApprovedOnly(rows, approvals, ['4301'])
    expect(out.households[0]).toEqual({ id: H1, villageCode: '43010101', inTpmap: true, targetPersons: 2, verifiedOn: '2026-10-05', planOn: '2026-10-06', visits: ['2026-10-20'], assisted: {} })
    // Not approved: still a target household, with nothing of its check counted.
    expect(out.households[1]).toEqual({ id: H2, villageCode: '43010101', inTpmap: true, targetPersons: 2, visits: [], assisted: {} })
    // Another district, counting every record: unchanged.
    expect(out.households[2]).toBe(rows.households[2])
    expect(out.plots[0]!.assessments.map((a) => a.id)).toEqual(['assess:a'])
    expect(out.plots[0]!.latest).toEqual({ id: 'assess:a', on: '2026-10-01', success: true })
    expect(out.complaints.map((c) => c.id)).toEqual(['complaint:y'])
    expect(applyApprovedOnly(rows, approvals, [])).toBe(rows)
  })

  it('changes the score input the missions are scored by', () => {
    const all = buildScoreInput(rows, { asOf: '2026-11-30', area: '4301' })
    const approved = buildScoreInput(applyApprovedOnly(rows, approvals, ['4301']), { asOf: '2026-11-30', area: '4301' })
    expect(JSON.stringify(approved)).not.toBe(JSON.stringify(all))
    const planned = (input: typeof all) => (input.m1?.households ?? []).filter((h) => !!h.planOn).length
    expect(planned(all)).toBe(3)
    expect(planned(approved)).toBe(2)
  })

  it('says which mode an area counts by', () => {
    const settings = [
      { district: '4301', scoresCount: 'approved' as const },
      { district: '4302', scoresCount: 'all' as const },
    ]
    expect(scoringMode(settings, '4301')).toEqual({ mode: 'approved', approvedDistricts: ['4301'] })
    expect(scoringMode(settings, '430101')).toEqual({ mode: 'approved', approvedDistricts: ['4301'] })
    expect(scoringMode(settings, '4302')).toEqual({ mode: 'all', approvedDistricts: [] })
    expect(scoringMode(settings, '43', ['4301', '4302', '43'])).toEqual({ mode: 'mixed', approvedDistricts: ['4301'] })
    expect(scoringMode([], '43', ['4301'])).toEqual({ mode: 'all', approvedDistricts: [] })
    expect(scoringMode([settings[0]!], '43', ['4301'])).toEqual({ mode: 'approved', approvedDistricts: ['4301'] })
  })

  it('reads approvals from the read model: the latest review wins, an edit after it undoes it', async () => {
    const db = openLocalDb('approved-only', { indexedDB: new IDBFactory(), IDBKeyRange })
    const review = (recordId: string, state: 'approved' | 'returned', at: string, recordUpdatedAt = '2026-10-01T00:00:00.000Z'): EventRow => ({
      id: `review:${recordId}:sup43:${at}`, parentId: recordId, type: 'review', on: at.slice(0, 10), createdBy: 'sup43', summary: { state, recordType: 'household', recordUpdatedAt, at, comment: state === 'returned' ? 'แก้' : undefined },
    })
    await db.households.bulkPut([
      { ...base(H1, '43010101'), district: '4301', tambonCode: '430101', houseId: '1', headName: 'ก', updatedAt: '2026-10-01T00:00:00.000Z', conflicted: 0 },
      { ...base(H2, '43010101'), district: '4301', tambonCode: '430101', houseId: '2', headName: 'ข', updatedAt: '2026-10-09T00:00:00.000Z', conflicted: 0 },
    ])
    const visit = 'visit:household:43010101:1:off4301:01J00000000000000000000001'
    const assist = 'assist:household:43010101:1:off4301:01J00000000000000000000002'
    await db.events.bulkPut([
      { id: visit, parentId: H1, type: 'mentor-visit', on: '2026-10-10', createdBy: 'off4301', summary: {} },
      { id: assist, parentId: H1, type: 'assistance', on: '2026-10-15', createdBy: 'off4301', summary: { dimension: 'income' } },
      review(H1, 'returned', '2026-10-02T00:00:00.000Z'),
      review(H1, 'approved', '2026-10-03T00:00:00.000Z'),
      // Approved, then edited on 9 October: waiting again.
      review(H2, 'approved', '2026-10-05T00:00:00.000Z'),
      review(visit, 'approved', '2026-10-11T00:00:00.000Z', ''),
      review(assist, 'approved', '2026-10-16T00:00:00.000Z', ''),
    ])
    const read = await readApprovals(db)
    expect([...read.records]).toEqual([H1])
    expect(read.visits.get(H1)).toEqual(['2026-10-10'])
    expect(read.assisted.get(H1)).toEqual({ income: '2026-10-15' })
    db.close()
  })
})
