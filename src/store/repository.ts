import {
  SCHEMA_VERSION,
  childId,
  docSchemaFor,
  eventId,
  householdId,
  plotId,
  provinceFactsId,
  villageId,
  zodProblems,
  type AnyDoc,
  type DocType,
  type EnvelopeFields,
  type FieldProblem,
} from '../schema'
import type { RecordDb } from './pouch'
import { isQuotaError } from './quota'

/*
 * The only way screens write. It fills the envelope (who, when, which device and district), makes
 * the id, validates with the type's schema and saves to PouchDB. The projector then updates the
 * read model from the changes feed, exactly as for replicated docs.
 */

export class ValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '))
    this.name = 'ValidationError'
  }
}

/** The device is out of space. The caller keeps its draft; nothing saved before is touched. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super('storage is full', { cause })
    this.name = 'StorageFullError'
  }
}

/** Another write got there first (same id): reload and try again, or resolve the conflict. */
export class WriteConflictError extends Error {
  constructor(readonly id: string) {
    super(`document ${id} was changed elsewhere`)
    this.name = 'WriteConflictError'
  }
}

export interface Author {
  name: string
  /** The db's area: a district code for officers' records, the province code for province facts. */
  district: string
}

export interface RepositoryDeps {
  records: RecordDb
  author: Author
  device: string
  now?: () => Date
}

export type Values<T extends DocType> = Omit<Extract<AnyDoc, { type: T }>, EnvelopeFields | 'type'> & Record<string, unknown>

export interface Photo {
  name: string
  blob: Blob
}

/** The id a new doc of `type` gets: natural keys where the thing has one, else time-ordered. */
export function idFor(type: DocType, values: Record<string, unknown>, nowMs: number): string {
  const s = (key: string) => String(values[key] ?? '')
  switch (type) {
    case 'village':
      return villageId(s('code'))
    case 'household':
      return householdId(s('villageCode'), s('houseId'))
    case 'plot':
      return plotId(s('tambonCode'), s('plotNo'))
    case 'province-facts':
      return provinceFactsId(s('province'), s('mission'))
    case 'mentor-visit':
      return childId('visit', s('householdId'), nowMs)
    case 'assistance':
      return childId('assist', s('householdId'), nowMs)
    case 'plot-assessment':
      return childId('assess', s('plotId'), nowMs)
    case 'complaint':
      return eventId('complaint', nowMs)
    case 'pr-post':
      return eventId('post', nowMs)
    case 'monitoring-report':
      return eventId('report', nowMs)
  }
}

export function createRepository({ records, author, device, now = () => new Date() }: RepositoryDeps) {
  /** Builds the full doc for `values` on top of `existing` (if any) and validates it. Pure but for `now`. */
  function buildDoc(type: DocType, values: Record<string, unknown>, existing: Record<string, unknown> | undefined, id: string) {
    const at = now().toISOString()
    const doc: Record<string, unknown> = {
      ...(existing ?? {}),
      ...values,
      _id: id,
      type,
      schema: SCHEMA_VERSION,
      district: (existing?.district as string | undefined) ?? author.district,
      createdBy: existing?.createdBy ?? author.name,
      createdAt: existing?.createdAt ?? at,
      updatedBy: author.name,
      updatedAt: at,
      device,
    }
    // An edit is the stored doc with the form's values on top. A field the user emptied must be
    // passed as `undefined` (not left out), so it overrides the stored value and is dropped here;
    // a field the form does not know about (added by a newer version) survives untouched.
    for (const key of Object.keys(doc)) if (doc[key] === undefined) delete doc[key]
    const result = docSchemaFor(type).safeParse(doc)
    if (!result.success) throw new ValidationError(zodProblems(result.error))
    return doc
  }

  async function write(doc: Record<string, unknown>): Promise<{ id: string; rev: string }> {
    try {
      const result = await records.put(doc as PouchDB.Core.PutDocument<Record<string, unknown>>)
      return { id: result.id, rev: result.rev }
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFullError(error)
      if ((error as { status?: number }).status === 409) throw new WriteConflictError(String(doc._id))
      throw error
    }
  }

  return {
    author,

    /**
     * Creates a doc, or updates the one with the same natural key. `baseRev` guards edits: if the
     * doc changed since the form was opened, the save is refused instead of silently overwriting.
     */
    async save<T extends DocType>(type: T, values: Values<T>, options: { id?: string; baseRev?: string; photos?: Photo[] } = {}) {
      const id = options.id ?? idFor(type, values, now().getTime())
      const existing = await records.get(id).catch((error: { status?: number }) => {
        if (error.status === 404) return undefined
        throw error
      })
      if (existing && options.baseRev && existing._rev !== options.baseRev) throw new WriteConflictError(id)
      const doc = buildDoc(type, values, existing as Record<string, unknown> | undefined, id)
      if (options.photos?.length) {
        const attachments = { ...((existing?._attachments as Record<string, unknown> | undefined) ?? {}) }
        for (const photo of options.photos) attachments[photo.name] = { content_type: photo.blob.type || 'image/jpeg', data: photo.blob }
        doc._attachments = attachments
      }
      return write(doc)
    },

    async get(id: string): Promise<Record<string, unknown> | undefined> {
      return records.get(id, { conflicts: true }).catch((error: { status?: number }) => {
        if (error.status === 404) return undefined
        throw error
      }) as Promise<Record<string, unknown> | undefined>
    },

    async photo(id: string, name: string): Promise<Blob> {
      return records.getAttachment(id, name) as Promise<Blob>
    },

    /** Removes a doc the user created by mistake (a tombstone that syncs like any edit). */
    async remove(id: string): Promise<void> {
      const doc = await records.get(id)
      await records.remove(doc)
    },
  }
}

export type Repository = ReturnType<typeof createRepository>
