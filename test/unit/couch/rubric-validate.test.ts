/**
 * Published rubric editions (`rubric:<year>`, issue 13) through the generated validate_doc_update,
 * called as CouchDB calls it, and through the app's zod check: both refuse an invalid edition and
 * name the field path; only supervisors publish, only into the province database.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildDesignDoc, compileValidateDocUpdate } from '../../../couch/design/build-design-doc'
import { FY2565 } from '../../../src/scoring'
import { makeRubricDoc, parseEditionDoc } from '../../../src/scoring/edition-doc'
import { demoEdition, rollTo } from '../../../src/scoring/editions'

const vdu = compileValidateDocUpdate(buildDesignDoc().validate_doc_update)
const supervisor = { name: 'sup43', roles: ['supervisor', 'province:43'], db: 'cdd-43' }
const officer = { name: 'off4301', roles: ['district:4301'], db: 'cdd-43' }

function run(newDoc: unknown, userCtx: typeof supervisor, oldDoc: unknown = null): string | null {
  try {
    vdu(JSON.parse(JSON.stringify(newDoc)), oldDoc, userCtx, {})
    return null
  } catch (e) {
    if (e && typeof e === 'object' && 'forbidden' in e) return String((e as { forbidden: unknown }).forbidden)
    throw e
  }
}

const good = makeRubricDoc(rollTo(FY2565, 2570), '43', 'sup43', '2026-12-01T03:00:00.000Z')
const invalid = JSON.parse(readFileSync('test/fixtures/rubric/invalid-fy2570.json', 'utf8')) as unknown

describe('rubric editions on the server', () => {
  it('a supervisor publishes a valid edition (a rolled one, the demo one) into the province db, and may replace it', () => {
    expect(run(good, supervisor)).toBeNull()
    expect(run(makeRubricDoc(demoEdition(2570), '43', 'sup43', '2026-12-01T03:00:00.000Z'), supervisor)).toBeNull()
    expect(run({ ...good, _rev: '2-x' }, supervisor, good)).toBeNull()
  })

  it('an officer cannot publish, change or delete one', () => {
    expect(run(good, officer)).toMatch(/^_id: rubric editions may only be published by supervisors/)
    expect(run({ _id: good._id, _deleted: true }, officer, good)).toMatch(/supervisors/)
  })

  it('an invalid edition is refused naming the field path, by the server and by zod', () => {
    expect(run(invalid, supervisor)).toMatch(/^edition\.m1\.verifyBy: /)
    const fixed = JSON.parse(JSON.stringify(invalid)) as { edition: { m1: { verifyBy: string } } }
    fixed.edition.m1.verifyBy = '2026-12-31'
    expect(run(fixed, supervisor)).toMatch(/^edition\.m2\.max\.1: /)
    const z = parseEditionDoc(invalid)
    expect(z.ok).toBe(false)
    if (!z.ok) expect(z.issues.map((i) => i.path)).toEqual(['edition.m1.verifyBy', 'edition.m2.max.1'])
    expect(parseEditionDoc(good)).toMatchObject({ ok: true, edition: { name: 'FY2570' } })
  })

  it('belongs in the province db, under its own year, for that province', () => {
    expect(run(good, { ...supervisor, db: 'cdd-4301' })).toMatch(/^_id: rubric editions belong in the province database cdd-43/)
    expect(run({ ...good, _id: 'rubric:2571' }, supervisor)).toMatch(/^_id: expected rubric:2570/)
    expect(run({ ...good, province: '44' }, supervisor)).toMatch(/^province: expected 43/)
    expect(run({ ...good, edition: { ...good.edition, version: 2 } }, supervisor)).toMatch(/^edition\.version: /)
  })
})
