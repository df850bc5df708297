/**
 * An HTTP proxy with a request-body limit, like nginx's `client_max_body_size`: a request whose body
 * is over `maxBytes` gets 413 without reaching the server; anything else is forwarded as it is.
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BodyLimitProxy {
  url: string
  /** Requests answered 413. */
  refused(): number
  close(): Promise<void>
}

export async function startBodyLimitProxy(target: string, maxBytes: number): Promise<BodyLimitProxy> {
  const t = new URL(target)
  let refused = 0
  const server: Server = createServer((req, res) => {
    const chunks: Uint8Array[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk as unknown as Uint8Array)
    })
    req.on('end', () => {
      if (size > maxBytes) {
        refused++
        res.writeHead(413, { 'content-type': 'text/html' }).end('<html><body>413 Request Entity Too Large</body></html>')
        return
      }
      const upstream = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host, 'content-length': String(size) } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      })
      upstream.on('error', () => res.destroy())
      upstream.end(Buffer.concat(chunks as never[]))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
