/**
 * Validation of untrusted branch and revision names before they reach git: a name never starts with `-` (so it
 * cannot be read as an option), branch names pass `git check-ref-format`, revisions must resolve to a commit.
 */
import { InvalidInputError, RefNotFoundError } from '../errors.js'
import { runGit } from './run-git.js'

/** Branch names `git check-ref-format` took. */
const validBranches = new Set<string>()

/** Throws InvalidInputError unless `name` is a valid branch name (checked by git itself). */
export async function assertBranchName(name: string, cwd: string): Promise<string> {
  const branch = name.startsWith('refs/heads/') ? name.slice('refs/heads/'.length) : name
  if (!branch || branch.startsWith('-') || /[\0\n\r]/.test(branch) || branch === 'HEAD') {
    throw new InvalidInputError(
      `'${name}' is not a valid branch name: use letters, digits, '/', '-', '_' and '.'.`
    )
  }
  // Whether git takes a name never changes: each is asked once (a heal checks its fix branch's more than once).
  if (validBranches.has(branch)) return branch
  const { code } = await runGit(['check-ref-format', `refs/heads/${branch}`], { cwd, okCodes: [0, 1] })
  if (code === 0) validBranches.add(branch)
  if (code !== 0) {
    throw new InvalidInputError(
      `'${name}' is not a valid branch name (git check-ref-format refuses it): avoid spaces, '..', '~', '^', ':', '?', '*', '[' and a trailing '.lock'.`
    )
  }
  return branch
}

/** Resolves an untrusted revision (branch, tag, SHA, `HEAD~1`) to a commit SHA; RefNotFoundError when it does not. */
export async function resolveCommit(rev: string, cwd: string): Promise<string> {
  if (!rev || rev.startsWith('-') || /[\0\n\r]/.test(rev)) {
    throw new InvalidInputError(`'${rev}' is not a valid revision.`)
  }
  const { code, stdout } = await runGit(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
    {
      cwd,
      okCodes: [0, 1, 128]
    }
  )
  if (code !== 0) throw new RefNotFoundError(rev, 'no commit has that name in this repository.')
  return stdout.toString('utf8').trim()
}

/** The SHA a branch points to, or undefined when the branch does not exist. */
export async function branchHead(branch: string, cwd: string): Promise<string | undefined> {
  const { code, stdout } = await runGit(
    ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`],
    {
      cwd,
      okCodes: [0, 1, 128]
    }
  )
  return code === 0 ? stdout.toString('utf8').trim() : undefined
}
