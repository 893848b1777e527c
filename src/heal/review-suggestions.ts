/**
 * A verified fix as review suggestions on a pull request: one GitHub "```suggestion" block per changed hunk, on
 * the lines of the pull request's head it replaces. GitHub accepts comments only on lines its diff shows, so a
 * hunk becomes a suggestion only when every line it replaces is in the pull request's diff (right side) with the
 * same text; the rest (new, deleted, renamed or binary files, lines the pull request did not touch) is given as a
 * diff in the review's body instead.
 */
import type { ReviewComment } from '../adapters/git.js'
import { diffSections } from '../diff/select.js'
import type { Hunk, HunkLine } from '../diff/parse.js'

/** The suggestions a fix makes on a pull request, and the part of the fix that could not be one. */
export interface Suggestions {
  comments: ReviewComment[]
  /** The hunks and files given as a diff instead ('' when every hunk became a suggestion). */
  asDiff: string
  /** How many hunks (or whole files) are in `asDiff`. */
  asDiffCount: number
}

/** Splits `fix` (a diff of the checked-out tree) into suggestions on the lines `pullRequestDiff` shows. */
export function buildSuggestions(fix: string, pullRequestDiff: string): Suggestions {
  const shown = new Map<string, Map<number, Buffer>>()
  for (const { patch } of diffSections(pullRequestDiff)) {
    if (patch.newPath === undefined || patch.binary) continue
    shown.set(patch.newPath, rightSide(patch.hunks))
  }
  const result: Suggestions = { comments: [], asDiff: '', asDiffCount: 0 }
  for (const { text, patch } of diffSections(fix)) {
    const lines = patch.kind === 'modify' && !patch.binary ? shown.get(patch.oldPath ?? '') : undefined
    if (!lines || patch.oldPath !== patch.newPath) {
      result.asDiff += text
      result.asDiffCount++
      continue
    }
    let rest = ''
    for (const hunk of patch.hunks) {
      const comment = suggest(patch.oldPath!, hunk, lines)
      if (comment) result.comments.push(comment)
      else {
        rest += `${hunk.header}\n${hunk.lines.map(line => line.kind + line.content.toString('utf8')).join('')}`
        result.asDiffCount++
      }
    }
    if (rest) result.asDiff += `--- a/${patch.oldPath}\n+++ b/${patch.newPath}\n${rest}`
  }
  return result
}

/** The right side of a diff's hunks: line number → the line's bytes, for the lines a review can comment on. */
function rightSide(hunks: Hunk[]): Map<number, Buffer> {
  const lines = new Map<number, Buffer>()
  for (const hunk of hunks) {
    let line = hunk.newStart
    for (const { kind, content } of hunk.lines) {
      if (kind === '-') continue
      lines.set(line++, content)
    }
  }
  return lines
}

/** The suggestion replacing the lines `hunk` changes, or undefined when they are not all shown as they are. */
function suggest(path: string, hunk: Hunk, shown: Map<number, Buffer>): ReviewComment | undefined {
  const changed = hunk.lines.map((line, i) => (line.kind === ' ' ? -1 : i)).filter(i => i >= 0)
  if (!changed.length) return undefined
  let first = changed[0]
  let last = changed[changed.length - 1]
  const segment = (): HunkLine[] => hunk.lines.slice(first, last + 1)
  // An insertion replaces no line: the suggestion takes a neighbouring line with it.
  if (!segment().some(line => line.kind === '-')) {
    if (first > 0) first--
    else if (last < hunk.lines.length - 1) last++
    else return undefined
  }
  const lines = segment()
  // A line without its newline (the end of a file) cannot be said as a suggestion exactly.
  if (lines.some(line => !line.content.toString('utf8').endsWith('\n'))) return undefined
  let start = hunk.oldStart
  for (const line of hunk.lines.slice(0, first)) if (line.kind !== '+') start++
  const old = lines.filter(line => line.kind !== '+')
  for (const [i, line] of old.entries()) {
    const there = shown.get(start + i)
    if (!there || !there.equals(line.content)) return undefined
  }
  const replacement = lines
    .filter(line => line.kind !== '-')
    .map(line => line.content.toString('utf8'))
    .join('')
  const fence = '`'.repeat(Math.max(3, ...[...replacement.matchAll(/`+/g)].map(m => m[0].length + 1)))
  const end = start + old.length - 1
  return {
    path,
    line: end,
    ...(end > start ? { startLine: start } : {}),
    body: `${fence}suggestion\n${replacement}${fence}`
  }
}
