import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface AdminCredentials {
  name: string
  password: string
}

/**
 * The embedded server's admin: from `COUCH_ADMIN_NAME`/`COUCH_ADMIN_PASSWORD` when both are set, else
 * the pair kept in `file`, else a generated one written there once (so restarts keep it).
 */
export function loadOrCreateAdmin(file: string, env: NodeJS.ProcessEnv): AdminCredentials {
  if (env.COUCH_ADMIN_NAME && env.COUCH_ADMIN_PASSWORD) {
    return { name: env.COUCH_ADMIN_NAME, password: env.COUCH_ADMIN_PASSWORD }
  }
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<AdminCredentials>
    if (typeof saved.name === 'string' && typeof saved.password === 'string') {
      return { name: saved.name, password: saved.password }
    }
  }
  const created = { name: 'admin', password: randomBytes(12).toString('base64url') }
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(created, null, 2) + '\n', { mode: 0o600 })
  return created
}
