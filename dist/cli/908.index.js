export const id = 908;
export const ids = [908];
export const modules = {

/***/ 8287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ MAX_FILE_BYTES)
/* harmony export */ });
/**
 * The largest file a diff may make or patch: 100 MiB, GitHub's limit for one blob (a push with a larger file is
 * refused, and the blobs API returns none larger). A binary patch or delta that declares a larger result is
 * refused before anything of that size is allocated, so memory stays bounded by the diff and the base files.
 */
const MAX_FILE_BYTES = 100 * 1024 * 1024;


/***/ }),

/***/ 9566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  h: () => (/* binding */ DiffParseError),
  T: () => (/* binding */ parseGitDiff)
});

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/diff/base85.ts
/** Git's base85 (the alphabet of `GIT binary patch` data), decoding and encoding. */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++)
    VALUES[ALPHABET.charCodeAt(i)] = i;
/** Decodes base85 text (a multiple of 5 characters) to bytes; `line` is for the error message. */
function decodeBase85(text, line = 0) {
    if (text.length % 5 !== 0) {
        throw new errors/* InvalidInputError */.oC(`Binary patch line ${line} has ${text.length} base85 characters, not a multiple of 5.`);
    }
    const out = Buffer.alloc((text.length / 5) * 4);
    for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
        let value = 0;
        for (let j = 0; j < 5; j++) {
            const c = text.charCodeAt(i + j);
            const digit = c < 128 ? VALUES[c] : -1;
            if (digit < 0)
                throw new errors/* InvalidInputError */.oC(`Binary patch line ${line} has an invalid base85 character.`);
            value = value * 85 + digit;
        }
        if (value > 0xffffffff)
            throw new errors/* InvalidInputError */.oC(`Binary patch line ${line} has an out-of-range base85 group.`);
        out.writeUInt32BE(value, o);
    }
    return out;
}
/** Encodes bytes as base85 (padding the last group with zeros, as git does). */
function encodeBase85(data) {
    let out = '';
    for (let i = 0; i < data.length; i += 4) {
        let value = 0;
        for (let j = 0; j < 4; j++)
            value = value * 256 + (i + j < data.length ? data[i + j] : 0);
        let group = '';
        for (let j = 0; j < 5; j++) {
            group = ALPHABET[value % 85] + group;
            value = Math.floor(value / 85);
        }
        out += group;
    }
    return out;
}

// EXTERNAL MODULE: ./src/diff/limits.ts
var limits = __webpack_require__(8287);
;// CONCATENATED MODULE: ./src/diff/parse.ts
/**
 * Parser of git diffs, byte-exact: `diff --git` file patches with git's extended headers (new/deleted file mode,
 * old/new mode, rename/copy from/to with similarity, index), unified hunks with `\ No newline at end of file`,
 * `GIT binary patch` literal and delta data, quoted paths with C escapes, and traditional `---`/`+++` patches.
 * Content lines are kept as bytes, so CRLF and non-UTF-8 text survive untouched.
 *
 * Memory stays near the diff's own size: the parse keeps the diff's bytes once and an index of where its lines
 * start (4 bytes a line); a hunk's lines are views of those bytes, made when `Hunk.lines` is read.
 */




