import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { cleanEnv, runCli } from './cli-helpers.js'

describe('self-heal env', () => {
  let repo: TempDir
  let empty: TempDir
  beforeAll(async () => {
    repo = await makeTempRepo()
    empty = await makeTempDir()
  })
  afterAll(async () => {
    await repo.cleanup()
    await empty.cleanup()
  })

  const envJson = async (cwd: string, extra: Record<string, string> = {}, args: string[] = []) => {
    const run = await runCli(['env', '--json', ...args], { cwd, env: cleanEnv(extra) })
    expect(run.code).toBe(0)
    return JSON.parse(run.stdout)
  }

  it('reports local in a plain checkout, with the adapters and what is missing', async () => {
    const out = await envJson(repo.path)
    expect(out.environment).toBe('local')
    expect(out.adapters).toEqual({
      storage: 'local-files',
      git: 'git-cli',
      cache: 'sqlite',
      execution: 'local-process'
    })
    expect(out.missing.join(' ')).toContain('GITHUB_TOKEN')
  })

  it('reports ci with GITHUB_ACTIONS=true in a checkout', async () => {
    const out = await envJson(repo.path, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: repo.path })
    expect(out.environment).toBe('ci')
    expect(out.missing.join(' ')).toMatch(/token/)
  })

  it('reports cloud with GITHUB_ACTIONS=true in a directory with no checkout', async () => {
    const out = await envJson(empty.path, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: empty.path })
    expect(out.environment).toBe('cloud')
    expect(out.reason).toBe('actions-without-checkout')
  })

  it('reports the explicit choice when given, from the option or the variable', async () => {
    expect((await envJson(repo.path, {}, ['--environment', 'cloud'])).environment).toBe('cloud')
    expect((await envJson(repo.path, { SELF_HEAL_ENVIRONMENT: 'ci' })).environment).toBe('ci')
    expect(
      (await envJson(empty.path, { GITHUB_ACTIONS: 'true' }, ['--environment', 'local'])).environment
    ).toBe('local')
  })

  it('reports the repository and nothing missing when a token and repository are given', async () => {
    const out = await envJson(repo.path, { GITHUB_TOKEN: 'secret-token-value' }, [
      '--repository',
      'octo/repo'
    ])
    expect(out.repository).toBe('octo/repo')
    expect(out.missing).toEqual([])
    expect(JSON.stringify(out)).not.toContain('secret-token-value')
  })

  it('exits 2 naming the valid environments for an unknown one', async () => {
    const run = await runCli(['env', '--json'], {
      cwd: repo.path,
      env: cleanEnv({ SELF_HEAL_ENVIRONMENT: 'mars' })
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('local, ci, cloud')
    expect(JSON.parse(run.stdout).error.message).toContain('mars')
  })

  it('exits 2 on an unknown option, 0 on --help', async () => {
    expect((await runCli(['env', '--bogus'], { cwd: repo.path })).code).toBe(2)
    const help = await runCli(['apply', '--help'], { cwd: repo.path })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--patch')
  })
})
