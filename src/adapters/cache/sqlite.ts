/**
 * The SQLite CacheAdapter (LOCAL): `node:sqlite` in a worker thread, so no call blocks the event loop. Calls made
 * in the same turn of the event loop travel to the worker as one message and run as one transaction, in call
 * order. WAL mode and a busy timeout let several processes share one file; expired rows are purged on open, on
 * close and every minute of writes; a damaged, unreadable or read-only file is moved aside with a warning and a fresh one is made.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { CacheAdapter, JsonValue } from '../cache.js'
import {
  CacheClosedError,
  CacheUnavailableError,
  checkKey,
  checkTtl,
  parseValue,
  serializeValue,
  stderrLogger,
  type CacheLogger
} from './common.js'
import { SQLITE_WORKER_SOURCE } from './sqlite-worker-source.js'
import { SelfHealError } from '../../errors.js'

/** Options of the SQLite cache. */
export interface SqliteCacheOptions {
  /** The database file (default: defaultCachePath()). */
  path?: string
  /** How long a write waits for another process's lock, in ms (default 10,000). */
  busyTimeoutMs?: number
  /** The clock, in ms since the epoch. */
  now?: () => number
  /** Where warnings go (a damaged file moved aside). */
  logger?: CacheLogger
}

/**
 * The default database file: `self-heal/cache.sqlite` under the user's cache directory — `$XDG_CACHE_HOME` or
 * `~/.cache` on Linux and other Unix systems, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
 */
export function defaultCachePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir()
): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || join(home, 'AppData', 'Local')
    return join(base, 'self-heal', 'Cache', 'cache.sqlite')
  }
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'self-heal', 'cache.sqlite')
  // XDG says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(home, '.cache')
  return join(xdg, 'self-heal', 'cache.sqlite')
}

/** Whether this Node.js has `node:sqlite` without flags (22.13+, or 22.5+ started with --experimental-sqlite). */
export function isSqliteAvailable(): boolean {
  try {
    return process.getBuiltinModule?.('node:sqlite') !== undefined
  } catch {
    return false
  }
}

/** Operation kinds on the wire. */
const GET = 0
const SET = 1
const DELETE = 2

type Settle = [(value: unknown) => void, (error: Error) => void]

interface Batch {
  settles: Settle[]
  parse: boolean[]
  done: () => void
}

type WorkerMessage =
  | { type: 'ready'; movedAside?: { to: string; reason: string } }
  | { type: 'failed'; code: 'unavailable' | 'open'; message: string }
  | {
      type: 'batch'
      id: number
      found?: Array<string | null>
      error?: string
      warnings: Array<{ to: string; reason: string }>
    }
  | { type: 'closed' }

/** The largest number of operations sent to the worker in one message (one transaction). */
const MAX_BATCH = 512
/** A batch is sent early once its values reach this many characters, so no message grows without bound. */
const MAX_BATCH_CHARS = 8 * 1024 * 1024

/** The SQLite cache. Build it with `SqliteCacheAdapter.open()`, which waits until the database is usable. */
export class SqliteCacheAdapter implements CacheAdapter {
  /** See CacheAdapter.kind. */
  readonly kind = 'sqlite'
  /** The database file. */
  readonly path: string
  private readonly worker: Worker
  private readonly now: () => number
  private readonly logger: CacheLogger
  // The next batch, as the flat arrays the worker takes (cheap to copy, little garbage on this thread).
  private kinds: number[] = []
  private keys: string[] = []
  private texts: Array<string | null> = []
  private times: number[] = []
  private settles: Settle[] = []
  private parse: boolean[] = []
  private queuedChars = 0
  private inFlight = new Map<number, Batch>()
  private batches = new Set<Promise<void>>()
  private nextId = 1
  private scheduled = false
  private closing: Promise<void> | undefined
  private failure: Error | undefined

  private constructor(path: string, worker: Worker, now: () => number, logger: CacheLogger) {
    this.path = path
    this.worker = worker
    this.now = now
    this.logger = logger
  }

  /**
   * Opens (or creates) the database in a worker. Rejects with CacheUnavailableError when `node:sqlite` is missing
   * (Node.js < 22.5) so the factory can fall back to memory, and with a SelfHealError when the file cannot be used.
   */
  static async open(options: SqliteCacheOptions = {}): Promise<SqliteCacheAdapter> {
    const path = options.path ?? defaultCachePath()
    const now = options.now ?? Date.now
    const logger = options.logger ?? stderrLogger
    if (!isSqliteAvailable()) {
      throw new CacheUnavailableError(
        `The SQLite cache needs node:sqlite, which Node.js ${process.version} does not have: use Node.js 22.13 or later.`
      )
    }
    const worker = new Worker(SQLITE_WORKER_SOURCE, {
      eval: true,
      workerData: { path, busyTimeoutMs: options.busyTimeoutMs ?? 10_000, now: now() },
      stderr: false,
      stdout: false
    })
    const first = await new Promise<WorkerMessage>((resolve, reject) => {
      const onExit = (code: number): void =>
        reject(new SelfHealError(`The SQLite cache worker exited with code ${code}.`))
      worker.once('error', reject)
      worker.once('exit', onExit)
      worker.once('message', (message: WorkerMessage) => {
        worker.off('error', reject)
        worker.off('exit', onExit)
        resolve(message)
      })
    })
    if (first.type === 'failed') {
      await worker.terminate()
      if (first.code === 'unavailable')
        throw new CacheUnavailableError(`The SQLite cache is unavailable: ${first.message}`)
      throw new SelfHealError(
        `The SQLite cache at ${path} cannot be opened: ${first.message}. Check the directory's permissions or choose another path.`
      )
    }
    const adapter = new SqliteCacheAdapter(path, worker, now, logger)
    if (first.type === 'ready' && first.movedAside) adapter.warnMovedAside(first.movedAside)
    adapter.listen()
    // An idle adapter must not keep the process alive; a pending operation does (flush() refs the worker).
    worker.unref()
    return adapter
  }

