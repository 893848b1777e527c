/**
 * `heal` in the environment the factory was built for: the composition root that gives the loop (src/heal/loop.ts)
 * its ports. The CLI and the action both come through here.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { AdapterFactory } from '../adapters/factory.js'
import { LocalWorkspace } from '../adapters/local/workspace.js'
import { ConfigurationError, SelfHealError } from '../errors.js'
import { DEFAULT_REMOTE } from '../git/remote.js'
import type { GitHubActionsExecutionAdapter } from '../adapters/execution/workflow-dispatch.js'
import { dispatchCiWorkflow } from '../heal/ci-workflow.js'
import { RUNNER_WORKFLOW_PATH, runCloudHeal } from '../heal/cloud.js'
import { writeFixerContext } from '../heal/agent-context.js'
import { checkoutFiles, resolveFixers } from '../heal/fixers.js'
import { runHeal } from '../heal/loop.js'
import type { HealOutput, HealRequest } from '../heal/types.js'
import type { Logger } from '../log.js'

/**
 * Heals in the working tree at `cwd` with the factory's adapters: the one entry the CLI and the action share.
 * CLOUD has no working tree: the branch `options.ref` (default: the default branch) is healed through the API, its
 * check and fixers running on GitHub Actions (src/heal/cloud.ts); `options.runId` heals the failure of that completed
 * run (a CI run), fingerprinted from its jobs, annotations and log.
 */
export async function healWithFactory(
  factory: AdapterFactory,
  cwd: string,
  request: HealRequest,
  log: Logger,
  options: { ref?: string; runId?: number } = {}
): Promise<HealOutput> {
  const result = await healHere(factory, cwd, request, log, options)
  return request.ciWorkflow ? dispatchCiWorkflow(result, request.ciWorkflow, factory.settings, log) : result
}

