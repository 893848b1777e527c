import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { getOctokit } from '@actions/github'
import { git, makeTempDir, makeTempRepo } from '../helpers/git.js'

/** Waits for the first line of a stream that matches. */
function lineMatching(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms: ${buffer}`)),
      timeoutMs
    )
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      const line = buffer.split('\n').find(candidate => pattern.test(candidate))
      if (line) {
        clearTimeout(timer)
        resolve(line)
      }
    })
  })
}

// Started as `npm run emulator` starts it (node --import tsx): tsx's own CLI would stand between the test and the
// emulator, and it kills a child that has not acknowledged a relayed signal within 30 ms (a busy machine fails that).
describe('emulator CLI', () => {
  it('serves a bare repository, prints the listening line and stops on SIGTERM', async () => {
    const source = await makeTempRepo({ 'hello.txt': 'hi\n' })
    const bare = await makeTempDir('emulator-cli-')
    const gitDir = join(bare.path, 'repo.git')
    await git(bare.path, 'clone', '-q', '--bare', '--', source.path, gitDir)
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'emulator/cli.ts',
        '--repo',
        gitDir,
        '--name',
        'acme/widget',
        '--token',
        'cli-token'
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    try {
      const line = await lineMatching(child.stdout, /^listening on /, 20_000)
      expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/)
      const url = line.replace('listening on ', '')
      const octokit = getOctokit('cli-token', { baseUrl: url })
      const { data } = await octokit.rest.repos.getContent({
        owner: 'acme',
        repo: 'widget',
        path: 'hello.txt'
      })
      expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe('hi\n')
      const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as { totals: { reads: number } }
      expect(stats.totals.reads).toBe(1)
      // @actions/github reads GITHUB_API_URL when it loads: unchanged code reaches the emulator through it.
      const script =
        "import { getOctokit } from '@actions/github'\n" +
        "const { data } = await getOctokit(process.env.GITHUB_TOKEN).rest.repos.get({ owner: 'acme', repo: 'widget' })\n" +
        'process.stdout.write(data.full_name)\n'
      const viaEnv = spawn(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, GITHUB_API_URL: url, GITHUB_TOKEN: 'cli-token' },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let printed = ''
      viaEnv.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')))
      expect(await new Promise(resolve => viaEnv.once('exit', resolve))).toBe(0)
      expect(printed).toBe('acme/widget')
      // Faults and violations through the control API, for clients in other processes.
      const control = (path: string, body?: unknown) =>
        fetch(`${url}/_emulator/${path}`, {
          method: 'POST',
          body: body === undefined ? undefined : JSON.stringify(body)
        })
      expect((await control('fail-next', { operationId: 'repos/get', status: 503, times: 1 })).status).toBe(
        204
      )
      const failed = await octokit.rest.repos
        .get({ owner: 'acme', repo: 'widget' })
        .catch((e: { status: number }) => e)
      expect((failed as { status: number }).status).toBe(503)
      expect((await control('secondary-rate-limit', { status: 429, retryAfter: 3 })).status).toBe(204)
      const limited = await octokit.rest.repos
        .get({ owner: 'acme', repo: 'widget' })
        .catch((e: { status: number }) => e)
      expect((limited as { status: number }).status).toBe(429)
      expect((await control('fail-next', { status: 'x' })).status).toBe(422)
      await octokit.rest.repos
        .getBranch({ owner: 'acme', repo: 'widget', branch: 'main' })
        .catch(() => undefined)
      const violations = (await (await fetch(`${url}/_emulator/violations`)).json()) as {
        operationId: string
      }[]
      expect(violations.map(v => v.operationId)).toEqual(['repos/get-branch'])
      const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      await source.cleanup()
      await bare.cleanup()
    }
  })

  it('exits 2 with a clear message for a path that is not a repository', async () => {
    const empty = await makeTempDir('emulator-cli-empty-')
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--repo', empty.path], {
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
      const code = await new Promise<number | null>(resolve => child.once('exit', c => resolve(c)))
      expect(code).toBe(2)
      expect(stderr).toMatch(/is not a git repository/)
    } finally {
      await empty.cleanup()
    }
  })
})
