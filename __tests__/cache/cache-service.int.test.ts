/**
 * The emulated Actions cache service under the real `@actions/cache` (run in child processes, as a runner runs an
 * action): a 136 MiB file — past the 128 MiB single-shot limit, so it goes up as blocks — saved and restored
 * byte-identically through the in-process blob store and through Azurite; keys, scopes and the REST operations.
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCacheService, type CacheServicePlugin } from '../../emulator/cache-service.js'
import { AzuriteBlobStore } from '../../emulator/cache-service-blobs.js'
import { startAzurite, type AzuriteServer } from '../../emulator/azurite.js'
import { hostPlugins, type PluginHost } from './helpers/plugin-host.js'
import { jobEnv, runFixture } from './helpers/child.js'

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function roundTrip(service: CacheServicePlugin, host: PluginHost, label: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `cache-roundtrip-${label}-`))
  try {
    const workspace = join(dir, 'workspace')
    await mkdir(workspace)
    const file = join(workspace, 'big.bin')
    const data = randomBytes(136 * 1024 * 1024)
    await writeFile(file, data)
    const expected = createHash('sha256').update(data).digest('hex')
    const token = service.issueRuntimeToken({ repository: 'octo/repo', ref: 'refs/heads/main' })
    const env = jobEnv({ resultsUrl: host.url, token, runnerTemp: join(dir, 'temp'), workspace })
    await mkdir(env.RUNNER_TEMP!)
    const saved = await runFixture('actions-cache-cli.ts', ['save', 'big.bin', `big-${label}`], env)
    expect(saved.result).toEqual({ id: expect.any(Number) })
    expect((saved.result as { id: number }).id).toBeGreaterThan(0)
    await rm(file)
    const restored = await runFixture('actions-cache-cli.ts', ['restore', 'big.bin', `big-${label}`], env)
    expect(restored.result).toEqual({ matched: `big-${label}` })
    expect(await sha256(file)).toBe(expected)
    const entry = service.entries().find(e => e.key === `big-${label}`)!
    expect(entry).toMatchObject({ finalized: true, scope: 'refs/heads/main' })
    expect(entry.sizeBytes).toBeGreaterThan(128 * 1024 * 1024)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('cache service, in-process blob store', () => {
  let service: CacheServicePlugin
  let host: PluginHost
  beforeAll(async () => {
    service = createCacheService()
    host = await hostPlugins([service])
  })
  afterAll(async () => {
    await host?.close()
  })

  it('round-trips a 136 MiB file byte-identically through @actions/cache (blocks and a block list)', async () => {
    await roundTrip(service, host, 'in-process')
    const counts = service.counts()
    expect(counts['actions-cache/CreateCacheEntry']).toBe(1)
    expect(counts['actions-cache/FinalizeCacheEntryUpload']).toBe(1)
    expect(counts['actions-cache/GetCacheEntryDownloadURL']).toBe(1)
    expect(counts['azure-blob/put-block']).toBe(3)
    expect(counts['azure-blob/put-block-list']).toBe(1)
    expect(host.stats['actions-cache/CreateCacheEntry']).toEqual({ reads: 0, writes: 1, notModified: 0 })
  }, 120_000)
})

describe('cache service, Azurite blob store', () => {
  let azurite: AzuriteServer
  let service: CacheServicePlugin
  let host: PluginHost
  beforeAll(async () => {
    azurite = await startAzurite()
    service = createCacheService({ blobStore: new AzuriteBlobStore(azurite) })
    host = await hostPlugins([service])
  }, 90_000)
  afterAll(async () => {
    await host?.close()
    await azurite?.stop()
  })

  it('round-trips a 136 MiB file byte-identically through @actions/cache and Azurite', async () => {
    await roundTrip(service, host, 'azurite')
    expect(service.counts()['azure-blob/put-block']).toBeUndefined() // the blobs went to Azurite, not to us
    expect(await service.blobStore.size(service.entries()[0].blob)).toBe(service.entries()[0].sizeBytes)
  }, 120_000)
})
