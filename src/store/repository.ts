import {
  SCHEMA_VERSION,
  childId,
  CHILD_ID_PREFIX,
  docSchemaFor,
  eventId,
  historyId,
  householdId,
  exclusionHouseholdId,
  idAuthor,
  reviewId,
  plotId,
  provinceFactsId,
  officeSettingsId,
  villageId,
  zodProblems,
  mediaId,
  thumbName,
  timeOrderedId,
  type AnyDoc,
  type PhotoRef,
  type DocType,
  type EnvelopeFields,
  type FieldProblem,
} from '../schema'
import { diffFields, HISTORY_TYPES, type FieldChange } from './history'
import type { MediaRow, MediaStore } from './media-store'
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
  /** The phone's photo store: with it, photos are saved as thumbnails inline + full photos waiting to upload. */
  media?: MediaStore
}

export type Values<T extends DocType> = Omit<Extract<AnyDoc, { type: T }>, EnvelopeFields | 'type'> & Record<string, unknown>

export interface Photo {
  name: string
  blob: Blob
  /** Its thumbnail (≤ 30 KB JPEG), made by the form; without one the record shows no picture offline. */
  thumb?: Blob
}

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

const NATURAL_KEY_TYPES: ReadonlySet<DocType> = new Set<DocType>(['village', 'household', 'plot', 'province-facts', 'office-settings'])

/** The id a new doc of `type` gets: natural keys where the thing has one, else time-ordered. */
/** The id of a new doc: natural keys where there are some, the author in it where it is theirs (src/schema/ids.ts). */
export function idFor(type: DocType, values: Record<string, unknown>, nowMs: number, authorName: string): string {
  const s = (key: string) => String(values[key] ?? '')
  switch (type) {
    case 'village':
      return villageId(s('code'))
    case 'household':
      // TPMAP's households are imported by supervisors; one an officer adds lives in its author's id space.
      return values.inTpmap === false ? exclusionHouseholdId(s('villageCode'), s('houseId'), authorName) : householdId(s('villageCode'), s('houseId'))
    case 'plot':
      return plotId(s('tambonCode'), s('plotNo'))
    case 'province-facts':
      return provinceFactsId(s('province'), s('mission'))
    case 'mentor-visit':
      return childId(CHILD_ID_PREFIX['mentor-visit'], s('householdId'), authorName, nowMs)
    case 'assistance':
      return childId(CHILD_ID_PREFIX.assistance, s('householdId'), authorName, nowMs)
    case 'plot-assessment':
      return childId(CHILD_ID_PREFIX['plot-assessment'], s('plotId'), authorName, nowMs)
    case 'complaint':
      return eventId('complaint', authorName, nowMs)
    case 'pr-post':
      return eventId('post', authorName, nowMs)
    case 'monitoring-report':
      return eventId('report', authorName, nowMs)
    case 'review':
      return reviewId(s('recordId'), authorName, nowMs)
    case 'history':
      return historyId(s('recordId'), authorName, nowMs)
    case 'office-settings':
      return officeSettingsId(s('district'))
  }
}

