/** Checks GitHub applies before moving a ref: the `workflows` permission for pushes touching workflow files. */
import type { AuthInfo } from '../core-types.js'
import { runGit } from '../git-runner.js'
import { ApiError } from '../http.js'

/**
 * Refuses (403, GitHub's message) to move any ref to `newSha` when the commits it would add to the repository
 * change `.github/workflows/` and the token lacks the `workflows` permission.
 */
export async function assertWorkflowsPermission(
  gitDir: string,
  auth: AuthInfo,
  newSha: string
): Promise<void> {
  if (auth.permissions.has('workflows')) return
  // The commits not reachable from any ref yet are the ones this push adds.
  const { stdout } = await runGit(gitDir, [
    'log',
    '--format=',
    '--name-only',
    newSha,
    '--not',
    '--all',
    '--',
    '.github/workflows/'
  ])
  const touched = stdout
    .toString('utf8')
    .split('\n')
    .find(line => line.startsWith('.github/workflows/'))
  if (touched) {
    throw new ApiError(
      403,
      `refusing to allow a GitHub App to create or update workflow \`${touched}\` without \`workflows\` permission`
    )
  }
}

/**
 * Whether the token may write to the repository: a GITHUB_TOKEN writes only to its workflow's repository (never
 * to a fork, whatever the pull request allows), and a fork's pull_request run gets a token that writes nowhere.
 */
export function mayWrite(auth: AuthInfo, fullName: string): boolean {
  return auth.writable === undefined || auth.writable.has(fullName.toLowerCase())
}
