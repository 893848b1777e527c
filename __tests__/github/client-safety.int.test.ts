/**
 * The client is safe to point at anything: a rate limit that asks for a longer wait than the bound fails at once
 * and says when to run again, and credentials inside an API URL are refused and never printed — through the
 * client, through CLOUD apply against the emulator, and through the CLI run from source.
 */
import { spawn } from 'node:child_process'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { GitHubAPIAdapter } from '../../src/adapters/github/git.js'
import { ConfigurationError, errorMessage, redactUrls } from '../../src/errors.js'
import { createGitHubClient } from '../../src/github/client.js'
import { GitHubApiError, RateLimitError, mapGitHubError } from '../../src/github/errors.js'
import { readSettings } from '../../src/settings.js'
import { cleanEnv } from '../cli/cli-helpers.js'
import { git, makeTempRepo } from '../helpers/git.js'
import { headOf, serve } from './support.js'

const SECRET = 's3cret-token-in-url'

/** A loopback server answering every request with `answer`; counts the requests. */
async function loopback(answer: (res: ServerResponse, n: number) => void) {
  let hits = 0
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => answer(res, ++hits))
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>(r => (server.closeAllConnections(), server.close(() => r())))
  }
}

function secondary(res: ServerResponse, status: number, retryAfter: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'retry-after': retryAfter })
  res.end(JSON.stringify({ message: 'You have exceeded a secondary rate limit.' }))
}

const quiet = { warning: () => undefined, debug: () => undefined }

describe('retry-after beyond the bound', () => {
  it.each([403, 429])(
    'fails at once on a %i that asks for an hour, saying when to run again',
    async status => {
      const server = await loopback(res => secondary(res, status, '3600'))
      try {
        const client = createGitHubClient({ token: 't', repository: 'o/r', apiUrl: server.url, log: quiet })
        const started = Date.now()
        const error = await client.octokit
          .request('POST /repos/{owner}/{repo}/git/trees', { owner: 'o', repo: 'r', tree: [] })
          .catch(e => e)
        expect(Date.now() - started).toBeLessThan(5000)
        expect(server.hits()).toBe(1)
        expect(error).toBeInstanceOf(RateLimitError)
        const resetAt = (error as RateLimitError).resetAt.getTime()
        expect(Math.abs(resetAt - (started + 3600_000))).toBeLessThan(10_000)
        expect(error.message).toContain(new Date(resetAt).toISOString())
        expect(error.message).toMatch(/retry-after.*more than the 60 s self-heal waits/)
      } finally {
        await server.close()
      }
    }
  )

  it('still waits out a 429 whose retry-after is within the bound, once per retry', async () => {
    const server = await loopback((res, n) =>
      n === 1
        ? secondary(res, 429, '1')
        : (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"ok":true}'))
    )
    try {
      const warnings: string[] = []
      const client = createGitHubClient({
        token: 't',
        repository: 'o/r',
        apiUrl: server.url,
        retryBaseMs: 5,
        minWriteIntervalMs: 0,
        log: { warning: m => warnings.push(m), debug: () => undefined }
      })
      const { data } = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })
      expect(data).toEqual({ ok: true })
      expect(server.hits()).toBe(2)
      expect(warnings.join('\n')).toMatch(/waiting 1 s \(retry-after\)/)
    } finally {
      await server.close()
    }
  })

  it('makes CLOUD apply fail fast against the emulator, with no ref moved', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const served = await serve(repo.path)
    try {
      served.emulator.triggerSecondaryRateLimit({ retryAfter: 3600, times: 5 })
      const adapter = new GitHubAPIAdapter(served.clientWith({ retryBaseMs: 1000 }))
      const started = Date.now()
      const diff = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n'
      const error = await adapter.applyDiff(diff, 'fix', { branch: 'fix', base: 'main' }).catch(e => e)
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(error).toBeInstanceOf(RateLimitError)
      expect(errorMessage(error)).toMatch(/run again after \d{4}-\d\d-\d\dT/)
      expect(await headOf(served.bare, 'fix')).toBeUndefined()
    } finally {
      served.emulator.clearFaults()
      await served.close()
      await repo.cleanup()
    }
  })
})

