/**
 * Growth of applying a diff in memory, where a quadratic step would show: N and 4N hunks in one file (parse and
 * apply against an in-memory base), and reading a large base file from a local checkout (LocalGitBaseSource,
 * one `git cat-file --batch`) at 16 and 64 MiB, side by side with `git cat-file blob` writing it to a pipe.
 * Targets: 4× the work takes about 4× the time (ratio ≈ 4), and the 64 MiB read is within a few times git's own.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { applyDiffText, gitBlobSha, type BaseSource } from '../src/diff/apply.js'
import { LocalGitBaseSource } from '../src/diff/local-git-source.js'

const run$ = promisify(execFile)
const HUNKS = [1_000, 4_000]
const BLOB_MIB = [16, 64]
const ROUNDS = 5

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run$('git', args, { cwd, env: GIT_ENV, maxBuffer: 256 * 1024 * 1024 })
  return stdout.trim()
}

/** A file of 8 lines per hunk and a diff changing one line in each 8, with 3 lines of context either side. */
function hunksCase(hunks: number): { content: Buffer; diff: string } {
  const lines = Array.from({ length: hunks * 8 + 8 }, (_, i) => `  const value${i} = compute(${i}) // line\n`)
  let diff = 'diff --git a/src/big.ts b/src/big.ts\n--- a/src/big.ts\n+++ b/src/big.ts\n'
  for (let h = 0; h < hunks; h++) {
    const at = 8 * h + 3
    diff += `@@ -${at - 2},7 +${at - 2},7 @@\n`
    for (let i = at - 3; i < at; i++) diff += ` ${lines[i]}`
    diff += `-${lines[at]}+  const value${at} = changed(${at}) // line\n`
    for (let i = at + 1; i < at + 4; i++) diff += ` ${lines[i]}`
  }
  return { content: Buffer.from(lines.join('')), diff }
}

function memory(path: string, content: Buffer): BaseSource {
  const entry = { mode: '100644' as const, sha: gitBlobSha(content) }
  return {
    stat: async p => (p === path ? entry : undefined),
    filesUnder: async () => [],
    read: async () => content
  }
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const round = (n: number) => Math.round(n * 100) / 100

interface Row {
  case: string
  size: number
  medianMs: number
}

/** Runs the apply benchmark. */
export async function run(): Promise<{
  rounds: number
  hunks: Row[]
  hunksRatio: number
  baseRead: Row[]
  baseReadRatio: number
  catFileMs: number
  toCatFile: number
}> {
  const hunks: Row[] = []
  for (const n of HUNKS) {
    const { content, diff } = hunksCase(n)
    const samples: number[] = []
    for (let r = 0; r < ROUNDS; r++)
      samples.push(await time(() => applyDiffText(diff, memory('src/big.ts', content))))
    hunks.push({ case: 'hunks in one file', size: n, medianMs: round(median(samples)) })
  }

  const dir = await mkdtemp(join(tmpdir(), 'self-heal-bench-apply-'))
  try {
    await git(dir, 'init', '-q', '-b', 'main')
    const shas: string[] = []
    for (const mib of BLOB_MIB) {
      const content = Buffer.alloc(mib * 1024 * 1024)
      for (let i = 0; i < content.length; i += 64) content.write(`${i.toString(36).padStart(63, '.')}\n`, i)
      const file = join(dir, `big-${mib}.txt`)
      await writeFile(file, content)
      shas.push(await git(dir, 'hash-object', '-w', file))
    }
    await git(dir, 'add', '-A')
    await git(dir, '-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '-m', 'big')
    const commit = await git(dir, 'rev-parse', 'HEAD')
    const baseRead: Row[] = []
    for (const [i, mib] of BLOB_MIB.entries()) {
      const samples: number[] = []
      for (let r = 0; r < ROUNDS; r++) {
        const source = new LocalGitBaseSource(dir, commit)
        try {
          samples.push(await time(() => source.read(`big-${mib}.txt`, { mode: '100644', sha: shas[i] })))
        } finally {
          source.close()
        }
      }
      baseRead.push({ case: 'LocalGitBaseSource.read (MiB)', size: mib, medianMs: round(median(samples)) })
    }
    const catFile: number[] = []
    for (let r = 0; r < ROUNDS; r++) {
      catFile.push(
        await time(() =>
          run$('git', ['cat-file', 'blob', shas[shas.length - 1]], {
            cwd: dir,
            encoding: 'buffer',
            maxBuffer: 256 * 1024 * 1024
          })
        )
      )
    }
    const catFileMs = round(median(catFile))
    const hunksRatio = round(hunks[1].medianMs / hunks[0].medianMs)
    const baseReadRatio = round(baseRead[1].medianMs / baseRead[0].medianMs)
    const toCatFile = round(baseRead[1].medianMs / catFileMs)
    console.log(`apply: median of ${ROUNDS} runs each; 4× the work should take ≈ 4× the time`)
    console.table([...hunks, ...baseRead, { case: 'git cat-file blob (MiB)', size: 64, medianMs: catFileMs }])
    console.log(
      `${HUNKS[1]} / ${HUNKS[0]} hunks: ${hunksRatio}x; ${BLOB_MIB[1]} / ${BLOB_MIB[0]} MiB read: ${baseReadRatio}x; ` +
        `${BLOB_MIB[1]} MiB read / git cat-file: ${toCatFile}x`
    )
    return { rounds: ROUNDS, hunks, hunksRatio, baseRead, baseReadRatio, catFileMs, toCatFile }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
