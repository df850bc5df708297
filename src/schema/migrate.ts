import { SCHEMA_VERSION } from './docs'

/*
 * Docs written by older app versions are upgraded in this one step, before any schema parse.
 * A migration takes a doc of version N and returns version N + 1; MIGRATIONS[type][N] holds it.
 * Version 1 is the first released shape, so there is nothing to upgrade yet; the table is where
 * the next change goes, and migrate() is tested with a table of its own.
 */

type RawDoc = Record<string, unknown>
export type Migration = (doc: RawDoc) => RawDoc
export type MigrationTable = Record<string, Record<number, Migration>>

export const MIGRATIONS: MigrationTable = {}

export class MigrationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`)
  }
}

/** Upgrades `doc` to `target`; returns it unchanged when already current. Never mutates its input. */
export function migrate(doc: RawDoc, table: MigrationTable = MIGRATIONS, target = SCHEMA_VERSION): RawDoc {
  let current = doc
  let version = typeof doc.schema === 'number' ? doc.schema : 0
  if (version > target) {
    throw new MigrationError('schema', `version ${version} is newer than this app knows (${target}); update the app`)
  }
  while (version < target) {
    const type = String(current.type)
    const step = table[type]?.[version]
    if (!step) throw new MigrationError('schema', `no upgrade from version ${version} for type "${type}"`)
    current = { ...step(current), schema: version + 1 }
    version += 1
  }
  return current
}
