import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/*
 * What the first screen loads is everything src/main.tsx reaches through static imports (lazy
 * screens come through `import()`). zod (with its JSON-schema code, ~25 KB gzip) must not be among
 * them: one constant imported from a schema file once pulled it in and took the first screen from
 * 72 to 118 KB (DESIGN.md's budget: 120). This walks the same graph the bundler does.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const STATIC = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec)
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((p) => existsSync(p) && p.match(/\.tsx?$/))
}

/** Every package the entry reaches statically, with one import chain to each. */
function staticPackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>()
  const seen = new Set<string>()
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return
    seen.add(file)
    const here = [...chain, path.relative(ROOT, file)]
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(STATIC)) {
      if (spec!.startsWith('.')) {
        const next = resolveLocal(file, spec!)
        if (next) walk(next, here)
      } else if (!packages.has(spec!)) packages.set(spec!, here)
    }
  }
  walk(path.join(ROOT, entry), [])
  return packages
}

describe('the first screen’s static imports', () => {
  it('reach preact, dexie and workbox-window, and never zod', () => {
    const packages = staticPackages('src/main.tsx')
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['preact', 'dexie', 'workbox-window']))
    const zod = [...packages].filter(([name]) => name === 'zod' || name.startsWith('zod/'))
    expect(zod.map(([name, chain]) => `${name} ← ${chain.reverse().join(' ← ')}`)).toEqual([])
  })
})
