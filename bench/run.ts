import { execSync } from 'node:child_process'
import { benchFirstScreen } from './first-screen'
import { benchScoring } from './scoring'
import { benchBrowser } from './browser-run'
import { benchColdStart } from './cold-start'
import { benchVillageProgress } from './village-progress'
import { benchPull } from './pull'
import { figure, printTable, writeResults, type Figure } from './figures'

/** The scoring bench reports times and per-run ratios; the table wants each budget as value ÷ budget. */
async function scoringFigures(): Promise<Figure[]> {
  const raw = await benchScoring()
  const get = (name: string) => raw.find((f) => f.name === name)?.value ?? NaN
  const households = get('scoring.households')
  const parse = get('scoring.jsonParse')
  const engine = get('scoring.engine')
  const full = get('scoring.validateAndScore')
  const n = households.toLocaleString('en-US')
  return [
    figure(`JSON.parse of the national input (${n} households, ${get('scoring.inputSize')} MB)`, parse, 'ms'),
    figure(`score all ${n} households (engine)`, engine, 'ms'),
    figure(`validate and score all ${n} households`, full, 'ms'),
    figure('scoring ÷ JSON.parse (engine)', engine / parse, '×', 2),
    figure('scoring ÷ JSON.parse (validate + score)', full / parse, '×', 2),
  ]
}

/*
 * `npm run bench`: every budget of DESIGN.md measured for real and printed as a table, and written to
 * bench/results.json. Measurements, not tests: nothing here passes or fails on a number.
 */

async function main(): Promise<void> {
  const started = Date.now()
  const figures: Figure[] = []
  const step = async (name: string, run: () => Promise<Figure[]> | Figure[]) => {
    const t = Date.now()
    console.log(`▸ ${name}`)
    figures.push(...(await run()))
    console.log(`  done in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }

  // `npm run bench -- pull`: only the first-pull figures (stand-in and, when at hand, real CouchDB).
  if (process.argv.includes('pull')) {
    await step('first pull (Chromium, stand-in and real CouchDB)', () => benchPull())
    console.log('')
    printTable(figures)
    return
  }
  await step('production build', () => {
    execSync('npx vite build', { stdio: 'ignore' })
    return benchFirstScreen('dist')
  })
  await step('offline cold start (Chromium, CPU 4× slower)', () => benchColdStart())
  await step('per-village progress, 25,000 households', () => benchVillageProgress())
  await step('national scoring', () => scoringFigures())
  await step('store and sync in Chromium', () => benchBrowser())
  await step('first pull (Chromium, stand-in and real CouchDB)', () => benchPull())

  console.log('')
  printTable(figures)
  writeResults('bench/results.json', figures)
  console.log(`\nwritten to bench/results.json in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
