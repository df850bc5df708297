import type { Repository } from '../store/repository'
import type { DocType } from '../schema'
import { mergeChoice, resolutionPlan, type Doc, type Picks, type ResolutionPlan } from './conflicts'

/*
 * Conflict resolution: the pure merge (./conflicts) and the repository's write. No raw database here
 * or in the screen: the repository validates the merged doc like a form save, saves it on top of the
 * winner naming the leaves it supersedes, and deletes only the leaves the writer owns (a TPMAP
 * household's losing branch is superseded, never deleted by an officer). If the save fails nothing is
 * removed and the conflict stays visible.
 */

export interface LoadedConflict {
  id: string
  /** The current winner first, then every conflicting leaf revision it has not superseded. */
  versions: Doc[]
}

type ConflictRepository = Pick<Repository, 'conflict' | 'resolveConflict'>

export async function loadConflict(repository: ConflictRepository, id: string): Promise<LoadedConflict | null> {
  return (await repository.conflict(id)) as LoadedConflict | null
}

export async function resolveConflict(
  repository: ConflictRepository,
  conflict: LoadedConflict,
  picks: Picks,
): Promise<ResolutionPlan & { rev: string; removed: string[]; superseded: string[] }> {
  const [winner] = conflict.versions
  if (!winner) throw new Error('no versions')
  const plan = resolutionPlan(String(winner._rev), conflict.versions.slice(1).map((v) => String(v._rev)))
  const merged = mergeChoice({ versions: conflict.versions }, picks)
  const type = String(winner.type) as DocType
  const result = await repository.resolveConflict(type, conflict.id, merged, { saveOn: plan.saveOn, losing: plan.remove })
  return { ...plan, ...result }
}
