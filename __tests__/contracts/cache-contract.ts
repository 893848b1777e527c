/**
 * The CacheAdapter contract, written once and run against every implementation (memory, SQLite, Actions cache).
 * Expiry is tested with a controllable clock, never with sleeps.
 */
import { describe, expect, it, afterEach } from '@jest/globals'
import type { CacheAdapter, JsonValue } from '../../src/adapters/cache.js'
import {
  CacheClosedError,
  CacheValueError,
  MAX_KEY_LENGTH,
  MAX_VALUE_BYTES
} from '../../src/adapters/cache/common.js'

/** A clock the tests move by hand. */
export class TestClock {
  /** The current time in ms. */
  current = Date.UTC(2026, 0, 1)
  /** The clock function adapters take. */
  readonly now = (): number => this.current
  /** Moves the clock forward. */
  advance(ms: number): void {
    this.current += ms
  }
}

/** What an implementation's test file provides. */
export interface CacheHarness {
  /** An open adapter on a fresh, empty store, reading time from `clock`. */
  adapter: CacheAdapter
  /** The clock the adapter reads. */
  clock: TestClock
  /** For persistent stores: a new adapter over the same store (after the first was closed). */
  reopen?: () => Promise<CacheAdapter>
  /** Releases everything the harness made. */
  cleanup(): Promise<void>
}

