/**
 * The local Git adapter: the git CLI, without a shell. Commits are built in a temporary index and written with
 * `commit-tree` + a compare-and-swap `update-ref`, so the user's current branch, index and working tree are never
 * touched and a failure moves no ref. Pull requests go through an injected GitHub service.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BranchExistsError,
  ConfigurationError,
  ConflictError,
  DiffDoesNotApplyError,
  InvalidInputError,
  MergeConflictError,
  PathOutsideRepositoryError,
  RefNotFoundError,
  SelfHealError
} from '../../errors.js'
import { parseGitDiff } from '../../diff/parse.js'
import { normalizeRepoPath } from '../../paths.js'
import { assertBranchName, branchHead, resolveCommit } from '../../git/refs.js'
import { DEFAULT_REMOTE } from '../../git/remote.js'
import { GitCommandError, gitText, runGit } from '../../git/run-git.js'
import { treeWith } from '../../git/tree-edit.js'
import type {
  ApplyDiffOptions,
  ApplyDiffResult,
  BranchCommits,
  CommitInfo,
  GitAdapter,
  IssueComment,
  MergeResult,
  PullRequest,
  PullRequestInfo,
  PullRequestOptions,
  Review,
  ReviewComment
} from '../git.js'
import { howToSet } from '../../surface.js'

/** Pull requests on GitHub (the GitHub API adapter provides them); the local adapter pushes before it opens one. */
export type PullRequestService = Pick<
  GitAdapter,
  'createPullRequest' | 'findPullRequests' | 'listPullRequests' | 'upsertComment' | 'createReview'
>

/** Settings of the local Git adapter. */
export interface LocalGitSettings {
  /** A directory inside the repository. */
  cwd: string
  /** Where pull requests are opened; unset means createPullRequest explains what is missing. */
  pullRequests?: PullRequestService
  /** Why pull requests are unavailable (shown when `pullRequests` is unset). */
  pullRequestsUnavailable?: string
  /** The remote branches are pushed to before a pull request is opened (default `origin`). */
  remote?: string
  /** Where every push is reported. */
  log?: (message: string) => void
}

/** The identity used when the repository has none configured, so a commit can still be made. */
const FALLBACK_IDENTITY = { name: 'self-heal', email: 'self-heal@users.noreply.github.com' }

/** Creates the local Git adapter after checking that `cwd` is inside a work tree and git is recent enough. */
export async function createLocalGitAdapter(settings: LocalGitSettings): Promise<GitAdapter> {
  let root: string
  try {
    root = await gitText(['rev-parse', '--show-toplevel'], { cwd: settings.cwd })
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new ConfigurationError(
        `'${settings.cwd}' is not inside a git repository: run self-heal in a checkout or ${howToSet('cwd')}.`
      )
    }
    throw error
  }
  const version = await gitText(['version'], { cwd: root })
  const match = /(\d+)\.(\d+)/.exec(version)
  if (!match || Number(match[1]) < 2 || (Number(match[1]) === 2 && Number(match[2]) < 38)) {
    throw new ConfigurationError(`self-heal needs git 2.38 or newer (found '${version}'): upgrade git.`)
  }
  return new LocalGitAdapter(root, settings)
}

class LocalGitAdapter implements GitAdapter {
  readonly kind = 'git-cli'
  /** Branches whose content applyDiff replaced, and the commit each was at: their push is leased on it. */
  private readonly replaced = new Map<string, string>()

  constructor(
    private readonly root: string,
    private readonly settings: LocalGitSettings
  ) {}

  async createBranch(name: string, base?: string): Promise<void> {
    const branch = await assertBranchName(name, this.root)
    const sha = await resolveCommit(base ?? 'HEAD', this.root)
    if (await branchHead(branch, this.root)) throw new BranchExistsError(branch)
    // An empty old value makes update-ref fail if the branch appeared meanwhile: create, never overwrite.
    await this.updateRef(branch, sha, '', () => new BranchExistsError(branch))
  }

  async deleteBranch(name: string, expected?: string): Promise<void> {
    const branch = await assertBranchName(name, this.root)
    const sha = await branchHead(branch, this.root)
    if (!sha) throw new RefNotFoundError(`refs/heads/${branch}`, 'there is no such branch to delete.')
    if (expected !== undefined && sha !== expected) {
      throw new ConflictError(`Branch '${branch}' is at ${sha}, not ${expected}: it was left alone.`)
    }
    if (await this.checkedOutIn(branch)) {
      throw new InvalidInputError(
        `Branch '${branch}' is checked out: switch to another branch before deleting it.`
      )
    }
    await runGit(['update-ref', '-d', `refs/heads/${branch}`, sha], { cwd: this.root })
  }

