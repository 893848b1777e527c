/** Test setup for remote execution: an emulator with the Actions runs plugin over a repository holding workflows. */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createActionsPlugin,
  type ActionsEmulator,
  type ActionsPluginOptions
} from '../../emulator/actions/index.js'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import type { EmulatorOptions } from '../../emulator/server.js'
import type { Clock } from '../../src/adapters/execution/clock.js'
import { GitHubActionsExecutionAdapter } from '../../src/adapters/execution/workflow-dispatch.js'
import { createGitHubClient } from '../../src/github/client.js'
import { git, makeTempDir } from '../helpers/git.js'

/** The project root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A workflow with a dispatch trigger and a command input, for plain runs. */
export const PLAIN_WORKFLOW = `name: plain
run-name: 'plain \${{ inputs.correlation-id }}'
on:
  workflow_dispatch:
    inputs:
      command:
        required: false
      correlation-id:
        required: false
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - run: \${{ inputs.command }}
`

/** A workflow without a dispatch trigger. */
export const PUSH_ONLY_WORKFLOW = `name: push only
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`

/** An emulator with Actions runs, the client for it, and a clock in step with it. */
export interface ActionsTestEnv {
  test: TestEmulator
  actions: ActionsEmulator
  clock: Clock
  close(): Promise<void>
}

/** Commits files onto `branch` of the emulator's repository (through a clone and a push). */
export async function commitFiles(
  test: TestEmulator,
  files: Record<string, string>,
  branch = 'main'
): Promise<string> {
  const work = await makeTempDir('self-heal-dispatch-clone-')
  try {
    const gitDir = test.emulator.repository.gitDir
    await git(work.path, 'clone', '-q', '--', gitDir, 'w')
    const dir = join(work.path, 'w')
    const { mkdir, writeFile } = await import('node:fs/promises')
    await git(dir, 'checkout', '-q', '-B', branch)
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), content)
    }
    await git(dir, 'add', '-A')
    await git(dir, 'commit', '-q', '-m', `add ${Object.keys(files).join(', ')}`)
    await git(dir, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`)
    return await git(dir, 'rev-parse', 'HEAD')
  } finally {
    await work.cleanup()
  }
}

/** Starts an emulator with the Actions plugin and the shipped runner workflow plus the test workflows. */
export async function startActionsEnv(
  options: { plugin?: ActionsPluginOptions; emulator?: EmulatorOptions; files?: Record<string, string> } = {}
): Promise<ActionsTestEnv> {
  const actions = createActionsPlugin({ queueDelayMs: 500, ...options.plugin })
  const test = await startTestEmulator({ ...options.emulator, plugins: [actions.plugin] })
  const runner = await readFile(join(ROOT, '.github/workflows/self-heal-run.yml'), 'utf8')
  await commitFiles(test, {
    '.github/workflows/self-heal-run.yml': runner,
    '.github/workflows/plain.yml': PLAIN_WORKFLOW,
    '.github/workflows/push-only.yml': PUSH_ONLY_WORKFLOW,
    'sub/dir-unique-7/README.md': 'a directory for the cwd test\n',
    ...options.files
  })
  const speed = test.emulator.services.clockSpeed
  const clock: Clock = {
    now: () => test.emulator.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms / speed)))
  }
  return {
    test,
    actions,
    clock,
    async close() {
      await test.close()
    }
  }
}

/**
 * The runner workflow's check step: the bundled action, started the way the runner starts it, with the step's own
 * `with: operation: check` (the emulator gives the action only the dispatch's inputs, and the default is heal).
 */
export const ACTION_STEP = {
  command: `"${process.execPath}" "${join(ROOT, 'dist/index.js')}"`,
  stepName: 'Run the check',
  env: { INPUT_OPERATION: 'check' }
}

/** The remote ExecutionAdapter against the test emulator, with fast write spacing and the emulator's clock. */
export function remoteAdapter(
  env: ActionsTestEnv,
  extra: Partial<ConstructorParameters<typeof GitHubActionsExecutionAdapter>[0]> = {}
): GitHubActionsExecutionAdapter {
  const { owner, repo } = env.test
  const octokit = createGitHubClient({
    token: env.test.emulator.token,
    repository: `${owner}/${repo}`,
    apiUrl: env.test.emulator.apiUrl,
    minWriteIntervalMs: 10,
    log: { warning: () => undefined, debug: () => undefined }
  }).octokit
  return new GitHubActionsExecutionAdapter({
    octokit,
    owner,
    repo,
    clock: env.clock,
    startupAllowanceSeconds: 120,
    ...extra
  })
}
