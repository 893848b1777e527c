/** Helpers shared by the emulator's tests. */
import { symlink, writeFile, mkdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { git, makeTempDir, type TempDir } from '../helpers/git.js'

/** What a rejected Octokit call carried. */
export interface Rejection {
  /** HTTP status. */
  status: number
  /** Octokit's message (GitHub's `message` plus the documentation URL). */
  message: string
  /** Response headers. */
  headers: Record<string, string>
  /** Parsed response body. */
  data: unknown
}

/** Awaits a call that must fail and returns what it failed with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Rejection> {
  try {
    await promise
  } catch (error) {
    const e = error as {
      status: number
      message: string
      response?: { headers: Record<string, string>; data: unknown }
    }
    return {
      status: e.status,
      message: e.message,
      headers: e.response?.headers ?? {},
      data: e.response?.data
    }
  }
  throw new Error('expected the request to fail, but it succeeded')
}

/** A working clone of a bare repository, for building with real git what the API built. */
export async function cloneOf(gitDir: string, branch = 'main'): Promise<TempDir> {
  const dir = await makeTempDir('emulator-clone-')
  await git(dir.path, 'clone', '-q', '--branch', branch, '--', gitDir, 'work')
  const work = join(dir.path, 'work')
  return { path: work, cleanup: () => rm(dir.path, { recursive: true, force: true }) }
}

/** Writes a file (creating directories) in a work tree. */
export async function put(
  root: string,
  path: string,
  content: string | Buffer,
  mode?: number
): Promise<void> {
  const full = join(root, path)
  await mkdir(dirname(full), { recursive: true })
  await writeFile(full, content, mode === undefined ? undefined : { mode })
}

/** Makes a symlink in a work tree. */
export async function link(root: string, path: string, target: string): Promise<void> {
  const full = join(root, path)
  await mkdir(dirname(full), { recursive: true })
  await symlink(target, full)
}
