/*
 * Reading an edition from a file, for the command lines (an edge: it reads the file system).
 */
import { readFileSync } from 'node:fs'
import type { Rubric } from './edition-schema'
import { parseEdition } from './edition-schema'

export type EditionFileResult = { ok: true; edition: Rubric } | { ok: false; code: 1 | 2; lines: string[] }

/** Reads and checks an edition file: exit code 2 when it cannot be read, 1 with one line per bad field. */
export function readEditionFile(file: string): EditionFileResult {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message)
    return { ok: false, code: 2, lines: [`cannot read rubric file "${file}": ${why}`] }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { ok: false, code: 1, lines: [`${file}: (edition): expected JSON, but it does not parse: ${(e as Error).message}`] }
  }
  const parsed = parseEdition(data)
  if (!parsed.ok) return { ok: false, code: 1, lines: parsed.issues.map((i) => `${file}: ${i.path}: ${i.message}`) }
  return { ok: true, edition: parsed.edition }
}
