/** The repositories the emulator serves: bare git directories plus the state GitHub keeps beside git. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gitText, runGit } from './git-runner.js'
import type { EmulatedRepository } from './plugin.js'

/** A label as GitHub returns it. */
export interface LabelRecord {
  /** Numeric id. */
  id: number
  /** Name. */
  name: string
  /** Hex color without `#`. */
  color: string
  /** Description. */
  description: string | null
}

/** A comment on an issue's (or pull request's) conversation. */
export interface CommentRecord {
  id: number
  body: string
  /** The commenter's login. */
  user: string
  createdAt: number
  updatedAt: number
}

/** A review comment: on lines of a pull request's head. */
export interface ReviewCommentRecord {
  id: number
  path: string
  line: number
  startLine: number | null
  body: string
  /** The diff hunk the line is in, as GitHub returns it. */
  diffHunk: string
}

/** A submitted review of a pull request. */
export interface ReviewRecord {
  id: number
  body: string
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED'
  commitId: string
  submittedAt: number
  comments: ReviewCommentRecord[]
}

/** A pull request (or issue) as the emulator stores it. */
export interface IssueRecord {
  /** Issue/pull number. */
  number: number
  /** Numeric id. */
  id: number
  /** Title. */
  title: string
  /** Body. */
  body: string | null
  /** Open or closed. */
  state: 'open' | 'closed'
  /** Label names. */
  labels: string[]
  /** Created at (ms). */
  createdAt: number
  /** Updated at (ms). */
  updatedAt: number
  /** Closed at (ms). */
  closedAt: number | null
  /** Assignees' logins. */
  assignees?: string[]
  /** The conversation's comments, oldest first. */
  comments?: CommentRecord[]
  /** Present for pull requests. */
  pull?: {
    /** Head branch name (same repository). */
    head: string
    /** Head owner login (`OWNER:BRANCH` filters). */
    headOwner: string
    /** Base branch name. */
    base: string
    /** Draft flag. */
    draft: boolean
    /** Maintainer can modify. */
    maintainerCanModify: boolean
    /** Merged at (ms). */
    mergedAt: number | null
    /** Merge commit sha. */
    mergeCommitSha: string | null
    /** Requested reviewers' logins. */
    requestedReviewers: string[]
    /** Submitted reviews, oldest first. */
    reviews?: ReviewRecord[]
  }
}

/** A served repository: git plus issues, pulls, labels and a write lock. */
export class RepositoryState {
  /** Issues and pulls by number. */
  readonly issues = new Map<number, IssueRecord>()
  /** Labels by lower-case name. */
  readonly labels = new Map<string, LabelRecord>()
  /** Numeric id of the repository. */
  readonly id: number
  /** Creation time (ms). */
  readonly createdAt: number
  private nextNumber = 1
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    /** The public description plugins see. */
    readonly repo: EmulatedRepository,
    id: number,
    createdAt: number
  ) {
    this.id = id
    this.createdAt = createdAt
  }

  /** The next issue/pull number. */
  takeNumber(): number {
    return this.nextNumber++
  }

  /** Runs `task` after every earlier write of this repository: ref moves are compare-and-swap, but serialised. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

/** Splits `OWNER/NAME`, refusing anything GitHub would not accept as one. */
export function parseFullName(fullName: string): { owner: string; name: string } {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})?)\/([A-Za-z0-9._-]{1,100})$/.exec(fullName)
  if (!match || match[2] === '.' || match[2] === '..') {
    throw new Error(
      `Repository name '${fullName}' is not OWNER/NAME (letters, digits, '-', '.', '_'): pass e.g. octo/repo.`
    )
  }
  return { owner: match[1] as string, name: match[2] as string }
}

/** Reads the default branch of a bare repository (HEAD's target), falling back to `main`. */
export async function readDefaultBranch(gitDir: string): Promise<string> {
  const head = await gitText(gitDir, ['symbolic-ref', '-q', 'HEAD'], { okCodes: [1] })
  return head.startsWith('refs/heads/') ? head.slice('refs/heads/'.length) : 'main'
}

/** Checks that `gitDir` is a git repository; throws a clear error otherwise. */
export async function checkGitDir(gitDir: string): Promise<void> {
  try {
    await gitText(gitDir, ['rev-parse', '--git-dir'])
  } catch {
    throw new Error(
      `'${gitDir}' is not a git repository: pass the path of a bare repository (git init --bare, or ` +
        `git clone --bare of a working repository), or the .git directory of a working repository.`
    )
  }
}

/**
 * Creates a temp bare repository with one commit on `main` (a README), written with git plumbing.
 * Returns its path and a cleanup function.
 */
export async function createTempBareRepository(
  fullName: string,
  nowMs: number
): Promise<{ gitDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'gh-emulator-'))
  const gitDir = join(root, `${fullName.replace('/', '__')}.git`)
  await runGit(root, ['init', '--bare', '-q', '-b', 'main', gitDir])
  const blob = await gitText(gitDir, ['hash-object', '-w', '--stdin'], { input: `# ${fullName}\n` })
  const tree = await gitText(gitDir, ['mktree'], { input: `100644 blob ${blob}\tREADME.md\n` })
  const date = `${Math.floor(nowMs / 1000)} +0000`
  const commit = await gitText(gitDir, ['commit-tree', tree], {
    input: 'Initial commit\n',
    env: {
      GIT_AUTHOR_NAME: 'Octo Emulator',
      GIT_AUTHOR_EMAIL: 'octo@users.noreply.github.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'GitHub',
      GIT_COMMITTER_EMAIL: 'noreply@github.com',
      GIT_COMMITTER_DATE: date
    }
  })
  await runGit(gitDir, ['update-ref', 'refs/heads/main', commit])
  return { gitDir, cleanup: () => rm(root, { recursive: true, force: true }) }
}
