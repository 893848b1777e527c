/** Commits a set of tree edits on a branch with compare-and-swap: the Contents API's and GraphQL's write path. */
import type { CoreContext } from '../core-types.js'
import {
  compareAndSwapRef,
  editTree,
  readCommit,
  writeCommit,
  type GitPerson,
  type ParsedCommit,
  type TreeEdit
} from '../git-data.js'
import { ApiError } from '../http.js'
import { assertWorkflowsPermission } from './guards.js'

/** Writes one commit of `edits` on top of `parent` and moves `refs/heads/BRANCH` from `parent` to it. */
export async function commitOnBranch(
  ctx: CoreContext,
  options: {
    branch: string
    parent: string
    edits: TreeEdit[]
    message: string
    author: GitPerson
    committer: GitPerson
  }
): Promise<ParsedCommit> {
  const gitDir = ctx.repo.gitDir
  const parent = await readCommit(gitDir, options.parent)
  if (!parent) throw new ApiError(422, `Parent ${options.parent} is not a commit`)
  const tree = await editTree(gitDir, parent.tree, options.edits)
  const sha = await writeCommit(gitDir, {
    tree,
    parents: [parent.sha],
    message: options.message,
    author: options.author,
    committer: options.committer
  })
  await assertWorkflowsPermission(gitDir, ctx.auth, sha)
  if (!(await compareAndSwapRef(gitDir, `refs/heads/${options.branch}`, sha, parent.sha))) {
    throw new ApiError(
      409,
      `refs/heads/${options.branch} moved while the commit was being made: read it again and retry`
    )
  }
  const commit = await readCommit(gitDir, sha)
  if (!commit) throw new Error(`git wrote commit ${sha} but cannot read it back`)
  return commit
}
