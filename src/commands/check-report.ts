/**
 * The record a dispatched check leaves in its job log, and how both sides handle it. The runner workflow
 * (`.github/workflows/self-heal-run.yml`) runs the check through the action's `operation: check`, which calls
 * `runCheckStep` and prints `formatCheckRecord` lines; the remote ExecutionAdapter downloads the job log and reads
 * them back with `parseCheckRecord`. The record is plain JSON (not base64) so the runner's secret masking still
 * applies to it, split over marker lines of at most 8 KB:
 *
 *     self-heal-result/v1 <correlation-id> <i>/<n> <JSON slice>|
 *
 * The trailing `|` protects a slice ending in spaces from log viewers that trim lines.
 */
import type {
  Command,
  ExecutionAdapter,
  FailedTest,
  LintProblem,
  LintResult,
  TestResult
} from '../adapters/execution.js'
import { InvalidInputError } from '../errors.js'
import type { FixRecord } from '../heal/remote-fix.js'
import { parseCheckKind, runCheckResult, type CheckKind, type CheckResult } from './check.js'

/** What the runner workflow records about one check. */
export interface CheckRecord {
  /** Format version. */
  version: 1
  /** The correlation id the dispatch carried. */
  correlationId: string
  /** The kind of check. */
  kind: CheckKind
  /** Exit code of the command. */
  exitCode: number
  /** Whether the command's timeout ended it. */
  timedOut: boolean
  /** Duration of the command. */
  durationMs: number
  /** Standard output (head and tail kept past the cap). */
  stdout: string
  /** Standard error (head and tail kept past the cap). */
  stderr: string
  /** Whether the check passed (tests, build, lint). */
  passed?: boolean
  /** Where test or lint detail came from. */
  source?: TestResult['source'] | LintResult['source']
  /** Failed tests (test checks). */
  failedTests?: FailedTest[]
  /** Lint problems or compiler diagnostics (lint and build checks). */
  problems?: LintProblem[]
  /** Test counts, when known. */
  counts?: TestResult['counts']
  /** For `operation: fix`: what the fixers made on the runner (diffs travel in the JSON like the output). */
  fix?: FixRecord
}

/** The prefix of every record line. */
export const RECORD_MARKER = 'self-heal-result/v1'

const CHUNK = 8 * 1024
const OUTPUT_CAP = 48 * 1024
const MAX_TESTS = 100
const MAX_PROBLEMS = 200
const MAX_MESSAGE = 2000
const CORRELATION_PATTERN = /^[A-Za-z0-9._-]{1,100}$/

/** Whether a string can serve as a correlation id (it appears in run names and log lines). */
export function isCorrelationId(value: string): boolean {
  return CORRELATION_PATTERN.test(value)
}

/** Caps text at `cap` characters, keeping the head and the tail with a note of what was dropped. */
export function capOutput(text: string, cap = OUTPUT_CAP): string {
  if (text.length <= cap) return text
  const half = Math.floor(cap / 2)
  return `${text.slice(0, half)}\n… [${text.length - 2 * half} characters omitted] …\n${text.slice(-half)}`
}

/** Builds the record of a check from its result, capping output and lists so the log stays readable. */
export function toCheckRecord(correlationId: string, kind: CheckKind, result: CheckResult): CheckRecord {
  const record: CheckRecord = {
    version: 1,
    correlationId,
    kind,
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    durationMs: Math.round(result.durationMs),
    stdout: capOutput(result.stdout),
    stderr: capOutput(result.stderr)
  }
  if ('passed' in result) record.passed = result.passed
  if ('failedTests' in result) {
    record.source = result.source
    record.failedTests = result.failedTests.slice(0, MAX_TESTS).map(test => ({
      ...test,
      message: test.message.slice(0, MAX_MESSAGE)
    }))
    if (result.counts) record.counts = result.counts
  }
  if ('problems' in result) {
    if ('source' in result) record.source = result.source
    record.problems = result.problems.slice(0, MAX_PROBLEMS).map(problem => ({
      ...problem,
      message: problem.message.slice(0, MAX_MESSAGE)
    }))
  }
  return record
}

/** The log lines that carry a record. */
export function formatCheckRecord(record: CheckRecord): string[] {
  if (!isCorrelationId(record.correlationId)) {
    throw new InvalidInputError(
      `Correlation id '${record.correlationId}' is not valid: use 1-100 letters, digits, '.', '_' or '-'.`
    )
  }
  // U+2028/2029 are valid in JSON but break lines in some log viewers.
  const json = JSON.stringify(record)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
  const count = Math.max(1, Math.ceil(json.length / CHUNK))
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    lines.push(
      `${RECORD_MARKER} ${record.correlationId} ${i + 1}/${count} ${json.slice(i * CHUNK, (i + 1) * CHUNK)}|`
    )
  }
  return lines
}

const LINE = /self-heal-result\/v1 ([A-Za-z0-9._-]+) (\d+)\/(\d+) (.*)\|\s*$/

/**
 * Finds the record of `correlationId` in a job log (lines may carry the runner's timestamps). When the log holds
 * several complete records for it, the last one wins (the action prints its record after the command ended).
 * Returns undefined when there is none or it is incomplete.
 */
