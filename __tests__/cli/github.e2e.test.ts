/**
 * The CLI and the bundled action against GitHub as `npm run emulator` serves it (a separate process over a bare
 * repository): `apply --environment cloud` commits through the API alone, with the tree `git apply` makes, and
 * opens then updates one pull request; LOCAL apply opens the pull request through the API after pushing; the
 * action in CI commits through the API with base files read from the checkout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DIFF_CORPUS, prepareCase, type PreparedCase } from '../helpers/diff-corpus.js'
import { git, makeTempDir, type TempDir } from '../helpers/git.js'
import { runAction } from '../action/run-action.js'
import { cleanEnv, runCli } from './cli-helpers.js'

const TOKEN = 'emulator-token'

interface Served {
  url: string
  process: ChildProcess
}

/** Starts `npm run emulator -- --repo PATH` (the script's command, run directly) and waits for its line. */
function startEmulatorProcess(bare: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'emulator/cli.ts', '--repo', bare],
      {
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let out = ''
    child.stdout.on('data', chunk => {
      out += chunk
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) resolve({ url: match[1], process: child })
    })
    child.on('error', reject)
    child.on('exit', code => reject(new Error(`emulator exited ${code}: ${out}`)))
  })
}

describe('apply through the GitHub API (emulator process)', () => {
  let prepared: PreparedCase
  let bareDir: TempDir
  let bare: string
  let served: Served
  let api: string[]

  beforeAll(async () => {
    // The repository of the corpus' first case, served as octo/repo.
    prepared = await prepareCase(DIFF_CORPUS.find(c => c.name === 'unicode and space-containing paths')!)
    bareDir = await makeTempDir('self-heal-bare-')
    bare = join(bareDir.path, 'repo.git')
    await git(bareDir.path, 'clone', '-q', '--bare', prepared.repo.path, bare)
    served = await startEmulatorProcess(bare)
    api = ['--repository', 'octo/repo', '--token', TOKEN, '--api-url', served.url, '--json']
  }, 60_000)

  afterAll(async () => {
    served?.process.kill('SIGTERM')
    await prepared?.repo.cleanup()
    await bareDir?.cleanup()
  })

  it('commits in the cloud environment with the tree git apply makes, and opens then updates one pull request', async () => {
    const patch = join(bareDir.path, 'change.patch')
    await writeFile(patch, prepared.diff)
    const empty = await makeTempDir()
    try {
      const args = [
        'apply',
        '--environment',
        'cloud',
        '--patch',
        patch,
        '--branch',
        'self-heal/cloud',
        '--message',
        'fix: cloud'
      ]
      const first = await runCli([...args, '--pull-request', ...api], { cwd: empty.path })
      expect(first.stderr).not.toContain(TOKEN)
      expect(first.code).toBe(0)
      const out = JSON.parse(first.stdout)
      expect(out.pullRequest.action).toBe('created')
      expect(await git(bare, 'rev-parse', 'refs/heads/self-heal/cloud')).toBe(out.commit)
      expect(await git(bare, 'rev-parse', `${out.commit}^{tree}`)).toBe(prepared.expectedTree)
      expect(await git(bare, 'rev-parse', `${out.commit}^`)).toBe(prepared.base)

      const again = await runCli(
        [
          'apply',
          '--environment',
          'cloud',
          '--patch',
          '-',
          '--branch',
          'self-heal/cloud',
          '--message',
          'fix: more',
          '--pull-request',
          '--title',
          'Better title',
          ...api
        ],
        {
          cwd: empty.path,
          input:
            'diff --git a/README.md b/README.md\nnew file mode 100644\n--- /dev/null\n+++ b/README.md\n@@ -0,0 +1 @@\n+more\n'
        }
      )
      expect(again.code).toBe(0)
      const second = JSON.parse(again.stdout)
      expect(second.pullRequest).toMatchObject({ action: 'updated', number: out.pullRequest.number })
      expect(await git(bare, 'rev-parse', `${second.commit}^`)).toBe(out.commit)
      expect(await git(bare, 'fsck', '--no-progress')).toBe('')
    } finally {
      await empty.cleanup()
    }
  })

  it('exits 2 naming the token when cloud has none', async () => {
    const empty = await makeTempDir()
    try {
      const run = await runCli(
        [
          'apply',
          '--environment',
          'cloud',
          '--patch',
          '-',
          '--branch',
          'x',
          '--message',
          'm',
          '--repository',
          'octo/repo',
          '--api-url',
          served.url
        ],
        { cwd: empty.path, input: prepared.diff }
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('GITHUB_TOKEN')
    } finally {
      await empty.cleanup()
    }
  })

  it('opens a pull request from LOCAL after pushing the branch', async () => {
    await git(prepared.repo.path, 'remote', 'add', 'origin', bare)
    const run = await runCli(
      [
        'apply',
        '--patch',
        '-',
        '--branch',
        'self-heal/local',
        '--message',
        'fix: local',
        '--pull-request',
        ...api
      ],
      { cwd: prepared.repo.path, input: prepared.diff }
    )
    expect(run.stderr).not.toContain(TOKEN)
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(out.pullRequest.action).toBe('created')
    expect(await git(bare, 'rev-parse', 'refs/heads/self-heal/local')).toBe(out.commit)
  })

  it('commits from the action in CI through the API, with base files from the checkout', async () => {
    const run = await runAction(
      prepared.repo.path,
      {
        operation: 'apply',
        patch: prepared.diff,
        branch: 'self-heal/ci',
        message: 'fix: ci',
        'api-url': served.url,
        token: TOKEN
      },
      { GITHUB_REPOSITORY: 'octo/repo' }
    )
    expect(run.stdout).not.toContain('::error')
    expect(run.code).toBe(0)
    expect(run.outputs.environment).toBe('ci')
    expect(await git(bare, 'rev-parse', `${run.outputs.commit}^{tree}`)).toBe(prepared.expectedTree)
    // Nothing set an author: GitHub (here the emulator) commits it, and signs it.
    expect(await git(bare, 'log', '-1', '--format=%an', run.outputs.commit)).not.toBe('Test Author')
  })
})
