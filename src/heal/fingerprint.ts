/**
 * The failure fingerprint (step 3 of the healing loop): a short stable hash of what failed, with the noise removed.
 * It is the key of the fix memory and the name of the branch (`self-heal/<id>`), so the same failure seen on
 * another machine, day, checkout directory or run order gives the same id, and another failing test, lint rule or
 * file gives another. Pure and synchronous; the work is bounded whatever the size of the output.
 */
import { createHash } from 'node:crypto'
import type { CommandResult, FailedTest, LintProblem } from '../adapters/execution.js'
import { checkPassed, type CheckKind, type CheckResult } from '../commands/check.js'
import { normalizeFilePath, removeNoise, screenText, type NoiseOptions } from './noise.js'

/** Bumped whenever the rules change what is hashed, so old cache entries and branches are not matched wrongly. */
export const FINGERPRINT_VERSION = 1

/** The number of hex characters of the SHA-256 kept as the id (64 bits). */
export const FINGERPRINT_ID_LENGTH = 16

/** What a fingerprint was built from: failed tests, lint/compiler problems, or the output's tail. */
export type FingerprintBasis = 'tests' | 'problems' | 'output'

/** A failure's fingerprint. */
export interface Fingerprint {
  /** Lowercase hex (FINGERPRINT_ID_LENGTH characters): the cache key and the `self-heal/<id>` branch name. */
  id: string
  /** The kind of check that failed (part of the hash: a lint and a build failure never share an id). */
  kind: CheckKind
  /** What the signatures describe. */
  basis: FingerprintBasis
  /** The normalised, de-duplicated, sorted parts that were hashed, to show why two failures match. */
  signatures: string[]
  /** The rules' version (part of the hash). */
  version: number
}

/** Options of fingerprintFailure. */
export type FingerprintOptions = NoiseOptions

/** How much of a test message or lint message is examined (its start). */
const MESSAGE_CHARS = 8 * 1024
/** How much of a test name or a file path is examined. */
const NAME_CHARS = 1024
/** How long one normalised signature part may be. */
const PART_CHARS = 200
/** How much of each output stream is examined (its end), and how many of its last lines. */
const TAIL_CHARS = 64 * 1024
const TAIL_LINES = 400
/** The output fallback keeps at most this many distinct error lines, or this many last lines when none. */
const OUTPUT_ERROR_LINES = 20
const OUTPUT_PLAIN_LINES = 10

/**
 * The fingerprint of a failed check, or undefined when it passed. Failed tests when any were parsed, else lint
 * or compiler problems (errors only when there are errors), else the tail of the output.
 */
export function fingerprintFailure(
  kind: CheckKind,
  result: CheckResult,
  options: FingerprintOptions = {}
): Fingerprint | undefined {
  if (checkPassed(result)) return undefined
  let basis: FingerprintBasis
  let parts: string[]
  const tests = 'failedTests' in result ? result.failedTests : []
  const problems = 'problems' in result ? countedProblems(result.problems) : []
  if (tests.length > 0) {
    basis = 'tests'
    parts = tests.map(test => testSignature(test, options))
  } else if (problems.length > 0) {
    basis = 'problems'
    parts = problems.map(problem => problemSignature(problem, options))
  } else {
    basis = 'output'
    parts = outputSignatures(result, options)
  }
  // A run ended by the timeout is a failure of its own, whatever it had printed by then.
  if (result.timedOut) parts.push('status: timed out')
  else if (basis === 'output') parts.push(`exit: ${result.exitCode}`)
  // Code-unit order, not locale order: the same on every machine.
  const signatures = [...new Set(parts)].sort()
  const id = createHash('sha256')
    .update(JSON.stringify(['self-heal-fingerprint', FINGERPRINT_VERSION, kind, basis, signatures]))
    .digest('hex')
    .slice(0, FINGERPRINT_ID_LENGTH)
  return { id, kind, basis, signatures, version: FINGERPRINT_VERSION }
}

/** Whether a string is a fingerprint id (e.g. the part after `self-heal/` in a branch name). */
export function isFingerprintId(value: string): boolean {
  return new RegExp(`^[0-9a-f]{${FINGERPRINT_ID_LENGTH}}$`).test(value)
}

