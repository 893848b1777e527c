/**
 * The GitHub Actions cache as a CacheAdapter (CI, and CLOUD when the runtime offers it), write-back:
 *
 * - The Actions cache stores immutable archives by key, so the whole cache is one JSON snapshot file. On first
 *   use the newest snapshot whose key starts with `<namespace>-cache-v1-` is restored (one restore per job);
 *   after that every get/set/delete is served from memory, so a process reads its own writes.
 * - Keys are stored hashed (SHA-256, fixed length); a delete is a tombstone; TTL is enforced on read.
 * - One new snapshot is saved per job, under `<namespace>-cache-v1-<run id>-<run attempt>-<job>`.
 *
 * Main and post steps are separate processes. With `saveOn: 'post-step'` (the action's mode) close() only writes
 * the snapshot and a small state file under `$RUNNER_TEMP/self-heal-cache/`; the post step calls
 * saveSnapshotInPost(), which reads them back and saves the snapshot once. A later main step of the same job
 * loads that local snapshot instead of restoring again. With `saveOn: 'close'` (CLI, scripts) close() saves.
 *
 * `saveCache` reports most failures by logging and returning -1, so the adapter listens to what it logs and says
 * why in one warning (already exists, write denied, rate limited); a failed save never fails the job and never
 * leaves a partial snapshot behind (only finalized entries are visible, and a snapshot is validated on restore).
 * Without the service (no ACTIONS_RESULTS_URL, no runtime token, cache mode `none`) it degrades to memory and says
 * so once; with cache mode `read` it restores but keeps changes in memory.
 */
import * as core from '../../actions-core.js'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { CacheAdapter, JsonValue } from '../cache.js'
import {
  CacheClosedError,
  checkKey,
  checkTtl,
  hashKey,
  parseValue,
  serializeValue,
  type CacheLogger
} from './common.js'
import { MemoryCacheAdapter } from './memory.js'
import { ConfigurationError, errorMessage } from '../../errors.js'

/** The snapshot file's format marker and version. */
const SNAPSHOT_FORMAT = 'self-heal-cache-snapshot'
const SNAPSHOT_VERSION = 1

/**
 * `@actions/cache` (with the Azure SDK) takes a few hundred ms to import: it is loaded on first restore or save, so
 * LOCAL runs and jobs that never touch the cache do not pay for it.
 */
const actionsCache = (): Promise<typeof import('@actions/cache')> => import('@actions/cache')

/** A logger over `@actions/core` (the default: lines land in the job's log, warnings as annotations). */
export const actionsCoreLogger: CacheLogger = { info: m => core.info(m), warning: m => core.warning(m) }

/** Options of the Actions cache adapter. */
export interface ActionsCacheOptions {
  /**
   * The environment the adapter reads (default process.env): RUNNER_TEMP, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT,
   * GITHUB_JOB and the cache service settings. `@actions/cache` itself always reads process.env.
   */
  env?: NodeJS.ProcessEnv
  /** Separates independent caches in one repository (default `self-heal`; letters, digits, `.`, `_`, `-`). */
  namespace?: string
  /** `post-step` (default): close() writes local files for saveSnapshotInPost(); `close`: close() saves. */
  saveOn?: 'post-step' | 'close'
  /** The clock, in ms since the epoch. */
  now?: () => number
  /** Where the adapter reports (default: `@actions/core` info and warning). */
  logger?: CacheLogger
  /** The largest snapshot saved, in bytes of JSON (default 64 MiB): past it, the soonest-expiring entries go. */
  maxSnapshotBytes?: number
  /** `pass-through` (default) lets `@actions/cache`'s own log lines through; `capture-only` keeps them quiet. */
  libraryOutput?: 'pass-through' | 'capture-only'
}

/** What the environment offers. */
export interface ActionsCacheAvailability {
  /** Whether snapshots can be restored. */
  readable: boolean
  /** Whether snapshots can be saved. */
  writable: boolean
  /** Why not (when not both), in words for the log. */
  reason?: string
}