/** The file a parse error is about, when it is known. */
class DiffParseError extends errors/* InvalidInputError */.oC {
    static type = 'DiffParseError';
    /** 1-based line of the diff where the problem is. */
    line;
    constructor(message, line) {
        super(`The diff cannot be parsed at line ${line}: ${message}`);
        this.line = line;
    }
}
const MODES = new Set(['100644', '100755', '120000', '160000']);
function parseMode(text, line) {
    const mode = text.trim();
    if (mode === '100664')
        return '100644'; // git's legacy group-writable mode normalises to 100644
    if (!MODES.has(mode))
        throw new DiffParseError(`unsupported file mode '${mode}'`, line);
    return mode;
}
const ESCAPES = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
/** Reads a C-quoted name (as git writes with core.quotePath) starting at `start` (a `"`); returns bytes and end. */
function unquote(bytes, start, line) {
    const out = [];
    let i = start + 1;
    while (i < bytes.length) {
        const c = bytes[i];
        if (c === 0x22)
            return { name: Buffer.from(out), end: i + 1 };
        if (c === 0x5c) {
            const next = String.fromCharCode(bytes[i + 1]);
            if (next >= '0' && next <= '7') {
                const octal = bytes.subarray(i + 1, i + 4).toString('latin1');
                if (!/^[0-3][0-7]{2}$/.test(octal))
                    throw new DiffParseError(`bad octal escape in quoted path`, line);
                out.push(parseInt(octal, 8));
                i += 4;
                continue;
            }
            const code = ESCAPES[next];
            if (code === undefined)
                throw new DiffParseError(`bad escape '\\${next}' in quoted path`, line);
            out.push(code);
            i += 2;
            continue;
        }
        out.push(c);
        i++;
    }
    throw new DiffParseError('unterminated quoted path', line);
}
/** A path field of a header line: quoted or raw (raw ends at a tab, as git adds one after names with spaces). */
function readName(rest, line) {
    if (rest[0] === 0x22)
        return unquote(rest, 0, line).name.toString('utf8');
    let text = rest.toString('utf8');
    const tab = text.indexOf('\t');
    if (tab >= 0)
        text = text.slice(0, tab);
    return text.replace(/\r$/, '');
}
/** git squashes doubled slashes in the names of `---`, `+++`, rename and copy lines (after stripping `a/`). */
function squash(name) {
    return name.replace(/\/{2,}/g, '/');
}
/** Strips the first path component (`-p1`), as git apply does; `/dev/null` stays undefined. */
function stripPrefix(name, line, squashed = true) {
    if (name === '/dev/null')
        return undefined;
    // An absolute name has no prefix to strip: keep it whole so that the path rules refuse it by its own name.
    if (name.startsWith('/'))
        return squashed ? squash(name) : name;
    const slash = name.indexOf('/');
    if (slash < 0)
        throw new DiffParseError(`path '${name}' has no 'a/' or 'b/' prefix to strip`, line);
    return squashed ? squash(name.slice(slash + 1)) : name.slice(slash + 1);
}
/**
 * The two names of `diff --git a/X b/Y`. Quoted names are exact; unquoted names with spaces are ambiguous, so like
 * git we take the split where both halves name the same file (a rename's names come from its own headers).
 */
