export const id = 480;
export const ids = [480,364,668,148];
export const modules = {

/***/ 1365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p2: () => (/* binding */ CacheClosedError),
  dM: () => (/* binding */ CacheUnavailableError),
  yR: () => (/* binding */ checkKey),
  zx: () => (/* binding */ checkTtl),
  EN: () => (/* binding */ hashKey),
  $x: () => (/* binding */ parseValue),
  QO: () => (/* binding */ serializeValue),
  D7: () => (/* binding */ common_stderrLogger)
});

// UNUSED EXPORTS: CacheValueError, MAX_KEY_LENGTH, MAX_TTL_SECONDS, MAX_VALUE_BYTES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/log.ts
/**
 * A small logger interface so the engine logs the same way from the action (through @actions/core) and from the
 * CLI (to stderr, keeping stdout for `--json`).
 */

/** A logger writing to stderr (or `write`), URL credentials hidden; `debug` only when SELF_HEAL_DEBUG or RUNNER_DEBUG is set. */
function stderrLogger(env = process.env, write = text => process.stderr.write(text)) {
    const debugOn = Boolean(env.SELF_HEAL_DEBUG || env.RUNNER_DEBUG === '1');
    return {
        info: message => write(`${(0,errors/* redactUrls */.sK)(message)}\n`),
        warning: message => write(`warning: ${(0,errors/* redactUrls */.sK)(message)}\n`),
        debug: message => {
            if (debugOn)
                write(`debug: ${(0,errors/* redactUrls */.sK)(message)}\n`);
        }
    };
}
/** A logger that drops everything (tests and `--quiet`). */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    debug: () => undefined
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/adapters/cache.ts
/**
 * The Cache port: a key/value store of JSON values with a time to live, used as self-heal's fix memory.
 * No call blocks the event loop; an expired entry is a miss; close() flushes.
 */
/** The default time to live of an entry, in seconds. */
const DEFAULT_TTL_SECONDS = 3600;

;// CONCATENATED MODULE: ./src/adapters/cache/common.ts
/**
 * Rules every CacheAdapter shares: what a key may be, what a value may be, how a TTL is read, the errors, and the
 * logger the adapters report through. One place, so the three implementations accept and refuse the same things.
 */




/** The longest key accepted, in UTF-16 code units (JavaScript string length). */
const MAX_KEY_LENGTH = 8192;
/** The largest value accepted, in bytes of its UTF-8 JSON text. */
const MAX_VALUE_BYTES = 1024 * 1024;
/** The longest time to live accepted, in seconds (ten years): longer is a mistake, not a wish. */
const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;
/** The default: stderr, so a CLI's stdout stays clean. */
const common_stderrLogger = stderrLogger();
/** A key or value that the cache cannot store; nothing was written. */
class CacheValueError extends errors/* InvalidInputError */.oC {
    static type = 'CacheValueError';
}
/** An operation on a cache that was closed. */
class CacheClosedError extends errors/* SelfHealError */.ZO {
    static type = 'CacheClosedError';
    constructor(kind) {
        super(`The ${kind} cache was closed and cannot be used any more: create a new one.`);
    }
}
/** The backend cannot be used here (e.g. `node:sqlite` is missing on this Node.js): the factory falls back. */
class CacheUnavailableError extends errors/* SelfHealError */.ZO {
    static type = 'CacheUnavailableError';
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Checks a key: a non-empty, well-formed string of at most MAX_KEY_LENGTH characters. */
function checkKey(key) {
    if (typeof key !== 'string') {
        throw new CacheValueError(`A cache key must be a string, not ${describeType(key)}.`);
    }
    if (key.length === 0)
        throw new CacheValueError('A cache key must not be empty.');
    if (key.length > MAX_KEY_LENGTH) {
        throw new CacheValueError(`A cache key is ${key.length} characters long; the limit is ${MAX_KEY_LENGTH}: hash long keys before using them.`);
    }
    // A lone surrogate cannot be encoded as UTF-8, so two different keys could be stored as the same bytes.
    if (LONE_SURROGATE.test(key)) {
        throw new CacheValueError('A cache key contains a lone UTF-16 surrogate: use well-formed Unicode text.');
    }
    return key;
}
/** The fixed-length form of a key (SHA-256, hex), for backends that need one. */
function hashKey(key) {
    return (0,external_node_crypto_.createHash)('sha256').update(key, 'utf8').digest('hex');
}
/** Checks a TTL: a finite number of seconds, > 0 and <= MAX_TTL_SECONDS; undefined means the default. */
function checkTtl(ttlSeconds) {
    if (ttlSeconds === undefined)
        return DEFAULT_TTL_SECONDS;
    if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
        throw new CacheValueError(`A cache TTL must be a positive number of seconds, not ${describeValue(ttlSeconds)}: omit it for ${DEFAULT_TTL_SECONDS} s.`);
    }
    if (ttlSeconds > MAX_TTL_SECONDS) {
        throw new CacheValueError(`A cache TTL of ${ttlSeconds} s is longer than the limit of ${MAX_TTL_SECONDS} s.`);
    }
    return ttlSeconds;
}
/**
 * Serialises a value to JSON text, refusing what JSON would silently change or drop: undefined, functions,
 * symbols, BigInt, NaN and the infinities, cycles, and objects that are not plain (Date, Map, class instances).
 * -0 is accepted and reads back as 0, as JSON defines. The message names the path of the first offender.
 */
function serializeValue(key, value) {
    const refusal = findNonJson(value, []);
    if (refusal) {
        throw new CacheValueError(`The value for cache key ${quoteKey(key)} is not JSON: $${refusal.path.reverse().join('')} is ${refusal.what}; ${refusal.fix}. Nothing was stored.`);
    }
    const text = JSON.stringify(value);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_VALUE_BYTES) {
        throw new CacheValueError(`The value for cache key ${quoteKey(key)} is ${bytes} bytes of JSON; the limit is ${MAX_VALUE_BYTES}: store less, or split it.`);
    }
    return text;
}
/** Parses JSON text that serializeValue produced. */
function parseValue(text) {
    return JSON.parse(text);
}
function refuse(what, fix) {
    return { what, fix, path: [] };
}
/**
 * The first part of `value` that JSON.stringify would not write exactly, or undefined. The path is collected only
 * on the way back from a refusal, so a value that is JSON (every value stored) costs no string per property.
 */
function findNonJson(value, ancestors) {
    switch (typeof value) {
        case 'string':
        case 'boolean':
            return undefined;
        case 'number':
            return Number.isFinite(value) ? undefined : refuse(String(value), 'store a finite number or null');
        case 'bigint':
            return refuse('a BigInt', 'store it as a string');
        case 'undefined':
            return refuse('undefined', 'use null or leave the property out');
        case 'function':
            return refuse('a function', 'store data only');
        case 'symbol':
            return refuse('a symbol', 'store a string');
    }
    if (value === null)
        return undefined;
    const object = value;
    if (ancestors.includes(object))
        return refuse('a reference to itself (a cycle)', 'store a tree, not a graph');
    if (!Array.isArray(object)) {
        const proto = Object.getPrototypeOf(object);
        if (proto !== Object.prototype && proto !== null) {
            const name = object.constructor?.name ?? 'an object';
            return refuse(`a ${name}, not a plain object`, 'convert it to a plain object, an array or a string');
        }
        if (Object.getOwnPropertySymbols(object).length > 0) {
            return refuse('an object with symbol keys', 'use string keys');
        }
    }
    let refusal;
    ancestors.push(object);
    if (Array.isArray(object)) {
        for (let i = 0; !refusal && i < object.length; i++) {
            // A hole in a sparse array would become null.
            if (!(i in object)) {
                refusal = refuse(`a sparse array (index ${i} is empty)`, 'fill it with null');
            }
            else {
                refusal = findNonJson(object[i], ancestors);
                refusal?.path.push(`[${i}]`);
            }
        }
    }
    else {
        for (const name in object) {
            if (!Object.hasOwn(object, name))
                continue;
            refusal = findNonJson(object[name], ancestors);
            if (refusal) {
                refusal.path.push(/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
                break;
            }
        }
    }
    ancestors.pop();
    return refusal;
}
function quoteKey(key) {
    return key.length > 80 ? `'${key.slice(0, 77)}...'` : `'${key}'`;
}
function describeType(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    return `a ${typeof value}`;
}
function describeValue(value) {
    if (typeof value === 'number' || typeof value === 'string')
        return JSON.stringify(value);
    return describeType(value);
}


/***/ }),

/***/ 8842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ MemoryCacheAdapter)
/* harmony export */ });
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1365);

/** The in-memory cache (values are stored as JSON text, so a caller never shares an object with the cache). */
class MemoryCacheAdapter {
    /** See CacheAdapter.kind. */
    kind = 'memory';
    entries = new Map();
    maxEntries;
    maxBytes;
    now;
    bytes = 0;
    closed = false;
    constructor(options = {}) {
        this.maxEntries = options.maxEntries ?? 10_000;
        this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
        this.now = options.now ?? Date.now;
        if (!(this.maxEntries >= 1) || !(this.maxBytes >= 1)) {
            throw new RangeError('MemoryCacheAdapter needs maxEntries >= 1 and maxBytes >= 1.');
        }
    }
    /** The number of entries held (expired ones included until they are read or evicted). */
    get size() {
        return this.entries.size;
    }
    /** See CacheAdapter.get. */
    async get(key) {
        this.assertOpen();
        (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkKey */ .yR)(key);
        const entry = this.entries.get(key);
        if (!entry)
            return undefined;
        if (entry.expiresAt <= this.now()) {
            this.remove(key, entry);
            return undefined;
        }
        // Re-inserting moves the key to the most recently used end of the Map's order.
        this.entries.delete(key);
        this.entries.set(key, entry);
        return (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .parseValue */ .$x)(entry.text);
    }
    /** See CacheAdapter.set. */
    async set(key, value, ttlSeconds) {
        this.assertOpen();
        (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkKey */ .yR)(key);
        const ttl = (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkTtl */ .zx)(ttlSeconds);
        const text = (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .serializeValue */ .QO)(key, value);
        const bytes = key.length * 2 + text.length * 2;
        const previous = this.entries.get(key);
        if (previous)
            this.remove(key, previous);
        if (bytes > this.maxBytes)
            return; // larger than the whole cache: a cache may always forget
        this.entries.set(key, { text, expiresAt: this.now() + ttl * 1000, bytes });
        this.bytes += bytes;
        this.makeRoom();
    }
    /** See CacheAdapter.delete. */
    async delete(key) {
        this.assertOpen();
        (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkKey */ .yR)(key);
        const entry = this.entries.get(key);
        if (entry)
            this.remove(key, entry);
    }
    /** See CacheAdapter.close: nothing to flush; the entries are dropped. */
    async close() {
        this.closed = true;
        this.entries.clear();
        this.bytes = 0;
    }
    makeRoom() {
        if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes)
            return;
        // Expired entries go before live ones, then the least recently used.
        const now = this.now();
        for (const [key, entry] of this.entries)
            if (entry.expiresAt <= now)
                this.remove(key, entry);
        for (const [key, entry] of this.entries) {
            if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes)
                break;
            this.remove(key, entry);
        }
    }
    remove(key, entry) {
        this.entries.delete(key);
        this.bytes -= entry.bytes;
    }
    assertOpen() {
        if (this.closed)
            throw new _common_js__WEBPACK_IMPORTED_MODULE_0__/* .CacheClosedError */ .p2(this.kind);
    }
}


/***/ }),

/***/ 6960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ GITHUB_WEB_FLOW_EMAIL)
/* harmony export */ });
/**
 * The Git port: branches, diffs, commits and pull requests, whether through the git CLI or the GitHub API.
 * Branch and ref names are untrusted: implementations validate them before they reach git or a URL.
 */
/** The committer GitHub records for a commit it made for an API call with no committer given (and signs). */
const GITHUB_WEB_FLOW_EMAIL = 'noreply@github.com';


/***/ }),

/***/ 4807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ UnrepresentableChangeError),
/* harmony export */   y: () => (/* binding */ FileTooLargeError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Errors of the GitHub adapters that the shared error module does not have. */

/** A file is larger than the GitHub API can return (100 MB through the blobs API). */
class FileTooLargeError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SelfHealError */ .ZO {
    static type = 'FileTooLargeError';
    /** The repository-relative path. */
    path;
    constructor(path, size) {
        super(`File '${path}' is ${size} bytes, more than the 100 MB the GitHub API can return: read it from a checkout ` +
            '(run in CI with actions/checkout) or with Git LFS.');
        this.path = path;
    }
}
/** createCommitOnBranch cannot represent a change (a mode, a symlink, a submodule): nothing was committed. */
class UnrepresentableChangeError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC {
    static type = 'UnrepresentableChangeError';
    /** The files that cannot be committed this way. */
    files;
    constructor(files) {
        super('GraphQL createCommitOnBranch cannot commit ' +
            files.map(f => `'${f.path}' (${f.why})`).join(', ') +
            ': nothing was committed. Commit through the Git data API instead (the default; `commitMode: "git-data"`).');
        this.files = files.map(f => f.path);
    }
}


/***/ }),

/***/ 3140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  h: () => (/* binding */ LocalWorkspace)
});

// UNUSED EXPORTS: checkoutIdentity

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/git/refs.ts
var refs = __webpack_require__(8568);
// EXTERNAL MODULE: ./src/git/remote.ts
var remote = __webpack_require__(668);
// EXTERNAL MODULE: ./src/git/run-git.ts
var run_git = __webpack_require__(6148);
// EXTERNAL MODULE: ./src/git/tree-edit.ts
var tree_edit = __webpack_require__(5767);
;// CONCATENATED MODULE: ./src/adapters/local/scan.ts
/**
 * What the local workspace's scans of a tree of files share: how git's stat data is trusted, which ignored files
 * are tools' caches, and the seal that tells whether a file was written since it was last seen.
 */

/**
 * How the snapshots' scans trust the scratch index: an untracked cache (for every file, not only directories'
 * names), and stat data checked in full, ctime too, so that no file or directory can pass for unchanged by its
 * mtime being set back.
 */
const STAT_CONFIG = [
    'core.untrackedCache=true',
    'status.showUntrackedFiles=all',
    'core.trustctime=true',
    'core.checkStat=default'
];
/**
 * Tools' own caches and build output among ignored files: fixers write them (`eslint --cache`, cargo's target/,
 * Python's bytecode), so a change there does not refuse a fix; what was added there is still removed.
 */
const TOOL_CACHE = /(^|\/)(node_modules\/\.cache|\.cache|__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|target|\.next|\.turbo|\.nx)\/|(^|\/)\.eslintcache$|\.tsbuildinfo$|\.pyc$/;
/**
 * What a write to a file changes, whatever else is put back: its inode (git writes an index by renaming a new one
 * over it), size and change time, which no unprivileged process can set (undefined when it is missing). One stat,
 * not a read of an index that grows with the checkout.
 */
async function fileSeal(path) {
    try {
        const info = await (0,promises_.lstat)(path, { bigint: true });
        return `${info.ino}:${info.size}:${info.ctimeNs}:${info.mtimeNs}`;
    }
    catch {
        return undefined;
    }
}
/**
 * The files that differ from an index (changed, removed, added), as `git status` finds them with an untracked cache
 * in that index: it reads again only the directories whose stat data changed, and hashes only the files whose stat
 * data did. The cache and the stat checks are set on the command line, which outranks the repository's config (a
 * fixer's); the caller's index is its own, so status may write its refreshed stat data and untracked cache back
 * (GIT_OPTIONAL_LOCKS=1 in the caller's git). Paths in `leaveOut` are not listed. Undefined when git names a
 * directory (a repository inside the tree), which `git add` knows what to do with.
 */
async function changedSinceIndex(git, leaveOut = new Set()) {
    const status = await git([
        ...STAT_CONFIG.flatMap(setting => ['-c', setting]),
        'status',
        '--porcelain=v1',
        '-z',
        '--untracked-files=all',
        '--no-renames',
        '--ignore-submodules=none'
    ], [0]);
    const paths = [];
    for (const entry of status.stdout.toString('utf8').split('\0')) {
        // `XY path`: Y is the file against the index (X, the index against HEAD, is no matter here).
        if (!entry || entry[1] === ' ')
            continue;
        const path = entry.slice(3);
        if (leaveOut.has(path))
            continue;
        if (path.endsWith('/'))
            return undefined;
        paths.push(path);
    }
    return paths;
}
/**
 * Brings the index up to the files: the `changed` paths (from changedSinceIndex), or every file when that is
 * undefined or update-index refuses a path (`git add --all`, leaving out the `exclude` paths).
 */
async function updateIndex(git, changed, exclude = []) {
    const update = ['update-index', '-z', '--add', '--remove', '--replace', '--stdin'];
    if (!changed || (changed.length && (await git(update, [0, 1, 128], changed)).code !== 0))
        await git(['add', '--all', '--', '.', ...exclude.map(path => `:(exclude,literal)${path}`)], [0]);
}

;// CONCATENATED MODULE: ./src/adapters/local/fixer-copy.ts
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






