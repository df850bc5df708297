import { describe, expect, it } from 'vitest'
import { memoryRecordDb } from '../../support/memory-pouch'
import { describeDoc, refusalWhy, sortWaiting, waitingRecords } from '../../../src/sync/pending-list'
import { countPending } from '../../../src/sync/pending'

describe('records waiting to upload', () => {
  it('lists exactly what the count counts: changes after the checkpoint plus the refused ones', async () => {
    const db = memoryRecordDb('pending-list')
    await db.put({ _id: 'household:43010101:12', type: 'household', villageCode: '43010101', updatedAt: '2026-03-01T01:00:00.000Z' })
    const info = await db.info()
    const seq = info.update_seq
    await db.put({ _id: 'visit:household:43010101:12:off4301:01J00000000000000000000001', type: 'mentor-visit', householdId: 'household:43010101:12', updatedAt: '2026-03-02T01:00:00.000Z' })
    await db.put({ _id: 'complaint:off4301:01J00000000000000000000002', type: 'complaint', tambonCode: '430101', updatedAt: '2026-03-03T01:00:00.000Z' })
    await db.put({ _id: '_design/x', views: {} })
    const refused = [{ id: 'household:43010101:12', reason: 'inTpmap: only supervisors may add TPMAP target households', at: '2026-03-04T00:00:00.000Z' }]
    const items = sortWaiting(await waitingRecords(db, '4301', seq, refused))
    expect(items.map((i) => i.id)).toEqual(['household:43010101:12', 'complaint:off4301:01J00000000000000000000002', 'visit:household:43010101:12:off4301:01J00000000000000000000001'])
    expect(items[0]).toMatchObject({ type: 'household', place: '43010101', refused: { at: refused[0]!.at } })
    expect(items[1]).toMatchObject({ type: 'complaint', place: '430101', savedAt: '2026-03-03T01:00:00.000Z', deleted: false })
    expect(items[2]).toMatchObject({ type: 'mentor-visit', place: '43010101', parentId: 'household:43010101:12' })
    const changes = (await db.changes({ since: seq })).results
    expect(items.length).toBe(countPending(changes, refused))
    await db.destroy()
  })

  it('says a deletion is one', () => {
    expect(describeDoc('4301', { _id: 'complaint:x', _deleted: true }, 'complaint:x')).toMatchObject({ deleted: true, type: 'complaint' })
  })

  it('explains the server’s refusals in words, naming the field when it is a shape error', () => {
    expect(refusalWhy('inTpmap: only supervisors may add TPMAP target households').key).toBe('lists.why.supervisorsOnly')
    expect(refusalWhy('type: only supervisors of this area may review records').key).toBe('lists.why.supervisorsOnly')
    expect(refusalWhy('createdBy: expected off4301 (the user writing), got off4302').key).toBe('lists.why.notYours')
    expect(refusalWhy('_deleted: only its author (off4301) or a supervisor may delete this visit').key).toBe('lists.why.notYours')
    expect(refusalWhy('district: expected 4301, got 4302').key).toBe('lists.why.wrongArea')
    expect(refusalWhy('_rev: review documents are never changed; write a new one').key).toBe('lists.why.immutable')
    expect(refusalWhy('gps.lat: must be at most 90')).toEqual({ key: 'lists.why.invalid', params: { field: 'gps.lat' } })
    expect(refusalWhy(undefined).key).toBe('lists.why.unknown')
    expect(refusalWhy('You are not allowed to access this db.').key).toBe('lists.why.unknown')
  })
})
