/**
 * The local Workspace (LOCAL, or CI with a checkout): fixers edit the checkout's files (or, LOCAL, a copy of them:
 * fixer-copy.ts), the loop reads what they changed as a diff, and puts every file back as it found it. States are
 * git trees written through a temporary index, so the user's index, branches and stash are never touched, and
 * untracked files the user had (build output, say) are part of the state rather than something a restore could
 * delete.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rename,
  rm,
  symlink,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { ConfigurationError, DiffDoesNotApplyError } from '../../errors.js'
import { assertBranchName, branchHead, resolveCommit } from '../../git/refs.js'
import { DEFAULT_REMOTE } from '../../git/remote.js'
import { runGit, type GitRunResult } from '../../git/run-git.js'
import { directoriesOf, treeWith } from '../../git/tree-edit.js'
import type { FixerCopy, OutsideChange, SettleReport, Workspace, WorkspaceState } from '../workspace.js'
import { LocalFixerCopy } from './fixer-copy.js'
import { TOOL_CACHE, changedSinceIndex, fileSeal, updateIndex, type ScanGit } from './scan.js'

/** A snapshot of the working tree: the id of a git tree object. */
type TreeState = WorkspaceState

export interface LocalWorkspaceOptions {
  /**
   * How many bytes of the scratch index make a state's tree edited one directory at a time worth it, rather than
   * the whole index brought up and its tree written (see editedTree). Tests set 1 to edit every tree.
   */
  indexBytesPerEditedDirectory?: number
}

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
    private readonly headRef: string | undefined,
    /** The repository's git directory shared by its worktrees (config, hooks, refs). */
    private readonly commonDir: string
  ) {}

  /** The repository's metadata and its ignored files as `guard` found them. */
  private guarded?: { meta: Map<string, Buffer | string>; ignored: Map<string, string> }

  /** Files of the commit already read by `readCommitted` (undefined: the commit has no such file). */
  private readonly committed = new Map<string, string | undefined>()

  /** Opens the repository that holds `cwd`; ConfigurationError when there is none or it has no commit yet. */
  static async open(cwd: string, options: LocalWorkspaceOptions = {}): Promise<LocalWorkspace> {
    const { root, head, index, gitDir, common, ref } = await locate(cwd)
    // The scratch directory lives in the git directory: one per checkout, so it is also the lock, and what it
    // holds (the user's index, the journal) survives a SIGKILL for the next run to put back.
    const scratch = join(gitDir, SCRATCH)
    const recovered = await takeLock(scratch, root)
    // The user's index as it was, so that a fixer that stages its changes (`git add`) leaves no trace in it.
    await copyFile(index, join(scratch, USER_INDEX)).catch(() => undefined)
    const workspace = new LocalWorkspace(root, head, scratch, index, ref, common)
    workspace.recovered = recovered
    if (options.indexBytesPerEditedDirectory) workspace.editBytes = options.indexBytesPerEditedDirectory
    await workspace.writeJournal()
    return workspace
  }

  /** See LocalWorkspaceOptions. */
  private editBytes = INDEX_BYTES_PER_DIRECTORY

  /** What was put back from a heal that was killed before it could (its journal), said for the log. */
  recovered?: string

  /** The first state taken: what an interrupted heal's next run puts back. */
  private start?: TreeState

  private async writeJournal(): Promise<void> {
    const journal: Journal = { pid: process.pid, head: this.head, headRef: this.headRef, start: this.start }
    await writeFile(join(this.scratch, JOURNAL), JSON.stringify(journal))
  }

  /**
   * Who this repository is when no GitHub repository is known: its `origin` URL without credentials, or else its
   * first root commit (the same for every clone of it).
   */
  async identity(): Promise<string> {
    return checkoutIdentity(this.root, this.head)
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

  /**
   * Tracked files that differ from HEAD (staged or not): a heal commits on HEAD, so it refuses to start with them.
   * With `state`, the tracked files that state changes: git compares the two trees, so this costs what differs.
   */
  async changedTrackedFiles(state?: TreeState): Promise<string[]> {
    if (state) return this.changedFromHead(state, 'other')
    const ahead = this.trackedAhead
    this.trackedAhead = undefined
    const status = await (ahead ?? this.listChangedTracked())
    return status.stdout
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map(entry => entry.slice(3))
  }

  /** The listing `lookAhead` started, for the first `changedTrackedFiles` with no state. */
  private trackedAhead?: Promise<GitRunResult>

  /**
   * Starts listing the tracked files that differ from HEAD, which a heal asks first (one `lstat` of every tracked
   * file): it runs while the heal sets up (its adapters, the repository's identity), before anything is run here.
   */
  lookAhead(): void {
    this.trackedAhead = this.listChangedTracked()
    this.trackedAhead.catch(() => undefined)
  }

  private listChangedTracked(): Promise<GitRunResult> {
    return this.git(['status', '--porcelain=v1', '-z', '--untracked-files=no'])
  }

  /** The last state `changedFromHead` listed, with what it adds to HEAD, what else it changes, and its blobs. */
  private listedState?: { state: TreeState; added: string[]; other: string[]; blobs: string[] }

  /**
   * The paths `state` adds to HEAD (`added`) or changes otherwise: one `git diff-tree` a state (the loop asks both
   * of its first state).
   */
  private async changedFromHead(state: TreeState, kind: 'added' | 'other'): Promise<string[]> {
    return [...(await this.listFromHead(state))[kind]]
  }

  private async listFromHead(state: TreeState): Promise<NonNullable<typeof this.listedState>> {
    if (this.listedState?.state !== state) {
      const listed = await this.git([
        'diff-tree',
        '-r',
        '-z',
        '--raw',
        '--no-abbrev',
        '--no-renames',
        this.head,
        state
      ])
      const fields = listed.stdout.toString('utf8').split('\0')
      const added: string[] = []
      const other: string[] = []
      const blobs: string[] = []
      for (let i = 0; i + 1 < fields.length; i += 2) {
        // `:old-mode new-mode old-blob new-blob status`, then the path.
        const [, mode, , blob, status] = fields[i].slice(1).split(' ')
        ;(status === 'A' ? added : other).push(fields[i + 1])
        if (status !== 'D' && mode !== '160000') blobs.push(blob)
      }
      this.listedState = { state, added, other, blobs }
    }
    return this.listedState
  }

  /**
   * Whether git has every object of `state` that HEAD does not hold: a kept index names blobs (untracked files) no
   * ref holds, which git may have pruned since (write-tree checks the trees only).
   */
  private async hasObjects(state: TreeState): Promise<boolean> {
    const { blobs } = await this.listFromHead(state)
    if (!blobs.length) return true
    const checked = await this.git(
      ['cat-file', '--batch-check'],
      [0],
      undefined,
      undefined,
      blobs.join('\n') + '\n'
    )
    return !/ missing$/m.test(checked.stdout.toString('utf8'))
  }

  async readCommitted(paths: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    for (const path of paths) {
      // The commit never changes, so each candidate's policing reads a file of it from git once per heal.
      if (!this.committed.has(path)) {
        // `<commit>:<path>` starts with the commit id, so no path can read as an option.
        const blob = await this.git(['cat-file', 'blob', `${this.head}:${path}`], [0, 128])
        this.committed.set(path, blob.code === 0 ? blob.stdout.toString('utf8') : undefined)
      }
      const text = this.committed.get(path)
      if (text !== undefined) found.set(path, text)
    }
    return found
  }

  /**
   * Untracked files, not ignored ones, repository-relative. With `state` (taken while tracked files were as HEAD
   * has them), the files it adds to HEAD: the snapshot's scan already found them.
   */
  async untrackedFiles(state?: TreeState): Promise<string[]> {
    if (state) return this.changedFromHead(state, 'added')
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

  /** Whether the scratch index (the states' own, kept between snapshots) has been made. */
  private indexMade = false
  /** The scratch index as the last snapshot left it (see fileSeal) and the state its entries are. */
  private scratchSeal?: { seal?: string; state: TreeState }

  /**
   * Writes the working tree as it is now (tracked and untracked files, not ignored ones) as a tree object, through
   * an index of its own that each snapshot updates: its stat data is the last snapshot's, so git hashes only the
   * files that changed since (the user's index, which self-heal never refreshes, may be older than the files).
   */
  async snapshot(): Promise<TreeState> {
    const early = this.early
    this.early = undefined
    const first = !this.start
    this.ignoredAhead = undefined
    const state = early ?? this.scanFiles()
    if (first) {
      // The first state is taken just before the first fixer's guard (unless a remembered fix is tried first, which
      // takes states of its own): its list of ignored files walks the checkout alongside this scan, on the other core.
      this.ignoredAhead = this.readIgnored()
      this.ignoredAhead.catch(() => undefined)
    }
    return state
  }

  /**
   * The ignored files listed alongside the first state, for the guard when nothing came between: any other state
   * taken (a check ran), or files applied or put back, drops it.
   */
  private ignoredAhead?: Promise<Map<string, string>>

  /**
   * A snapshot started by `outsideChanges` as soon as the repository's metadata was put back, alongside its list of
   * ignored files: the next `snapshot` is it (the loop takes one right after). What changes the files waits for it
   * and drops it.
   */
  private early?: Promise<TreeState>

  /** Waits for the early snapshot, if one is running, and drops it: the files are about to change. */
  private async dropEarly(): Promise<void> {
    const early = this.early
    const ahead = this.ignoredAhead
    this.early = undefined
    this.ignoredAhead = undefined
    await Promise.all([early?.catch(() => undefined), ahead?.catch(() => undefined)])
  }

  private async scanFiles(): Promise<TreeState> {
    const index = join(this.scratch, 'index')
    const env = { GIT_INDEX_FILE: index }
    /** The state the index's entries are, when known: nothing changed since means no tree to write. */
    let holds: TreeState | undefined
    let kept = false
    let rebuilt = false
    if (!this.indexMade) {
      kept = await this.takeKeptIndex(index)
      if (!kept) await this.freshIndex(index, env)
      this.indexMade = true
    } else if (this.scratchSeal && (await fileSeal(index)) !== this.scratchSeal.seal) {
      // A fixer rewrote the scratch index (stat data that hides a change it made): start again from the last
      // state's entries alone, with no stat data to trust, so every file is read.
      await rm(index, { force: true })
      await this.git(['read-tree', this.scratchSeal.state], [0], env)
      holds = this.scratchSeal.state
      rebuilt = true
    } else holds = this.scratchSeal?.state
    let scanned = await this.scan(env, holds, kept, rebuilt)
    if (scanned === undefined || (kept && !(await this.hasObjects(scanned.state)))) {
      // The kept index names an object git no longer has (pruned since the last heal): start afresh.
      await this.freshIndex(index, env)
      scanned = (await this.scan(env))!
    }
    const { state } = scanned
    this.scratchSeal = { seal: await fileSeal(index), state: scanned.index }
    if (!this.start) {
      this.start = state
      await this.writeJournal()
      // The files are put back at this state when the heal ends: the next heal finds them as this index has them.
      const copy = join(this.scratch, START_INDEX)
      await copyFile(index, copy)
      this.startSeal = await fileSeal(copy)
    }
    return state
  }

  /** The seal of the copy of the scratch index the first snapshot left (see keepIndex). */
  private startSeal?: string

  /**
   * Starts the scratch index from a copy of the real index (which matches HEAD: heal starts with tracked files
   * unchanged), for its stat data.
   */
  private async freshIndex(index: string, env: Record<string, string>): Promise<void> {
    try {
      await copyFile(this.index, index)
    } catch {
      await rm(index, { force: true })
      await this.git(['read-tree', this.head], [0], env)
    }
  }

  /**
   * The files' state, and the state the scratch index's entries are after it: the index is brought up to the files
   * and its tree written, unless the tree is edited from `holds` (see editedTree). `holds` is the state the entries
   * are, when known (then nothing changed means that state, with no tree to write). With `tolerant`, undefined when
   * git cannot write the tree (rather than an error).
   */
  private async scan(
    env: Record<string, string>,
    holds?: TreeState,
    tolerant = false,
    rebuilt = false
  ): Promise<{ state: TreeState; index: TreeState } | undefined> {
    // The index is self-heal's own: status may write its refreshed stat data and untracked cache back. Only the
    // first state's scan does (and one of an index read afresh): the next heal starts from the index as the first
    // state left it, and a write costs a checksum of the whole index (about 22 ms at 100,000 files) where a later
    // scan would spare only the rehashing of the few files the fixers and checks touched.
    const writeBack = !this.start || rebuilt
    const git: ScanGit = (args, okCodes, paths) =>
      this.git(args, okCodes, { ...env, GIT_OPTIONAL_LOCKS: writeBack ? '1' : '0' }, paths)
    const changed = await changedSinceIndex(git)
    if (changed?.length === 0 && holds) return { state: holds, index: holds }
    if (changed && holds) {
      const edited = await this.editedTree(holds, changed, env.GIT_INDEX_FILE)
      if (edited) return { state: edited, index: holds }
    }
    await updateIndex(git, changed)
    const tree = await this.git(['write-tree'], tolerant ? [0, 128] : [0], env)
    if (tree.code !== 0) return undefined
    const state = text(tree)
    return { state, index: state }
  }

  /**
   * `holds` with the `changed` files as they are now (one that is gone, deleted): the files hashed into an index of
   * their own, and the tree written from `holds`' directories above them (tree-edit.ts), when that costs less than
   * reading and writing the scratch index twice (`update-index`, `write-tree`), as in a large checkout. The scratch
   * index stays at `holds`: its stat data tells the next scan what changed since. Undefined when it would cost more,
   * or git refuses a path or the edit (a file where `holds` has a directory): then the whole index is brought up.
   */
  private async editedTree(
    holds: TreeState,
    changed: readonly string[],
    index: string
  ): Promise<TreeState | undefined> {
    const size = (await lstat(index).catch(() => undefined))?.size ?? 0
    if (directoriesOf(changed).size * this.editBytes >= size) return undefined
    const own = join(this.scratch, 'changed-index')
    const env = { GIT_INDEX_FILE: own }
    await rm(own, { force: true })
    try {
      const hashed = await this.git(
        ['update-index', '-z', '--add', '--remove', '--stdin'],
        [0, 1, 128],
        env,
        changed
      )
      if (hashed.code !== 0) return undefined
      return await treeWith(this.root, env, holds, changed)
    } catch (error) {
      if (error instanceof DiffDoesNotApplyError) return undefined
      throw error
    } finally {
      await rm(own, { force: true })
    }
  }

  /**
   * Where the scratch index is kept between heals, with its seal: its stat data and untracked cache spare the next
   * heal's first snapshot from reading every directory again.
   */
  private get keptIndex(): string {
    return join(dirname(this.scratch), KEPT_INDEX)
  }

  /**
   * Moves the index the last heal kept into `index`, when it is as that heal left it (its seal, which no process
   * can forge, is the one recorded): true when it did. Anything else is removed, and the index starts afresh.
   */
  private async takeKeptIndex(index: string): Promise<boolean> {
    const kept = this.keptIndex
    const seal = await readFile(`${kept}.seal`, 'utf8').catch(() => undefined)
    const sealed = seal !== undefined && (await fileSeal(kept)) === seal
    if (sealed) await rename(kept, index).catch(() => undefined)
    await forgetKeptIndex(kept)
    return sealed && (await fileSeal(index)) !== undefined
  }

  /**
   * Keeps the scratch index for the next heal: as the first snapshot left it (the files are put back at that
   * state), or else as the last one did, when it is as that snapshot left it. What was at the kept paths goes
   * first, whatever it is (a fixer may have put something there), and the seal is written to a new file only.
   */
  private async keepIndex(): Promise<void> {
    const kept = this.keptIndex
    await forgetKeptIndex(kept)
    const start = join(this.scratch, START_INDEX)
    const index = join(this.scratch, 'index')
    if (this.startSeal && (await fileSeal(start)) === this.startSeal) await rename(start, kept)
    else if (this.scratchSeal && (await fileSeal(index)) === this.scratchSeal.seal) await rename(index, kept)
    else return
    const seal = await fileSeal(kept)
    if (seal) await writeFile(`${kept}.seal`, seal, { flag: 'wx' })
  }

  /** The diff from one state to another, as `git diff --binary` makes it (empty when they are the same). */
  async diff(from: TreeState, to: TreeState): Promise<string> {
    return from === to ? '' : this.binaryDiff(from, to)
  }

  /** Applies a diff to the working tree, all or nothing; false (and nothing changed) when it does not apply. */
  async apply(diff: string): Promise<boolean> {
    await this.dropEarly()
    const result = await runGit(['apply', '--binary', '--whitespace=nowarn', '-'], {
      cwd: this.root,
      input: diff,
      okCodes: [0, 1, 128]
    })
    return result.code === 0
  }

  /**
   * Puts the working tree back to `state`, which was taken from `current`: only the paths that differ are written
   * or removed, so files nobody changed keep their timestamps. With `paths`, only those of them.
   */
  async restore(state: TreeState, current: TreeState, paths?: readonly string[]): Promise<void> {
    await this.dropEarly()
    if (state === current) return
    await this.keepPutBack(current)
    // `--raw` gives each path's mode and blob in `state` too: the index the files are written from holds only
    // those, so a restore costs what changed, not the size of the tree.
    const changed = await this.git(['diff', '--raw', '--no-renames', '--no-abbrev', '-z', state, current])
    const fields = changed.stdout.toString('utf8').split('\0')
    const only = paths && new Set(paths)
    const write: string[] = []
    const remove: string[] = []
    for (let i = 0; i + 1 < fields.length; i += 2) {
      // `:old-mode new-mode old-blob new-blob status`, then the path.
      const [mode, , blob, , status] = fields[i].slice(1).split(' ')
      const path = fields[i + 1]
      if (only && !only.has(path)) continue
      if (status === 'A') remove.push(path)
      else write.push(`${mode} ${blob}\t${path}`)
    }
    for (const path of remove) await rm(join(this.root, path), { force: true, recursive: true })
    if (write.length) {
      const index = join(this.scratch, 'restore-index')
      const env = { GIT_INDEX_FILE: index }
      await rm(index, { force: true })
      await runGit(['update-index', '-z', '--index-info'], {
        cwd: this.root,
        env,
        input: write.join('\0') + '\0'
      })
      await runGit(['checkout-index', '--force', '--all'], { cwd: this.root, env })
    }
  }

  /** Whether this heal has kept a state in PUT_BACK yet: its first replaces what the last heal kept. */
  private keptPutBack = false

  /**
   * Keeps what the files hold before they are put back, as a commit on HEAD under PUT_BACK (one reflog entry
   * each): an edit someone made while a fixer ran looks like the fixer's and goes with it, but is not lost.
   */
  private async keepPutBack(current: TreeState): Promise<void> {
    const message = 'self-heal: the files before it put them back'
    const kept = await this.git(['commit-tree', '--no-gpg-sign', current, '-p', this.head, '-m', message])
    if (!this.keptPutBack) {
      await this.git(['update-ref', '-d', PUT_BACK], [0, 1])
      this.keptPutBack = true
    }
    await this.git(['update-ref', '--create-reflog', '-m', message, PUT_BACK, text(kept)])
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

  /** HEAD (its ref and commit) and the index's entries as `markRepository` found them. */
  private repositoryMark?: RepositoryMark

  async markRepository(): Promise<void> {
    this.repositoryMark = await this.readRepository()
  }

  async repositoryChanges(): Promise<string[]> {
    const { head, index } = await this.compareRepository()
    return [head, index].filter((change): change is string => Boolean(change))
  }

  /** HEAD's move and the index's change since `markRepository`, each said in a sentence when there was one. */
  private async compareRepository(): Promise<{ head?: string; index?: string }> {
    const then = this.repositoryMark ?? { ref: this.headRef, commit: this.head, index: '' }
    const now = await this.readRepository()
    const name = (ref: string | undefined) => ref?.replace(/^refs\/heads\//, '') ?? 'a detached HEAD'
    return {
      head:
        now.ref !== then.ref
          ? `the checkout was switched from ${name(then.ref)} to ${name(now.ref)}`
          : now.commit !== then.commit
            ? `HEAD moved from ${then.commit.slice(0, 12)} to ${now.commit.slice(0, 12)} (a commit, a reset or a pull)`
            : undefined,
      index:
        then.index && now.index !== then.index
          ? 'the index changed (git add, git reset, git stash, ...)'
          : undefined
    }
  }

  /**
   * The committer address a fixer's ref updates are logged with: random for each heal, so no one's own address
   * is it, and a fixer cannot know it before it runs.
   */
  private readonly fixerEmail = `fixer-${randomBytes(8).toString('hex')}@self-heal.invalid`
  /** The size of each ref log when `guard` ran: what was appended since tells who moved a ref meanwhile. */
  private reflogSizes?: Map<string, number>
  /** Refs (and HEAD) moved while the fixer ran by someone whose address is not the fixer's, with that address. */
  private movedByOthers = new Map<string, string>()

  async fixerEnvironment(): Promise<Record<string, string>> {
    // The fixer stages in a copy of the index: the user's index changing while it runs is then someone else's.
    const index = join(this.scratch, FIXER_INDEX)
    await rm(index, { force: true })
    await copyFile(this.index, index).catch(() => undefined)
    return { GIT_INDEX_FILE: index, GIT_COMMITTER_EMAIL: this.fixerEmail }
  }

  async othersChanges(): Promise<string[]> {
    const others = this.movedByOthers
    this.movedByOthers = new Map()
    await rm(join(this.scratch, FIXER_INDEX), { force: true })
    const changes: string[] = []
    const { head, index } = await this.compareRepository()
    // HEAD moved by the fixer is its own (settle puts it back); a move its log gives another address is not.
    const mover = others.get('HEAD') ?? (this.headRef ? others.get(this.headRef) : undefined)
    if (head && mover) changes.push(`${head}, logged by ${mover}`)
    if (index) changes.push(`${index}, while the fixer staged in an index of its own`)
    for (const [ref, who] of others) {
      if (ref !== 'HEAD' && ref !== this.headRef) changes.push(`${ref} was updated, logged by ${who}`)
    }
    return changes
  }

  /** The size of every ref log: HEAD's (this worktree's) and those of refs/ (shared by the worktrees). */
  private async readReflogSizes(): Promise<Map<string, number>> {
    const sizes = new Map<string, number>()
    const visit = async (dir: string, ref: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) await visit(path, `${ref}/${entry.name}`)
        else if (entry.isFile()) sizes.set(`${ref}/${entry.name}`, (await lstat(path)).size)
      }
    }
    await visit(join(this.commonDir, 'logs', 'refs'), 'refs')
    const head = await lstat(this.reflogFile('HEAD')).catch(() => undefined)
    if (head?.isFile()) sizes.set('HEAD', head.size)
    return sizes
  }

  /** Where a ref's log is: HEAD's in this worktree's git directory, the others' in the shared one. */
  private reflogFile(ref: string): string {
    return ref === 'HEAD' ? join(dirname(this.scratch), 'logs', 'HEAD') : join(this.commonDir, 'logs', ref)
  }

  /**
   * The refs whose logs grew since `guard` with an entry by someone other than the fixer, and that address. A ref
   * updated with no log entry (a ref file written by hand, logs switched off) is taken for the fixer's.
   */
  private async readMovedByOthers(): Promise<Map<string, string>> {
    const before = this.reflogSizes ?? new Map<string, number>()
    const moved = new Map<string, string>()
    for (const [ref, size] of await this.readReflogSizes()) {
      const from = before.get(ref) ?? 0
      if (size <= from) continue
      const added = await readFile(this.reflogFile(ref))
        .then(bytes => bytes.subarray(from).toString('utf8'))
        .catch(() => '')
      for (const line of added.split('\n')) {
        // `old new Name <address> time zone<TAB>message`
        const who = /^\S+ \S+ [^<]*<([^>]*)>/.exec(line)?.[1]
        if (who !== undefined && who !== this.fixerEmail) {
          moved.set(ref, who || 'an empty address')
          break
        }
      }
    }
    return moved
  }

  /**
   * Where HEAD points and a digest of the index's entries (mode, blob, stage, path: not the stat data that `git
   * status` refreshes, so a command that only reads the checkout changes nothing here).
   */
  private async readRepository(): Promise<RepositoryMark> {
    // One git process in the usual case: the commit, then the ref (`HEAD` itself when detached).
    const both = await this.git(['rev-parse', 'HEAD^{commit}', '--symbolic-full-name', 'HEAD'], [0, 128])
    const [commit, name] = both.stdout.toString('utf8').split('\n')
    if (both.code === 0 && commit && name) {
      return { ref: name === 'HEAD' ? undefined : name, commit, index: await this.indexDigest() }
    }
    // HEAD names no commit (a branch not born yet): the ref alone.
    const ref = await this.git(['symbolic-ref', '--quiet', 'HEAD'], [0, 1])
    const alone = await this.git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], [0, 1, 128])
    return {
      ref: ref.code === 0 ? text(ref) : undefined,
      commit: text(alone),
      index: await this.indexDigest()
    }
  }

  /** What `indexDigest` knows of the index files it has seen (see there). */
  private readonly indexTokens = new IndexTokens()

  /**
   * A token for the index's entries (mode, blob, stage, path): two are equal exactly when the entries are. The loop
   * asks before and after every fixer and check, and the index rarely changes, so the file is read only when its
   * seal (see fileSeal) changed, and git lists the entries (a read of the whole index) only when its bytes are new
   * and another version's are known to compare them with: the first version seen is its own token.
   */
  private async indexDigest(): Promise<string> {
    const seal = await fileSeal(this.index)
    const known = this.indexTokens.bySeal(seal)
    if (known !== undefined) return known
    const file = await readFile(this.index).catch(() => Buffer.alloc(0))
    return this.indexTokens.add(seal, file, async bytes => {
      // Each version is listed from a copy of the bytes read: the index file may hold another one by now.
      const copy = join(this.scratch, 'listed-index')
      await writeFile(copy, bytes)
      const index = await this.git(['ls-files', '--stage', '-z'], [0], { GIT_INDEX_FILE: copy })
      await rm(copy, { force: true })
      return createHash('sha256').update(index.stdout).digest('hex')
    })
  }

  async guard(): Promise<void> {
    const ahead = this.ignoredAhead
    this.ignoredAhead = undefined
    this.guarded = { meta: await this.readMeta(), ignored: await (ahead ?? this.readIgnored()) }
    this.reflogSizes = await this.readReflogSizes()
    this.movedByOthers = new Map()
  }

  async outsideChanges(): Promise<OutsideChange[]> {
    if (!this.guarded) return []
    const { meta, ignored } = this.guarded
    const changes: OutsideChange[] = []
    // A ref someone else moved meanwhile (a branch made, a stash) is theirs: left as it is (othersChanges says so).
    this.movedByOthers = await this.readMovedByOthers()
    // The metadata first: until it is put back, a fixer's hooks, fsmonitor or filters could run in self-heal's
    // own git calls, and its remote could receive the push.
    const now = await this.readMeta()
    // Refs packed (`git gc --auto` in the background, `git pack-refs`) are the same refs written another way.
    const repacked = sameRefs(meta, now, this.headRef)
    for (const path of new Set([...meta.keys(), ...now.keys()])) {
      const before = meta.get(path)
      const after = now.get(path)
      if (before !== undefined && after !== undefined && sameEntry(before, after)) continue
      if (repacked && (path === 'packed-refs' || path.startsWith('refs/'))) continue
      const ref = path === 'logs/refs/stash' ? 'refs/stash' : path
      if (this.movedByOthers.has(ref)) continue
      const full = join(this.commonDir, path)
      await rm(full, { force: true, recursive: true })
      if (before !== undefined) {
        await mkdir(dirname(full), { recursive: true })
        if (typeof before === 'string') await symlink(before, full)
        else await writeFile(full, before)
      }
      changes.push({ path: `.git/${path}`, change: change(before, after), undone: true })
    }
    // The branch checked out is settle's, so it is not read here; but a fixer that packed it removed its loose file,
    // and packed-refs put back took it with it: it is made again where the heal found it.
    if (changes.length && this.headRef) {
      const at = await this.git(['rev-parse', '--verify', '--quiet', `${this.headRef}^{commit}`], [0, 1, 128])
      if (at.code !== 0)
        await this.git([
          'update-ref',
          '-m',
          'self-heal: put back a branch a fixer packed',
          this.headRef,
          this.head
        ])
    }
    // The files' state is read alongside the ignored files (two walks of the checkout, on two cores if there are):
    // nothing is left that could run in git, and what is removed below is ignored, so no part of a state.
    await this.dropEarly()
    const early = this.scanFiles()
    early.catch(() => undefined)
    this.early = early
    const listed = await this.readIgnored()
    for (const path of new Set([...ignored.keys(), ...listed.keys()])) {
      const before = ignored.get(path)
      const after = listed.get(path)
      if (before === after) continue
      // An added file can be removed; a dependency changed in place cannot be put back from here.
      if (before === undefined) await rm(join(this.root, path), { force: true })
      // A tool's cache is the tool's business: what a fixer added there goes (so it cannot plant a file a later
      // check reads), but it is no reason to refuse the fix.
      if (TOOL_CACHE.test(path)) continue
      changes.push({ path, change: change(before, after), undone: before === undefined })
    }
    this.guarded = undefined
    return changes
  }

  /**
   * The repository's own files a fixer has no business changing: its config (hooks path, fsmonitor, filters,
   * remotes), hooks, info (attributes, excludes), refs other than the branch checked out (whose commits `settle`
   * undoes), and the stash. Symlinks are kept as their targets.
   */
  private async readMeta(): Promise<Map<string, Buffer | string>> {
    const entries = new Map<string, Buffer | string>()
    const visit = async (path: string): Promise<void> => {
      const full = join(this.commonDir, path)
      const info = await lstat(full).catch(() => undefined)
      // info/refs is what `git update-server-info` (run by gc) writes for dumb HTTP servers: nothing here reads it.
      if (!info || path === 'info/refs') return
      if (info.isSymbolicLink()) entries.set(path, await readlink(full))
      else if (info.isDirectory()) {
        for (const name of await readdir(full)) await visit(`${path}/${name}`)
      } else if (path !== this.headRef) entries.set(path, await readFile(full))
    }
    for (const path of GUARDED_META) await visit(path)
    return entries
  }

  /** Ignored files (dependencies, build output) with their size, time and inode: what tells a change. */
  private async readIgnored(): Promise<Map<string, string>> {
    const listed = await this.git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard'])
    const files = new Map<string, string>()
    const paths = listed.stdout.toString('utf8').split('\0').filter(Boolean)
    // Many at a time (dependencies are thousands of files), each a stat on libuv's threads.
    for (let i = 0; i < paths.length; i += 64) {
      const batch = paths.slice(i, i + 64)
      const infos = await Promise.all(batch.map(path => lstat(join(this.root, path)).catch(() => undefined)))
      batch.forEach((path, j) => {
        const info = infos[j]
        if (info) files.set(path, `${info.size}:${info.mtimeMs}:${info.ino}:${info.mode}`)
      })
    }
    return files
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

  /** Pushes the local `branch` to `remote` (never forced), so that a workflow run there can check it out. */
  async pushBranch(remote: string, branch: string): Promise<void> {
    const name = await assertBranchName(branch, this.root)
    if (remote.startsWith('-')) throw new ConfigurationError(`'${remote}' is not a valid remote name.`)
    await this.git(['push', '--porcelain', '--quiet', remote, `refs/heads/${name}:refs/heads/${name}`])
  }

  /**
   * Deletes `branch` on `remote`, only while it is at `at` (default: the commit the local branch of that name is at;
   * a lease: a branch someone pushed to meanwhile is left alone). Returns whether it was deleted.
   */
  async deleteRemoteBranch(remote: string, branch: string, at?: string): Promise<boolean> {
    const name = await assertBranchName(branch, this.root)
    const expected = at ?? (await branchHead(name, this.root))
    if (!expected || !/^[0-9a-f]{40,64}$/.test(expected) || remote.startsWith('-')) return false
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

  /** The checkout's ignored entries (`dir/` for a directory), listed once a heal for the fixers' copy. */
  private ignoredEntries?: Promise<string[]>

  /** The fixers' copy last prepared: one not read since when the heal ends is forgotten (see close). */
  private lastCopy?: LocalFixerCopy

  async fixerCopy(state: TreeState): Promise<FixerCopy> {
    this.lastCopy = undefined
    const listIgnored = () =>
      (this.ignoredEntries ??= this.git([
        'ls-files',
        '-z',
        '--others',
        '--ignored',
        '--exclude-standard',
        '--directory'
      ]).then(listed => listed.stdout.toString('utf8').split('\0').filter(Boolean)))
    this.lastCopy = await LocalFixerCopy.prepare(this.root, dirname(this.scratch), state, listIgnored)
    return this.lastCopy
  }

  async cleanCopy(diff: string): Promise<{ root: string; close(): Promise<void> }> {
    const root = await mkdtemp(join(tmpdir(), 'self-heal-clean-'))
    const close = async (): Promise<void> => {
      await this.git(['worktree', 'remove', '--force', root], [0, 128])
      await rm(root, { recursive: true, force: true })
      await this.git(['worktree', 'prune'], [0, 128])
    }
    try {
      // A linked worktree, detached at the commit: the user's branches and HEAD stay as they are.
      await this.git(['worktree', 'add', '--detach', '--quiet', root, this.head])
      if (diff) {
        await runGit(['apply', '--binary', '--whitespace=nowarn', '-'], { cwd: root, input: diff })
      }
      return { root, close }
    } catch (error) {
      await close()
      throw error
    }
  }

  /** Ends the heal here: the scratch files, the journal and the lock go. */
  async close(): Promise<void> {
    await Promise.all([this.dropEarly(), this.trackedAhead?.catch(() => undefined)])
    // The heal ended while a fixer ran in its copy, or just after (interrupted, abandoned): it is not trusted again.
    if (this.lastCopy && !this.lastCopy.taken) await LocalFixerCopy.forget(dirname(this.scratch))
    await this.keepIndex().catch(() => undefined)
    await rm(this.scratch, { recursive: true, force: true })
  }

  /**
   * Puts back what a heal killed before it could (SIGKILL, a crash) left: the files as they were when it took its
   * first state, the user's index and HEAD. What the files held instead is kept as a commit under
   * refs/self-heal/interrupted, so nothing is lost. Returns what was done, for the log.
   */
  static async recover(root: string, scratch: string, journal: Journal): Promise<string> {
    const done: string[] = []
    const indexPath = text(await runGit(['rev-parse', '--git-path', 'index'], { cwd: root }))
    const index = isAbsolute(indexPath) ? indexPath : join(root, indexPath)
    const workspace = new LocalWorkspace(root, journal.head, scratch, index, journal.headRef, '')
    if (journal.start) {
      const current = await workspace.snapshot()
      if (current !== journal.start) {
        const kept = text(
          await workspace.git([
            'commit-tree',
            '--no-gpg-sign',
            current,
            '-p',
            journal.head,
            '-m',
            'self-heal: the files an interrupted heal left'
          ])
        )
        await workspace.git(['update-ref', 'refs/self-heal/interrupted', kept])
        await workspace.restore(journal.start, current)
        done.push(
          `put the files back (what they held is kept in refs/self-heal/interrupted, ${kept.slice(0, 12)})`
        )
      }
    }
    if (!(await workspace.restoreIndex())) done.push('could not put the index back (check `git status`)')
    const moved = await workspace.restoreHead().catch(() => undefined)
    if (moved) done.push(`put HEAD back at ${journal.head.slice(0, 12)} (it was at ${moved.slice(0, 12)})`)
    return done.length
      ? `A heal in this checkout (pid ${journal.pid}) was killed before it could put the checkout back: self-heal ${done.join('; ')}.`
      : `A heal in this checkout (pid ${journal.pid}) was killed; the checkout was already as it found it.`
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

  /** Runs git in the checkout; `paths`, when given, are written to its stdin, each ended by a NUL. */
  private git(
    args: string[],
    okCodes = [0],
    env?: Record<string, string>,
    paths?: readonly string[],
    input?: string
  ): Promise<GitRunResult> {
    return runGit(args, {
      cwd: this.root,
      okCodes,
      env,
      input: paths ? paths.map(path => `${path}\0`).join('') : input
    })
  }
}

/** Where a checkout's repository is, and what it has checked out. */
interface Location {
  root: string
  head: string
  /** The index file, absolute. */
  index: string
  gitDir: string
  common: string
  /** The ref HEAD points to (`refs/heads/...`), or undefined when detached. */
  ref: string | undefined
}

/**
 * Finds the repository holding `cwd` in one git process (paths absolute, then HEAD's commit and its ref), or, when
 * that fails, step by step to say what is missing (no repository, no commit) as a ConfigurationError.
 */
async function locate(cwd: string): Promise<Location> {
  const paths = ['--show-toplevel', '--absolute-git-dir', '--git-common-dir', '--git-path', 'index']
  const all = await runGit(
    ['rev-parse', '--path-format=absolute', ...paths, 'HEAD^{commit}', '--symbolic-full-name', 'HEAD'],
    { cwd, okCodes: [0, 128] }
  )
  const lines = all.stdout.toString('utf8').split('\n')
  if (all.code === 0 && lines.length >= 6 && lines.slice(0, 6).every(Boolean)) {
    const [root, gitDir, common, index, head, ref] = lines
    return { root, gitDir, common, index, head, ref: ref === 'HEAD' ? undefined : ref }
  }
  const top = await runGit(['rev-parse', '--show-toplevel'], { cwd, okCodes: [0, 128] })
  if (top.code !== 0) {
    throw new ConfigurationError(
      `${cwd} is not inside a git repository: heal needs a checkout (run it in your repository, or after actions/checkout).`
    )
  }
  const root = text(top)
  throw new ConfigurationError(`The repository at ${root} has no commit yet: commit first.`)
}

/**
 * Who the repository at `root` is when no GitHub repository is known: its `origin` URL without credentials, or
 * else the first root commit of `head` (the same for every clone of it).
 */
export async function checkoutIdentity(root: string, head = 'HEAD'): Promise<string> {
  const url = await runGit(['remote', 'get-url', '--', DEFAULT_REMOTE], { cwd: root, okCodes: [0, 2, 128] })
  if (url.code === 0 && text(url))
    return `remote:${text(url)
      .replace(/^([a-z+]+:\/\/)[^@/]*@/i, '$1')
      .replace(/\.git$/, '')}`
  const roots = await runGit(['rev-list', '--max-parents=0', head], { cwd: root })
  return `root:${text(roots).split('\n').sort()[0]}`
}

/** The scratch directory's name in the git directory. */
const SCRATCH = 'self-heal'

/** The copy of the scratch index as the first snapshot left it, in the scratch directory. */
const START_INDEX = 'start-index'
/**
 * How many bytes of the scratch index make one directory of a tree edit (two small git processes, about 5 ms) cost
 * less than reading and writing the index twice (about 7 ms a megabyte, mostly the write's checksum).
 */
const INDEX_BYTES_PER_DIRECTORY = 750_000

/** The scratch index kept between heals, in the git directory, and `.seal` after it: its seal. */
const KEPT_INDEX = 'self-heal-index'

/** The journal's name in the scratch directory: what the next run needs if this one is killed. */
const JOURNAL = 'journal.json'

/** What a running heal records for the next run, in case it is killed. */
interface Journal {
  pid: number
  head: string
  headRef?: string
  /** The first state the heal took, once it took one. */
  start?: string
}

/**
 * Makes the scratch directory, which is the lock: a second heal in the same checkout is refused while the first
 * runs. One left by a heal that no longer runs is recovered from (its journal) and taken over. Returns what the
 * recovery did, if there was one.
 */
async function takeLock(scratch: string, root: string): Promise<string | undefined> {
  try {
    await mkdir(scratch)
    return undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const journal = await readFile(join(scratch, JOURNAL), 'utf8')
    .then(text => JSON.parse(text) as Journal)
    .catch(() => undefined)
  if (journal && isRunning(journal.pid)) {
    throw new ConfigurationError(
      `Another heal (pid ${journal.pid}) is running in this checkout: wait for it to end, or end it, then heal again.`
    )
  }
  // An index kept by an earlier heal is not trusted after one that was killed: its fixer may have left one there.
  await forgetKeptIndex(join(dirname(scratch), KEPT_INDEX))
  const done = journal ? await LocalWorkspace.recover(root, scratch, journal) : undefined
  await rm(scratch, { recursive: true, force: true })
  await mkdir(scratch)
  return done
}

/** Removes the kept scratch index and its seal, whatever they are. */
async function forgetKeptIndex(kept: string): Promise<void> {
  await rm(kept, { recursive: true, force: true })
  await rm(`${kept}.seal`, { recursive: true, force: true })
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** What `readMeta` reads under the git directory. */
const GUARDED_META = [
  'config',
  'hooks',
  'info',
  'refs',
  'packed-refs',
  'logs/refs/stash',
  'shallow',
  'commondir'
]

/**
 * Whether two readings of the metadata hold the same refs, loose files over packed-refs (a symbolic ref or a link
 * as its target), the branch checked out aside (`settle` sees to it).
 */
function sameRefs(
  before: Map<string, Buffer | string>,
  after: Map<string, Buffer | string>,
  headRef: string | undefined
): boolean {
  const refs = (meta: Map<string, Buffer | string>): string => {
    const values = new Map<string, string>()
    for (const line of (meta.get('packed-refs') ?? '').toString().split('\n')) {
      const packed = /^([0-9a-f]{40,64}) (refs\/\S+)$/.exec(line)
      if (packed) values.set(packed[2], packed[1])
    }
    for (const [path, value] of meta) {
      if (path.startsWith('refs/'))
        values.set(path, typeof value === 'string' ? `-> ${value}` : value.toString().trim())
    }
    if (headRef) values.delete(headRef)
    return JSON.stringify([...values].sort(([a], [b]) => (a < b ? -1 : 1)))
  }
  return refs(before) === refs(after)
}

function sameEntry(a: Buffer | string, b: Buffer | string): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : a.equals(b)
}

function change(before: unknown, after: unknown): OutsideChange['change'] {
  return before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'
}

/** Where HEAD points, and what the index holds. */
interface RepositoryMark {
  ref: string | undefined
  commit: string
  index: string
}

/**
 * Tokens for versions of an index file, equal exactly when their entries are. The first version is its own token
 * (a digest of its bytes), and costs no git; a version with new bytes is compared by its entries (listed by
 * `entries`) with the versions seen before, whose entries are listed then, once each.
 */
class IndexTokens {
  private readonly seals = new Map<string, string>()
  /** The versions seen; a version's bytes are kept only until its entries are listed. */
  private readonly versions: { bytes: string; file?: Buffer; entries?: string; token: string }[] = []

  bySeal(seal: string | undefined): string | undefined {
    return seal === undefined ? undefined : this.seals.get(seal)
  }

  async add(
    seal: string | undefined,
    file: Buffer,
    entries: (file: Buffer) => Promise<string>
  ): Promise<string> {
    const bytes = createHash('sha256').update(file).digest('hex')
    let version = this.versions.find(known => known.bytes === bytes)
    if (!version) {
      const listed = this.versions.length ? await entries(file) : undefined
      for (const known of this.versions) {
        if (known.entries === undefined && known.file) known.entries = await entries(known.file)
        delete known.file
      }
      const same = this.versions.find(known => known.entries === listed)
      version =
        listed === undefined
          ? { bytes, file, token: bytes }
          : { bytes, entries: listed, token: same?.token ?? bytes }
      this.versions.push(version)
    }
    if (seal !== undefined) this.seals.set(seal, version.token)
    return version.token
  }
}

/** The copy of the user's index in the scratch directory. */
const USER_INDEX = 'user-index'

/** Where the files' states before each put-back of the last heal are kept (see keepPutBack). */
const PUT_BACK = 'refs/self-heal/put-back'

/** The copy of the index a fixer stages in (see fixerEnvironment). */
const FIXER_INDEX = 'fixer-index'

function text(result: GitRunResult): string {
  return result.stdout.toString('utf8').trim()
}
