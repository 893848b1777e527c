/**
 * The local Workspace (LOCAL, or CI with a checkout): fixers edit the checkout's files, the loop reads what they
 * changed as a diff, and puts every file back as it found it. States are git trees written through a temporary
 * index, so the user's index, branches and stash are never touched, and untracked files the user had (build
 * output, say) are part of the state rather than something a restore could delete.
 */
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { ConfigurationError } from '../../errors.js'
import { assertBranchName, branchHead, resolveCommit } from '../../git/refs.js'
import { runGit, type GitRunResult } from '../../git/run-git.js'
import type { SettleReport, Workspace, WorkspaceState } from '../workspace.js'

/** A snapshot of the working tree: the id of a git tree object. */
type TreeState = WorkspaceState

/** The repository's working tree, opened at its root. */
export class LocalWorkspace implements Workspace {
  private constructor(
    /** The repository's root directory. */
    readonly root: string,
    /** The commit checked out when the tree was opened. */
    readonly head: string,
    private readonly scratch: string,
    private readonly index: string,
    /** The ref HEAD pointed to when the tree was opened (`refs/heads/...`), or undefined when detached. */
    private readonly headRef: string | undefined
  ) {}

  /** Opens the repository that holds `cwd`; ConfigurationError when there is none or it has no commit yet. */
  static async open(cwd: string): Promise<LocalWorkspace> {
    const top = await runGit(['rev-parse', '--show-toplevel'], { cwd, okCodes: [0, 128] })
    if (top.code !== 0) {
      throw new ConfigurationError(
        `${cwd} is not inside a git repository: heal needs a checkout (run it in your repository, or after actions/checkout).`
      )
    }
    const root = text(top)
    const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
      cwd: root,
      okCodes: [0, 1, 128]
    })
    if (head.code !== 0)
      throw new ConfigurationError(`The repository at ${root} has no commit yet: commit first.`)
    const indexPath = text(await runGit(['rev-parse', '--git-path', 'index'], { cwd: root }))
    const index = isAbsolute(indexPath) ? indexPath : join(root, indexPath)
    const scratch = await mkdtemp(join(tmpdir(), 'self-heal-tree-'))
    // The user's index as it was, so that a fixer that stages its changes (`git add`) leaves no trace in it.
    await copyFile(index, join(scratch, USER_INDEX)).catch(() => undefined)
    const ref = await runGit(['symbolic-ref', '--quiet', 'HEAD'], { cwd: root, okCodes: [0, 1] })
    return new LocalWorkspace(root, text(head), scratch, index, ref.code === 0 ? text(ref) : undefined)
  }

  /** The branch checked out, or undefined on a detached HEAD. */
  async currentBranch(): Promise<string | undefined> {
    const result = await this.git(['symbolic-ref', '--quiet', '--short', 'HEAD'], [0, 1])
    return result.code === 0 ? text(result) : undefined
  }

  /** The message of the commit checked out. */
  async headMessage(): Promise<string> {
    return text(await this.git(['log', '-1', '--format=%B', this.head]))
  }

  /** Tracked files that differ from HEAD (staged or not): a heal commits on HEAD, so it refuses to start with them. */
  async changedTrackedFiles(): Promise<string[]> {
    const status = await this.git(['status', '--porcelain=v1', '-z', '--untracked-files=no'])
    return status.stdout
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map(entry => entry.slice(3))
  }

  /** Untracked files, not ignored ones, repository-relative. */
  async untrackedFiles(): Promise<string[]> {
    const listed = await this.git([
      'ls-files',
      '-z',
      '--others',
      '--exclude-standard',
      '--full-name',
      '--',
      ':/'
    ])
    return listed.stdout.toString('utf8').split('\0').filter(Boolean)
  }

  /** Writes the working tree as it is now (tracked and untracked files, not ignored ones) as a tree object. */
  async snapshot(): Promise<TreeState> {
    const index = join(this.scratch, 'index')
    const env = { GIT_INDEX_FILE: index }
    // Starting from a copy of the real index (which matches HEAD: heal starts with tracked files unchanged) keeps
    // its stat data, so git rehashes only the files that changed.
    try {
      await copyFile(this.index, index)
    } catch {
      await this.git(['read-tree', this.head], [0], env)
    }
    await this.git(['add', '--all', '--', '.'], [0], env)
    return text(await this.git(['write-tree'], [0], env))
  }

  /** The diff from one state to another, as `git diff --binary` makes it (empty when they are the same). */
  async diff(from: TreeState, to: TreeState): Promise<string> {
    return from === to ? '' : this.binaryDiff(from, to)
  }

  /** Applies a diff to the working tree, all or nothing; false (and nothing changed) when it does not apply. */
  async apply(diff: string): Promise<boolean> {
    const result = await runGit(['apply', '--binary', '--whitespace=nowarn', '-'], {
      cwd: this.root,
      input: diff,
      okCodes: [0, 1, 128]
    })
    return result.code === 0
  }

  /**
   * Puts the working tree back to `state`, which was taken from `current`: only the paths that differ are written
   * or removed, so files nobody changed keep their timestamps.
   */
  async restore(state: TreeState, current: TreeState): Promise<void> {
    if (state === current) return
    const changed = await this.git(['diff', '--name-status', '--no-renames', '-z', state, current])
    const fields = changed.stdout.toString('utf8').split('\0').filter(Boolean)
    const write: string[] = []
    const remove: string[] = []
    for (let i = 0; i + 1 < fields.length; i += 2) (fields[i] === 'A' ? remove : write).push(fields[i + 1])
    for (const path of remove) await rm(join(this.root, path), { force: true, recursive: true })
    if (write.length) {
      const index = join(this.scratch, 'restore-index')
      const env = { GIT_INDEX_FILE: index }
      await this.git(['read-tree', state], [0], env)
      await runGit(['checkout-index', '--force', '-z', '--stdin'], {
        cwd: this.root,
        env,
        input: write.join('\0') + '\0'
      })
    }
  }

  /**
   * The change a local branch makes since it forked from `base` (`git diff base...branch`), or undefined when the
   * branch does not exist.
   */
  async branchChange(base: string, branch: string): Promise<string | undefined> {
    const head = await branchHead(await assertBranchName(branch, this.root), this.root)
    if (!head) return undefined
    return this.binaryDiff(`${await resolveCommit(base, this.root)}...${head}`)
  }

  async settle(): Promise<SettleReport> {
    const report: SettleReport = {}
    if (!(await this.restoreIndex())) report.indexNotRestored = true
    const moved = await this.restoreHead()
    if (moved) report.headMovedTo = moved
    return report
  }

  /**
   * Puts the user's index back as it was when the tree was opened, when something (a fixer running `git add`)
   * changed it. Written the way git writes it (through `index.lock`), so a git command running at the same moment
   * is not overwritten: then the index is left as it is, and false returned.
   */
  private async restoreIndex(): Promise<boolean> {
    const saved = await readFile(join(this.scratch, USER_INDEX)).catch(() => undefined)
    if (!saved) return true
    const current = await readFile(this.index).catch(() => undefined)
    if (current && current.equals(saved)) return true
    const lock = `${this.index}.lock`
    try {
      await writeFile(lock, saved, { flag: 'wx' })
    } catch {
      return false
    }
    await rename(lock, this.index)
    return true
  }

  /**
   * Puts HEAD back at the commit the tree was opened at when something (a fixer that commits) moved it: the branch
   * checked out, or a detached HEAD, compare-and-swap, so nothing else is overwritten. Returns the commit HEAD had
   * moved to (still in the reflog), or undefined when it had not moved. A fixer that checked out another branch is
   * a ConfigurationError: heal does not guess which branch to move.
   */
  private async restoreHead(): Promise<string | undefined> {
    const now = await this.git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], [0, 1, 128])
    const ref = await this.git(['symbolic-ref', '--quiet', 'HEAD'], [0, 1])
    const headRef = ref.code === 0 ? text(ref) : undefined
    if (headRef !== this.headRef) {
      throw new ConfigurationError(
        `A fixer switched the checkout from ${this.headRef ?? 'a detached HEAD'} to ${headRef ?? 'a detached HEAD'}: ` +
          `fixers must only change files. Switch back (git checkout ${this.headRef?.replace(/^refs\/heads\//, '') ?? this.head}).`
      )
    }
    const moved = text(now)
    if (now.code !== 0 || moved === this.head) return undefined
    const message = ['-m', 'self-heal: undo a commit a fixer made']
    await this.git(
      headRef
        ? ['update-ref', ...message, headRef, this.head, moved]
        : ['update-ref', '--no-deref', ...message, 'HEAD', this.head, moved]
    )
    return moved
  }

  /**
   * Fetches `branch` from `remote` into the local branch of the same name, fast-forward only (a local branch that
   * went another way is left alone). Returns what happened (`created`, `updated`), or undefined when nothing was
   * fetched: no such remote or remote branch, already up to date, or not a fast-forward.
   */
  async fetchBranch(remote: string, branch: string): Promise<string | undefined> {
    const name = await assertBranchName(branch, this.root)
    const before = await branchHead(name, this.root)
    const result = await this.git(
      ['fetch', '--quiet', '--no-tags', remote, `refs/heads/${name}:refs/heads/${name}`],
      [0, 1, 128]
    )
    if (result.code !== 0) return undefined
    const after = await branchHead(name, this.root)
    if (!after || after === before) return undefined
    return before ? `updated to ${after.slice(0, 12)}` : `created at ${after.slice(0, 12)}`
  }

  /**
   * Fetches `branch` from `remote` into its remote-tracking ref (`refs/remotes/<remote>/<branch>`) and returns the
   * commit it is at there, or undefined when the remote has no such branch (or cannot be reached).
   */
  async fetchRemoteBranch(remote: string, branch: string): Promise<string | undefined> {
    const name = await assertBranchName(branch, this.root)
    if (remote.startsWith('-')) return undefined
    const tracking = `refs/remotes/${remote}/${name}`
    const result = await this.git(
      ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${name}:${tracking}`],
      [0, 1, 128]
    )
    if (result.code !== 0) return undefined
    return resolveCommit(tracking, this.root)
  }

  /**
   * Deletes `branch` on `remote`, only while it is at the commit the local branch of that name is at (a lease: a
   * branch someone pushed to meanwhile is left alone). Returns whether it was deleted.
   */
  async deleteRemoteBranch(remote: string, branch: string): Promise<boolean> {
    const name = await assertBranchName(branch, this.root)
    const expected = await branchHead(name, this.root)
    if (!expected || remote.startsWith('-')) return false
    const result = await this.git(
      [
        'push',
        '--porcelain',
        `--force-with-lease=refs/heads/${name}:${expected}`,
        remote,
        `:refs/heads/${name}`
      ],
      [0, 1, 128]
    )
    return result.code === 0
  }

  /** Removes the scratch directory. */
  async close(): Promise<void> {
    await rm(this.scratch, { recursive: true, force: true })
  }

  /** `git diff --binary` of trees or a commit range (ids only: nothing here comes from the user unchecked). */
  private async binaryDiff(...range: string[]): Promise<string> {
    const result = await this.git([
      'diff',
      '--binary',
      '--full-index',
      '--no-color',
      '--no-ext-diff',
      ...range
    ])
    return result.stdout.toString('utf8')
  }

  private git(args: string[], okCodes = [0], env?: Record<string, string>): Promise<GitRunResult> {
    return runGit(args, { cwd: this.root, okCodes, env })
  }
}

/** The copy of the user's index in the scratch directory. */
const USER_INDEX = 'user-index'

function text(result: GitRunResult): string {
  return result.stdout.toString('utf8').trim()
}
