/**
 * The in-memory CacheAdapter: a Map kept in least-recently-used order, bounded by entries and bytes. Expiry is
 * checked on read (and when making room), so no timer ever runs and nothing keeps the process alive.
 */
import type { CacheAdapter, JsonValue } from '../cache.js'
import { CacheClosedError, checkKey, checkTtl, parseValue, serializeValue } from './common.js'

/** Options of the memory cache. */
export interface MemoryCacheOptions {
  /** The most entries kept (default 10,000); the least recently used go first. */
  maxEntries?: number
  /** The most bytes of keys and JSON values kept (default 64 MiB). */
  maxBytes?: number
  /** The clock, in ms since the epoch (tests pass a controllable one). */
  now?: () => number
}

interface Entry {
  text: string
  expiresAt: number
  bytes: number
}

/** The in-memory cache (values are stored as JSON text, so a caller never shares an object with the cache). */
export class MemoryCacheAdapter implements CacheAdapter {
  /** See CacheAdapter.kind. */
  readonly kind = 'memory'
  private readonly entries = new Map<string, Entry>()
  private readonly maxEntries: number
  private readonly maxBytes: number
  private readonly now: () => number
  private bytes = 0
  private closed = false

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024
    this.now = options.now ?? Date.now
    if (!(this.maxEntries >= 1) || !(this.maxBytes >= 1)) {
      throw new RangeError('MemoryCacheAdapter needs maxEntries >= 1 and maxBytes >= 1.')
    }
  }

  /** The number of entries held (expired ones included until they are read or evicted). */
  get size(): number {
    return this.entries.size
  }

  /** See CacheAdapter.get. */
  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    this.assertOpen()
    checkKey(key)
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry)
      return undefined
    }
    // Re-inserting moves the key to the most recently used end of the Map's order.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return parseValue<T>(entry.text)
  }

  /** See CacheAdapter.set. */
  async set(key: string, value: JsonValue, ttlSeconds?: number): Promise<void> {
    this.assertOpen()
    checkKey(key)
    const ttl = checkTtl(ttlSeconds)
    const text = serializeValue(key, value)
    const bytes = key.length * 2 + text.length * 2
    const previous = this.entries.get(key)
    if (previous) this.remove(key, previous)
    if (bytes > this.maxBytes) return // larger than the whole cache: a cache may always forget
    this.entries.set(key, { text, expiresAt: this.now() + ttl * 1000, bytes })
    this.bytes += bytes
    this.makeRoom()
  }

  /** See CacheAdapter.delete. */
  async delete(key: string): Promise<void> {
    this.assertOpen()
    checkKey(key)
    const entry = this.entries.get(key)
    if (entry) this.remove(key, entry)
  }

  /** See CacheAdapter.close: nothing to flush; the entries are dropped. */
  async close(): Promise<void> {
    this.closed = true
    this.entries.clear()
    this.bytes = 0
  }

  private makeRoom(): void {
    if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return
    // Expired entries go before live ones, then the least recently used.
    const now = this.now()
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.remove(key, entry)
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break
      this.remove(key, entry)
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key)
    this.bytes -= entry.bytes
  }

  private assertOpen(): void {
    if (this.closed) throw new CacheClosedError(this.kind)
  }
}
