/** The SQLite cache: the contract over a real file in a temp directory. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
