/**
 * Zero-config heal: sample repositories broken the way real ones are (formatting, auto-fixable lint, an outdated
 * Jest snapshot), healed with no fixer given, so with the fixers derived from the check. The tools are the real
 * Prettier, ESLint and Jest of this repository's node_modules, linked into each sample (and ignored by git).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { symlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { AdapterFactory } from '../../src/adapters/factory.js'
import { healWithFactory } from '../../src/commands/heal.js'
import { buildHealRequest, type HealInputs } from '../../src/heal/request.js'
import type { HealOutput } from '../../src/heal/types.js'
import type { Logger } from '../../src/log.js'
import { readSettings } from '../../src/settings.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

jest.setTimeout(120_000)

const NODE_MODULES = resolve('node_modules')
const ESLINT_CONFIG = "module.exports = [{ files: ['src/**/*.js'], rules: { 'prefer-const': 'error' } }]\n"

describe('heal with the fixers derived from the check', () => {
  const cleanups: TempDir[] = []
  afterEach(async () => {
    for (const dir of cleanups.splice(0)) await dir.cleanup()
  })

  async function sample(files: Record<string, string>): Promise<string> {
    const repo = await makeTempRepo({ '.gitignore': 'node_modules\n', ...files })
    cleanups.push(repo)
    await symlink(NODE_MODULES, join(repo.path, 'node_modules'))
    return repo.path
  }

  async function heal(
    cwd: string,
    inputs: Omit<HealInputs, 'check'> & { check: string }
  ): Promise<{ result: HealOutput; lines: string[] }> {
    const cache = await makeTempDir('self-heal-zero-config-memory-')
    cleanups.push(cache)
    const lines: string[] = []
    const logger: Logger = {
      info: m => lines.push(m),
      warning: m => lines.push(`warning: ${m}`),
      debug: () => undefined
    }
    const settings = readSettings(
      { cwd, environment: 'local', cachePath: join(cache.path, 'fixes.sqlite') },
      {}
    )
    const factory = new AdapterFactory('local', settings, logger, { env: {} })
    try {
      const request = buildHealRequest(inputs, option => `--${option}`, {})
      return { result: await healWithFactory(factory, cwd, request, logger), lines }
    } finally {
      await factory.close()
    }
  }

  it('formatting: prettier --check is healed with prettier --write, named in the result', async () => {
    const cwd = await sample({ 'src/app.js': 'const a   =  {b:1}\n' })
    const { result, lines } = await heal(cwd, { check: 'npx prettier --check src', kind: 'lint' })
    expect(result.outcome).toBe('healed')
    expect(result.attempts).toEqual([
      expect.objectContaining({ fixer: 'npx prettier --write src', result: 'verified' })
    ])
    expect(result.fix!.fixers).toEqual(['npx prettier --write src'])
    expect(lines.some(line => line.startsWith('fix: auto runs `npx prettier --write src`'))).toBe(true)
    expect(await git(cwd, 'show', `${result.proposal!.branch}:src/app.js`)).toBe('const a = { b: 1 };')
  })

  it('lint: eslint is healed with eslint --fix (fix: auto given as a line)', async () => {
    const cwd = await sample({
      'eslint.config.js': ESLINT_CONFIG,
      'src/app.js': 'let total = 1\nconsole.log(total)\n'
    })
    const { result } = await heal(cwd, { check: 'npx eslint src', kind: 'lint', fix: ['auto'] })
    expect(result.outcome).toBe('healed')
    expect(result.fix!.fixers).toEqual(['npx eslint --fix src'])
    expect(await git(cwd, 'show', `${result.proposal!.branch}:src/app.js`)).toContain('const total = 1')
  })

  it('an outdated Jest snapshot is updated with jest -u for the failing test file only', async () => {
    const test = "test('greets', () => { expect({ greeting: 'hello' }).toMatchSnapshot() })\n"
    const cwd = await sample({
      'package.json': '{ "name": "sample", "private": true }\n',
      'greet.test.js': test,
      '__snapshots__/greet.test.js.snap':
        '// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n\nexports[`greets 1`] = `\n{\n  "greeting": "hi",\n}\n`;\n'
    })
    const { result } = await heal(cwd, { check: 'npx jest --ci', kind: 'test' })
    expect(result.outcome).toBe('healed')
    expect(result.fix!.fixers).toHaveLength(1)
    expect(result.fix!.fixers[0]).toMatch(/^npx jest --ci -u .*greet/)
    expect(result.fix!.diff).toContain('__snapshots__/greet.test.js.snap')
    expect(result.fix!.diff).toContain('+  "greeting": "hello",')
  })

  it('a check with no known fixer says so and how to give one', async () => {
    const cwd = await sample({ 'check.sh': 'exit 1\n' })
    const { result, lines } = await heal(cwd, { check: 'bash check.sh', kind: 'command' })
    expect(result.outcome).toBe('not-healed')
    expect(result.attempts).toEqual([])
    expect(lines.join('\n')).toMatch(/No fixer is known for `bash check.sh`.*--fix/)
  })

  it('a fixer that reformats protected configuration too has its fix proposed without that file', async () => {
    const cwd = await sample({
      'eslint.config.js': 'module.exports   = [ ]\n',
      'src/app.js': 'const a   =  1\n'
    })
    const { result } = await heal(cwd, {
      check: 'npx prettier --check src',
      kind: 'lint',
      fix: ['npx prettier --write .']
    })
    expect(result.outcome).toBe('healed')
    expect(result.attempts[0]).toMatchObject({
      result: 'verified',
      dropped: [expect.objectContaining({ file: 'eslint.config.js', rule: 'check-config' })]
    })
    expect(result.fix!.diff).not.toContain('eslint.config.js')
    const branch = result.proposal!.branch
    expect(await git(cwd, 'show', `${branch}:eslint.config.js`)).toBe('module.exports   = [ ]')
    expect(await git(cwd, 'show', `${branch}:src/app.js`)).toBe('const a = 1;')
    expect(await git(cwd, 'status', '--porcelain')).toBe('')
  })
})
