/** Test helpers over real git: temp repositories and a no-shell git runner. */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** Environment that makes git deterministic and independent of the user's configuration. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z'
}

/** Runs git without a shell and returns trimmed stdout; throws with stderr on failure. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd, env: GIT_ENV, maxBuffer: 256 * 1024 * 1024 })
  return stdout.replace(/\n$/, '')
}

/** Runs git and returns stdout as a Buffer (binary-safe). */
export async function gitRaw(cwd: string, ...args: string[]): Promise<Buffer> {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    env: GIT_ENV,
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024
  })
  return stdout
}

/** A temp directory removed by `cleanup()`. */
export interface TempDir {
  /** Absolute path. */
  path: string
  /** Removes it. */
  cleanup(): Promise<void>
}

/** Makes a temp directory. */
export async function makeTempDir(prefix = 'self-heal-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) }
}

/**
 * Makes a temp git repository on branch `main` with the given files committed (path → content), and returns it.
 * An empty `files` still makes one commit (a README) so HEAD exists.
 */
export async function makeTempRepo(
  files: Record<string, string | Buffer> = { 'README.md': '# test\n' },
  prefix = 'self-heal-repo-'
): Promise<TempDir> {
  const dir = await makeTempDir(prefix)
  await git(dir.path, 'init', '-q', '-b', 'main')
  await git(dir.path, 'config', 'core.autocrlf', 'false')
  const entries = Object.keys(files).length ? files : { 'README.md': '# test\n' }
  for (const [path, content] of Object.entries(entries)) {
    const full = join(dir.path, path)
    await mkdir(dirname(full), { recursive: true })
    await writeFile(full, content)
  }
  await git(dir.path, 'add', '-A')
  await git(dir.path, 'commit', '-q', '-m', 'initial')
  return dir
}
