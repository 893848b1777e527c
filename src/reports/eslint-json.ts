/**
 * ESLint's JSON formatter (`eslint -f json`, also `-o file`): an array of `{ filePath, messages[] }` where each
 * message has `ruleId`, `severity` (1 warning, 2 error), `message`, `line`, `column`. Tools that copy the format
 * (Biome's `--reporter=json` is different; Oxlint's `-f json` is not) are read only when they match it.
 */
import type { LintProblem } from '../adapters/execution.js'
import { jsonCandidates } from './jest-json.js'
import { positiveInt, toRepoPath, type PathContext } from './text.js'

interface EslintMessage {
  ruleId?: string | null
  severity?: number
  message?: string
  line?: number
  column?: number
  fatal?: boolean
}

interface EslintFile {
  filePath: string
  messages: EslintMessage[]
}

/** Whether a parsed JSON value is an ESLint JSON report. */
export function isEslintJson(value: unknown): value is EslintFile[] {
  return (
    Array.isArray(value) &&
    value.every(
      item =>
        !!item &&
        typeof item === 'object' &&
        typeof (item as EslintFile).filePath === 'string' &&
        Array.isArray((item as EslintFile).messages)
    )
  )
}

/** Finds an ESLint JSON report in a command's stdout (an empty array counts: a clean run). */
export function findEslintJson(stdout: string): EslintFile[] | undefined {
  for (const candidate of jsonCandidates(stdout, '[')) if (isEslintJson(candidate)) return candidate
  return undefined
}

/** Parses an ESLint JSON report (text or parsed) into problems, in report order. */
export function parseEslintJson(report: unknown, context?: PathContext): LintProblem[] {
  const data = typeof report === 'string' ? (JSON.parse(report) as unknown) : report
  if (!isEslintJson(data))
    throw new Error('Not an ESLint JSON report: expected an array of { filePath, messages }.')
  const problems: LintProblem[] = []
  for (const file of data) {
    for (const message of file.messages) {
      const problem: LintProblem = {
        file: toRepoPath(file.filePath, context),
        severity: message.severity === 1 ? 'warning' : 'error',
        message: (message.message ?? '').trim()
      }
      const line = positiveInt(message.line)
      const column = positiveInt(message.column)
      if (line) problem.line = line
      if (column) problem.column = column
      if (message.ruleId) problem.rule = message.ruleId
      problems.push(problem)
    }
  }
  return problems
}
