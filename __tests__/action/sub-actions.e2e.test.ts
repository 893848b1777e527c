/**
 * The sub-actions (check/, apply/, dispatch/) run as the runner runs them: `runs.main` of their action.yml (the
 * root bundle, as committed) with INPUT_* for every declared input, defaults included, and no `operation` given:
 * the operation reaches the bundle only through the sub-action's own default.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startActionsEnv } from '../dispatch/helpers.js'
import { git, makeTempRepo, type TempDir } from '../helpers/git.js'
import { runAction } from './run-action.js'

const eslint = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'node_modules',
  'eslint',
  'bin',
  'eslint.js'
)
const lint = `"${process.execPath}" "${eslint}" src`
const project = (source: string): Record<string, string> => ({
  'package.json': '{"type":"module"}\n',
  'eslint.config.js': "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }]\n",
  'src/index.js': source
})

describe('the sub-actions, as a runner runs them', () => {
  let failing: TempDir
  let passing: TempDir
  beforeAll(async () => {
    failing = await makeTempRepo(project('const unused = 1\nexport const two = 2\n'))
    passing = await makeTempRepo(project('export const two = 2\n'))
  })
  afterAll(async () => {
    await failing.cleanup()
    await passing.cleanup()
  })

  it('check: a failing lint fails the step with the problem annotated at its line and column', async () => {
    const run = await runAction(failing.path, { kind: 'lint', command: lint }, {}, { action: 'check' })
    expect(run.stdout).toContain('self-heal: check in ci')
    expect(run.code).toBe(1)
    expect(run.outputs.passed).toBe('false')
    expect(run.outputs['exit-code']).toBe('1')
    const annotation = run.stdout
      .split('\n')
      .find(line => line.startsWith('::error') && line.includes('unused'))
    expect(annotation).toContain('file=src/index.js,line=1,col=7')
    expect(JSON.parse(run.outputs.result)).toMatchObject({
      passed: false,
      problems: [expect.objectContaining({ file: 'src/index.js', line: 1, rule: 'no-unused-vars' })]
    })
    expect(run.summary).toContain('no-unused-vars')
  })

  it('check: a passing lint passes the step, with the kind defaulting to test as declared', async () => {
    const run = await runAction(passing.path, { kind: 'lint', command: lint }, {}, { action: 'check' })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ passed: 'true', 'exit-code': '0', environment: 'ci' })
    const byDefault = await runAction(passing.path, { command: 'true' }, {}, { action: 'check' })
    expect(JSON.parse(byDefault.outputs.result)).toMatchObject({ passed: true })
    expect(byDefault.stdout).toContain('Run test check')
  })

  it('apply: commits the diff to the branch (locally) and outputs the commit', async () => {
    const diff =
      'diff --git a/src/index.js b/src/index.js\n--- a/src/index.js\n+++ b/src/index.js\n' +
      '@@ -1,2 +1 @@\n-const unused = 1\n export const two = 2\n'
    const run = await runAction(
      failing.path,
      { environment: 'local', patch: diff, branch: 'fix/unused', message: 'Remove an unused constant' },
      {},
      { action: 'apply' }
    )
    expect(run.stdout).toContain('self-heal: apply in local')
    expect(run.code).toBe(0)
    expect(run.outputs.branch).toBe('fix/unused')
    expect(await git(failing.path, 'rev-parse', 'refs/heads/fix/unused')).toBe(run.outputs.commit)
    expect(await git(failing.path, 'show', 'fix/unused:src/index.js')).toBe('export const two = 2')
  })

  it('dispatch: starts the workflow run on the emulator, waits for it and outputs its conclusion', async () => {
    const env = await startActionsEnv({ plugin: { queueDelayMs: 200 } })
    try {
      const run = await runAction(
        passing.path,
        {
          workflow: 'plain.yml',
          ref: 'main',
          inputs: 'command=echo dispatched; exit 3',
          wait: 'true',
          timeout: '120',
          token: env.test.emulator.token,
          repository: `${env.test.owner}/${env.test.repo}`,
          'api-url': env.test.emulator.apiUrl
        },
        {},
        { action: 'dispatch' }
      )
      expect(run.stdout).toContain('self-heal: dispatch in ci')
      expect(run.code).toBe(1)
      expect(run.outputs.conclusion).toBe('failure')
      const recorded = env.actions.runs().find(r => String(r.id) === run.outputs['run-id'])
      expect(recorded?.inputs.command).toBe('echo dispatched; exit 3')
      expect(run.stdout).toContain(`Run ${run.outputs['run-id']} concluded failure`)
    } finally {
      await env.actions.idle()
      await env.close()
    }
  })
})
