/**
 * The report parsers on output captured from the real tools (fixtures/, each produced by running the tool on a
 * small project under /tmp/cap/*, which is why that is the root given here), plus the edge cases of each format.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  parseJUnit,
  parseProblemOutput,
  parseTap,
  parseTestOutput,
  readBuildProblems,
  readLintResults,
  readTestResults,
  toRepoPath,
  type PathContext
} from '../../src/reports/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { tail } from '../../src/commands/check.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8')
const at = (root: string): PathContext => ({ root, cwd: root })

describe('test reports from real tools', () => {
  it('node:test, TAP reporter: leaf failures with suite path, location and error', async () => {
    const detail = await readTestResults(
      { stdout: fixture('node-test-tap.txt'), stderr: '' },
      at('/tmp/cap/nt')
    )
    expect(detail.source).toBe('tap')
    expect(detail.counts).toEqual({ total: 4, failed: 2, skipped: 1 })
    expect(detail.failedTests).toEqual([
      {
        name: 'math › multiplies',
        file: 'test/math.test.js',
        line: 5,
        message: 'Expected values to be strictly equal:\n\n6 !== 5'
      },
      { name: 'top level fails', file: 'test/math.test.js', line: 8, message: 'boom at top' }
    ])
  })

  it('node:test, spec reporter (the default): the failing tests section', async () => {
    const detail = await readTestResults(
      { stdout: fixture('node-test-spec.txt'), stderr: '' },
      at('/tmp/cap/nt')
    )
    expect(detail.source).toBe('output')
    expect(detail.failedTests).toEqual([
      {
        name: 'multiplies',
        file: 'test/math.test.js',
        line: 5,
        message: 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n6 !== 5'
      },
      { name: 'top level fails', file: 'test/math.test.js', line: 8, message: 'Error: boom at top' }
    ])
  })

  it('node:test, JUnit reporter: entities decoded, absolute files made relative', async () => {
    const detail = await readTestResults(
      { stdout: '', stderr: '', report: fixture('node-test-junit.xml') },
      at('/tmp/cap/nt')
    )
    expect(detail.source).toBe('junit')
    expect(detail.counts).toEqual({ total: 4, failed: 2, skipped: 1 })
    expect(detail.failedTests.map(({ name, file, line }) => ({ name, file, line }))).toEqual([
      { name: 'math › multiplies', file: 'test/math.test.js', line: 5 },
      { name: 'top level fails', file: 'test/math.test.js', line: 8 }
    ])
    expect(detail.failedTests[0].message).toContain('6 !== 5')
    expect(detail.failedTests[0].message).not.toContain('&#10;')
    expect(detail.failedTests[0].message).not.toContain('node:internal')
  })

  it('Jest default output: `●` blocks, a suite that failed to run, code frames dropped', async () => {
    const detail = await readTestResults(
      { stdout: '', stderr: fixture('jest-stderr.txt') },
      at('/tmp/cap/jest')
    )
    expect(detail.source).toBe('output')
    expect(detail.failedTests.map(({ name, file, line }) => ({ name, file, line }))).toEqual([
      { name: 'sum › handles negatives', file: 'src/sum.test.js', line: 7 },
      { name: 'top level', file: 'src/sum.test.js', line: 12 },
      { name: 'src/broken.test.js', file: 'src/broken.test.js', line: 3 }
    ])
    expect(detail.failedTests[0].message).toBe(
      'expect(received).toBe(expected) // Object.is equality\n\nExpected: 1\nReceived: -1'
    )
    expect(detail.failedTests[2].message).toContain('Jest encountered an unexpected token')
  })

  it('Jest --json report: counts, assertion lines from the stack, the file that failed to run', async () => {
    const detail = await readTestResults(
      { stdout: '', stderr: '', report: fixture('jest-report.json') },
      at('/tmp/cap/jest')
    )
    expect(detail.source).toBe('jest-json')
    expect(detail.counts).toEqual({ total: 4, failed: 3, skipped: 1 })
    expect(detail.failedTests.map(({ name, file, line }) => ({ name, file, line }))).toEqual([
      { name: 'sum › handles negatives', file: 'src/sum.test.js', line: 7 },
      { name: 'top level', file: 'src/sum.test.js', line: 12 },
      { name: 'src/broken.test.js', file: 'src/broken.test.js', line: undefined }
    ])
    expect(detail.failedTests[0].message).toContain('Received: -1')
    expect(detail.failedTests[0].message).not.toContain('node_modules')
  })

  it('Jest --json printed on stdout is found too', async () => {
    const detail = await readTestResults(
      { stdout: `some banner\n${fixture('jest-report.json')}`, stderr: '' },
      at('/tmp/cap/jest')
    )
    expect(detail.source).toBe('jest-json')
    expect(detail.failedTests).toHaveLength(3)
  })

  it('Mocha spec reporter: numbered failures with nested titles', async () => {
    const detail = await readTestResults(
      { stdout: fixture('mocha-spec.txt'), stderr: '' },
      at('/tmp/cap/tools')
    )
    expect(detail.source).toBe('output')
    expect(detail.failedTests.map(({ name, file, line }) => ({ name, file, line }))).toEqual([
      { name: 'math › subtracts', file: 'test/math.test.cjs', line: 4 },
      { name: 'math › nested › divides', file: 'test/math.test.cjs', line: 6 }
    ])
    expect(detail.failedTests[1].message).toBe('Error: boom')
  })

  it('Mocha TAP reporter: plain indented diagnostics', async () => {
    const detail = await readTestResults(
      { stdout: fixture('mocha-tap.txt'), stderr: '' },
      at('/tmp/cap/tools')
    )
    expect(detail.source).toBe('tap')
    expect(detail.counts).toEqual({ total: 3, failed: 2, skipped: 0 })
    expect(detail.failedTests.map(({ name, file, line }) => ({ name, file, line }))).toEqual([
      { name: 'math subtracts', file: 'test/math.test.cjs', line: 4 },
      { name: 'math nested divides', file: 'test/math.test.cjs', line: 6 }
    ])
    expect(detail.failedTests[1].message).toContain('boom')
  })

  it('Vitest default reporter (with colours): FAIL blocks', async () => {
    const detail = await readTestResults({ stdout: fixture('vitest.txt'), stderr: '' }, at('/tmp/cap/tools'))
    expect(detail.source).toBe('output')
    expect(detail.failedTests).toEqual([
      {
        name: 'sum › handles negatives',
        file: 'src/sum.test.ts',
        line: 4,
        message: expect.stringContaining('AssertionError: expected -1 to be 1')
      }
    ])
  })

  it('pytest: short summary lines, lines from the failure sections', async () => {
    const detail = await readTestResults({ stdout: fixture('pytest.txt'), stderr: '' }, at('/tmp/cap/py'))
    expect(detail.source).toBe('output')
    expect(detail.failedTests).toEqual([
      {
        name: 'test_divide',
        file: 'tests/test_math.py',
        line: 7,
        message: 'ZeroDivisionError: division by zero'
      },
      {
        name: 'TestStrings::test_upper',
        file: 'tests/test_math.py',
        line: 11,
        message: "AssertionError: assert '..."
      },
      { name: 'test_param[2]', file: 'tests/test_math.py', line: 15, message: 'assert 2 == 1' }
    ])
  })

  it('pytest --junitxml: the file found from the dotted class name', async () => {
    const detail = await readTestResults(
      { stdout: '', stderr: '', report: fixture('pytest-junit.xml') },
      at('/tmp/cap/py')
    )
    expect(detail.source).toBe('junit')
    expect(detail.counts).toEqual({ total: 6, failed: 3, skipped: 1 })
    expect(detail.failedTests.map(({ name, file, line }) => ({ name, file, line }))).toEqual([
      { name: 'tests.test_math › test_divide', file: 'tests/test_math.py', line: 7 },
      { name: 'tests.test_math.TestStrings › test_upper', file: 'tests/test_math.py', line: 11 },
      { name: 'tests.test_math › test_param[2]', file: 'tests/test_math.py', line: 15 }
    ])
  })

  it.each(['go-test.txt', 'go-test-verbose.txt'])(
    'go test (%s): leaf failures with their log lines',
    name => {
      const failed = parseTestOutput(fixture(name))
      expect(failed).toEqual([
        {
          name: 'TestDivide',
          file: 'math_test.go',
          line: 12,
          message:
            'math_test.go:12: Divide(1, 0) = 0, want error\nmath_test.go:13: second line of the failure'
        },
        {
          name: 'TestTable/negative',
          file: 'math_test.go',
          line: 27,
          message: 'math_test.go:27: got 1, want -1'
        }
      ])
    }
  )
})

describe('lint and build output from real tools', () => {
  const eslintProblems = [
    { file: 'src/bad.js', line: 1, column: 7, severity: 'error', rule: 'no-unused-vars' },
    { file: 'src/bad.js', line: 3, column: 9, severity: 'warning', rule: 'eqeqeq' },
    { file: 'src/bad.js', line: 3, column: 22, severity: 'error', rule: 'no-undef' },
    { file: 'src/syntax.js', line: 2, column: 1, severity: 'error', rule: undefined }
  ]

  it('ESLint -f json report file', () => {
    const detail = readLintResults(
      { stdout: '', stderr: '', report: fixture('eslint-report.json') },
      at('/tmp/cap/lint')
    )
    expect(detail.source).toBe('eslint-json')
    expect(
      detail.problems.map(({ file, line, column, severity, rule }) => ({
        file,
        line,
        column,
        severity,
        rule
      }))
    ).toEqual(eslintProblems)
    expect(detail.problems[0].message).toBe("'unused' is assigned a value but never used.")
  })

  it('ESLint stylish (default) output', () => {
    const detail = readLintResults({ stdout: fixture('eslint-stylish.txt'), stderr: '' }, at('/tmp/cap/lint'))
    expect(detail.source).toBe('output')
    expect(
      detail.problems.map(({ file, line, column, severity, rule }) => ({
        file,
        line,
        column,
        severity,
        rule
      }))
    ).toEqual(eslintProblems)
    expect(detail.problems[3].message).toBe('Parsing error: Unexpected token')
  })

  it.each(['tsc-plain.txt', 'tsc-pretty.txt'])('tsc (%s)', name => {
    expect(readBuildProblems({ stdout: fixture(name), stderr: '' })).toEqual([
      {
        file: 'src/a.ts',
        line: 1,
        column: 7,
        severity: 'error',
        rule: 'TS2322',
        message: "Type 'string' is not assignable to type 'number'."
      },
      {
        file: 'src/a.ts',
        line: 2,
        column: 39,
        severity: 'error',
        rule: 'TS2304',
        message: "Cannot find name 'missing'."
      }
    ])
  })

  it('gcc: errors and warnings with their flag, notes left out', () => {
    expect(readBuildProblems({ stdout: '', stderr: fixture('gcc.txt') })).toEqual([
      {
        file: 'c.c',
        line: 2,
        column: 11,
        severity: 'warning',
        rule: '-Wint-conversion',
        message: 'initialization of ‘int’ from ‘char *’ makes integer from pointer without a cast'
      },
      {
        file: 'c.c',
        line: 3,
        column: 10,
        severity: 'error',
        message: '‘y’ undeclared (first use in this function)'
      }
    ])
  })

  it('rustc: the error code and the location from the arrow line', () => {
    expect(readBuildProblems({ stdout: '', stderr: fixture('rustc.txt') })).toEqual([
      { file: 'r.rs', line: 2, column: 18, severity: 'error', rule: 'E0308', message: 'mismatched types' }
    ])
  })
})

describe('format edge cases', () => {
  it('JUnit: nested suites, file inherited, `error` and `failure`, skipped counted', async () => {
    const xml = `<?xml version="1.0"?>
<testsuites>
  <testsuite name="outer" file="spec/outer.spec.ts">
    <testsuite name="inner">
      <testcase name="fails" classname="inner"><failure><![CDATA[Expected <a> & got <b>
    at spec/outer.spec.ts:14:3]]></failure></testcase>
      <testcase name="skips" classname="inner"><skipped message="later"/></testcase>
    </testsuite>
    <testcase name="errors" classname="outer"><error message="TypeError: x is undefined"/></testcase>
  </testsuite>
</testsuites>`
    const parsed = await parseJUnit(xml)
    expect(parsed.counts).toEqual({ total: 3, failed: 2, skipped: 1 })
    expect(parsed.failedTests).toEqual([
      {
        name: 'inner › fails',
        file: 'spec/outer.spec.ts',
        line: 14,
        message: 'Expected <a> & got <b>\n    at spec/outer.spec.ts:14:3'
      },
      { name: 'outer › errors', file: 'spec/outer.spec.ts', message: 'TypeError: x is undefined' }
    ])
  })

  it('JUnit: a document that is not JUnit is a clear error', async () => {
    await expect(parseJUnit('<html><body/></html>')).rejects.toThrow(InvalidInputError)
    await expect(parseJUnit('<html><body/></html>')).rejects.toThrow(/no <testsuites> or <testsuite>/)
  })

  it('a malformed JUnit report falls back to the output', async () => {
    const detail = await readTestResults({
      stdout: 'FAILED tests/test_a.py::test_x - boom',
      stderr: '',
      report: '<testsuites><testsuite><testcase name="x"><failure>'
    })
    expect(detail.source).toBe('output')
    expect(detail.failedTests[0].name).toBe('test_x')
  })

  it('TAP: TODO failures do not count, escaped # in names, Bail out! without a crash', async () => {
    const parsed = await parseTap(
      'TAP version 14\n1..4\nok 1 - one\nnot ok 2 - two # TODO not yet\nnot ok 3 - issue \\#42 fails\nok 4 - four # skip\nBail out! database down\n'
    )
    expect(parsed.counts).toEqual({ total: 4, failed: 1, skipped: 1 })
    expect(parsed.failedTests).toEqual([{ name: 'issue #42 fails', message: '' }])
  })

  it('TAP: YAML `at` given as an object (node-tap)', async () => {
    const parsed = await parseTap(
      'TAP version 13\nnot ok 1 - should be equal\n  ---\n  found: 1\n  wanted: 2\n  at:\n    fileName: test/a.js\n    lineNumber: 3\n  ...\n1..1\n'
    )
    expect(parsed.failedTests).toEqual([{ name: 'should be equal', file: 'test/a.js', line: 3, message: '' }])
  })

  it('nothing recognised: source none, even with a non-zero looking output', async () => {
    expect(await readTestResults({ stdout: 'Segmentation fault (core dumped)', stderr: '' })).toEqual({
      source: 'none',
      failedTests: []
    })
    expect(readLintResults({ stdout: 'all good', stderr: '' })).toEqual({ source: 'none', problems: [] })
  })

  it('generic `file:line:col: message`: flake8 codes, ESLint unix format, golangci-lint linters', () => {
    const output = [
      'app/views.py:10:5: E225 missing whitespace around operator',
      'src/a.js:3:9: Expected === [Warning/eqeqeq]',
      'pkg/x.go:7:2: Error return value is not checked (errcheck)',
      'lib/b.rb:4: warning: assigned but unused variable'
    ].join('\n')
    expect(parseProblemOutput(output)).toEqual([
      {
        file: 'app/views.py',
        line: 10,
        column: 5,
        severity: 'error',
        rule: 'E225',
        message: 'missing whitespace around operator'
      },
      { file: 'src/a.js', line: 3, column: 9, severity: 'warning', rule: 'eqeqeq', message: 'Expected ===' },
      {
        file: 'pkg/x.go',
        line: 7,
        column: 2,
        severity: 'error',
        rule: 'errcheck',
        message: 'Error return value is not checked'
      },
      { file: 'lib/b.rb', line: 4, severity: 'warning', message: 'assigned but unused variable' }
    ])
  })

  it('generic lines that are not problems: URLs, timestamps, stack frames, summaries', () => {
    const output = [
      'listening on http://127.0.0.1:8080/ now',
      '2026-01-01 12:30:45 INFO started',
      '    at Object.<anonymous> (src/a.js:1:2)',
      'Found 2 errors in the same file, starting at: src/a.ts:1',
      'Time: 0:00:12 elapsed'
    ].join('\n')
    expect(parseProblemOutput(output)).toEqual([])
  })

  it('paths: inside the root made relative, outside kept, file URLs decoded, relative to the cwd', () => {
    const context = { root: '/work/repo', cwd: '/work/repo/packages/app' }
    expect(toRepoPath('/work/repo/src/a.ts', context)).toBe('src/a.ts')
    expect(toRepoPath('file:///work/repo/src/b%20c.ts', context)).toBe('src/b c.ts')
    expect(toRepoPath('lib/x.ts', context)).toBe('packages/app/lib/x.ts')
    expect(toRepoPath('/usr/lib/node/x.js', context)).toBe('/usr/lib/node/x.js')
    expect(toRepoPath('../../../etc/passwd', context)).toBe('../../../etc/passwd')
    expect(toRepoPath('math_test.go')).toBe('math_test.go')
  })
})

describe('long lines', () => {
  // The regular expressions these replaced backtracked over runs of spaces: 2 s at 40 KB, over a minute at 256 KB.
  // Jest cannot interrupt synchronous code, so a return of that shows as these tests taking minutes.
  const spaces = ' '.repeat(256 * 1024)

  it('reads a Jest header padded with 256 KB of spaces', async () => {
    const stdout = `FAIL src/a.test.ts${spaces}(1.2 s)\n  ● suite › adds\n\n    expected 3\n`
    const detail = await readTestResults({ stdout, stderr: '' })
    expect(detail.failedTests).toEqual([
      expect.objectContaining({ name: 'suite › adds', file: 'src/a.test.ts' })
    ])
    // Not a header: spaces then a character, the shape that was slowest.
    expect((await readTestResults({ stdout: `FAIL a${spaces}b\n`, stderr: '' })).failedTests).toEqual([])
  })

  it('reads a Vitest header with 256 KB of spaces around its arrows', async () => {
    const stdout = ` FAIL  src/a.test.ts${spaces}>${spaces}suite > a->b works\nAssertionError: expected 1 to be 2\n ❯ src/a.test.ts:7:3\n`
    const detail = await readTestResults({ stdout, stderr: '' })
    expect(detail.failedTests).toEqual([
      expect.objectContaining({ name: 'suite › a->b works', file: 'src/a.test.ts', line: 7 })
    ])
  })

  it('keeps the tail of output that ends in 256 KB of spaces', () => {
    expect(tail(`first\nlast${spaces}`, 1)).toBe('last')
  })
})
