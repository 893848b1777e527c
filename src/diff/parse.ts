/**
 * Parser of git diffs, byte-exact: `diff --git` file patches with git's extended headers (new/deleted file mode,
 * old/new mode, rename/copy from/to with similarity, index), unified hunks with `\ No newline at end of file`,
 * `GIT binary patch` literal and delta data, quoted paths with C escapes, and traditional `---`/`+++` patches.
 * Content lines are kept as bytes, so CRLF and non-UTF-8 text survive untouched.
 *
 * Memory stays near the diff's own size: the parse keeps the diff's bytes once and an index of where its lines
 * start (4 bytes a line); a hunk's lines are views of those bytes, made when `Hunk.lines` is read.
 */
import { inflateSync } from 'node:zlib'
import { InvalidInputError } from '../errors.js'
import { decodeBase85 } from './base85.js'
import { MAX_FILE_BYTES } from './limits.js'

/** A git file mode as it appears in a tree. */
export type FileMode = '100644' | '100755' | '120000' | '160000'

/** What a file patch does. */
export type FilePatchKind = 'modify' | 'add' | 'delete' | 'rename' | 'copy'

/** One line of a hunk: context (` `), removal (`-`) or addition (`+`), with its bytes and line ending. */
export interface HunkLine {
  /** The line's role. */
  kind: ' ' | '-' | '+'
  /**
   * The bytes of the line including its `\n`, unless `\ No newline at end of file` followed it: a view of the
   * parsed diff's bytes (a Buffer or Uint8Array given to parseGitDiff is not copied, so leave it unchanged).
   */
  content: Buffer
}

/** A unified hunk. */
export interface Hunk {
  /** The header as written, e.g. `@@ -1,3 +1,4 @@`, for error messages. */
  header: string
  /** First line of the old range (1-based; 0 for an empty range). */
  oldStart: number
  /** Number of old lines. */
  oldLines: number
  /** First line of the new range. */
  newStart: number
  /** Number of new lines. */
  newLines: number
  /** The lines. A parsed hunk makes them on each read, from the diff's bytes: read them once per use. */
  lines: HunkLine[]
}

/** One half of a `GIT binary patch`: the full new content (`literal`) or a git delta against the old (`delta`). */
export interface BinaryHunk {
  /** `literal` (the content) or `delta` (a git delta). */
  method: 'literal' | 'delta'
  /** The inflated bytes (content for literal, delta instructions for delta). */
  data: Buffer
}

/** A binary change. */
export interface BinaryPatch {
  /** Old → new. */
  forward: BinaryHunk
  /** New → old, when the patch carries it. */
  reverse?: BinaryHunk
}

/** The change to one file. */
export interface FilePatch {
  /** What the patch does. */
  kind: FilePatchKind
  /** Path before (undefined for an added file). */
  oldPath?: string
  /** Path after (undefined for a deleted file). */
  newPath?: string
  /** Mode before, when the patch says it (`old mode`, `deleted file mode`, or the `index` line). */
  oldMode?: FileMode
  /** Mode after, when the patch says it (`new mode`, `new file mode`, or the `index` line). */
  newMode?: FileMode
  /** `similarity index` of a rename or copy, in percent. */
  similarity?: number
  /** Blob ids from the `index` line (abbreviated or full). */
  oldId?: string
  /** Blob id after. */
  newId?: string
  /** Text hunks. */
  hunks: Hunk[]
  /** Binary data, when the patch is a `GIT binary patch`. */
  binary?: BinaryPatch
  /** `Binary files ... differ` without data: it cannot be applied. */
  binaryWithoutData?: boolean
  /** Whether it came from a `diff --git` header (false for a traditional unified diff). */
  git: boolean
}

/** The file a parse error is about, when it is known. */
export class DiffParseError extends InvalidInputError {
  static override readonly type: string = 'DiffParseError'

  /** 1-based line of the diff where the problem is. */
  readonly line: number

  constructor(message: string, line: number) {
    super(`The diff cannot be parsed at line ${line}: ${message}`)
    this.line = line
  }
}

const MODES = new Set(['100644', '100755', '120000', '160000'])

function parseMode(text: string, line: number): FileMode {
  const mode = text.trim()
  if (mode === '100664') return '100644' // git's legacy group-writable mode normalises to 100644
  if (!MODES.has(mode)) throw new DiffParseError(`unsupported file mode '${mode}'`, line)
  return mode as FileMode
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 }

