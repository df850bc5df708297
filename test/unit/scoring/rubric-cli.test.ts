import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

// The rubric command and `score --rubric`, run for real (tsx, files, exit codes).

const root = resolve(__dirname, '../../..')
const tsx = resolve(root, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'rubric-cli-'))

function run(script: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(tsx, [script, ...args], { cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

describe('rubric command', () => {
  it('rolls FY2565 forward to 2566, checks the result, and scores with it', { timeout: 60_000 }, async () => {
    const rolled = await run('src/scoring/rubric-cli.ts', ['roll', '--to', '2566'])
    expect(rolled.code).toBe(0)
    const e = JSON.parse(rolled.stdout) as { name: string; derivedFrom: string; m1: { verifyBy: string } }
    expect(e).toMatchObject({ name: 'FY2566', derivedFrom: 'FY2565', m1: { verifyBy: '2022-12-31' } })
    const file = join(dir, 'fy2566.json')
    writeFileSync(file, rolled.stdout)
    const checked = await run('src/scoring/rubric-cli.ts', ['check', file])
    expect(checked).toMatchObject({ code: 0, stdout: 'ok FY2566 (2022-10-01 – 2023-09-30), derived from FY2565\n' })

    // A mission-5 fact as of 30 Sep 2023: FY2566's year. Without --rubric the built-in FY2565 is the newest
    // that started before it; with it, the file's edition is used and named.
    const input = JSON.stringify({ asOf: '2023-09-30', m5: { defaultedAmount: 1000, recoveredAmount: 250 } })
    const withFile = await run('src/scoring/cli.ts', ['--rubric', file, '-'], input)
    expect(withFile.code).toBe(0)
    expect(JSON.parse(withFile.stdout)).toMatchObject({ rubric: 'FY2566', asOf: '2023-09-30', missions: [{ mission: 'M5', level: 4 }] })
    const builtIn = await run('src/scoring/cli.ts', ['-'], input)
    expect(JSON.parse(builtIn.stdout)).toMatchObject({ rubric: 'FY2565' })

    // An office raises mission 5's top band; the file's thresholds are the ones scored.
    const edited = JSON.parse(rolled.stdout) as { m5: { bands: { min: number; points: number }[] } }
    edited.m5.bands = [{ min: 25, points: 5 }, { min: 20, points: 4 }, { min: 15, points: 3 }, { min: 10, points: 2 }, { min: 5, points: 1 }]
    const editedFile = join(dir, 'fy2566-edited.json')
    writeFileSync(editedFile, JSON.stringify(edited))
    const withEdited = await run('src/scoring/cli.ts', ['--rubric', editedFile, '-'], input)
    expect(JSON.parse(withEdited.stdout)).toMatchObject({ rubric: 'FY2566', missions: [{ mission: 'M5', level: 5 }] })
  })

  it('check: one line per bad field, with its path, exit 1; a bad --rubric stops the score command too', { timeout: 60_000 }, async () => {
    const rolled = await run('src/scoring/rubric-cli.ts', ['roll', '--to', '2567'])
    const e = JSON.parse(rolled.stdout) as { m1: { verifyBy: string }; m2: { max: Record<string, unknown> } }
    e.m1.verifyBy = '2023-02-30'
    e.m2.max['1'] = 'fifty'
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify(e))
    const [checked, scored] = await Promise.all([
      run('src/scoring/rubric-cli.ts', ['check', file]),
      run('src/scoring/cli.ts', ['--rubric', file, '-'], JSON.stringify({ asOf: '2023-09-30', m5: { defaultedAmount: 1, recoveredAmount: 1 } })),
    ])
    expect(checked.code).toBe(1)
    expect(checked.stdout).toBe('')
    const lines = checked.stderr.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/bad\.json: m1\.verifyBy: /)
    expect(lines[1]).toMatch(/bad\.json: m2\.max\.1: /)
    expect(scored.code).toBe(1)
    expect(scored.stdout).toBe('')
    expect(scored.stderr).toBe(checked.stderr)
  })

  it('roll: no edition before the year → exit 1; a missing file → exit 2', { timeout: 60_000 }, async () => {
    const [early, missing] = await Promise.all([run('src/scoring/rubric-cli.ts', ['roll', '--to', '2565']), run('src/scoring/rubric-cli.ts', ['check', join(dir, 'nope.json')])])
    expect(early.code).toBe(1)
    expect(early.stderr).toContain('no edition before 2565')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such file')
  })
})
