import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

// The score command run for real, as an office would: tsx on the CLI, fixture files in, exit codes out.

const root = resolve(__dirname, '../../..')
const tsx = resolve(root, 'node_modules/.bin/tsx')
const fixture = (name: string) => resolve(root, 'test/fixtures/scoring', name)

function run(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(tsx, ['src/scoring/cli.ts', ...args], { cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

// Each case spawns a process (about a second for tsx to start), so they run side by side.
describe.concurrent('score command', () => {
  it('valid input → JSON on stdout in the interchange shape, exit 0', async () => {
    const r = await run([fixture('valid-nong-khai.json')])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      area: string
      asOf: string
      missions: { mission: string; total: number; max: number; level: number; items: Record<string, unknown>[] }[]
    }
    expect(out.area).toBe('หนองคาย')
    expect(out.asOf).toBe('2022-01-31')
    expect(out.missions.map((m) => m.mission)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8'])
    const m1 = out.missions[0]!
    expect(m1.items.map((i) => i.id)).toEqual(['1.1', '1.2', '2.1', '2.2.1', '2.2.2', '2.3', '3.1', '3.2', '4'])
    // E1's household data: 1.1 = 21, 1.2 = 0, extra = 10.
    expect(m1.items[0]).toMatchObject({ id: '1.1', points: 21, max: 30 })
    expect(m1.items[1]).toMatchObject({ id: '1.2', points: 0, max: 10 })
    expect(m1.items[8]).toMatchObject({ id: '4', points: 10, max: 10 })
    for (const m of out.missions) for (const i of m.items) expect(Object.keys(i).every((k) => ['id', 'points', 'max', 'value', 'pending', 'na'].includes(k))).toBe(true)
    // Mission 2: extension, completed 20 Jan 2022 → 40; one complaint in 3 days → 8.
    expect(out.missions[1]!.items.slice(0, 2).map((i) => i.points)).toEqual([40, 8])
    // Mission 3 is E8's data → level 4; mission 6 is E9's → 4; mission 8 item 4 is E10's → 22.5.
    expect(out.missions[2]).toMatchObject({ total: 4, max: 5, level: 4 })
    expect(out.missions[5]).toMatchObject({ total: 4, max: 5, level: 4 })
    expect(out.missions[7]!.items.map((i) => i.id)).toEqual(['1.1', '1.2', '1.3', '2', '3', '4'])
    expect(out.missions[7]!.items[5]).toMatchObject({ points: 22.5, max: 30, value: 75 })
  })

  it('reads standard input with "-"; --advice adds the next-level actions rendered in Thai', async () => {
    const input = JSON.stringify({ asOf: '2022-09-30', m5: { defaultedAmount: 1000, recoveredAmount: 250 } })
    const plain = run(['-'], input)
    const advised = run(['-', '--advice'], input)
    const r = await plain
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      rubric: 'FY2565',
      asOf: '2022-09-30',
      missions: [{ mission: 'M5', total: 4, max: 5, level: 4, items: [{ id: 'level', points: 4, max: 5, value: 25 }] }],
    })
    const th = JSON.parse((await advised).stdout) as { advice: { key: string; params: { amount: number }; text: string }[] }
    // 25 % → level 4; level 5 needs 30 % = 300 baht: 50 more.
    expect(th.advice).toHaveLength(1)
    expect(th.advice[0]).toMatchObject({ key: 'advice.m5.recover', params: { amount: 50 } })
    expect(th.advice[0]!.text).toBe('ติดตามเงินยืม กข.คจ. ที่ผิดนัดคืนเพิ่มอีก 50 บาท (ให้ถึงร้อยละ 30)')
  })

  it('invalid input → exit 1 and every bad field by path on stderr, 2022-02-30 included', async () => {
    const r = await run([fixture('invalid-fields.json')])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toContain('m1.households[3].verifiedOn: expected a real calendar date as YYYY-MM-DD, got "2022-02-30"')
    expect(lines).toContain('asOf: expected a real calendar date as YYYY-MM-DD, got "2022-13-01"')
    expect(lines.some((l) => l.startsWith('m1.households[4].inTpmap: expected true or false'))).toBe(true)
    expect(lines.some((l) => l.startsWith('m1.households[4].targetPersons: expected a whole number'))).toBe(true)
    expect(lines.some((l) => l.startsWith('m2.plots[0].kind: expected kind "HLM" or "CLM"'))).toBe(true)
    expect(lines.some((l) => l.startsWith('m8.dataUpdatedMonths[0]: expected a month'))).toBe(true)
    expect(lines.some((l) => l.startsWith('province: '))).toBe(true)
  })

  it('an unknown province is an error naming province', async () => {
    const r = await run([fixture('unknown-province.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^province: .*กรุงเทพมหานคร/m)
  })

  it('broken JSON → exit 1; a missing file → exit 2 with a clear message', async () => {
    const bad = await run([fixture('not-json.json')])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/expected JSON/)
    const missing = await run([fixture('does-not-exist.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read input file .*does-not-exist\.json.*no such file/)
  })
})