  async getDiff(base: string, head: string): Promise<string> {
    const from = await resolveCommit(base, this.root)
    const to = await resolveCommit(head, this.root)
    const { stdout } = await runGit(
      ['diff', '--binary', '--full-index', '--no-color', '--no-ext-diff', from, to],
      {
        cwd: this.root
      }
    )
    return stdout.toString('utf8')
  }

  async applyDiff(
    patch: string | Uint8Array,
    message: string,
    options: ApplyDiffOptions
  ): Promise<ApplyDiffResult> {
    const branch = await assertBranchName(options.branch, this.root)
    if (!message.trim()) throw new InvalidInputError('The commit message is empty: give a message.')
    // git reads the bytes as given; the checks and messages read them as text.
    const input =
      typeof patch === 'string' ? patch : Buffer.from(patch.buffer, patch.byteOffset, patch.byteLength)
    const diff = typeof input === 'string' ? input : input.toString('utf8')
    if (!diff.trim()) throw new InvalidInputError('The diff is empty: there is nothing to commit.')
    const existing = await branchHead(branch, this.root)
    if (options.replacing !== undefined && existing !== options.replacing) {
      throw new ConflictError(
        `Branch '${branch}' is at ${existing ?? 'nothing'}, not ${options.replacing}: nothing was changed.`
      )
    }
    if (existing && (await this.checkedOutIn(branch))) {
      throw new InvalidInputError(
        `Branch '${branch}' is checked out: self-heal commits without touching your working tree, so it will not ` +
          'move the branch under it. Use another branch name, or switch away first.'
      )
    }
    // Replacing, the commit is made on the base: the branch's earlier commits are no part of it.
    const parent =
      (options.replacing ? undefined : existing) ?? (await resolveCommit(options.base ?? 'HEAD', this.root))
    const paths = await this.checkDiffPaths(diff, input)
    const files = paths.files
    const scratch = await mkdtemp(join(tmpdir(), 'self-heal-index-'))
    try {
      const env = { GIT_INDEX_FILE: join(scratch, 'index') }
      const { touched } = paths
      if (touched) {
        // The index holds only the files the diff touches, read from the parent's tree: what it costs is the
        // diff's size, not the repository's.
        const listed = await runGit(['ls-tree', '-r', '-z', '--full-tree', parent, '--', ...touched], {
          cwd: this.root,
          env: LITERAL_PATHS
        })
        await runGit(['update-index', '-z', '--index-info'], { cwd: this.root, env, input: listed.stdout })
      } else await runGit(['read-tree', parent], { cwd: this.root, env })
      // --check first so that a failure is reported before anything is written to the object database.
      for (const check of [true, false]) {
        const args = ['apply', '--cached', '--whitespace=nowarn']
        if (check) args.push('--check')
        const result = await runGit(args, { cwd: this.root, env, input, okCodes: [0, 1, 128] })
        if (result.code !== 0) throw diffError(result.stderr, diff)
      }
      const tree = touched
        ? await treeWith(this.root, env, parent, touched)
        : await gitText(['write-tree'], { cwd: this.root, env })
      const commit = await gitText(['commit-tree', tree, '-p', parent, '-F', '-'], {
        cwd: this.root,
        env: await this.identityEnv(options.author),
        input: message.endsWith('\n') ? message : `${message}\n`
      })
      await this.updateRef(branch, commit, existing ?? '', () =>
        options.replacing
          ? new ConflictError(
              `Branch '${branch}' moved while its content was being replaced; nothing was changed.`
            )
          : new SelfHealError(
              `Branch '${branch}' moved while the commit was being made; nothing was changed: try again.`
            )
      )
      if (options.replacing) this.replaced.set(branch, options.replacing)
      return { branch, commit, tree, files, createdBranch: !existing }
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  }

  async branchCommits(base: string, name: string): Promise<BranchCommits | undefined> {
    const branch = await assertBranchName(name, this.root)
    const head = await branchHead(branch, this.root)
    if (!head) return undefined
    const from = await resolveCommit(base, this.root)
    const { stdout } = await runGit(['log', `--format=${LOG_FORMAT}`, `${from}..${head}`], { cwd: this.root })
    return { head, commits: parseLog(stdout.toString('utf8')) }
  }

  async committerEmail(): Promise<string> {
    const ident = await runGit(['var', 'GIT_COMMITTER_IDENT'], { cwd: this.root, okCodes: [0, 128] })
    const email = /<([^>]*)>/.exec(ident.stdout.toString('utf8'))?.[1]
    return ident.code === 0 && email ? email : FALLBACK_IDENTITY.email
  }

  async listPullRequests(limit: number): Promise<PullRequestInfo[]> {
    return this.settings.pullRequests?.listPullRequests(limit) ?? []
  }

  /** Without a token there are no pull requests here, so none declines a fix. */
  async findPullRequests(
    head: string,
    options?: { state?: 'open' | 'closed' | 'all' }
  ): Promise<PullRequestInfo[]> {
    return this.settings.pullRequests?.findPullRequests(head, options) ?? []
  }

  async upsertComment(number: number, marker: string, body: string): Promise<IssueComment> {
    return this.service().upsertComment(number, marker, body)
  }

  async createReview(number: number, review: { body: string; comments: ReviewComment[] }): Promise<Review> {
    return this.service().createReview(number, review)
  }

  private service(): PullRequestService {
    if (this.settings.pullRequests) return this.settings.pullRequests
    throw new ConfigurationError(
      this.settings.pullRequestsUnavailable ??
        `Pull requests need a GitHub token and the repository: ${howToSet('token')}, and ${howToSet('repository')}.`
    )
  }

  async createPullRequest(options: PullRequestOptions): Promise<PullRequest> {
    const service = this.service()
    const head = await assertBranchName(options.head, this.root)
    if (!(await branchHead(head, this.root)))
      throw new RefNotFoundError(`refs/heads/${head}`, 'commit to it first.')
    const remote = this.settings.remote ?? DEFAULT_REMOTE
    if (remote.startsWith('-')) throw new InvalidInputError(`'${remote}' is not a valid remote name.`)
    await this.push(remote, head)
    return service.createPullRequest({ ...options, head })
  }

  /**
   * Pushes a branch before its pull request is asked for (its head must exist on GitHub), never forced: a branch
   * whose content was replaced is pushed with a lease on the commit it replaced (a remote that moved meanwhile
   * refuses it: ConflictError), or, when the remote lacks it, as a new branch.
   */
  private async push(remote: string, head: string): Promise<void> {
    const spec = `refs/heads/${head}:refs/heads/${head}`
    const lease = this.replaced.get(head)
    const run = (args: string[]) => runGit(['push', '--porcelain', ...args, remote, spec], { cwd: this.root })
    const detail = (error: unknown) =>
      error instanceof GitCommandError ? error.stderr.trim() : String(error)
    try {
      if (lease) {
        try {
          await run([`--force-with-lease=refs/heads/${head}:${lease}`])
        } catch {
          await run([])
        }
        this.replaced.delete(head)
      } else await run([])
      const at = await branchHead(head, this.root)
      this.settings.log?.(
        `Pushed ${head} (${at?.slice(0, 12)}) to ${remote}${lease ? `, replacing ${lease.slice(0, 12)}` : ''}.`
      )
    } catch (error) {
      if (lease) {
        throw new ConflictError(
          `'${remote}' has '${head}' somewhere other than ${lease.slice(0, 12)}, the commit self-heal replaced (someone pushed to it meanwhile): it was not pushed over. ${detail(error)}`
        )
      }
      throw new SelfHealError(`Could not push '${head}' to '${remote}': ${detail(error)}`)
    }
  }

  async mergeBranch(branchName: string, intoName: string): Promise<MergeResult> {
    const branch = await assertBranchName(branchName, this.root)
    const into = await assertBranchName(intoName, this.root)
    const source = await branchHead(branch, this.root)
    const target = await branchHead(into, this.root)
    if (!source) throw new RefNotFoundError(`refs/heads/${branch}`)
    if (!target) throw new RefNotFoundError(`refs/heads/${into}`)
    if (await this.isAncestor(source, target)) return { merged: false }

    const worktree = await this.checkedOutIn(into)
    if (worktree) return this.mergeInWorktree(worktree, branch, into)

    if (await this.isAncestor(target, source)) {
      await this.updateRef(into, source, target, () => movedError(into))
      return { merged: true, sha: source }
    }
    const result = await runGit(
      ['merge-tree', '--write-tree', '--name-only', '--no-messages', target, source],
      {
        cwd: this.root,
        okCodes: [0, 1]
      }
    )
    const [tree, ...conflicted] = result.stdout.toString('utf8').split('\n').filter(Boolean)
    if (result.code === 1) throw new MergeConflictError(branch, into, [...new Set(conflicted)])
    const commit = await gitText(['commit-tree', tree, '-p', target, '-p', source, '-F', '-'], {
      cwd: this.root,
      env: await this.identityEnv(),
      input: `Merge branch '${branch}' into ${into}\n`
    })
    await this.updateRef(into, commit, target, () => movedError(into))
    return { merged: true, sha: commit }
  }

  async getRecentCommits(n: number): Promise<CommitInfo[]> {
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidInputError(`The number of commits must be a positive integer (got ${n}).`)
    const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
      cwd: this.root,
      okCodes: [0, 1, 128]
    })
    if (head.code !== 0) return []
    const { stdout } = await runGit(['log', `-n${n}`, `--format=${LOG_FORMAT}`, 'HEAD'], { cwd: this.root })
    return parseLog(stdout.toString('utf8'))
  }

  /**
   * Checks every path the diff touches against the repository rules; returns the number of files, and the paths
   * (old names of renamed files too) when they are known.
   */
  private async checkDiffPaths(
    diff: string,
    input: string | Buffer
  ): Promise<{ files: number; touched?: string[] }> {
    // git strips one leading component, so `+++ /etc/x` would silently become `etc/x`: refuse absolute names first.
    for (const line of diff.split('\n')) {
      const header = /^(?:---|\+\+\+) ("?)(\/.*?)\1\s*$/.exec(line)
      if (header && header[2] !== '/dev/null')
        throw new PathOutsideRepositoryError(header[2], 'absolute path')
      const git = /^diff --git "?[ab]\/(\/[^ ]*)/.exec(line)
      if (git) throw new PathOutsideRepositoryError(git[1], 'absolute path')
    }
    const result = await runGit(['apply', '--numstat', '-z'], {
      cwd: this.root,
      input,
      okCodes: [0, 1, 128]
    })
    if (result.code !== 0) throw diffError(result.stderr, diff)
    // -z numstat: "added\tdeleted\tpath\0", or for a rename "added\tdeleted\t\0from\0to\0".
    const fields = result.stdout.toString('utf8').split('\0')
    let files = 0
    const touched: string[] = []
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]
      if (!field) continue
      const match = /^(?:-|\d+)\t(?:-|\d+)\t(.*)$/s.exec(field)
      if (!match) continue
      files++
      const paths = match[1] ? [match[1]] : [fields[++i], fields[++i]]
      for (const path of paths) normalizeRepoPath(path)
      touched.push(...paths)
    }
    if (files === 0)
      throw new InvalidInputError('The diff changes no file: pass a diff made by `git diff --binary`.')
    // git's numstat names a renamed or copied file by its new name only. Where the old names cannot be read, or
    // the files are too many to name on a command line, the commit is made from the parent's whole tree.
    try {
      for (const patch of parseGitDiff(input)) if (patch.oldPath) touched.push(patch.oldPath)
    } catch {
      return { files }
    }
    return touched.length > MAX_TOUCHED ? { files } : { files, touched }
  }

  /** The worktree directory where `branch` is checked out, if any. */
  private async checkedOutIn(branch: string): Promise<string | undefined> {
    const list = await gitText(['worktree', 'list', '--porcelain'], { cwd: this.root })
    let current: string | undefined
    for (const line of list.split('\n')) {
      if (line.startsWith('worktree ')) current = line.slice('worktree '.length)
      if (line === `branch refs/heads/${branch}`) return current
    }
    return undefined
  }

  private async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const { code } = await runGit(['merge-base', '--is-ancestor', ancestor, descendant], {
      cwd: this.root,
      okCodes: [0, 1]
    })
    return code === 0
  }

  /** A checked-out target is merged in its worktree, so the user's files follow; a conflict is aborted. */
  private async mergeInWorktree(worktree: string, branch: string, into: string): Promise<MergeResult> {
    const merge = await runGit(['merge', '--no-edit', '--no-stat', `refs/heads/${branch}`], {
      cwd: worktree,
      env: await this.identityEnv(),
      okCodes: [0, 1, 2, 128]
    })
    if (merge.code === 0)
      return { merged: true, sha: await gitText(['rev-parse', 'HEAD'], { cwd: worktree }) }
    const unmerged = await gitText(['diff', '--name-only', '--diff-filter=U'], { cwd: worktree })
    const inProgress = await runGit(['rev-parse', '--verify', '--quiet', 'MERGE_HEAD'], {
      cwd: worktree,
      okCodes: [0, 1, 128]
    })
    if (inProgress.code === 0) {
      await runGit(['merge', '--abort'], { cwd: worktree })
      throw new MergeConflictError(branch, into, unmerged ? unmerged.split('\n') : [])
    }
    // git refused before starting (e.g. local changes would be overwritten): nothing changed.
    throw new SelfHealError(`git could not merge '${branch}' into '${into}': ${merge.stderr.trim()}`)
  }

  private async updateRef(branch: string, sha: string, old: string, onRace: () => Error): Promise<void> {
    try {
      await runGit(['update-ref', '-m', 'self-heal', `refs/heads/${branch}`, sha, old], { cwd: this.root })
    } catch (error) {
      if (error instanceof GitCommandError) throw onRace()
      throw error
    }
  }

  /** Author/committer for commit-tree: the one asked for, the repository's own, or a fallback identity. */
  private async identityEnv(author?: { name: string; email: string }): Promise<Record<string, string>> {
    if (author) {
      return {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email
      }
    }
    const ident = await runGit(['var', 'GIT_COMMITTER_IDENT'], { cwd: this.root, okCodes: [0, 128] })
    if (ident.code === 0) return {}
    return {
      GIT_AUTHOR_NAME: FALLBACK_IDENTITY.name,
      GIT_AUTHOR_EMAIL: FALLBACK_IDENTITY.email,
      GIT_COMMITTER_NAME: FALLBACK_IDENTITY.name,
      GIT_COMMITTER_EMAIL: FALLBACK_IDENTITY.email
    }
  }
}

