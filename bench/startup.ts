/**
 * Cold start of the bundles: `node dist/index.js` (as the post step, which has nothing to do) and
 * `node dist/cli.js --help`, side by side with bare `node -e 0`, each started fresh many times. The ratio to bare
 * node is what to compare between runs; absolute times depend on the machine.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const RUNS = 15

interface Row {
  name: string
  medianMs: number
  p90Ms: number
  ratioToNode: number
}

function time(args: string[], env: NodeJS.ProcessEnv): number[] {
  const samples: number[] = []
  for (let i = 0; i < RUNS + 2; i++) {
    const start = performance.now()
    const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' })
    const elapsed = performance.now() - start
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`)
    if (i >= 2) samples.push(elapsed) // the first runs warm the file cache
  }
  return samples.sort((a, b) => a - b)
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]

/** Runs the startup benchmark. */
export async function run(): Promise<{ runs: number; rows: Row[] }> {
  if (!existsSync('dist/index.js') || !existsSync('dist/cli.js'))
    throw new Error('dist/ is missing: run `npm run bundle` first.')
  const env = { ...process.env, STATE_isPost: 'true', GITHUB_ACTIONS: '', RUNNER_TEMP: '' }
  const cases: Array<[string, string[]]> = [
    ['node -e 0', ['-e', '0']],
    ['node dist/index.js (post)', ['dist/index.js']],
    ['node dist/cli.js --help', ['dist/cli.js', '--help']]
  ]
  const measured = cases.map(([name, args]) => ({ name, samples: time(args, env) }))
  const base = pct(measured[0].samples, 0.5)
  const rows = measured.map(({ name, samples }) => ({
    name,
    medianMs: round(pct(samples, 0.5)),
    p90Ms: round(pct(samples, 0.9)),
    ratioToNode: round(pct(samples, 0.5) / base)
  }))
  console.log(`startup: ${RUNS} cold starts each, Node ${process.version}`)
  console.table(rows)
  return { runs: RUNS, rows }
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
