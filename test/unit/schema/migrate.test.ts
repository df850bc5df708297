import { describe, expect, it } from 'vitest'
import { migrate, MigrationError, type MigrationTable } from '../../../src/schema'

describe('migrate', () => {
  const table: MigrationTable = {
    household: {
      // v0 kept failing dimensions as a list; v1 keeps one boolean per dimension.
      0: (doc) => {
        const list = (doc.failingList as string[]) ?? []
        const { failingList: _dropped, ...rest } = doc
        return { ...rest, failing: Object.fromEntries(['income', 'health'].map((d) => [d, list.includes(d)])) }
      },
      1: (doc) => ({ ...doc, renamed: doc.headName }),
    },
  }

  it('upgrades step by step to the target version without touching the input', () => {
    const v0 = { type: 'household', headName: 'ก', failingList: ['income'] }
    const up = migrate(v0, table, 2)
    expect(up).toEqual({ type: 'household', headName: 'ก', failing: { income: true, health: false }, renamed: 'ก', schema: 2 })
    expect(v0).toEqual({ type: 'household', headName: 'ก', failingList: ['income'] })
  })

  it('returns a current doc as it is', () => {
    const doc = { type: 'household', schema: 1 }
    expect(migrate(doc, table, 1)).toBe(doc)
  })

  it('refuses a doc from a newer app and one with no upgrade path, naming schema', () => {
    expect(() => migrate({ type: 'household', schema: 3 }, table, 2)).toThrow(MigrationError)
    expect(() => migrate({ type: 'plot', schema: 0 }, table, 1)).toThrow(/schema: no upgrade from version 0/)
  })
})
