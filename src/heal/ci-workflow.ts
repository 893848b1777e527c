/**
 * `ci-workflow`: once a fix is committed on its branch, the named workflow is dispatched there. A push made with
 * GITHUB_TOKEN starts no workflow (GitHub's rule against loops), so the fix's pull request would show no checks; a
 * workflow_dispatch always creates a run. (A GitHub App's token pushes like a user, and is the other way.)
 */
import type { dispatch } from '../commands/dispatch.js'
import { errorMessage } from '../errors.js'
import type { Logger } from '../log.js'
import type { Settings } from '../settings.js'
import type { HealOutput } from './types.js'

/** Dispatches `workflow` on the fix branch of a healed result that committed its fix now, and records the run. */
export async function dispatchCiWorkflow(
  result: HealOutput,
  workflow: string,
  settings: Pick<Settings, 'repository' | 'token' | 'apiUrl'>,
  log: Logger,
  run?: typeof dispatch
): Promise<HealOutput> {
  const proposal = result.proposal
  if (result.outcome !== 'healed' || !proposal || result.dryRun) return result
  const skip = (why: string): HealOutput => {
    log.info(`${workflow} is not dispatched: ${why}.`)
    proposal.ci = { workflow, skipped: why }
    return result
  }
  if (!proposal.branch || (proposal.deliver !== 'pull-request' && proposal.deliver !== 'commit')) {
    return skip(`the fix is on no branch (deliver: ${proposal.deliver})`)
  }
  if (!proposal.commit) return skip(`nothing was committed on ${proposal.branch} in this run`)
  if (!settings.repository || !settings.token) {
    return skip('dispatching needs a token and the repository')
  }
  try {
    // Imported here: a heal that dispatches nothing never loads the GitHub client (most of the CLI's bundle).
    run ??= (await import('../commands/dispatch.js')).dispatch
    const dispatched = await run({
      workflow,
      ref: proposal.branch,
      repository: settings.repository,
      token: settings.token,
      apiUrl: settings.apiUrl,
      log: message => log.info(message)
    })
    proposal.ci = { workflow, runId: dispatched.runId, url: dispatched.runUrl }
    log.info(`Dispatched ${workflow} on ${proposal.branch}: ${dispatched.runUrl}`)
  } catch (error) {
    // The fix stands without its CI run; the summary says why there is none.
    const why = errorMessage(error)
    log.warning(`Could not dispatch ${workflow} on ${proposal.branch}: ${why}`)
    proposal.ci = { workflow, skipped: why }
  }
  return result
}