function parseGitHeaderNames(rest, line) {
    if (rest[0] === 0x22) {
        const first = unquote(rest, 0, line);
        const tail = rest.subarray(first.end).toString('utf8').replace(/^ /, '');
        const second = tail.startsWith('"')
            ? unquote(Buffer.from(tail, 'utf8'), 0, line).name.toString('utf8')
            : tail;
        return { a: stripPrefix(first.name.toString('utf8'), line, false), b: stripPrefix(second, line, false) };
    }
    const text = rest.toString('utf8');
    const quoted = text.indexOf(' "');
    if (quoted >= 0) {
        const second = unquote(Buffer.from(text.slice(quoted + 1), 'utf8'), 0, line).name.toString('utf8');
        return { a: stripPrefix(text.slice(0, quoted), line, false), b: stripPrefix(second, line, false) };
    }
    // Unquoted: find a space such that both sides, prefix stripped, are equal.
    for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
        const left = text.slice(0, i);
        const right = text.slice(i + 1);
        const ls = left.indexOf('/');
        const rs = right.indexOf('/');
        if (ls > 0 && rs > 0 && left.slice(ls + 1) === right.slice(rs + 1)) {
            return { a: left.slice(ls + 1), b: right.slice(rs + 1) };
        }
    }
    return {};
}
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
/** The lines of the diff, without their `\n` (a final `\r` is kept: it belongs to the content), by index. */
class Lines {
    bytes;
    /** Where each line starts, and the end of the bytes after the last. */
    starts;
    /** `bytes` ends with `\n`. */
    constructor(bytes) {
        this.bytes = bytes;
        let count = 0;
        for (let nl = bytes.indexOf(0x0a); nl >= 0; nl = bytes.indexOf(0x0a, nl + 1))
            count++;
        this.starts = new Uint32Array(count + 1);
        for (let i = 1, nl = bytes.indexOf(0x0a); nl >= 0; nl = bytes.indexOf(0x0a, nl + 1))
            this.starts[i++] = nl + 1;
    }
    get length() {
        return this.starts.length - 1;
    }
    /** Line `i`, without its `\n`. */
    at(i) {
        return this.bytes.subarray(this.starts[i], this.starts[i + 1] - 1);
    }
    /** The first byte of line `i` (`\n` for an empty line). */
    first(i) {
        return this.bytes[this.starts[i]];
    }
}
/** The bytes to parse: the caller's own (not copied) when it gives bytes, always ending with `\n`. */
function diffBytes(input) {
    const bytes = typeof input === 'string'
        ? Buffer.from(input, 'utf8')
        : Buffer.isBuffer(input)
            ? input
            : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (bytes.length >= 2 ** 32)
        throw new errors/* InvalidInputError */.oC('The diff is 4 GiB or more: split it into smaller diffs.');
    // A last line without its newline still ends a hunk line, which holds one.
    return bytes.length && bytes[bytes.length - 1] !== 0x0a ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes;
}
/** A parsed hunk: its lines are diff lines `first` to `end` (exclusive), `\ No newline` markers included. */
class ParsedHunk {
    header;
    oldStart;
    oldLines;
    newStart;
    newLines;
    #diff;
    #first;
    #end;
    constructor(header, oldStart, oldLines, newStart, newLines, diff, first, end) {
        this.header = header;
        this.oldStart = oldStart;
        this.oldLines = oldLines;
        this.newStart = newStart;
        this.newLines = newLines;
        this.#diff = diff;
        this.#first = first;
        this.#end = end;
    }
    get lines() {
        const diff = this.#diff;
        const lines = [];
        for (let i = this.#first; i < this.#end; i++) {
            const c = diff.first(i);
            const start = diff.starts[i];
            const end = diff.starts[i + 1];
            if (c === 0x5c) {
                const last = lines[lines.length - 1];
                last.content = last.content.subarray(0, last.content.length - 1);
            }
            else if (c === 0x0a) {
                // An empty line stands for an empty context line (some tools strip the trailing space): its `\n`.
                lines.push({ kind: ' ', content: diff.bytes.subarray(start, end) });
            }
            else {
                lines.push({
                    kind: String.fromCharCode(c),
                    content: diff.bytes.subarray(start + 1, end)
                });
            }
        }
        return lines;
    }
}
function startsWith(line, prefix) {
    return line.length >= prefix.length && line.toString('latin1', 0, prefix.length) === prefix;
}
function parse_text(line) {
    return line.toString('utf8').replace(/\r$/, '');
}
/**
 * Decodes one `literal N` / `delta N` block of a binary patch starting at `index`; returns it and the next line.
 * N bounds the inflated size, so a block that inflates to more (a compression bomb) stops there, and an N over
 * MAX_FILE_BYTES is refused before anything is inflated.
 */