/** The record's and the copy's index's names in the git directory. */
const RECORD = 'self-heal-copy.json';
const COPY_INDEX = 'self-heal-copy-index';
class LocalFixerCopy {
    root;
    gitDir;
    targets;
    constructor(
    /** Where the fixer runs. */
    root, gitDir, 
    /** Each link made in the copy (`.git`, the checkout's ignored entries), repository-relative, and its target. */
    targets) {
        this.root = root;
        this.gitDir = gitDir;
        this.targets = targets;
    }
    /** The checkout's ignored entries linked into the copy. */
    get links() {
        return [...this.targets.keys()].filter(path => path !== '.git');
    }
    /**
     * Brings the copy of the checkout at `root` (git directory `gitDir`) to `state`, making it when there is none to
     * trust. `ignored` lists the checkout's ignored entries to link (`dir/` for a directory), repository-relative; it
     * runs while the files are written.
     */
    static async prepare(root, gitDir, state, ignored) {
        const recordPath = (0,external_node_path_.join)(gitDir, RECORD);
        const index = (0,external_node_path_.join)(gitDir, COPY_INDEX);
        const record = await (0,promises_.readFile)(recordPath, 'utf8')
            .then(text => JSON.parse(text))
            .catch(() => undefined);
        // From here until the copy's next scan, it holds what a fixer may have done: a heal killed meanwhile leaves no
        // record, and the next one starts the copy again.
        await (0,promises_.rm)(recordPath, { force: true });
        // The record is in the git directory, where a fixer can write: its `dir` is used only when it names one of this
        // checkout's copies, a directory of ours in the temporary directory, and nothing else is ever removed.
        const prefix = `self-heal-fixers-${(0,external_node_crypto_.createHash)('sha256').update(gitDir).digest('hex').slice(0, 12)}-`;
        const ours = record !== undefined &&
            typeof record.dir === 'string' &&
            (0,external_node_path_.dirname)(record.dir) === (0,external_node_os_.tmpdir)() &&
            new RegExp(`^${prefix}[0-9a-f]{12}$`).test((0,external_node_path_.basename)(record.dir)) &&
            (await (0,promises_.lstat)(record.dir).then(info => info.isDirectory() && (process.getuid === undefined || info.uid === process.getuid()), () => false));
        // Its links are removed below: each must be a path inside the copy.
        const inside = (path) => typeof path === 'string' && path !== '' && !(0,external_node_path_.isAbsolute)(path) && !path.split(/[\\/]/).includes('..');
        let trusted = ours &&
            Array.isArray(record.links) &&
            record.links.every(inside) &&
            (await fileSeal(index)) === record.seal;
        if (trusted) {
            // The last heal's links go first: they are no part of a state, and read-tree must not write through them.
            await inBatches([...record.links, '.git'], path => (0,promises_.rm)((0,external_node_path_.join)(record.dir, path), { recursive: true, force: true }));
        }
        const listed = ignored();
        let dir = trusted ? record.dir : '';
        // A trusted copy's index describes its files as its last scan found them: a single-tree merge writes only what
        // differs from `state` (nothing, when it holds `state`), and refuses when a file is not as the index says.
        if (trusted && record.state !== state)
            trusted = (await copyGit(dir, gitDir, ['read-tree', '-m', '-u', state], [0, 128])).code === 0;
        if (!trusted) {
            if (ours)
                await (0,promises_.rm)(record.dir, { recursive: true, force: true });
            await (0,promises_.rm)(index, { force: true });
            dir = (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `${prefix}${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
            await (0,promises_.mkdir)(dir, { mode: 0o700 });
            await copyGit(dir, gitDir, ['read-tree', '-m', '-u', state]);
        }
        const targets = new Map();
        const wanted = [
            ['.git', gitDir],
            ...(await listed)
                .map(entry => entry.replace(/\/$/, ''))
                .map((path) => [path, (0,external_node_path_.join)(root, path)])
        ];
        await inBatches(wanted, async ([path, target]) => {
            if (await fixer_copy_link((0,external_node_path_.join)(dir, path), target))
                targets.set(path, target);
        });
        return new LocalFixerCopy(dir, gitDir, targets);
    }
    /**
     * Forgets the copy of the checkout whose git directory is `gitDir`, when a heal ends with a copy prepared and not
     * read since: a fixer ran in it, and may have written the record it would be trusted by.
     */
    static async forget(gitDir) {
        await (0,promises_.rm)((0,external_node_path_.join)(gitDir, RECORD), { force: true });
    }
    /** Whether `take` read the copy since it was prepared. */
    taken = false;
    /**
     * Reads the copy after a fixer ran in it: its files as a state, and what the fixer changed there besides them (a
     * link replaced, an ignored file written in the copy itself), each put back. The copy is then sealed for the
     * next heal.
     */
    async take() {
        const outside = [];
        await inBatches([...this.targets], async ([path, target]) => {
            const now = await (0,promises_.readlink)((0,external_node_path_.join)(this.root, path)).catch(() => undefined);
            if (now === target)
                return;
            await fixer_copy_link((0,external_node_path_.join)(this.root, path), target);
            outside.push({ path, change: now === undefined ? 'removed' : 'changed', undone: true });
        });
        const links = new Set(this.links);
        // The ignored files and the state are read together: nothing the copy holds is ignored but the links, so what
        // is removed below is no part of the state.
        const [ignored, state] = await Promise.all([
            copyGit(this.root, this.gitDir, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard']),
            this.scan()
        ]);
        for (const path of ignored.stdout.toString('utf8').split('\0')) {
            if (!path || links.has(path))
                continue;
            // What is there now, the fixer wrote.
            await (0,promises_.rm)((0,external_node_path_.join)(this.root, path), { recursive: true, force: true });
            if (!TOOL_CACHE.test(path))
                outside.push({ path, change: 'added', undone: true });
        }
        const record = {
            dir: this.root,
            state,
            seal: (await fileSeal((0,external_node_path_.join)(this.gitDir, COPY_INDEX))) ?? '',
            links: this.links
        };
        await (0,promises_.writeFile)((0,external_node_path_.join)(this.gitDir, RECORD), JSON.stringify(record));
        this.taken = true;
        return { state, outside };
    }
    /**
     * The copy's files as a tree, through its index, scanned as the checkout's states are (scan.ts): only what changed
     * since its last scan is hashed. The links are left out (a link to a directory is a file to git, which an ignore
     * pattern for a directory does not match).
     */
    async scan() {
        const git = (args, okCodes, paths) => copyGit(this.root, this.gitDir, args, okCodes, paths && paths.map(path => `${path}\0`).join(''));
        const links = this.links;
        await updateIndex(git, await changedSinceIndex(git, new Set(links)), links);
        return (await git(['write-tree'], [0])).stdout.toString('utf8').trim();
    }
}
/**
 * git on the copy at `dir`: its work tree and index named, so nothing the fixer left at `.git` is read; its index
 * is self-heal's own, so status may write its refreshed stat data back.
 */
function copyGit(dir, gitDir, args, okCodes = [0], input) {
    return (0,run_git.runGit)(args, {
        cwd: dir,
        okCodes,
        input,
        env: {
            GIT_DIR: gitDir,
            GIT_WORK_TREE: dir,
            GIT_INDEX_FILE: (0,external_node_path_.join)(gitDir, COPY_INDEX),
            GIT_OPTIONAL_LOCKS: '1'
        }
    });
}
/**
 * Runs `each` on the items, 64 at a time: a checkout may have thousands of ignored entries (a `*.o` beside every
 * source), each a few file-system calls on libuv's threads.
 */
async function inBatches(items, each) {
    for (let i = 0; i < items.length; i += 64)
        await Promise.all(items.slice(i, i + 64).map(each));
}
/**
 * Makes `path` a link to `target`, replacing what is there; false when it could not be made (a file link on
 * Windows without the right to make one: the fixer then does without that ignored file). A directory link on
 * Windows is a junction, which needs no right.
 */
async function fixer_copy_link(path, target) {
    await (0,promises_.rm)(path, { recursive: true, force: true });
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    const info = await (0,promises_.lstat)(target).catch(() => undefined);
    try {
        await (0,promises_.symlink)(target, path, info?.isDirectory() ? 'junction' : 'file');
        return true;
    }
    catch (error) {
        if (process.platform === 'win32' && error.code === 'EPERM')
            return false;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/adapters/local/workspace.ts
/**
 * The local Workspace (LOCAL, or CI with a checkout): fixers edit the checkout's files (or, LOCAL, a copy of them:
 * fixer-copy.ts), the loop reads what they changed as a diff, and puts every file back as it found it. States are
 * git trees written through a temporary index, so the user's index, branches and stash are never touched, and
 * untracked files the user had (build output, say) are part of the state rather than something a restore could
 * delete.
 */











/** The repository's working tree, opened at its root. */
class LocalWorkspace {
    root;
    head;
    scratch;
    index;
    headRef;
    commonDir;
    constructor(
    /** The repository's root directory. */
    root, 
    /** The commit checked out when the tree was opened. */
    head, scratch, index, 
    /** The ref HEAD pointed to when the tree was opened (`refs/heads/...`), or undefined when detached. */
    headRef, 
    /** The repository's git directory shared by its worktrees (config, hooks, refs). */
    commonDir) {
        this.root = root;
        this.head = head;
        this.scratch = scratch;
        this.index = index;
        this.headRef = headRef;
        this.commonDir = commonDir;
    }
    /** The repository's metadata and its ignored files as `guard` found them. */
    guarded;
    /** Files of the commit already read by `readCommitted` (undefined: the commit has no such file). */
    committed = new Map();
    /** Opens the repository that holds `cwd`; ConfigurationError when there is none or it has no commit yet. */
    static async open(cwd, options = {}) {
        const { root, head, index, gitDir, common, ref } = await locate(cwd);
        // The scratch directory lives in the git directory: one per checkout, so it is also the lock, and what it
        // holds (the user's index, the journal) survives a SIGKILL for the next run to put back.
        const scratch = (0,external_node_path_.join)(gitDir, SCRATCH);
        const recovered = await takeLock(scratch, root);
        // The user's index as it was, so that a fixer that stages its changes (`git add`) leaves no trace in it.
        await (0,promises_.copyFile)(index, (0,external_node_path_.join)(scratch, USER_INDEX)).catch(() => undefined);
        const workspace = new LocalWorkspace(root, head, scratch, index, ref, common);
        workspace.recovered = recovered;
        if (options.indexBytesPerEditedDirectory)
            workspace.editBytes = options.indexBytesPerEditedDirectory;
        await workspace.writeJournal();
        return workspace;
    }
    /** See LocalWorkspaceOptions. */
    editBytes = INDEX_BYTES_PER_DIRECTORY;
    /** What was put back from a heal that was killed before it could (its journal), said for the log. */
    recovered;
    /** The first state taken: what an interrupted heal's next run puts back. */
    start;
    async writeJournal() {
        const journal = { pid: process.pid, head: this.head, headRef: this.headRef, start: this.start };
        await (0,promises_.writeFile)((0,external_node_path_.join)(this.scratch, JOURNAL), JSON.stringify(journal));
    }
    /**
     * Who this repository is when no GitHub repository is known: its `origin` URL without credentials, or else its
     * first root commit (the same for every clone of it).
     */
    async identity() {
        return checkoutIdentity(this.root, this.head);
    }
    /** The branch checked out, or undefined on a detached HEAD. */
    async currentBranch() {
        const result = await this.git(['symbolic-ref', '--quiet', '--short', 'HEAD'], [0, 1]);
        return result.code === 0 ? workspace_text(result) : undefined;
    }
    /** The message of the commit checked out. */
    async headMessage() {
        return workspace_text(await this.git(['log', '-1', '--format=%B', this.head]));
    }
    /**
     * Tracked files that differ from HEAD (staged or not): a heal commits on HEAD, so it refuses to start with them.
     * With `state`, the tracked files that state changes: git compares the two trees, so this costs what differs.
     */
    async changedTrackedFiles(state) {
        if (state)
            return this.changedFromHead(state, 'other');
        const ahead = this.trackedAhead;
        this.trackedAhead = undefined;
        const status = await (ahead ?? this.listChangedTracked());
        return status.stdout
            .toString('utf8')
            .split('\0')
            .filter(Boolean)
            .map(entry => entry.slice(3));
    }
    /** The listing `lookAhead` started, for the first `changedTrackedFiles` with no state. */
    trackedAhead;
    /**
     * Starts listing the tracked files that differ from HEAD, which a heal asks first (one `lstat` of every tracked
     * file): it runs while the heal sets up (its adapters, the repository's identity), before anything is run here.
     */
    lookAhead() {
        this.trackedAhead = this.listChangedTracked();
        this.trackedAhead.catch(() => undefined);
    }
    listChangedTracked() {
        return this.git(['status', '--porcelain=v1', '-z', '--untracked-files=no']);
    }
    /** The last state `changedFromHead` listed, with what it adds to HEAD, what else it changes, and its blobs. */
    listedState;
    /**
     * The paths `state` adds to HEAD (`added`) or changes otherwise: one `git diff-tree` a state (the loop asks both
     * of its first state).
     */
    async changedFromHead(state, kind) {
        return [...(await this.listFromHead(state))[kind]];
    }
    async listFromHead(state) {
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
            ]);
            const fields = listed.stdout.toString('utf8').split('\0');
            const added = [];
            const other = [];
            const blobs = [];
            for (let i = 0; i + 1 < fields.length; i += 2) {
                // `:old-mode new-mode old-blob new-blob status`, then the path.
                const [, mode, , blob, status] = fields[i].slice(1).split(' ');
                (status === 'A' ? added : other).push(fields[i + 1]);
                if (status !== 'D' && mode !== '160000')
                    blobs.push(blob);
            }
            this.listedState = { state, added, other, blobs };
        }
        return this.listedState;
    }
    /**
     * Whether git has every object of `state` that HEAD does not hold: a kept index names blobs (untracked files) no
     * ref holds, which git may have pruned since (write-tree checks the trees only).
     */
    async hasObjects(state) {
        const { blobs } = await this.listFromHead(state);
        if (!blobs.length)
            return true;
        const checked = await this.git(['cat-file', '--batch-check'], [0], undefined, undefined, blobs.join('\n') + '\n');
        return !/ missing$/m.test(checked.stdout.toString('utf8'));
    }
    async readCommitted(paths) {
        const found = new Map();
        for (const path of paths) {
            // The commit never changes, so each candidate's policing reads a file of it from git once per heal.
            if (!this.committed.has(path)) {
                // `<commit>:<path>` starts with the commit id, so no path can read as an option.
                const blob = await this.git(['cat-file', 'blob', `${this.head}:${path}`], [0, 128]);
                this.committed.set(path, blob.code === 0 ? blob.stdout.toString('utf8') : undefined);
            }
            const text = this.committed.get(path);
            if (text !== undefined)
                found.set(path, text);
        }
        return found;
    }
    /**
     * Untracked files, not ignored ones, repository-relative. With `state` (taken while tracked files were as HEAD
     * has them), the files it adds to HEAD: the snapshot's scan already found them.
     */
    async untrackedFiles(state) {
        if (state)
            return this.changedFromHead(state, 'added');
        const listed = await this.git([
            'ls-files',
            '-z',
            '--others',
            '--exclude-standard',
            '--full-name',
            '--',
            ':/'
        ]);
        return listed.stdout.toString('utf8').split('\0').filter(Boolean);
    }
    /** Whether the scratch index (the states' own, kept between snapshots) has been made. */
    indexMade = false;
    /** The scratch index as the last snapshot left it (see fileSeal) and the state its entries are. */
    scratchSeal;
    /**
     * Writes the working tree as it is now (tracked and untracked files, not ignored ones) as a tree object, through
     * an index of its own that each snapshot updates: its stat data is the last snapshot's, so git hashes only the
     * files that changed since (the user's index, which self-heal never refreshes, may be older than the files).
     */
    async snapshot() {
        const early = this.early;
        this.early = undefined;
        const first = !this.start;
        this.ignoredAhead = undefined;
        const state = early ?? this.scanFiles();
        if (first) {
            // The first state is taken just before the first fixer's guard (unless a remembered fix is tried first, which
            // takes states of its own): its list of ignored files walks the checkout alongside this scan, on the other core.
            this.ignoredAhead = this.readIgnored();
            this.ignoredAhead.catch(() => undefined);
        }
        return state;
    }
    /**
     * The ignored files listed alongside the first state, for the guard when nothing came between: any other state
     * taken (a check ran), or files applied or put back, drops it.
     */
    ignoredAhead;
    /**
     * A snapshot started by `outsideChanges` as soon as the repository's metadata was put back, alongside its list of
     * ignored files: the next `snapshot` is it (the loop takes one right after). What changes the files waits for it
     * and drops it.
     */
    early;
    /** Waits for the early snapshot, if one is running, and drops it: the files are about to change. */
    async dropEarly() {
        const early = this.early;
        const ahead = this.ignoredAhead;
        this.early = undefined;
        this.ignoredAhead = undefined;
        await Promise.all([early?.catch(() => undefined), ahead?.catch(() => undefined)]);
    }
    async scanFiles() {
        const index = (0,external_node_path_.join)(this.scratch, 'index');
        const env = { GIT_INDEX_FILE: index };
        /** The state the index's entries are, when known: nothing changed since means no tree to write. */
        let holds;
        let kept = false;
        let rebuilt = false;
        if (!this.indexMade) {
            kept = await this.takeKeptIndex(index);
            if (!kept)
                await this.freshIndex(index, env);
            this.indexMade = true;
        }
        else if (this.scratchSeal && (await fileSeal(index)) !== this.scratchSeal.seal) {
            // A fixer rewrote the scratch index (stat data that hides a change it made): start again from the last
            // state's entries alone, with no stat data to trust, so every file is read.
            await (0,promises_.rm)(index, { force: true });
            await this.git(['read-tree', this.scratchSeal.state], [0], env);
            holds = this.scratchSeal.state;
            rebuilt = true;
        }
        else
            holds = this.scratchSeal?.state;
        let scanned = await this.scan(env, holds, kept, rebuilt);
        if (scanned === undefined || (kept && !(await this.hasObjects(scanned.state)))) {
            // The kept index names an object git no longer has (pruned since the last heal): start afresh.
            await this.freshIndex(index, env);
            scanned = (await this.scan(env));
        }
        const { state } = scanned;
        this.scratchSeal = { seal: await fileSeal(index), state: scanned.index };
        if (!this.start) {
            this.start = state;
            await this.writeJournal();
            // The files are put back at this state when the heal ends: the next heal finds them as this index has them.
            const copy = (0,external_node_path_.join)(this.scratch, START_INDEX);
            await (0,promises_.copyFile)(index, copy);
            this.startSeal = await fileSeal(copy);
        }
        return state;
    }
    /** The seal of the copy of the scratch index the first snapshot left (see keepIndex). */
    startSeal;
    /**
     * Starts the scratch index from a copy of the real index (which matches HEAD: heal starts with tracked files
     * unchanged), for its stat data.
     */
    async freshIndex(index, env) {
        try {
            await (0,promises_.copyFile)(this.index, index);
        }
        catch {
            await (0,promises_.rm)(index, { force: true });
            await this.git(['read-tree', this.head], [0], env);
        }
    }
    /**
     * The files' state, and the state the scratch index's entries are after it: the index is brought up to the files
     * and its tree written, unless the tree is edited from `holds` (see editedTree). `holds` is the state the entries
     * are, when known (then nothing changed means that state, with no tree to write). With `tolerant`, undefined when
     * git cannot write the tree (rather than an error).
     */
    async scan(env, holds, tolerant = false, rebuilt = false) {
        // The index is self-heal's own: status may write its refreshed stat data and untracked cache back. Only the
        // first state's scan does (and one of an index read afresh): the next heal starts from the index as the first
        // state left it, and a write costs a checksum of the whole index (about 22 ms at 100,000 files) where a later
        // scan would spare only the rehashing of the few files the fixers and checks touched.
        const writeBack = !this.start || rebuilt;
        const git = (args, okCodes, paths) => this.git(args, okCodes, { ...env, GIT_OPTIONAL_LOCKS: writeBack ? '1' : '0' }, paths);
        const changed = await changedSinceIndex(git);
        if (changed?.length === 0 && holds)
            return { state: holds, index: holds };
        if (changed && holds) {
            const edited = await this.editedTree(holds, changed, env.GIT_INDEX_FILE);
            if (edited)
                return { state: edited, index: holds };
        }
        await updateIndex(git, changed);
        const tree = await this.git(['write-tree'], tolerant ? [0, 128] : [0], env);
        if (tree.code !== 0)
            return undefined;
        const state = workspace_text(tree);
        return { state, index: state };
    }
    /**
     * `holds` with the `changed` files as they are now (one that is gone, deleted): the files hashed into an index of
     * their own, and the tree written from `holds`' directories above them (tree-edit.ts), when that costs less than
     * reading and writing the scratch index twice (`update-index`, `write-tree`), as in a large checkout. The scratch
     * index stays at `holds`: its stat data tells the next scan what changed since. Undefined when it would cost more,
     * or git refuses a path or the edit (a file where `holds` has a directory): then the whole index is brought up.
     */
    async editedTree(holds, changed, index) {
        const size = (await (0,promises_.lstat)(index).catch(() => undefined))?.size ?? 0;
        if ((0,tree_edit/* directoriesOf */.P)(changed).size * this.editBytes >= size)
            return undefined;
        const own = (0,external_node_path_.join)(this.scratch, 'changed-index');
        const env = { GIT_INDEX_FILE: own };
        await (0,promises_.rm)(own, { force: true });
        try {
            const hashed = await this.git(['update-index', '-z', '--add', '--remove', '--stdin'], [0, 1, 128], env, changed);
            if (hashed.code !== 0)
                return undefined;
            return await (0,tree_edit/* treeWith */.p)(this.root, env, holds, changed);
        }
        catch (error) {
            if (error instanceof errors/* DiffDoesNotApplyError */.sQ)
                return undefined;
            throw error;
        }
        finally {
            await (0,promises_.rm)(own, { force: true });
        }
    }
    /**
     * Where the scratch index is kept between heals, with its seal: its stat data and untracked cache spare the next
     * heal's first snapshot from reading every directory again.
     */
    get keptIndex() {
        return (0,external_node_path_.join)((0,external_node_path_.dirname)(this.scratch), KEPT_INDEX);
    }
    /**
     * Moves the index the last heal kept into `index`, when it is as that heal left it (its seal, which no process
     * can forge, is the one recorded): true when it did. Anything else is removed, and the index starts afresh.
     */
    async takeKeptIndex(index) {
        const kept = this.keptIndex;
        const seal = await (0,promises_.readFile)(`${kept}.seal`, 'utf8').catch(() => undefined);
        const sealed = seal !== undefined && (await fileSeal(kept)) === seal;
        if (sealed)
            await (0,promises_.rename)(kept, index).catch(() => undefined);
        await forgetKeptIndex(kept);
        return sealed && (await fileSeal(index)) !== undefined;
    }
    /**
     * Keeps the scratch index for the next heal: as the first snapshot left it (the files are put back at that
     * state), or else as the last one did, when it is as that snapshot left it. What was at the kept paths goes
     * first, whatever it is (a fixer may have put something there), and the seal is written to a new file only.
     */
    async keepIndex() {
        const kept = this.keptIndex;
        await forgetKeptIndex(kept);
        const start = (0,external_node_path_.join)(this.scratch, START_INDEX);
        const index = (0,external_node_path_.join)(this.scratch, 'index');
        if (this.startSeal && (await fileSeal(start)) === this.startSeal)
            await (0,promises_.rename)(start, kept);
        else if (this.scratchSeal && (await fileSeal(index)) === this.scratchSeal.seal)
            await (0,promises_.rename)(index, kept);
        else
            return;
        const seal = await fileSeal(kept);
        if (seal)
            await (0,promises_.writeFile)(`${kept}.seal`, seal, { flag: 'wx' });
    }
    /** The diff from one state to another, as `git diff --binary` makes it (empty when they are the same). */
    async diff(from, to) {
        return from === to ? '' : this.binaryDiff(from, to);
    }
    /** Applies a diff to the working tree, all or nothing; false (and nothing changed) when it does not apply. */
    async apply(diff) {
        await this.dropEarly();
        const result = await (0,run_git.runGit)(['apply', '--binary', '--whitespace=nowarn', '-'], {
            cwd: this.root,
            input: diff,
            okCodes: [0, 1, 128]
        });
        return result.code === 0;
    }
    /**
     * Puts the working tree back to `state`, which was taken from `current`: only the paths that differ are written
     * or removed, so files nobody changed keep their timestamps. With `paths`, only those of them.
     */
    async restore(state, current, paths) {
        await this.dropEarly();
        if (state === current)
            return;
        await this.keepPutBack(current);
        // `--raw` gives each path's mode and blob in `state` too: the index the files are written from holds only
        // those, so a restore costs what changed, not the size of the tree.
        const changed = await this.git(['diff', '--raw', '--no-renames', '--no-abbrev', '-z', state, current]);
        const fields = changed.stdout.toString('utf8').split('\0');
        const only = paths && new Set(paths);
        const write = [];
        const remove = [];
        for (let i = 0; i + 1 < fields.length; i += 2) {
            // `:old-mode new-mode old-blob new-blob status`, then the path.
            const [mode, , blob, , status] = fields[i].slice(1).split(' ');
            const path = fields[i + 1];
            if (only && !only.has(path))
                continue;
            if (status === 'A')
                remove.push(path);
            else
                write.push(`${mode} ${blob}\t${path}`);
        }
        for (const path of remove)
            await (0,promises_.rm)((0,external_node_path_.join)(this.root, path), { force: true, recursive: true });
        if (write.length) {
            const index = (0,external_node_path_.join)(this.scratch, 'restore-index');
            const env = { GIT_INDEX_FILE: index };
            await (0,promises_.rm)(index, { force: true });
            await (0,run_git.runGit)(['update-index', '-z', '--index-info'], {
                cwd: this.root,
                env,
                input: write.join('\0') + '\0'
            });
            await (0,run_git.runGit)(['checkout-index', '--force', '--all'], { cwd: this.root, env });
        }
    }
    /** Whether this heal has kept a state in PUT_BACK yet: its first replaces what the last heal kept. */
    keptPutBack = false;
    /**
     * Keeps what the files hold before they are put back, as a commit on HEAD under PUT_BACK (one reflog entry
     * each): an edit someone made while a fixer ran looks like the fixer's and goes with it, but is not lost.
     */
    async keepPutBack(current) {
        const message = 'self-heal: the files before it put them back';
        const kept = await this.git(['commit-tree', '--no-gpg-sign', current, '-p', this.head, '-m', message]);
        if (!this.keptPutBack) {
            await this.git(['update-ref', '-d', PUT_BACK], [0, 1]);
            this.keptPutBack = true;
        }
        await this.git(['update-ref', '--create-reflog', '-m', message, PUT_BACK, workspace_text(kept)]);
    }
    /**
     * The change a local branch makes since it forked from `base` (`git diff base...branch`), or undefined when the
     * branch does not exist.
     */
    async branchChange(base, branch) {
        const head = await (0,refs/* branchHead */.P)(await (0,refs/* assertBranchName */.ae)(branch, this.root), this.root);
        if (!head)
            return undefined;
        return this.binaryDiff(`${await (0,refs/* resolveCommit */.WL)(base, this.root)}...${head}`);
    }
    /** HEAD (its ref and commit) and the index's entries as `markRepository` found them. */
    repositoryMark;
    async markRepository() {
        this.repositoryMark = await this.readRepository();
    }
    async repositoryChanges() {
        const { head, index } = await this.compareRepository();
        return [head, index].filter((change) => Boolean(change));
    }
    /** HEAD's move and the index's change since `markRepository`, each said in a sentence when there was one. */
    async compareRepository() {
        const then = this.repositoryMark ?? { ref: this.headRef, commit: this.head, index: '' };
        const now = await this.readRepository();
        const name = (ref) => ref?.replace(/^refs\/heads\//, '') ?? 'a detached HEAD';
        return {
            head: now.ref !== then.ref
                ? `the checkout was switched from ${name(then.ref)} to ${name(now.ref)}`
                : now.commit !== then.commit
                    ? `HEAD moved from ${then.commit.slice(0, 12)} to ${now.commit.slice(0, 12)} (a commit, a reset or a pull)`
                    : undefined,
            index: then.index && now.index !== then.index
                ? 'the index changed (git add, git reset, git stash, ...)'
                : undefined
        };
    }
    /**
     * The committer address a fixer's ref updates are logged with: random for each heal, so no one's own address
     * is it, and a fixer cannot know it before it runs.
     */
    fixerEmail = `fixer-${(0,external_node_crypto_.randomBytes)(8).toString('hex')}@self-heal.invalid`;
    /** The size of each ref log when `guard` ran: what was appended since tells who moved a ref meanwhile. */
    reflogSizes;
    /** Refs (and HEAD) moved while the fixer ran by someone whose address is not the fixer's, with that address. */
    movedByOthers = new Map();
    async fixerEnvironment() {
        // The fixer stages in a copy of the index: the user's index changing while it runs is then someone else's.
        const index = (0,external_node_path_.join)(this.scratch, FIXER_INDEX);
        await (0,promises_.rm)(index, { force: true });
        await (0,promises_.copyFile)(this.index, index).catch(() => undefined);
        return { GIT_INDEX_FILE: index, GIT_COMMITTER_EMAIL: this.fixerEmail };
    }
    async othersChanges() {
        const others = this.movedByOthers;
        this.movedByOthers = new Map();
        await (0,promises_.rm)((0,external_node_path_.join)(this.scratch, FIXER_INDEX), { force: true });
        const changes = [];
        const { head, index } = await this.compareRepository();
        // HEAD moved by the fixer is its own (settle puts it back); a move its log gives another address is not.
        const mover = others.get('HEAD') ?? (this.headRef ? others.get(this.headRef) : undefined);
        if (head && mover)
            changes.push(`${head}, logged by ${mover}`);
        if (index)
            changes.push(`${index}, while the fixer staged in an index of its own`);
        for (const [ref, who] of others) {
            if (ref !== 'HEAD' && ref !== this.headRef)
                changes.push(`${ref} was updated, logged by ${who}`);
        }
        return changes;
    }
    /** The size of every ref log: HEAD's (this worktree's) and those of refs/ (shared by the worktrees). */
    async readReflogSizes() {
        const sizes = new Map();
        const visit = async (dir, ref) => {
            for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => [])) {
                const path = (0,external_node_path_.join)(dir, entry.name);
                if (entry.isDirectory())
                    await visit(path, `${ref}/${entry.name}`);
                else if (entry.isFile())
                    sizes.set(`${ref}/${entry.name}`, (await (0,promises_.lstat)(path)).size);
            }
        };
        await visit((0,external_node_path_.join)(this.commonDir, 'logs', 'refs'), 'refs');
        const head = await (0,promises_.lstat)(this.reflogFile('HEAD')).catch(() => undefined);
        if (head?.isFile())
            sizes.set('HEAD', head.size);
        return sizes;
    }
    /** Where a ref's log is: HEAD's in this worktree's git directory, the others' in the shared one. */
    reflogFile(ref) {
        return ref === 'HEAD' ? (0,external_node_path_.join)((0,external_node_path_.dirname)(this.scratch), 'logs', 'HEAD') : (0,external_node_path_.join)(this.commonDir, 'logs', ref);
    }
    /**
     * The refs whose logs grew since `guard` with an entry by someone other than the fixer, and that address. A ref
     * updated with no log entry (a ref file written by hand, logs switched off) is taken for the fixer's.
     */
    async readMovedByOthers() {
        const before = this.reflogSizes ?? new Map();
        const moved = new Map();
        for (const [ref, size] of await this.readReflogSizes()) {
            const from = before.get(ref) ?? 0;
            if (size <= from)
                continue;
            const added = await (0,promises_.readFile)(this.reflogFile(ref))
                .then(bytes => bytes.subarray(from).toString('utf8'))
                .catch(() => '');
            for (const line of added.split('\n')) {
                // `old new Name <address> time zone<TAB>message`
                const who = /^\S+ \S+ [^<]*<([^>]*)>/.exec(line)?.[1];
                if (who !== undefined && who !== this.fixerEmail) {
                    moved.set(ref, who || 'an empty address');
                    break;
                }
            }
        }
        return moved;
    }
    /**
     * Where HEAD points and a digest of the index's entries (mode, blob, stage, path: not the stat data that `git
     * status` refreshes, so a command that only reads the checkout changes nothing here).
     */
    async readRepository() {
        // One git process in the usual case: the commit, then the ref (`HEAD` itself when detached).
        const both = await this.git(['rev-parse', 'HEAD^{commit}', '--symbolic-full-name', 'HEAD'], [0, 128]);
        const [commit, name] = both.stdout.toString('utf8').split('\n');
        if (both.code === 0 && commit && name) {
            return { ref: name === 'HEAD' ? undefined : name, commit, index: await this.indexDigest() };
        }
        // HEAD names no commit (a branch not born yet): the ref alone.
        const ref = await this.git(['symbolic-ref', '--quiet', 'HEAD'], [0, 1]);
        const alone = await this.git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], [0, 1, 128]);
        return {
            ref: ref.code === 0 ? workspace_text(ref) : undefined,
            commit: workspace_text(alone),
            index: await this.indexDigest()
        };
    }
    /** What `indexDigest` knows of the index files it has seen (see there). */
    indexTokens = new IndexTokens();
    /**
     * A token for the index's entries (mode, blob, stage, path): two are equal exactly when the entries are. The loop
     * asks before and after every fixer and check, and the index rarely changes, so the file is read only when its
     * seal (see fileSeal) changed, and git lists the entries (a read of the whole index) only when its bytes are new
     * and another version's are known to compare them with: the first version seen is its own token.
     */
    async indexDigest() {
        const seal = await fileSeal(this.index);
        const known = this.indexTokens.bySeal(seal);
        if (known !== undefined)
            return known;
        const file = await (0,promises_.readFile)(this.index).catch(() => Buffer.alloc(0));
        return this.indexTokens.add(seal, file, async (bytes) => {
            // Each version is listed from a copy of the bytes read: the index file may hold another one by now.
            const copy = (0,external_node_path_.join)(this.scratch, 'listed-index');
            await (0,promises_.writeFile)(copy, bytes);
            const index = await this.git(['ls-files', '--stage', '-z'], [0], { GIT_INDEX_FILE: copy });
            await (0,promises_.rm)(copy, { force: true });
            return (0,external_node_crypto_.createHash)('sha256').update(index.stdout).digest('hex');
        });
    }
    async guard() {
        const ahead = this.ignoredAhead;
        this.ignoredAhead = undefined;
        this.guarded = { meta: await this.readMeta(), ignored: await (ahead ?? this.readIgnored()) };
        this.reflogSizes = await this.readReflogSizes();
        this.movedByOthers = new Map();
    }
    async outsideChanges() {
        if (!this.guarded)
            return [];
        const { meta, ignored } = this.guarded;
        const changes = [];
        // A ref someone else moved meanwhile (a branch made, a stash) is theirs: left as it is (othersChanges says so).
        this.movedByOthers = await this.readMovedByOthers();
        // The metadata first: until it is put back, a fixer's hooks, fsmonitor or filters could run in self-heal's
        // own git calls, and its remote could receive the push.
        const now = await this.readMeta();
        // Refs packed (`git gc --auto` in the background, `git pack-refs`) are the same refs written another way.
        const repacked = sameRefs(meta, now, this.headRef);
        for (const path of new Set([...meta.keys(), ...now.keys()])) {
            const before = meta.get(path);
            const after = now.get(path);
            if (before !== undefined && after !== undefined && sameEntry(before, after))
                continue;
            if (repacked && (path === 'packed-refs' || path.startsWith('refs/')))
                continue;
            const ref = path === 'logs/refs/stash' ? 'refs/stash' : path;
            if (this.movedByOthers.has(ref))
                continue;
            const full = (0,external_node_path_.join)(this.commonDir, path);
            await (0,promises_.rm)(full, { force: true, recursive: true });
            if (before !== undefined) {
                await (0,promises_.mkdir)((0,external_node_path_.dirname)(full), { recursive: true });
                if (typeof before === 'string')
                    await (0,promises_.symlink)(before, full);
                else
                    await (0,promises_.writeFile)(full, before);
            }
            changes.push({ path: `.git/${path}`, change: change(before, after), undone: true });
        }
        // The branch checked out is settle's, so it is not read here; but a fixer that packed it removed its loose file,
        // and packed-refs put back took it with it: it is made again where the heal found it.
        if (changes.length && this.headRef) {
            const at = await this.git(['rev-parse', '--verify', '--quiet', `${this.headRef}^{commit}`], [0, 1, 128]);
            if (at.code !== 0)
                await this.git([
                    'update-ref',
                    '-m',
                    'self-heal: put back a branch a fixer packed',
                    this.headRef,
                    this.head
                ]);
        }
        // The files' state is read alongside the ignored files (two walks of the checkout, on two cores if there are):
        // nothing is left that could run in git, and what is removed below is ignored, so no part of a state.
        await this.dropEarly();
        const early = this.scanFiles();
        early.catch(() => undefined);
        this.early = early;
        const listed = await this.readIgnored();
        for (const path of new Set([...ignored.keys(), ...listed.keys()])) {
            const before = ignored.get(path);
            const after = listed.get(path);
            if (before === after)
                continue;
            // An added file can be removed; a dependency changed in place cannot be put back from here.
            if (before === undefined)
                await (0,promises_.rm)((0,external_node_path_.join)(this.root, path), { force: true });
            // A tool's cache is the tool's business: what a fixer added there goes (so it cannot plant a file a later
            // check reads), but it is no reason to refuse the fix.
            if (TOOL_CACHE.test(path))
                continue;
            changes.push({ path, change: change(before, after), undone: before === undefined });
        }
        this.guarded = undefined;
        return changes;
    }
    /**
     * The repository's own files a fixer has no business changing: its config (hooks path, fsmonitor, filters,
     * remotes), hooks, info (attributes, excludes), refs other than the branch checked out (whose commits `settle`
     * undoes), and the stash. Symlinks are kept as their targets.
     */
    async readMeta() {
        const entries = new Map();
        const visit = async (path) => {
            const full = (0,external_node_path_.join)(this.commonDir, path);
            const info = await (0,promises_.lstat)(full).catch(() => undefined);
            // info/refs is what `git update-server-info` (run by gc) writes for dumb HTTP servers: nothing here reads it.
            if (!info || path === 'info/refs')
                return;
            if (info.isSymbolicLink())
                entries.set(path, await (0,promises_.readlink)(full));
            else if (info.isDirectory()) {
                for (const name of await (0,promises_.readdir)(full))
                    await visit(`${path}/${name}`);
            }
            else if (path !== this.headRef)
                entries.set(path, await (0,promises_.readFile)(full));
        };
        for (const path of GUARDED_META)
            await visit(path);
        return entries;
    }
    /** Ignored files (dependencies, build output) with their size, time and inode: what tells a change. */
    async readIgnored() {
        const listed = await this.git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard']);
        const files = new Map();
        const paths = listed.stdout.toString('utf8').split('\0').filter(Boolean);
        // Many at a time (dependencies are thousands of files), each a stat on libuv's threads.
        for (let i = 0; i < paths.length; i += 64) {
            const batch = paths.slice(i, i + 64);
            const infos = await Promise.all(batch.map(path => (0,promises_.lstat)((0,external_node_path_.join)(this.root, path)).catch(() => undefined)));
            batch.forEach((path, j) => {
                const info = infos[j];
                if (info)
                    files.set(path, `${info.size}:${info.mtimeMs}:${info.ino}:${info.mode}`);
            });
        }
        return files;
    }
    async settle() {
        const report = {};
        if (!(await this.restoreIndex()))
            report.indexNotRestored = true;
        const moved = await this.restoreHead();
        if (moved)
            report.headMovedTo = moved;
        return report;
    }
    /**
     * Puts the user's index back as it was when the tree was opened, when something (a fixer running `git add`)
     * changed it. Written the way git writes it (through `index.lock`), so a git command running at the same moment
     * is not overwritten: then the index is left as it is, and false returned.
     */
    async restoreIndex() {
        const saved = await (0,promises_.readFile)((0,external_node_path_.join)(this.scratch, USER_INDEX)).catch(() => undefined);
        if (!saved)
            return true;
        const current = await (0,promises_.readFile)(this.index).catch(() => undefined);
        if (current && current.equals(saved))
            return true;
        const lock = `${this.index}.lock`;
        try {
            await (0,promises_.writeFile)(lock, saved, { flag: 'wx' });
        }
        catch {
            return false;
        }
        await (0,promises_.rename)(lock, this.index);
        return true;
    }
    /**
     * Puts HEAD back at the commit the tree was opened at when something (a fixer that commits) moved it: the branch
     * checked out, or a detached HEAD, compare-and-swap, so nothing else is overwritten. Returns the commit HEAD had
     * moved to (still in the reflog), or undefined when it had not moved. A fixer that checked out another branch is
     * a ConfigurationError: heal does not guess which branch to move.
     */
    async restoreHead() {
        const now = await this.git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], [0, 1, 128]);
        const ref = await this.git(['symbolic-ref', '--quiet', 'HEAD'], [0, 1]);
        const headRef = ref.code === 0 ? workspace_text(ref) : undefined;
        if (headRef !== this.headRef) {
            throw new errors/* ConfigurationError */.j1(`A fixer switched the checkout from ${this.headRef ?? 'a detached HEAD'} to ${headRef ?? 'a detached HEAD'}: ` +
                `fixers must only change files. Switch back (git checkout ${this.headRef?.replace(/^refs\/heads\//, '') ?? this.head}).`);
        }
        const moved = workspace_text(now);
        if (now.code !== 0 || moved === this.head)
            return undefined;
        const message = ['-m', 'self-heal: undo a commit a fixer made'];
        await this.git(headRef
            ? ['update-ref', ...message, headRef, this.head, moved]
            : ['update-ref', '--no-deref', ...message, 'HEAD', this.head, moved]);
        return moved;
    }
    /**
     * Fetches `branch` from `remote` into the local branch of the same name, fast-forward only (a local branch that
     * went another way is left alone). Returns what happened (`created`, `updated`), or undefined when nothing was
     * fetched: no such remote or remote branch, already up to date, or not a fast-forward.
     */
    async fetchBranch(remote, branch) {
        const name = await (0,refs/* assertBranchName */.ae)(branch, this.root);
        const before = await (0,refs/* branchHead */.P)(name, this.root);
        const result = await this.git(['fetch', '--quiet', '--no-tags', remote, `refs/heads/${name}:refs/heads/${name}`], [0, 1, 128]);
        if (result.code !== 0)
            return undefined;
        const after = await (0,refs/* branchHead */.P)(name, this.root);
        if (!after || after === before)
            return undefined;
        return before ? `updated to ${after.slice(0, 12)}` : `created at ${after.slice(0, 12)}`;
    }
    /**
     * Fetches `branch` from `remote` into its remote-tracking ref (`refs/remotes/<remote>/<branch>`) and returns the
     * commit it is at there, or undefined when the remote has no such branch (or cannot be reached).
     */
    async fetchRemoteBranch(remote, branch) {
        const name = await (0,refs/* assertBranchName */.ae)(branch, this.root);
        if (remote.startsWith('-'))
            return undefined;
        const tracking = `refs/remotes/${remote}/${name}`;
        const result = await this.git(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${name}:${tracking}`], [0, 1, 128]);
        if (result.code !== 0)
            return undefined;
        return (0,refs/* resolveCommit */.WL)(tracking, this.root);
    }
    /** Pushes the local `branch` to `remote` (never forced), so that a workflow run there can check it out. */
    async pushBranch(remote, branch) {
        const name = await (0,refs/* assertBranchName */.ae)(branch, this.root);
        if (remote.startsWith('-'))
            throw new errors/* ConfigurationError */.j1(`'${remote}' is not a valid remote name.`);
        await this.git(['push', '--porcelain', '--quiet', remote, `refs/heads/${name}:refs/heads/${name}`]);
    }
    /**
     * Deletes `branch` on `remote`, only while it is at `at` (default: the commit the local branch of that name is at;
     * a lease: a branch someone pushed to meanwhile is left alone). Returns whether it was deleted.
     */
    async deleteRemoteBranch(remote, branch, at) {
        const name = await (0,refs/* assertBranchName */.ae)(branch, this.root);
        const expected = at ?? (await (0,refs/* branchHead */.P)(name, this.root));
        if (!expected || !/^[0-9a-f]{40,64}$/.test(expected) || remote.startsWith('-'))
            return false;
        const result = await this.git([
            'push',
            '--porcelain',
            `--force-with-lease=refs/heads/${name}:${expected}`,
            remote,
            `:refs/heads/${name}`
        ], [0, 1, 128]);
        return result.code === 0;
    }
    /** The checkout's ignored entries (`dir/` for a directory), listed once a heal for the fixers' copy. */
    ignoredEntries;
    /** The fixers' copy last prepared: one not read since when the heal ends is forgotten (see close). */
    lastCopy;
    async fixerCopy(state) {
        this.lastCopy = undefined;
        const listIgnored = () => (this.ignoredEntries ??= this.git([
            'ls-files',
            '-z',
            '--others',
            '--ignored',
            '--exclude-standard',
            '--directory'
        ]).then(listed => listed.stdout.toString('utf8').split('\0').filter(Boolean)));
        this.lastCopy = await LocalFixerCopy.prepare(this.root, (0,external_node_path_.dirname)(this.scratch), state, listIgnored);
        return this.lastCopy;
    }
    async cleanCopy(diff) {
        const root = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'self-heal-clean-'));
        const close = async () => {
            await this.git(['worktree', 'remove', '--force', root], [0, 128]);
            await (0,promises_.rm)(root, { recursive: true, force: true });
            await this.git(['worktree', 'prune'], [0, 128]);
        };
        try {
            // A linked worktree, detached at the commit: the user's branches and HEAD stay as they are.
            await this.git(['worktree', 'add', '--detach', '--quiet', root, this.head]);
            if (diff) {
                await (0,run_git.runGit)(['apply', '--binary', '--whitespace=nowarn', '-'], { cwd: root, input: diff });
            }
            return { root, close };
        }
        catch (error) {
            await close();
            throw error;
        }
    }
    /** Ends the heal here: the scratch files, the journal and the lock go. */
    async close() {
        await Promise.all([this.dropEarly(), this.trackedAhead?.catch(() => undefined)]);
        // The heal ended while a fixer ran in its copy, or just after (interrupted, abandoned): it is not trusted again.
        if (this.lastCopy && !this.lastCopy.taken)
            await LocalFixerCopy.forget((0,external_node_path_.dirname)(this.scratch));
        await this.keepIndex().catch(() => undefined);
        await (0,promises_.rm)(this.scratch, { recursive: true, force: true });
    }
    /**
     * Puts back what a heal killed before it could (SIGKILL, a crash) left: the files as they were when it took its
     * first state, the user's index and HEAD. What the files held instead is kept as a commit under
     * refs/self-heal/interrupted, so nothing is lost. Returns what was done, for the log.
     */
    static async recover(root, scratch, journal) {
        const done = [];
        const indexPath = workspace_text(await (0,run_git.runGit)(['rev-parse', '--git-path', 'index'], { cwd: root }));
        const index = (0,external_node_path_.isAbsolute)(indexPath) ? indexPath : (0,external_node_path_.join)(root, indexPath);
        const workspace = new LocalWorkspace(root, journal.head, scratch, index, journal.headRef, '');
        if (journal.start) {
            const current = await workspace.snapshot();
            if (current !== journal.start) {
                const kept = workspace_text(await workspace.git([
                    'commit-tree',
                    '--no-gpg-sign',
                    current,
                    '-p',
                    journal.head,
                    '-m',
                    'self-heal: the files an interrupted heal left'
                ]));
                await workspace.git(['update-ref', 'refs/self-heal/interrupted', kept]);
                await workspace.restore(journal.start, current);
                done.push(`put the files back (what they held is kept in refs/self-heal/interrupted, ${kept.slice(0, 12)})`);
            }
        }
        if (!(await workspace.restoreIndex()))
            done.push('could not put the index back (check `git status`)');
        const moved = await workspace.restoreHead().catch(() => undefined);
        if (moved)
            done.push(`put HEAD back at ${journal.head.slice(0, 12)} (it was at ${moved.slice(0, 12)})`);
        return done.length
            ? `A heal in this checkout (pid ${journal.pid}) was killed before it could put the checkout back: self-heal ${done.join('; ')}.`
            : `A heal in this checkout (pid ${journal.pid}) was killed; the checkout was already as it found it.`;
    }
    /** `git diff --binary` of trees or a commit range (ids only: nothing here comes from the user unchecked). */
    async binaryDiff(...range) {
        const result = await this.git([
            'diff',
            '--binary',
            '--full-index',
            '--no-color',
            '--no-ext-diff',
            ...range
        ]);
        return result.stdout.toString('utf8');
    }
    /** Runs git in the checkout; `paths`, when given, are written to its stdin, each ended by a NUL. */
    git(args, okCodes = [0], env, paths, input) {
        return (0,run_git.runGit)(args, {
            cwd: this.root,
            okCodes,
            env,
            input: paths ? paths.map(path => `${path}\0`).join('') : input
        });
    }
}
/**
 * Finds the repository holding `cwd` in one git process (paths absolute, then HEAD's commit and its ref), or, when
 * that fails, step by step to say what is missing (no repository, no commit) as a ConfigurationError.
 */
async function locate(cwd) {
    const paths = ['--show-toplevel', '--absolute-git-dir', '--git-common-dir', '--git-path', 'index'];
    const all = await (0,run_git.runGit)(['rev-parse', '--path-format=absolute', ...paths, 'HEAD^{commit}', '--symbolic-full-name', 'HEAD'], { cwd, okCodes: [0, 128] });
    const lines = all.stdout.toString('utf8').split('\n');
    if (all.code === 0 && lines.length >= 6 && lines.slice(0, 6).every(Boolean)) {
        const [root, gitDir, common, index, head, ref] = lines;
        return { root, gitDir, common, index, head, ref: ref === 'HEAD' ? undefined : ref };
    }
    const top = await (0,run_git.runGit)(['rev-parse', '--show-toplevel'], { cwd, okCodes: [0, 128] });
    if (top.code !== 0) {
        throw new errors/* ConfigurationError */.j1(`${cwd} is not inside a git repository: heal needs a checkout (run it in your repository, or after actions/checkout).`);
    }
    const root = workspace_text(top);
    throw new errors/* ConfigurationError */.j1(`The repository at ${root} has no commit yet: commit first.`);
}
/**
 * Who the repository at `root` is when no GitHub repository is known: its `origin` URL without credentials, or
 * else the first root commit of `head` (the same for every clone of it).
 */
async function checkoutIdentity(root, head = 'HEAD') {
    const url = await (0,run_git.runGit)(['remote', 'get-url', '--', remote.DEFAULT_REMOTE], { cwd: root, okCodes: [0, 2, 128] });
    if (url.code === 0 && workspace_text(url))
        return `remote:${workspace_text(url)
            .replace(/^([a-z+]+:\/\/)[^@/]*@/i, '$1')
            .replace(/\.git$/, '')}`;
    const roots = await (0,run_git.runGit)(['rev-list', '--max-parents=0', head], { cwd: root });
    return `root:${workspace_text(roots).split('\n').sort()[0]}`;
}
/** The scratch directory's name in the git directory. */
const SCRATCH = 'self-heal';
/** The copy of the scratch index as the first snapshot left it, in the scratch directory. */
const START_INDEX = 'start-index';
/**
 * How many bytes of the scratch index make one directory of a tree edit (two small git processes, about 5 ms) cost
 * less than reading and writing the index twice (about 7 ms a megabyte, mostly the write's checksum).
 */
const INDEX_BYTES_PER_DIRECTORY = 750_000;
/** The scratch index kept between heals, in the git directory, and `.seal` after it: its seal. */
const KEPT_INDEX = 'self-heal-index';
/** The journal's name in the scratch directory: what the next run needs if this one is killed. */
const JOURNAL = 'journal.json';
/**
 * Makes the scratch directory, which is the lock: a second heal in the same checkout is refused while the first
 * runs. One left by a heal that no longer runs is recovered from (its journal) and taken over. Returns what the
 * recovery did, if there was one.
 */
async function takeLock(scratch, root) {
    try {
        await (0,promises_.mkdir)(scratch);
        return undefined;
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
    }
    const journal = await (0,promises_.readFile)((0,external_node_path_.join)(scratch, JOURNAL), 'utf8')
        .then(text => JSON.parse(text))
        .catch(() => undefined);
    if (journal && isRunning(journal.pid)) {
        throw new errors/* ConfigurationError */.j1(`Another heal (pid ${journal.pid}) is running in this checkout: wait for it to end, or end it, then heal again.`);
    }
    // An index kept by an earlier heal is not trusted after one that was killed: its fixer may have left one there.
    await forgetKeptIndex((0,external_node_path_.join)((0,external_node_path_.dirname)(scratch), KEPT_INDEX));
    const done = journal ? await LocalWorkspace.recover(root, scratch, journal) : undefined;
    await (0,promises_.rm)(scratch, { recursive: true, force: true });
    await (0,promises_.mkdir)(scratch);
    return done;
}
/** Removes the kept scratch index and its seal, whatever they are. */
async function forgetKeptIndex(kept) {
    await (0,promises_.rm)(kept, { recursive: true, force: true });
    await (0,promises_.rm)(`${kept}.seal`, { recursive: true, force: true });
}
function isRunning(pid) {
    if (pid === process.pid)
        return true;
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
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
];
/**
 * Whether two readings of the metadata hold the same refs, loose files over packed-refs (a symbolic ref or a link
 * as its target), the branch checked out aside (`settle` sees to it).
 */
function sameRefs(before, after, headRef) {
    const refs = (meta) => {
        const values = new Map();
        for (const line of (meta.get('packed-refs') ?? '').toString().split('\n')) {
            const packed = /^([0-9a-f]{40,64}) (refs\/\S+)$/.exec(line);
            if (packed)
                values.set(packed[2], packed[1]);
        }
        for (const [path, value] of meta) {
            if (path.startsWith('refs/'))
                values.set(path, typeof value === 'string' ? `-> ${value}` : value.toString().trim());
        }
        if (headRef)
            values.delete(headRef);
        return JSON.stringify([...values].sort(([a], [b]) => (a < b ? -1 : 1)));
    };
    return refs(before) === refs(after);
}
function sameEntry(a, b) {
    return typeof a === 'string' || typeof b === 'string' ? a === b : a.equals(b);
}
function change(before, after) {
    return before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
}
/**
 * Tokens for versions of an index file, equal exactly when their entries are. The first version is its own token
 * (a digest of its bytes), and costs no git; a version with new bytes is compared by its entries (listed by
 * `entries`) with the versions seen before, whose entries are listed then, once each.
 */
class IndexTokens {
    seals = new Map();
    /** The versions seen; a version's bytes are kept only until its entries are listed. */
    versions = [];
    bySeal(seal) {
        return seal === undefined ? undefined : this.seals.get(seal);
    }
    async add(seal, file, entries) {
        const bytes = (0,external_node_crypto_.createHash)('sha256').update(file).digest('hex');
        let version = this.versions.find(known => known.bytes === bytes);
        if (!version) {
            const listed = this.versions.length ? await entries(file) : undefined;
            for (const known of this.versions) {
                if (known.entries === undefined && known.file)
                    known.entries = await entries(known.file);
                delete known.file;
            }
            const same = this.versions.find(known => known.entries === listed);
            version =
                listed === undefined
                    ? { bytes, file, token: bytes }
                    : { bytes, entries: listed, token: same?.token ?? bytes };
            this.versions.push(version);
        }
        if (seal !== undefined)
            this.seals.set(seal, version.token);
        return version.token;
    }
}
/** The copy of the user's index in the scratch directory. */
const USER_INDEX = 'user-index';
/** Where the files' states before each put-back of the last heal are kept (see keepPutBack). */
const PUT_BACK = 'refs/self-heal/put-back';
/** The copy of the index a fixer stages in (see fixerEnvironment). */
const FIXER_INDEX = 'fixer-index';
function workspace_text(result) {
    return result.stdout.toString('utf8').trim();
}


/***/ }),

/***/ 3891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ diffSections),
/* harmony export */   f: () => (/* binding */ withoutPaths)
/* harmony export */ });
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9566);
/** Picking file patches out of a git diff by path, keeping the text of each exactly as it was. */

/** The `diff --git` sections of a git diff, in order. */
function diffSections(diff) {
    return diff
        .split(/^(?=diff --git )/m)
        .filter(text => text.startsWith('diff --git '))
        .map(text => ({ text, patch: (0,_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .parseGitDiff */ .T)(text)[0] }))
        .filter(section => section.patch !== undefined);
}
/**
 * `diff` without the file patches that touch any of `paths` (by old or new name), and the paths it dropped. Each
 * section is kept or dropped whole.
 */
function withoutPaths(diff, paths) {
    if (!paths.size || !diff)
        return { diff, dropped: [] };
    let kept = '';
    const dropped = [];
    for (const { text, patch } of diffSections(diff)) {
        const hit = [patch.oldPath, patch.newPath].find(path => path !== undefined && paths.has(path));
        if (hit)
            dropped.push(hit);
        else
            kept += text;
    }
    return { diff: kept, dropped };
}


/***/ }),

/***/ 8568:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ branchHead),
/* harmony export */   WL: () => (/* binding */ resolveCommit),
/* harmony export */   ae: () => (/* binding */ assertBranchName)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _run_git_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6148);
/**
 * Validation of untrusted branch and revision names before they reach git: a name never starts with `-` (so it
 * cannot be read as an option), branch names pass `git check-ref-format`, revisions must resolve to a commit.
 */


/** Branch names `git check-ref-format` took. */
const validBranches = new Set();
/** Throws InvalidInputError unless `name` is a valid branch name (checked by git itself). */
async function assertBranchName(name, cwd) {
    const branch = name.startsWith('refs/heads/') ? name.slice('refs/heads/'.length) : name;
    if (!branch || branch.startsWith('-') || /[\0\n\r]/.test(branch) || branch === 'HEAD') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`'${name}' is not a valid branch name: use letters, digits, '/', '-', '_' and '.'.`);
    }
    // Whether git takes a name never changes: each is asked once (a heal checks its fix branch's more than once).
    if (validBranches.has(branch))
        return branch;
    const { code } = await (0,_run_git_js__WEBPACK_IMPORTED_MODULE_1__.runGit)(['check-ref-format', `refs/heads/${branch}`], { cwd, okCodes: [0, 1] });
    if (code === 0)
        validBranches.add(branch);
    if (code !== 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`'${name}' is not a valid branch name (git check-ref-format refuses it): avoid spaces, '..', '~', '^', ':', '?', '*', '[' and a trailing '.lock'.`);
    }
    return branch;
}
/** Resolves an untrusted revision (branch, tag, SHA, `HEAD~1`) to a commit SHA; RefNotFoundError when it does not. */
async function resolveCommit(rev, cwd) {
    if (!rev || rev.startsWith('-') || /[\0\n\r]/.test(rev)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`'${rev}' is not a valid revision.`);
    }
    const { code, stdout } = await (0,_run_git_js__WEBPACK_IMPORTED_MODULE_1__.runGit)(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
        cwd,
        okCodes: [0, 1, 128]
    });
    if (code !== 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefNotFoundError */ .ZA(rev, 'no commit has that name in this repository.');
    return stdout.toString('utf8').trim();
}
/** The SHA a branch points to, or undefined when the branch does not exist. */
async function branchHead(branch, cwd) {
    const { code, stdout } = await (0,_run_git_js__WEBPACK_IMPORTED_MODULE_1__.runGit)(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], {
        cwd,
        okCodes: [0, 1, 128]
    });
    return code === 0 ? stdout.toString('utf8').trim() : undefined;
}


/***/ }),

/***/ 668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_REMOTE: () => (/* binding */ DEFAULT_REMOTE),
/* harmony export */   detectGitHubRepository: () => (/* binding */ detectGitHubRepository),
/* harmony export */   parseGitHubRemote: () => (/* binding */ parseGitHubRemote)
/* harmony export */ });
/* harmony import */ var _run_git_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6148);
/**
 * Works out which GitHub repository a local checkout belongs to, from a remote's URL, so the CLI can open pull
 * requests without being told `--repository`.
 */

/** `OWNER/NAME` of a GitHub remote URL (https, ssh or scp-like) on `host`, or undefined when it is not one. */
function parseGitHubRemote(url, host = 'github.com') {
    const h = host.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const patterns = [
        new RegExp(`^https?://(?:[^@/]+@)?${h}(?::\\d+)?/([^/]+)/([^/]+?)(?:\\.git)?/?$`, 'i'),
        new RegExp(`^ssh://(?:[^@/]+@)?${h}(?::\\d+)?/([^/]+)/([^/]+?)(?:\\.git)?/?$`, 'i'),
        new RegExp(`^(?:[^@/]+@)?${h}:([^/]+)/([^/]+?)(?:\\.git)?/?$`, 'i')
    ];
    for (const pattern of patterns) {
        const match = pattern.exec(url.trim());
        if (match)
            return `${match[1]}/${match[2]}`;
    }
    return undefined;
}
/** The remote self-heal reads the repository from and pushes its branches to, unless told otherwise. */
const DEFAULT_REMOTE = 'origin';
/** The GitHub repository (`OWNER/NAME`) a checkout's remote points to, or undefined. */
async function detectGitHubRepository(cwd, remote = DEFAULT_REMOTE, serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com') {
    if (remote.startsWith('-'))
        return undefined;
    const { code, stdout } = await (0,_run_git_js__WEBPACK_IMPORTED_MODULE_0__.runGit)(['remote', 'get-url', '--', remote], { cwd, okCodes: [0, 2, 128] });
    if (code !== 0)
        return undefined;
    let host = 'github.com';
    try {
        host = new URL(serverUrl).host;
    }
    catch {
        // An invalid GITHUB_SERVER_URL is reported where it is used; here github.com is the sensible default.
    }
    return parseGitHubRemote(stdout.toString('utf8').trim(), host);
}


/***/ }),

/***/ 6148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitCommandError: () => (/* binding */ GitCommandError),
/* harmony export */   gitText: () => (/* binding */ gitText),
/* harmony export */   runGit: () => (/* binding */ runGit)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/**
 * Runs the git CLI without a shell. Arguments are passed as an argv array, so untrusted strings cannot be
 * interpreted by a shell; callers still validate refs and put paths after `--` so git never reads them as options.
 */



/** A git command failed; carries git's stderr so callers can explain it. */
class GitCommandError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SelfHealError */ .ZO {
    static type = 'GitCommandError';
    /** git's exit code. */
    code;
    /** git's stderr. */
    stderr;
    constructor(args, code, stderr) {
        super(`git ${args[0] ?? ''} failed (exit ${code}): ${stderr.trim() || 'no message'}`);
        this.code = code;
        this.stderr = stderr;
    }
}
// Keep git's output stable and free of the user's pager, colours and translations. And run none of the
// repository's own programs: no hooks and no fsmonitor (a fixer, or a repository cloned from anywhere, may have set
// them; GIT_CONFIG_* is read by git 2.31 and later and outranks every config file).
const BASE_ENV = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'core.hooksPath',
    GIT_CONFIG_VALUE_0: node_os__WEBPACK_IMPORTED_MODULE_1__.devNull,
    GIT_CONFIG_KEY_1: 'core.fsmonitor',
    GIT_CONFIG_VALUE_1: 'false'
};
/** Runs git and resolves with its output; rejects with GitCommandError on an exit code not in `okCodes`. */
function runGit(args, options) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', args, {
            cwd: options.cwd,
            env: { ...process.env, ...BASE_ENV, ...options.env },
            stdio: ['pipe', 'pipe', 'pipe'],
            windowsHide: true
        });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', error => reject(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SelfHealError */ .ZO(`Could not run git: ${error.message}. Install git and make sure it is on PATH.`)));
        child.on('close', code => {
            const result = {
                code: code ?? 1,
                stdout: Buffer.concat(out),
                stderr: Buffer.concat(err).toString('utf8')
            };
            if ((options.okCodes ?? [0]).includes(result.code))
                resolve(result);
            else
                reject(new GitCommandError(args, result.code, result.stderr));
        });
        // git may exit before reading all of stdin (e.g. on a usage error); that is reported through `close`.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input ?? '');
    });
}
/** Runs git and returns stdout as trimmed text. */
async function gitText(args, options) {
    const { stdout } = await runGit(args, options);
    return stdout.toString('utf8').replace(/\n$/, '');
}


