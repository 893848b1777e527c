/**
 * Lint problems and compiler diagnostics read from plain output: ESLint's default `stylish` format, TypeScript's
 * two shapes (`file(line,col): error TSxxxx: msg` and the pretty `file:line:col - error TSxxxx: msg`), GCC/Clang
 * (`file:line:col: error: msg`), rustc (`error[E0308]: msg` + ` --> file:line:col`) and the common
 * `file:line:col: message` that most linters print (flake8, ruff, golangci-lint, ESLint's `unix` format, …), and
 * formatters' check modes and Biome's diagnostics (formatters.ts).
 */
import type { LintProblem } from '../adapters/execution.js'
import { readFileList, readFormatterLine } from './formatters.js'
import { positiveInt, stripAnsi, toRepoPath, type PathContext } from './text.js'

const TSC_PLAIN = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/
const TSC_PRETTY = /^(.+?):(\d+):(\d+) - (error|warning) (TS\d+): (.*)$/
const GCC = /^(.+?):(\d+):(\d+): (fatal error|error|warning): (.*?)(?: \[(-W[\w=-]+)\])?$/
const RUST_HEAD = /^(error|warning)(?:\[(\w+)\])?: (.+)$/
const RUST_ARROW = /^\s*--> (.+?):(\d+):(\d+)$/
const STYLISH_ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)(?:\s{2,}(@?[\w/.-]+))?\s*$/
const GENERIC = /^([^\s:][^:]*?):(\d+):(?:(\d+):?)?\s+(.*)$/

/** Reads problems from plain output, in order, without duplicates. */
export function parseProblemOutput(output: string, context?: PathContext): LintProblem[] {
  const lines = stripAnsi(output).replace(/\r\n?/g, '\n').split('\n')
  const problems: LintProblem[] = []
  const seen = new Set<string>()
  const add = (problem: LintProblem): void => {
    const key = [problem.file, problem.line, problem.column, problem.rule, problem.message].join('\0')
    if (seen.has(key) || !problem.message) return
    seen.add(key)
    problems.push(problem)
  }
  const fileList = readFileList(lines, context)
  if (fileList) {
    fileList.forEach(add)
    return problems
  }
  let stylishFile: string | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    const rowMatch = stylishFile ? STYLISH_ROW.exec(line) : null
    if (rowMatch && stylishFile) {
      add(
        problem(stylishFile, rowMatch[1], rowMatch[2], rowMatch[3], rowMatch[4].trim(), rowMatch[5], context)
      )
      continue
    }
    stylishFile = undefined
    const formatter = readFormatterLine(lines, index, context)
    if (formatter) {
      add(formatter.problem)
      index = formatter.next - 1
      continue
    }
    const tsc = TSC_PLAIN.exec(line) ?? TSC_PRETTY.exec(line)
    if (tsc) {
      add(problem(tsc[1], tsc[2], tsc[3], tsc[4], tsc[6], tsc[5], context))
      continue
    }
    const gcc = GCC.exec(line)
    if (gcc && !/^\s/.test(line)) {
      add(
        problem(gcc[1], gcc[2], gcc[3], gcc[4] === 'warning' ? 'warning' : 'error', gcc[5], gcc[6], context)
      )
      continue
    }
    const rust = RUST_HEAD.exec(line)
    const arrow = rust && index + 1 < lines.length ? RUST_ARROW.exec(lines[index + 1]) : null
    if (rust && arrow) {
      add(problem(arrow[1], arrow[2], arrow[3], rust[1], rust[3], rust[2], context))
      index++
      continue
    }
    // A stylish block starts with a bare file path followed by an indented `line:col  severity  message` row.
    if (
      /^\S.*\S$|^\S$/.test(line) &&
      !line.includes(': ') &&
      index + 1 < lines.length &&
      STYLISH_ROW.test(lines[index + 1])
    ) {
      stylishFile = line.trim()
      continue
    }
    // Notes explain the diagnostic before them; they are not problems of their own.
    if (/^\S.*?:\d+:\d+: note: /.test(line)) continue
    const generic = GENERIC.exec(line)
    if (generic && looksLikePath(generic[1])) add(genericProblem(generic, context))
  }
  return problems
}

function genericProblem(match: RegExpExecArray, context?: PathContext): LintProblem {
  let message = match[4].trim()
  let severity: 'error' | 'warning' = 'error'
  let rule: string | undefined
  const word = /^(error|warning|warn|info|note)\s*:\s*/i.exec(message)
  if (word) {
    severity = /^warn/i.test(word[1]) || /^(info|note)$/i.test(word[1]) ? 'warning' : 'error'
    message = message.slice(word[0].length)
  }
  // ESLint's `unix` format ends with `[Error/rule-id]`; golangci-lint with `(linter)`.
  const bracket = /\s*\[(Error|Warning)\/([^\]]+)\]$/.exec(message)
  if (bracket) {
    severity = bracket[1] === 'Warning' ? 'warning' : 'error'
    rule = bracket[2]
    message = message.slice(0, bracket.index)
  } else {
    const code = /^([A-Z]{1,4}\d{2,5})\s+(.*)$/.exec(message)
    if (code) {
      rule = code[1]
      message = code[2]
    } else {
      const linter = /\s+\(([\w-]+)\)$/.exec(message)
      if (linter) {
        rule = linter[1]
        message = message.slice(0, linter.index)
      }
    }
  }
  return problem(match[1], match[2], match[3], severity, message, rule, context)
}

function problem(
  file: string,
  line: string | undefined,
  column: string | undefined,
  severity: string,
  message: string,
  rule: string | undefined,
  context?: PathContext
): LintProblem {
  const result: LintProblem = {
    file: toRepoPath(file, context),
    severity: severity === 'warning' ? 'warning' : 'error',
    message: message.trim()
  }
  const lineNumber = positiveInt(line)
  const columnNumber = positiveInt(column)
  if (lineNumber) result.line = lineNumber
  if (columnNumber) result.column = columnNumber
  if (rule) result.rule = rule
  return result
}

/** Filters out things shaped like `x:1:2 text` that are not files: URLs, times, stack frames, log prefixes. */
function looksLikePath(candidate: string): boolean {
  if (/^(https?|ftp|ssh|node|internal)$/i.test(candidate) || candidate.includes('://')) return false
  if (/^\s|^at\s|^\d+$/.test(candidate)) return false
  // A file path has an extension or a directory separator, and no spaces in its first segment.
  return /[/\\]|\.[A-Za-z0-9]+$/.test(candidate) && !/^\S+\s/.test(candidate)
}
