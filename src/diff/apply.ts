/**
 * In-memory application of parsed git diffs, as `git apply` does it (no fuzz: every context line must match; a
 * hunk may move to another line when its context matches there, searched outward from where it says it is).
 * Base files come from a BaseSource, read only when a patch needs their bytes: a pure rename or mode change reuses
 * the blob by id. The result is the set of paths that change, and the base ids it was computed from, so a caller
 * can tell whether it still holds on a branch that moved.
 */
import { createHash } from 'node:crypto'
import { DiffDoesNotApplyError, InvalidInputError } from '../errors.js'
import { normalizeRepoPath } from '../paths.js'
import { applyGitDelta } from './delta.js'
import { parseGitDiff, type FileMode, type FilePatch, type Hunk } from './parse.js'

/** A file of the base tree: its mode and blob id (for a submodule, the commit id). */
export interface BaseEntry {
  /** Tree mode. */
  mode: FileMode
  /** Blob id (commit id for 160000). */
  sha: string
}

/** Where base files come from: the GitHub API, a local repository, or memory. */
export interface BaseSource {
  /** The entry at a path of the base tree; undefined when no file is there (a directory counts as absent). */
  stat(path: string): Promise<BaseEntry | undefined>
  /** The bytes of a blob of the base tree (called only for paths `stat` returned). */
  read(path: string, entry: BaseEntry): Promise<Buffer>
  /** Optional: stats many paths at once (a source that can batch does it here). */
  statMany?(paths: string[]): Promise<Map<string, BaseEntry | undefined>>
  /** Optional: reads many blobs at once, by blob id (a source that can batch does it here). */
  readMany?(entries: Array<{ path: string; entry: BaseEntry }>): Promise<Map<string, Buffer>>
}

/** A file as the diff leaves it: new bytes, or an unchanged blob reused by id. */
export type ResultFile = { mode: FileMode; content: Buffer } | { mode: FileMode; sha: string }

