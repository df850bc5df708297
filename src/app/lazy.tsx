import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from './i18n'

export type LazyScreen<P> = ComponentType<P> & {
  /** Starts loading now (e.g. at startup when the URL already points at this screen). */
  preload(): Promise<ComponentType<P>>
}

/**
 * A screen loaded on first use, so the first screen's JS stays small (DESIGN.md's budget):
 * forms, dashboards, charts, import and export come in their own chunks.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let cached: ComponentType<P> | null = null
  let pending: Promise<ComponentType<P>> | null = null
  const preload = () =>
    (pending ??= load().then((c) => {
      cached = c
      return c
    }))

  function LazyScreen(props: P) {
    const { t } = useI18n()
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => cached)
    const [failed, setFailed] = useState(false)
    useEffect(() => {
      if (Component) return
      preload()
        .then((c) => setComponent(() => c))
        .catch((error: unknown) => {
          console.warn('screen failed to load', error)
          pending = null
          setFailed(true)
        })
    }, [Component])
    if (failed) return <p role="alert">{t('app.loadFailed')}</p>
    return Component ? <Component {...props} /> : <p aria-busy="true">{t('app.loading')}</p>
  }
  return Object.assign(LazyScreen, { preload })
}
