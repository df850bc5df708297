/**
 * A check that looks (issue 15): every screen of the production build, officer and supervisor, Thai,
 * 360 px, with demo data, is screenshotted to test-output/layout/ and fails on
 *  - overlapping interactive elements, touch targets under 44 px,
 *  - text clipped, or wrapped to one or two characters a line,
 *  - any Latin-script word on a Thai screen that is not a name, a code or a number,
 *  - accessibility violations found by axe-core (contrast under WCAG AA, missing labels, names…).
 * axe-core (Deque's engine, the one Lighthouse and the browsers' dev tools run) is injected into the
 * page: its contrast rule resolves real colours through backgrounds, which our own code would
 * re-invent badly. The geometry checks are ours (axe does not measure layout).
 *
 * Screens are ONE table (SCREENS): add a row for a new screen.
 */
import { createRequire } from 'node:module'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { generateDemoDocs, officerName, supervisorName, type DemoDoc } from '../../src/store/demo-data'
import { phoneContext, seedRecords, signInOnDevice, startBuiltApp, type BuiltApp, type TestDeviceUser } from '../support/browser'

const geo = JSON.parse(readFileSync('couch/data/nong-khai.json', 'utf8')) as { province: { code: string; name: string }; districts: { code: string; name: string; subdistricts: { code: string; name: string }[] }[] }
const DISTRICT = geo.districts[0]!
const GEOGRAPHY = { province: geo.province, districts: [{ ...DISTRICT, subdistricts: DISTRICT.subdistricts.slice(0, 2) }] }
const PROVINCE = geo.province.code
const OFFICER: TestDeviceUser = { name: officerName(DISTRICT.code), roles: [`district:${DISTRICT.code}`], homeArea: DISTRICT.code, areas: [DISTRICT.code], isSupervisor: false }
const SUPERVISOR: TestDeviceUser = { name: supervisorName(PROVINCE), roles: [`province:${PROVINCE}`, 'supervisor'], homeArea: PROVINCE, areas: [DISTRICT.code, PROVINCE], isSupervisor: true }

const docs: DemoDoc[] = generateDemoDocs(GEOGRAPHY, { seed: 15, now: new Date(), villagesPerTambon: [1, 2] })
const first = <T extends string>(type: T, pred: (d: DemoDoc) => boolean = () => true) => docs.find((d) => d.type === type && pred(d))!
const village = first('village')
const household = first('household', (d) => d.villageCode === village.code && !!d.planOn)
const plot = first('plot')
const complaint = first('complaint')
// Plots assessed with a GPS position (issue 15: the position shown after saving, among its sub-district's plots).
const hlmPlots = docs.filter((d) => d.type === 'plot' && d.kind === 'HLM' && d.tambonCode === plot.tambonCode).slice(0, 3)
const assessedPlotId = String(hlmPlots[0]!._id)
const gpsAssessments = hlmPlots.map((p, i) => ({
  _id: `assess:${p._id}:${OFFICER.name}:01JGPS${'0'.repeat(19)}${i}`, type: 'plot-assessment', schema: 1, district: DISTRICT.code, createdBy: OFFICER.name, createdAt: new Date().toISOString(), updatedBy: OFFICER.name, updatedAt: new Date().toISOString(), device: 'seed',
  plotId: p._id, kind: 'HLM', on: new Date().toISOString().slice(0, 10), reducesExpenses: true, selfReliant: i !== 1,
  gps: { lat: 17.8782 + i * 0.0009, lng: 102.7412 + i * 0.0011, accuracyM: 12 - i * 3, at: new Date().toISOString() },
}))
// A household the supervisor returned, so the officer's home shows its list.
const returned = {
  _id: `review:${household._id}:${SUPERVISOR.name}:01JLAYOUT00000000000000000`, type: 'review', schema: 1, district: DISTRICT.code, createdBy: SUPERVISOR.name, createdAt: new Date().toISOString(), updatedBy: SUPERVISOR.name, updatedAt: new Date().toISOString(), device: 'seed',
  recordId: household._id, recordType: 'household', recordUpdatedAt: household.updatedAt, state: 'returned', comment: 'วันที่ทำแผนไม่ตรงกับเอกสาร ตรวจอีกครั้ง',
}
const districtDocs = [...docs.filter((d) => d.district === DISTRICT.code), returned, ...gpsAssessments]
const provinceDocs = docs.filter((d) => d.district === PROVINCE)

