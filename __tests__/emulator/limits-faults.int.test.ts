import { afterEach, describe, expect, it } from '@jest/globals'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { rejectionOf } from './support.js'

describe('emulator rate limits and fault injection', () => {
  let t: TestEmulator | undefined
  const repo = { owner: 'octo', repo: 'repo' }

  afterEach(async () => {
    await t?.close()
    t = undefined
  })

  it('enforces the content-creation budget of 80 writes a minute on its clock', async () => {
    t = await startTestEmulator()
    const test = t
    const blob = (i: number) => test.octokit.rest.git.createBlob({ ...repo, content: `blob ${i}` })
    for (let batch = 0; batch < 8; batch++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => blob(batch * 10 + i)))
    }
    const refused = await rejectionOf(blob(80))
    expect(refused.status).toBe(403)
    expect(refused.message).toMatch(/secondary rate limit/)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    // Reads are not content creation.
    await expect(t.octokit.rest.repos.get(repo)).resolves.toBeDefined()
    t.emulator.advanceClock(61_000)
    await expect(blob(81)).resolves.toMatchObject({ status: 201 })
  })

  it('answers secondary limits on demand with 403 or 429 and retry-after', async () => {
    t = await startTestEmulator()
    t.emulator.triggerSecondaryRateLimit({ status: 429, retryAfter: 7 })
    const first = await rejectionOf(t.octokit.rest.repos.get(repo))
    expect(first.status).toBe(429)
    expect(first.headers['retry-after']).toBe('7')
    t.emulator.triggerSecondaryRateLimit()
    const second = await rejectionOf(t.octokit.rest.repos.get(repo))
    expect(second.status).toBe(403)
    expect(second.message).toMatch(/You have exceeded a secondary rate limit/)
    await expect(t.octokit.rest.repos.get(repo)).resolves.toBeDefined()
  })

  it('refuses requests past the primary limit with x-ratelimit-remaining 0', async () => {
    t = await startTestEmulator({ rateLimit: 3 })
    for (let i = 0; i < 3; i++) await t.octokit.rest.repos.get(repo)
    const refused = await rejectionOf(t.octokit.rest.repos.get(repo))
    expect(refused.status).toBe(403)
    expect(refused.headers['x-ratelimit-remaining']).toBe('0')
    expect(refused.message).toMatch(/API rate limit exceeded/)
  })

  it('truncates recursive trees past a response size', async () => {
    t = await startTestEmulator({ treeTruncateBytes: 600 })
    const { data: tree } = await t.octokit.rest.git.createTree({
      ...repo,
      tree: Array.from({ length: 10 }, (_, i) => ({
        path: `d/f${i}.txt`,
        mode: '100644' as const,
        type: 'blob' as const,
        content: `${i}`
      }))
    })
    const full = await t.octokit.rest.git.getTree({ ...repo, tree_sha: tree.sha })
    expect(full.data.truncated).toBe(false)
    const recursive = await t.octokit.rest.git.getTree({ ...repo, tree_sha: tree.sha, recursive: '1' })
    expect(recursive.data.truncated).toBe(true)
    expect(recursive.data.tree.length).toBeGreaterThan(0)
    expect(recursive.data.tree.length).toBeLessThan(11)
    expect(JSON.stringify(recursive.data.tree).length).toBeLessThanOrEqual(600)
  })

  it('fails the next N matching requests with the given status, headers and body', async () => {
    t = await startTestEmulator()
    t.emulator.failNext(
      { method: 'GET', path: '/repos/{owner}/{repo}/git/ref/{ref}' },
      { status: 502, headers: { 'x-test': 'yes' } },
      2
    )
    for (let i = 0; i < 2; i++) {
      const failed = await rejectionOf(t.octokit.rest.git.getRef({ ...repo, ref: 'heads/main' }))
      expect(failed.status).toBe(502)
      expect(failed.headers['x-test']).toBe('yes')
    }
    await expect(t.octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).resolves.toBeDefined()
    t.emulator.failNext({ operationId: 'repos/get' }, { status: 500, body: { message: 'boom' } })
    const custom = await rejectionOf(t.octokit.rest.repos.get(repo))
    expect(custom.data).toEqual({ message: 'boom' })
    t.emulator.failNext({ path: /^\/graphql$/ }, { status: 503 })
    const gql = await t.octokit.graphql('query { viewer { login } }').catch((e: { status?: number }) => e)
    expect((gql as { status?: number }).status).toBe(503)
  })

  it('adds latency and drops connections', async () => {
    t = await startTestEmulator()
    t.emulator.addLatency({ operationId: 'repos/get' }, 150, 1)
    const started = Date.now()
    await t.octokit.rest.repos.get(repo)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    t.emulator.dropNext({ method: 'GET', path: '/repos/{owner}/{repo}' })
    await expect(t.octokit.rest.repos.get(repo)).rejects.toThrow()
    await expect(t.octokit.rest.repos.get(repo)).resolves.toBeDefined()
  })

  it('serves the GHES layout (/api/v3, /api/graphql) and exposes the flag to plugins', async () => {
    t = await startTestEmulator({ ghes: true })
    expect(t.emulator.services.ghes).toBe(true)
    expect(t.emulator.apiUrl).toBe(`${t.emulator.url}/api/v3`)
    const { data } = await t.octokit.rest.repos.get(repo)
    expect(data.full_name).toBe('octo/repo')
    const gql = await t.octokit.graphql<{ repository: { nameWithOwner: string } }>(
      'query { repository(owner: "octo", name: "repo") { nameWithOwner } }'
    )
    expect(gql.repository.nameWithOwner).toBe('octo/repo')
  })
})
