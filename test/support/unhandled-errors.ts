/*
 * The one unhandled error vitest is told to let pass (vitest.config.ts, `onUnhandledError`), and only
 * where it is deliberate: test/integration/sync-cut.test.ts destroys the socket of a PouchDB
 * replication in the middle of a response, and in about one run in ten on real CouchDB, Node's
 * fetch (undici) rejects a promise of its own with `TypeError: terminated` (cause UND_ERR_SOCKET)
 * that nothing in PouchDB's http adapter or our code holds — every request of ours, and every body,
 * is awaited (the test reads whole bodies). The test's assertions on the replication still hold
 * every time. Any other unhandled error, and this one from any other file, still fails the run.
 */
type UnhandledError = Error & { VITEST_TEST_PATH?: string; code?: string; cause?: { code?: string } }

export function isDeliberateSocketCut(error: UnhandledError): boolean {
  const fromCutTest = String(error.VITEST_TEST_PATH ?? '').endsWith('test/integration/sync-cut.test.ts')
  const socketCut = error.message === 'terminated' && (error.cause?.code === 'UND_ERR_SOCKET' || error.code === 'UND_ERR_SOCKET')
  return fromCutTest && socketCut
}
