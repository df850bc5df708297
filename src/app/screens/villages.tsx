import { useEffect, useState } from 'preact/hooks'
import type { VillageRow } from '../../store/local-db'
import { householdCountsByVillage } from '../../store/area-rows'
import { buildHouseholdIndex, type HouseholdIndex } from '../../store/household-search'
import { fromThaiDigits } from '../format-date'
import { EmptyState } from '../components/empty-state'
import { useI18n } from '../i18n'
import { hrefFor } from '../router'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

interface Tambon {
  code: string
  name: string
  villages: VillageRow[]
}

/** Villages grouped by tambon, sorted by moo; `query` matches a name or a moo number (Thai digits too). */
export function groupVillages(villages: readonly VillageRow[], query: string): Tambon[] {
  const q = fromThaiDigits(query.trim()).toLowerCase()
  const matches = (v: VillageRow) => !q || v.name.toLowerCase().includes(q) || String(v.moo) === q.replace(/^(ม\.|หมู่|moo)\s*/, '') || v.code.startsWith(q) || v.tambonName.includes(q)
  const byTambon = new Map<string, Tambon>()
  for (const v of villages) {
    if (!matches(v)) continue
    let t = byTambon.get(v.tambonCode)
    if (!t) byTambon.set(v.tambonCode, (t = { code: v.tambonCode, name: v.tambonName, villages: [] }))
    t.villages.push(v)
  }
  const tambons = [...byTambon.values()].sort((a, b) => a.code.localeCompare(b.code))
  for (const t of tambons) t.villages.sort((a, b) => a.moo - b.moo)
  return tambons
}

export function VillagesScreen() {
  const { t, num } = useI18n()
  const { db } = useServices()
  const [query, setQuery] = useState('')
  const villages = useLiveQuery(() => db.villages.toArray(), [db]).value
  const counts = useLiveQuery(() => householdCountsByVillage(db), [db]).value

  // Households by head's name or house number: the index is built once, on the first query.
  const [index, setIndex] = useState<HouseholdIndex | null>(null)
  const wantIndex = query.trim() !== '' && !index
  useEffect(() => {
    if (!wantIndex) return
    let live = true
    void db.households.toArray().then((rows) => live && setIndex(buildHouseholdIndex(rows)))
    return () => {
      live = false
    }
  }, [db, wantIndex])

  if (villages === undefined) return <p aria-busy="true">{t('app.loading')}</p>
  if (villages.length === 0) {
    return (
      <>
        <h1>{t('villages.title')}</h1>
        <EmptyState icon="▦" title={t('villages.empty.title')} body={t('villages.empty.body')} />
      </>
    )
  }
  const tambons = groupVillages(villages, query)
  return (
    <>
      <h1>{t('villages.title')}</h1>
      <div class="field">
        <label for="village-search">{t('search.label')}</label>
        <input id="village-search" type="search" class="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder={t('search.hint')} />
      </div>
      {query.trim() && <HouseholdHits index={index} query={query} villages={villages} />}
      {tambons.length === 0 && <p class="hint">{t('villages.noMatch')}</p>}
      {tambons.map((tambon) => (
        <section key={tambon.code} class="group" aria-labelledby={`tb-${tambon.code}`}>
          <h2 id={`tb-${tambon.code}`}>
            {t('villages.tambon', { name: tambon.name })} <span class="pill pill--muted">{t('villages.count', { n: tambon.villages.length })}</span>
          </h2>
          <ul class="list">
            {tambon.villages.map((v) => (
              <li key={v.code}>
                <a href={hrefFor({ name: 'village', code: v.code })}>
                  <span class="row__main">
                    {t('village.moo', { moo: v.moo, name: v.name })}
                    <span class="row__sub"> · {v.code}</span>
                  </span>
                  <span class="pill pill--muted">{t('villages.households', { n: num(counts?.get(v.code) ?? 0) })}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

function HouseholdHits({ index, query, villages }: { index: HouseholdIndex | null; query: string; villages: readonly VillageRow[] }) {
  const { t } = useI18n()
  if (!index) return <p aria-busy="true">{t('app.loading')}</p>
  const hits = index.search(query, 30)
  const byCode = new Map(villages.map((v) => [v.code, v]))
  return (
    <section class="card" aria-labelledby="hh-hits">
      <h2 id="hh-hits">{t('search.households', { n: hits.length })}</h2>
      {hits.length === 0 ? (
        <p class="hint">{t('search.none')}</p>
      ) : (
        <ul class="list" data-testid="household-hits">
          {hits.map((h) => {
            const v = byCode.get(h.villageCode)
            return (
              <li key={h.id}>
                <a href={hrefFor({ name: 'record', kind: 'household', id: h.id })}>
                  <span class="row__main">
                    {h.headName}
                    <span class="row__sub"> · {t('home.houseIn', { house: h.houseId, village: v ? t('village.moo', { moo: v.moo, name: v.name }) : h.villageCode })}</span>
                  </span>
                  <span aria-hidden="true">›</span>
                </a>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
