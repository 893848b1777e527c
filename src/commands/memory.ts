/**
 * `self-heal memory`: the fix memory as something to look at and carry: list, show and forget the fixes kept for
 * this repository, export them as JSON and import them (into another machine's memory, or CI's from a laptop's).
 * Works on whatever Cache the environment gives: the SQLite file locally, the Actions cache snapshot in CI.
 */
import type { CacheAdapter } from '../adapters/cache.js'
import { InvalidInputError, errorMessage } from '../errors.js'
import { forget, listFingerprints, memoryKey, readFix, store, type RememberedFix } from '../heal/memory.js'

/** One remembered fix with its fingerprint. */
export interface MemoryEntry extends RememberedFix {
  fingerprint: string
}

/** What `memory export` prints and `memory import` reads. */
export interface MemoryExport {
  format: typeof EXPORT_FORMAT
  version: 1
  /** The repository identity the fixes were kept for. */
  repository: string
  fixes: MemoryEntry[]
}

const EXPORT_FORMAT = 'self-heal-fix-memory'
const FINGERPRINT = /^[0-9a-f]{16}$/

/** The fixes kept for the repository, oldest first (the index's order); expired ones are left out. */
export async function listMemory(cache: CacheAdapter, repository: string): Promise<MemoryEntry[]> {
  const entries: MemoryEntry[] = []
  for (const fingerprint of await listFingerprints(cache, repository)) {
    const entry = await showMemory(cache, repository, fingerprint)
    if (entry) entries.push(entry)
  }
  return entries
}

/** The fix kept for a fingerprint, or undefined. */
export async function showMemory(
  cache: CacheAdapter,
  repository: string,
  fingerprint: string
): Promise<MemoryEntry | undefined> {
  const fix = readFix(await cache.get(memoryKey(repository, checkFingerprint(fingerprint))))
  return fix ? { fingerprint, ...fix } : undefined
}

/** Forgets the fix kept for a fingerprint: the next heal of that failure runs the fixers. True when there was one. */
export async function forgetMemory(
  cache: CacheAdapter,
  repository: string,
  fingerprint: string
): Promise<boolean> {
  return forget(cache, repository, checkFingerprint(fingerprint))
}

/** Every fix kept for the repository, as one JSON document. */
export async function exportMemory(cache: CacheAdapter, repository: string): Promise<MemoryExport> {
  return { format: EXPORT_FORMAT, version: 1, repository, fixes: await listMemory(cache, repository) }
}

/**
 * Stores the fixes of an exported document (`where` names it in errors) for the repository; a fix already kept
 * under a fingerprint is replaced. Nothing is stored when the document is not an export.
 */
export async function importMemory(
  cache: CacheAdapter,
  repository: string,
  text: string,
  where: string
): Promise<{ imported: string[] }> {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw new InvalidInputError(
      `${where} is not JSON: ${errorMessage(error)}. Give what \`self-heal memory export\` printed.`
    )
  }
  const fixes = (doc as Partial<MemoryExport> | null)?.fixes
  if ((doc as Partial<MemoryExport> | null)?.format !== EXPORT_FORMAT || !Array.isArray(fixes)) {
    throw new InvalidInputError(
      `${where} is not an export of the fix memory (no "format": "${EXPORT_FORMAT}" with "fixes"): give what \`self-heal memory export\` printed.`
    )
  }
  const entries = fixes.map((entry, index) => {
    const fix = readFix(entry)
    const fingerprint = (entry as { fingerprint?: unknown } | null)?.fingerprint
    if (!fix || typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) {
      throw new InvalidInputError(
        `Fix ${index + 1} in ${where} is not a remembered fix (a fingerprint of 16 hex digits, a diff, a kind): nothing was imported.`
      )
    }
    return { fingerprint, fix }
  })
  for (const { fingerprint, fix } of entries) await store(cache, repository, fingerprint, fix)
  return { imported: entries.map(entry => entry.fingerprint) }
}

function checkFingerprint(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint)) {
    throw new InvalidInputError(
      `'${fingerprint.slice(0, 40)}' is not a fingerprint: give the 16 hex digits \`self-heal memory list\` shows.`
    )
  }
  return fingerprint
}
