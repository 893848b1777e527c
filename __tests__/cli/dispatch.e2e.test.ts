/**
 * `self-heal dispatch` and `self-heal check --environment cloud` as real CLI processes against the emulator's
 * Actions runs (real commands in real checkouts, on real time).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ACTION_STEP, ROOT, startActionsEnv, type ActionsTestEnv } from '../dispatch/helpers.js'
import { cleanEnv, runCli } from './cli-helpers.js'

describe('self-heal dispatch and cloud execution through the CLI', () => {
  let env: ActionsTestEnv
  let common: string[]
  beforeAll(async () => {
    env = await startActionsEnv({ plugin: { queueDelayMs: 200 } })
    // The runner workflow's check step is the bundled action, as on a runner.
    env.actions.registerCommand('self-heal-run.yml', ACTION_STEP)
    common = [
      '--repository',
      `${env.test.owner}/${env.test.repo}`,
      '--token',
      env.test.emulator.token,
      '--api-url',
      env.test.emulator.apiUrl,
      '--json'
    ]
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
  })

  it('ten concurrent dispatch --wait calls each report their own run', async () => {
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runCli(
          [
            'dispatch',
            '--workflow',
            'plain.yml',
            '--ref',
            'main',
            '--input',
            `command=echo run-${i}; exit ${i % 2 ? 3 : 0}`,
            '--wait',
            '--timeout',
            '300',
            ...common
          ],
          { cwd: ROOT, env: cleanEnv() }
        )
      )
    )
    const outputs = runs.map(run => JSON.parse(run.stdout))
    expect(new Set(outputs.map(o => o.runId)).size).toBe(10)
    runs.forEach((run, i) => {
      expect(run.code).toBe(i % 2 ? 1 : 0)
      expect(outputs[i].conclusion).toBe(i % 2 ? 'failure' : 'success')
      const recorded = env.actions.runs().find(r => r.id === outputs[i].runId)!
      expect(recorded.inputs.command).toBe(`echo run-${i}; exit ${i % 2 ? 3 : 0}`)
      if (i % 2) expect(outputs[i].logTail).toContain(`run-${i}`)
    })
    expect(runs.map(r => r.stdout).join('')).not.toContain(env.test.emulator.token)
  })

  it('explains a workflow without a dispatch trigger with exit 2', async () => {
    const run = await runCli(['dispatch', '--workflow', 'push-only.yml', '--ref', 'main', ...common], {
      cwd: ROOT,
      env: cleanEnv()
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/workflow_dispatch/)
  })

  it('runs a cloud check in a dispatched run and names the failed tests', async () => {
    const junit =
      '<testsuites><testsuite name="s"><testcase classname="s" name="remote fails" file="t.js"><failure message="nope">nope</failure></testcase></testsuite></testsuites>'
    const command = `printf '%s' '${junit}' > report.xml; exit 1`
    const run = await runCli(
      ['check', '--environment', 'cloud', '--test', command, '--report', 'report.xml', ...common],
      { cwd: ROOT, env: cleanEnv() }
    )
    expect(run.code).toBe(1)
    const out = JSON.parse(run.stdout)
    expect(out.passed).toBe(false)
    expect(out.failedTests).toHaveLength(1)
    expect(out.failedTests[0].name).toMatch(/remote fails$/)
    expect(out.failedTests[0].file).toBe('t.js')
  })
})
