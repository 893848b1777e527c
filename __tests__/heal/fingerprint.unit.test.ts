/**
 * The failure fingerprint, the way the loop computes it: raw output (fixtures/) → the report parsers → a check
 * result → fingerprintFailure. Each tool's fixture has a twin that differs only by noise (another checkout on
 * another OS, colour, timings, temp dirs, ports, dates, order, code moved) and variants that differ meaningfully
 * (another test, error, rule or file).
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type {
  BuildResult,
  CommandResult,
  FailedTest,
  LintProblem,
  LintResult,
  TestResult
} from '../../src/adapters/execution.js'
import type { CheckKind } from '../../src/commands/check.js'
import {
  errorSignature,
  fingerprintFailure,
  FINGERPRINT_ID_LENGTH,
  isFingerprintId,
  type Fingerprint
} from '../../src/heal/fingerprint.js'
import { readBuildProblems, readLintResults, readTestResults } from '../../src/reports/index.js'

const execFileAsync = promisify(execFile)
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8')

/** The CI run is on a GitHub-hosted Linux runner; the local one on a developer's Mac. */
const CI = '/home/runner/work/calc/calc'
const LOCAL = '/Users/ana/src/calc'
const workspaceOf = (name: string): string => (name.includes('local') ? LOCAL : CI)

const failed = (stdout: string, stderr = ''): CommandResult => ({
  exitCode: 1,
  stdout,
  stderr,
  durationMs: 1234,
  timedOut: false
})

/** Raw output → the kind's result, exactly as the local Execution adapter builds it. */
async function resultOf(
  kind: CheckKind,
  name: string
): Promise<TestResult | LintResult | BuildResult | CommandResult> {
  const text = fixture(name)
  // Jest writes to stderr; the others to stdout.
  const output = name.startsWith('jest') ? { stdout: '', stderr: text } : { stdout: text, stderr: '' }
  const context = { root: workspaceOf(name), cwd: workspaceOf(name) }
  const base = { ...failed(output.stdout, output.stderr), passed: false }
  switch (kind) {
    case 'test':
      return { ...base, ...(await readTestResults(output, context)) }
    case 'lint':
      return { ...base, ...readLintResults(output, context) }
    case 'build':
      return { ...base, problems: readBuildProblems(output, context) }
    case 'command':
      return failed(output.stdout, output.stderr)
  }
}

async function fingerprint(kind: CheckKind, name: string): Promise<Fingerprint> {
  const print = fingerprintFailure(kind, await resultOf(kind, name), { workspace: workspaceOf(name) })
  if (!print) throw new Error(`${name}: no fingerprint for a failed check`)
  return print
}

interface Tool {
  tool: string
  kind: CheckKind
  basis: Fingerprint['basis']
  base: string
  noisy: string
  different: string[]
  /** Whether the output fallback alone (no parser) also tells the variants apart. */
  outputAlone: boolean
}

