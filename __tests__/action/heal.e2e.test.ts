/**
 * The bundled action's heal operation (the default) in CI, end to end: dist/index.js run as the runner runs a step
 * (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH) in a temp checkout, proposing through
 * the GitHub emulator (in-process, over a bare clone of the checkout). The runner's files live in a RUNNER_TEMP of
 * their own, outside the checkout, as on a real runner.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createActionsPlugin } from '../../emulator/actions/index.js'
import { cacheServiceEnv, createCacheService } from '../../emulator/cache-service.js'
import type { EmulatorPlugin } from '../../emulator/plugin.js'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { runAction, type ActionRun } from './run-action.js'
import { cleanEnv, runCli } from '../cli/cli-helpers.js'

/** Prints one ESLint-style line per `BAD` token in src/app.js and fails when there is one. */
const CHECK = `const fs = require('node:fs')
const lines = fs.readFileSync('src/app.js', 'utf8').split('\\n')
let bad = 0
lines.forEach((line, i) => {
  const column = line.indexOf('BAD')
  if (column < 0) return
  bad++
  console.log('src/app.js:' + (i + 1) + ':' + (column + 1) + ': error Unexpected BAD token (no-bad)')
})
process.exit(bad ? 1 : 0)
`
/** Fixes the file. */
const FIX = `const fs = require('node:fs')
fs.writeFileSync('src/app.js', fs.readFileSync('src/app.js', 'utf8').replace(/BAD/g, 'GOOD'))
`
/** Fails (with a lint line) on its first run and passes after, counting runs in the file given (outside the repo). */
const FLAKY = `const fs = require('node:fs')
const counter = process.argv[2]
const runs = fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0
fs.writeFileSync(counter, String(runs + 1))
if (runs === 0) {
  console.log('src/app.js:1:1: error Timed out waiting for the server (network)')
  process.exit(1)
}
`
const APP = 'const a = 1\nconst b = BAD\n'

interface HealResult {
  outcome: string
  reason: string
  attempts: Array<{ source: string; fixer?: string; result: string }>
  fix?: { source: string; fixers: string[] }
  proposal?: {
    branch: string
    base: string
    action: string
    pullRequest?: { number: number; action: string }
  }
  remembered: boolean
  dryRun: boolean
}

/** A checkout on main, its bare clone served as octo/repo by an emulator, and a runner temp directory. */
interface Job {
  repo: TempDir
  bare: string
  /** A temp directory outside the checkout (removed afterwards). */
  temp: string
  emulator: TestEmulator
  /** Runs the action's main step in the checkout, with its runner files in `runnerTemp` (default: a new one). */
  step(inputs: Record<string, string>, options?: StepOptions): Promise<ActionRun>
  /** Runs the step and reads the heal's result from the output `result` (which it must have set). */
  run(inputs: Record<string, string>, options?: StepOptions): Promise<ActionRun & { result: HealResult }>
}

interface StepOptions {
  /** The workflow event's payload. */
  event?: object
  /** More environment variables. */
  env?: Record<string, string>
  /** The runner's temp directory (default: a new one). */
  runnerTemp?: string
}

const cleanups: Array<() => Promise<void>> = []

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function job(plugins: EmulatorPlugin[] = []): Promise<Job> {
  const repo = await makeTempRepo({
    'src/app.js': APP,
    'check.cjs': CHECK,
    'fix.cjs': FIX,
    'flaky.cjs': FLAKY
  })
  cleanups.push(() => repo.cleanup())
  const served = await makeTempDir('self-heal-bare-')
  cleanups.push(() => served.cleanup())
  const bare = join(served.path, 'repo.git')
  await git(served.path, 'clone', '-q', '--bare', repo.path, bare)
  const emulator = await startTestEmulator({ repos: [{ fullName: 'octo/repo', gitDir: bare }], plugins })
  cleanups.push(() => emulator.close())
  let runs = 0
  const made: Job = {
    repo,
    bare,
    temp: served.path,
    emulator,
    async step(inputs, options = {}) {
      const runnerTemp = options.runnerTemp ?? join(served.path, `runner-${runs++}`)
      await mkdir(runnerTemp, { recursive: true })
      return runAction(
        runnerTemp,
        {
          command: 'node check.cjs',
          kind: 'lint',
          'working-directory': repo.path,
          token: emulator.emulator.token,
          'api-url': emulator.emulator.apiUrl,
          ...inputs
        },
        {
          GITHUB_WORKSPACE: repo.path,
          GITHUB_REPOSITORY: 'octo/repo',
          GITHUB_REF_NAME: 'main',
          ...options.env
        },
        { event: options.event }
      )
    },
    async run(inputs, options) {
      const run = await made.step(inputs, options)
      if (!run.outputs.result) throw new Error(`The action set no result (exit ${run.code}):\n${run.stdout}`)
      return { ...run, result: JSON.parse(run.outputs.result) as HealResult }
    }
  }
  return made
}

/** A pull_request event's payload, for a pull request from `head` in this repository into main. */
function pullRequestEvent(head: string): object {
  return {
    pull_request: {
      number: 3,
      head: { ref: head, repo: { full_name: 'octo/repo' } },
      base: { ref: 'main', repo: { full_name: 'octo/repo' } }
    }
  }
}