/** Runs the contract against one implementation. */
export function cacheContract(name: string, makeHarness: () => Promise<CacheHarness>): void {
  describe(`CacheAdapter contract: ${name}`, () => {
    let harness: CacheHarness | undefined
    const open = async (): Promise<CacheHarness> => {
      harness = await makeHarness()
      return harness
    }
    afterEach(async () => {
      if (harness) {
        await harness.adapter.close().catch(() => undefined)
        await harness.cleanup()
      }
      harness = undefined
    })

    it('misses an absent key and reads back every kind of JSON value', async () => {
      const { adapter } = await open()
      expect(await adapter.get('absent')).toBeUndefined()
      const values: JsonValue[] = [
        null,
        true,
        false,
        0,
        -12.5,
        1e300,
        '',
        'text with "quotes", \\ backslashes, \n newlines, \u0000 NUL and emoji 🎉',
        [],
        {},
        [1, 'two', null, [3], { four: 4 }],
        { nested: { deeper: { list: [true, false], 'odd key/with,chars': 'é' } } }
      ]
      for (const [i, value] of values.entries()) await adapter.set(`value-${i}`, value)
      for (const [i, value] of values.entries()) expect(await adapter.get(`value-${i}`)).toEqual(value)
      await adapter.set('negative-zero', -0)
      expect(await adapter.get('negative-zero')).toBe(0)
    })

    it('overwrites, deletes, and treats deleting an absent key as a no-op', async () => {
      const { adapter } = await open()
      await adapter.set('k', 'first')
      await adapter.set('k', { second: true })
      expect(await adapter.get('k')).toEqual({ second: true })
      await adapter.delete('k')
      expect(await adapter.get('k')).toBeUndefined()
      await adapter.delete('k')
      await adapter.delete('never-set')
      await adapter.set('k', 'again')
      expect(await adapter.get('k')).toBe('again')
    })

    it('returns copies: changing a value read does not change the cache', async () => {
      const { adapter } = await open()
      const stored = { list: [1, 2] }
      await adapter.set('copy', stored)
      stored.list.push(3)
      const read = await adapter.get<{ list: number[] }>('copy')
      expect(read).toEqual({ list: [1, 2] })
      read!.list.push(99)
      expect(await adapter.get('copy')).toEqual({ list: [1, 2] })
    })

    it('expires entries after the default TTL of 3600 s', async () => {
      const { adapter, clock } = await open()
      await adapter.set('default-ttl', 'v')
      clock.advance(3600 * 1000 - 1)
      expect(await adapter.get('default-ttl')).toBe('v')
      clock.advance(1)
      expect(await adapter.get('default-ttl')).toBeUndefined()
    })

    it('honours a custom TTL, fractions included, and a later set renews it', async () => {
      const { adapter, clock } = await open()
      await adapter.set('short', 1, 10)
      await adapter.set('fraction', 2, 0.5)
      await adapter.set('long', 3, 7200)
      clock.advance(499)
      expect(await adapter.get('fraction')).toBe(2)
      clock.advance(1)
      expect(await adapter.get('fraction')).toBeUndefined()
      clock.advance(9000)
      await adapter.set('short', 'renewed', 10)
      clock.advance(5000)
      expect(await adapter.get('short')).toBe('renewed')
      clock.advance(5000)
      expect(await adapter.get('short')).toBeUndefined()
      clock.advance(3600 * 1000)
      expect(await adapter.get('long')).toBe(3)
      clock.advance(3600 * 1000)
      expect(await adapter.get('long')).toBeUndefined()
    })

    it('refuses a TTL that is not a positive number of seconds', async () => {
      const { adapter } = await open()
      for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(adapter.set('ttl', 1, ttl)).rejects.toThrow(CacheValueError)
      }
      expect(await adapter.get('ttl')).toBeUndefined()
    })

    it(`accepts any well-formed key up to ${MAX_KEY_LENGTH} characters, all distinct`, async () => {
      const { adapter } = await open()
      const long = 'x'.repeat(MAX_KEY_LENGTH - 1)
      const keys = [
        'plain',
        'with/slashes/../and/..',
        'with,commas,,',
        'with spaces and\ttabs\nand newlines',
        'ünïcödé ключ 键 🔑',
        '\u0000nul',
        ' ',
        "sql'; DROP TABLE entries; --",
        `${long}a`,
        `${long}b`,
        'PLAIN'
      ]
      for (const [i, key] of keys.entries()) await adapter.set(key, i)
      for (const [i, key] of keys.entries()) expect(await adapter.get(key)).toBe(i)
    })

    it('refuses empty, too long, non-string and malformed keys with a clear error', async () => {
      const { adapter } = await open()
      await expect(adapter.set('', 1)).rejects.toThrow(/must not be empty/)
      await expect(adapter.set('k'.repeat(MAX_KEY_LENGTH + 1), 1)).rejects.toThrow(/limit is 8192/)
      await expect(adapter.get('k'.repeat(MAX_KEY_LENGTH + 1))).rejects.toThrow(CacheValueError)
      await expect(adapter.set('lone \ud800 surrogate', 1)).rejects.toThrow(/surrogate/)
      await expect(adapter.set(42 as unknown as string, 1)).rejects.toThrow(/must be a string/)
    })

    it(`stores a value of up to ${MAX_VALUE_BYTES} bytes of JSON and refuses a larger one, keeping the old value`, async () => {
      const { adapter } = await open()
      const big = 'é'.repeat((MAX_VALUE_BYTES - 2) / 2) // two bytes each in UTF-8, plus two quotes
      await adapter.set('big', big)
      expect(await adapter.get('big')).toBe(big)
      await expect(adapter.set('big', `${big}x`)).rejects.toThrow(/limit is 1048576/)
      expect(await adapter.get('big')).toBe(big)
    })

    it('refuses values that JSON would change or drop, naming the path, and keeps the old value', async () => {
      const { adapter } = await open()
      await adapter.set('k', 'kept')
      const cyclic: Record<string, unknown> = { a: 1 }
      cyclic.self = cyclic
      const cases: Array<[unknown, RegExp]> = [
        [10n, /\$ is a BigInt/],
        [{ deep: [1, { n: 2n }] }, /\$\.deep\[1\]\.n is a BigInt/],
        [() => 1, /a function/],
        [cyclic, /\$\.self is a reference to itself/],
        [Number.NaN, /NaN/],
        [{ x: Number.NEGATIVE_INFINITY }, /-Infinity/],
        [undefined, /undefined/],
        [{ maybe: undefined }, /\$\.maybe is undefined/],
        [new Date(0), /a Date, not a plain object/],
        [new Map(), /a Map/],
        [Symbol('s'), /a symbol/],
        // eslint-disable-next-line no-sparse-arrays
        [[1, , 3], /sparse array/],
        [{ [Symbol('s')]: 1 }, /symbol keys/],
        [{ toJSON: () => 'other' }, /\$\.toJSON is a function/]
      ]
      for (const [value, message] of cases) {
        const attempt = adapter.set('k', value as JsonValue)
        await expect(attempt).rejects.toThrow(CacheValueError)
        await expect(adapter.set('k', value as JsonValue)).rejects.toThrow(message)
      }
      expect(await adapter.get('k')).toBe('kept')
    })

    it('accepts what JSON writes exactly: shared subtrees and null-prototype objects', async () => {
      const { adapter } = await open()
      const shared = { fix: 'eslint --fix' }
      const bare = Object.assign(Object.create(null) as Record<string, unknown>, { n: 1, list: [shared] })
      await adapter.set('shared', { a: shared, b: [shared, shared], bare } as unknown as JsonValue)
      expect(await adapter.get('shared')).toEqual({
        a: shared,
        b: [shared, shared],
        bare: { n: 1, list: [shared] }
      })
    })

    it('is safe under concurrent operations and applies them in call order', async () => {
      const { adapter } = await open()
      const n = 300
      await Promise.all(Array.from({ length: n }, (_, i) => adapter.set(`c-${i}`, { i })))
      const read = await Promise.all(Array.from({ length: n }, (_, i) => adapter.get(`c-${i}`)))
      expect(read).toEqual(Array.from({ length: n }, (_, i) => ({ i })))
      const results = await Promise.all([
        adapter.set('order', 1),
        adapter.get('order'),
        adapter.set('order', 2),
        adapter.get('order'),
        adapter.delete('order'),
        adapter.get('order'),
        adapter.set('order', 3),
        adapter.get('order')
      ])
      expect(results).toEqual([undefined, 1, undefined, 2, undefined, undefined, undefined, 3])
      // A refused operation in the middle of a burst fails alone.
      const mixed = await Promise.allSettled([
        adapter.set('m1', 1),
        adapter.set('m2', 2n as unknown as JsonValue),
        adapter.set('m3', 3),
        adapter.get('m1')
      ])
      expect(mixed.map(r => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
      expect((mixed[3] as PromiseFulfilledResult<unknown>).value).toBe(1)
    })

    it('rejects operations after close, and close twice is harmless', async () => {
      const { adapter } = await open()
      await adapter.set('k', 1)
      await adapter.close()
      await adapter.close()
      await expect(adapter.get('k')).rejects.toThrow(CacheClosedError)
      await expect(adapter.set('k', 2)).rejects.toThrow(CacheClosedError)
      await expect(adapter.delete('k')).rejects.toThrow(CacheClosedError)
    })

    it('flushes on close: writes not awaited before close are readable after reopening (persistent stores)', async () => {
      const h = await open()
      const writes = Array.from({ length: 200 }, (_, i) => h.adapter.set(`f-${i}`, i, 7200))
      const removal = h.adapter.delete('f-0')
      await h.adapter.close()
      await Promise.all([...writes, removal])
      if (!h.reopen) {
        // A memory cache has nothing to flush to: closing drops its entries, which the next assertion shows.
        await expect(h.adapter.get('f-1')).rejects.toThrow(CacheClosedError)
        return
      }
      const again = await h.reopen()
      try {
        expect(await again.get('f-0')).toBeUndefined()
        expect(await again.get('f-1')).toBe(1)
        expect(await again.get('f-199')).toBe(199)
        h.clock.advance(7200 * 1000)
        expect(await again.get('f-199')).toBeUndefined()
      } finally {
        await again.close()
      }
    })
  })
}
