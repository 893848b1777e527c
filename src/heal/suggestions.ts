/**
 * A fix as one pull request review: each hunk becomes a review comment holding a ```suggestion block on the lines
 * it replaces, so that the author applies it with a click. GitHub takes review comments only on lines of the pull
 * request's own diff (a hunk's right side, context included), so a hunk outside it, or one no suggestion can
 * express (a new, deleted, renamed or binary file, an insertion into an empty file), goes in the review's body as
 * a diff instead.
 */
import { parseGitDiff, type FilePatch, type Hunk } from '../diff/parse.js'

/** A review comment as `pulls/create-review` takes it. */
export interface SuggestionComment {
  path: string
  /** The last line replaced (right side of the pull request's diff). */
  line: number
  /** The first line replaced, when more than one. */
  start_line?: number
  side: 'RIGHT'
  body: string
}

/** The review to create. */
export interface SuggestionReview {
  body: string
  comments: SuggestionComment[]
  /** Hunks that went in the body as a diff. */
  inBody: number
}

/** Right-side line ranges of each file's hunks in the pull request's diff (where GitHub takes comments). */
export function commentableLines(prDiff: string): Map<string, Array<[number, number]>> {
  const ranges = new Map<string, Array<[number, number]>>()
  for (const patch of parseGitDiff(prDiff)) {
    if (!patch.newPath || patch.kind === 'delete') continue
    ranges.set(
      patch.newPath,
      patch.hunks.map(h => [h.newStart, h.newStart + h.newLines - 1])
    )
  }
  return ranges
}

/** The review for `fixDiff` (taken against the pull request's head) on a pull request whose diff is `prDiff`. */
export function buildSuggestionReview(fixDiff: string, prDiff: string, intro: string): SuggestionReview {
  const commentable = commentableLines(prDiff)
  const comments: SuggestionComment[] = []
  const leftOver: string[] = []
  for (const patch of parseGitDiff(fixDiff)) {
    for (const hunk of patch.hunks.length ? patch.hunks : [undefined]) {
      const comment =
        hunk && patch.kind === 'modify' && !patch.binary ? suggestionFor(patch, hunk) : undefined
      const ranges = comment ? (commentable.get(comment.path) ?? []) : []
      const first = comment?.start_line ?? comment?.line ?? 0
      if (comment && ranges.some(([start, end]) => start <= first && comment.line <= end))
        comments.push(comment)
      else leftOver.push(describeHunk(patch, hunk))
    }
  }
  let body = intro
  if (leftOver.length) {
    const diff = leftOver.join('\n')
    const fence = fenceFor(diff)
    body +=
      `\n\n${leftOver.length === 1 ? 'One change' : `${leftOver.length} changes`} could not be suggested on the ` +
      `pull request's lines; apply ${leftOver.length === 1 ? 'it' : 'them'} with \`git apply\`:\n\n${fence}diff\n${diff}\n${fence}`
  }
  return { body, comments, inBody: leftOver.length }
}

/** The suggestion replacing the hunk's changed lines (context trimmed), or undefined when none can. */
function suggestionFor(patch: FilePatch, hunk: Hunk): SuggestionComment | undefined {
  const lines = hunk.lines
  let first = lines.findIndex(l => l.kind !== ' ')
  let last = lines.length - 1 - [...lines].reverse().findIndex(l => l.kind !== ' ')
  if (first < 0) return undefined
  // A pure insertion replaces no line: anchor it on the context line before (or after) it.
  if (!lines.slice(first, last + 1).some(l => l.kind === '-')) {
    if (first > 0) first--
    else if (last < lines.length - 1) last++
    else return undefined
  }
  let oldLine = hunk.oldStart
  for (let i = 0; i < first; i++) if (lines[i].kind !== '+') oldLine++
  const replaced = lines.slice(first, last + 1).filter(l => l.kind !== '+').length
  const replacement = lines
    .slice(first, last + 1)
    .filter(l => l.kind !== '-')
    .map(l => l.content.toString('utf8').replace(/\n$/, ''))
  const text = replacement.join('\n')
  const fence = fenceFor(text)
  const end = oldLine + replaced - 1
  return {
    path: patch.newPath!,
    line: end,
    ...(end > oldLine ? { start_line: oldLine } : {}),
    side: 'RIGHT',
    body: `${fence}suggestion\n${text}${replacement.length ? '\n' : ''}${fence}`
  }
}

/** A hunk (or a file change without hunks) as diff text for the review's body. */
function describeHunk(patch: FilePatch, hunk: Hunk | undefined): string {
  const from = patch.oldPath ? `a/${patch.oldPath}` : '/dev/null'
  const to = patch.newPath ? `b/${patch.newPath}` : '/dev/null'
  if (!hunk) return `# ${patch.kind} ${patch.newPath ?? patch.oldPath}${patch.binary ? ' (binary)' : ''}`
  const body = hunk.lines.map(l => `${l.kind}${l.content.toString('utf8').replace(/\n$/, '')}`)
  return [`--- ${from}`, `+++ ${to}`, hunk.header, ...body].join('\n')
}

/** A code fence longer than any run of backticks in the text. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map(run => run.length))
  return '`'.repeat(longest + 1)
}
