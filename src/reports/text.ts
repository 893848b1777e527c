/**
 * Text helpers shared by the report parsers: ANSI removal, bounded messages, and file paths made
 * repository-relative so that results read the same wherever the repository was checked out.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where a command ran, to turn the paths it printed into repository-relative ones. */
export interface PathContext {
  /** The repository root, absolute. */
  root: string
  /** The command's working directory, absolute (relative paths in its output are relative to it). */
  cwd: string
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g

/** Removes ANSI colour and cursor sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

/**
 * The first lines of a message: ANSI removed, stack frames of dependencies and of Node itself dropped, common
 * indentation removed, at most `maxLines` lines and `maxChars` characters.
 */
export function firstLines(text: string, maxLines = 20, maxChars = 2000): string {
  const lines = stripAnsi(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter(line => !/^\s*at .*(node_modules[/\\]|\(node:|\bnode:internal|<anonymous>\)?$)/.test(line))
    .map(line => line.trimEnd())
  while (lines.length > 0 && lines[0] === '') lines.shift()
  let kept = lines.slice(0, maxLines)
  while (kept.length > 0 && kept[kept.length - 1] === '') kept = kept.slice(0, -1)
  const indents = kept.filter(line => line !== '').map(line => line.length - line.trimStart().length)
  const cut = indents.length > 0 ? Math.min(...indents) : 0
  const joined = kept.map(line => line.slice(cut)).join('\n')
  return joined.length > maxChars ? `${joined.slice(0, maxChars - 1)}…` : joined
}

/**
 * Makes a file path from a tool's output repository-relative (with `/`) when it lies inside the root; paths
 * outside the root, and all paths when no context is given, come back as printed (with `/` separators).
 */
export function toRepoPath(file: string, context?: PathContext): string {
  let path = file.trim()
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path)
    } catch {
      // Not a valid file URL: keep it as printed.
    }
  }
  if (!context) return path.split(sep).join('/')
  const absolute = isAbsolute(path) ? path : resolve(context.cwd, path)
  const inner = relative(context.root, absolute)
  if (inner === '' || inner.startsWith('..') || isAbsolute(inner)) return path.split(sep).join('/')
  return inner.split(sep).join('/')
}

/** Parses a positive integer, or undefined. */
export function positiveInt(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN
  return Number.isInteger(number) && number > 0 ? number : undefined
}

/** Escapes a string for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The line of the first stack frame or location (`path:line[:col]`) in a text that points at the given file
 * (matched on its repository-relative path or its base name).
 */
export function lineInFile(text: string, file: string | undefined): number | undefined {
  if (!file) return undefined
  const name = file.split('/').pop() as string
  const pattern = new RegExp(`(?:^|[\\s(/\\\\])${escapeRegExp(name)}:(\\d+)(?::\\d+)?`, 'm')
  const match = pattern.exec(stripAnsi(text))
  return match ? positiveInt(match[1]) : undefined
}
