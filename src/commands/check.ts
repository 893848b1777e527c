/**
 * `check`: run one check (tests, build, lint, or a plain command) through the ExecutionAdapter and return the
 * structured result the CLI prints with `--json` and the action writes to its outputs and summary.
 */
import type {
  BuildResult,
  Command,
  CommandResult,
  ExecutionAdapter,
  FailedTest,
  LintProblem,
  LintResult,
  RunOptions,
  TestResult
} from '../adapters/execution.js'
import { hasPassed } from '../adapters/verdict.js'
import { InvalidInputError } from '../errors.js'

/** The kinds of check: `runTests`, `runBuild`, `runLint` and `runCommand`. */
export const CHECK_KINDS = ['test', 'build', 'lint', 'command'] as const

/** A kind of check. */
export type CheckKind = (typeof CHECK_KINDS)[number]

/** What a check's adapter call returns, by kind. */
export type CheckResult = CommandResult | TestResult | BuildResult | LintResult

/** The result of a check, as printed with `--json`. */
export interface CheckOutput {
  /** Which kind of check ran. */
  kind: CheckKind
  /** Whether it passed. */
  passed: boolean
  /** The command's exit code. */
  exitCode: number
  /** Whether the timeout ended it. */
  timedOut: boolean
  /** Failed tests (test checks; empty otherwise). */
  failedTests: FailedTest[]
  /** Lint problems or compiler diagnostics (lint and build checks; empty otherwise). */
  problems: LintProblem[]
  /** Wall-clock duration. */
  durationMs: number
  /** The last lines of output, for a reader who wants to see why it failed. */
  outputTail: string
}

/** Parses a kind name; an unknown one is an InvalidInputError listing the valid ones. */
export function parseCheckKind(value: string, what = 'check kind'): CheckKind {
  const kind = value.trim().toLowerCase()
  if ((CHECK_KINDS as readonly string[]).includes(kind)) return kind as CheckKind
  throw new InvalidInputError(`Unknown ${what} '${value}': use one of ${CHECK_KINDS.join(', ')}.`)
}

/** Runs a check through the adapter method of its kind and returns the adapter's result. */
export async function runCheckResult(
  execution: ExecutionAdapter,
  kind: CheckKind,
  command: Command,
  options: RunOptions = {}
): Promise<CheckResult> {
  if (typeof command === 'string' ? !command.trim() : command.length === 0) {
    throw new InvalidInputError(
      'The check command is empty: give the command to run, e.g. --test "npm test".'
    )
  }
  switch (kind) {
    case 'test':
      return execution.runTests(command, options)
    case 'build':
      return execution.runBuild(command, options)
    case 'lint':
      return execution.runLint(command, options)
    case 'command':
      return execution.runCommand(command, options)
  }
}

/** Whether a check passed: the adapter's verdict (`hasPassed`, for every adapter and kind). */
export function checkPassed(result: CheckResult): boolean {
  return 'passed' in result ? result.passed : hasPassed(result)
}

/** The JSON shape of a check's result. */
export function toCheckOutput(kind: CheckKind, result: CheckResult): CheckOutput {
  return {
    kind,
    passed: checkPassed(result),
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    failedTests: 'failedTests' in result ? result.failedTests : [],
    problems: 'problems' in result ? result.problems : [],
    durationMs: result.durationMs,
    outputTail: tail(`${result.stdout}${result.stdout && result.stderr ? '\n' : ''}${result.stderr}`, 40)
  }
}

/** Runs a check and returns its structured result. */
export async function runCheck(
  execution: ExecutionAdapter,
  kind: CheckKind,
  command: Command,
  options: RunOptions = {}
): Promise<CheckOutput> {
  return toCheckOutput(kind, await runCheckResult(execution, kind, command, options))
}

/** The last `n` lines of a text. */
export function tail(text: string, n: number): string {
  // trimEnd, not /\s+$/: that regex is quadratic on long runs of spaces.
  const lines = text.trimEnd().split('\n')
  return lines.slice(-n).join('\n')
}
