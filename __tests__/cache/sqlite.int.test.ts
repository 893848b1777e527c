/** The SQLite cache: the contract over a real file in a temp directory. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { DatabaseSync } from 'node:sqlite'
import { SqliteCacheAdapter } from '../../src/adapters/cache/sqlite.js'
import { cacheContract, TestClock } from '../contracts/cache-contract.js'

cacheContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sqlite-cache-'))
  const clock = new TestClock()
  const path = join(dir, 'cache.sqlite')
  const adapter = await SqliteCacheAdapter.open({ path, now: clock.now })
  return {
    adapter,
    clock,
    reopen: () => SqliteCacheAdapter.open({ path, now: clock.now }),
    cleanup: () => rm(dir, { recursive: true, force: true })
  }
})

describe('SqliteCacheAdapter housekeeping', () => {
  it('two adapters opening one new file at the same moment both open, 100 times over', async () => {
    // Both switch the new file to WAL, and SQLite answers one of them "database is locked" at once, without the
    // busy timeout: about 1 pair in 70 failed before open retried.
    const dir = await mkdtemp(join(tmpdir(), 'sqlite-race-'))
    try {
      for (let round = 0; round < 100; round++) {
        const path = join(dir, `race-${round}.sqlite`)
        const opened = await Promise.allSettled([
          SqliteCacheAdapter.open({ path }),
          SqliteCacheAdapter.open({ path })
        ])
        const failures = opened.filter(o => o.status === 'rejected').map(o => String(o.reason))
        for (const o of opened) if (o.status === 'fulfilled') await o.value.close()
        expect({ round, failures }).toEqual({ round, failures: [] })
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it('purges expired rows from the file (on close, by the clock the adapter was given)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sqlite-purge-'))
    try {
      const clock = new TestClock()
      const path = join(dir, 'cache.sqlite')
      const cache = await SqliteCacheAdapter.open({ path, now: clock.now })
      await cache.set('short', 1, 1)
      await cache.set('long', 2, 3600)
      clock.advance(2000)
      await cache.close()
      const db = new DatabaseSync(path)
      try {
        const rows = db.prepare('SELECT key FROM self_heal_cache_v1 ORDER BY key').all()
        expect(rows.map(r => r.key)).toEqual(['long'])
      } finally {
        db.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('does not keep the process alive when idle, but does while an operation is pending', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sqlite-ref-'))
    try {
      const cache = await SqliteCacheAdapter.open({ path: join(dir, 'c.sqlite') })
      const workers = (): number =>
        process.getActiveResourcesInfo().filter(r => r === 'MessagePort' || r === 'Worker').length
      const idle = workers()
      const pending = cache.set('k', 1)
      await new Promise(resolve => setImmediate(resolve))
      expect(workers()).toBeGreaterThan(idle)
      await pending
      expect(workers()).toBe(idle)
      await cache.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