/***/ }),

/***/ 5767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ directoriesOf),
/* harmony export */   p: () => (/* binding */ treeWith)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _run_git_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6148);
/**
 * A tree edited where files changed: only the directories above the changed paths are read (from the tree it starts
 * from) and written again, so what it costs is the change, not the repository (a whole index is read and written
 * for every `update-index` and `write-tree`).
 */


/**
 * The tree of `parent` (a commit or a tree) with the files `touched` as the index (`env`) holds them now (one it
 * does not hold is deleted): only the directories above them are read and written again. A file where the parent
 * has a directory, or the other way round, is a diff that does not apply (as `git apply` says of it on a whole
 * index).
 */
async function treeWith(root, env, parent, touched) {
    const staged = await (0,_run_git_js__WEBPACK_IMPORTED_MODULE_1__.runGit)(['ls-files', '--stage', '-z'], { cwd: root, env });
    const files = new Map(touched.map(path => [path, undefined]));
    for (const line of staged.stdout.toString('utf8').split('\0')) {
        // `mode oid stage\tpath`
        const match = /^(\d+) ([0-9a-f]+) \d\t(.*)$/s.exec(line);
        if (match)
            files.set(match[3], { mode: match[1], oid: match[2] });
    }
    const dirs = directoriesOf(files.keys());
    const trees = await readTrees(root, parent, [...dirs]);
    // Deepest first, so that each directory's own subdirectories are written before it.
    const written = new Map();
    for (const dir of [...dirs].sort((a, b) => depth(b) - depth(a))) {
        const entries = trees.get(dir) ?? new Map();
        const within = (path) => (dir ? path.startsWith(`${dir}/`) : true);
        const name = (path) => path.slice(dir ? dir.length + 1 : 0);
        const direct = (path) => path !== dir && within(path) && !name(path).includes('/');
        const subdirs = [...written].filter(([sub]) => sub && direct(sub));
        const isTree = (path) => entries.get(name(path))?.mode === '40000';
        // Emptied directories go first, so that a file can take the name; then the files; then the directories.
        for (const [sub, oid] of subdirs)
            if (!oid && isTree(sub))
                entries.delete(name(sub));
        for (const [path, entry] of files) {
            if (!direct(path))
                continue;
            if (isTree(path)) {
                if (entry)
                    throw treeConflict(path);
            }
            else if (entry)
                entries.set(name(path), entry);
            else
                entries.delete(name(path));
        }
        for (const [sub, oid] of subdirs) {
            if (!oid)
                continue;
            if (entries.has(name(sub)) && !isTree(sub))
                throw treeConflict(sub);
            entries.set(name(sub), { mode: '40000', oid });
        }
        // git keeps no empty directory: one whose files all went goes too (the root stays, empty or not).
        if (!entries.size && dir) {
            written.set(dir, undefined);
            continue;
        }
        const listing = [...entries].map(([entry, { mode, oid }]) => `${mode} ${mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob'} ${oid}\t${entry}\0`);
        written.set(dir, await (0,_run_git_js__WEBPACK_IMPORTED_MODULE_1__.gitText)(['mktree', '-z'], { cwd: root, input: listing.join('') }));
    }
    return written.get('');
}
/** The entries of the directories `dirs` of `base` (a commit or a tree); a directory it does not have is left out. */
async function readTrees(root, base, dirs) {
    const trees = new Map();
    for (const dir of dirs) {
        // `<commit>:<dir>` starts with the object's id, so no directory's name can read as an option.
        const listed = await (0,_run_git_js__WEBPACK_IMPORTED_MODULE_1__.runGit)(['ls-tree', '-z', `${base}:${dir}`], { cwd: root, okCodes: [0, 128] });
        if (listed.code !== 0)
            continue;
        const entries = new Map();
        for (const line of listed.stdout.toString('utf8').split('\0')) {
            // `mode type oid\tname`
            const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line);
            if (match)
                entries.set(match[3], { mode: match[1] === '040000' ? '40000' : match[1], oid: match[2] });
        }
        trees.set(dir, entries);
    }
    return trees;
}
function depth(dir) {
    return dir ? dir.split('/').length : 0;
}
function treeConflict(path) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DiffDoesNotApplyError */ .sQ(path, 'a file and a directory of that name would both be there');
}
/**
 * The directories above `paths`, the root (`''`) included: what `treeWith` reads and writes, two git processes
 * each.
 */
