/**
 * The fixers' copy of a checkout (LOCAL): a directory outside it holding the files of one state, where a fixer runs
 * instead of in the checkout. Someone at the keyboard keeps working in the checkout meanwhile, and whatever changes
 * there while a fixer runs is theirs: the fixer's changes are only read from the copy, and self-heal writes them
 * into the checkout itself, once it has seen the checkout untouched.
 *
 * The copy is the fixer's whole world as it would find the checkout: its `.git` is a link to the checkout's git
 * directory (the fixer's git sees the same repository, and what it does there is watched as in the checkout), and
 * the checkout's ignored entries (node_modules, a virtualenv, .env) are links to them (a fixer's tools resolve
 * their dependencies; a write through a link lands in the checkout's ignored files, which the workspace watches).
 *
 * It lives in the temporary directory, not under `.git/` (test runners skip paths under a `.git` directory), and
 * is kept between heals with an index of its own in the git directory: a heal brings it to its state by writing
 * only the files that differ, and its scans read again only what changed. It is trusted only as the last heal
 * left it, sealed after its last scan; anything else (a heal killed while a fixer ran, a fixer that wrote the
 * index) makes it again from nothing.
 */
import { createHash, randomBytes } from 'node:crypto'
import { lstat, mkdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, isAbsolute, join } from 'node:path'
import { runGit, type GitRunResult } from '../../git/run-git.js'
import type { FixerCopy, OutsideChange, WorkspaceState } from '../workspace.js'
import { TOOL_CACHE, changedSinceIndex, fileSeal, updateIndex, type ScanGit } from './scan.js'

/** What the git directory keeps between heals: where the copy is, its index's seal, the links in it. */
interface CopyRecord {
  dir: string
  /** The state the copy's files and index hold. */
  state: WorkspaceState
  seal: string
  links: string[]
}

/** The record's and the copy's index's names in the git directory. */
const RECORD = 'self-heal-copy.json'
const COPY_INDEX = 'self-heal-copy-index'

export class LocalFixerCopy implements FixerCopy {
  private constructor(
    /** Where the fixer runs. */
    readonly root: string,
    private readonly gitDir: string,
    /** Each link made in the copy (`.git`, the checkout's ignored entries), repository-relative, and its target. */
    private readonly targets: ReadonlyMap<string, string>
  ) {}

  /** The checkout's ignored entries linked into the copy. */
  private get links(): string[] {
    return [...this.targets.keys()].filter(path => path !== '.git')
  }

  /**
   * Brings the copy of the checkout at `root` (git directory `gitDir`) to `state`, making it when there is none to
   * trust. `ignored` lists the checkout's ignored entries to link (`dir/` for a directory), repository-relative; it
   * runs while the files are written.
   */
  static async prepare(
    root: string,
    gitDir: string,
    state: WorkspaceState,
    ignored: () => Promise<readonly string[]>
  ): Promise<LocalFixerCopy> {
    const recordPath = join(gitDir, RECORD)
    const index = join(gitDir, COPY_INDEX)
    const record = await readFile(recordPath, 'utf8')
      .then(text => JSON.parse(text) as CopyRecord)
      .catch(() => undefined)
    // From here until the copy's next scan, it holds what a fixer may have done: a heal killed meanwhile leaves no
    // record, and the next one starts the copy again.
    await rm(recordPath, { force: true })
    // The record is in the git directory, where a fixer can write: its `dir` is used only when it names one of this
    // checkout's copies, a directory of ours in the temporary directory, and nothing else is ever removed.
    const prefix = `self-heal-fixers-${createHash('sha256').update(gitDir).digest('hex').slice(0, 12)}-`
    const ours =
      record !== undefined &&
      typeof record.dir === 'string' &&
      dirname(record.dir) === tmpdir() &&
      new RegExp(`^${prefix}[0-9a-f]{12}$`).test(basename(record.dir)) &&
      (await lstat(record.dir).then(
        info => info.isDirectory() && (process.getuid === undefined || info.uid === process.getuid()),
        () => false
      ))
    // Its links are removed below: each must be a path inside the copy.
    const inside = (path: unknown): boolean =>
      typeof path === 'string' && path !== '' && !isAbsolute(path) && !path.split(/[\\/]/).includes('..')
    let trusted =
      ours &&
      Array.isArray(record!.links) &&
      record!.links.every(inside) &&
      (await fileSeal(index)) === record!.seal
    if (trusted) {
      // The last heal's links go first: they are no part of a state, and read-tree must not write through them.
      await inBatches([...record!.links, '.git'], path =>
        rm(join(record!.dir, path), { recursive: true, force: true })
      )
    }
    const listed = ignored()
    let dir = trusted ? record!.dir : ''
    // A trusted copy's index describes its files as its last scan found them: a single-tree merge writes only what
    // differs from `state` (nothing, when it holds `state`), and refuses when a file is not as the index says.
    if (trusted && record!.state !== state)
      trusted = (await copyGit(dir, gitDir, ['read-tree', '-m', '-u', state], [0, 128])).code === 0
    if (!trusted) {
      if (ours) await rm(record!.dir, { recursive: true, force: true })
      await rm(index, { force: true })
      dir = join(tmpdir(), `${prefix}${randomBytes(6).toString('hex')}`)
      await mkdir(dir, { mode: 0o700 })
      await copyGit(dir, gitDir, ['read-tree', '-m', '-u', state])
    }
    const targets = new Map<string, string>()
    const wanted: [string, string][] = [
      ['.git', gitDir],
      ...(await listed)
        .map(entry => entry.replace(/\/$/, ''))
        .map((path): [string, string] => [path, join(root, path)])
    ]
    await inBatches(wanted, async ([path, target]) => {
      if (await link(join(dir, path), target)) targets.set(path, target)
    })
    return new LocalFixerCopy(dir, gitDir, targets)
  }