describe('credentials in URLs', () => {
  it('redacts the userinfo of every URL in a text', () => {
    expect(redactUrls(`see https://user:${SECRET}@ghe.example.com/api/v3/repos and http://a@b:1/x`)).toBe(
      'see https://***@ghe.example.com/api/v3/repos and http://***@b:1/x'
    )
    expect(redactUrls('https://x:p@ss@host/p?q=a@b')).toBe('https://***@host/p?q=a@b')
    expect(redactUrls('mail me at a@b.c, or https://host/path@v2')).toBe(
      'mail me at a@b.c, or https://host/path@v2'
    )
    expect(errorMessage(new Error(`fetch https://${SECRET}@h/x failed`))).toBe('fetch https://***@h/x failed')
  })

  it('refuses an API or GraphQL URL with credentials, naming it without them', () => {
    for (const settings of [
      { apiUrl: `https://user:${SECRET}@127.0.0.1:9/api` },
      { graphqlUrl: `https://${SECRET}@127.0.0.1:9/graphql` }
    ]) {
      const error = (() => {
        try {
          createGitHubClient({ token: 't', repository: 'o/r', ...settings, log: quiet })
        } catch (e) {
          return e as Error
        }
      })()
      expect(error).toBeInstanceOf(ConfigurationError)
      expect(error!.message).toContain('***@127.0.0.1:9')
      expect(error!.message).not.toContain(SECRET)
    }
    for (const env of [
      { GITHUB_API_URL: `https://u:${SECRET}@h/api` },
      { GITHUB_GRAPHQL_URL: `ftp://u:${SECRET}@h` }
    ]) {
      expect(() => readSettings({}, env)).toThrow(ConfigurationError)
      expect(() => readSettings({}, env)).not.toThrow(new RegExp(SECRET))
    }
  })

  it('hides them in a mapped error whose message holds a URL', () => {
    const network = Object.assign(
      new Error(`request to https://u:${SECRET}@h/api/x failed, reason: refused`),
      {
        status: 500
      }
    )
    const mapped = mapGitHubError(network, { action: 'reading the repository' })
    expect(mapped).toBeInstanceOf(GitHubApiError)
    expect(mapped.message).toContain('https://***@h/api/x')
    expect(mapped.message).not.toContain(SECRET)
    expect(mapGitHubError(`oops https://${SECRET}@h`, { action: 'x' }).message).not.toContain(SECRET)
  })

  it('never prints them from the CLI (run from source), in text or --json', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    try {
      const diff = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n'
      const common = [
        'apply',
        '--environment',
        'cloud',
        '--repository',
        'o/r',
        '--token',
        't',
        '--patch',
        '-'
      ]
      const runs = [
        [...common, '--api-url', `https://user:${SECRET}@127.0.0.1:9/api`, '--branch', 'b', '--message', 'm'],
        [
          ...common,
          '--api-url',
          `ftp://user:${SECRET}@127.0.0.1:9/api`,
          '--branch',
          'b',
          '--message',
          'm',
          '--json'
        ]
      ]
      for (const args of runs) {
        const run = await tsxCli(args, repo.path, diff)
        expect(run.code).toBe(2)
        expect(run.stdout + run.stderr).not.toContain(SECRET)
        expect(run.stdout + run.stderr).toContain('***@127.0.0.1:9')
      }
      expect(await git(repo.path, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main')
    } finally {
      await repo.cleanup()
    }
  })
})

/** Runs `src/cli.ts` through tsx (the bundled CLI in dist/ is rebuilt only on merge). */
function tsxCli(
  args: string[],
  cwd: string,
  input: string
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [resolve('node_modules/tsx/dist/cli.mjs'), resolve('src/cli.ts'), ...args],
      {
        cwd,
        env: cleanEnv()
      }
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', fail)
    child.on('close', code => done({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(input)
  })
}
