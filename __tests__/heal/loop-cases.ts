/**
 * The healing loop's behaviour, written once and run over two workspaces: memory (the unit tier, with scripted
 * programs) and a real git checkout (the integration tier, with the same programs as child processes). The Git
 * port and the fix memory are the in-memory ones in both: these tests are about the loop and the workspace.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import type { ExecutionAdapter } from '../../src/adapters/execution.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import type { Workspace } from '../../src/adapters/workspace.js'
import { runHeal } from '../../src/heal/loop.js'
import { memoryKey } from '../../src/heal/memory.js'
import { FINGERPRINT_TRAILER } from '../../src/heal/propose.js'
import type { FixerContextInput } from '../../src/heal/agent-context.js'
import type { HealDeps, HealOutput, HealRequest } from '../../src/heal/types.js'
import type { Logger } from '../../src/log.js'

/** A workspace to heal in, with the programs of `programs.mjs` available as commands. */
export interface LoopEnv {
  workspace: Workspace
  execution: ExecutionAdapter
  /** The command line that runs a program with its arguments (single-quoted where they hold spaces). */
  command(program: string, ...args: string[]): string
  /** A file of the workspace as it is now. */
  read(path: string): Promise<string | undefined>
  /** A path outside the repository a program may keep state in. */
  scratch(name: string): string
  close(): Promise<void>
}

export interface LoopEnvOptions {
  /** The branch checked out (default main); null for a detached HEAD. */
  branch?: string | null
  /** The message of the commit checked out. */
  headMessage?: string
}

export type MakeLoopEnv = (files: Record<string, string>, options?: LoopEnvOptions) => Promise<LoopEnv>

const APP = 'const a = "BAD"\nconst b = "UGLY"\n'
const REPOSITORY = 'github:github.com/octo/repo'
const FILES = { 'src/app.js': APP, 'src/other.js': 'const fine = 1\n' }

