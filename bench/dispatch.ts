/**
 * The waiting cost of a dispatched run: requests per minute of waiting, and requests per minute that count
 * against the rate limit (a 304 does not), for a run lasting two minutes on the emulator's sped-up clock.
 * self-heal's waiter (adaptive 2 s → 30 s, ETags on the completed-runs list) side by side with a fixed 5-second
 * poll of the run without ETags, each waiting for its own run of the same workflow, one after the other.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createActionsPlugin } from '../emulator/actions/index.js'
import { startEmulator, type Emulator } from '../emulator/server.js'
import type { Clock } from '../src/adapters/execution/clock.js'
import { WorkflowRuns } from '../src/adapters/execution/workflow-runs.js'
import { createGitHubClient } from '../src/github/client.js'
import { BENCH_GIT_ENV } from './git-env.js'

const execFileAsync = promisify(execFile)

/** Emulated seconds per real second. */
const SPEED = 20
/** The run's length in emulated seconds. */
const RUN_SECONDS = 120
/** How long a run waits for a runner, emulated. */
const QUEUE_MS = 5000

const WORKFLOW = `name: bench
run-name: 'bench \${{ inputs.correlation-id }}'
on:
  workflow_dispatch:
    inputs:
      correlation-id:
        required: false
jobs:
  wait:
    runs-on: ubuntu-latest
    steps:
      - run: sleep 120
`

/** Waiting cost of one strategy. */
interface Cost {
  /** All requests made while waiting, per minute of waiting. */
  requestsPerMinute: number
  /** Requests that count against the rate limit (everything but 304s), per minute of waiting. */
  countedPerMinute: number
  /** Raw numbers. */
  requests: number
  counted: number
  notModified: number
  minutesWaited: number
}

async function git(cwd: string, ...args: string[]): Promise<void> {
  await execFileAsync('git', args, {
    cwd,
    env: BENCH_GIT_ENV
  })
}

async function addWorkflow(emulator: Emulator): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'self-heal-bench-dispatch-'))
  try {
    await git(dir, 'clone', '-q', '--', emulator.repository.gitDir, 'w')
    const work = join(dir, 'w')
    await mkdir(join(work, '.github/workflows'), { recursive: true })
    await writeFile(join(work, '.github/workflows/bench.yml'), WORKFLOW)
    await git(work, 'add', '-A')
    await git(work, 'commit', '-q', '-m', 'bench workflow')
    await git(work, 'push', '-q', 'origin', `HEAD:refs/heads/${emulator.repository.defaultBranch}`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function cost(emulator: Emulator, startedAt: number): Cost {
  const { totals } = emulator.stats()
  const minutesWaited = (emulator.now() - startedAt) / 60_000
  const counted = totals.reads + totals.writes
  const requests = counted + totals.notModified
  const round = (n: number): number => Math.round(n * 100) / 100
  return {
    requestsPerMinute: round(requests / minutesWaited),
    countedPerMinute: round(counted / minutesWaited),
    requests,
    counted,
    notModified: totals.notModified,
    minutesWaited: round(minutesWaited)
  }
}

/** Runs the benchmark, prints its table and returns `{selfHeal, baseline}`. */
export async function run(_options: { json: boolean }): Promise<unknown> {
  const actions = createActionsPlugin({ queueDelayMs: QUEUE_MS })
  // The command sleeps in real time: two emulated minutes at this clock speed.
  actions.registerCommand('bench.yml', `sleep ${RUN_SECONDS / SPEED}`)
  const emulator = await startEmulator({ plugins: [actions.plugin], clockSpeed: SPEED })
  try {
    await addWorkflow(emulator)
    const { owner, name } = emulator.repository
    const octokit = createGitHubClient({
      token: emulator.token,
      repository: `${owner}/${name}`,
      apiUrl: emulator.apiUrl,
      minWriteIntervalMs: 0,
      log: { warning: () => undefined, debug: () => undefined }
    }).octokit
    const clock: Clock = {
      now: () => emulator.now(),
      sleep: ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms / SPEED)))
    }
    const runs = new WorkflowRuns({ octokit, owner, repo: name, clock })

    // self-heal: dispatch, then wait the way the adapter and `self-heal dispatch --wait` do.
    const ours = await runs.dispatch({
      workflow: 'bench.yml',
      inputs: { 'correlation-id': 'bench-a' },
      correlationId: 'bench-a'
    })
    emulator.resetStats()
    const oursStart = emulator.now()
    const done = await runs.waitForCompletion({
      runId: ours.runId,
      branch: ours.branch,
      deadline: oursStart + 30 * 60_000
    })
    if (done?.conclusion !== 'success') throw new Error(`bench run ended ${done?.conclusion ?? 'never'}`)
    const selfHeal = cost(emulator, oursStart)

    // Baseline: GET the run every 5 s, no ETag.
    const theirs = await runs.dispatch({
      workflow: 'bench.yml',
      inputs: { 'correlation-id': 'bench-b' },
      correlationId: 'bench-b'
    })
    emulator.resetStats()
    const theirsStart = emulator.now()
    for (;;) {
      await clock.sleep(5000)
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        owner,
        repo: name,
        run_id: theirs.runId
      })
      if (data.status === 'completed') break
    }
    const baseline = cost(emulator, theirsStart)

    const rows = [
      ['', 'req/min', 'counted/min', 'requests', 'counted', '304s', 'minutes'],
      ...(
        [
          ['self-heal (adaptive + ETag)', selfHeal],
          ['fixed 5 s poll, no ETag', baseline]
        ] as const
      ).map(([label, c]) => [
        label,
        String(c.requestsPerMinute),
        String(c.countedPerMinute),
        String(c.requests),
        String(c.counted),
        String(c.notModified),
        String(c.minutesWaited)
      ])
    ]
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)))
    console.log(`Waiting for a ${RUN_SECONDS} s run (clock ×${SPEED}; target ≤ 12 req/min, < 1 counted/min)`)
    for (const row of rows)
      console.log(row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '))
    const pick = (c: Cost) => ({
      requestsPerMinute: c.requestsPerMinute,
      countedPerMinute: c.countedPerMinute,
      requests: c.requests,
      counted: c.counted,
      notModified: c.notModified,
      minutesWaited: c.minutesWaited
    })
    return { selfHeal: pick(selfHeal), baseline: pick(baseline) }
  } finally {
    await emulator.close()
  }
}

// `tsx bench/dispatch.ts [--json]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const json = process.argv.includes('--json')
  run({ json }).then(
    result => {
      if (json) console.log(JSON.stringify(result))
    },
    error => {
      console.error(error)
      process.exitCode = 1
    }
  )
}