/** How a save ended. */
export interface SaveOutcome {
  /** `saved`, `nothing-to-save`, or why it was not saved. */
  outcome:
    | 'saved'
    | 'nothing-to-save'
    | 'already-exists'
    | 'write-denied'
    | 'rate-limited'
    | 'quota'
    | 'failed'
    | 'unavailable'
  /** The cache key, when a save was attempted. */
  key?: string
  /** The cache entry id, when saved. */
  cacheId?: number
}

/** [expiresAt, writtenAt, JSON text or null for a tombstone]. */
type SnapshotEntry = [number, number, string | null]

interface Snapshot {
  format: typeof SNAPSHOT_FORMAT
  version: typeof SNAPSHOT_VERSION
  savedAt: number
  entries: Record<string, SnapshotEntry>
}

interface LocalState {
  identity: string
  /** Snapshots this job saved so far: the next one's key gets `-<saves + 1>` (a CLI run twice in one job). */
  saves: number
  dirty: boolean
  writtenAt: number
}

interface Layout {
  namespace: string
  prefix: string
  key: string
  identity: string
  snapshotPath: string
  statePath: string
}

/**
 * What the Actions cache offers in `env`, with the rules of `@actions/cache` 6: service v2 (needs
 * ACTIONS_RESULTS_URL) when ACTIONS_CACHE_SERVICE_V2 is set and the server is not GHES, else v1 (needs
 * ACTIONS_CACHE_URL); ACTIONS_RUNTIME_TOKEN and RUNNER_TEMP always; ACTIONS_CACHE_MODE limits reads and writes.
 */
export function actionsCacheAvailability(env: NodeJS.ProcessEnv = process.env): ActionsCacheAvailability {
  const none = (reason: string): ActionsCacheAvailability => ({ readable: false, writable: false, reason })
  const v2 = !isGhes(env.GITHUB_SERVER_URL) && Boolean(env.ACTIONS_CACHE_SERVICE_V2)
  if (!env.ACTIONS_RESULTS_URL && !env.ACTIONS_CACHE_URL) return none('ACTIONS_RESULTS_URL is not set')
  if (v2 && !env.ACTIONS_RESULTS_URL) return none('ACTIONS_RESULTS_URL is not set')
  if (!v2 && !env.ACTIONS_CACHE_URL) return none('ACTIONS_CACHE_URL is not set (cache service v1)')
  if (!env.ACTIONS_RUNTIME_TOKEN) return none('ACTIONS_RUNTIME_TOKEN is not set')
  if (!env.RUNNER_TEMP) return none('RUNNER_TEMP is not set')
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase()
  if (mode === 'none') return none("the cache mode is 'none'")
  if (mode === 'read') return { readable: true, writable: false, reason: "the cache mode is 'read'" }
  if (mode === 'write-only')
    return { readable: false, writable: true, reason: "the cache mode is 'write-only'" }
  return { readable: true, writable: true }
}

function isGhes(serverUrl: string | undefined): boolean {
  const host = new URL(serverUrl || 'https://github.com').hostname.toUpperCase()
  return host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST')
}

function layoutFor(env: NodeJS.ProcessEnv, namespace = 'self-heal'): Layout {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(namespace)) {
    throw new ConfigurationError(
      `The cache namespace '${namespace}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'.`
    )
  }
  const temp = env.RUNNER_TEMP
  if (!temp)
    throw new ConfigurationError('RUNNER_TEMP is not set: the Actions cache needs a runner temp directory.')
  const runId = safe(env.GITHUB_RUN_ID || `local-${process.pid}`)
  const attempt = safe(env.GITHUB_RUN_ATTEMPT || '1')
  const job = safe(env.GITHUB_JOB || 'job')
  const prefix = `${namespace}-cache-v1-`
  const identity = `${runId}-${attempt}-${job}`
  const root = join(temp, 'self-heal-cache')
  return {
    namespace,
    prefix,
    key: `${prefix}${identity}`,
    identity,
    // The path is part of the cache version: it must be the same string in every job that shares snapshots
    // (RUNNER_TEMP is the same path on every GitHub-hosted runner of one operating system).
    snapshotPath: join(root, namespace, 'snapshot.json'),
    statePath: join(root, `${namespace}.state.json`)
  }
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)
}

