import { useEffect, useState } from 'preact/hooks'
import { useServices } from './services'

/** The header's online/offline pill: the shared server-reachability view, else the browser's word. */
export function useOnline(): boolean {
  const { connectivity } = useServices()
  const read = () => (connectivity ? connectivity.online() : navigator.onLine)
  const [online, setOnline] = useState(read)
  useEffect(() => {
    const source: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = connectivity ?? window
    const update = () => setOnline(read())
    update()
    source.addEventListener('online', update)
    source.addEventListener('offline', update)
    return () => {
      source.removeEventListener('online', update)
      source.removeEventListener('offline', update)
    }
  }, [connectivity])
  return online
}