function directoriesOf(paths) {
    const dirs = new Set(['']);
    for (const path of paths)
        for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1))
            dirs.add(path.slice(0, at));
    return dirs;
}


/***/ }),

/***/ 6879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dv: () => (/* binding */ fingerprintFailure)
});

// UNUSED EXPORTS: FINGERPRINT_ID_LENGTH, FINGERPRINT_VERSION, errorSignature, isFingerprintId, outputSignatures, problemSignature, testSignature

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/commands/check.ts
var check = __webpack_require__(9238);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/reports/text.ts
var reports_text = __webpack_require__(7080);
;// CONCATENATED MODULE: ./src/heal/noise.ts
/**
 * Noise removal for failure fingerprints: what differs between two runs of the same failure (colour, clocks,
 * durations, where the repository and the temp dirs are, line numbers, object addresses, ports, process ids)
 * is replaced by a placeholder, so that only what the failure is remains. Pure and linear-time: every pattern is
 * anchored by a word boundary or a lookbehind and has no nested unbounded repetition, so a pathological line
 * costs time proportional to its length.
 */


/** The placeholders noise is replaced with (stable names: they are part of every fingerprint). */
const PLACEHOLDERS = {
    time: '<time>',
    date: '<date>',
    duration: '<dur>',
    port: '<port>',
    hex: '<hex>',
    uuid: '<uuid>',
    pid: '<pid>',
    seed: '<seed>',
    number: 'N',
    temp: '<tmp>',
    absolute: '<abs>'
};
/**
 * Removes the noise from a text: ANSI codes, carriage-return progress, `file://` URLs, absolute paths (made
 * repository-relative, or a placeholder), ports, timestamps, `:line:col`, UUIDs, hex ids and addresses, durations,
 * process ids, random seeds and epoch milliseconds; runs of spaces become one and lines are trimmed. Line breaks
 * are kept, so callers can still pick lines.
 */
