/**
 * Verifying a fix on its branch, where nothing the fixers did to a checkout can reach: the fix is committed to its
 * branch, the check runs in a workflow run dispatched on that branch (the runner workflow, `self-heal-run.yml`),
 * and only a pass lets the pull request be opened. CLOUD heal verifies every fix so; a heal with a checkout does
 * with `verify: remote`.
 */
import type { ExecutionAdapter } from '../adapters/execution.js'
import { checkPassed, runCheckResult } from '../commands/check.js'
import { ConfigurationError } from '../errors.js'
import type { Logger } from '../log.js'
import { howToSet } from '../surface.js'
import type { HealAttempt, HealProposal, HealRequest } from './types.js'

/** Where the check runs on a branch, and how a branch that fails it goes. */
export interface BranchVerifyDeps {
  /** Runs the check on a ref: the runner workflow, dispatched. */
  execution: ExecutionAdapter
  /** Deletes a branch self-heal just made while it is at `expected` (locally with pull requests, the remote's copy too). */
  deleteBranch: (branch: string, expected: string) => Promise<void>
  /** Makes the branch visible to the runner before it is checked (locally, a push); nothing when it already is. */
  publish?: (branch: string) => Promise<void>
  log: Logger
}

/** Runs the check on a proposal's branch; `verified` says how it went once `run` has run. */
export interface BranchVerification {
  /** What `propose`/`deliverFix` call between the commit and the pull request: a reason stops the proposal. */
  run: (proposal: HealProposal) => Promise<string | undefined>
  /** Undefined until the check ran on the branch. */
  verified?: boolean
}

/**
 * The verification of `attempt`'s fix on its branch. A branch this heal just made and that fails the check is
 * deleted, so no branch holds an unverified fix; one that already held the same change is left as it was.
 */
export function branchVerification(
  deps: BranchVerifyDeps,
  request: Pick<HealRequest, 'kind' | 'check' | 'checkOptions'>,
  attempt: HealAttempt
): BranchVerification {
  const verification: BranchVerification = {
    run: async proposal => {
      const branch = proposal.branch!
      const created = proposal.action === 'created'
      deps.log.info(`Verifying: running the ${request.kind} check on ${branch}.`)
      let verified: boolean
      try {
        if (created) await deps.publish?.(branch)
        verified = checkPassed(
          await runCheckResult(deps.execution, request.kind, request.check, {
            ...request.checkOptions,
            ref: branch
          })
        )
      } catch (error) {
        // A run that could not be made (no runner workflow, no permission) verified nothing either.
        if (created) await deps.deleteBranch(branch, proposal.commit!).catch(() => undefined)
        throw error
      }
      verification.verified = verified
      attempt.result = verified ? 'verified' : 'check-failed'
      attempt.remote = verified ? 'passed' : 'failed'
      if (verified) return undefined
      if (created) await deps.deleteBranch(branch, proposal.commit!)
      return `The ${request.kind} check fails on ${branch} with the fix committed${created ? ' (the branch was deleted)' : ''}.`
    }
  }
  return verification
}

/**
 * Refuses, before any check runs, a verify: remote that could not happen: no runner to dispatch (no token or
 * repository), nothing written (a dry run), or a delivery with no branch of the fix's own.
 */
export function assertRemoteVerify(
  request: Pick<HealRequest, 'dryRun' | 'deliver' | 'pullRequest'>,
  remote: unknown
): void {
  if (!remote) {
    throw new ConfigurationError(
      `verify: remote runs the check on the fix branch in a run of the runner workflow (self-heal-run.yml), which ` +
        `needs a GitHub token and the repository: ${howToSet('token')}, and ${howToSet('repository')} (or verify in-place or clean).`
    )
  }
  if (request.dryRun) {
    throw new ConfigurationError(
      'verify: remote commits the fix to its branch, and a dry run writes nothing: drop the dry run, or verify in-place or clean.'
    )
  }
  if (request.pullRequest && request.deliver && request.deliver !== 'pull-request') {
    throw new ConfigurationError(
      `verify: remote checks the fix on a branch of its own, which deliver '${request.deliver}' does not make: use deliver: pull-request, or verify in-place or clean.`
    )
  }
}
