/**
 * Opening the SQLite cache at 1,000 and at 100,000 entries (SqliteCacheAdapter.open until ready, then the first
 * get), each opened ROUNDS times, the sizes interleaved. Side by side: what `PRAGMA quick_check` (the integrity
 * check an open used to run) costs on the same file. Target: the open's ratio between the sizes ≈ 1, where the
 * check grows with the file.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { DatabaseSync } from 'node:sqlite'
import { SqliteCacheAdapter } from '../src/adapters/cache/sqlite.js'

const SIZES = [1_000, 100_000]
const ROUNDS = 15
/** Writes per batch while filling: a batch is one transaction. */
const FILL_BATCH = 10_000

interface Row {
  entries: number
  openMs: number
  firstGetMs: number
  quickCheckMs: number
}

async function fill(path: string, entries: number): Promise<void> {
  const cache = await SqliteCacheAdapter.open({ path })
  try {
    const value = { fingerprint: 'x'.repeat(16), diff: 'y'.repeat(200) }
    for (let start = 0; start < entries; start += FILL_BATCH) {
      const writes = []
      for (let i = start; i < Math.min(entries, start + FILL_BATCH); i++)
        writes.push(cache.set(`key-${i}`, value))
      await Promise.all(writes)
    }
  } finally {
    await cache.close()
  }
}

async function openOnce(path: string, key: string): Promise<{ openMs: number; firstGetMs: number }> {
  const start = performance.now()
  const cache = await SqliteCacheAdapter.open({ path })
  const opened = performance.now()
  try {
    if ((await cache.get(key)) === undefined) throw new Error(`${key} is missing from ${path}`)
    return { openMs: opened - start, firstGetMs: performance.now() - opened }
  } finally {
    await cache.close()
  }
}

function quickCheck(path: string): number {
  const db = new DatabaseSync(path)
  try {
    const start = performance.now()
    const verdict = Object.values(db.prepare('PRAGMA quick_check').get() ?? {})[0]
    const ms = performance.now() - start
    if (verdict !== 'ok') throw new Error(`quick_check of ${path}: ${String(verdict)}`)
    return ms
  } finally {
    db.close()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const round = (n: number) => Math.round(n * 100) / 100

/** Runs the cache-open benchmark. */
export async function run(): Promise<{
  rounds: number
  rows: Row[]
  openRatio: number
  quickCheckRatio: number
}> {
  const dir = await mkdtemp(join(tmpdir(), 'self-heal-bench-open-'))
  try {
    const paths = SIZES.map(n => join(dir, `cache-${n}.sqlite`))
    for (const [i, n] of SIZES.entries()) await fill(paths[i], n)
    const samples = SIZES.map(() => ({ open: [] as number[], get: [] as number[], check: [] as number[] }))
    for (let r = 0; r < ROUNDS + 1; r++) {
      for (const [i, n] of SIZES.entries()) {
        const { openMs, firstGetMs } = await openOnce(paths[i], `key-${n - 1}`)
        const checkMs = quickCheck(paths[i])
        if (r === 0) continue // the first round warms the file cache
        samples[i].open.push(openMs)
        samples[i].get.push(firstGetMs)
        samples[i].check.push(checkMs)
      }
    }
    const rows = SIZES.map((entries, i) => ({
      entries,
      openMs: round(median(samples[i].open)),
      firstGetMs: round(median(samples[i].get)),
      quickCheckMs: round(median(samples[i].check))
    }))
    const last = rows.length - 1
    const openRatio = round(rows[last].openMs / rows[0].openMs)
    const quickCheckRatio = round(rows[last].quickCheckMs / rows[0].quickCheckMs)
    console.log(`cache-open: median of ${ROUNDS} opens each (worker start, WAL, purge of expired rows)`)
    console.table(rows)
    console.log(
      `open at ${SIZES[last].toLocaleString('en')} / ${SIZES[0].toLocaleString('en')} entries: ${openRatio}x ` +
        `(target ≈ 1); quick_check: ${quickCheckRatio}x`
    )
    return { rounds: ROUNDS, rows, openRatio, quickCheckRatio }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
