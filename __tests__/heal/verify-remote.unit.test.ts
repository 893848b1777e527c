/**
 * verify: remote over memory ports: the fixers run in the memory workspace and the check passes there; the final
 * candidate is committed to its branch of the memory Git and checked on that branch by a scripted "runner" (the
 * check over the branch's files, as a dispatched run would see them), which may disagree with the checkout.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import type { ExecutionAdapter, LintResult } from '../../src/adapters/execution.js'
import { ScriptedExecution } from '../../src/adapters/memory/execution.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { MemoryWorkspace } from '../../src/adapters/memory/workspace.js'
import { ConfigurationError } from '../../src/errors.js'
import { runHeal } from '../../src/heal/loop.js'
import { recall } from '../../src/heal/memory.js'
import type { HealDeps, HealRequest } from '../../src/heal/types.js'

const BROKEN = 'const a = "BAD"\n'
const FILES = { 'src/a.js': BROKEN }
const REPOSITORY = 'github:github.com/octo/repo'
const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }

/** Lint: a line holding one of `words` is a problem. */
function lint(text: string, words: string[]): LintResult {
  const stdout = text
    .split('\n')
    .flatMap((line, i) =>
      words.some(w => line.includes(w)) ? [`src/a.js:${i + 1}:1: error bad word (no-bad)\n`] : []
    )
    .join('')
  return {
    exitCode: stdout ? 1 : 0,
    stdout,
    stderr: '',
    durationMs: 1,
    timedOut: false,
    passed: !stdout,
    source: 'output',
    problems: []
  }
}

/** The runner: the check over a branch's files; `stricter` words fail there only (another machine, another tool). */
function runner(git: MemoryGit, stricter: string[] = []) {
  const refs: string[] = []
  const fail = async (): Promise<never> => {
    throw new Error('only lint runs remotely here')
  }
  const execution: ExecutionAdapter = {
    kind: 'scripted-runner',
    runCommand: fail,
    runTests: fail,
    runBuild: fail,
    runLint: async (_command, options) => {
      refs.push(options!.ref!)
      return lint(git.read(options!.ref!, 'src/a.js') ?? '', ['BAD', ...stricter])
    }
  }
  return { execution, refs }
}

describe('verify: remote', () => {
  let workspace: MemoryWorkspace
  let local: ScriptedExecution
  let git: MemoryGit
  let cache: MemoryCacheAdapter
  beforeEach(() => {
    workspace = new MemoryWorkspace(FILES)
    local = new ScriptedExecution(workspace, {
      lint: ws => lint(ws.read('src/a.js') ?? '', ['BAD']),
      fix: (ws, [to]) => {
        ws.write('src/a.js', `const a = "${to}"\n`)
        return { exitCode: 0 }
      }
    })
    git = new MemoryGit(FILES)
    cache = new MemoryCacheAdapter()
  })

  const heal = (deps: Partial<HealDeps>, request: Partial<HealRequest> = {}) =>
    runHeal(
      {
        execution: local,
        workspace,
        repository: REPOSITORY,
        cache: async () => cache,
        git: async () => git,
        log: quiet,
        ...deps
      },
      { kind: 'lint', check: 'lint', fixers: ['fix good'], verify: 'remote', ...request }
    )

  it('proposes the fix only after the check passes on its branch, and remembers it then', async () => {
    const remote = runner(git)
    const result = await heal({ remoteVerify: { execution: remote.execution } })
    const branch = `self-heal/${result.fingerprint!.id}`
    expect(result).toMatchObject({
      outcome: 'healed',
      remembered: true,
      attempts: [{ source: 'fixer', result: 'verified', remote: 'passed' }],
      proposal: { branch, action: 'created', pullRequest: { action: 'created' } }
    })
    expect(remote.refs).toEqual([branch])
    expect(git.read(branch, 'src/a.js')).toBe('const a = "good"\n')
    expect(await recall(cache, REPOSITORY, result.fingerprint!.id, 'lint')).toBeDefined()
    expect(workspace.read('src/a.js')).toBe(BROKEN)
  })

  it('leaves no pull request, no branch and nothing remembered when the check fails on the branch', async () => {
    const remote = runner(git, ['good'])
    const deleted: string[] = []
    const result = await heal({
      remoteVerify: { execution: remote.execution },
      deleteBranch: async name => {
        deleted.push(name)
        await git.deleteBranch(name)
      }
    })
    const branch = `self-heal/${result.fingerprint!.id}`
    expect(result).toMatchObject({
      outcome: 'not-healed',
      ok: false,
      remembered: false,
      attempts: [{ source: 'fixer', result: 'check-failed', remote: 'failed' }]
    })
    expect(result.fix).toBeUndefined()
    expect(result.reason).toContain(
      `The lint check fails on ${branch} with the fix committed (the branch was deleted).`
    )
    expect(remote.refs).toEqual([branch])
    // The heal's own deleteBranch (locally: the remote's copy too) is the one used.
    expect(deleted).toEqual([branch])
    expect(git.branches.has(branch)).toBe(false)
    expect(git.pullRequests).toEqual([])
    expect(await recall(cache, REPOSITORY, result.fingerprint!.id, 'lint')).toBeUndefined()
  })

  it('deletes the branch it made when the run cannot be made (no runner workflow), and says why', async () => {
    const missing = new ConfigurationError("Workflow 'self-heal-run.yml' was not found")
    const execution = { ...runner(git).execution, runLint: async () => Promise.reject(missing) }
    await expect(heal({ remoteVerify: { execution } })).rejects.toBe(missing)
    expect([...git.branches.keys()]).toEqual(['main'])
    expect(git.pullRequests).toEqual([])
  })

  it('is refused before any check runs without a runner to dispatch (no token or repository), in a dry run, or with deliver: commit', async () => {
    await expect(heal({})).rejects.toThrow(ConfigurationError)
    await expect(heal({})).rejects.toThrow(/needs a GitHub token and the repository/)
    const remote = runner(git)
    await expect(heal({ remoteVerify: { execution: remote.execution } }, { dryRun: true })).rejects.toThrow(
      /a dry run writes nothing/
    )
    await expect(
      heal(
        { remoteVerify: { execution: remote.execution } },
        { deliver: 'commit', pullRequest: { number: 3, head: 'feature', base: 'main' } }
      )
    ).rejects.toThrow(/deliver 'commit' does not make/)
    expect(local.calls).toEqual([])
    expect(remote.refs).toEqual([])
  })
})
