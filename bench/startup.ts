/**
 * Cold start of the bundles, side by side with bare `node -e 0`: the action (`node dist/index.js`) running a
 * trivial `operation: check` of `true` and as the post step (nothing to do), and the CLI (`check --command true`
 * and `--help`). Every case is started fresh RUNS times, the cases interleaved round by round so that load from
 * other processes on the machine falls on all of them alike. The ratio of medians to bare node is what to compare
 * between runs; absolute times depend on the machine. Target: at most TARGET_RATIO for every case.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const RUNS = 31
/** Rounds run first and thrown away: they warm the file cache. */
const WARMUP = 3
const TARGET_RATIO = 2

interface Row {
  name: string
  medianMs: number
  p90Ms: number
  ratioToNode: number
}

interface Case {
  name: string
  args: string[]
  env: NodeJS.ProcessEnv
}

function once({ args, env }: Case, cwd: string): number {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { env, cwd, stdio: 'ignore' })
  const elapsed = performance.now() - start
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`)
  return elapsed
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]

/** Runs the startup benchmark. */
export async function run(): Promise<{ runs: number; targetRatio: number; rows: Row[] }> {
  if (!existsSync('dist/index.js') || !existsSync('dist/cli.js'))
    throw new Error('dist/ is missing: run `npm run bundle` first.')
  const index = join(process.cwd(), 'dist/index.js')
  const cli = join(process.cwd(), 'dist/cli.js')
  // The checks run in an empty directory outside any repository, as a local (not CI) run.
  const dir = mkdtempSync(join(tmpdir(), 'self-heal-bench-startup-'))
  try {
    const files = (name: string) => join(dir, name)
    for (const name of ['output', 'state', 'summary']) writeFileSync(files(name), '')
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      GITHUB_ACTIONS: '',
      RUNNER_TEMP: '',
      GITHUB_OUTPUT: files('output'),
      GITHUB_STATE: files('state'),
      GITHUB_STEP_SUMMARY: files('summary')
    }
    const cases: Case[] = [
      { name: 'node -e 0', args: ['-e', '0'], env: base },
      {
        name: 'node dist/index.js (check true)',
        args: [index],
        env: { ...base, INPUT_OPERATION: 'check', INPUT_COMMAND: 'true', INPUT_KIND: 'test' }
      },
      { name: 'node dist/index.js (post)', args: [index], env: { ...base, STATE_isPost: 'true' } },
      { name: 'node dist/cli.js check --command true', args: [cli, 'check', '--command', 'true'], env: base },
      { name: 'node dist/cli.js --help', args: [cli, '--help'], env: base }
    ]
    const samples = cases.map(() => [] as number[])
    for (let round = 0; round < WARMUP + RUNS; round++) {
      cases.forEach((c, i) => {
        const ms = once(c, dir)
        if (round >= WARMUP) samples[i].push(ms)
      })
    }
    for (const s of samples) s.sort((a, b) => a - b)
    const baseMs = pct(samples[0], 0.5)
    const rows = cases.map(({ name }, i) => ({
      name,
      medianMs: round(pct(samples[i], 0.5)),
      p90Ms: round(pct(samples[i], 0.9)),
      ratioToNode: round(pct(samples[i], 0.5) / baseMs)
    }))
    console.log(
      `startup: ${RUNS} cold starts each, interleaved, Node ${process.version}; target ratio ≤ ${TARGET_RATIO}`
    )
    console.table(rows)
    return { runs: RUNS, targetRatio: TARGET_RATIO, rows }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
