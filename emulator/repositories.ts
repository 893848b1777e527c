/** The repositories the emulator serves: bare git directories plus the state GitHub keeps beside git. */
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
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
    /** The served repository (OWNER/NAME) the head branch is in, when it is a fork's; absent: this one. */
    headRepo?: string
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
    /**
     * The head's commit when it was closed: GitHub stops following the branch then, so a push after a merge does
     * not change the closed pull request's `head.sha` (a reopen follows the branch again).
     */
    closedHeadSha?: string | null
    /** Requested reviewers' logins. */
    requestedReviewers: string[]
    /** Requested teams' slugs (absent in state files written before teams were kept). */
    requestedTeams?: string[]
    /** Submitted reviews, oldest first. */
    reviews?: ReviewRecord[]
  }
}

/** What a repository keeps beside git, as the state file holds it. */
export interface PersistedState {
  /** The file format. */
  version: 1
  /** The repository's numeric id. */
  id: number
  /** Its creation time (ms). */
  createdAt: number
  /** The next issue/pull number. */
  nextNumber: number
  /** Issues and pull requests (requested reviewers and labels included). */
  issues: IssueRecord[]
  /** Labels. */
  labels: LabelRecord[]
}

/** The file, inside the git directory, where a persisted repository keeps what is not in git. */
const STATE_FILE = 'emulator-state.json'

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

  /** Everything but git, for the state file. */
  snapshot(): PersistedState {
    return {
      version: 1,
      id: this.id,
      createdAt: this.createdAt,
      nextNumber: this.nextNumber,
      issues: [...this.issues.values()],
      labels: [...this.labels.values()]
    }
  }

  /** A state as `snapshot()` left it. */
  static restore(repo: EmulatedRepository, saved: PersistedState): RepositoryState {
    const state = new RepositoryState(repo, saved.id, saved.createdAt)
    state.nextNumber = saved.nextNumber
    for (const issue of saved.issues) state.issues.set(issue.number, issue)
    for (const label of saved.labels) state.labels.set(label.name.toLowerCase(), label)
    return state
  }

  /** The largest numeric id the state holds (ids issued later must not repeat one). */
  largestId(): number {
    return Math.max(this.id, ...[...this.issues.values(), ...this.labels.values()].map(item => item.id))
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

/** Writes a commit of `tree` with no parent, made by the emulator at `nowMs`. */
async function writeInitialCommit(gitDir: string, tree: string, nowMs: number): Promise<string> {
  const date = `${Math.floor(nowMs / 1000)} +0000`
  return gitText(gitDir, ['commit-tree', tree], {
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
  await runGit(gitDir, ['update-ref', 'refs/heads/main', await writeInitialCommit(gitDir, tree, nowMs)])
  return { gitDir, cleanup: () => rm(root, { recursive: true, force: true }) }
}

/**
 * Gives a repository without any branch (a fresh `git init --bare`) what every GitHub API call needs: a default
 * branch. It makes `main` with an empty initial commit and points HEAD at it, whatever branch name git's
 * configuration chose. Returns the branch made, or undefined when the repository already had a branch.
 */
export async function initializeEmptyRepository(gitDir: string, nowMs: number): Promise<string | undefined> {
  if (await gitText(gitDir, ['for-each-ref', '--count=1', '--format=%(refname)', 'refs/heads/']))
    return undefined
  const tree = await gitText(gitDir, ['mktree'], { input: '' })
  const commit = await writeInitialCommit(gitDir, tree, nowMs)
  // Create only: another process that made a first branch meanwhile keeps it.
  await runGit(gitDir, ['update-ref', 'refs/heads/main', commit, '0'.repeat(commit.length)])
  await runGit(gitDir, ['symbolic-ref', 'HEAD', 'refs/heads/main'])
  return 'main'
}

/** Reads the state file of `gitDir`, or undefined when there is none; a damaged one is an error that says so. */
export async function readStateFile(gitDir: string): Promise<PersistedState | undefined> {
  const path = join(gitDir, STATE_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let saved: Partial<PersistedState> | undefined
  try {
    saved = JSON.parse(text) as Partial<PersistedState>
  } catch {
    saved = undefined
  }
  if (
    saved?.version !== 1 ||
    !Number.isInteger(saved.id) ||
    !Number.isFinite(saved.createdAt) ||
    !Number.isInteger(saved.nextNumber) ||
    !Array.isArray(saved.issues) ||
    !Array.isArray(saved.labels)
  ) {
    throw new Error(
      `${path} is not an emulator state file (version 1): move it away to start without its pull requests and labels.`
    )
  }
  return saved as PersistedState
}

/**
 * Writes the state file of `gitDir` atomically: a reader (or a restart after a crash) sees the old file or the new
 * one, never half of one.
 */
export async function writeStateFile(gitDir: string, state: PersistedState): Promise<void> {
  const path = join(gitDir, STATE_FILE)
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`)
  await rename(temp, path)
}
