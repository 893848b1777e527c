/**
 * The Actions cache adapter across jobs, each job run as a runner runs the action: a main step and a post step,
 * two real child processes sharing RUNNER_TEMP, against the emulated cache service with Azurite as the blob
 * store, inside the real emulator core (its stats count the cache calls). Each job runs on its own "machine": its
 * own RUNNER_TEMP contents, mounted (renamed) at the one path all runners use while its steps run — as on
 * GitHub-hosted runners, where the path is the same and the disk is not. (The path matters: `@actions/cache` folds
 * the cached paths into an entry's version.)
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createCacheService,
  type CacheServicePlugin,
  type RuntimeTokenGrant
} from '../../emulator/cache-service.js'
import { AzuriteBlobStore } from '../../emulator/cache-service-blobs.js'
import { startAzurite, type AzuriteServer } from '../../emulator/azurite.js'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { spawn } from 'node:child_process'
import { ROOT, jobEnv, runFixture, type ChildResult } from './helpers/child.js'
import { assertDistFresh } from '../helpers/dist-fresh.js'

assertDistFresh()

let azurite: AzuriteServer
let service: CacheServicePlugin
let test: TestEmulator
let dir: string

beforeAll(async () => {
  azurite = await startAzurite()
  service = createCacheService({ blobStore: new AzuriteBlobStore(azurite) })
  test = await startTestEmulator({ plugins: [service] })
  dir = await mkdtemp(join(tmpdir(), 'actions-cache-jobs-'))
}, 90_000)

afterAll(async () => {
  await test?.close()
  await azurite?.stop()
  await rm(dir, { recursive: true, force: true })
})

interface Job {
  env: NodeJS.ProcessEnv
  main(ops: unknown[]): Promise<ChildResult>
  cli(ops: unknown[]): Promise<ChildResult>
  post(): Promise<ChildResult>
  /** The post step as the runner runs it: the bundled action (dist/index.js) started a second time. */
  bundledPost(): Promise<ChildResult>
}

let machines = 0

/** Runs fn with `disk` mounted at the shared RUNNER_TEMP path. */
async function onMachine<T>(disk: string, fn: () => Promise<T>): Promise<T> {
  const shared = join(dir, 'runner-temp')
  await rename(disk, shared)
  try {
    return await fn()
  } finally {
    await rename(shared, disk)
  }
}

/** A job on a fresh machine: an empty RUNNER_TEMP of its own at the shared path, a run id, attempt and job name. */
async function job(options: {
  run: number
  attempt?: number
  name?: string
  grant?: Partial<RuntimeTokenGrant>
  extra?: NodeJS.ProcessEnv
}): Promise<Job> {
  const runnerTemp = join(dir, 'runner-temp')
  const disk = join(dir, 'disks', String(machines++))
  await mkdir(disk, { recursive: true })
  const workspace = join(dir, 'workspace')
  await mkdir(workspace, { recursive: true })
  const token = service.issueRuntimeToken({
    repository: 'octo/repo',
    ref: 'refs/heads/main',
    ...options.grant
  })
  const env = jobEnv({
    resultsUrl: test.emulator.url,
    token,
    runnerTemp,
    workspace,
    extra: {
      GITHUB_RUN_ID: String(options.run),
      GITHUB_RUN_ATTEMPT: String(options.attempt ?? 1),
      GITHUB_JOB: options.name ?? 'heal',
      ...options.extra
    }
  })
  return {
    env,
    main: ops =>
      onMachine(disk, () => runFixture('actions-cache-job.ts', ['main', JSON.stringify(ops)], env)),
    post: () => onMachine(disk, () => runFixture('actions-cache-job.ts', ['post'], env)),
    bundledPost: () => onMachine(disk, () => runBundle({ ...env, STATE_isPost: 'true' })),
    cli: ops => onMachine(disk, () => runFixture('actions-cache-job.ts', ['cli', JSON.stringify(ops)], env))
  }
}

function expectClean(result: ChildResult): void {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}

function warnings(result: ChildResult): string[] {
  return result.stdout.split('\n').filter(line => line.startsWith('::warning::'))
}

/** Cache service calls per Twirp method, from the emulator's stats (`GET /_emulator/stats`). */
function cacheCalls(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(test.emulator.stats().operations)
      .filter(([operation]) => operation.startsWith('actions-cache/'))
      .map(([operation, counts]) => [operation, counts.reads + counts.writes])
  )
}

