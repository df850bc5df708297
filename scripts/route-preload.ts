import type { Plugin, Rollup } from 'vite'

const SCRIPT = 'preload-route.js'

/**
 * A cold start opened straight on a screen that has its own chunk (a reload mid-form, a home-screen
 * shortcut) used to ask for that chunk only once the app's entry had run (the entry asks for it as
 * its first act, after every script it imports). This emits a tiny classic script, first in
 * index.html and async, that turns the route's chunk and its static imports (minus what the first
 * screen loads anyway) into <link rel="modulepreload">s, so they come in with the first screen's own.
 */
export function routePreload(routes: Record<string, string>): Plugin {
  return {
    name: 'route-preload',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle as Rollup.OutputBundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c as Rollup.OutputChunk] as const] : [])))
      const graph = (file: string, into = new Set<string>()): Set<string> => {
        if (into.has(file)) return into
        into.add(file)
        for (const next of chunks.get(file)?.imports ?? []) graph(next, into)
        return into
      }
      const entry = [...chunks.values()].find((c) => c.isEntry && c.facadeModuleId?.endsWith('index.html'))
      if (!entry) throw new Error('route-preload: no index.html entry chunk')
      const firstScreen = graph(entry.fileName)
      const lists = Object.entries(routes).map(([route, module]) => {
        const chunk = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(module))
        if (!chunk) throw new Error(`route-preload: no chunk for ${module} (route ${route}): is it still loaded with import()?`)
        return [route, [...graph(chunk.fileName)].filter((f) => !firstScreen.has(f)).map((f) => `/${f}`)] as const
      })
      const source = `// Written at build by scripts/route-preload.ts: a route's own chunks, fetched with the first screen's.
(function (routes) {
  for (var route in routes) {
    if (location.hash.indexOf(route) !== 0) continue
    routes[route].forEach(function (href) {
      var link = document.createElement('link')
      link.rel = 'modulepreload'
      link.crossOrigin = ''
      link.href = href
      document.head.appendChild(link)
    })
  }
})(${JSON.stringify(Object.fromEntries(lists))})
`
      this.emitFile({ type: 'asset', fileName: SCRIPT, source })
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: `/${SCRIPT}`, async: true }, injectTo: 'head-prepend' }],
  }
}
