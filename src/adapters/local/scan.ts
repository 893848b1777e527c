/**
 * What the local workspace's scans of a tree of files share: how git's stat data is trusted, which ignored files
 * are tools' caches, and the seal that tells whether a file was written since it was last seen.
 */
import { lstat } from 'node:fs/promises'
import type { GitRunResult } from '../../git/run-git.js'

/** git over the files and index a scan reads (the work tree and index are the caller's), with `paths` on stdin. */
export type ScanGit = (args: string[], okCodes: number[], paths?: readonly string[]) => Promise<GitRunResult>

/**
 * How the snapshots' scans trust the scratch index: an untracked cache (for every file, not only directories'
 * names), and stat data checked in full, ctime too, so that no file or directory can pass for unchanged by its
 * mtime being set back.
 */
export const STAT_CONFIG = [
  'core.untrackedCache=true',
  'status.showUntrackedFiles=all',
  'core.trustctime=true',
  'core.checkStat=default'
]

/**
 * Tools' own caches and build output among ignored files: fixers write them (`eslint --cache`, cargo's target/,
 * Python's bytecode), so a change there does not refuse a fix; what was added there is still removed.
 */
export const TOOL_CACHE =
  /(^|\/)(node_modules\/\.cache|\.cache|__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|target|\.next|\.turbo|\.nx)\/|(^|\/)\.eslintcache$|\.tsbuildinfo$|\.pyc$/

/**
 * What a write to a file changes, whatever else is put back: its inode (git writes an index by renaming a new one
 * over it), size and change time, which no unprivileged process can set (undefined when it is missing). One stat,
 * not a read of an index that grows with the checkout.
 */
export async function fileSeal(path: string): Promise<string | undefined> {
  try {
    const info = await lstat(path, { bigint: true })
    return `${info.ino}:${info.size}:${info.ctimeNs}:${info.mtimeNs}`
  } catch {
    return undefined
  }
}

/**
 * The files that differ from an index (changed, removed, added), as `git status` finds them with an untracked cache
 * in that index: it reads again only the directories whose stat data changed, and hashes only the files whose stat
 * data did. The cache and the stat checks are set on the command line, which outranks the repository's config (a
 * fixer's); the caller's index is its own, so status may write its refreshed stat data and untracked cache back
 * (GIT_OPTIONAL_LOCKS=1 in the caller's git). Paths in `leaveOut` are not listed. Undefined when git names a
 * directory (a repository inside the tree), which `git add` knows what to do with.
 */
export async function changedSinceIndex(
  git: ScanGit,
  leaveOut: ReadonlySet<string> = new Set()
): Promise<string[] | undefined> {
  const status = await git(
    [
      ...STAT_CONFIG.flatMap(setting => ['-c', setting]),
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--no-renames',
      '--ignore-submodules=none'
    ],
    [0]
  )
  const paths: string[] = []
  for (const entry of status.stdout.toString('utf8').split('\0')) {
    // `XY path`: Y is the file against the index (X, the index against HEAD, is no matter here).
    if (!entry || entry[1] === ' ') continue
    const path = entry.slice(3)
    if (leaveOut.has(path)) continue
    if (path.endsWith('/')) return undefined
    paths.push(path)
  }
  return paths
}

/**
 * Brings the index up to the files: the `changed` paths (from changedSinceIndex), or every file when that is
 * undefined or update-index refuses a path (`git add --all`, leaving out the `exclude` paths).
 */
export async function updateIndex(
  git: ScanGit,
  changed: readonly string[] | undefined,
  exclude: readonly string[] = []
): Promise<void> {
  const update = ['update-index', '-z', '--add', '--remove', '--replace', '--stdin']
  if (!changed || (changed.length && (await git(update, [0, 1, 128], changed)).code !== 0))
    await git(['add', '--all', '--', '.', ...exclude.map(path => `:(exclude,literal)${path}`)], [0])
}
