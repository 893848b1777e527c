/**
 * `--pass-env` and `--fixer-timeout` end to end, from the TypeScript sources (`node --import tsx src/cli.ts`:
 * the bundle in dist/ is rebuilt only when the branch is merged).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { cleanEnv, type CliRun } from './cli-helpers.js'

const TOKEN = 'ghs_tokenselfhealactswith0123456789'
/** tsx's loader by path: the CLI runs in a temp repository, where `--import tsx` would not be found. */
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href

function runSourceCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, resolve('src/cli.ts'), ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolvePromise({ code: code ?? -1, stdout, stderr }))
  })
}

describe('CLI: what checks and fixers get', () => {
  let repo: TempDir
  let cache: TempDir
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    repo = await makeTempRepo({
      'print-env.cjs': 'console.log("ENV " + JSON.stringify(process.env))\n',
      'check.cjs': 'process.exit(require("node:fs").existsSync("fixed") ? 0 : 1)\n'
    })
    cache = await makeTempDir('self-heal-cache-')
    env = cleanEnv({
      XDG_CACHE_HOME: cache.path,
      SELF_HEAL_CACHE_PATH: undefined,
      GITHUB_TOKEN: TOKEN,
      GH_TOKEN: 'gho_a_token_of_the_checks_own',
      INPUT_SOMETHING: 'an action input'
    })
  })

  afterAll(async () => {
    await repo.cleanup()
    await cache.cleanup()
  })

  it('withholds credentials, keeps what --pass-env names, and never passes the token self-heal uses', async () => {
    const run = await runSourceCli(
      ['check', '--command', 'node print-env.cjs', '--pass-env', 'GH_TOKEN', '--pass-env', 'GITHUB_TOKEN'],
      repo.path,
      env
    )
    expect(run.code).toBe(0)
    const printed = JSON.parse(/^ENV (.*)$/m.exec(run.stderr)?.[1] ?? '{}') as Record<string, string>
    expect(printed.GH_TOKEN).toBe('gho_a_token_of_the_checks_own')
    expect(printed.GITHUB_TOKEN).toBeUndefined()
    expect(printed.INPUT_SOMETHING).toBeUndefined()
    expect(run.stderr).not.toContain(TOKEN)
    expect(run.stderr).toMatch(/warning: pass-env names GITHUB_TOKEN/)
  })

  it('refuses a --pass-env that is not a variable name', async () => {
    const run = await runSourceCli(['check', '--command', 'true', '--pass-env', 'A=B'], repo.path, env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("--pass-env: 'A=B' is not a variable name")
  })

  it('stops a fixer after --fixer-timeout seconds', async () => {
    const started = Date.now()
    const run = await runSourceCli(
      [
        'heal',
        '--kind',
        'command',
        '--check',
        'node check.cjs',
        '--fix',
        'sleep 300',
        '--fixer-timeout',
        '1',
        '--json'
      ],
      repo.path,
      env
    )
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout) as {
      outcome: string
      attempts: Array<{ fixer?: string; exitCode?: number }>
    }
    expect(result.outcome).toBe('not-healed')
    expect(result.attempts).toEqual([expect.objectContaining({ fixer: 'sleep 300', exitCode: 128 + 15 })])
  }, 30_000)
})
