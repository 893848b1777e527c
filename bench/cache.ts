/**
 * Cache benchmark: throughput and event-loop delay of the SQLite cache (node:sqlite in a worker) under 100,000
 * mixed operations, side by side with the same load on a synchronous node:sqlite connection on the main thread
 * (same file settings: WAL, synchronous=NORMAL, busy timeout; one statement per call, as a per-call API does).
 *
 * The load is a server's: operations arrive in waves of WAVE calls issued in one turn of the event loop (as the
 * requests of one tick would), and the next wave comes in the next turn. Event-loop delay is sampled with
 * `perf_hooks.monitorEventLoopDelay` at a 1 ms resolution and reported as the delay beyond that resolution.
 * The two sides run in alternating rounds (ROUNDS of each, fresh files each time) and each side reports its
 * median round by p99, so a burst of load from other processes on the machine does not decide the comparison.
 * The table also shows the floor: the same driver with a cache that does nothing, i.e. the delay the machine and
 * the driver cause by themselves (on a loaded machine, the adapter's p99 sits at that floor).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { DatabaseSync } from 'node:sqlite'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { CacheAdapter, JsonValue } from '../src/adapters/cache.js'
import { SqliteCacheAdapter } from '../src/adapters/cache/sqlite.js'

/** Operations per run. */
const OPERATIONS = 100_000
/** Calls issued per turn of the event loop. */
const WAVE = 100
/** Distinct keys. */
const KEYS = 10_000
const RESOLUTION_MS = 1
/** Rounds per side. */
const ROUNDS = 3

/** One side's measurements. */
export interface CacheBenchSide {
  /** Operations per second over the whole run. */
  opsPerSecond: number
  /** Event-loop delay during the run, in ms beyond the sampling resolution. */
  eventLoopDelayMs: { p50: number; p99: number; max: number }
}

/** The benchmark's JSON result. */
export interface CacheBenchResult {
  /** The SQLite cache adapter (worker thread). */
  adapter: CacheBenchSide
  /** A synchronous node:sqlite connection on the main thread. */
  baseline: CacheBenchSide
}

/** The same key/value API over a synchronous connection: what a cache without a worker looks like. */
class SyncSqliteCache {
  private readonly db: DatabaseSync
  private readonly getStatement
  private readonly setStatement
  private readonly deleteStatement

  constructor(path: string) {
    this.db = new DatabaseSync(path)
    this.db.exec('PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL')
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, expires_at INTEGER NOT NULL)'
    )
    this.getStatement = this.db.prepare('SELECT value, expires_at FROM entries WHERE key = ?')
    this.setStatement = this.db.prepare(
      'INSERT INTO entries (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at'
    )
    this.deleteStatement = this.db.prepare('DELETE FROM entries WHERE key = ?')
  }

  async get(key: string): Promise<JsonValue | undefined> {
    const row = this.getStatement.get(key) as { value: string; expires_at: number } | undefined
    return row && row.expires_at > Date.now() ? (JSON.parse(row.value) as JsonValue) : undefined
  }

  async set(key: string, value: JsonValue, ttlSeconds = 3600): Promise<void> {
    this.setStatement.run(key, JSON.stringify(value), Date.now() + ttlSeconds * 1000)
  }

  async delete(key: string): Promise<void> {
    this.deleteStatement.run(key)
  }

  async close(): Promise<void> {
    this.db.close()
  }
}

/** What the load drives: the cache API, minus get's type parameter. */
interface Target {
  get(key: string): Promise<unknown>
  set: CacheAdapter['set']
  delete: CacheAdapter['delete']
  close: CacheAdapter['close']
}

/** A cache that does nothing: what the driver and the machine cost by themselves. */
const nothing: Target = {
  get: async () => undefined,
  set: async () => undefined,
  delete: async () => undefined,
  close: async () => undefined
}