/** The Actions cache adapter. */
export class ActionsCacheAdapter implements CacheAdapter {
  /** See CacheAdapter.kind: `actions-cache`, or `memory` when the service is missing (see availability). */
  readonly kind: string
  /** What the environment offers. */
  readonly availability: ActionsCacheAvailability
  private readonly env: NodeJS.ProcessEnv
  private readonly now: () => number
  private readonly logger: CacheLogger
  private readonly saveOn: 'post-step' | 'close'
  private readonly maxSnapshotBytes: number
  private readonly quiet: boolean
  private readonly layout: Layout | undefined
  private readonly fallback: MemoryCacheAdapter | undefined
  private entries = new Map<string, SnapshotEntry>()
  private loaded: Promise<void> | undefined
  private dirty = false
  private saves = 0
  private told = false
  private closing: Promise<void> | undefined

  constructor(options: ActionsCacheOptions = {}) {
    this.env = options.env ?? process.env
    this.now = options.now ?? Date.now
    this.logger = options.logger ?? actionsCoreLogger
    this.saveOn = options.saveOn ?? 'post-step'
    this.maxSnapshotBytes = options.maxSnapshotBytes ?? 64 * 1024 * 1024
    this.quiet = options.libraryOutput === 'capture-only'
    this.availability = actionsCacheAvailability(this.env)
    if (this.availability.readable || this.availability.writable) {
      this.layout = layoutFor(this.env, options.namespace)
      this.kind = 'actions-cache'
    } else {
      this.fallback = new MemoryCacheAdapter({ now: this.now })
      this.kind = 'memory'
    }
  }

  /** The key this adapter's next snapshot is saved under (undefined when degraded to memory). */
  get snapshotKey(): string | undefined {
    return this.layout && saveKey(this.layout, this.saves)
  }

