import { describe, expect, it } from 'vitest'
import { countPending, isUploadable, pendingUploads } from '../../../src/sync/pending'
import { memoryRecordDb } from '../../support/memory-pouch'

describe('records waiting to upload', () => {
  it('counts distinct records, leaves out design docs, adds refused ones', () => {
    expect(countPending([{ id: 'a' }, { id: 'a' }, { id: '_design/cdd' }, { id: 'b' }])).toBe(2)
    expect(countPending([{ id: 'a' }], [{ id: 'a' }, { id: 'c' }])).toBe(2)
    expect(isUploadable('_local/x')).toBe(false)
  })

  it('counts changes after the push checkpoint seq in a real PouchDB', async () => {
    const records = memoryRecordDb()
    await records.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: '_design/cdd' }])
    expect(await pendingUploads(records, undefined)).toBe(2)
    const seq = (await records.info()).update_seq
    expect(await pendingUploads(records, seq)).toBe(0)
    const a = await records.get('a')
    await records.put({ ...a, edited: true })
    await records.put({ _id: 'c' })
    expect(await pendingUploads(records, seq)).toBe(2)
    await records.destroy()
  })
})
