import { writeFileSync } from 'node:fs'
/** A DevTools CPU profile summed by script and by function (BENCH_PROFILE=1 in cold-start and pull). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]
  samples: number[]
  timeDeltas: number[]
}

export function printProfile(p: CpuProfile, label = '4× slowdown'): void {
  if (process.env.BENCH_PROFILE_OUT) writeFileSync(`${process.env.BENCH_PROFILE_OUT}-${label.replace(/\W+/g, '_')}.json`, JSON.stringify(p))
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000))
  const byScript = new Map<string, number>()
  const byFn = new Map<string, number>()
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame
    const script = f.url.split('/').pop() || `(${f.functionName || 'native'})`
    byScript.set(script, (byScript.get(script) ?? 0) + ms)
    const fn = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber}`
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms)
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `    ${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n')
  console.log(`  self time by script (${label}):\n${top(byScript, 12)}\n  top functions:\n${top(byFn, Number(process.env.BENCH_TOP) || 25)}`)
}

