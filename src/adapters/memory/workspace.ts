/**
 * The Workspace port in memory, for fast tests of the healing loop: fixers are scripted programs (see
 * `execution.ts`) that edit `files`; states are kept by id, diffs are written as git writes them, and diffs are
 * applied by the same applier CLOUD commits with.
 */
import type { FixerCopy, OutsideChange, SettleReport, Workspace, WorkspaceState } from '../workspace.js'
import { applyToFiles, copyFiles, diffFiles, filesId, textFiles, type FileMap } from './files.js'

export interface MemoryWorkspaceOptions {
  /** The branch checked out (default `main`); undefined for a detached HEAD. */
  branch?: string | null
  /** The message of the commit checked out. */
  headMessage?: string
  /** Where the workspace is said to be (default `/memory-workspace`). */
  root?: string
}

export class MemoryWorkspace implements Workspace {
  readonly root: string
  readonly head: string
  /** The files as they are now: what scripted programs read and edit. */
  files: FileMap
  private readonly committed: FileMap
  private readonly states = new Map<WorkspaceState, FileMap>()
  private readonly branch: string | undefined
  private readonly message: string

  /** A workspace whose commit holds `files`. */
  constructor(files: Record<string, string>, options: MemoryWorkspaceOptions = {}) {
    this.committed = textFiles(files)
    this.files = copyFiles(this.committed)
    this.head = filesId(this.committed)
    this.branch = options.branch === null ? undefined : (options.branch ?? 'main')
    this.message = options.headMessage ?? 'the commit checked out\n'
    this.root = options.root ?? '/memory-workspace'
  }

  /** The text of a file now, or undefined. */
  read(path: string): string | undefined {
    return this.files.get(path)?.content.toString('utf8')
  }

  write(path: string, text: string): void {
    this.files.set(path, { content: Buffer.from(text), mode: this.files.get(path)?.mode ?? '100644' })
  }

  async currentBranch(): Promise<string | undefined> {
    return this.branch
  }

  async headMessage(): Promise<string> {
    return this.message
  }

  async changedTrackedFiles(state?: WorkspaceState): Promise<string[]> {
    const files = state ? this.state(state) : this.files
    return [...this.committed.keys()].filter(path => {
      const now = files.get(path)
      const then = this.committed.get(path)!
      return !now || now.mode !== then.mode || !now.content.equals(then.content)
    })
  }

  async readCommitted(paths: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    for (const path of paths) {
      const file = this.committed.get(path)
      if (file) found.set(path, file.content.toString('utf8'))
    }
    return found
  }

  async untrackedFiles(state?: WorkspaceState): Promise<string[]> {
    return [...(state ? this.state(state) : this.files).keys()]
      .filter(path => !this.committed.has(path))
      .sort()
  }

  async snapshot(): Promise<WorkspaceState> {
    const id = filesId(this.files)
    if (!this.states.has(id)) this.states.set(id, copyFiles(this.files))
    return id
  }

  async diff(from: WorkspaceState, to: WorkspaceState): Promise<string> {
    return from === to ? '' : diffFiles(this.state(from), this.state(to))
  }

  async apply(diff: string): Promise<boolean> {
    const applied = await applyToFiles(this.files, diff)
    if (applied) this.files = applied
    return Boolean(applied)
  }

  async restore(state: WorkspaceState, _current?: WorkspaceState, paths?: readonly string[]): Promise<void> {
    const to = this.state(state)
    if (!paths) {
      this.files = copyFiles(to)
      return
    }
    const files = copyFiles(this.files)
    for (const path of paths) {
      const file = to.get(path)
      if (file) files.set(path, { ...file })
      else files.delete(path)
    }
    this.files = files
  }

  /** HEAD's commit and a count of changes to the index, as a scripted user moves them while a heal runs. */
  readonly repository = { head: 'opened', index: 0 }
  private marked = { head: 'opened', index: 0 }

  async markRepository(): Promise<void> {
    this.marked = { ...this.repository }
  }

  async repositoryChanges(): Promise<string[]> {
    return [
      ...(this.repository.head !== this.marked.head ? [`HEAD moved to ${this.repository.head}`] : []),
      ...(this.repository.index !== this.marked.index ? ['the index changed'] : [])
    ]
  }

  /** What a scripted user did to the repository while a fixer ran, as a real workspace tells it (othersChanges). */
  private byOthers: string[] = []

  /** Records that someone other than the fixer moved HEAD or the index (`change` says how), for othersChanges. */
  someoneElse(change: string): void {
    ;(this.parent ?? this).byOthers.push(change)
  }

  /** The workspace this one is a fixer's copy of. */
  private parent?: MemoryWorkspace

  async othersChanges(): Promise<string[]> {
    const changes = this.byOthers
    this.byOthers = []
    return changes
  }

  /** Memory has no metadata or ignored files: a scripted program can only change work files. */
  async guard(): Promise<void> {}

  async outsideChanges(): Promise<OutsideChange[]> {
    return []
  }

  /** The fixers' copies made, by root: ScriptedExecution runs a program whose cwd is in one on its files. */
  private readonly copies = new Map<string, MemoryWorkspace>()

  /** The copy of the files a program running in `cwd` works on, when `cwd` is in one (see fixerCopy). */
  copyAt(cwd: string): MemoryWorkspace | undefined {
    for (const [root, copy] of this.copies) if (cwd === root || cwd.startsWith(`${root}/`)) return copy
    return undefined
  }

  /** A copy of the files at `state` under a root of its own; `take` keeps its files as a state of this workspace. */
  async fixerCopy(state: WorkspaceState): Promise<FixerCopy> {
    const copy = new MemoryWorkspace({}, { root: `${this.root}-copy-${this.copies.size + 1}` })
    copy.files = copyFiles(this.state(state))
    // The repository is the same one, as a real copy links it: what a program does there is done here.
    ;(copy as { repository: MemoryWorkspace['repository'] }).repository = this.repository
    copy.parent = this
    this.copies.set(copy.root, copy)
    return {
      root: copy.root,
      take: async () => {
        this.copies.delete(copy.root)
        const id = filesId(copy.files)
        if (!this.states.has(id)) this.states.set(id, copyFiles(copy.files))
        return { state: id, outside: [] }
      }
    }
  }

  async settle(): Promise<SettleReport> {
    return {}
  }

  async close(): Promise<void> {
    this.states.clear()
  }

  private state(id: WorkspaceState): FileMap {
    const files = this.states.get(id)
    if (!files) throw new Error(`No snapshot ${id} was taken of this memory workspace.`)
    return files
  }
}