async function branches(bare: string): Promise<string[]> {
  const out = await git(bare, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/')
  return out.split('\n').filter(Boolean)
}

describe('the action heals in CI (default operation)', () => {
  let ci: Job
  let main: string
  let first: ActionRun & { result: HealResult }

  beforeAll(async () => {
    ci = await job()
    main = await git(ci.repo.path, 'rev-parse', 'HEAD')
    // No `operation` input: heal is the default.
    first = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
  })

  it('heals a failing check: outputs, the branch on GitHub with the fix, a pull request into main, a summary', async () => {
    // A green step leaves no error: the failure it healed is a warning that says so.
    expect(first.stdout).not.toMatch(/^::error/m)
    expect(first.stdout).toMatch(
      /^::warning title=no-bad,file=src\/app\.js,line=2,col=11::.*Unexpected BAD token .*healed by self-heal: http.*\/pull\/1\)$/m
    )
    expect(first.stdout).toMatch(/::notice::Healed: a verified fix/)
    expect(first.code).toBe(0)
    const { outputs } = first
    expect(outputs.environment).toBe('ci')
    expect(outputs.outcome).toBe('healed')
    expect(outputs.passed).toBe('false')
    expect(outputs.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    const branch = `self-heal/${outputs.fingerprint}`
    expect(outputs.branch).toBe(branch)
    expect(outputs['pull-request-number']).toMatch(/^\d+$/)
    expect(outputs['pull-request-url']).toContain(`/pull/${outputs['pull-request-number']}`)
    expect(outputs['pull-request-operation']).toBe('created')

    // GitHub (the emulator's bare repository) has the branch: one commit on main, with the fix and the trailer.
    expect(await branches(ci.bare)).toEqual(['main', branch])
    expect(await git(ci.bare, 'rev-parse', branch)).toBe(outputs.commit)
    expect(await git(ci.bare, 'rev-parse', `${branch}^`)).toBe(main)
    expect(await git(ci.bare, 'show', `${branch}:src/app.js`)).toBe('const a = 1\nconst b = GOOD')
    expect(await git(ci.bare, 'log', '-1', '--format=%B', branch)).toContain(
      `Self-Heal-Fingerprint: ${outputs.fingerprint}`
    )
    // The checkout is as it was.
    expect(await git(ci.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    expect(await readFile(join(ci.repo.path, 'src/app.js'), 'utf8')).toBe(APP)

    const { owner, repo, octokit } = ci.emulator
    const pr = await octokit.rest.pulls.get({
      owner,
      repo,
      pull_number: Number(outputs['pull-request-number'])
    })
    expect(pr.data).toMatchObject({ state: 'open', head: { ref: branch }, base: { ref: 'main' } })
    expect(pr.data.html_url).toBe(outputs['pull-request-url'])
    expect(pr.data.title).toContain(outputs.fingerprint)

    // The job summary names the fixer, the fingerprint and the pull request.
    expect(first.summary).toContain('healed')
    expect(first.summary).toContain('<code>node fix.cjs</code>')
    expect(first.summary).toContain(outputs.fingerprint)
    expect(first.summary).toContain(`>#${outputs['pull-request-number']}</a> (created)`)
    expect(first.summary).toContain(outputs['pull-request-url'])
  })

  it('a second run of the job finds the same fix already proposed: no new commit, the same pull request, updated', async () => {
    const head = await git(ci.bare, 'rev-parse', first.outputs.branch)
    const again = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
    expect(again.code).toBe(0)
    expect(again.outputs['pull-request-operation']).toBe('unchanged')
    expect(again.outputs.outcome).toBe('healed')
    expect(again.outputs.fingerprint).toBe(first.outputs.fingerprint)
    expect(again.outputs['pull-request-number']).toBe(first.outputs['pull-request-number'])
    // No new commit: `commit` is the one already on the branch.
    expect(again.outputs.commit).toBe(head)
    expect(again.result.proposal).toMatchObject({
      action: 'already-proposed',
      pullRequest: { action: 'updated', number: Number(first.outputs['pull-request-number']) }
    })
    // In CI the fix memory is the Actions cache. This job has no cache service (no ACTIONS_RESULTS_URL), so the
    // cache lives in the step's memory and the second run starts empty: the fixer runs again, and what keeps the
    // pull request single is the branch already holding the very same change (compared through the API).
    // (With a cache service the memory does carry over: see 'heals from the Actions cache' below.)
    expect(again.stdout).toContain('ACTIONS_RESULTS_URL is not set')
    expect(again.result.attempts).toEqual([
      expect.objectContaining({ source: 'fixer', fixer: 'node fix.cjs', result: 'verified' })
    ])
    expect(await git(ci.bare, 'rev-parse', first.outputs.branch)).toBe(head)
    const pulls = await ci.emulator.octokit.rest.pulls.list({
      owner: ci.emulator.owner,
      repo: ci.emulator.repo,
      state: 'all'
    })
    expect(pulls.data).toHaveLength(1)
  })
})

describe('the action heals a failure that came back after its fix was merged', () => {
  it('makes the merged branch again from the base and opens a new pull request', async () => {
    const ci = await job()
    const { octokit, owner, repo } = ci.emulator
    const first = await ci.run({ fix: 'node fix.cjs' })
    expect(first.outputs.outcome).toBe('healed')
    const branch = first.outputs.branch
    // The pull request is merged (a merge commit on main; the branch stays, as GitHub keeps it by default).
    await octokit.rest.pulls.merge({ owner, repo, pull_number: Number(first.outputs['pull-request-number']) })
    // Then someone brings the failure back, and the workflow runs on the new main.
    await git(ci.repo.path, 'pull', '-q', '--ff-only', ci.bare, 'main')
    await writeFile(join(ci.repo.path, 'src/app.js'), APP)
    await git(ci.repo.path, 'commit', '-q', '-am', 'bring BAD back')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'main')
    const main = await git(ci.repo.path, 'rev-parse', 'HEAD')

    const again = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
    expect(again.code).toBe(0)
    expect(again.outputs.outcome).toBe('healed')
    expect(again.outputs.branch).toBe(branch)
    expect(again.result.proposal).toMatchObject({ action: 'created', pullRequest: { action: 'created' } })
    expect(again.outputs['pull-request-number']).not.toBe(first.outputs['pull-request-number'])
    expect(await git(ci.bare, 'rev-parse', `${branch}^`)).toBe(main)
    expect(await git(ci.bare, 'show', `${branch}:src/app.js`)).toBe('const a = 1\nconst b = GOOD')
  })
})

describe('LOCAL after CI', () => {
  it('a developer healing the same failure locally (with a token) finds the fix CI already proposed', async () => {
    const ci = await job()
    const first = await ci.run({ fix: 'node fix.cjs' })
    expect(first.outputs.outcome).toBe('healed')
    const clone = join(ci.temp, 'clone')
    await git(ci.temp, 'clone', '-q', ci.bare, clone)
    const run = await runCli(
      [
        'heal',
        '--kind',
        'lint',
        '--check',
        'node check.cjs',
        '--fix',
        'node fix.cjs',
        '--json',
        '--repository',
        'octo/repo',
        '--token',
        ci.emulator.emulator.token,
        '--api-url',
        ci.emulator.emulator.apiUrl
      ],
      { cwd: clone, env: cleanEnv({ XDG_CACHE_HOME: join(ci.temp, 'cache') }) }
    )
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout) as HealResult
    expect(out.outcome).toBe('healed')
    expect(out.proposal).toMatchObject({
      branch: first.outputs.branch,
      action: 'already-proposed',
      pullRequest: { action: 'updated', number: Number(first.outputs['pull-request-number']) }
    })
    expect(run.stderr).toContain(`Fetched ${first.outputs.branch} from origin`)
    // The branch on GitHub is CI's, untouched; the clone's local branch is the same commit.
    expect(await git(ci.bare, 'rev-parse', first.outputs.branch)).toBe(first.outputs.commit)
    expect(await git(clone, 'rev-parse', first.outputs.branch)).toBe(first.outputs.commit)
    expect(await git(clone, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })
})

describe('the action heals from the Actions cache', () => {
  it('a later job with the cache service heals from the fix memory the first job saved in its post step', async () => {
    const cache = createCacheService()
    const ci = await job([cache])
    const runtime = cache.issueRuntimeToken({ repository: 'octo/repo', ref: 'refs/heads/main' })
    // Every job's RUNNER_TEMP is the same path on a fresh disk (the path is part of an Actions cache entry's version).
    const runnerTemp = join(ci.temp, 'runner-temp')
    const jobEnv = (run: number): Record<string, string> => ({
      ...cacheServiceEnv(ci.emulator.emulator.url, runtime),
      GITHUB_RUN_ID: String(run),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'heal'
    })

    const first = await ci.run(
      { fix: 'node fix.cjs', 'fail-when': 'unhealed' },
      { env: jobEnv(1), runnerTemp }
    )
    expect(first.code).toBe(0)
    expect(first.result).toMatchObject({ outcome: 'healed', remembered: true })
    expect(first.stdout).toContain('No cache snapshot saved yet')
    // The post step: the same bundle started again, in the same job (same workspace, same RUNNER_TEMP).
    const post = await runAction(
      runnerTemp,
      {},
      { ...jobEnv(1), GITHUB_WORKSPACE: ci.repo.path, GITHUB_REPOSITORY: 'octo/repo', STATE_isPost: 'true' }
    )
    expect(post.code).toBe(0)
    expect(post.stdout).not.toContain('::warning')
    expect(cache.entries().map(e => e.key)).toEqual(['self-heal-cache-v1-1-1-heal'])
    await rename(runnerTemp, join(ci.temp, 'first-job-disk'))

    // No fixer at all this time: only the memory can heal it.
    const second = await ci.run({ 'fail-when': 'unhealed' }, { env: jobEnv(2), runnerTemp })
    expect(second.code).toBe(0)
    expect(second.outputs.outcome).toBe('healed')
    expect(second.stdout).toContain('Restored the cache snapshot self-heal-cache-v1-1-1-heal')
    expect(second.result.attempts).toEqual([
      expect.objectContaining({ source: 'memory', result: 'verified' })
    ])
    expect(second.result.fix?.source).toBe('memory')
    expect(second.result.proposal).toMatchObject({
      action: 'already-proposed',
      pullRequest: { action: 'updated', number: Number(first.outputs['pull-request-number']) }
    })
    expect(await git(ci.bare, 'rev-list', '--count', `main..${first.outputs.branch}`)).toBe('1')
    // The restored snapshot went to RUNNER_TEMP, not into the checkout.
    expect(await git(ci.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })
})

describe('the action in other situations', () => {
  it('a pull request from a fork: the fix is verified but not proposed, the step fails, nothing is pushed', async () => {
    const ci = await job()
    const run = await ci.run(
      { fix: 'node fix.cjs' },
      {
        event: {
          pull_request: {
            number: 7,
            head: { ref: 'feature', repo: { full_name: 'someone/repo' } },
            base: { ref: 'main', repo: { full_name: 'octo/repo' } }
          }
        }
      }
    )
    expect(run.code).toBe(1)
    expect(run.outputs.outcome).toBe('not-proposed')
    expect(run.result.attempts).toEqual([expect.objectContaining({ source: 'fixer', result: 'verified' })])
    expect(run.outputs.branch).toBeUndefined()
    expect(run.stdout).toMatch(/::error::.*comes from a fork \(someone\/repo\).*never pushes to forks/)
    expect(await branches(ci.bare)).toEqual(['main'])
    const pulls = await ci.emulator.octokit.rest.pulls.list({
      owner: ci.emulator.owner,
      repo: ci.emulator.repo,
      state: 'all'
    })
    expect(pulls.data).toEqual([])
  })

  it("a pull request from this repository: the fix is proposed to the pull request's branch", async () => {
    const ci = await job()
    // The pull request's branch adds a file; the workflow checks out GitHub's merge commit, detached.
    await git(ci.repo.path, 'checkout', '-q', '-b', 'feature')
    await writeFile(join(ci.repo.path, 'feature.txt'), 'feature\n')
    await git(ci.repo.path, 'add', 'feature.txt')
    await git(ci.repo.path, 'commit', '-q', '-m', 'feature')
    const feature = await git(ci.repo.path, 'rev-parse', 'HEAD')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'feature')
    await git(ci.repo.path, 'checkout', '-q', '--detach', 'main')
    await git(ci.repo.path, 'merge', '-q', '--no-ff', '-m', `Merge ${feature} into main`, 'feature')
    const run = await ci.run(
      { fix: 'node fix.cjs', 'fail-when': 'unhealed' },
      { event: pullRequestEvent('feature') }
    )
    expect(run.code).toBe(0)
    expect(run.outputs.outcome).toBe('healed')
    expect(run.result.proposal).toMatchObject({ base: 'feature', action: 'created' })
    const branch = run.outputs.branch
    expect(await git(ci.bare, 'rev-parse', `${branch}^`)).toBe(feature)
    expect(await git(ci.bare, 'diff', '--name-only', 'feature', branch)).toBe('src/app.js')
    const pr = await ci.emulator.octokit.rest.pulls.get({
      owner: ci.emulator.owner,
      repo: ci.emulator.repo,
      pull_number: Number(run.outputs['pull-request-number'])
    })
    expect(pr.data).toMatchObject({ head: { ref: branch }, base: { ref: 'feature' } })
  })

  it("does not heal a pull request from one of self-heal's own branches again", async () => {
    const ci = await job()
    // self-heal's branch holds a commit of its own (with the trailer) that did not fix everything.
    const own = 'self-heal/0123456789abcdef'
    await git(ci.repo.path, 'checkout', '-q', '-b', own)
    await writeFile(join(ci.repo.path, 'other.txt'), 'other\n')
    await git(ci.repo.path, 'add', 'other.txt')
    await git(ci.repo.path, 'commit', '-q', '-m', 'fix: part\n\nSelf-Heal-Fingerprint: 0123456789abcdef')
    await git(ci.repo.path, 'push', '-q', ci.bare, own)
    await git(ci.repo.path, 'checkout', '-q', '--detach', 'main')
    await git(ci.repo.path, 'merge', '-q', '--no-ff', '-m', 'Merge into main', own)
    const run = await ci.run({ fix: 'node fix.cjs' }, { event: pullRequestEvent(own) })
    // Healing stops; the check does not: it fails on the merge commit, and so does the step.
    expect(run.code).toBe(1)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.outputs.passed).toBe('false')
    expect(run.result.attempts).toEqual([])
    expect(run.stdout).toContain('::error title=no-bad,file=src/app.js,line=2,col=11::')
    expect(await branches(ci.bare)).toEqual(['main', own])
  })

  it('a pull request whose branch differs from the merge commit in the fixed file: verified, not proposed, the step fails with why', async () => {
    const ci = await job()
    await git(ci.repo.path, 'checkout', '-q', '-b', 'feature')
    await writeFile(join(ci.repo.path, 'feature.txt'), 'feature\n')
    await git(ci.repo.path, 'add', 'feature.txt')
    await git(ci.repo.path, 'commit', '-q', '-m', 'feature')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'feature')
    await git(ci.repo.path, 'checkout', '-q', 'main')
    await writeFile(join(ci.repo.path, 'src/app.js'), 'const a = 2\nconst b = BAD\n')
    await git(ci.repo.path, 'commit', '-q', '-am', 'main moves')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'main')
    await git(ci.repo.path, 'checkout', '-q', '--detach', 'main')
    await git(ci.repo.path, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature')
    const run = await ci.run({ fix: 'node fix.cjs' }, { event: pullRequestEvent('feature') })
    // The fix is made on the merge commit, whose src/app.js is main's: it does not apply to feature's.
    expect(run.code).toBe(1)
    expect(run.outputs.outcome).toBe('not-proposed')
    expect(run.result.attempts).toEqual([expect.objectContaining({ source: 'fixer', result: 'verified' })])
    expect(run.stdout).toMatch(
      /::error::.*does not apply to feature.*'src\/app\.js'.*bring feature up to date/
    )
    expect(run.summary).toContain('fix verified, not proposed')
    expect(run.outputs.branch).toBeUndefined()
    expect(await branches(ci.bare)).toEqual(['feature', 'main'])
  })

  it('no verified fix: outcome not-healed, the failures annotated, the step fails, a summary of what was tried', async () => {
    const ci = await job()
    const run = await ci.run({ fix: 'node -e 0' })
    expect(run.code).toBe(1)
    expect(run.outputs.outcome).toBe('not-healed')
    expect(run.result.attempts).toEqual([
      expect.objectContaining({ fixer: 'node -e 0', result: 'no-change' })
    ])
    expect(run.stdout).toContain('::error title=no-bad,file=src/app.js,line=2,col=11::')
    expect(run.stdout).toMatch(/::error::No verified fix/)
    expect(run.summary).toContain('no verified fix')
    expect(run.summary).toContain('<code>node -e 0</code>: no-change')
    expect(await branches(ci.bare)).toEqual(['main'])
  })

  it('the kill switch: outcome disabled, the check still runs and decides the step, no fixer runs', async () => {
    const ci = await job()
    const marker = join(ci.temp, 'marker')
    const checked = join(ci.temp, 'checked')
    const run = await ci.run(
      {
        command: `node -e "require('fs').writeFileSync('${checked}', '')"`,
        fix: `node -e "require('fs').writeFileSync('${marker}', '')"`
      },
      { env: { SELF_HEAL_DISABLED: 'true' } }
    )
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'disabled', passed: 'true' })
    expect(run.summary).toContain('switched off')
    expect(existsSync(checked)).toBe(true)
    const failing = await ci.run(
      { fix: `node -e "require('fs').writeFileSync('${marker}', '')"`, 'fail-when': 'unhealed' },
      { env: { SELF_HEAL_DISABLED: 'true' } }
    )
    expect(failing.code).toBe(1)
    expect(failing.outputs).toMatchObject({ outcome: 'disabled', passed: 'false' })
    expect(failing.stdout).toContain('::error title=no-bad,file=src/app.js,line=2,col=11::')
    expect(failing.stdout).toMatch(
      /::error::Healing is switched off: SELF_HEAL_DISABLED is set\. The lint check fails/
    )
    expect(existsSync(marker)).toBe(false)
    expect(await branches(ci.bare)).toEqual(['main'])
  })

  it('a policy input with an unknown key fails the step naming the key, before anything runs', async () => {
    const ci = await job()
    const run = await ci.step({ fix: 'node fix.cjs', policy: 'maxFiles: 3\nsupressions: allow' })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::Policy key 'supressions' is unknown: did you mean 'suppressions'\?/)
    expect(run.stdout).not.toContain('Running the lint check')
    expect(run.outputs.outcome).toBeUndefined()
  })

  it('without a command the step fails saying which input to set', async () => {
    const ci = await job()
    const run = await ci.step({ command: '', fix: 'node fix.cjs' })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::Give the check to heal in the input 'command'/)
    expect(run.outputs.outcome).toBeUndefined()
  })

  it('a flaky check: outcome flaky, a warning, the step succeeds and no fixer runs', async () => {
    const ci = await job()
    const counter = join(ci.temp, 'flaky-counter')
    const run = await ci.run({ command: `node flaky.cjs ${counter}`, fix: 'node fix.cjs' })
    expect(run.code).toBe(0)
    expect(run.outputs.outcome).toBe('flaky')
    // Its failures are warnings, and the warning names what was flaky.
    expect(run.stdout).toMatch(/^::warning title=network,file=src\/app\.js,line=1,col=1::.*\(flaky: /m)
    expect(run.stdout).toMatch(/^::warning::.*it is flaky; flaky: src\/app\.js \(network\)\./m)
    expect(run.stdout).not.toMatch(/^::error/m)
    expect(run.result.attempts).toEqual([])
    expect(await readFile(counter, 'utf8')).toBe('2')
    expect(await branches(ci.bare)).toEqual(['main'])
  })

  it('dry-run: healed, with nothing pushed and no pull request', async () => {
    const ci = await job()
    const run = await ci.run({ fix: 'node fix.cjs', 'dry-run': 'true', 'fail-when': 'unhealed' })
    expect(run.code).toBe(0)
    expect(run.outputs.outcome).toBe('healed')
    expect(run.result).toMatchObject({ dryRun: true, remembered: false })
    expect(run.result.fix?.fixers).toEqual(['node fix.cjs'])
    expect(run.outputs.branch).toBeUndefined()
    expect(run.outputs['pull-request-url']).toBeUndefined()
    expect(run.summary).toContain('(dry run)')
    expect(await branches(ci.bare)).toEqual(['main'])
  })
})

