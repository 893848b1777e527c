/** The fix memory: verified diffs kept in the Cache port under their failure's fingerprint. */
import { createHash } from 'node:crypto'
import type { CacheAdapter, JsonValue } from '../adapters/cache.js'
import type { CheckKind } from '../commands/check.js'
import type { HealFix } from './types.js'

/** How long a verified fix is remembered, in seconds (30 days). */
export const REMEMBER_SECONDS = 30 * 24 * 3600

/** A fix as the memory keeps it. */
export interface RememberedFix {
  version: 1
  diff: string
  /** The fixer (or agent) commands that made it. */
  fixers: string[]
  kind: CheckKind
  verifiedAt: string
  /** The repository identity it was verified in. */
  repository?: string
  /** The commit it was verified at. */
  commit?: string
  /** How often it was replayed and verified again, and replayed and failed (it no longer applies or verifies). */
  replays?: number
  failures?: number
  /** Pull requests that declined it (their numbers or URLs). */
  declinedBy?: string[]
}

/** Where a fix was verified, kept with it. */
export interface FixOrigin {
  /** The commit it was verified at. */
  commit?: string
}

/**
 * The fix memory's key for a fingerprint in a repository. The repository is part of it because a fix is a diff of
 * one repository's files: a memory shared between repositories (one runner's SQLite file, say) must never replay
 * one repository's fix in another. `repository` is an identity string (see `repositoryIdentity` callers); it is
 * hashed so that any string makes a key of a fixed shape.
 */
export function memoryKey(repository: string, fingerprintId: string): string {
  return `self-heal/fix/${repositoryHash(repository)}/${fingerprintId}`
}

/**
 * The key of a repository's index: the fingerprints it has fixes for. The Cache port reads keys one at a time
 * (the Actions cache hashes them), so the memory keeps its own list for `self-heal memory list` and export.
 */
export function memoryIndexKey(repository: string): string {
  return `self-heal/fix-index/${repositoryHash(repository)}`
}

function repositoryHash(repository: string): string {
  return createHash('sha256').update(repository).digest('hex').slice(0, 16)
}

/** The fix remembered for a fingerprint, ignoring what is not one (an older format, another kind of check). */
export async function recall(
  cache: CacheAdapter,
  repository: string,
  fingerprintId: string,
  kind: CheckKind
): Promise<RememberedFix | undefined> {
  const value = await cache.get(memoryKey(repository, fingerprintId))
  if (!value || typeof value !== 'object') return undefined
  const fix = value as Partial<RememberedFix>
  if (fix.kind !== kind) return undefined
  return readFix(value)
}

/** A stored value read as a remembered fix, or undefined when it is not one (an older format). */
export function readFix(value: unknown): RememberedFix | undefined {
  if (!value || typeof value !== 'object') return undefined
  const fix = value as Partial<RememberedFix>
  if (fix.version !== 1 || typeof fix.diff !== 'string' || !fix.diff || typeof fix.kind !== 'string') {
    return undefined
  }
  const count = (n: unknown): number => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0)
  return {
    version: 1,
    diff: fix.diff,
    fixers: Array.isArray(fix.fixers) ? fix.fixers.filter(f => typeof f === 'string') : [],
    kind: fix.kind,
    verifiedAt: typeof fix.verifiedAt === 'string' ? fix.verifiedAt : 'at an unknown time',
    ...(typeof fix.repository === 'string' ? { repository: fix.repository } : {}),
    ...(typeof fix.commit === 'string' ? { commit: fix.commit } : {}),
    replays: count(fix.replays),
    failures: count(fix.failures),
    declinedBy: Array.isArray(fix.declinedBy) ? fix.declinedBy.filter(d => typeof d === 'string') : []
  }
}

/** Stores a verified fix under its fingerprint. */
export async function remember(
  cache: CacheAdapter,
  repository: string,
  fingerprintId: string,
  kind: CheckKind,
  fix: HealFix,
  verifiedAt: Date,
  origin: FixOrigin = {}
): Promise<void> {
  const before = fix.source === 'memory' ? await cache.get(memoryKey(repository, fingerprintId)) : undefined
  const kept = readFix(before)
  await store(cache, repository, fingerprintId, {
    version: 1,
    diff: fix.diff,
    fixers: fix.fixers,
    kind,
    verifiedAt: verifiedAt.toISOString(),
    repository,
    ...(origin.commit ? { commit: origin.commit } : {}),
    // A replayed fix keeps its history; a new one starts it.
    replays: kept?.replays ?? 0,
    failures: kept?.failures ?? 0,
    declinedBy: kept?.declinedBy ?? []
  })
}

/** Counts a replay of the remembered fix: verified again, or failed (it did not apply, or did not verify). */
export async function noteReplay(
  cache: CacheAdapter,
  repository: string,
  fingerprintId: string,
  verified: boolean
): Promise<void> {
  const fix = readFix(await cache.get(memoryKey(repository, fingerprintId)))
  if (!fix) return
  if (verified) fix.replays = (fix.replays ?? 0) + 1
  else fix.failures = (fix.failures ?? 0) + 1
  await store(cache, repository, fingerprintId, fix)
}

/** Adds a pull request that declined the remembered fix for a fingerprint, when one is remembered. */
export async function noteDeclined(
  cache: CacheAdapter,
  repository: string,
  fingerprintId: string,
  pullRequest: string
): Promise<void> {
  const fix = readFix(await cache.get(memoryKey(repository, fingerprintId)))
  if (!fix || fix.declinedBy?.includes(pullRequest)) return
  fix.declinedBy = [...(fix.declinedBy ?? []), pullRequest]
  await store(cache, repository, fingerprintId, fix)
}

/** Writes a fix under its fingerprint and lists the fingerprint in the repository's index. */
export async function store(
  cache: CacheAdapter,
  repository: string,
  fingerprintId: string,
  fix: RememberedFix
): Promise<void> {
  await cache.set(memoryKey(repository, fingerprintId), fix as unknown as JsonValue, REMEMBER_SECONDS)
  const index = await listFingerprints(cache, repository)
  if (!index.includes(fingerprintId)) {
    await cache.set(memoryIndexKey(repository), [...index, fingerprintId], REMEMBER_SECONDS)
  }
}

/** The fingerprints the repository's index lists (some may have expired since). */
export async function listFingerprints(cache: CacheAdapter, repository: string): Promise<string[]> {
  const index = await cache.get(memoryIndexKey(repository))
  return Array.isArray(index) ? index.filter((id): id is string => typeof id === 'string') : []
}

/** Removes a fix and its index entry; true when there was one. */
export async function forget(
  cache: CacheAdapter,
  repository: string,
  fingerprintId: string
): Promise<boolean> {
  const had = readFix(await cache.get(memoryKey(repository, fingerprintId))) !== undefined
  await cache.delete(memoryKey(repository, fingerprintId))
  const index = await listFingerprints(cache, repository)
  if (index.includes(fingerprintId)) {
    await cache.set(
      memoryIndexKey(repository),
      index.filter(id => id !== fingerprintId),
      REMEMBER_SECONDS
    )
  }
  return had
}
