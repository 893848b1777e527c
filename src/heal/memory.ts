/** The fix memory: verified diffs kept in the Cache port under their failure's fingerprint. */
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

/** The fix memory's key for a fingerprint. */
export function memoryKey(fingerprintId: string): string {
  return `self-heal/fix/${fingerprintId}`
}

/** The fix remembered for a fingerprint, ignoring what is not one (an older format, another kind of check). */
export async function recall(
  cache: CacheAdapter,
  fingerprintId: string,
  kind: CheckKind
): Promise<RememberedFix | undefined> {
  const value = await cache.get(memoryKey(fingerprintId))
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
  fingerprintId: string,
  kind: CheckKind,
  fix: HealFix,
  verifiedAt: Date
): Promise<void> {
  await cache.set(
    memoryKey(fingerprintId),
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
