/**
 * GitHubStorageAdapter: the Storage port over the GitHub API, on one branch. Reads use the Contents API (up to
 * 1 MB) and the blobs API (up to 100 MB); writes and deletes are Contents API commits made with the file's current
 * sha, retried with a fresh sha when someone else wrote in between (409), a bounded number of times. listFiles is
 * one recursive tree request, walking subtrees when GitHub truncates it. Paths follow the local adapter's rules.
 */
import picomatch from 'picomatch'
import {
  FileNotFoundError,
  InvalidInputError,
  PathOutsideRepositoryError,
  RefNotFoundError
} from '../../errors.js'
import { normalizeRepoGlob, normalizeRepoPath } from '../../paths.js'
import type { GitHubClient } from '../../github/client.js'
import { errorStatus } from '../../github/errors.js'
import { validateBranchName } from '../../github/refs.js'
import type { StorageAdapter } from '../storage.js'
import { MAX_BLOB_BYTES, listTreeRecursive } from './base-source.js'
import { gitBlobSha, type BaseEntry } from '../../diff/apply.js'
import { FileTooLargeError } from './errors.js'

/** Options of GitHubStorageAdapter. */
export interface GitHubStorageOptions {
  /** The branch read and written (default: the repository's default branch). */
  branch?: string
  /**
   * A commit (its full sha) to read instead of a branch: the files a fix was made against. The adapter is then
   * read-only: a commit cannot be written to, so writeFile and deleteFile throw.
   */
  commit?: string
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

/** What a path names on the branch. */
interface Located {
  /** The repository path, symlinks followed. */
  path: string
  /** The file there, when it is one. */
  file?: ContentFile
  /** true: a directory is there; false: something else (see `other`); undefined: nothing. */
  directory?: boolean
  /** The kind of a non-file entry (e.g. `submodule`). */
  other?: string
}

/** The Storage port over the GitHub API. */
export class GitHubStorageAdapter implements StorageAdapter {
  readonly kind = 'github-contents'
  private branch?: Promise<string>

  constructor(
    private readonly client: GitHubClient,
    private readonly options: GitHubStorageOptions = {}
  ) {
    if (options.branch) validateBranchName(options.branch)
    if (options.commit !== undefined) {
      if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(options.commit)) {
        throw new InvalidInputError(`'${options.commit}' is not a commit's full sha (40 or 64 hex digits).`)
      }
      if (options.branch)
        throw new InvalidInputError('A Storage adapter reads a branch or a commit, not both.')
    }
  }

  private get repo() {
    return { owner: this.client.owner, repo: this.client.repo }
  }