describe('the gate: fail-when', () => {
  it('failing (the default): a healed run still fails the step, with errors, and the error says where the fix is', async () => {
    const ci = await job()
    const run = await ci.run({ fix: 'node fix.cjs' })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'healed', passed: 'false' })
    expect(run.result).toMatchObject({ ok: false, failWhen: 'failing' })
    expect(run.stdout).toMatch(
      /^::error title=no-bad,file=src\/app\.js,line=2,col=11::.*Unexpected BAD token$/m
    )
    expect(run.stdout).toMatch(
      new RegExp(
        `::error::The lint check fails at [0-9a-f]{12} \\(fail-when: failing\\), and a fix is ready: .*${run.outputs['pull-request-url']}`
      )
    )
    expect(run.summary).toContain(run.outputs['pull-request-url'])
  })

  it('never: no verified fix, and the step still succeeds, with warnings only', async () => {
    const ci = await job()
    const run = await ci.run({ fix: 'node -e 0', 'fail-when': 'never' })
    expect(run.code).toBe(0)
    expect(run.outputs.outcome).toBe('not-healed')
    expect(run.stdout).not.toMatch(/^::error/m)
    expect(run.stdout).toMatch(/^::warning title=no-bad.*fail-when is never/m)
  })

  it('an unknown value fails the step naming the input, before anything runs', async () => {
    const ci = await job()
    const run = await ci.step({ fix: 'node fix.cjs', 'fail-when': 'sometimes' })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error::the input 'fail-when' must be one of failing, unhealed, never \(got 'sometimes'\)/
    )
    expect(run.stdout).not.toContain('Running the lint check')
  })
})

