/**
 * Requests to commit a diff of N changed text files through GitHubAPIAdapter, counted by the emulator's stats,
 * side by side with create-pull-request's signed-commit formula (one blob per added or modified file, ⌈N/100⌉
 * trees, and 3 more: commit, ref, and the branch read). Target: at most ⌈N/100⌉ + 3 writes, and with a local
 * checkout as the base source no reads of file contents. Also shown: the reads without a checkout (CLOUD).
 *
 * Then the time of a CLOUD commit with the client's real pacing (the emulator enforces GitHub's write limits too),
 * for 1,000 text files and for 50 binary ones (a blob each), over its write budget: its writes spread at GitHub's
 * documented 80 content-creating requests a minute (750 ms each). Target: at most 2× the budget.
 */
import { writeFile, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { startEmulator } from '../emulator/server.js'
import { GitHubAPIAdapter } from '../src/adapters/github/git.js'
import { performance } from 'node:perf_hooks'
import { createGitHubClient } from '../src/github/client.js'
import { BENCH_GIT_ENV } from './git-env.js'

const run$ = promisify(execFile)
const SIZES = [1, 10, 100, 1000]
/** The timed CLOUD commits: files, and whether they are binary. */
const PACED: Array<[number, boolean]> = [
  [1000, false],
  [50, true]
]
/** Operations that read file contents (blobs, contents, trees listing paths). */
const CONTENT_READS = ['git/get-blob', 'repos/get-content', 'git/get-tree']

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run$('git', args, { cwd, env: BENCH_GIT_ENV, maxBuffer: 256 * 1024 * 1024 })
  return stdout
}

/** One row of the JSON result. */
interface Row {
  files: number
  writes: number
  reads: number
  peerWrites: number
}

/** One timed CLOUD commit. */
interface PacedRow {
  files: number
  kind: 'text' | 'binary'
  writes: number
  reads: number
  ms: number
  budgetMs: number
  ratio: number
}

interface Measured {
  writes: number
  reads: number
  contentReads: number
  ms: number
}

/** ms a write of the budget: GitHub's documented 80 content-creating requests a minute, spread evenly. */
const BUDGET_MS_PER_WRITE = 60_000 / 80

/**
 * Commits n changed files (binary ones: a blob each) through the adapter and counts its requests. `paced` keeps
 * the client's own write pacing; otherwise writes are not paced, to count requests quickly.
 */
async function measure(n: number, local: boolean, { paced = false, binary = false } = {}): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'self-heal-bench-commit-'))
  try {
    const work = join(dir, 'work')
    await mkdir(work)
    await git(work, 'init', '-q', '-b', 'main')
    // The changed files sit among unchanged ones, in a few directories, as in a real repository.
    const total = Math.max(n * 2, 50)
    const file = (i: number) => join(work, `pkg${i % 10}`, binary ? `image-${i}.bin` : `file-${i}.ts`)
    const content = (i: number, version: number) =>
      binary
        ? Buffer.from([0, 1, 2, 255, i & 0xff, (i >> 8) & 0xff, version, ...Buffer.from('binary')])
        : `export const value${i} = ${i + version}\nexport const other = 'x'\n`
    for (let i = 0; i < total; i++) {
      await mkdir(dirname(file(i)), { recursive: true })
      await writeFile(file(i), content(i, 0))
    }
    await git(work, 'add', '-A')
    await git(work, 'commit', '-q', '-m', 'base')
    for (let i = 0; i < n; i++) await writeFile(file(i), content(i, 1))
    const diff = await git(work, 'diff', '--binary')
    await git(work, 'checkout', '-q', '--', '.')
    const bare = join(dir, 'repo.git')
    await git(dir, 'clone', '-q', '--bare', '--', work, bare)
    const emulator = await startEmulator({
      repos: [{ fullName: 'octo/repo', gitDir: bare }],
      validate: false
    })
    try {
      const client = createGitHubClient({
        token: emulator.token,
        repository: 'octo/repo',
        apiUrl: emulator.apiUrl,
        graphqlUrl: emulator.graphqlUrl,
        ...(paced ? {} : { minWriteIntervalMs: 0, writeLimits: [] }),
        retryBaseMs: 10,
        log: { warning: () => undefined, debug: () => undefined }
      })
      const adapter = new GitHubAPIAdapter(client, local ? { localRepository: work } : {})
      emulator.resetStats()
      const start = performance.now()
      await adapter.applyDiff(diff, `bench: ${n} files`, { branch: 'main' })
      const ms = performance.now() - start
      const stats = emulator.stats()
      const contentReads = CONTENT_READS.reduce((sum, op) => sum + (stats.operations[op]?.reads ?? 0), 0)
      return { writes: stats.totals.writes, reads: stats.totals.reads, contentReads, ms }
    } finally {
      await emulator.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Runs the commit benchmark. */
export async function run(_options: { json: boolean } = { json: false }): Promise<{
  rows: Row[]
  withoutCheckout: Array<{ files: number; writes: number; reads: number; contentReads: number }>
  target: Array<{ files: number; maxWrites: number }>
  paced: PacedRow[]
}> {
  const rows: Row[] = []
  const withoutCheckout: Array<{ files: number; writes: number; reads: number; contentReads: number }> = []
  const table: string[][] = [
    ['files', 'writes', 'target ≤', 'peer writes', 'reads (CI)', 'content reads (CI)', 'reads (cloud)']
  ]
  for (const n of SIZES) {
    const ci = await measure(n, true)
    const cloud = await measure(n, false)
    const peerWrites = n + Math.ceil(n / 100) + 3
    rows.push({ files: n, writes: ci.writes, reads: ci.reads, peerWrites })
    withoutCheckout.push({
      files: n,
      writes: cloud.writes,
      reads: cloud.reads,
      contentReads: cloud.contentReads
    })
    table.push([
      String(n),
      String(ci.writes),
      String(Math.ceil(n / 100) + 3),
      String(peerWrites),
      String(ci.reads),
      String(ci.contentReads),
      String(cloud.reads)
    ])
  }
  print(table)
  const paced: PacedRow[] = []
  for (const [files, binary] of PACED) {
    const cloud = await measure(files, false, { paced: true, binary })
    const budgetMs = cloud.writes * BUDGET_MS_PER_WRITE
    paced.push({
      files,
      kind: binary ? 'binary' : 'text',
      writes: cloud.writes,
      reads: cloud.reads,
      ms: Math.round(cloud.ms),
      budgetMs,
      ratio: Math.round((cloud.ms / budgetMs) * 100) / 100
    })
  }
  console.log('\nCLOUD commit with the real pacing, over its write budget (750 ms a write; target ≤ 2×):')
  print([
    ['files', 'kind', 'writes', 'reads', 'time ms', 'budget ms', 'ratio'],
    ...paced.map(r => [r.files, r.kind, r.writes, r.reads, r.ms, r.budgetMs, r.ratio].map(String))
  ])
  return {
    rows,
    withoutCheckout,
    target: SIZES.map(n => ({ files: n, maxWrites: Math.ceil(n / 100) + 3 })),
    paced
  }
}

function print(table: string[][]): void {
  const widths = table[0].map((_, c) => Math.max(...table.map(r => r[c].length)))
  for (const r of table) console.log(r.map((cell, c) => cell.padStart(widths[c])).join('  '))
}
