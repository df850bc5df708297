import { describe, expect, it } from 'vitest'
import { isLegacyExclusionHousehold, planHouseholdIdMoves, type StoredDoc } from '../../couch/household-id-plan'

const V = '43010101'
const ULID = '01J0000000000000000000000A'
const env = (by: string) => ({ schema: 1, district: '4301', createdBy: by, createdAt: '2025-01-01T00:00:00.000Z', updatedBy: by, updatedAt: '2025-01-01T00:00:00.000Z', device: 'd' })
const legacy: StoredDoc = { _id: `household:${V}:9`, _rev: '3-a', type: 'household', villageCode: V, houseId: '9', headName: 'ก', targetPersons: 1, inTpmap: false, ...env('off4301') }

describe('household id plan', () => {
  it('knows the old shape: inTpmap false at a 3-part id, live', () => {
    expect(isLegacyExclusionHousehold(legacy)).toBe(true)
    expect(isLegacyExclusionHousehold({ ...legacy, inTpmap: true })).toBe(false)
    expect(isLegacyExclusionHousehold({ ...legacy, _id: `household:${V}:9:off4301` })).toBe(false)
    expect(isLegacyExclusionHousehold({ ...legacy, _deleted: true })).toBe(false)
  })

  it('drops the revision, keeps every field, names where it came from', () => {
    const [move] = planHouseholdIdMoves([legacy])
    expect(move).toEqual({ from: legacy._id, to: `household:${V}:9:off4301`, doc: { ...legacy, _rev: undefined, _id: `household:${V}:9:off4301`, movedFrom: legacy._id } })
    expect('_rev' in move!.doc).toBe(false)
  })

  it('a child id from before authors were in ids takes createdBy; one with an author keeps it', () => {
    const old = { _id: `visit:${legacy._id}:${ULID}`, type: 'mentor-visit', householdId: legacy._id, on: '2025-01-02', ...env('off4301') }
    const sup = { _id: `assist:${legacy._id}:sup43:${ULID}`, type: 'assistance', householdId: legacy._id, ...env('sup43') }
    const moves = planHouseholdIdMoves([legacy, old, sup])
    expect(moves.map((m) => m.to)).toEqual([`household:${V}:9:off4301`, `visit:household:${V}:9:off4301:off4301:${ULID}`, `assist:household:${V}:9:off4301:sup43:${ULID}`])
  })

  it('after a crash between write and delete, only the delete is left (the new doc is not rewritten)', () => {
    const written = { ...legacy, _id: `household:${V}:9:off4301`, _rev: '1-b', movedFrom: legacy._id, headName: 'แก้แล้วหลังย้าย' }
    const moves = planHouseholdIdMoves([legacy, written])
    expect(moves).toHaveLength(1)
    expect(moves[0]!.doc).toBe(written)
  })

  it('a moved household routes children that come late; nothing else moves', () => {
    const moved = { ...legacy, _id: `household:${V}:9:off4301`, _rev: '1-b', movedFrom: legacy._id }
    const late = { _id: `visit:${legacy._id}:off4301:${ULID}`, type: 'mentor-visit', householdId: legacy._id, ...env('off4301') }
    const tpmap = { _id: `household:${V}:10`, type: 'household', villageCode: V, houseId: '10', inTpmap: true, ...env('sup43') }
    const tpmapVisit = { _id: `visit:household:${V}:10:off4301:${ULID}`, type: 'mentor-visit', householdId: tpmap._id, ...env('off4301') }
    const moves = planHouseholdIdMoves([moved, late, tpmap, tpmapVisit, { _id: '_design/cdd' }])
    expect(moves.map((m) => [m.from, m.to])).toEqual([[late._id, `visit:household:${V}:9:off4301:off4301:${ULID}`]])
    expect(planHouseholdIdMoves([moved, tpmap, tpmapVisit])).toEqual([])
  })
})
