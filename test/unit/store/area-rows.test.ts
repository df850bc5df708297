import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { householdCountsByVillage, householdsOfVillage, plotsOfTambon } from '../../../src/store/area-rows'
import { openLocalDb, type HouseholdRow, type PlotRow } from '../../../src/store/local-db'

const household = (villageCode: string, houseId: string, author?: string): HouseholdRow => ({
  id: `household:${villageCode}:${houseId}${author ? `:${author}` : ''}`,
  district: villageCode.slice(0, 4),
  villageCode,
  tambonCode: villageCode.slice(0, 6),
  houseId,
  headName: 'ก',
  targetPersons: 1,
  inTpmap: !author,
  visits: [],
  assisted: {},
  updatedAt: '2026-01-01T00:00:00.000Z',
  conflicted: 0,
})
const plot = (tambonCode: string, plotNo: string): PlotRow => ({ id: `plot:${tambonCode}:${plotNo}`, district: tambonCode.slice(0, 4), kind: 'HLM', plotNo, tambonCode, assessments: [] })

describe('households and plots by the area in their ids', () => {
  it('a village (not one whose code it starts), TPMAP and missed households alike; plots of a sub-district; counts per village', async () => {
    const db = openLocalDb(`area-rows-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    await db.households.bulkPut([household('43010101', '1'), household('43010101', '10'), household('43010101', '1', 'off4301'), household('43010102', '1'), household('43010110', '1')])
    await db.plots.bulkPut([plot('430101', 'H-1'), plot('430101', 'H-2'), plot('430102', 'H-1'), plot('4301011', 'H-1')])
    expect((await householdsOfVillage(db, '43010101')).map((h) => h.id).sort()).toEqual(['household:43010101:1', 'household:43010101:10', 'household:43010101:1:off4301'])
    expect((await householdsOfVillage(db, '4301011')).map((h) => h.id)).toEqual([])
    expect((await plotsOfTambon(db, '430101')).map((p) => p.id).sort()).toEqual(['plot:430101:H-1', 'plot:430101:H-2'])
    expect(Object.fromEntries(await householdCountsByVillage(db))).toEqual({ '43010101': 3, '43010102': 1, '43010110': 1 })
  })
})
