/**
 * What a person reads about a heal: the job summary's Markdown (healSummary), the CLI's text (describeHeal), and
 * the broken-check rule behind the `broken-check` outcome.
 */
import { describe, expect, it } from '@jest/globals'
import { describeHeal } from '../../src/cli/program.js'
import type { CheckOutput } from '../../src/commands/check.js'
import { brokenCheck, codeFence, flakyReason, plural } from '../../src/heal/report.js'
import type { HealOutput } from '../../src/heal/types.js'
import { healSummary } from '../../src/summary.js'

const DIFF = [
  'diff --git a/src/a.js b/src/a.js',
  '--- a/src/a.js',
  '+++ b/src/a.js',
  '@@ -1 +1 @@',
  '-var a = 1 // ```',
  '+const a = 1 // ````',
  ''
].join('\n')

function check(over: Partial<CheckOutput> = {}): CheckOutput {
  return {
    kind: 'lint',
    passed: false,
    exitCode: 1,
    timedOut: false,
    failedTests: [],
    problems: [
      { file: 'src/a.js', line: 1, column: 1, severity: 'error', rule: 'no-var', message: 'Unexpected var' },
      { file: 'src/b.js', line: 7, severity: 'error', message: 'Missing semicolon\nsecond line' }
    ],
    durationMs: 1200,
    outputTail: 'src/a.js:1:1 error Unexpected var no-var',
    ...over
  }
}

function healed(over: Partial<HealOutput> = {}): HealOutput {
  return {
    outcome: 'healed',
    ok: true,
    reason: 'Healed: a verified fix is proposed.',
    failWhen: 'unhealed',
    kind: 'lint',
    check: check(),
    fingerprint: { id: 'abc123', basis: 'problems', signatures: ['src/a.js :: no-var'] },
    attempts: [
      {
        source: 'fixer',
        fixer: 'eslint --fix .',
        result: 'verified',
        exitCode: 0,
        stats: { files: 1, added: 1, removed: 1 }
      }
    ],
    fix: {
      source: 'fixer',
      fixers: ['eslint --fix .'],
      diff: DIFF,
      stats: { files: 1, added: 1, removed: 1 }
    },
    proposal: {
      deliver: 'pull-request',
      branch: 'self-heal/abc123',
      base: 'main',
      action: 'created',
      pullRequest: { number: 4, url: 'https://github.com/octo/repo/pull/4', action: 'created' }
    },
    remembered: true,
    dryRun: false,
    ...over
  }
}

const CONTEXT = { serverUrl: 'https://github.com', repository: 'octo/repo', runId: '99', sha: 'f'.repeat(40) }

describe('the job summary of a heal', () => {
  it('lists the problems with file:line and message, not fingerprint signatures', () => {
    const md = healSummary(healed(), 'npx eslint .', CONTEXT)
    expect(md).toContain('<code>src/a.js:1:1</code> <code>no-var</code>: Unexpected var')
    expect(md).toContain('<code>src/b.js:7</code>: Missing semicolon\n')
    expect(md).not.toContain('src/a.js :: no-var')
  })

  it('links the run, the commit checked and the pull request', () => {
    const md = healSummary(healed(), 'npx eslint .', CONTEXT)
    expect(md).toContain('<a href="https://github.com/octo/repo/actions/runs/99">run 99</a>')
    expect(md).toContain(
      `<a href="https://github.com/octo/repo/commit/${'f'.repeat(40)}"><code>ffffffffffff</code></a>`
    )
    expect(md).toContain('<a href="https://github.com/octo/repo/pull/4">#4</a> (created)')
  })

  it('fences the diff with more backticks than any run inside it, so the diff cannot end the block', () => {
    const md = healSummary(healed(), 'npx eslint .', CONTEXT)
    expect(md).toContain(`\`\`\`\`\`diff\n${DIFF}\`\`\`\`\`\n`)
    expect(codeFence('no backticks')).toBe('```\nno backticks\n```')
  })

  it('says 1 file and 2 files', () => {
    const two = healed({
      fix: { source: 'fixer', fixers: ['x'], diff: DIFF, stats: { files: 2, added: 3, removed: 1 } }
    })
    expect(healSummary(healed(), 'c', CONTEXT)).toContain('1 file, +1 −1')
    expect(healSummary(two, 'c', CONTEXT)).toContain('2 files, +3 −1')
    expect(plural(0, 'file')).toBe('0 files')
  })

  it('leaves out the links it has no variables for, and shows a timeout and a crashed fixer', () => {
    const md = healSummary(
      healed({
        outcome: 'not-healed',
        ok: false,
        check: check({ timedOut: true, problems: [], exitCode: 143 }),
        attempts: [
          { source: 'fixer', fixer: 'fixit', result: 'crashed', exitCode: 2, outputTail: 'Error: boom' }
        ],
        fix: undefined,
        proposal: undefined
      }),
      'c',
      {}
    )
    expect(md).not.toContain('actions/runs')
    expect(md).toContain('timed out (the timeout ended it)')
    expect(md).toContain('<code>fixit</code>: crashed (exit 2, nothing changed)')
    expect(md).toContain('Error: boom')
  })
})

