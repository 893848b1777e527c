/**
 * The shared test setup: an emulator on an ephemeral port plus `@actions/github`'s Octokit pointed at it. Tests
 * of the core and of every plugin start it the same way, and its `close()` fails the test when a request or a
 * response did not conform to GitHub's description (unless the test took the violations it provoked).
 */
import { getOctokit } from '@actions/github'
import { startEmulator, type Emulator, type EmulatorOptions } from './server.js'

/** The Octokit `@actions/github` returns. */
export type GitHubClient = ReturnType<typeof getOctokit>

/** A started emulator, a client for it, and a teardown. */
export interface TestEmulator {
  /** The emulator. */
  emulator: Emulator
  /** Octokit with the all-permission token and `baseUrl` set to the emulator. */
  octokit: GitHubClient
  /** `OWNER` of the first repository. */
  owner: string
  /** `NAME` of the first repository. */
  repo: string
  /** Another client, for a token given in `tokens`. */
  clientFor(token: string): GitHubClient
  /** Closes the emulator; throws when spec violations were recorded and not cleared. */
  close(): Promise<void>
}

/** Builds `@actions/github`'s Octokit for the emulator (REST and `octokit.graphql` both reach it). */
export function octokitFor(emulator: Emulator, token: string = emulator.token): GitHubClient {
  return getOctokit(token, { baseUrl: emulator.apiUrl })
}

/** Starts an emulator for a test. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator(options)
  return {
    emulator,
    octokit: octokitFor(emulator),
    owner: emulator.repository.owner,
    repo: emulator.repository.name,
    clientFor: token => octokitFor(emulator, token),
    async close() {
      const violations = emulator.violations()
      await emulator.close()
      if (violations.length) {
        throw new Error(
          `The emulator saw ${violations.length} request(s)/response(s) that do not conform to GitHub's description:\n` +
            violations.map(v => `- ${v.request}: ${v.message}`).join('\n')
        )
      }
    }
  }
}

/** Runs `fn` with a fresh emulator and closes it afterwards (violations fail the call). */
export async function withEmulator<T>(
  fn: (test: TestEmulator) => Promise<T>,
  options: EmulatorOptions = {}
): Promise<T> {
  const test = await startTestEmulator(options)
  let result: T
  try {
    result = await fn(test)
  } catch (error) {
    await test.emulator.close().catch(() => undefined)
    throw error
  }
  await test.close()
  return result
}
