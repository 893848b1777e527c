/**
 * In-memory application of parsed git diffs with `git apply --cached`'s rules, so that a diff applies here exactly
 * when git applies it, to the same tree. Hunks get no fuzz: every context line must match, though a hunk may move
 * to another line when its context matches there (searched outward from where it says it is). As in git, the
 * patches are checked in order, each seeing the results of the ones before it, and the tree is then written in
 * two phases: every deleted, renamed or modified path leaves it, then every result enters it.
 * Base files come from a BaseSource, read only when a patch needs their bytes: a pure rename or mode change reuses
 * the blob by id. The result is the set of paths that change, and the base ids it was computed from, so a caller
 * can tell whether it still holds on a branch that moved.
 */
import { createHash } from 'node:crypto'
import { DiffDoesNotApplyError, InvalidInputError, PathOutsideRepositoryError } from '../errors.js'
import { gitPathProblem } from '../paths.js'
import { applyGitDelta } from './delta.js'
import { parseGitDiff, type FileMode, type FilePatch, type Hunk } from './parse.js'

/** A file of the base tree: its mode and blob id (for a submodule, the commit id). */
export interface BaseEntry {
  /** Tree mode. */
  mode: FileMode
  /** Blob id (commit id for 160000). */
  sha: string
}

/** A directory of the base tree: its tree id. */
export interface BaseDirectory {
  /** The tree mode of a directory. */
  mode: '040000'
  /** Tree id. */
  sha: string
}

/** Where base files come from: the GitHub API, a local repository, or memory. */
export interface BaseSource {
  /** The entry at a path of the base tree: a file, a directory (mode 040000), or undefined when nothing is there. */
  stat(path: string): Promise<BaseEntry | BaseDirectory | undefined>
  /** The paths of every file below a directory of the base tree (called only for paths `stat` said are one). */
  filesUnder(directory: string): Promise<string[]>
  /** The bytes of a blob of the base tree (called only for paths `stat` returned). */
  read(path: string, entry: BaseEntry): Promise<Buffer>
  /** Optional: stats many paths at once (a source that can batch does it here). */
  statMany?(paths: string[]): Promise<Map<string, BaseEntry | BaseDirectory | undefined>>
  /** Optional: reads many blobs at once, by blob id (a source that can batch does it here). */
  readMany?(entries: Array<{ path: string; entry: BaseEntry }>): Promise<Map<string, Buffer>>
}

/** A file as the diff leaves it: new bytes, or an unchanged blob reused by id. */
export type ResultFile = { mode: FileMode; content: Buffer } | { mode: FileMode; sha: string }

/** What `dependsOn` records for a directory above a changed path: any tree will do, but not a file. */
export const ANY_TREE = 'tree'

/** What a diff does to a tree. */
export interface AppliedDiff {
  /** Every path the diff changes: the new file, or null when it is deleted. Sorted by path. */
  files: Map<string, ResultFile | null>
  /**
   * Every base path the result depends on, with the id it had: a blob or tree id, null when it had to be absent,
   * or ANY_TREE for a directory that only has to stay one.
   */
  dependsOn: Map<string, string | null>
  /** The mode each base file the result depends on had. */
  baseModes: Map<string, FileMode>
  /** Number of file patches in the diff. */
  patches: number
}