/** What a diff does to a tree. */
export interface AppliedDiff {
  /** Every path the diff changes: the new file, or null when it is deleted. Sorted by path. */
  files: Map<string, ResultFile | null>
  /** Every base path the result depends on, with the base id it had (null: it had to be absent). */
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

function parseGitlinkText(content: Buffer, file: string): string {
  const m = /^Subproject commit ([0-9a-f]{40})(?:-dirty)?\n?$/.exec(content.toString('latin1'))
  if (!m) throw new DiffDoesNotApplyError(file, 'the submodule change does not name a commit id')
  return m[1]
}

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

interface State {
  mode: FileMode
  sha?: string
  content?: Buffer
}

/** Applies the patches of a diff to a base; throws (changing nothing anywhere) when any part does not apply. */
export async function applyPatches(patches: FilePatch[], base: BaseSource): Promise<AppliedDiff> {
  const current = new Map<string, State | null>()
  const dependsOn = new Map<string, string | null>()
  const changed = new Set<string>()
  const prefetched = new Map<string, BaseEntry | undefined>()
  const baseModes = new Map<string, FileMode>()

  // Paths are validated first, so a bad one is refused before anything is read.
  const normal = patches.map(patch => {
    for (const path of [patch.oldPath, patch.newPath]) {
      if (path !== undefined) normalizeRepoPath(path)
      if (patch.binaryWithoutData) {
        throw new InvalidInputError(
          `The diff marks '${path}' as a binary file that differs but holds no data ('Binary files ... differ'): ` +
            'make the diff with `git diff --binary` so that binary changes can be applied.'
        )
      }
    }
    return {
      patch,
      oldPath: patch.oldPath === undefined ? undefined : normalizeRepoPath(patch.oldPath),
      newPath: patch.newPath === undefined ? undefined : normalizeRepoPath(patch.newPath)
    }
  })

  if (base.statMany) {
    const wanted = new Set<string>()
    for (const { oldPath, newPath } of normal) {
      for (const p of [oldPath, newPath]) if (p) for (const a of [p, ...ancestors(p)]) wanted.add(a)
    }
    const stats = await base.statMany([...wanted])
    for (const [path, entry] of stats) prefetched.set(path, entry)
  }

  // Bytes the diff needs from the base, fetched in one batch when the source can.
  const contents = new Map<string, Buffer>()
  if (base.readMany) {
    const wanted: Array<{ path: string; entry: BaseEntry }> = []
    const produced = new Set<string>()
    for (const { patch, oldPath, newPath } of normal) {
      const needsBytes = patch.hunks.length > 0 || patch.binary?.forward.method === 'delta'
      if (oldPath && patch.kind !== 'add' && needsBytes && !produced.has(oldPath)) {
        const entry = prefetched.get(oldPath)
        if (entry && entry.mode !== '160000') wanted.push({ path: oldPath, entry })
      }
      if (newPath) produced.add(newPath)
      if (oldPath && patch.kind === 'rename') produced.add(oldPath)
    }
    if (wanted.length) for (const [sha, bytes] of await base.readMany(wanted)) contents.set(sha, bytes)
  }

  async function get(path: string): Promise<State | undefined> {
    if (current.has(path)) return current.get(path) ?? undefined
    const entry = prefetched.has(path) ? prefetched.get(path) : await base.stat(path)
    dependsOn.set(path, entry?.sha ?? null)
    if (entry) baseModes.set(path, entry.mode)
    const state = entry ? { mode: entry.mode, sha: entry.sha } : null
    current.set(path, state)
    return state ?? undefined
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

  async function mustBeFree(path: string): Promise<void> {
    if (await get(path)) throw new DiffDoesNotApplyError(path, 'the diff creates it, but it already exists')
    for (const parent of ancestors(path)) {
      if (await get(parent)) {
        throw new DiffDoesNotApplyError(path, `'${parent}' is a file, so it cannot hold '${path}'`)
      }
    }
  }

  for (const { patch, oldPath, newPath } of normal) {
    const file = newPath ?? oldPath!
    if (!patch.hunks.length && !patch.binary && changesContent(patch)) {
      throw new InvalidInputError(
        `The diff says '${file}' changed (${patch.oldId}..${patch.newId}) but holds no hunks or binary data for it` +
          (patch.oldMode === '160000' || patch.newMode === '160000'
            ? ': make submodule changes with `git diff --submodule=short`.'
            : ': make the diff with `git diff --binary`.')
      )
    }
    let source: State | undefined
    if (patch.kind !== 'add') {
      source = await get(oldPath!)
      if (!source) throw new DiffDoesNotApplyError(oldPath!, 'the diff changes it, but it does not exist')
      if (patch.oldMode && kindOf(patch.oldMode) !== kindOf(source.mode)) {
        throw new DiffDoesNotApplyError(
          oldPath!,
          `the diff expects a ${kindOf(patch.oldMode)}, but it is a ${kindOf(source.mode)}`
        )
      }
      checkId(patch.oldId, source, oldPath!)
    }
    if ((patch.kind === 'add' || patch.kind === 'rename' || patch.kind === 'copy') && newPath !== oldPath) {
      await mustBeFree(newPath!)
    }

    const mode: FileMode = patch.newMode ?? source?.mode ?? '100644'
    let result: State
    if (patch.binary) {
      const forward = patch.binary.forward
      const content =
        forward.method === 'literal'
          ? forward.data
          : applyGitDelta(await bytes(oldPath!, source!), forward.data, file)
      result = { mode, content }
    } else if (patch.hunks.length) {
      const before = source ? await bytes(oldPath!, source) : Buffer.alloc(0)
      result = { mode, content: applyHunks(before, patch.hunks, file) }
    } else if (source) {
      result = { mode, sha: source.sha, content: source.content }
    } else {
      result = { mode, content: Buffer.alloc(0) }
    }
    if (result.content && mode === '160000') {
      result = { mode, sha: parseGitlinkText(result.content, file) }
    } else if (result.content && patch.kind !== 'delete') {
      result.sha = gitBlobSha(result.content)
    }
    if (source && mode !== source.mode && (mode === '160000') !== (source.mode === '160000')) {
      throw new DiffDoesNotApplyError(
        file,
        `a ${kindOf(source.mode)} cannot become a ${kindOf(mode)} in place`
      )
    }

    if (patch.kind === 'delete') {
      if (result.content && result.content.length > 0 && !patch.binary) {
        throw new DiffDoesNotApplyError(
          file,
          'the diff deletes it, but the file holds more than the diff removes: regenerate the diff'
        )
      }
      current.set(oldPath!, null)
      changed.add(oldPath!)
      continue
    }
    if (patch.newId && /^[0-9a-f]{40}$/.test(patch.newId) && result.sha && result.sha !== patch.newId) {
      throw new DiffDoesNotApplyError(
        file,
        `the result is blob ${result.sha}, but the diff says ${patch.newId}`
      )
    }
    if (patch.kind === 'rename' && oldPath !== newPath) {
      current.set(oldPath!, null)
      changed.add(oldPath!)
    }
    current.set(newPath!, result)
    changed.add(newPath!)
  }

  const files = new Map<string, ResultFile | null>()
  for (const path of [...changed].sort(comparePaths)) {
    const state = current.get(path)
    if (!state) {
      // Deleted, unless it was absent in the base too (created and then deleted within this diff).
      if (dependsOn.get(path) !== null) files.set(path, null)
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
  const zero = (id: string) => /^0+$/.test(id)
  const empty = (id: string) => EMPTY_BLOB.startsWith(id)
  if (zero(oldId)) return !empty(newId)
  if (zero(newId)) return !empty(oldId)
  return true
}

function checkId(id: string | undefined, source: State, file: string): void {
  if (!id || !source.sha || /^0+$/.test(id)) return
  if (/^[0-9a-f]{40}$/.test(id) && source.sha !== id) {
    throw new DiffDoesNotApplyError(
      file,
      `the diff was made against blob ${id}, but the file is blob ${source.sha}: regenerate the diff`
    )
  }
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
