/** Test support: an emulator serving a bare clone of a work repository, and a self-heal GitHub client for it. */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server.js'
import { createGitHubClient, type GitHubClient, type GitHubClientSettings } from '../../src/github/client.js'
import { git, makeTempDir } from '../helpers/git.js'

/** An emulator over a bare repository, with a client. */
export interface Served {
  /** The emulator. */
  emulator: Emulator
  /** The client (fast retries, no write spacing). */
  client: GitHubClient
  /** The bare repository the emulator serves. */
  bare: string
  /** Warnings the client logged. */
  warnings: string[]
  /** Makes another client with other settings. */
  clientWith(settings: Partial<GitHubClientSettings>): GitHubClient
  /** Stops the emulator (fails on spec violations) and removes the bare repository. */
  close(): Promise<void>
}

/** Serves a bare clone of `workRepo` (all branches) as `octo/repo`. */
export async function serve(workRepo: string, options: EmulatorOptions = {}): Promise<Served> {
  const dir = await makeTempDir('self-heal-bare-')
  const bare = join(dir.path, 'repo.git')
  await git(dir.path, 'clone', '-q', '--bare', '--', workRepo, bare)
  const emulator = await startEmulator({ ...options, repos: [{ fullName: 'octo/repo', gitDir: bare }] })
  const warnings: string[] = []
  const clientWith = (settings: Partial<GitHubClientSettings>) =>
    createGitHubClient({
      token: emulator.token,
      repository: 'octo/repo',
      apiUrl: emulator.apiUrl,
      graphqlUrl: emulator.graphqlUrl,
      retryBaseMs: 5,
      minWriteIntervalMs: 0,
      timeoutMs: 10_000,
      log: { warning: m => warnings.push(m), debug: () => undefined },
      ...settings
    })
  return {
    emulator,
    client: clientWith({}),
    bare,
    warnings,
    clientWith,
    async close() {
      const violations = emulator.violations()
      await emulator.close()
      await dir.cleanup()
      if (violations.length) {
        throw new Error(
          `The emulator saw requests/responses that do not conform to GitHub's description:\n` +
            violations.map(v => `- ${v.request}: ${v.message}`).join('\n')
        )
      }
    }
  }
}

/** The commit a branch of the bare repository points to (undefined when it does not exist). */
export async function headOf(bare: string, branch: string): Promise<string | undefined> {
  try {
    return await git(bare, 'rev-parse', '--verify', '-q', `refs/heads/${branch}`)
  } catch {
    return undefined
  }
}

/** Runs `git fsck --strict` in the bare repository and returns its output (throws when it fails). */
export async function fsck(bare: string): Promise<string> {
  return git(bare, 'fsck', '--strict', '--no-dangling')
}

/** Removes a directory tree. */
export const remove = (path: string) => rm(path, { recursive: true, force: true })
