/**
 * The plugins every standalone emulator loads (the CLI, and tests that want the whole GitHub): Actions workflows
 * and runs that really run, and the Actions cache service (blobs in memory).
 */
import { createActionsPlugin } from './actions/index.js'
import { createCacheService } from './cache-service.js'
import type { EmulatorPlugin } from './plugin.js'

/** The default plugin set. */
export function defaultPlugins(): EmulatorPlugin[] {
  return [createActionsPlugin().plugin, createCacheService()]
}
