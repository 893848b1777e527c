/**
 * The in-memory applier (what CLOUD apply runs before it commits) side by side with `git apply --cached` on the
 * same base: the time for a 1,000-file text diff and for a 5 MB binary delta, and, for a compression bomb (a
 * 1 MB binary patch that inflates to 1 GB) and a delta declaring a 1 TB result, the time to refuse and how much
 * the peak resident memory grew. Target: a refusal grows it by no more than a few times the patch.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { constants, createDeflate, deflateSync } from 'node:zlib'
import { applyDiffText } from '../src/diff/apply.js'
import { encodeBase85 } from '../src/diff/base85.js'
import { LocalGitBaseSource } from '../src/diff/local-git-source.js'

const run$ = promisify(execFile)
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }

async function git(
  cwd: string,
  args: string[],
  input?: string,
  env: NodeJS.ProcessEnv = {}
): Promise<string> {
  const child = run$('git', args, { cwd, env: { ...GIT_ENV, ...env }, maxBuffer: 1024 * 1024 * 1024 })
  if (input !== undefined) child.child.stdin!.end(input)
  return (await child).stdout
}

/** A repository with `files`, committed, then changed by `change`; returns the diff of the change. */
async function prepare(
  dir: string,
  files: Record<string, Buffer | string>,
  change: Record<string, Buffer | string>
) {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), content)
  }
  await git(dir, ['init', '-q', '-b', 'main'])
  await git(dir, ['add', '-A'])
  await git(dir, ['-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '-m', 'base'])
  for (const [name, content] of Object.entries(change)) await writeFile(join(dir, name), content)
  const diff = await git(dir, ['diff', '--binary'])
  await git(dir, ['checkout', '-q', '--', '.'])
  return diff
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result?: T; error?: unknown }> {
  const started = performance.now()
  try {
    const result = await run()
    return { ms: performance.now() - started, result }
  } catch (error) {
    return { ms: performance.now() - started, error }
  }
}

async function ours(dir: string, diff: string) {
  const source = new LocalGitBaseSource(dir, 'HEAD')
  try {
    return await timed(() => applyDiffText(diff, source))
  } finally {
    source.close()
  }
}

async function theirs(dir: string, diff: string) {
  const env = { GIT_INDEX_FILE: join(dir, '.git', 'bench-index') }
  await git(dir, ['read-tree', 'HEAD'], undefined, env)
  return timed(() => git(dir, ['apply', '--cached', '-'], diff, env))
}

/** Deflated zeros, streamed so that the gigabyte never sits in memory. */
async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION })
  const chunks: Buffer[] = []
  deflate.on('data', chunk => chunks.push(chunk as Buffer))
  const done = new Promise(resolve => deflate.on('end', resolve))
  const block = Buffer.alloc(16 * 1024 * 1024)
  for (let left = bytes; left > 0; left -= block.length) {
    if (!deflate.write(block.subarray(0, Math.min(block.length, left)))) {
      await new Promise(resolve => deflate.once('drain', resolve))
    }
  }
  deflate.end()
  await done
  return Buffer.concat(chunks)
}

function binaryPatch(path: string, method: 'literal' | 'delta', size: number, deflated: Buffer): string {
  const lines: string[] = []
  for (let i = 0; i < deflated.length; i += 52) {
    const chunk = deflated.subarray(i, i + 52)
    lines.push(
      String.fromCharCode(chunk.length <= 26 ? 64 + chunk.length : 70 + chunk.length) + encodeBase85(chunk)
    )
  }
  return (
    `diff --git a/${path} b/${path}\nnew file mode 100644\nindex ${'0'.repeat(40)}..${'1'.repeat(40)}\n` +
    `GIT binary patch\n${method} ${size}\n${lines.join('\n')}\n\nliteral 0\nHcmV?d00001\n\n`
  )
}

/** Runs the apply benchmark. */
export async function run(_options: { json: boolean } = { json: false }) {
  const dir = await mkdtemp(join(tmpdir(), 'self-heal-bench-apply-'))
  try {
    const rows: Array<{ case: string; oursMs: number; gitMs: number; refused: boolean; memoryMB?: number }> =
      []

    const text = join(dir, 'text')
    const files: Record<string, string> = {}
    const changed: Record<string, string> = {}
    for (let i = 0; i < 1000; i++) {
      files[`pkg${i % 10}/file-${i}.ts`] = `export const v${i} = ${i}\n`.repeat(20)
      changed[`pkg${i % 10}/file-${i}.ts`] =
        `export const v${i} = ${i + 1}\n` + files[`pkg${i % 10}/file-${i}.ts`]
    }
    const textDiff = await prepare(text, files, changed)
    const a = await ours(text, textDiff)
    const b = await theirs(text, textDiff)
    rows.push({ case: '1,000 text files', oursMs: a.ms, gitMs: b.ms, refused: Boolean(a.error) })

    const binary = join(dir, 'binary')
    const big = Buffer.alloc(5 * 1024 * 1024)
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24
    const edited = Buffer.from(big)
    edited.fill(7, 1000, 5000)
    const binaryDiff = await prepare(binary, { 'big.bin': big }, { 'big.bin': edited })
    const c = await ours(binary, binaryDiff)
    const d = await theirs(binary, binaryDiff)
    rows.push({ case: '5 MB binary delta', oursMs: c.ms, gitMs: d.ms, refused: Boolean(c.error) })

    const bombPatch = binaryPatch('bomb.bin', 'literal', 16, await deflatedZeros(1024 * 1024 * 1024))
    // A delta for a new (empty) file: source size 0, target size 2^40, then one inserted byte.
    const delta = Buffer.from([0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x01, 0x41])
    const hugeDelta = binaryPatch('huge.bin', 'delta', delta.length, deflateSync(delta))
    for (const [name, patch] of [
      [`compression bomb (${(bombPatch.length / 1e6).toFixed(2)} MB patch, 1 GB inflated)`, bombPatch],
      ['delta declaring a 1 TB result', hugeDelta]
    ] as const) {
      // How far the refusal pushed the peak resident size past the peak the benchmark had reached (tens of MB).
      const before = process.resourceUsage().maxRSS
      const e = await ours(binary, patch)
      const memoryMB = (process.resourceUsage().maxRSS - before) / 1024
      const g = await theirs(binary, patch)
      rows.push({ case: name, oursMs: e.ms, gitMs: g.ms, refused: Boolean(e.error), memoryMB })
    }

    const table = [
      ['case', 'ours ms', 'git apply ms', 'refused', 'peak +MB'],
      ...rows.map(r => [
        r.case,
        r.oursMs.toFixed(0),
        r.gitMs.toFixed(0),
        r.refused ? 'yes' : 'no',
        r.memoryMB === undefined ? '' : r.memoryMB.toFixed(1)
      ])
    ]
    const widths = table[0].map((_, i) => Math.max(...table.map(r => r[i].length)))
    for (const r of table)
      console.log(r.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '))
    return { rows }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
