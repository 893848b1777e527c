/**
 * The facts a person reads about a heal, shared by the CLI's text and the job summary: what failed (first few,
 * with file:line and message), whether the check itself is broken, whether a fixer crashed, and small wording
 * helpers.
 */
import type { CommandResult } from '../adapters/execution.js'
import type { CheckKind, CheckOutput } from '../commands/check.js'
import type { HealAttempt } from './types.js'

/** `1 file`, `2 files`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** One failing test or problem: where, and what the tool said. */
export interface FailureLine {
  /** `file:line` (`file:line:column` for a problem), or the test's name when the tool gave no file. */
  where: string
  /** The test's name, for a test. */
  test?: string
  /** The rule, for a problem. */
  rule?: string
  /** The message's first line. */
  message: string
}

/** The failed tests, then the problems, of a check run: at most `max` of them, and how many there were. */
export function failureLines(check: CheckOutput, max = 5): { shown: FailureLine[]; total: number } {
  const lines: FailureLine[] = [
    ...check.failedTests.map(t => ({
      where: t.file ? `${t.file}${t.line ? `:${t.line}` : ''}` : t.name,
      test: t.name,
      message: firstLine(t.message) || 'failed'
    })),
    ...check.problems.map(p => ({
      where: `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`,
      rule: p.rule,
      message: firstLine(p.message)
    }))
  ]
  return { shown: lines.slice(0, max), total: lines.length }
}

/** A failure as one line of text: `src/a.js:1:5 no-var: Unexpected var.` or `src/a.test.js:3 adds: expected 2`. */
export function formatFailure(line: FailureLine): string {
  const label = line.test && line.test !== line.where ? ` ${line.test}` : line.rule ? ` ${line.rule}` : ''
  return `${line.where}${label}: ${line.message}`
}

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0] ?? ''
}

/** What a check prints when its tool could not start or could not read its own configuration. */
const CONFIG_ERRORS: RegExp[] = [
  /couldn't find (?:a|the) (?:configuration|config)/i,
  /ESLint couldn't find/i,
  /Oops! Something went wrong/,
  /Cannot find (?:module|package) ['"]/,
  /ERR_MODULE_NOT_FOUND/,
  /command not found/,
  /error TS(?:5\d{3}|6053|18003)\b/,
  /Invalid configuration|Configuration error|Failed to load config/i,
  /No tests found|No test files found/i
]

/**
 * Why the check is broken rather than failing, or undefined: a command that was not found or could not run
 * (126, 127), a linter that crashed (ESLint exits 2), or output naming a configuration error, while nothing it
 * printed is a failed test or a problem. No fixer can make such a check pass honestly, so none runs.
 */
export function brokenCheck(kind: CheckKind, check: CheckOutput): string | undefined {
  if (check.passed || check.timedOut || check.failedTests.length || check.problems.length) return undefined
  const tail = check.outputTail.trim()
  const matched = CONFIG_ERRORS.find(pattern => pattern.test(tail))
  const why =
    check.exitCode === 127
      ? 'a command it runs was not found (exit 127)'
      : check.exitCode === 126
        ? 'a command it runs could not be executed (exit 126)'
        : kind === 'lint' && check.exitCode === 2
          ? 'the linter crashed (exit 2)'
          : matched
            ? `its tool reported a configuration error (exit ${check.exitCode})`
            : undefined
  if (!why) return undefined
  // The line that names the error says more than the stack trace after it.
  const message = matched
    ? (tail
        .split('\n')
        .find(line => matched.test(line))
        ?.trim() ?? lastLines(tail, 3))
    : lastLines(tail, 3)
  return `The ${kind} check is broken, not failing: ${why}, and it reported no failed test or problem${message ? `: ${message}` : ''}. Fix the check's command or configuration; no fixer was run.`
}

/** The last `count` non-empty lines of `text`, joined with ` / `. */
function lastLines(text: string, count: number): string {
  const lines = text
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
  return lines.slice(-count).join(' / ')
}

/**
 * What to add to the attempt of a fixer that changed nothing, when it crashed rather than found nothing to do:
 * it exited 2 or more (fixers exit 1 when problems remain), was ended by a signal (128 + n), or ran out of time.
 */
export function crashedFixer(ran: CommandResult): Partial<HealAttempt> {
  if (!ran.timedOut && ran.exitCode < 2) return {}
  const text = [ran.stdout, ran.stderr]
    .filter(s => s.trim())
    .join('\n')
    .trimEnd()
  return {
    result: 'crashed',
    ...(ran.timedOut ? { timedOut: true } : {}),
    outputTail: text.length > 2000 ? `…${text.slice(-2000)}` : text
  }
}

/**
 * `text` in a Markdown code fence longer than any backtick run inside it, so nothing in it can close the fence.
 */
export function codeFence(text: string, info = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const marks = '`'.repeat(Math.max(3, longest + 1))
  return `${marks}${info}\n${text.replace(/\n$/, '')}\n${marks}`
}

/**
 * Why a check that failed, then passed at the same commit, is reported and not fixed, naming the tests (or
 * problems) that failed the first time: those are the flaky ones.
 */
export function flakyReason(kind: CheckKind, check: CheckOutput): string {
  const names = [
    ...check.failedTests.map(t => (t.file && !t.name.includes(t.file) ? `${t.file} › ${t.name}` : t.name)),
    ...check.problems.map(p => `${p.file}${p.rule ? ` (${p.rule})` : ''}`)
  ]
  const shown = [...new Set(names)].slice(0, 10)
  const flaky = shown.length
    ? `; flaky: ${shown.join(', ')}${names.length > shown.length ? `, and ${names.length - shown.length} more` : ''}`
    : ''
  return `The ${kind} check failed, then passed at the same commit: it is flaky${flaky}. A flaky check is reported, not fixed.`
}
