/** What the browser says about our storage: persisted or not, and how much is used. */
export interface StorageStatus {
  supported: boolean
  persisted: boolean
  usage: number
  quota: number
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage
  if (!storage?.estimate) return { supported: false, persisted: false, usage: 0, quota: 0 }
  const [persisted, estimate] = await Promise.all([storage.persisted?.() ?? Promise.resolve(false), storage.estimate()])
  return { supported: true, persisted, usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 }
}

/**
 * Asks the browser not to evict our data under storage pressure: days of offline work live only
 * here. Chromium grants it silently to installed or frequently used apps.
 */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false
  } catch {
    return false
  }
}