function countsSince(before: Record<string, number>): Record<string, number> {
  const after = cacheCalls()
  return Object.fromEntries(
    Object.keys(after)
      .filter(k => k.startsWith('actions-cache/'))
      .map(k => [k.slice('actions-cache/'.length), after[k] - (before[k] ?? 0)])
  )
}

/** Runs dist/index.js with an environment and waits for it to end. */
function runBundle(env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], { cwd: env.GITHUB_WORKSPACE, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolvePromise({ code, stdout, stderr, result: undefined }))
  })
}

describe('Actions cache adapter across jobs (main and post as separate processes, Azurite blobs)', () => {
  it('a value set in one job is read in the next, a delete carries over, and each job restores once and saves once', async () => {
    const first = await job({ run: 101 })
    let before = cacheCalls()
    const main1 = await first.main([
      ['set', 'fix/abc', { diff: 'x' }],
      ['set', 'gone', 1],
      ['bulk', 300],
      ['get', 'fix/abc']
    ])
    expectClean(main1)
    expect(main1.result).toEqual({ kind: 'actions-cache', reads: { 'fix/abc': { diff: 'x' } } })
    expect(main1.stdout).toMatch(/No cache snapshot saved yet \(key prefix self-heal-cache-v1-\)/)
    const post1 = await first.post()
    expectClean(post1)
    expect(post1.result).toMatchObject({ outcome: 'saved', key: 'self-heal-cache-v1-101-1-heal' })
    expect(countsSince(before)).toEqual({
      GetCacheEntryDownloadURL: 1,
      CreateCacheEntry: 1,
      FinalizeCacheEntryUpload: 1
    })

    const second = await job({ run: 102 })
    before = cacheCalls()
    const main2 = await second.main([
      ['get', 'fix/abc'],
      ['delete', 'gone'],
      ['bulk', 300],
      ['get', 'gone'],
      ['set', 'fix/abc', 'v2']
    ])
    expectClean(main2)
    expect(main2.result).toEqual({ kind: 'actions-cache', reads: { 'fix/abc': { diff: 'x' }, gone: null } })
    expect(main2.stdout).toMatch(/Restored the cache snapshot self-heal-cache-v1-101-1-heal/)
    expectClean(await second.post())
    expect(countsSince(before)).toEqual({
      GetCacheEntryDownloadURL: 1,
      CreateCacheEntry: 1,
      FinalizeCacheEntryUpload: 1
    })

    const third = await job({ run: 103 })
    const main3 = await third.main([
      ['get', 'fix/abc'],
      ['get', 'gone'],
      ['get', 'bulk-299']
    ])
    expect(main3.result).toEqual({
      kind: 'actions-cache',
      reads: { 'fix/abc': 'v2', gone: null, 'bulk-299': { i: 299 } }
    })
    before = cacheCalls()
    const post3 = await third.post() // only reads: nothing to save, no request
    expect(post3.result).toEqual({ outcome: 'nothing-to-save' })
    expect(countsSince(before)).toEqual({
      GetCacheEntryDownloadURL: 0,
      CreateCacheEntry: 0,
      FinalizeCacheEntryUpload: 0
    })
  }, 90_000)

  it('a newer snapshot wins over an older one', async () => {
    // Two jobs start from the same snapshot; the one that saves later is what the next job sees.
    const a = await job({ run: 201 })
    const b = await job({ run: 202 })
    expectClean(
      await a.main([
        ['set', 'race', 'from A'],
        ['set', 'only-a', true]
      ])
    )
    expectClean(await b.main([['set', 'race', 'from B']]))
    expect((await a.post()).result).toMatchObject({ outcome: 'saved' })
    expect((await b.post()).result).toMatchObject({ outcome: 'saved' })
    const c = await job({ run: 203 })
    const read = await c.main([
      ['get', 'race'],
      ['get', 'only-a']
    ])
    expect(read.result).toEqual({ kind: 'actions-cache', reads: { race: 'from B', 'only-a': null } })
    expect(read.stdout).toMatch(/Restored the cache snapshot self-heal-cache-v1-202-1-heal/)
  }, 90_000)

  it("a second main step in the same job reads the first one's writes without restoring again", async () => {
    const j = await job({ run: 301 })
    expectClean(await j.main([['set', 'step', 1]]))
    const before = cacheCalls()
    const second = await j.main([
      ['get', 'step'],
      ['set', 'step', 2]
    ])
    expect(second.result).toEqual({ kind: 'actions-cache', reads: { step: 1 } })
    expect(countsSince(before).GetCacheEntryDownloadURL ?? 0).toBe(0)
    expect((await j.post()).result).toMatchObject({ outcome: 'saved' })
    const next = await job({ run: 302 })
    expect((await next.main([['get', 'step']])).result).toEqual({ kind: 'actions-cache', reads: { step: 2 } })
  }, 90_000)

  it('a process without a post step (the CLI) saves on close, and a second one in the same job saves under -2', async () => {
    const j = await job({ run: 351 })
    const before = cacheCalls()
    expectClean(await j.cli([['set', 'cli', 1]]))
    const second = await j.cli([
      ['get', 'cli'],
      ['set', 'cli', 2]
    ])
    expectClean(second)
    expect(second.result).toEqual({ kind: 'actions-cache', reads: { cli: 1 } })
    expect(countsSince(before)).toEqual({
      GetCacheEntryDownloadURL: 1,
      CreateCacheEntry: 2,
      FinalizeCacheEntryUpload: 2
    })
    expect(service.entries().map(e => e.key)).toEqual(
      expect.arrayContaining(['self-heal-cache-v1-351-1-heal', 'self-heal-cache-v1-351-1-heal-2'])
    )
    const next = await job({ run: 352 })
    expect((await next.main([['get', 'cli']])).result).toEqual({ kind: 'actions-cache', reads: { cli: 2 } })
  }, 90_000)

  it('an existing key ends as a warning that says "already exists", and the job does not fail', async () => {
    // Two legs of a matrix share run id, attempt and job name: the second leg's key exists already.
    const leg1 = await job({ run: 401 })
    const leg2 = await job({ run: 401 })
    expectClean(await leg1.main([['set', 'leg', 1]]))
    expectClean(await leg2.main([['set', 'leg', 2]]))
    expect((await leg1.post()).result).toMatchObject({ outcome: 'saved' })
    const post = await leg2.post()
    expectClean(post)
    expect(post.result).toEqual({ outcome: 'already-exists', key: 'self-heal-cache-v1-401-1-heal' })
    expect(warnings(post)).toEqual([
      expect.stringMatching(
        /^::warning::The cache snapshot was not saved: the key self-heal-cache-v1-401-1-heal already exists/
      )
    ])
  }, 90_000)

  it('a denied write (read-only token) ends as a warning that says "write denied"', async () => {
    const j = await job({ run: 501, grant: { access: 'read' } })
    expectClean(await j.main([['set', 'denied', 1]]))
    const post = await j.post()
    expectClean(post)
    expect(post.result).toMatchObject({ outcome: 'write-denied' })
    expect(warnings(post).join('\n')).toMatch(
      /::warning::The cache snapshot was not saved: write denied — this job's cache token is read-only/
    )
  }, 90_000)

  it('a token with no cache access: the restore and the save each end as a warning, the job works in memory', async () => {
    const j = await job({ run: 551, grant: { access: 'none' } })
    const main = await j.main([
      ['get', 'fix/abc'],
      ['set', 'x', 1],
      ['get', 'x']
    ])
    expectClean(main)
    expect(main.result).toEqual({ kind: 'actions-cache', reads: { 'fix/abc': null, x: 1 } })
    expect(warnings(main).join('\n')).toMatch(
      /The cache snapshot could not be restored \(.*cache read denied.*\): starting with an empty cache/
    )
    const post = await j.post()
    expectClean(post)
    expect(post.result).toMatchObject({ outcome: 'write-denied' })
  }, 90_000)

  it('a 429 ends as a warning that says "rate limited", and the next job still restores the previous snapshot', async () => {
    const j = await job({ run: 601 })
    expectClean(
      await j.main([
        ['set', 'limited', 'lost'],
        ['set', 'fix/abc', 'v3']
      ])
    )
    service.failNext({ method: 'CreateCacheEntry', status: 429, headers: { 'retry-after': '42' } })
    const post = await j.post()
    expectClean(post)
    expect(post.result).toMatchObject({ outcome: 'rate-limited' })
    expect(warnings(post).join('\n')).toMatch(
      /::warning::The cache snapshot was not saved: rate limited by the Actions cache service \(retry after 42 s\)/
    )
    const next = await job({ run: 602 })
    const read = await next.main([
      ['get', 'limited'],
      ['get', 'fix/abc']
    ])
    expect(read.result).toEqual({ kind: 'actions-cache', reads: { limited: null, 'fix/abc': 'v2' } })
  }, 90_000)

  it("the service's real upload limit (429 past N uploads a minute) is also a warning", async () => {
    const limited = createCacheService({ blobStore: new AzuriteBlobStore(azurite), uploadsPerMinute: 1 })
    const limitedHost = await startTestEmulator({ plugins: [limited] })
    try {
      const runnerTemp = join(dir, 'limited')
      const results: ChildResult[] = []
      for (const run of [701, 702]) {
        await rm(runnerTemp, { recursive: true, force: true })
        await mkdir(runnerTemp, { recursive: true })
        const env = jobEnv({
          resultsUrl: limitedHost.emulator.url,
          token: limited.issueRuntimeToken({ repository: 'octo/repo', ref: 'refs/heads/main' }),
          runnerTemp,
          workspace: join(dir, 'workspace'),
          extra: { GITHUB_RUN_ID: String(run), GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'heal' }
        })
        expectClean(
          await runFixture('actions-cache-job.ts', ['main', JSON.stringify([['set', 'k', run]])], env)
        )
        results.push(await runFixture('actions-cache-job.ts', ['post'], env))
      }
      expect(results.map(r => (r.result as { outcome: string }).outcome)).toEqual(['saved', 'rate-limited'])
      expect(results[1].code).toBe(0)
    } finally {
      await limitedHost.close()
    }
  }, 90_000)

  it('without the service it degrades to memory and says so once', async () => {
    const j = await job({ run: 801, extra: { ACTIONS_RESULTS_URL: undefined } })
    const before = cacheCalls()
    const main = await j.main([
      ['set', 'm', 1],
      ['get', 'm'],
      ['set', 'n', 2],
      ['get', 'n']
    ])
    expectClean(main)
    expect(main.result).toEqual({ kind: 'memory', reads: { m: 1, n: 2 } })
    expect(
      main.stdout.match(/The Actions cache is not available \(ACTIONS_RESULTS_URL is not set\)/g)
    ).toHaveLength(1)
    expect((await j.post()).result).toEqual({ outcome: 'unavailable' })
    expect(countsSince(before)).toEqual({
      GetCacheEntryDownloadURL: 0,
      CreateCacheEntry: 0,
      FinalizeCacheEntryUpload: 0
    })
  }, 90_000)

  it("in cache mode 'read' it restores, keeps changes in memory, says so once, and saves nothing", async () => {
    const j = await job({ run: 901, extra: { ACTIONS_CACHE_MODE: 'read' } })
    const before = cacheCalls()
    const main = await j.main([
      ['get', 'fix/abc'],
      ['set', 'fix/abc', 'local only'],
      ['get', 'fix/abc']
    ])
    expectClean(main)
    expect(main.result).toEqual({ kind: 'actions-cache', reads: { 'fix/abc': 'local only' } })
    expect(
      main.stdout.match(/The Actions cache is read-only here \(the cache mode is 'read'\)/g)
    ).toHaveLength(1)
    expect((await j.post()).result).toMatchObject({ outcome: 'write-denied' })
    expect(countsSince(before)).toEqual({
      GetCacheEntryDownloadURL: 1,
      CreateCacheEntry: 0,
      FinalizeCacheEntryUpload: 0
    })
  }, 90_000)

  // Last: the snapshot it saves is the newest, which the tests above must not see.
  it("the bundled action's post step saves the snapshot main left, and the next job reads it", async () => {
    const first = await job({ run: 91 })
    expectClean(await first.main([['set', 'fix/bundled', { diff: 'b' }]]))
    const before = cacheCalls()
    const post = await first.bundledPost()
    expectClean(post)
    expect(post.stdout).not.toContain('::warning::')
    const calls = countsSince(before)
    expect(calls).toMatchObject({ CreateCacheEntry: 1, FinalizeCacheEntryUpload: 1 })
    expect(calls.GetCacheEntryDownloadURL ?? 0).toBe(0)
    const second = await job({ run: 92 })
    const main = await second.main([['get', 'fix/bundled']])
    expect(main.result).toEqual({ kind: 'actions-cache', reads: { 'fix/bundled': { diff: 'b' } } })
  })
})
