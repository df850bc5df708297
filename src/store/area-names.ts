import type { AreaConfigRow, LocalDb, VillageRow } from './local-db'
import { PROVINCE_NAMES, villageLabel } from './score-input'

/*
 * Areas by name, never by code alone. Names come from the read model: the province db's
 * `config:districts` (province, districts, sub-districts) for a province's phones, and the villages'
 * own rows (village and sub-district names) for everyone. Until a province's config doc has arrived
 * (or on an officer's phone, which never holds the province db), the demo province's district names
 * below fill in, as src/sync/provinces.ts does for its district codes.
 */

/** Code (2, 4, 6 or 8 digits) → the bare name ("หนองคาย", "เมืองหนองคาย", "ในเมือง", "หมู่ 3 บ้านโนน"). */
export type AreaNames = ReadonlyMap<string, string>

/** หนองคาย's districts (couch/data/nong-khai.json, demo geography): the fallback when no config doc is on the device. */
export const KNOWN_DISTRICT_NAMES: Readonly<Record<string, string>> = {
  '4301': 'เมืองหนองคาย',
  '4302': 'ท่าบ่อ',
  '4305': 'โพนพิสัย',
  '4307': 'ศรีเชียงใหม่',
  '4308': 'สังคม',
  '4314': 'สระใคร',
  '4315': 'เฝ้าไร่',
  '4316': 'รัตนวาปี',
  '4317': 'โพธิ์ตาก',
}

/** Later sources win: known names, then villages' rows, then the province's config doc. */
export function buildAreaNames(configs: readonly AreaConfigRow[], villages: readonly Pick<VillageRow, 'code' | 'moo' | 'name' | 'tambonCode' | 'tambonName'>[] = []): AreaNames {
  const names = new Map<string, string>(Object.entries(PROVINCE_NAMES))
  for (const [code, name] of Object.entries(KNOWN_DISTRICT_NAMES)) names.set(code, name)
  for (const v of villages) {
    if (v.name) names.set(v.code, villageLabel(v))
    if (v.tambonName) names.set(v.tambonCode, v.tambonName)
  }
  for (const c of configs) {
    names.set(c.province.code, c.province.name)
    for (const d of c.districts) {
      if (d.name) names.set(d.code, d.name)
      for (const s of d.subdistricts) names.set(s.code, s.name)
    }
  }
  return names
}

/** Every name the device knows, read from the read model. */
export async function readAreaNames(db: LocalDb): Promise<AreaNames> {
  const [configs, villages] = await Promise.all([db.areaConfigs.toArray(), db.villages.toArray()])
  return buildAreaNames(configs, villages)
}
