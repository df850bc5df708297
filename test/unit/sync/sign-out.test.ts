import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { openLocalDb } from '../../../src/store/local-db'
import { exportDevice, exportedCount, exportFileName, exportMark, EXPORT_MARK_KEY } from '../../../src/sync/export'
import { pushSeqKey } from '../../../src/sync/pending'
import { maySignOut, signOut } from '../../../src/sync/sign-out'
import { memoryRecordDb } from '../../support/memory-pouch'

describe('maySignOut (pure)', () => {
  it('allows when nothing waits, refuses otherwise unless the export covers every db as it is now', () => {
    expect(maySignOut(0, { a: 5 }, undefined)).toBe(true)
    expect(maySignOut(2, { a: 5 }, undefined)).toBe(false)
    expect(maySignOut(2, { a: 5 }, { a: 5 })).toBe(true)
    expect(maySignOut(2, { a: 6 }, { a: 5 })).toBe(false) // changed after the export
    expect(maySignOut(2, { a: 5, b: 1 }, { a: 5 })).toBe(false) // a db the export did not cover
    expect(maySignOut(2, { a: '7-g1' }, { a: '7-g1' })).toBe(true)
    expect(maySignOut(2, { a: '8-g1' }, { a: '7-g1' })).toBe(false)
  })
})

describe('export and sign-out', () => {
  it('exports every doc with attachments as base64 and losing revisions; sign-out refuses until then, then clears the phone', async () => {
    const db = openLocalDb('signout', { indexedDB: new IDBFactory(), IDBKeyRange })
    const records = memoryRecordDb()
    await records.put({ _id: 'household:1:1', headName: 'ก', _attachments: { 'photo.jpg': { content_type: 'image/jpeg', data: Buffer.from('jpeg-bytes').toString('base64') } } })
    // A conflict: two leaves of one doc, as replication makes them.
    await records.bulkDocs([{ _id: 'complaint:1', subject: 'a', _rev: '1-aaa' }, { _id: 'complaint:1', subject: 'b', _rev: '1-bbb' }] as never, { new_edits: false })
    await db.households.put({ id: 'household:1:1' } as never)
    await db.meta.put({ key: 'projector.lastSeq:x', value: 3 })
    await db.meta.put({ key: pushSeqKey(records.name), value: 0 })
    const stores = [{ area: '4301', records }]

    expect(await signOut({ db, stores })).toEqual({ ok: false, pending: 2 })

    const now = new Date('2026-01-02T03:04:05Z')
    const exp = await exportDevice(stores, { user: 'off4301', device: 'dev-1' }, now)
    expect(exportedCount(exp)).toBe(2)
    const photo = exp.dbs[0]!.docs.find((d) => d._id === 'household:1:1')!._attachments as Record<string, { data: string }>
    expect(Buffer.from(photo['photo.jpg']!.data, 'base64').toString()).toBe('jpeg-bytes')
    expect(exp.dbs[0]!.conflicts.map((d) => d.subject)).toEqual(['a'])
    expect(exportFileName('off4301', now)).toBe('cdd-export-off4301-20260102-0304.json')

    await db.meta.put({ key: EXPORT_MARK_KEY, value: exportMark(exp) })
    // A write after the export: the export no longer covers the phone.
    await records.put({ _id: 'household:1:2', headName: 'ข' })
    expect(await signOut({ db, stores })).toMatchObject({ ok: false })
    await db.meta.put({ key: EXPORT_MARK_KEY, value: exportMark(await exportDevice(stores, { user: 'off4301' }, now)) })

    let stopped = false
    expect(await signOut({ db, stores, stopSync: () => (stopped = true) })).toEqual({ ok: true })
    expect(stopped).toBe(true)
    expect(await db.households.count()).toBe(0)
    expect(await db.meta.count()).toBe(0)
    db.close()
  })
})