/** The git blob id of some bytes (`sha1("blob <size>\0" + bytes)`). */
export function gitBlobSha(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

/** The text git shows for a submodule entry (`Subproject commit <sha>`), which is what its hunks patch. */
function gitlinkText(sha: string): Buffer {
  return Buffer.from(`Subproject commit ${sha}\n`)
}

/** The commit a patched submodule text names; git reads 40 hex digits after the prefix and ignores the rest. */
function parseGitlinkText(content: Buffer, file: string): string {
  const m = /^Subproject commit ([0-9a-fA-F]{40})/.exec(content.toString('latin1'))
  if (!m) throw new DiffDoesNotApplyError(file, 'the submodule change does not name a commit id')
  return m[1].toLowerCase()
}

/** What git calls the type of a mode: file modes differ only in permissions, which a patch may change. */
function kindOf(mode: FileMode): string {
  return mode === '120000' ? 'symlink' : mode === '160000' ? 'submodule' : 'regular file'
}

/** Splits bytes into lines that keep their `\n` (the last may lack it). */
export function splitKeepingNewlines(content: Buffer): Buffer[] {
  const lines: Buffer[] = []
  let start = 0
  while (start < content.length) {
    const nl = content.indexOf(0x0a, start)
    const end = nl < 0 ? content.length : nl + 1
    lines.push(content.subarray(start, end))
    start = end
  }
  return lines
}

/** The lines of a file as hunks change it: `line(i)` for `i` below `length`. */
interface Image {
  readonly length: number
  line(i: number): Buffer
}

function linesEqual(image: Image, at: number, pre: Buffer[]): boolean {
  for (let j = 0; j < pre.length; j++) if (!image.line(at + j).equals(pre[j])) return false
  return true
}

/** git's find_pos: from the hunk's line, try forward and backward alternately for an exact match. */
function findPosition(
  image: Image,
  pre: Buffer[],
  line: number,
  matchBeginning: boolean,
  matchEnd: boolean
): number {
  if (pre.length > image.length) return -1
  if (matchBeginning) line = 0
  else if (matchEnd) line = image.length - pre.length
  if (line > image.length) line = image.length
  const fits = (at: number) =>
    at >= 0 &&
    at + pre.length <= image.length &&
    (!matchBeginning || at === 0) &&
    (!matchEnd || at + pre.length === image.length) &&
    linesEqual(image, at, pre)
  let backwards = line
  let forwards = line
  let current = line
  for (let i = 0; ; i++) {
    if (fits(current)) return current
    for (;;) {
      if (backwards === 0 && forwards >= image.length) return -1
      if (i & 1) {
        if (backwards === 0) {
          i++
          continue
        }
        current = --backwards
      } else {
        if (forwards >= image.length) {
          i++
          continue
        }
        current = ++forwards
      }
      break
    }
  }
}

/**
 * Applies text hunks to bytes, exactly; DiffDoesNotApplyError naming the file and the hunk otherwise.
 *
 * Each hunk applies to the file as the hunks before it left it. That file is kept as the lines already passed
 * (`done`, final unless a later hunk matches among them) followed by the base's lines from `next` on, so a hunk at
 * or after the previous one costs its own lines, not the file's: N hunks take time in proportion to N, not N².
 */
export function applyHunks(content: Buffer, hunks: Hunk[], file: string): Buffer {
  let base = splitKeepingNewlines(content)
  let done: Buffer[] = []
  let next = 0
  const image: Image = {
    get length() {
      return done.length + base.length - next
    },
    line: i => (i < done.length ? done[i] : base[next + i - done.length])
  }
  for (const hunk of hunks) {
    const lines = hunk.lines
    const pre = lines.filter(l => l.kind !== '+').map(l => l.content)
    const post = lines.filter(l => l.kind !== '-').map(l => l.content)
    let trailing = 0
    for (let j = lines.length - 1; j >= 0 && lines[j].kind === ' '; j--) trailing++
    const matchBeginning = hunk.oldStart === 0 || hunk.oldStart === 1
    const matchEnd = trailing === 0
    const start = hunk.newStart ? hunk.newStart - 1 : 0
    const at = findPosition(image, pre, start, matchBeginning, matchEnd)
    if (at < 0) {
      const expected = pre.length ? `'${pre[0].toString('utf8').replace(/\r?\n$/, '')}'` : 'an empty range'
      throw new DiffDoesNotApplyError(
        file,
        `its ${pre.length} context and removed line(s) starting with ${expected} match nowhere in the file ` +
          `(${image.length} lines)${matchEnd ? ' at its end' : ''}. The file changed since the diff was made: ` +
          'regenerate the diff against the current content.',
        hunk.header
      )
    }
    if (at < done.length) {
      // Among the lines already passed: start over from the whole file as it is now (rare; git allows it).
      base = [...done, ...base.slice(next)]
      done = []
      next = 0
    }
    for (const end = next + at - done.length; next < end; next++) done.push(base[next])
    for (const line of post) done.push(line)
    next += pre.length
  }
  for (; next < base.length; next++) done.push(base[next])
  return Buffer.concat(done)
}

/** A file as a patch sees it: from the base (by id, bytes read when needed) or the result of an earlier patch. */
interface State {
  mode: FileMode
  sha?: string
  content?: Buffer
}

/** What an earlier patch left at a path it deleted or renamed away: later patches may not change it. */
const DELETED = Symbol('deleted')

const FULL_ID = /^[0-9a-f]{40}$/
const NULL_ID = /^0+$/

/** Refuses a path git's verify_path refuses: escapes and `.git` disguises as outside, the rest as invalid. */
function verifyPath(path: string, mode: FileMode | undefined): void {
  const problem = gitPathProblem(path, mode === '120000')
  if (!problem) return
  if (problem.outside) throw new PathOutsideRepositoryError(path, problem.reason)
  throw new InvalidInputError(
    `Path '${path}' cannot be in a git tree: ${problem.reason}. Rename it in the diff.`
  )
}

/** Whether a patch changes more than bytes (git calls a patch without hunks or such a change garbage). */
function changesMetadata(patch: FilePatch): boolean {
  return (
    patch.kind !== 'modify' ||
    (patch.oldMode !== undefined && patch.newMode !== undefined && patch.oldMode !== patch.newMode)
  )
}

/** Refuses what cannot be applied whatever the base: patches without data, and paths git refuses. */
function validate(patch: FilePatch): void {
  const file = patch.newPath ?? patch.oldPath!
  if (patch.binaryWithoutData) {
    throw new InvalidInputError(
      `The diff marks '${file}' as a binary file that differs but holds no data ('Binary files ... differ'): ` +
        'make the diff with `git diff --binary` so that binary changes can be applied.'
    )
  }
  if (!patch.hunks.length && !patch.binary && !changesMetadata(patch)) {
    const submodule = patch.oldMode === '160000' || patch.newMode === '160000'
    throw new InvalidInputError(
      changesContent(patch)
        ? `The diff says '${file}' changed (${patch.oldId}..${patch.newId}) but holds no hunks or binary data ` +
            `for it: ${submodule ? 'make submodule changes with `git diff --submodule=short`.' : 'make the diff with `git diff --binary`.'}`
        : `The diff names '${file}' but changes nothing in it (git apply calls it a patch with only garbage): ` +
            'remove that part of the diff.'
    )
  }
  if (patch.binary && !(FULL_ID.test(patch.oldId ?? '') && FULL_ID.test(patch.newId ?? ''))) {
    throw new InvalidInputError(
      `The binary patch for '${file}' has no full 'index' line, so what it applies to cannot be checked: ` +
        'make the diff with `git diff --binary` (it writes full ids).'
    )
  }
  if (patch.oldPath !== undefined) verifyPath(patch.oldPath, patch.oldMode)
  if (patch.newPath !== undefined) verifyPath(patch.newPath, patch.newMode)
}

/** Applies the patches of a diff to a base; throws (changing nothing anywhere) when any part does not apply. */
export async function applyPatches(patches: FilePatch[], base: BaseSource): Promise<AppliedDiff> {
  // Everything that needs no base is refused first, so a bad path is refused before anything is read.
  for (const patch of patches) validate(patch)

  const wanted = new Set<string>()
  for (const { oldPath, newPath } of patches) {
    for (const p of [oldPath, newPath])
      if (p !== undefined) for (const a of [p, ...ancestors(p)]) wanted.add(a)
  }
  const stats = base.statMany
    ? await base.statMany([...wanted])
    : new Map(await Promise.all([...wanted].map(async p => [p, await base.stat(p)] as const)))
  const baseFile = (path: string): BaseEntry | undefined => {
    const entry = stats.get(path)
    return entry && entry.mode !== '040000' ? entry : undefined
  }

  // A rename or copy reads its source from the base, whatever came before it (git's diffs do not depend on
  // order); any other patch reads what the patches before it left. Bytes the base must give come in one batch.
  const contents = new Map<string, Buffer>()
  if (base.readMany) {
    const read = new Map<string, { path: string; entry: BaseEntry }>()
    const touched = new Set<string>()
    for (const patch of patches) {
      const { kind, oldPath, newPath } = patch
      const fromBase = kind === 'rename' || kind === 'copy' || !touched.has(oldPath!)
      const needsBytes = patch.hunks.length > 0 || patch.binary?.forward.method === 'delta'
      const entry = kind !== 'add' && fromBase && needsBytes ? baseFile(oldPath!) : undefined
      if (entry && entry.mode !== '160000') read.set(entry.sha, { path: oldPath!, entry })
      if (newPath !== undefined) touched.add(newPath)
      if (kind === 'delete' || kind === 'rename') touched.add(oldPath!)
    }
    if (read.size)
      for (const [sha, bytes] of await base.readMany([...read.values()])) contents.set(sha, bytes)
  }

  const baseStates = new Map<string, State>()
  const baseState = (path: string): State | undefined => {
    const entry = baseFile(path)
    if (!entry) return undefined
    if (!baseStates.has(path)) baseStates.set(path, { mode: entry.mode, sha: entry.sha })
    return baseStates.get(path)
  }

  async function bytes(path: string, state: State): Promise<Buffer> {
    if (state.content) return state.content
    if (state.mode === '160000') return gitlinkText(state.sha!)
    const content = contents.get(state.sha!) ?? (await base.read(path, { mode: state.mode, sha: state.sha! }))
    if (gitBlobSha(content) !== state.sha) {
      throw new InvalidInputError(
        `The base content read for '${path}' does not match its blob id ${state.sha}.`
      )
    }
    state.content = content
    return content
  }

  const table = new Map<string, State | typeof DELETED>()
  const toBeDeleted = new Set(
    patches.filter(p => p.kind === 'delete' || p.kind === 'rename').map(p => p.oldPath!)
  )
  const removed = new Set<string>()
  const added = new Map<string, State>()

  for (const patch of patches) {
    const { kind, oldPath, newPath } = patch
    const file = newPath ?? oldPath!
    let source: State | undefined
    if (kind !== 'add') {
      const earlier = kind === 'rename' || kind === 'copy' ? undefined : table.get(oldPath!)
      if (earlier === DELETED) {
        throw new DiffDoesNotApplyError(oldPath!, 'an earlier part of the diff deleted or renamed it')
      }
      source = earlier ?? baseState(oldPath!)
      if (!source) throw new DiffDoesNotApplyError(oldPath!, 'the diff changes it, but it does not exist')
      if (patch.oldMode && kindOf(patch.oldMode) !== kindOf(source.mode)) {
        throw new DiffDoesNotApplyError(
          oldPath!,
          `the diff expects a ${kindOf(patch.oldMode)}, but it is a ${kindOf(source.mode)}`
        )
      }
    }
    if (kind === 'add' || kind === 'rename' || kind === 'copy') {
      // Only the base counts, and not even it for a path that some patch deletes or renames away.
      const freed = table.get(newPath!) === DELETED || toBeDeleted.has(newPath!)
      if (!freed && baseFile(newPath!)) {
        throw new DiffDoesNotApplyError(newPath!, 'the diff creates it, but it already exists')
      }
    }
    const oldMode = patch.oldMode ?? source?.mode
    const mode: FileMode = patch.newMode ?? (kind === 'add' ? '100644' : source!.mode)
    if (oldMode && kind !== 'delete' && kindOf(oldMode) !== kindOf(mode)) {
      throw new DiffDoesNotApplyError(
        file,
        `a ${kindOf(oldMode)} cannot become a ${kindOf(mode)} in place: delete it and create it anew`
      )
    }
    // The same rules again with the modes the base filled in (a symlink may not be `.gitmodules`).
    if (oldPath !== undefined && kind !== 'add') verifyPath(oldPath, oldMode)
    if (newPath !== undefined) verifyPath(newPath, mode)

    let result: State
    if (patch.binary) {
      const sha = source ? (source.sha ?? gitBlobSha(await bytes(oldPath!, source))) : undefined
      if (source && sha !== patch.oldId) {
        throw new DiffDoesNotApplyError(
          file,
          `the binary patch was made against blob ${patch.oldId}, but the file is blob ${sha}: regenerate the diff`
        )
      }
      const forward = patch.binary.forward
      const content = NULL_ID.test(patch.newId!)
        ? Buffer.alloc(0)
        : forward.method === 'literal'
          ? forward.data
          : applyGitDelta(source ? await bytes(oldPath!, source) : Buffer.alloc(0), forward.data, file)
      result = { mode, content }
      const made = gitBlobSha(content)
      if (!NULL_ID.test(patch.newId!) && made !== patch.newId) {
        throw new DiffDoesNotApplyError(
          file,
          `the binary patch makes blob ${made}, but the diff says ${patch.newId}`
        )
      }
    } else if (patch.hunks.length) {
      const before = source ? await bytes(oldPath!, source) : Buffer.alloc(0)
      result = { mode, content: applyHunks(before, patch.hunks, file) }
    } else if (source) {
      result = { mode, sha: source.sha, content: source.content }
    } else {
      result = { mode, content: Buffer.alloc(0) }
    }

    if (kind === 'delete') {
      if (result.content?.length) {
        throw new DiffDoesNotApplyError(
          file,
          'the diff deletes it, but the file holds more than the diff removes: regenerate the diff'
        )
      }
      table.set(oldPath!, DELETED)
      removed.add(oldPath!)
      continue
    }
    if (result.content && mode === '160000') result = { mode, sha: parseGitlinkText(result.content, file) }
    else if (result.content) result.sha = gitBlobSha(result.content)
    table.set(newPath!, result)
    if (kind === 'rename') table.set(oldPath!, DELETED)
    if (kind === 'modify' || kind === 'rename') removed.add(oldPath!)
    added.set(newPath!, result)
  }

  // The tree as git writes it: what was removed is gone unless a result took its place.
  const present = (path: string) => added.has(path) || (!removed.has(path) && baseFile(path) !== undefined)
  const dependsOn = new Map<string, string | null>()
  const addedDirectories = new Set([...added.keys()].flatMap(ancestors))
  for (const path of added.keys()) {
    for (const parent of ancestors(path)) {
      if (present(parent)) {
        throw new DiffDoesNotApplyError(path, `'${parent}' is a file, so it cannot hold '${path}'`)
      }
      dependsOn.set(parent, stats.get(parent) ? ANY_TREE : null)
    }
    const inside =
      (stats.get(path)?.mode === '040000'
        ? (await base.filesUnder(path)).find(f => added.has(f) || !removed.has(f))
        : undefined) ??
      (addedDirectories.has(path) ? [...added.keys()].find(p => p.startsWith(`${path}/`)) : undefined)
    if (inside) {
      throw new DiffDoesNotApplyError(
        path,
        `the diff makes it a file, but it is a directory that holds '${inside}'`
      )
    }
  }

  const baseModes = new Map<string, FileMode>()
  for (const path of [...removed, ...added.keys(), ...baseStates.keys()]) {
    const entry = stats.get(path)
    dependsOn.set(path, entry?.sha ?? null)
    if (entry && entry.mode !== '040000') baseModes.set(path, entry.mode)
  }

  const files = new Map<string, ResultFile | null>()
  for (const path of [...new Set([...removed, ...added.keys()])].sort(comparePaths)) {
    const state = added.get(path)
    if (!state) {
      // Deleted, unless it was absent in the base too (created and then deleted within this diff).
      if (baseFile(path)) files.set(path, null)
      continue
    }
    files.set(
      path,
      state.content && state.mode !== '160000'
        ? { mode: state.mode, content: state.content }
        : { mode: state.mode, sha: state.sha! }
    )
  }
  return { files, dependsOn, baseModes, patches: patches.length }
}

const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'

/** Whether the `index` line says the bytes changed (an empty file created or deleted needs no hunk). */
function changesContent(patch: FilePatch): boolean {
  const { oldId, newId } = patch
  if (!oldId || !newId || oldId === newId) return false
  const zero = (id: string) => NULL_ID.test(id)
  const empty = (id: string) => EMPTY_BLOB.startsWith(id)
  if (zero(oldId)) return !empty(newId)
  if (zero(newId)) return !empty(oldId)
  return true
}

/** The directories above a path, nearest last (`a/b/c` → `a`, `a/b`). */
export function ancestors(path: string): string[] {
  const parts = path.split('/')
  const out: string[] = []
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'))
  return out
}

/** Byte-wise path order (git's order for blobs). */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

/** Parses and applies a diff in one step. */
export async function applyDiffText(diff: string | Uint8Array, base: BaseSource): Promise<AppliedDiff> {
  return applyPatches(parseGitDiff(diff), base)
}
