/**
 * The generated validate_doc_update, loaded from its stored text and called directly (CHT-style), and
 * checked against the zod schemas with the shared fixture table so the two cannot drift apart.
 */
import { parse } from 'acorn'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  assertSupportedSchema,
  buildDesignDoc,
  buildValidateDocUpdate,
  compileValidateDocUpdate,
  type JsonSchema,
} from '../../../couch/design/build-design-doc'
import { parseDoc } from '../../../src/schema/parse'
import { invalidDocs, validDocs } from '../../fixtures/docs'

type Vdu = ReturnType<typeof compileValidateDocUpdate>
interface Ctx { name: string | null; roles: string[]; db: string }

/** A JSON copy, as CouchDB hands docs over; a doc too deep for JSON.stringify is passed as it is. */
function plain(doc: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(doc))
  } catch (e) {
    if (e instanceof RangeError) return doc
    throw e
  }
}

/** The refusal message, or null when the write is allowed. Anything but {forbidden} is a bug. */
function run(vdu: Vdu, newDoc: unknown, oldDoc: unknown, userCtx: Ctx): string | null {
  try {
    vdu(plain(newDoc), oldDoc === null ? null : plain(oldDoc), userCtx, {})
    return null
  } catch (e) {
    if (e && typeof e === 'object' && 'forbidden' in e) return String((e as { forbidden: unknown }).forbidden)
    throw e
  }
}

// ── The checker on a small local schema, independent of the app's ───────────────────────────────

const example = z.looseObject({
  _id: z.string().min(1).max(20),
  type: z.literal('thing'),
  district: z.string().regex(/^\d{4}$/),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  on: z.iso.date(),
  size: z.number().int().min(1).max(10),
  ratio: z.number().positive().lt(1).optional(),
  colour: z.enum(['red', 'green']),
  tags: z.array(z.string().max(3)).min(1).max(2),
  spot: z.strictObject({ lat: z.number().min(-90).max(90) }).optional(),
  loose: z.object({ n: z.number() }).optional(),
  link: z.url().optional(),
  shape: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('circle'), r: z.number() }),
    z.object({ kind: z.literal('square'), side: z.number() }),
  ]).optional(),
  either: z.union([z.string(), z.number()]).optional(),
})

const exampleSchema = (() => {
  const { $schema: _s, ...schema } = z.toJSONSchema(example, { io: 'input' }) as Record<string, unknown>
  return schema
})()
const exampleVdu = compileValidateDocUpdate(
  buildValidateDocUpdate({ thing: exampleSchema }, { referenceTypes: [], appendOnlyTypes: [] }),
)
const good = {
  _id: 't1', type: 'thing', district: '4301', createdBy: 'u1', createdAt: '2022-01-05T03:00:00.000Z', on: '2024-02-29',
  size: 3, colour: 'red', tags: ['a'],
}
const u1: Ctx = { name: 'u1', roles: [], db: 'cdd-4301' }

