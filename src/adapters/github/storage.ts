/**
 * GitHubStorageAdapter: the Storage port over the GitHub API, on one branch. Reads use the Contents API (up to
 * 1 MB) and the blobs API (up to 100 MB); writes and deletes are Contents API commits made with the file's current
 * sha, retried with a fresh sha when someone else wrote in between (409), a bounded number of times. listFiles is
 * one recursive tree request, walking subtrees when GitHub truncates it. Paths follow the local adapter's rules.
 */
import picomatch from 'picomatch'
import { FileNotFoundError, InvalidInputError, PathOutsideRepositoryError } from '../../errors.js'
import { normalizeRepoPath } from '../../paths.js'
import type { GitHubClient } from '../../github/client.js'
import { errorStatus } from '../../github/errors.js'
import { validateBranchName } from '../../github/refs.js'
import type { StorageAdapter } from '../storage.js'
import { MAX_BLOB_BYTES, listTreeRecursive } from './base-source.js'
import { FileTooLargeError } from './errors.js'

/** Options of GitHubStorageAdapter. */
export interface GitHubStorageOptions {
  /** The branch read and written (default: the repository's default branch). */
  branch?: string
  /** Attempts of a write whose sha went stale under it (default 3). */
  maxWriteAttempts?: number
  /** The commit message of a write or delete; `{path}` and `{action}` are replaced. */
  messageTemplate?: string
  /** Author and committer of the Contents API commits; unset lets GitHub sign them. */
  committer?: { name: string; email: string }
}

interface ContentFile {
  type: string
  path: string
  sha: string
  size: number
  content?: string
  encoding?: string
  target?: string
}

const CONTENTS_LIMIT = 1024 * 1024

/** The Storage port over the GitHub API. */
export class GitHubStorageAdapter implements StorageAdapter {
  readonly kind = 'github-contents'
  private branch?: Promise<string>

  constructor(
    private readonly client: GitHubClient,
    private readonly options: GitHubStorageOptions = {}
  ) {
    if (options.branch) validateBranchName(options.branch)
  }

  private get repo() {
    return { owner: this.client.owner, repo: this.client.repo }
  }

  /** The branch in use. */
  ref(): Promise<string> {
    this.branch ??= this.options.branch
      ? Promise.resolve(this.options.branch)
      : this.client.octokit.rest.repos
          .get(this.repo)
          .then(({ data }) => data.default_branch)
          .catch(error => {
            this.branch = undefined
            throw this.client.mapError(error, { action: 'reading the repository', permission: 'contents' })
          })
    return this.branch
  }

  /** GET contents; undefined on 404; an array for a directory. */
  private async getContent(path: string): Promise<ContentFile | ContentFile[] | undefined> {
    const ref = await this.ref()
    try {
      const { data } = await this.client.octokit.rest.repos.getContent({ ...this.repo, path, ref })
      return data as ContentFile | ContentFile[]
    } catch (error) {
      if (errorStatus(error) === 404) return undefined
      throw this.client.mapError(error, { action: `reading '${path}'`, permission: 'contents' })
    }
  }

  async readFile(path: string): Promise<Buffer> {
    let repoPath = normalizeRepoPath(path)
    // Symlinks inside the repository are followed (a bounded number of hops), as the local adapter does.
    for (let hop = 0; hop < 40; hop++) {
      const file = await this.getContent(repoPath)
      if (file === undefined) throw new FileNotFoundError(repoPath)
      if (Array.isArray(file) || (file.type !== 'file' && file.type !== 'symlink')) {
        throw new FileNotFoundError(repoPath, 'the repository as a file')
      }
      if (file.type === 'symlink') {
        repoPath = resolveLink(repoPath, file.target ?? '', path)
        continue
      }
      if (file.size > MAX_BLOB_BYTES) throw new FileTooLargeError(repoPath, file.size)
      if (file.size <= CONTENTS_LIMIT && file.encoding === 'base64' && file.content !== undefined) {
        return Buffer.from(file.content, 'base64')
      }
      // Over 1 MB the Contents API leaves the content out: the blobs API serves up to 100 MB.
      try {
        const { data } = await this.client.octokit.rest.git.getBlob({ ...this.repo, file_sha: file.sha })
        return Buffer.from(data.content, 'base64')
      } catch (error) {
        throw this.client.mapError(error, { action: `reading '${repoPath}'`, permission: 'contents' })
      }
    }
    throw new PathOutsideRepositoryError(path, 'too many levels of symlinks')
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const repoPath = normalizeRepoPath(path)
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
    await this.withFreshSha(repoPath, 'update', async sha => {
      await this.client.octokit.rest.repos.createOrUpdateFileContents({
        ...this.repo,
        path: repoPath,
        branch: await this.ref(),
        message: this.message(sha === null ? 'create' : 'update', repoPath),
        content: bytes.toString('base64'),
        ...(sha ? { sha } : {}),
        ...(this.options.committer
          ? { committer: this.options.committer, author: this.options.committer }
          : {})
      })
    })
  }

