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
import { couchRequestVerdict, MAX_BODY_BYTES } from './couch-allowlist'

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

/**
 * The app's Content-Security-Policy: its own scripts, styles, fonts and workers only, images also
 * from data:/blob: (photo previews), no plugins, never framed (clickjacking), forms and <base> pinned
 * to the origin. The e2e tests run the built app under it and fail on any console error.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers on every response of the app's origin (static files, SPA routes, the proxy's answers). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
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
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    next()
  })

  // The proxy admits only what the app uses (server/couch-allowlist.ts), no browser-sent
  // credentials but the session cookie, and no body over CouchDB's 8 MB document limit.
  app.use(COUCH_PREFIX, (req, res, next) => {
    const refuse = (status: number, error: string, reason: string) => {
      res.status(status).type('application/json').send(JSON.stringify({ error, reason }))
    }
    const rawPath = req.url.split('?')[0] ?? ''
    const verdict = couchRequestVerdict(req.method, rawPath)
    if (!verdict.ok) {
      const error = verdict.status === 400 ? 'bad_request' : verdict.status === 405 ? 'method_not_allowed' : 'not_found'
      refuse(verdict.status, error, verdict.reason)
      return
    }
    const length = req.headers['content-length']
    const hasBody = length !== undefined || req.headers['transfer-encoding'] !== undefined
    if (hasBody && length === undefined) {
      refuse(411, 'length_required', 'a request body needs a Content-Length')
      return
    }
    if (length !== undefined && !(Number(length) <= MAX_BODY_BYTES)) {
      refuse(413, 'too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`)
      return
    }
    // Basic auth (or proxy-auth headers) from a browser would let a phone use the CouchDB admin
    // password, or bypass the cookie: only the AuthSession cookie signs a browser in.
    delete req.headers.authorization
    for (const name of Object.keys(req.headers)) if (name.startsWith('x-auth-couchdb')) delete req.headers[name]
    if (verdict.attachment) res.locals.attachment = true
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
        proxyRes: (proxyRes, _req, res) => {
          // An attachment is whatever a user uploaded: never run it as a page of this origin.
          if ((res as Response).locals?.attachment) {
            proxyRes.headers['content-security-policy'] = 'sandbox'
            proxyRes.headers['x-content-type-options'] = 'nosniff'
          }
        },
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
