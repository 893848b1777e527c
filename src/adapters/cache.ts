/**
 * The Cache port: a key/value store of JSON values with a time to live, used as self-heal's fix memory.
 * No call blocks the event loop; an expired entry is a miss; close() flushes.
 */

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** The default time to live of an entry, in seconds. */
export const DEFAULT_TTL_SECONDS = 3600

/** The Cache port. */
export interface CacheAdapter {
  /** A short name of the implementation, e.g. `sqlite`, `actions-cache` or `memory`, for `self-heal env`. */
  readonly kind: string
  /** The value stored under `key`, or undefined on a miss (absent or expired). */
  get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined>
  /** Stores a JSON value for `ttlSeconds` (default 3600); a value that is not JSON-serialisable is an error. */
  set(key: string, value: JsonValue, ttlSeconds?: number): Promise<void>
  /** Removes `key` (a no-op when absent). */
  delete(key: string): Promise<void>
  /** Flushes pending writes and releases resources; the adapter is unusable afterwards. */
  close(): Promise<void>
}