describe("heal's text output", () => {
  it('names the problems of a failure that was not healed, and a crashed fixer with its output', () => {
    const text = describeHeal(
      healed({
        outcome: 'not-healed',
        ok: false,
        attempts: [
          { source: 'fixer', fixer: 'fixit', result: 'crashed', exitCode: 137, outputTail: 'Killed' }
        ],
        fix: undefined,
        proposal: undefined
      })
    )
    expect(text).toContain('src/a.js:1:1 no-var: Unexpected var')
    expect(text).toContain('src/b.js:7: Missing semicolon')
    expect(text).toContain("fixer 'fixit': crashed (exit 137, nothing changed)")
    expect(text).toContain('    | Killed')
  })

  it('names the failed tests of a flaky check, says a timeout, and prints a dry run diff', () => {
    const flaky = describeHeal(
      healed({
        outcome: 'flaky',
        check: check({
          kind: 'test',
          problems: [],
          failedTests: [{ name: 'adds', file: 'src/add.test.js', line: 3, message: 'expected 2, got 3' }]
        }),
        attempts: [],
        fix: undefined,
        proposal: undefined
      })
    )
    expect(flaky).toContain('src/add.test.js:3 adds: expected 2, got 3')
    const timedOut = describeHeal(healed({ check: check({ timedOut: true, durationMs: 5000 }) }))
    expect(timedOut).toContain('the check timed out: --timeout ended it after 5.0 s')
    const dry = describeHeal(healed({ dryRun: true, proposal: undefined }))
    expect(dry).toContain(`the fix:\n${DIFF.trimEnd()}`)
  })
})

describe('a broken check', () => {
  const noProblems = { problems: [], outputTail: '' }
  it('is a missing command (127, 126), a linter crash (2), or a configuration error, with nothing parsed', () => {
    expect(
      brokenCheck('test', check({ ...noProblems, exitCode: 127, outputTail: 'sh: jestx: command not found' }))
    ).toContain('sh: jestx: command not found')
    expect(brokenCheck('build', check({ ...noProblems, exitCode: 126 }))).toContain('exit 126')
    expect(brokenCheck('lint', check({ ...noProblems, exitCode: 2 }))).toContain('the linter crashed')
    expect(
      brokenCheck('test', check({ ...noProblems, outputTail: "Error: Cannot find module 'vitest'\n" }))
    ).toContain("Cannot find module 'vitest'")
    expect(
      brokenCheck(
        'build',
        check({ ...noProblems, exitCode: 1, outputTail: 'error TS5058: The specified path does not exist' })
      )
    ).toContain('configuration error')
  })

  it('is not a check that reported problems or failed tests, nor a plain failure', () => {
    expect(brokenCheck('lint', check({ exitCode: 2 }))).toBeUndefined()
    expect(
      brokenCheck('test', check({ ...noProblems, exitCode: 1, outputTail: '1 failing' }))
    ).toBeUndefined()
    expect(brokenCheck('test', check({ ...noProblems, exitCode: 2 }))).toBeUndefined()
  })
})

describe('a flaky check', () => {
  it('names the tests (or problems) that failed the first time', () => {
    const tests = check({
      kind: 'test',
      problems: [],
      failedTests: [
        { name: 'sum › adds', file: 'src/sum.test.js', message: 'expected 3' },
        { name: 'server › starts', message: 'timeout' }
      ]
    })
    expect(flakyReason('test', tests)).toBe(
      'The test check failed, then passed at the same commit: it is flaky; flaky: src/sum.test.js › sum › adds, server › starts. A flaky check is reported, not fixed.'
    )
    expect(flakyReason('lint', check())).toContain('flaky: src/a.js (no-var), src/b.js.')
    expect(flakyReason('build', check({ problems: [] }))).toBe(
      'The build check failed, then passed at the same commit: it is flaky. A flaky check is reported, not fixed.'
    )
  })
})