const TOOLS: Tool[] = [
  {
    tool: 'Jest',
    kind: 'test',
    basis: 'tests',
    base: 'jest-ci.txt',
    noisy: 'jest-local.txt',
    different: ['jest-other-test.txt', 'jest-other-error.txt'],
    outputAlone: true
  },
  {
    tool: 'Vitest',
    kind: 'test',
    basis: 'tests',
    base: 'vitest-ci.txt',
    noisy: 'vitest-local.txt',
    different: ['vitest-other-file.txt', 'vitest-other-value.txt'],
    outputAlone: true
  },
  {
    tool: 'pytest',
    kind: 'test',
    basis: 'tests',
    base: 'pytest-ci.txt',
    noisy: 'pytest-local.txt',
    different: ['pytest-other.txt'],
    outputAlone: true
  },
  {
    tool: 'go test',
    kind: 'test',
    basis: 'tests',
    base: 'go-ci.txt',
    noisy: 'go-local.txt',
    different: ['go-other.txt'],
    outputAlone: true
  },
  {
    tool: 'Mocha (spec)',
    kind: 'test',
    basis: 'tests',
    base: 'mocha-ci.txt',
    noisy: 'mocha-local.txt',
    different: ['mocha-other.txt'],
    outputAlone: true
  },
  {
    tool: 'node:test (TAP)',
    kind: 'test',
    basis: 'tests',
    base: 'node-tap-ci.txt',
    noisy: 'node-tap-local.txt',
    different: ['node-tap-other.txt'],
    outputAlone: true
  },
  {
    tool: 'ESLint (stylish)',
    kind: 'lint',
    basis: 'problems',
    base: 'eslint-ci.txt',
    noisy: 'eslint-local.txt',
    different: ['eslint-other-rule.txt', 'eslint-other-file.txt'],
    outputAlone: true
  },
  {
    tool: 'Prettier --check',
    kind: 'lint',
    basis: 'problems',
    base: 'prettier-ci.txt',
    noisy: 'prettier-local.txt',
    different: ['prettier-other.txt'],
    outputAlone: true
  },
  {
    tool: 'Biome (formatting)',
    kind: 'lint',
    basis: 'problems',
    base: 'biome-ci.txt',
    noisy: 'biome-local.txt',
    different: ['biome-other.txt'],
    outputAlone: true
  },
  {
    tool: 'tsc (plain, then --pretty)',
    kind: 'build',
    basis: 'problems',
    base: 'tsc-ci.txt',
    noisy: 'tsc-local.txt',
    different: ['tsc-other.txt'],
    outputAlone: true
  },
  {
    tool: 'npm run build (no parser)',
    kind: 'command',
    basis: 'output',
    base: 'npm-build-ci.txt',
    noisy: 'npm-build-local.txt',
    different: ['npm-build-other.txt'],
    outputAlone: true
  }
]

