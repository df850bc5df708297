import type { Rubric } from '../scoring/edition-schema'
import { parseEditionDoc } from '../scoring/edition-doc'
import type { EditionIssue } from '../scoring/edition-schema'

/*
 * Published rubric editions (issue 13) from the province database, for every phone of the province:
 * officers replicate only their district's db, but are members of the province db, so each device
 * reads the province's `rubric:` docs once per start and whenever the network returns. Each doc is
 * checked in full (zod); an invalid one is kept aside with its field paths, never used for scoring.
 */

export interface PulledEditions {
  editions: Rubric[]
  problems: { id: string; issues: EditionIssue[] }[]
  fetchedAt: string
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>

/** The docs' check, apart from the network (tests, the publish form). */
export function sortEditionDocs(docs: readonly unknown[], now: Date): PulledEditions {
  const editions: Rubric[] = []
  const problems: PulledEditions['problems'] = []
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object' || (doc as { _deleted?: boolean })._deleted) continue
    const r = parseEditionDoc(doc)
    if (r.ok) editions.push(r.edition)
    else problems.push({ id: String((doc as { _id?: unknown })._id), issues: r.issues })
  }
  return { editions, problems, fetchedAt: now.toISOString() }
}

/** Reads `rubric:*` from `cdd-<province>` under `base` (`…/couch/`); undefined when offline or refused. */
export async function pullEditions(base: string, province: string, fetchImpl: Fetch = fetch, now = new Date()): Promise<PulledEditions | undefined> {
  const url = `${base}cdd-${province}/_all_docs?include_docs=true&startkey=${encodeURIComponent('"rubric:"')}&endkey=${encodeURIComponent('"rubric:\ufff0"')}`
  try {
    const res = await fetchImpl(url, { credentials: 'include', headers: { Accept: 'application/json' } })
    if (!res.ok) return undefined
    const body = (await res.json()) as { rows?: { doc?: unknown }[] }
    return sortEditionDocs((body.rows ?? []).map((r) => r.doc), now)
  } catch {
    return undefined
  }
}

/** Publishes an edition doc (supervisors): PUT, replacing the year's previous one. Returns the server's refusal, if any. */
export async function publishEditionDoc(base: string, doc: { _id: string; province: string } & Record<string, unknown>, fetchImpl: Fetch = fetch): Promise<{ ok: true } | { ok: false; reason: string }> {
  const url = `${base}cdd-${doc.province}/${encodeURIComponent(doc._id)}`
  try {
    const current = await fetchImpl(url, { credentials: 'include' })
    const rev = current.ok ? ((await current.json()) as { _rev?: string })._rev : undefined
    const res = await fetchImpl(url, { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rev ? { ...doc, _rev: rev } : doc) })
    if (res.ok) return { ok: true }
    const body = (await res.json().catch(() => ({}))) as { reason?: string; error?: string }
    return { ok: false, reason: body.reason ?? body.error ?? `HTTP ${res.status}` }
  } catch (e) {
    return { ok: false, reason: (e as Error).message }
  }
}
