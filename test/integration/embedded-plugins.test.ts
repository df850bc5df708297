import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { couchClient } from '../../couch/couch-http'
import { startEmbeddedCouch } from '../../couch/embedded-server'
import { memoryRecordDb } from '../support/memory-pouch'

// The photos bench against COUCH_URL made its Node devices before the first pull bench started a
// stand-in in the same process, and the stand-in threw "Cannot redefine property: replicate".
it('the stand-in starts, and replicates, in a process whose Node devices plugged PouchDB first', async () => {
  const device = memoryRecordDb('device')
  await device.put({ _id: 'pr-post:1', type: 'pr-post' })
  const dir = mkdtempSync(join(tmpdir(), 'cdd-plugins-'))
  const server = await startEmbeddedCouch({ dataDir: dir, admin: { name: 'admin', password: 'plugins-pw' } })
  try {
    const admin = couchClient(server.adminUrl)
    await admin.request('PUT', '/cdd-plugins')
    const result = await device.replicate.to(`${server.adminUrl}/cdd-plugins`)
    expect(result.docs_written).toBe(1)
    expect((await admin.request<{ type?: string }>('GET', '/cdd-plugins/pr-post:1')).body.type).toBe('pr-post')
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