function parseBinaryHunk(lines, index, file) {
    const header = index < lines.length ? /^(literal|delta) (\d+)$/.exec(parse_text(lines.at(index))) : null;
    if (!header)
        return undefined;
    const size = Number(header[2]);
    if (size > limits/* MAX_FILE_BYTES */.g) {
        throw new DiffParseError(`the binary patch for '${file}' is ${size} bytes, more than the ${limits/* MAX_FILE_BYTES */.g} bytes (GitHub's largest ` +
            'blob) self-heal applies', index + 1);
    }
    let end = index + 1;
    while (end < lines.length && parse_text(lines.at(end)) !== '')
        end++;
    // Each line decodes to at most 52 bytes, all into one buffer: no buffer per line.
    const deflated = Buffer.allocUnsafe((end - index - 1) * 52);
    let used = 0;
    for (let i = index + 1; i < end; i++) {
        const line = parse_text(lines.at(i));
        const c = line.charCodeAt(0);
        const length = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 96 + 26 : -1;
        if (length < 0)
            throw new DiffParseError(`bad length character in binary patch`, i + 1);
        const decoded = decodeBase85(line.slice(1), i + 1);
        if (decoded.length < length)
            throw new DiffParseError('binary patch line is shorter than it says', i + 1);
        used += decoded.copy(deflated, used, 0, length);
    }
    let data;
    try {
        // One byte more than declared, so that a block inflating to more is told apart from one that fits.
        data = (0,external_node_zlib_.inflateSync)(deflated.subarray(0, used), { maxOutputLength: size + 1 });
    }
    catch (error) {
        const tooLarge = error.code === 'ERR_BUFFER_TOO_LARGE';
        throw new DiffParseError(tooLarge
            ? `the binary patch for '${file}' inflates to more than the ${size} bytes it says`
            : `binary patch data is corrupt (${error.message})`, index + 1);
    }
    if (data.length !== size) {
        throw new DiffParseError(`binary patch inflates to ${data.length} bytes, but says ${size}`, index + 1);
    }
    return { hunk: { method: header[1], data }, next: end + 1 };
}
/** Parses a git (or traditional unified) diff into file patches. An empty diff gives an empty list. */
function parseGitDiff(input) {
    const lines = new Lines(diffBytes(input));
    const patches = [];
    let i = 0;
    while (i < lines.length) {
        const line = lines.at(i);
        if (startsWith(line, 'diff --git ')) {
            i = parseGitFilePatch(lines, i, patches);
        }
        else if (startsWith(line, 'diff --cc ') || startsWith(line, 'diff --combined ')) {
            throw new DiffParseError('combined (merge) diffs cannot be applied: diff against one parent', i + 1);
        }
        else if (startsWith(line, '--- ') && i + 1 < lines.length && startsWith(lines.at(i + 1), '+++ ')) {
            i = parseTraditionalPatch(lines, i, patches);
        }
        else {
            i++; // commit messages, `From` lines and other preamble, as git apply ignores them
        }
    }
    return patches;
}
function parseTraditionalPatch(lines, start, patches) {
    const oldName = stripPrefix(readName(lines.at(start).subarray(4), start + 1), start + 1);
    const newName = stripPrefix(readName(lines.at(start + 1).subarray(4), start + 2), start + 2);
    if (!oldName && !newName)
        throw new DiffParseError('both sides are /dev/null', start + 1);
    const patch = {
        kind: !oldName ? 'add' : !newName ? 'delete' : 'modify',
        oldPath: oldName,
        newPath: newName ?? undefined,
        hunks: [],
        git: false
    };
    if (patch.kind === 'modify')
        patch.oldPath = patch.newPath = newName;
    const next = parseHunks(lines, start + 2, patch);
    if (!patch.hunks.length)
        throw new DiffParseError(`no hunks for '${newName ?? oldName}'`, start + 1);
    patches.push(patch);
    return next;
}
function parseGitFilePatch(lines, start, patches) {
    const header = parseGitHeaderNames(lines.at(start).subarray('diff --git '.length), start + 1);
    // git's default name: the header's, when both its names agree (a new or deleted file takes it).
    const def = header.a === header.b ? header.a : undefined;
    const patch = { kind: 'modify', hunks: [], git: true };
    let oldName;
    let newName;
    // `---` and `+++` must agree with what the lines before said (/dev/null for the side a new or deleted file lacks).
    const verifyName = (line, side, n) => {
        const raw = readName(line.subarray(4), n);
        const name = raw === '/dev/null' ? undefined : stripPrefix(raw, n);
        const absent = side === 'old' ? patch.kind === 'add' : patch.kind === 'delete';
        const known = side === 'old' ? oldName : newName;
        if (absent) {
            if (name !== undefined)
                throw new DiffParseError(`the ${side} name should be /dev/null`, n);
        }
        else if (known === undefined) {
            if (side === 'old')
                oldName = name;
            else
                newName = name;
        }
        else if (name !== known) {
            throw new DiffParseError(`the ${side} name '${name}' is not '${known}', as the lines before it say`, n);
        }
    };
    let i = start + 1;
    for (; i < lines.length; i++) {
        const line = lines.at(i);
        const t = parse_text(line);
        const n = i + 1;
        if (t.startsWith('old mode '))
            patch.oldMode = parseMode(t.slice(9), n);
        else if (t.startsWith('new mode '))
            patch.newMode = parseMode(t.slice(9), n);
        else if (t.startsWith('new file mode ')) {
            patch.kind = 'add';
            patch.newMode = parseMode(t.slice(14), n);
            newName = def;
        }
        else if (t.startsWith('deleted file mode ')) {
            patch.kind = 'delete';
            patch.oldMode = parseMode(t.slice(18), n);
            oldName = def;
        }
        else if (t.startsWith('rename from ')) {
            patch.kind = 'rename';
            oldName = squash(readName(line.subarray(12), n));
        }
        else if (t.startsWith('rename to ')) {
            patch.kind = 'rename';
            newName = squash(readName(line.subarray(10), n));
        }
        else if (t.startsWith('copy from ')) {
            patch.kind = 'copy';
            oldName = squash(readName(line.subarray(10), n));
        }
        else if (t.startsWith('copy to ')) {
            patch.kind = 'copy';
            newName = squash(readName(line.subarray(8), n));
        }
        else if (t.startsWith('similarity index '))
            patch.similarity = parseInt(t.slice(17), 10);
        else if (t.startsWith('dissimilarity index '))
            continue;
        else if (t.startsWith('index ')) {
            const m = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?$/.exec(t);
            if (!m)
                throw new DiffParseError(`bad index line '${t}'`, n);
            patch.oldId = m[1];
            patch.newId = m[2];
            if (m[3]) {
                const mode = parseMode(m[3], n);
                patch.oldMode ??= mode;
                patch.newMode ??= mode;
            }
        }
        else if (t.startsWith('--- '))
            verifyName(line, 'old', n);
        else if (t.startsWith('+++ '))
            verifyName(line, 'new', n);
        else if (t === 'GIT binary patch') {
            const file = newName ?? oldName ?? def ?? '?';
            const forward = parseBinaryHunk(lines, i + 1, file);
            if (!forward)
                throw new DiffParseError("'GIT binary patch' is not followed by 'literal' or 'delta'", n + 1);
            const reverse = parseBinaryHunk(lines, forward.next, file);
            patch.binary = { forward: forward.hunk, reverse: reverse?.hunk };
            i = (reverse?.next ?? forward.next) - 1;
        }
        else if (/^Binary files .* differ$/.test(t)) {
            patch.binaryWithoutData = true;
        }
        else
            break;
    }
    if (oldName === undefined && newName === undefined) {
        if (def === undefined)
            throw new DiffParseError('cannot tell the file name from the diff --git header', start + 1);
        oldName = newName = def;
    }
    if ((newName === undefined && patch.kind !== 'delete') || (oldName === undefined && patch.kind !== 'add')) {
        throw new DiffParseError("the file's headers lack one of its names", start + 1);
    }
    patch.oldPath = patch.kind === 'add' ? undefined : oldName;
    patch.newPath = patch.kind === 'delete' ? undefined : newName;
    if (patch.kind === 'add')
        patch.oldMode = undefined;
    if (patch.kind === 'delete')
        patch.newMode = undefined;
    const next = patch.binary || patch.binaryWithoutData ? i : parseHunks(lines, i, patch);
    patches.push(patch);
    return next;
}
function parseHunks(lines, start, patch) {
    let i = start;
    while (i < lines.length) {
        const header = lines.at(i);
        // Only a line starting `@@` can be a hunk header: no text is made of the others.
        const m = header[0] === 0x40 && header[1] === 0x40 ? HUNK_HEADER.exec(parse_text(header)) : null;
        if (!m)
            break;
        const hunkHeader = m[0];
        const oldLines = m[2] === undefined ? 1 : Number(m[2]);
        const newLines = m[4] === undefined ? 1 : Number(m[4]);
        let oldLeft = oldLines;
        let newLeft = newLines;
        let content = 0;
        const first = ++i;
        while (oldLeft > 0 || newLeft > 0) {
            if (i >= lines.length)
                throw new DiffParseError(`hunk ${hunkHeader} of '${parse_name(patch)}' is cut short`, i);
            const c = lines.first(i);
            if (c === 0x20 || c === 0x0a) {
                oldLeft--;
                newLeft--;
            }
            else if (c === 0x2d)
                oldLeft--;
            else if (c === 0x2b)
                newLeft--;
            else if (c === 0x5c) {
                if (!content)
                    throw new DiffParseError("'\\ No newline at end of file' before any line", i + 1);
                i++;
                continue;
            }
            else
                throw new DiffParseError(`unexpected line in hunk ${hunkHeader} of '${parse_name(patch)}'`, i + 1);
            if (oldLeft < 0 || newLeft < 0) {
                throw new DiffParseError(`hunk ${hunkHeader} of '${parse_name(patch)}' has more lines than its header says`, i + 1);
            }
            content++;
            i++;
        }
        if (i < lines.length && lines.first(i) === 0x5c) {
            if (!content)
                throw new DiffParseError("'\\ No newline at end of file' before any line", i + 1);
            i++;
        }
        patch.hunks.push(new ParsedHunk(hunkHeader, Number(m[1]), oldLines, Number(m[3]), newLines, lines, first, i));
    }
    return i;
}
function parse_name(patch) {
    return patch.newPath ?? patch.oldPath ?? '?';
}


