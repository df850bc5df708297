import type { PhotoRef } from './media'

/*
 * Photos in two sizes. A record (a plot assessment) carries a small thumbnail of each photo inline
 * (an attachment of the record, ~320 px, ≤ THUMB_MAX_BYTES) and a `photos` list linking each to its
 * full-size photo, which lives in the district's media store `cdd-<district>-media`: one doc per
 * photo, one attachment per doc. Records replicate to every phone of the district and every
 * supervisor of the province; full photos never do — the phone that took one pushes it, a phone
 * that wants one fetches it.
 *
 * A media doc's id follows the app's id convention for append-only docs, with the record it belongs
 * to as parent and its author inside: `photo:<recordId>:<authorName>:<26-char id>`. So ownership and
 * the link to the record are in the id, which the server checks (couch/design/validate-media.js).
 *
 * This file holds the names, ids and limits, free of zod (the sync code on the first screen imports
 * them); the schemas are in media.ts.
 */

export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type MediaType = (typeof MEDIA_TYPES)[number]
/** The largest full-size photo the media store takes. The phone resizes to ≤ 1280 px first (~150–300 KB). */
export const MAX_MEDIA_BYTES = 2_000_000
/** A thumbnail: longest side THUMB_SIDE px, at most THUMB_MAX_BYTES. */
export const THUMB_SIDE = 320
export const THUMB_MAX_BYTES = 30_000
/** The one attachment of a media doc. */
export const MEDIA_ATTACHMENT = 'photo'
export const MEDIA_DOC_TYPE = 'photo'

const CROCKFORD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/

/** The media store of an area: `cdd-<area>-media`. */
export const mediaDbName = (area: string) => `cdd-${area}-media`

/** `photo:<recordId>:<author>:<key>`; `key` is a 26-character time-ordered (or derived) id. */
export function mediaId(recordId: string, author: string, key: string): string {
  return `photo:${recordId}:${author}:${key}`
}

/** The parts of a media id, or null if it is not one. The record id may itself contain colons. */
export function parseMediaId(id: string): { recordId: string; author: string; key: string } | null {
  if (!id.startsWith('photo:')) return null
  const rest = id.slice('photo:'.length)
  const keyAt = rest.lastIndexOf(':')
  const authorAt = rest.lastIndexOf(':', keyAt - 1)
  if (keyAt < 0 || authorAt <= 0) return null
  const key = rest.slice(keyAt + 1)
  const author = rest.slice(authorAt + 1, keyAt)
  const recordId = rest.slice(0, authorAt)
  if (!CROCKFORD_ID.test(key) || !author || !recordId) return null
  return { recordId, author, key }
}

/** The attachment name of a photo's thumbnail in its record. */
export const thumbName = (key: string) => `thumb-${key}.jpg`

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * The media key of a photo that existed before the media store (a full-size attachment `name` of
 * record `recordId`): derived from both (SHA-256), so the phone's migration step and the server's
 * migration command name the same photo the same, and whichever runs second finds it there (409)
 * instead of making a duplicate.
 */
export async function derivedMediaKey(recordId: string, name: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${recordId}\n${name}`)))
  let key = ''
  for (let i = 0; i < 26; i++) key += CROCKFORD[digest[i]! % 32]
  return key
}

/** Attachments of a record that are full-size photos of the old shape (not a thumbnail it links). */
export function fullSizeAttachments(doc: { _attachments?: Record<string, unknown>; photos?: PhotoRef[] }): string[] {
  const thumbs = new Set((doc.photos ?? []).map((p) => p.thumb))
  return Object.keys(doc._attachments ?? {}).filter((name) => !thumbs.has(name) && !name.startsWith('thumb-'))
}
