/** The cache factory: which implementation each environment gets, and the fallbacks to memory. */
import { describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chooseCache, createCache } from '../../src/adapters/cache/create-cache.js'
import type { CacheLogger } from '../../src/adapters/cache/common.js'
import { recall, remember } from '../../src/heal/memory.js'
import { runFixture } from './helpers/child.js'

function recorder(): CacheLogger & { lines: string[] } {
  const lines: string[] = []
  return { lines, info: m => lines.push(`info: ${m}`), warning: m => lines.push(`warning: ${m}`) }
}

const service = {
  ACTIONS_CACHE_SERVICE_V2: 'true',
  ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
  ACTIONS_RUNTIME_TOKEN: 'token',
  RUNNER_TEMP: '/tmp/runner-temp'
}

describe('chooseCache', () => {
  it('picks SQLite in LOCAL, the Actions cache in CI, and in CLOUD the Actions cache when offered, else SQLite outside Actions', () => {
    expect(chooseCache({ environment: 'local', sqlitePath: '/x/c.sqlite' })).toEqual({
      kind: 'sqlite',
      reason: 'local: /x/c.sqlite',
      path: '/x/c.sqlite'
    })
    // The default file follows the variables given, not the process's.
    expect(chooseCache({ environment: 'local', env: { XDG_CACHE_HOME: '/xdg' } }).path).toBe(
      process.platform === 'linux' ? '/xdg/self-heal/cache.sqlite' : expect.any(String)
    )
    expect(chooseCache({ environment: 'ci', env: {} }).kind).toBe('actions-cache')
    expect(chooseCache({ environment: 'cloud', env: service }).kind).toBe('actions-cache')
    expect(chooseCache({ environment: 'cloud', env: {}, sqlitePath: '/x/c.sqlite' })).toEqual({
      kind: 'sqlite',
      reason: 'cloud, outside Actions: /x/c.sqlite',
      path: '/x/c.sqlite'
    })
    expect(chooseCache({ environment: 'cloud', env: { GITHUB_ACTIONS: 'true' } })).toEqual({
      kind: 'memory',
      reason: 'cloud: the Actions cache is not available (ACTIONS_RESULTS_URL is not set)'
    })
    expect(
      chooseCache({
        environment: 'cloud',
        env: { ...service, GITHUB_ACTIONS: 'true', ACTIONS_CACHE_MODE: 'none' }
      }).kind
    ).toBe('memory')
    expect(
      chooseCache({
        environment: 'cloud',
        env: { ...service, GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'http://127.0.0.1:3000' }
      }).reason
    ).toMatch(/ACTIONS_CACHE_URL is not set \(cache service v1\)/)
    expect(chooseCache({ environment: 'local', kind: 'memory' })).toEqual({
      kind: 'memory',
      reason: 'explicit'
    })
  })
})

describe('createCache', () => {
  it('opens SQLite in LOCAL, and falls back to memory with a warning when the file cannot be used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'create-cache-'))
    try {
      const ok = await createCache({ environment: 'local', sqlitePath: join(dir, 'c.sqlite') })
      expect(ok.kind).toBe('sqlite')
      await ok.close()
      await writeFile(join(dir, 'a-file'), 'x')
      const logger = recorder()
      const fallback = await createCache({
        environment: 'local',
        sqlitePath: join(dir, 'a-file', 'c.sqlite'),
        logger
      })
      expect(fallback.kind).toBe('memory')
      expect(logger.lines).toEqual([
        expect.stringMatching(
          /^warning: The SQLite cache at .* cannot be opened: .*The cache lives in memory for this run instead\.$/
        )
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('gives CI the Actions cache (which degrades to memory by itself without the service) and CLOUD memory when it is missing', async () => {
    const ci = await createCache({ environment: 'ci', env: { ...service } })
    expect(ci.kind).toBe('actions-cache')
    const bare = await createCache({ environment: 'ci', env: {}, logger: recorder() })
    expect(bare.kind).toBe('memory')
    const logger = recorder()
    const cloud = await createCache({ environment: 'cloud', env: { GITHUB_ACTIONS: 'true' }, logger })
    expect(cloud.kind).toBe('memory')
    expect(logger.lines).toEqual([
      'info: The cache lives in memory (cloud: the Actions cache is not available (ACTIONS_RESULTS_URL is not set)).'
    ])
  })

  it("keeps a CLOUD heal's fixes outside Actions in the SQLite file, per repository, from one process to the next", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'create-cache-cloud-'))
    try {
      const settings = { environment: 'cloud' as const, env: {}, sqlitePath: join(dir, 'c.sqlite') }
      const fix = {
        source: 'fixer' as const,
        fixers: ['fix'],
        diff: 'diff --git a/x b/x\n',
        stats: { files: 1, added: 1, removed: 0 }
      }
      const first = await createCache(settings)
      expect(first.kind).toBe('sqlite')
      await remember(first, 'github:github.com/octo/a', 'f1', 'lint', fix, new Date())
      await first.close()
      const second = await createCache(settings)
      expect((await recall(second, 'github:github.com/octo/a', 'f1', 'lint'))?.diff).toBe(fix.diff)
      expect(await recall(second, 'github:github.com/octo/b', 'f1', 'lint')).toBeUndefined()
      await second.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('on Node.js 20 (no node:sqlite) LOCAL falls back to memory with a warning that says why', async () => {
    if (!existsSync('/usr/bin/node'))
      throw new Error('this test needs the system Node.js 20 at /usr/bin/node')
    const dir = await mkdtemp(join(tmpdir(), 'create-cache-node20-'))
    try {
      const result = await runFixture(
        'create-cache-probe.ts',
        [join(dir, 'c.sqlite')],
        { PATH: process.env.PATH, HOME: process.env.HOME },
        60_000,
        '/usr/bin/node'
      )
      expect(result.result).toEqual({
        kind: 'memory',
        value: 1,
        lines: [
          expect.stringMatching(
            /^warning: The SQLite cache needs node:sqlite, which Node.js v20\.\d+\.\d+ does not have: use Node.js 22\.13 or later\. The cache lives in memory for this run instead\.$/
          )
        ]
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