export function parseCheckRecord(log: string, correlationId: string): CheckRecord | undefined {
  let found: CheckRecord | undefined
  let parts: string[] = []
  let expected = 0
  for (const line of log.split(/\r?\n/)) {
    const match = LINE.exec(line)
    if (!match || match[1] !== correlationId) continue
    const index = Number(match[2])
    const count = Number(match[3])
    if (index === 1) {
      parts = []
      expected = count
    }
    if (count !== expected || index !== parts.length + 1) continue
    parts.push(match[4])
    if (parts.length === expected) {
      try {
        const value = JSON.parse(parts.join('')) as CheckRecord
        if (value && value.version === 1 && value.correlationId === correlationId) found = value
      } catch {
        // A damaged record is no record; the caller falls back to the log and annotations.
      }
      parts = []
    }
  }
  return found
}

/** The inputs of the action's `operation: check` (the runner workflow passes its own inputs through unchanged). */
export interface CheckStepInputs {
  /** A shell command (`command` input). */
  command?: string
  /** An argv array as JSON (`argv` input), run without a shell; exclusive with `command`. */
  argv?: string
  /** `command`, `test`, `build` or `lint` (`kind` input, default `command`). */
  kind?: string
  /** The correlation id (`correlation-id` input). */
  correlationId?: string
  /** Working directory relative to the checkout (`working-directory` input). */
  workingDirectory?: string
  /** Extra environment as a JSON object of strings (`env` input). */
  env?: string
  /** A report file the command writes (`report-path` input). */
  reportPath?: string
  /** The command's timeout in seconds (`timeout` input). */
  timeoutSeconds?: string
}

/** A validated check request. */
export interface CheckRequest {
  /** What to run. */
  command: Command
  /** The kind. */
  kind: CheckKind
  /** The correlation id, when the check runs for a dispatch (then its record is printed). */
  correlationId?: string
  /** Run options for the local ExecutionAdapter. */
  options: { cwd?: string; env?: Record<string, string>; reportPath?: string; timeoutSeconds?: number }
}

/** Validates the runner workflow's inputs; InvalidInputError naming the input otherwise. */
export function parseCheckInputs(inputs: CheckStepInputs): CheckRequest {
  const blank = (value: string | undefined): boolean => value === undefined || value.trim() === ''
  if (blank(inputs.command) === blank(inputs.argv)) {
    throw new InvalidInputError(
      "Give exactly one of the inputs 'command' (a shell command) and 'argv' (a JSON array)."
    )
  }
  let command: Command
  if (!blank(inputs.argv)) {
    const argv = parseJson(inputs.argv!, 'argv')
    if (!Array.isArray(argv) || argv.length === 0 || !argv.every(part => typeof part === 'string')) {
      throw new InvalidInputError(
        `Input 'argv' must be a non-empty JSON array of strings, got: ${inputs.argv}`
      )
    }
    command = argv as string[]
  } else {
    command = inputs.command!
  }
  const kind: CheckKind = parseCheckKind(inputs.kind?.trim() || 'command', "input 'kind'")
  const correlationId = inputs.correlationId?.trim() || undefined
  if (correlationId !== undefined && !isCorrelationId(correlationId)) {
    throw new InvalidInputError(
      `Input 'correlation-id' is '${correlationId}': use 1-100 letters, digits, '.', '_' or '-'.`
    )
  }
  const options: CheckRequest['options'] = {}
  if (!blank(inputs.workingDirectory)) options.cwd = inputs.workingDirectory!.trim()
  if (!blank(inputs.reportPath)) options.reportPath = inputs.reportPath!.trim()
  if (!blank(inputs.env)) {
    const env = parseJson(inputs.env!, 'env')
    if (
      !env ||
      typeof env !== 'object' ||
      Array.isArray(env) ||
      !Object.values(env).every(v => typeof v === 'string')
    ) {
      throw new InvalidInputError("Input 'env' must be a JSON object whose values are strings.")
    }
    options.env = env as Record<string, string>
  }
  if (!blank(inputs.timeoutSeconds)) {
    const seconds = Number(inputs.timeoutSeconds)
    if (!(seconds > 0)) {
      throw new InvalidInputError(`Input 'timeout' is '${inputs.timeoutSeconds}': use a positive number.`)
    }
    options.timeoutSeconds = seconds
  }
  return { command, kind, correlationId, options }
}

/** Whether the record is a success (exit 0, not timed out, and passed when the kind has a verdict). */
export function recordSucceeded(record: CheckRecord): boolean {
  return record.exitCode === 0 && !record.timedOut && record.passed !== false
}

/** Runs a validated check request through an ExecutionAdapter and returns the adapter's result. */
export function runCheckRequest(adapter: ExecutionAdapter, request: CheckRequest): Promise<CheckResult> {
  return runCheckResult(adapter, request.kind, request.command, request.options)
}

function parseJson(text: string, input: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new InvalidInputError(`Input '${input}' is not valid JSON: ${(error as Error).message}`, {
      cause: error
    })
  }
}
