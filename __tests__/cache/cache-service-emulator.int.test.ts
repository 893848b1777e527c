/**
 * The cache service plugin inside the real emulator core (`startEmulator({ plugins })`): `@actions/cache` in child
 * processes against the Twirp API and the in-process blob store on the emulator's port, the counts in
 * `/_emulator/stats`, and GitHub's REST cache operations through Octokit, validated by the core against GitHub's
 * OpenAPI description (a non-conforming reply fails close()).
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCacheService, type CacheServicePlugin } from '../../emulator/cache-service.js'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { jobEnv, runFixture } from './helpers/child.js'

let service: CacheServicePlugin
let test: TestEmulator
let dir: string

beforeAll(async () => {
  service = createCacheService()
  test = await startTestEmulator({ plugins: [service] })
  dir = await mkdtemp(join(tmpdir(), 'cache-emulator-'))
}, 60_000)

afterAll(async () => {
  await test?.close()
  await rm(dir, { recursive: true, force: true })
})

async function save(ref: string, key: string, content: Buffer): Promise<unknown> {
  const workspace = join(dir, key)
  await mkdir(join(workspace, 'temp'), { recursive: true })
  await writeFile(join(workspace, 'data.bin'), content)
  const token = service.issueRuntimeToken({ repository: 'octo/repo', ref, defaultRef: 'refs/heads/main' })
  const env = jobEnv({ resultsUrl: test.emulator.url, token, runnerTemp: join(workspace, 'temp'), workspace })
  return (await runFixture('actions-cache-cli.ts', ['save', 'data.bin', key], env)).result
}

describe('cache service in the emulator core', () => {
  it('saves and restores through @actions/cache, counted in /_emulator/stats; exact key, then newest prefix, then the default branch', async () => {
    test.emulator.resetStats()
    const main = randomBytes(300_000)
    const newer = randomBytes(1000)
    expect(await save('refs/heads/main', 'deps-linux-aaa', main)).toEqual({ id: expect.any(Number) })
    expect(await save('refs/heads/main', 'deps-linux-bbb', newer)).toEqual({ id: expect.any(Number) })
    const workspace = join(dir, 'restore')
    await mkdir(join(workspace, 'temp'), { recursive: true })
    const restore = async (ref: string, key: string, ...restoreKeys: string[]): Promise<unknown> => {
      const token = service.issueRuntimeToken({ repository: 'octo/repo', ref, defaultRef: 'refs/heads/main' })
      const env = jobEnv({
        resultsUrl: test.emulator.url,
        token,
        runnerTemp: join(workspace, 'temp'),
        workspace
      })
      return (await runFixture('actions-cache-cli.ts', ['restore', 'data.bin', key, ...restoreKeys], env))
        .result
    }
    expect(await restore('refs/heads/main', 'deps-linux-aaa')).toEqual({ matched: 'deps-linux-aaa' })
    expect((await readFile(join(workspace, 'data.bin'))).equals(main)).toBe(true)
    expect(await restore('refs/heads/main', 'deps-linux-')).toEqual({ matched: 'deps-linux-bbb' })
    expect((await readFile(join(workspace, 'data.bin'))).equals(newer)).toBe(true)
    // A feature branch reads the default branch's entries; a miss, then a restore key.
    expect(await restore('refs/heads/feature', 'deps-mac-', 'deps-linux-aaa')).toEqual({
      matched: 'deps-linux-aaa'
    })
    expect(await restore('refs/heads/feature', 'nothing-')).toEqual({ matched: null })
    // An entry saved on a feature branch is not visible from main.
    expect(await save('refs/heads/feature', 'feature-only', newer)).toEqual({ id: expect.any(Number) })
    expect(await restore('refs/heads/main', 'feature-only')).toEqual({ matched: null })
    const stats = test.emulator.stats().operations
    expect(stats['actions-cache/CreateCacheEntry']).toEqual({ reads: 0, writes: 3, notModified: 0 })
    expect(stats['actions-cache/FinalizeCacheEntryUpload']).toEqual({ reads: 0, writes: 3, notModified: 0 })
    expect(stats['actions-cache/GetCacheEntryDownloadURL']).toEqual({ reads: 5, writes: 0, notModified: 0 })
    expect(stats['azure-blob/put-blob'].writes).toBe(3)
    expect(stats['azure-blob/get-blob'].reads).toBe(3)
  }, 90_000)

  it('rejects a request without a valid runtime token (401) and an unsigned blob URL (403)', async () => {
    const twirp = `${test.emulator.url}/twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`
    const body = JSON.stringify({ key: 'k', version: 'v' })
    const none = await fetch(twirp, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      code: 'unauthenticated',
      msg: 'a runtime token (Bearer) is required'
    })
    const forged = await fetch(twirp, { method: 'POST', body, headers: { authorization: 'Bearer a.b.c' } })
    expect(forged.status).toBe(401)
    const blob = service.entries()[0].blob
    const unsigned = await fetch(`${test.emulator.url}/_cache-blobs/actions-cache/${blob}`)
    expect(unsigned.status).toBe(403)
    expect(unsigned.headers.get('x-ms-error-code')).toBe('AuthenticationFailed')
  })

  it("serves GitHub's REST cache operations: list (filters, sort, pages), delete by key, delete by id", async () => {
    const { octokit, owner, repo } = test
    const all = await octokit.rest.actions.getActionsCacheList({
      owner,
      repo,
      sort: 'created_at',
      direction: 'asc'
    })
    expect(all.data.total_count).toBe(3)
    expect(all.data.actions_caches.map(c => c.key)).toEqual([
      'deps-linux-aaa',
      'deps-linux-bbb',
      'feature-only'
    ])
    expect(all.data.actions_caches[0]).toMatchObject({
      ref: 'refs/heads/main',
      size_in_bytes: expect.any(Number)
    })
    const filtered = await octokit.rest.actions.getActionsCacheList({
      owner,
      repo,
      key: 'deps-',
      ref: 'refs/heads/main',
      per_page: 1,
      page: 2,
      sort: 'created_at',
      direction: 'asc'
    })
    expect(filtered.data.total_count).toBe(2)
    expect(filtered.data.actions_caches.map(c => c.key)).toEqual(['deps-linux-bbb'])
    const deleted = await octokit.rest.actions.deleteActionsCacheByKey({ owner, repo, key: 'deps-linux-aaa' })
    expect(deleted.data.actions_caches.map(c => c.key)).toEqual(['deps-linux-aaa'])
    await expect(
      octokit.rest.actions.deleteActionsCacheByKey({ owner, repo, key: 'deps-linux-aaa' })
    ).rejects.toMatchObject({ status: 404 })
    const id = all.data.actions_caches[2].id!
    const byId = await octokit.rest.actions.deleteActionsCacheById({ owner, repo, cache_id: id })
    expect(byId.status).toBe(204)
    await expect(
      octokit.rest.actions.deleteActionsCacheById({ owner, repo, cache_id: id })
    ).rejects.toMatchObject({ status: 404 })
    const left = await octokit.rest.actions.getActionsCacheList({ owner, repo })
    expect(left.data.actions_caches.map(c => c.key)).toEqual(['deps-linux-bbb'])
    expect(test.emulator.stats().operations['actions/delete-actions-cache-by-id']).toEqual({
      reads: 0,
      writes: 2,
      notModified: 0
    })
  })

  it('speaks Twirp as the real service does: pending entries, finalize checks, invalid keys', async () => {
    const token = service.issueRuntimeToken({ repository: 'octo/repo', ref: 'refs/heads/twirp' })
    const call = async (
      method: string,
      body: unknown
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(
        `${test.emulator.url}/twirp/github.actions.results.api.v1.CacheService/${method}`,
        {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
        }
      )
      return { status: res.status, body: (await res.json()) as Record<string, unknown> }
    }
    const created = await call('CreateCacheEntry', { key: 'pending', version: 'v1' })
    expect(created).toMatchObject({
      status: 200,
      body: { ok: true, signed_upload_url: expect.stringContaining('/_cache-blobs/') }
    })
    expect(await call('CreateCacheEntry', { key: 'pending', version: 'v1' })).toEqual({
      status: 409,
      body: {
        code: 'already_exists',
        msg: 'cache entry with the same key, version, and scope is being created by another job'
      }
    })
    // Another version of the same key is another entry.
    expect((await call('CreateCacheEntry', { key: 'pending', version: 'v2' })).body.ok).toBe(true)
    expect(
      await call('FinalizeCacheEntryUpload', { key: 'pending', version: 'v1', size_bytes: '3' })
    ).toEqual({
      status: 200,
      body: { ok: false, message: "the archive for cache key 'pending' was not uploaded" }
    })
    const upload = await fetch(String(created.body.signed_upload_url), {
      method: 'PUT',
      body: 'four',
      headers: { 'x-ms-blob-type': 'BlockBlob' }
    })
    expect(upload.status).toBe(201)
    expect(
      (await call('FinalizeCacheEntryUpload', { key: 'pending', version: 'v1', size_bytes: '3' })).body
    ).toEqual({
      ok: false,
      message: "the archive for cache key 'pending' is 4 bytes, not the 3 declared"
    })
    expect(
      await call('FinalizeCacheEntryUpload', { key: 'pending', version: 'v1', size_bytes: '4' })
    ).toEqual({
      status: 200,
      body: { ok: true, entry_id: expect.any(String) }
    })
    expect(
      (await call('FinalizeCacheEntryUpload', { key: 'pending', version: 'v1', size_bytes: '4' })).status
    ).toBe(404)
    expect(await call('GetCacheEntryDownloadURL', { key: 'pend', version: 'v1' })).toMatchObject({
      status: 200,
      body: { ok: true, matched_key: 'pending' }
    })
    expect(await call('GetCacheEntryDownloadURL', { key: 'pend', version: 'v2' })).toMatchObject({
      status: 200,
      body: { ok: false }
    })
    expect((await call('CreateCacheEntry', { key: 'a,b', version: 'v1' })).body).toEqual({
      code: 'invalid_argument',
      msg: 'key cannot contain commas'
    })
    expect((await call('CreateCacheEntry', { key: 'k'.repeat(513), version: 'v1' })).status).toBe(400)
    expect((await call('NoSuchMethod', {})).status).toBe(404)
  })
})
