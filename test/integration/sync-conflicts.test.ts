/**
 * Two phones edit the same household offline → PouchDB/CouchDB keep both revisions (`_conflicts`)
 * → the user's choice, made with the pure conflict functions, is saved through the repository and
 * the losing revisions are removed → both phones converge on the same winning rev and content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchClient } from '../../couch/couch-http'
import { diffVersions } from '../../src/sync/conflicts'
import { loadConflict, resolveConflict } from '../../src/sync/resolve'
import { getTestCouch, type TestCouch } from '../support/couch'
import { cleanUp, householdValues, loginDevice, setUpProvince, type Device } from './sync-helpers'

let couch: TestCouch
let admin: CouchClient

beforeAll(async () => {
  couch = await getTestCouch()
  admin = await setUpProvince(couch)
})
afterAll(async () => {
  if (admin) await cleanUp(admin)
  await couch?.close()
})

// A household the officer added (TPMAP missed it): its id names the officer, who may delete its losing leaf.
const ID = 'household:96010101:c1:sync-off9601'

async function docWithConflicts(d: Device) {
  return (await d.store('9601').records.get(ID, { conflicts: true })) as Record<string, unknown> & { _rev: string; _conflicts?: string[] }
}

describe('two phones edit the same household offline', () => {
  // Everything below needs the server to keep a replicated edit. Replication writes with
  // new_edits: false and the doc's `_revisions`; a server that drops such a write while answering
  // 201 loses every edit made offline (pouchdb-validation, under express-pouchdb, overwrites the
  // incoming `_revisions` with the stored doc's before saving).
  it('the server keeps a replicated second revision (new_edits: false)', async () => {
    const doc = { ...householdValues('probe'), type: 'household', schema: 1, district: '9601', createdBy: 'admin', createdAt: '2026-01-01T00:00:00.000Z', updatedBy: 'admin', updatedAt: '2026-01-01T00:00:00.000Z', device: 'probe', _id: 'household:96010101:probe' }
    const write = (rev: string, ids: string[], headName: string) =>
      admin.request('POST', '/cdd-9601/_bulk_docs', { new_edits: false, docs: [{ ...doc, headName, _rev: rev, _revisions: { start: ids.length, ids } }] })
    await write('1-aaa', ['aaa'], 'first')
    await write('2-bbb', ['bbb', 'aaa'], 'second')
    const leaves = await admin.request<{ ok?: { _rev: string } }[]>('GET', `/cdd-9601/${encodeURIComponent(doc._id)}?open_revs=all`)
    expect(leaves.body.map((l) => l.ok?._rev), 'the server dropped a replicated edit').toEqual(['2-bbb'])
  })

  it('detects the conflict, resolves it field by field, and both phones converge with the losing revs gone', async () => {
    const officer = await loginDevice(couch, 'sync-off9601')
    const supervisor = await loginDevice(couch, 'sync-sup96')
    await officer.store().repository.save('household', householdValues('c1', { headName: 'นายหนึ่ง', targetPersons: 2 }) as never)
    await officer.syncOnce()
    await supervisor.syncOnce()

    // Offline on both phones: different fields changed on each.
    const base = await officer.store().records.get(ID)
    await officer.store().repository.save('household', { ...householdValues('c1'), headName: 'นายหนึ่ง ใจดี', targetPersons: 2 } as never, { id: ID, baseRev: base._rev })
    await supervisor.store('9601').repository.save('household', { ...householdValues('c1'), headName: 'นายหนึ่ง', targetPersons: 5, note: 'ย้ายมาจากหมู่ 2' } as never, { id: ID, baseRev: base._rev })

    // Both sync: the server and then each phone hold both revisions.
    await officer.syncOnce()
    await supervisor.syncOnce()
    await officer.syncOnce()
    const onOfficer = await docWithConflicts(officer)
    const onSupervisor = await docWithConflicts(supervisor)
    expect(onOfficer._conflicts).toHaveLength(1)
    expect(onOfficer._rev).toBe(onSupervisor._rev) // the same deterministic winner everywhere
    const onServer = await admin.request<{ _conflicts?: string[] }>('GET', `/cdd-9601/${encodeURIComponent(ID)}?conflicts=true`)
    expect(onServer.body._conflicts).toHaveLength(1)

    // The officer chooses: their name, the supervisor's count and note.
    const conflict = (await loadConflict(officer.store().repository, ID))!
    expect(conflict.versions).toHaveLength(2)
    const diffs = diffVersions(conflict.versions)
    expect(diffs.filter((d) => !d.same).map((d) => d.field).sort()).toEqual(['headName', 'note', 'targetPersons'])
    const officerIdx = conflict.versions.findIndex((v) => v.headName === 'นายหนึ่ง ใจดี')
    const supervisorIdx = 1 - officerIdx
    const losing = conflict.versions.slice(1).map((v) => String(v._rev))
    const result = await resolveConflict(officer.store().repository, conflict, { headName: officerIdx, targetPersons: supervisorIdx, note: supervisorIdx })
    expect(result.remove).toEqual(losing)
    expect(result.removed).toEqual(losing)

    await officer.syncOnce()
    await supervisor.syncOnce()
    await officer.syncOnce()

    const finalOfficer = await docWithConflicts(officer)
    const finalSupervisor = await docWithConflicts(supervisor)
    const finalServer = (await admin.request<Record<string, unknown>>('GET', `/cdd-9601/${encodeURIComponent(ID)}?conflicts=true`)).body
    for (const doc of [finalOfficer, finalSupervisor, finalServer]) {
      expect(doc._conflicts).toBeUndefined()
      expect(doc).toMatchObject({ _rev: result.rev, headName: 'นายหนึ่ง ใจดี', targetPersons: 5, note: 'ย้ายมาจากหมู่ 2', createdBy: 'sync-off9601', updatedBy: 'sync-off9601' })
    }
    // The losing revision is a deleted leaf now, on every side: nothing was dropped silently, it was removed by choice.
    for (const d of [officer, supervisor]) {
      const leaves = (await d.store('9601').records.get(ID, { open_revs: 'all' } as never)) as unknown as { ok?: { _rev: string; _deleted?: boolean } }[]
      const deleted = leaves.filter((l) => l.ok?._deleted).map((l) => l.ok!._rev)
      expect(deleted).toHaveLength(1)
      expect(leaves.filter((l) => l.ok && !l.ok._deleted).map((l) => l.ok!._rev)).toEqual([result.rev])
    }
    await officer.close()
    await supervisor.close()
  })

  it('a TPMAP household: the officer resolves without deleting the supervisor’s branch; it is superseded, every side shows no conflict', async () => {
    const at = '2026-01-01T00:00:00.000Z'
    const id = 'household:96010101:t1'
    const tpmap = { _id: id, type: 'household', schema: 1, district: '9601', createdBy: 'sync-sup96', createdAt: at, updatedBy: 'sync-sup96', updatedAt: at, device: 'import', villageCode: '96010101', houseId: 't1', headName: 'นางสาม', targetPersons: 3, inTpmap: true }
    expect((await admin.request('PUT', `/cdd-9601/${encodeURIComponent(id)}`, tpmap)).status).toBe(201)
    const officer = await loginDevice(couch, 'sync-off9601')
    const supervisor = await loginDevice(couch, 'sync-sup96')
    await officer.syncOnce()
    await supervisor.syncOnce()
    const base = await officer.store().records.get(id)
    const { _id: _i, _rev: _r, ...values } = base as Record<string, unknown>
    await officer.store().repository.save('household', { ...values, verifiedOn: '2026-01-10' } as never, { id, baseRev: base._rev })
    await supervisor.store('9601').repository.save('household', { ...values, targetPersons: 4 } as never, { id, baseRev: base._rev })
    await officer.syncOnce()
    await supervisor.syncOnce()
    await officer.syncOnce()

    const conflict = (await loadConflict(officer.store().repository, id))!
    expect(conflict.versions).toHaveLength(2)
    const officerIdx = conflict.versions.findIndex((v) => v.verifiedOn === '2026-01-10')
    const result = await resolveConflict(officer.store().repository, conflict, { verifiedOn: officerIdx, targetPersons: 1 - officerIdx })
    // The officer may not delete a TPMAP household's revision (validate_doc_update): nothing is deleted.
    expect(result.removed).toEqual([])
    expect(result.superseded).toHaveLength(1)
    await officer.syncOnce()
    await supervisor.syncOnce()
    await officer.syncOnce()

    for (const d of [officer, supervisor]) {
      expect(await loadConflict(d.store('9601').repository, id)).toBeNull()
      const doc = (await d.store('9601').records.get(id, { conflicts: true })) as Record<string, unknown>
      expect(doc).toMatchObject({ _rev: result.rev, verifiedOn: '2026-01-10', targetPersons: 4, supersedes: result.superseded, inTpmap: true })
    }
    const onServer = (await admin.request<Record<string, unknown>>('GET', `/cdd-9601/${encodeURIComponent(id)}?conflicts=true`)).body
    expect(onServer).toMatchObject({ _rev: result.rev, supersedes: result.superseded })
    // The superseded branch is still there (not deleted), and named as superseded.
    expect(onServer._conflicts).toEqual(result.superseded)
    // And the officer cannot delete it either way (the attack the design avoids needing).
    const tomb = await officer.fetch(`${couch.url}/cdd-9601/${encodeURIComponent(id)}?rev=${result.superseded[0]}`, { method: 'DELETE' })
    expect(tomb.status).toBe(403)
    await officer.close()
    await supervisor.close()
  })

  it('a merge that fails validation removes nothing: the conflict stays', async () => {
    const a = await loginDevice(couch, 'sync-off9601')
    const b = await loginDevice(couch, 'sync-off9601')
    const id = (await a.store().repository.save('household', householdValues('c2') as never)).id
    await a.syncOnce()
    await b.syncOnce()
    const base = await a.store().records.get(id)
    await a.store().repository.save('household', { ...householdValues('c2'), targetPersons: 3 } as never, { id, baseRev: base._rev })
    await b.store().repository.save('household', { ...householdValues('c2'), targetPersons: 4 } as never, { id, baseRev: base._rev })
    await b.syncOnce()
    await a.syncOnce()
    const conflict = (await loadConflict(a.store().repository, id))!
    // A version with an impossible value (as if a corrupt doc had arrived): the save refuses it.
    conflict.versions[1] = { ...conflict.versions[1], targetPersons: -1 }
    await expect(resolveConflict(a.store().repository, conflict, { targetPersons: 1 })).rejects.toMatchObject({ name: 'ValidationError' })
    expect((await a.store().records.get(id, { conflicts: true }))._conflicts).toHaveLength(1)
    await a.close()
    await b.close()
  })
})
