/*
 * The score command: `npm run --silent score -- INPUT.json` (or `-` for stdin).
 * JSON on stdout and exit 0; invalid JSON or input → exit 1 with one line per bad field on stderr;
 * a missing or unreadable file → exit 2. `--rubric FILE.json` scores by that edition (checked first,
 * errors name the field path); without it, by the built-in edition whose fiscal year holds `asOf`, or
 * the newest that started before it. The output names the edition used (`"rubric": "FY2565"`).
 * `--advice` adds the next-level actions (rendered in Thai, or
 * English with `--lang en`) to the JSON on stdout, under `advice`.
 * This is an edge, so it may read the file system and the process; the engine it calls is pure.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { getHeapStatistics } from 'node:v8'
import { adviseAll, renderAdvice } from './advice'
import type { Rubric } from './edition-schema'
import { chooseEdition } from './editions'
import { parseScoreInput, scoreAll } from './index'
import { readEditionFile } from './rubric-file'

// A national export (568,047 households) is a few hundred MB of JSON; parsed it needs more than the
// default heap on some machines. Re-run once with a larger heap rather than die half-way.
const BIG_INPUT_BYTES = 64 * 1024 * 1024
const WANTED_HEAP_MB = 8192

function main(argv: string[]): number {
  let file: string | undefined
  let withAdvice = false
  let lang: 'th' | 'en' = 'th'
  let rubricFile: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--advice') withAdvice = true
    else if (a === '--rubric') rubricFile = argv[++i]
    else if (a === '--lang') lang = argv[++i] === 'en' ? 'en' : 'th'
    else if (file === undefined) file = a
  }
  if (file === undefined) {
    process.stderr.write('usage: npm run --silent score -- [--rubric EDITION.json] INPUT.json   (or - to read standard input)\n')
    return 2
  }
  let fixed: Rubric | undefined
  if (rubricFile !== undefined) {
    const read = readEditionFile(rubricFile)
    if (!read.ok) {
      for (const line of read.lines) process.stderr.write(line + '\n')
      return read.code
    }
    fixed = read.edition
  }

  let text: string
  try {
    if (file === '-') {
      text = readFileSync(0, 'utf8')
    } else {
      const size = statSync(file).size
      if (size > BIG_INPUT_BYTES && !process.env.CDD_SCORE_CHILD && getHeapStatistics().heap_size_limit < WANTED_HEAP_MB * 1e6) {
        const child = spawnSync(
          process.execPath,
          [...process.execArgv, `--max-old-space-size=${WANTED_HEAP_MB}`, process.argv[1] ?? '', ...argv],
          { stdio: 'inherit', env: { ...process.env, CDD_SCORE_CHILD: '1' } },
        )
        return child.status ?? 1
      }
      text = readFileSync(file, 'utf8')
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message)
    process.stderr.write(`cannot read input file "${file}": ${why}\n`)
    return 2
  }

  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    process.stderr.write(`(input): expected JSON, but it does not parse: ${(e as Error).message}\n`)
    return 1
  }

  const asOf = typeof (data as { asOf?: unknown } | null)?.asOf === 'string' ? String((data as { asOf: string }).asOf) : undefined
  const rubric = fixed ?? (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? chooseEdition(asOf).edition : undefined)
  const parsed = parseScoreInput(data, rubric)
  if (!parsed.ok) {
    for (const issue of parsed.issues) process.stderr.write(`${issue.path}: ${issue.message}\n`)
    return 1
  }
  const edition = rubric ?? chooseEdition(parsed.input.asOf).edition

  const output = { rubric: edition.name, ...scoreAll(parsed.input, edition) }
  if (withAdvice) {
    const advice = adviseAll(parsed.input, edition).map((a) => ({ ...a, text: renderAdvice(a, lang) }))
    process.stdout.write(JSON.stringify({ ...output, advice }) + '\n')
  } else {
    process.stdout.write(JSON.stringify(output) + '\n')
  }
  return 0
}

process.exitCode = main(process.argv.slice(2))