/** A failed test's signature: `file :: suite › name :: error signature` (file and error when known). */
export function testSignature(test: FailedTest, options: NoiseOptions = {}): string {
  const file = test.file ? normalizeFilePath(test.file.slice(0, NAME_CHARS), options) : ''
  const name = oneLine(removeNoise(test.name.slice(0, NAME_CHARS), options))
  const error = errorSignature(test.message, options)
  return [file, name, error].filter(Boolean).join(' :: ')
}

/** A lint problem's or compiler diagnostic's signature: `file :: rule`, or `file :: message` without a rule. */
export function problemSignature(problem: LintProblem, options: NoiseOptions = {}): string {
  const file = normalizeFilePath(problem.file.slice(0, NAME_CHARS), options)
  const what = problem.rule?.trim() || `message: ${errorSignature(problem.message, options)}`
  return `${file} :: ${what}`
}

/**
 * The error signature of a failure message: the line that says what went wrong (pytest's first `E` line, a
 * Python traceback's exception line, else the first line that is not blank, a stack frame, a code frame or
 * decoration), with the noise removed, a generic leading `Error: ` dropped and at most 200 characters. A line
 * cut short by the tool (ending in `...` or `…`, as pytest does to fit the terminal) is reduced to its error
 * type (see `untruncated`).
 */
export function errorSignature(message: string, options: NoiseOptions = {}): string {
  const lines = screenText(message.slice(0, MESSAGE_CHARS)).split('\n')
  const chosen = pytestErrorLine(lines) ?? tracebackLine(lines) ?? lines.find(line => !isNoiseLine(line))
  if (chosen === undefined) return ''
  const signature = oneLine(removeNoise(chosen, options)).replace(/^(?:Uncaught )?Error: (?=\S)/, '')
  return untruncated(signature).slice(0, PART_CHARS)
}

/**
 * The output fallback: from the last lines of stdout and stderr (at most 64 KiB and 400 lines of each), the
 * distinct lines that name an error (at most 20, in sorted order), or when none does, the last 10 meaningful
 * lines; stack frames, code frames and decoration are skipped and the noise is removed.
 */
export function outputSignatures(result: CommandResult, options: NoiseOptions = {}): string[] {
  const raw = [...tailLines(result.stdout), ...tailLines(result.stderr)].filter(
    line => !isNoiseLine(line, false)
  )
  const lines = removeNoise(raw.join('\n'), options)
    .split('\n')
    .map(line => untruncated(line.replace(DECORATION, '')).slice(0, PART_CHARS))
    .filter(line => /\p{L}/u.test(line.replace(/<[a-z]+>/g, '')))
  const errors = lines.filter(isErrorLine)
  const chosen = errors.length > 0 ? errors : lines.slice(-OUTPUT_PLAIN_LINES)
  return [...new Set(chosen)]
    .sort()
    .slice(0, OUTPUT_ERROR_LINES)
    .map(line => `output: ${line}`)
}

/**
 * A line the tool cut to fit the terminal (ending in `...` or `…`, as pytest's summary does) depends on the width
 * where it was cut: keep what does not, the error type (`AssertionError`), else what comes before ` - ` (pytest's
 * `FAILED test - message`), else the first word.
 */
function untruncated(line: string): string {
  if (!line.endsWith('...') && !line.endsWith('…')) return line
  const type = /^([\w$.]+(?: \[\w+\])?):/.exec(line)
  if (type) return type[1]
  const dash = line.indexOf(' - ')
  if (dash > 0) return line.slice(0, dash)
  return line.split(' ')[0]
}

