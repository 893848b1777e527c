/**
 * The fix memory as a product, on real stores: a SQLite file (list, show, forget, counters, export and import
 * into another file) and the Actions cache snapshot through the emulated cache service (a later job lists what
 * an earlier one remembered). And a pull request's run reads the memory but never writes it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ActionsCacheAdapter } from '../../src/adapters/cache/actions-cache.js'
import { SqliteCacheAdapter } from '../../src/adapters/cache/sqlite.js'
import {
  exportMemory,
  forgetMemory,
  importMemory,
  listMemory,
  showMemory
} from '../../src/commands/memory.js'
import { InvalidInputError } from '../../src/errors.js'
import { noteReplay, remember } from '../../src/heal/memory.js'
import { healContext } from '../../src/heal/request.js'
import type { HealFix } from '../../src/heal/types.js'
import { createCacheService } from '../../emulator/cache-service.js'
import { hostPlugins, type PluginHost } from '../cache/helpers/plugin-host.js'

const REPO = 'github:github.com/octo/repo'
const fix = (n: number): HealFix => ({
  source: 'fixer',
  fixers: [`claude -p "$(cat "$SELF_HEAL_PROMPT")" #${n}`],
  diff: `diff --git a/src/app.js b/src/app.js\n--- a/src/app.js\n+++ b/src/app.js\n@@ -1 +1 @@\n-a${n}\n+b${n}\n`,
  stats: { files: 1, added: 1, removed: 1 }
})
const AT = new Date('2026-11-30T12:00:00Z')

let temp: string
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'self-heal-memory-product-'))
})
afterAll(async () => {
  await rm(temp, { recursive: true, force: true })
})

describe('the fix memory in a SQLite file', () => {
  it('lists, shows, counts replays, forgets, and round-trips through export and import', async () => {
    const path = join(temp, 'a.sqlite')
    let cache = await SqliteCacheAdapter.open({ path })
    await remember(cache, REPO, '0123456789abcdef', 'lint', fix(1), AT, { commit: 'c'.repeat(40) })
    await remember(cache, REPO, 'fedcba9876543210', 'test', fix(2), AT)
    await remember(cache, 'github:github.com/octo/other', '1111111111111111', 'lint', fix(3), AT)
    await noteReplay(cache, REPO, '0123456789abcdef', true)
    await noteReplay(cache, REPO, '0123456789abcdef', false)
    await cache.close()

    cache = await SqliteCacheAdapter.open({ path })
    const listed = await listMemory(cache, REPO)
    expect(listed.map(f => f.fingerprint)).toEqual(['0123456789abcdef', 'fedcba9876543210'])
    expect(await showMemory(cache, REPO, '0123456789abcdef')).toMatchObject({
      fingerprint: '0123456789abcdef',
      kind: 'lint',
      fixers: [fix(1).fixers[0]],
      repository: REPO,
      commit: 'c'.repeat(40),
      verifiedAt: AT.toISOString(),
      replays: 1,
      failures: 1,
      declinedBy: []
    })

    const exported = await exportMemory(cache, REPO)
    expect(exported).toMatchObject({ format: 'self-heal-fix-memory', version: 1, repository: REPO })
    expect(exported.fixes).toHaveLength(2)

    expect(await forgetMemory(cache, REPO, 'fedcba9876543210')).toBe(true)
    expect(await forgetMemory(cache, REPO, 'fedcba9876543210')).toBe(false)
    expect((await listMemory(cache, REPO)).map(f => f.fingerprint)).toEqual(['0123456789abcdef'])
    expect(await listMemory(cache, 'github:github.com/octo/other')).toHaveLength(1)
    await expect(showMemory(cache, REPO, '../etc')).rejects.toThrow(InvalidInputError)
    await cache.close()

    const other = await SqliteCacheAdapter.open({ path: join(temp, 'b.sqlite') })
    try {
      const exportFile = join(temp, 'export.json')
      await writeFile(exportFile, JSON.stringify(exported))
      expect(await importMemory(other, REPO, JSON.stringify(exported), exportFile)).toEqual({
        imported: ['0123456789abcdef', 'fedcba9876543210']
      })
      expect(await listMemory(other, REPO)).toEqual(exported.fixes)
    } finally {
      await other.close()
    }
  })

  it('imports nothing from a document that is not an export, or holds one bad fix', async () => {
    const cache = await SqliteCacheAdapter.open({ path: join(temp, 'c.sqlite') })
    try {
      await expect(importMemory(cache, REPO, 'nope', 'stdin')).rejects.toThrow(/stdin is not JSON/)
      await expect(importMemory(cache, REPO, '{"fixes": []}', 'x.json')).rejects.toThrow(/not an export/)
      const good = {
        fingerprint: '0123456789abcdef',
        version: 1,
        diff: 'd',
        kind: 'lint',
        fixers: [],
        verifiedAt: 'x'
      }
      const doc = {
        format: 'self-heal-fix-memory',
        version: 1,
        repository: REPO,
        fixes: [good, { ...good, fingerprint: 'x' }]
      }
      await expect(importMemory(cache, REPO, JSON.stringify(doc), 'x.json')).rejects.toThrow(
        /Fix 2 in x.json/
      )
      expect(await listMemory(cache, REPO)).toEqual([])
    } finally {
      await cache.close()
    }
  })
})

describe('the fix memory in the Actions cache snapshot', () => {
  const service = createCacheService()
  let host: PluginHost
  const saved: NodeJS.ProcessEnv = {}
  let run = 500

  beforeAll(async () => {
    host = await hostPlugins([service])
    const settings: NodeJS.ProcessEnv = {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `${host.url}/`,
      ACTIONS_RUNTIME_TOKEN: service.issueRuntimeToken({ repository: 'octo/repo', ref: 'refs/heads/main' }),
      RUNNER_TEMP: temp,
      GITHUB_SERVER_URL: undefined,
      ACTIONS_CACHE_MODE: undefined
    }
    for (const [name, value] of Object.entries(settings)) {
      saved[name] = process.env[name]
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    await host?.close()
  })

  const job = (): ActionsCacheAdapter =>
    new ActionsCacheAdapter({
      env: { ...process.env, GITHUB_RUN_ID: String(run++), GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'heal' },
      namespace: 'memory-product',
      saveOn: 'close',
      libraryOutput: 'capture-only',
      logger: { info: () => undefined, warning: m => process.stderr.write(`unexpected warning: ${m}\n`) }
    })

  it('a later job lists, exports and forgets what an earlier job remembered', async () => {
    const first = job()
    await remember(first, REPO, '0123456789abcdef', 'lint', fix(1), AT)
    await first.close()

    const second = job()
    expect((await listMemory(second, REPO)).map(f => f.fingerprint)).toEqual(['0123456789abcdef'])
    expect((await exportMemory(second, REPO)).fixes[0]).toMatchObject({ diff: fix(1).diff })
    expect(await forgetMemory(second, REPO, '0123456789abcdef')).toBe(true)
    await second.close()

    const third = job()
    expect(await listMemory(third, REPO)).toEqual([])
    await third.close()
  })
})

describe('whose runs write the memory in CI', () => {
  const ci = async (env: NodeJS.ProcessEnv, event: object): Promise<string | undefined> => {
    const path = join(temp, `event-${Math.random()}.json`)
    await writeFile(path, JSON.stringify(event))
    return healContext({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: 'octo/repo',
      ...env
    }).memoryReadOnly
  }
  const repository = { default_branch: 'main' }

  it('a pull request run reads it but may not write it; a push to the default branch writes it', async () => {
    const pr = {
      repository,
      pull_request: {
        head: { ref: 'feature', repo: { full_name: 'octo/repo' } },
        base: { repo: { full_name: 'octo/repo' } }
      }
    }
    expect(await ci({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/3/merge' }, pr)).toMatch(
      /pull request's run.*default branch/
    )
    expect(
      await ci({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_REF: 'refs/heads/main' }, pr)
    ).toBeDefined()
    expect(await ci({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/feature' }, { repository })).toMatch(
      /the branch feature.*\(main\)/
    )
    expect(
      await ci({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' }, { repository })
    ).toBeUndefined()
    expect(healContext({ GITHUB_EVENT_NAME: 'pull_request' }).memoryReadOnly).toBeUndefined()
  })
})