type Role = 'officer' | 'supervisor' | 'signed-out'
interface Screen {
  name: string
  role: Role
  hash: string
}
const enc = encodeURIComponent
/** Every screen. Add a row for a new one. */
export const SCREENS: Screen[] = [
  { name: 'login', role: 'signed-out', hash: '#/' },
  { name: 'officer-home', role: 'officer', hash: '#/' },
  { name: 'officer-villages', role: 'officer', hash: '#/villages' },
  { name: 'officer-village', role: 'officer', hash: `#/villages/${village.code}` },
  { name: 'officer-household', role: 'officer', hash: `#/record/household/${enc(household._id)}` },
  { name: 'officer-household-check', role: 'officer', hash: `#/record/household-fix/${enc(household._id)}` },
  { name: 'officer-household-new', role: 'officer', hash: `#/record/household-new?parent=${village.code}` },
  { name: 'officer-visit', role: 'officer', hash: `#/record/mentor-visit?parent=${enc(household._id)}` },
  { name: 'officer-assistance', role: 'officer', hash: `#/record/assistance?parent=${enc(household._id)}` },
  { name: 'officer-plot', role: 'officer', hash: `#/record/plot/${enc(plot._id)}` },
  { name: 'officer-plot-assessment', role: 'officer', hash: `#/record/plot-assessment?parent=${enc(plot._id)}` },
  { name: 'officer-complaint-new', role: 'officer', hash: `#/record/complaint?parent=${village.code}` },
  { name: 'officer-complaint', role: 'officer', hash: `#/record/complaint/${enc(complaint._id)}` },
  { name: 'officer-pr-post', role: 'officer', hash: `#/record/pr-post?parent=${village.code}` },
  { name: 'officer-report', role: 'officer', hash: `#/record/monitoring-report?parent=${village.code}` },
  { name: 'officer-sync', role: 'officer', hash: '#/sync' },
  { name: 'officer-settings', role: 'officer', hash: '#/settings' },
  { name: 'officer-problems', role: 'officer', hash: '#/problems' },
  { name: 'officer-conflicts', role: 'officer', hash: '#/conflicts' },
  { name: 'supervisor-home', role: 'supervisor', hash: '#/' },
  { name: 'supervisor-dashboards', role: 'supervisor', hash: '#/dashboards' },
  { name: 'supervisor-district', role: 'supervisor', hash: `#/dashboards/area/${DISTRICT.code}` },
  { name: 'supervisor-village', role: 'supervisor', hash: `#/dashboards/village/${village.code}` },
  { name: 'supervisor-import', role: 'supervisor', hash: '#/dashboards/import' },
  { name: 'supervisor-export', role: 'supervisor', hash: `#/dashboards/export/${DISTRICT.code}` },
  { name: 'supervisor-rubric', role: 'supervisor', hash: '#/dashboards/rubric' },
  { name: 'supervisor-facts', role: 'supervisor', hash: `#/dashboards/facts/${PROVINCE}/m3` },
  { name: 'supervisor-household', role: 'supervisor', hash: `#/record/household/${enc(household._id)}` },
  { name: 'supervisor-sync', role: 'supervisor', hash: '#/sync' },
  // Issue 15's lists.
  { name: 'officer-complaints', role: 'officer', hash: '#/complaints' },
  { name: 'officer-complaints-resolved', role: 'officer', hash: '#/complaints?filter=resolved' },
  { name: 'officer-uploads', role: 'officer', hash: '#/uploads' },
  { name: 'supervisor-complaints', role: 'supervisor', hash: `#/complaints?area=${DISTRICT.code}` },
  { name: 'supervisor-uploads', role: 'supervisor', hash: '#/uploads' },
  { name: 'officer-plot-gps', role: 'officer', hash: `#/record/plot/${enc(assessedPlotId)}` },
  { name: 'supervisor-plot-gps', role: 'supervisor', hash: `#/record/plot/${enc(assessedPlotId)}` },
  { name: 'supervisor-tambon', role: 'supervisor', hash: `#/dashboards/area/${DISTRICT.subdistricts[0]!.code}` },
]

