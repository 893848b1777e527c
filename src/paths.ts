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
    // `.git` in any case or disguise (`.git.`, `GIT~1`, HFS+ ignorables), as git refuses it on some system.
    if (isDotGit(segment)) throw new PathOutsideRepositoryError(path, "inside '.git'")
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

/** Code points HFS+ ignores in names, so that `.g\u200cit` is `.git` on a Mac (git's list). */
const HFS_IGNORED = new Set([
  0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x206a, 0x206b, 0x206c, 0x206d,
  0x206e, 0x206f, 0xfeff
])

/**
 * Whether `rest` (a path from the start of a component) names `.<needle>` on HFS+: ignorable code points dropped,
 * ASCII case folded, up to the end or a `/`. A U+FFFD (what bytes that are not UTF-8 decode to) ends the name, as
 * git's check stops at malformed UTF-8.
 */
function isHfsDot(rest: string, needle: string): boolean {
  const chars: number[] = []
  for (const ch of rest) {
    const c = ch.codePointAt(0)!
    if (c === 0x2f || c === 0xfffd) break
    if (!HFS_IGNORED.has(c)) chars.push(c)
    if (chars.length > needle.length + 1) return false
  }
  return (
    chars.length === needle.length + 1 &&
    chars[0] === 0x2e &&
    chars.every((c, i) => i === 0 || (c < 128 && String.fromCharCode(c).toLowerCase() === needle[i - 1]))
  )
}

// NTFS drops trailing dots and spaces, and a `:` starts a stream name: `.git.`, `.git ` and `.git::$DATA` are
// `.git` there. git ends the `.git` check at a separator too, but the `.gitmodules` one only at the end or a `:`.
const NTFS_DOTGIT = /^(?:\.git|git~1)[. ]*(?:[:/\\]|$)/i
const NTFS_GITMODULES = /^(?:\.gitmodules|gitmod~[1-4])[. ]*(?::|$)/i
const NTFS_REST = /^[. ]*(?::|$)/

/** NTFS's fallback 8.3 short name of `.gitmodules`: `gi7eba~N` and shorter stems with longer numbers. */
function isNtfsGitmodulesFallback(rest: string): boolean {
  const stem = 'gi7eba'
  let sawTilde = false
  let i = 0
  for (; i < 8; i++) {
    const c = rest[i]
    if (c === undefined) return false
    if (sawTilde) {
      if (c < '0' || c > '9') return false
    } else if (c === '~') {
      i++
      if (!(rest[i] >= '1' && rest[i] <= '9')) return false
      sawTilde = true
    } else if (i >= 6 || c.toLowerCase() !== stem[i]) return false
  }
  return NTFS_REST.test(rest.slice(i))
}

/** Why git refuses a path; `outside` when the path leaves the work tree or enters `.git`. */
export interface GitPathProblem {
  /** What is wrong, for a message. */
  reason: string
  /** Whether the path escapes the work tree (absolute, `..`) or names `.git` on some system. */
  outside: boolean
}

/**
 * Why git refuses `path` as a file of a tree or index, or undefined when it accepts it: git's verify_path rules
 * with core.protectNTFS and core.protectHFS on, so that a path refused on any of Windows, macOS and Linux is
 * refused everywhere. A component may not be empty (no leading, doubled or trailing `/`), `.` or `..`, nor be
 * `.git` in any case or disguise: with trailing dots or spaces or a `:stream` (NTFS), as the short name `GIT~1`,
 * with a backslash before it (a separator on Windows), or with code points HFS+ ignores. A symlink may not be
 * `.gitmodules` in any of those disguises (or `GITMOD~1`, `gi7eba~1`).
 */
export function gitPathProblem(path: string, symlink = false): GitPathProblem | undefined {
  const outside = (reason: string) => ({ reason, outside: true })
  const invalid = (reason: string) => ({ reason, outside: false })
  if (path === '') return invalid('it is empty')
  if (path.includes('\0')) return invalid('it contains a NUL byte')
  let start = 0
  for (const component of path.split('/')) {
    const rest = path.slice(start)
    start += component.length + 1
    if (component === '')
      return path.startsWith('/') ? outside('absolute path') : invalid('it has an empty component')
    if (component === '..') return outside("'..' leads outside the root")
    if (component === '.') return invalid("it has a '.' component")
    if (component.toLowerCase() === '.git') return outside(`'${component}' is the repository's '.git'`)
    // NTFS checks each part of a component that follows a backslash, since Windows separates on it.
    let offset = 0
    for (const part of component.split('\\')) {
      const from = rest.slice(offset)
      offset += part.length + 1
      if (NTFS_DOTGIT.test(from)) return outside(`'${component}' is '.git' on Windows`)
      if (symlink && (NTFS_GITMODULES.test(from) || isNtfsGitmodulesFallback(from))) {
        return invalid(`a symlink named '${component}' is '.gitmodules' on Windows`)
      }
    }
    if (isHfsDot(rest, 'git')) return outside(`'${component}' is '.git' on macOS`)
    if (symlink && isHfsDot(rest, 'gitmodules'))
      return invalid(`a symlink named '${component}' is '.gitmodules'`)
  }
  return undefined
}

/** Whether a path component names `.git` on some file system (see gitPathProblem). */
function isDotGit(component: string): boolean {
  return NTFS_DOTGIT.test(component) || isHfsDot(component, 'git')
}
