/**
 * Delivering a verified fix through the Git port: as one commit on the fix branch (`self-heal/<fingerprint>`, see
 * fix-branch.ts) made from the base branch with its pull request (default), as one commit on a same-repository pull
 * request's own branch, as review suggestions on that pull request, or not at all (`none`: reported only). A branch
 * that already holds this very change is not committed to again; one that holds only self-heal's commits and another
 * change has its content replaced by a compare-and-swap; one someone else committed to is left alone
 * (not-proposed). A pull request a maintainer closed without merging declines its fingerprint for good, whatever its
 * branch is called (own-branch.ts finds it).
 */
import type { GitAdapter, IssueComment, PullRequestInfo } from '../adapters/git.js'
import type { CheckKind } from '../commands/check.js'
import { parseGitDiff } from '../diff/parse.js'
import { ConfigurationError, ConflictError, DiffDoesNotApplyError, errorMessage } from '../errors.js'
import type { Logger } from '../log.js'
import type { Fingerprint } from './fingerprint.js'
import { branchPrefix, fixBranch } from './fix-branch.js'
import {
  FINGERPRINT_TRAILER,
  branchOwnership,
  describeCommits,
  fingerprintPullRequests,
  withFingerprintMarker,
  type BranchOwnership
} from './own-branch.js'
import { buildSuggestions, type Suggestions } from './review-suggestions.js'
import { commitMessageText, pullRequestBody, pullRequestTitle, type FailureFacts } from './templates.js'
import { codeFence, plural } from './report.js'
import type {
  Deliver,
  HealFix,
  HealOutcome,
  HealOutput,
  HealProposal,
  ProposalShape,
  PullRequestContext
} from './types.js'

export { FINGERPRINT_TRAILER } from './own-branch.js'

export { BRANCH_PREFIX, branchPrefix, fixBranch, isOwnBranch } from './fix-branch.js'

/** The label that lifts a decline: on a closed pull request of self-heal's, it may propose that fix again. */
export const RETRY_LABEL = 'self-heal:retry'

/** The first line of the comment self-heal keeps on its pull request about the last time it replaced the fix. */
export const REPLACED_MARKER = '<!-- self-heal: fix replaced -->'

/** The first line of the one comment self-heal keeps on a contributor's pull request. */
export const COMMENT_MARKER = '<!-- self-heal -->'

/** Where a delivery stands, and why, in one sentence. */
export interface DeliverResult {
  outcome: Extract<HealOutcome, 'healed' | 'not-proposed' | 'declined'>
  reason: string
  proposal?: HealProposal
}

/** What a delivery needs. */
export interface DeliverContext {
  git: GitAdapter
  /** The change a branch makes since it forked from a commit, or undefined when it does not exist. */
  branchChange: (from: string, branch: string) => Promise<string | undefined>
  fix: HealFix
  fingerprint: Fingerprint
  kind: CheckKind
  /** The branch a pull request targets. */
  base: string
  /** The commit (or ref) a new fix branch is made from (default `base`). */
  from?: string
  /** Deletes a stale fix branch while it is at `expected` (default: the Git adapter's deleteBranch). */
  deleteBranch?: (branch: string, expected: string) => Promise<void>
  deliver: Deliver
  /** The same-repository pull request of this workflow (needed by every delivery but `pull-request`). */
  pullRequest?: PullRequestContext
  shape: ProposalShape
  /** Where the failure was seen (the run, the commit), for the pull request's texts. */
  facts?: FailureFacts
  log: Logger
  /**
   * Runs between the commit and the pull request (a fix made with no checkout is verified on its branch): a reason
   * it returns stops before the pull request.
   */
  verifyBranch?: (proposal: HealProposal) => Promise<string | undefined>
}

/** Where a proposal stands, and why, in one sentence. */
export interface ProposeResult {
  ok: boolean
  reason: string
  proposal?: HealProposal
}

/** The fix in a few words: where it came from and its size. */
export function describeFix(fix: HealFix): string {
  const from = fix.source === 'memory' ? 'remembered' : fix.fixers.join(', then ')
  return `${from}; ${plural(fix.stats.files, 'file')}, +${fix.stats.added} -${fix.stats.removed}`
}

/**
 * Why a fix for a fingerprint is declined, or undefined when it is not: the newest pull request self-heal opened
 * for it (from `branch`, or any branch whose body holds the fingerprint's marker) was closed without being merged
 * (and not labelled RETRY_LABEL since).
 */
