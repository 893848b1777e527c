/**
 * Local Storage: the repository's files on disk, through `fs/promises`. Every path goes through normalizeRepoPath
 * and then through a walk that resolves symlinks one segment at a time, so a symlink anywhere on the way that leads
 * outside the root (or into `.git/`) is refused before anything is opened. Writes go to a temp file in the same
 * directory, are flushed, and are renamed over the target, so a reader sees the old bytes or the new, never half.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { constants, type Dirent } from 'node:fs'
import { lstat, mkdir, open, readdir, readlink, realpath, rename, stat, unlink } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
// The POSIX build: repository paths always use `/`, whatever the platform.
import picomatch from 'picomatch/posix.js'
import type { StorageAdapter } from '../storage.js'
import { FileNotFoundError, InvalidInputError, PathOutsideRepositoryError } from '../../errors.js'
import { normalizeRepoGlob, normalizeRepoPath } from '../../paths.js'

const execFileAsync = promisify(execFile)

/** Symlink hops allowed while resolving one path, as the kernel's own limit (ELOOP) does. */
const MAX_SYMLINK_HOPS = 40

/** Temp files of writes in progress end so; listings skip them. */
const TEMP_SUFFIX = '.self-heal.tmp'
const TEMP_NAME = /^\.[0-9a-f]{12}\.self-heal\.tmp$/

/** Where a repository path leads on disk. */
interface Resolved {
  /** The normal form of the repository path. */
  repoPath: string
  /** The absolute path to open: every symlink on the way resolved (the last one too, unless asked not to). */
  absolute: string
}

/** Options of the local Storage adapter. */
export interface LocalStorageOptions {
  /**
   * List the files git ignores too. By default, in a git work tree, `listFiles` shows what the repository holds
   * or would hold after `git add -A` (tracked files and untracked ones that are not ignored), as the GitHub
   * adapters do; outside a work tree (or when git is unavailable) every file is listed either way.
   */
  includeIgnored?: boolean
}

/** Storage over a directory on the local disk. Build it with `LocalStorageAdapter.create(root)`. */
export class LocalStorageAdapter implements StorageAdapter {
  /** The kind reported by `self-heal env`. */
  readonly kind = 'local-files'
  /** The repository root, with its own symlinks resolved. */
  readonly root: string
  private readonly includeIgnored: boolean

  private constructor(root: string, options: LocalStorageOptions) {
    this.root = root
    this.includeIgnored = options.includeIgnored ?? false
  }

  /** Opens the repository at `root` (absolute, or relative to the current directory); it must be a directory. */
  static async create(root: string, options: LocalStorageOptions = {}): Promise<LocalStorageAdapter> {
    let real: string
    try {
      real = await realpath(resolve(root))
    } catch (error) {
      throw new InvalidInputError(
        `The repository root '${root}' cannot be opened (${codeOf(error) ?? String(error)}): pass an existing directory.`
      )
    }
    if (!(await stat(real)).isDirectory()) {
      throw new InvalidInputError(
        `The repository root '${root}' is not a directory: pass the repository's directory.`
      )
    }
    return new LocalStorageAdapter(real, options)
  }

