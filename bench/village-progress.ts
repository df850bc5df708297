import { performance } from 'node:perf_hooks'
import { foldHousehold, foldPlot, project } from '../src/store/projector'
import type { ComplaintRow, EventRow, HouseholdRow, PlotRow, VillageRow } from '../src/store/local-db'
import { villageProgress } from '../src/store/village-progress'
import { syntheticDistrictDocs } from './synthetic-docs'
import { figure, median, type Figure } from './figures'

/** Read-model rows for a district, made by the real projector from 100,000 synthetic docs (25,000 households). */
export function districtRows(docs = 100_000) {
  const villages: VillageRow[] = []
  const households: HouseholdRow[] = []
  const plots: PlotRow[] = []
  const complaints: ComplaintRow[] = []
  const events = new Map<string, EventRow[]>()
  for (const doc of syntheticDistrictDocs({ docs })) {
    const p = project({ id: String(doc._id), doc })
    if (p.table === 'villages') villages.push(p.row)
    else if (p.table === 'households') households.push(p.row)
    else if (p.table === 'plots') plots.push(p.row)
    else if (p.table === 'complaints') complaints.push(p.row)
    else if (p.table === 'events') {
      const list = events.get(p.row.parentId)
      if (list) list.push(p.row)
      else events.set(p.row.parentId, [p.row])
    }
  }
  return {
    villages,
    households: households.map((h) => foldHousehold(h, events.get(h.id) ?? [])),
    plots: plots.map((p) => foldPlot(p, events.get(p.id) ?? [])),
    complaints,
  }
}

export function benchVillageProgress(runs = 9): Figure[] {
  const rows = districtRows()
  const times: number[] = []
  let villages = 0
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    villages = villageProgress(rows, '2022-06-15').length
    times.push(performance.now() - t)
  }
  return [figure(`per-village progress, ${rows.households.length.toLocaleString('en-US')} households (compute, Node, median)`, median(times), 'ms', 150, `${villages} villages, ${rows.plots.length} plots, ${runs} runs`)]
}
