/**
 * A TCP proxy that forwards to a server and cuts the connection after N bytes: the network failing
 * mid-replication, for real (no mocked fetch). Bytes are counted in both directions across all
 * connections since the last `cutAfter`; when the budget runs out the connection carrying the byte
 * that crossed it is destroyed on both sides, then the proxy forwards normally again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface CuttingProxy {
  /** http://127.0.0.1:<port> — the server's URL with the proxy's host and port. */
  url: string
  /** Arms a cut after `bytes` more bytes (null: never cut). */
  cutAfter(bytes: number | null): void
  /** How many connections have been cut so far. */
  cuts(): number
  /** Bytes forwarded so far, both directions. */
  bytes(): number
  close(): Promise<void>
}

export async function startCuttingProxy(target: string, options: { cutAfterBytes?: number | null } = {}): Promise<CuttingProxy> {
  const t = new URL(target)
  const targetPort = Number(t.port || 80)
  let budget: number | null = options.cutAfterBytes ?? null
  let cuts = 0
  let total = 0
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
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Uint8Array) => {
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
    cuts: () => cuts,
    bytes: () => total,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
