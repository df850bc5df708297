import { describe, expect, it } from 'vitest'
import { groupVillages } from '../../../src/app/screens/villages'
import { draftRoute } from '../../../src/app/screens/home'
import { hrefFor } from '../../../src/app/router'
import type { VillageRow } from '../../../src/store/local-db'

const v = (code: string, moo: number, name: string, tambonName: string): VillageRow => ({ code, district: '4301', moo, name, tambonCode: code.slice(0, 6), tambonName })
const villages = [v('43010102', 2, 'บ้านโนนสว่าง', 'ในเมือง'), v('43010101', 1, 'บ้านหนองกอมเกาะ', 'ในเมือง'), v('43010201', 1, 'บ้านนาข่า', 'มีชัย')]

describe('villages list', () => {
  it('groups by tambon, villages by moo', () => {
    expect(groupVillages(villages, '').map((t) => [t.name, t.villages.map((x) => x.moo)])).toEqual([
      ['ในเมือง', [1, 2]],
      ['มีชัย', [1]],
    ])
  })
  it('finds by name or moo number, in Thai digits too', () => {
    expect(groupVillages(villages, 'นาข่า').flatMap((t) => t.villages.map((x) => x.code))).toEqual(['43010201'])
    expect(groupVillages(villages, '๒').flatMap((t) => t.villages.map((x) => x.code))).toEqual(['43010102'])
    expect(groupVillages(villages, 'หมู่ 1').flatMap((t) => t.villages.map((x) => x.code))).toEqual(['43010101', '43010201'])
    expect(groupVillages(villages, 'ไม่มี')).toEqual([])
  })
})

describe('home', () => {
  it('a draft reopens where it was started', () => {
    expect(hrefFor(draftRoute({ target: { kind: 'mentor-visit', parent: 'household:43010101:12' } }))).toBe('#/record/mentor-visit?parent=household%3A43010101%3A12')
    expect(hrefFor(draftRoute({ target: { kind: 'household', id: 'household:43010101:12' } }))).toBe('#/record/household/household%3A43010101%3A12')
    // A province fact's draft continues on the supervisor's facts form, not a record route.
    expect(hrefFor(draftRoute({ target: { kind: 'facts-m3', id: 'facts:43:m3' } }))).toBe('#/dashboards/facts/43/m3')
  })
})
