/**
 * `apply`: commit a diff to a branch through the GitAdapter and, when asked, open or update a pull request.
 */
import type { GitAdapter, PullRequest } from '../adapters/git.js'
import { InvalidInputError } from '../errors.js'

/** What to apply. */
export interface ApplyRequest {
  /** The diff, as `git diff --binary` makes it (bytes, or text). */
  diff: string | Uint8Array
  /** The branch to commit to (created from `base` when missing). */
  branch: string
  /** The commit message. */
  message: string
  /** The base of a new branch. */
  base?: string
  /** Open (or update) a pull request for the branch. */
  pullRequest?: { title?: string; body?: string; base?: string }
}

/** The result, as printed with `--json`. */
export interface ApplyOutput {
  /** The branch committed to. */
  branch: string
  /** The new commit. */
  commit: string
  /** Files the diff touched. */
  files: number
  /** The pull request, when one was asked for. */
  pullRequest?: Pick<PullRequest, 'number' | 'url' | 'action'>
}

/** Applies the diff and opens the pull request when asked. */
export async function runApply(git: GitAdapter, request: ApplyRequest): Promise<ApplyOutput> {
  if (!request.branch?.trim()) throw new InvalidInputError('No branch given: pass --branch NAME.')
  if (!request.message?.trim()) throw new InvalidInputError('No commit message given: pass --message MSG.')
  const applied = await git.applyDiff(request.diff, request.message, {
    branch: request.branch,
    base: request.base
  })
  const output: ApplyOutput = { branch: applied.branch, commit: applied.commit, files: applied.files }
  if (request.pullRequest) {
    const title = request.pullRequest.title?.trim() || request.message.split('\n')[0]
    const pr = await git.createPullRequest({
      head: applied.branch,
      base: request.pullRequest.base,
      title,
      body: request.pullRequest.body
    })
    output.pullRequest = { number: pr.number, url: pr.url, action: pr.action }
  }
  return output
}
