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

/*
 * Ownership is in the id, because CouchDB's validate_doc_update cannot rely on the previous revision
 * (a revision replicated with no parent reaches it with oldDoc = null). Append-only docs, complaints
 * and households an officer adds carry their author's CouchDB user name; reference docs and TPMAP
 * households have ids without one, which only supervisors may write (couch/design/validate-doc-update.js):
 *   village:<village>                      plot:<tambon>:<plotNo>        facts:<province>:<mission>
 *   household:<village>:<house>            a TPMAP household (supervisors import it; officers edit it)
 *   household:<village>:<house>:<author>   a household TPMAP missed, added by <author>
 *   visit|assist:<householdId>:<author>:<ulid>   assess:<plotId>:<author>:<ulid>
 *   complaint|post|report:<author>:<ulid>
 * Ids from before authors were in them (`visit:<householdId>:<ulid>`, `complaint:<ulid>`) stay valid
 * and readable; only supervisors write such ids again (complaints: any member, as shared work).
 */

/** The area a natural-key record id names (its second part): a household's village, a plot's sub-district, a village's own code. */
export const areaOfRecordId = (id: string): string => id.split(':')[1] ?? ''

export const villageId = (villageCode: string) => `village:${keyPart(villageCode)}`
export const householdId = (villageCode: string, houseId: string) =>
  `household:${keyPart(villageCode)}:${keyPart(houseId)}`
/** A household TPMAP missed (exclusion error), added by `author`: an id space officers own. */
export const exclusionHouseholdId = (villageCode: string, houseId: string, author: string) =>
  `${householdId(villageCode, houseId)}:${keyPart(author)}`
export const plotId = (tambonCode: string, plotNo: string) => `plot:${keyPart(tambonCode)}:${keyPart(plotNo)}`
/** A district's office settings (issue 15): one doc per district, in its db. */
export const officeSettingsId = (districtCode: string) => `office-settings:${keyPart(districtCode)}`
export const provinceFactsId = (provinceCode: string, mission: string) =>
  `facts:${keyPart(provinceCode)}:${keyPart(mission)}`

/**
 * The first part of the id of each append-only doc type that belongs to a record: `<prefix>:<the
 * record's id>:…`. The server checks it (validate_doc_update); the read model finds children by it.
 */
export const CHILD_ID_PREFIX = { 'mentor-visit': 'visit', assistance: 'assist', 'plot-assessment': 'assess', review: 'review', history: 'history' } as const

/**
 * Append-only observations carry their parent in the id, so one range read finds them all, then
 * their author (the CouchDB user name), so the server knows whose they are from the id alone.
 */
export const childId = (prefix: string, parentId: string, author: string, nowMs: number, random?: RandomSource) =>
  `${prefix}:${parentId}:${keyPart(author)}:${timeOrderedId(nowMs, random)}`
export const eventId = (prefix: string, author: string, nowMs: number, random?: RandomSource) =>
  `${prefix}:${keyPart(author)}:${timeOrderedId(nowMs, random)}`

/** The author an id names (see the table above), or null for reference/TPMAP ids and older ids. */
export function idAuthor(id: string): string | null {
  const parts = id.split(':')
  const last = parts[parts.length - 1] ?? ''
  if (parts[0] === 'household') return parts.length === 4 ? parts[3]! : null
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(last)) return null
  const head = parts.slice(1, -1)
  if (['complaint', 'post', 'report'].includes(parts[0]!)) return head.length === 1 ? head[0]! : null
  if (['visit', 'assist'].includes(parts[0]!) && head[0] === 'household') return head.length === 4 || head.length === 5 ? head[head.length - 1]! : null
  if (parts[0] === 'assess' && head[0] === 'plot') return head.length === 4 ? head[3]! : null
  return null
}

/**
 * The parent a child id names (`visit:household:43010101:12:off4301:<ulid>` → `household:43010101:12`),
 * in both the current shape and the one before authors were in ids; undefined if it is no child id.
 */
export function childParentId(id: string): string | undefined {
  const parts = id.split(':')
  const head = parts.slice(1, -1)
  const kind = parts[0] === 'assess' ? 'plot' : parts[0] === 'visit' || parts[0] === 'assist' ? 'household' : undefined
  if (!kind || head[0] !== kind) return parts.length >= 4 ? head.join(':') : undefined
  // plot:T:P and household:V:H are 3 segments; household:V:H:<author> (TPMAP missed) is 4.
  if (head.length === 3) return head.join(':')
  if (head.length === 4) return head.slice(0, 3).join(':')
  if (head.length === 5 && kind === 'household') return head.slice(0, 4).join(':')
  return undefined
}

/**
 * Reviews and history entries (issue 15), in the shape every append-only doc takes: the parent
 * record, then the author's CouchDB user name (ownership lives in the id, never in oldDoc), then a
 * time-ordered id. Record ids contain colons; the author and the ulid are always the last two parts.
 */
export const reviewId = (recordId: string, author: string, nowMs: number, random?: RandomSource) =>
  `${CHILD_ID_PREFIX.review}:${recordId}:${keyPart(author)}:${timeOrderedId(nowMs, random)}`
export const historyId = (recordId: string, author: string, nowMs: number, random?: RandomSource) =>
  `${CHILD_ID_PREFIX.history}:${recordId}:${keyPart(author)}:${timeOrderedId(nowMs, random)}`
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
