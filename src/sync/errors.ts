import { isQuotaError } from '../store/quota'

/*
 * Errors from login and replication, turned into what a person can act on. PouchDB's errors are
 * plain objects ({ status, name, reason, message }) from the server, or a fetch TypeError when the
 * network is down — never rely on the message text alone.
 */

export type ProblemKind =
  /** The login's name or password is wrong (401 from POST _session). */
  | 'wrong-password'
  /** The session cookie expired or was refused while syncing: sign in again; nothing is lost. */
  | 'session-expired'
  /** The server refused this user or this record (403: not a member, or validate_doc_update). */
  | 'forbidden'
  /** Signed in, but no district or province role: an administrator has to grant one. */
  | 'no-access'
  /** The device has no network. */
  | 'offline'
  /** The network is there but the server does not answer (refused, timed out, proxy 502/503/504). */
  | 'unreachable'
  /** The device is out of space: what is on the phone stays; what arrives waits for room. */
  | 'storage-full'
  /** Anything else: shown with its technical detail for whoever helps. */
  | 'unknown'

export interface SyncProblem {
  kind: ProblemKind
  /** The record the server refused (forbidden writes name their doc). */
  docId?: string
  status?: number
  /** The server's reason or the error's message, for the detail line and the log. */
  detail?: string
}

interface ErrorLike {
  status?: unknown
  name?: unknown
  reason?: unknown
  message?: unknown
  error?: unknown
  id?: unknown
  cause?: unknown
  code?: unknown
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined)

function isNetworkFailure(e: ErrorLike): boolean {
  // Browsers: TypeError "Failed to fetch" / "NetworkError…"; Node: TypeError "fetch failed" with an
  // ECONNREFUSED/ECONNRESET cause. PouchDB passes these through with no status.
  if (e.name === 'TypeError' || e instanceof TypeError) return true
  const code = String((e.cause as ErrorLike | undefined)?.code ?? e.code ?? '')
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT)$/.test(code)) return true
  return /failed to fetch|fetch failed|network ?error|load failed|socket hang up/i.test(String(e.message ?? ''))
}

/**
 * Any error from login or replication → a problem kind. `context` says whether a 401 means a wrong
 * password (at login) or an expired session (while syncing); `online` is navigator.onLine.
 */
export function classifyError(error: unknown, context: 'login' | 'sync' = 'sync', online = true): SyncProblem {
  const e = (error && typeof error === 'object' ? error : { message: String(error) }) as ErrorLike
  const status = typeof e.status === 'number' ? e.status : undefined
  const detail = asText(e.reason) ?? asText(e.message) ?? asText(e.error)
  const docId = asText(e.id)
  const base = { ...(status !== undefined ? { status } : {}), ...(detail ? { detail } : {}), ...(docId ? { docId } : {}) }
  if (isQuotaError(e)) return { kind: 'storage-full', ...base }
  if (status === 401 || e.name === 'unauthorized' || e.error === 'unauthorized') return { kind: context === 'login' ? 'wrong-password' : 'session-expired', ...base }
  if (status === 403 || e.name === 'forbidden' || e.error === 'forbidden') return { kind: 'forbidden', ...base }
  if (status === 502 || status === 503 || status === 504) return { kind: 'unreachable', ...base }
  if (status === undefined && isNetworkFailure(e)) return { kind: online ? 'unreachable' : 'offline', ...base }
  return { kind: 'unknown', ...base }
}

/** The i18n key and parameters that explain a problem to the person holding the phone. */
export function problemMessage(problem: SyncProblem): { key: string; params?: Record<string, string> } {
  switch (problem.kind) {
    case 'forbidden':
      return problem.docId ? { key: 'sync.problem.forbiddenDoc', params: { id: problem.docId, reason: problem.detail ?? '' } } : { key: 'sync.problem.forbidden' }
    case 'unknown':
      return { key: 'sync.problem.unknown', params: { detail: problem.detail ?? String(problem.status ?? '') } }
    default:
      return { key: `sync.problem.${problem.kind}` }
  }
}

// ── Sync log lines in the user's language (issue 15) ────────────────────────────────────────────

/** Raw server and browser texts that reach the log, and the problem each one is. */
const KNOWN_TEXTS: [RegExp, ProblemKind][] = [
  [/failed to fetch|fetch failed|networkerror|network ?error|load failed|socket hang up|ECONNREFUSED|ECONNRESET|ETIMEDOUT/i, 'unreachable'],
  [/not authori[sz]ed|unauthori[sz]ed|not a member|you are not allowed|access denied/i, 'forbidden'],
  [/name or password is incorrect/i, 'wrong-password'],
  [/session|cookie/i, 'session-expired'],
  [/quota|storage is full|no space/i, 'storage-full'],
]

/** A record id inside a log line: `<type>:<…>` as src/schema/ids.ts makes them. */
const DOC_ID = /\b((?:household|plot|village|complaint|visit|assist|assess|post|report|facts|review|history):[^\s,]+?)(?=:\s|$|\s)/

/**
 * A sync log row's text ("<kind>[: <docId>][: <server detail>]", see status.ts) → an i18n key and
 * its parameters. Never passes the server's English through: a refused record is named by its id,
 * anything else by its kind in words.
 */
export function logWords(text: string): { key: string; params?: Record<string, string> } {
  const kindText = /^[a-z-]+/.exec(text)?.[0] ?? ''
  const rest = text.slice(kindText.length).replace(/^:\s*/, '')
  let kind = kindText as ProblemKind
  if (kind === 'forbidden') {
    const id = DOC_ID.exec(rest)?.[1]
    if (id && !KNOWN_TEXTS[1]![0].test(rest)) return { key: 'review.log.refusedDoc', params: { id } }
    return { key: 'sync.problem.forbidden' }
  }
  if (!['wrong-password', 'session-expired', 'no-access', 'offline', 'unreachable', 'storage-full'].includes(kind)) {
    kind = KNOWN_TEXTS.find(([re]) => re.test(text))?.[1] ?? 'unknown'
  }
  if (kind === 'forbidden') return { key: 'sync.problem.forbidden' }
  if (kind === 'unknown') {
    const code = /\b([45]\d\d)\b/.exec(rest)?.[1]
    return { key: 'review.log.unknown', params: { code: code ?? '—' } }
  }
  return { key: `sync.problem.${kind}` }
}
