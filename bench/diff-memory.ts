/**
 * Memory of parsing a large diff, as CLOUD `apply` does before it reads any base file: a generated diff of about
 * SIZE_MB (text hunks of short lines, as code is, and a few binary literals) parsed by parseGitDiff in a fresh
 * child process, read from its file as bytes (as the CLI and the action read a patch file) and as text (as they
 * read it before: the text and the bytes made of it are two more copies).
 * Reported: the child's peak RSS above what it had before reading the file, and the heap and buffers the parsed
 * patches keep, each over the diff's size. Target: peak ≤ 3× the diff.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import { encodeBase85 } from '../src/diff/base85.js'
import { parseGitDiff } from '../src/diff/parse.js'

const SIZE_MB = 60
const TARGET = 3

interface Row {
  input: 'bytes' | 'text'
  diffMB: number
  lines: number
  parseMs: number
  peakRssMB: number
  peakRatio: number
  retainedMB: number
  retainedRatio: number
}

/** A diff of about `bytes` bytes: files of 3-line-context hunks around one changed line, 1 in 50 files binary. */
function generateDiff(bytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let file = 0; size < bytes; file++) {
    const path = `src/module-${file % 97}/file-${file}.ts`
    let part = `diff --git a/${path} b/${path}\nindex 0123456..89abcde 100644\n`
    if (file % 50 === 49) {
      const content = Buffer.alloc(64 * 1024)
      for (let i = 0; i < content.length; i++) content[i] = (i * 7919 + file) & 0xff
      const deflated = deflateSync(content)
      part += `GIT binary patch\nliteral ${content.length}\n`
      for (let i = 0; i < deflated.length; i += 52) {
        const piece = deflated.subarray(i, i + 52)
        const length = piece.length <= 26 ? 64 + piece.length : 96 + piece.length - 26
        part += `${String.fromCharCode(length)}${encodeBase85(piece)}\n`
      }
      part += '\nliteral 0\nHcmV?d00001\n\n'
    } else {
      part += `--- a/${path}\n+++ b/${path}\n`
      for (let hunk = 0; hunk < 60; hunk++) {
        const at = hunk * 20 + 1
        part += `@@ -${at},7 +${at},7 @@ export function f${hunk}() {\n`
        for (let i = 0; i < 3; i++) part += `   const value${i} = compute(${hunk}, ${i}) // context\n`
        part += `-  return value0 + value1 + value2 // the old line ${hunk}\n`
        part += `+  return value0 * value1 * value2 // the new line ${hunk}\n`
        for (let i = 3; i < 6; i++) part += `   const value${i} = compute(${hunk}, ${i}) // context\n`
      }
    }
    parts.push(part)
    size += part.length
  }
  return parts.join('')
}

/** The child: reads the diff, parses it, and prints what it measured as JSON. */
async function child(path: string, input: Row['input']): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!
  gc()
  const before = process.memoryUsage()
  const start = performance.now()
  const diff = input === 'text' ? await readFile(path, 'utf8') : await readFile(path)
  const patches = parseGitDiff(diff)
  const parseMs = performance.now() - start
  const peakRss = process.resourceUsage().maxRSS * 1024
  gc()
  const after = process.memoryUsage()
  let lines = 0
  for (const patch of patches) for (const hunk of patch.hunks) lines += hunk.lines.length
  process.stdout.write(
    JSON.stringify({
      parseMs,
      lines,
      peakRss: peakRss - before.rss,
      // What the patches keep (the input included: a parse that copies nothing keeps it).
      retained: after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)
    })
  )
}

const round = (n: number) => Math.round(n * 100) / 100
const MB = 1024 * 1024

/** Runs the diff-memory benchmark. */
export async function run(): Promise<{ targetRatio: number; rows: Row[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'self-heal-bench-diff-'))
  try {
    const path = join(dir, 'big.diff')
    await writeFile(path, generateDiff(SIZE_MB * MB))
    const size = (await readFile(path)).length
    const rows: Row[] = []
    for (const input of ['bytes', 'text'] as const) {
      const result = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', path, input],
        { encoding: 'utf8', maxBuffer: 1024 * 1024 }
      )
      if (result.status !== 0) throw new Error(`the measuring child failed: ${result.stderr}`)
      const measured = JSON.parse(result.stdout) as {
        parseMs: number
        lines: number
        peakRss: number
        retained: number
      }
      rows.push({
        input,
        diffMB: round(size / MB),
        lines: measured.lines,
        parseMs: Math.round(measured.parseMs),
        peakRssMB: round(measured.peakRss / MB),
        peakRatio: round(measured.peakRss / size),
        retainedMB: round(measured.retained / MB),
        retainedRatio: round(measured.retained / size)
      })
    }
    console.log(
      `diff-memory: parseGitDiff of a generated diff in a child process; target peak ≤ ${TARGET}× the diff`
    )
    console.table(rows)
    return { targetRatio: TARGET, rows }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4] as Row['input'])
