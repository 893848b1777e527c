/**
 * Works out which GitHub repository a local checkout belongs to, from a remote's URL, so the CLI can open pull
 * requests without being told `--repository`.
 */
import { runGit } from './run-git.js'

/** `OWNER/NAME` of a GitHub remote URL (https, ssh or scp-like) on `host`, or undefined when it is not one. */
export function parseGitHubRemote(url: string, host = 'github.com'): string | undefined {
  const h = host.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const patterns = [
    new RegExp(`^https?://(?:[^@/]+@)?${h}(?::\\d+)?/([^/]+)/([^/]+?)(?:\\.git)?/?$`, 'i'),
    new RegExp(`^ssh://(?:[^@/]+@)?${h}(?::\\d+)?/([^/]+)/([^/]+?)(?:\\.git)?/?$`, 'i'),
    new RegExp(`^(?:[^@/]+@)?${h}:([^/]+)/([^/]+?)(?:\\.git)?/?$`, 'i')
  ]
  for (const pattern of patterns) {
    const match = pattern.exec(url.trim())
    if (match) return `${match[1]}/${match[2]}`
  }
  return undefined
}

/** The remote self-heal reads the repository from and pushes its branches to, unless told otherwise. */
export const DEFAULT_REMOTE = 'origin'

/** The GitHub repository (`OWNER/NAME`) a checkout's remote points to, or undefined. */
export async function detectGitHubRepository(
  cwd: string,
  remote = DEFAULT_REMOTE,
  serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com'
): Promise<string | undefined> {
  if (remote.startsWith('-')) return undefined
  const { code, stdout } = await runGit(['remote', 'get-url', '--', remote], { cwd, okCodes: [0, 2, 128] })
  if (code !== 0) return undefined
  let host = 'github.com'
  try {
    host = new URL(serverUrl).host
  } catch {
    // An invalid GITHUB_SERVER_URL is reported where it is used; here github.com is the sensible default.
  }
  return parseGitHubRemote(stdout.toString('utf8').trim(), host)
}
