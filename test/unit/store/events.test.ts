import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventIdsOfKinds, eventsOf, eventsOfKind, eventsOfParents } from '../../../src/store/events'
import { openLocalDb, type EventRow } from '../../../src/store/local-db'

/*
 * Event rows are found by their ids alone (no index): a record's children by key range. The traps
 * are in string order: `:` sorts after the digits (`household:V:1:` lies after `household:V:10:`),
 * and `household:V:H:` also starts the children of `household:V:H:<author>`.
 */

const PARENTS = [
  'household:43010101:1',
  'household:43010101:10',
  'household:43010101:100',
  'household:43010101:2',
  'household:43010101:1:off4301',
  'household:43010101:1:zed',
  'household:43010102:1',
  'plot:430101:H-1',
  'plot:430101:H-10',
  'complaint:off4301:01J00000000000000000000009',
]

function childrenOf(parent: string, n: number): EventRow[] {
  const kinds: [EventRow['type'], string][] = parent.startsWith('household:')
    ? [['mentor-visit', 'visit'], ['assistance', 'assist'], ['review', 'review'], ['history', 'history']]
    : parent.startsWith('plot:')
      ? [['plot-assessment', 'assess'], ['review', 'review']]
      : [['history', 'history']]
  return kinds.flatMap(([type, prefix], k) =>
    Array.from({ length: n }, (_, i) => ({ id: `${prefix}:${parent}:${['aaa', 'off4301', 'zzz'][i % 3]}:01J${String(k * 100 + i).padStart(23, '0')}`, parentId: parent, type, on: '2022-01-01', createdBy: 'off4301', summary: {} })),
  )
}

async function filled() {
  const db = openLocalDb(`events-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  const all = PARENTS.flatMap((p, i) => childrenOf(p, 1 + (i % 3)))
  await db.events.bulkPut(all)
  return { db, all }
}

const ids = (rows: readonly EventRow[]) => rows.map((r) => r.id).sort()

describe('event rows by id', () => {
  it("a record's children, and no one else's", async () => {
    const { db, all } = await filled()
    for (const parent of PARENTS) expect(ids(await eventsOf(db, parent))).toEqual(ids(all.filter((e) => e.parentId === parent)))
    expect(ids(await eventsOf(db, 'household:43010101:1', ['review']))).toEqual(ids(all.filter((e) => e.parentId === 'household:43010101:1' && e.type === 'review')))
  })

  it('many parents at once, in any order, for the kinds asked', async () => {
    const { db, all } = await filled()
    const kinds: EventRow['type'][] = ['mentor-visit', 'assistance', 'plot-assessment']
    await fc.assert(
      fc.asyncProperty(fc.subarray(PARENTS, { minLength: 1 }), async (parents) => {
        const got = await eventsOfParents(db, parents, kinds)
        for (const parent of PARENTS) {
          const want = all.filter((e) => e.parentId === parent && kinds.includes(e.type))
          expect(ids(got.get(parent) ?? [])).toEqual(parents.includes(parent) ? ids(want) : [])
        }
      }),
      { numRuns: 60 },
    )
  })

  it('a kind, and the ids of a kind within an area', async () => {
    const { db, all } = await filled()
    expect(ids(await eventsOfKind(db, 'review'))).toEqual(ids(all.filter((e) => e.type === 'review')))
    expect((await eventIdsOfKinds(db, ['mentor-visit'], 'household:43010102')).sort()).toEqual(ids(all.filter((e) => e.type === 'mentor-visit' && e.parentId.startsWith('household:43010102'))))
  })
})