/** Reads a C-quoted name (as git writes with core.quotePath) starting at `start` (a `"`); returns bytes and end. */
function unquote(bytes: Buffer, start: number, line: number): { name: Buffer; end: number } {
  const out: number[] = []
  let i = start + 1
  while (i < bytes.length) {
    const c = bytes[i]
    if (c === 0x22) return { name: Buffer.from(out), end: i + 1 }
    if (c === 0x5c) {
      const next = String.fromCharCode(bytes[i + 1])
      if (next >= '0' && next <= '7') {
        const octal = bytes.subarray(i + 1, i + 4).toString('latin1')
        if (!/^[0-3][0-7]{2}$/.test(octal)) throw new DiffParseError(`bad octal escape in quoted path`, line)
        out.push(parseInt(octal, 8))
        i += 4
        continue
      }
      const code = ESCAPES[next]
      if (code === undefined) throw new DiffParseError(`bad escape '\\${next}' in quoted path`, line)
      out.push(code)
      i += 2
      continue
    }
    out.push(c)
    i++
  }
  throw new DiffParseError('unterminated quoted path', line)
}

/** A path field of a header line: quoted or raw (raw ends at a tab, as git adds one after names with spaces). */
function readName(rest: Buffer, line: number): string {
  if (rest[0] === 0x22) return unquote(rest, 0, line).name.toString('utf8')
  let text = rest.toString('utf8')
  const tab = text.indexOf('\t')
  if (tab >= 0) text = text.slice(0, tab)
  return text.replace(/\r$/, '')
}

/** git squashes doubled slashes in the names of `---`, `+++`, rename and copy lines (after stripping `a/`). */
function squash(name: string): string {
  return name.replace(/\/{2,}/g, '/')
}

/** Strips the first path component (`-p1`), as git apply does; `/dev/null` stays undefined. */
function stripPrefix(name: string, line: number, squashed = true): string | undefined {
  if (name === '/dev/null') return undefined
  // An absolute name has no prefix to strip: keep it whole so that the path rules refuse it by its own name.
  if (name.startsWith('/')) return squashed ? squash(name) : name
  const slash = name.indexOf('/')
  if (slash < 0) throw new DiffParseError(`path '${name}' has no 'a/' or 'b/' prefix to strip`, line)
  return squashed ? squash(name.slice(slash + 1)) : name.slice(slash + 1)
}

/**
 * The two names of `diff --git a/X b/Y`. Quoted names are exact; unquoted names with spaces are ambiguous, so like
 * git we take the split where both halves name the same file (a rename's names come from its own headers).
 */
function parseGitHeaderNames(rest: Buffer, line: number): { a?: string; b?: string } {
  if (rest[0] === 0x22) {
    const first = unquote(rest, 0, line)
    const tail = rest.subarray(first.end).toString('utf8').replace(/^ /, '')
    const second = tail.startsWith('"')
      ? unquote(Buffer.from(tail, 'utf8'), 0, line).name.toString('utf8')
      : tail
    return { a: stripPrefix(first.name.toString('utf8'), line, false), b: stripPrefix(second, line, false) }
  }
  const text = rest.toString('utf8')
  const quoted = text.indexOf(' "')
  if (quoted >= 0) {
    const second = unquote(Buffer.from(text.slice(quoted + 1), 'utf8'), 0, line).name.toString('utf8')
    return { a: stripPrefix(text.slice(0, quoted), line, false), b: stripPrefix(second, line, false) }
  }
  // Unquoted: find a space such that both sides, prefix stripped, are equal.
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
    const left = text.slice(0, i)
    const right = text.slice(i + 1)
    const ls = left.indexOf('/')
    const rs = right.indexOf('/')
    if (ls > 0 && rs > 0 && left.slice(ls + 1) === right.slice(rs + 1)) {
      return { a: left.slice(ls + 1), b: right.slice(rs + 1) }
    }
  }
  return {}
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/** The lines of the diff, without their `\n` (a final `\r` is kept: it belongs to the content), by index. */
class Lines {
  /** Where each line starts, and the end of the bytes after the last. */
  readonly starts: Uint32Array

  /** `bytes` ends with `\n`. */
  constructor(readonly bytes: Buffer) {
    let count = 0
    for (let nl = bytes.indexOf(0x0a); nl >= 0; nl = bytes.indexOf(0x0a, nl + 1)) count++
    this.starts = new Uint32Array(count + 1)
    for (let i = 1, nl = bytes.indexOf(0x0a); nl >= 0; nl = bytes.indexOf(0x0a, nl + 1))
      this.starts[i++] = nl + 1
  }

