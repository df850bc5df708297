import type { Transaction } from 'dexie'
import type { HouseholdRow, PlotRow } from './local-db'
import { buildFactsRows } from './village-facts'

/*
 * Dexie version 2's upgrade: builds the per-village facts from the household and plot rows already
 * on the device, and lets the province dbs be projected again so their `config:districts` doc (until
 * now set aside as an unreadable record) reaches the read model as areas' names. A province db holds
 * only that doc and the province facts, so re-projecting it is cheap; district dbs are not touched.
 */
export async function upgradeToVillageFacts(tx: Transaction): Promise<void> {
  const [households, plots] = await Promise.all([tx.table<HouseholdRow>('households').toArray(), tx.table<PlotRow>('plots').toArray()])
  await tx.table('villageFacts').bulkPut(buildFactsRows(households, plots))
  await tx.table('problems').where('id').startsWith('config:').delete()
  const meta = tx.table<{ key: string; value: unknown }>('meta')
  const seqKeys = (await meta.toCollection().primaryKeys()).map(String).filter((k) => /^projector\.lastSeq:cdd-\d{2}-/.test(k))
  await meta.bulkDelete(seqKeys)
}

/** Dexie version 5's upgrade: the facts rows again, in the packing of day numbers and short ids. */
export async function repackVillageFacts(tx: Transaction): Promise<void> {
  const [households, plots] = await Promise.all([tx.table<HouseholdRow>('households').toArray(), tx.table<PlotRow>('plots').toArray()])
  await tx.table('villageFacts').clear()
  await tx.table('villageFacts').bulkPut(buildFactsRows(households, plots))
}
