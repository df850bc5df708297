import { cpus, totalmem, platform, release } from 'node:os'
import { writeFileSync } from 'node:fs'

/** One measured figure. `ratio = value / budget` (≤ 1 meets the budget). */
export interface Figure {
  name: string
  value: number
  unit: string
  budget?: number
  ratio?: number
  note?: string
}

export function figure(name: string, value: number, unit: string, budget?: number, note?: string): Figure {
  const f: Figure = { name, value: round(value), unit }
  if (budget !== undefined) {
    f.budget = budget
    f.ratio = round(value / budget, 3)
  }
  if (note) f.note = note
  return f
}

export function round(value: number, digits = 2): number {
  const k = 10 ** digits
  return Math.round(value * k) / k
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function machine(): string {
  const cpu = cpus()
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${round(totalmem() / 1024 ** 3, 1)} GiB, ${platform()} ${release()}, Node ${process.version}`
}

export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${f.value.toLocaleString('en-US')} ${f.unit}`,
    f.budget === undefined ? '—' : `${f.budget.toLocaleString('en-US')} ${f.unit}`,
    f.ratio === undefined ? '—' : `${f.ratio.toFixed(3)}${f.ratio <= 1 ? '' : '  (over budget)'}`,
  ])
  const header = ['figure', 'value', 'budget', 'ratio']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
  for (const f of figures) if (f.note) console.log(`  · ${f.name}: ${f.note}`)
}

export function writeResults(path: string, figures: readonly Figure[]): void {
  const results = { date: new Date().toISOString(), machine: machine(), figures }
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`)
}
