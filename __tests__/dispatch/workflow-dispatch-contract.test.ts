/**
 * The Execution contract through the emulator's real runs: each call dispatches self-heal-run.yml, the emulator
 * runs its check step (the action's `operation: check`, the bundled dist/index.js) in a checkout, and the
 * adapter reads the result back from the run's log.
 */
import { join } from 'node:path'
import { GitHubActionsExecutionAdapter } from '../../src/adapters/execution/workflow-dispatch.js'
import { createGitHubClient } from '../../src/github/client.js'
import { executionContract } from '../contracts/execution-contract.js'
import { ROOT, startActionsEnv } from './helpers.js'

// The runner workflow's check step is the bundled action itself, started the way the runner starts it.
const STEP = `"${process.execPath}" "${join(ROOT, 'dist/index.js')}"`

executionContract(
  'workflow-dispatch (emulator runs)',
  async () => {
    const env = await startActionsEnv({ emulator: { clockSpeed: 10 } })
    env.actions.registerCommand('self-heal-run.yml', { command: STEP, stepName: 'Run the check' })
    const { owner, repo } = env.test
    const octokit = createGitHubClient({
      token: env.test.emulator.token,
      repository: `${owner}/${repo}`,
      apiUrl: env.test.emulator.apiUrl,
      minWriteIntervalMs: 10,
      log: { warning: () => undefined, debug: () => undefined }
    }).octokit
    const adapter = new GitHubActionsExecutionAdapter({
      octokit,
      owner,
      repo,
      clock: env.clock,
      startupAllowanceSeconds: 120
    })
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
