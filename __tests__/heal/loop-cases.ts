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
import { fingerprintMarker } from '../../src/heal/own-branch.js'
import { COMMENT_MARKER, FINGERPRINT_TRAILER, REPLACED_MARKER, RETRY_LABEL } from '../../src/heal/propose.js'
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
  /** Writes a file of the workspace (an untracked one, for a path the commit lacks). */
  write(path: string, text: string): Promise<unknown>
  /** The absolute directory of a repository-relative one, as a run's cwd. */
  at(dir: string): string
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

/**
 * `branchCases: false` leaves out the cases about existing fix branches: they are about the proposal over the Git
 * port, which is the memory one in both tiers, so a real checkout adds nothing to them but time. `request` is part
 * of every heal's request (fixers in a copy of the checkout, say).
 */
export function defineLoopTests(
  name: string,
  make: MakeLoopEnv,
  options: { branchCases?: boolean; request?: Partial<HealRequest> } = {}
): void {
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
        { kind: 'lint', check: over.command('lint'), fixers: [], ...options.request, ...request }
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
      expect(result.reason).toMatch(/it is flaky; flaky: src\/app\.js \(no-flake\)\./)
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
        const branch = result.proposal!.branch!
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

    it('switched off, runs the check only: no fixer, no fingerprint, and the check decides the run', async () => {
      const result = await heal({ fixers: [fixBad()], disabled: 'SELF_HEAL_DISABLED is set' })
      expect(result).toMatchObject({ outcome: 'disabled', ok: false, check: { passed: false } })
      expect(result.reason).toMatch(/switched off.*fails/)
      expect(result.attempts).toEqual([])
      expect(result.fingerprint).toBeUndefined()
      const passing = await heal({
        check: env.command('lint', 'NOTHERE'),
        disabled: 'SELF_HEAL_DISABLED is set'
      })
      expect(passing).toMatchObject({ outcome: 'disabled', ok: true, check: { passed: true } })
      expect(git.branches.size).toBe(1)
    })

    it('does not heal self-heal’s own branch, its own commit, or a pull request into its own branch; the check still runs and fails the run', async () => {
      const own = await make(FILES, { branch: 'self-heal/abc' })
      const trailer = await make(FILES, { headMessage: `fix\n\n${FINGERPRINT_TRAILER}: abc\n` })
      const custom = await make(FILES, { branch: 'bot/fix-0123abcd' })
      try {
        for (const result of [
          await heal({ fixers: [fixBad()] }, own),
          await heal({ fixers: [fixBad()] }, trailer),
          await heal({ fixers: [fixBad()], base: 'self-heal/abc' }),
          await heal({ fixers: [fixBad()], shape: { branch: 'bot/fix-{fingerprint}' } }, custom)
        ]) {
          expect(result).toMatchObject({
            outcome: 'skipped',
            ok: false,
            check: { passed: false },
            attempts: []
          })
        }
        expect(git.branches.size).toBe(1)
      } finally {
        await own.close()
        await trailer.close()
        await custom.close()
      }
    })

    it('fail-when: failing fails a healed run and says where the fix is; unhealed passes it; never passes anything', async () => {
      const failing = await heal({ fixers: [fixBad(), fixUgly()], failWhen: 'failing' })
      expect(failing).toMatchObject({ outcome: 'healed', ok: false, failWhen: 'failing' })
      expect(failing.reason).toMatch(
        /fails at .*fail-when: failing.*proposed on pull request memory:\/\/pulls\/1/
      )
      const unhealed = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(unhealed).toMatchObject({ outcome: 'healed', ok: true, failWhen: 'unhealed' })
      cache = new MemoryCacheAdapter() // forget the fix, so that nothing heals
      const never = await heal({ fixers: [env.command('noop')], failWhen: 'never' })
      expect(never).toMatchObject({ outcome: 'not-healed', ok: true })
      expect(await heal({ fixers: [env.command('noop')] })).toMatchObject({
        outcome: 'not-healed',
        ok: false
      })
    })

    it('a pull request closed without merging declines its fix: no fixer runs and nothing is proposed again, until it is labelled for a retry', async () => {
      const first = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(first.proposal!.pullRequest).toMatchObject({ number: 1, action: 'created' })
      git.close(1)
      await git.deleteBranch(first.proposal!.branch!)
      const again = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(again).toMatchObject({ outcome: 'declined', ok: false, attempts: [] })
      expect(again.reason).toMatch(/#1 .*closed without being merged.*reopen #1.*self-heal:retry/)
      expect(git.pullRequests).toHaveLength(1)
      expect(git.branches.has(first.proposal!.branch!)).toBe(false)
      // The memory's entry for the failure says who declined it.
      const remembered = await cache.get(memoryKey(REPOSITORY, first.fingerprint!.id))
      expect(remembered).toMatchObject({ declinedBy: [git.pullRequests[0].url] })
      expect(await heal({ fixers: [fixBad(), fixUgly()], failWhen: 'never' })).toMatchObject({
        outcome: 'declined',
        ok: true
      })
      git.pullRequests[0].labels.push(RETRY_LABEL)
      const retried = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(retried).toMatchObject({
        outcome: 'healed',
        proposal: { action: 'created', pullRequest: { number: 2 } }
      })
    })

    it('a fix squash-merged with its branch kept is not found "already proposed": the branch is made again and a new pull request opened', async () => {
      const first = await heal({ fixers: [fixBad(), fixUgly()] })
      // Squash-merged (main gets one commit of its own, the branch keeps its commit), then the failure came back.
      git.close(1, true)
      const again = await heal({ fixers: [fixBad(), fixUgly()] })
      expect(again).toMatchObject({ outcome: 'healed', ok: true })
      expect(again.proposal).toMatchObject({
        branch: first.proposal!.branch,
        action: 'created',
        pullRequest: { number: 2, action: 'created' }
      })
      expect(log.lines.join('\n')).toMatch(/was merged \(pull request #1\)/)
    })

    it('leaves the user’s untracked files out of the fix, even when a fixer changed them, and puts them back', async () => {
      await env.write('notes.txt', 'WIP: BAD idea\n')
      const result = await heal({
        fixers: [env.command('replace-files', 'BAD', 'good', 'src/app.js', 'notes.txt'), fixUgly()]
      })
      expect(result).toMatchObject({ outcome: 'healed', excluded: ['notes.txt'] })
      expect(result.fix!.diff).not.toContain('notes.txt')
      expect(git.read(result.proposal!.branch!, 'notes.txt')).toBeUndefined()
      expect(git.read(result.proposal!.branch!, 'src/app.js')).toBe('const a = "good"\nconst b = "nice"\n')
      expect(await env.read('notes.txt')).toBe('WIP: BAD idea\n')
      expect(log.lines.join('\n')).toMatch(/Left out of the fix: notes\.txt/)
    })

    it('runs the check and the fixers in the directory given (a package of a monorepo); the fix stays repository-relative', async () => {
      const files = { 'packages/a/src/app.js': APP, 'src/root.js': 'const r = "BAD"\n' }
      const mono = await make(files)
      const monoGit = new MemoryGit(files)
      try {
        const result = await heal(
          {
            check: mono.command('lint'),
            fixers: [
              mono.command('replace', 'src/app.js', 'BAD', 'good'),
              mono.command('replace', 'src/app.js', 'UGLY', 'nice')
            ],
            cwd: mono.at('packages/a')
          },
          mono,
          REPOSITORY,
          { git: async () => monoGit }
        )
        expect(result.outcome).toBe('healed')
        expect(result.check!.problems.map(p => p.file)).toEqual([
          'packages/a/src/app.js',
          'packages/a/src/app.js'
        ])
        expect(result.fix!.diff).toContain('diff --git a/packages/a/src/app.js b/packages/a/src/app.js')
        expect(monoGit.read(result.proposal!.branch!, 'packages/a/src/app.js')).toBe(
          'const a = "good"\nconst b = "nice"\n'
        )
        expect(monoGit.read(result.proposal!.branch!, 'src/root.js')).toBe('const r = "BAD"\n')
      } finally {
        await mono.close()
      }
    })

    describe('in a same-repository pull request’s workflow', () => {
      const pr = { number: 7, head: 'feature', base: 'main', url: 'memory://pulls/7' }
      let prGit: MemoryGit
      beforeEach(async () => {
        // main had clean lines; the pull request's branch brought BAD and UGLY, and the checkout is its merge.
        prGit = new MemoryGit({ ...FILES, 'src/app.js': 'const a = "fine"\nconst b = "fine"\n' })
        await prGit.applyDiff(
          'diff --git a/src/app.js b/src/app.js\n--- a/src/app.js\n+++ b/src/app.js\n@@ -1,2 +1,2 @@\n-const a = "fine"\n-const b = "fine"\n+const a = "BAD"\n+const b = "UGLY"\n',
          'feature',
          { branch: 'feature', base: 'main' }
        )
      })
      const inPr = (request: Partial<HealRequest>): Promise<HealOutput> =>
        heal(
          { fixers: [fixBad(), fixUgly()], base: 'feature', pullRequest: pr, ...request },
          env,
          REPOSITORY,
          {
            git: async () => prGit
          }
        )

      it('deliver pull-request: a pull request into its branch, and one comment on it, updated in place', async () => {
        const first = await inPr({})
        expect(first.proposal).toMatchObject({
          deliver: 'pull-request',
          base: 'feature',
          comment: { action: 'created' }
        })
        const second = await inPr({})
        expect(second.proposal).toMatchObject({ action: 'already-proposed', comment: { action: 'updated' } })
        expect(prGit.comments).toHaveLength(1)
        expect(prGit.comments[0]).toMatchObject({ number: 7 })
        expect(prGit.comments[0].body.startsWith(COMMENT_MARKER)).toBe(true)
        expect(prGit.comments[0].body).toContain(`pull request #${first.proposal!.pullRequest!.number}`)
      })

      it('deliver commit: one commit with the trailer on the pull request’s own branch', async () => {
        const result = await inPr({ deliver: 'commit' })
        expect(result.proposal).toMatchObject({
          deliver: 'commit',
          branch: 'feature',
          pullRequest: { number: 7, action: 'updated' }
        })
        expect(prGit.read('feature', 'src/app.js')).toBe('const a = "good"\nconst b = "nice"\n')
        expect(prGit.branches.get('feature')!.commits[0].message).toContain(
          `${FINGERPRINT_TRAILER}: ${result.fingerprint!.id}`
        )
        expect(prGit.pullRequests).toEqual([])
        expect(prGit.comments[0].body).toContain(`committed on this branch: ${result.proposal!.commit}`)
      })

      it('deliver suggest: one review, a suggestion on the lines it replaces; nothing pushed', async () => {
        const result = await inPr({ deliver: 'suggest' })
        expect(result.proposal).toMatchObject({
          deliver: 'suggest',
          review: { suggestions: 1, asDiff: 0 }
        })
        expect(prGit.reviews).toHaveLength(1)
        expect(prGit.reviews[0].comments).toEqual([
          {
            path: 'src/app.js',
            startLine: 1,
            line: 2,
            body: '```suggestion\nconst a = "good"\nconst b = "nice"\n```'
          }
        ])
        expect([...prGit.branches.keys()].sort()).toEqual(['feature', 'main'])
        expect(prGit.comments[0].body).toContain('suggested in a review')
      })

      it('deliver none: nothing pushed, no pull request, no review; the diff in the one comment', async () => {
        const result = await inPr({ deliver: 'none' })
        expect(result).toMatchObject({ outcome: 'healed', proposal: { deliver: 'none' } })
        expect(prGit.comments).toHaveLength(1)
        expect(prGit.comments[0].body).toContain('```diff\ndiff --git a/src/app.js b/src/app.js')
        expect(prGit.comments[0].body).toContain(
          `What fixed it: ${fixBad()}, then ${fixUgly()}; 1 file, +2 -2.`
        )
        expect(prGit.reviews).toEqual([])
        expect(prGit.pullRequests).toEqual([])
        expect([...prGit.branches.keys()].sort()).toEqual(['feature', 'main'])
      })
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

    if (options.branchCases !== false) {
      describe('a fix branch that exists', () => {
        const OTHER =
          'diff --git a/src/other.js b/src/other.js\n--- a/src/other.js\n+++ b/src/other.js\n@@ -1 +1 @@\n-const fine = 1\n+const fine = 2\n'
        const ANN = { name: 'Ann', email: 'ann@example.com' }
        const great = (): string => env.command('replace', 'src/app.js', 'BAD', 'great')
        /** A first heal proposes, then the fix is forgotten, so that the next heal's fixers find another one. */
        const proposed = async (): Promise<{ branch: string; head: string; id: string }> => {
          const first = await heal({ fixers: [fixBad(), fixUgly()] })
          cache = new MemoryCacheAdapter()
          const branch = first.proposal!.branch!
          return { branch, head: git.head(branch), id: first.fingerprint!.id }
        }

        it('holding only self-heal’s commits: a new fix replaces its content (compare-and-swap), and its pull request says so', async () => {
          const { branch, head, id } = await proposed()
          const second = await heal({ fixers: [great(), fixUgly()] })
          expect(second).toMatchObject({
            outcome: 'healed',
            proposal: {
              branch,
              action: 'replaced',
              replaced: head,
              pullRequest: { number: 1, action: 'updated' }
            }
          })
          expect(second.reason).toMatch(
            /a new verified fix .* replaces the one on pull request memory:\/\/pulls\/1/
          )
          expect(git.read(branch, 'src/app.js')).toBe('const a = "great"\nconst b = "nice"\n')
          expect(git.branches.get(branch)!.commits).toHaveLength(1)
          expect(git.pullRequests).toHaveLength(1)
          expect(git.pullRequests[0].body).toContain(fingerprintMarker(id))
          const note = git.comments.find(c => c.number === 1 && c.body.startsWith(REPLACED_MARKER))
          expect(note?.body).toContain(`${head.slice(0, 12)} → ${second.proposal!.commit!.slice(0, 12)}`)
        })

        it('moved meanwhile: the compare-and-swap fails, nothing is forced, and the fix is not proposed', async () => {
          const { branch } = await proposed()
          const read = git.branchCommits.bind(git)
          git.branchCommits = async (base, name) => {
            const found = await read(base, name)
            await git.applyDiff(OTHER, 'a push in between', { branch: name, author: ANN })
            return found
          }
          const second = await heal({ fixers: [great(), fixUgly()] })
          expect(second).toMatchObject({ outcome: 'not-proposed', ok: false })
          expect(second.reason).toMatch(/moved while its content was being replaced.*never forces/)
          expect(git.read(branch, 'src/other.js')).toBe('const fine = 2\n')
          expect(git.read(branch, 'src/app.js')).toContain('"good"')
        })

        it('someone else committed to it: it is never moved, and the fix is not proposed, naming their commit', async () => {
          const { branch } = await proposed()
          await git.applyDiff(OTHER, 'tweak the other file', { branch, author: ANN })
          const head = git.head(branch)
          const second = await heal({ fixers: [great(), fixUgly()] })
          expect(second).toMatchObject({ outcome: 'not-proposed', ok: false })
          expect(second.reason).toContain(
            `has commits self-heal did not make (${head.slice(0, 12)} tweak the other file (Ann))`
          )
          expect(git.head(branch)).toBe(head)
          expect(git.pullRequests).toHaveLength(1)
        })

        it('merged, then pushed to after the merge: it is not deleted, and the fix is not proposed', async () => {
          const { branch } = await proposed()
          git.close(1, true)
          await git.applyDiff(OTHER, 'after the merge', { branch, author: ANN })
          const head = git.head(branch)
          const again = await heal({ fixers: [fixBad(), fixUgly()] })
          expect(again).toMatchObject({ outcome: 'not-proposed' })
          expect(again.reason).toMatch(/moved .* after its pull request #1 was merged/)
          expect(git.head(branch)).toBe(head)
          expect(git.pullRequests).toHaveLength(1)
        })

        it('a pull request renamed to another branch and closed declines its fingerprint (by the marker in its body); reopened, it gets the fix', async () => {
          const { branch } = await proposed()
          const pr = git.pullRequests[0]
          git.branches.set('renamed-fix', git.branches.get(branch)!)
          git.branches.delete(branch)
          pr.head = 'renamed-fix'
          git.close(1)
          const again = await heal({ fixers: [fixBad(), fixUgly()] })
          expect(again).toMatchObject({ outcome: 'declined', ok: false, attempts: [] })
          expect(again.reason).toMatch(/#1 .*restoring renamed-fix/)
          expect(git.branches.has(branch)).toBe(false)
          pr.state = 'open'
          const reopened = await heal({ fixers: [fixBad(), fixUgly()] })
          expect(reopened).toMatchObject({
            outcome: 'healed',
            proposal: { branch: 'renamed-fix', action: 'already-proposed', pullRequest: { number: 1 } }
          })
          expect(git.branches.has(branch)).toBe(false)
          expect(git.pullRequests).toHaveLength(1)
        })
      })
    }
  })
}
