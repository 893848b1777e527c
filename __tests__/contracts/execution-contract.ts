/**
 * The Execution port's contract suite: every ExecutionAdapter (local processes, dispatched workflow runs) runs it
 * through its own test file, `executionContract('local', makeHarness)`. The commands are portable: `node -e` as an
 * argv array (every runner has node) and a few one-word shell commands that bash, sh and pwsh all understand.
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import type { Command, ExecutionAdapter, RunOptions } from '../../src/adapters/execution.js'

/** What an implementation's test gives the suite; one harness serves the whole suite. */
export interface ExecutionHarness {
  /** The adapter under test. */
  adapter: ExecutionAdapter
  /** Removes everything the harness made. */
  cleanup(): Promise<void>
  /** Options merged under every call's own options (e.g. the `ref` a remote run uses). */
  runOptions?: RunOptions
  /** An existing directory, relative to the repository root, whose last segment is unique (for the cwd test). */
  subdirectory: string
  /** The timeout the timeout tests use, in seconds (default 1; a remote run needs longer to even start). */
  timeoutSeconds?: number
  /** Optional: whether a process id is still running (a zombie counts as gone), for the process-tree test. */
  isProcessAlive?(pid: number): Promise<boolean>
}

const node = (script: string, ...args: string[]): string[] => ['node', '-e', script, ...args]
const lf = (text: string): string => text.replace(/\r\n/g, '\n')

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="contract" tests="4" failures="1" errors="1" skipped="1">
  <testsuite name="math" tests="4" failures="1" errors="1" skipped="1" file="test/math.test.js">
    <testcase classname="math" name="adds" time="0.001"/>
    <testcase classname="math" name="subtracts" file="test/math.test.js" line="12" time="0.002">
      <failure message="expected 1 to equal 2" type="AssertionError">AssertionError: expected 1 to equal 2
    at Context.&lt;anonymous&gt; (test/math.test.js:12:5)</failure>
    </testcase>
    <testcase classname="math" name="divides" time="0.001"><error message="boom" type="Error">Error: boom</error></testcase>
    <testcase classname="math" name="skipped one"><skipped/></testcase>
  </testsuite>
</testsuites>
`

const TAP = `TAP version 13
# Subtest: arithmetic
ok 1 - adds
not ok 2 - multiplies numbers
  ---
  message: 'Expected values to be strictly equal'
  at: 'test/arith.test.js:8:3'
  ...