describe("a maintainer's no", () => {
  it('a pull request closed without merging (its branch deleted) declines the fix: later runs open none, until labelled self-heal:retry', async () => {
    const ci = await job()
    const { octokit, owner, repo } = ci.emulator
    const first = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
    const number = Number(first.outputs['pull-request-number'])
    await octokit.rest.pulls.update({ owner, repo, pull_number: number, state: 'closed' })
    await octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${first.outputs.branch}` })

    const again = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
    expect(again.code).toBe(1)
    expect(again.outputs.outcome).toBe('declined')
    expect(again.result.attempts).toEqual([])
    expect(again.stdout).toMatch(
      new RegExp(
        `::error::Declined: self-heal's pull request #${number} .*closed without being merged.*reopen #${number}.*'self-heal:retry'`
      )
    )
    expect(again.summary).toContain('fix declined')
    expect(await branches(ci.bare)).toEqual(['main'])
    const never = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'never' })
    expect(never).toMatchObject({ code: 0, outputs: { outcome: 'declined' } })
    const pulls = await octokit.rest.pulls.list({ owner, repo, state: 'all' })
    expect(pulls.data).toHaveLength(1)

    await octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels: ['self-heal:retry'] })
    const retried = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
    expect(retried.code).toBe(0)
    expect(retried.outputs).toMatchObject({ outcome: 'healed', 'pull-request-operation': 'created' })
    expect(retried.outputs['pull-request-number']).not.toBe(String(number))
  })

  it('a squash-merged fix whose branch was kept: the failure, back, is healed afresh, not found already proposed', async () => {
    const ci = await job()
    const { octokit, owner, repo } = ci.emulator
    const first = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
    const number = Number(first.outputs['pull-request-number'])
    await octokit.rest.pulls.merge({ owner, repo, pull_number: number, merge_method: 'squash' })
    expect(await branches(ci.bare)).toEqual(['main', first.outputs.branch])
    // The failure comes back on main.
    await git(ci.repo.path, 'pull', '-q', '--ff-only', ci.bare, 'main')
    await writeFile(join(ci.repo.path, 'src/app.js'), APP)
    await git(ci.repo.path, 'commit', '-q', '-am', 'bring BAD back')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'main')
    const main = await git(ci.repo.path, 'rev-parse', 'HEAD')

    const again = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' })
    expect(again.code).toBe(0)
    expect(again.result.proposal).toMatchObject({
      branch: first.outputs.branch,
      action: 'created',
      pullRequest: { action: 'created' }
    })
    expect(again.outputs['pull-request-number']).not.toBe(String(number))
    expect(await git(ci.bare, 'rev-parse', `${first.outputs.branch}^`)).toBe(main)
  })
})

