/**
 * Progress while waiting on a workflow run: WorkflowRuns reports where the run is at the start of the wait and
 * every progressEveryMs, and the CLI shows it on stderr (one line rewritten on a terminal, a line per change
 * elsewhere) for `dispatch --wait` and a cloud `check`. Against the emulator's Actions runs, on real time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { WorkflowRuns, type RunProgress } from '../../src/adapters/execution/workflow-runs.js'
import { main } from '../../src/cli/program.js'
import { createGitHubClient } from '../../src/github/client.js'
import { cleanEnv } from '../cli/cli-helpers.js'
import { ACTION_STEP, startActionsEnv, type ActionsTestEnv } from './helpers.js'

describe('progress while waiting on a run', () => {
  let env: ActionsTestEnv
  let common: string[]
  beforeAll(async () => {
    env = await startActionsEnv({ plugin: { queueDelayMs: 1500 } })
    env.actions.registerCommand('self-heal-run.yml', ACTION_STEP)
    common = [
      '--repository',
      `${env.test.owner}/${env.test.repo}`,
      '--token',
      env.test.emulator.token,
      '--api-url',
      env.test.emulator.apiUrl
    ]
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
  })

  async function cli(argv: string[], columns?: number) {
    let stdout = ''
    let stderr = ''
    const code = await main([...argv, ...common], {
      stdout: text => (stdout += text),
      stderr: text => (stderr += text),
      env: cleanEnv(),
      readStdin: async () => '',
      stderrColumns: columns
    })
    return { code, stdout, stderr }
  }

  it('WorkflowRuns reports the run from the start of the wait, on time, until it completes', async () => {
    const octokit = createGitHubClient({
      token: env.test.emulator.token,
      repository: `${env.test.owner}/${env.test.repo}`,
      apiUrl: env.test.emulator.apiUrl,
      log: { warning: () => undefined, debug: () => undefined }
    }).octokit
    const seen: RunProgress[] = []
    const runs = new WorkflowRuns({
      octokit,
      owner: env.test.owner,
      repo: env.test.repo,
      clock: env.clock,
      poll: { initialMs: 300, maxMs: 600 },
      progressEveryMs: 1000,
      onProgress: progress => seen.push(progress)
    })
    const dispatched = await runs.dispatch({
      workflow: 'plain.yml',
      ref: 'main',
      inputs: { command: 'sleep 3', 'correlation-id': 'progress-1' },
      correlationId: 'progress-1'
    })
    const done = await runs.waitForCompletion({
      runId: dispatched.runId,
      branch: dispatched.branch,
      deadline: env.clock.now() + 120_000,
      url: dispatched.htmlUrl
    })
    expect(done?.conclusion).toBe('success')
    expect(seen[0]).toEqual({
      runId: dispatched.runId,
      status: 'queued',
      url: done!.html_url,
      elapsedMs: expect.any(Number)
    })
    expect(seen[0].elapsedMs).toBeLessThan(500)
    // A report every second of a wait of more than 4 s, never two close together.
    expect(seen.length).toBeGreaterThanOrEqual(4)
    seen.slice(1).forEach((progress, i) => {
      // Timers may fire a millisecond early.
      expect(progress.elapsedMs - seen[i].elapsedMs).toBeGreaterThanOrEqual(990)
      expect(progress.url).toBe(done!.html_url)
    })
    // The status follows the run: queued, then in progress (read at each poll).
    const statuses = [...new Set(seen.map(p => p.status))]
    expect(statuses).toEqual(['queued', 'in_progress'])
  })

  it('dispatch --wait on a terminal rewrites one line with the status and URL, ended before the result', async () => {
    const run = await cli(
      [
        'dispatch',
        '--workflow',
        'plain.yml',
        '--ref',
        'main',
        '--input',
        'command=sleep 5',
        '--wait',
        '--json'
      ],
      120
    )
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(out.conclusion).toBe('success')
    const updates = run.stderr.match(/\r[^\r\n]*\x1b\[K/g) ?? []
    expect(updates.length).toBeGreaterThanOrEqual(2)
    expect(updates[0]).toBe(`\rrun ${out.runId} queued (waited 0 s): ${out.runUrl}\x1b[K`)
    expect(updates.some(u => u.includes(`run ${out.runId} in progress (waited `))).toBe(true)
    // The line is ended, so nothing that follows lands on it.
    expect(run.stderr.endsWith('\x1b[K\n')).toBe(true)
  })

  it('a cloud check off a terminal prints a progress line when the status changes', async () => {
    const run = await cli([
      'check',
      '--environment',
      'cloud',
      '--command',
      'sleep 5; echo remote-done',
      '--json'
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'command', passed: true })
    const lines = run.stderr.split('\n').filter(line => /^run \d+ /.test(line))
    expect(lines[0]).toMatch(
      /^run (\d+) queued \(waited 0 s\): http:\/\/127\.0\.0\.1:\d+\/.+\/actions\/runs\/\d+$/
    )
    expect(lines.some(line => / in progress \(waited \d+ s\): http/.test(line))).toBe(true)
    expect(run.stderr).not.toContain('\r')
  })
})