async function healHere(
  factory: AdapterFactory,
  cwd: string,
  request: HealRequest,
  log: Logger,
  options: { ref?: string; runId?: number }
): Promise<HealOutput> {
  if (factory.environment === 'cloud') {
    const execution = (await factory.execution()) as GitHubActionsExecutionAdapter
    return runCloudHeal(
      {
        execution,
        storage: await factory.storage(),
        storageAt: at => factory.storageAt(at),
        cache: () => factory.cache(),
        git: () => factory.git(),
        repository: await repositoryIdentity(factory, async () => ''),
        defaultBranch: () => execution.runs.defaultBranch(),
        log
      },
      request,
      options.ref,
      options.runId
    )
  }
  if (options.runId !== undefined) {
    throw new ConfigurationError(
      `A failed run (${options.runId}) is healed from outside, with no checkout, in the cloud environment (--environment cloud, or an Actions job without a checkout): here, run the check and heal it.`
    )
  }
  if (options.ref) {
    throw new ConfigurationError(
      `A ref (${options.ref}) is healed with no checkout, in the cloud environment (--environment cloud): here, check the branch out and heal it.`
    )
  }
  const tree = await LocalWorkspace.open(cwd)
  if (tree.recovered) log.warning(tree.recovered)
  tree.lookAhead()
  // An interrupt ends the running check or fixer and lets the loop put the checkout back before the process exits
  // (the loop then throws InterruptedError, whose exit code is 128 + the signal's number).
  const interrupt = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupt.signal.aborted) return
    log.warning(`${signal}: ending what is running and putting the checkout back before exiting.`)
    interrupt.abort(signal)
  }
  for (const signal of INTERRUPTS) process.on(signal, onSignal)
  // The failure as context for fixers lives outside the checkout, or it would become part of the fix.
  const contexts = await mkdtemp(join(tmpdir(), 'self-heal-context-'))
  // Locally, pull requests (a token and a repository) mean the fix branch is pushed.
  const github = (await factory.describe()).missing.length === 0
  const pushes = factory.environment === 'local' && github
  try {
    // verify: remote checks the fix branch in a run of the runner workflow; without a token and the repository the
    // loop refuses it before any check runs.
    const remoteVerify =
      request.verify === 'remote' && github
        ? {
            execution: await factory.runnerExecution(),
            ...(pushes ? { publish: (branch: string) => tree.pushBranch(DEFAULT_REMOTE, branch) } : {})
          }
        : undefined
    // Before any check runs: a verification that could only fail at the end, after the fixers, is refused now.
    if (remoteVerify && !(await remoteVerify.execution.runs.workflowExists(basename(RUNNER_WORKFLOW_PATH)))) {
      throw new ConfigurationError(
        `verify: remote checks the fix on its branch through the runner workflow, which the repository does not have: add ${RUNNER_WORKFLOW_PATH} to the default branch (copy it from self-heal's repository), or verify in-place or clean.`
      )
    }
    return await runHeal(
      {
        signal: interrupt.signal,
        execution: await factory.execution(),
        cache: () => factory.cache(),
        git: () => factory.git(),
        workspace: tree,
        ...(remoteVerify ? { remoteVerify } : {}),
        repository: await repositoryIdentity(factory, () => tree.identity()),
        log,
        resolveFixers: failure =>
          resolveFixers(request.fixers, request.check, failure, checkoutFiles(tree.root), log),
        fixerContext: async input =>
          (await writeFixerContext(join(contexts, `attempt-${input.attempt}`), input)).env,
        // Locally the branch is a local ref (the Git adapter's getDiff compares two trees, not a fork point). When
        // pull requests are opened (a token and a repository), the branch is pushed to origin: one that CI (or a
        // teammate) already proposed there is fetched first (fast-forward only), so it is found rather than
        // pushed over and refused.
        ...(factory.environment === 'local'
          ? {
              branchChange: async (base: string, branch: string) => {
                if (pushes) {
                  const fetched = await tree.fetchBranch(DEFAULT_REMOTE, branch)
                  if (fetched) log.info(`Fetched ${branch} from ${DEFAULT_REMOTE}: ${fetched}`)
                }
                return tree.branchChange(base, branch)
              }
            }
          : {}),
        // What is pushed is made from the remote's base, never from local commits nobody pushed.
        ...(pushes
          ? {
              branchFrom: async (base: string) => {
                const commit = await tree.fetchRemoteBranch(DEFAULT_REMOTE, base)
                if (!commit) {
                  throw new ConfigurationError(
                    `${DEFAULT_REMOTE} has no branch ${base} to propose the fix to: push ${base} first, or give another base (--base).`
                  )
                }
                log.info(
                  `The fix branch is made from ${DEFAULT_REMOTE}/${base} (${commit.slice(0, 12)}), as the remote has it.`
                )
                return commit
              },
              // A stale branch goes on the remote too, or the branch made again could not be pushed over it.
              deleteBranch: async (branch: string, expected: string) => {
                if (!(await tree.deleteRemoteBranch(DEFAULT_REMOTE, branch, expected))) {
                  throw new SelfHealError(
                    `Could not delete the stale branch ${branch} on ${DEFAULT_REMOTE} (someone pushed to it since it was fetched?): delete it, and heal again.`
                  )
                }
                log.info(
                  `Deleted the stale branch ${branch} on ${DEFAULT_REMOTE} (it was at ${expected.slice(0, 12)}).`
                )
                await (await factory.git()).deleteBranch(branch, expected)
              }
            }
          : {})
      },
      // The check and the fixers run where the user is (a package of a monorepo); paths stay repository-relative.
      // On a developer's machine someone may work in the checkout while a fixer runs: fixers run in a copy.
      { ...request, cwd, fixersInCopy: request.fixersInCopy ?? factory.environment === 'local' }
    )
  } finally {
    await rm(contexts, { recursive: true, force: true })
    await tree.close()
    for (const signal of INTERRUPTS) process.off(signal, onSignal)
  }
}

const INTERRUPTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** The repository the fix memory is kept for: the GitHub repository when one is known, else the checkout's own. */
export async function repositoryIdentity(
  factory: AdapterFactory,
  checkout: () => Promise<string>
): Promise<string> {
  const { repository } = await factory.describe()
  if (!repository) return checkout()
  const host = (() => {
    try {
      return new URL(factory.settings.serverUrl ?? 'https://github.com').host
    } catch {
      return 'github.com'
    }
  })()
  return `github:${host}/${repository}`.toLowerCase()
}
