/** What a heal did to a pull request, as the action's output `pull-request-operation` says it. */
import type { HealOutput } from './types.js'

/**
 * `created`: a new pull request; `updated`: a new commit on an open one (the fix branch's, or with deliver `commit`
 * the workflow's own); `unchanged`: an open pull request already holds exactly this fix; `declined`: a closed pull
 * request declined this failure's fix; `none`: no pull request was involved (nothing failed, nothing was proposed,
 * or the fix went to a review or nowhere).
 */
export type PullRequestOperation = 'created' | 'updated' | 'unchanged' | 'declined' | 'none'

export function pullRequestOperation(result: HealOutput): PullRequestOperation {
  if (result.outcome === 'declined') return 'declined'
  const proposal = result.proposal
  if (result.outcome !== 'healed' || !proposal) return 'none'
  if (proposal.deliver === 'commit') return proposal.action === 'created' ? 'updated' : 'unchanged'
  const pr = proposal.pullRequest
  if (proposal.deliver !== 'pull-request' || !pr) return 'none'
  if (pr.action === 'created') return 'created'
  return proposal.commit ? 'updated' : 'unchanged'
}
