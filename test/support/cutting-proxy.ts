/**
 * A TCP proxy that forwards to a server and cuts a connection: the network failing mid-replication,
 * for real (no mocked fetch). Two ways to arm it:
 * - `cutAtRequest(n)`: the n-th HTTP request from now is forwarded, and its response is cut after its
 *   first chunk (the client sees a truncated answer). Counting requests, not bytes, makes the cut
 *   land at the same step of the replication whatever the server's speed or response sizes: a byte
 *   budget tuned to the embedded stand-in never cut against the faster, leaner real CouchDB.
 * - `cutAfter(bytes)`: bytes are counted in both directions across all connections; when the budget
 *   runs out the connection carrying the byte that crossed it is destroyed on both sides.
 * After one cut the proxy forwards normally again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface CuttingProxy {
  /** http://127.0.0.1:<port> — the server's URL with the proxy's host and port. */
  url: string
  /** Arms a cut after `bytes` more bytes (null: never cut). */
  cutAfter(bytes: number | null): void
  /**
   * Arms a cut of the response to the n-th request from now (1 = the next one; null: never cut),
   * counting only requests whose request line (`POST /db/_bulk_docs HTTP/1.1`) matches `only`.
   */
  cutAtRequest(n: number | null, only?: RegExp): void
  /** HTTP requests forwarded so far. */
  requests(): number
  /** How many connections have been cut so far. */
  cuts(): number
  /** Bytes forwarded so far, both directions. */
  bytes(): number
  close(): Promise<void>
}

const REQUEST_LINE = /^(GET|HEAD|POST|PUT|DELETE|COPY|OPTIONS|PATCH) \S+ HTTP\/1\.[01]\r\n/

export async function startCuttingProxy(target: string, options: { cutAfterBytes?: number | null } = {}): Promise<CuttingProxy> {
  const t = new URL(target)
  const targetPort = Number(t.port || 80)
  let budget: number | null = options.cutAfterBytes ?? null
  let cuts = 0
  let total = 0
  let requests = 0
  let cutAtRequest: number | null = null
  let cutOnly: RegExp | null = null
  const sockets = new Set<Socket>()

  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, t.hostname)
    sockets.add(client)
    sockets.add(upstream)
    const cut = () => {
      cuts += 1
      budget = null
      // destroy(), not end(): the peer sees a reset mid-response, as on a dropped mobile link.
      client.destroy()
      upstream.destroy()
    }
    // This connection carries the request whose response is to be cut.
    let cutResponse = false
    client.on('data', (chunk: Uint8Array) => {
      // A request starts a chunk with its request line (clients write the head in one piece; a
      // JSON body never starts with a method name).
      const head = Buffer.from(chunk.subarray(0, 512)).toString('latin1')
      if (!REQUEST_LINE.test(head)) return
      requests += 1
      const line = head.slice(0, head.indexOf('\r\n'))
      if (cutAtRequest !== null && (!cutOnly || cutOnly.test(line)) && --cutAtRequest === 0) {
        cutAtRequest = null
        cutResponse = true
      }
    })
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Uint8Array) => {
        if (from === upstream && cutResponse) {
          // Half of the response's first chunk, then the reset.
          cutResponse = false
          const part = chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2)))
          total += part.length
          client.write(part, () => cut())
          from.pause()
          return
        }
        if (budget !== null && chunk.length >= budget) {
          // Let part of the chunk through, so the receiver sees a truncated body, then cut.
          const part = chunk.subarray(0, Math.max(0, budget))
          total += part.length
          if (part.length) to.write(part)
          cut()
          return
        }
        if (budget !== null) budget -= chunk.length
        total += chunk.length
        to.write(chunk)
      })
    forward(client, upstream)
    forward(upstream, client)
    const done = () => {
      sockets.delete(client)
      sockets.delete(upstream)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', done)
    upstream.on('close', done)
    client.on('error', () => undefined)
    upstream.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = new URL(target)
  url.hostname = '127.0.0.1'
  url.port = String(port)
  return {
    url: url.toString().replace(/\/$/, ''),
    cutAfter(bytes) {
      budget = bytes
    },
    cutAtRequest(n, only) {
      cutAtRequest = n
      cutOnly = only ?? null
    },
    requests: () => requests,
    cuts: () => cuts,
    bytes: () => total,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
