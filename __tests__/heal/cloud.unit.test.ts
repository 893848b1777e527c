/**
 * The cloud side of a heal with no checkout, over memory ports: a "runner" that checks a branch of the memory Git
 * (trailing whitespace in src/a.js fails lint) and whose fixer makes a scripted diff. What the cloud side decides:
 * fingerprint, recall, re-police, commit, verify on the branch, propose.
 */
import { describe, expect, it } from '@jest/globals'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import type { LintResult } from '../../src/adapters/execution.js'
import { resultFromReport } from '../../src/adapters/execution/workflow-dispatch.js'
import type { RunReport } from '../../src/adapters/execution/workflow-runs.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { diffFiles, textFiles } from '../../src/adapters/memory/files.js'
import type { StorageAdapter } from '../../src/adapters/storage.js'
import { ConfigurationError, FileNotFoundError, InvalidInputError } from '../../src/errors.js'
import { RUNNER_WORKFLOW_PATH, parseRunId, runCloudHeal, type RemoteExecution } from '../../src/heal/cloud.js'
import { fingerprintFailure } from '../../src/heal/fingerprint.js'
import { remember } from '../../src/heal/memory.js'
import type { FixRecord } from '../../src/heal/remote-fix.js'
import type { HealRequest } from '../../src/heal/types.js'

const BROKEN = 'const a = 1   \nmodule.exports = a\n'
const FIXED = 'const a = 1\nmodule.exports = a\n'
const REPOSITORY = 'github:github.com/octo/repo'

const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }

/** Lint over a branch's files, as the runner would report it. */
function lintFiles(git: MemoryGit, ref: string): LintResult {
  const text = git.branches.get(ref)!.files.get('src/a.js')!.content.toString('utf8')
  const problems = text
    .split('\n')
    .flatMap((line, i) =>
      /\s+$/.test(line)
        ? [{ file: 'src/a.js', line: i + 1, severity: 'error' as const, message: 'trailing whitespace' }]
        : []
    )
  const failed = problems.length > 0
  return {
    exitCode: failed ? 1 : 0,
    stdout: '',
    stderr: '',
    durationMs: 1,
    timedOut: false,
    passed: !failed,
    source: 'output',
    problems
  }
}

/** A CI run's report as the API gives it back: lint's output in the failed step, the exit-code annotation. */
function ciReport(id: number, output: string, conclusion = 'failure'): RunReport {
  return {
    run: {
      id,
      status: 'completed',
      conclusion,
      head_branch: 'feature',
      head_sha: 'f'.repeat(40),
      html_url: `https://github.com/octo/repo/actions/runs/${id}`,
      url: '',
      created_at: '',
      updated_at: ''
    },
    jobs: [{ id: id + 1, name: 'lint', conclusion, failedSteps: ['Run npm run lint'] }],
    annotations: [
      {
        path: '.github',
        start_line: 1,
        end_line: 1,
        start_column: null,
        end_column: null,
        annotation_level: 'failure',
        title: null,
        message: 'Process completed with exit code 2.',
        raw_details: null
      }
    ],
    logTail: '',
    output
  }
}

const LINT_OUTPUT = 'src/a.js:1:12: trailing whitespace (no-trailing-spaces)\n'

