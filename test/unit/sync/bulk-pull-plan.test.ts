import { describe, expect, it } from 'vitest'
import { groupLeaves, overallProgress, roundOrder, secondsLeft, winnerOf, type FetchedDoc } from '../../../src/sync/bulk-pull-plan'
import { areaComplete, reduceSync, summarize, INITIAL_STATUS } from '../../../src/sync/status'

const doc = (rev: string, extra: Partial<FetchedDoc> = {}): FetchedDoc => ({ _id: 'household:1', _rev: rev, ...extra })

describe('winnerOf: the revision PouchDB and CouchDB pick among the leaves', () => {
  it('the longer history wins; the other live leaves are the conflicts', () => {
    expect(winnerOf([doc('2-aaa'), doc('3-bbb'), doc('2-ccc')])).toMatchObject({ _rev: '3-bbb', _conflicts: ['2-ccc', '2-aaa'] })
  })
  it('a live leaf beats a deleted one, however long; deleted leaves are not conflicts', () => {
    const w = winnerOf([doc('5-zzz', { _deleted: true }), doc('2-aaa')])
    expect(w._rev).toBe('2-aaa')
    expect(w._conflicts).toBeUndefined()
  })
  it('the same length: the greater rev hash wins (as PouchDB compares them)', () => {
    expect(winnerOf([doc('2-abc'), doc('2-abd')])._rev).toBe('2-abd')
    expect(winnerOf([doc('2-abd'), doc('2-abc')])._rev).toBe('2-abd')
  })
  it('generations compare as numbers, not strings', () => {
    expect(winnerOf([doc('9-zzz'), doc('10-aaa')])._rev).toBe('10-aaa')
  })
  it('every leaf deleted: the deleted winner, no conflicts', () => {
    expect(winnerOf([doc('3-a', { _deleted: true }), doc('2-b', { _deleted: true })])).toMatchObject({ _rev: '3-a', _deleted: true })
  })
  it('groups leaves by id in the order they came', () => {
    const g = groupLeaves([doc('1-a'), { _id: 'b', _rev: '1-x' }, doc('1-b')])
    expect([...g.keys()]).toEqual(['household:1', 'b'])
    expect(g.get('household:1')!.map((d) => d._rev)).toEqual(['1-a', '1-b'])
  })
})

describe('the first pull progress', () => {
  const t0 = Date.parse('2026-12-01T10:00:00Z')
  it('estimates from the rate so far, counting the areas still queued', () => {
    const progress = [
      { done: false, received: 1000, total: 2000, startedAt: new Date(t0).toISOString() },
      { done: false, received: 0, total: 3000 },
      { done: true, received: 500, total: 500, startedAt: new Date(t0).toISOString() },
    ]
    // 1,500 docs in 10 s; 4,000 left → 26.7 s
    expect(secondsLeft(progress, t0 + 10_000)).toBe(27)
    expect(secondsLeft(progress, t0 + 1000)).toBeUndefined()
    expect(secondsLeft(progress.map((p) => ({ ...p, done: true })), t0 + 10_000)).toBeUndefined()
  })
  it('sums the areas; done only when all are', () => {
    expect(overallProgress([{ done: true, received: 5, total: 5 }, { done: false, received: 2, total: 1 }])).toEqual({ done: false, received: 7, total: 7 })
  })
  it('the status keeps each area\'s progress; an area is complete when its first pull is done', () => {
    let s = reduceSync(INITIAL_STATUS, { type: 'initial', area: '4301', progress: { done: false, received: 10, total: 100 } }).status
    expect(areaComplete(s, '4301')).toBe(false)
    expect(summarize(s, ['4301', '4302'])).toMatchObject({ overall: 'syncing', initial: { received: 10, total: 100, done: false }, incomplete: ['4301', '4302'] })
    s = reduceSync(s, { type: 'initial', area: '4301', progress: { done: true, received: 100, total: 100 } }).status
    expect(s.areas['4301']!.initial).toEqual({ done: true, received: 100, total: 100 })
    expect(areaComplete(s, '4301')).toBe(true)
    expect(summarize(s, ['4301', '4302']).incomplete).toEqual(['4302'])
  })
})

describe('roundOrder', () => {
  it('puts the province db first, then areas to pull largest first, then the rest in their order', () => {
    const sizes = new Map([['4302', 1637], ['4301', 2940], ['4317', 564]])
    expect(roundOrder(['4317', '4305', '4301', '43', '4302', '4308'], sizes)).toEqual(['43', '4301', '4302', '4317', '4305', '4308'])
  })

  it('keeps the listed order when nothing is to be pulled (an ordinary day)', () => {
    expect(roundOrder(['4301', '4302', '43'], new Map())).toEqual(['43', '4301', '4302'])
    expect(roundOrder(['4305', '4301'], new Map())).toEqual(['4305', '4301'])
  })
})