export function createRepository({ records, author, device, now = () => new Date(), media }: RepositoryDeps) {
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

  function historyDoc(recordId: string, recordType: string, changes: FieldChange[], kind: 'edit' | 'conflict', note: string | undefined, district: string) {
    const at = now()
    const values: Record<string, unknown> = { recordId, recordType, kind, changes, note, district }
    const entry = buildDoc('history', values, undefined, idFor('history', values, at.getTime(), author.name))
    entry.district = district
    return entry
  }

  /**
   * The record and its history entry in one write (one IndexedDB transaction, not two: with 100,000
   * docs on the phone each commit is most of a save's time). A full disk aborts both. A record
   * refused on its own (a conflict) takes its entry back, so no entry describes an edit that never
   * happened. An entry refused on its own is not worth failing the save for: the record (what the
   * user typed) is what must not be lost.
   */
  async function writeWithHistory(doc: Record<string, unknown>, entry: Record<string, unknown>): Promise<{ id: string; rev: string }> {
    let results: (PouchDB.Core.Response | PouchDB.Core.Error)[]
    try {
      results = await records.bulkDocs([doc, entry] as PouchDB.Core.PutDocument<Record<string, unknown>>[])
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFullError(error)
      throw error
    }
    const [saved, logged] = results as [PouchDB.Core.Response | PouchDB.Core.Error, PouchDB.Core.Response | PouchDB.Core.Error]
    if ('error' in saved && saved.error) {
      if ('ok' in logged && logged.ok) await records.put({ _id: logged.id, _rev: logged.rev, _deleted: true } as never).catch((error: unknown) => console.warn('history entry of a refused save left', error))
      if (isQuotaError(saved)) throw new StorageFullError(saved)
      if (saved.status === 409) throw new WriteConflictError(String(doc._id))
      throw saved
    }
    if ('error' in logged && logged.error) console.warn('history entry not written', logged)
    const ok = saved as PouchDB.Core.Response
    return { id: ok.id, rev: ok.rev }
  }

  /**
   * The photo shape of issue 14: the record gets each photo's thumbnail as an attachment and a link
   * (`photos`) to its full-size media doc; the full photo waits in the media store until uploaded.
   * The photos are stored first, so a saved record never names a photo the phone does not hold; if
   * the record cannot be written they are removed again.
   */
  async function saveWithMedia(store: MediaStore, type: DocType, values: Record<string, unknown>, existing: Record<string, unknown> | undefined, id: string, photos: Photo[], entryFor: (doc: Record<string, unknown>) => Record<string, unknown> | undefined) {
    const at = now()
    const refs: PhotoRef[] = [...(((existing?.photos ?? values.photos) as PhotoRef[] | undefined) ?? [])]
    const attachments: Record<string, unknown> = { ...((existing?._attachments as Record<string, unknown> | undefined) ?? {}) }
    const rows: Omit<MediaRow, 'state' | 'own' | 'lastUsed'>[] = []
    for (const photo of photos) {
      const key = timeOrderedId(at.getTime())
      const mid = mediaId(id, author.name, key)
      const photoType = photo.blob.type || 'image/jpeg'
      refs.push({ id: mid, ...(photo.thumb ? { thumb: thumbName(key) } : {}), type: photoType as PhotoRef['type'], bytes: photo.blob.size })
      // Base64, not the Blob: PouchDB takes that on every adapter (Node's wants Buffers), and a thumbnail is small.
      if (photo.thumb) attachments[thumbName(key)] = { content_type: 'image/jpeg', data: await blobToBase64(photo.thumb) }
      rows.push({ id: mid, area: author.district, recordId: id, blob: photo.blob, type: photoType, bytes: photo.blob.size, createdAt: at.toISOString(), createdBy: author.name, device })
    }
    const doc = buildDoc(type, { ...values, photos: refs }, existing, id)
    if (Object.keys(attachments).length) doc._attachments = attachments
    await store.addTaken(rows)
    try {
      const entry = entryFor(doc)
      return await (entry ? writeWithHistory(doc, entry) : write(doc))
    } catch (error) {
      await store.forget(rows.map((r) => r.id)).catch(() => undefined)
      throw error
    }
  }

  const repository = {
    author,

    /**
     * The time-ordered id `save` would give a new doc of `type` now, for a form to fix in its draft
     * first; undefined for natural keys (village, household, plot, facts), which cannot get a twin.
     */
    newId: (type: DocType, values: Record<string, unknown>): string | undefined =>
      NATURAL_KEY_TYPES.has(type) ? undefined : idFor(type, values, now().getTime(), author.name),

    /**
     * Creates a doc, or updates the one with the same natural key. `baseRev` guards edits: if the
     * doc changed since the form was opened, the save is refused instead of silently overwriting.
     */
    async save<T extends DocType>(
      type: T,
      values: Values<T>,
      options: { id?: string; baseRev?: string; photos?: Photo[]; history?: { kind: 'conflict'; note?: string } } = {},
    ) {
      const id = options.id ?? idFor(type, values, now().getTime(), author.name)
      const existing = await records.get(id).catch((error: { status?: number }) => {
        if (error.status === 404) return undefined
        throw error
      })
      if (existing && options.baseRev && existing._rev !== options.baseRev) throw new WriteConflictError(id)
      // Edited records keep a history doc per edit (who, when, which fields from what to what), photos or not.
      const ex = existing as Record<string, unknown> | undefined
      const entryFor = (doc: Record<string, unknown>) => {
        if (!ex || !HISTORY_TYPES.includes(type)) return undefined
        const changes = diffFields(ex, doc)
        return changes.length || options.history ? historyDoc(id, type, changes, options.history?.kind ?? 'edit', options.history?.note, String(doc.district)) : undefined
      }
      if (media && options.photos?.length) return saveWithMedia(media, type, values, ex, id, options.photos, entryFor)
      const doc = buildDoc(type, values, ex, id)
      if (options.photos?.length) {
        const attachments = { ...((existing?._attachments as Record<string, unknown> | undefined) ?? {}) }
        for (const photo of options.photos) attachments[photo.name] = { content_type: photo.blob.type || 'image/jpeg', data: photo.blob }
        doc._attachments = attachments
      }
      const entry = entryFor(doc)
      return entry ? writeWithHistory(doc, entry) : write(doc)
    },

    /**
     * Writes a history entry on its own: for a change made outside `save` (a conflict resolved by
     * deleting the losing revisions when the winner's values were kept as they were).
     */
    async recordHistory(recordId: string, recordType: string, changes: FieldChange[], kind: 'edit' | 'conflict', note?: string) {
      const entry = historyDoc(recordId, recordType, changes, kind, note, author.district)
      return write(entry)
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

    /**
     * The open conflict on `id`: PouchDB's winner first, then every leaf revision it has not
     * superseded (see resolveConflict); null when there is none.
     */
    async conflict(id: string): Promise<{ id: string; versions: Record<string, unknown>[] } | null> {
      const winner = (await records.get(id, { conflicts: true })) as unknown as Record<string, unknown>
      const superseded = new Set((winner.supersedes as string[] | undefined) ?? [])
      const revs = ((winner._conflicts as string[] | undefined) ?? []).filter((rev) => !superseded.has(rev))
      if (!revs.length) return null
      const others = await Promise.all(revs.map((rev) => records.get(id, { rev }) as unknown as Promise<Record<string, unknown>>))
      const { _conflicts: _ignored, ...clean } = winner
      return { id, versions: [clean, ...others] }
    },

    /**
     * Resolves a conflict: the merged content is validated and saved on top of the winner
     * (`saveOn`, refused if the doc moved meanwhile) with `supersedes` naming the losing leaves; only
     * then are the losing leaves the writer owns (the id names them as author) deleted. Leaves the
     * writer may not delete — a TPMAP household, someone else's record — stay on the server as
     * superseded leaves: every device reads `supersedes` and shows no conflict, and nobody needs the
     * right to make a supervisor's doc disappear. If the save fails nothing is removed.
     */
    async resolveConflict(type: DocType, id: string, merged: Record<string, unknown>, plan: { saveOn: string; losing: string[] }) {
      const winner = (await records.get(id)) as unknown as Record<string, unknown>
      const supersedes = [...new Set([...((winner.supersedes as string[] | undefined) ?? []), ...plan.losing])].slice(-100)
      const saved = await repository.save(type, { ...merged, supersedes } as never, { id, baseRev: plan.saveOn })
      const removed: string[] = []
      if (idAuthor(id) === author.name) {
        for (const rev of plan.losing) {
          await records.remove(id, rev)
          removed.push(rev)
        }
      }
      return { rev: saved.rev, removed, superseded: plan.losing }
    },
  }
  return repository
}

export type Repository = ReturnType<typeof createRepository>
