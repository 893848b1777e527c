/**
 * The plugins every standalone emulator loads (the CLI, and tests that want the whole GitHub): Actions workflows
 * and runs that really run, and the Actions cache service (blobs in memory).
 */
import { createActionsPlugin } from './actions/index.js'
import { createCacheService, type CacheServicePlugin } from './cache-service.js'
import type { EmulatorPlugin } from './plugin.js'

/** The default plugin set, and the cache service in it (which issues the runtime tokens its clients need). */
export function defaultPlugins(): { plugins: EmulatorPlugin[]; cache: CacheServicePlugin } {
  const cache = createCacheService()
  return { plugins: [createActionsPlugin().plugin, cache], cache }
}
