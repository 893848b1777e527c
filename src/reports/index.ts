/**
 * Structured results from what a check printed or wrote: which report format applies (a report file first, then
 * a report printed on stdout, then plain output), and what it says. Pure functions of text, so the local and the
 * remote Execution adapters read results the same way.
 */
import type { FailedTest, LintProblem, TestResult, LintResult } from '../adapters/execution.js'
import { findEslintJson, isEslintJson, parseEslintJson } from './eslint-json.js'
import { findJestJson, isJestJson, parseJestJson } from './jest-json.js'
import { looksLikeJUnit, parseJUnit, type ParsedTests } from './junit.js'
import { parseProblemOutput } from './problems.js'
import { looksLikeTap, parseTap } from './tap.js'
import { parseTestOutput } from './test-output.js'
import { stripAnsi, type PathContext } from './text.js'

// The individual readers, for callers that know which format they hold.
export type { PathContext } from './text.js'
export type { ParsedTests } from './junit.js'
export { parseJUnit, looksLikeJUnit } from './junit.js'
export { parseTap, looksLikeTap } from './tap.js'
export { parseJestJson, findJestJson } from './jest-json.js'
export { parseEslintJson, findEslintJson } from './eslint-json.js'
export { parseTestOutput } from './test-output.js'
export { parseProblemOutput } from './problems.js'
export { toRepoPath, stripAnsi } from './text.js'

/** What a command left behind to read. */
export interface CommandOutput {
  /** Its standard output. */
  stdout: string
  /** Its standard error. */
  stderr: string
  /** The report file it wrote (when a `reportPath` was given and the file is new), as text. */
  report?: string
}

/** Failed tests and where they came from. */
export interface TestDetail {
  /** The format the detail was read from. */
  source: TestResult['source']
  /** Failed tests (empty when none or unknown). */
  failedTests: FailedTest[]
  /** Counts, when the format gives them. */
  counts?: { total: number; failed: number; skipped: number }
}

/** Lint problems and where they came from. */
export interface LintDetail {
  /** The format the problems were read from. */
  source: LintResult['source']
  /** Problems (empty when none or unknown). */
  problems: LintProblem[]
}

/**
 * Reads a test run: the report file (JUnit XML, Jest JSON or TAP) when there is one, else a report on stdout
 * (Jest JSON, JUnit XML or TAP), else failed tests from the plain output. `source` is `none` when nothing was
 * recognised, `output` only when plain output named at least one failed test.
 */
export async function readTestResults(output: CommandOutput, context?: PathContext): Promise<TestDetail> {
  if (output.report !== undefined) {
    const fromReport = await readTestReport(output.report, context)
    if (fromReport) return fromReport
  }
  const fromStdout = await readTestReport(output.stdout, context)
  if (fromStdout) return fromStdout
  const failedTests = parseTestOutput(`${output.stdout}\n${output.stderr}`, context)
  return failedTests.length > 0 ? { source: 'output', failedTests } : { source: 'none', failedTests: [] }
}

/** Reads a lint run: ESLint JSON (report file, then stdout), else `file:line:col` and stylish output. */
export function readLintResults(output: CommandOutput, context?: PathContext): LintDetail {
  if (output.report !== undefined) {
    const parsed = tryJson(output.report)
    if (isEslintJson(parsed)) return { source: 'eslint-json', problems: parseEslintJson(parsed, context) }
  }
  const printed = findEslintJson(output.stdout)
  if (printed) return { source: 'eslint-json', problems: parseEslintJson(printed, context) }
  const problems = parseProblemOutput(`${output.stdout}\n${output.stderr}`, context)
  return problems.length > 0 ? { source: 'output', problems } : { source: 'none', problems: [] }
}

/** Reads a build's diagnostics (tsc, GCC/Clang, rustc, `file:line:col: message`) from its output. */
export function readBuildProblems(output: CommandOutput, context?: PathContext): LintProblem[] {
  return parseProblemOutput(`${output.stdout}\n${output.stderr}`, context)
}

async function readTestReport(text: string, context?: PathContext): Promise<TestDetail | undefined> {
  const clean = stripAnsi(text)
  const json = clean.trimStart().startsWith('{') ? tryJson(clean.trim()) : undefined
  if (isJestJson(json)) return withSource('jest-json', parseJestJson(json, context))
  const printedJest = findJestJson(clean)
  if (printedJest) return withSource('jest-json', parseJestJson(printedJest, context))
  const xmlStart = clean.search(/<\?xml|<testsuites[\s>]|<testsuite[\s>]/)
  if (xmlStart >= 0 && looksLikeJUnit(clean.slice(xmlStart))) {
    try {
      return withSource('junit', await parseJUnit(clean.slice(xmlStart), context))
    } catch {
      // Not well-formed: fall through to the other readers.
    }
  }
  if (looksLikeTap(clean)) return withSource('tap', await parseTap(clean, context))
  return undefined
}

function withSource(source: TestDetail['source'], parsed: ParsedTests): TestDetail {
  return { source, failedTests: parsed.failedTests, counts: parsed.counts }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
