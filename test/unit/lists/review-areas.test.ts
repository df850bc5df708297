import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { childArea, placeOfChildId, reviewCountsByArea, type ReviewableRecord } from '../../../src/store/review-areas'
import type { ReviewSummary } from '../../../src/store/reviews'

const review = (recordId: string, state: 'approved' | 'returned', at: string, recordUpdatedAt = '2026-01-01T00:00:00.000Z'): ReviewSummary => ({
  id: `review:${recordId}:sup43:${at}`,
  recordId,
  recordType: 'household',
  state,
  by: 'sup43',
  at,
  recordUpdatedAt,
})

describe('review counts by area', () => {
  const records: ReviewableRecord[] = [
    { id: 'household:43010101:1', place: '43010101', updatedAt: '2026-01-01T00:00:00.000Z' },
    { id: 'household:43010101:2', place: '43010101', updatedAt: '2026-01-05T00:00:00.000Z' },
    { id: 'household:43010201:1', place: '43010201', updatedAt: '2026-01-01T00:00:00.000Z' },
    { id: 'complaint:off4301:X', place: '430102', updatedAt: '2026-01-01T00:00:00.000Z' },
    { id: 'visit:household:43020101:1:off4302:Y', place: '43020101' },
    { id: 'household:44010101:1', place: '44010101' },
  ]
  const reviews = new Map<string, ReviewSummary[]>([
    ['household:43010101:1', [review('household:43010101:1', 'returned', '2026-01-02T00:00:00.000Z'), review('household:43010101:1', 'approved', '2026-01-03T00:00:00.000Z')]],
    // Approved, then edited after the review: waiting again.
    ['household:43010101:2', [review('household:43010101:2', 'approved', '2026-01-02T00:00:00.000Z')]],
    ['complaint:off4301:X', [review('complaint:off4301:X', 'returned', '2026-01-02T00:00:00.000Z')]],
    ['visit:household:43020101:1:off4302:Y', [review('visit:household:43020101:1:off4302:Y', 'approved', '2026-01-02T00:00:00.000Z', '')]],
  ])

  it('rolls a province up by district, a district by sub-district, a sub-district by village', () => {
    const province = reviewCountsByArea(records, reviews, '43')
    expect(province.rows).toEqual([
      { code: '4301', counts: { waiting: 2, returned: 1, approved: 1 }, total: 4 },
      { code: '4302', counts: { waiting: 0, returned: 0, approved: 1 }, total: 1 },
    ])
    expect(province.total).toEqual({ waiting: 2, returned: 1, approved: 2 })
    expect(reviewCountsByArea(records, reviews, '4301').rows.map((r) => [r.code, r.total])).toEqual([
      ['430101', 2],
      ['430102', 2],
    ])
    // Under a sub-district, a complaint known only by its sub-district counts as the sub-district itself.
    expect(reviewCountsByArea(records, reviews, '430102').rows).toEqual([
      { code: '430102', counts: { waiting: 0, returned: 1, approved: 0 }, total: 1 },
      { code: '43010201', counts: { waiting: 1, returned: 0, approved: 0 }, total: 1 },
    ])
  })

  it('filters to the areas that have records in a state', () => {
    expect(reviewCountsByArea(records, reviews, '43', 'returned').rows.map((r) => r.code)).toEqual(['4301'])
    expect(reviewCountsByArea(records, reviews, '4301', 'approved').rows.map((r) => r.code)).toEqual(['430101'])
    // The total stays the area's whole, whatever the filter.
    expect(reviewCountsByArea(records, reviews, '43', 'returned').total.approved).toBe(2)
  })

  it('reads the place from the id of append-only records', () => {
    expect(placeOfChildId('visit:household:43010101:12:off4301:01J00000000000000000000001')).toBe('43010101')
    expect(placeOfChildId('assess:plot:430101:HLM-1:off4301:01J00000000000000000000001')).toBe('430101')
    expect(placeOfChildId('complaint:off:1')).toBeUndefined()
    expect(childArea('4301', '43020101')).toBeUndefined()
  })
})

describe('review counts read from the read model', () => {
  it('reads households by key, the reviewed ones in full, and children by their ids', async () => {
    const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb')
    const { openLocalDb } = await import('../../../src/store/local-db')
    const { readReviewables } = await import('../../../src/store/review-areas')
    const db = openLocalDb('review-areas', { indexedDB: new IDBFactory(), IDBKeyRange })
    const h = (id: string, updatedAt: string) => ({ id, district: '4301', villageCode: id.split(':')[1]!, tambonCode: id.split(':')[1]!.slice(0, 6), houseId: id.split(':')[2]!, headName: 'ก', targetPersons: 1, inTpmap: true, visits: [], assisted: {}, updatedAt, conflicted: 0 as const })
    await db.households.bulkPut([h('household:43010101:1', '2026-01-01T00:00:00.000Z'), h('household:43010101:2', '2026-01-05T00:00:00.000Z'), h('household:43010201:1', '2026-01-01T00:00:00.000Z')])
    await db.plots.put({ id: 'plot:430102:HLM-1', district: '4301', kind: 'HLM', plotNo: 'HLM-1', tambonCode: '430102', villageCode: '43010201', assessments: [] })
    const ev = (id: string, parentId: string, type: 'mentor-visit' | 'plot-assessment') => ({ id, parentId, type, on: '2026-01-02', createdBy: 'off4301', summary: {} })
    const rv = (recordId: string, state: 'approved' | 'returned', recordUpdatedAt = '2026-01-01T00:00:00.000Z') => ({
      id: `review:${recordId}:sup43:01J0000000000000000000000${state === 'approved' ? 'A' : 'R'}`, parentId: recordId, type: 'review' as const, on: '2026-01-03', createdBy: 'sup43', summary: { state, recordType: 'household', recordUpdatedAt, at: '2026-01-03T00:00:00.000Z', comment: 'x' },
    })
    const visit = 'visit:household:43010101:1:off4301:01J00000000000000000000001'
    const assess = 'assess:plot:430102:HLM-1:off4301:01J00000000000000000000002'
    await db.events.bulkPut([ev(visit, 'household:43010101:1', 'mentor-visit'), ev(assess, 'plot:430102:HLM-1', 'plot-assessment'), rv('household:43010101:1', 'approved'), rv('household:43010101:2', 'approved'), rv(assess, 'returned', '')])
    const { records, reviews } = await readReviewables(db, '4301')
    const counted = reviewCountsByArea(records, reviews, '4301')
    // 430101: household 1 approved, household 2 edited after its approval (waiting), the visit waiting.
    // 430102: household waiting, the assessment returned (counted in its plot's village).
    expect(counted.rows).toEqual([
      { code: '430101', counts: { waiting: 2, returned: 0, approved: 1 }, total: 3 },
      { code: '430102', counts: { waiting: 1, returned: 1, approved: 0 }, total: 2 },
    ])
    expect(reviewCountsByArea(records, reviews, '430102').rows).toEqual([{ code: '43010201', counts: { waiting: 1, returned: 1, approved: 0 }, total: 2 }])
    db.close()
  })
})