  get length(): number {
    return this.starts.length - 1
  }

  /** Line `i`, without its `\n`. */
  at(i: number): Buffer {
    return this.bytes.subarray(this.starts[i], this.starts[i + 1] - 1)
  }

  /** The first byte of line `i` (`\n` for an empty line). */
  first(i: number): number {
    return this.bytes[this.starts[i]]
  }
}

/** The bytes to parse: the caller's own (not copied) when it gives bytes, always ending with `\n`. */
function diffBytes(input: string | Uint8Array): Buffer {
  const bytes =
    typeof input === 'string'
      ? Buffer.from(input, 'utf8')
      : Buffer.isBuffer(input)
        ? input
        : Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  if (bytes.length >= 2 ** 32)
    throw new InvalidInputError('The diff is 4 GiB or more: split it into smaller diffs.')
  // A last line without its newline still ends a hunk line, which holds one.
  return bytes.length && bytes[bytes.length - 1] !== 0x0a ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes
}

/** A parsed hunk: its lines are diff lines `first` to `end` (exclusive), `\ No newline` markers included. */
class ParsedHunk implements Hunk {
  readonly #diff: Lines
  readonly #first: number
  readonly #end: number

  constructor(
    readonly header: string,
    readonly oldStart: number,
    readonly oldLines: number,
    readonly newStart: number,
    readonly newLines: number,
    diff: Lines,
    first: number,
    end: number
  ) {
    this.#diff = diff
    this.#first = first
    this.#end = end
  }

  get lines(): HunkLine[] {
    const diff = this.#diff
    const lines: HunkLine[] = []
    for (let i = this.#first; i < this.#end; i++) {
      const c = diff.first(i)
      const start = diff.starts[i]
      const end = diff.starts[i + 1]
      if (c === 0x5c) {
        const last = lines[lines.length - 1]
        last.content = last.content.subarray(0, last.content.length - 1)
      } else if (c === 0x0a) {
        // An empty line stands for an empty context line (some tools strip the trailing space): its `\n`.
        lines.push({ kind: ' ', content: diff.bytes.subarray(start, end) })
      } else {
        lines.push({
          kind: String.fromCharCode(c) as HunkLine['kind'],
          content: diff.bytes.subarray(start + 1, end)
        })
      }
    }
    return lines
  }
}

function startsWith(line: Buffer, prefix: string): boolean {
  return line.length >= prefix.length && line.toString('latin1', 0, prefix.length) === prefix
}

function text(line: Buffer): string {
  return line.toString('utf8').replace(/\r$/, '')
}

/**
 * Decodes one `literal N` / `delta N` block of a binary patch starting at `index`; returns it and the next line.
 * N bounds the inflated size, so a block that inflates to more (a compression bomb) stops there, and an N over
 * MAX_FILE_BYTES is refused before anything is inflated.
 */
function parseBinaryHunk(
  lines: Lines,
  index: number,
  file: string
): { hunk: BinaryHunk; next: number } | undefined {
  const header = index < lines.length ? /^(literal|delta) (\d+)$/.exec(text(lines.at(index))) : null
  if (!header) return undefined
  const size = Number(header[2])
  if (size > MAX_FILE_BYTES) {
    throw new DiffParseError(
      `the binary patch for '${file}' is ${size} bytes, more than the ${MAX_FILE_BYTES} bytes (GitHub's largest ` +
        'blob) self-heal applies',
      index + 1
    )
  }
  let end = index + 1
  while (end < lines.length && text(lines.at(end)) !== '') end++
  // Each line decodes to at most 52 bytes, all into one buffer: no buffer per line.
  const deflated = Buffer.allocUnsafe((end - index - 1) * 52)
  let used = 0
  for (let i = index + 1; i < end; i++) {
    const line = text(lines.at(i))
    const c = line.charCodeAt(0)
    const length = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 96 + 26 : -1
    if (length < 0) throw new DiffParseError(`bad length character in binary patch`, i + 1)
    const decoded = decodeBase85(line.slice(1), i + 1)
    if (decoded.length < length) throw new DiffParseError('binary patch line is shorter than it says', i + 1)
    used += decoded.copy(deflated, used, 0, length)
  }
  let data: Buffer
  try {
    // One byte more than declared, so that a block inflating to more is told apart from one that fits.
    data = inflateSync(deflated.subarray(0, used), { maxOutputLength: size + 1 })
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
    throw new DiffParseError(
      tooLarge
        ? `the binary patch for '${file}' inflates to more than the ${size} bytes it says`
        : `binary patch data is corrupt (${(error as Error).message})`,
      index + 1
    )
  }
  if (data.length !== size) {
    throw new DiffParseError(`binary patch inflates to ${data.length} bytes, but says ${size}`, index + 1)
  }
  return { hunk: { method: header[1] as 'literal' | 'delta', data }, next: end + 1 }
}

