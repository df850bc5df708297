import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { useState } from 'preact/hooks'
import { afterAll, describe, expect, it } from 'vitest'
import { useDraft, type DraftState } from '../../src/forms/use-draft'
import { draftKey, saveDraft } from '../../src/forms/drafts'
import { openLocalDb } from '../../src/store/local-db'
import { until } from '../support/until'

/*
 * A form opened cold: the host reads its own data (the village, the edited doc) while the draft is
 * read. Real Dexie on real IndexedDB, a real Preact component.
 */

const db = openLocalDb(`test-use-draft-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`)
afterAll(async () => {
  db.close()
  await db.delete()
})

describe('useDraft', () => {
  it('reads the stored draft while the host still loads, and starts from it in the render the host becomes ready', async () => {
    const target = { kind: 'complaint', parent: '43010101' }
    await saveDraft(db, target, { details: 'ถนนชำรุด' }, { title: 'บ้านหนองนา' })
    // Watch the draft table's reads: the read must not wait for the host.
    let draftReads = 0
    const get = db.drafts.get.bind(db.drafts)
    db.drafts.get = ((key: string) => get(key).finally(() => (draftReads += 1))) as typeof db.drafts.get

    let becomeReady = () => {}
    const states: DraftState['status'][] = []
    let last: DraftState | undefined
    let initialCalls = 0
    function Form() {
      const [ready, setReady] = useState(false)
      becomeReady = () => setReady(true)
      const draft = useDraft(db, target, () => ((initialCalls += 1), { values: { details: '' }, meta: {} }), ready)
      states.push(draft.state.status)
      last = draft.state
      return h('p', null, draft.state.status)
    }
    const root = document.createElement('div')
    document.body.append(root)
    await act(() => render(h(Form, null), root))
    await until(() => draftReads === 1)
    await new Promise((r) => setTimeout(r, 30))
    expect(last?.status).toBe('loading')

    // The host's data arrives: the form shows the draft in that same render, with no second read.
    const rendersBefore = states.length
    act(() => becomeReady())
    expect(states.slice(rendersBefore)[0]).toBe('ready')
    expect(last).toMatchObject({ status: 'ready', values: { details: 'ถนนชำรุด' }, meta: { title: 'บ้านหนองนา' } })
    expect(initialCalls).toBe(0)
    expect(draftReads).toBe(1)
    act(() => render(null, root))
  })

  it('with no stored draft, starts from initial() once, and keeps typed values across renders', async () => {
    const target = { kind: 'pr-post', parent: '43010102' }
    let initialCalls = 0
    let handle: ReturnType<typeof useDraft> | undefined
    function Form() {
      handle = useDraft(db, target, () => ((initialCalls += 1), { values: { title: '' }, meta: { title: 'x' } }), true)
      return h('p', null, handle.state.status)
    }
    const root = document.createElement('div')
    document.body.append(root)
    await act(() => render(h(Form, null), root))
    await until(() => handle?.state.status === 'ready')
    expect(handle?.state).toMatchObject({ status: 'ready', values: { title: '' } })
    act(() => handle!.setValues({ title: 'ข่าวประชาสัมพันธ์' }))
    act(() => render(h(Form, null), root))
    expect(handle?.state).toMatchObject({ status: 'ready', values: { title: 'ข่าวประชาสัมพันธ์' } })
    expect(initialCalls).toBe(1)
    await handle!.flush()
    expect((await db.drafts.get(draftKey(target)))?.values).toMatchObject({ title: 'ข่าวประชาสัมพันธ์' })
    act(() => render(null, root))
  })
})