/** Latin-script words allowed on a Thai screen: programme names, file formats, codes, units. */
const ALLOWED_LATIN = new Set(['TPMAP', 'HLM', 'CLM', 'GPS', 'CSV', 'Excel', 'XLSX', 'OTOP', 'Facebook', 'LINE', 'Line', 'YouTube', 'TikTok', 'Website', 'Click', 'JSON', 'PWA', 'URL', 'km', 'm', 'KB', 'MB', 'GB', 'xlsx', 'csv', 'json'])

interface Finding {
  check: string
  what: string
}

/** Geometry and language checks, in the page. */
async function lookAt(page: Page): Promise<Finding[]> {
  return page.evaluate((allowed) => {
    const out: { check: string; what: string }[] = []
    const label = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`
    const visible = (el: Element) => {
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0 && !el.closest('[hidden],[aria-hidden="true"]')
    }
    const fixed = (el: Element) => { for (let e: Element | null = el; e; e = e.parentElement) if (getComputedStyle(e).position === 'fixed') return true; return false }
    const interactive = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])')].filter(visible)
      // The skip link sits off screen until focused; file inputs are visually replaced by their label.
      .filter((el) => !el.classList.contains('skip-link') && !(el instanceof HTMLInputElement && el.type === 'file'))
    const scrollY = window.scrollY
    const rect = (el: Element) => { const r = el.getBoundingClientRect(); return { x: r.left, y: r.top + (fixed(el) ? 0 : scrollY), w: r.width, h: r.height, fixed: fixed(el) } }
    for (const el of interactive) {
      const r = el.getBoundingClientRect()
      // Checkboxes and radios count with their label (the label is the target).
      const target = (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) ? (el.closest('label') ?? el) : el
      const t = target.getBoundingClientRect()
      if (Math.round(t.height) < 44 || Math.round(t.width) < 44) out.push({ check: 'touch target under 44 px', what: `${label(el)} ${Math.round(t.width)}×${Math.round(t.height)}` })
      void r
    }
    for (let i = 0; i < interactive.length; i++) {
      for (let j = i + 1; j < interactive.length; j++) {
        const a = interactive[i]!
        const b = interactive[j]!
        if (a.contains(b) || b.contains(a)) continue
        if (a.closest('label')?.contains(b) || b.closest('label')?.contains(a)) continue
        const ra = rect(a)
        const rb = rect(b)
        if (ra.fixed !== rb.fixed) continue
        const ix = Math.min(ra.x + ra.w, rb.x + rb.w) - Math.max(ra.x, rb.x)
        const iy = Math.min(ra.y + ra.h, rb.y + rb.h) - Math.max(ra.y, rb.y)
        if (ix > 2 && iy > 2) out.push({ check: 'overlapping interactive elements', what: `${label(a)} × ${label(b)}` })
      }
    }
    // Text: clipped, or one or two characters a line; Latin words.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const seen = new Set<Element>()
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim()
      const parent = n.parentElement
      if (!text || !parent || !visible(parent) || parent.closest('script,style,noscript,.skip-link,option,input,textarea')) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
      const letters = text.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\s]/g, '').length
      if (lines.size > 1 && letters >= 4 && letters / lines.size <= 2.5) out.push({ check: 'text wrapped to one or two characters a line', what: `"${text.slice(0, 40)}" in ${lines.size} lines (${label(parent)})` })
      if (!seen.has(parent)) {
        seen.add(parent)
        const s = getComputedStyle(parent)
        const clips = /(hidden|clip)/.test(s.overflowX) || /(hidden|clip)/.test(s.overflow)
        if (clips && parent.scrollWidth > parent.clientWidth + 1) out.push({ check: 'text clipped', what: label(parent) })
      }
      // Addresses shown as examples are not words.
      const words = text.replace(/https?:\/\/\S+|\b[\w.-]+\.(com|org|go\.th|th)\S*/g, ' ')
      for (const m of words.matchAll(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g)) {
        const word = m[0]
        if (allowed.includes(word) || allowed.includes(word.toUpperCase())) continue
        // Codes and user names carry digits next to their letters (off4301, sup43, H-001, C-01).
        if (/\d/.test(words.slice(Math.max(0, m.index - 2), m.index + word.length + 2)) && word.length <= 4) continue
        out.push({ check: 'not Thai on a Thai screen', what: `"${word}" in "${text.slice(0, 60)}"` })
      }
    }
    return out
  }, [...ALLOWED_LATIN])
}

const require = createRequire(import.meta.url)
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

async function axe(page: Page): Promise<Finding[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an inline script tag.
  await page.evaluate(AXE)
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
  })
  return violations.map((v) => ({ check: `axe: ${v.id}`, what: `${v.help} — ${v.targets.join(', ')}` }))
}

let app: BuiltApp
const contexts: Partial<Record<Role, { context: BrowserContext; page: Page }>> = {}

async function device(role: Role): Promise<Page> {
  const existing = contexts[role]
  if (existing) return existing.page
  const context = await phoneContext(app.browser)
  const page = await context.newPage()
  await page.goto(app.server.url)
  await page.waitForSelector('h1', { timeout: 30_000 })
  if (role !== 'signed-out') {
    const user = role === 'officer' ? OFFICER : SUPERVISOR
    await signInOnDevice(page, user)
    await seedRecords(page, `cdd-${DISTRICT.code}-${user.name}`, districtDocs)
    if (role === 'supervisor') await seedRecords(page, `cdd-${PROVINCE}-${user.name}`, provinceDocs)
    await page.reload()
    // The projector has filled the read model when the village list shows.
    await page.evaluate(() => (location.hash = '#/villages'))
    await page.waitForFunction(() => document.querySelectorAll('a[href^="#/villages/"]').length > 0, undefined, { timeout: 120_000 })
  }
  contexts[role] = { context, page }
  return page
}

beforeAll(async () => {
  app = await startBuiltApp()
  mkdirSync('test-output/layout', { recursive: true })
}, 120_000)

afterAll(async () => {
  for (const c of Object.values(contexts)) await c?.context.close()
  await app?.close()
})

describe('layout check: every screen, officer and supervisor, Thai, 360 px', () => {
  const findings: Record<string, Finding[]> = {}
  it.each(SCREENS)('$name', async (screen) => {
    const page = await device(screen.role)
    await page.evaluate((h) => (location.hash = h), screen.hash)
    await page.waitForSelector('h1', { timeout: 30_000 })
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 60_000 })
    await page.evaluate(() => document.fonts.ready)
    await page.waitForTimeout(300)
    await page.screenshot({ path: `test-output/layout/${screen.name}.png`, fullPage: true })
    const found = [...(await lookAt(page)), ...(await axe(page))]
    findings[screen.name] = found
    writeFileSync('test-output/layout/findings.json', JSON.stringify(findings, null, 1))
    expect(found.map((f) => `${f.check}: ${f.what}`)).toEqual([])
  }, 180_000)
})
