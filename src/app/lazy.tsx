import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from './i18n'

/**
 * A screen loaded on first use, so the first screen's JS stays small (DESIGN.md's budget):
 * dashboards, charts, import and export come in their own chunks.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let cached: ComponentType<P> | null = null
  return function LazyScreen(props: P) {
    const { t } = useI18n()
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => cached)
    const [failed, setFailed] = useState(false)
    useEffect(() => {
      if (Component) return
      load()
        .then((c) => {
          cached = c
          setComponent(() => c)
        })
        .catch((error: unknown) => {
          console.warn('screen failed to load', error)
          setFailed(true)
        })
    }, [Component])
    if (failed) return <p role="alert">{t('app.loadFailed')}</p>
    return Component ? <Component {...props} /> : <p aria-busy="true">{t('app.loading')}</p>
  }
}
