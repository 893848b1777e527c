/** Git reads the Actions emulator needs from a bare repository: refs, workflow files, a checkout. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** Runs git without a shell against a bare repository and returns trimmed stdout. */
export async function gitIn(gitDir: string, args: string[], cwd?: string): Promise<string> {
  const { stdout } = await execFileAsync('git', [`--git-dir=${gitDir}`, ...args], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }
  })
  return stdout.replace(/\n$/, '')
}

/** A dispatchable ref resolved to a commit. */
export interface ResolvedRef {
  /** `refs/heads/X` or `refs/tags/X`. */
  fullRef: string
  /** The short name (what GitHub shows as the run's `head_branch`). */
  name: string
  /** The commit SHA. */
  sha: string
}

/**
 * Resolves a dispatch `ref` the way GitHub does: a branch or tag name, or `refs/heads/…` / `refs/tags/…`.
 * Anything else (a SHA, `refs/pull/N/merge`, a name git refuses) is not found.
 */
export async function resolveDispatchRef(gitDir: string, ref: string): Promise<ResolvedRef | undefined> {
  if (!ref || ref.startsWith('-') || /[\0\s]/.test(ref)) return undefined
  const candidates = ref.startsWith('refs/')
    ? ref.startsWith('refs/heads/') || ref.startsWith('refs/tags/')
      ? [ref]
      : []
    : [`refs/heads/${ref}`, `refs/tags/${ref}`]
  for (const fullRef of candidates) {
    try {
      await execFileAsync('git', ['check-ref-format', fullRef])
    } catch {
      continue
    }
    const sha = await commitOf(gitDir, fullRef)
    if (sha) return { fullRef, name: fullRef.replace(/^refs\/(heads|tags)\//, ''), sha }
  }
  return undefined
}

/** The commit a full ref points to (peeling tags), or undefined. */
export async function commitOf(gitDir: string, fullRef: string): Promise<string | undefined> {
  try {
    return await gitIn(gitDir, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${fullRef}^{commit}`
    ])
  } catch {
    return undefined
  }
}

/** Workflow file paths (`.github/workflows/*.yml|yaml`) in a commit. */
export async function listWorkflowFiles(gitDir: string, sha: string): Promise<string[]> {
  try {
    const out = await gitIn(gitDir, ['ls-tree', '--name-only', '--end-of-options', sha, '.github/workflows/'])
    return out
      .split('\n')
      .filter(path => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path))
      .sort()
  } catch {
    return []
  }
}

/** A file's text at a commit, or undefined when it does not exist there. */
export async function readFileAt(gitDir: string, sha: string, path: string): Promise<string | undefined> {
  try {
    return await gitIn(gitDir, ['cat-file', 'blob', `${sha}:${path}`])
  } catch {
    return undefined
  }
}

/** The commit's tree, message, author and committer, for a run's `head_commit`. */
export async function commitInfo(
  gitDir: string,
  sha: string
): Promise<{ tree: string; message: string; author: { name: string; email: string; date: string } }> {
  const out = await gitIn(gitDir, [
    'show',
    '-s',
    '--format=%T%x00%an%x00%ae%x00%aI%x00%B',
    '--end-of-options',
    sha
  ])
  const [tree, name, email, date, ...message] = out.split('\0')
  return { tree, message: message.join('\0').trimEnd(), author: { name, email, date } }
}

/** Makes a detached checkout of `sha` in `dir` (a shared clone: objects are not copied). */
export async function checkout(gitDir: string, sha: string, dir: string): Promise<void> {
  await execFileAsync('git', ['clone', '--quiet', '--shared', '--no-checkout', '--', gitDir, dir])
  await execFileAsync('git', [
    '-C',
    dir,
    '-c',
    'advice.detachedHead=false',
    'checkout',
    '--quiet',
    '--detach',
    sha
  ])
}