export async function declinedBy(
  git: GitAdapter,
  branch: string,
  fingerprintId: string,
  shape: ProposalShape = {}
): Promise<{ reason: string; pullRequest: string } | undefined> {
  const latest = (await fingerprintPullRequests(git, fingerprintId, branch, branchPrefix(shape)))[0]
  return latest && isDeclined(latest)
    ? { reason: declineReason(latest, latest.head), pullRequest: latest.url }
    : undefined
}

function declineReason(latest: PullRequestInfo, branch: string): string {
  return (
    `Declined: self-heal's pull request #${latest.number} (${latest.url}) for this failure was closed without ` +
    `being merged${latest.closedAt ? ` on ${latest.closedAt.slice(0, 10)}` : ''}, so its fix is not proposed ` +
    `again. To have it proposed again, reopen #${latest.number} (restoring ${branch} if it was deleted), or add ` +
    `the label '${RETRY_LABEL}' to it.`
  )
}

function isDeclined(pr: PullRequestInfo): boolean {
  return pr.state === 'closed' && !pr.merged && !pr.labels.includes(RETRY_LABEL)
}

/**
 * Commits the fix on `self-heal/<fingerprint>` from `base` and opens its pull request, as the pull-request delivery
 * does; `verifyBranch`, when given, runs between the two.
 */
export async function propose(
  git: GitAdapter,
  branchChange: (base: string, branch: string) => Promise<string | undefined>,
  fix: HealFix,
  fingerprint: Fingerprint,
  base: string,
  kind: CheckKind,
  log: Logger,
  verifyBranch?: (proposal: HealProposal) => Promise<string | undefined>,
  shape: ProposalShape = {}
): Promise<ProposeResult> {
  const result = await proposePullRequest({
    git,
    branchChange,
    fix,
    fingerprint,
    kind,
    base,
    deliver: 'pull-request',
    shape,
    log,
    verifyBranch
  })
  return { ok: result.outcome === 'healed', reason: result.reason, proposal: result.proposal }
}

/** Delivers a verified fix as `context.deliver` says (`none`: nowhere; it is reported, and shown in the comment). */
export async function deliverFix(context: DeliverContext): Promise<DeliverResult> {
  const pr = context.pullRequest
  if (context.deliver === 'none') {
    return {
      outcome: 'healed',
      reason: `A verified fix (${describeFix(context.fix)}) is reported, not delivered (deliver: none)${pr ? `: it is in the comment on pull request #${pr.number}` : ''}.`,
      proposal: { deliver: 'none', base: pr?.head ?? context.base, action: 'created' }
    }
  }
  if (context.deliver === 'pull-request' || !pr) return proposePullRequest(context)
  if (context.deliver === 'commit') return commitOnPullRequest(context, pr)
  return suggestOnPullRequest(context, pr)
}

/**
 * Commits the fix on the fix branch from `from` and opens its pull request into `base` (the open one is updated
 * when the branch already holds the fix). A branch that holds only self-heal's commits for this fingerprint and
 * another change has its content replaced (compare-and-swap); one someone else committed to is left alone.
 */
