import type { ComponentChildren } from 'preact'
import { useEffect, useLayoutEffect, useMemo } from 'preact/hooks'
import { I18nContext, makeTranslator, useI18n } from './i18n'
import { hrefFor, useRoute, type Route } from './router'
import { ServicesContext, type Services } from './services'
import { DEFAULT_SETTINGS, readSettings } from './settings'
import { useLiveQuery } from './use-live-query'
import { UpdateBanner } from './components/update-banner'
import { HomeScreen } from './screens/home'
import { VillagesScreen } from './screens/villages'
import { SyncScreen } from './screens/sync'
import { SettingsScreen } from './screens/settings'
import { VillageScreen } from './screens/village'
import { ProblemsScreen } from './screens/problems'
import { LoginScreen } from './screens/login'
import { SyncPill } from './screens/sync'
import { ConflictsScreen } from './screens/conflicts'
import { lazyScreen } from './lazy'
import { useOnline } from './connectivity'

// Supervisors' screens (scoring, charts, import/export) load on first use: not on the first screen.
const DashboardsScreen = lazyScreen(() => import('./screens/dashboards').then((m) => m.DashboardsScreen))
// Forms bring the zod schemas; they load in parallel with the record stores, right after first paint.
// Issue 15's lists: all complaints, records waiting to upload.
const ComplaintsScreen = lazyScreen(() => import('./screens/lists/complaints').then((m) => m.ComplaintsScreen))
const UploadsScreen = lazyScreen(() => import('./screens/lists/uploads').then((m) => m.UploadsScreen))
const RecordScreen = lazyScreen(() => import('./screens/record').then((m) => m.RecordScreen))

/** Opened straight on a form (a reload mid-form, a shortcut): fetch it while the shell starts. */
export function preloadForRoute(hash: string): void {
  if (hash.startsWith('#/record')) void RecordScreen.preload()
}

const NAV: { route: Route; key: string; icon: string }[] = [
  { route: { name: 'home' }, key: 'nav.home', icon: '⌂' },
  { route: { name: 'villages' }, key: 'nav.villages', icon: '▦' },
  { route: { name: 'dashboards' }, key: 'nav.dashboards', icon: '▮' },
  { route: { name: 'sync' }, key: 'nav.sync', icon: '⇅' },
  { route: { name: 'settings' }, key: 'nav.settings', icon: '⚙' },
]

function isActive(item: Route, current: Route): boolean {
  if (item.name === current.name) return true
  return (item.name === 'villages' && current.name === 'village') || (item.name === 'sync' && (current.name === 'conflicts' || current.name === 'uploads'))
}

function Shell({ children, route, signedIn }: { children: ComponentChildren; route: Route; signedIn: boolean }) {
  const { t } = useI18n()
  const online = useOnline()
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="topbar">
        <span class="topbar__title">{t('app.title')}</span>
        <span class={`pill ${online ? 'pill--ok' : 'pill--warn'}`} role="status" data-testid="connectivity">
          {online ? t('app.online') : t('app.offline')}
        </span>
        <SyncPill />
      </header>
      <UpdateBanner />
      <main id="main" class="content" tabIndex={-1}>
        {children}
      </main>
      {/* Before sign-in there is nowhere to go: no navigation to screens that only say "sign in". */}
      {signedIn && <nav class="tabbar" aria-label={t('nav.main')}>
        {NAV.map((item) => {
          const active = isActive(item.route, route)
          return (
            <a key={item.key} href={hrefFor(item.route)} class={`tabbar__item${active ? ' tabbar__item--active' : ''}`} aria-current={active ? 'page' : undefined}>
              <span class="tabbar__icon" aria-hidden="true">
                {item.icon}
              </span>
              <span>{t(item.key)}</span>
            </a>
          )
        })}
      </nav>}
    </div>
  )
}

function Screen({ route, signedIn }: { route: Route; signedIn: boolean }) {
  const { t } = useI18n()
  // Settings and sync (where login lives) open without a user; everything else needs one.
  if (!signedIn && route.name !== 'settings' && route.name !== 'sync') return <LoginScreen />
  switch (route.name) {
    case 'home':
      return <HomeScreen />
    case 'villages':
      return <VillagesScreen />
    case 'village':
      return <VillageScreen code={route.code} />
    case 'record':
      return <RecordScreen kind={route.kind} id={route.id} parent={route.parent} />
    case 'dashboards':
      return <DashboardsScreen sub={route.sub} />
    case 'sync':
      return <SyncScreen />
    case 'settings':
      return <SettingsScreen />
    case 'problems':
      return <ProblemsScreen />
    case 'conflicts':
      return <ConflictsScreen id={route.id} />
    case 'complaints':
      return <ComplaintsScreen filter={route.filter} area={route.area} />
    case 'uploads':
      return <UploadsScreen />
    case 'not-found':
      return <h1>{t('app.notFound')}</h1>
  }
}

export function App({ services }: { services: Services }) {
  const route = useRoute()
  const settings = useLiveQuery(() => readSettings(services.db), [services.db]).value ?? DEFAULT_SETTINGS
  const translator = useMemo(() => makeTranslator(settings.lang, settings.thaiDigits), [settings.lang, settings.thaiDigits])
  useEffect(() => {
    if (services.deviceUser) void RecordScreen.preload()
  }, [services.deviceUser])
  // In the same commit as the text (a layout effect): a screen reader never reads English text as Thai.
  useLayoutEffect(() => {
    document.documentElement.lang = settings.lang
    document.title = translator.t('app.title')
  }, [settings.lang, translator])

  return (
    <ServicesContext.Provider value={services}>
      <I18nContext.Provider value={translator}>
        <Shell route={route} signedIn={!!services.deviceUser}>
          <Screen route={route} signedIn={!!services.deviceUser} />
        </Shell>
      </I18nContext.Provider>
    </ServicesContext.Provider>
  )
}
