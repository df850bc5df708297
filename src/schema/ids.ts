/*
 * Document ids. Things with a natural key get a deterministic id, so importing the same list twice
 * or two phones adding the same household meet on one doc instead of making duplicates. Everything
 * else gets a time-ordered id made on the device (no server round trip): 10 characters of
 * millisecond time then 16 of randomness, Crockford base32 like a ULID, so ids sort by creation.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export type RandomSource = (bytes: number) => Uint8Array

export const cryptoRandom: RandomSource = (bytes) => crypto.getRandomValues(new Uint8Array(bytes))

/** A 26-character time-ordered unique id. `nowMs` and `random` are passed in so tests can fix them. */
export function timeOrderedId(nowMs: number, random: RandomSource = cryptoRandom): string {
  let time = ''
  let t = Math.floor(nowMs)
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time
    t = Math.floor(t / 32)
  }
  let rest = ''
  for (const byte of random(16)) rest += CROCKFORD[byte % 32]
  return time + rest
}

/** Keeps a natural key usable inside an id: no colons (our separator), no surrounding spaces. */
function keyPart(value: string): string {
  return value.trim().replace(/[:\s]+/g, '-')
}

export const villageId = (villageCode: string) => `village:${keyPart(villageCode)}`
export const householdId = (villageCode: string, houseId: string) =>
  `household:${keyPart(villageCode)}:${keyPart(houseId)}`
export const plotId = (tambonCode: string, plotNo: string) => `plot:${keyPart(tambonCode)}:${keyPart(plotNo)}`
export const provinceFactsId = (provinceCode: string, mission: string) =>
  `facts:${keyPart(provinceCode)}:${keyPart(mission)}`

/** Append-only observations carry their parent in the id, so one range read finds them all. */
export const childId = (prefix: string, parentId: string, nowMs: number, random?: RandomSource) =>
  `${prefix}:${parentId}:${timeOrderedId(nowMs, random)}`
export const eventId = (prefix: string, nowMs: number, random?: RandomSource) =>
  `${prefix}:${timeOrderedId(nowMs, random)}`

/**
 * Reviews and history entries (issue 15), in the shape every append-only doc takes: the parent
 * record, then the author's CouchDB user name (ownership lives in the id, never in oldDoc), then a
 * time-ordered id. Record ids contain colons; the author and the ulid are always the last two parts.
 */
export const reviewId = (recordId: string, author: string, nowMs: number, random?: RandomSource) =>
  `review:${recordId}:${keyPart(author)}:${timeOrderedId(nowMs, random)}`
export const historyId = (recordId: string, author: string, nowMs: number, random?: RandomSource) =>
  `history:${recordId}:${keyPart(author)}:${timeOrderedId(nowMs, random)}`
/** The author part of an id built by `reviewId`/`historyId` (the second-to-last part). */
export const authorOfId = (id: string): string | undefined => {
  const parts = id.split(':')
  return parts.length >= 4 ? parts[parts.length - 2] : undefined
}
/** The record a review/history id belongs to. */
export const recordOfId = (id: string): string | undefined => {
  const parts = id.split(':')
  return parts.length >= 4 ? parts.slice(1, -2).join(':') : undefined
}
