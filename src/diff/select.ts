/** Picking file patches out of a git diff by path, keeping the text of each exactly as it was. */
import { parseGitDiff, type FilePatch } from './parse.js'

/** One `diff --git` section of a diff: its text, byte for byte, and what it parses to. */
export interface DiffSection {
  text: string
  patch: FilePatch
}

/** The `diff --git` sections of a git diff, in order. */
export function diffSections(diff: string): DiffSection[] {
  return diff
    .split(/^(?=diff --git )/m)
    .filter(text => text.startsWith('diff --git '))
    .map(text => ({ text, patch: parseGitDiff(text)[0] }))
    .filter(section => section.patch !== undefined)
}

/**
 * `diff` without the file patches that touch any of `paths` (by old or new name), and the paths it dropped. Each
 * section is kept or dropped whole.
 */
export function withoutPaths(diff: string, paths: ReadonlySet<string>): { diff: string; dropped: string[] } {
  if (!paths.size || !diff) return { diff, dropped: [] }
  let kept = ''
  const dropped: string[] = []
  for (const { text, patch } of diffSections(diff)) {
    const hit = [patch.oldPath, patch.newPath].find(path => path !== undefined && paths.has(path))
    if (hit) dropped.push(hit)
    else kept += text
  }
  return { diff: kept, dropped }
}
