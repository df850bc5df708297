import { describe, expect, it } from 'vitest'
import { writeBehind } from '../../../src/sync/write-behind'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('writeBehind: writes that may wait a little, gathered', () => {
  const setup = (delayMs: number) => {
    const writes: number[][] = []
    let queue: Promise<void> = Promise.resolve()
    const run = (work: () => Promise<void>) => (queue = queue.then(work))
    const w = writeBehind<number>(async (items) => {
      await sleep(5)
      writes.push(items)
    }, run, delayMs)
    return { w, writes }
  }

  it('writes a burst once, after the delay, with everything added in it', async () => {
    const { w, writes } = setup(30)
    w.add([1])
    w.add([2, 3])
    w.add([])
    expect(writes).toEqual([])
    await sleep(80)
    expect(writes).toEqual([[1, 2, 3]])
    w.add([4])
    await sleep(80)
    expect(writes).toEqual([[1, 2, 3], [4]])
  })

  it('flush writes what waits at once and resolves once it is written; with nothing waiting, after the last write', async () => {
    const { w, writes } = setup(10_000)
    w.add([1, 2])
    await w.flush()
    expect(writes).toEqual([[1, 2]])
    await w.flush()
    expect(writes).toEqual([[1, 2]])
    w.add([3])
    const pending = w.flush()
    w.add([4])
    await pending
    expect(writes).toEqual([[1, 2], [3]])
    await w.flush()
    expect(writes).toEqual([[1, 2], [3], [4]])
  })
})
