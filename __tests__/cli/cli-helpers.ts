/** Runs the bundled CLI (`dist/cli.js`) as a real process, the way a user runs it. */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { assertDistFresh } from '../helpers/dist-fresh.js'

/** The bundled CLI. */
export const CLI = resolve('dist/cli.js')

/** What one CLI run printed and returned. */
export interface CliRun {
  /** Exit code. */
  code: number
  /** Standard output. */
  stdout: string
  /** Standard error. */
  stderr: string
}

/** Environment without the CI and GitHub variables of the machine running the tests. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of Object.keys(env)) {
    if (
      /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_)/.test(key) ||
      ['CI', 'CLAUDE_CODE_WEB', 'SELF_HEAL_ENVIRONMENT', 'GH_TOKEN'].includes(key)
    ) {
      delete env[key]
    }
  }
  env.GIT_CONFIG_NOSYSTEM = '1'
  env.GIT_CONFIG_GLOBAL = '/dev/null'
  env.GIT_AUTHOR_NAME = 'Test Author'
  env.GIT_AUTHOR_EMAIL = 'author@example.com'
  env.GIT_COMMITTER_NAME = 'Test Committer'
  env.GIT_COMMITTER_EMAIL = 'committer@example.com'
  env.GIT_AUTHOR_DATE = '2026-01-01T00:00:00Z'
  env.GIT_COMMITTER_DATE = '2026-01-01T00:00:00Z'
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/** Runs `node dist/cli.js ...args` in `cwd` and collects its output. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }
): Promise<CliRun> {
  assertDistFresh()
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: options.env ?? cleanEnv()
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolvePromise({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