describe('the shape of the pull request', () => {
  it('branch-prefix, templated title, body and commit-message, labels, reviewers, team-reviewers, assignees, draft, ci-workflow and every output', async () => {
    const actions = createActionsPlugin({ queueDelayMs: 100 })
    // The repository's CI: the check, run by a workflow that can be dispatched.
    actions.registerCommand('ci.yml', 'node check.cjs')
    const ci = await job([actions.plugin])
    await mkdir(join(ci.repo.path, '.github/workflows'), { recursive: true })
    await writeFile(
      join(ci.repo.path, '.github/workflows/ci.yml'),
      'name: CI\non:\n  workflow_dispatch:\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: node check.cjs\n'
    )
    await git(ci.repo.path, 'add', '.github')
    await git(ci.repo.path, 'commit', '-q', '-m', 'CI')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'main')
    const failing = await git(ci.repo.path, 'rev-parse', 'HEAD')
    const { octokit, owner, repo } = ci.emulator
    const shape = {
      fix: 'node fix.cjs',
      'fail-when': 'unhealed',
      'branch-prefix': 'bots/heal-',
      title: 'Fix {check}: {failed-tests} ({fingerprint})',
      body: '{fixer} fixed the failure of {run-url}.',
      labels: 'bot, lint',
      reviewers: 'alice',
      'team-reviewers': 'core\nweb',
      assignees: 'bob\ncarol',
      draft: 'true',
      'commit-message': 'style: fix lint\n\nFor {fingerprint}.',
      'ci-workflow': 'ci.yml'
    }
    const env = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '77' }
    const run = await ci.run(shape, { env })
    expect(run.code).toBe(0)
    const id = run.outputs.fingerprint
    expect(id).toMatch(/^[0-9a-f]{16}$/)
    const branch = `bots/heal-${id}`
    const number = Number(run.outputs['pull-request-number'])
    const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: number })
    const runs = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo })
    expect(runs.data.workflow_runs.map(r => [r.path, r.head_branch, r.event])).toEqual([
      ['.github/workflows/ci.yml', branch, 'workflow_dispatch']
    ])
    const ciRun = runs.data.workflow_runs[0]
    expect(run.outputs).toEqual({
      environment: 'ci',
      outcome: 'healed',
      fingerprint: id,
      passed: 'false',
      result: expect.any(String),
      branch,
      commit: await git(ci.bare, 'rev-parse', branch),
      'pull-request-number': String(pr.number),
      'pull-request-url': pr.html_url,
      'pull-request-operation': 'created',
      'run-id': String(ciRun.id),
      'run-url': ciRun.html_url
    })
    expect(await git(ci.bare, 'rev-parse', `${branch}^`)).toBe(failing)
    expect(pr).toMatchObject({
      title: `Fix node check.cjs: src/app.js :: no-bad (${id})`,
      // The fingerprint's hidden marker follows whatever body is set: it is how a decline is found.
      body: `node fix.cjs fixed the failure of https://github.example/octo/repo/actions/runs/77.\n\n<!-- self-heal fingerprint: ${id} -->\n`,
      draft: true,
      head: { ref: branch }
    })
    expect(pr.labels.map(l => l.name)).toEqual(['bot', 'lint'])
    expect(pr.requested_reviewers?.map(u => u.login)).toEqual(['alice'])
    expect(pr.requested_teams?.map(t => t.slug)).toEqual(['core', 'web'])
    expect(pr.assignees?.map(u => u.login)).toEqual(['bob', 'carol'])
    expect((await git(ci.bare, 'log', '-1', '--format=%B', branch)).trim()).toBe(
      `style: fix lint\n\nFor ${id}.\n\nSelf-Heal-Fingerprint: ${id}`
    )
    expect(run.summary).toContain(`<a href="${ciRun.html_url}">run ${ciRun.id}</a> of <code>ci.yml</code>`)
    // The dispatched CI ran the check on the fix branch, and it passes there.
    await actions.idle()
    const { data: finished } = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: ciRun.id })
    expect(finished).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      head_sha: run.outputs.commit
    })

    // The job run again: the pull request already holds this fix; nothing is committed, nothing dispatched.
    const again = await ci.run(shape, { env })
    // `commit` is the fix's commit still: the branch's head, which this run found holding the fix.
    expect(again.outputs).toMatchObject({
      'pull-request-operation': 'unchanged',
      branch,
      commit: run.outputs.commit
    })
    expect(again.outputs['run-id']).toBeUndefined()
    expect((await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo })).data.total_count).toBe(1)
    // Its own branch is recognised by the loop guard, by the prefix.
    const guarded = await ci.run(shape, { event: pullRequestEvent(branch) })
    expect(guarded.outputs.outcome).toBe('skipped')
  })
})