function removeNoise(text, options = {}) {
    let out = screenText(text);
    out = out.replace(/\bfile:\/\/\/?(?=[A-Za-z]:[\\/])/g, '').replace(/\bfile:\/\/(?=\/)/g, '');
    out = replacePaths(out, options.workspace);
    out = replacePorts(out);
    out = replaceTimestamps(out);
    out = replaceLineNumbers(out);
    out = replaceIds(out);
    out = replaceDurations(out);
    out = replaceProcessNoise(out);
    return out
        .split('\n')
        .map(line => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
        .join('\n');
}
/** The text as a terminal shows it: ANSI codes removed, CRLF as LF, lines redrawn with a bare `\r` as redrawn. */
function screenText(text) {
    const out = (0,reports_text/* stripAnsi */.aJ)(text).replace(/\r\n/g, '\n');
    return out.includes('\r') ? out.split('\n').map(lastRedraw).join('\n') : out;
}
/** What a terminal shows of a line redrawn with bare `\r`s (progress bars): the last segment. */
function lastRedraw(line) {
    let end = line.length;
    while (end > 0 && line[end - 1] === '\r')
        end--;
    const kept = line.slice(0, end);
    return kept.slice(kept.lastIndexOf('\r') + 1);
}
// ---------------------------------------------------------------------------------------------------------------
// Paths
/** A path segment: no separators, spaces, quotes, colons or brackets, so the match stops where a path does. */
const SEG = String.raw `[\w.@+~%$-]`;
/** POSIX absolute paths: not glued to a word, a URL (`://`) or another path. */
const POSIX_PATH = new RegExp(String.raw `(?<![\w.:/\\~$-])/${SEG}+(?:/${SEG}+)*/?`, 'g');
/** Windows absolute paths (`C:\...` or `C:/...`). */
const WINDOWS_PATH = new RegExp(String.raw `(?<![\w.\\/-])[A-Za-z]:[\\/](?:${SEG}+(?:[\\/]${SEG}+)*[\\/]?)?`, 'g');
/** Relative paths that climb out of the directory (`../../x/node_modules/...`): their depth is the checkout's. */
const CLIMBING_PATH = new RegExp(String.raw `(?<![\w.\\/-])(?:\.\.[\\/])+${SEG}+(?:[\\/]${SEG}+)*`, 'g');
/**
 * First segments of a POSIX path that make it a file-system path (rather than a URL route such as `/api/users`,
 * which is kept as printed).
 */
const FILESYSTEM_ROOTS = new Set([
    'home',
    'Users',
    'tmp',
    'var',
    'private',
    'opt',
    'usr',
    'mnt',
    'media',
    'srv',
    'root',
    'run',
    'etc',
    'lib',
    'lib64',
    'bin',
    'sbin',
    'snap',
    'nix',
    'proc',
    'dev',
    'Volumes',
    'Library',
    'System',
    'Applications',
    'workspace',
    'workspaces',
    'github',
    '__w',
    'builds',
    'app'
]);
/** CI workspaces recognised without being told: GitHub-hosted runners (Linux, Windows, containers). */
const CI_WORKSPACES = [
    /^\/home\/runner\/work\/([^/]+)\/\1(?:\/|$)/,
    /^\/__w\/([^/]+)\/\1(?:\/|$)/,
    /^[A-Za-z]:\/a\/([^/]+)\/\1(?:\/|$)/,
    /^\/github\/workspace(?:\/|$)/
];
/** Temp roots; the first segment below one is a generated name and is dropped. */
const TEMP_ROOTS = [
    /^(?:\/private)?\/(?:tmp|var\/tmp)\//,
    /^\/dev\/shm\//,
    /^(?:\/private)?\/var\/folders\/[^/]+\/[^/]+\/[TC]\//,
    /^\/home\/runner\/work\/_temp\//,
    /^\/__w\/_temp\//,
    /^[A-Za-z]:\/Users\/[^/]+\/AppData\/Local\/Temp\//i,
    /^[A-Za-z]:\/Windows\/Temp\//i,
    /^[A-Za-z]:\/a\/_temp\//i
];
/** Directories from which on a path reads the same on every machine (installed packages). */
const PACKAGE_ANCHOR = /(?:^|\/)(node_modules|site-packages|dist-packages|pkg\/mod)\//g;
function replacePaths(text, workspace) {
    let out = text;
    const roots = workspace ? workspaceVariants(workspace) : [];
    for (const root of roots) {
        // Literal match first: a workspace may hold characters a path segment may not (spaces).
        const pattern = new RegExp(`(?<![\\w.-])${(0,reports_text/* escapeRegExp */.Nt)(root)}(?:[\\\\/](${SEG}+(?:[\\\\/]${SEG}+)*[\\\\/]?)?|(?![\\w.\\\\/-]))`, isWindowsPath(root) ? 'gi' : 'g');
        out = out.replace(pattern, (_match, rest) => (rest ? rest.replace(/\\/g, '/') : '.'));
    }
    out = out.replace(POSIX_PATH, path => classifyPath(path, true));
    out = out.replace(WINDOWS_PATH, path => classifyPath(path, false));
    out = out.replace(CLIMBING_PATH, path => {
        const anchored = fromPackageAnchor(path.replace(/\\/g, '/'));
        return anchored ?? path;
    });
    return out;
}
/** The spellings a workspace may be printed in: as given, with either separator, and macOS's `/private` form. */
function workspaceVariants(workspace) {
    const trimmed = workspace.trim().replace(/[\\/]+$/, '');
    if (!/^(?:\/|[A-Za-z]:(?:[\\/]|$)|\\\\)/.test(workspace.trim())) {
        // A relative one would turn every word that spells it into a path: refuse rather than erase text.
        throw new errors/* InvalidInputError */.oC(`The workspace '${workspace}' is not an absolute path: pass the repository root as an absolute path ` +
            '(e.g. the checkout directory or GITHUB_WORKSPACE).');
    }
    // The file-system root (a repository at `/`) leaves nothing to remove.
    if (trimmed === '' || /^[A-Za-z]:$/.test(trimmed))
        return [];
    const variants = new Set([trimmed, trimmed.replace(/\\/g, '/'), trimmed.replace(/\//g, '\\')]);
    if (/^\/(?:tmp|var)\//.test(trimmed))
        variants.add(`/private${trimmed}`);
    if (/^\/private\/(?:tmp|var)\//.test(trimmed))
        variants.add(trimmed.slice('/private'.length));
    // Longest first, so that a longer spelling is not half-replaced by a shorter one.
    return [...variants].sort((a, b) => b.length - a.length);
}
function isWindowsPath(path) {
    return /^[A-Za-z]:[\\/]/.test(path) || path.includes('\\');
}
function classifyPath(path, posix) {
    const unified = path.replace(/\\/g, '/');
    for (const ci of CI_WORKSPACES) {
        const match = ci.exec(unified);
        if (match)
            return unified.slice(match[0].length) || '.';
    }
    const anchored = fromPackageAnchor(unified);
    if (anchored)
        return anchored;
    for (const temp of TEMP_ROOTS) {
        const match = temp.exec(unified);
        if (match)
            return tempPath(unified.slice(match[0].length));
    }
    if (posix) {
        const first = unified.slice(1).split('/', 1)[0];
        if (!FILESYSTEM_ROOTS.has(first) || unified.indexOf('/', 1) < 0)
            return path;
    }
    return `${PLACEHOLDERS.absolute}/${baseName(unified)}`;
}
/** `<abs>/node_modules/pkg/file.js`: from the last package directory on. */
function fromPackageAnchor(path) {
    let last;
    PACKAGE_ANCHOR.lastIndex = 0;
    for (let match = PACKAGE_ANCHOR.exec(path); match; match = PACKAGE_ANCHOR.exec(path))
        last = match;
    if (!last)
        return undefined;
    const start = last.index + (last[0].startsWith('/') ? 1 : 0);
    return `${PLACEHOLDERS.absolute}/${path.slice(start)}`;
}
/** Below a temp root: the generated first directory dropped, numbers in generated names made `N`. */
function tempPath(rest) {
    const segments = rest.split('/');
    const kept = segments.length > 1 ? segments.slice(1) : segments;
    return [PLACEHOLDERS.temp, ...kept.map(segment => segment.replace(/\d+/g, PLACEHOLDERS.number))].join('/');
}
function baseName(path) {
    const trailing = path.endsWith('/');
    const segments = path.split('/').filter(Boolean);
    const last = segments[segments.length - 1] ?? '';
    return trailing && last ? `${last}/` : last;
}
// ---------------------------------------------------------------------------------------------------------------
// Ports, timestamps, positions, ids, durations, processes
function replacePorts(text) {
    return text
        .replace(/\b(localhost|127\.0\.0\.1|0\.0\.0\.0|(?:\d{1,3}\.){3}\d{1,3}|host\.docker\.internal):\d{1,5}\b/gi, `$1:${PLACEHOLDERS.port}`)
        .replace(/\[(::1?|::ffff:[\d.]+)\]:\d{1,5}\b/gi, `[$1]:${PLACEHOLDERS.port}`)
        .replace(/(?<![\w:]):::\d{1,5}\b/g, `:::${PLACEHOLDERS.port}`)
        .replace(/\b(port)([ \t]?[:=][ \t]?|[ \t])\d{2,5}\b/gi, `$1$2${PLACEHOLDERS.port}`);
}
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|' +
    'Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b\\.?';
const WEEKDAY = '(?:Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:rs|rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\\b';
const ZONE = String.raw `(?:[ \t]?(?:Z|UTC|GMT[+-]\d{4}|GMT|[+-]\d{2}:?\d{2}|[A-Z]{2,4}T)\b)?`;
const ISO_DATETIME = new RegExp(String.raw `\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}[:_]\d{2}(?:[:_]\d{2}(?:[.,_]\d{1,9})?)?Z?${ZONE})?(?!\d)`, 'g');
const SLASH_DATE = /\b(?:\d{4}\/\d{2}\/\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{2}\/[A-Z][a-z]{2}\/\d{4}(?=:\d{2}:))\b/g;
const WORDY_DATE = new RegExp(String.raw `\b(?:${WEEKDAY},?[ \t]{1,40})?(?:\d{1,2}[ \t]{1,40}${MONTH}|${MONTH}[ \t]{1,40}\d{1,2}(?!\d))(?:,?[ \t]{1,40}\d{4}\b)?`, 'g');
const TIME_OF_DAY = new RegExp(String.raw `(?<![\d.])\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:[ \t]?[AaPp][Mm]\b)?${ZONE}(?:[ \t]\d{4}\b)?` +
    String.raw `|\b\d{1,2}:\d{2}[ \t]?[AaPp][Mm]\b`, 'g');
const WORDY_DATE_ALONE = new RegExp(String.raw `\b${WEEKDAY},?[ \t]{1,40}(?=<date>|<time>)`, 'g');
function replaceTimestamps(text) {
    return text
        .replace(ISO_DATETIME, match => (match.length > 10 ? PLACEHOLDERS.time : PLACEHOLDERS.date))
        .replace(SLASH_DATE, PLACEHOLDERS.date)
        .replace(/(?<=<date>):(?=\d{2}:\d{2}:\d{2})/g, ' ')
        .replace(WORDY_DATE, PLACEHOLDERS.date)
        .replace(TIME_OF_DAY, PLACEHOLDERS.time)
        .replace(WORDY_DATE_ALONE, '')
        .replace(/\b1[5-9]\d{11}\b/g, PLACEHOLDERS.time);
}
/** A file name's extension, or the end of `<anonymous>` / `foo)` / `[eval]`, before a `:line:col`. */
const AFTER_FILE = String.raw `(?<=\.[A-Za-z][A-Za-z0-9]{0,9}|[)\]>])`;
function replaceLineNumbers(text) {
    return (text
        .replace(new RegExp(String.raw `${AFTER_FILE}(?::\d+){1,2}(?!\d)`, 'g'), '')
        .replace(new RegExp(String.raw `${AFTER_FILE}\(\d+,[ \t]?\d+\)`, 'g'), '')
        // ESLint's stylish format starts a problem's line with its position.
        .replace(/^([ \t]*)\d+:\d+(?=[ \t]+(?:error|warning)\b)/gm, '$1')
        .replace(/\((\d+):(\d+)\)/g, `(${PLACEHOLDERS.number}:${PLACEHOLDERS.number})`)
        .replace(/\b(line|ln|col|column)([ \t]?[:=][ \t]?|[ \t])\d+\b/gi, `$1$2${PLACEHOLDERS.number}`)
        .replace(/\b(lines)[ \t]\d+[ \t]?-[ \t]?\d+\b/gi, `$1 ${PLACEHOLDERS.number}-${PLACEHOLDERS.number}`));
}
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX_RUN = /(?<![0-9A-Za-z])(?:[0-9a-f]{7,}|[0-9A-F]{7,})(?![0-9A-Za-z])/g;
const TEMP_NAME = /(?<![0-9A-Za-z])(tmp[-_]?|temp[-_])[A-Za-z0-9_-]{4,}/gi;
function replaceIds(text) {
    return (text
        .replace(UUID, PLACEHOLDERS.uuid)
        .replace(/\b0x[0-9a-f]{4,}\b/gi, `0x${PLACEHOLDERS.hex}`)
        // A hex id has both digits and letters: a plain number or a word made of a-f letters is kept.
        .replace(HEX_RUN, run => (/\d/.test(run) && /[a-f]/i.test(run) ? PLACEHOLDERS.hex : run))
        .replace(TEMP_NAME, (name, prefix) => /\d/.test(name) ? `${prefix}${PLACEHOLDERS.number}` : name));
}
const DURATION = new RegExp(String.raw `\b(?:\d+(?:\.\d+)?(?:h|m(?!s))){0,2}\d+(?:\.\d+)?[ \t]?` +
    String.raw `(?:ns|µs|μs|us|ms|s|secs?|seconds?|mins?|minutes?|m|h|hrs?|hours?)\b`, 'g');
/** Durations printed as a bare number after a name that says so (`duration_ms: 0.73` in TAP, `time=12`). */
const NAMED_DURATION = /\b(duration(?:_ms)?|elapsed(?:_ms)?|took|time(?:_ms)?)([ \t]?[:=][ \t]?|[ \t])\d+(?:\.\d+)?(?![\w.])/gi;
function replaceDurations(text) {
    return text.replace(DURATION, PLACEHOLDERS.duration).replace(NAMED_DURATION, `$1$2${PLACEHOLDERS.duration}`);
}
function replaceProcessNoise(text) {
    return text
        .replace(/\((node|deno|bun):\d+\)/g, `($1:${PLACEHOLDERS.pid})`)
        .replace(/\[\d+:(0x<hex>)\]/g, `[${PLACEHOLDERS.pid}:$1]`)
        .replace(/\b(pid|process id)([ \t]?[:=#][ \t]?|[ \t])\d+\b/gi, `$1$2${PLACEHOLDERS.pid}`)
        .replace(/\b(seed)([ \t]?[:=][ \t]?|[ \t])\d+\b/gi, `$1$2${PLACEHOLDERS.seed}`);
}
/**
 * A file path from a structured result made comparable: `file://` removed, the workspace prefix removed, absolute
 * paths outside it reduced like in `removeNoise`, `\` as `/`, no leading `./`.
 */
function normalizeFilePath(file, options = {}) {
    let path = file.trim();
    if (path.startsWith('file://')) {
        try {
            path = decodeURIComponent(path);
        }
        catch {
            // A stray `%`: keep it as printed.
        }
        path = path.replace(/^file:\/\/\/?(?=[A-Za-z]:[\\/])/, '').replace(/^file:\/\/(?=\/)/, '');
    }
    return replacePaths(path, options.workspace)
        .replace(/\\/g, '/')
        .replace(/^(?:\.\/)+/, '');
}

;// CONCATENATED MODULE: ./src/heal/fingerprint.ts
/**
 * The failure fingerprint (step 3 of the healing loop): a short stable hash of what failed, with the noise removed.
 * It is the key of the fix memory and the name of the branch (`self-heal/<id>`), so the same failure seen on
 * another machine, day, checkout directory or run order gives the same id, and another failing test, lint rule or
 * file gives another. Pure and synchronous; the work is bounded whatever the size of the output.
 */



/** Bumped whenever the rules change what is hashed, so old cache entries and branches are not matched wrongly. */
const FINGERPRINT_VERSION = 1;
/** The number of hex characters of the SHA-256 kept as the id (64 bits). */
const FINGERPRINT_ID_LENGTH = 16;
/** How much of a test message or lint message is examined (its start). */
const MESSAGE_CHARS = 8 * 1024;
/** How much of a test name or a file path is examined. */
const NAME_CHARS = 1024;
/** How long one normalised signature part may be. */
const PART_CHARS = 200;
/** How much of each output stream is examined (its end), and how many of its last lines. */
const TAIL_CHARS = 64 * 1024;
const TAIL_LINES = 400;
/** The output fallback keeps at most this many distinct error lines, or this many last lines when none. */
const OUTPUT_ERROR_LINES = 20;
const OUTPUT_PLAIN_LINES = 10;
/**
 * The fingerprint of a failed check, or undefined when it passed. Failed tests when any were parsed, else lint
 * or compiler problems (errors only when there are errors), else the tail of the output.
 */
function fingerprintFailure(kind, result, options = {}) {
    if ((0,check/* checkPassed */.xh)(result))
        return undefined;
    let basis;
    let parts;
    const tests = 'failedTests' in result ? result.failedTests : [];
    const problems = 'problems' in result ? countedProblems(result.problems) : [];
    if (tests.length > 0) {
        basis = 'tests';
        parts = tests.map(test => testSignature(test, options));
    }
    else if (problems.length > 0) {
        basis = 'problems';
        parts = problems.map(problem => problemSignature(problem, options));
    }
    else {
        basis = 'output';
        parts = outputSignatures(result, options);
    }
    // A run ended by the timeout is a failure of its own, whatever it had printed by then.
    if (result.timedOut)
        parts.push('status: timed out');
    else if (basis === 'output')
        parts.push(`exit: ${result.exitCode}`);
    // Code-unit order, not locale order: the same on every machine.
    const signatures = [...new Set(parts)].sort();
    const id = (0,external_node_crypto_.createHash)('sha256')
        .update(JSON.stringify(['self-heal-fingerprint', FINGERPRINT_VERSION, kind, basis, signatures]))
        .digest('hex')
        .slice(0, FINGERPRINT_ID_LENGTH);
    return { id, kind, basis, signatures, version: FINGERPRINT_VERSION };
}
/** Whether a string is a fingerprint id (e.g. the part after `self-heal/` in a branch name). */
function isFingerprintId(value) {
    return new RegExp(`^[0-9a-f]{${FINGERPRINT_ID_LENGTH}}$`).test(value);
}
/** A failed test's signature: `file :: suite › name :: error signature` (file and error when known). */
function testSignature(test, options = {}) {
    const file = test.file ? normalizeFilePath(test.file.slice(0, NAME_CHARS), options) : '';
    const name = oneLine(removeNoise(test.name.slice(0, NAME_CHARS), options));
    const error = errorSignature(test.message, options);
    return [file, name, error].filter(Boolean).join(' :: ');
}
/** A lint problem's or compiler diagnostic's signature: `file :: rule`, or `file :: message` without a rule. */
function problemSignature(problem, options = {}) {
    const file = normalizeFilePath(problem.file.slice(0, NAME_CHARS), options);
    const what = problem.rule?.trim() || `message: ${errorSignature(problem.message, options)}`;
    return `${file} :: ${what}`;
}
/**
 * The error signature of a failure message: the line that says what went wrong (pytest's first `E` line, a
 * Python traceback's exception line, else the first line that is not blank, a stack frame, a code frame or
 * decoration), with the noise removed, a generic leading `Error: ` dropped and at most 200 characters. A line
 * cut short by the tool (ending in `...` or `…`, as pytest does to fit the terminal) is reduced to its error
 * type (see `untruncated`).
 */
function errorSignature(message, options = {}) {
    const lines = screenText(message.slice(0, MESSAGE_CHARS)).split('\n');
    const chosen = pytestErrorLine(lines) ?? tracebackLine(lines) ?? lines.find(line => !isNoiseLine(line));
    if (chosen === undefined)
        return '';
    const signature = oneLine(removeNoise(chosen, options)).replace(/^(?:Uncaught )?Error: (?=\S)/, '');
    return untruncated(signature).slice(0, PART_CHARS);
}
/**
 * The output fallback: from the last lines of stdout and stderr (at most 64 KiB and 400 lines of each), the
 * distinct lines that name an error (at most 20, in sorted order), or when none does, the last 10 meaningful
 * lines; stack frames, code frames and decoration are skipped and the noise is removed.
 */
function outputSignatures(result, options = {}) {
    const raw = [...tailLines(result.stdout), ...tailLines(result.stderr)].filter(line => !isNoiseLine(line, false));
    const lines = removeNoise(raw.join('\n'), options)
        .split('\n')
        .map(line => untruncated(line.replace(DECORATION, '')).slice(0, PART_CHARS))
        .filter(line => /\p{L}/u.test(line.replace(/<[a-z]+>/g, '')));
    const errors = lines.filter(isErrorLine);
    const chosen = errors.length > 0 ? errors : lines.slice(-OUTPUT_PLAIN_LINES);
    return [...new Set(chosen)]
        .sort()
        .slice(0, OUTPUT_ERROR_LINES)
        .map(line => `output: ${line}`);
}
/**
 * A line the tool cut to fit the terminal (ending in `...` or `…`, as pytest's summary does) depends on the width
 * where it was cut: keep what does not, the error type (`AssertionError`), else what comes before ` - ` (pytest's
 * `FAILED test - message`), else the first word.
 */
function untruncated(line) {
    if (!line.endsWith('...') && !line.endsWith('…'))
        return line;
    const type = /^([\w$.]+(?: \[\w+\])?):/.exec(line);
    if (type)
        return type[1];
    const dash = line.indexOf(' - ');
    if (dash > 0)
        return line.slice(0, dash);
    return line.split(' ')[0];
}
/** Errors when there are any: warnings count only when they are all there is (e.g. `--max-warnings 0`). */
function countedProblems(problems) {
    const errors = problems.filter(problem => problem.severity === 'error');
    return errors.length > 0 ? errors : problems;
}
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
function tailLines(text) {
    const cut = text.length > TAIL_CHARS;
    const lines = screenText(cut ? text.slice(-TAIL_CHARS) : text).split('\n');
    // The first line of a cut tail is a partial one: where it starts depends on the length of everything after.
    if (cut)
        lines.shift();
    return lines.slice(-TAIL_LINES);
}
/** pytest marks the lines of the error with `E` in column 0. */
function pytestErrorLine(lines) {
    for (const line of lines) {
        const match = /^E {2,}(\S.*)$/.exec(line);
        if (match)
            return match[1];
    }
    return undefined;
}
/** A Python traceback ends with the exception, on the first unindented line after it. */
function tracebackLine(lines) {
    const start = lines.findIndex(line => /^Traceback \(most recent call last\):/.test(line));
    if (start < 0)
        return undefined;
    return lines
        .slice(start + 1)
        .find(line => /^\S/.test(line) && !/^(?:Traceback|During handling|The above exception)/.test(line));
}
const STACK_FRAME = [
    // JavaScript / Java / C#: `at fn (file:1:2)`, `at file:1:2`, `at new X (...)`, `at async fn (...)`.
    /^\s*at (?:async )?(?:new )?(?:\S+(?: \[as [^\]]+\])? \(.*\)|\S+:\d+(?::\d+)?\)?|<anonymous>|native)\s*$/,
    // Python.
    /^\s*File ".*", line \d+/,
    // Go panics.
    /^\s*goroutine \d+ \[/,
    /^\s+\S+\.go:\d+(?: \+0x[0-9a-f]+)?\s*$/,
    // Code frames (Jest, Vitest, Babel, tsc --pretty): `> 12 | code`, `   | ^`, `~~~~`.
    /^\s*(?:>\s*)?\d+\s*\|/,
    /^\s*\|/,
    /^\s*[\^~]+\s*$/
];
/** Jest's block headers (`● suite › test`): not a message's error line, but in an output they name the test. */
const JEST_HEADER = /^\s*● /;
function isNoiseLine(line, inMessage = true) {
    if (!/[\p{L}\p{N}]/u.test(line))
        return true;
    if (inMessage && JEST_HEADER.test(line))
        return true;
    return STACK_FRAME.some(pattern => pattern.test(line));
}
const ERROR_WORDS = /\b\w*(?:error|exception)\b|\b(?:errors?|fatal|fail(?:s|ed|ure|ures|ing)?|exception|panic(?:ked)?|traceback|assert(?:ion)?|cannot|can't|could not|couldn't|unable to|not found|no such|undefined reference|segmentation fault|denied|refused|abort(?:ed)?|killed|out of memory|missing)\b|\bERR!/i;
/** `0 errors`, `0 failed`: a summary saying nothing failed is not an error line. */
const ZERO_COUNTS = /\b0 (?:errors?|fail(?:ed|ures?|ing)?)\b/gi;
/** Test runners' failure markers: Jest `●`/`✕`, Vitest `×`, node:test `✖`, TAP `not ok`, Go `--- FAIL`, Mocha `1)`. */
const FAILURE_MARKER = /^(?:[●✕×✖✗] |not ok\b|--- FAIL\b|\d+\) \S)/;
/** A line holding only a file path: the header of the problems below it (ESLint's stylish format). */
const PATH_HEADER = /^[\w.@~<>-]*[/\\][\w.@~<>/\\-]*\.\w+$/;
/**
 * A formatter's line naming a file it would change: Prettier's `[warn] a.ts`, Biome's `a.ts format` header,
 * ruff's and black's `would reformat a.py`, rustfmt's `Diff in a.rs` (see src/reports/formatters.ts).
 */
const FORMATTER_FILE = /^(?:\[warn\] [^\s:]+\.\w+$|[Ww]ould reformat:? \S|Diff in \S|\S+\.\w+ (?:format|lint|assist|organizeImports)\b)/;
/** Box-drawing rules (Biome's `━━━` after a header) are as long as the terminal is wide. */
const DECORATION = /\s*[━─═]{3,}/g;
function isErrorLine(line) {
    return (FAILURE_MARKER.test(line) ||
        PATH_HEADER.test(line) ||
        FORMATTER_FILE.test(line) ||
        ERROR_WORDS.test(line.replace(ZERO_COUNTS, '')));
}


/***/ }),

/***/ 6546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S: () => (/* binding */ runHeal)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/commands/check.ts
var commands_check = __webpack_require__(9238);
// EXTERNAL MODULE: ./src/adapters/verdict.ts
var verdict = __webpack_require__(2749);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/diff/select.ts
var diff_select = __webpack_require__(3891);
// EXTERNAL MODULE: ./src/heal/auto-fix.ts + 1 modules
var auto_fix = __webpack_require__(6861);
// EXTERNAL MODULE: ./src/heal/fingerprint.ts + 1 modules
var heal_fingerprint = __webpack_require__(6879);
// EXTERNAL MODULE: ./src/heal/memory.ts
var memory = __webpack_require__(9667);
// EXTERNAL MODULE: ./src/heal/policy.ts + 4 modules
var heal_policy = __webpack_require__(7949);
// EXTERNAL MODULE: ./src/heal/policy-context.ts
var policy_context = __webpack_require__(9364);
// EXTERNAL MODULE: ./src/diff/parse.ts + 1 modules
var parse = __webpack_require__(9566);
// EXTERNAL MODULE: ./src/heal/propose.ts + 1 modules
var propose = __webpack_require__(2354);
// EXTERNAL MODULE: ./src/heal/report.ts
var report = __webpack_require__(9846);
// EXTERNAL MODULE: ./src/heal/fixers.ts
var fixers = __webpack_require__(1841);
// EXTERNAL MODULE: ./src/heal/verify-remote.ts
var verify_remote = __webpack_require__(5684);
;// CONCATENATED MODULE: ./src/heal/user-changes.ts


/** Watches one heal's checkout for changes that are not self-heal's, a fixer's or the check's output. */
class UserChanges {
    workspace;
    untracked;
    /** The error the heal was abandoned with, once it was: the loop then leaves the checkout through `leave`. */
    abandoned;
    /** HEAD or the index moved: then nothing is put back, not even self-heal's own changes to the files. */
    repositoryMoved = false;
    /** Whether self-heal may have changed the checkout yet (its first state is taken once `beforeStart` passed). */
    started = false;
    /** Files the last check added (its output), which are self-heal's to remove. */
    checkOutput = [];
    constructor(workspace, 
    /** Paths untracked when the heal started: a check may rewrite its own reports among them. */
    untracked) {
        this.workspace = workspace;
        this.untracked = untracked;
    }
    /**
     * Throws when HEAD or the index moved since the workspace's `markRepository`: no fixer was running, so someone
     * else moved them.
     */
    async repository(when) {
        const moved = await this.workspace.repositoryChanges();
        if (!moved.length)
            return;
        this.repositoryMoved = true;
        this.abandon(`${moved.join('; ')} ${when}`, this.started ? '' : NOTHING_YET);
    }
    /**
     * After a fixer ran (and its changes outside the work files were put back): what the workspace tells was not the
     * fixer's doing (staging outside the fixer's own index, a commit or a branch logged by someone else) is someone
     * else's, and nothing of it is put back.
     */
    async afterFixer(inCopy = false) {
        const moved = (await this.workspace.othersChanges?.()) ?? [];
        if (!moved.length)
            return;
        this.repositoryMoved = true;
        this.duringFixer = !inCopy;
        this.abandon(`${moved.join('; ')}, while a fixer ran`);
    }
    /**
     * After a fixer ran in a copy of the files at `current` (the files are `now`): nothing in the heal changed the
     * checkout meanwhile, so any change there is someone else's, and it ends the heal before the fixer's changes are
     * written into the checkout.
     */
    async afterFixerInCopy(current, now) {
        if (now === current)
            return;
        this.abandon(`${list(await changedPaths(this.workspace, current, now))} changed while a fixer ran (in a copy of the checkout: these changes are not the fixer's)`);
    }
    /** Whether the heal was abandoned just after a fixer in the checkout: its changes are not in any state yet. */
    duringFixer = false;
    /**
     * With the first state (`start`), before anything is changed: a tracked file that changed while the check ran
     * is someone's edit.
     */
    async beforeStart(start) {
        await this.repository('while the check ran');
        this.started = true;
        const changed = await this.workspace.changedTrackedFiles(start);
        if (changed.length) {
            this.abandon(`${list(changed)} changed while the check ran`, NOTHING_YET);
        }
    }
    /**
     * After the check ran on `state` (the files are `now`): a check writes new files (reports, caches) and its own
     * reports among the untracked files, not the commit's files or a fixer's; a change to those is someone's edit.
     */
    async afterCheck(state, now) {
        await this.repository('while the check ran');
        const patches = state === now ? [] : (0,parse/* parseGitDiff */.T)(await this.workspace.diff(state, now));
        const edited = patches
            .filter(patch => patch.kind !== 'add')
            .flatMap(patch => [patch.oldPath, ...(patch.newPath ? [patch.newPath] : [])])
            .filter(path => !this.untracked.has(path));
        if (!edited.length)
            return;
        this.checkOutput = patches.filter(patch => patch.kind === 'add').map(patch => patch.newPath);
        this.abandon(`${list(unique(edited))} changed while the check ran (a check adds files, it does not edit these)`);
    }
    /**
     * At the end of the loop, the files must be as self-heal left them (`current`), and HEAD and the index too. With
     * `compared`, the last check's snapshot (`afterCheck`) already compared the files, and nothing ran since: only
     * HEAD and the index are read again.
     */
    async atEnd(current, compared = false) {
        await this.repository('while the heal ran');
        if (compared)
            return;
        const now = await this.workspace.snapshot();
        if (now !== current)
            this.abandon(`${list(await changedPaths(this.workspace, current, now))} changed while the heal ran`);
    }
    /**
     * Leaves the checkout after `abandoned`: when only files were changed, self-heal's own changes since `start`
     * (`current` holds them) are put back on the paths nobody else changed, and true is returned (HEAD and the index
     * are self-heal's to settle); when HEAD or the index moved, nothing is put back. Completes the error's message
     * with the state the checkout is in.
     */
    async leave(start, current) {
        const error = this.abandoned;
        if (this.repositoryMoved) {
            // Just after a fixer, its changes and someone else's edits made while it ran cannot be told apart.
            const own = this.duringFixer
                ? await changedPaths(this.workspace, start, await this.workspace.snapshot())
                : await changedPaths(this.workspace, start, current);
            const whose = this.duringFixer
                ? "changes made since the heal started (the fixer's, and any made by hand while it ran)"
                : "a fixer's uncommitted changes";
            error.message += ` self-heal left the checkout as it is (HEAD, the index and the files)${own.length
                ? `: ${list(own)} still ${own.length === 1 ? 'holds' : 'hold'} ${whose}; \`git restore --source=${start} -- <path>\` puts a file back as it was before the heal (one added since: delete it)`
                : ''}. Heal again once nobody else works in the checkout.`;
            return false;
        }
        const own = await changedPaths(this.workspace, start, current);
        const now = await this.workspace.snapshot();
        const output = new Set(this.checkOutput);
        const theirs = (await changedPaths(this.workspace, current, now)).filter(path => !output.has(path));
        const mine = new Set(theirs);
        const undo = [...own, ...output].filter(path => !mine.has(path));
        const mixed = own.filter(path => mine.has(path));
        await this.workspace.restore(start, now, undo);
        error.message +=
            ` self-heal put back its own changes${undo.length ? ` (${list(undo)})` : ''} and left yours as you made them: ${list(theirs)}` +
                `${mixed.length ? `; ${list(mixed)} also ${mixed.length === 1 ? 'holds' : 'hold'} a fixer's change under yours: check them (git diff)` : ''}. Heal again once nobody else works in the checkout.`;
        return true;
    }
    abandon(detail, state = '') {
        this.abandoned = new errors/* CheckoutChangedError */.dt(`The checkout changed while heal ran in it, so the heal was abandoned: ${detail}.${state}`);
        throw this.abandoned;
    }
}
const NOTHING_YET = ' self-heal had changed nothing yet: the checkout is as you left it. Heal again once nobody else works in it.';
/** The paths a change from one state to another touches (both paths of a rename). */
async function changedPaths(workspace, from, to) {
    if (from === to)
        return [];
    const patches = (0,parse/* parseGitDiff */.T)(await workspace.diff(from, to));
    return unique(patches.flatMap(patch => [patch.oldPath, patch.newPath].filter((p) => Boolean(p))));
}
function unique(paths) {
    return [...new Set(paths)];
}
function list(paths) {
    return paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ');
}

;// CONCATENATED MODULE: ./src/heal/loop.ts
/**
 * The healing loop, over ports only: check; on a failure, re-run at the same commit (a pass is flaky, never
 * fixed); fingerprint the failure; try the fix remembered for that fingerprint, then the user's fixers in order;
 * police each diff; verify it by re-running the check; deliver the verified fix; remember it. The workspace is
 * always left as it was found: the fix lives on a branch (or in a review), not in the checkout. The kill switch and
 * the loop guards stop healing, never the check: it runs, and `failWhen` decides whether the run failed.
 */
















/** Runs the healing loop. Throws only for bad configuration or a broken environment; outcomes are returned. */
async function runHeal(deps, request) {
    const { workspace, log } = deps;
    const policy = request.policy ?? heal_policy/* DEFAULT_POLICY */.zj;
    const reruns = request.reruns ?? 1;
    const failWhen = request.failWhen ?? 'unhealed';
    const shape = request.shape ?? {};
    let budget = request.maxAttempts ?? 5;
    const dryRun = Boolean(request.dryRun);
    const cwd = request.cwd ?? workspace.root;
    /** The commit's files that say what the check runs, read once a heal (see checkDefinitionFiles). */
    let definition;
    const base = {
        kind: request.kind,
        failWhen,
        attempts: [],
        remembered: false,
        dryRun
    };
    const end = (outcome, reason, extra = {}) => {
        const failing = base.check !== undefined && !base.check.passed && outcome !== 'flaky';
        const ok = failWhen === 'never' || !failing || (failWhen === 'unhealed' && outcome === 'healed');
        // A healed run that still fails the step (fail-when failing) says so first, and where the fix is.
        const why = !ok && outcome === 'healed'
            ? `The ${request.kind} check fails at ${workspace.head.slice(0, 12)} (fail-when: failing), and a fix is ready: ${reason}`
            : reason;
        return { outcome, ok, reason: why, ...base, ...extra };
    };
    /** Runs the check in `dir` (default: `cwd` in the workspace; for verify: clean, the same place in a copy). */
    const check = async (dir = cwd) => {
        const result = await interruptible((0,commands_check/* runCheckResult */.L2)(deps.execution, request.kind, request.check, {
            cwd: dir,
            ...request.checkOptions,
            signal: deps.signal
        }));
        stopIfInterrupted();
        return result;
    };
    /** The check alone, for a run that does not heal: its result decides the run by `failWhen`. */
    const checkOnly = async (outcome, why) => {
        log.info(`${why} Running the ${request.kind} check only.`);
        base.check = (0,commands_check/* toCheckOutput */.rR)(request.kind, await check());
        return end(outcome, `${why} The ${request.kind} check ${base.check.passed ? 'passes' : 'fails'}${base.check.passed ? '' : `; nothing was healed`}.`);
    };
    if (request.verify === 'remote')
        (0,verify_remote/* assertRemoteVerify */.I)(request, deps.remoteVerify);
    if (request.disabled)
        return checkOnly('disabled', `Healing is switched off: ${request.disabled}.`);
    // Loop guard: a commit self-heal made, or one of its branches, is not healed again.
    const branch = await workspace.currentBranch();
    if (branch && (0,propose/* isOwnBranch */.t$)(branch, shape)) {
        return checkOnly('skipped', `The branch ${branch} is self-heal's own: it is not healed again.`);
    }
    // A pull request's workflow checks out a detached merge commit: its branch (the base a fix would go to) says
    // whether the pull request is self-heal's own.
    if (request.base && (0,propose/* isOwnBranch */.t$)(request.base, shape)) {
        return checkOnly('skipped', `The fix would be proposed to ${request.base}, which is self-heal's own branch: it is not healed again.`);
    }
    if (new RegExp(`^${propose/* FINGERPRINT_TRAILER */.pz}:`, 'm').test(await workspace.headMessage())) {
        return checkOnly('skipped', `The commit checked out (${workspace.head.slice(0, 12)}) was made by self-heal: it is not healed again.`);
    }
    const changed = await workspace.changedTrackedFiles();
    if (changed.length) {
        throw new errors/* ConfigurationError */.j1(`heal proposes its fix as a commit on ${workspace.head.slice(0, 12)}, but tracked files differ from it ` +
            `(${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''}): commit or stash them first (untracked files are fine).`);
    }
    // Where a fix would go is known now: a run that cannot propose says so before it runs anything.
    const target = request.base ?? branch;
    if (!target && !dryRun && !request.noProposal) {
        throw new errors/* ConfigurationError */.j1('The checkout is on a detached HEAD, so there is no branch to propose a fix to: give the base branch (--base, or the input `base`).');
    }
    let deliver = request.deliver ?? 'pull-request';
    if ((deliver === 'commit' || deliver === 'suggest') && !request.pullRequest) {
        log.info(`deliver '${deliver}' needs a pull request's workflow; this is not one, so a fix is proposed as a pull request.`);
        deliver = 'pull-request';
    }
    // HEAD and the index as self-heal found them: whoever moves them while no fixer runs is someone else.
    await workspace.markRepository();
    log.info(`Running the ${request.kind} check.`);
    const first = await check();
    base.check = (0,commands_check/* toCheckOutput */.rR)(request.kind, first);
    if (base.check.passed)
        return end('passed', `The ${request.kind} check passes: nothing to heal.`);
    const broken = (0,report/* brokenCheck */.IH)(request.kind, base.check);
    if (broken)
        return end('broken-check', broken);
    for (let run = 1; run <= reruns; run++) {
        log.info(`The ${request.kind} check failed; running it again at the same commit (${run} of ${reruns}).`);
        if ((0,commands_check/* checkPassed */.xh)(await check())) {
            return end('flaky', (0,report/* flakyReason */.g0)(request.kind, base.check));
        }
    }
    const fingerprint = (0,heal_fingerprint/* fingerprintFailure */.dv)(request.kind, first, { workspace: workspace.root });
    base.fingerprint = { id: fingerprint.id, basis: fingerprint.basis, signatures: fingerprint.signatures };
    log.info(`Failure fingerprint ${fingerprint.id} (${(0,report/* plural */.LS)(fingerprint.signatures.length, 'signature')}).`);
    // A maintainer who closed self-heal's pull request for this failure said no: nothing is tried again.
    const writes = !dryRun && !request.noProposal;
    if (writes) {
        const declined = await (0,propose/* declinedBy */.OD)(await deps.git(), (0,propose/* fixBranch */.k9)(shape, fingerprint.id), fingerprint.id, shape);
        if (declined) {
            if (!request.memoryReadOnly)
                await noteDeclinedFix(declined.pullRequest);
            return end('declined', declined.reason);
        }
    }
    // The fix memory is read once the first state is taken: it opens (a module, a database) while git takes it.
    const cache = deps.cache();
    cache.catch(() => undefined);
    // The first state, whose scan also tells the user's untracked files: they are not in the base a fix is proposed
    // on, so what fixers do to them is put back with everything else, and never proposed.
    const start = await workspace.snapshot();
    const untracked = new Set(await workspace.untrackedFiles(start));
    const candidate = async (from, to) => {
        const { diff, dropped } = (0,diff_select/* withoutPaths */.f)(await workspace.diff(from, to), untracked);
        for (const path of dropped) {
            if (base.excluded?.includes(path))
                continue;
            (base.excluded ??= []).push(path);
            log.info(`Left out of the fix: ${path}, which was untracked before heal started (its changes are put back, never proposed).`);
        }
        return diff;
    };
    const user = new UserChanges(workspace, untracked);
    await user.beforeStart(start);
    let fix;
    let current = start;
    // The fixers whose changes `current` holds, and what became of the candidates that were not kept.
    const applied = [];
    const earlier = [];
    const verifyFailures = new Map();
    try {
        // Recall: a fix verified before for this fingerprint is tried first.
        const remembered = await (0,memory/* recall */.I9)(await cache, deps.repository, fingerprint.id, request.kind);
        if (remembered) {
            log.info(`Trying the fix remembered for ${fingerprint.id} (verified ${remembered.verifiedAt}).`);
            const attempt = { source: 'memory', result: 'does-not-apply' };
            base.attempts.push(attempt);
            if (await workspace.apply(remembered.diff)) {
                current = await workspace.snapshot();
                const diff = await candidate(start, current);
                const tried = await police(diff, attempt);
                if (tried && (await verify(attempt, current))) {
                    fix = { source: 'memory', fixers: remembered.fixers, diff, stats: tried };
                }
                else {
                    await workspace.restore(start, current);
                    current = start;
                }
            }
            await countReplay(fingerprint.id, Boolean(fix));
            noteEarlier(attempt);
        }
        // Fix: the user's fixers in order, each on top of the ones before it that the policy accepted; one whose
        // candidate was refused or failed verification may run again, from where it started, told why.
        for (const fixer of fix ? [] : (deps.resolveFixers?.(first) ?? request.fixers)) {
            const before = current;
            const retries = (0,fixers/* retriesFor */.i8)(fixer, request.fixerRetries);
            for (let run = 0;; run++) {
                const { result } = await tryFixer(fixer);
                if (fix || run >= retries || budget <= 0 || (result !== 'refused' && result !== 'check-failed'))
                    break;
                log.info(`Running '${fixer}' again, told why its last candidate was ${result} (retry ${run + 1} of ${retries}).`);
                if (current !== before) {
                    await workspace.restore(before, await workspace.snapshot());
                    current = before;
                    applied.pop();
                }
            }
            if (fix)
                break;
        }
        // A fix verified in place: its verification ran last, and its snapshot already compared the files with `current`.
        await user.atEnd(current, Boolean(fix) && request.verify !== 'clean');
    }
    finally {
        // The checkout is left as it was found, whatever happened: its files, its index and its HEAD. Unless someone
        // else changed it meanwhile: then only self-heal's own changes go, where that touches nothing of theirs. When a
        // fix was verified in place, its verification was the last to run and put the files back at `current`: no
        // snapshot is needed (a clean verification ran commands after that, elsewhere).
        const putBack = fix && request.verify !== 'clean';
        if (!user.abandoned)
            await workspace.restore(start, putBack ? current : await workspace.snapshot());
        if (!user.abandoned || (await user.leave(start, current)))
            await settle();
    }
    if (!fix) {
        const tried = base.attempts.length;
        return finish(end('not-healed', tried
            ? `No verified fix: ${(0,report/* plural */.LS)(tried, 'candidate')} tried, none made the ${request.kind} check pass within the policy.`
            : `No verified fix: nothing was remembered for this failure and no fixer is configured.`));
    }
    base.fix = fix;
    if (dryRun) {
        return end('healed', `Dry run: a fix (${(0,propose/* describeFix */.D6)(fix)}) makes the ${request.kind} check pass; nothing was written.`);
    }
    // Verified on its branch too (verify: remote), the fix is remembered only once the run there passed.
    const remote = request.verify === 'remote' ? deps.remoteVerify : undefined;
    if (!remote)
        await rememberFix(fix);
    if (request.noProposal) {
        return end('not-proposed', `A fix (${(0,propose/* describeFix */.D6)(fix)}) was verified but not proposed: ${request.noProposal}`);
    }
    const git = await deps.git();
    const branchChange = deps.branchChange ??
        (async (from, to) => {
            try {
                return await git.getDiff(from, to);
            }
            catch (error) {
                if (error instanceof errors/* RefNotFoundError */.ZA)
                    return undefined;
                throw error;
            }
        });
    const verification = remote
        ? (0,verify_remote/* branchVerification */.q)({ ...remote, deleteBranch: deps.deleteBranch ?? ((name, at) => git.deleteBranch(name, at)), log }, request, [...base.attempts].reverse().find(attempt => attempt.result === 'verified'))
        : undefined;
    const delivered = await (0,propose/* deliverFix */.hQ)({
        git,
        branchChange,
        fix,
        fingerprint,
        kind: request.kind,
        base: target,
        from: deps.branchFrom ? await deps.branchFrom(target) : undefined,
        deleteBranch: deps.deleteBranch,
        deliver,
        pullRequest: request.pullRequest,
        shape,
        facts: {
            check: typeof request.check === 'string' ? request.check : request.check.join(' '),
            failed: base.check.failedTests.length ? base.check.failedTests.map(test => test.name) : undefined,
            runUrl: request.links?.run,
            commit: workspace.head,
            commitUrl: request.links?.repository && `${request.links.repository}/commit/${workspace.head}`
        },
        log,
        verifyBranch: verification?.run
    });
    base.proposal = delivered.proposal;
    if (verification?.verified === false) {
        delete base.fix;
        return finish(end('not-healed', `No verified fix: ${delivered.reason} No pull request was opened.`));
    }
    if (verification?.verified)
        await rememberFix(fix);
    return finish(end(delivered.outcome, delivered.reason));
    /** Keeps the verified fix in the memory, where this run may write it. */
    async function rememberFix(fix) {
        try {
            if (request.memoryReadOnly) {
                log.info(`The fix is not remembered: ${request.memoryReadOnly}.`);
            }
            else {
                await (0,memory/* remember */.kY)(await deps.cache(), deps.repository, fingerprint.id, request.kind, fix, (deps.now ?? (() => new Date()))(), { commit: workspace.head });
                base.remembered = true;
            }
        }
        catch (error) {
            // A fix too big for the memory is still a fix: it is proposed, and found again by the fixers next time.
            log.warning(`The fix was not remembered: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    /** Puts the index and HEAD back, saying what a fixer did to them. */
    async function settle() {
        const settled = await workspace.settle();
        if (settled.indexNotRestored) {
            log.warning('A fixer changed the git index, and it could not be put back (another git command holds index.lock): check `git status`.');
        }
        if (settled.headMovedTo) {
            log.warning(`A fixer made a commit (${settled.headMovedTo.slice(0, 12)}): the checkout was put back at ${workspace.head.slice(0, 12)} (the commit is in the reflog). Fixers should only change files.`);
        }
    }
    /** On a same-repository pull request, the one comment self-heal keeps there says how this heal ended. */
    async function finish(output) {
        if (!request.pullRequest || !writes)
            return output;
        try {
            const comment = await (0,propose/* updateContributorComment */.qx)(await deps.git(), request.pullRequest, output, workspace.head);
            if (output.proposal)
                output.proposal.comment = comment;
            else
                log.info(`Comment on pull request #${request.pullRequest.number}: ${comment.url}`);
        }
        catch (error) {
            // The heal's result stands without its comment.
            log.warning(`Could not comment on pull request #${request.pullRequest.number}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        return output;
    }
    /** Polices a diff: its stats when accepted, undefined (and the attempt marked) when refused or empty. */
    async function police(diff, attempt) {
        const what = attempt.source === 'memory' ? 'the remembered fix' : `the changes of '${attempt.fixer}'`;
        return (0,heal_policy/* judgeAttempt */.Bc)((0,heal_policy/* checkPolicy */.hM)(diff, policy, await policyContext(diff)), attempt, what, log);
    }
    /**
     * What the policy needs to know besides the diff: the check (the files it runs are part of its definition), whether
     * the failure is a snapshot mismatch (snapshots may then change), and the base files the diff changes, read whole.
     */
    async function policyContext(diff) {
        let paths = [];
        try {
            paths = (0,parse/* parseGitDiff */.T)(diff).flatMap(patch => (patch.oldPath ? [patch.oldPath] : []));
        }
        catch {
            // A malformed diff is the policy's to refuse.
        }
        const committed = await workspace.readCommitted(paths);
        const check = (0,policy_context.checkLine)(request.check);
        // What the check runs (an npm script's shell script) is read from the commit even when the diff leaves it alone.
        definition ??= (0,policy_context.checkDefinitionFiles)(check, wanted => workspace.readCommitted(wanted));
        const runs = await definition;
        return {
            check,
            kind: request.kind,
            snapshotFailure: (0,auto_fix/* snapshotTestFiles */.E)(base.check?.failedTests ?? []).length > 0,
            readBase: path => committed.get(path) ?? runs.get(path)
        };
    }
    /** Ends the loop on an interrupt; the `finally` above puts the workspace back on the way out. */
    function stopIfInterrupted() {
        if (deps.signal?.aborted)
            throw new errors/* InterruptedError */.p4(deps.signal.reason);
    }
    /** A run that an interrupt ended rejects (with an AbortError): that is the interrupt, said as one. */
    async function interruptible(run) {
        try {
            return await run;
        }
        catch (error) {
            stopIfInterrupted();
            throw error;
        }
    }
    /** Refuses a fixer that changed more than work files: what it touched, and what could not be put back. */
    function refuseOutside(attempt, outside) {
        attempt.result = 'refused';
        attempt.violations = outside.map(change => ({
            rule: 'outside-work-files',
            file: change.path,
            message: `The fixer ${change.change} ${change.path}, which is not a work file: fixers may only change the checkout's files. ${change.undone
                ? 'It was put back.'
                : 'It could not be put back: reinstall what it belongs to (e.g. npm ci) before the next run.'}`
        }));
        log.warning(`The changes of '${attempt.fixer}' are refused: ${attempt.violations.map(v => v.message).join(' ')}`);
    }
    /**
     * Runs one fixer on `current` with the failure as its context; polices its candidate (leaving out the files
     * the policy refused, when the rest passes) and verifies what is kept. Sets `fix` when it verifies.
     */
    async function tryFixer(fixer) {
        const attempt = { source: 'fixer', fixer, result: 'no-change' };
        base.attempts.push(attempt);
        try {
            if (budget <= 0) {
                attempt.result = 'over-budget';
                return attempt;
            }
            log.info(`Running the fixer: ${fixer}`);
            await user.repository('before a fixer ran');
            await workspace.guard();
            // Where someone may work in the checkout meanwhile, the fixer runs in a copy of the files at `current`.
            const copy = request.fixersInCopy ? await workspace.fixerCopy?.(current) : undefined;
            if (copy)
                log.info(`The fixer runs in a copy of the checkout (${copy.root}); its changes are brought back after it.`);
            const env = await deps.fixerContext?.({
                check: request.check,
                kind: request.kind,
                fingerprint: base.fingerprint,
                failure: base.check,
                policy,
                attempt: base.attempts.length,
                maxAttempts: request.maxAttempts ?? 5,
                earlier: [...earlier],
                ...(copy ? { runsIn: { checkout: workspace.root, copy: copy.root } } : {})
            });
            // The workspace's variables last: a fixer's context cannot choose the index it stages in.
            const fixerEnv = { ...env, ...(await workspace.fixerEnvironment?.()) };
            const ran = await interruptible(deps.execution.runCommand(fixer, {
                cwd: copy ? (0,external_node_path_.join)(copy.root, (0,external_node_path_.relative)(workspace.root, cwd)) : cwd,
                timeoutSeconds: request.fixerTimeoutSeconds ?? 600,
                signal: deps.signal,
                ...(Object.keys(fixerEnv).length ? { env: fixerEnv } : {})
            }));
            attempt.exitCode = ran.exitCode;
            // Before anything else reads the checkout: what the fixer did to the repository's metadata is put back first.
            const outside = await workspace.outsideChanges();
            // Someone else's staging, commits or branches made while the fixer ran end the heal; nothing of theirs is undone.
            await user.afterFixer(Boolean(copy));
            // What the fixer did to HEAD is its own (settle puts it back), not someone else's.
            await workspace.markRepository();
            stopIfInterrupted();
            let after;
            if (copy) {
                const taken = await copy.take();
                outside.push(...taken.outside);
                // The fixer ran in the copy: whatever changed in the checkout meanwhile is someone else's.
                await user.afterFixerInCopy(current, await workspace.snapshot());
                after = outside.length ? current : taken.state;
                // Its changes reach the checkout now, through self-heal: the rest of the loop works on the checkout.
                await workspace.restore(after, current);
            }
            else
                after = await workspace.snapshot();
            if (outside.length) {
                refuseOutside(attempt, outside);
                await workspace.restore(current, after);
                return attempt;
            }
            if (after === current) {
                Object.assign(attempt, (0,report/* crashedFixer */.xF)(ran));
                return attempt;
            }
            let diff = await candidate(start, after);
            let stats = await police(diff, attempt);
            const partial = !stats && (0,fixers/* withoutRefusedFiles */.aI)(diff, attempt.violations ?? [], policy);
            if (partial) {
                await workspace.restore(start, after);
                const appliedRest = await workspace.apply(partial.diff);
                after = await workspace.snapshot();
                if (appliedRest) {
                    attempt.dropped = partial.dropped;
                    delete attempt.violations;
                    log.warning(`Left out of the changes of '${fixer}', which the policy refuses there: ${partial.dropped
                        .map(d => d.file)
                        .join(', ')}; the rest is policed and verified on its own.`);
                    diff = await candidate(start, after);
                    stats = await police(diff, attempt);
                }
            }
            if (!stats) {
                // Refused: this fixer's changes go; the ones before it stay.
                await workspace.restore(current, after);
                return attempt;
            }
            current = after;
            applied.push(fixer);
            if (await verify(attempt, after))
                fix = { source: 'fixer', fixers: [...applied], diff, stats };
            return attempt;
        }
        finally {
            noteEarlier(attempt);
        }
    }
    /** Records in the memory's entry for this failure (when there is one) the pull request that declined it. */
    async function noteDeclinedFix(pullRequest) {
        try {
            await (0,memory/* noteDeclined */.bY)(await deps.cache(), deps.repository, base.fingerprint.id, pullRequest);
        }
        catch (error) {
            log.warning(`The decline was not recorded in the fix memory: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    /** Counts a replay of the remembered fix in the memory, where this run may write it. */
    async function countReplay(id, verified) {
        if (request.memoryReadOnly || dryRun)
            return;
        try {
            await (0,memory/* noteReplay */.sk)(await deps.cache(), deps.repository, id, verified);
        }
        catch (error) {
            log.warning(`The replay of the remembered fix was not counted: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    /** Keeps what became of a candidate that was not kept, for the context of the fixers after it. */
    function noteEarlier(attempt) {
        if (attempt.result === 'verified')
            return;
        const check = verifyFailures.get(attempt);
        earlier.push({
            source: attempt.source,
            ...(attempt.fixer ? { fixer: attempt.fixer } : {}),
            result: attempt.result,
            ...(attempt.violations ? { violations: attempt.violations } : {}),
            ...(check ? { check } : {})
        });
    }
    /**
     * Re-runs the check on the changed tree (`state`), then each `verify-also` check while they pass; true when
     * all pass. The failing run is kept for the context of the fixers after it.
     */
    async function verify(attempt, state) {
        if (budget <= 0) {
            attempt.result = 'over-budget';
            return false;
        }
        budget--;
        log.info(`Verifying: running the ${request.kind} check on the changed files.`);
        let result = await check();
        for (const also of (0,commands_check/* checkPassed */.xh)(result) ? (request.verifyAlso ?? []) : []) {
            const shown = typeof also === 'string' ? also : also.join(' ');
            log.info(`Verifying: running ${shown} (verify-also).`);
            const ran = await interruptible((0,commands_check/* runCheckResult */.L2)(deps.execution, 'test', also, {
                cwd,
                timeoutSeconds: request.checkOptions?.timeoutSeconds,
                env: request.checkOptions?.env,
                signal: deps.signal
            }));
            stopIfInterrupted();
            if (!(0,commands_check/* checkPassed */.xh)(ran)) {
                log.warning(`The candidate makes the ${request.kind} check pass, but not ${shown} (verify-also).`);
                attempt.verifyAlso = shown;
                result = ran;
                break;
            }
        }
        // What the checks themselves wrote (a report, a cache) is no part of a fix: the next fixer's diff must not hold it.
        const checked = await workspace.snapshot();
        await user.afterCheck(state, checked);
        await workspace.restore(state, checked);
        let passed = (0,commands_check/* checkPassed */.xh)(result);
        if (passed && request.verify === 'clean')
            passed = await verifyClean(attempt, await candidate(start, state));
        attempt.result = passed ? 'verified' : 'check-failed';
        if (!passed)
            verifyFailures.set(attempt, (0,commands_check/* toCheckOutput */.rR)(attempt.verifyAlso ? 'test' : request.kind, result));
        return passed;
    }
    /**
     * Runs the check once more in a fresh copy holding only the base and the diff (after the setup command), where
     * nothing a fixer did outside the diff can help it pass.
     */
    async function verifyClean(attempt, diff) {
        if (!workspace.cleanCopy) {
            throw new errors/* ConfigurationError */.j1('verify: clean needs a checkout to copy: use verify: in-place here.');
        }
        log.info('Verifying in a clean copy of the base with only the diff applied.');
        const copy = await workspace.cleanCopy(diff);
        try {
            if (request.setup) {
                const setup = await interruptible(deps.execution.runCommand(request.setup, { cwd: copy.root, signal: deps.signal }));
                stopIfInterrupted();
                if (!(0,verdict/* hasPassed */.P)(setup)) {
                    throw new errors/* ConfigurationError */.j1(`The setup command '${request.setup}' failed in the clean copy (exit ${setup.exitCode}): fix it, or verify in place.`);
                }
            }
            attempt.clean = (0,commands_check/* checkPassed */.xh)(await check((0,external_node_path_.join)(copy.root, (0,external_node_path_.relative)(workspace.root, cwd))))
                ? 'passed'
                : 'failed';
            if (attempt.clean === 'failed') {
                log.warning(`The ${request.kind} check passed in the checkout but fails in a clean copy with only the diff: the candidate is not a fix.`);
            }
            return attempt.clean === 'passed';
        }
        finally {
            await copy.close();
        }
    }
}


/***/ }),

/***/ 9667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I9: () => (/* binding */ recall),
/* harmony export */   bY: () => (/* binding */ noteDeclined),
/* harmony export */   kY: () => (/* binding */ remember),
/* harmony export */   sk: () => (/* binding */ noteReplay)
/* harmony export */ });
/* unused harmony exports REMEMBER_SECONDS, memoryKey, memoryIndexKey, readFix, store, listFingerprints, forget */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/** The fix memory: verified diffs kept in the Cache port under their failure's fingerprint. */

/** How long a verified fix is remembered, in seconds (30 days). */
const REMEMBER_SECONDS = 30 * 24 * 3600;
/**
 * The fix memory's key for a fingerprint in a repository. The repository is part of it because a fix is a diff of
 * one repository's files: a memory shared between repositories (one runner's SQLite file, say) must never replay
 * one repository's fix in another. `repository` is an identity string (see `repositoryIdentity` callers); it is
 * hashed so that any string makes a key of a fixed shape.
 */
function memoryKey(repository, fingerprintId) {
    return `self-heal/fix/${repositoryHash(repository)}/${fingerprintId}`;
}
/**
 * The key of a repository's index: the fingerprints it has fixes for. The Cache port reads keys one at a time
 * (the Actions cache hashes them), so the memory keeps its own list for `self-heal memory list` and export.
 */
function memoryIndexKey(repository) {
    return `self-heal/fix-index/${repositoryHash(repository)}`;
}
function repositoryHash(repository) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(repository).digest('hex').slice(0, 16);
}
/** The fix remembered for a fingerprint, ignoring what is not one (an older format, another kind of check). */
async function recall(cache, repository, fingerprintId, kind) {
    const value = await cache.get(memoryKey(repository, fingerprintId));
    if (!value || typeof value !== 'object')
        return undefined;
    const fix = value;
    if (fix.kind !== kind)
        return undefined;
    return readFix(value);
}
/** A stored value read as a remembered fix, or undefined when it is not one (an older format). */
function readFix(value) {
    if (!value || typeof value !== 'object')
        return undefined;
    const fix = value;
    if (fix.version !== 1 || typeof fix.diff !== 'string' || !fix.diff || typeof fix.kind !== 'string') {
        return undefined;
    }
    const count = (n) => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0);
    return {
        version: 1,
        diff: fix.diff,
        fixers: Array.isArray(fix.fixers) ? fix.fixers.filter(f => typeof f === 'string') : [],
        kind: fix.kind,
        verifiedAt: typeof fix.verifiedAt === 'string' ? fix.verifiedAt : 'at an unknown time',
        ...(typeof fix.repository === 'string' ? { repository: fix.repository } : {}),
        ...(typeof fix.commit === 'string' ? { commit: fix.commit } : {}),
        replays: count(fix.replays),
        failures: count(fix.failures),
        declinedBy: Array.isArray(fix.declinedBy) ? fix.declinedBy.filter(d => typeof d === 'string') : []
    };
}
/** Stores a verified fix under its fingerprint. */
async function remember(cache, repository, fingerprintId, kind, fix, verifiedAt, origin = {}) {
    const before = fix.source === 'memory' ? await cache.get(memoryKey(repository, fingerprintId)) : undefined;
    const kept = readFix(before);
    await store(cache, repository, fingerprintId, {
        version: 1,
        diff: fix.diff,
        fixers: fix.fixers,
        kind,
        verifiedAt: verifiedAt.toISOString(),
        repository,
        ...(origin.commit ? { commit: origin.commit } : {}),
        // A replayed fix keeps its history; a new one starts it.
        replays: kept?.replays ?? 0,
        failures: kept?.failures ?? 0,
        declinedBy: kept?.declinedBy ?? []
    });
}
/** Counts a replay of the remembered fix: verified again, or failed (it did not apply, or did not verify). */
async function noteReplay(cache, repository, fingerprintId, verified) {
    const fix = readFix(await cache.get(memoryKey(repository, fingerprintId)));
    if (!fix)
        return;
    if (verified)
        fix.replays = (fix.replays ?? 0) + 1;
    else
        fix.failures = (fix.failures ?? 0) + 1;
    await store(cache, repository, fingerprintId, fix);
}
/** Adds a pull request that declined the remembered fix for a fingerprint, when one is remembered. */
async function noteDeclined(cache, repository, fingerprintId, pullRequest) {
    const fix = readFix(await cache.get(memoryKey(repository, fingerprintId)));
    if (!fix || fix.declinedBy?.includes(pullRequest))
        return;
    fix.declinedBy = [...(fix.declinedBy ?? []), pullRequest];
    await store(cache, repository, fingerprintId, fix);
}
/** Writes a fix under its fingerprint and lists the fingerprint in the repository's index. */
async function store(cache, repository, fingerprintId, fix) {
    await cache.set(memoryKey(repository, fingerprintId), fix, REMEMBER_SECONDS);
    const index = await listFingerprints(cache, repository);
    if (!index.includes(fingerprintId)) {
        await cache.set(memoryIndexKey(repository), [...index, fingerprintId], REMEMBER_SECONDS);
    }
}
/** The fingerprints the repository's index lists (some may have expired since). */
async function listFingerprints(cache, repository) {
    const index = await cache.get(memoryIndexKey(repository));
    return Array.isArray(index) ? index.filter((id) => typeof id === 'string') : [];
}
/** Removes a fix and its index entry; true when there was one. */
async function forget(cache, repository, fingerprintId) {
    const had = readFix(await cache.get(memoryKey(repository, fingerprintId))) !== undefined;
    await cache.delete(memoryKey(repository, fingerprintId));
    const index = await listFingerprints(cache, repository);
    if (index.includes(fingerprintId)) {
        await cache.set(memoryIndexKey(repository), index.filter(id => id !== fingerprintId), REMEMBER_SECONDS);
    }
    return had;
}


/***/ }),

/***/ 6115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WN: () => (/* binding */ branchOwnership),
/* harmony export */   hS: () => (/* binding */ withFingerprintMarker),
/* harmony export */   kI: () => (/* binding */ describeCommits),
/* harmony export */   md: () => (/* binding */ fingerprintPullRequests),
/* harmony export */   pz: () => (/* binding */ FINGERPRINT_TRAILER)
/* harmony export */ });
/* unused harmony exports MARKER_SEARCH_LIMIT, fingerprintMarker, isOwnCommit */
/* harmony import */ var _adapters_git_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6960);
/**
 * What of a repository is self-heal's own: the commits it made on a fix branch (so that a new fix may replace them,
 * by a compare-and-swap, and a branch someone else committed to is never moved), and the pull requests it opened
 * for a fingerprint, found by a hidden marker in their body whatever their head branch is called now.
 */

/** The trailer that marks a commit as self-heal's: a checkout of such a commit is not healed again. */
const FINGERPRINT_TRAILER = 'Self-Heal-Fingerprint';
/** How many of the most recently updated pull requests are searched for a fingerprint's marker. */
const MARKER_SEARCH_LIMIT = 300;
/** The hidden line every pull request self-heal opens carries in its body: its fingerprint, whatever its branch. */
function fingerprintMarker(fingerprintId) {
    return `<!-- self-heal fingerprint: ${fingerprintId} -->`;
}
/** A pull request body with the fingerprint's marker (added once, at the end). */
function withFingerprintMarker(body, fingerprintId) {
    const marker = fingerprintMarker(fingerprintId);
    return body.includes(marker) ? body : `${body.replace(/\s+$/, '')}\n\n${marker}\n`;
}
/**
 * Whether a commit is one self-heal made for this fingerprint. Two marks, both needed: the message ends with the
 * trailer `Self-Heal-Fingerprint: <id>` (self-heal always writes it, and a person rarely does), and the committer is
 * one self-heal commits as: GitHub's web-flow (a commit through the API with no committer, which GitHub signs) or
 * the identity this Git adapter commits with. A person who amends or rebases such a commit becomes its committer, so
 * it is theirs; a merge commit (the base merged in) is never self-heal's.
 */
function isOwnCommit(commit, fingerprintId, committers) {
    if (commit.parents.length > 1)
        return false;
    const last = commit.message
        .trimEnd()
        .split(/\n\s*\n/)
        .pop() ?? '';
    const trailer = new RegExp(`^${FINGERPRINT_TRAILER}: ${fingerprintId}$`, 'm');
    const email = commit.committerEmail?.toLowerCase();
    return trailer.test(last) && email !== undefined && committers.includes(email);
}
/** Whether every commit `branch` has after its merge base with `base` is self-heal's own for this fingerprint. */
async function branchOwnership(git, base, branch, fingerprintId) {
    const found = await git.branchCommits(base, branch);
    if (!found)
        return undefined;
    const committers = [_adapters_git_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_WEB_FLOW_EMAIL */ .b, (await git.committerEmail()).toLowerCase()];
    const others = found.commits.filter(commit => !isOwnCommit(commit, fingerprintId, committers));
    return others.length ? { own: false, head: found.head, others } : { own: true, head: found.head };
}
/** The commits in a few words: short sha, subject and author of each (the first five). */
function describeCommits(commits) {
    const shown = commits
        .slice(0, 5)
        .map(c => `${c.sha.slice(0, 12)} ${c.message.split('\n')[0].slice(0, 72)} (${c.authorName})`);
    return shown.join('; ') + (commits.length > 5 ? `; and ${commits.length - 5} more` : '');
}
/**
 * The pull requests self-heal opened for a fingerprint, newest first: those from `branch` (the name it would use
 * now), and any among the most recently updated whose body holds the fingerprint's marker or whose head is
 * `<prefix>…<id>…` (a branch renamed, or named by another `branch` setting, or deleted since).
 */
async function fingerprintPullRequests(git, fingerprintId, branch, prefix) {
    const marker = fingerprintMarker(fingerprintId);
    const byNumber = new Map();
    for (const pr of await git.findPullRequests(branch, { state: 'all' }))
        byNumber.set(pr.number, pr);
    for (const pr of await git.listPullRequests(MARKER_SEARCH_LIMIT)) {
        const named = pr.head.startsWith(prefix) && pr.head.includes(fingerprintId);
        if (named || pr.body?.includes(marker))
            byNumber.set(pr.number, byNumber.get(pr.number) ?? pr);
    }
    return [...byNumber.values()].sort((a, b) => b.number - a.number);
}


/***/ }),

/***/ 9364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BASE_READS_AT_ONCE: () => (/* binding */ BASE_READS_AT_ONCE),
/* harmony export */   BaseFiles: () => (/* binding */ BaseFiles),
/* harmony export */   basePaths: () => (/* binding */ basePaths),
/* harmony export */   checkDefinitionFiles: () => (/* binding */ checkDefinitionFiles),
/* harmony export */   checkLine: () => (/* binding */ checkLine),
/* harmony export */   readBaseFiles: () => (/* binding */ readBaseFiles),
/* harmony export */   remotePolicyContext: () => (/* binding */ remotePolicyContext),
/* harmony export */   strictestVerdict: () => (/* binding */ strictestVerdict)
/* harmony export */ });
/* harmony import */ var _diff_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9566);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _adapters_github_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4807);
/* harmony import */ var _check_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1701);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7949);





/** How many base files are read at once: enough to hide the API's latency, few enough to stay polite. */
const BASE_READS_AT_ONCE = 4;
/** The check command as the policy reads it (an argv array joined, as the loop does). */
function checkLine(check) {
    return typeof check === 'string' ? check : check.join(' ');
}
/**
 * The base paths whose text the policy reads: the old path of every patch, but not a symlink's (the Storage port
 * follows a link to its target's content, which is not the link's text in the base). A malformed diff gives none:
 * it is the policy's to refuse.
 */
function basePaths(diff) {
    let patches;
    try {
        patches = (0,_diff_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .parseGitDiff */ .T)(diff);
    }
    catch {
        return [];
    }
    const paths = patches.flatMap(patch => patch.oldPath !== undefined && patch.oldMode !== '120000' ? [patch.oldPath] : []);
    return [...new Set(paths)];
}
/**
 * Reads `paths` through a Storage port at the base, at most `atOnce` at a time: path → text. A path the base has no
 * file at is absent (as are a path a symlink leads out of the repository and a file too large to read); any other
 * failure (the API, a permission) throws, since judging a fix with less than was asked for is weaker.
 */
async function readBaseFiles(storage, paths, atOnce = BASE_READS_AT_ONCE) {
    const found = new Map();
    let next = 0;
    const worker = async () => {
        while (next < paths.length) {
            const path = paths[next++];
            try {
                found.set(path, (await storage.readFile(path)).toString('utf8'));
            }
            catch (error) {
                if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FileNotFoundError */ .kG ||
                    error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PathOutsideRepositoryError */ .Pf ||
                    error instanceof _adapters_github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FileTooLargeError */ .y) {
                    continue;
                }
                throw error;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(atOnce, paths.length)) }, worker));
    return found;
}
/**
 * The base files the policy reads to know what the check runs, besides those the diff changes: package.json (for
 * `npm test` and the like) and the scripts its scripts and the check call, read from the base even when the diff
 * leaves them alone. Found by asking `filesRunByCheck` until it asks for nothing new.
 */
async function checkDefinitionFiles(check, read) {
    const known = new Map();
    // Each round follows one more step (a script, then what it runs); filesRunByCheck itself stops at depth 5.
    for (let round = 0; round < 8; round++) {
        const asked = new Set();
        (0,_check_config_js__WEBPACK_IMPORTED_MODULE_3__/* .filesRunByCheck */ .uy)(check, path => {
            if (!known.has(path))
                asked.add(path);
            return known.get(path);
        });
        if (!asked.size)
            break;
        const got = await read([...asked]);
        for (const path of asked)
            known.set(path, got.get(path));
    }
    const found = new Map();
    for (const [path, text] of known)
        if (text !== undefined)
            found.set(path, text);
    return found;
}
/**
 * The base's files read through a Storage port, each once however often it is asked for: the diff's old paths and
 * the files the check runs, for one context or several (one per account of the check). Not for concurrent loads.
 */
class BaseFiles {
    storage;
    read = new Map();
    constructor(storage) {
        this.storage = storage;
    }
    /** Reads those of `paths` not read yet; returns path → text for the paths the base has. */
    async load(paths) {
        const fresh = paths.filter(path => !this.read.has(path));
        const got = await readBaseFiles(this.storage, fresh);
        for (const path of fresh)
            this.read.set(path, got.get(path));
        const found = new Map();
        for (const path of paths) {
            const text = this.read.get(path);
            if (text !== undefined)
                found.set(path, text);
        }
        return found;
    }
    /** A path's text, once loaded (undefined: not loaded, or the base has no such file). */
    get(path) {
        return this.read.get(path);
    }
}
/** The policy's context for `diff`: the check, and the base files it changes and the check runs, from `base`. */
async function remotePolicyContext(diff, base, known) {
    await base.load(basePaths(diff));
    if (known.check !== undefined)
        await checkDefinitionFiles(checkLine(known.check), paths => base.load(paths));
    return {
        ...(known.check !== undefined ? { check: checkLine(known.check) } : {}),
        ...(known.kind ? { kind: known.kind } : {}),
        snapshotFailure: known.snapshotFailure === true,
        readBase: path => base.get(path)
    };
}
/**
 * Polices `diff` once per context and keeps the strictest verdict: the first refusal (or empty diff) in the order
 * given, else the first pass. For a side that has two accounts of the check (its own input, and what an untrusted
 * artifact says): neither can make the policy accept what the other refuses.
 */
function strictestVerdict(diff, policy, contexts) {
    const verdicts = (contexts.length ? contexts : [{}]).map(context => (0,_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .checkPolicy */ .hM)(diff, policy, context));
    return verdicts.find(verdict => !verdict.ok) ?? verdicts[0];
}


/***/ }),

/***/ 2354:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pz: () => (/* reexport */ own_branch/* FINGERPRINT_TRAILER */.pz),
  OD: () => (/* binding */ declinedBy),
  hQ: () => (/* binding */ deliverFix),
  D6: () => (/* binding */ describeFix),
  k9: () => (/* reexport */ fix_branch/* fixBranch */.k9),
  t$: () => (/* reexport */ fix_branch/* isOwnBranch */.t$),
  BM: () => (/* binding */ propose),
  qx: () => (/* binding */ updateContributorComment)
});

// UNUSED EXPORTS: BRANCH_PREFIX, COMMENT_MARKER, REPLACED_MARKER, RETRY_LABEL, branchPrefix, sameChange

// EXTERNAL MODULE: ./src/diff/parse.ts + 1 modules
var parse = __webpack_require__(9566);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/heal/fix-branch.ts
var fix_branch = __webpack_require__(5258);
// EXTERNAL MODULE: ./src/heal/own-branch.ts
var own_branch = __webpack_require__(6115);
// EXTERNAL MODULE: ./src/diff/select.ts
var diff_select = __webpack_require__(3891);
;// CONCATENATED MODULE: ./src/heal/review-suggestions.ts

/** Splits `fix` (a diff of the checked-out tree) into suggestions on the lines `pullRequestDiff` shows. */
function buildSuggestions(fix, pullRequestDiff) {
    const shown = new Map();
    for (const { patch } of (0,diff_select/* diffSections */.I)(pullRequestDiff)) {
        if (patch.newPath === undefined || patch.binary)
            continue;
        shown.set(patch.newPath, rightSide(patch.hunks));
    }
    const result = { comments: [], asDiff: '', asDiffCount: 0 };
    for (const { text, patch } of (0,diff_select/* diffSections */.I)(fix)) {
        const lines = patch.kind === 'modify' && !patch.binary ? shown.get(patch.oldPath ?? '') : undefined;
        if (!lines || patch.oldPath !== patch.newPath) {
            result.asDiff += text;
            result.asDiffCount++;
            continue;
        }
        let rest = '';
        for (const hunk of patch.hunks) {
            const comment = suggest(patch.oldPath, hunk, lines);
            if (comment)
                result.comments.push(comment);
            else {
                rest += `${hunk.header}\n${hunk.lines.map(line => line.kind + line.content.toString('utf8')).join('')}`;
                result.asDiffCount++;
            }
        }
        if (rest)
            result.asDiff += `--- a/${patch.oldPath}\n+++ b/${patch.newPath}\n${rest}`;
    }
    return result;
}
/** The right side of a diff's hunks: line number → the line's bytes, for the lines a review can comment on. */
function rightSide(hunks) {
    const lines = new Map();
    for (const hunk of hunks) {
        let line = hunk.newStart;
        for (const { kind, content } of hunk.lines) {
            if (kind === '-')
                continue;
            lines.set(line++, content);
        }
    }
    return lines;
}
/** The suggestion replacing the lines `hunk` changes, or undefined when they are not all shown as they are. */
function suggest(path, hunk, shown) {
    const changed = hunk.lines.map((line, i) => (line.kind === ' ' ? -1 : i)).filter(i => i >= 0);
    if (!changed.length)
        return undefined;
    let first = changed[0];
    let last = changed[changed.length - 1];
    const segment = () => hunk.lines.slice(first, last + 1);
    // An insertion replaces no line: the suggestion takes a neighbouring line with it.
    if (!segment().some(line => line.kind === '-')) {
        if (first > 0)
            first--;
        else if (last < hunk.lines.length - 1)
            last++;
        else
            return undefined;
    }
    const lines = segment();
    // A line without its newline (the end of a file) cannot be said as a suggestion exactly.
    if (lines.some(line => !line.content.toString('utf8').endsWith('\n')))
        return undefined;
    let start = hunk.oldStart;
    for (const line of hunk.lines.slice(0, first))
        if (line.kind !== '+')
            start++;
    const old = lines.filter(line => line.kind !== '+');
    for (const [i, line] of old.entries()) {
        const there = shown.get(start + i);
        if (!there || !there.equals(line.content))
            return undefined;
    }
    const replacement = lines
        .filter(line => line.kind !== '-')
        .map(line => line.content.toString('utf8'))
        .join('');
    const fence = '`'.repeat(Math.max(3, ...[...replacement.matchAll(/`+/g)].map(m => m[0].length + 1)));
    const end = start + old.length - 1;
    return {
        path,
        line: end,
        ...(end > start ? { startLine: start } : {}),
        body: `${fence}suggestion\n${replacement}${fence}`
    };
}

// EXTERNAL MODULE: ./src/heal/templates.ts
var templates = __webpack_require__(3021);
// EXTERNAL MODULE: ./src/heal/report.ts
var report = __webpack_require__(9846);
;// CONCATENATED MODULE: ./src/heal/propose.ts









/** The label that lifts a decline: on a closed pull request of self-heal's, it may propose that fix again. */
const RETRY_LABEL = 'self-heal:retry';
/** The first line of the comment self-heal keeps on its pull request about the last time it replaced the fix. */
const REPLACED_MARKER = '<!-- self-heal: fix replaced -->';
/** The first line of the one comment self-heal keeps on a contributor's pull request. */
const COMMENT_MARKER = '<!-- self-heal -->';
/** The fix in a few words: where it came from and its size. */
function describeFix(fix) {
    const from = fix.source === 'memory' ? 'remembered' : fix.fixers.join(', then ');
    return `${from}; ${(0,report/* plural */.LS)(fix.stats.files, 'file')}, +${fix.stats.added} -${fix.stats.removed}`;
}
/**
 * Why a fix for a fingerprint is declined, or undefined when it is not: the newest pull request self-heal opened
 * for it (from `branch`, or any branch whose body holds the fingerprint's marker) was closed without being merged
 * (and not labelled RETRY_LABEL since).
 */
async function declinedBy(git, branch, fingerprintId, shape = {}) {
    const latest = (await (0,own_branch/* fingerprintPullRequests */.md)(git, fingerprintId, branch, (0,fix_branch/* branchPrefix */.$j)(shape)))[0];
    return latest && isDeclined(latest)
        ? { reason: declineReason(latest, latest.head), pullRequest: latest.url }
        : undefined;
}
function declineReason(latest, branch) {
    return (`Declined: self-heal's pull request #${latest.number} (${latest.url}) for this failure was closed without ` +
        `being merged${latest.closedAt ? ` on ${latest.closedAt.slice(0, 10)}` : ''}, so its fix is not proposed ` +
        `again. To have it proposed again, reopen #${latest.number} (restoring ${branch} if it was deleted), or add ` +
        `the label '${RETRY_LABEL}' to it.`);
}
function isDeclined(pr) {
    return pr.state === 'closed' && !pr.merged && !pr.labels.includes(RETRY_LABEL);
}
/**
 * Commits the fix on `self-heal/<fingerprint>` from `base` and opens its pull request, as the pull-request delivery
 * does; `verifyBranch`, when given, runs between the two.
 */
async function propose(git, branchChange, fix, fingerprint, base, kind, log, verifyBranch, shape = {}) {
    const result = await proposePullRequest({
        git,
        branchChange,
        fix,
        fingerprint,
        kind,
        base,
        deliver: 'pull-request',
        shape,
        log,
        verifyBranch
    });
    return { ok: result.outcome === 'healed', reason: result.reason, proposal: result.proposal };
}
/** Delivers a verified fix as `context.deliver` says (`none`: nowhere; it is reported, and shown in the comment). */
async function deliverFix(context) {
    const pr = context.pullRequest;
    if (context.deliver === 'none') {
        return {
            outcome: 'healed',
            reason: `A verified fix (${describeFix(context.fix)}) is reported, not delivered (deliver: none)${pr ? `: it is in the comment on pull request #${pr.number}` : ''}.`,
            proposal: { deliver: 'none', base: pr?.head ?? context.base, action: 'created' }
        };
    }
    if (context.deliver === 'pull-request' || !pr)
        return proposePullRequest(context);
    if (context.deliver === 'commit')
        return commitOnPullRequest(context, pr);
    return suggestOnPullRequest(context, pr);
}
/**
 * Commits the fix on the fix branch from `from` and opens its pull request into `base` (the open one is updated
 * when the branch already holds the fix). A branch that holds only self-heal's commits for this fingerprint and
 * another change has its content replaced (compare-and-swap); one someone else committed to is left alone.
 */
async function proposePullRequest(context) {
    const { git, fix, fingerprint, base, shape, log } = context;
    const from = context.from ?? base;
    const named = (0,fix_branch/* fixBranch */.k9)(shape, fingerprint.id);
    const pulls = await (0,own_branch/* fingerprintPullRequests */.md)(git, fingerprint.id, named, (0,fix_branch/* branchPrefix */.$j)(shape));
    if (pulls[0] && isDeclined(pulls[0])) {
        return { outcome: 'declined', reason: declineReason(pulls[0], pulls[0].head) };
    }
    // The fingerprint's open pull request (reopened, or its branch renamed) is the one the fix goes to.
    const branch = pulls[0]?.state === 'open' ? pulls[0].head : named;
    const proposal = { deliver: 'pull-request', branch, base, action: 'created' };
    const latest = pulls.find(pr => pr.head === branch);
    let existing = await context.branchChange(from, branch);
    let replacing;
    if (existing !== undefined) {
        replacing = await (0,own_branch/* branchOwnership */.WN)(git, from, branch, fingerprint.id);
        const head = replacing?.head;
        // A branch that changes nothing from the base any more was merged; one whose pull request was merged (a
        // squash merge keeps the branch's own commits) is as stale, unless someone pushed to it after the merge.
        const merged = Boolean(latest?.merged);
        if (head && (!existing.trim() || merged)) {
            if (merged && latest?.headSha && latest.headSha !== head) {
                return {
                    outcome: 'not-proposed',
                    reason: `A fix was verified, but the branch ${branch} moved (to ${head.slice(0, 12)}) after its pull request #${latest.number} was merged at ${latest.headSha.slice(0, 12)}: self-heal leaves a branch someone pushed to alone. Merge or delete ${branch}, and heal again.`
                };
            }
            log.info(`The branch ${branch} was merged${merged ? ` (pull request #${latest.number})` : ''}: making it again from ${base}.`);
            await (context.deleteBranch ?? ((name, at) => git.deleteBranch(name, at)))(branch, head);
            existing = undefined;
            replacing = undefined;
        }
    }
    if (existing !== undefined && sameChange(existing, fix.diff)) {
        proposal.action = 'already-proposed';
        proposal.head = replacing?.head;
    }
    else if (replacing && !replacing.own) {
        return {
            outcome: 'not-proposed',
            reason: `A fix was verified, but the branch ${branch} has commits self-heal did not make (${(0,own_branch/* describeCommits */.kI)(replacing.others)}): self-heal never moves a branch someone else committed to. Merge or delete ${branch}, and heal again.`
        };
    }
    else {
        const made = await commit(context, branch, from, base, replacing?.head);
        if ('outcome' in made)
            return made;
        proposal.commit = made.commit;
        if (replacing) {
            proposal.action = 'replaced';
            proposal.replaced = replacing.head;
            log.info(`Replaced the fix on ${branch} (it was at ${replacing.head.slice(0, 12)}, self-heal's own commits).`);
        }
        if (context.from)
            proposal.from = context.from;
    }
    const unverified = await context.verifyBranch?.(proposal);
    if (unverified)
        return { outcome: 'not-proposed', reason: unverified, proposal };
    try {
        const pr = await git.createPullRequest({
            head: proposal.branch,
            base,
            title: (0,templates/* pullRequestTitle */.Zr)(context),
            body: (0,own_branch/* withFingerprintMarker */.hS)((0,templates/* pullRequestBody */.NF)(context), fingerprint.id),
            draft: shape.draft,
            labels: shape.labels,
            reviewers: shape.reviewers,
            teamReviewers: shape.teamReviewers,
            assignees: shape.assignees
        });
        proposal.pullRequest = { number: pr.number, url: pr.url, action: pr.action };
    }
    catch (error) {
        // The remote's branch moved since it was read (locally, the push of a replaced branch is leased).
        if (error instanceof errors/* ConflictError */.fK) {
            return { outcome: 'not-proposed', reason: `A fix was verified, but ${(0,errors/* errorMessage */.gJ)(error)}`, proposal };
        }
        // Locally without a token the branch is the proposal; anything else about the pull request is reported.
        if (!(error instanceof errors/* ConfigurationError */.j1))
            throw error;
        proposal.pullRequestSkipped = (0,errors/* errorMessage */.gJ)(error);
    }
    if (proposal.replaced && proposal.pullRequest?.action === 'updated') {
        await noteReplaced(context, proposal.pullRequest.number, proposal.replaced, proposal.commit);
    }
    const where = proposal.pullRequest
        ? `pull request ${proposal.pullRequest.url}`
        : `branch ${proposal.branch}`;
    const pushed = proposal.commit && context.from
        ? ` (commit ${proposal.commit.slice(0, 12)}, made from ${context.from.slice(0, 12)}, the remote's ${base})`
        : '';
    return {
        outcome: 'healed',
        reason: proposal.action === 'already-proposed'
            ? `The verified fix (${describeFix(fix)}) is already proposed: ${where}.`
            : proposal.action === 'replaced'
                ? `Healed: a new verified fix (${describeFix(fix)}) replaces the one on ${where}${pushed}.`
                : `Healed: a verified fix (${describeFix(fix)}) is proposed on ${where}${pushed}.`,
        proposal
    };
}
/** Says on the pull request what changed when its branch's fix was replaced (the result stands without it). */
async function noteReplaced(context, number, was, now) {
    const { fix, kind, fingerprint } = context;
    const body = [
        REPLACED_MARKER,
        `**self-heal** replaced the fix on this branch: ${was.slice(0, 12)} → ${now.slice(0, 12)}.`,
        `The ${kind} check still failed with fingerprint \`${fingerprint.id}\`, and a new fix (${describeFix(fix)}) was verified by running it again. The earlier fix was self-heal's alone, so it was replaced, not added to.`
    ].join('\n\n');
    try {
        await context.git.upsertComment(number, REPLACED_MARKER, body);
    }
    catch (error) {
        context.log.warning(`Could not comment on pull request #${number} about the replaced fix: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/** One commit with the fix on a same-repository pull request's own branch. */
async function commitOnPullRequest(context, pr) {
    // A run again of the same workflow (same checkout) finds its own commit on the branch since the event.
    const since = pr.headSha ? await context.branchChange(pr.headSha, pr.head) : undefined;
    if (since?.trim() && sameChange(since, context.fix.diff)) {
        return {
            outcome: 'healed',
            reason: `The verified fix (${describeFix(context.fix)}) is already committed on ${pr.head}, the branch of pull request #${pr.number}.`,
            proposal: { deliver: 'commit', branch: pr.head, base: pr.base, action: 'already-proposed' }
        };
    }
    const made = await commit(context, pr.head, pr.head, pr.head);
    if ('outcome' in made)
        return made;
    return {
        outcome: 'healed',
        reason: `Healed: a verified fix (${describeFix(context.fix)}) is committed on ${pr.head}, the branch of pull request #${pr.number} (${made.commit.slice(0, 12)}).`,
        proposal: {
            deliver: 'commit',
            branch: pr.head,
            base: pr.base,
            commit: made.commit,
            action: 'created',
            ...(pr.url ? { pullRequest: { number: pr.number, url: pr.url, action: 'updated' } } : {})
        }
    };
}
/** One review on the pull request, a suggestion per hunk where the lines allow it, the rest as a diff. */
async function suggestOnPullRequest(context, pr) {
    const { git, fix, kind, log } = context;
    let suggestions = buildSuggestions(fix.diff, await git.getDiff(pr.base, pr.head));
    const post = () => git.createReview(pr.number, { body: reviewBody(suggestions, kind), comments: suggestions.comments });
    let review;
    try {
        review = await post();
    }
    catch (error) {
        if (!suggestions.comments.length || error instanceof errors/* ConfigurationError */.j1)
            throw error;
        // GitHub refused a line (the pull request moved since its diff was read): the whole fix goes as a diff.
        log.warning(`GitHub refused the suggestions (${(0,errors/* errorMessage */.gJ)(error)}): the review gives the fix as a diff.`);
        suggestions = { comments: [], asDiff: fix.diff, asDiffCount: (0,parse/* parseGitDiff */.T)(fix.diff).length };
        review = await post();
    }
    return {
        outcome: 'healed',
        reason: `Healed: a verified fix (${describeFix(fix)}) is suggested in a review on pull request #${pr.number}: ${(0,report/* plural */.LS)(suggestions.comments.length, 'suggestion')}${suggestions.asDiffCount ? `, ${(0,report/* plural */.LS)(suggestions.asDiffCount, 'part')} as a diff` : ''} (${review.url}).`,
        proposal: {
            deliver: 'suggest',
            base: pr.head,
            action: 'created',
            review: {
                id: review.id,
                url: review.url,
                suggestions: suggestions.comments.length,
                asDiff: suggestions.asDiffCount
            }
        }
    };
}
/** The files a diff changes, for a sentence. */
function changedFiles(diff) {
    return (0,parse/* parseGitDiff */.T)(diff)
        .map(patch => `\`${String(patch.newPath ?? patch.oldPath)}\``)
        .join(', ');
}
function reviewBody(suggestions, kind) {
    return [
        `The ${kind} check failed; self-heal made a fix and verified it by running the check again, which passed.`,
        suggestions.comments.length
            ? `Accepting the ${(0,report/* plural */.LS)(suggestions.comments.length, 'suggestion')} applies it.`
            : '',
        suggestions.asDiff
            ? `${suggestions.comments.length ? 'The rest' : 'The fix'} (${changedFiles(suggestions.asDiff)}) cannot be a suggestion on lines this pull request shows; here it is as a diff:\n\n${(0,report/* codeFence */.d6)(suggestions.asDiff, 'diff')}`
            : ''
    ]
        .filter(Boolean)
        .join('\n\n');
}
/**
 * Commits the fix on `branch` (made from `from` when it does not exist); a fix that does not apply to `onto` (the
 * branch it is made on, as people know it) is reported.
 */
async function commit(context, branch, from, onto, replacing) {
    const { fix } = context;
    try {
        const applied = await context.git.applyDiff(fix.diff, commitMessage(context), {
            branch,
            base: from,
            ...(replacing ? { replacing } : {})
        });
        context.log.info(`Committed the fix to ${branch} (${applied.commit.slice(0, 12)}).`);
        return { commit: applied.commit };
    }
    catch (error) {
        if (!(error instanceof errors/* DiffDoesNotApplyError */.sQ || error instanceof errors/* ConflictError */.fK))
            throw error;
        if (replacing && error instanceof errors/* ConflictError */.fK) {
            return {
                outcome: 'not-proposed',
                reason: `A fix was verified, but the branch ${branch} moved while its content was being replaced: ${(0,errors/* errorMessage */.gJ)(error)} self-heal never forces a branch; heal again.`
            };
        }
        // Verified on this checkout, but the branch as the Git adapter sees it is not the same: a pull request's
        // workflow checks out the merge with its base branch, GitHub's copy moved, or (locally) the remote's base
        // lacks commits that were never pushed. No bad input: reported, not proposed.
        const remote = context.from !== undefined && from === context.from;
        const target = remote ? `${onto} as the remote has it (${from.slice(0, 12)})` : onto;
        // Locally the fix depends on commits of the local branch the remote lacks: that is the user's to settle.
        const unpushed = remote
            ? ((await context.git.branchCommits(from, onto).catch(() => undefined))?.commits ?? [])
            : [];
        if (unpushed.length) {
            throw new errors/* ConfigurationError */.j1(`A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${target}: it depends on ${(0,report/* plural */.LS)(unpushed.length, 'commit')} of ${onto} that were never pushed (${(0,own_branch/* describeCommits */.kI)(unpushed)}). self-heal proposes fixes on what the remote has only: push them (git push) and heal again.`);
        }
        const advice = remote
            ? `push your commits to ${onto} (the fix is made on what the remote has, never on commits nobody pushed) and heal again.`
            : `bring ${onto} up to date (for a pull request, merge its base branch into it) and heal again, or heal a checkout of ${onto} itself.`;
        return {
            outcome: 'not-proposed',
            reason: error instanceof errors/* DiffDoesNotApplyError */.sQ
                ? `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${target}, which differs from the checkout in '${error.file}': ${advice}`
                : `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${target}: ${(0,errors/* errorMessage */.gJ)(error)} Update the checkout and heal again.`
        };
    }
}
/**
 * Posts, or updates in place, the one comment self-heal keeps on a contributor's pull request: what failed, and
 * where the fix is.
 */
async function updateContributorComment(git, pr, output, head) {
    const proposal = output.proposal;
    const where = !proposal
        ? `No fix is proposed: ${output.reason}`
        : proposal.deliver === 'commit'
            ? `The fix is committed on this branch${proposal.commit ? `: ${proposal.commit}` : ''}.`
            : proposal.deliver === 'suggest'
                ? `The fix is suggested in a review: ${proposal.review?.url}.`
                : proposal.deliver === 'none'
                    ? 'The fix is below (deliver: none): apply it with `git apply`.'
                    : proposal.pullRequest
                        ? `The fix is proposed in pull request #${proposal.pullRequest.number} (${proposal.pullRequest.url}), into this branch.`
                        : `The fix is on the branch ${proposal.branch}.`;
    const signatures = output.fingerprint?.signatures ?? [];
    const showDiff = output.fix && (proposal?.deliver === 'none' || output.outcome === 'not-proposed');
    const body = [
        COMMENT_MARKER,
        `**self-heal**: the ${output.kind} check failed at ${head.slice(0, 12)} (${output.outcome}).`,
        where,
        output.fix ? `What fixed it: ${describeFix(output.fix)}.` : '',
        output.fingerprint ? `Fingerprint: \`${output.fingerprint.id}\` (${output.fingerprint.basis})` : '',
        signatures.length
            ? `<details><summary>What failed</summary>\n\n${signatures
                .slice(0, 20)
                .map(s => `- \`${s.replace(/`/g, "'")}\``)
                .join('\n')}\n\n</details>`
            : '',
        showDiff
            ? `<details open><summary>The fix</summary>\n\n${(0,report/* codeFence */.d6)(output.fix.diff.slice(0, 50_000), 'diff')}\n\n</details>`
            : ''
    ]
        .filter(Boolean)
        .join('\n\n');
    return git.upsertComment(pr.number, COMMENT_MARKER, body);
}
/** Whether two diffs make the same change (same files, same lines), whatever their headers and blob ids say. */
function sameChange(a, b) {
    return changeShape(a) === changeShape(b);
}
function changeShape(diff) {
    return JSON.stringify((0,parse/* parseGitDiff */.T)(diff)
        .map(p => ({
        kind: p.kind,
        oldPath: p.oldPath,
        newPath: p.newPath,
        newMode: p.newMode,
        lines: p.hunks.flatMap(h => h.lines.filter(l => l.kind !== ' ').map(l => l.kind + l.content.toString('base64'))),
        binary: p.binary ? p.newId : undefined
    }))
        .sort((x, y) => String(x.newPath ?? x.oldPath).localeCompare(String(y.newPath ?? y.oldPath))));
}
function commitMessage(context) {
    return `${(0,templates/* commitMessageText */.is)(context)}\n\n${own_branch/* FINGERPRINT_TRAILER */.pz}: ${context.fingerprint.id}\n`;
}


/***/ }),

/***/ 3480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ toFixRequest),
/* harmony export */   parseFixRequest: () => (/* binding */ parseFixRequest),
/* harmony export */   runFixStep: () => (/* binding */ runFixStep)
/* harmony export */ });
/* harmony import */ var _adapters_cache_memory_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8842);
/* harmony import */ var _adapters_local_workspace_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3140);
/* harmony import */ var _commands_check_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9238);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _loop_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6546);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7949);
/**
 * The runner's half of a heal with no checkout: the runner workflow's `operation: fix` runs the check on a checkout
 * of the ref and, when it fails, the fixers (the loop itself, in a dry run), and records the first check's result
 * and the candidate in its log. The dispatching side (`cloud.ts`) fingerprints, recalls, re-polices, commits,
 * verifies and proposes: nothing the runner says about policy is trusted there.
 */






/** The runner's part of a request (what only the dispatching side uses — base, proposals — stays there). */
function toFixRequest(request) {
    const { timeoutSeconds, reportPath, env } = request.checkOptions ?? {};
    return {
        kind: request.kind,
        check: request.check,
        checkOptions: { timeoutSeconds, reportPath, env },
        fixers: request.fixers,
        fixerTimeoutSeconds: request.fixerTimeoutSeconds,
        policy: request.policy,
        reruns: request.reruns,
        maxAttempts: request.maxAttempts
    };
}
/** Reads the runner workflow's `request` input; InvalidInputError saying what is wrong. */
function parseFixRequest(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC(`Input 'request' is not valid JSON: ${error.message}`);
    }
    const bad = (what) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC(`Input 'request' is not a fix request: ${what}.`);
    };
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        return bad('it must be a JSON object');
    const value = raw;
    if (!_commands_check_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECK_KINDS */ .FZ.includes(value.kind)) {
        return bad(`'kind' must be one of ${_commands_check_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECK_KINDS */ .FZ.join(', ')}`);
    }
    const check = value.check;
    const isArgv = Array.isArray(check) && check.length > 0 && check.every(part => typeof part === 'string');
    if (!(typeof check === 'string' && check.trim()) && !isArgv) {
        return bad("'check' must be a command line or an argv array");
    }
    const fixers = value.fixers ?? [];
    if (!Array.isArray(fixers) || !fixers.every(f => typeof f === 'string')) {
        return bad("'fixers' must be an array of command lines");
    }
    const count = (key, positive = false) => {
        const n = value[key];
        if (n === undefined || n === null)
            return undefined;
        if (typeof n !== 'number' || !Number.isFinite(n) || n < (positive ? 1e-9 : 0)) {
            return bad(`'${key}' must be a ${positive ? 'positive' : 'non-negative'} number`);
        }
        return n;
    };
    const options = (value.checkOptions ?? {});
    if (typeof options !== 'object' || Array.isArray(options))
        return bad("'checkOptions' must be an object");
    const env = options.env;
    if (env !== undefined &&
        (!env || typeof env !== 'object' || !Object.values(env).every(v => typeof v === 'string'))) {
        return bad("'checkOptions.env' must be an object of strings");
    }
    const timeout = options.timeoutSeconds;
    if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0)) {
        return bad("'checkOptions.timeoutSeconds' must be a positive number");
    }
    if (options.reportPath !== undefined && typeof options.reportPath !== 'string') {
        return bad("'checkOptions.reportPath' must be a path");
    }
    return {
        kind: value.kind,
        check: check,
        checkOptions: {
            timeoutSeconds: timeout,
            reportPath: options.reportPath,
            env: env
        },
        fixers: fixers,
        fixerTimeoutSeconds: count('fixerTimeoutSeconds', true),
        // The policy is checked again here: a runner that refuses more is fine, the dispatching side re-polices.
        policy: value.policy === undefined ? undefined : (0,_policy_js__WEBPACK_IMPORTED_MODULE_5__/* .parsePolicy */ .ON)(value.policy),
        reruns: count('reruns'),
        maxAttempts: count('maxAttempts'),
        dryRun: true
    };
}
/**
 * Runs the check and the fixers in the checkout at `cwd` (the loop in a dry run, with no memory: the dispatching
 * side recalls) and returns the first check's result and what the fixers made.
 */
async function runFixStep(execution, cwd, request, log) {
    const recorder = recordFirstCheck(execution, request.kind);
    const tree = await _adapters_local_workspace_js__WEBPACK_IMPORTED_MODULE_1__/* .LocalWorkspace */ .h.open(cwd);
    if (tree.recovered)
        log.warning(tree.recovered);
    // The loop's own words for a run that writes nothing speak of a dry run: say first why this one writes nothing.
    log.info('This run finds and verifies a fix for a heal with no checkout; it writes nothing: the heal that dispatched it commits the fix through the API and verifies it again on its branch.');
    try {
        const output = await (0,_loop_js__WEBPACK_IMPORTED_MODULE_4__/* .runHeal */ .S)({
            execution: recorder.adapter,
            cache: async () => new _adapters_cache_memory_js__WEBPACK_IMPORTED_MODULE_0__/* .MemoryCacheAdapter */ .P(),
            git: async () => {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1('The runner does not propose: the dispatching side does.');
            },
            workspace: tree,
            repository: 'runner',
            log
        }, { ...request, dryRun: true, base: undefined, noProposal: undefined, disabled: undefined });
        return {
            first: recorder.first(),
            fix: {
                outcome: output.outcome,
                reason: output.reason,
                root: tree.root,
                attempts: output.attempts,
                ...(output.fix ? { fix: output.fix } : {})
            }
        };
    }
    finally {
        await tree.close();
    }
}
/** The adapter, keeping the result of its first check of `kind` (the loop returns only a summary of it). */
function recordFirstCheck(execution, kind) {
    let first;
    const keep = async (run, of) => {
        const result = await run;
        if (of === kind && !first)
            first = result;
        return result;
    };
    const adapter = {
        kind: execution.kind,
        runCommand: (command, options) => keep(execution.runCommand(command, options), 'command'),
        runTests: (command, options) => keep(execution.runTests(command, options), 'test'),
        runBuild: (command, options) => keep(execution.runBuild(command, options), 'build'),
        runLint: (command, options) => keep(execution.runLint(command, options), 'lint')
    };
    return { adapter, first: () => first };
}


/***/ }),

/***/ 5684:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ assertRemoteVerify),
/* harmony export */   q: () => (/* binding */ branchVerification)
/* harmony export */ });
/* harmony import */ var _commands_check_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9238);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _surface_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7800);



/**
 * The verification of `attempt`'s fix on its branch. A branch this heal just made and that fails the check is
 * deleted, so no branch holds an unverified fix; one that already held the same change is left as it was.
 */
function branchVerification(deps, request, attempt) {
    const verification = {
        run: async (proposal) => {
            const branch = proposal.branch;
            const created = proposal.action === 'created';
            deps.log.info(`Verifying: running the ${request.kind} check on ${branch}.`);
            let verified;
            try {
                if (created)
                    await deps.publish?.(branch);
                verified = (0,_commands_check_js__WEBPACK_IMPORTED_MODULE_0__/* .checkPassed */ .xh)(await (0,_commands_check_js__WEBPACK_IMPORTED_MODULE_0__/* .runCheckResult */ .L2)(deps.execution, request.kind, request.check, {
                    ...request.checkOptions,
                    ref: branch
                }));
            }
            catch (error) {
                // A run that could not be made (no runner workflow, no permission) verified nothing either.
                if (created)
                    await deps.deleteBranch(branch, proposal.commit).catch(() => undefined);
                throw error;
            }
            verification.verified = verified;
            attempt.result = verified ? 'verified' : 'check-failed';
            attempt.remote = verified ? 'passed' : 'failed';
            if (verified)
                return undefined;
            if (created)
                await deps.deleteBranch(branch, proposal.commit);
            return `The ${request.kind} check fails on ${branch} with the fix committed${created ? ' (the branch was deleted)' : ''}.`;
        }
    };
    return verification;
}
/**
 * Refuses, before any check runs, a verify: remote that could not happen: no runner to dispatch (no token or
 * repository), nothing written (a dry run), or a delivery with no branch of the fix's own.
 */
function assertRemoteVerify(request, remote) {
    if (!remote) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`verify: remote runs the check on the fix branch in a run of the runner workflow (self-heal-run.yml), which ` +
            `needs a GitHub token and the repository: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_2__/* .howToSet */ .ac)('token')}, and ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_2__/* .howToSet */ .ac)('repository')} (or verify in-place or clean).`);
    }
    if (request.dryRun) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('verify: remote commits the fix to its branch, and a dry run writes nothing: drop the dry run, or verify in-place or clean.');
    }
    if (request.pullRequest && request.deliver && request.deliver !== 'pull-request') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`verify: remote checks the fix on a branch of its own, which deliver '${request.deliver}' does not make: use deliver: pull-request, or verify in-place or clean.`);
    }
}


/***/ }),

/***/ 7080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NJ: () => (/* binding */ positiveInt),
/* harmony export */   Nt: () => (/* binding */ escapeRegExp),
/* harmony export */   UV: () => (/* binding */ firstLines),
/* harmony export */   aJ: () => (/* binding */ stripAnsi),
/* harmony export */   ml: () => (/* binding */ lineInFile),
/* harmony export */   xD: () => (/* binding */ toRepoPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Text helpers shared by the report parsers: ANSI removal, bounded messages, and file paths made
 * repository-relative so that results read the same wherever the repository was checked out.
 */


const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
/** Removes ANSI colour and cursor sequences. */
function stripAnsi(text) {
    return text.replace(ANSI, '');
}
/**
 * The first lines of a message: ANSI removed, stack frames of dependencies and of Node itself dropped, common
 * indentation removed, at most `maxLines` lines and `maxChars` characters.
 */
function firstLines(text, maxLines = 20, maxChars = 2000) {
    const lines = stripAnsi(text)
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .filter(line => !/^\s*at .*(node_modules[/\\]|\(node:|\bnode:internal|<anonymous>\)?$)/.test(line))
        .map(line => line.trimEnd());
    while (lines.length > 0 && lines[0] === '')
        lines.shift();
    let kept = lines.slice(0, maxLines);
    while (kept.length > 0 && kept[kept.length - 1] === '')
        kept = kept.slice(0, -1);
    const indents = kept.filter(line => line !== '').map(line => line.length - line.trimStart().length);
    const cut = indents.length > 0 ? Math.min(...indents) : 0;
    const joined = kept.map(line => line.slice(cut)).join('\n');
    return joined.length > maxChars ? `${joined.slice(0, maxChars - 1)}…` : joined;
}
/**
 * Makes a file path from a tool's output repository-relative (with `/`) when it lies inside the root; paths
 * outside the root, and all paths when no context is given, come back as printed (with `/` separators).
 */
function toRepoPath(file, context) {
    let path = file.trim();
    if (path.startsWith('file://')) {
        try {
            path = (0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(path);
        }
        catch {
            // Not a valid file URL: keep it as printed.
        }
    }
    if (!context)
        return path.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
    const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(path) ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(context.cwd, path);
    const inner = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(context.root, absolute);
    if (inner === '' || inner.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(inner))
        return path.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
    return inner.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}
/** Parses a positive integer, or undefined. */
function positiveInt(value) {
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
    return Number.isInteger(number) && number > 0 ? number : undefined;
}
/** Escapes a string for use inside a regular expression. */
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/**
 * The line of the first stack frame or location (`path:line[:col]`) in a text that points at the given file
 * (matched on its repository-relative path or its base name).
 */
function lineInFile(text, file) {
    if (!file)
        return undefined;
    const name = file.split('/').pop();
    const pattern = new RegExp(`(?:^|[\\s(/\\\\])${escapeRegExp(name)}:(\\d+)(?::\\d+)?`, 'm');
    const match = pattern.exec(stripAnsi(text));
    return match ? positiveInt(match[1]) : undefined;
}


/***/ })

};
