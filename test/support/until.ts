/** Polls `ok` until it holds (every `everyMs`), or throws after `ms`: for state a component sets asynchronously. */
export async function until(ok: () => boolean, ms = 5000, everyMs = 10): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, everyMs))
  }
}
