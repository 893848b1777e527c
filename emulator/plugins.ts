/**
 * The plugins every standalone emulator loads (the CLI, and tests that want the whole GitHub): Actions workflows
 * and runs that really run, the Actions cache service (blobs in memory) and workflow artifacts (in the cache's blob store).
 */
import { createActionsPlugin } from './actions/index.js'
import { createArtifactService, type ArtifactServicePlugin } from './artifact-service.js'
import { createCacheService, type CacheServicePlugin } from './cache-service.js'
import type { EmulatorPlugin } from './plugin.js'

/** The default plugin set, and the cache service in it (which issues the runtime tokens its clients need). */
export function defaultPlugins(): {
  plugins: EmulatorPlugin[]
  cache: CacheServicePlugin
  artifacts: ArtifactServicePlugin
} {
  const cache = createCacheService()
  const artifacts = createArtifactService(cache)
  return { plugins: [createActionsPlugin().plugin, cache, artifacts], cache, artifacts }
}
