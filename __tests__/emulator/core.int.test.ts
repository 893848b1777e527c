import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { EmulatorPlugin } from '../../emulator/plugin.js'
import { startTestEmulator, withEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git } from '../helpers/git.js'

/** Status of a rejected Octokit call. */
async function statusOf(
  promise: Promise<unknown>
): Promise<{ status: number; message: string; headers: Record<string, string> }> {
  try {
    await promise
  } catch (error) {
    const e = error as { status: number; message: string; response?: { headers: Record<string, string> } }
    return { status: e.status, message: e.message, headers: e.response?.headers ?? {} }
  }
  throw new Error('expected the request to fail')
}

const plugin: EmulatorPlugin = {
  name: 'test-plugin',
  routes: [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}',
      operationId: 'actions/get-workflow',
      kind: 'read',
      permission: 'actions',
      async handler(ctx) {
        if (ctx.params.workflow_id === 'broken.yml') return { status: 200, body: { id: 'not-a-number' } }
        const now = new Date(ctx.emulator.now()).toISOString()
        return {
          status: 200,
          body: {
            id: 7,
            node_id: 'W_7',
            name: 'CI',
            path: `.github/workflows/${ctx.params.workflow_id}`,
            state: 'active',
            created_at: now,
            updated_at: now,
            url: `${ctx.emulator.url}/repos/${ctx.repo.fullName}/actions/workflows/7`,
            html_url: `${ctx.emulator.url}/${ctx.repo.fullName}/actions/workflows/${ctx.params.workflow_id}`,
            badge_url: `${ctx.emulator.url}/${ctx.repo.fullName}/workflows/CI/badge.svg`
          }
        }
      }
    }
  ]
}