/** Parses a git (or traditional unified) diff into file patches. An empty diff gives an empty list. */
export function parseGitDiff(input: string | Uint8Array): FilePatch[] {
  const lines = new Lines(diffBytes(input))
  const patches: FilePatch[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines.at(i)
    if (startsWith(line, 'diff --git ')) {
      i = parseGitFilePatch(lines, i, patches)
    } else if (startsWith(line, 'diff --cc ') || startsWith(line, 'diff --combined ')) {
      throw new DiffParseError('combined (merge) diffs cannot be applied: diff against one parent', i + 1)
    } else if (startsWith(line, '--- ') && i + 1 < lines.length && startsWith(lines.at(i + 1), '+++ ')) {
      i = parseTraditionalPatch(lines, i, patches)
    } else {
      i++ // commit messages, `From` lines and other preamble, as git apply ignores them
    }
  }
  return patches
}

function parseTraditionalPatch(lines: Lines, start: number, patches: FilePatch[]): number {
  const oldName = stripPrefix(readName(lines.at(start).subarray(4), start + 1), start + 1)
  const newName = stripPrefix(readName(lines.at(start + 1).subarray(4), start + 2), start + 2)
  if (!oldName && !newName) throw new DiffParseError('both sides are /dev/null', start + 1)
  const patch: FilePatch = {
    kind: !oldName ? 'add' : !newName ? 'delete' : 'modify',
    oldPath: oldName,
    newPath: newName ?? undefined,
    hunks: [],
    git: false
  }
  if (patch.kind === 'modify') patch.oldPath = patch.newPath = newName
  const next = parseHunks(lines, start + 2, patch)
  if (!patch.hunks.length) throw new DiffParseError(`no hunks for '${newName ?? oldName}'`, start + 1)
  patches.push(patch)
  return next
}

