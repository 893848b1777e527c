/**
 * The benchmark runner: `npm run bench` runs every benchmark, `npm run bench -- NAME [NAME...]` some of them.
 * Each prints a table; with `--json` the runner prints one JSON object `{NAME: result, ...}` on stdout instead
 * (tables then go to stderr) and writes it to `.bench-results/NAME.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises'

/** A benchmark module. */
export interface Benchmark {
  /** Runs the benchmark, prints its table, and returns its JSON result. */
  run(options: { json: boolean }): Promise<unknown>
}

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  startup: () => import('./startup.js'),
  dispatch: () => import('./dispatch.js'),
  cache: () => import('./cache.js'),
  'cache-open': () => import('./cache-open.js'),
  commit: () => import('./commit.js'),
  apply: () => import('./apply.js'),
  'apply-growth': () => import('./apply-growth.js'),
  'diff-memory': () => import('./diff-memory.js'),
  heal: () => import('./heal.js')
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json')
  const names = argv.filter(a => !a.startsWith('--'))
  const unknown = names.filter(n => !(n in BENCHMARKS))
  if (unknown.length) {
    process.stderr.write(
      `Unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(BENCHMARKS).join(', ')}.\n`
    )
    return 2
  }
  const selected = names.length ? names : Object.keys(BENCHMARKS)
  const results: Record<string, unknown> = {}
  // With --json, stdout carries only the JSON object: the tables go to stderr.
  const log = console.log
  if (json) console.log = (...args: unknown[]) => console.error(...args)
  try {
    for (const name of selected) {
      console.log(`\n== ${name}`)
      const bench = await BENCHMARKS[name]()
      results[name] = await bench.run({ json })
      await mkdir('.bench-results', { recursive: true })
      await writeFile(`.bench-results/${name}.json`, JSON.stringify(results[name], null, 2) + '\n')
    }
  } finally {
    console.log = log
  }
  if (json)
    process.stdout.write(JSON.stringify(selected.length === 1 ? results[selected[0]] : results) + '\n')
  return 0
}

process.exitCode = await main(process.argv.slice(2))
