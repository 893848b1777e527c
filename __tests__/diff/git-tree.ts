/** Test helpers: write an AppliedDiff into a real repository's object store and compute its tree SHA. */
import { execFile } from 'node:child_process'
import { writeFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { GIT_ENV } from '../helpers/git.js'
import type { AppliedDiff } from '../../src/diff/apply.js'

const execFileAsync = promisify(execFile)

/** Runs git with extra environment and optional stdin; returns stdout trimmed. */
export async function gitWith(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string | Buffer } = {}
): Promise<string> {
  const child = execFileAsync('git', args, {
    cwd,
    env: { ...GIT_ENV, ...options.env },
    maxBuffer: 256 * 1024 * 1024
  })
  if (options.input !== undefined) {
    child.child.stdin!.end(options.input)
  }
  const { stdout } = await child
  return stdout.replace(/\n$/, '')
}

/** The repository's git directory (works for bare and non-bare repositories). */
async function gitDir(repo: string): Promise<string> {
  return gitWith(repo, ['rev-parse', '--absolute-git-dir'])
}

/**
 * The tree `git apply --cached` makes from `diff` on `base`, in a temp index (the repository is untouched);
 * `config` is passed as `-c` settings (e.g. `core.protectHFS=true`).
 */
export async function gitApplyTree(
  repo: string,
  base: string,
  diff: string | Buffer,
  config: string[] = []
): Promise<string> {
  const index = join(await gitDir(repo), `apply-index-${process.pid}-${Math.random().toString(36).slice(2)}`)
  const env = { GIT_INDEX_FILE: index }
  try {
    await gitWith(repo, ['read-tree', base], { env })
    const settings = config.flatMap(c => ['-c', c])
    await gitWith(repo, [...settings, 'apply', '--cached', '--binary', '-'], { env, input: diff })
    return await gitWith(repo, ['write-tree'], { env })
  } finally {
    await rm(index, { force: true })
  }
}

/** Writes the applied files as objects and returns the tree SHA the result would have on `base`. */
export async function appliedTree(repo: string, base: string, applied: AppliedDiff): Promise<string> {
  const index = join(await gitDir(repo), `our-index-${process.pid}-${Math.random().toString(36).slice(2)}`)
  const env = { GIT_INDEX_FILE: index }
  const lines: string[] = []
  let n = 0
  try {
    for (const [path, file] of applied.files) {
      if (file === null) {
        lines.push(`0 ${'0'.repeat(40)}\t${path}`)
        continue
      }
      let sha: string
      if ('sha' in file) sha = file.sha
      else {
        const tmp = join(await gitDir(repo), `blob-${n++}`)
        await writeFile(tmp, file.content)
        sha = await gitWith(repo, ['hash-object', '-w', '--no-filters', tmp])
        await rm(tmp)
      }
      lines.push(`${file.mode} ${sha}\t${path}`)
    }
    await gitWith(repo, ['read-tree', base], { env })
    await gitWith(repo, ['update-index', '-z', '--index-info'], { env, input: lines.join('\0') + '\0' })
    return await gitWith(repo, ['write-tree'], { env })
  } finally {
    await rm(index, { force: true })
  }
}
