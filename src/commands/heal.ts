/**
 * `heal` in the environment the factory was built for: the composition root that gives the loop (src/heal/loop.ts)
 * its ports. The CLI and the action both come through here.
 */
import type { AdapterFactory } from '../adapters/factory.js'
import { LocalWorkspace } from '../adapters/local/workspace.js'
import { ConfigurationError, SelfHealError } from '../errors.js'
import { DEFAULT_REMOTE } from '../git/remote.js'
import { runHeal } from '../heal/loop.js'
import type { HealOutput, HealRequest } from '../heal/types.js'
import type { Logger } from '../log.js'

/**
 * Heals in the working tree at `cwd` with the factory's adapters: the one entry the CLI and the action share.
 * CLOUD has no working tree for fixers to change, so it is refused with what to do instead.
 */
export async function healWithFactory(
  factory: AdapterFactory,
  cwd: string,
  request: HealRequest,
  log: Logger
): Promise<HealOutput> {
  if (factory.environment === 'cloud') {
    throw new ConfigurationError(
      'heal runs fixers on a checkout, and the cloud environment has none: run it locally or in a workflow job after actions/checkout (environment local or ci).'
    )
  }
  const tree = await LocalWorkspace.open(cwd)
  // Locally, pull requests (a token and a repository) mean the fix branch is pushed.
  const pushes = factory.environment === 'local' && (await factory.describe()).missing.length === 0
  try {
    return await runHeal(
      {
        execution: await factory.execution(),
        cache: () => factory.cache(),
        git: () => factory.git(),
        workspace: tree,
        log,
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
              deleteBranch: async (branch: string) => {
                if (!(await tree.deleteRemoteBranch(DEFAULT_REMOTE, branch))) {
                  throw new SelfHealError(
                    `Could not delete the stale branch ${branch} on ${DEFAULT_REMOTE} (someone pushed to it since it was fetched?): delete it, and heal again.`
                  )
                }
                await (await factory.git()).deleteBranch(branch)
              }
            }
          : {})
      },
      // The check and the fixers run where the user is (a package of a monorepo); paths stay repository-relative.
      { ...request, cwd }
    )
  } finally {
    await tree.close()
  }
}
