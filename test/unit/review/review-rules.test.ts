/**
 * Issue 15's write rules in the generated validate_doc_update, called directly: only supervisors of
 * the area review, the author is in the id, and reviews/history entries are never changed.
 */
import { describe, expect, it } from 'vitest'
import { buildDesignDoc, compileValidateDocUpdate } from '../../../couch/design/build-design-doc'
import { validDocs } from '../../fixtures/docs'

interface Ctx { name: string | null; roles: string[]; db: string }
const vdu = compileValidateDocUpdate(buildDesignDoc().validate_doc_update)
function run(newDoc: unknown, oldDoc: unknown, ctx: Ctx): string | null {
  try {
    vdu(JSON.parse(JSON.stringify(newDoc)), oldDoc === null ? null : JSON.parse(JSON.stringify(oldDoc)), ctx, {})
    return null
  } catch (e) {
    if (e && typeof e === 'object' && 'forbidden' in e) return String((e as { forbidden: unknown }).forbidden)
    throw e
  }
}

const review = validDocs.find((v) => v.name === 'review: household check approved')!.doc
const history = validDocs.find((v) => v.name === 'history: household edit')!.doc
const supervisor: Ctx = { name: 'sup43', roles: ['province:43', 'supervisor'], db: 'cdd-4301' }
const officer: Ctx = { name: 'off4301', roles: ['district:4301'], db: 'cdd-4301' }

describe('reviews on the server', () => {
  it('a supervisor of the area may review', () => {
    expect(run(review, null, supervisor)).toBeNull()
    // A district-level supervisor (district role + supervisor) is of the area too.
    const districtSup = { ...review, _id: 'review:household:43010101:12:dsup4301:01FQZ7Y5J8B3W6N4K2M9P0R1T9', createdBy: 'dsup4301', updatedBy: 'dsup4301' }
    expect(run(districtSup, null, { name: 'dsup4301', roles: ['district:4301', 'supervisor'], db: 'cdd-4301' })).toBeNull()
  })

  it('an officer may not, even naming themselves as the author', () => {
    const byOfficer = { ...review, _id: 'review:household:43010101:12:off4301:01FQZ7Y5J8B3W6N4K2M9P0R1T1', createdBy: 'off4301', updatedBy: 'off4301' }
    expect(run(byOfficer, null, officer)).toBe('type: only supervisors of this area may review records')
  })

  it('a supervisor of another province may not (the role says which area)', () => {
    const other = { ...review, _id: 'review:household:43010101:12:sup41:01FQZ7Y5J8B3W6N4K2M9P0R1T1', createdBy: 'sup41', updatedBy: 'sup41' }
    expect(run(other, null, { name: 'sup41', roles: ['province:41', 'supervisor'], db: 'cdd-4301' })).toBe('type: only supervisors of this area may review records')
  })

  it('the author in the id is the writer, and the id names the record', () => {
    expect(run({ ...review, createdBy: 'sup43b', updatedBy: 'sup43b' }, null, { ...supervisor, name: 'sup43b' })).toMatch(/^_id: a review id is review:<record>:sup43b:<id>/)
    expect(run({ ...review, recordId: 'household:43010101:13' }, null, supervisor)).toMatch(/^recordId: expected the record named in the id/)
  })

  it('a review is never changed, not even by its author: a new one is written', () => {
    expect(run({ ...review, _rev: '1-a', state: 'returned', comment: 'x' }, review, supervisor)).toMatch(/^_rev: review documents are never changed/)
  })
})

describe('history entries on the server', () => {
  it('anyone writing the record writes its history, under their own name', () => {
    expect(run(history, null, officer)).toBeNull()
    expect(run({ ...history, createdBy: 'off4301b', updatedBy: 'off4301b' }, null, { ...officer, name: 'off4301b' })).toMatch(/^_id: a history id is history:<record>:off4301b:<id>/)
    expect(run({ ...history, _rev: '1-a', changes: [] }, history, officer)).toMatch(/^_rev: history documents are (append-only|never changed)/)
  })
})
