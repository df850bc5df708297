import { useEffect, useState } from 'preact/hooks'
import { useActiveEdition } from '../edition'
import type { Dimension } from '../../schema/docs'
import { draftKey } from '../../forms/drafts'
import { eventsOf } from '../../store/events'
import { householdChips, localToday, visitsInMonth, monthOf } from '../../forms/work'
import { Chips } from '../components/chips'
import { ReviewPanel } from '../components/review-panel'
import { Timeline } from '../components/timeline'
import { RecordForm } from '../components/record-form'
import { useI18n } from '../i18n'
import { hrefFor } from '../router'
import { useServices } from '../services'
import { useLiveQuery } from '../use-live-query'

const DIMS: Dimension[] = ['income', 'health', 'living', 'education', 'access']

/**
 * A household's page: profile, what is done and what is missing for mission 1, one tap to record a
 * mentor visit, and its history (visits and assistance from the read model's events). The check
 * form opens in place; it opens by itself when an unfinished draft of it exists.
 */
export function HouseholdScreen({ id }: { id: string }) {
  const { t, date, num } = useI18n()
  const { db, stores } = useServices()
  const today = localToday()
  const rubric = useActiveEdition(today).edition
  const household = useLiveQuery(async () => (await db.households.get(id)) ?? null, [db, id])
  const events = useLiveQuery(() => eventsOf(db, id), [db, id]).value ?? []
  const village = useLiveQuery(async () => (household.value ? db.villages.get(household.value.villageCode) : undefined), [db, household.value?.villageCode]).value
  const hasDraft = useLiveQuery(async () => !!(await db.drafts.get(draftKey({ kind: 'household', id }))), [db, id]).value
  // Who created the record and when: the read model keeps only the last edit, the doc has both.
  const [created, setCreated] = useState<{ by: string; at: string } | undefined>(undefined)
  useEffect(() => {
    let live = true
    void stores?.storeFor(household.value?.district).repository.get(id).then((doc) => {
      if (live && doc) setCreated({ by: String(doc.createdBy), at: String(doc.createdAt) })
    })
    return () => {
      live = false
    }
  }, [stores, id, household.value?.district])
  // null until we know whether a draft exists: an unfinished check reopens by itself (once).
  const [editing, setEditing] = useState<boolean | null>(null)
  useEffect(() => {
    if (editing === null && hasDraft !== undefined) setEditing(hasDraft)
  }, [hasDraft, editing])

  if (household.value === undefined && !household.error) return <p aria-busy="true">{t('app.loading')}</p>
  const h = household.value
  if (!h) return <p role="alert">{t('form.notFound')}</p>
  if (editing === null) return <p aria-busy="true">{t('app.loading')}</p>

  if (editing) return <RecordForm target={{ kind: 'household', id }} onDone={() => setEditing(false)} />

  const failing = DIMS.filter((d) => h.failing?.[d])
  const visitsThisMonth = visitsInMonth(h.visits, monthOf(today))

  return (
    <section aria-labelledby="hh-title">
      {village && (
        <a href={hrefFor({ name: 'village', code: village.code })} class="back-link">
          ‹ {t('village.moo', { moo: village.moo, name: village.name })}
        </a>
      )}
      <h1 id="hh-title">{h.headName}</h1>
      <p class="row__sub">{t('household.sub', { house: h.houseId, persons: num(h.targetPersons) })}</p>
      <Chips chips={householdChips(h, today, rubric)} />

      <div class="button-row">
        <a class="button button--primary button--wide" href={hrefFor({ name: 'record', kind: 'mentor-visit', parent: id })}>
          {t('household.recordVisit')}
        </a>
        <button type="button" class="button button--wide" onClick={() => setEditing(true)}>
          {h.verifiedOn ? t('household.edit') : t('household.check')}
        </button>
      </div>

      <ReviewPanel recordId={h.id} recordType="household" recordUpdatedAt={h.updatedAt} />

      <dl class="facts card">
        <dt>{t('field.verifiedOn')}</dt>
        <dd>{date(h.verifiedOn)}</dd>
        <dt>{t('field.planOn')}</dt>
        <dd>{date(h.planOn)}</dd>
        <dt>{t('household.visitsThisMonth')}</dt>
        <dd>{t('household.visitsCount', { n: visitsThisMonth, total: h.visits.length })}</dd>
        <dt>{t('field.survivingOn')}</dt>
        <dd>{date(h.survivingOn)}</dd>
      </dl>

      <h2>{t('field.failing')}</h2>
      {failing.length === 0 ? (
        <p class="hint">{h.failing ? t('household.noFailing') : t('household.failingUnknown')}</p>
      ) : (
        <ul class="list">
          {failing.map((d) => (
            <li key={d} class="row row--action">
              <span class="row__main">
                {t(`dim.${d}`)}
                <span class="row__sub"> · {h.assisted[d] ? t('household.assistedOn', { date: date(h.assisted[d]) }) : t('household.notAssisted')}</span>
              </span>
              {!h.assisted[d] && (
                <a class="button" href={hrefFor({ name: 'record', kind: 'assistance', parent: id })}>
                  {t('household.assist')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      <div class="button-row">
        <a class="button" href={hrefFor({ name: 'record', kind: 'assistance', parent: id })}>
          {t('household.addAssistance')}
        </a>
      </div>

      <h2>{t('household.history')}</h2>
      <Timeline
        events={events}
        created={created}
        extra={(e) => (e.type === 'mentor-visit' || e.type === 'assistance' ? <ReviewPanel compact recordId={e.id} recordType={e.type} /> : null)}
      />
    </section>
  )
}
