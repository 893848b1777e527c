/** File-level differences between two commits, as the compare and commit APIs report them (`diff-entry`). */
import { gitText, runGit } from './git-runner.js'

/** One changed file. */
export interface DiffEntry {
  /** New path. */
  filename: string
  /** Old path, for renames. */
  previousFilename?: string
  /** GitHub's status word. */
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  /** New blob id (the old one for removals). */
  sha: string
  /** Lines added (0 for binary files). */
  additions: number
  /** Lines deleted. */
  deletions: number
  /** The hunks (from the first `@@`), absent for binary files. */
  patch?: string
}

const STATUS: Record<string, DiffEntry['status']> = {
  A: 'added',
  D: 'removed',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'changed'
}

/** Lists the files that differ between `from` (null: the empty tree) and `to`, with numbers and patches. */
export async function diffEntries(gitDir: string, from: string | null, to: string): Promise<DiffEntry[]> {
  const range = from ? [from, to] : ['--root', to]
  const command = from ? 'diff' : 'diff-tree'
  const base = [command, '-M', '--no-abbrev', '--no-color', '--no-ext-diff']
  if (!from) base.push('-r', '--no-commit-id')
  const raw = (await runGit(gitDir, [...base, '-z', '--raw', ...range])).stdout.toString('utf8').split('\0')
  const entries: DiffEntry[] = []
  for (let index = 0; index < raw.length;) {
    const meta = raw[index++]
    if (!meta || !meta.startsWith(':')) continue
    const [, , oldSha, newSha, code] = meta.slice(1).split(' ') as [string, string, string, string, string]
    const letter = code.charAt(0)
    const first = raw[index++] as string
    const entry: DiffEntry = {
      filename: first,
      status: STATUS[letter] ?? 'modified',
      sha: letter === 'D' ? oldSha : newSha,
      additions: 0,
      deletions: 0
    }
    if (letter === 'R' || letter === 'C') {
      entry.previousFilename = first
      entry.filename = raw[index++] as string
    }
    entries.push(entry)
  }
  const numstat = (await runGit(gitDir, [...base, '-z', '--numstat', ...range])).stdout
    .toString('utf8')
    .split('\0')
  const counts: { additions: number; deletions: number }[] = []
  for (let index = 0; index < numstat.length;) {
    const record = numstat[index++]
    if (!record) continue
    const [added, deleted, path] = record.split('\t') as [string, string, string]
    // A rename's record has an empty path followed by the old and new names.
    if (path === '') index += 2
    counts.push({
      additions: added === '-' ? 0 : Number(added),
      deletions: deleted === '-' ? 0 : Number(deleted)
    })
  }
  const patchText = await gitText(gitDir, [...base, '--patch', ...range])
  const patches = patchText.split(/^diff --git /m).slice(1)
  entries.forEach((entry, index) => {
    Object.assign(entry, counts[index] ?? {})
    const patch = patches[index]
    const hunk = patch?.indexOf('\n@@')
    if (patch && hunk !== undefined && hunk >= 0) entry.patch = patch.slice(hunk + 1).replace(/\n$/, '')
  })
  return entries
}

/** `git diff --binary` between two commits: what GitHub's `.diff` media type returns. */
export async function binaryDiff(gitDir: string, from: string, to: string): Promise<Buffer> {
  return (
    await runGit(gitDir, ['diff', '--binary', '--full-index', '-M', '--no-color', '--no-ext-diff', from, to])
  ).stdout
}
