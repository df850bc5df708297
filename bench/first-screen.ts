import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { figure, type Figure } from './figures'

/**
 * The JS the first screen loads: every script of the production build's index.html (the entry, and
 * the small classic one that preloads a route's chunk) and every chunk it preloads (Vite lists static
 * imports as modulepreload links). Lazy chunks are not counted: they load after first paint. Gzip at the default level, as a web server sends it.
 */
export function firstScreenJs(distDir = 'dist'): { files: { file: string; gzip: number }[]; total: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!)
  const files = [...new Set(srcs)].map((src) => {
    const file = join(distDir, src.replace(/^\//, ''))
    return { file, gzip: gzipSync(new Uint8Array(readFileSync(file))).length }
  })
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) }
}

export function benchFirstScreen(distDir = 'dist'): Figure[] {
  const { files, total } = firstScreenJs(distDir)
  return [figure('first-screen JS (gzip)', total / 1024, 'KB', 120, files.map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)} KB`).join(', '))]
}
