/**
 * What of a repository is self-heal's own: the commits it made on a fix branch (so that a new fix may replace them,
 * by a compare-and-swap, and a branch someone else committed to is never moved), and the pull requests it opened
 * for a fingerprint, found by a hidden marker in their body whatever their head branch is called now.
 */
import {
  GITHUB_WEB_FLOW_EMAIL,
  type BranchCommits,
  type CommitInfo,
  type GitAdapter,
  type PullRequestInfo
} from '../adapters/git.js'

/** The trailer that marks a commit as self-heal's: a checkout of such a commit is not healed again. */
export const FINGERPRINT_TRAILER = 'Self-Heal-Fingerprint'

/** How many of the most recently updated pull requests are searched for a fingerprint's marker. */
export const MARKER_SEARCH_LIMIT = 300

/** The hidden line every pull request self-heal opens carries in its body: its fingerprint, whatever its branch. */
export function fingerprintMarker(fingerprintId: string): string {
  return `<!-- self-heal fingerprint: ${fingerprintId} -->`
}

/** A pull request body with the fingerprint's marker (added once, at the end). */
export function withFingerprintMarker(body: string, fingerprintId: string): string {
  const marker = fingerprintMarker(fingerprintId)
  return body.includes(marker) ? body : `${body.replace(/\s+$/, '')}\n\n${marker}\n`
}

/**
 * Whether a commit is one self-heal made for this fingerprint. Two marks, both needed: the message ends with the
 * trailer `Self-Heal-Fingerprint: <id>` (self-heal always writes it, and a person rarely does), and the committer is
 * one self-heal commits as: GitHub's web-flow (a commit through the API with no committer, which GitHub signs) or
 * the identity this Git adapter commits with. A person who amends or rebases such a commit becomes its committer, so
 * it is theirs; a merge commit (the base merged in) is never self-heal's.
 */
export function isOwnCommit(commit: CommitInfo, fingerprintId: string, committers: string[]): boolean {
  if (commit.parents.length > 1) return false
  const last =
    commit.message
      .trimEnd()
      .split(/\n\s*\n/)
      .pop() ?? ''
  const trailer = new RegExp(`^${FINGERPRINT_TRAILER}: ${fingerprintId}$`, 'm')
  const email = commit.committerEmail?.toLowerCase()
  return trailer.test(last) && email !== undefined && committers.includes(email)
}

/** Whose a fix branch is: self-heal's alone (every commit after the merge base), or whose commits are on it. */
export type BranchOwnership = { own: true; head: string } | { own: false; head: string; others: CommitInfo[] }

/** Whether every commit `branch` has after its merge base with `base` is self-heal's own for this fingerprint. */
export async function branchOwnership(
  git: GitAdapter,
  base: string,
  branch: string,
  fingerprintId: string
): Promise<BranchOwnership | undefined> {
  const found: BranchCommits | undefined = await git.branchCommits(base, branch)
  if (!found) return undefined
  const committers = [GITHUB_WEB_FLOW_EMAIL, (await git.committerEmail()).toLowerCase()]
  const others = found.commits.filter(commit => !isOwnCommit(commit, fingerprintId, committers))
  return others.length ? { own: false, head: found.head, others } : { own: true, head: found.head }
}

/** The commits in a few words: short sha, subject and author of each (the first five). */
export function describeCommits(commits: CommitInfo[]): string {
  const shown = commits
    .slice(0, 5)
    .map(c => `${c.sha.slice(0, 12)} ${c.message.split('\n')[0].slice(0, 72)} (${c.authorName})`)
  return shown.join('; ') + (commits.length > 5 ? `; and ${commits.length - 5} more` : '')
}

/**
 * The pull requests self-heal opened for a fingerprint, newest first: those from `branch` (the name it would use
 * now), and any among the most recently updated whose body holds the fingerprint's marker or whose head is
 * `<prefix>…<id>…` (a branch renamed, or named by another `branch` setting, or deleted since).
 */
export async function fingerprintPullRequests(
  git: GitAdapter,
  fingerprintId: string,
  branch: string,
  prefix: string
): Promise<PullRequestInfo[]> {
  const marker = fingerprintMarker(fingerprintId)
  const byNumber = new Map<number, PullRequestInfo>()
  for (const pr of await git.findPullRequests(branch, { state: 'all' })) byNumber.set(pr.number, pr)
  for (const pr of await git.listPullRequests(MARKER_SEARCH_LIMIT)) {
    const named = pr.head.startsWith(prefix) && pr.head.includes(fingerprintId)
    if (named || pr.body?.includes(marker)) byNumber.set(pr.number, byNumber.get(pr.number) ?? pr)
  }
  return [...byNumber.values()].sort((a, b) => b.number - a.number)
}
