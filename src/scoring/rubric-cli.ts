/*
 * The rubric command (issue 13):
 *   npm run --silent rubric -- roll --to 2566 [--from EDITION.json]   prints FY2566 (JSON), derived from
 *       the newest built-in edition before 2566 (or from the given file), every date moved a year on;
 *   npm run --silent rubric -- check EDITION.json                     validates a file: "ok FY2566" and
 *       exit 0, or one line per bad field (its path) on stderr and exit 1; unreadable → exit 2.
 * An edge (file system, process); the functions it calls are pure.
 */
import type { Rubric } from './edition-schema'
import { BUILT_IN_EDITIONS, newestBefore, rollTo } from './editions'
import { readEditionFile } from './rubric-file'

const USAGE = 'usage: npm run --silent rubric -- roll --to YEAR [--from EDITION.json]\n       npm run --silent rubric -- check EDITION.json\n'

function main(argv: string[]): number {
  const [command, ...rest] = argv
  if (command === 'check') {
    const file = rest[0]
    if (!file) {
      process.stderr.write(USAGE)
      return 2
    }
    const read = readEditionFile(file)
    if (!read.ok) {
      for (const line of read.lines) process.stderr.write(line + '\n')
      return read.code
    }
    const e = read.edition
    process.stdout.write(`ok ${e.name} (${e.fiscalYear.start} – ${e.fiscalYear.end})${e.derivedFrom ? `, derived from ${e.derivedFrom}` : ''}${e.demo ? ', demo edition' : ''}\n`)
    return 0
  }
  if (command === 'roll') {
    let to: number | undefined
    let from: string | undefined
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--to') to = Number(rest[++i])
      else if (rest[i] === '--from') from = rest[++i]
    }
    if (to === undefined || !Number.isInteger(to) || to < 2500 || to > 2700) {
      process.stderr.write('--to: expected the Buddhist-Era fiscal year to make, e.g. --to 2566\n' + USAGE)
      return 2
    }
    let base: Rubric | undefined
    if (from) {
      const read = readEditionFile(from)
      if (!read.ok) {
        for (const line of read.lines) process.stderr.write(line + '\n')
        return read.code
      }
      base = read.edition
    } else {
      base = newestBefore(to, BUILT_IN_EDITIONS)
    }
    if (!base || base.year >= to) {
      process.stderr.write(`--to: no edition before ${to} to roll forward (built in: ${BUILT_IN_EDITIONS.map((e) => e.name).join(', ')})\n`)
      return 1
    }
    process.stdout.write(JSON.stringify(rollTo(base, to), null, 2) + '\n')
    return 0
  }
  process.stderr.write(USAGE)
  return 2
}

process.exitCode = main(process.argv.slice(2))
