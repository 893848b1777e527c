/**
 * The policy's context (`PolicyContext`) where there is no checkout: CLOUD heal and fork delivery read the base files
 * a diff changes through the Storage port, at the commit the fix was made against, so that a candidate is judged
 * there with what the local loop knows (the check and the files it runs, package.json keys compared whole, hunks
 * lexed with their whole file). Without the base the policy reads only what the hunks show, which is weaker.
 */
import type { Command } from '../adapters/execution.js'
import type { StorageAdapter } from '../adapters/storage.js'
import type { CheckKind } from '../commands/check.js'
import { parseGitDiff } from '../diff/parse.js'
import { FileNotFoundError, PathOutsideRepositoryError } from '../errors.js'
import { FileTooLargeError } from '../adapters/github/errors.js'
import { filesRunByCheck } from './check-config.js'
import { checkPolicy, type FixPolicy, type PolicyContext, type PolicyVerdict } from './policy.js'

/** How many base files are read at once: enough to hide the API's latency, few enough to stay polite. */
export const BASE_READS_AT_ONCE = 4

/** The check command as the policy reads it (an argv array joined, as the loop does). */
export function checkLine(check: Command): string {
  return typeof check === 'string' ? check : check.join(' ')
}

/**
 * The base paths whose text the policy reads: the old path of every patch, but not a symlink's (the Storage port
 * follows a link to its target's content, which is not the link's text in the base). A malformed diff gives none:
 * it is the policy's to refuse.
 */
export function basePaths(diff: string): string[] {
  let patches
  try {
    patches = parseGitDiff(diff)
  } catch {
    return []
  }
  const paths = patches.flatMap(patch =>
    patch.oldPath !== undefined && patch.oldMode !== '120000' ? [patch.oldPath] : []
  )
  return [...new Set(paths)]
}

/**
 * Reads `paths` through a Storage port at the base, at most `atOnce` at a time: path → text. A path the base has no
 * file at is absent (as are a path a symlink leads out of the repository and a file too large to read); any other
 * failure (the API, a permission) throws, since judging a fix with less than was asked for is weaker.
 */
export async function readBaseFiles(
  storage: Pick<StorageAdapter, 'readFile'>,
  paths: readonly string[],
  atOnce = BASE_READS_AT_ONCE
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++]
      try {
        found.set(path, (await storage.readFile(path)).toString('utf8'))
      } catch (error) {
        if (
          error instanceof FileNotFoundError ||
          error instanceof PathOutsideRepositoryError ||
          error instanceof FileTooLargeError
        ) {
          continue
        }
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(atOnce, paths.length)) }, worker))
  return found
}

/**
 * The base files the policy reads to know what the check runs, besides those the diff changes: package.json (for
 * `npm test` and the like) and the scripts its scripts and the check call, read from the base even when the diff
 * leaves them alone. Found by asking `filesRunByCheck` until it asks for nothing new.
 */
export async function checkDefinitionFiles(
  check: string,
  read: (paths: string[]) => Promise<Map<string, string>>
): Promise<Map<string, string>> {
  const known = new Map<string, string | undefined>()
  // Each round follows one more step (a script, then what it runs); filesRunByCheck itself stops at depth 5.
  for (let round = 0; round < 8; round++) {
    const asked = new Set<string>()
    filesRunByCheck(check, path => {
      if (!known.has(path)) asked.add(path)
      return known.get(path)
    })
    if (!asked.size) break
    const got = await read([...asked])
    for (const path of asked) known.set(path, got.get(path))
  }
  const found = new Map<string, string>()
  for (const [path, text] of known) if (text !== undefined) found.set(path, text)
  return found
}

/** What a remote side knows of the check a fix was made for. */
export interface RemoteCheck {
  /** The check command. */
  check?: Command
  kind?: CheckKind
  /** The failure is a snapshot mismatch, as the structured result says; unknown is false (the stricter). */
  snapshotFailure?: boolean
}

/**
 * The base's files read through a Storage port, each once however often it is asked for: the diff's old paths and
 * the files the check runs, for one context or several (one per account of the check). Not for concurrent loads.
 */
export class BaseFiles {
  private readonly read = new Map<string, string | undefined>()

  constructor(private readonly storage: Pick<StorageAdapter, 'readFile'>) {}

  /** Reads those of `paths` not read yet; returns path → text for the paths the base has. */
  async load(paths: readonly string[]): Promise<Map<string, string>> {
    const fresh = paths.filter(path => !this.read.has(path))
    const got = await readBaseFiles(this.storage, fresh)
    for (const path of fresh) this.read.set(path, got.get(path))
    const found = new Map<string, string>()
    for (const path of paths) {
      const text = this.read.get(path)
      if (text !== undefined) found.set(path, text)
    }
    return found
  }

  /** A path's text, once loaded (undefined: not loaded, or the base has no such file). */
  get(path: string): string | undefined {
    return this.read.get(path)
  }
}

/** The policy's context for `diff`: the check, and the base files it changes and the check runs, from `base`. */
export async function remotePolicyContext(
  diff: string,
  base: BaseFiles,
  known: RemoteCheck
): Promise<PolicyContext> {
  await base.load(basePaths(diff))
  if (known.check !== undefined) await checkDefinitionFiles(checkLine(known.check), paths => base.load(paths))
  return {
    ...(known.check !== undefined ? { check: checkLine(known.check) } : {}),
    ...(known.kind ? { kind: known.kind } : {}),
    snapshotFailure: known.snapshotFailure === true,
    readBase: path => base.get(path)
  }
}

/**
 * Polices `diff` once per context and keeps the strictest verdict: the first refusal (or empty diff) in the order
 * given, else the first pass. For a side that has two accounts of the check (its own input, and what an untrusted
 * artifact says): neither can make the policy accept what the other refuses.
 */
export function strictestVerdict(
  diff: string,
  policy: Partial<FixPolicy> | undefined,
  contexts: readonly PolicyContext[]
): PolicyVerdict {
  const verdicts = (contexts.length ? contexts : [{}]).map(context => checkPolicy(diff, policy, context))
  return verdicts.find(verdict => !verdict.ok) ?? verdicts[0]
}
