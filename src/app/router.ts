import { useEffect, useState } from 'preact/hooks'

/*
 * Hash routes (#/villages/43010101): they need no server rewrite rule, so every route opens from
 * the service worker's precache with no network, and a reload lands on the same screen.
 */

export type Route =
  | { name: 'home' }
  | { name: 'villages' }
  | { name: 'village'; code: string }
  | { name: 'dashboards'; sub?: string }
  | { name: 'sync' }
  | { name: 'settings' }
  | { name: 'problems' }
  | { name: 'conflicts'; id?: string }
  | { name: 'complaints'; filter?: string; area?: string }
  | { name: 'uploads' }
  | { name: 'record'; kind: string; id?: string; parent?: string }
  | { name: 'not-found'; path: string }

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/'
  const [pathname, query = ''] = path.split('?') as [string, string?]
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  const params = new URLSearchParams(query)
  if (parts.length === 0) return { name: 'home' }
  const [first, second] = parts
  switch (first) {
    case 'villages':
      return second ? { name: 'village', code: second } : { name: 'villages' }
    case 'dashboards':
      // Sub-pages of the supervisor's screens: #/dashboards/village/43010101, #/dashboards/import …
      return parts.length > 1 ? { name: 'dashboards', sub: parts.slice(1).join('/') } : { name: 'dashboards' }
    case 'sync':
      return { name: 'sync' }
    case 'settings':
      return { name: 'settings' }
    case 'problems':
      return { name: 'problems' }
    case 'conflicts':
      return second ? { name: 'conflicts', id: second } : { name: 'conflicts' }
    case 'complaints':
      return { name: 'complaints', filter: params.get('filter') ?? undefined, area: params.get('area') ?? undefined }
    case 'uploads':
      return { name: 'uploads' }
    case 'record':
      if (second) return { name: 'record', kind: second, id: parts[2], parent: params.get('parent') ?? undefined }
      break
  }
  return { name: 'not-found', path }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/'
    case 'village':
      return `#/villages/${encodeURIComponent(route.code)}`
    case 'record': {
      const base = `#/record/${route.kind}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`
      return route.parent ? `${base}?parent=${encodeURIComponent(route.parent)}` : base
    }
    case 'not-found':
      return `#${route.path}`
    case 'conflicts':
      return route.id ? `#/conflicts/${encodeURIComponent(route.id)}` : '#/conflicts'
    case 'complaints': {
      const q = new URLSearchParams()
      if (route.filter) q.set('filter', route.filter)
      if (route.area) q.set('area', route.area)
      return q.size ? `#/complaints?${q}` : '#/complaints'
    }
    case 'dashboards':
      return route.sub ? `#/dashboards/${route.sub.split('/').map(encodeURIComponent).join('/')}` : '#/dashboards'
    default:
      return `#/${route.name}`
  }
}

export function navigate(route: Route): void {
  location.hash = hrefFor(route)
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash))
    window.addEventListener('hashchange', onChange)
    // A hash changed between the first render and this effect (a tap, or a link opened while the app
    // was starting) fired no event we heard: read it once now.
    onChange()
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
