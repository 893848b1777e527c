/**
 * Jest's `--json` report (also what Vitest's `json` reporter writes): `testResults[]` per file, each with
 * `assertionResults[]` carrying `ancestorTitles`, `title`, `status`, `failureMessages` and, with
 * `--testLocationInResults`, `location`. A file that failed to run has no failed assertion but a `message`.
 */
import type { FailedTest } from '../adapters/execution.js'
import type { ParsedTests } from './junit.js'
import { firstLines, lineInFile, positiveInt, stripAnsi, toRepoPath, type PathContext } from './text.js'

interface JestAssertion {
  ancestorTitles?: string[]
  title?: string
  fullName?: string
  status?: string
  failureMessages?: string[]
  location?: { line?: number; column?: number } | null
}

interface JestFileResult {
  name?: string
  status?: string
  message?: string
  failureMessage?: string | null
  assertionResults?: JestAssertion[]
}

/** Whether a parsed JSON value is a Jest/Vitest JSON report. */
export function isJestJson(value: unknown): value is { testResults: JestFileResult[] } {
  return (
    !!value &&
    typeof value === 'object' &&
    Array.isArray((value as { testResults?: unknown }).testResults) &&
    ('numTotalTests' in value || 'numFailedTests' in value || 'success' in value)
  )
}

/** Finds a Jest JSON report in a command's stdout (alone, or as the last line after other output). */
export function findJestJson(stdout: string): { testResults: JestFileResult[] } | undefined {
  for (const candidate of jsonCandidates(stdout, '{')) {
    if (isJestJson(candidate)) return candidate
  }
  return undefined
}

/** Parses a Jest JSON report (text or parsed). */
export function parseJestJson(report: unknown, context?: PathContext): ParsedTests {
  const data = typeof report === 'string' ? (JSON.parse(report) as unknown) : report
  if (!isJestJson(data)) throw new Error('Not a Jest JSON report: it has no testResults array.')
  const counted = data as unknown as Record<string, unknown>
  const result: ParsedTests = { failedTests: [], counts: { total: 0, failed: 0, skipped: 0 } }
  let total = 0
  let failed = 0
  let skipped = 0
  for (const file of data.testResults) {
    const repoFile = file.name ? toRepoPath(file.name, context) : undefined
    let failedInFile = 0
    for (const assertion of file.assertionResults ?? []) {
      total++
      if (assertion.status === 'pending' || assertion.status === 'skipped' || assertion.status === 'todo')
        skipped++
      if (assertion.status !== 'failed') continue
      failed++
      failedInFile++
      const titles = [
        ...(assertion.ancestorTitles ?? []),
        assertion.title ?? assertion.fullName ?? '(unnamed test)'
      ]
      const messages = (assertion.failureMessages ?? []).map(stripAnsi).join('\n')
      const entry: FailedTest = { name: titles.filter(Boolean).join(' › '), message: firstLines(messages) }
      if (repoFile) entry.file = repoFile
      // The failing assertion's line (from the stack) is more useful than the test's first line (`location`).
      const line = lineInFile(messages, repoFile) ?? positiveInt(assertion.location?.line)
      if (line) entry.line = line
      result.failedTests.push(entry)
    }
    const suiteMessage = file.message || file.failureMessage || ''
    if (file.status === 'failed' && failedInFile === 0 && suiteMessage.trim()) {
      // The file itself failed (a syntax error, a failing hook): name the file.
      failed++
      const entry: FailedTest = { name: repoFile ?? 'test suite', message: firstLines(suiteMessage) }
      if (repoFile) entry.file = repoFile
      const line = lineInFile(suiteMessage, repoFile)
      if (line) entry.line = line
      result.failedTests.push(entry)
    }
  }
  result.counts = {
    total: numberOr(counted.numTotalTests, total),
    failed: Math.max(numberOr(counted.numFailedTests, failed), result.failedTests.length),
    skipped: numberOr(counted.numPendingTests, skipped) + numberOr(counted.numTodoTests, 0)
  }
  return result
}

/** JSON values of a given kind (`{` or `[`) in a text: the whole text, else each line that starts with one. */
export function jsonCandidates(text: string, opening: '{' | '['): unknown[] {
  const found: unknown[] = []
  const trimmed = text.trim()
  if (trimmed.startsWith(opening)) {
    try {
      found.push(JSON.parse(trimmed))
      return found
    } catch {
      // Not one JSON document: look line by line.
    }
  }
  const lines = text.split('\n')
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index].trim()
    if (!line.startsWith(opening)) continue
    try {
      found.push(JSON.parse(lines.slice(index).join('\n').trim()))
    } catch {
      try {
        found.push(JSON.parse(line))
      } catch {
        // Not JSON.
      }
    }
  }
  return found
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}
