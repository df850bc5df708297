import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { openLocalDb } from '../../../src/store/local-db'
import { createDraftWriter, deleteDraft, draftKey, listDrafts, loadDraft, parseDraftKey, saveDraft } from '../../../src/forms/drafts'

const fresh = () => openLocalDb('cdd-local', { indexedDB: new IDBFactory(), IDBKeyRange })

describe('drafts', () => {
  it('keys a draft by form kind + record id or parent, and reads the key back', () => {
    expect(draftKey({ kind: 'mentor-visit', parent: 'household:43010101:12' })).toBe('mentor-visit||household:43010101:12')
    expect(draftKey({ kind: 'household', id: 'household:43010101:12' })).not.toBe(draftKey({ kind: 'household', id: 'household:43010101:13' }))
    expect(parseDraftKey(draftKey({ kind: 'complaint', id: 'complaint:01ABC' }))).toEqual({ kind: 'complaint', id: 'complaint:01ABC', parent: undefined })
  })

  it('saves, restores exactly, lists newest first, and deletes', async () => {
    const factory = new IDBFactory()
    const db = openLocalDb('cdd-local', { indexedDB: factory, IDBKeyRange })
    const target = { kind: 'complaint', parent: '43010101' }
    await saveDraft(db, target, { subject: 'น้ำท่วม', stations: { people: '๑' } }, { title: 'บ้านหนอง' }, new Date('2022-01-01T00:00:00Z'))
    await saveDraft(db, { kind: 'pr-post' }, { channel: 'line' }, {}, new Date('2022-01-02T00:00:00Z'))
    expect(await loadDraft(db, target)).toEqual({ key: 'complaint||43010101', target: { kind: 'complaint', id: undefined, parent: '43010101' }, values: { subject: 'น้ำท่วม', stations: { people: '๑' } }, meta: { title: 'บ้านหนอง' }, updatedAt: '2022-01-01T00:00:00.000Z' })
    expect((await listDrafts(db)).map((d) => d.target.kind)).toEqual(['pr-post', 'complaint'])
    await deleteDraft(db, target)
    expect(await loadDraft(db, target)).toBeUndefined()
    // Reopening the database (an app restart) finds what was left: the post's draft, not the deleted one.
    db.close()
    const reopened = openLocalDb('cdd-local', { indexedDB: factory, IDBKeyRange })
    expect((await listDrafts(reopened)).map((d) => [d.target.kind, d.values])).toEqual([['pr-post', { channel: 'line' }]])
    expect(await loadDraft(reopened, target)).toBeUndefined()
    reopened.close()
  })

  it('survives a reopen of the database', async () => {
    const factory = new IDBFactory()
    const a = openLocalDb('cdd-local', { indexedDB: factory, IDBKeyRange })
    await saveDraft(a, { kind: 'household', id: 'household:1:2' }, { verifiedOn: '2022-01-05' }, { baseRev: '3-abc' })
    a.close()
    const b = openLocalDb('cdd-local', { indexedDB: factory, IDBKeyRange })
    expect(await loadDraft(b, { kind: 'household', id: 'household:1:2' })).toMatchObject({ values: { verifiedOn: '2022-01-05' }, meta: { baseRev: '3-abc' } })
  })

  it('a burst of changes lands with the last one last', async () => {
    const db = fresh()
    const target = { kind: 'mentor-visit', parent: 'h' }
    const writer = createDraftWriter(db, target)
    for (let i = 0; i < 50; i++) void writer.write({ note: `n${i}` })
    await writer.flush()
    expect((await loadDraft(db, target))?.values).toEqual({ note: 'n49' })
  })
})
