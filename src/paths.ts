/**
 * Repository-relative path rules shared by every Storage adapter and by diff application: a path is relative,
 * uses `/`, has no `.`/`..` segments after normalisation that leave the root, and never enters `.git/`.
 */
import { InvalidInputError, PathOutsideRepositoryError } from './errors.js'

/**
 * Validates an untrusted repository-relative path and returns its normal form (`a/b/c`, no leading `./`, no
 * duplicate slashes). Throws PathOutsideRepositoryError for absolute paths, `..` escapes, `.git` segments, NUL
 * bytes and empty paths.
 */
export function normalizeRepoPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0)
    throw new PathOutsideRepositoryError(String(path), 'empty path')
  if (path.includes('\0')) throw new PathOutsideRepositoryError(path, 'contains a NUL byte')
  const unified = path.replace(/\\/g, '/')
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) {
    throw new PathOutsideRepositoryError(path, 'absolute path')
  }
  const parts: string[] = []
  for (const segment of unified.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) throw new PathOutsideRepositoryError(path, "'..' leads outside the root")
      parts.pop()
      continue
    }
    // Git itself refuses `.git` in any case on case-insensitive systems; so do we, everywhere.
    if (segment.toLowerCase() === '.git') throw new PathOutsideRepositoryError(path, "inside '.git'")
    parts.push(segment)
  }
  if (parts.length === 0) throw new PathOutsideRepositoryError(path, 'names the repository root, not a file')
  return parts.join('/')
}

/** Like normalizeRepoPath, but returns false instead of throwing. */
export function isRepoPath(path: string): boolean {
  try {
    normalizeRepoPath(path)
    return true
  } catch {
    return false
  }
}

/** Checks a glob the way paths are checked: relative, no `..`, never into `.git`; returns it without `./`. */
export function normalizeRepoGlob(glob: string): string {
  if (typeof glob !== 'string' || glob.trim() === '') {
    throw new InvalidInputError(
      "The glob is empty: pass a pattern such as '**/*.ts', or nothing for every file."
    )
  }
  if (glob.includes('\0')) throw new PathOutsideRepositoryError(glob, 'contains a NUL byte')
  const unified = glob.replace(/^(\.\/)+/, '')
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.startsWith('\\')) {
    throw new PathOutsideRepositoryError(glob, 'absolute glob')
  }
  for (const segment of unified.split(/[/\\]/)) {
    if (segment === '..') throw new PathOutsideRepositoryError(glob, "'..' leads outside the root")
    if (segment.toLowerCase() === '.git') throw new PathOutsideRepositoryError(glob, "inside '.git'")
  }
  return unified
}