  /** See CacheAdapter.get. */
  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    checkKey(key)
    if (this.fallback) {
      this.tellOnce()
      return this.fallback.get<T>(key)
    }
    await this.ready()
    const entry = this.entries.get(hashKey(key))
    if (!entry || entry[2] === null || entry[0] <= this.now()) return undefined
    return parseValue<T>(entry[2])
  }

  /** See CacheAdapter.set. */
  async set(key: string, value: JsonValue, ttlSeconds?: number): Promise<void> {
    checkKey(key)
    const ttl = checkTtl(ttlSeconds)
    const text = serializeValue(key, value)
    if (this.fallback) {
      this.tellOnce()
      return this.fallback.set(key, value, ttl)
    }
    await this.ready()
    const now = this.now()
    this.entries.set(hashKey(key), [now + ttl * 1000, now, text])
    this.dirty = true
  }

  /** See CacheAdapter.delete: leaves a tombstone that lives as long as the value it hides would have. */
  async delete(key: string): Promise<void> {
    checkKey(key)
    if (this.fallback) {
      this.tellOnce()
      return this.fallback.delete(key)
    }
    await this.ready()
    const hashed = hashKey(key)
    const entry = this.entries.get(hashed)
    if (!entry || entry[2] === null) return
    this.entries.set(hashed, [entry[0], this.now(), null])
    this.dirty = true
  }

  /**
   * Writes the snapshot and the state file for the post step (saveOn `post-step`) or saves the snapshot now
   * (saveOn `close`). Does nothing when the cache was never used.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.fallback) return this.fallback.close()
      if (!this.loaded) return
      await this.loaded
      if (this.saveOn === 'close') await this.flush()
      else {
        try {
          await this.persist()
        } catch (error) {
          this.logger.warning(
            `The cache snapshot could not be written for the post step (${errorMessage(error)}): this job's changes are not saved.`
          )
        }
      }
      this.entries.clear()
    })()
    return this.closing
  }

  /** Saves a new snapshot now, if anything changed; the outcome is logged and returned, never thrown. */
  async flush(): Promise<SaveOutcome> {
    if (!this.layout || !this.loaded) return { outcome: 'nothing-to-save' }
    await this.loaded
    if (!this.dirty) return { outcome: 'nothing-to-save' }
    try {
      await this.persist()
    } catch (error) {
      this.logger.warning(
        `The cache snapshot was not saved: it could not be written (${errorMessage(error)}).`
      )
      return { outcome: 'failed', key: saveKey(this.layout, this.saves) }
    }
    const outcome = await saveSnapshot(this.layout, this.saves, this.availability, this.logger, this.quiet)
    if (outcome.outcome === 'saved') {
      this.dirty = false
      this.saves++
      await writeState(this.layout, { dirty: false, saves: this.saves })
    }
    return outcome
  }

  private ready(): Promise<void> {
    if (this.closing) return Promise.reject(new CacheClosedError('Actions'))
    // A restore that cannot even start (e.g. an unwritable RUNNER_TEMP) means an empty cache, not failed calls.
    this.loaded ??= this.load().catch(error => {
      this.entries.clear()
      this.logger.warning(
        `The cache snapshot could not be restored (${errorMessage(error)}): starting with an empty cache.`
      )
    })
    return this.loaded
  }

  private tellOnce(): void {
    if (this.closing) throw new CacheClosedError('Actions')
    if (this.told) return
    this.told = true
    this.logger.info(
      `The Actions cache is not available (${this.availability.reason}): self-heal's cache lives in memory for this process only.`
    )
  }

  private async load(): Promise<void> {
    const layout = this.layout!
    if (this.availability.reason) {
      this.logger.info(
        this.availability.writable
          ? `The Actions cache is write-only here (${this.availability.reason}): this job starts with an empty cache and saves its own snapshot.`
          : `The Actions cache is read-only here (${this.availability.reason}): entries come from the last snapshot, and changes stay in memory for this job.`
      )
    }
    // A snapshot written by an earlier step of this same job is newer than anything in the service.
    const state = await readState(layout)
    if (state && state.identity === layout.identity) {
      const local = await readSnapshot(layout.snapshotPath)
      if (local) {
        this.entries = new Map(Object.entries(local.entries))
        this.dirty = state.dirty
        this.saves = state.saves ?? 0
        return
      }
    }
    if (!this.availability.readable) return
    await rm(layout.snapshotPath, { force: true })
    await mkdir(dirname(layout.snapshotPath), { recursive: true })
    let restored: { value: string | undefined; output: string }
    try {
      restored = await captureStdout(
        async () => (await actionsCache()).restoreCache([layout.snapshotPath], layout.key, [layout.prefix]),
        this.quiet
      )
    } catch (error) {
      this.logger.warning(
        `The cache snapshot could not be restored (${errorMessage(error)}): starting with an empty cache.`
      )
      return
    }
    const { value: matched, output } = restored
    if (!matched) {
      const failure =
        /Failed to restore: (.*)/.exec(output)?.[1] ??
        (/cache read denied[^\n]*/.exec(output)?.[0] || undefined)
      if (failure)
        this.logger.warning(
          `The cache snapshot could not be restored (${failure.trim()}): starting with an empty cache.`
        )
      else
        this.logger.info(
          `No cache snapshot saved yet (key prefix ${layout.prefix}): starting with an empty cache.`
        )
      return
    }
    const snapshot = await readSnapshot(layout.snapshotPath)
    if (!snapshot) {
      this.logger.warning(
        `The cache snapshot ${matched} is not a valid snapshot and was ignored: starting with an empty cache.`
      )
      return
    }
    this.entries = new Map(Object.entries(snapshot.entries))
    this.logger.info(`Restored the cache snapshot ${matched} (${this.entries.size} entries).`)
  }

  private async persist(): Promise<void> {
    const layout = this.layout!
    const now = this.now()
    const live = [...this.entries].filter(([, entry]) => entry[0] > now)
    let text = JSON.stringify(snapshotOf(live, now))
    if (Buffer.byteLength(text) > this.maxSnapshotBytes) {
      // Keep what lives longest: the soonest-expiring entries are the cheapest to lose.
      live.sort((a, b) => b[1][0] - a[1][0])
      let bytes = Buffer.byteLength(text)
      let keep = live.length
      while (keep > 0 && bytes > this.maxSnapshotBytes) {
        keep--
        bytes -= Buffer.byteLength(JSON.stringify(live[keep])) + 1
      }
      this.logger.info(
        `The cache snapshot was over ${this.maxSnapshotBytes} bytes: ${live.length - keep} entries closest to expiry were dropped.`
      )
      text = JSON.stringify(snapshotOf(live.slice(0, keep), now))
    }
    await writeAtomically(layout.snapshotPath, text)
    await writeState(layout, { dirty: this.dirty, saves: this.saves })
  }
}

