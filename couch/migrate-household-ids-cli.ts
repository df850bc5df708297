/** `npm run migrate-household-ids -- --couch http://admin:pw@host:5984 --province couch/data/nong-khai.json` (see migrate-household-ids.ts). */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { parseGeography } from './geography'
import { migrateHouseholdIds } from './migrate-household-ids'

const { values } = parseArgs({ options: { couch: { type: 'string' }, province: { type: 'string' } } })
if (!values.couch || !values.province) {
  console.error('usage: npm run migrate-household-ids -- --couch http://admin:pw@host:5984 --province couch/data/nong-khai.json')
  process.exit(2)
}
const geo = parseGeography(JSON.parse(readFileSync(values.province, 'utf8')))
const report = await migrateHouseholdIds(values.couch, geo.districts.map((d) => d.code), (line) => console.log(line))
console.log(`Moved ${report.households} households, ${report.children} visits/assistance, ${report.reviews} reviews/history entries to the ids of issue 11.`)
for (const f of report.failed) console.log(`  not moved: ${f}`)
if (report.failed.length) process.exitCode = 1
