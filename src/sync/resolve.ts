import type { RecordDb } from '../store/pouch'
import type { Repository } from '../store/repository'
import type { DocType } from '../schema'
import { mergeChoice, resolutionPlan, type Doc, type Picks, type ResolutionPlan } from './conflicts'

/*
 * The storage edge of conflict resolution. Order matters: the merged doc is validated and saved
 * on top of PouchDB's current winner FIRST; only then are the losing leaves deleted. If the save
 * fails (invalid, or the doc changed meanwhile) nothing is removed and the conflict stays visible.
 */

export interface LoadedConflict {
  id: string
  /** The current winner first, then every conflicting leaf revision. */
  versions: Doc[]
}

export async function loadConflict(records: RecordDb, id: string): Promise<LoadedConflict | null> {
  const winner = (await records.get(id, { conflicts: true })) as unknown as Doc
  const revs = (winner._conflicts as string[] | undefined) ?? []
  if (!revs.length) return null
  const others = await Promise.all(revs.map((rev) => records.get(id, { rev }) as unknown as Promise<Doc>))
  const { _conflicts: _ignored, ...clean } = winner
  return { id, versions: [clean, ...others] }
}

export async function resolveConflict(records: RecordDb, repository: Pick<Repository, 'save'>, conflict: LoadedConflict, picks: Picks): Promise<ResolutionPlan & { rev: string }> {
  const [winner] = conflict.versions
  if (!winner) throw new Error('no versions')
  const plan = resolutionPlan(String(winner._rev), conflict.versions.slice(1).map((v) => String(v._rev)))
  const merged = mergeChoice({ versions: conflict.versions }, picks)
  const type = String(winner.type) as DocType
  // Through the repository: the same validation as a form save, and baseRev refuses to write over
  // an edit that arrived while the user was choosing.
  const saved = await repository.save(type, merged as never, { id: conflict.id, baseRev: plan.saveOn })
  for (const rev of plan.remove) await records.remove(conflict.id, rev)
  return { ...plan, rev: saved.rev }
}
