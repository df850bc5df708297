import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { demoUsers } from '../../../couch/demo-users'
import { parseGeography } from '../../../couch/geography'
import { desiredDatabases, districtsDoc, sameContent, sameRoles, sameSecurity, usersOutsideGeography } from '../../../couch/provision-plan'

const nongKhai = parseGeography(JSON.parse(readFileSync(new URL('../../../couch/data/nong-khai.json', import.meta.url), 'utf8')))

describe('the Nong Khai demo geography', () => {
  it('has the 9 districts of the province since 2011, each with sub-districts', () => {
    expect(nongKhai.province).toMatchObject({ code: '43', name: 'หนองคาย' })
    expect(nongKhai.districts.map((d) => `${d.code} ${d.name}`)).toEqual([
      '4301 เมืองหนองคาย', '4302 ท่าบ่อ', '4305 โพนพิสัย', '4307 ศรีเชียงใหม่', '4308 สังคม',
      '4314 สระใคร', '4315 เฝ้าไร่', '4316 รัตนวาปี', '4317 โพธิ์ตาก',
    ])
    for (const d of nongKhai.districts) expect(d.subdistricts.length).toBeGreaterThan(0)
  })
})

describe('parseGeography', () => {
  it('refuses codes that do not nest', () => {
    const bad = { province: { code: '43', name: 'x' }, districts: [{ code: '4401', name: 'y', subdistricts: [{ code: '430101', name: 'z' }] }] }
    expect(() => parseGeography(bad)).toThrow(/districts\.0\.code: district 4401 is not in province 43/)
    expect(() => parseGeography(bad)).toThrow(/subdistricts\.0\.code: sub-district 430101 is not in district 4401/)
  })
})

describe('desiredDatabases', () => {
  const dbs = desiredDatabases(nongKhai)

  it('one db per district plus the province db', () => {
    expect(dbs.map((d) => d.name)).toEqual(['cdd-43', ...nongKhai.districts.map((d) => `cdd-${d.code}`)])
  })

  it('district db: its district and its province; province db: the province and all its districts', () => {
    expect(dbs.find((d) => d.name === 'cdd-4301')?.security).toEqual({
      admins: { names: [], roles: [] },
      members: { names: [], roles: ['district:4301', 'province:43'] },
    })
    expect(dbs[0]?.security.members.roles).toEqual(['province:43', ...nongKhai.districts.map((d) => `district:${d.code}`)])
  })
})

describe('comparisons', () => {
  it('ignore order', () => {
    const want = { admins: { names: [], roles: [] }, members: { names: [], roles: ['a', 'b'] } }
    expect(sameSecurity({ members: { roles: ['b', 'a'], names: [] }, admins: { names: [], roles: [] } }, want)).toBe(true)
    expect(sameSecurity({}, want)).toBe(false)
    expect(sameRoles(['supervisor', 'province:43'], ['province:43', 'supervisor'])).toBe(true)
    expect(sameRoles(undefined, [])).toBe(false)
  })

  it('compare docs whatever their key order and revision', () => {
    const doc = districtsDoc(nongKhai)
    const fromServer = { districts: doc.districts, province: { name: 'หนองคาย', code: '43' }, _rev: '1-a', _id: doc._id }
    expect(sameContent(fromServer, doc)).toBe(true)
    expect(sameContent({ ...fromServer, districts: [] }, doc)).toBe(false)
  })

  it('finds users outside the province', () => {
    const users = [
      { name: 'a', password: 'secret', role: 'officer' as const, area: '4301' },
      { name: 'b', password: 'secret', role: 'officer' as const, area: '4401' },
    ]
    expect(usersOutsideGeography(users, nongKhai)).toEqual(['user b: area 4401 is not province 43 or one of its districts'])
  })
})

describe('demoUsers', () => {
  it('one officer per district and a province supervisor; saved passwords are kept', () => {
    let n = 0
    const first = demoUsers(nongKhai, [], () => `pw${++n}`)
    expect(first.map((u) => u.name)).toEqual([...nongKhai.districts.map((d) => `off${d.code}`), 'sup43'])
    expect(first.at(-1)).toEqual({ name: 'sup43', role: 'supervisor', area: '43', password: 'pw10' })
    const again = demoUsers(nongKhai, first, () => 'new')
    expect(again).toEqual(first)
  })
})
