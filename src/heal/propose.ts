/**
 * Proposing a verified fix: one commit on `self-heal/<fingerprint>` from the base branch and its pull request,
 * through the Git port. A branch that already holds this very change is not committed to again; one that holds
 * another change is left alone: self-heal never force-moves a branch.
 */
import type { ApplyDiffResult, GitAdapter } from '../adapters/git.js'
import type { CheckKind } from '../commands/check.js'
import { parseGitDiff } from '../diff/parse.js'
import { ConfigurationError, ConflictError, DiffDoesNotApplyError, errorMessage } from '../errors.js'
import type { Logger } from '../log.js'
import type { Fingerprint } from './fingerprint.js'
import type { HealFix, HealProposal } from './types.js'

/** The trailer that marks a commit as self-heal's: a checkout of such a commit is not healed again. */
export const FINGERPRINT_TRAILER = 'Self-Heal-Fingerprint'

/** The prefix of the branches heal proposes fixes on: `self-heal/<fingerprint>`. */
export const BRANCH_PREFIX = 'self-heal/'

/** Where a proposal stands, and why, in one sentence. */
export interface ProposeResult {
  ok: boolean
  reason: string
  proposal?: HealProposal
}

/** The fix in a few words: where it came from and its size. */
export function describeFix(fix: HealFix): string {
  const from = fix.source === 'memory' ? 'remembered' : fix.fixers.join(', then ')
  return `${from}; ${fix.stats.files} file(s), +${fix.stats.added} -${fix.stats.removed}`
}

/**
 * Commits the fix on `self-heal/<fingerprint>` from `base` and opens its pull request (an open one is kept open or
 * reopened when the branch already holds the fix). `verifyBranch`, when given, runs between the two (a fix made
 * with no checkout is verified on its branch): a reason it returns stops before the pull request.
 */
export async function propose(
  git: GitAdapter,
  branchChange: (base: string, branch: string) => Promise<string | undefined>,
  fix: HealFix,
  fingerprint: Fingerprint,
  base: string,
  kind: CheckKind,
  log: Logger,
  verifyBranch?: (proposal: HealProposal) => Promise<string | undefined>
): Promise<ProposeResult> {
  const branch = `${BRANCH_PREFIX}${fingerprint.id}`
  let existing = await branchChange(base, branch)
  const proposal: HealProposal = { branch, base, action: 'created' }
  if (existing !== undefined && !existing.trim()) {
    // The branch changes nothing from the base any more: its fix was merged, and the failure came back. Deleting
    // it loses no change, and the new fix goes on a branch made again from the base.
    log.info(
      `The branch ${branch} holds no change from ${base} any more (its fix was merged): making it again.`
    )
    await git.deleteBranch(branch)
    existing = undefined
  }
  if (existing !== undefined) {
    if (!sameChange(existing, fix.diff)) {
      return {
        ok: false,
        reason: `A fix was verified, but the branch ${branch} already holds another change: self-heal does not force-move branches. Merge or delete it, and heal again.`,
        proposal: { ...proposal, action: 'already-proposed' }
      }
    }
    proposal.action = 'already-proposed'
  } else {
    let applied: ApplyDiffResult
    try {
      applied = await git.applyDiff(fix.diff, commitMessage(fix, fingerprint, kind), { branch, base })
    } catch (error) {
      if (!(error instanceof DiffDoesNotApplyError || error instanceof ConflictError)) throw error
      // Verified on this checkout, but `base` as the Git adapter sees it is not the same: a pull request's workflow
      // checks out the merge with its base branch, or GitHub's copy moved. No bad input: reported, not proposed.
      return {
        ok: false,
        reason:
          error instanceof DiffDoesNotApplyError
            ? `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${base}, which ` +
              `differs from the checkout in '${error.file}': bring ${base} up to date (for a pull request, merge ` +
              `its base branch into it) and heal again, or heal a checkout of ${base} itself.`
            : `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${base}: ` +
              `${errorMessage(error)} Update the checkout and heal again.`
      }
    }
    proposal.commit = applied.commit
    log.info(`Committed the fix to ${branch} (${applied.commit.slice(0, 12)}).`)
  }
  const unverified = await verifyBranch?.(proposal)
  if (unverified) return { ok: false, reason: unverified, proposal }
  try {
    const pr = await git.createPullRequest({
      head: branch,
      base,
      title: `self-heal: fix the failing ${kind} check (${fingerprint.id})`,
      body: pullRequestBody(fix, fingerprint, kind)
    })
    proposal.pullRequest = { number: pr.number, url: pr.url, action: pr.action }
  } catch (error) {
    // Locally without a token the branch is the proposal; anything else about the pull request is reported.
    if (!(error instanceof ConfigurationError)) throw error
    proposal.pullRequestSkipped = errorMessage(error)
  }
  const where = proposal.pullRequest ? `pull request ${proposal.pullRequest.url}` : `branch ${branch}`
  return {
    ok: true,
    reason:
      proposal.action === 'already-proposed'
        ? `The verified fix (${describeFix(fix)}) is already proposed: ${where}.`
        : `Healed: a verified fix (${describeFix(fix)}) is proposed on ${where}.`,
    proposal
  }
}

/** Whether two diffs make the same change (same files, same lines), whatever their headers and blob ids say. */
export function sameChange(a: string, b: string): boolean {
  const shape = (diff: string): string =>
    JSON.stringify(
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
  return shape(a) === shape(b)
}

function commitMessage(fix: HealFix, fingerprint: Fingerprint, kind: CheckKind): string {
  const by = fix.source === 'memory' ? 'a fix verified before for this failure' : fix.fixers.join(', then ')
  return (
    `fix: make the failing ${kind} check pass\n\n` +
    `Made by ${by}, and verified by running the ${kind} check again.\n\n` +
    `${FINGERPRINT_TRAILER}: ${fingerprint.id}\n`
  )
}

function pullRequestBody(fix: HealFix, fingerprint: Fingerprint, kind: CheckKind): string {
  const signatures = fingerprint.signatures
    .slice(0, 20)
    .map(s => `- \`${s.replace(/`/g, "'")}\``)
    .join('\n')
  return [
    `The ${kind} check failed; self-heal found a fix and verified it by running the check again, which passed.`,
    '',
    `- Fix: ${fix.source === 'memory' ? 'remembered (verified before for the same failure)' : fix.fixers.map(f => `\`${f.replace(/`/g, "'")}\``).join(', then ')}`,
    `- Changes: ${fix.stats.files} file(s), +${fix.stats.added} -${fix.stats.removed}`,
    `- Fingerprint: \`${fingerprint.id}\` (${fingerprint.basis})`,
    '',
    '<details><summary>What failed</summary>',
    '',
    signatures,
    fingerprint.signatures.length > 20 ? `- … and ${fingerprint.signatures.length - 20} more` : '',
    '',
    '</details>'
  ].join('\n')
}
