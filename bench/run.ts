import { execSync } from 'node:child_process'
import { benchFirstScreen } from './first-screen'
import { benchScoring } from './scoring'
import { benchBrowser } from './browser-run'
import { benchColdStart } from './cold-start'
import { benchVillageProgress } from './village-progress'
import { printTable, writeResults, type Figure } from './figures'

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

  await step('production build', () => {
    execSync('npx vite build', { stdio: 'ignore' })
    return benchFirstScreen('dist')
  })
  await step('offline cold start (Chromium, CPU 4× slower)', () => benchColdStart())
  await step('per-village progress, 25,000 households', () => benchVillageProgress())
  await step('national scoring', () => benchScoring())
  await step('store and sync in Chromium', () => benchBrowser())

  console.log('')
  printTable(figures)
  writeResults('bench/results.json', figures)
  console.log(`\nwritten to bench/results.json in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
