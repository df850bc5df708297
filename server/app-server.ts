/**
 * Serves the built PWA and proxies `/couch/*` to CouchDB, so the browser talks to one origin: no CORS,
 * and CouchDB's HttpOnly `_session` cookie is a same-origin cookie. Production does the same with nginx
 * (couch/README.md); this server is for `npm start`, demos and tests.
 */
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import express from 'express'
import type { Request, Response } from 'express'
import { createProxyMiddleware } from 'http-proxy-middleware'

export interface AppServerOptions {
  /** The built app (vite build output). */
  distDir: string
  /** CouchDB's URL. Credentials in it are dropped: the proxy must never make browsers admins. */
  couchUrl: string
  port?: number
  host?: string
}

export interface AppServer {
  /** e.g. http://127.0.0.1:8080 (no trailing slash) */
  url: string
  close(): Promise<void>
}

export const COUCH_PREFIX = '/couch'

// Files that name the current version: always revalidated, or a new release would never be seen.
const NO_CACHE_FILES = new Set(['/sw.js', '/index.html', '/manifest.webmanifest', '/registerSW.js'])

/** Cache-Control for a static path: hashed build assets forever, the service worker and entry never. */
export function cacheControlFor(urlPath: string): string {
  if (NO_CACHE_FILES.has(urlPath) || urlPath.startsWith('/workbox-')) return 'no-cache'
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable'
  return 'public, max-age=3600'
}

/** The proxy target: CouchDB's origin and path, never its credentials. */
export function proxyTarget(couchUrl: string): string {
  const u = new URL(couchUrl)
  u.username = ''
  u.password = ''
  return u.toString().replace(/\/+$/, '')
}

/** SPA routes get index.html; paths that look like files (have an extension) get a real 404. */
export function isSpaRoute(urlPath: string): boolean {
  const last = urlPath.split('/').pop() ?? ''
  return !last.includes('.')
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const { port = 0, host = '127.0.0.1' } = options
  const distDir = resolve(options.distDir)
  const indexHtml = join(distDir, 'index.html')

  const app = express()
  app.disable('x-powered-by')
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    next()
  })

  app.use(
    COUCH_PREFIX,
    createProxyMiddleware<Request, Response>({
      target: proxyTarget(options.couchUrl),
      // Express has stripped `/couch` from req.url already; CouchDB sees its own paths.
      changeOrigin: true,
      xfwd: true,
      // CouchDB sets `Path=/`; scoping the session cookie to the proxied path keeps it off app requests.
      cookiePathRewrite: { '*': `${COUCH_PREFIX}/` },
      // No body parsing or compression in front of the proxy: `_changes` longpoll and continuous feeds
      // must stream, and request bodies must pass through untouched.
      on: {
        error: (err, _req, res) => {
          const body = JSON.stringify({ error: 'bad_gateway', reason: `CouchDB is not reachable: ${err.message}` })
          if ('writeHead' in res && !res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/json' })
            res.end(body)
          } else {
            res.end()
          }
        },
      },
    }),
  )

  app.use(
    express.static(distDir, {
      index: 'index.html',
      setHeaders: (res, filePath) => {
        const rel = '/' + filePath.slice(distDir.length + 1).split('\\').join('/')
        res.setHeader('Cache-Control', cacheControlFor(rel))
      },
    }),
  )

  app.get('*', (req, res) => {
    if (!isSpaRoute(req.path) || !existsSync(indexHtml)) {
      res.status(404).type('text/plain').send('Not found')
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(indexHtml)
  })

  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = app.listen(port, host, () => resolveServer(s))
    s.once('error', reject)
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose())
        // Longpoll `_changes` through the proxy would otherwise keep the server open.
        server.closeAllConnections()
      }),
  }
}
