/*
 * Who a CouchDB user is on this device, derived from their roles: pure, and in src/sync because the
 * login (src/sync/session.ts) needs it and may import nothing from src/app. src/app/session.ts
 * re-exports both names for the screens.
 */
export interface DeviceUser {
  name: string
  roles: string[]
  /** Where this user's own records are written: their district, or their province for supervisors. */
  homeArea: string
  /** Record dbs this device holds (one per district; a province supervisor holds several, plus the province's). */
  areas: string[]
  isSupervisor: boolean
}

/** Roles → what the device holds: `district:4301` → [4301]; `province:43` + districts → those and 43. */
export function userFromRoles(name: string, roles: string[], provinceDistricts: (province: string) => string[] = () => []): DeviceUser {
  const districts = roles.filter((r) => r.startsWith('district:')).map((r) => r.slice('district:'.length))
  const provinces = roles.filter((r) => r.startsWith('province:')).map((r) => r.slice('province:'.length))
  const isSupervisor = roles.includes('supervisor') || roles.includes('_admin')
  const areas = [...new Set([...districts, ...provinces.flatMap((p) => [...provinceDistricts(p), p])])]
  return { name, roles, homeArea: districts[0] ?? provinces[0] ?? '', areas, isSupervisor }
}
