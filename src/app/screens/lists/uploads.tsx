import { useI18n, type Translator } from '../../i18n'
import { areaLabel, useAreaNames } from '../../area-names'
import { hrefFor, type Route } from '../../router'
import { useServices } from '../../services'
import { useLiveQuery } from '../../use-live-query'
import { readSyncStatus } from '../../../sync/runtime'
import { pushSeqKey } from '../../../sync/pending'
import { refusalWhy, sortWaiting, waitingRecords, type WaitingRecord } from '../../../sync/pending-list'
import { formatDateTime } from '../sync'
import type { AreaNames } from '../../../store/area-names'

const KINDS = new Set(['household', 'complaint', 'mentor-visit', 'assistance', 'plot-assessment', 'pr-post', 'monitoring-report', 'province-facts', 'review', 'history', 'village', 'plot', 'office-settings'])

const kindLabel = (t: Translator['t'], type: string | undefined) => t(`lists.kind.${type && KINDS.has(type) ? type : 'other'}`)

/** Where a waiting record opens: its own page where it has one, else its parent's. */
function routeOf(item: WaitingRecord): Route | undefined {
  if (item.deleted) return undefined
  if (item.type === 'household' || item.type === 'complaint' || item.type === 'plot') return { name: 'record', kind: item.type, id: item.id }
  if (item.parentId?.startsWith('household:')) return { name: 'record', kind: 'household', id: item.parentId }
  if (item.parentId?.startsWith('plot:')) return { name: 'record', kind: 'plot', id: item.parentId }
  return undefined
}

function why(tr: Translator, reason: string | undefined): string {
  const w = refusalWhy(reason)
  if (w.key === 'lists.why.invalid') {
    // The field by its label where the form has one; a field the forms do not show stays unnamed.
    const top = (w.params?.field ?? '').split(/[.[]/)[0] ?? ''
    const label = tr.t(`field.${top}`)
    return label === `field.${top}` ? tr.t('lists.why.unknown') : tr.t(w.key, { field: label })
  }
  return tr.t(w.key, w.params)
}

function Row({ item, names }: { item: WaitingRecord; names: AreaNames }) {
  const tr = useI18n()
  const { t } = tr
  const route = routeOf(item)
  const body = (
    <span class="row__main">
      <strong>{item.deleted ? t('lists.uploads.deleted') : kindLabel(t, item.type)}</strong>
      <span class="row__sub upload-row__line">{areaLabel(tr, names, item.place ?? item.area)}</span>
      {item.savedAt && <span class="row__sub upload-row__line">{t('lists.uploads.savedAt', { when: formatDateTime(item.savedAt, tr) })}</span>}
      {item.refused && (
        <span class="field__error upload-row__line" data-testid="upload-why">
          {t('lists.uploads.why', { reason: why(tr, item.refused.reason) })}
        </span>
      )}
    </span>
  )
  return (
    <li data-testid="upload-row" data-id={item.id} data-refused={item.refused ? '1' : '0'} class={route ? undefined : 'row'}>
      {route ? (
        <a href={hrefFor(route)}>
          {body}
          <span aria-hidden="true">›</span>
        </a>
      ) : (
        body
      )}
    </li>
  )
}

/**
 * Every local record the server does not have yet (issue 15), and the ones it refused with why, and
 * the photos waiting. Reads what sync already keeps: the push checkpoint per area, the refused docs
 * in the sync status, the media store's waiting photos.
 */
export function UploadsScreen() {
  const tr = useI18n()
  const { t, num } = tr
  const { db, stores } = useServices()
  const names = useAreaNames()
  const data = useLiveQuery(async () => {
    if (!stores) return undefined
    const status = await readSyncStatus(db, { fresh: false })
    // Re-read when the sync status changes (a push moved the checkpoint), not on its own schedule.
    void status.areas
    const lists = await Promise.all(
      stores.stores.map(async (s) => {
        const seq = (await db.meta.get(pushSeqKey(s.records.name)))?.value as string | number | undefined
        return waitingRecords(s.records, s.area, seq, status.areas[s.area]?.denied ?? [])
      }),
    )
    const photos = await stores.photos.media.db.photos.where('state').anyOf('waiting', 'refused').toArray()
    return { items: sortWaiting(lists.flat()), photos: photos.map((p) => ({ id: p.id, area: p.area, recordId: p.recordId, createdAt: p.createdAt, refused: p.state === 'refused' })) }
  }, [db, stores]).value

  const refused = data?.items.filter((i) => i.refused) ?? []
  const rest = data?.items.filter((i) => !i.refused) ?? []
  return (
    <>
      <a href={hrefFor({ name: 'sync' })} class="back-link">
        ‹ {t('sync.title')}
      </a>
      <h1>{t('lists.uploads.title')}</h1>
      {!data ? (
        <p aria-busy="true">{t('lists.uploads.loading')}</p>
      ) : (
        <>
          {data.items.length === 0 && data.photos.length === 0 && <p class="hint" data-testid="uploads-none">{t('lists.uploads.none')}</p>}
          {refused.length > 0 && (
            <section class="card" aria-labelledby="uploads-refused">
              <h2 id="uploads-refused">{t('lists.uploads.refused', { n: num(refused.length) })}</h2>
              <p class="hint">{t('lists.uploads.refused.hint')}</p>
              <ul class="list" data-testid="uploads-refused">
                {refused.map((item) => (
                  <Row key={`${item.area}:${item.id}`} item={item} names={names} />
                ))}
              </ul>
            </section>
          )}
          {rest.length > 0 && (
            <section class="card" aria-labelledby="uploads-waiting">
              <h2 id="uploads-waiting">{t('lists.uploads.waiting', { n: num(rest.length) })}</h2>
              <ul class="list" data-testid="uploads-waiting">
                {rest.map((item) => (
                  <Row key={`${item.area}:${item.id}`} item={item} names={names} />
                ))}
              </ul>
            </section>
          )}
          {data.photos.length > 0 && (
            <section class="card" aria-labelledby="uploads-photos">
              <h2 id="uploads-photos">{t('lists.uploads.photos', { n: num(data.photos.length) })}</h2>
              <ul class="list" data-testid="uploads-photos">
                {data.photos.map((p) => {
                  const parent = p.recordId.split(':')
                  const kind = parent[0] === 'assess' ? 'plot-assessment' : parent[0]
                  return (
                    <li key={p.id} class="row">
                      <span class="row__main">
                        <strong>{t('lists.uploads.photo', { kind: kindLabel(t, kind) })}</strong>
                        <span class="row__sub upload-row__line">{areaLabel(tr, names, p.area)}</span>
                        <span class="row__sub upload-row__line">{t('lists.uploads.savedAt', { when: formatDateTime(p.createdAt, tr) })}</span>
                        {p.refused && <span class="field__error upload-row__line">{t('sync.photosRefused', { count: 1 })}</span>}
                      </span>
                    </li>
                  )
                })}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  )
}
