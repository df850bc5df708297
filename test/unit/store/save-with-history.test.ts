/**
 * An edit and its history entry are one write (one IndexedDB transaction on the phone): a full disk
 * refuses both, a record refused on its own (another write got there between the read and the save)
 * leaves no history entry standing, and an ordinary edit writes both at once.
 */
import { describe, expect, it } from 'vitest'
import { createRepository, StorageFullError, WriteConflictError } from '../../../src/store/repository'
import type { RecordDb } from '../../../src/store/pouch'
import { exclusionHouseholdId } from '../../../src/schema/ids'
import { memoryRecordDb } from '../../support/memory-pouch'

const HH = exclusionHouseholdId('43010101', '12', 'off4301')
const household = { villageCode: '43010101', houseId: '12', headName: 'นางบุญมี ศรีสุข', targetPersons: 3, inTpmap: false }
const edited = { ...household, headName: 'นางบุญมี ศรีสุขใจ' }
const author = { name: 'off4301', district: '4301' }

async function liveHistory(records: RecordDb) {
  return (await records.allDocs({ startkey: 'history:', endkey: 'history:\uffff' })).rows
}

describe('saving an edit with its history entry', () => {
  it('writes the record and the entry in one bulk write, no separate puts', async () => {
    const records = memoryRecordDb()
    await createRepository({ records, author, device: 'd' }).save('household', household)
    const writes: string[] = []
    const counted = Object.assign(Object.create(records) as RecordDb, {
      put: (doc: unknown) => (writes.push('put'), records.put(doc as never)),
      bulkDocs: (docs: unknown[]) => (writes.push(`bulkDocs×${docs.length}`), records.bulkDocs(docs as never)),
    })
    const saved = await createRepository({ records: counted, author, device: 'd' }).save('household', edited)
    expect(writes).toEqual(['bulkDocs×2'])
    expect(((await records.get(HH)) as Record<string, unknown>).headName).toBe(edited.headName)
    expect(saved.rev).toBe((await records.get(HH))._rev)
    expect(await liveHistory(records)).toHaveLength(1)
  })

  it('a record refused by a write that came between (409) takes its entry back and says conflict', async () => {
    const records = memoryRecordDb()
    await createRepository({ records, author, device: 'd' }).save('household', household)
    // The read the save starts with returns the doc, and then another write (replication) changes it.
    const racing = Object.assign(Object.create(records) as RecordDb, {
      get: async (id: string, options?: object) => {
        const doc = await records.get(id, options ?? {})
        await records.put({ ...doc, headName: 'แก้จากเครื่องอื่น' })
        return doc
      },
    })
    await expect(createRepository({ records: racing, author, device: 'd' }).save('household', edited)).rejects.toBeInstanceOf(WriteConflictError)
    expect(((await records.get(HH)) as Record<string, unknown>).headName).toBe('แก้จากเครื่องอื่น')
    expect(await liveHistory(records)).toHaveLength(0)
  })

  it('a full disk refuses both and says so; what was saved before stays', async () => {
    const records = memoryRecordDb()
    await createRepository({ records, author, device: 'd' }).save('household', household)
    const full = Object.assign(Object.create(records) as RecordDb, {
      bulkDocs: () => Promise.reject({ status: 500, name: 'indexed_db_went_bad', reason: new DOMException('x', 'QuotaExceededError') }),
    })
    await expect(createRepository({ records: full, author, device: 'd' }).save('household', edited)).rejects.toBeInstanceOf(StorageFullError)
    expect(((await records.get(HH)) as Record<string, unknown>).headName).toBe(household.headName)
    expect(await liveHistory(records)).toHaveLength(0)
  })
})
