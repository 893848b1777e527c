/**
 * `check`: run one check (tests, build, lint, or a plain command) through the ExecutionAdapter and return the
 * structured result the CLI prints with `--json` and the action writes to its outputs and summary.
 */
import type { Command, ExecutionAdapter, FailedTest, LintProblem, RunOptions } from '../adapters/execution.js'
import { InvalidInputError } from '../errors.js'

/** The kinds of check. */
export const CHECK_KINDS = ['test', 'build', 'lint', 'command'] as const

/** A kind of check. */
export type CheckKind = (typeof CHECK_KINDS)[number]

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
export function parseCheckKind(value: string): CheckKind {
  const kind = value.trim().toLowerCase()
  if ((CHECK_KINDS as readonly string[]).includes(kind)) return kind as CheckKind
  throw new InvalidInputError(`Unknown check kind '${value}': use one of ${CHECK_KINDS.join(', ')}.`)
}

/** Runs a check and returns its structured result. */
export async function runCheck(
  execution: ExecutionAdapter,
  kind: CheckKind,
  command: Command,
  options: RunOptions = {}
): Promise<CheckOutput> {
  if (typeof command === 'string' ? !command.trim() : command.length === 0) {
    throw new InvalidInputError(
      'The check command is empty: give the command to run, e.g. --test "npm test".'
    )
  }
  const base = { kind, failedTests: [] as FailedTest[], problems: [] as LintProblem[] }
  switch (kind) {
    case 'test': {
      const r = await execution.runTests(command, options)
      return finish({ ...base, ...r, failedTests: r.failedTests })
    }
    case 'build': {
      const r = await execution.runBuild(command, options)
      return finish({ ...base, ...r, problems: r.problems })
    }
    case 'lint': {
      const r = await execution.runLint(command, options)
      return finish({ ...base, ...r, problems: r.problems })
    }
    case 'command': {
      const r = await execution.runCommand(command, options)
      return finish({ ...base, ...r, passed: r.exitCode === 0 && !r.timedOut })
    }
  }
}

function finish(r: {
  kind: CheckKind
  passed: boolean
  exitCode: number
  timedOut: boolean
  failedTests: FailedTest[]
  problems: LintProblem[]
  durationMs: number
  stdout: string
  stderr: string
}): CheckOutput {
  return {
    kind: r.kind,
    passed: r.passed,
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    failedTests: r.failedTests ?? [],
    problems: r.problems ?? [],
    durationMs: r.durationMs,
    outputTail: tail(`${r.stdout}${r.stdout && r.stderr ? '\n' : ''}${r.stderr}`, 40)
  }
}

/** The last `n` lines of a text. */
export function tail(text: string, n: number): string {
  const lines = text.replace(/\s+$/, '').split('\n')
  return lines.slice(-n).join('\n')
}