/** Errors when there are any: warnings count only when they are all there is (e.g. `--max-warnings 0`). */
function countedProblems(problems: LintProblem[]): LintProblem[] {
  const errors = problems.filter(problem => problem.severity === 'error')
  return errors.length > 0 ? errors : problems
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function tailLines(text: string): string[] {
  const cut = text.length > TAIL_CHARS
  const lines = screenText(cut ? text.slice(-TAIL_CHARS) : text).split('\n')
  // The first line of a cut tail is a partial one: where it starts depends on the length of everything after.
  if (cut) lines.shift()
  return lines.slice(-TAIL_LINES)
}

/** pytest marks the lines of the error with `E` in column 0. */
function pytestErrorLine(lines: string[]): string | undefined {
  for (const line of lines) {
    const match = /^E {2,}(\S.*)$/.exec(line)
    if (match) return match[1]
  }
  return undefined
}

/** A Python traceback ends with the exception, on the first unindented line after it. */
function tracebackLine(lines: string[]): string | undefined {
  const start = lines.findIndex(line => /^Traceback \(most recent call last\):/.test(line))
  if (start < 0) return undefined
  return lines
    .slice(start + 1)
    .find(line => /^\S/.test(line) && !/^(?:Traceback|During handling|The above exception)/.test(line))
}

const STACK_FRAME = [
  // JavaScript / Java / C#: `at fn (file:1:2)`, `at file:1:2`, `at new X (...)`, `at async fn (...)`.
  /^\s*at (?:async )?(?:new )?(?:\S+(?: \[as [^\]]+\])? \(.*\)|\S+:\d+(?::\d+)?\)?|<anonymous>|native)\s*$/,
  // Python.
  /^\s*File ".*", line \d+/,
  // Go panics.
  /^\s*goroutine \d+ \[/,
  /^\s+\S+\.go:\d+(?: \+0x[0-9a-f]+)?\s*$/,
  // Code frames (Jest, Vitest, Babel, tsc --pretty): `> 12 | code`, `   | ^`, `~~~~`.
  /^\s*(?:>\s*)?\d+\s*\|/,
  /^\s*\|/,
  /^\s*[\^~]+\s*$/
]

/** Jest's block headers (`● suite › test`): not a message's error line, but in an output they name the test. */
const JEST_HEADER = /^\s*● /

function isNoiseLine(line: string, inMessage = true): boolean {
  if (!/[\p{L}\p{N}]/u.test(line)) return true
  if (inMessage && JEST_HEADER.test(line)) return true
  return STACK_FRAME.some(pattern => pattern.test(line))
}

const ERROR_WORDS =
  /\b\w*(?:error|exception)\b|\b(?:errors?|fatal|fail(?:s|ed|ure|ures|ing)?|exception|panic(?:ked)?|traceback|assert(?:ion)?|cannot|can't|could not|couldn't|unable to|not found|no such|undefined reference|segmentation fault|denied|refused|abort(?:ed)?|killed|out of memory|missing)\b|\bERR!/i
/** `0 errors`, `0 failed`: a summary saying nothing failed is not an error line. */
const ZERO_COUNTS = /\b0 (?:errors?|fail(?:ed|ures?|ing)?)\b/gi

/** Test runners' failure markers: Jest `●`/`✕`, Vitest `×`, node:test `✖`, TAP `not ok`, Go `--- FAIL`, Mocha `1)`. */
const FAILURE_MARKER = /^(?:[●✕×✖✗] |not ok\b|--- FAIL\b|\d+\) \S)/
/** A line holding only a file path: the header of the problems below it (ESLint's stylish format). */
const PATH_HEADER = /^[\w.@~<>-]*[/\\][\w.@~<>/\\-]*\.\w+$/
/**
 * A formatter's line naming a file it would change: Prettier's `[warn] a.ts`, Biome's `a.ts format` header,
 * ruff's and black's `would reformat a.py`, rustfmt's `Diff in a.rs` (see src/reports/formatters.ts).
 */
const FORMATTER_FILE =
  /^(?:\[warn\] [^\s:]+\.\w+$|[Ww]ould reformat:? \S|Diff in \S|\S+\.\w+ (?:format|lint|assist|organizeImports)\b)/
/** Box-drawing rules (Biome's `━━━` after a header) are as long as the terminal is wide. */
const DECORATION = /\s*[━─═]{3,}/g

function isErrorLine(line: string): boolean {
  return (
    FAILURE_MARKER.test(line) ||
    PATH_HEADER.test(line) ||
    FORMATTER_FILE.test(line) ||
    ERROR_WORDS.test(line.replace(ZERO_COUNTS, ''))
  )
}
