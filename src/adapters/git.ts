/**
 * The Git port: branches, diffs, commits and pull requests, whether through the git CLI or the GitHub API.
 * Branch and ref names are untrusted: implementations validate them before they reach git or a URL.
 */

/** The committer GitHub records for a commit it made for an API call with no committer given (and signs). */
export const GITHUB_WEB_FLOW_EMAIL = 'noreply@github.com'

/** One commit, as getRecentCommits returns it. */
export interface CommitInfo {
  /** Full commit SHA. */
  sha: string
  /** The whole commit message. */
  message: string
  /** Author name. */
  authorName: string
  /** Author email. */
  authorEmail: string
  /** Author date, ISO 8601. */
  date: string
  /** Parent SHAs (empty for a root commit). */
  parents: string[]
  /** Committer email, where the implementation reads it (branchCommits does). */
  committerEmail?: string
}

/** Options of applyDiff. */
export interface ApplyDiffOptions {
  /** The branch that receives the commit; created from `base` when it does not exist. */
  branch: string
  /** The ref the branch is created from when it does not exist (default: the current HEAD or default branch). */
  base?: string
  /** Author to record; unset means the implementation's default (for the GitHub API: none, so it is signed). */
  author?: { name: string; email: string }
  /**
   * Replaces the branch's content instead of adding to it: the commit is made on `base` (not on the branch), and
   * the branch moves to it only while it is at this commit (compare-and-swap, never a blind force). A branch
   * elsewhere is a ConflictError and nothing moves.
   */
  replacing?: string
}

/** What applyDiff made. */
export interface ApplyDiffResult {
  /** The branch that was updated. */
  branch: string
  /** The new commit's SHA. */
  commit: string
  /** The new commit's tree SHA. */
  tree: string
  /** Number of files the diff touched. */
  files: number
  /** Whether the branch was created by this call. */
  createdBranch: boolean
}

/** Options of createPullRequest. */
export interface PullRequestOptions {
  /** The branch with the changes. */
  head: string
  /** The branch to merge into (default: the repository's default branch). */
  base?: string
  /** Title. */
  title: string
  /** Body (Markdown). */
  body?: string
  /** Open as a draft. */
  draft?: boolean
  /** Labels to add. */
  labels?: string[]
  /** Users to request a review from. */
  reviewers?: string[]
  /** Teams (slugs) to request a review from. */
  teamReviewers?: string[]
  /** Users to assign. */
  assignees?: string[]
}

/** A pull request that createPullRequest opened or updated. */
export interface PullRequest {
  /** Its number. */
  number: number
  /** Its web address. */
  url: string
  /** Head branch. */
  head: string
  /** Base branch. */
  base: string
  /** `created` when it was opened now, `updated` when an open one for the same head was updated. */
  action: 'created' | 'updated'
}

/** A pull request as findPullRequests lists it. */
export interface PullRequestInfo {
  number: number
  url: string
  head: string
  base: string
  state: 'open' | 'closed'
  /** Whether it was merged (a closed pull request that was not was turned down). */
  merged: boolean
  /** When it was closed (ISO 8601), when it is. */
  closedAt?: string
  /** Its labels' names. */
  labels: string[]
  /** Its body, where the listing gives it. */
  body?: string
  /**
   * The commit its head branch was at: for a closed one, when it was closed (pushes after that do not change it).
   */
  headSha?: string
}

/** The commits a branch has that its base lacks, as branchCommits returns them. */
export interface BranchCommits {
  /** The commit the branch is at. */
  head: string
  /** Every commit after the merge base, newest first. */
  commits: CommitInfo[]
}

/** A comment on a pull request's conversation that upsertComment wrote. */
export interface IssueComment {
  id: number
  url: string
  /** `created` when it was posted now, `updated` when the one holding the marker was edited. */
  action: 'created' | 'updated'
}

/** One comment of a review, on lines of the pull request's head (the diff's right side). */
export interface ReviewComment {
  path: string
  /** The last line commented on. */
  line: number
  /** The first line, for a comment on several lines. */
  startLine?: number
  body: string
}

/** A review that createReview posted. */
export interface Review {
  id: number
  url: string
}

/** What mergeBranch did. */
export interface MergeResult {
  /** false when there was nothing to merge. */
  merged: boolean
  /** The merge commit (or the fast-forwarded head) when merged. */
  sha?: string
}

/** The Git port. */
export interface GitAdapter {
  /** A short name of the implementation, e.g. `git-cli` or `github-api`, for `self-heal env`. */
  readonly kind: string
  /** Creates `name` at `base` (default: current HEAD or default branch); BranchExistsError when it exists. */
  createBranch(name: string, base?: string): Promise<void>
  /**
   * Deletes a branch; RefNotFoundError when it does not exist. With `expected`, only while it is at that commit
   * (compare-and-swap): a branch elsewhere is a ConflictError and is left alone.
   */
  deleteBranch(name: string, expected?: string): Promise<void>
  /** The commits `branch` has after its merge base with `base`, or undefined when `branch` does not exist. */
  branchCommits(base: string, branch: string): Promise<BranchCommits | undefined>
  /** The committer email of the commits this adapter makes (how self-heal tells its own commits apart). */
  committerEmail(): Promise<string>
  /** A unified, binary-safe git diff from `base` to `head`. */
  getDiff(base: string, head: string): Promise<string>
  /**
   * Commits a git diff (text, or its bytes as read from a file) on a branch, all-or-nothing: on failure no ref
   * moves and no working tree changes.
   */
  applyDiff(diff: string | Uint8Array, message: string, options: ApplyDiffOptions): Promise<ApplyDiffResult>
  /** Opens a pull request, or updates the open one with the same head. */
  createPullRequest(options: PullRequestOptions): Promise<PullRequest>
  /**
   * The pull requests whose head is `head` (a branch of this repository), newest first; `state` `all` (default)
   * includes closed and merged ones. Empty where there are no pull requests (locally without a token).
   */
  findPullRequests(head: string, options?: { state?: 'open' | 'closed' | 'all' }): Promise<PullRequestInfo[]>
  /**
   * The repository's pull requests of any state, the most recently updated first, at most `limit`, with their
   * bodies. Empty where there are no pull requests.
   */
  listPullRequests(limit: number): Promise<PullRequestInfo[]>
  /**
   * Posts a comment on pull request `number`, or edits the one self-heal posted before that starts with `marker`:
   * one comment, updated in place.
   */
  upsertComment(number: number, marker: string, body: string): Promise<IssueComment>
  /** Posts a review (event COMMENT) on pull request `number` with comments on its head's lines. */
  createReview(number: number, review: { body: string; comments: ReviewComment[] }): Promise<Review>
  /** Merges `branch` into `into`; MergeConflictError (nothing changed) on conflict. */
  mergeBranch(branch: string, into: string): Promise<MergeResult>
  /** The newest `n` commits of HEAD (or the default branch), newest first. */
  getRecentCommits(n: number): Promise<CommitInfo[]>
}
