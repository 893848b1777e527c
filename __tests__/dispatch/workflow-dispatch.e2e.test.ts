/**
 * The remote adapter beyond the contract: a workflow that leaves no record (results from annotations and the
 * log), GitHub Enterprise Server without run ids, a run that never starts, and what waiting costs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ACTION_STEP, remoteAdapter, startActionsEnv, type ActionsTestEnv } from './helpers.js'
import { assertDistFresh } from '../helpers/dist-fresh.js'

assertDistFresh()

describe('remote adapter: a runner workflow that leaves no record', () => {
  let env: ActionsTestEnv
  beforeAll(async () => {
    // No registered step: the emulator runs the `command` input itself, as a plain `run:` step would.
    env = await startActionsEnv({ emulator: { clockSpeed: 10 } })
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
  })

  it('runs a passing command and brings back its output', async () => {
    const seen: Array<{ runId: number; runUrl: string; conclusion: string | null }> = []
    const result = await remoteAdapter(env, { onRun: info => seen.push(info) }).runCommand(
      'echo hello from the run'
    )
    expect(result).toMatchObject({ exitCode: 0, timedOut: false })
    expect(seen).toEqual([
      expect.objectContaining({
        conclusion: 'success',
        kind: 'command',
        timedOut: false,
        runUrl: expect.stringMatching(/\/actions\/runs\/\d+$/)
      })
    ])
    expect(result.stdout).toBe('hello from the run\n')
  })

  it('names failed tests from the JUnit annotations, and the exit code from the run', async () => {
    const junit =
      '<testsuite name="s"><testcase classname="math" name="divides" file="test/math.test.js" line="9">' +
      '<failure message="division by zero">stack</failure></testcase></testsuite>'
    const result = await remoteAdapter(env).runTests(
      `mkdir -p reports && printf '%s' '${junit}' > reports/junit.xml; exit 4`
    )
    expect(result.passed).toBe(false)
    expect(result.exitCode).toBe(4)
    expect(result.source).toBe('junit')
    expect(result.failedTests).toEqual([
      { name: 'math › divides', file: 'test/math.test.js', line: 9, message: 'division by zero' }
    ])
    expect(result.stderr).toContain('concluded failure')
  })

  it('names failed tests from TAP in the log when there are no annotations', async () => {
    const result = await remoteAdapter(env).runTests(
      "printf 'TAP version 13\\nok 1 - a\\nnot ok 2 - b breaks\\n1..2\\n'; exit 1"
    )
    expect(result.passed).toBe(false)
    expect(result.source).toBe('tap')
    expect(result.failedTests.map(t => t.name)).toEqual([expect.stringContaining('b breaks')])
  })

  it('reads lint problems from ::error and ::warning annotations', async () => {
    const result = await remoteAdapter(env).runLint(
      "echo '::error file=src/x.js,line=3,col=5,title=no-undef::y is not defined'; " +
        "echo '::warning file=src/y.js,line=1,title=eqeqeq::use ==='; exit 1"
    )
    expect(result.passed).toBe(false)
    expect(result.problems).toEqual([
      {
        file: 'src/x.js',
        line: 3,
        column: 5,
        severity: 'error',
        rule: 'no-undef',
        message: 'y is not defined'
      },
      { file: 'src/y.js', line: 1, severity: 'warning', rule: 'eqeqeq', message: 'use ===' }
    ])
  })

  it('passes a lint run that exits 0 though its log names problems, as the local adapter does', async () => {
    const result = await remoteAdapter(env).runLint("echo 'src/a.py:1:2: W291 trailing whitespace'; exit 0")
    expect(result.passed).toBe(true)
    expect(result.exitCode).toBe(0)
    expect(result.problems).toEqual([
      {
        file: 'src/a.py',
        line: 1,
        column: 2,
        severity: 'error',
        rule: 'W291',
        message: 'trailing whitespace'
      }
    ])
  })

  it('fails clearly for an argv command the plain workflow cannot run', async () => {
    const result = await remoteAdapter(env).runCommand(['node', '-e', 'console.log(1)'])
    expect(result.exitCode).not.toBe(0)
    expect(result.stderr).toContain('concluded failure')
  })
})

describe('remote adapter: GitHub Enterprise Server without run ids', () => {
  let env: ActionsTestEnv
  beforeAll(async () => {
    env = await startActionsEnv({
      emulator: { clockSpeed: 10, ghes: true },
      plugin: { runCreationDelayMs: 2000 }
    })
    env.actions.registerCommand('self-heal-run.yml', ACTION_STEP)
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
  })

  it('finds each concurrent run by its correlation id and reads its record', async () => {
    const adapter = remoteAdapter(env)
    const results = await Promise.all([
      adapter.runCommand(['node', '-e', 'console.log("one")']),
      adapter.runCommand(['node', '-e', 'console.log("two"); process.exit(5)']),
      adapter.runLint(['node', '-e', 'console.log("src/a.py:1:2: E1 bad"); process.exit(1)'])
    ])
    expect(results[0]).toMatchObject({ exitCode: 0, stdout: 'one\n' })
    expect(results[1]).toMatchObject({ exitCode: 5, stdout: 'two\n' })
    expect(results[2]).toMatchObject({
      passed: false,
      problems: [expect.objectContaining({ file: 'src/a.py', line: 1 })]
    })
    expect(env.actions.runs()).toHaveLength(3)
  })
})

describe('remote adapter: deadlines and waiting cost', () => {
  it('cancels a run that never starts and says it timed out', async () => {
    const env = await startActionsEnv({ emulator: { clockSpeed: 10 }, plugin: { queueDelayMs: 3_600_000 } })
    try {
      const started = Date.now()
      const result = await remoteAdapter(env, { startupAllowanceSeconds: 10 }).runCommand('echo never', {
        timeoutSeconds: 5
      })
      expect(result.timedOut).toBe(true)
      expect(result.exitCode).not.toBe(0)
      expect(result.stderr).toContain('was cancelled')
      expect(Date.now() - started).toBeLessThan(15_000)
      await env.actions.idle()
      expect(env.actions.runs()[0].conclusion).toBe('cancelled')
    } finally {
      await env.close()
    }
  })

  it('waits with conditional requests and obeys x-poll-interval', async () => {
    const env = await startActionsEnv({ emulator: { clockSpeed: 10 }, plugin: { pollIntervalSeconds: 20 } })
    try {
      const adapter = remoteAdapter(env)
      await adapter.runs.defaultBranch()
      env.test.emulator.resetStats()
      // Sixty emulated seconds: adaptive polling alone would poll ~10 times; x-poll-interval (20 s) allows ~3.
      const result = await adapter.runCommand('sleep 6; echo done')
      expect(result.exitCode).toBe(0)
      const list = env.test.emulator.stats().operations['actions/list-workflow-runs-for-repo']
      expect(list.reads + list.notModified).toBeLessThanOrEqual(5)
      expect(list.notModified).toBeGreaterThanOrEqual(1)
      expect(list.reads).toBeLessThanOrEqual(2)
    } finally {
      await env.close()
    }
  })
})
