import type { Geography } from './geography'
import type { UserRow } from './users-csv'

/**
 * The demo province's users: one officer per district (`off<district>`) and one province supervisor
 * (`sup<province>`). Passwords saved from an earlier run are kept; missing ones come from `newPassword`.
 */
export function demoUsers(geo: Geography, saved: readonly UserRow[], newPassword: () => string): UserRow[] {
  const wanted: Omit<UserRow, 'password'>[] = [
    ...geo.districts.map((d) => ({ name: `off${d.code}`, role: 'officer' as const, area: d.code })),
    { name: `sup${geo.province.code}`, role: 'supervisor', area: geo.province.code },
  ]
  return wanted.map((w) => {
    const before = saved.find((s) => s.name === w.name && s.role === w.role && s.area === w.area)
    return { ...w, password: before?.password ?? newPassword() }
  })
}
