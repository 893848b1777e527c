/**
 * The CLI's contract as the bundle (dist/cli.js) keeps it, where ncc renames classes and commander prints its
 * own errors: --json usage errors, error types, help, detection; and the action (dist/index.js) naming its
 * inputs where the CLI names options. The same is tested through the source in program.unit.test.ts,
 * surface.unit.test.ts and environment.int.test.ts; this tier fails until dist/ is rebuilt from the source.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runAction } from '../action/run-action.js'
import { makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { cleanEnv, runCli } from './cli-helpers.js'

describe('the bundled CLI', () => {
  let repo: TempDir
  beforeAll(async () => {
    repo = await makeTempRepo()
  })
  afterAll(async () => {
    await repo.cleanup()
  })

  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { cwd: repo.path, env: cleanEnv(env) })

  it('names an error by its stable type, not by the bundle’s name for its class', async () => {
    const run = await cli(['heal', '--check', 'x', '--kind', 'eslint', '--json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        type: 'InvalidInputError',
        message: "Unknown --kind 'eslint': use one of test, build, lint, command.",
        exitCode: 2
      }
    })
  })

  it('prints a usage error with --json as one JSON object', async () => {
    for (const args of [
      ['heal', '--json'],
      ['heal', '--check', 'x', '--bogus', '--json']
    ]) {
      const run = await cli(args)
      expect(run.code).toBe(2)
      expect(JSON.parse(run.stdout).error).toMatchObject({ type: 'UsageError', exitCode: 2 })
    }
  })

  it('has help with examples, outcomes and exit codes', async () => {
    const run = await cli(['heal', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: self-heal heal --check <cmd> [options]')
    expect(run.stdout).toContain('(required) the check to heal')
    expect(run.stdout).toContain('Examples:')
    expect(run.stdout).toMatch(/not-healed +.+exit 1/)
    expect(run.stdout).toContain('Exit codes:')
  })

  it('takes CI without GitHub Actions and without a token for local', async () => {
    const run = await cli(['env', '--json'], { CI: 'true' })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ environment: 'local', reason: 'ci-without-token' })
  })
})

describe('the bundled action', () => {
  it('names the input to set, not the CLI option', async () => {
    const workdir = await makeTempDir()
    try {
      const run = await runAction(workdir.path, {
        operation: 'dispatch',
        workflow: 'ci.yml',
        ref: 'main',
        token: ''
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('::error::No GitHub token: set the input `token`.')
      expect(run.stdout).not.toContain('--token')
    } finally {
      await workdir.cleanup()
    }
  })
})