describe('the JSON-Schema-subset checker', () => {
  it('accepts a valid doc and agrees with zod on it', () => {
    expect(example.safeParse(good).success).toBe(true)
    expect(run(exampleVdu, good, null, u1)).toBeNull()
    const full = { ...good, ratio: 0.5, spot: { lat: 10 }, loose: { n: 1, extra: 'kept, as zod accepts it' }, link: 'https://x.example/a', shape: { kind: 'square', side: 2 }, either: 4 }
    expect(example.safeParse(full).success).toBe(true)
    expect(run(exampleVdu, full, null, u1)).toBeNull()
  })

  const cases: [string, Record<string, unknown>, string][] = [
    ['required', { size: undefined }, 'size: required'],
    ['integer', { size: 2.5 }, 'size: expected integer'],
    ['minimum', { size: 0 }, 'size: must be at least 1'],
    ['maximum', { size: 11 }, 'size: must be at most 10'],
    ['exclusiveMinimum', { ratio: 0 }, 'ratio: must be more than 0'],
    ['exclusiveMaximum', { ratio: 1 }, 'ratio: must be less than 1'],
    ['enum', { colour: 'blue' }, 'colour: expected one of'],
    ['const', { type: 'thing', district: 4301 }, 'district: expected string'],
    ['pattern', { district: '43' }, 'district: does not match'],
    ['calendar date', { on: '2022-02-30' }, 'on: expected a valid date'],
    ['not a leap year', { on: '2023-02-29' }, 'on: '],
    ['date-time', { createdAt: '2022-01-05 03:00' }, 'createdAt: '],
    ['minLength', { _id: '' }, '_id: must be at least 1'],
    ['maxLength', { _id: 'x'.repeat(21) }, '_id: must be at most 20'],
    ['minItems', { tags: [] }, 'tags: must have at least 1'],
    ['maxItems', { tags: ['a', 'b', 'c'] }, 'tags: must have at most 2'],
    ['items', { tags: ['toolong'] }, 'tags[0]: must be at most 3'],
    ['nested object', { spot: { lat: 91 } }, 'spot.lat: must be at most 90'],
    ['strict nested object', { spot: { lat: 1, extra: true } }, 'spot.extra: is not an allowed field'],
    ['uri', { link: 'not a url' }, 'link: expected a valid uri'],
    ['discriminator unknown', { shape: { kind: 'blob' } }, 'shape.kind: expected one of "circle", "square"'],
    ['discriminated branch', { shape: { kind: 'circle', r: 'big' } }, 'shape.r: expected number'],
    ['anyOf', { either: true }, 'either: expected string'],
  ]
  it.each(cases)('refuses: %s, naming the field, as zod does', (_name, change, message) => {
    const doc = { ...good, ...change }
    expect(example.safeParse(doc).success).toBe(false)
    expect(run(exampleVdu, doc, null, u1)).toContain(message)
  })

  it('refuses schemas using keywords it does not implement', () => {
    expect(() => assertSupportedSchema({ type: 'object', $ref: '#/$defs/x' } as JsonSchema, 'x')).toThrow(/\$ref/)
    expect(() => assertSupportedSchema({ type: 'string', format: 'email' }, 'x')).toThrow(/email/)
    expect(() => assertSupportedSchema({ type: 'string', pattern: '(?<y>\\d)' }, 'x')).toThrow(/ES5/)
  })
})

// ── The app's design doc ─────────────────────────────────────────────────────────────────────────

const designDoc = buildDesignDoc()
const vdu = compileValidateDocUpdate(designDoc.validate_doc_update)

function ctxFor(doc: Record<string, unknown>, roles = ['supervisor', 'province:43']): Ctx {
  return { name: String(doc.createdBy), roles, db: `cdd-${String(doc.district ?? '4301')}` }
}

describe('the generated validate_doc_update', () => {
  it('is ES5: CouchDB 3 runs it in an old SpiderMonkey', () => {
    expect(() => parse(`(${designDoc.validate_doc_update})`, { ecmaVersion: 5 })).not.toThrow()
    expect(designDoc.validate_doc_update).not.toMatch(/__SCHEMAS__|__RULES__|export default/)
  })

  it('agrees with zod on every valid fixture: accepted', () => {
    for (const { name, doc } of validDocs) {
      expect(parseDoc(doc).ok, name).toBe(true)
      expect(run(vdu, doc, null, ctxFor(doc)), name).toBeNull()
    }
  })

  it('agrees with zod on every invalid fixture: refused, naming the field', () => {
    for (const { name, doc, field } of invalidDocs) {
      const parsed = parseDoc(doc)
      expect(parsed.ok, name).toBe(false)
      if (!parsed.ok) expect(parsed.problems.map((p) => p.path), name).toContain(field)
      const message = run(vdu, doc, null, ctxFor(doc))
      expect(message, name).not.toBeNull()
      expect(message?.startsWith(`${field}: `), `${name}: ${message}`).toBe(true)
    }
  })
})

const household = validDocs.find((v) => v.name === 'household TPMAP missed (exclusion error)')!.doc
const tpmapHousehold = validDocs.find((v) => v.name === 'TPMAP household, just imported')!.doc
const village = validDocs.find((v) => v.name === 'village')!.doc
const visit = validDocs.find((v) => v.name === 'mentor visit')!.doc
const facts = validDocs.find((v) => v.name === 'province facts, mission 2 disbursement')!.doc
const officer: Ctx = { name: 'off4301', roles: ['district:4301'], db: 'cdd-4301' }
const otherOfficer: Ctx = { name: 'off4301b', roles: ['district:4301'], db: 'cdd-4301' }
const supervisor: Ctx = { name: 'sup43', roles: ['province:43', 'supervisor'], db: 'cdd-4301' }
const admin: Ctx = { name: 'admin', roles: ['_admin'], db: 'cdd-4301' }

