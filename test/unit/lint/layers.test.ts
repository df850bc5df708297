import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'

// The project's own eslint.config.js, run through ESLint's API on small snippets placed (by file path)
// in each layer: the layer rule itself is under test, not only the code it currently passes.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const eslint = new ESLint({ cwd: ROOT })

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return result!.messages.filter((m) => m.ruleId === 'layers/imports-go-down').map((m) => m.message)
}

describe('the layer lint rule (schema ← scoring ← store ← forms | sync | exchange ← app)', () => {
  it('fails on an upward import from src/forms into src/app', async () => {
    const errors = await layerErrors('src/forms/fixture-upward.ts', "import { useI18n } from '../app/i18n'\nexport const x = useI18n\n")
    expect(errors).toEqual([
      "src/forms may import only src/schema, src/scoring, src/store; '../app/i18n' is in src/app. Move the piece to the layer it belongs to.",
    ])
  })

  it('catches re-exports, dynamic and type-only imports, and nested paths', async () => {
    const code = [
      "import type { Services } from '../../app/services'",
      "export { openLocalDb } from '../../store/local-db'",
      "export * from '../../sync/status'",
      "export const later = () => import('../../forms/drafts')",
      'export type S = Services',
      '',
    ].join('\n')
    const errors = await layerErrors('src/scoring/missions/fixture-upward.ts', code)
    expect(errors).toHaveLength(4)
    expect(errors.map((e) => e.match(/is in src\/(\w+)/)![1])).toEqual(['app', 'store', 'sync', 'forms'])
  })

  it('keeps the siblings forms, sync and exchange apart', async () => {
    expect(await layerErrors('src/sync/fixture.ts', "export { loadDraft } from '../forms/drafts'\n")).toHaveLength(1)
    expect(await layerErrors('src/exchange/fixture.ts', "export { SyncStatus } from '../sync/status'\n")).toHaveLength(1)
    expect(await layerErrors('src/forms/fixture.ts', "export { importRows } from '../exchange/import'\n")).toHaveLength(1)
  })

  it('lets every layer import itself and the layers below, and the app import all', async () => {
    expect(await layerErrors('src/store/fixture.ts', "export * from '../schema/docs'\nexport * from '../scoring/engine'\nexport * from './repository'\n")).toEqual([])
    expect(await layerErrors('src/forms/fixture.ts', "export * from '../store/repository'\nexport * from '../schema/thai-numbers'\n")).toEqual([])
    expect(
      await layerErrors('src/app/screens/fixture.tsx', "export * from '../../forms/drafts'\nexport * from '../../sync/status'\nexport * from '../../exchange/import'\n"),
    ).toEqual([])
  })

})