describe("in a same-repository pull request's workflow", () => {
  /** A pull request from `feature` (which brings the BAD line) into main, and its merge commit checked out. */
  async function pullRequestJob(): Promise<{ ci: Job; number: number; event: object; feature: string }> {
    const ci = await job()
    await writeFile(join(ci.repo.path, 'src/app.js'), 'const a = 1\nconst b = 2\n')
    await git(ci.repo.path, 'commit', '-q', '-am', 'clean')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'main')
    await git(ci.repo.path, 'checkout', '-q', '-b', 'feature')
    await writeFile(join(ci.repo.path, 'src/app.js'), APP)
    await git(ci.repo.path, 'commit', '-q', '-am', 'feature brings BAD')
    await git(ci.repo.path, 'push', '-q', ci.bare, 'feature')
    const feature = await git(ci.repo.path, 'rev-parse', 'HEAD')
    await git(ci.repo.path, 'checkout', '-q', '--detach', 'main')
    await git(ci.repo.path, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature')
    const { octokit, owner, repo } = ci.emulator
    const { data } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'feature',
      base: 'main',
      title: 'Feature'
    })
    const event = {
      pull_request: {
        number: data.number,
        html_url: data.html_url,
        head: { ref: 'feature', sha: feature, repo: { full_name: 'octo/repo' } },
        base: { ref: 'main', repo: { full_name: 'octo/repo' } }
      }
    }
    return { ci, number: data.number, event, feature }
  }

  async function comments(ci: Job, number: number): Promise<string[]> {
    const { octokit, owner, repo } = ci.emulator
    const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: number })
    return data.map(c => c.body ?? '')
  }

  it('deliver pull-request: a pull request into its branch, and ONE comment on it, updated in place', async () => {
    const { ci, number, event } = await pullRequestJob()
    const first = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' }, { event })
    expect(first.outputs.outcome).toBe('healed')
    const fix = first.outputs['pull-request-number']
    const again = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed' }, { event })
    expect(again.result.proposal).toMatchObject({ action: 'already-proposed' })
    const listed = await comments(ci, number)
    expect(listed).toHaveLength(1)
    expect(listed[0].startsWith('<!-- self-heal -->')).toBe(true)
    expect(listed[0]).toContain(`pull request #${fix}`)
    expect(listed[0]).toContain('src/app.js :: no-bad')
    expect(first.summary).toContain('on the pull request</a> (created)')
    expect(again.summary).toContain('on the pull request</a> (updated)')
  })

  it('deliver commit: one signed commit with the trailer on the pull request’s own branch, through the API', async () => {
    const { ci, number, event, feature } = await pullRequestJob()
    const run = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed', deliver: 'commit' }, { event })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({
      outcome: 'healed',
      branch: 'feature',
      'pull-request-operation': 'updated'
    })
    expect(run.outputs['pull-request-number']).toBe(String(number))
    expect(await git(ci.bare, 'rev-parse', 'feature')).toBe(run.outputs.commit)
    expect(await git(ci.bare, 'rev-parse', 'feature^')).toBe(feature)
    expect(await git(ci.bare, 'show', 'feature:src/app.js')).toBe('const a = 1\nconst b = GOOD')
    expect(await git(ci.bare, 'log', '-1', '--format=%B', 'feature')).toContain(
      `Self-Heal-Fingerprint: ${run.outputs.fingerprint}`
    )
    expect(await branches(ci.bare)).toEqual(['feature', 'main'])
    expect(await comments(ci, number)).toEqual([
      expect.stringContaining(`committed on this branch: ${run.outputs.commit}`)
    ])
    // The job run again (same event, same checkout) finds its commit there: nothing is committed twice.
    const again = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed', deliver: 'commit' }, { event })
    expect(again.code).toBe(0)
    expect(again.result.proposal).toMatchObject({ deliver: 'commit', action: 'already-proposed' })
    expect(again.outputs['pull-request-operation']).toBe('unchanged')
    expect(await git(ci.bare, 'rev-parse', 'feature')).toBe(run.outputs.commit)
    expect(await comments(ci, number)).toHaveLength(1)
  })

  it('deliver suggest: one review with a suggestion on the line it replaces; nothing pushed', async () => {
    const { ci, number, event, feature } = await pullRequestJob()
    const run = await ci.run({ fix: 'node fix.cjs', 'fail-when': 'unhealed', deliver: 'suggest' }, { event })
    expect(run.code).toBe(0)
    expect(run.result.proposal).toMatchObject({
      deliver: 'suggest',
      review: { suggestions: 1, asDiff: 0 }
    })
    const { octokit, owner, repo } = ci.emulator
    const reviews = await octokit.rest.pulls.listReviews({ owner, repo, pull_number: number })
    expect(reviews.data).toHaveLength(1)
    expect(reviews.data[0].state).toBe('COMMENTED')
    const lines = await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: number })
    expect(lines.data.map(c => ({ path: c.path, line: c.line, start: c.start_line, body: c.body }))).toEqual([
      { path: 'src/app.js', line: 2, start: null, body: '```suggestion\nconst b = GOOD\n```' }
    ])
    expect(await git(ci.bare, 'rev-parse', 'feature')).toBe(feature)
    expect(await branches(ci.bare)).toEqual(['feature', 'main'])
    expect(await comments(ci, number)).toEqual([expect.stringContaining('suggested in a review')])
  })

  it('deliver none: verified and reported only; nothing pushed, no pull request or review; ONE comment, with the diff, updated', async () => {
    const { ci, number, event, feature } = await pullRequestJob()
    const run = await ci.run({ fix: 'node fix.cjs', deliver: 'none' }, { event })
    // The default gate fails the step: the checked commit is still broken, whatever heal found.
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'healed', 'pull-request-operation': 'none' })
    expect(run.outputs.commit).toBeUndefined()
    expect(await git(ci.bare, 'rev-parse', 'feature')).toBe(feature)
    expect(await branches(ci.bare)).toEqual(['feature', 'main'])
    const { octokit, owner, repo } = ci.emulator
    expect((await octokit.rest.pulls.listReviews({ owner, repo, pull_number: number })).data).toHaveLength(0)
    expect((await octokit.rest.pulls.list({ owner, repo, state: 'all' })).data.map(pr => pr.number)).toEqual([
      number
    ])
    const again = await ci.run({ fix: 'node fix.cjs', deliver: 'none' }, { event })
    expect(again.outputs.outcome).toBe('healed')
    const listed = await comments(ci, number)
    expect(listed).toHaveLength(1)
    expect(listed[0]).toContain('+const b = GOOD')
  })
})

