import { nextMonth, type ISODate, type MonthKey } from '../schema/dates'
import type { FieldDef, FormDef, Option } from './types'

/*
 * The province-facts forms (missions 2's disbursement and 3–8), as data for the shared renderer, like
 * every other form in src/forms: one `province-facts` doc per mission, validated by its zod schema and
 * saved through the same draft → save → error flow (save-flow.ts). Labels are i18n keys in
 * src/app/i18n/messages-supervisor.ts. `ctx.province` is the 2-digit province code.
 */

export const FACT_MISSIONS = ['m2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'] as const
export type FactMission = (typeof FACT_MISSIONS)[number]

const money = (name: string): FieldDef => ({ name, type: 'number', label: `facts.${name}`, help: `facts.${name}.help`, required: true, decimal: true })
const count = (name: string): FieldDef => ({ name, type: 'number', label: `facts.${name}`, help: `facts.${name}.help`, required: true })

/** A fiscal year (the rubric edition's `fiscalYear`: e.g. 2021-10-01 … 2022-09-30) → its months. */
export function fiscalYearMonths(fiscalYear: { start: ISODate; end: ISODate }): MonthKey[] {
  const out: MonthKey[] = []
  for (let m = fiscalYear.start.slice(0, 7); m <= fiscalYear.end.slice(0, 7); m = nextMonth(m)) out.push(m)
  return out
}

/** The fiscal year's months as choices; labels are literal (formatted by the host). */
export function monthOptions(fiscalYear: { start: ISODate; end: ISODate }, label: (month: MonthKey) => string): Option[] {
  return fiscalYearMonths(fiscalYear).map((m) => ({ value: m, label: label(m), literal: true }))
}

const FIELDS: Record<FactMission, (months: Option[]) => FieldDef[]> = {
  m2: () => [
    { name: 'extensionRequested', type: 'boolean', label: 'facts.extensionRequested', help: 'facts.extensionRequested.help' },
    { name: 'completedOn', type: 'date', label: 'facts.completedOn', help: 'facts.completedOn.help', notFuture: true },
  ],
  m3: () => [
    count('freeEvents'),
    count('registeredWithoutOnline'),
    {
      name: 'channels',
      type: 'list',
      label: 'facts.channels',
      help: 'facts.channels.help',
      itemFields: [
        { name: 'name', type: 'text', label: 'facts.channel.name', required: true },
        { name: 'newOperators', type: 'number', label: 'facts.channel.newOperators', required: true },
      ],
    },
  ],
  m4: () => [{ name: 'planOn', type: 'date', label: 'facts.planOn', help: 'facts.planOn.help', notFuture: true }, count('activitiesPlanned'), count('activitiesDone')],
  m5: () => [money('defaultedAmount'), money('recoveredAmount')],
  m6: () => [money('overdueAtBaseline'), money('overdueNow')],
  m7: () => [money('baselineRevenue'), money('revenue')],
  m8: (months) => [
    { name: 'mechanismAppointed', type: 'boolean', label: 'facts.mechanismAppointed' },
    { name: 'literacyMeetingHeld', type: 'boolean', label: 'facts.literacyMeetingHeld' },
    { name: 'dataUpdatedMonths', type: 'multi', label: 'facts.dataUpdatedMonths', help: 'facts.dataUpdatedMonths.help', options: months },
    {
      name: 'activities',
      type: 'list',
      label: 'facts.activities',
      help: 'facts.activities.help',
      itemFields: [
        { name: 'on', type: 'date', label: 'facts.activity.on', required: true, notFuture: true },
        { name: 'what', type: 'text', label: 'facts.activity.what' },
      ],
    },
    count('downloads'),
  ],
}

export function factsForm(mission: FactMission, months: Option[]): FormDef {
  return {
    kind: `facts-${mission}`,
    docType: 'province-facts',
    title: `facts.title.${mission}`,
    fields: FIELDS[mission](months),
    fixed: (ctx) => ({ province: String(ctx.province), mission }),
  }
}

export function isFactMission(m: string): m is FactMission {
  return (FACT_MISSIONS as readonly string[]).includes(m)
}