/***/ }),

/***/ 8431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cx: () => (/* binding */ normalizeRepoGlob),
/* harmony export */   NP: () => (/* binding */ normalizeRepoPath),
/* harmony export */   SL: () => (/* binding */ isRepoPath),
/* harmony export */   n2: () => (/* binding */ gitPathProblem)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * Repository-relative path rules shared by every Storage adapter and by diff application: a path is relative,
 * uses `/`, has no `.`/`..` segments after normalisation that leave the root, and never enters `.git/`.
 */

/**
 * Validates an untrusted repository-relative path and returns its normal form (`a/b/c`, no leading `./`, no
 * duplicate slashes). Throws PathOutsideRepositoryError for absolute paths, `..` escapes, `.git` segments, NUL
 * bytes and empty paths.
 */
function normalizeRepoPath(path) {
    if (typeof path !== 'string' || path.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(String(path), 'empty path');
    if (path.includes('\0'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(path, 'contains a NUL byte');
    const unified = path.replace(/\\/g, '/');
    if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(path, 'absolute path');
    }
    const parts = [];
    for (const segment of unified.split('/')) {
        if (segment === '' || segment === '.')
            continue;
        if (segment === '..') {
            if (parts.length === 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(path, "'..' leads outside the root");
            parts.pop();
            continue;
        }
        // `.git` in any case or disguise (`.git.`, `GIT~1`, HFS+ ignorables), as git refuses it on some system.
        if (isDotGit(segment))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(path, "inside '.git'");
        parts.push(segment);
    }
    if (parts.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(path, 'names the repository root, not a file');
    return parts.join('/');
}
/** Like normalizeRepoPath, but returns false instead of throwing. */
function isRepoPath(path) {
    try {
        normalizeRepoPath(path);
        return true;
    }
    catch {
        return false;
    }
}
/** Checks a glob the way paths are checked: relative, no `..`, never into `.git`; returns it without `./`. */
function normalizeRepoGlob(glob) {
    if (typeof glob !== 'string' || glob.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC("The glob is empty: pass a pattern such as '**/*.ts', or nothing for every file.");
    }
    if (glob.includes('\0'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(glob, 'contains a NUL byte');
    const unified = glob.replace(/^(\.\/)+/, '');
    if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.startsWith('\\')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(glob, 'absolute glob');
    }
    for (const segment of unified.split(/[/\\]/)) {
        if (segment === '..')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(glob, "'..' leads outside the root");
        if (segment.toLowerCase() === '.git')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(glob, "inside '.git'");
    }
    return unified;
}
/** Code points HFS+ ignores in names, so that `.g\u200cit` is `.git` on a Mac (git's list). */
const HFS_IGNORED = new Set([
    0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x206a, 0x206b, 0x206c, 0x206d,
    0x206e, 0x206f, 0xfeff
]);
/**
 * Whether `rest` (a path from the start of a component) names `.<needle>` on HFS+: ignorable code points dropped,
 * ASCII case folded, up to the end or a `/`. A U+FFFD (what bytes that are not UTF-8 decode to) ends the name, as
 * git's check stops at malformed UTF-8.
 */
function isHfsDot(rest, needle) {
    const chars = [];
    for (const ch of rest) {
        const c = ch.codePointAt(0);
        if (c === 0x2f || c === 0xfffd)
            break;
        if (!HFS_IGNORED.has(c))
            chars.push(c);
        if (chars.length > needle.length + 1)
            return false;
    }
    return (chars.length === needle.length + 1 &&
        chars[0] === 0x2e &&
        chars.every((c, i) => i === 0 || (c < 128 && String.fromCharCode(c).toLowerCase() === needle[i - 1])));
}
// NTFS drops trailing dots and spaces, and a `:` starts a stream name: `.git.`, `.git ` and `.git::$DATA` are
// `.git` there. git ends the `.git` check at a separator too, but the `.gitmodules` one only at the end or a `:`.
const NTFS_DOTGIT = /^(?:\.git|git~1)[. ]*(?:[:/\\]|$)/i;
const NTFS_GITMODULES = /^(?:\.gitmodules|gitmod~[1-4])[. ]*(?::|$)/i;
const NTFS_REST = /^[. ]*(?::|$)/;
/** NTFS's fallback 8.3 short name of `.gitmodules`: `gi7eba~N` and shorter stems with longer numbers. */
function isNtfsGitmodulesFallback(rest) {
    const stem = 'gi7eba';
    let sawTilde = false;
    let i = 0;
    for (; i < 8; i++) {
        const c = rest[i];
        if (c === undefined)
            return false;
        if (sawTilde) {
            if (c < '0' || c > '9')
                return false;
        }
        else if (c === '~') {
            i++;
            if (!(rest[i] >= '1' && rest[i] <= '9'))
                return false;
            sawTilde = true;
        }
        else if (i >= 6 || c.toLowerCase() !== stem[i])
            return false;
    }
    return NTFS_REST.test(rest.slice(i));
}
/**
 * Why git refuses `path` as a file of a tree or index, or undefined when it accepts it: git's verify_path rules
 * with core.protectNTFS and core.protectHFS on, so that a path refused on any of Windows, macOS and Linux is
 * refused everywhere. A component may not be empty (no leading, doubled or trailing `/`), `.` or `..`, nor be
 * `.git` in any case or disguise: with trailing dots or spaces or a `:stream` (NTFS), as the short name `GIT~1`,
 * with a backslash before it (a separator on Windows), or with code points HFS+ ignores. A symlink may not be
 * `.gitmodules` in any of those disguises (or `GITMOD~1`, `gi7eba~1`).
 */
function gitPathProblem(path, symlink = false) {
    const outside = (reason) => ({ reason, outside: true });
    const invalid = (reason) => ({ reason, outside: false });
    if (path === '')
        return invalid('it is empty');
    if (path.includes('\0'))
        return invalid('it contains a NUL byte');
    let start = 0;
    for (const component of path.split('/')) {
        const rest = path.slice(start);
        start += component.length + 1;
        if (component === '')
            return path.startsWith('/') ? outside('absolute path') : invalid('it has an empty component');
        if (component === '..')
            return outside("'..' leads outside the root");
        if (component === '.')
            return invalid("it has a '.' component");
        if (component.toLowerCase() === '.git')
            return outside(`'${component}' is the repository's '.git'`);
        // NTFS checks each part of a component that follows a backslash, since Windows separates on it.
        let offset = 0;
        for (const part of component.split('\\')) {
            const from = rest.slice(offset);
            offset += part.length + 1;
            if (NTFS_DOTGIT.test(from))
                return outside(`'${component}' is '.git' on Windows`);
            if (symlink && (NTFS_GITMODULES.test(from) || isNtfsGitmodulesFallback(from))) {
                return invalid(`a symlink named '${component}' is '.gitmodules' on Windows`);
            }
        }
        if (isHfsDot(rest, 'git'))
            return outside(`'${component}' is '.git' on macOS`);
        if (symlink && isHfsDot(rest, 'gitmodules'))
            return invalid(`a symlink named '${component}' is '.gitmodules'`);
    }
    return undefined;
}
/** Whether a path component names `.git` on some file system (see gitPathProblem). */
function isDotGit(component) {
    return NTFS_DOTGIT.test(component) || isHfsDot(component, 'git');
}


/***/ })

};
