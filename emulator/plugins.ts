/**
 * The plugins every standalone emulator loads (the CLI, and tests that want the whole GitHub): Actions workflows
 * and runs that really run, the Actions cache service (blobs in memory) and workflow artifacts (in the cache's blob store).
 */
import { createActionsPlugin } from './actions/index.js'
import { createArtifactService, type ArtifactServicePlugin } from './artifact-service.js'
import { cacheServiceEnv, createCacheService, type CacheServicePlugin } from './cache-service.js'
import type { EmulatorPlugin } from './plugin.js'

/**
 * The default plugin set, and the cache service in it (which issues the runtime tokens its clients need). With
 * `token` (the CLI's), runs execute their workflow files' steps, each job with a runtime token for the cache and
 * the artifacts of its run, and `workflow_run` workflows start when the runs they name complete.
 */
export function defaultPlugins(options: { token?: string; ghes?: boolean; queueDelayMs?: number } = {}): {
  plugins: EmulatorPlugin[]
  cache: CacheServicePlugin
  artifacts: ArtifactServicePlugin
} {
  const cache = createCacheService()
  const artifacts = createArtifactService(cache)
  const actions = createActionsPlugin({
    queueDelayMs: options.queueDelayMs,
    ...(options.token
      ? {
          workflowSteps: {
            token: options.token,
            env: (run, url) => ({
              ...cacheServiceEnv(
                url,
                artifacts.issueRunToken({
                  repository: run.workflow.repo.fullName,
                  ref: run.ref,
                  runId: run.id,
                  headBranch: run.headBranch,
                  headSha: run.headSha
                })
              ),
              // As on github.com's runners: toolkits (the cache, artifacts) take any other server for GHES.
              ...(options.ghes ? {} : { GITHUB_SERVER_URL: 'https://github.com' })
            })
          }
        }
      : {})
  })
  return { plugins: [actions.plugin, cache, artifacts], cache, artifacts }
}
