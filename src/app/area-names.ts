import { useMemo } from 'preact/hooks'
import { buildAreaNames, readAreaNames, type AreaNames } from '../store/area-names'
import type { Translator } from './i18n'
import { useServices } from './services'
import { useLiveQuery } from './use-live-query'

/*
 * Areas as a person reads them: "จังหวัดหนองคาย", "อำเภอเมืองหนองคาย", "ตำบลในเมือง", "หมู่ 3 บ้านโนน".
 * Every screen that shows an area uses `areaLabel` (dashboards, import, facts, export, sync).
 */

const FALLBACK = buildAreaNames([])

/** The names the device knows, live (a province's config doc arriving renames its areas at once). */
export function useAreaNames(): AreaNames {
  const { db } = useServices()
  return useLiveQuery(() => readAreaNames(db), [db]).value ?? FALLBACK
}

/** An area's label by its code's level; a code without a known name still says what it is. */
export function areaLabel(tr: Pick<Translator, 't' | 'digits'>, names: AreaNames, code: string): string {
  const name = names.get(code)
  const level = code.length <= 2 ? 'province' : code.length <= 4 ? 'district' : code.length <= 6 ? 'tambon' : 'village'
  if (level === 'village') return name ?? tr.t('area.village.code', { code: tr.digits(code) })
  return name ? tr.t(`area.${level}`, { name }) : tr.t(`area.${level}.code`, { code: tr.digits(code) })
}

/** Several areas' labels, joined for a sentence. */
export function useAreaLabels(codes: readonly string[], tr: Pick<Translator, 't' | 'digits'>): string[] {
  const names = useAreaNames()
  return useMemo(() => codes.map((c) => areaLabel(tr, names, c)), [codes.join(','), names, tr])
}
