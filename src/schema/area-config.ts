import type { FieldProblem } from './parse'

/*
 * `config:districts`, the doc provisioning writes into each province db (couch/provision-plan.ts):
 * the province's name and its districts and sub-districts by code and name. It is not a record
 * type (no `type`, written only by server admins), so it has a reader of its own instead of a zod
 * schema in docs.ts; the projector keeps it in the read model, where the app gets areas' names.
 */

export const AREA_CONFIG_PREFIX = 'config:'
export const DISTRICTS_CONFIG_ID = 'config:districts'

export interface AreaConfig {
  id: string
  province: { code: string; name: string }
  districts: { code: string; name: string; subdistricts: { code: string; name: string }[] }[]
}

type Named = { code: string; name: string }

function named(value: unknown, digits: number, path: string, problems: FieldProblem[]): Named | undefined {
  const v = value as { code?: unknown; name?: unknown } | null
  if (typeof v !== 'object' || v === null) {
    problems.push({ path, message: 'expected { code, name }' })
    return undefined
  }
  if (typeof v.code !== 'string' || v.code.length !== digits || !/^\d+$/.test(v.code)) {
    problems.push({ path: `${path}.code`, message: `expected a ${digits}-digit code` })
    return undefined
  }
  if (typeof v.name !== 'string' || !v.name.trim()) {
    problems.push({ path: `${path}.name`, message: 'expected a name' })
    return undefined
  }
  return { code: v.code, name: v.name.trim() }
}

/** Reads a `config:districts` doc; what it cannot read comes back as problems naming the field. */
export function parseAreaConfig(raw: Record<string, unknown>): { ok: true; config: AreaConfig } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const province = named(raw.province, 2, 'province', problems)
  const list = raw.districts
  if (!Array.isArray(list)) problems.push({ path: 'districts', message: 'expected a list of districts' })
  const districts: AreaConfig['districts'] = []
  if (Array.isArray(list)) {
    list.forEach((d: unknown, i) => {
      // Older provisioning listed bare codes: keep the code, the name comes from elsewhere.
      if (typeof d === 'string' && /^\d{4}$/.test(d)) return void districts.push({ code: d, name: '', subdistricts: [] })
      const district = named(d, 4, `districts[${i}]`, problems)
      if (!district) return
      const subs = (d as { subdistricts?: unknown }).subdistricts
      const subdistricts: Named[] = []
      if (subs !== undefined && !Array.isArray(subs)) problems.push({ path: `districts[${i}].subdistricts`, message: 'expected a list' })
      if (Array.isArray(subs)) subs.forEach((s: unknown, j) => {
        const sub = named(s, 6, `districts[${i}].subdistricts[${j}]`, problems)
        if (sub) subdistricts.push(sub)
      })
      districts.push({ ...district, subdistricts })
    })
  }
  if (problems.length || !province) return { ok: false, problems }
  return { ok: true, config: { id: String(raw._id), province, districts } }
}
