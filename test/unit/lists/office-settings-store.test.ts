import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { openLocalDb } from '../../../src/store/local-db'
import { project, tableForId } from '../../../src/store/projector'
import { parseDoc } from '../../../src/schema'

const doc = {
  _id: 'office-settings:4301', _rev: '1-a', type: 'office-settings', schema: 1, district: '4301', createdBy: 'sup43', createdAt: '2026-11-01T00:00:00.000Z', updatedBy: 'sup43', updatedAt: '2026-11-02T00:00:00.000Z', device: 'd', scoresCount: 'approved',
}

describe('office settings in the read model', () => {
  it('parses and projects office-settings:<district> into its table; an unknown mode is a problem, not a row', () => {
    expect(tableForId(doc._id)).toBe('officeSettings')
    expect(project({ id: doc._id, doc })).toEqual({ table: 'officeSettings', row: { id: doc._id, district: '4301', scoresCount: 'approved', updatedBy: 'sup43', updatedAt: '2026-11-02T00:00:00.000Z' } })
    expect(parseDoc({ ...doc, scoresCount: 'some' }).ok).toBe(false)
    expect(project({ id: doc._id, doc: { ...doc, scoresCount: 'some' } }).table).toBe('problems')
    expect(project({ id: doc._id, deleted: true })).toMatchObject({ table: 'deleted', table2: 'officeSettings' })
  })

  it('version 3 adds the table and keeps what version 2 held', async () => {
    const indexedDB = new IDBFactory()
    const old = new Dexie('upgrade-3', { indexedDB, IDBKeyRange })
    old.version(1).stores({ villages: 'code, tambonCode, district', households: 'id, villageCode, tambonCode, district, [villageCode+houseId]', plots: 'id, tambonCode, villageCode, kind, district', complaints: 'id, tambonCode, open, receivedOn, district', posts: 'id, on, mission, district', reports: 'id, on, mission, district', events: 'id, parentId, type, on', facts: 'id, province, mission', problems: 'id', drafts: 'key, form, updatedAt', settings: 'key', syncLog: '++id, at', meta: 'key' })
    old.version(2).stores({ areaConfigs: 'id', villageFacts: 'key, district' })
    await old.table('settings').put({ key: 'lang', value: 'th' })
    old.close()
    const db = openLocalDb('upgrade-3', { indexedDB, IDBKeyRange })
    await db.open()
    // Through version 3 to the newest: the table is there and the older data kept.
    expect(db.verno).toBeGreaterThanOrEqual(3)
    expect(await db.settings.get('lang')).toEqual({ key: 'lang', value: 'th' })
    await db.officeSettings.put({ id: doc._id, district: '4301', scoresCount: 'approved', updatedBy: 'sup43', updatedAt: doc.updatedAt })
    expect(await db.officeSettings.where('district').equals('4301').count()).toBe(1)
    db.close()
  })
})
