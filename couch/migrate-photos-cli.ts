/** `npm run migrate-photos -- --couch http://admin:pw@host:5984 --province couch/data/nong-khai.json` (see migrate-photos.ts). */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { parseGeography } from './geography'
import { migratePhotos } from './migrate-photos'

const { values } = parseArgs({ options: { couch: { type: 'string' }, province: { type: 'string' } } })
if (!values.couch || !values.province) {
  console.error('usage: npm run migrate-photos -- --couch http://admin:pw@host:5984 --province couch/data/nong-khai.json')
  process.exit(2)
}
const geo = parseGeography(JSON.parse(readFileSync(values.province, 'utf8')))
const report = await migratePhotos(values.couch, geo.districts.map((d) => d.code), (line) => console.log(line))
console.log(`Moved ${report.photos} photos (${(report.bytes / 1024 / 1024).toFixed(1)} MB) of ${report.records} records to the media stores.`)
for (const s of report.skipped) console.log(`  not moved: ${s}`)
if (report.skipped.length) process.exitCode = 1