  /** See CacheAdapter.get. */
  get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    try {
      checkKey(key)
    } catch (error) {
      return Promise.reject(error)
    }
    return this.enqueue(GET, key, null, this.now()) as Promise<T | undefined>
  }

  /** See CacheAdapter.set. */
  set(key: string, value: JsonValue, ttlSeconds?: number): Promise<void> {
    let text: string
    let ttl: number
    try {
      checkKey(key)
      ttl = checkTtl(ttlSeconds)
      text = serializeValue(key, value)
    } catch (error) {
      return Promise.reject(error)
    }
    return this.enqueue(SET, key, text, this.now() + ttl * 1000) as Promise<void>
  }

  /** See CacheAdapter.delete. */
  delete(key: string): Promise<void> {
    try {
      checkKey(key)
    } catch (error) {
      return Promise.reject(error)
    }
    return this.enqueue(DELETE, key, null, 0) as Promise<void>
  }

  /** Sends what is queued, waits for every operation to be committed, then closes the database and the worker. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.flush()
      await Promise.all([...this.batches])
      if (this.failure) return
      this.worker.ref()
      const closed = new Promise<void>(resolve => {
        this.worker.once('exit', () => resolve())
      })
      this.worker.postMessage({ type: 'close', now: this.now() })
      await closed
    })()
    return this.closing
  }

  /** Queues one operation; `time` is now for a get, the expiry for a set. Gets resolve with the parsed value. */
  private enqueue(kind: number, key: string, text: string | null, time: number): Promise<unknown> {
    if (this.closing) return Promise.reject(new CacheClosedError(this.kind))
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.kinds.push(kind)
      this.keys.push(key)
      this.texts.push(text)
      this.times.push(time)
      this.settles.push([resolve, reject])
      this.parse.push(kind === GET)
      this.queuedChars += key.length + (text?.length ?? 0)
      if (this.kinds.length >= MAX_BATCH || this.queuedChars >= MAX_BATCH_CHARS) this.flush()
      else if (!this.scheduled) {
        this.scheduled = true
        // Everything called in this turn of the event loop goes in one message.
        setImmediate(() => this.flush())
      }
    })
  }

  private flush(): void {
    this.scheduled = false
    if (this.kinds.length === 0 || this.failure) return
    const message = {
      type: 'batch',
      id: this.nextId++,
      kinds: this.kinds,
      keys: this.keys,
      texts: this.texts,
      times: this.times,
      now: this.now()
    }
    let done = (): void => undefined
    const finished = new Promise<void>(resolve => (done = resolve))
    this.batches.add(finished)
    void finished.then(() => this.batches.delete(finished))
    this.inFlight.set(message.id, { settles: this.settles, parse: this.parse, done })
    this.clearQueue()
    this.worker.ref()
    this.worker.postMessage(message)
  }

  /** Starts the next batch empty (the arrays of the last one now belong to its message and its settlers). */
  private clearQueue(): void {
    this.kinds = []
    this.keys = []
    this.texts = []
    this.times = []
    this.settles = []
    this.parse = []
    this.queuedChars = 0
  }

  private listen(): void {
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'batch') return
      const batch = this.inFlight.get(message.id)
      this.inFlight.delete(message.id)
      if (this.inFlight.size === 0) this.worker.unref()
      for (const warning of message.warnings) this.warnMovedAside(warning)
      if (!batch) return
      if (message.error !== undefined || !message.found) {
        const error = new SelfHealError(`The SQLite cache at ${this.path} failed: ${message.error}`)
        for (const [, reject] of batch.settles) reject(error)
      } else {
        const found = message.found
        for (let i = 0; i < batch.settles.length; i++) {
          const text = found[i]
          batch.settles[i][0](batch.parse[i] && text !== null ? parseValue(text) : undefined)
        }
      }
      batch.done()
    })
    const fail = (error: Error): void => {
      this.failure ??= new SelfHealError(`The SQLite cache worker stopped: ${error.message}`)
      for (const batch of this.inFlight.values()) {
        for (const [, reject] of batch.settles) reject(this.failure)
        batch.done()
      }
      this.inFlight.clear()
      for (const [, reject] of this.settles) reject(this.failure)
      this.clearQueue()
    }
    this.worker.on('error', fail)
    this.worker.on('exit', code => {
      if (!this.closing) fail(new Error(`it exited with code ${code}`))
    })
  }

  private warnMovedAside(moved: { to: string; reason: string }): void {
    this.logger.warning(
      `The cache database ${this.path} could not be used (${moved.reason}); it was moved aside to ${moved.to} and a fresh one was made.`
    )
  }
}
