import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { afterAll, describe, expect, it } from 'vitest'
import { useThrottledLiveQuery } from '../../src/app/use-live-query'
import { openLocalDb, type HouseholdRow } from '../../src/store/local-db'
import { until } from '../support/until'

/*
 * The dashboards' heavy live query (every record id of an area) during a first sync: the projector
 * commits a batch every second or so. Real Dexie on real IndexedDB, a real Preact component.
 */

const db = openLocalDb(`test-throttle-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`)
afterAll(async () => {
  db.close()
  await db.delete()
})

const row = (n: number): HouseholdRow => ({ id: `household:43010101:${n}`, district: '4301', villageCode: '43010101', tambonCode: '430101', houseId: String(n), headName: `ครัวเรือน ${n}`, targetPersons: 1, inTpmap: true, visits: [], assisted: {}, updatedAt: '2022-01-01T00:00:00.000Z', conflicted: 0 })
describe('useThrottledLiveQuery', () => {
  it('reruns at most once per interval through a burst of writes, ends on the last write, and ignores other tables', async () => {
    let runs = 0
    const seen: (number | undefined)[] = []
    function Count() {
      const { value } = useThrottledLiveQuery(db, ['households'], 400, async () => {
        runs += 1
        return db.households.count()
      }, [])
      seen.push(value)
      return h('p', null, String(value ?? ''))
    }
    const root = document.createElement('div')
    document.body.append(root)
    await act(() => render(h(Count, null), root))
    await until(() => seen.at(-1) === 0)
    // Opening a new db may signal a change of everything once: let that settle first.
    await new Promise((r) => setTimeout(r, 600))
    const settled = runs

    // 30 commits over about 1.2 s, as a first pull's projector makes them.
    const start = Date.now()
    for (let n = 1; n <= 30; n++) {
      await db.households.put(row(n))
      await new Promise((r) => setTimeout(r, 40))
    }
    await until(() => seen.at(-1) === 30)
    const elapsed = Date.now() - start
    // One run per 400 ms at most (plus the first and the trailing one), never one per commit.
    expect(runs - settled).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 400))
    expect(runs - settled).toBeLessThan(15)

    // Writes to a table the query does not name run nothing.
    const before = runs
    await db.meta.put({ key: 'unrelated', value: 1 })
    await new Promise((r) => setTimeout(r, 700))
    expect(runs).toBe(before)
    expect(root.textContent).toBe('30')
    render(null, root)
  })
})