/** A runner over the memory Git: `made` is the diff its fixer makes (or none). */
function runner(git: MemoryGit, made: Record<string, string> | undefined, report = ciReport(7, LINT_OUTPUT)) {
  const refs: Array<[string, string]> = []
  const execution: RemoteExecution = {
    kind: 'scripted-runner',
    runCommand: async () => {
      throw new Error('not used')
    },
    runTests: async () => {
      throw new Error('not used')
    },
    runBuild: async () => {
      throw new Error('not used')
    },
    runLint: async (_command, options) => {
      refs.push(['check', options!.ref!])
      return lintFiles(git, options!.ref!)
    },
    runFix: async (_request, options) => {
      refs.push(['fix', options!.ref!])
      const result = lintFiles(git, options!.ref!)
      const files = git.branches.get(options!.ref!)!.files
      const fix: FixRecord = result.passed
        ? { outcome: 'passed', reason: 'passes', root: '/runner/work', attempts: [] }
        : made
          ? {
              outcome: 'healed',
              reason: 'a fix',
              root: '/runner/work',
              attempts: [{ source: 'fixer', fixer: 'fix', result: 'verified' }],
              fix: {
                source: 'fixer',
                fixers: ['fix'],
                // What the runner claims: the cloud side computes the stats itself.
                diff: diffFiles(files, new Map([...files, ...textFiles(made)])),
                stats: { files: 0, added: 0, removed: 0 }
              }
            }
          : {
              outcome: 'not-healed',
              reason: 'none',
              root: '/runner/work',
              attempts: [{ source: 'fixer', fixer: 'fix', result: 'check-failed' }]
            }
      return { result, fix }
    },
    readRun: async (kind, runId) => {
      refs.push(['read', String(runId)])
      const { run } = report
      return {
        runId,
        url: run.html_url,
        conclusion: run.conclusion,
        branch: run.head_branch,
        sha: run.head_sha,
        result: await resultFromReport(kind, report)
      }
    }
  }
  return { execution, refs }
}

function storage(files: string[]): StorageAdapter {
  return {
    kind: 'memory',
    fileExists: async path => files.includes(path),
    readFile: async () => Buffer.from(''),
    writeFile: async () => undefined,
    listFiles: async () => files,
    deleteFile: async () => undefined
  }
}

/** A branch's files through the Storage port (read only). */
function branchFiles(git: MemoryGit, branch: string): StorageAdapter {
  const files = git.branches.get(branch)!.files
  return {
    ...storage([...files.keys()]),
    readFile: async path => {
      const file = files.get(path)
      if (!file) throw new FileNotFoundError(path)
      return file.content
    }
  }
}

const REQUEST: HealRequest = { kind: 'lint', check: 'lint', fixers: ['fix'] }

function heal(
  git: MemoryGit,
  execution: RemoteExecution,
  options: {
    cache?: MemoryCacheAdapter
    files?: string[]
    request?: Partial<HealRequest>
    ref?: string
    runId?: number
  } = {}
) {
  const cache = options.cache ?? new MemoryCacheAdapter()
  return runCloudHeal(
    {
      execution,
      storage: storage(options.files ?? [RUNNER_WORKFLOW_PATH]),
      // This runner says no commit, so the base is the branch the fixers ran on; a failed run's commit is feature's.
      storageAt: async at => branchFiles(git, 'branch' in at ? at.branch : 'feature'),
      cache: async () => cache,
      git: async () => git,
      repository: REPOSITORY,
      defaultBranch: async () => 'main',
      log: quiet
    },
    { ...REQUEST, ...options.request },
    options.runId ? options.ref : (options.ref ?? 'feature'),
    options.runId
  )
}

function repo(): MemoryGit {
  const git = new MemoryGit({ 'src/a.js': FIXED, 'README.md': 'hi\n' })
  git.branches.set('feature', {
    files: textFiles({ 'src/a.js': BROKEN, 'README.md': 'hi\n' }),
    forkedFrom: textFiles({ 'src/a.js': FIXED, 'README.md': 'hi\n' }),
    commits: []
  })
  return git
}

