/**
 * What the local workspace's scans of a tree of files share: how git's stat data is trusted, which ignored files
 * are tools' caches, and the seal that tells whether a file was written since it was last seen.
 */
import { lstat } from 'node:fs/promises'

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
