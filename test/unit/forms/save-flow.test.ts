import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { makeTranslator, registerMessages } from '../../../src/app/i18n'
import { MESSAGES_SUPERVISOR } from '../../../src/app/i18n/messages-supervisor'
import { createDraftWriter, deleteDraft, loadDraft, type DraftTarget } from '../../../src/forms/drafts'
import { factsForm, monthOptions } from '../../../src/forms/facts'
import { mentorVisitForm } from '../../../src/forms/definitions'
import type { DraftMeta } from '../../../src/forms/drafts'
import { saveFromDraft, type DraftHandle } from '../../../src/forms/save-flow'
import { describeIssue } from '../../../src/forms/validate'
import { initialValues, toDocValues } from '../../../src/forms/values'
import { FY2565 } from '../../../src/scoring/rubric-fy2565'
import { openLocalDb, type LocalDb } from '../../../src/store/local-db'
import { createRepository } from '../../../src/store/repository'
import type { RecordDb } from '../../../src/store/pouch'
import { memoryRecordDb } from '../../support/memory-pouch'

registerMessages(MESSAGES_SUPERVISOR)
const th = makeTranslator('th', false)
const ctx = { today: '2022-06-30', province: '43' }
const months = monthOptions(FY2565.fiscalYear, (m) => m)

// The draft handle exactly as useDraft builds it (writer flush; discard = flush + delete).
function draftOf(db: LocalDb, target: DraftTarget) {
  const writer = createDraftWriter(db, target)
  const handle: DraftHandle = { flush: () => writer.flush(), discard: async () => (await writer.flush(), await deleteDraft(db, target)) }
  return { writer, handle }
}

// The province-facts editor's save, on a real repository (PouchDB in memory, zod) and real drafts (Dexie).
describe('the one save flow, for province facts as for every form', () => {
  let db: LocalDb
  let records: RecordDb
  beforeEach(() => {
    db = openLocalDb('save-flow', { indexedDB: new IDBFactory(), IDBKeyRange })
    records = memoryRecordDb()
  })

  it('a refused save names the field in Thai and keeps the draft; a good one saves once and drops it', async () => {
    const repository = createRepository({ records, author: { name: 'sup43', district: '43' }, device: 'd' })
    const def = factsForm('m5', months)
    const id = 'facts:43:m5'
    const target = { kind: def.kind, id }
    const { writer, handle } = draftOf(db, target)
    const typed = { ...initialValues(def, ctx), defaultedAmount: '-5', recoveredAmount: '26000' }
    void writer.write(typed)
    const save = (values: Record<string, unknown>) => repository.save('province-facts', values as never, { id })

    const refused = await saveFromDraft({ def, docValues: toDocValues(def, typed, ctx), editing: false, draft: handle, t: th.t, save })
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.message).toBe(th.t('form.summary', { n: 1 }))
    expect(refused.message).toMatch(/[ก-๙]/)
    expect(refused.issues!.map((i) => describeIssue(th.t, def, i))).toEqual([`${th.t('facts.defaultedAmount')}: ต้องไม่น้อยกว่า 0`])
    expect((await loadDraft(db, target))?.values).toEqual(typed)
    expect(await repository.get(id)).toBeUndefined()

    const fixed = { ...typed, defaultedAmount: '100,000' }
    void writer.write(fixed)
    let after: string | undefined
    const ok = await saveFromDraft({ def, docValues: toDocValues(def, fixed, ctx), editing: false, draft: handle, t: th.t, save, then: (saved) => void (after = saved.id) })
    expect(ok).toEqual({ ok: true })
    expect(after).toBe(id)
    expect(await loadDraft(db, target)).toBeUndefined()
    expect(await repository.get(id)).toMatchObject({ _id: id, mission: 'm5', defaultedAmount: 100000, recoveredAmount: 26000 })
    expect((await records.allDocs({ startkey: 'facts:', endkey: 'facts:\uffff' })).rows).toHaveLength(1)
  })

  it('a draft kept by a crash after its save saves the same record again, never a twin', async () => {
    const repository = createRepository({ records, author: { name: 'off4301', district: '4301' }, device: 'd' })
    const def = mentorVisitForm
    const target = { kind: def.kind, parent: 'household:43010101:12' }
    const ctx = { today: '2022-01-31', parent: target.parent }
    const typed = { ...initialValues(def, ctx), on: '2022-01-20', note: 'เยี่ยมบ้าน' }
    // A draft handle as useDraft gives it: its meta, and mark() to add to it on disk.
    const handleFor = (meta: DraftMeta, crashBeforeDiscard: boolean): DraftHandle => {
      const writer = createDraftWriter(db, target)
      let current = meta
      void writer.write(typed, current)
      return {
        get meta() {
          return current
        },
        mark: async (more) => {
          current = { ...current, ...more }
          void writer.write(typed, current)
          await writer.flush()
        },
        flush: () => writer.flush(),
        // The app dies between the save and the draft's removal.
        discard: async () => {
          await writer.flush()
          if (crashBeforeDiscard) throw new Error('the tab was closed')
          await deleteDraft(db, target)
        },
      }
    }
    const options = { def, docValues: toDocValues(def, typed, ctx), editing: false, t: th.t, newId: (v: Record<string, unknown>) => repository.newId(def.docType, v), save: (v: Record<string, unknown>, id: string | undefined) => repository.save('mentor-visit', v as never, { id }) }
    expect(await saveFromDraft({ ...options, draft: handleFor({}, true) })).toEqual({ ok: true })
    const kept = await loadDraft(db, target)
    expect(kept?.meta.savingId).toMatch(/^visit:household:43010101:12:/)
    // Restored (as the form does on reopening) and saved again: the same visit, updated, not a second one.
    expect(await saveFromDraft({ ...options, draft: handleFor(kept!.meta, false) })).toEqual({ ok: true })
    const visits = (await records.allDocs({ startkey: 'visit:', endkey: 'visit:\uffff' })).rows
    expect(visits.map((r) => r.id)).toEqual([kept!.meta.savingId])
    expect(await loadDraft(db, target)).toBeUndefined()
  })
})
