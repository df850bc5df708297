/*
 * Is this error the device running out of space? One answer for every layer: the repository turns it
 * into a StorageFullError (the form keeps its draft), sync turns it into a 'storage-full' problem.
 *
 * What a full disk looks like depends on who hit it: IndexedDB throws a DOMException named
 * QuotaExceededError; Dexie re-throws it under the same name (the original as `inner`); PouchDB's idb
 * adapter hands back a plain object whose `reason` or `error` carries the name, or only a message
 * ("…quota…"). Names are checked first; the message text is the last resort.
 */

interface ErrorLike {
  name?: unknown
  error?: unknown
  message?: unknown
  reason?: unknown
  inner?: unknown
  cause?: unknown
}

const QUOTA_NAME = 'QuotaExceededError'
const QUOTA_TEXT = /quota|storage is full|no space/i

export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return typeof error === 'string' && QUOTA_TEXT.test(error)
  const e = error as ErrorLike
  if (e.name === QUOTA_NAME || e.error === QUOTA_NAME || e.reason === QUOTA_NAME) return true
  if (typeof e.message === 'string' && QUOTA_TEXT.test(e.message)) return true
  if (typeof e.reason === 'string' && QUOTA_TEXT.test(e.reason)) return true
  return [e.reason, e.inner, e.cause].some((inner) => inner && typeof inner === 'object' && isQuotaError(inner, depth + 1))
}