async function proposePullRequest(context: DeliverContext): Promise<DeliverResult> {
  const { git, fix, fingerprint, base, shape, log } = context
  const from = context.from ?? base
  const named = fixBranch(shape, fingerprint.id)
  const pulls = await fingerprintPullRequests(git, fingerprint.id, named, branchPrefix(shape))
  if (pulls[0] && isDeclined(pulls[0])) {
    return { outcome: 'declined', reason: declineReason(pulls[0], pulls[0].head) }
  }
  // The fingerprint's open pull request (reopened, or its branch renamed) is the one the fix goes to.
  const branch = pulls[0]?.state === 'open' ? pulls[0].head : named
  const proposal: HealProposal = { deliver: 'pull-request', branch, base, action: 'created' }
  const latest = pulls.find(pr => pr.head === branch)
  let existing = await context.branchChange(from, branch)
  let replacing: BranchOwnership | undefined
  if (existing !== undefined) {
    replacing = await branchOwnership(git, from, branch, fingerprint.id)
    const head = replacing?.head
    // A branch that changes nothing from the base any more was merged; one whose pull request was merged (a
    // squash merge keeps the branch's own commits) is as stale, unless someone pushed to it after the merge.
    const merged = Boolean(latest?.merged)
    if (head && (!existing.trim() || merged)) {
      if (merged && latest?.headSha && latest.headSha !== head) {
        return {
          outcome: 'not-proposed',
          reason: `A fix was verified, but the branch ${branch} moved (to ${head.slice(0, 12)}) after its pull request #${latest.number} was merged at ${latest.headSha.slice(0, 12)}: self-heal leaves a branch someone pushed to alone. Merge or delete ${branch}, and heal again.`
        }
      }
      log.info(
        `The branch ${branch} was merged${merged ? ` (pull request #${latest!.number})` : ''}: making it again from ${base}.`
      )
      await (context.deleteBranch ?? ((name, at) => git.deleteBranch(name, at)))(branch, head)
      existing = undefined
      replacing = undefined
    }
  }
  if (existing !== undefined && sameChange(existing, fix.diff)) {
    proposal.action = 'already-proposed'
    proposal.head = replacing?.head
  } else if (replacing && !replacing.own) {
    return {
      outcome: 'not-proposed',
      reason: `A fix was verified, but the branch ${branch} has commits self-heal did not make (${describeCommits(replacing.others)}): self-heal never moves a branch someone else committed to. Merge or delete ${branch}, and heal again.`
    }
  } else {
    const made = await commit(context, branch, from, base, replacing?.head)
    if ('outcome' in made) return made
    proposal.commit = made.commit
    if (replacing) {
      proposal.action = 'replaced'
      proposal.replaced = replacing.head
      log.info(
        `Replaced the fix on ${branch} (it was at ${replacing.head.slice(0, 12)}, self-heal's own commits).`
      )
    }
    if (context.from) proposal.from = context.from
  }
  const unverified = await context.verifyBranch?.(proposal)
  if (unverified) return { outcome: 'not-proposed', reason: unverified, proposal }
  try {
    const pr = await git.createPullRequest({
      head: proposal.branch!,
      base,
      title: pullRequestTitle(context),
      body: withFingerprintMarker(pullRequestBody(context), fingerprint.id),
      draft: shape.draft,
      labels: shape.labels,
      reviewers: shape.reviewers,
      teamReviewers: shape.teamReviewers,
      assignees: shape.assignees
    })
    proposal.pullRequest = { number: pr.number, url: pr.url, action: pr.action }
  } catch (error) {
    // The remote's branch moved since it was read (locally, the push of a replaced branch is leased).
    if (error instanceof ConflictError) {
      return { outcome: 'not-proposed', reason: `A fix was verified, but ${errorMessage(error)}`, proposal }
    }
    // Locally without a token the branch is the proposal; anything else about the pull request is reported.
    if (!(error instanceof ConfigurationError)) throw error
    proposal.pullRequestSkipped = errorMessage(error)
  }
  if (proposal.replaced && proposal.pullRequest?.action === 'updated') {
    await noteReplaced(context, proposal.pullRequest.number, proposal.replaced, proposal.commit!)
  }
  const where = proposal.pullRequest
    ? `pull request ${proposal.pullRequest.url}`
    : `branch ${proposal.branch}`
  const pushed =
    proposal.commit && context.from
      ? ` (commit ${proposal.commit.slice(0, 12)}, made from ${context.from.slice(0, 12)}, the remote's ${base})`
      : ''
  return {
    outcome: 'healed',
    reason:
      proposal.action === 'already-proposed'
        ? `The verified fix (${describeFix(fix)}) is already proposed: ${where}.`
        : proposal.action === 'replaced'
          ? `Healed: a new verified fix (${describeFix(fix)}) replaces the one on ${where}${pushed}.`
          : `Healed: a verified fix (${describeFix(fix)}) is proposed on ${where}${pushed}.`,
    proposal
  }
}

/** Says on the pull request what changed when its branch's fix was replaced (the result stands without it). */
async function noteReplaced(
  context: DeliverContext,
  number: number,
  was: string,
  now: string
): Promise<void> {
  const { fix, kind, fingerprint } = context
  const body = [
    REPLACED_MARKER,
    `**self-heal** replaced the fix on this branch: ${was.slice(0, 12)} → ${now.slice(0, 12)}.`,
    `The ${kind} check still failed with fingerprint \`${fingerprint.id}\`, and a new fix (${describeFix(fix)}) was verified by running it again. The earlier fix was self-heal's alone, so it was replaced, not added to.`
  ].join('\n\n')
  try {
    await context.git.upsertComment(number, REPLACED_MARKER, body)
  } catch (error) {
    context.log.warning(
      `Could not comment on pull request #${number} about the replaced fix: ${errorMessage(error)}`
    )
  }
}

/** One commit with the fix on a same-repository pull request's own branch. */
async function commitOnPullRequest(context: DeliverContext, pr: PullRequestContext): Promise<DeliverResult> {
  // A run again of the same workflow (same checkout) finds its own commit on the branch since the event.
  const since = pr.headSha ? await context.branchChange(pr.headSha, pr.head) : undefined
  if (since?.trim() && sameChange(since, context.fix.diff)) {
    return {
      outcome: 'healed',
      reason: `The verified fix (${describeFix(context.fix)}) is already committed on ${pr.head}, the branch of pull request #${pr.number}.`,
      proposal: { deliver: 'commit', branch: pr.head, base: pr.base, action: 'already-proposed' }
    }
  }
  const made = await commit(context, pr.head, pr.head, pr.head)
  if ('outcome' in made) return made
  return {
    outcome: 'healed',
    reason: `Healed: a verified fix (${describeFix(context.fix)}) is committed on ${pr.head}, the branch of pull request #${pr.number} (${made.commit.slice(0, 12)}).`,
    proposal: {
      deliver: 'commit',
      branch: pr.head,
      base: pr.base,
      commit: made.commit,
      action: 'created',
      ...(pr.url ? { pullRequest: { number: pr.number, url: pr.url, action: 'updated' as const } } : {})
    }
  }
}

/** One review on the pull request, a suggestion per hunk where the lines allow it, the rest as a diff. */
async function suggestOnPullRequest(context: DeliverContext, pr: PullRequestContext): Promise<DeliverResult> {
  const { git, fix, kind, log } = context
  let suggestions = buildSuggestions(fix.diff, await git.getDiff(pr.base, pr.head))
  const post = () =>
    git.createReview(pr.number, { body: reviewBody(suggestions, kind), comments: suggestions.comments })
  let review
  try {
    review = await post()
  } catch (error) {
    if (!suggestions.comments.length || error instanceof ConfigurationError) throw error
    // GitHub refused a line (the pull request moved since its diff was read): the whole fix goes as a diff.
    log.warning(
      `GitHub refused the suggestions (${errorMessage(error)}): the review gives the fix as a diff.`
    )
    suggestions = { comments: [], asDiff: fix.diff, asDiffCount: parseGitDiff(fix.diff).length }
    review = await post()
  }
  return {
    outcome: 'healed',
    reason: `Healed: a verified fix (${describeFix(fix)}) is suggested in a review on pull request #${pr.number}: ${plural(suggestions.comments.length, 'suggestion')}${suggestions.asDiffCount ? `, ${plural(suggestions.asDiffCount, 'part')} as a diff` : ''} (${review.url}).`,
    proposal: {
      deliver: 'suggest',
      base: pr.head,
      action: 'created',
      review: {
        id: review.id,
        url: review.url,
        suggestions: suggestions.comments.length,
        asDiff: suggestions.asDiffCount
      }
    }
  }
}

/** The files a diff changes, for a sentence. */
function changedFiles(diff: string): string {
  return parseGitDiff(diff)
    .map(patch => `\`${String(patch.newPath ?? patch.oldPath)}\``)
    .join(', ')
}

function reviewBody(suggestions: Suggestions, kind: CheckKind): string {
  return [
    `The ${kind} check failed; self-heal made a fix and verified it by running the check again, which passed.`,
    suggestions.comments.length
      ? `Accepting the ${plural(suggestions.comments.length, 'suggestion')} applies it.`
      : '',
    suggestions.asDiff
      ? `${suggestions.comments.length ? 'The rest' : 'The fix'} (${changedFiles(suggestions.asDiff)}) cannot be a suggestion on lines this pull request shows; here it is as a diff:\n\n${codeFence(suggestions.asDiff, 'diff')}`
      : ''
  ]
    .filter(Boolean)
    .join('\n\n')
}

/**
 * Commits the fix on `branch` (made from `from` when it does not exist); a fix that does not apply to `onto` (the
 * branch it is made on, as people know it) is reported.
 */
async function commit(
  context: DeliverContext,
  branch: string,
  from: string,
  onto: string,
  replacing?: string
): Promise<{ commit: string } | DeliverResult> {
  const { fix } = context
  try {
    const applied = await context.git.applyDiff(fix.diff, commitMessage(context), {
      branch,
      base: from,
      ...(replacing ? { replacing } : {})
    })
    context.log.info(`Committed the fix to ${branch} (${applied.commit.slice(0, 12)}).`)
    return { commit: applied.commit }
  } catch (error) {
    if (!(error instanceof DiffDoesNotApplyError || error instanceof ConflictError)) throw error
    if (replacing && error instanceof ConflictError) {
      return {
        outcome: 'not-proposed',
        reason: `A fix was verified, but the branch ${branch} moved while its content was being replaced: ${errorMessage(error)} self-heal never forces a branch; heal again.`
      }
    }
    // Verified on this checkout, but the branch as the Git adapter sees it is not the same: a pull request's
    // workflow checks out the merge with its base branch, GitHub's copy moved, or (locally) the remote's base
    // lacks commits that were never pushed. No bad input: reported, not proposed.
    const remote = context.from !== undefined && from === context.from
    const target = remote ? `${onto} as the remote has it (${from.slice(0, 12)})` : onto
    // Locally the fix depends on commits of the local branch the remote lacks: that is the user's to settle.
    const unpushed = remote
      ? ((await context.git.branchCommits(from, onto).catch(() => undefined))?.commits ?? [])
      : []
    if (unpushed.length) {
      throw new ConfigurationError(
        `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${target}: it depends on ${plural(unpushed.length, 'commit')} of ${onto} that were never pushed (${describeCommits(unpushed)}). self-heal proposes fixes on what the remote has only: push them (git push) and heal again.`
      )
    }
    const advice = remote
      ? `push your commits to ${onto} (the fix is made on what the remote has, never on commits nobody pushed) and heal again.`
      : `bring ${onto} up to date (for a pull request, merge its base branch into it) and heal again, or heal a checkout of ${onto} itself.`
    return {
      outcome: 'not-proposed',
      reason:
        error instanceof DiffDoesNotApplyError
          ? `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${target}, which differs from the checkout in '${error.file}': ${advice}`
          : `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${target}: ${errorMessage(error)} Update the checkout and heal again.`
    }
  }
}

/**
 * Posts, or updates in place, the one comment self-heal keeps on a contributor's pull request: what failed, and
 * where the fix is.
 */
export async function updateContributorComment(
  git: GitAdapter,
  pr: PullRequestContext,
  output: HealOutput,
  head: string
): Promise<IssueComment> {
  const proposal = output.proposal
  const where = !proposal
    ? `No fix is proposed: ${output.reason}`
    : proposal.deliver === 'commit'
      ? `The fix is committed on this branch${proposal.commit ? `: ${proposal.commit}` : ''}.`
      : proposal.deliver === 'suggest'
        ? `The fix is suggested in a review: ${proposal.review?.url}.`
        : proposal.deliver === 'none'
          ? 'The fix is below (deliver: none): apply it with `git apply`.'
          : proposal.pullRequest
            ? `The fix is proposed in pull request #${proposal.pullRequest.number} (${proposal.pullRequest.url}), into this branch.`
            : `The fix is on the branch ${proposal.branch}.`
  const signatures = output.fingerprint?.signatures ?? []
  const showDiff = output.fix && (proposal?.deliver === 'none' || output.outcome === 'not-proposed')
  const body = [
    COMMENT_MARKER,
    `**self-heal**: the ${output.kind} check failed at ${head.slice(0, 12)} (${output.outcome}).`,
    where,
    output.fix ? `What fixed it: ${describeFix(output.fix)}.` : '',
    output.fingerprint ? `Fingerprint: \`${output.fingerprint.id}\` (${output.fingerprint.basis})` : '',
    signatures.length
      ? `<details><summary>What failed</summary>\n\n${signatures
          .slice(0, 20)
          .map(s => `- \`${s.replace(/`/g, "'")}\``)
          .join('\n')}\n\n</details>`
      : '',
    showDiff
      ? `<details open><summary>The fix</summary>\n\n${codeFence(output.fix!.diff.slice(0, 50_000), 'diff')}\n\n</details>`
      : ''
  ]
    .filter(Boolean)
    .join('\n\n')
  return git.upsertComment(pr.number, COMMENT_MARKER, body)
}

/** Whether two diffs make the same change (same files, same lines), whatever their headers and blob ids say. */
export function sameChange(a: string, b: string): boolean {
  return changeShape(a) === changeShape(b)
}

function changeShape(diff: string): string {
  return JSON.stringify(
    parseGitDiff(diff)
      .map(p => ({
        kind: p.kind,
        oldPath: p.oldPath,
        newPath: p.newPath,
        newMode: p.newMode,
        lines: p.hunks.flatMap(h =>
          h.lines.filter(l => l.kind !== ' ').map(l => l.kind + l.content.toString('base64'))
        ),
        binary: p.binary ? p.newId : undefined
      }))
      .sort((x, y) => String(x.newPath ?? x.oldPath).localeCompare(String(y.newPath ?? y.oldPath)))
  )
}

function commitMessage(context: DeliverContext): string {
  return `${commitMessageText(context)}\n\n${FINGERPRINT_TRAILER}: ${context.fingerprint.id}\n`
}