function snapshotOf(entries: Array<[string, SnapshotEntry]>, now: number): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    savedAt: now,
    entries: Object.fromEntries(entries)
  }
}

/**
 * The post step's half (a separate process from main): saves the snapshot that main's close() left under
 * RUNNER_TEMP, once, and logs what happened. Never throws: a failed save is a warning, not a failed job.
 */
export async function saveSnapshotInPost(
  options: Pick<ActionsCacheOptions, 'env' | 'namespace' | 'logger' | 'libraryOutput'> = {}
): Promise<SaveOutcome> {
  const env = options.env ?? process.env
  const logger = options.logger ?? actionsCoreLogger
  try {
    const availability = actionsCacheAvailability(env)
    if (!availability.readable && !availability.writable) return { outcome: 'unavailable' }
    const layout = layoutFor(env, options.namespace)
    const state = await readState(layout)
    if (!state || state.identity !== layout.identity || !state.dirty) {
      logger.info('The cache did not change in this job: no snapshot to save.')
      return { outcome: 'nothing-to-save' }
    }
    if (!(await readSnapshot(layout.snapshotPath))) {
      logger.warning(`The cache snapshot ${layout.snapshotPath} is missing or damaged: nothing was saved.`)
      return { outcome: 'failed', key: saveKey(layout, state.saves ?? 0) }
    }
    const saves = state.saves ?? 0
    const outcome = await saveSnapshot(
      layout,
      saves,
      availability,
      logger,
      options.libraryOutput === 'capture-only'
    )
    if (outcome.outcome === 'saved') await writeState(layout, { dirty: false, saves: saves + 1 })
    return outcome
  } catch (error) {
    logger.warning(`The cache snapshot was not saved: ${errorMessage(error)}.`)
    return { outcome: 'failed' }
  }
}

/** The key of a job's next snapshot: the job's key, then `-2`, `-3`... for later saves in the same job. */
function saveKey(layout: Layout, saves: number): string {
  return saves === 0 ? layout.key : `${layout.key}-${saves + 1}`
}

