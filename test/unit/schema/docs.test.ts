import { describe, expect, it } from 'vitest'
import { docSchemaFor, isDocType, parseDoc, formatPath } from '../../../src/schema'
import { invalidDocs, validDocs } from '../../fixtures/docs'

describe('document schemas against the shared fixture table', () => {
  it.each(validDocs)('accepts a valid $name', ({ doc }) => {
    const result = parseDoc(doc)
    expect(result.ok ? [] : result.problems).toEqual([])
  })

  it.each(invalidDocs)('refuses $name, naming $field', ({ doc, field }) => {
    const result = parseDoc(doc)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain(field)
  })

  it('keeps fields a newer app version added, so an older one never strips them', () => {
    const doc = { ...validDocs[3]!.doc, addedLater: { x: 1 } }
    const result = parseDoc(doc)
    expect(result.ok && (result.doc as Record<string, unknown>).addedLater).toEqual({ x: 1 })
  })

  it('explains a non-object instead of throwing', () => {
    expect(parseDoc('hello')).toEqual({ ok: false, problems: [{ path: '', message: 'expected a JSON object' }] })
    expect(parseDoc(null).ok).toBe(false)
  })

  it('knows its types', () => {
    expect(isDocType('household')).toBe(true)
    expect(isDocType('toString')).toBe(false)
    expect(docSchemaFor('household').safeParse(validDocs[3]!.doc).success).toBe(true)
  })

  it('formats paths as people read them', () => {
    expect(formatPath(['m1', 'households', 3, 'verifiedOn'])).toBe('m1.households[3].verifiedOn')
    expect(formatPath([0, 'a'])).toBe('[0].a')
  })
})