describe('write rules', () => {
  it('district must be the database’s', () => {
    expect(run(vdu, household, null, { ...officer, db: 'cdd-4302' })).toBe('district: expected 4302, got 4301')
  })

  it('createdBy is the writer on create, unless a server admin writes', () => {
    expect(run(vdu, household, null, officer)).toBeNull()
    expect(run(vdu, household, null, otherOfficer)).toMatch(/^createdBy: expected off4301b/)
    expect(run(vdu, household, null, admin)).toBeNull()
  })

  it('createdBy and createdAt never change', () => {
    expect(run(vdu, { ...household, createdBy: 'someone' }, household, supervisor)).toMatch(/^createdBy: may not change/)
    expect(run(vdu, { ...household, createdAt: '2023-01-01T00:00:00.000Z' }, household, supervisor)).toMatch(/^createdAt: may not change/)
    expect(run(vdu, { ...household, note: 'แก้ไข' }, household, officer)).toBeNull()
  })

  it('reference types are for supervisors', () => {
    const byOfficer = { ...village, createdBy: 'off4301', updatedBy: 'off4301' }
    expect(run(vdu, byOfficer, null, officer)).toMatch(/^type: village documents may only be written by supervisors/)
    expect(run(vdu, village, null, supervisor)).toBeNull()
    expect(run(vdu, village, null, admin)).toBeNull()
  })

  it('TPMAP households: created by supervisors; inTpmap, villageCode, houseId locked for others', () => {
    const byOfficer = { ...tpmapHousehold, createdBy: 'off4301', updatedBy: 'off4301' }
    expect(run(vdu, byOfficer, null, officer)).toMatch(/^inTpmap: only supervisors/)
    expect(run(vdu, tpmapHousehold, null, supervisor)).toBeNull()
    const edit = { ...tpmapHousehold, updatedBy: 'off4301' }
    expect(run(vdu, { ...edit, inTpmap: false }, tpmapHousehold, officer)).toMatch(/^_id: a household TPMAP missed is recorded as household:43010101:12:off4301/)
    expect(run(vdu, { ...edit, villageCode: '43010102' }, tpmapHousehold, officer)).toMatch(/^_id: a TPMAP household is household:43010102:12/)
    expect(run(vdu, { ...edit, houseId: '13' }, tpmapHousehold, officer)).toMatch(/^_id: /)
    expect(run(vdu, { ...edit, verifiedOn: '2022-01-10' }, tpmapHousehold, officer)).toBeNull()
    // Even a supervisor cannot give a household an id that is not its village and house.
    expect(run(vdu, { ...tpmapHousehold, houseId: '13' }, tpmapHousehold, supervisor)).toMatch(/^_id: a TPMAP household is household:43010101:13/)
  })

  it('a household TPMAP missed lives in its author’s id space', () => {
    expect(household._id).toBe('household:43010101:99:off4301')
    expect(run(vdu, household, null, officer)).toBeNull()
    expect(run(vdu, { ...household, _id: 'household:43010101:99:off4301b' }, null, officer)).toMatch(/^_id: expected household:43010101:99:off4301 /)
    expect(run(vdu, { ...household, inTpmap: true }, null, officer)).toMatch(/^_id: a TPMAP household is household:43010101:99/)
  })

  it('append-only types: the author is in the id; not modified after creation, except by supervisors', () => {
    expect(run(vdu, visit, null, officer)).toBeNull()
    expect(run(vdu, { ...visit, note: 'changed' }, visit, officer)).toMatch(/^_rev: mentor-visit documents are append-only/)
    expect(run(vdu, { ...visit, note: 'changed', updatedBy: 'sup43' }, visit, supervisor)).toBeNull()
    // Another officer's visit, written as if new (no oldDoc): the id names its author.
    const forged = { ...visit, createdBy: 'off4301b', updatedBy: 'off4301b' }
    expect(run(vdu, forged, null, otherOfficer)).toMatch(/^_id: the author in the id \(off4301\) is not createdBy \(off4301b\)/)
    expect(run(vdu, { ...visit, note: 'rewritten' }, null, otherOfficer)).toMatch(/^createdBy: expected off4301b/)
    expect(run(vdu, { ...visit, _id: 'visit:household:43010101:12:01FQZ7Y5J8B3W6N4K2M9P0R1S4' }, null, officer)).toMatch(/^_id: mentor-visit ids carry their author/)
    expect(run(vdu, { ...visit, _id: 'visit:household:43010101:13:off4301:01FQZ7Y5J8B3W6N4K2M9P0R1S4' }, null, officer)).toMatch(/^_id: expected visit:household:43010101:12:/)
  })

  it('deletion: by the author the id names, or a supervisor; TPMAP households and reference docs by supervisors only', () => {
    const tombstone = { _id: household._id, _rev: '1-x', _deleted: true }
    expect(run(vdu, tombstone, household, officer)).toBeNull()
    expect(run(vdu, tombstone, household, otherOfficer)).toMatch(/^_deleted: only its author \(off4301\)/)
    expect(run(vdu, tombstone, household, supervisor)).toBeNull()
    const tpmapTombstone = { _id: tpmapHousehold._id, _rev: '1-x', _deleted: true }
    expect(run(vdu, tpmapTombstone, tpmapHousehold, officer)).toMatch(/^_deleted: TPMAP households may only be deleted by supervisors/)
    expect(run(vdu, tpmapTombstone, null, officer)).toMatch(/^_deleted: TPMAP households/)
    expect(run(vdu, tpmapTombstone, tpmapHousehold, supervisor)).toBeNull()
    const visitTombstone = { _id: visit._id, _rev: '1-x', _deleted: true }
    expect(run(vdu, visitTombstone, visit, otherOfficer)).toMatch(/^_deleted: only its author/)
    expect(run(vdu, visitTombstone, null, otherOfficer)).toMatch(/^_deleted: only its author/)
    expect(run(vdu, visitTombstone, visit, officer)).toBeNull()
    expect(run(vdu, visitTombstone, visit, supervisor)).toBeNull()
    expect(run(vdu, { _id: village._id, _rev: '1-x', _deleted: true }, village, officer)).toMatch(/^_deleted: village documents may only be deleted by supervisors/)
    expect(run(vdu, { _id: 'whatever', _rev: '1-x', _deleted: true }, null, officer)).toMatch(/^_deleted: only supervisors/)
    // A tombstone carries nothing else.
    expect(run(vdu, { ...tombstone, headName: 'ยังอยู่' }, household, officer)).toBe('headName: a deleted document carries only _id, _rev and _deleted')
    expect(run(vdu, { ...tombstone, _revisions: { start: 2, ids: ['x', 'y'] } }, household, officer)).toBeNull()
  })

  it('updatedBy is the writer (server admins excepted: imports and demo data)', () => {
    expect(run(vdu, { ...household, updatedBy: 'sup43' }, null, officer)).toBe('updatedBy: expected off4301 (the user writing), got "sup43"')
    expect(run(vdu, { ...household, updatedBy: 'sup43' }, null, admin)).toBeNull()
  })

  it('ids match their type and fields', () => {
    expect(run(vdu, { ...village, _id: 'village:43010102' }, null, supervisor)).toMatch(/^_id: expected village:43010101/)
    expect(run(vdu, { ...facts, _id: 'facts:43:m3' }, null, { ...supervisor, db: 'cdd-43' })).toMatch(/^_id: expected facts:43:m2/)
    const post = validDocs.find((v) => v.name === 'PR post')!.doc
    expect(run(vdu, { ...post, _id: 'report:off4301:01FQZ7Y5J8B3W6N4K2M9P0R1S8' }, null, officer)).toMatch(/^_id: expected post:/)
    expect(run(vdu, { ...post, _id: 'post:off4301:not-a-ulid' }, null, officer)).toMatch(/^_id: expected post:/)
  })

  it('unknown or missing type is refused', () => {
    expect(run(vdu, { ...household, type: 'recipe' }, null, officer)).toBe('type: unknown document type "recipe"')
    expect(run(vdu, { ...household, type: undefined }, null, officer)).toBe('type: required')
  })

  it('config docs (config:districts) only by server admins, whatever their shape', () => {
    const doc = { _id: 'config:districts', districts: [{ code: '4301', name: 'เมืองหนองคาย' }] }
    expect(run(vdu, doc, null, { ...admin, db: 'cdd-43' })).toBeNull()
    expect(run(vdu, doc, null, { ...supervisor, db: 'cdd-43' })).toMatch(/^_id: config documents/)
  })

  it('design docs only by server admins', () => {
    expect(run(vdu, { _id: '_design/evil' }, null, supervisor)).toMatch(/^_id: design documents/)
    expect(run(vdu, { _id: '_design/cdd' }, null, admin)).toBeNull()
  })

  it('province facts live in the province db only, for that province', () => {
    const sup: Ctx = { ...supervisor, db: 'cdd-43' }
    expect(run(vdu, facts, null, sup)).toBeNull()
    expect(run(vdu, { ...facts, province: '44' }, null, sup)).toBe('province: expected 43, got 44')
    expect(run(vdu, household, null, { ...sup, name: 'off4301' })).toMatch(/^district: expected 43/)
    expect(run(vdu, { ...household, district: '43' }, null, { ...sup, name: 'off4301' })).toMatch(/^type: only province-facts/)
    expect(run(vdu, { ...facts, district: '4301' }, null, supervisor)).toMatch(/^type: province-facts belong/)
  })
})