  async fileExists(path: string): Promise<boolean> {
    let repoPath = normalizeRepoPath(path)
    for (let hop = 0; hop < 40; hop++) {
      const file = await this.getContent(repoPath)
      if (file === undefined || Array.isArray(file)) return false
      if (file.type === 'symlink') {
        try {
          repoPath = resolveLink(repoPath, file.target ?? '', path)
        } catch {
          return false
        }
        continue
      }
      return file.type === 'file'
    }
    return false
  }

  async listFiles(glob = '**'): Promise<string[]> {
    const pattern = checkGlob(glob)
    const isMatch = picomatch(pattern, { dot: true })
    const ref = await this.ref()
    let entries
    try {
      // The recursive tree of the branch (tree_sha accepts a branch name): one request unless GitHub truncates.
      entries = await listTreeRecursive(this.client, ref)
    } catch (error) {
      if (errorStatus(error) === 404) return []
      throw this.client.mapError(error, { action: 'listing files', permission: 'contents' })
    }
    const found: string[] = []
    for (const [path, entry] of entries) {
      if (entry.mode === '160000') continue // a submodule is not a file of this repository
      if (isMatch(path)) found.push(path)
    }
    return found.sort()
  }

  async deleteFile(path: string): Promise<void> {
    const repoPath = normalizeRepoPath(path)
    await this.withFreshSha(repoPath, 'delete', async sha => {
      if (!sha) throw new FileNotFoundError(repoPath)
      await this.client.octokit.rest.repos.deleteFile({
        ...this.repo,
        path: repoPath,
        branch: await this.ref(),
        message: this.message('delete', repoPath),
        sha,
        ...(this.options.committer
          ? { committer: this.options.committer, author: this.options.committer }
          : {})
      })
    })
  }

  private message(action: string, path: string): string {
    return (this.options.messageTemplate ?? 'self-heal: {action} {path}')
      .replace('{action}', action)
      .replace('{path}', path)
  }

  /**
   * Runs a Contents API write with the file's current sha (null: the file does not exist). A 409, or a 422 that
   * says the sha is stale or missing, means someone wrote in between: read the sha again and retry, bounded.
   */
  private async withFreshSha(
    path: string,
    action: 'update' | 'delete',
    write: (sha: string | null) => Promise<void>
  ): Promise<void> {
    const attempts = this.options.maxWriteAttempts ?? 3
    let lastError: unknown
    for (let attempt = 0; attempt < attempts; attempt++) {
      const file = await this.getContent(path)
      if (Array.isArray(file) || (file && file.type !== 'file' && file.type !== 'symlink')) {
        throw new InvalidInputError(`'${path}' is a directory in the repository, not a file.`)
      }
      try {
        await write(file ? file.sha : null)
        return
      } catch (error) {
        const status = errorStatus(error)
        const text = String((error as Error).message)
        if (status === 409 || (status === 422 && /sha/i.test(text))) {
          lastError = error
          continue
        }
        if (status === 404 && action === 'delete') throw new FileNotFoundError(path)
        throw this.client.mapError(error, {
          action: `${action === 'delete' ? 'deleting' : 'writing'} '${path}'`,
          permission: 'contents',
          write: true
        })
      }
    }
    throw this.client.mapError(lastError, {
      action: `${action === 'delete' ? 'deleting' : 'writing'} '${path}' (its sha kept changing: ${attempts} attempts)`,
      permission: 'contents',
      write: true
    })
  }
}

/** Resolves a symlink target relative to the link's directory; refuses a target outside the repository. */
function resolveLink(link: string, target: string, asked: string): string {
  if (target.startsWith('/')) throw new PathOutsideRepositoryError(asked, 'a symlink on the way is absolute')
  const dir = link.includes('/') ? link.slice(0, link.lastIndexOf('/')) : ''
  const joined = dir ? `${dir}/${target}` : target
  try {
    return normalizeRepoPath(joined)
  } catch {
    throw new PathOutsideRepositoryError(asked, 'a symlink on the way leads outside the repository')
  }
}

/** Checks a glob the way paths are checked: relative, no `..`, never into `.git`; returns it without `./`. */
function checkGlob(glob: string): string {
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
