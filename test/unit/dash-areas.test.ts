import { describe, expect, it } from 'vitest'
import { areasOfView, hasArrived, missingAreas } from '../../src/app/area-coverage'
import { areaLabel } from '../../src/app/area-names'
import { makeTranslator } from '../../src/app/i18n'
import { MESSAGES_DASH } from '../../src/app/i18n/messages-dash'
import { buildAreaNames } from '../../src/store/area-names'
import { INITIAL_STATUS, reduceSync, type SyncStatus } from '../../src/sync/status'

const AREAS = ['4301', '4302', '4316', '43']

describe('which areas have arrived', () => {
  const at = '2022-06-30T03:00:00.000Z'
  let status: SyncStatus = INITIAL_STATUS
  for (const area of AREAS) status = reduceSync(status, { type: 'started', area, at }).status
  // 4301: both sides caught up once; 4302: only its pull caught up (pushing still); 4316 and 43: still pulling.
  for (const direction of ['push', 'pull'] as const) status = reduceSync(status, { type: 'paused', area: '4301', direction, at }).status
  status = reduceSync(status, { type: 'paused', area: '4302', direction: 'pull', at }).status
  status = reduceSync(status, { type: 'change', area: '4316', direction: 'pull', docs: 100, at }).status

  it('an area has arrived once its pull caught up; a fresh start keeps a success already had', () => {
    expect(missingAreas('43', AREAS, status)).toEqual(['4316', '43'])
    const restarted = reduceSync(status, { type: 'started', area: '4301', at }).status
    expect(hasArrived(restarted.areas['4301'])).toBe(true)
    expect(missingAreas('43', AREAS, undefined)).toEqual(AREAS)
  })

  it('a view counts only the areas it includes', () => {
    expect(areasOfView('43', AREAS)).toEqual(AREAS)
    expect(areasOfView('430101', AREAS)).toEqual(['4301'])
    expect(missingAreas('4316', AREAS, status)).toEqual(['4316'])
    expect(missingAreas('4301', AREAS, status)).toEqual([])
  })

  it('the first pull completion, once the sync status records it, decides alone', () => {
    const s = status.areas['4301']!
    expect(hasArrived({ ...s, initial: { done: false } } as never)).toBe(false)
    expect(hasArrived({ ...status.areas['4316']!, initial: { done: true } } as never)).toBe(true)
  })
})

describe('areas by name', () => {
  const th = makeTranslator('th', false)
  it('names from config:districts win; villages name sub-districts; codes without a name still say what they are', () => {
    const names = buildAreaNames(
      [{ id: 'config:districts', province: { code: '43', name: 'หนองคาย' }, districts: [{ code: '4399', name: 'ทดลอง', subdistricts: [{ code: '439901', name: 'ตำบลทดลอง' }] }] }],
      [{ code: '43010101', moo: 3, name: 'บ้านโนน', tambonCode: '430101', tambonName: 'ในเมือง' }],
    )
    // The i18n table with the dash strings is registered in the main chunk.
    expect(MESSAGES_DASH['area.district'].th).toBe('อำเภอ{name}')
    expect(areaLabel(th, names, '43')).toBe('จังหวัดหนองคาย')
    expect(areaLabel(th, names, '4301')).toBe('อำเภอเมืองหนองคาย')
    expect(areaLabel(th, names, '4399')).toBe('อำเภอทดลอง')
    expect(areaLabel(th, names, '430101')).toBe('ตำบลในเมือง')
    expect(areaLabel(th, names, '43010101')).toBe('หมู่ 3 บ้านโนน')
    expect(areaLabel(th, names, '4388')).toBe('อำเภอ (รหัส 4388)')
    expect(areaLabel(makeTranslator('en', false), names, '4301')).toBe('เมืองหนองคาย district')
  })
})
