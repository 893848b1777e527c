/** The cache adapters' public surface: the factory, the post step's save, and the implementations. */
export { chooseCache, createCache, type CacheKind, type CacheSettings } from './create-cache.js'
export {
  ActionsCacheAdapter,
  actionsCacheAvailability,
  actionsCoreLogger,
  saveSnapshotInPost,
  type ActionsCacheAvailability,
  type ActionsCacheOptions,
  type SaveOutcome
} from './actions-cache.js'
export { SqliteCacheAdapter, defaultCachePath, isSqliteAvailable, type SqliteCacheOptions } from './sqlite.js'
export { MemoryCacheAdapter, type MemoryCacheOptions } from './memory.js'
export {
  CacheClosedError,
  CacheUnavailableError,
  CacheValueError,
  MAX_KEY_LENGTH,
  MAX_VALUE_BYTES,
  MAX_TTL_SECONDS,
  stderrLogger,
  type CacheLogger
} from './common.js'
