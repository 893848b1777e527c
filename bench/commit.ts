/**
 * Requests to commit a diff of N changed text files through GitHubAPIAdapter, counted by the emulator's stats,
 * side by side with create-pull-request's signed-commit formula (one blob per added or modified file, ⌈N/100⌉
 * trees, and 3 more: commit, ref, and the branch read). Target: at most ⌈N/100⌉ + 3 writes, and with a local
 * checkout as the base source no reads of file contents. Also shown: the reads without a checkout (CLOUD).
 */
import { writeFile, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { startEmulator } from '../emulator/server.js'
import { GitHubAPIAdapter } from '../src/adapters/github/git.js'
import { createGitHubClient } from '../src/github/client.js'

const run$ = promisify(execFile)
const SIZES = [1, 10, 100, 1000]
/** Operations that read file contents (blobs, contents, trees listing paths). */
const CONTENT_READS = ['git/get-blob', 'repos/get-content', 'git/get-tree']

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com'
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run$('git', args, { cwd, env: GIT_ENV, maxBuffer: 256 * 1024 * 1024 })
  return stdout
}

/** One row of the JSON result. */
interface Row {
  files: number
  writes: number
  reads: number
  peerWrites: number
}

interface Measured {
  writes: number
  reads: number
  contentReads: number
}

async function measure(n: number, local: boolean): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'self-heal-bench-commit-'))
  try {
    const work = join(dir, 'work')
    await mkdir(work)
    await git(work, 'init', '-q', '-b', 'main')
    // The changed files sit among unchanged ones, in a few directories, as in a real repository.
    const total = Math.max(n * 2, 50)
    for (let i = 0; i < total; i++) {
      const path = join(work, `pkg${i % 10}`, `file-${i}.ts`)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, `export const value${i} = ${i}\nexport const other = 'x'\n`)
    }
    await git(work, 'add', '-A')
    await git(work, 'commit', '-q', '-m', 'base')
    for (let i = 0; i < n; i++) {
      await writeFile(
        join(work, `pkg${i % 10}`, `file-${i}.ts`),
        `export const value${i} = ${i + 1}\nexport const other = 'x'\n`
      )
    }
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
        minWriteIntervalMs: 0,
        retryBaseMs: 10,
        log: { warning: () => undefined, debug: () => undefined }
      })
      const adapter = new GitHubAPIAdapter(client, local ? { localRepository: work } : {})
      emulator.resetStats()
      await adapter.applyDiff(diff, `bench: ${n} files`, { branch: 'main' })
      const stats = emulator.stats()
      const contentReads = CONTENT_READS.reduce((sum, op) => sum + (stats.operations[op]?.reads ?? 0), 0)
      return { writes: stats.totals.writes, reads: stats.totals.reads, contentReads }
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
  const widths = table[0].map((_, c) => Math.max(...table.map(r => r[c].length)))
  for (const r of table) console.log(r.map((cell, c) => cell.padStart(widths[c])).join('  '))
  return { rows, withoutCheckout, target: SIZES.map(n => ({ files: n, maxWrites: Math.ceil(n / 100) + 3 })) }
}
