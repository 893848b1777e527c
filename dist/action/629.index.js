export const id = 629;
export const ids = [629];
export const modules = {

/***/ 629:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LocalStorageAdapter: () => (/* binding */ LocalStorageAdapter)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var picomatch_posix_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8016);
/* harmony import */ var picomatch_posix_js__WEBPACK_IMPORTED_MODULE_8___default = /*#__PURE__*/__webpack_require__.n(picomatch_posix_js__WEBPACK_IMPORTED_MODULE_8__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8431);
/**
 * Local Storage: the repository's files on disk, through `fs/promises`. Every path goes through normalizeRepoPath
 * and then through a walk that resolves symlinks one segment at a time, so a symlink anywhere on the way that leads
 * outside the root (or into `.git/`) is refused before anything is opened. Writes go to a temp file in the same
 * directory, are flushed, and are renamed over the target, so a reader sees the old bytes or the new, never half.
 */






// The POSIX build: repository paths always use `/`, whatever the platform.



const execFileAsync = (0,node_util__WEBPACK_IMPORTED_MODULE_5__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/** Symlink hops allowed while resolving one path, as the kernel's own limit (ELOOP) does. */
const MAX_SYMLINK_HOPS = 40;
/** Temp files of writes in progress end so; listings skip them. */
const TEMP_SUFFIX = '.self-heal.tmp';
const TEMP_NAME = /^\.[0-9a-f]{12}\.self-heal\.tmp$/;
/** Storage over a directory on the local disk. Build it with `LocalStorageAdapter.create(root)`. */
class LocalStorageAdapter {
    /** The kind reported by `self-heal env`. */
    kind = 'local-files';
    /** The repository root, with its own symlinks resolved. */
    root;
    includeIgnored;
    constructor(root, options) {
        this.root = root;
        this.includeIgnored = options.includeIgnored ?? false;
    }
    /** Opens the repository at `root` (absolute, or relative to the current directory); it must be a directory. */
    static async create(root, options = {}) {
        let real;
        try {
            real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.realpath)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.resolve)(root));
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InvalidInputError */ .oC(`The repository root '${root}' cannot be opened (${codeOf(error) ?? String(error)}): pass an existing directory.`);
        }
        if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(real)).isDirectory()) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InvalidInputError */ .oC(`The repository root '${root}' is not a directory: pass the repository's directory.`);
        }
        return new LocalStorageAdapter(real, options);
    }
    async readFile(path) {
        const target = await this.resolvePath(path, true);
        let handle;
        try {
            // O_NOFOLLOW: the walk resolved every symlink, so one appearing here now is a race; refuse to follow it.
            handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.open)(target.absolute, node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_NOFOLLOW ?? 0));
        }
        catch (error) {
            const code = codeOf(error);
            if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .FileNotFoundError */ .kG(target.repoPath);
            if (code === 'ELOOP')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf(path, 'it became a symlink while being read');
            throw error;
        }
        try {
            if (!(await handle.stat()).isFile())
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .FileNotFoundError */ .kG(target.repoPath, 'the repository as a file');
            return await handle.readFile();
        }
        finally {
            await handle.close();
        }
    }
    async writeFile(path, content) {
        const target = await this.resolvePath(path, true);
        const directory = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)(target.absolute);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.mkdir)(directory, { recursive: true });
        }
        catch (error) {
            if (codeOf(error) === 'EEXIST' || codeOf(error) === 'ENOTDIR') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InvalidInputError */ .oC(`Cannot write '${target.repoPath}': a parent of it is a file, not a directory. Delete that file first.`);
            }
            throw error;
        }
        // The directories may have been made just now: check once more that the parent really is inside the root.
        if (!this.isInside(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.realpath)(directory))) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf(path, 'its directory leads outside the root');
        }
        let mode = 0o666;
        try {
            const existing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.lstat)(target.absolute);
            if (existing.isDirectory()) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InvalidInputError */ .oC(`Cannot write '${target.repoPath}': it is a directory. Delete it or pick a file path.`);
            }
            // Keep an executable bit (scripts) across the overwrite.
            mode = existing.mode & 0o777;
        }
        catch (error) {
            if (codeOf(error) !== 'ENOENT')
                throw error;
        }
        const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(directory, `.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(6).toString('hex')}${TEMP_SUFFIX}`);
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        try {
            const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.open)(temp, 'wx', mode);
            try {
                await handle.writeFile(bytes);
                if (mode !== 0o666)
                    await handle.chmod(mode);
                await handle.sync();
            }
            finally {
                await handle.close();
            }
            await renameWithRetry(temp, target.absolute);
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.unlink)(temp).catch(() => undefined);
            throw error;
        }
        await syncDirectory(directory);
    }
    async fileExists(path) {
        (0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .normalizeRepoPath */ .NP)(path);
        let target;
        try {
            target = await this.resolvePath(path, true);
        }
        catch (error) {
            // A symlink that leads outside names no file of the repository.
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf)
                return false;
            throw error;
        }
        try {
            return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(target.absolute)).isFile();
        }
        catch (error) {
            if (isMissing(error))
                return false;
            throw error;
        }
    }
    async listFiles(glob = '**') {
        const pattern = (0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .normalizeRepoGlob */ .Cx)(glob);
        const isMatch = picomatch_posix_js__WEBPACK_IMPORTED_MODULE_8___default()(pattern, { dot: true });
        const listed = this.includeIgnored ? undefined : await this.gitListing();
        if (listed) {
            const found = [];
            const candidates = listed.filter(path => isMatch(path) && !TEMP_NAME.test(path.slice(path.lastIndexOf('/') + 1)));
            // git lists index entries whose files were deleted, and submodules as paths: keep what is on disk as a file.
            await forEachLimited(candidates, 64, async (path) => {
                let info;
                try {
                    info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.root, path));
                }
                catch (error) {
                    if (isMissing(error))
                        return;
                    throw error;
                }
                if (info.isFile() || info.isSymbolicLink())
                    await this.consider(path, info.isSymbolicLink(), () => true, found);
            });
            return found.sort();
        }
        const { base } = picomatch_posix_js__WEBPACK_IMPORTED_MODULE_8___default().scan(pattern);
        const found = [];
        // Start the walk at the pattern's static prefix (`src/**/*.ts` walks `src` only). Like git, never enter a
        // symlinked directory: a prefix through one lists nothing.
        let start = '';
        for (const segment of base.split('/').filter(part => part !== '' && part !== '.')) {
            const path = start ? `${start}/${segment}` : segment;
            let info;
            try {
                info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.root, path));
            }
            catch (error) {
                if (isMissing(error))
                    return [];
                throw error;
            }
            if (info.isDirectory()) {
                start = path;
                continue;
            }
            // A literal file name (`listFiles('README.md')`): the prefix is the whole pattern.
            if (path === pattern)
                await this.consider(path, info.isSymbolicLink(), isMatch, found);
            return found;
        }
        await this.walk(start, isMatch, found);
        return found.sort();
    }
    async deleteFile(path) {
        // Resolve fully first so a symlink that leads outside is refused; then unlink the path itself, not its target.
        await this.resolvePath(path, true);
        const target = await this.resolvePath(path, false);
        let info;
        try {
            info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.lstat)(target.absolute);
        }
        catch (error) {
            if (isMissing(error))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .FileNotFoundError */ .kG(target.repoPath);
            throw error;
        }
        if (info.isDirectory())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .FileNotFoundError */ .kG(target.repoPath, 'the repository as a file');
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.unlink)(target.absolute);
        }
        catch (error) {
            if (isMissing(error))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .FileNotFoundError */ .kG(target.repoPath);
            throw error;
        }
    }
    /**
     * The files git shows below the root (tracked, and untracked but not ignored), relative to the root; undefined
     * when the root is not in a git work tree or git cannot run (then the caller walks the directory).
     */
    async gitListing() {
        try {
            const { stdout } = await execFileAsync('git', ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: this.root, maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
            return [...new Set(stdout.split('\0').filter(Boolean))];
        }
        catch {
            return undefined;
        }
    }
    /** Whether an absolute, symlink-free path is the root or below it. */
    isInside(absolute) {
        return (absolute === this.root || absolute.startsWith(this.root.endsWith(node_path__WEBPACK_IMPORTED_MODULE_4__.sep) ? this.root : this.root + node_path__WEBPACK_IMPORTED_MODULE_4__.sep));
    }
    /**
     * Walks a repository path from the root one segment at a time, resolving symlinks as it goes; refuses any that
     * leads outside the root or into `.git`. Segments that do not exist end the walk (a write creates them inside
     * the last directory reached, which is inside). With `followLast` false the final segment is not resolved.
     */
    async resolvePath(path, followLast) {
        const repoPath = (0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .normalizeRepoPath */ .NP)(path);
        let pending = repoPath.split('/');
        let current = this.root;
        let hops = 0;
        while (pending.length > 0) {
            const [segment, ...rest] = pending;
            const candidate = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(current, segment);
            if (rest.length === 0 && !followLast)
                return { repoPath, absolute: candidate };
            let info;
            try {
                info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.lstat)(candidate);
            }
            catch (error) {
                if (isMissing(error))
                    return { repoPath, absolute: (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(candidate, ...rest) };
                throw error;
            }
            if (!info.isSymbolicLink()) {
                current = candidate;
                pending = rest;
                continue;
            }
            if (++hops > MAX_SYMLINK_HOPS)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf(path, 'too many levels of symlinks');
            const linkTarget = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readlink)(candidate);
            const landing = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.isAbsolute)(linkTarget) ? (0,node_path__WEBPACK_IMPORTED_MODULE_4__.resolve)(linkTarget) : (0,node_path__WEBPACK_IMPORTED_MODULE_4__.resolve)(current, linkTarget);
            if (!this.isInside(landing)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf(path, `'${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.relative)(this.root, candidate)}' is a symlink that leads outside`);
            }
            const inner = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.relative)(this.root, landing).split(node_path__WEBPACK_IMPORTED_MODULE_4__.sep).join('/');
            if (inner === '') {
                current = this.root;
                pending = rest;
                continue;
            }
            try {
                // Re-walk from the root: the landing path itself may pass through more symlinks.
                pending = [...(0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .normalizeRepoPath */ .NP)(inner).split('/'), ...rest];
            }
            catch {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf(path, `'${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.relative)(this.root, candidate)}' is a symlink into '.git'`);
            }
            current = this.root;
        }
        if (current === this.root)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf(path, 'names the repository root, not a file');
        return { repoPath, absolute: current };
    }
    /** Collects matching files below a repository directory: regular files, and symlinks to files inside the root. */
    async walk(directory, isMatch, found) {
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readdir)(directory ? (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.root, directory) : this.root, { withFileTypes: true });
        }
        catch (error) {
            // A directory removed while the walk ran simply holds nothing.
            if (isMissing(error))
                return;
            throw error;
        }
        const subdirectories = [];
        for (const entry of entries) {
            if (entry.name.toLowerCase() === '.git' || TEMP_NAME.test(entry.name))
                continue;
            const path = directory ? `${directory}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                subdirectories.push(path);
            else if (entry.isFile() || entry.isSymbolicLink())
                await this.consider(path, entry.isSymbolicLink(), isMatch, found);
        }
        for (const subdirectory of subdirectories)
            await this.walk(subdirectory, isMatch, found);
    }
    /** Adds a file to a listing when it matches; a symlink only when reading it would succeed (inside, a file). */
    async consider(path, isSymlink, isMatch, found) {
        if (!isMatch(path))
            return;
        if (!isSymlink) {
            found.push(path);
            return;
        }
        try {
            const resolved = await this.resolvePath(path, true);
            if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(resolved.absolute)).isFile())
                found.push(path);
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .PathOutsideRepositoryError */ .Pf) && !isMissing(error))
                throw error;
        }
    }
}
/**
 * Renames, retrying briefly on Windows, where a reader holding the target open makes the rename fail with
 * EPERM/EBUSY/EACCES for a moment (as graceful-fs does).
 */
async function renameWithRetry(from, to) {
    for (let attempt = 0;; attempt++) {
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rename)(from, to);
            return;
        }
        catch (error) {
            const code = codeOf(error);
            const transient = code === 'EPERM' || code === 'EBUSY' || code === 'EACCES';
            if (process.platform !== 'win32' || !transient || attempt >= 10)
                throw error;
            await new Promise(resolve => setTimeout(resolve, 10 * (attempt + 1)));
        }
    }
}
/** Runs `task` over `items` with at most `limit` at a time. */
async function forEachLimited(items, limit, task) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await task(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
/** Flushes a directory entry after a rename, where the platform allows it (not on Windows). */
async function syncDirectory(directory) {
    if (process.platform === 'win32')
        return;
    try {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.open)(directory, 'r');
        try {
            await handle.sync();
        }
        finally {
            await handle.close();
        }
    }
    catch {
        // Some file systems refuse fsync on a directory; the rename has happened either way.
    }
}
function codeOf(error) {
    return error && typeof error === 'object' && 'code' in error
        ? String(error.code)
        : undefined;
}
function isMissing(error) {
    const code = codeOf(error);
    return code === 'ENOENT' || code === 'ENOTDIR';
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
