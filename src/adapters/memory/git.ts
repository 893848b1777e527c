/**
 * The Git port in memory, for fast tests of the healing loop's proposal: branches are file maps that remember
 * the state they forked from (so getDiff is `base...head`, as the GitHub compare API answers it), and pull
 * requests are records.
 */
import type {
  ApplyDiffOptions,
  BranchCommits,
  ApplyDiffResult,
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
import { BranchExistsError, ConflictError, DiffDoesNotApplyError, RefNotFoundError } from '../../errors.js'
import { applyToFiles, copyFiles, diffFiles, filesId, textFiles, type FileMap } from './files.js'

interface MemoryBranch {
  files: FileMap
  /** The files of the branch it was made from, when it was made. */
  forkedFrom: FileMap
  commits: CommitInfo[]
}

/** A pull request as the memory keeps it. */
export interface MemoryPullRequest extends PullRequest {
  title: string
  body?: string
  state: 'open' | 'closed'
  merged: boolean
  labels: string[]
  draft: boolean
  reviewers: string[]
  teamReviewers: string[]
  assignees: string[]
  /** The commit its head was at when it was closed. */
  closedHeadSha?: string
}

/** A comment on a pull request's conversation; `bot` marks the ones self-heal (this adapter) wrote. */
export interface MemoryComment {
  id: number
  number: number
  body: string
  bot: boolean
}

export class MemoryGit implements GitAdapter {
  readonly kind = 'memory'
  readonly branches = new Map<string, MemoryBranch>()
  readonly pullRequests: MemoryPullRequest[] = []
  readonly comments: MemoryComment[] = []
  readonly reviews: Array<{ id: number; number: number; body: string; comments: ReviewComment[] }> = []

  /** A repository whose `branch` (default `main`) holds `files`. */
  constructor(files: Record<string, string>, branch = 'main') {
    const tree = textFiles(files)
    this.branches.set(branch, { files: tree, forkedFrom: copyFiles(tree), commits: [] })
  }

  /** The text of a file on a branch, or undefined. */
  read(branch: string, path: string): string | undefined {
    return this.branches.get(branch)?.files.get(path)?.content.toString('utf8')
  }

  async createBranch(name: string, base = 'main'): Promise<void> {
    if (this.branches.has(name)) throw new BranchExistsError(name)
    const from = this.branch(base)
    this.branches.set(name, { files: copyFiles(from.files), forkedFrom: copyFiles(from.files), commits: [] })
  }

  async deleteBranch(name: string, expected?: string): Promise<void> {
    this.branch(name)
    if (expected !== undefined && this.head(name) !== expected) {
      throw new ConflictError(`Branch '${name}' is not at ${expected}; it was left alone.`)
    }
    this.branches.delete(name)
  }

  /** The commit a branch is at (its newest commit, or an id of its files for one with none). */
  head(name: string): string {
    const branch = this.branch(name)
    return branch.commits[0]?.sha ?? filesId(branch.files)
  }

  async branchCommits(base: string, name: string): Promise<BranchCommits | undefined> {
    if (!this.branches.has(name)) return undefined
    this.branch(base)
    return { head: this.head(name), commits: name === base ? [] : [...this.branch(name).commits] }
  }

  async committerEmail(): Promise<string> {
    return MEMORY_EMAIL
  }

  async getDiff(base: string, head: string): Promise<string> {
    this.branch(base)
    const branch = this.branch(head)
    return diffFiles(branch.forkedFrom, branch.files)
  }

  async applyDiff(diff: string, message: string, options: ApplyDiffOptions): Promise<ApplyDiffResult> {
    const replacing = options.replacing !== undefined
    if (
      replacing &&
      (!this.branches.has(options.branch) || this.head(options.branch) !== options.replacing)
    ) {
      throw new ConflictError(
        `Branch '${options.branch}' is not at ${options.replacing}; nothing was changed.`
      )
    }
    const existed = this.branches.has(options.branch)
    // A base may be a commit, as on GitHub: the branch whose head it is.
    const base =
      options.base && !this.branches.has(options.base)
        ? ([...this.branches.keys()].find(name => this.head(name) === options.base) ?? options.base)
        : (options.base ?? 'main')
    const from = existed && !replacing ? this.branch(options.branch) : this.branch(base)
    const files = await applyToFiles(from.files, diff)
    if (!files)
      throw new DiffDoesNotApplyError(
        options.branch,
        `the diff does not apply to ${options.base ?? options.branch}`
      )
    const branch: MemoryBranch =
      existed && !replacing ? from : { files: from.files, forkedFrom: copyFiles(from.files), commits: [] }
    branch.files = files
    const tree = filesId(files)
    const commit: CommitInfo = {
      sha: filesId(
        new Map([
          ...files,
          [`.commit-${branch.commits.length}`, { content: Buffer.from(message), mode: '100644' }]
        ])
      ),
      message,
      authorName: options.author?.name ?? 'memory',
      authorEmail: options.author?.email ?? MEMORY_EMAIL,
      committerEmail: options.author?.email ?? MEMORY_EMAIL,
      date: new Date(0).toISOString(),
      parents: []
    }
    branch.commits.unshift(commit)
    this.branches.set(options.branch, branch)
    return { branch: options.branch, commit: commit.sha, tree, files: files.size, createdBranch: !existed }
  }

  async createPullRequest(options: PullRequestOptions): Promise<PullRequest> {
    const base = options.base ?? 'main'
    const open = this.pullRequests.find(pr => pr.head === options.head && pr.state === 'open')
    if (open) {
      Object.assign(open, { title: options.title, body: options.body, base })
      this.shape(open, options)
      return { ...pick(open), action: 'updated' }
    }
    const number = this.pullRequests.length + 1
    const pr: MemoryPullRequest = {
      number,
      url: `memory://pulls/${number}`,
      head: options.head,
      base,
      action: 'created',
      title: options.title,
      body: options.body,
      state: 'open',
      merged: false,
      labels: [],
      draft: Boolean(options.draft),
      reviewers: [],
      teamReviewers: [],
      assignees: []
    }
    this.shape(pr, options)
    this.pullRequests.push(pr)
    return { ...pick(pr), action: 'created' }
  }

  private shape(pr: MemoryPullRequest, options: PullRequestOptions): void {
    for (const [list, add] of [
      [pr.labels, options.labels],
      [pr.reviewers, options.reviewers],
      [pr.teamReviewers, options.teamReviewers],
      [pr.assignees, options.assignees]
    ] as const) {
      for (const name of add ?? []) if (!list.includes(name)) list.push(name)
    }
  }

  /** Closes pull request `number`, merged or not (as a maintainer would). */
  close(number: number, merged = false): void {
    const pr = this.pullRequests[number - 1]
    const closedHeadSha = this.branches.has(pr.head) ? this.head(pr.head) : undefined
    Object.assign(pr, { state: 'closed', merged, closedHeadSha })
  }

  async findPullRequests(
    head: string,
    options: { state?: 'open' | 'closed' | 'all' } = {}
  ): Promise<PullRequestInfo[]> {
    const state = options.state ?? 'all'
    return this.pullRequests
      .filter(pr => pr.head === head && (state === 'all' || pr.state === state))
      .sort((a, b) => b.number - a.number)
      .map(pr => this.info(pr))
  }

  async listPullRequests(limit: number): Promise<PullRequestInfo[]> {
    return [...this.pullRequests]
      .sort((a, b) => b.number - a.number)
      .slice(0, limit)
      .map(pr => this.info(pr))
  }

  private info(pr: MemoryPullRequest): PullRequestInfo {
    const live = pr.state === 'open' && this.branches.has(pr.head) ? this.head(pr.head) : undefined
    const headSha = pr.state === 'open' ? live : pr.closedHeadSha
    return {
      ...pick(pr),
      state: pr.state,
      merged: pr.merged,
      labels: [...pr.labels],
      ...(pr.body !== undefined ? { body: pr.body } : {}),
      ...(headSha ? { headSha } : {})
    }
  }

  async upsertComment(number: number, marker: string, body: string): Promise<IssueComment> {
    const mine = this.comments.find(c => c.number === number && c.bot && c.body.startsWith(marker))
    if (mine) {
      mine.body = body
      return { id: mine.id, url: `memory://comments/${mine.id}`, action: 'updated' }
    }
    const id = this.comments.length + 1
    this.comments.push({ id, number, body, bot: true })
    return { id, url: `memory://comments/${id}`, action: 'created' }
  }

  async createReview(number: number, review: { body: string; comments: ReviewComment[] }): Promise<Review> {
    const id = this.reviews.length + 1
    this.reviews.push({ id, number, ...review })
    return { id, url: `memory://reviews/${id}` }
  }

  async mergeBranch(branch: string, into: string): Promise<MergeResult> {
    const from = this.branch(branch)
    const target = this.branch(into)
    const change = diffFiles(from.forkedFrom, from.files)
    if (!change) return { merged: false }
    const merged = await applyToFiles(target.files, change)
    if (!merged) throw new DiffDoesNotApplyError(into, `${branch} does not merge cleanly`)
    target.files = merged
    // What was merged is in the target now: the branch changes nothing from it any more.
    from.forkedFrom = copyFiles(merged)
    return { merged: true, sha: filesId(merged) }
  }

  async getRecentCommits(n: number): Promise<CommitInfo[]> {
    return this.branch('main').commits.slice(0, n)
  }

  private branch(name: string): MemoryBranch {
    const branch = this.branches.get(name)
    if (!branch) throw new RefNotFoundError(name)
    return branch
  }
}

const MEMORY_EMAIL = 'memory@example.invalid'

function pick(pr: MemoryPullRequest): Omit<PullRequest, 'action'> {
  return { number: pr.number, url: pr.url, head: pr.head, base: pr.base }
}
