import { parse } from 'acorn'
import { describe, expect, it } from 'vitest'
import { buildMediaDesignDoc } from '../../../couch/design/build-media-design-doc'
import { compileValidateDocUpdate } from '../../../couch/design/build-design-doc'
import { MAX_MEDIA_BYTES, mediaDoc, mediaId } from '../../../src/schema/media'

const ddoc = buildMediaDesignDoc()
const vdu = compileValidateDocUpdate(ddoc.validate_doc_update)
const KEY = '01FQZ7Y5J8B3W6N4K2M9P0R1T1'
const RECORD = 'assess:plot:430101:H-001:01FQZ7Y5J8B3W6N4K2M9P0R1T0'
const officer = { name: 'off4301', roles: ['district:4301'], db: 'cdd-4301-media' }

function photo(overrides: Record<string, unknown> = {}, attachment: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: mediaId(RECORD, 'off4301', KEY),
    type: 'photo',
    schema: 1,
    district: '4301',
    recordId: RECORD,
    createdBy: 'off4301',
    createdAt: '2022-03-05T03:00:00.000Z',
    device: 'dev-a1',
    _attachments: { photo: { content_type: 'image/jpeg', revpos: 0, length: 183_000, stub: true, ...attachment } },
    ...overrides,
  }
}

function refusal(doc: Record<string, unknown>, ctx: Record<string, unknown> = officer, old: unknown = null): string | null {
  try {
    vdu(doc, old, ctx)
    return null
  } catch (error) {
    return (error as { forbidden?: string }).forbidden ?? String(error)
  }
}

describe('the media store write rules (_design/media)', () => {
  it('is ES5 with the limits filled in', () => {
    expect(() => parse(`(${ddoc.validate_doc_update})`, { ecmaVersion: 5 })).not.toThrow()
    expect(ddoc.validate_doc_update).not.toMatch(/__LIMITS__|export default/)
  })

  it('accepts a JPEG, PNG or WebP photo by its author, in its district, and the zod schema agrees', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) expect(refusal(photo({}, { content_type: type })), type).toBeNull()
    const { _attachments, ...rest } = photo()
    expect(mediaDoc.safeParse({ ...rest, _attachments: { photo: { content_type: 'image/jpeg', data: 'AAAA' } } }).success).toBe(true)
  })

  it('refuses other types, oversize, missing or extra attachments, unmeasurable sizes', () => {
    expect(refusal(photo({}, { content_type: 'text/html' }))).toMatch(/^_attachments\.photo\.content_type: "text\/html"/)
    expect(refusal(photo({}, { length: MAX_MEDIA_BYTES + 1 }))).toMatch(/more than 2000000/)
    expect(refusal(photo({}, { length: 'undefined' }))).toMatch(/inline/)
    expect(refusal(photo({ _attachments: {} }))).toMatch(/exactly one/)
    expect(refusal(photo({ _attachments: { photo: { content_type: 'image/jpeg', length: 10 }, other: { content_type: 'image/jpeg', length: 10 } } }))).toMatch(/exactly one/)
    // The stand-in hands base64 data: its decoded size counts.
    expect(refusal(photo({}, { length: undefined, stub: undefined, data: 'A'.repeat(Math.ceil(((MAX_MEDIA_BYTES + 3) * 4) / 3)) }))).toMatch(/more than/)
    expect(refusal(photo({}, { length: undefined, stub: undefined, data: 'AAAA' }))).toBeNull()
  })

  it('refuses other districts, other authors, ids that do not link the record and author, fields it does not know', () => {
    expect(refusal(photo(), { ...officer, db: 'cdd-4302-media' })).toBe('district: expected 4302, got 4301')
    expect(refusal(photo(), { ...officer, db: 'cdd-4301' })).toMatch(/media store/)
    expect(refusal(photo({ recordId: 'assess:plot:430201:H-9:01FQZ7Y5J8B3W6N4K2M9P0R1T0', _id: mediaId('assess:plot:430201:H-9:01FQZ7Y5J8B3W6N4K2M9P0R1T0', 'off4301', KEY) }))).toMatch(/^recordId: .* is not a record of district 4301/)
    expect(refusal(photo(), { ...officer, name: 'off4399' })).toMatch(/^createdBy: expected off4399/)
    expect(refusal(photo({ _id: `photo:${RECORD}:someone:${KEY}` }))).toMatch(/^_id: expected photo:/)
    expect(refusal(photo({ _id: `photo:${RECORD}:off4301:short` }))).toMatch(/^_id:/)
    expect(refusal(photo({ note: '<script>' }))).toBe('note: not allowed in a photo document')
    expect(refusal(photo({ type: 'household' }))).toMatch(/^type:/)
  })

  it('never lets a photo change once stored, nor anyone but a supervisor remove one', () => {
    expect(refusal(photo({ _rev: '1-a' }), officer, photo())).toMatch(/^_rev: a photo is never changed/)
    expect(refusal({ _id: photo()._id, _deleted: true }, officer, photo())).toMatch(/^_deleted/)
    expect(refusal({ _id: photo()._id, _deleted: true }, { name: 'sup43', roles: ['supervisor', 'province:43'], db: 'cdd-4301-media' }, photo())).toBeNull()
    expect(refusal({ _id: '_design/media' }, officer)).toMatch(/design documents/)
  })
})
