/** The memory cache: the contract, plus LRU bounds and no timers. */
import { describe, expect, it } from '@jest/globals'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import { cacheContract, TestClock } from '../contracts/cache-contract.js'

cacheContract('memory', async () => {
  const clock = new TestClock()
  return { adapter: new MemoryCacheAdapter({ now: clock.now }), clock, cleanup: async () => undefined }
})

describe('MemoryCacheAdapter bounds', () => {
  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = new MemoryCacheAdapter({ maxEntries: 3 })
    await cache.set('a', 1)
    await cache.set('b', 2)
    await cache.set('c', 3)
    expect(await cache.get('a')).toBe(1) // a is now the most recently used
    await cache.set('d', 4)
    expect(await cache.get('b')).toBeUndefined()
    expect(await cache.get('a')).toBe(1)
    expect(await cache.get('c')).toBe(3)
    expect(await cache.get('d')).toBe(4)
    expect(cache.size).toBe(3)
  })

  it('evicts expired entries before live ones and keeps within maxBytes', async () => {
    const clock = new TestClock()
    const cache = new MemoryCacheAdapter({ maxBytes: 1000, now: clock.now })
    await cache.set('old', 'x'.repeat(100), 1)
    await cache.set('live', 'y'.repeat(100))
    clock.advance(2000)
    await cache.set('new', 'z'.repeat(250))
    expect(await cache.get('live')).toBe('y'.repeat(100))
    expect(await cache.get('new')).toBe('z'.repeat(250))
    await cache.set('huge', 'h'.repeat(400)) // 800+ bytes: 'live' (least recently used after reads) goes
    expect(await cache.get('huge')).toBe('h'.repeat(400))
    expect(await cache.get('live')).toBeUndefined()
    await cache.set('too-big', 'w'.repeat(600)) // larger than the whole cache: not kept, nothing else lost
    expect(await cache.get('too-big')).toBeUndefined()
    expect(await cache.get('huge')).toBe('h'.repeat(400))
  })

  it('starts no timer and holds no handle that keeps the process alive', async () => {
    const before = process.getActiveResourcesInfo().filter(r => r === 'Timeout').length
    const cache = new MemoryCacheAdapter()
    for (let i = 0; i < 100; i++) await cache.set(`k${i}`, i, 1)
    await cache.get('k1')
    expect(process.getActiveResourcesInfo().filter(r => r === 'Timeout').length).toBe(before)
    await cache.close()
  })
})