ok 3 - skipped thing # SKIP not today
1..3
# tests 3
# pass 1
# fail 1
`

/** Settings of the suite itself, known when the tests are registered. */
export interface ExecutionContractOptions {
  /** Jest's per-test timeout in milliseconds (default 60 s; a dispatched run needs minutes). */
  testTimeoutMs?: number
  /** Jest's timeout for making the harness, in milliseconds (default 120 s). */
  setupTimeoutMs?: number
  /** How much longer than its timeout a timed-out run may take to come back, in milliseconds (default 25 s). */
  timeoutSlackMs?: number
}

/** Registers the Execution contract tests for one implementation. */
export function executionContract(
  name: string,
  makeHarness: () => Promise<ExecutionHarness>,
  options: ExecutionContractOptions = {}
): void {
  describe(`ExecutionAdapter contract: ${name}`, () => {
    let harness: ExecutionHarness
    let exec: ExecutionAdapter
    const opts = (own: RunOptions = {}): RunOptions => ({
      ...harness.runOptions,
      ...own,
      env: { ...harness.runOptions?.env, ...own.env }
    })
    const run = (command: Command, own?: RunOptions) => exec.runCommand(command, opts(own))
    const timeout = options.testTimeoutMs ?? 60_000

    beforeAll(async () => {
      harness = await makeHarness()
      exec = harness.adapter
    }, options.setupTimeoutMs ?? 120_000)

    afterAll(async () => {
      await harness?.cleanup()
    })

    it('has a kind', () => {
      expect(typeof exec.kind).toBe('string')
      expect(exec.kind.length).toBeGreaterThan(0)
    })

    it(
      'runs a passing command',
      async () => {
        const result = await run(node('console.log("all good")'))
        expect(result.exitCode).toBe(0)
        expect(lf(result.stdout)).toBe('all good\n')
        expect(result.stderr).toBe('')
        expect(result.timedOut).toBe(false)
        expect(result.durationMs).toBeGreaterThanOrEqual(0)
      },
      timeout
    )

    it(
      'reports a failing command with its exit code, stdout and stderr apart',
      async () => {
        const result = await run(
          node('console.log("to stdout"); console.error("to stderr"); process.exit(7)')
        )
        expect(result.exitCode).toBe(7)
        expect(lf(result.stdout)).toBe('to stdout\n')
        expect(lf(result.stderr)).toBe('to stderr\n')
        expect(result.timedOut).toBe(false)
      },
      timeout
    )

    it(
      'runs a string through the platform shell',
      async () => {
        const echoed = await run('echo from-the-shell')
        expect(echoed.exitCode).toBe(0)
        expect(lf(echoed.stdout).trim()).toBe('from-the-shell')
        const exited = await run('exit 3')
        expect(exited.exitCode).toBe(3)
        expect(exited.timedOut).toBe(false)
      },
      timeout
    )

    it(
      'passes an argv array without a shell: metacharacters arrive verbatim',
      async () => {
        const tricky = '$HOME; echo pwned `id` "quoted" \'single\' * && | > out.txt %PATH%'
        const result = await run(node('process.stdout.write(process.argv[1])', tricky))
        expect(result.exitCode).toBe(0)
        expect(result.stdout).toBe(tricky)
      },
      timeout
    )

    it(
      'passes extra environment variables and keeps the inherited ones',
      async () => {
        const result = await run(
          node('console.log(JSON.stringify([process.env.SELF_HEAL_CONTRACT_VAR, typeof process.env.PATH]))'),
          { env: { SELF_HEAL_CONTRACT_VAR: 'välue with spaces & $igns' } }
        )
        expect(result.exitCode).toBe(0)
        expect(JSON.parse(result.stdout)).toEqual(['välue with spaces & $igns', 'string'])
      },
      timeout
    )

    it(
      'runs in the given working directory',
      async () => {
        const last = harness.subdirectory.split('/').filter(Boolean).pop()
        const result = await run(node('console.log(require("path").basename(process.cwd()))'), {
          cwd: harness.subdirectory
        })
        expect(result.exitCode).toBe(0)
        expect(lf(result.stdout).trim()).toBe(last)
      },
      timeout
    )

    it(
      'gives the command no input (reading stdin ends at once)',
      async () => {
        const result = await run(
          node(
            'process.stdin.resume(); process.stdin.on("end", () => console.log("eof")); process.stdin.on("error", () => console.log("eof"))'
          ),
          { timeoutSeconds: 20 }
        )
        expect(result.timedOut).toBe(false)
        expect(lf(result.stdout)).toBe('eof\n')
      },
      timeout
    )

    it(
      'brings back a few megabytes of output',
      async () => {
        const result = await run(
          node(
            'const line = "x".repeat(99) + "\\n"; for (let i = 0; i < 20000; i++) process.stdout.write(line); console.log("END")'
          )
        )
        expect(result.exitCode).toBe(0)
        expect(lf(result.stdout).startsWith('x'.repeat(99) + '\n')).toBe(true)
        expect(lf(result.stdout).endsWith('END\n')).toBe(true)
      },
      timeout
    )

    it(
      'ends a command that outlives its timeout, with its whole process tree, and says so',
      async () => {
        const seconds = harness.timeoutSeconds ?? 1
        const started = Date.now()
        const result = await run(
          node(
            'const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });' +
              'console.log("grandchild-pid=" + c.pid); setInterval(() => {}, 1000)'
          ),
          { timeoutSeconds: seconds }
        )
        expect(result.timedOut).toBe(true)
        expect(result.exitCode).not.toBe(0)
        expect(Date.now() - started).toBeLessThan(seconds * 1000 + (options.timeoutSlackMs ?? 25_000))
        if (harness.isProcessAlive) {
          const pid = Number(/grandchild-pid=(\d+)/.exec(result.stdout)?.[1])
          expect(pid).toBeGreaterThan(0)
          let alive = true
          for (let i = 0; i < 30 && alive; i++) {
            alive = await harness.isProcessAlive(pid)
            if (alive) await new Promise(resolve => setTimeout(resolve, 100))
          }
          expect(alive).toBe(false)
        }
      },
      timeout
    )

    it(
      'reports a timeout from runTests as a failed run',
      async () => {
        const result = await exec.runTests(
          node('setInterval(() => {}, 1000)'),
          opts({ timeoutSeconds: harness.timeoutSeconds ?? 1 })
        )
        expect(result.timedOut).toBe(true)
        expect(result.passed).toBe(false)
        expect(result.failedTests).toEqual([])
      },
      timeout
    )

    describe('runTests', () => {
      it(
        'passes a passing run with no failed tests',
        async () => {
          const result = await exec.runTests(node('console.log("ok 1 - fine\\n1..1")'), opts())
          expect(result.passed).toBe(true)
          expect(result.exitCode).toBe(0)
          expect(result.failedTests).toEqual([])
        },
        timeout
      )

      it(
        'names the failed tests from a JUnit XML report',
        async () => {
          const reportPath = 'contract-reports/junit-contract.xml'
          const result = await exec.runTests(
            node(
              'const fs = require("fs"), path = require("path"); fs.mkdirSync(path.dirname(process.argv[1]), { recursive: true });' +
                'fs.writeFileSync(process.argv[1], process.argv[2]); console.log("2 failing"); process.exit(1)',
              reportPath,
              JUNIT
            ),
            opts({ reportPath })
          )
          expect(result.passed).toBe(false)
          expect(result.exitCode).toBe(1)
          expect(result.source).toBe('junit')
          expect(result.failedTests).toHaveLength(2)
          const [subtracts, divides] = result.failedTests
          expect(subtracts.name).toContain('subtracts')
          expect(subtracts.file).toBe('test/math.test.js')
          expect(subtracts.line).toBe(12)
          expect(subtracts.message).toContain('expected 1 to equal 2')
          expect(divides.name).toContain('divides')
          expect(divides.message).toContain('boom')
          expect(result.counts).toEqual({ total: 4, failed: 2, skipped: 1 })
        },
        timeout
      )

      it(
        'names the failed tests from TAP printed on stdout',
        async () => {
          const result = await exec.runTests(
            node('process.stdout.write(process.argv[1]); process.exit(1)', TAP),
            opts()
          )
          expect(result.passed).toBe(false)
          expect(result.source).toBe('tap')
          expect(result.failedTests).toHaveLength(1)
          expect(result.failedTests[0].name).toContain('multiplies numbers')
          expect(result.failedTests[0].message).toContain('Expected values to be strictly equal')
          expect(result.failedTests[0].file).toBe('test/arith.test.js')
          expect(result.failedTests[0].line).toBe(8)
          expect(result.counts).toEqual({ total: 3, failed: 1, skipped: 1 })
        },
        timeout
      )

      it(
        'names the failed tests from a Jest JSON report, with repository-relative files',
        async () => {
          const reportPath = 'contract-reports/jest-contract.json'
          const script =
            'const fs = require("fs"), path = require("path"); const file = path.join(process.cwd(), "src", "sum.test.js");' +
            'const report = { success: false, numTotalTests: 3, numFailedTests: 1, numPendingTests: 1, testResults: [{ name: file, status: "failed", message: "", ' +
            'assertionResults: [' +
            '{ ancestorTitles: ["sum"], title: "adds", fullName: "sum adds", status: "passed", failureMessages: [] },' +
            '{ ancestorTitles: ["sum"], title: "handles negatives", fullName: "sum handles negatives", status: "failed", location: { line: 9, column: 5 }, ' +
            '  failureMessages: ["Error: expect(received).toBe(expected)\\n\\nExpected: -1\\nReceived: 1\\n    at Object.<anonymous> (" + file + ":10:20)"] },' +
            '{ ancestorTitles: ["sum"], title: "later", fullName: "sum later", status: "pending", failureMessages: [] }] }] };' +
            'fs.mkdirSync(path.dirname(process.argv[1]), { recursive: true }); fs.writeFileSync(process.argv[1], JSON.stringify(report)); process.exit(1)'
          const result = await exec.runTests(node(script, reportPath), opts({ reportPath }))
          expect(result.passed).toBe(false)
          expect(result.source).toBe('jest-json')
          expect(result.failedTests).toHaveLength(1)
          const [failed] = result.failedTests
          expect(failed.name).toContain('handles negatives')
          expect(failed.name).toContain('sum')
          expect(failed.file).toBe('src/sum.test.js')
          // The failing assertion (from the stack), not the first line of the test (`location`).
          expect(failed.line).toBe(10)
          expect(failed.message).toContain('Expected: -1')
          expect(result.counts).toEqual({ total: 3, failed: 1, skipped: 1 })
        },
        timeout
      )

      it(
        'names the failed tests from plain output when there is no report',
        async () => {
          const output =
            '============================= test session starts ==============================\n' +
            'tests/test_math.py .F.                                                    [100%]\n' +
            '=========================== short test summary info ============================\n' +
            'FAILED tests/test_math.py::test_divide - ZeroDivisionError: division by zero\n' +
            '========================= 1 failed, 2 passed in 0.05s ==========================\n'
          const result = await exec.runTests(
            node('process.stdout.write(process.argv[1]); process.exit(1)', output),
            opts()
          )
          expect(result.passed).toBe(false)
          expect(result.source).toBe('output')
          expect(result.failedTests).toEqual([
            expect.objectContaining({
              name: expect.stringContaining('test_divide'),
              file: 'tests/test_math.py'
            })
          ])
          expect(result.failedTests[0].message).toContain('division by zero')
        },
        timeout
      )

      it(
        'passes a run that exits 0 though its output reads like a failure: the exit code is the verdict',
        async () => {
          const result = await exec.runTests(
            node(
              'process.stdout.write(process.argv[1])',
              'TAP version 13\nnot ok 1 - known bug # TODO\n1..1\n'
            ),
            opts()
          )
          expect(result.passed).toBe(true)
          expect(result.exitCode).toBe(0)
        },
        timeout
      )

      it(
        'fails a non-zero exit even when no failed test can be named',
        async () => {
          const result = await exec.runTests(
            node('console.error("Segmentation fault"); process.exit(139)'),
            opts()
          )
          expect(result.passed).toBe(false)
          expect(result.exitCode).toBe(139)
          expect(result.failedTests).toEqual([])
          expect(result.source).toBe('none')
        },
        timeout
      )
    })

    describe('runLint', () => {
      it(
        'reads ESLint JSON from stdout, with repository-relative files',
        async () => {
          const script =
            'const path = require("path"); const file = path.join(process.cwd(), "src", "bad.ts");' +
            'console.log(JSON.stringify([{ filePath: file, errorCount: 1, warningCount: 1, messages: [' +
            '{ ruleId: "no-unused-vars", severity: 2, message: "\'x\' is assigned a value but never used.", line: 3, column: 7 },' +
            '{ ruleId: "eqeqeq", severity: 1, message: "Expected \'===\' and instead saw \'==\'.", line: 5, column: 9 }] },' +
            '{ filePath: path.join(process.cwd(), "src", "good.ts"), errorCount: 0, warningCount: 0, messages: [] }]));' +
            'process.exit(1)'
          const result = await exec.runLint(node(script), opts())
          expect(result.passed).toBe(false)
          expect(result.source).toBe('eslint-json')
          expect(result.problems).toEqual([
            {
              file: 'src/bad.ts',
              line: 3,
              column: 7,
              severity: 'error',
              rule: 'no-unused-vars',
              message: "'x' is assigned a value but never used."
            },
            {
              file: 'src/bad.ts',
              line: 5,
              column: 9,
              severity: 'warning',
              rule: 'eqeqeq',
              message: "Expected '===' and instead saw '=='."
            }
          ])
        },
        timeout
      )

      it(
        'reads `file:line:col: message` lines',
        async () => {
          const output =
            'src/app.py:10:5: E225 missing whitespace around operator\n' +
            'lib/util.go:3:1: exported function Foo should have comment or be unexported\n'
          const result = await exec.runLint(
            node('process.stdout.write(process.argv[1]); process.exit(1)', output),
            opts()
          )
          expect(result.passed).toBe(false)
          expect(result.source).toBe('output')
          expect(result.problems).toHaveLength(2)
          expect(result.problems[0]).toMatchObject({
            file: 'src/app.py',
            line: 10,
            column: 5,
            severity: 'error'
          })
          expect(result.problems[0].message).toContain('missing whitespace around operator')
          expect(result.problems[1]).toMatchObject({ file: 'lib/util.go', line: 3, column: 1 })
        },
        timeout
      )

      it(
        'passes a clean lint run',
        async () => {
          const result = await exec.runLint(node('console.log("[]")'), opts())
          expect(result.passed).toBe(true)
          expect(result.problems).toEqual([])
        },
        timeout
      )

      it(
        'passes a lint run that exits 0 with warnings: the exit code is the verdict',
        async () => {
          const script =
            'const path = require("path");' +
            'console.log(JSON.stringify([{ filePath: path.join(process.cwd(), "src", "warn.ts"), errorCount: 0, warningCount: 1, messages: [' +
            '{ ruleId: "eqeqeq", severity: 1, message: "Expected \'===\'.", line: 2, column: 3 }] }]))'
          const result = await exec.runLint(node(script), opts())
          expect(result.passed).toBe(true)
          expect(result.exitCode).toBe(0)
          expect(result.problems).toEqual([
            {
              file: 'src/warn.ts',
              line: 2,
              column: 3,
              severity: 'warning',
              rule: 'eqeqeq',
              message: "Expected '==='."
            }
          ])
        },
        timeout
      )
    })

    describe('runBuild', () => {
      it(
        "reads TypeScript diagnostics in both of tsc's shapes",
        async () => {
          const output =
            "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n" +
            "src/b.ts:4:2 - error TS2304: Cannot find name 'missing'.\n\n4  missing()\n   ~~~~~~~\n\n" +
            'Found 2 errors in 2 files.\n'
          const result = await exec.runBuild(
            node('process.stdout.write(process.argv[1]); process.exit(2)', output),
            opts()
          )
          expect(result.passed).toBe(false)
          expect(result.exitCode).toBe(2)
          expect(result.problems).toEqual([
            {
              file: 'src/a.ts',
              line: 3,
              column: 7,
              severity: 'error',
              rule: 'TS2322',
              message: "Type 'string' is not assignable to type 'number'."
            },
            {
              file: 'src/b.ts',
              line: 4,
              column: 2,
              severity: 'error',
              rule: 'TS2304',
              message: "Cannot find name 'missing'."
            }
          ])
        },
        timeout
      )

      it(
        'passes a passing build',
        async () => {
          const result = await exec.runBuild(node('console.log("built")'), opts())
          expect(result.passed).toBe(true)
          expect(result.problems).toEqual([])
        },
        timeout
      )
    })
  })
}
