/** The fix memory: verified diffs kept in the Cache port under their failure's fingerprint. */
import { createHash } from 'node:crypto'
import type { CacheAdapter } from '../adapters/cache.js'
import type { CheckKind } from '../commands/check.js'
import type { HealFix } from './types.js'

/** How long a verified fix is remembered, in seconds (30 days). */
export const REMEMBER_SECONDS = 30 * 24 * 3600

/** A fix as the memory keeps it. */
export interface RememberedFix {
  version: 1
  diff: string
  fixers: string[]
  kind: CheckKind
  verifiedAt: string
}

/**
 * The fix memory's key for a fingerprint in a repository. The repository is part of it because a fix is a diff of
 * one repository's files: a memory shared between repositories (one runner's SQLite file, say) must never replay
 * one repository's fix in another. `repository` is an identity string (see `repositoryIdentity` callers); it is
 * hashed so that any string makes a key of a fixed shape.
 */
export function memoryKey(repository: string, fingerprintId: string): string {
  const id = createHash('sha256').update(repository).digest('hex').slice(0, 16)
  return `self-heal/fix/${id}/${fingerprintId}`
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
  if (fix.version !== 1 || typeof fix.diff !== 'string' || !fix.diff || fix.kind !== kind) return undefined
  return {
    version: 1,
    diff: fix.diff,
    fixers: Array.isArray(fix.fixers) ? fix.fixers.filter(f => typeof f === 'string') : [],
    kind,
    verifiedAt: typeof fix.verifiedAt === 'string' ? fix.verifiedAt : 'at an unknown time'
  }
}

/** Stores a verified fix under its fingerprint. */
export async function remember(
  cache: CacheAdapter,
  repository: string,
  fingerprintId: string,
  kind: CheckKind,
  fix: HealFix,
  verifiedAt: Date
): Promise<void> {
  await cache.set(
    memoryKey(repository, fingerprintId),
    {
      version: 1,
      diff: fix.diff,
      fixers: fix.fixers,
      kind,
      verifiedAt: verifiedAt.toISOString()
    } satisfies RememberedFix,
    REMEMBER_SECONDS
  )
}
