/**
 * The two sides of one file patch as text, for the analyses that must read code across lines: the whole old and
 * new files when they can be known (an added or deleted file, a file emptied, or the base read through
 * `readBase` with the hunks applied to it), else one piece per hunk (its context with its removed, or its added,
 * lines). Also which lines the patch really adds and removes: a line that the same hunk removes and adds again
 * (white space aside) is moved or re-indented, as a formatter does, and counts as neither.
 */
import type { FilePatch } from '../diff/parse.js'

/** Reads a file of the base (the tree the fix applies to), or undefined when there is none. */
export type ReadBase = (path: string) => string | undefined

/** A text of one side: the whole file, or one hunk's lines of that side. */
export interface Side {
  text: string
  /** File line (1-based) of its first line. */
  first: number
  /** Whether it is the whole file. */
  whole: boolean
}

/** Both sides of a file patch. */
export interface FileSides {
  /** The new side (none for a deletion). */
  after: Side[]
  /** The old side (none for an added file). */
  before: Side[]
  /** The whole new file, when known. */
  newText?: string
  /** The whole old file, when known. */
  oldText?: string
  /** New-file lines the patch adds, moved lines aside. */
  added: ReadonlySet<number>
  /** Old-file lines the patch removes, moved lines aside. */
  removed: ReadonlySet<number>
  /** For a removed old-file line: the new-file line where it was (for messages). */
  removedAt: ReadonlyMap<number, number>
}

const decode = (content: Buffer): string => content.toString('utf8')
const squash = (text: string): string => text.replace(/\s+/g, '')

/** The sides of a patch; `readBase` (optional) reads the old path's content in the base. */
export function fileSides(patch: FilePatch, readBase?: ReadBase): FileSides {
  const added = new Set<number>()
  const removed = new Set<number>()
  const removedAt = new Map<number, number>()
  for (const hunk of patch.hunks) {
    // One for one within the hunk: a second copy of a moved line is new.
    const removedKeys = new Map<string, number>()
    const addedKeys = new Map<string, number>()
    for (const line of hunk.lines) {
      const map = line.kind === '-' ? removedKeys : line.kind === '+' ? addedKeys : undefined
      if (!map) continue
      const key = squash(decode(line.content))
      map.set(key, (map.get(key) ?? 0) + 1)
    }
    let oldLine = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart
    let newLine = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart
    for (const line of hunk.lines) {
      if (line.kind === ' ') {
        oldLine++
        newLine++
        continue
      }
      const key = squash(decode(line.content))
      const other = line.kind === '+' ? removedKeys : addedKeys
      const moved = (other.get(key) ?? 0) > 0
      if (moved) other.set(key, (other.get(key) as number) - 1)
      if (line.kind === '+') {
        if (!moved) added.add(newLine)
        newLine++
      } else {
        if (!moved) removed.add(oldLine)
        removedAt.set(oldLine, newLine)
        oldLine++
      }
    }
  }

  const joined = (kinds: string): string =>
    patch.hunks
      .map(h =>
        h.lines
          .filter(l => kinds.includes(l.kind))
          .map(l => decode(l.content))
          .join('')
      )
      .join('')
  let oldText: string | undefined
  let newText: string | undefined
  if (patch.kind === 'add') {
    oldText = ''
    newText = joined('+')
  } else if (patch.kind === 'delete') {
    oldText = joined('-')
  } else {
    const base = patch.oldPath !== undefined ? readBase?.(patch.oldPath) : undefined
    if (base !== undefined) {
      newText = applyAtLines(base, patch)
      if (newText !== undefined) oldText = base
    }
    if (newText === undefined && emptied(patch)) {
      oldText = joined('-')
      newText = ''
    }
  }

  const pieces = (kinds: string, start: 'oldStart' | 'newStart'): Side[] =>
    patch.hunks.map(hunk => ({
      text: hunk.lines
        .filter(l => kinds.includes(l.kind))
        .map(l => decode(l.content))
        .join(''),
      first: Math.max(1, hunk[start]),
      whole: false
    }))
  const after =
    patch.kind === 'delete'
      ? []
      : newText !== undefined
        ? [{ text: newText, first: 1, whole: true }]
        : pieces(' +', 'newStart')
  const before =
    patch.kind === 'add'
      ? []
      : oldText !== undefined
        ? [{ text: oldText, first: 1, whole: true }]
        : pieces(' -', 'oldStart')
  return { after, before, newText, oldText, added, removed, removedAt }
}

/** A patch that removes every line and keeps none: the file is now empty. */
function emptied(patch: FilePatch): boolean {
  return (
    patch.hunks.length === 1 &&
    patch.hunks[0].newLines === 0 &&
    patch.hunks[0].oldStart <= 1 &&
    patch.hunks[0].lines.every(l => l.kind === '-')
  )
}

/**
 * Applies the text hunks to a base at their line numbers exactly, or returns undefined (the base is not what the
 * diff says). Unlike diff/apply's applyHunks, it never looks for a hunk elsewhere: the policy names added lines by
 * the hunks' numbers, which must then be the new file's.
 */
function applyAtLines(base: string, patch: FilePatch): string | undefined {
  const lines = base.match(/[^\n]*\n|[^\n]+$/g) ?? []
  const out: string[] = []
  let at = 0
  for (const hunk of patch.hunks) {
    const start = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1
    if (start < at || start > lines.length) return undefined
    while (at < start) out.push(lines[at++])
    for (const line of hunk.lines) {
      const text = decode(line.content)
      if (line.kind === '+') out.push(text)
      else {
        if (lines[at] !== text) return undefined
        if (line.kind === ' ') out.push(text)
        at++
      }
    }
  }
  while (at < lines.length) out.push(lines[at++])
  return out.join('')
}
