import { describe, expect, it } from 'vitest'
import { limitConnections } from '../../../src/sync/connection-limit'

/** A server that answers every request at once with a small JSON body (or fails, for `fail`). */
const server = (calls: string[] = []) => async (input: RequestInfo | URL) => {
  const url = String(input)
  calls.push(url)
  if (url.includes('fail')) throw new TypeError('Failed to fetch')
  if (url.includes('empty')) return new Response(null, { status: 204 })
  return new Response(JSON.stringify({ url }), { headers: { 'content-type': 'application/json' } })
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10))

describe('limitConnections: a connection is busy until its body has been read', () => {
  it('holds a third request until one of the first two has read its body', async () => {
    const calls: string[] = []
    const limited = limitConnections(server(calls), 2)
    const a = await limited('/a')
    const b = await limited('/b')
    let thirdAnswered = false
    const c = limited('/c').then((res) => ((thirdAnswered = true), res))
    await settle()
    expect(thirdAnswered).toBe(false)
    expect(limited.inFlight()).toBe(2)
    expect(await a.json()).toEqual({ url: '/a' })
    expect(await (await c).json()).toEqual({ url: '/c' })
    expect(thirdAnswered).toBe(true)
    await b.text()
    expect(limited.inFlight()).toBe(0)
    expect(limited.maxInFlight()).toBe(2)
    expect(calls).toEqual(['/a', '/b', '/c'])
  })

  it('opens when the body is read as a stream to its end, or cancelled', async () => {
    const limited = limitConnections(server(), 1)
    const streamed = await limited('/streamed')
    const reader = streamed.body!.getReader()
    let bytes = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.length
    }
    expect(bytes).toBe(JSON.stringify({ url: '/streamed' }).length)
    expect(limited.inFlight()).toBe(0)
    const cancelled = await limited('/cancelled')
    expect(limited.inFlight()).toBe(1)
    await cancelled.body!.cancel()
    expect(limited.inFlight()).toBe(0)
  })

  it('opens at once for a failed request or a response without a body', async () => {
    const limited = limitConnections(server(), 1)
    await expect(limited('/fail')).rejects.toThrow('Failed to fetch')
    expect(limited.inFlight()).toBe(0)
    const empty = await limited('/empty')
    expect(empty.status).toBe(204)
    expect(limited.inFlight()).toBe(0)
    expect(await (await limited('/after')).json()).toEqual({ url: '/after' })
  })

  it('opens when reading the body fails', async () => {
    const limited = limitConnections(async () => new Response('not json'), 1)
    const res = await limited('/bad')
    await expect(res.json()).rejects.toThrow()
    expect(limited.inFlight()).toBe(0)
  })
})
