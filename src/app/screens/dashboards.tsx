import { registerMessages } from '../i18n'
import { MESSAGES as SCORING_MESSAGES } from '../../scoring/messages'
import { MESSAGES_SUPERVISOR } from '../i18n/messages-supervisor'
import { lazyScreen } from '../lazy'
import { useServices } from '../services'
import { AREA_SETTING, defaultArea, Overview } from './dashboards/overview'
import { useLiveQuery } from '../use-live-query'
import { VillageDetail } from './dashboards/village'
import { EmptyState } from '../components/empty-state'
import { useI18n } from '../i18n'

// The rubric's labels and advice, and the supervisor's strings, join the i18n lookup when this chunk
// loads, not on the first screen.
registerMessages(SCORING_MESSAGES)
registerMessages(MESSAGES_SUPERVISOR)

// Import and export bring CSV/XLSX libraries: each loads in its own chunk on first use.
const ImportScreen = lazyScreen(() => import('./dashboards/import').then((m) => m.ImportScreen))
const ExportScreen = lazyScreen(() => import('./dashboards/export').then((m) => m.ExportScreen))
const RubricScreen = lazyScreen(() => import('./dashboards/rubric').then((m) => m.RubricScreen))
const FactsScreen = lazyScreen(() => import('./dashboards/facts').then((m) => m.FactsScreen))

function SupervisorsOnly() {
  const { t } = useI18n()
  return <EmptyState icon="🔒" title={t('sup.supervisorsOnly')} body="" />
}

/**
 * Supervisors' dashboards. Sub-routes: `area/<code>` (province, district or sub-district roll-up),
 * `village/<code>`, `import`, `export/<area>`, `rubric`, `facts/<province>/<mission>`.
 */
export function DashboardsScreen({ sub }: { sub?: string }) {
  const { db, deviceUser } = useServices()
  const areas = deviceUser?.areas ?? []
  // The area last shown, if this device may still show it (a district's or province's sub-area too).
  const saved = useLiveQuery(async () => ((await db.settings.get(AREA_SETTING))?.value as string | undefined) ?? '', [db])
  const remembered = saved.value && areas.some((a) => saved.value!.startsWith(a)) ? saved.value : undefined
  const [page, a, b] = (sub ?? '').split('/')
  const supervisor = deviceUser?.isSupervisor === true
  switch (page) {
    case 'village':
      if (a) return <VillageDetail code={a} />
      break
    case 'import':
      return supervisor ? <ImportScreen /> : <SupervisorsOnly />
    case 'export':
      return <ExportScreen area={a || defaultArea(areas, deviceUser?.homeArea ?? '')} />
    case 'facts':
      return supervisor && a ? <FactsScreen province={a} mission={b || 'm2'} /> : <SupervisorsOnly />
    case 'rubric':
      return <RubricScreen />
    case 'area':
      if (a) return <Overview area={a} />
      break
  }
  if (saved.value === undefined && !saved.error) return null
  return <Overview area={remembered ?? defaultArea(areas, deviceUser?.homeArea ?? '')} />
}