/** One commit of `git log`: sha, parents, author, author date, committer email, then the message. */
const LOG_FORMAT = '%H%x00%P%x00%an%x00%ae%x00%aI%x00%ce%x00%B%x1e'

function parseLog(text: string): CommitInfo[] {
  return text
    .split('\x1e')
    .map(record => record.replace(/^\n/, ''))
    .filter(record => record.length > 0)
    .map(record => {
      const [sha, parents, authorName, authorEmail, date, committerEmail, ...rest] = record.split('\0')
      return {
        sha,
        parents: parents ? parents.split(' ') : [],
        authorName,
        authorEmail,
        date,
        committerEmail,
        message: rest.join('\0').replace(/\n+$/, '')
      }
    })
}

function movedError(branch: string): Error {
  return new SelfHealError(`Branch '${branch}' moved during the merge; nothing was changed: try again.`)
}

/** Past this many paths, a diff is committed through an index of the parent's whole tree. */
const MAX_TOUCHED = 1000

/** Paths given to git as they are: no glob or pathspec magic in a file's name. */
const LITERAL_PATHS = { GIT_LITERAL_PATHSPECS: '1' }

/** Turns `git apply`'s stderr into a DiffDoesNotApplyError naming the file and, when known, the hunk. */
function diffError(stderr: string, diff: string): Error {
  const failed = /patch failed: (.+):(\d+)/.exec(stderr)
  if (failed) {
    const [, file, line] = failed
    return new DiffDoesNotApplyError(
      file,
      'its context does not match the file',
      findHunk(diff, file, Number(line))
    )
  }
  const invalidPath = /invalid path '(.+)'/.exec(stderr)
  if (invalidPath) return new PathOutsideRepositoryError(invalidPath[1], 'git refuses this path')
  const named =
    /error: (.+?): (does not exist in index|already exists in index|patch does not apply|wrong type|does not match index)/.exec(
      stderr
    )
  if (named) return new DiffDoesNotApplyError(named[1], named[2])
  const corrupt =
    /(corrupt patch at line \d+|No valid patches in input[^\n]*|patch fragment without header[^\n]*|git diff header lacks filename information[^\n]*)/.exec(
      stderr
    )
  if (corrupt)
    return new DiffDoesNotApplyError(
      '(the patch)',
      `${corrupt[1]}: pass a diff made by \`git diff --binary\`.`
    )
  return new DiffDoesNotApplyError('(the patch)', stderr.trim() || 'git apply refused it')
}

/** The `@@ … @@` header of the hunk of `file` whose old range starts at `line`. */
function findHunk(diff: string, file: string, line: number): string | undefined {
  let inFile = false
  for (const text of diff.split('\n')) {
    if (text.startsWith('diff --git ')) inFile = text.includes(`a/${file}`) || text.includes(`b/${file}`)
    const hunk = /^(@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@)/.exec(text)
    if (inFile && hunk && Number(hunk[2]) === line) return hunk[1]
  }
  return undefined
}
