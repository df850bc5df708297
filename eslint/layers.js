import path from 'node:path'

/*
 * Layers import only the layers below them (DESIGN.md's picture):
 *
 *   schema ← scoring ← store ← forms | sync | exchange ← app
 *
 * forms, sync and exchange are siblings and do NOT import one another: each is one edge of the app
 * (what the officer types, what goes over the network, what comes in and out as files), each is built on
 * the store alone, and only src/app composes them. So a change to sync can never break a form, and each
 * of the three can be tested with the store and nothing else.
 *
 * The rule resolves every relative import (static, re-export, dynamic, type-only) to the folder under
 * src/ it lands in, so `../../app/x` from a nested file is caught as surely as `../app/x`.
 */
export const LAYERS = {
  schema: [],
  scoring: ['schema'],
  store: ['schema', 'scoring'],
  forms: ['schema', 'scoring', 'store'],
  sync: ['schema', 'scoring', 'store'],
  exchange: ['schema', 'scoring', 'store'],
  app: ['schema', 'scoring', 'store', 'forms', 'sync', 'exchange'],
}

/** 'src/forms/values.ts' → 'forms'; undefined for files outside a layer folder (src/main.tsx, tests). */
export function layerOf(file) {
  const parts = path.resolve(file).split(path.sep)
  const src = parts.lastIndexOf('src')
  if (src < 0 || src + 2 >= parts.length) return undefined
  const layer = parts[src + 1]
  return Object.hasOwn(LAYERS, layer) ? layer : undefined
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src/ imports only the layers below it.' },
    schema: [],
    messages: {
      upward:
        "src/{{from}} may import only {{allowed}}; '{{spec}}' is in src/{{to}}. Move the piece to the layer it belongs to.",
    },
  },
  create(context) {
    const filename = context.filename
    const from = layerOf(filename)
    if (!from) return {}
    const allowed = LAYERS[from]
    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return
      const spec = source.value
      if (!spec.startsWith('.')) return
      const to = layerOf(path.resolve(path.dirname(filename), spec) + path.sep + 'x')
      if (!to || to === from || allowed.includes(to)) return
      context.report({
        node,
        messageId: 'upward',
        data: { from, to, spec, allowed: allowed.length ? allowed.map((l) => `src/${l}`).join(', ') : 'itself' },
      })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    }
  },
}

export default { rules: { 'imports-go-down': rule } }