export function defineLoopTests(name: string, make: MakeLoopEnv): void {
  describe(`the healing loop over ${name}`, () => {
    let env: LoopEnv
    let git: MemoryGit
    let cache: MemoryCacheAdapter
    let log: Logger & { lines: string[] }

    beforeEach(async () => {
      env = await make(FILES)
      git = new MemoryGit(FILES)
      cache = new MemoryCacheAdapter()
      const lines: string[] = []
      log = {
        lines,
        info: m => lines.push(m),
        warning: m => lines.push(`warning: ${m}`),
        debug: () => undefined
      }
    })
    afterEach(async () => {
      await env.close()
    })

    const heal = (
      request: Partial<HealRequest>,
      over: LoopEnv = env,
      repository = REPOSITORY,
      deps: Partial<HealDeps> = {}
    ): Promise<HealOutput> =>
      runHeal(
        {
          execution: over.execution,
          workspace: over.workspace,
          repository,
          cache: async () => cache,
          git: async () => git,
          log,
          ...deps
        },
        { kind: 'lint', check: over.command('lint'), fixers: [], ...request }
      )
    const fixBad = (): string => env.command('replace', 'src/app.js', 'BAD', 'good')
    const fixUgly = (): string => env.command('replace', 'src/app.js', 'UGLY', 'nice')

    it('stops at a passing check, running no fixer', async () => {
      const result = await heal({ check: env.command('lint', 'NOTHERE'), fixers: [fixBad()] })
      expect(result).toMatchObject({ outcome: 'passed', ok: true, attempts: [] })
      expect(await env.read('src/app.js')).toBe(APP)
    })

    it('reports a check that fails and then passes at the same commit as flaky, and fixes nothing', async () => {
      const result = await heal({
        check: env.command('flaky', env.scratch('flaky-count')),
        fixers: [fixBad()]
      })
      expect(result).toMatchObject({ outcome: 'flaky', ok: true, attempts: [] })
      expect(result.fingerprint).toBeUndefined()
      expect(git.branches.size).toBe(1)
    })

    it('runs the fixers in order, each on top of the last, verifies, proposes and remembers; the files are put back', async () => {
      const result = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(result.outcome).toBe('healed')
      expect(result.attempts.map(a => a.result)).toEqual(['check-failed', 'verified'])
      expect(result.fix).toMatchObject({ source: 'fixer', fixers: [fixBad(), fixUgly()] })
      const branch = `self-heal/${result.fingerprint!.id}`
      expect(result.proposal).toMatchObject({ branch, base: 'main', action: 'created' })
      expect(git.read(branch, 'src/app.js')).toBe('const a = "good"\nconst b = "nice"\n')
      expect(git.branches.get(branch)!.commits[0].message).toContain(
        `${FINGERPRINT_TRAILER}: ${result.fingerprint!.id}`
      )
      expect(git.pullRequests).toHaveLength(1)
      expect(result.remembered).toBe(true)
      expect(await env.read('src/app.js')).toBe(APP)
      expect(await env.workspace.changedTrackedFiles()).toEqual([])
    })

    it('tries the remembered fix first: a second heal of the same failure runs no fixer and finds it proposed', async () => {
      const first = await heal({ fixers: [fixBad(), fixUgly()] })
      const second = await heal({ fixers: [env.command('noop')] })
      expect(second.fingerprint!.id).toBe(first.fingerprint!.id)
      expect(second.attempts).toEqual([expect.objectContaining({ source: 'memory', result: 'verified' })])
      expect(second.proposal).toMatchObject({
        action: 'already-proposed',
        pullRequest: { action: 'updated' }
      })
      expect(git.pullRequests).toHaveLength(1)
    })

    it('keeps the fix memory per repository: another repository with the same failure does not get the fix', async () => {
      const first = await heal({ fixers: [fixBad(), fixUgly()], dryRun: false })
      expect(first.remembered).toBe(true)
      const elsewhere = await heal({}, env, 'github:github.com/octo/another')
      expect(elsewhere.fingerprint!.id).toBe(first.fingerprint!.id)
      expect(elsewhere).toMatchObject({ outcome: 'not-healed', attempts: [] })
      expect((await heal({})).attempts).toEqual([
        expect.objectContaining({ source: 'memory', result: 'verified' })
      ])
    })

    it('refuses a fixer that adds a suppression, drops only its changes, and goes on with the next', async () => {
      const disable = env.command('replace', 'src/app.js', 'BAD', 'good', '// eslint-disable-next-line')
      const result = await heal({ fixers: [disable, fixBad(), fixUgly()] })
      expect(result.attempts[0]).toMatchObject({ result: 'refused' })
      expect(result.attempts[0].violations!.length).toBeGreaterThan(0)
      expect(result.outcome).toBe('healed')
      expect(result.fix!.fixers).toEqual([fixBad(), fixUgly()])
      expect(result.fix!.diff).not.toContain('eslint-disable')
    })

    it('leaves out of a candidate the files the policy protects, and proposes the rest verified on its own', async () => {
      const files = { ...FILES, 'eslint.config.js': 'export default [BAD]\n' }
      const over = await make(files)
      git = new MemoryGit(files)
      try {
        const both = over.command(
          'replace-each',
          'src/app.js',
          'BAD',
          'good',
          'eslint.config.js',
          'BAD',
          'good'
        )
        const result = await heal({ check: over.command('lint', 'BAD'), fixers: [both] }, over)
        expect(result.outcome).toBe('healed')
        expect(result.attempts[0]).toMatchObject({
          result: 'verified',
          dropped: [expect.objectContaining({ file: 'eslint.config.js', rule: 'check-config' })]
        })
        expect(result.attempts[0].violations).toBeUndefined()
        expect(result.fix!.diff).toContain('src/app.js')
        expect(result.fix!.diff).not.toContain('eslint.config.js')
        const branch = result.proposal!.branch
        expect(git.read(branch, 'eslint.config.js')).toBe('export default [BAD]\n')
        expect(git.read(branch, 'src/app.js')).toContain('"good"')
        expect(await over.read('eslint.config.js')).toBe('export default [BAD]\n')
      } finally {
        await over.close()
      }
    })

    it('refuses a candidate whose rest, without the protected files, changes nothing', async () => {
      const files = { ...FILES, 'eslint.config.js': 'export default [BAD]\n' }
      const over = await make(files)
      try {
        const config = over.command('replace', 'eslint.config.js', 'BAD', 'good')
        const result = await heal({ fixers: [config] }, over)
        expect(result.outcome).toBe('not-healed')
        expect(result.attempts[0]).toMatchObject({ result: 'refused' })
        expect(result.attempts[0].violations![0]).toMatchObject({ rule: 'check-config' })
        expect(await over.read('eslint.config.js')).toBe('export default [BAD]\n')
      } finally {
        await over.close()
      }
    })

    it('refuses under verify-also a candidate that makes the check pass but another check fail', async () => {
      const result = await heal({
        check: env.command('lint', 'BAD'),
        fixers: [fixBad()],
        verifyAlso: [env.command('lint', 'good')]
      })
      expect(result.outcome).toBe('not-healed')
      expect(result.attempts).toEqual([
        expect.objectContaining({ result: 'check-failed', verifyAlso: env.command('lint', 'good') })
      ])
      expect(await env.read('src/app.js')).toBe(APP)
      const passing = await heal({
        check: env.command('lint', 'BAD'),
        fixers: [fixBad()],
        verifyAlso: [env.command('lint', 'NOTHERE')]
      })
      expect(passing.outcome).toBe('healed')
    })

    it('gives each fixer the failure and earlier attempts as context, and re-runs a fixer told why it was refused', async () => {
      const contexts: FixerContextInput[] = []
      const learns = env.command('learns', env.scratch('learns-count'), 'src/app.js', 'BAD', 'good')
      const result = await heal(
        { check: env.command('lint', 'BAD'), fixers: [learns], fixerRetries: 1 },
        env,
        REPOSITORY,
        {
          fixerContext: async input => {
            contexts.push(input)
            return { SELF_HEAL_FAILURE: `/outside/failure-${input.attempt}.json` }
          }
        }
      )
      expect(result.outcome).toBe('healed')
      expect(result.attempts.map(a => a.result)).toEqual(['refused', 'verified'])
      expect(contexts.map(c => c.attempt)).toEqual([1, 2])
      expect(contexts[0]).toMatchObject({ earlier: [], failure: { exitCode: 1 } })
      expect(contexts[0].failure.problems[0]).toMatchObject({ file: 'src/app.js', rule: 'no-bad' })
      expect(contexts[1].earlier).toEqual([
        expect.objectContaining({
          fixer: learns,
          result: 'refused',
          violations: [expect.objectContaining({ rule: 'suppression' })]
        })
      ])
      expect(result.fix!.diff).not.toContain('eslint-disable')
    })

    it('re-runs a fixer after a failed verification with the check’s new failures, within max-attempts', async () => {
      const contexts: FixerContextInput[] = []
      const result = await heal({ fixers: [fixBad()], fixerRetries: 2, maxAttempts: 2 }, env, REPOSITORY, {
        fixerContext: async input => (contexts.push(input), {})
      })
      expect(result.outcome).toBe('not-healed')
      expect(result.attempts.map(a => a.result)).toEqual(['check-failed', 'check-failed'])
      expect(contexts[1].earlier![0]).toMatchObject({ result: 'check-failed' })
      expect(contexts[1].earlier![0].check!.problems).toEqual([expect.objectContaining({ rule: 'no-ugly' })])
      expect(await env.read('src/app.js')).toBe(APP)
    })

    it('resolves the fixers from the failing run when the composition gives a resolver', async () => {
      const seen: number[] = []
      const result = await heal({ fixers: ['auto'] }, env, REPOSITORY, {
        resolveFixers: failure => {
          seen.push(failure.exitCode)
          return [fixBad(), fixUgly()]
        }
      })
      expect(seen).toEqual([1])
      expect(result.outcome).toBe('healed')
      expect(result.fix!.fixers).toEqual([fixBad(), fixUgly()])
    })

    it('reads but does not write the memory where it is read-only (a pull request’s run in CI)', async () => {
      const readOnly = 'this is a pull request’s run'
      const pr = await heal({ fixers: [fixBad(), fixUgly()], memoryReadOnly: readOnly })
      expect(pr).toMatchObject({ outcome: 'healed', remembered: false })
      expect(await cache.get(memoryKey(REPOSITORY, pr.fingerprint!.id))).toBeUndefined()
      expect(log.lines).toContain(`The fix is not remembered: ${readOnly}.`)
      const main = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(main.remembered).toBe(true)
      const replayed = await heal({ fixers: [], memoryReadOnly: readOnly })
      expect(replayed.attempts).toEqual([expect.objectContaining({ source: 'memory', result: 'verified' })])
      expect(await cache.get(memoryKey(REPOSITORY, pr.fingerprint!.id))).toMatchObject({ replays: 0 })
    })

    it('keeps to its budget: verification runs beyond max-attempts are not made', async () => {
      const result = await heal({ fixers: [fixBad(), fixUgly()], maxAttempts: 1 })
      expect(result.outcome).toBe('not-healed')
      expect(result.ok).toBe(false)
      expect(result.attempts.map(a => a.result)).toEqual(['check-failed', 'over-budget'])
      expect(await env.read('src/app.js')).toBe(APP)
    })

    it('reports a fixer that changes nothing as no-change, and no fixer at all as not healed', async () => {
      const result = await heal({ fixers: [env.command('idle')] })
      expect(result.attempts).toEqual([expect.objectContaining({ result: 'no-change', exitCode: 1 })])
      expect(result.outcome).toBe('not-healed')
      expect((await heal({})).reason).toMatch(/no fixer is configured/)
    })

    it('reports a fixer that changes nothing and exits 2 or more as crashed, with the end of its output', async () => {
      const result = await heal({ fixers: [env.command('noop')] })
      expect(result.attempts).toEqual([
        expect.objectContaining({ result: 'crashed', exitCode: 3, outputTail: 'nothing to do' })
      ])
      expect(result.outcome).toBe('not-healed')
    })

    it('calls a check that cannot find its configuration broken: no rerun, no fixer, not ok', async () => {
      const result = await heal({ check: env.command('no-config'), fixers: [fixBad()] })
      expect(result).toMatchObject({ outcome: 'broken-check', ok: false, attempts: [] })
      expect(result.reason).toContain("ESLint couldn't find a configuration file.")
      expect(result.fingerprint).toBeUndefined()
      expect(await env.read('src/app.js')).toBe(APP)
    })

    it('in a dry run finds the fix but writes nothing: no branch, no pull request, nothing remembered', async () => {
      const result = await heal({ fixers: [fixBad(), fixUgly()], dryRun: true })
      expect(result).toMatchObject({ outcome: 'healed', ok: true, dryRun: true, remembered: false })
      expect(result.proposal).toBeUndefined()
      expect(git.branches.size).toBe(1)
      expect(await cache.get(memoryKey(REPOSITORY, result.fingerprint!.id))).toBeUndefined()
    })

    it('verifies but does not propose where proposing is not allowed (a fork)', async () => {
      const result = await heal({
        fixers: [fixBad(), fixUgly()],
        noProposal: 'the pull request comes from a fork'
      })
      expect(result).toMatchObject({ outcome: 'not-proposed', ok: false })
      expect(result.fix).toBeDefined()
      expect(git.branches.size).toBe(1)
    })

    it('runs nothing when switched off', async () => {
      const result = await heal({ fixers: [fixBad()], disabled: 'SELF_HEAL_DISABLED is set' })
      expect(result).toMatchObject({ outcome: 'disabled', ok: true })
      expect(result.check).toBeUndefined()
    })

    it('does not heal self-heal’s own branch, its own commit, or a pull request into its own branch', async () => {
      const own = await make(FILES, { branch: 'self-heal/abc' })
      const trailer = await make(FILES, { headMessage: `fix\n\n${FINGERPRINT_TRAILER}: abc\n` })
      try {
        expect((await heal({ fixers: [fixBad()] }, own)).outcome).toBe('skipped')
        expect((await heal({ fixers: [fixBad()] }, trailer)).outcome).toBe('skipped')
        expect((await heal({ fixers: [fixBad()], base: 'self-heal/abc' })).outcome).toBe('skipped')
      } finally {
        await own.close()
        await trailer.close()
      }
    })

    it('refuses to start on a detached HEAD with no base to propose to', async () => {
      const detached = await make(FILES, { branch: null })
      try {
        await expect(heal({ fixers: [fixBad()] }, detached)).rejects.toThrow(/detached HEAD/)
        expect((await heal({ fixers: [fixBad(), fixUgly()], base: 'main' }, detached)).outcome).toBe('healed')
      } finally {
        await detached.close()
      }
    })

    it('ends not-proposed, branch untouched, when self-heal/<id> already holds another change', async () => {
      const first = await heal({ fixers: [fixBad(), fixUgly()], dryRun: true })
      const branch = `self-heal/${first.fingerprint!.id}`
      await git.applyDiff(
        'diff --git a/src/other.js b/src/other.js\n--- a/src/other.js\n+++ b/src/other.js\n@@ -1 +1 @@\n-const fine = 1\n+const fine = 2\n',
        'another change',
        { branch, base: 'main' }
      )
      const result = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(result).toMatchObject({ outcome: 'not-proposed', proposal: { action: 'already-proposed' } })
      expect(git.branches.get(branch)!.commits).toHaveLength(1)
    })
  })
}
