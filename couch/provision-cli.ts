/**
 * Sets up a CouchDB 3 (or the embedded server) for one province, idempotently:
 *   npm run provision -- --couch http://admin:pw@host:5984 --province couch/data/nong-khai.json --users users.csv
 * `--couch` defaults to $COUCH_URL. `--update-passwords` also resets passwords of existing users.
 * `--session-seconds N`: how long a sign-in lasts (300 s to 90 days; default 7 days), on every node.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { parseGeography } from './geography'
import { provision, type ProvisionReport } from './provision'
import { formatCsvProblem, parseUsersCsv, type UserRow } from './users-csv'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

export function formatReport(report: ProvisionReport): string {
  const section = (title: string, items: string[]) =>
    items.length ? `${title} (${items.length}):\n${items.map((i) => `  ${i}`).join('\n')}` : `${title}: none`
  return [section('Created', report.created), section('Updated', report.updated), section('Left unchanged', report.unchanged)].join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      couch: { type: 'string' },
      province: { type: 'string' },
      users: { type: 'string' },
      'update-passwords': { type: 'boolean', default: false },
      'session-seconds': { type: 'string' },
    },
  })
  const couchUrl = values.couch ?? process.env.COUCH_URL
  if (!couchUrl) fail('Give --couch http://admin:password@host:5984 (or set COUCH_URL).')
  if (!values.province) fail('Give --province <geography.json>, e.g. couch/data/nong-khai.json.')

  const geography = parseGeography(JSON.parse(readFileSync(values.province, 'utf8')))
  let users: UserRow[] = []
  if (values.users) {
    const parsed = parseUsersCsv(readFileSync(values.users, 'utf8'))
    if (!parsed.ok) fail(`${values.users}:\n  ${parsed.problems.map(formatCsvProblem).join('\n  ')}`)
    users = parsed.users
  }
  const sessionSeconds = values['session-seconds'] === undefined ? undefined : Number(values['session-seconds'])
  if (sessionSeconds !== undefined && !(Number.isInteger(sessionSeconds) && sessionSeconds >= 300 && sessionSeconds <= 90 * 24 * 3600)) {
    fail(`--session-seconds: expected whole seconds from 300 to ${90 * 24 * 3600} (90 days), got ${values['session-seconds']}`)
  }
  const report = await provision(couchUrl, { geography, users, updatePasswords: values['update-passwords'], sessionSeconds })
  console.log(`Provisioned ${geography.province.name} (${geography.province.code}) on ${new URL(couchUrl).host}`)
  console.log(formatReport(report))
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)))
