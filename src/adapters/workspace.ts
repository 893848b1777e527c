/**
 * The Workspace port: the files a heal's fixers change. The loop takes a state before the fixers run, diffs states
 * to see what they changed, puts states back, and applies remembered diffs; it never reads or writes files itself.
 * Implementations: a local checkout through git (`local/workspace.ts`) and memory (`memory/workspace.ts`, for fast
 * tests of the loop).
 */

/** An opaque id of the workspace's files at one moment (a git tree id locally). */
export type WorkspaceState = string

/** What changed besides work files while the workspace was open, put back by `settle`. */
export interface SettleReport {
  /** Set when the index was changed (a fixer ran `git add`) and could not be put back. */
  indexNotRestored?: boolean
  /** The commit HEAD had moved to (a fixer that commits), now undone; still reachable from the reflog. */
  headMovedTo?: string
}

/** Something a fixer changed besides work files: the repository's metadata, or an ignored file. */
export interface OutsideChange {
  /** Where: `.git/hooks/pre-commit`, `node_modules/x/index.js`, ... */
  path: string
  change: 'added' | 'changed' | 'removed'
  /** Whether it was put back as it was (false: it could not be, and the message says what to do). */
  undone: boolean
}

/** The files of one state, elsewhere, for one fixer to run in (see Workspace.fixerCopy). */
export interface FixerCopy {
  /** Where the fixer runs: the copy's root, as `Workspace.root` is the workspace's. */
  readonly root: string
  /**
   * Once the fixer ended: its files as a state of the workspace (which `restore` can bring the workspace to), and
   * what the fixer changed in the copy besides them, each put back.
   */
  take(): Promise<{ state: WorkspaceState; outside: OutsideChange[] }>
}

export interface Workspace {
  /** Where the check and the fixers run: the checkout's root directory (a name only, for memory). */
  readonly root: string
  /** The commit the workspace was opened at. */
  readonly head: string
  /** The branch checked out, or undefined on a detached HEAD. */
  currentBranch(): Promise<string | undefined>
  /** The message of the commit checked out (the loop guard reads self-heal's trailer in it). */
  headMessage(): Promise<string>
  /**
   * Tracked files that differ from `head`: a heal proposes its fix on `head`, so it refuses to start with them.
   * With `state`, those that differ in that state rather than now (staged changes aside: `repositoryChanges`
   * tells those).
   */
  changedTrackedFiles(state?: WorkspaceState): Promise<string[]>
  /** The text of files as the commit checked out holds them (a path it does not hold is left out). */
  readCommitted(paths: readonly string[]): Promise<Map<string, string>>
  /**
   * Untracked files (not ignored ones), repository-relative: the user's, not the commit's. With `state`, those in
   * that state (one taken while the index was as `head` has it).
   */
  untrackedFiles(state?: WorkspaceState): Promise<string[]>
  /** The files as they are now (tracked and untracked, not ignored ones). */
  snapshot(): Promise<WorkspaceState>
  /** The change from one state to another as `git diff --binary` writes it; empty when they are the same. */
  diff(from: WorkspaceState, to: WorkspaceState): Promise<string>
  /** Applies a diff to the files, all or nothing: false (and nothing changed) when it does not apply. */
  apply(diff: string): Promise<boolean>
  /**
   * Puts the files back to `state`; `current` is a snapshot of them now, so only what differs is written. With
   * `paths`, only those paths are put back (the others stay as they are).
   */
  restore(state: WorkspaceState, current: WorkspaceState, paths?: readonly string[]): Promise<void>
  /** Records what a fixer about to run may not change besides work files (`outsideChanges` compares with it). */
  guard(): Promise<void>
  /**
   * What changed outside the work files since `guard`, each put back where it can be; empty when nothing did.
   * The index and HEAD are not counted here: `settle` puts them back.
   */
  outsideChanges(): Promise<OutsideChange[]>
  /**
   * Records where HEAD points (the branch and its commit) and what the index holds, now: `repositoryChanges`
   * compares with it. The loop marks again after each fixer, whose commits and staging are its own (`settle` puts
   * them back); what moves at any other time is someone else's.
   */
  markRepository(): Promise<void>
  /** What moved since `markRepository`, each said in a sentence: a commit, another branch, the index. */
  repositoryChanges(): Promise<string[]>
  /**
   * Variables for the fixer about to run (after `guard`) that let the repository tell what the fixer does from what
   * someone else does meanwhile: its own copy of the index to stage in, and a committer address its ref updates
   * are logged with. Optional: a workspace nobody else works in needs none.
   */
  fixerEnvironment?(): Promise<Record<string, string>>
  /**
   * After that fixer ran and `outsideChanges` was read: what moved in the repository that was not the fixer's
   * doing, each said in a sentence (the index, which the fixer did not stage in; HEAD or a ref whose log names
   * another committer). None of it is put back: it is someone else's work.
   */
  othersChanges?(): Promise<string[]>
  /**
   * The files at `state` copied elsewhere for the fixer about to run (after `guard`), so that whatever changes in
   * the workspace itself while it runs is someone else's, and the fixer's changes reach the workspace only once it
   * was seen untouched. Optional: a workspace nobody else works in needs none.
   */
  fixerCopy?(state: WorkspaceState): Promise<FixerCopy>
  /**
   * A fresh copy of the commit the workspace was opened at with `diff` applied, somewhere else: what a fixer did
   * outside the diff is not in it. Optional: a workspace that cannot make one does not offer clean verification.
   */
  cleanCopy?(diff: string): Promise<{ root: string; close(): Promise<void> }>
  /** Puts back what is not files (the index, HEAD) as it was when the workspace was opened. */
  settle(): Promise<SettleReport>
  /** Releases what the workspace holds (temporary files). */
  close(): Promise<void>
}
