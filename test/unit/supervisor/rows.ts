import fc from 'fast-check'
import type { ComplaintRow, HouseholdRow, PlotRow, PostRow, ReportRow, VillageRow } from '../../../src/store/local-db'

/** Read-model rows for tests: a household row with sensible defaults. */
export function household(villageCode: string, houseId: string, extra: Partial<HouseholdRow> = {}): HouseholdRow {
  return {
    id: `household:${villageCode}:${houseId}`,
    district: villageCode.slice(0, 4),
    villageCode,
    tambonCode: villageCode.slice(0, 6),
    houseId,
    headName: `หัวหน้า ${houseId}`,
    targetPersons: 1,
    inTpmap: true,
    visits: [],
    assisted: {},
    updatedAt: '2022-01-01T00:00:00.000Z',
    conflicted: 0,
    ...extra,
  }
}

export function village(code: string, moo: number, name = `บ้าน ${moo}`): VillageRow {
  return { code, district: code.slice(0, 4), moo, name, tambonCode: code.slice(0, 6), tambonName: `ตำบล ${code.slice(4, 6)}` }
}

export function plot(kind: 'HLM' | 'CLM', tambonCode: string, plotNo: string, villageCode: string | undefined, assessments: { on: string; success: boolean }[] = []): PlotRow {
  const id = `plot:${tambonCode}:${plotNo}`
  const list = assessments.map((a, i) => ({ id: `assess:${id}:${String(i).padStart(3, '0')}`, ...a })).sort((a, b) => (a.on === b.on ? (a.id < b.id ? -1 : 1) : a.on < b.on ? -1 : 1))
  return { id, district: tambonCode.slice(0, 4), kind, plotNo, tambonCode, villageCode, assessments: list, latest: list.at(-1) }
}

// ── Arbitraries ─────────────────────────────────────────────────────────────────────────────────

const day = fc.integer({ min: 0, max: 420 }).map((n) => new Date(Date.UTC(2021, 8, 1) + n * 86_400_000).toISOString().slice(0, 10))
const optDay = fc.option(day, { nil: undefined })
export const VILLAGES = ['43010101', '43010102', '43010201', '43010202', '43010301']
export const asOfArb = day

export const householdRowArb: fc.Arbitrary<HouseholdRow> = fc
  .record({
    v: fc.constantFrom(...VILLAGES),
    n: fc.integer({ min: 1, max: 9999 }),
    targetPersons: fc.integer({ min: 0, max: 8 }),
    inTpmap: fc.boolean(),
    verifiedOn: optDay,
    planOn: optDay,
    failing: fc.option(fc.record({ income: fc.boolean(), health: fc.boolean(), living: fc.boolean(), education: fc.boolean(), access: fc.boolean() }), { nil: undefined }),
    survivingOn: optDay,
    visits: fc.array(day, { maxLength: 12 }).map((v) => v.sort()),
    assisted: fc.record({ income: optDay, health: optDay, living: optDay, education: optDay, access: optDay }, { requiredKeys: [] }),
  })
  .map(({ v, n, assisted, ...rest }) => {
    const clean = Object.fromEntries(Object.entries(assisted).filter(([, d]) => d !== undefined))
    const extra = Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)) as Partial<HouseholdRow>
    return household(v, String(n), { ...extra, assisted: clean })
  })

export const plotRowArb: fc.Arbitrary<PlotRow> = fc
  .record({ kind: fc.constantFrom('HLM' as const, 'CLM' as const), v: fc.constantFrom(...VILLAGES), n: fc.integer({ min: 1, max: 999 }), a: fc.array(fc.record({ on: day, success: fc.boolean() }), { maxLength: 3 }) })
  // CLM sites are sub-district level: often no village.
  .map(({ kind, v, n, a }) => plot(kind, v.slice(0, 6), String(n), kind === 'CLM' && n % 2 === 0 ? undefined : v, a))

export const complaintRowArb: fc.Arbitrary<ComplaintRow> = fc
  .record({ t: fc.constantFrom(...VILLAGES.map((v) => v.slice(0, 6))), n: fc.integer({ min: 1, max: 1e6 }), receivedOn: day, resolvedOn: optDay })
  .map(({ t, n, receivedOn, resolvedOn }) => ({
    id: `complaint:${n}`,
    district: t.slice(0, 4),
    tambonCode: t,
    subject: 's',
    channel: 'phone',
    receivedOn,
    ...(resolvedOn && resolvedOn >= receivedOn ? { resolvedOn } : {}),
    open: resolvedOn && resolvedOn >= receivedOn ? 0 : 1,
    conflicted: 0,
  }))

export const postRowArb: fc.Arbitrary<PostRow> = fc
  .record({ n: fc.integer({ min: 1, max: 1e6 }), on: day, channel: fc.constantFrom('facebook', 'line', 'website'), mission: fc.constantFrom('m1' as const, 'm2' as const), t: fc.option(fc.constantFrom(...VILLAGES.map((v) => v.slice(0, 6))), { nil: undefined }) })
  .map(({ n, on, channel, mission, t }) => ({ id: `post:${n}`, district: '4301', on, channel, mission, ...(t ? { tambonCode: t } : {}) }))

export const reportRowArb: fc.Arbitrary<ReportRow> = fc.record({ n: fc.integer({ min: 1, max: 1e6 }), on: day }).map(({ n, on }) => ({ id: `report:${n}`, district: '4301', on, mission: 'm1' as const }))

/** Distinct by id, as the read model's tables are. */
export function uniqueById<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()]
}