describe.each(TOOLS)('$tool: raw output → results → fingerprint', tool => {
  it('gives the same id when only the noise differs', async () => {
    const base = await fingerprint(tool.kind, tool.base)
    const noisy = await fingerprint(tool.kind, tool.noisy)
    expect(base.basis).toBe(tool.basis)
    expect(noisy.signatures).toEqual(base.signatures)
    expect(noisy.id).toBe(base.id)
    expect(isFingerprintId(base.id)).toBe(true)
  })

  it('gives another id when the failure differs', async () => {
    const base = await fingerprint(tool.kind, tool.base)
    const ids = await Promise.all(tool.different.map(async name => (await fingerprint(tool.kind, name)).id))
    for (const id of ids) expect(id).not.toBe(base.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('the signatures carry no noise', async () => {
    const prints = await Promise.all([tool.base, tool.noisy].map(name => fingerprint(tool.kind, name)))
    const all = prints.flatMap(print => print.signatures).join('\n')
    expect(all).not.toMatch(
      /\x1b|\/home\/runner|\/Users\/ana|\/var\/folders|\/tmp\/|:\d+:\d+|\b\d+(?:\.\d+)? ?m?s\b/
    )
  })

  if (tool.outputAlone && tool.kind !== 'command') {
    it('the output fallback alone (a plain command) still tells the variants apart', async () => {
      const base = await fingerprint('command', tool.base)
      expect(base.basis).toBe('output')
      for (const name of tool.different) expect((await fingerprint('command', name)).id).not.toBe(base.id)
    })
  }
})

describe('formatting failures', () => {
  const biomeFormat = (file: string, checked: string, width = 80): string =>
    `${file} format ${'━'.repeat(width)}\n\n  × Formatter would have printed the following content:\n  \n` +
    `    1   │ - const·a··=1\n      1 │ + const·a·=·1;\n  \n\nformat ${'━'.repeat(width + 10)}\n\n` +
    `  × Some errors were emitted while running checks.\n  \n\nChecked 4 files in ${checked}. No fixes applied.\n` +
    'Found 1 error.\n'
  const prettierCheck = (file: string): string =>
    `Checking formatting...\n[warn] ${file}\n[warn] Code style issues found in the above file. Run Prettier with --write to fix.\n`
  const ids = (kind: CheckKind, outputs: string[]): string[] =>
    outputs.map(stdout => {
      const result = { ...failed(stdout), passed: false }
      const parsed =
        kind === 'lint' ? { ...result, ...readLintResults({ stdout, stderr: '' }) } : failed(stdout)
      return (fingerprintFailure(kind, parsed) as Fingerprint).id
    })

  it('name the files: the signatures of Prettier and Biome failures', async () => {
    expect((await fingerprint('lint', 'prettier-ci.txt')).signatures).toEqual([
      'src/a.ts :: message: not formatted (prettier)',
      'src/b.js :: message: not formatted (prettier)'
    ])
    expect((await fingerprint('lint', 'biome-ci.txt')).signatures).toEqual([
      'src/a.ts :: message: not formatted (biome)',
      'src/b.ts :: message: not formatted (biome)'
    ])
    expect((await fingerprint('command', 'biome-ci.txt')).signatures).toEqual(
      expect.arrayContaining(['output: src/a.ts format', 'output: src/b.ts format'])
    )
  })

  it.each(['lint', 'command'] as const)(
    'four Biome or Prettier failures in four files get four ids (%s), whatever the timings and the width',
    kind => {
      const files = ['src/a.ts', 'src/b.ts', 'lib/c.tsx', 'test/d.ts']
      const biome = ids(
        kind,
        files.map(file => biomeFormat(file, '2ms'))
      )
      expect(new Set(biome).size).toBe(4)
      expect(
        ids(
          kind,
          files.map(file => biomeFormat(file, '931µs', 120))
        )
      ).toEqual(biome)
      const prettier = ids(kind, files.map(prettierCheck))
      expect(new Set(prettier).size).toBe(4)
      expect(
        ids(
          kind,
          files.map(file => `\x1b[1m${prettierCheck(file)}\x1b[0m`)
        )
      ).toEqual(prettier)
    }
  )
})

describe('what the signatures hold', () => {
  it('tests: file, suite path and name, and the error line', async () => {
    expect((await fingerprint('test', 'jest-ci.txt')).signatures).toEqual([
      "src/config.test.js :: config › loads the settings file :: ENOENT: no such file or directory, open '<tmp>/settings.json'",
      'src/config.test.js :: config › reports when the server is down :: connect ECONNREFUSED 127.0.0.1:<port>',
      'src/sum.test.js :: sum › handles negatives :: expect(received).toBe(expected) // Object.is equality'
    ])
    // pytest cuts summary messages to the terminal's width: only the error type is kept of a cut one.
    expect((await fingerprint('test', 'pytest-ci.txt')).signatures).toEqual([
      'tests/test_io.py :: test_save :: FileNotFoundError',
      'tests/test_math.py :: TestStrings::test_upper :: AssertionError',
      'tests/test_math.py :: test_divide :: ZeroDivisionError: division by zero'
    ])
  })

  it('lint: file and rule, errors only when there are errors; the message only without a rule', async () => {
    expect((await fingerprint('lint', 'eslint-ci.txt')).signatures).toEqual([
      'src/bad.js :: no-undef',
      'src/bad.js :: no-unused-vars',
      'src/syntax.js :: message: Parsing error: Unexpected token'
    ])
    // A check failed by warnings alone (`--max-warnings 0`) is fingerprinted by its warnings.
    expect((await fingerprint('lint', 'eslint-warnings.txt')).signatures).toEqual([
      'src/bad.js :: eqeqeq',
      'src/util.js :: no-console'
    ])
  })

  it('output: the error lines, sorted, and the exit code', async () => {
    const print = await fingerprint('command', 'npm-build-ci.txt')
    expect(print.signatures).toContain(
      "output: Error [ERR_MODULE_NOT_FOUND]: Cannot find module 'src/missing.js' imported from scripts/build.mjs"
    )
    expect(print.signatures).toContain('exit: 1')
    expect(print.signatures).toEqual([...print.signatures].sort())
  })

  it("Jest's JSON report and its printed output give the same fingerprint", async () => {
    // The captured Jest 30 run of the report parsers' tests, read once from `--json` and once from stderr.
    const reports = join(fixtures, '..', '..', 'reports', 'fixtures')
    const context = { root: '/tmp/cap/jest', cwd: '/tmp/cap/jest' }
    const fromJson = await readTestResults(
      { stdout: '', stderr: '', report: readFileSync(join(reports, 'jest-report.json'), 'utf8') },
      context
    )
    const printed = readFileSync(join(reports, 'jest-stderr.txt'), 'utf8')
    const fromOutput = await readTestResults({ stdout: '', stderr: printed }, context)
    expect(fromJson.source).toBe('jest-json')
    expect(fromOutput.source).toBe('output')
    const json = fingerprintFailure(
      'test',
      { ...failed(''), passed: false, ...fromJson },
      { workspace: context.root }
    )
    const output = fingerprintFailure('test', { ...failed(''), passed: false, ...fromOutput })
    expect(json?.signatures).toEqual(output?.signatures)
    expect(json?.id).toBe(output?.id)
  })

  it('assertion values in the first line are kept; those on later lines are not part of it', async () => {
    // Vitest prints the values in its first line: the same test failing with another value is another failure.
    expect((await fingerprint('test', 'vitest-other-value.txt')).id).not.toBe(
      (await fingerprint('test', 'vitest-ci.txt')).id
    )
    // node:assert prints them on the third line: the same test, the same error line, the same fingerprint.
    expect((await fingerprint('test', 'node-tap-other-value.txt')).id).toBe(
      (await fingerprint('test', 'node-tap-ci.txt')).id
    )
  })
})

describe('fingerprintFailure', () => {
  const test = (name: string, message: string, file = 'src/a.test.ts'): FailedTest => ({
    name,
    file,
    message
  })
  const tests = (failedTests: FailedTest[], extra: Partial<TestResult> = {}): TestResult => ({
    ...failed(''),
    passed: false,
    source: 'jest-json',
    failedTests,
    ...extra
  })
  const problem = (file: string, rule: string | undefined, severity: LintProblem['severity'] = 'error') => ({
    file,
    line: 3,
    column: 7,
    severity,
    rule,
    message: 'x'
  })
  const lint = (problems: LintProblem[]): LintResult => ({
    ...failed(''),
    passed: false,
    source: 'eslint-json',
    problems
  })

  it('is undefined for a check that passed', () => {
    expect(fingerprintFailure('test', { ...tests([]), passed: true, exitCode: 0 })).toBeUndefined()
    expect(fingerprintFailure('lint', { ...lint([]), passed: true, exitCode: 0 })).toBeUndefined()
    expect(fingerprintFailure('command', { ...failed('ok'), exitCode: 0 })).toBeUndefined()
    expect(fingerprintFailure('command', { ...failed('slow'), exitCode: 0, timedOut: true })).toBeDefined()
  })

  it('does not depend on the order of failures, nor on repeats', () => {
    const a = test('sum › adds', 'Error: boom')
    const b = test('sum › subtracts', 'TypeError: x is not a function', 'src/b.test.ts')
    const one = fingerprintFailure('test', tests([a, b]))
    expect(fingerprintFailure('test', tests([b, a, b]))?.id).toBe(one?.id)
    expect(fingerprintFailure('test', tests([a]))?.id).not.toBe(one?.id)
  })

  it('ignores line and column numbers of problems (code moves), but not the file or rule', () => {
    const base = fingerprintFailure('lint', lint([problem('src/a.js', 'no-undef')]))
    const moved = fingerprintFailure(
      'lint',
      lint([{ ...problem('src/a.js', 'no-undef'), line: 40, column: 1 }])
    )
    expect(moved?.id).toBe(base?.id)
    expect(fingerprintFailure('lint', lint([problem('src/b.js', 'no-undef')]))?.id).not.toBe(base?.id)
    expect(fingerprintFailure('lint', lint([problem('src/a.js', 'eqeqeq')]))?.id).not.toBe(base?.id)
  })

  it('counts warnings only when there is no error', () => {
    const errors = [problem('src/a.js', 'no-undef')]
    const base = fingerprintFailure('lint', lint(errors))
    expect(fingerprintFailure('lint', lint([...errors, problem('src/c.js', 'eqeqeq', 'warning')]))?.id).toBe(
      base?.id
    )
    const warningsOnly = fingerprintFailure('lint', lint([problem('src/c.js', 'eqeqeq', 'warning')]))
    expect(warningsOnly?.basis).toBe('problems')
    expect(warningsOnly?.signatures).toEqual(['src/c.js :: eqeqeq'])
  })

  it('makes absolute result files relative to the workspace (results parsed without a context)', () => {
    const relative = fingerprintFailure('lint', lint([problem('src/a.js', 'no-undef')]))
    const absolute = fingerprintFailure('lint', lint([problem(`${LOCAL}/src/a.js`, 'no-undef')]), {
      workspace: LOCAL
    })
    const windows = fingerprintFailure(
      'lint',
      lint([problem('C:\\Users\\ana\\calc\\src\\a.js', 'no-undef')]),
      {
        workspace: 'C:\\Users\\ana\\calc'
      }
    )
    expect(absolute?.id).toBe(relative?.id)
    expect(windows?.id).toBe(relative?.id)
  })

  it('keeps the kind apart and marks a timeout', () => {
    const output = failed('Error: something broke')
    const asCommand = fingerprintFailure('command', output)
    const asBuild = fingerprintFailure('build', { ...output, passed: false, problems: [] })
    expect(asBuild?.basis).toBe('output')
    expect(asBuild?.id).not.toBe(asCommand?.id)
    const timedOut = fingerprintFailure('command', { ...output, exitCode: 143, timedOut: true })
    expect(timedOut?.signatures).toContain('status: timed out')
    expect(timedOut?.signatures.some(part => part.startsWith('exit:'))).toBe(false)
    expect(timedOut?.id).not.toBe(asCommand?.id)
  })

  it('falls back to the output when a failed test run named no test', () => {
    const crashed = fingerprintFailure('test', {
      ...tests([], { source: 'none' }),
      stderr: 'Error: Cannot find module "jest-environment-jsdom"\n    at resolve (node:internal/x:1:2)'
    })
    expect(crashed?.basis).toBe('output')
    expect(crashed?.signatures).toEqual([
      'exit: 1',
      'output: Error: Cannot find module "jest-environment-jsdom"'
    ])
  })

  it('an output without error words is fingerprinted by its last lines; an empty one by its exit code', () => {
    const quiet = fingerprintFailure('command', failed(`step 1\nstep 2\n${'line\n'.repeat(30)}the end`))
    expect(quiet?.signatures).toEqual(['exit: 1', 'output: line', 'output: the end'])
    const empty = fingerprintFailure('command', { ...failed(''), exitCode: 2 })
    expect(empty?.signatures).toEqual(['exit: 2'])
  })

  it('bounds the work on huge outputs: a 1 MB line, 100,000 lines, 10,000 failed tests', () => {
    const MB = 1024 * 1024
    const hugeLine = fingerprintFailure('command', failed(`error: ${'x'.repeat(MB)}`, `${' '.repeat(MB)}y`))
    expect(hugeLine?.signatures.every(part => part.length <= 220)).toBe(true)
    const manyLines = Array.from(
      { length: 100_000 },
      (_, index) => `error ${index % 1000} at 12:00:0${index % 10}`
    )
    const many = fingerprintFailure('command', failed(manyLines.join('\n')))
    expect(many?.signatures.length).toBeLessThanOrEqual(21)
    const failedTests = Array.from({ length: 10_000 }, (_, index) =>
      test(
        `case ${index}`,
        `AssertionError: expected ${index} to be 0\n${'    at f (src/a.ts:1:2)\n'.repeat(50)}`
      )
    )
    const thousands = fingerprintFailure('test', tests(failedTests))
    expect(thousands?.signatures).toHaveLength(10_000)
    expect(isFingerprintId(thousands?.id ?? '')).toBe(true)
  })

  it('looks only at the tail of the output, from a whole line on', () => {
    const head = 'error: an early failure that scrolled away\n'
    const tail = 'error: the failure\n'
    const filler = 'progress line\n'.repeat(8000)
    const long = fingerprintFailure('command', failed(head + filler + tail))
    expect(long?.signatures).toEqual(['exit: 1', 'output: error: the failure'])
    // Where the 64 KiB window starts depends on the length of the noise after it: the partial line is dropped.
    const shifted = fingerprintFailure(
      'command',
      failed(head + filler + tail.replace('failure', 'failure (12ms)'))
    )
    expect(shifted?.signatures).toEqual(['exit: 1', 'output: error: the failure (<dur>)'])
  })
})

describe('errorSignature', () => {
  it('takes the line that says what went wrong', () => {
    expect(errorSignature('Error: boom\n    at Object.<anonymous> (src/a.test.ts:3:9)')).toBe('boom')
    expect(errorSignature('\n\n  ● Test suite failed to run\n\n  Cannot find module x')).toBe(
      'Cannot find module x'
    )
    expect(errorSignature('    at f (src/a.ts:1:2)\nTypeError: x is not a function')).toBe(
      'TypeError: x is not a function'
    )
    expect(errorSignature('  12 | x\n> 13 | y\n     | ^\nReferenceError: y')).toBe('ReferenceError: y')
  })

  it('uses pytest `E` lines and Python tracebacks', () => {
    expect(
      errorSignature(
        'def test_x():\n>       assert f() == 1\nE       assert 2 == 1\n\ntests/t.py:3: AssertionError'
      )
    ).toBe('assert 2 == 1')
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/home/runner/work/calc/calc/app.py", line 3, in <module>',
      '    main()',
      "KeyError: 'port'"
    ].join('\n')
    expect(errorSignature(traceback)).toBe("KeyError: 'port'")
  })

  it('reduces a line the tool cut short to what does not depend on where it was cut', () => {
    expect(errorSignature("AssertionError: assert 'abc...")).toBe('AssertionError')
    expect(errorSignature('AssertionError [ERR_ASSERTION]: Expected…')).toBe('AssertionError [ERR_ASSERTION]')
    expect(errorSignature('Waiting for the server...')).toBe('Waiting')
  })

  it('is empty for an empty or decoration-only message, and at most 200 characters', () => {
    expect(errorSignature('')).toBe('')
    expect(errorSignature('\n⎯⎯⎯⎯\n   \n')).toBe('')
    expect(errorSignature(`Error: ${'long '.repeat(100)}`)).toHaveLength(200)
  })
})

describe('the id', () => {
  it(`is ${FINGERPRINT_ID_LENGTH} lowercase hex characters`, async () => {
    const id = (await fingerprint('test', 'jest-ci.txt')).id
    expect(id).toMatch(/^[0-9a-f]{16}$/)
    expect(isFingerprintId(id)).toBe(true)
    expect(isFingerprintId('self-heal/abc')).toBe(false)
    expect(isFingerprintId(id.toUpperCase())).toBe(false)
  })

  it('is stable across versions of this code (a changed rule must bump FINGERPRINT_VERSION)', () => {
    const print = fingerprintFailure('lint', {
      ...failed(''),
      passed: false,
      source: 'eslint-json',
      problems: [{ file: 'src/a.js', severity: 'error', rule: 'no-undef', message: "'x' is not defined." }]
    })
    expect(print).toEqual({
      id: 'c75007177add992d',
      kind: 'lint',
      basis: 'problems',
      signatures: ['src/a.js :: no-undef'],
      version: 1
    })
  })

  it('makes a valid branch name self-heal/<id> (git check-ref-format)', async () => {
    const prints = await Promise.all(
      TOOLS.flatMap(tool => [tool.base, ...tool.different].map(name => fingerprint(tool.kind, name)))
    )
    const ids = prints.map(print => print.id)
    for (const id of new Set(ids)) {
      const { stdout } = await execFileAsync('git', ['check-ref-format', '--branch', `self-heal/${id}`])
      expect(stdout.trim()).toBe(`self-heal/${id}`)
    }
  })
})