describe('emulator core', () => {
  let t: TestEmulator

  beforeEach(async () => {
    t = await startTestEmulator({
      tokens: { 'read-only': ['metadata'], contents: ['contents'] },
      plugins: [plugin]
    })
  })

  afterEach(async () => {
    await t.close()
  })

  it('serves repos/get for the default repository with rate-limit headers', async () => {
    const { data, headers } = await t.octokit.rest.repos.get({ owner: 'octo', repo: 'repo' })
    expect(data.full_name).toBe('octo/repo')
    expect(data.default_branch).toBe('main')
    expect(headers['x-ratelimit-limit']).toBe('5000')
    expect(headers['x-ratelimit-remaining']).toBe('4999')
    expect(headers['x-ratelimit-used']).toBe('1')
    expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000)
  })

  it('reads the default branch ref from the real bare repository', async () => {
    const { data } = await t.octokit.rest.git.getRef({ owner: 'octo', repo: 'repo', ref: 'heads/main' })
    const head = await git(t.emulator.repository.gitDir, 'rev-parse', 'refs/heads/main')
    expect(data.object.sha).toBe(head)
    expect(data.ref).toBe('refs/heads/main')
  })

  it('answers 401 without a token and with an unknown one', async () => {
    const none = await fetch(`${t.emulator.url}/repos/octo/repo`)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401'
    })
    const bad = await statusOf(t.clientFor('nope').rest.repos.get({ owner: 'octo', repo: 'repo' }))
    expect(bad.status).toBe(401)
    expect(bad.message).toMatch(/Bad credentials/)
  })

  it('answers 403 "Resource not accessible by integration" for a missing permission', async () => {
    const client = t.clientFor('read-only')
    await expect(client.rest.repos.get({ owner: 'octo', repo: 'repo' })).resolves.toBeDefined()
    const denied = await statusOf(client.rest.git.getRef({ owner: 'octo', repo: 'repo', ref: 'heads/main' }))
    expect(denied.status).toBe(403)
    expect(denied.message).toMatch(/Resource not accessible by integration/)
    expect(denied.headers['x-accepted-github-permissions']).toBe('contents=read')
    const plugin403 = await statusOf(
      t.clientFor('contents').rest.actions.getWorkflow({ owner: 'octo', repo: 'repo', workflow_id: 'ci.yml' })
    )
    expect(plugin403.status).toBe(403)
  })

  it('answers 404 for unknown repositories and paths', async () => {
    expect((await statusOf(t.octokit.rest.repos.get({ owner: 'octo', repo: 'missing' }))).status).toBe(404)
    const res = await fetch(`${t.emulator.url}/nothing/here`, {
      headers: { authorization: `token ${t.emulator.token}` }
    })
    expect(res.status).toBe(404)
  })

  it('sets an ETag on GETs and answers 304 without counting against the limit', async () => {
    const first = await fetch(`${t.emulator.url}/repos/octo/repo`, {
      headers: { authorization: `Bearer ${t.emulator.token}` }
    })
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/)
    const remaining = first.headers.get('x-ratelimit-remaining')
    const second = await fetch(`${t.emulator.url}/repos/octo/repo`, {
      headers: { authorization: `Bearer ${t.emulator.token}`, 'if-none-match': etag as string }
    })
    expect(second.status).toBe(304)
    expect(second.headers.get('x-ratelimit-remaining')).toBe(remaining)
    const stats = t.emulator.stats()
    expect(stats.operations['repos/get']).toEqual({ reads: 1, writes: 0, notModified: 1 })
    expect(stats.totals).toEqual({ reads: 1, writes: 0, notModified: 1 })
  })

  it('serves /_emulator/stats and /_emulator/reset-stats', async () => {
    await t.octokit.rest.repos.get({ owner: 'octo', repo: 'repo' })
    await t.octokit.rest.git.getRef({ owner: 'octo', repo: 'repo', ref: 'heads/main' })
    const stats = (await (await fetch(`${t.emulator.url}/_emulator/stats`)).json()) as Record<string, unknown>
    expect(stats).toEqual({
      totals: { reads: 2, writes: 0, notModified: 0 },
      operations: {
        'git/get-ref': { reads: 1, writes: 0, notModified: 0 },
        'repos/get': { reads: 1, writes: 0, notModified: 0 }
      }
    })
    const reset = await fetch(`${t.emulator.url}/_emulator/reset-stats`, { method: 'POST' })
    expect(reset.status).toBe(204)
    expect(t.emulator.stats()).toEqual({ totals: { reads: 0, writes: 0, notModified: 0 }, operations: {} })
  })

  it('routes plugin operations like core ones, and catches a plugin response that does not conform', async () => {
    const { data } = await t.octokit.rest.actions.getWorkflow({
      owner: 'octo',
      repo: 'repo',
      workflow_id: 'ci.yml'
    })
    expect(data.path).toBe('.github/workflows/ci.yml')
    expect(t.emulator.stats().operations['actions/get-workflow']?.reads).toBe(1)
    const broken = await statusOf(
      t.octokit.rest.actions.getWorkflow({ owner: 'octo', repo: 'repo', workflow_id: 'broken.yml' })
    )
    expect(broken.status).toBe(500)
    expect(broken.message).toMatch(
      /emulator: response does not conform to actions\/get-workflow: response must have required property 'node_id'/
    )
    const violations = t.emulator.violations()
    expect(violations).toHaveLength(1)
    expect(violations[0]).toMatchObject({
      kind: 'response',
      operationId: 'actions/get-workflow',
      status: 200
    })
    t.emulator.clearViolations()
  })

  it('refuses a request body that does not conform, and records it', async () => {
    const res = await fetch(`${t.emulator.url}/repos/octo/repo/git/refs`, {
      method: 'POST',
      headers: { authorization: `token ${t.emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ref: 'refs/heads/x' })
    })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { message: string }
    expect(body.message).toMatch(
      /request does not conform to git\/create-ref: body must have required property 'sha'/
    )
    expect(t.emulator.violations()).toHaveLength(1)
    t.emulator.clearViolations()
  })

  it('serves several repositories, each from its own bare repository', async () => {
    const other = await t.emulator.addRepository('acme/tools')
    expect([...t.emulator.repositories.keys()]).toEqual(['octo/repo', 'acme/tools'])
    expect(t.emulator.services.repositories.get('acme/tools')?.gitDir).toBe(other.gitDir)
    const { data } = await t.octokit.rest.repos.get({ owner: 'acme', repo: 'tools' })
    expect(data.full_name).toBe('acme/tools')
    const ref = await t.octokit.rest.git.getRef({ owner: 'acme', repo: 'tools', ref: 'heads/main' })
    expect(ref.data.object.sha).toBe(await git(other.gitDir, 'rev-parse', 'main'))
    await expect(t.emulator.addRepository('acme/tools')).rejects.toThrow(/already served/)
    await expect(t.emulator.addRepository('not a name')).rejects.toThrow(/is not OWNER\/NAME/)
  })

  it('tells an operation GitHub has but the emulator does not serve, and records it', async () => {
    const failure = await statusOf(
      t.octokit.rest.repos.getBranch({ owner: 'octo', repo: 'repo', branch: 'main' })
    )
    expect(failure.status).toBe(404)
    expect(failure.message).toMatch(
      /GET \/repos\/octo\/repo\/branches\/main is GitHub's repos\/get-branch, which the emulator does not serve/
    )
    expect(t.emulator.violations().map(v => v.operationId)).toEqual(['repos/get-branch'])
    t.emulator.clearViolations()
  })

  it('makes the shared helper fail a test that leaves a violation behind', async () => {
    const result = await withEmulator(
      async ({ octokit, owner, repo }) => (await octokit.rest.repos.get({ owner, repo })).data.name
    )
    expect(result).toBe('repo')
    await expect(
      withEmulator(
        async ({ octokit }) => {
          await octokit.rest.actions
            .getWorkflow({ owner: 'octo', repo: 'repo', workflow_id: 'broken.yml' })
            .catch(() => undefined)
        },
        { plugins: [plugin] }
      )
    ).rejects.toThrow(
      /do not conform to GitHub's description:\n- GET \/repos\/octo\/repo\/actions\/workflows\/broken.yml/
    )
  })
})
