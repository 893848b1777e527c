/**
 * The Execution contract through the emulator's real runs: each call dispatches self-heal-run.yml, the emulator
 * runs its check step (the action's `operation: check`, the bundled dist/index.js) in a checkout, and the
 * adapter reads the result back from the run's log.
 */
import { executionContract } from '../contracts/execution-contract.js'
import { ACTION_STEP, remoteAdapter, startActionsEnv } from './helpers.js'
import { assertDistFresh } from '../helpers/dist-fresh.js'

assertDistFresh()

executionContract(
  'workflow-dispatch (emulator runs)',
  async () => {
    const env = await startActionsEnv({ emulator: { clockSpeed: 10 } })
    env.actions.registerCommand('self-heal-run.yml', ACTION_STEP)
    const adapter = remoteAdapter(env)
    return {
      adapter,
      subdirectory: 'sub/dir-unique-7',
      timeoutSeconds: 3,
      runOptions: { ref: 'main' },
      isProcessAlive: async pid => {
        try {
          process.kill(pid, 0)
        } catch {
          return false
        }
        const { readFile } = await import('node:fs/promises')
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
        return !/^\d+ \(.*\) Z/.test(stat)
      },
      cleanup: async () => {
        await env.actions.idle()
        await env.close()
      }
    }
  },
  { testTimeoutMs: 90_000 }
)