describe('runCloudHeal', () => {
  it('commits the runner’s fix to self-heal/<fingerprint>, verifies it there, proposes it and remembers it', async () => {
    const git = repo()
    const { execution, refs } = runner(git, { 'src/a.js': FIXED })
    const cache = new MemoryCacheAdapter()
    const out = await heal(git, execution, { cache })
    const branch = `self-heal/${out.fingerprint!.id}`
    expect(out).toMatchObject({
      outcome: 'healed',
      ok: true,
      remembered: true,
      fix: { source: 'fixer', stats: { files: 1, added: 1, removed: 1 } },
      proposal: { branch, base: 'feature', action: 'created', pullRequest: { action: 'created' } }
    })
    expect(refs).toEqual([
      ['fix', 'feature'],
      ['check', branch]
    ])
    expect(git.branches.get(branch)!.files.get('src/a.js')!.content.toString()).toBe(FIXED)
    expect(git.pullRequests.map(pr => [pr.head, pr.base])).toEqual([[branch, 'feature']])
    // The fingerprint is the one a checkout on the runner would compute.
    expect(out.fingerprint!.id).toBe(
      fingerprintFailure('lint', lintFiles(repo(), 'feature'), { workspace: '/runner/work' })!.id
    )
  })

  it('re-polices the runner’s fix: a change the policy refuses is never committed, whatever the runner said', async () => {
    const git = repo()
    const { execution, refs } = runner(git, { 'src/a.js': FIXED, '.github/workflows/ci.yml': 'on: push\n' })
    const out = await heal(git, execution)
    expect(out.outcome).toBe('not-healed')
    expect(out.attempts).toEqual([
      expect.objectContaining({
        source: 'fixer',
        result: 'refused',
        violations: [expect.objectContaining({ file: '.github/workflows/ci.yml' })]
      })
    ])
    expect([...git.branches.keys()].filter(name => name.startsWith('self-heal/'))).toEqual([])
    expect(refs).toEqual([['fix', 'feature']])
  })

  it('tries the remembered fix first, and commits it only once the check passes on its branch', async () => {
    const git = repo()
    const { execution } = runner(git, undefined)
    const cache = new MemoryCacheAdapter()
    const files = git.branches.get('feature')!.files
    const fingerprint = fingerprintFailure('lint', lintFiles(git, 'feature'), { workspace: '/runner/work' })!
    const diff = diffFiles(files, new Map([...files, ...textFiles({ 'src/a.js': FIXED })]))
    await remember(
      cache,
      REPOSITORY,
      fingerprint.id,
      'lint',
      {
        source: 'fixer',
        fixers: ['fix'],
        diff,
        stats: { files: 1, added: 1, removed: 1 }
      },
      new Date('2026-01-01T00:00:00Z')
    )
    const out = await heal(git, execution, { cache })
    expect(out).toMatchObject({ outcome: 'healed', fix: { source: 'memory' } })
    expect(out.attempts.map(a => [a.source, a.result])).toEqual([
      ['memory', 'verified'],
      ['fixer', 'check-failed']
    ])
  })

  it('deletes the branch it made when the check fails there', async () => {
    const git = repo()
    // The fixer's change leaves the trailing whitespace on line 1.
    const { execution } = runner(git, { 'src/a.js': `${BROKEN}// more\n` })
    const out = await heal(git, execution)
    expect(out.outcome).toBe('not-healed')
    expect(out.attempts.map(a => a.result)).toEqual(['check-failed'])
    expect(out.proposal).toBeUndefined()
    expect([...git.branches.keys()].filter(name => name.startsWith('self-heal/'))).toEqual([])
    expect(git.pullRequests).toEqual([])
  })

  it('says which file to add when the runner workflow is not on the default branch', async () => {
    const git = repo()
    const { execution, refs } = runner(git, { 'src/a.js': FIXED })
    const error = await heal(git, execution, { files: [] }).catch(e => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toContain('.github/workflows/self-heal-run.yml')
    expect(refs).toEqual([])
  })

  it('does not heal self-heal’s own branches, and passes a passing branch', async () => {
    const git = repo()
    const { execution } = runner(git, undefined)
    expect((await heal(git, execution, { ref: 'self-heal/0123' })).outcome).toBe('skipped')
    expect((await heal(git, execution, { ref: 'main' })).outcome).toBe('passed')
  })

  it('finds but writes nothing in a dry run', async () => {
    const git = repo()
    const { execution, refs } = runner(git, { 'src/a.js': FIXED })
    const out = await heal(git, execution, { request: { dryRun: true } })
    expect(out).toMatchObject({ outcome: 'healed', dryRun: true, fix: { source: 'fixer' } })
    expect(refs).toEqual([['fix', 'feature']])
    expect([...git.branches.keys()].sort()).toEqual(['feature', 'main'])
  })
})

describe('a failed run read as the check it ran', () => {
  it('gives failed runs of one failure one fingerprint, whatever the run, its exit code or the positions', async () => {
    const first = await resultFromReport('lint', ciReport(7, LINT_OUTPUT))
    expect(first).toMatchObject({
      exitCode: 2,
      passed: false,
      problems: [expect.objectContaining({ file: 'src/a.js', line: 1 })]
    })
    const id = fingerprintFailure('lint', first)!.id
    const moved = ciReport(9, 'src/a.js:3:4: trailing whitespace (no-trailing-spaces)\n')
    expect(fingerprintFailure('lint', await resultFromReport('lint', moved))!.id).toBe(id)
    const other = ciReport(7, 'src/b.js:1:12: trailing whitespace (no-trailing-spaces)\n')
    expect(fingerprintFailure('lint', await resultFromReport('lint', other))!.id).not.toBe(id)
    // Annotations name the problems when the run left some (a reporter's `::error file=...`).
    const annotated = ciReport(7, '')
    annotated.annotations.unshift({
      ...annotated.annotations[0],
      path: 'src/c.js',
      start_line: 2,
      title: 'no-trailing-spaces',
      message: 'trailing whitespace'
    })
    expect(await resultFromReport('lint', annotated)).toMatchObject({
      problems: [{ file: 'src/c.js', line: 2, rule: 'no-trailing-spaces', severity: 'error' }]
    })
    expect(await resultFromReport('lint', ciReport(7, '', 'success'))).toMatchObject({
      exitCode: 0,
      passed: true
    })
  })
})

describe('runCloudHeal from a failed run', () => {
  it('fingerprints the run, runs the fixers on its branch once, and recalls that fix for the next failed run without running them', async () => {
    const git = repo()
    const { execution, refs } = runner(git, { 'src/a.js': FIXED })
    const cache = new MemoryCacheAdapter()
    const first = await heal(git, execution, { cache, runId: 7 })
    const id = fingerprintFailure('lint', await resultFromReport('lint', ciReport(7, LINT_OUTPUT)))!.id
    expect(first).toMatchObject({
      outcome: 'healed',
      remembered: true,
      fingerprint: { id },
      check: { passed: false, exitCode: 2 },
      proposal: { branch: `self-heal/${id}`, base: 'feature' }
    })
    expect(refs.splice(0)).toEqual([
      ['read', '7'],
      ['fix', 'feature'],
      ['check', `self-heal/${id}`]
    ])

    // The fix was merged; the failure came back on another branch: the remembered fix, and no run of the fixers.
    git.branches.delete(`self-heal/${id}`)
    git.pullRequests.length = 0
    const again = await heal(git, execution, { cache, runId: 7 })
    expect(again).toMatchObject({ outcome: 'healed', fix: { source: 'memory' }, fingerprint: { id } })
    expect(refs).toEqual([
      ['read', '7'],
      ['check', `self-heal/${id}`]
    ])
  })

  it('takes a run id as a positive number, and says what to give otherwise', () => {
    expect(parseRunId(' 30433642 ', '--run-id')).toBe(30433642)
    expect(parseRunId('', '--run-id')).toBeUndefined()
    for (const bad of ['0', '-1', '12a', '1e3', '${{ github.event.workflow_run.id }}']) {
      expect(() => parseRunId(bad, '--run-id')).toThrow(InvalidInputError)
    }
    expect(() => parseRunId('x', "The input 'run-id'")).toThrow(
      "The input 'run-id' must be a workflow run's id, a positive number (got 'x')"
    )
  })

  it('runs nothing for a run that succeeded', async () => {
    const git = repo()
    const { execution, refs } = runner(git, { 'src/a.js': FIXED }, ciReport(8, '', 'success'))
    expect(await heal(git, execution, { runId: 8 })).toMatchObject({ outcome: 'passed', ok: true })
    expect(refs).toEqual([['read', '8']])
  })
})

describe('runCloudHeal with an old runner workflow', () => {
  it('says to update the runner workflow when GitHub refuses the fix operation’s inputs', async () => {
    const git = repo()
    const { execution } = runner(git, undefined)
    execution.runFix = async () => {
      throw new InvalidInputError('Unexpected inputs provided: ["operation", "request"]')
    }
    const error = await heal(git, execution).catch(e => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toMatch(/self-heal-run\.yml has no inputs 'operation' and 'request'/)
  })
})