  async readFile(path: string): Promise<Buffer> {
    const target = await this.resolvePath(path, true)
    let handle
    try {
      // O_NOFOLLOW: the walk resolved every symlink, so one appearing here now is a race; refuse to follow it.
      handle = await open(target.absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    } catch (error) {
      const code = codeOf(error)
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
        throw new FileNotFoundError(target.repoPath)
      if (code === 'ELOOP') throw new PathOutsideRepositoryError(path, 'it became a symlink while being read')
      throw error
    }
    try {
      if (!(await handle.stat()).isFile())
        throw new FileNotFoundError(target.repoPath, 'the repository as a file')
      return await handle.readFile()
    } finally {
      await handle.close()
    }
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const target = await this.resolvePath(path, true)
    const directory = dirname(target.absolute)
    try {
      await mkdir(directory, { recursive: true })
    } catch (error) {
      if (codeOf(error) === 'EEXIST' || codeOf(error) === 'ENOTDIR') {
        throw new InvalidInputError(
          `Cannot write '${target.repoPath}': a parent of it is a file, not a directory. Delete that file first.`
        )
      }
      throw error
    }
    // The directories may have been made just now: check once more that the parent really is inside the root.
    if (!this.isInside(await realpath(directory))) {
      throw new PathOutsideRepositoryError(path, 'its directory leads outside the root')
    }
    let mode = 0o666
    try {
      const existing = await lstat(target.absolute)
      if (existing.isDirectory()) {
        throw new InvalidInputError(
          `Cannot write '${target.repoPath}': it is a directory. Delete it or pick a file path.`
        )
      }
      // Keep an executable bit (scripts) across the overwrite.
      mode = existing.mode & 0o777
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error
    }
    const temp = join(directory, `.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    try {
      const handle = await open(temp, 'wx', mode)
      try {
        await handle.writeFile(bytes)
        if (mode !== 0o666) await handle.chmod(mode)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await renameWithRetry(temp, target.absolute)
    } catch (error) {
      await unlink(temp).catch(() => undefined)
      throw error
    }
    await syncDirectory(directory)
  }

  async fileExists(path: string): Promise<boolean> {
    normalizeRepoPath(path)
    let target: Resolved
    try {
      target = await this.resolvePath(path, true)
    } catch (error) {
      // A symlink that leads outside names no file of the repository.
      if (error instanceof PathOutsideRepositoryError) return false
      throw error
    }
    try {
      return (await stat(target.absolute)).isFile()
    } catch (error) {
      if (isMissing(error)) return false
      throw error
    }
  }

  async listFiles(glob = '**'): Promise<string[]> {
    const pattern = normalizeRepoGlob(glob)
    const isMatch = picomatch(pattern, { dot: true })
    const listed = this.includeIgnored ? undefined : await this.gitListing()
    if (listed) {
      const found: string[] = []
      const candidates = listed.filter(
        path => isMatch(path) && !TEMP_NAME.test(path.slice(path.lastIndexOf('/') + 1))
      )
      // git lists index entries whose files were deleted, and submodules as paths: keep what is on disk as a file.
      await forEachLimited(candidates, 64, async path => {
        let info
        try {
          info = await lstat(join(this.root, path))
        } catch (error) {
          if (isMissing(error)) return
          throw error
        }
        if (info.isFile() || info.isSymbolicLink())
          await this.consider(path, info.isSymbolicLink(), () => true, found)
      })
      return found.sort()
    }
    const { base } = picomatch.scan(pattern)
    const found: string[] = []
    // Start the walk at the pattern's static prefix (`src/**/*.ts` walks `src` only). Like git, never enter a
    // symlinked directory: a prefix through one lists nothing.
    let start = ''
    for (const segment of base.split('/').filter(part => part !== '' && part !== '.')) {
      const path = start ? `${start}/${segment}` : segment
      let info
      try {
        info = await lstat(join(this.root, path))
      } catch (error) {
        if (isMissing(error)) return []
        throw error
      }
      if (info.isDirectory()) {
        start = path
        continue
      }
      // A literal file name (`listFiles('README.md')`): the prefix is the whole pattern.
      if (path === pattern) await this.consider(path, info.isSymbolicLink(), isMatch, found)
      return found
    }
    await this.walk(start, isMatch, found)
    return found.sort()
  }

  async deleteFile(path: string): Promise<void> {
    // Resolve fully first so a symlink that leads outside is refused; then unlink the path itself, not its target.
    await this.resolvePath(path, true)
    const target = await this.resolvePath(path, false)
    let info
    try {
      info = await lstat(target.absolute)
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(target.repoPath)
      throw error
    }
    if (info.isDirectory()) throw new FileNotFoundError(target.repoPath, 'the repository as a file')
    try {
      await unlink(target.absolute)
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(target.repoPath)
      throw error
    }
  }

  /**
   * The files git shows below the root (tracked, and untracked but not ignored), relative to the root; undefined
   * when the root is not in a git work tree or git cannot run (then the caller walks the directory).
   */
  private async gitListing(): Promise<string[] | undefined> {
    try {
      const { stdout } = await execFileAsync(
        'git',
        ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
        { cwd: this.root, maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }
      )
      return [...new Set(stdout.split('\0').filter(Boolean))]
    } catch {
      return undefined
    }
  }

  /** Whether an absolute, symlink-free path is the root or below it. */
  private isInside(absolute: string): boolean {
    return (
      absolute === this.root || absolute.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep)
    )
  }

  /**
   * Walks a repository path from the root one segment at a time, resolving symlinks as it goes; refuses any that
   * leads outside the root or into `.git`. Segments that do not exist end the walk (a write creates them inside
   * the last directory reached, which is inside). With `followLast` false the final segment is not resolved.
   */
  private async resolvePath(path: string, followLast: boolean): Promise<Resolved> {
    const repoPath = normalizeRepoPath(path)
    let pending = repoPath.split('/')
    let current = this.root
    let hops = 0
    while (pending.length > 0) {
      const [segment, ...rest] = pending
      const candidate = join(current, segment)
      if (rest.length === 0 && !followLast) return { repoPath, absolute: candidate }
      let info
      try {
        info = await lstat(candidate)
      } catch (error) {
        if (isMissing(error)) return { repoPath, absolute: join(candidate, ...rest) }
        throw error
      }
      if (!info.isSymbolicLink()) {
        current = candidate
        pending = rest
        continue
      }
      if (++hops > MAX_SYMLINK_HOPS) throw new PathOutsideRepositoryError(path, 'too many levels of symlinks')
      const linkTarget = await readlink(candidate)
      const landing = isAbsolute(linkTarget) ? resolve(linkTarget) : resolve(current, linkTarget)
      if (!this.isInside(landing)) {
        throw new PathOutsideRepositoryError(
          path,
          `'${relative(this.root, candidate)}' is a symlink that leads outside`
        )
      }
      const inner = relative(this.root, landing).split(sep).join('/')
      if (inner === '') {
        current = this.root
        pending = rest
        continue
      }
      try {
        // Re-walk from the root: the landing path itself may pass through more symlinks.
        pending = [...normalizeRepoPath(inner).split('/'), ...rest]
      } catch {
        throw new PathOutsideRepositoryError(
          path,
          `'${relative(this.root, candidate)}' is a symlink into '.git'`
        )
      }
      current = this.root
    }
    if (current === this.root)
      throw new PathOutsideRepositoryError(path, 'names the repository root, not a file')
    return { repoPath, absolute: current }
  }

  /** Collects matching files below a repository directory: regular files, and symlinks to files inside the root. */
  private async walk(directory: string, isMatch: (path: string) => boolean, found: string[]): Promise<void> {
    let entries: Dirent[]
    try {
      entries = await readdir(directory ? join(this.root, directory) : this.root, { withFileTypes: true })
    } catch (error) {
      // A directory removed while the walk ran simply holds nothing.
      if (isMissing(error)) return
      throw error
    }
    const subdirectories: string[] = []
    for (const entry of entries) {
      if (entry.name.toLowerCase() === '.git' || TEMP_NAME.test(entry.name)) continue
      const path = directory ? `${directory}/${entry.name}` : entry.name
      if (entry.isDirectory()) subdirectories.push(path)
      else if (entry.isFile() || entry.isSymbolicLink())
        await this.consider(path, entry.isSymbolicLink(), isMatch, found)
    }
    for (const subdirectory of subdirectories) await this.walk(subdirectory, isMatch, found)
  }

  /** Adds a file to a listing when it matches; a symlink only when reading it would succeed (inside, a file). */
  private async consider(
    path: string,
    isSymlink: boolean,
    isMatch: (path: string) => boolean,
    found: string[]
  ): Promise<void> {
    if (!isMatch(path)) return
    if (!isSymlink) {
      found.push(path)
      return
    }
    try {
      const resolved = await this.resolvePath(path, true)
      if ((await stat(resolved.absolute)).isFile()) found.push(path)
    } catch (error) {
      if (!(error instanceof PathOutsideRepositoryError) && !isMissing(error)) throw error
    }
  }
}

/**
 * Renames, retrying briefly on Windows, where a reader holding the target open makes the rename fail with
 * EPERM/EBUSY/EACCES for a moment (as graceful-fs does).
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      const code = codeOf(error)
      const transient = code === 'EPERM' || code === 'EBUSY' || code === 'EACCES'
      if (process.platform !== 'win32' || !transient || attempt >= 10) throw error
      await new Promise(resolve => setTimeout(resolve, 10 * (attempt + 1)))
    }
  }
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** Flushes a directory entry after a rename, where the platform allows it (not on Windows). */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(directory, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename has happened either way.
  }
}

function codeOf(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined
}

function isMissing(error: unknown): boolean {
  const code = codeOf(error)
  return code === 'ENOENT' || code === 'ENOTDIR'
}