  /**
   * The branch in use, or the commit read. A commit is looked up once first: the Contents API answers 404 for a
   * commit it does not have as for a missing file, and every file reading as absent would pass unnoticed.
   */
  ref(): Promise<string> {
    const commit = this.options.commit
    if (commit) {
      this.branch ??= this.client.octokit.rest.git
        .getCommit({ ...this.repo, commit_sha: commit })
        .then(() => commit)
        .catch(error => {
          this.branch = undefined
          if (errorStatus(error) === 404 || errorStatus(error) === 422) {
            throw new RefNotFoundError(commit, `the repository has no such commit`)
          }
          throw this.client.mapError(error, { action: `reading commit ${commit}`, permission: 'contents' })
        })
      return this.branch
    }
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

  /**
   * Finds what a path names on the branch, following symlinks that stay inside the repository (a bounded number
   * of hops), also when one is a directory on the way. A symlink leading outside is a PathOutsideRepositoryError.
   */
  private async locate(asked: string): Promise<Located> {
    let path = normalizeRepoPath(asked)
    for (let hop = 0; hop < 40; hop++) {
      const got = await this.getContent(path)
      if (Array.isArray(got)) return { path, directory: true }
      if (got?.type === 'symlink') {
        path = resolveLink(path, got.target ?? (await this.linkTarget(got.sha)), asked)
        continue
      }
      // GitHub answers a symlink to a file with the file itself, under the target's path.
      if (got?.type === 'file') return { path: got.path || path, file: got }
      if (got) return { path, directory: false, other: got.type }
      const redirected = await this.throughAncestors(path, asked)
      if (redirected === undefined) return { path }
      path = redirected
    }
    throw new PathOutsideRepositoryError(asked, 'too many levels of symlinks')
  }

  /** For a path that is missing: the path it leads to when a directory above it is a symlink. */
  private async throughAncestors(path: string, asked: string): Promise<string | undefined> {
    const parts = path.split('/')
    for (let i = parts.length - 1; i >= 1; i--) {
      const parent = parts.slice(0, i).join('/')
      const got = await this.getContent(parent)
      if (got === undefined) continue
      if (Array.isArray(got) || got.type !== 'symlink') return undefined
      const target = resolveLink(parent, got.target ?? (await this.linkTarget(got.sha)), asked)
      return `${target}/${parts.slice(i).join('/')}`
    }
    return undefined
  }

  private async linkTarget(sha: string): Promise<string> {
    try {
      const { data } = await this.client.octokit.rest.git.getBlob({ ...this.repo, file_sha: sha })
      return Buffer.from(data.content, 'base64').toString('utf8')
    } catch (error) {
      throw this.client.mapError(error, { action: 'reading a symlink', permission: 'contents' })
    }
  }

  async readFile(path: string): Promise<Buffer> {
    const found = await this.locate(path)
    const file = found.file
    if (!file) {
      throw found.directory !== undefined
        ? new FileNotFoundError(found.path, 'the repository as a file')
        : new FileNotFoundError(found.path)
    }
    if (file.size > MAX_BLOB_BYTES) throw new FileTooLargeError(found.path, file.size)
    if (file.size <= CONTENTS_LIMIT && file.encoding === 'base64' && file.content !== undefined) {
      const bytes = Buffer.from(file.content, 'base64')
      if (bytes.length === file.size) return bytes
    }
    // Over 1 MB the Contents API leaves the content out: the blobs API serves up to 100 MB, by the same sha.
    try {
      const { data } = await this.client.octokit.rest.git.getBlob({ ...this.repo, file_sha: file.sha })
      return Buffer.from(data.content, 'base64')
    } catch (error) {
      throw this.client.mapError(error, { action: `reading '${found.path}'`, permission: 'contents' })
    }
  }

  /** A commit is history: nothing is written to it. */
  private writable(action: string, path: string): void {
    if (this.options.commit) {
      throw new InvalidInputError(
        `Cannot ${action} '${path}': this Storage adapter reads commit ${this.options.commit}, which cannot be written to.`
      )
    }
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    normalizeRepoPath(path)
    this.writable('write', path)
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
    await this.withFreshSha(
      path,
      'update',
      async found => {
        if (found.directory || found.other) {
          throw new InvalidInputError(
            `'${found.path}' is a ${found.other ?? 'directory'} in the repository, not a file.`
          )
        }
        await this.client.octokit.rest.repos.createOrUpdateFileContents({
          ...this.repo,
          path: found.path,
          branch: await this.ref(),
          message: this.message(found.file ? 'update' : 'create', found.path),
          content: bytes.toString('base64'),
          ...(found.file ? { sha: found.file.sha } : {}),
          ...(this.options.committer
            ? { committer: this.options.committer, author: this.options.committer }
            : {})
        })
      },
      found => found.file?.sha === gitBlobSha(bytes)
    )
  }

  async fileExists(path: string): Promise<boolean> {
    normalizeRepoPath(path)
    try {
      return (await this.locate(path)).file !== undefined
    } catch (error) {
      if (error instanceof PathOutsideRepositoryError) return false
      throw error
    }
  }

  async listFiles(glob = '**'): Promise<string[]> {
    const pattern = normalizeRepoGlob(glob)
    const isMatch = picomatch(pattern, { dot: true })
    const ref = await this.ref()
    let entries
    try {
      // The recursive tree of the branch (tree_sha accepts a branch name): one request unless GitHub truncates.
      entries = await listTreeRecursive(this.client, await this.treeish(ref))
    } catch (error) {
      if (errorStatus(error) === 404) return []
      throw this.client.mapError(error, { action: 'listing files', permission: 'contents' })
    }
    const found: string[] = []
    for (const [path, entry] of entries) {
      if (entry.mode === '160000' || !isMatch(path)) continue // a submodule is not a file of this repository
      // A symlink counts when it leads to a file inside the repository, as with the local adapter.
      if (entry.mode === '120000' && !(await this.linkLeadsToFile(path, entry.sha, entries))) continue
      found.push(path)
    }
    return found.sort()
  }

  /**
   * What to list: the branch name itself (get-tree takes a ref name), or, for a name with `/` (which would reach
   * the URL as `%2F`), the tree of the commit the branch points to; for a commit read, its tree.
   */
  private async treeish(ref: string): Promise<string> {
    if (this.options.commit) {
      const { data } = await this.client.octokit.rest.git.getCommit({ ...this.repo, commit_sha: ref })
      return data.tree.sha
    }
    if (!ref.includes('/')) return ref
    const { data } = await this.client.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${ref}` })
    const { data: commit } = await this.client.octokit.rest.git.getCommit({
      ...this.repo,
      commit_sha: data.object.sha
    })
    return commit.tree.sha
  }

  private async linkLeadsToFile(
    path: string,
    sha: string,
    entries: Map<string, BaseEntry>
  ): Promise<boolean> {
    let current = path
    let blob = sha
    for (let hop = 0; hop < 40; hop++) {
      try {
        current = resolveLink(current, await this.linkTarget(blob), path)
      } catch (error) {
        if (error instanceof PathOutsideRepositoryError) return false
        throw error
      }
      const next = entries.get(current)
      if (!next || next.mode === '160000') return false
      if (next.mode !== '120000') return true
      blob = next.sha
    }
    return false
  }

  async deleteFile(path: string): Promise<void> {
    normalizeRepoPath(path)
    this.writable('delete', path)
    await this.withFreshSha(
      path,
      'delete',
      async found => {
        if (!found.file) throw new FileNotFoundError(found.path)
        // The path itself goes, not a symlink's target: find its own entry when GitHub followed a link.
        const own =
          found.path === normalizeRepoPath(path) ? found.file.sha : await this.ownSha(normalizeRepoPath(path))
        await this.client.octokit.rest.repos.deleteFile({
          ...this.repo,
          path: normalizeRepoPath(path),
          branch: await this.ref(),
          message: this.message('delete', normalizeRepoPath(path)),
          sha: own ?? found.file.sha,
          ...(this.options.committer
            ? { committer: this.options.committer, author: this.options.committer }
            : {})
        })
      },
      found => !found.file
    )
  }

  /** The blob id of the entry at a path itself (not what a symlink there leads to), from its directory listing. */
  private async ownSha(path: string): Promise<string | undefined> {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    const listing = await this.getContent(dir)
    if (!Array.isArray(listing)) return undefined
    return listing.find(entry => entry.path === path)?.sha
  }

  private message(action: string, path: string): string {
    return (this.options.messageTemplate ?? 'self-heal: {action} {path}')
      .replace('{action}', action)
      .replace('{path}', path)
  }

  /**
   * Runs a Contents API write with the file's current sha. A 409, or a 422 that says the sha is stale or missing,
   * means someone wrote in between: locate the file again (fresh sha) and retry, a bounded number of times.
   */
  private async withFreshSha(
    path: string,
    action: 'update' | 'delete',
    write: (found: Located) => Promise<void>,
    done: (found: Located) => boolean
  ): Promise<void> {
    const attempts = this.options.maxWriteAttempts ?? 3
    const doing = `${action === 'delete' ? 'deleting' : 'writing'} '${normalizeRepoPath(path)}'`
    let lastError: unknown
    for (let attempt = 0; attempt < attempts; attempt++) {
      const found = await this.locate(path)
      // After a conflict the branch may already be as asked (our own earlier attempt landed, its answer lost).
      if (attempt > 0 && done(found)) return
      try {
        await write(found)
        return
      } catch (error) {
        const status = errorStatus(error)
        const text = String((error as Error).message)
        if (
          status === 409 ||
          (status === 422 && /sha/i.test(text)) ||
          (status === 404 && action === 'delete')
        ) {
          lastError = error
          continue
        }
        throw this.client.mapError(error, { action: doing, permission: 'contents', write: true })
      }
    }
    throw this.client.mapError(lastError, {
      action: `${doing} (its sha kept changing: ${attempts} attempts)`,
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