/** A deterministic mix: 50% get, 40% set, 10% delete, over KEYS keys (xorshift, so both sides get the same). */
function* operations(): Generator<[0 | 1 | 2, string, JsonValue]> {
  let state = 0x2545f491
  for (let i = 0; i < OPERATIONS; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    const r = (state >>> 0) % 100
    const key = `fingerprint/${(state >>> 0) % KEYS}`
    const op = r < 50 ? 0 : r < 90 ? 1 : 2
    yield [
      op,
      key,
      op === 1
        ? {
            diff: `--- a/file\n+++ b/file\n@@ -1 +1 @@\n-old ${i}\n+new ${i}\n`,
            fixer: 'eslint --fix',
            at: i
          }
        : null
    ]
  }
}

async function measure(target: Target): Promise<CacheBenchSide> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  const start = performance.now()
  let wave: Array<Promise<unknown>> = []
  for (const [op, key, value] of operations()) {
    wave.push(op === 0 ? target.get(key) : op === 1 ? target.set(key, value) : target.delete(key))
    if (wave.length === WAVE) {
      await Promise.all(wave)
      wave = []
      await nextTurn()
    }
  }
  await Promise.all(wave)
  const elapsed = performance.now() - start
  histogram.disable()
  await target.close()
  const ms = (ns: number): number => Math.round(Math.max(0, ns / 1e6 - RESOLUTION_MS) * 1000) / 1000
  return {
    opsPerSecond: Math.round(OPERATIONS / (elapsed / 1000)),
    eventLoopDelayMs: {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max)
    }
  }
}

/** Runs the benchmark, prints a table, and returns the JSON result. */
export async function run(options: { json: boolean }): Promise<CacheBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cache-'))
  try {
    const adapterRounds: CacheBenchSide[] = []
    const baselineRounds: CacheBenchSide[] = []
    const floorRounds: CacheBenchSide[] = []
    for (let round = 0; round < ROUNDS; round++) {
      adapterRounds.push(
        await measure(await SqliteCacheAdapter.open({ path: join(dir, `adapter-${round}.sqlite`) }))
      )
      baselineRounds.push(await measure(new SyncSqliteCache(join(dir, `baseline-${round}.sqlite`))))
      floorRounds.push(await measure(nothing))
    }
    const adapter = median(adapterRounds)
    const baseline = median(baselineRounds)
    const floor = median(floorRounds)
    const result = { adapter, baseline }
    if (!options.json) {
      const row = (name: string, side: CacheBenchSide): string =>
        `${name.padEnd(34)}${String(side.opsPerSecond).padStart(12)}${[
          side.eventLoopDelayMs.p50,
          side.eventLoopDelayMs.p99,
          side.eventLoopDelayMs.max
        ]
          .map(v => v.toFixed(3).padStart(10))
          .join('')}`
      process.stdout.write(
        `cache: ${OPERATIONS} mixed operations (50% get, 40% set, 10% delete), ${WAVE} per event-loop turn, median of ${ROUNDS} rounds\n` +
          `${'implementation'.padEnd(34)}${'ops/s'.padStart(12)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}\n` +
          `${row('sqlite adapter (worker thread)', adapter)}\n${row('sync node:sqlite (main thread)', baseline)}\n` +
          `${row('floor (a cache that does nothing)', floor)}\n` +
          `p99 event-loop delay: ${ratio(baseline.eventLoopDelayMs.p99, adapter.eventLoopDelayMs.p99)} lower with the worker\n`
      )
    }
    return result
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function median(rounds: CacheBenchSide[]): CacheBenchSide {
  return [...rounds].sort((a, b) => a.eventLoopDelayMs.p99 - b.eventLoopDelayMs.p99)[
    Math.floor(rounds.length / 2)
  ]
}

function ratio(baseline: number, adapter: number): string {
  if (adapter === 0) return baseline === 0 ? '1x' : '>1000x'
  return `${(baseline / adapter).toFixed(1)}x`
}

// Run directly: `npx tsx bench/cache.ts [--json]`.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const json = process.argv.includes('--json')
  const result = await run({ json })
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`)
}
