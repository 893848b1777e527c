/**
 * The Actions cache adapter passes the cache contract against the emulated cache service (in-process blob store)
 * and the real `@actions/cache`. Each "reopen" is a separate adapter instance in this process with another run
 * id, which is what a later job is to the service (it restores the newest snapshot by prefix); the adapters save
 * on close. The tests that need real processes and the post step are in actions-cache-jobs.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ActionsCacheAdapter } from '../../src/adapters/cache/actions-cache.js'
import { createCacheService } from '../../emulator/cache-service.js'
import { hostPlugins, type PluginHost } from './helpers/plugin-host.js'
import { cacheContract, TestClock } from '../contracts/cache-contract.js'

let host: PluginHost
let temp: string
const saved: NodeJS.ProcessEnv = {}
const service = createCacheService()
let run = 1000
let namespace = 0

beforeAll(async () => {
  host = await hostPlugins([service])
  temp = await mkdtemp(join(tmpdir(), 'actions-cache-contract-'))
  // @actions/cache reads its settings from process.env.
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
  await rm(temp, { recursive: true, force: true })
})

cacheContract('actions-cache', async () => {
  const clock = new TestClock()
  const ns = `contract-${namespace++}`
  const make = (): ActionsCacheAdapter =>
    new ActionsCacheAdapter({
      env: { ...process.env, GITHUB_RUN_ID: String(run++), GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'contract' },
      namespace: ns,
      saveOn: 'close',
      now: clock.now,
      libraryOutput: 'capture-only',
      logger: {
        info: () => undefined,
        warning: message => process.stderr.write(`unexpected warning: ${message}\n`)
      }
    })
  const adapter = make()
  if (adapter.kind !== 'actions-cache') throw new Error(`expected the Actions cache, got ${adapter.kind}`)
  return { adapter, clock, reopen: async () => make(), cleanup: async () => undefined }
})

describe('the contract ran through the service', () => {
  it('saved snapshots as finalized entries and restored them by prefix', () => {
    const counts = service.counts()
    expect(
      service.entries().filter(e => e.finalized && e.key.startsWith('contract-')).length
    ).toBeGreaterThan(0)
    expect(counts['actions-cache/GetCacheEntryDownloadURL']).toBeGreaterThan(0)
    expect(counts['azure-blob/get-blob']).toBeGreaterThan(0) // at least one restore found a snapshot and read it
  })
})

describe('Actions cache adapter on a broken runner', () => {
  it('an unusable RUNNER_TEMP gives an empty cache and warnings, never a failed call', async () => {
    const file = join(temp, 'not-a-directory')
    await writeFile(file, 'x')
    const lines: string[] = []
    const cache = new ActionsCacheAdapter({
      env: { ...process.env, RUNNER_TEMP: file, GITHUB_RUN_ID: '9999' },
      saveOn: 'close',
      libraryOutput: 'capture-only',
      logger: { info: m => lines.push(`info: ${m}`), warning: m => lines.push(`warning: ${m}`) }
    })
    expect(await cache.get('k')).toBeUndefined()
    await cache.set('k', 1)
    expect(await cache.get('k')).toBe(1)
    await cache.close()
    expect(lines).toEqual([
      expect.stringMatching(
        /^warning: The cache snapshot could not be restored \(.*(ENOTDIR|EEXIST).*\): starting with an empty cache\.$/
      ),
      expect.stringMatching(/^warning: The cache snapshot was not saved: it could not be written \(.*\)\.$/)
    ])
  })
})