function parseGitFilePatch(lines: Lines, start: number, patches: FilePatch[]): number {
  const header = parseGitHeaderNames(lines.at(start).subarray('diff --git '.length), start + 1)
  // git's default name: the header's, when both its names agree (a new or deleted file takes it).
  const def = header.a === header.b ? header.a : undefined
  const patch: FilePatch = { kind: 'modify', hunks: [], git: true }
  let oldName: string | undefined
  let newName: string | undefined
  // `---` and `+++` must agree with what the lines before said (/dev/null for the side a new or deleted file lacks).
  const verifyName = (line: Buffer, side: 'old' | 'new', n: number): void => {
    const raw = readName(line.subarray(4), n)
    const name = raw === '/dev/null' ? undefined : stripPrefix(raw, n)
    const absent = side === 'old' ? patch.kind === 'add' : patch.kind === 'delete'
    const known = side === 'old' ? oldName : newName
    if (absent) {
      if (name !== undefined) throw new DiffParseError(`the ${side} name should be /dev/null`, n)
    } else if (known === undefined) {
      if (side === 'old') oldName = name
      else newName = name
    } else if (name !== known) {
      throw new DiffParseError(`the ${side} name '${name}' is not '${known}', as the lines before it say`, n)
    }
  }
  let i = start + 1
  for (; i < lines.length; i++) {
    const line = lines.at(i)
    const t = text(line)
    const n = i + 1
    if (t.startsWith('old mode ')) patch.oldMode = parseMode(t.slice(9), n)
    else if (t.startsWith('new mode ')) patch.newMode = parseMode(t.slice(9), n)
    else if (t.startsWith('new file mode ')) {
      patch.kind = 'add'
      patch.newMode = parseMode(t.slice(14), n)
      newName = def
    } else if (t.startsWith('deleted file mode ')) {
      patch.kind = 'delete'
      patch.oldMode = parseMode(t.slice(18), n)
      oldName = def
    } else if (t.startsWith('rename from ')) {
      patch.kind = 'rename'
      oldName = squash(readName(line.subarray(12), n))
    } else if (t.startsWith('rename to ')) {
      patch.kind = 'rename'
      newName = squash(readName(line.subarray(10), n))
    } else if (t.startsWith('copy from ')) {
      patch.kind = 'copy'
      oldName = squash(readName(line.subarray(10), n))
    } else if (t.startsWith('copy to ')) {
      patch.kind = 'copy'
      newName = squash(readName(line.subarray(8), n))
    } else if (t.startsWith('similarity index ')) patch.similarity = parseInt(t.slice(17), 10)
    else if (t.startsWith('dissimilarity index ')) continue
    else if (t.startsWith('index ')) {
      const m = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?$/.exec(t)
      if (!m) throw new DiffParseError(`bad index line '${t}'`, n)
      patch.oldId = m[1]
      patch.newId = m[2]
      if (m[3]) {
        const mode = parseMode(m[3], n)
        patch.oldMode ??= mode
        patch.newMode ??= mode
      }
    } else if (t.startsWith('--- ')) verifyName(line, 'old', n)
    else if (t.startsWith('+++ ')) verifyName(line, 'new', n)
    else if (t === 'GIT binary patch') {
      const file = newName ?? oldName ?? def ?? '?'
      const forward = parseBinaryHunk(lines, i + 1, file)
      if (!forward)
        throw new DiffParseError("'GIT binary patch' is not followed by 'literal' or 'delta'", n + 1)
      const reverse = parseBinaryHunk(lines, forward.next, file)
      patch.binary = { forward: forward.hunk, reverse: reverse?.hunk }
      i = (reverse?.next ?? forward.next) - 1
    } else if (/^Binary files .* differ$/.test(t)) {
      patch.binaryWithoutData = true
    } else break
  }
  if (oldName === undefined && newName === undefined) {
    if (def === undefined)
      throw new DiffParseError('cannot tell the file name from the diff --git header', start + 1)
    oldName = newName = def
  }
  if ((newName === undefined && patch.kind !== 'delete') || (oldName === undefined && patch.kind !== 'add')) {
    throw new DiffParseError("the file's headers lack one of its names", start + 1)
  }
  patch.oldPath = patch.kind === 'add' ? undefined : oldName
  patch.newPath = patch.kind === 'delete' ? undefined : newName
  if (patch.kind === 'add') patch.oldMode = undefined
  if (patch.kind === 'delete') patch.newMode = undefined
  const next = patch.binary || patch.binaryWithoutData ? i : parseHunks(lines, i, patch)
  patches.push(patch)
  return next
}

function parseHunks(lines: Lines, start: number, patch: FilePatch): number {
  let i = start
  while (i < lines.length) {
    const header = lines.at(i)
    // Only a line starting `@@` can be a hunk header: no text is made of the others.
    const m = header[0] === 0x40 && header[1] === 0x40 ? HUNK_HEADER.exec(text(header)) : null
    if (!m) break
    const hunkHeader = m[0]
    const oldLines = m[2] === undefined ? 1 : Number(m[2])
    const newLines = m[4] === undefined ? 1 : Number(m[4])
    let oldLeft = oldLines
    let newLeft = newLines
    let content = 0
    const first = ++i
    while (oldLeft > 0 || newLeft > 0) {
      if (i >= lines.length)
        throw new DiffParseError(`hunk ${hunkHeader} of '${name(patch)}' is cut short`, i)
      const c = lines.first(i)
      if (c === 0x20 || c === 0x0a) {
        oldLeft--
        newLeft--
      } else if (c === 0x2d) oldLeft--
      else if (c === 0x2b) newLeft--
      else if (c === 0x5c) {
        if (!content) throw new DiffParseError("'\\ No newline at end of file' before any line", i + 1)
        i++
        continue
      } else throw new DiffParseError(`unexpected line in hunk ${hunkHeader} of '${name(patch)}'`, i + 1)
      if (oldLeft < 0 || newLeft < 0) {
        throw new DiffParseError(
          `hunk ${hunkHeader} of '${name(patch)}' has more lines than its header says`,
          i + 1
        )
      }
      content++
      i++
    }
    if (i < lines.length && lines.first(i) === 0x5c) {
      if (!content) throw new DiffParseError("'\\ No newline at end of file' before any line", i + 1)
      i++
    }
    patch.hunks.push(
      new ParsedHunk(hunkHeader, Number(m[1]), oldLines, Number(m[3]), newLines, lines, first, i)
    )
  }
  return i
}

function name(patch: FilePatch): string {
  return patch.newPath ?? patch.oldPath ?? '?'
}
