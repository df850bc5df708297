import { householdId, plotId, villageId } from '../src/schema/ids'
import { prng } from '../src/store/demo-data'

/*
 * A district's worth of valid docs at scale, for the benchmarks: villages, TPMAP households,
 * mentor visits, assistance, plots, assessments, PR posts and complaints in realistic shares.
 * Deterministic (a seeded PRNG) so two runs measure the same data. Every doc passes parseDoc.
 */

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const day = (base: string, offset: number) => new Date(Date.parse(`${base}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)

export interface SyntheticOptions {
  district?: string
  /** Total docs wanted; shares below fill it. */
  docs: number
  seed?: number
}

export function syntheticDistrictDocs({ district = '4301', docs, seed = 1 }: SyntheticOptions): Record<string, unknown>[] {
  const random = prng(seed)
  const env = (by: string) => ({ schema: 1, district, createdBy: by, createdAt: '2022-01-05T03:00:00.000Z', updatedBy: by, updatedAt: '2022-01-05T03:00:00.000Z', device: 'bench' })
  const officer = `off${district}`
  const out: Record<string, unknown>[] = []
  // Shares of a district's docs on a phone after a year's work.
  const households = Math.round(docs * 0.25)
  const villages = Math.max(1, Math.round(households / 30))
  const plots = Math.round(docs * 0.04)
  for (let v = 0; v < villages; v++) {
    const tambon = `${district}${pad((v % 12) + 1, 2)}`
    const code = `${tambon}${pad(Math.floor(v / 12) + 1, 2)}`
    out.push({ ...env(`sup${district.slice(0, 2)}`), _id: villageId(code), type: 'village', code, moo: Math.floor(v / 12) + 1, name: `บ้านทดสอบ ${v + 1}`, tambonCode: tambon, tambonName: `ตำบล ${(v % 12) + 1}` })
  }
  const householdIds: string[] = []
  for (let h = 0; h < households; h++) {
    const v = h % villages
    const village = String(out[v]!.code)
    const id = householdId(village, String(h + 1))
    householdIds.push(id)
    const verified = random() < 0.8
    out.push({
      ...env(officer), _id: id, type: 'household', villageCode: village, houseId: String(h + 1), headName: `ครัวเรือน ${h + 1}`,
      targetPersons: 1 + Math.floor(random() * 5), inTpmap: random() < 0.97,
      ...(verified ? { verifiedOn: day('2021-11-01', Math.floor(random() * 60)), planOn: day('2021-12-15', Math.floor(random() * 30)) } : {}),
      failing: { income: random() < 0.6, health: random() < 0.2, living: random() < 0.3, education: random() < 0.2, access: random() < 0.15 },
    })
  }
  for (let p = 0; p < plots; p++) {
    const tambon = `${district}${pad((p % 12) + 1, 2)}`
    out.push({ ...env(`sup${district.slice(0, 2)}`), _id: plotId(tambon, `H-${p + 1}`), type: 'plot', kind: p % 40 === 0 ? 'CLM' : 'HLM', plotNo: `H-${p + 1}`, tambonCode: tambon, areaRai: p % 40 === 0 ? 15 : 3 })
  }
  let n = 0
  const ulid = () => `01FQZ${pad(n++, 21)}`
  const remaining = () => docs - out.length
  const assessments = Math.round(docs * 0.04)
  for (let a = 0; a < assessments && remaining() > 0; a++) {
    const p = a % plots
    const tambon = `${district}${pad((p % 12) + 1, 2)}`
    const plot = plotId(tambon, `H-${p + 1}`)
    const clm = p % 40 === 0
    out.push(clm
      ? { ...env(officer), _id: `assess:${plot}:${ulid()}`, type: 'plot-assessment', plotId: plot, kind: 'CLM', on: day('2022-01-01', a % 200), khok: true, nong: true, na: random() < 0.8, stations: { people: 3, soil: 2, water: 2, forest: 2 }, trainersAndMedia: true, committee: true, visitors: 10 }
      : { ...env(officer), _id: `assess:${plot}:${ulid()}`, type: 'plot-assessment', plotId: plot, kind: 'HLM', on: day('2022-01-01', a % 200), reducesExpenses: random() < 0.8, selfReliant: random() < 0.7 })
  }
  const posts = Math.round(docs * 0.02)
  for (let i = 0; i < posts && remaining() > 0; i++) out.push({ ...env(officer), _id: `post:${ulid()}`, type: 'pr-post', on: day('2021-10-01', i % 365), channel: ['facebook', 'line', 'website'][i % 3], mission: i % 2 ? 'm1' : 'm2' })
  const complaints = Math.round(docs * 0.01)
  for (let i = 0; i < complaints && remaining() > 0; i++) out.push({ ...env(officer), _id: `complaint:${ulid()}`, type: 'complaint', receivedOn: day('2021-10-01', i % 300), channel: 'phone', subject: `เรื่องที่ ${i + 1}`, tambonCode: `${district}01`, ...(i % 3 ? { resolvedOn: day('2021-10-05', i % 300) } : {}) })
  const assistance = Math.round(docs * 0.1)
  for (let i = 0; i < assistance && remaining() > 0; i++) {
    const h = householdIds[i % householdIds.length]!
    out.push({ ...env(officer), _id: `assist:${h}:${ulid()}`, type: 'assistance', householdId: h, dimension: (['income', 'health', 'living', 'education', 'access'] as const)[i % 5], what: 'ช่วยเหลือ', agency: 'อบต.', on: day('2022-01-10', i % 200) })
  }
  // Mentor visits fill the rest: the most numerous docs on a phone.
  for (let i = 0; remaining() > 0; i++) {
    const h = householdIds[i % householdIds.length]!
    out.push({ ...env(officer), _id: `visit:${h}:${ulid()}`, type: 'mentor-visit', householdId: h, on: day('2022-01-01', i % 270) })
  }
  return out
}
