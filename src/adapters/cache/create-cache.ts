/**
 * Chooses and builds the CacheAdapter for an environment from explicit settings: SQLite in LOCAL, the Actions
 * cache in CI, and in CLOUD the Actions cache when the runtime offers it, else (outside Actions: the CLI on a
 * machine) the same SQLite file as LOCAL, else memory. A backend that cannot be
 * used here (no `node:sqlite`, an unusable file) falls back to memory with a warning, never a failure.
 */
import type { Environment } from '../../environment.js'
import type { CacheAdapter } from '../cache.js'
import { ActionsCacheAdapter, actionsCacheAvailability, type ActionsCacheOptions } from './actions-cache.js'
import { errorMessage } from '../../errors.js'
import { stderrLogger, type CacheLogger } from './common.js'
import { MemoryCacheAdapter } from './memory.js'
import { SqliteCacheAdapter, defaultCachePath } from './sqlite.js'

/** The cache implementations. */
export type CacheKind = 'sqlite' | 'actions-cache' | 'memory'

/** Settings of the cache, read once by the action or the CLI. */
export interface CacheSettings {
  /** Where self-heal runs. */
  environment: Environment
  /** An explicit implementation (e.g. CLI `--cache memory`); wins over the environment's default. */
  kind?: CacheKind
  /** The variables the Actions cache reads (default process.env). */
  env?: NodeJS.ProcessEnv
  /** The SQLite file (default: defaultCachePath()). */
  sqlitePath?: string
  /** The Actions cache namespace (default `self-heal`). */
  namespace?: string
  /** When the Actions cache saves: `post-step` for the action (default), `close` for the CLI. */
  saveOn?: ActionsCacheOptions['saveOn']
  /** Where warnings go (the action passes `actionsCoreLogger`; default stderr). */
  logger?: CacheLogger
  /** The clock, in ms (tests). */
  now?: () => number
}

/** The implementation the settings choose, why (for `self-heal env`), and the SQLite file; opens nothing. */
export function chooseCache(settings: CacheSettings): { kind: CacheKind; reason: string; path?: string } {
  const path = settings.sqlitePath ?? defaultCachePath(settings.env)
  if (settings.kind)
    return { kind: settings.kind, reason: 'explicit', ...(settings.kind === 'sqlite' ? { path } : {}) }
  switch (settings.environment) {
    case 'local':
      return { kind: 'sqlite', reason: `local: ${path}`, path }
    case 'ci':
      return { kind: 'actions-cache', reason: 'ci: the GitHub Actions cache' }
    case 'cloud': {
      const env = settings.env ?? process.env
      const availability = actionsCacheAvailability(env)
      if (availability.readable || availability.writable)
        return { kind: 'actions-cache', reason: 'cloud: the Actions cache is available' }
      // A machine keeps its fixes across heals as LOCAL does; a runner without the cache service is thrown away.
      if (env.GITHUB_ACTIONS !== 'true')
        return { kind: 'sqlite', reason: `cloud, outside Actions: ${path}`, path }
      return { kind: 'memory', reason: `cloud: the Actions cache is not available (${availability.reason})` }
    }
  }
}

/** Builds the cache the settings choose. Never throws for an unusable backend: it falls back to memory. */
export async function createCache(settings: CacheSettings): Promise<CacheAdapter> {
  const logger = settings.logger ?? stderrLogger
  const { kind, reason, path } = chooseCache(settings)
  if (kind === 'sqlite') {
    try {
      return await SqliteCacheAdapter.open({ path, now: settings.now, logger })
    } catch (error) {
      logger.warning(`${errorMessage(error)} The cache lives in memory for this run instead.`)
      return new MemoryCacheAdapter({ now: settings.now })
    }
  }
  if (kind === 'actions-cache') {
    // In CI without the service the adapter degrades to memory itself and says so once, at first use.
    return new ActionsCacheAdapter({
      env: settings.env,
      namespace: settings.namespace,
      saveOn: settings.saveOn,
      now: settings.now,
      logger: settings.logger
    })
  }
  if (settings.environment === 'cloud' && !settings.kind)
    logger.info(`The cache lives in memory (${reason}).`)
  return new MemoryCacheAdapter({ now: settings.now })
}