async function saveSnapshot(
  layout: Layout,
  saves: number,
  availability: ActionsCacheAvailability,
  logger: CacheLogger,
  quiet: boolean
): Promise<SaveOutcome> {
  const key = saveKey(layout, saves)
  if (!availability.writable) {
    logger.info(`The cache snapshot was not saved: ${availability.reason}.`)
    return { outcome: 'write-denied', key }
  }
  let id: number
  let output: string
  try {
    ;({ value: id, output } = await captureStdout(
      async () => (await actionsCache()).saveCache([layout.snapshotPath], key),
      quiet
    ))
  } catch (error) {
    logger.warning(
      `The cache snapshot was not saved (key ${key}): ${errorMessage(error)}. The next run restores the previous snapshot.`
    )
    return { outcome: 'failed', key }
  }
  if (id !== -1) {
    logger.info(`Saved the cache snapshot ${key}.`)
    return { outcome: 'saved', key, cacheId: id }
  }
  const next = 'The next run restores the previous snapshot.'
  if (/cache write denied|does not permit writes/i.test(output)) {
    logger.warning(
      `The cache snapshot was not saved: write denied — this job's cache token is read-only (key ${key}). ${next}`
    )
    return { outcome: 'write-denied', key }
  }
  if (/\(429\)|rate limit/i.test(output)) {
    const seconds = /reset in (\d+) seconds/.exec(output)?.[1]
    logger.warning(
      `The cache snapshot was not saved: rate limited by the Actions cache service${seconds ? ` (retry after ${seconds} s)` : ''} (key ${key}). ${next}`
    )
    return { outcome: 'rate-limited', key }
  }
  if (/already exists|\(409\)/i.test(output)) {
    logger.warning(
      `The cache snapshot was not saved: the key ${key} already exists (another job with the same run, attempt and job name saved it first). The next run restores that snapshot.`
    )
    return { outcome: 'already-exists', key }
  }
  if (/storage quota|insufficient usage/i.test(output)) {
    logger.warning(
      `The cache snapshot was not saved: the repository's cache storage quota is used up (key ${key}). ${next}`
    )
    return { outcome: 'quota', key }
  }
  const detail =
    output
      .split('\n')
      .map(line => line.replace(/^::\w+::/, '').trim())
      .filter(line => /fail|error|unable/i.test(line))
      .pop() ?? 'the cache service gave no reason'
  logger.warning(`The cache snapshot was not saved (key ${key}): ${detail}. ${next}`)
  return { outcome: 'failed', key }
}

async function readSnapshot(path: string): Promise<Snapshot | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed = JSON.parse(text) as Snapshot
    if (
      parsed.format !== SNAPSHOT_FORMAT ||
      parsed.version !== SNAPSHOT_VERSION ||
      typeof parsed.entries !== 'object'
    ) {
      return undefined
    }
    for (const entry of Object.values(parsed.entries)) {
      if (
        !Array.isArray(entry) ||
        typeof entry[0] !== 'number' ||
        (entry[2] !== null && typeof entry[2] !== 'string')
      ) {
        return undefined
      }
    }
    return parsed
  } catch {
    return undefined
  }
}

async function readState(layout: Layout): Promise<LocalState | undefined> {
  try {
    return JSON.parse(await readFile(layout.statePath, 'utf8')) as LocalState
  } catch {
    return undefined
  }
}

async function writeState(layout: Layout, update: { dirty: boolean; saves: number }): Promise<void> {
  const state: LocalState = {
    identity: layout.identity,
    saves: update.saves,
    dirty: update.dirty,
    writtenAt: Date.now()
  }
  await writeAtomically(layout.statePath, JSON.stringify(state))
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temp, text)
  await rename(temp, path)
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean

/**
 * Runs fn while copying what is written to stdout (where `@actions/core` logs, debug lines included): the only
 * place `@actions/cache` says why a save returned -1.
 */
async function captureStdout<T>(fn: () => Promise<T>, quiet: boolean): Promise<{ value: T; output: string }> {
  const stdout = process.stdout as unknown as { write: Write }
  const original = stdout.write
  let output = ''
  stdout.write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')
    if (quiet) {
      const callback = rest.find(r => typeof r === 'function') as (() => void) | undefined
      callback?.()
      return true
    }
    return original.call(this, chunk, ...rest)
  }
  try {
    const value = await fn()
    return { value, output }
  } finally {
    stdout.write = original
  }
}
