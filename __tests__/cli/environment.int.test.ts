/**
 * Environment detection as the CLI applies it, through the source (main() in-process) on real temp repositories:
 * CI outside GitHub Actions without a token, and CLAUDE_CODE_WEB in a checkout, both heal like a developer machine
 * (git CLI, a local branch) instead of failing late; `--cache-path` puts the fix memory where it says.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/program.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { cleanEnv } from './cli-helpers.js'

const CHECK = `const text = require('node:fs').readFileSync('src/app.js', 'utf8')
if (text.includes('BAD')) { console.log('src/app.js:1:11: error Unexpected BAD token (no-bad)'); process.exit(1) }
`
const FIX = `const fs = require('node:fs')
fs.writeFileSync('src/app.js', fs.readFileSync('src/app.js', 'utf8').replace(/BAD/g, 'GOOD'))
`

async function cli(argv: string[], env: Record<string, string | undefined>) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    env: cleanEnv(env),
    readStdin: async () => ''
  })
  return { code, stdout, stderr, json: argv.includes('--json') ? JSON.parse(stdout) : undefined }
}

describe('environment detection in the CLI', () => {
  const temps: TempDir[] = []
  let cache: TempDir
  beforeAll(async () => {
    cache = await makeTempDir('self-heal-cache-')
    temps.push(cache)
  })
  afterAll(async () => {
    for (const temp of temps) await temp.cleanup()
  })

  async function repo(): Promise<TempDir> {
    const made = await makeTempRepo({ 'src/app.js': 'const a = BAD\n', 'check.cjs': CHECK, 'fix.cjs': FIX })
    temps.push(made)
    return made
  }

  const heal = (cwd: string, cachePath: string, env: Record<string, string | undefined>) =>
    cli(
      [
        'heal',
        '--kind',
        'lint',
        '--check',
        'node check.cjs',
        '--fix',
        'node fix.cjs',
        '--cwd',
        cwd,
        '--cache-path',
        cachePath,
        '--json'
      ],
      env
    )

  it('CI without GitHub Actions and without a token heals locally, on a local branch', async () => {
    const r = await repo()
    const memory = join(cache.path, 'ci', 'memory.sqlite')
    const run = await heal(r.path, memory, { CI: 'true' })
    expect(run.code).toBe(0)
    expect(run.json).toMatchObject({ outcome: 'healed', remembered: true })
    const branch = run.json.proposal.branch as string
    expect(await git(r.path, 'show', `${branch}:src/app.js`)).toBe('const a = GOOD')
    // No pull request without a token, said in the terminal's words; the fix is on the branch all the same.
    expect(run.json.proposal.pullRequestSkipped).toContain('pass --token TOKEN or set GITHUB_TOKEN')
    expect(run.json.proposal.pullRequestSkipped).not.toContain('input')
    // The fix memory is where --cache-path said.
    expect(existsSync(memory)).toBe(true)
  })

  it('env says why: local for CI without a token, ci with one', async () => {
    const r = await repo()
    const local = await cli(['env', '--cwd', r.path, '--json'], { CI: 'true' })
    expect(local.json).toMatchObject({ environment: 'local', reason: 'ci-without-token' })
    const text = await cli(['env', '--cwd', r.path], { CI: 'true' })
    expect(text.stdout).toContain(
      'environment: local (ci-without-token: CI is set, but this is not GitHub Actions'
    )
    const ci = await cli(['env', '--cwd', r.path, '--json'], { CI: 'true', GITHUB_TOKEN: 'a-token' })
    expect(ci.json).toMatchObject({ environment: 'ci', reason: 'ci' })
    expect(ci.stdout).not.toContain('a-token')
  })

  it('CLAUDE_CODE_WEB inside a checkout heals that checkout', async () => {
    const r = await repo()
    const run = await heal(r.path, join(cache.path, 'web.sqlite'), { CLAUDE_CODE_WEB: '1' })
    expect(run.code).toBe(0)
    expect(run.json.outcome).toBe('healed')
    const env = await cli(['env', '--cwd', r.path, '--json'], { CLAUDE_CODE_WEB: '1' })
    expect(env.json).toMatchObject({ environment: 'local', reason: 'claude-code-web-with-checkout' })
    // Without a checkout it is still cloud, and heal is refused before anything runs.
    const empty = await makeTempDir()
    temps.push(empty)
    const cloud = await cli(['env', '--cwd', empty.path, '--json'], { CLAUDE_CODE_WEB: '1' })
    expect(cloud.json).toMatchObject({ environment: 'cloud', reason: 'claude-code-web' })
  })

  it('--cache-path is relative to --cwd, and env shows the file', async () => {
    const r = await repo()
    const run = await cli(['env', '--cwd', r.path, '--cache-path', 'memory/fixes.sqlite', '--json'], {})
    expect(run.json.cachePath).toBe(join(r.path, 'memory', 'fixes.sqlite'))
    const text = await cli(['env', '--cwd', r.path, '--cache-path', 'memory/fixes.sqlite'], {})
    expect(text.stdout).toContain(`cache      sqlite (${join(r.path, 'memory', 'fixes.sqlite')})`)
    // The default is in the user's cache directory.
    const fallback = await cli(['env', '--cwd', r.path, '--json'], { XDG_CACHE_HOME: cache.path })
    expect(fallback.json.cachePath).toBe(join(cache.path, 'self-heal', 'cache.sqlite'))
  })
})
