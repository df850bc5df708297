import { describe, expect, it } from 'vitest'
import { createConnectivity } from '../../../src/sync/connectivity'

describe('connectivity: online means the interface is up AND the server answered', () => {
  it('an interface that says "online" with an unreachable server is offline after the first probe', async () => {
    let reachable = false
    const calls: string[] = []
    const conn = createConnectivity({
      base: '/couch/',
      interfaceUp: () => true,
      fetch: (async (url: string) => {
        calls.push(url)
        if (!reachable) throw new TypeError('Failed to fetch')
        return new Response('{}', { status: 401 })
      }) as typeof fetch,
    })
    const seen: string[] = []
    conn.addEventListener('online', () => seen.push('online'))
    conn.addEventListener('offline', () => seen.push('offline'))
    expect(await conn.recheck()).toBe(false)
    expect(conn.online()).toBe(false)
    // A 401 still means the server is there.
    reachable = true
    expect(await conn.recheck()).toBe(true)
    expect(conn.online()).toBe(true)
    expect(seen).toEqual(['offline', 'online'])
    expect(calls.every((u) => u === '/couch/_session')).toBe(true)
    conn.stop()
  })

  it('with the interface down it never probes and stays offline', async () => {
    let probes = 0
    const conn = createConnectivity({ base: '/couch', interfaceUp: () => false, fetch: (async () => { probes++; return new Response('') }) as typeof fetch })
    expect(await conn.recheck()).toBe(false)
    expect(conn.online()).toBe(false)
    expect(probes).toBe(0)
    conn.stop()
  })
})
