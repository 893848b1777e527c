/**
 * What formatters' check modes print, read as problems: one per file that is not formatted (`not formatted
 * (prettier)`), so a formatting failure names its files in annotations, "what failed" and the fingerprint.
 * Prettier `--check` (`[warn] file`, and `[error] file: SyntaxError: … (l:c)`), Biome (its `file[:l:c] category`
 * headers, lint rules included, without the `━━━` decoration), `ruff format --check` (`Would reformat: file`),
 * `black --check` (`would reformat file`), isort `--check` (`ERROR: file Imports are incorrectly sorted…`),
 * `cargo fmt --check` (`Diff in /path/file.rs at line N:`, or `…/file.rs:N:`), `gofmt -d` (`diff file.orig file`),
 * and an output that is nothing but a list of files (`gofmt -l`, `prettier -l`).
 */
import type { LintProblem } from '../adapters/execution.js'
import { positiveInt, toRepoPath, type PathContext } from './text.js'

/** A formatter's line: the problem it names, and the index of the line after what belongs to it. */
export interface FormatterLine {
  problem: LintProblem
  next: number
}

// A file, not a sentence: it ends in an extension (summaries and deprecation notes end in a full stop).
const PRETTIER_WARN = /^\[warn\] ((?:(?!: ).)+\.[A-Za-z0-9]+)$/
const PRETTIER_ERROR = /^\[error\] (\S.*?): (\w*Error: .*?)(?: \((\d+):(\d+)\))?$/
const BIOME_HEADER =
  /^(\S.*?)(?::(\d+):(\d+))? ((?:lint|assist|format|organizeImports|parse|syntax|suppressions|plugin)(?:\/[\w/-]+)?)(?: +[A-Z][A-Z_]*)*\s+━{3,}\s*$/
const BIOME_MESSAGE = /^\s+([×✖!⚠iℹ]) (.+)$/
const RUFF = /^Would reformat: (.+)$/
const BLACK = /^would reformat (.+)$/
const ISORT = /^ERROR: (.+?) Imports are incorrectly sorted and\/or formatted\.$/
const RUSTFMT = /^Diff in (.+?)(?: at line (\d+)|:(\d+)):$/
const GOFMT_DIFF = /^diff(?: -u)? (\S+)\.orig \1$/
const BARE_FILE = /^(?:\.{0,2}\/)?[\w.@+-]+(?:\/[\w.@+-]+)*\.[A-Za-z0-9]+$/

/** The problem a formatter's line at `index` names, or undefined when it is not such a line. */
export function readFormatterLine(
  lines: readonly string[],
  index: number,
  context?: PathContext
): FormatterLine | undefined {
  const line = lines[index]
  const at = (file: string, tool: string, next = index + 1, lineNumber?: string): FormatterLine => ({
    problem: formatted(file, `not formatted (${tool})`, context, lineNumber),
    next
  })
  let match: RegExpExecArray | null
  if ((match = PRETTIER_WARN.exec(line))) return at(match[1], 'prettier')
  if ((match = PRETTIER_ERROR.exec(line))) {
    const problem = formatted(match[1], match[2], context, match[3])
    const column = positiveInt(match[4])
    if (column) problem.column = column
    // The code frame after it is `[error] > 1 | …` lines.
    let next = index + 1
    while (next < lines.length && /^\[error\] {1,}(?:>|\d|\|)/.test(lines[next])) next++
    return { problem, next }
  }
  if ((match = BIOME_HEADER.exec(line))) return biome(lines, index, match, context)
  if ((match = RUFF.exec(line))) return at(match[1], 'ruff format')
  if ((match = BLACK.exec(line))) return at(match[1], 'black')
  if ((match = ISORT.exec(line))) {
    return { problem: formatted(match[1], 'imports not sorted (isort)', context), next: index + 1 }
  }
  if ((match = RUSTFMT.exec(line))) {
    // The diff's lines (` `, `-`, `+`) belong to it.
    let next = index + 1
    while (next < lines.length && /^[ +-]/.test(lines[next])) next++
    return at(match[1], 'rustfmt', next, match[2] ?? match[3])
  }
  if ((match = GOFMT_DIFF.exec(line))) {
    let next = index + 1
    while (next < lines.length && /^(?:[ +-]|@@)/.test(lines[next])) next++
    return at(match[1], 'gofmt', next)
  }
  return undefined
}

/**
 * An output that is only a list of files (`gofmt -l`, `prettier -l`): one problem per file; undefined when any
 * line is something else. The tool is named when every file is Go.
 */
export function readFileList(lines: readonly string[], context?: PathContext): LintProblem[] | undefined {
  const files = lines.map(line => line.trim()).filter(Boolean)
  if (files.length === 0 || !files.every(file => BARE_FILE.test(file))) return undefined
  const message = files.every(file => file.endsWith('.go')) ? 'not formatted (gofmt)' : 'listed by the check'
  return files.map(file => formatted(file, message, context))
}

/** A Biome diagnostic: its header names the file, position and category; its first `×`/`!`/`i` line says what. */
function biome(
  lines: readonly string[],
  index: number,
  match: RegExpExecArray,
  context?: PathContext
): FormatterLine | undefined {
  const [, file, line, column, category] = match
  let next = index + 1
  let message: RegExpExecArray | null = null
  // The diagnostic's body is indented (or blank) up to the next header or summary.
  while (next < lines.length && (lines[next].trim() === '' || /^\s/.test(lines[next]))) {
    message ??= BIOME_MESSAGE.exec(lines[next])
    next++
  }
  const problem: LintProblem =
    category === 'format'
      ? formatted(file, 'not formatted (biome)', context, line)
      : formatted(file, message?.[2].trim() ?? category, context, line)
  if (category !== 'format') {
    problem.rule = category
    if (message && /[!⚠iℹ]/.test(message[1])) problem.severity = 'warning'
  }
  const columnNumber = positiveInt(column)
  if (columnNumber) problem.column = columnNumber
  return { problem, next }
}

function formatted(file: string, message: string, context?: PathContext, line?: string): LintProblem {
  const problem: LintProblem = { file: toRepoPath(file, context), severity: 'error', message }
  const lineNumber = positiveInt(line)
  if (lineNumber) problem.line = lineNumber
  return problem
}