describe('the job summary a maintainer reads', () => {
  it('names the problems with lines and messages, links the run, the commit and the pull request, and fences the diff', async () => {
    const ci = await job()
    const sha = await git(ci.repo.path, 'rev-parse', 'HEAD')
    const run = await ci.run(
      { fix: 'node fix.cjs', 'fail-when': 'unhealed' },
      { env: { GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '4242', GITHUB_SHA: sha } }
    )
    expect(run.code).toBe(0)
    const { summary, outputs } = run
    expect(summary).toContain('<code>src/app.js:2:11</code> <code>no-bad</code>: error Unexpected BAD token')
    expect(summary).not.toContain('src/app.js :: no-bad')
    expect(summary).toContain('<a href="https://github.example/octo/repo/actions/runs/4242">run 4242</a>')
    expect(summary).toContain(`<a href="https://github.example/octo/repo/commit/${sha}">`)
    expect(summary).toContain(
      `<a href="${outputs['pull-request-url']}">#${outputs['pull-request-number']}</a>`
    )
    expect(summary).toMatch(
      /```diff\ndiff --git a\/src\/app\.js b\/src\/app\.js\n[^]*\+const b = GOOD\n```\n/
    )
    expect(summary).toContain('1 file, +1 −1')
  })

  it('a check that cannot run is broken: outcome broken-check, the step fails, no fixer runs, the message shown', async () => {
    const ci = await job()
    const run = await ci.run({ command: 'node missing-check.cjs', fix: 'node fix.cjs' })
    expect(run.code).toBe(1)
    expect(run.outputs.outcome).toBe('broken-check')
    expect(run.result.attempts).toEqual([])
    expect(run.result.reason).toContain('Cannot find module')
    expect(run.summary).toContain('the check itself is broken')
    expect(run.summary).toContain('missing-check.cjs')
    expect(await branches(ci.bare)).toEqual(['main'])
  })
})