  /**
   * Forgets the copy of the checkout whose git directory is `gitDir`, when a heal ends with a copy prepared and not
   * read since: a fixer ran in it, and may have written the record it would be trusted by.
   */
  static async forget(gitDir: string): Promise<void> {
    await rm(join(gitDir, RECORD), { force: true })
  }

  /** Whether `take` read the copy since it was prepared. */
  taken = false

  /**
   * Reads the copy after a fixer ran in it: its files as a state, and what the fixer changed there besides them (a
   * link replaced, an ignored file written in the copy itself), each put back. The copy is then sealed for the
   * next heal.
   */
  async take(): Promise<{ state: WorkspaceState; outside: OutsideChange[] }> {
    const outside: OutsideChange[] = []
    await inBatches([...this.targets], async ([path, target]) => {
      const now = await readlink(join(this.root, path)).catch(() => undefined)
      if (now === target) return
      await link(join(this.root, path), target)
      outside.push({ path, change: now === undefined ? 'removed' : 'changed', undone: true })
    })
    const links = new Set(this.links)
    // The ignored files and the state are read together: nothing the copy holds is ignored but the links, so what
    // is removed below is no part of the state.
    const [ignored, state] = await Promise.all([
      copyGit(this.root, this.gitDir, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard']),
      this.scan()
    ])
    for (const path of ignored.stdout.toString('utf8').split('\0')) {
      if (!path || links.has(path)) continue
      // What is there now, the fixer wrote.
      await rm(join(this.root, path), { recursive: true, force: true })
      if (!TOOL_CACHE.test(path)) outside.push({ path, change: 'added', undone: true })
    }
    const record: CopyRecord = {
      dir: this.root,
      state,
      seal: (await fileSeal(join(this.gitDir, COPY_INDEX))) ?? '',
      links: this.links
    }
    await writeFile(join(this.gitDir, RECORD), JSON.stringify(record))
    this.taken = true
    return { state, outside }
  }

  /**
   * The copy's files as a tree, through its index, scanned as the checkout's states are (scan.ts): only what changed
   * since its last scan is hashed. The links are left out (a link to a directory is a file to git, which an ignore
   * pattern for a directory does not match).
   */
  private async scan(): Promise<WorkspaceState> {
    const git: ScanGit = (args, okCodes, paths) =>
      copyGit(this.root, this.gitDir, args, okCodes, paths && paths.map(path => `${path}\0`).join(''))
    const links = this.links
    await updateIndex(git, await changedSinceIndex(git, new Set(links)), links)
    return (await git(['write-tree'], [0])).stdout.toString('utf8').trim()
  }
}

/**
 * git on the copy at `dir`: its work tree and index named, so nothing the fixer left at `.git` is read; its index
 * is self-heal's own, so status may write its refreshed stat data back.
 */
function copyGit(
  dir: string,
  gitDir: string,
  args: string[],
  okCodes = [0],
  input?: string
): Promise<GitRunResult> {
  return runGit(args, {
    cwd: dir,
    okCodes,
    input,
    env: {
      GIT_DIR: gitDir,
      GIT_WORK_TREE: dir,
      GIT_INDEX_FILE: join(gitDir, COPY_INDEX),
      GIT_OPTIONAL_LOCKS: '1'
    }
  })
}

/**
 * Runs `each` on the items, 64 at a time: a checkout may have thousands of ignored entries (a `*.o` beside every
 * source), each a few file-system calls on libuv's threads.
 */
async function inBatches<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 64) await Promise.all(items.slice(i, i + 64).map(each))
}

/**
 * Makes `path` a link to `target`, replacing what is there; false when it could not be made (a file link on
 * Windows without the right to make one: the fixer then does without that ignored file). A directory link on
 * Windows is a junction, which needs no right.
 */
async function link(path: string, target: string): Promise<boolean> {
  await rm(path, { recursive: true, force: true })
  await mkdir(dirname(path), { recursive: true })
  const info = await lstat(target).catch(() => undefined)
  try {
    await symlink(target, path, info?.isDirectory() ? 'junction' : 'file')
    return true
  } catch (error) {
    if (process.platform === 'win32' && (error as NodeJS.ErrnoException).code === 'EPERM') return false
    throw error
  }
}
