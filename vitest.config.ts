import { defineConfig } from 'vitest/config'
import preact from '@preact/preset-vite'
import { playwright } from '@vitest/browser-playwright'
import { chromiumPath, chromiumArgs } from './test/support/chromium.ts'
import { isDeliberateSocketCut } from './test/support/unhandled-errors.ts'

function unitProject(name: string, timeZone: string) {
  // Node reads process.env.TZ when it is assigned, so the zone holds from the first test on.
  return { test: { name, environment: 'node' as const, include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 30_000, env: { TZ: timeZone }, isolate: false } }
}

export default defineConfig({
  test: {
    // false: not counted (only the deliberate socket cut of sync-cut.test.ts; see the file).
    onUnhandledError: (error) => !isDeliberateSocketCut(error as Parameters<typeof isDeliberateSocketCut>[0]),
    projects: [
      // Pure logic and Node-side code: scoring, schemas, projector, Dexie on fake-indexeddb. Once per
      // time zone, in one run (`--project 'unit*'`): the phones' (Bangkok), one west of UTC with
      // daylight saving, and UTC, so no date rule leans on the machine's zone.
      unitProject('unit', 'Asia/Bangkok'),
      unitProject('unit-los-angeles', 'America/Los_Angeles'),
      unitProject('unit-utc', 'UTC'),
      {
        // Real HTTP against the CouchDB-protocol server (embedded, or COUCH_URL).
        test: {
          name: 'sync',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Code that needs a real browser's IndexedDB (PouchDB's idb adapter), in the system Chromium.
        plugins: [preact()],
        // Pre-bundled up front: a dependency found mid-run makes vite re-bundle and reload the page under a test.
        optimizeDeps: { include: ['preact', 'preact/hooks', 'preact/test-utils', 'dexie'] },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // The production build served on 127.0.0.1 and driven through playwright-core.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/support/ensure-chromium.ts'],
        },
      },
    ],
  },
})
