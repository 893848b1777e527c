/** Runs TypeScript fixtures as real child processes (through `node --import tsx`), capturing their output. */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { cacheServiceEnv } from '../../../emulator/cache-service.js'

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../..')

/** What a child printed and how it ended. */
export interface ChildResult {
  code: number | null
  stdout: string
  stderr: string
  /** The JSON after the last `result ` line of stdout, when there is one. */
  result: unknown
}

/** The tsx loader, by URL, so a child whose working directory is elsewhere still finds it. */
export const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href

/** Runs `__tests__/cache/fixtures/<script>` with arguments and an environment, and waits for it to end. */
export function runFixture(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
  node = process.execPath
): Promise<ChildResult> {
  const child = spawn(
    node,
    ['--import', TSX_LOADER, join(ROOT, '__tests__/cache/fixtures', script), ...args],
    {
      cwd: env.GITHUB_WORKSPACE ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', d => (stdout += d))
  child.stderr.on('data', d => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise(resolvePromise =>
    child.on('close', code => {
      clearTimeout(timer)
      const line = stdout
        .split('\n')
        .reverse()
        .find(l => l.startsWith('result '))
      resolvePromise({
        code,
        stdout,
        stderr,
        result: line ? JSON.parse(line.slice('result '.length)) : undefined
      })
    })
  )
}

/**
 * The environment of a job on a runner talking to the emulated cache service (v2, on a github.com-like server:
 * `@actions/cache` treats an `http://127.0.0.1` GITHUB_SERVER_URL as GHES and would fall back to v1).
 */
export function jobEnv(options: {
  resultsUrl: string
  token: string
  runnerTemp: string
  workspace: string
  extra?: NodeJS.ProcessEnv
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_OPTIONS: '',
    GITHUB_ACTIONS: 'true',
    ...cacheServiceEnv(options.resultsUrl, options.token),
    RUNNER_TEMP: options.runnerTemp,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: 'octo/repo',
    ...options.extra
  }
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name]
  return env
}
