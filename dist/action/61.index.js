export const id = 61;
export const ids = [61];
export const modules = {

/***/ 2164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Kj: () => (/* binding */ GitHubApiBaseSource),
  TP: () => (/* binding */ MAX_BLOB_BYTES),
  $x: () => (/* binding */ baseSourceFactory),
  VN: () => (/* binding */ listTreeRecursive)
});

// EXTERNAL MODULE: ./src/diff/apply.ts + 1 modules
var apply = __webpack_require__(516);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/diff/local-git-source.ts
/**
 * A BaseSource over a local git repository (the checkout a CI job has): entries from `git ls-tree`, bytes from one
 * `git cat-file --batch` process, so that committing through the API reads nothing over the network.
 */



const execFileAsync = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** Git environment that ignores user configuration and treats pathspecs literally. */
function gitEnv() {
    return { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
}
async function git(cwd, args) {
    const { stdout } = await execFileAsync('git', args, {
        cwd,
        env: gitEnv(),
        encoding: 'buffer',
        maxBuffer: 1024 * 1024 * 1024
    });
    return stdout;
}
/** Whether `commit` exists as a commit in the repository at `cwd` (false for a shallow clone that lacks it). */
async function hasLocalCommit(cwd, commit) {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit))
        return false;
    try {
        await git(cwd, ['cat-file', '-e', `${commit}^{commit}`]);
        return true;
    }
    catch {
        return false;
    }
}
/** Reads blobs through one long-lived `git cat-file --batch`. */
class CatFileBatch {
    cwd;
    process;
    /** What git wrote and no read has taken yet, as it arrived: joined once, when a read needs it whole. */
    chunks = [];
    buffered = 0;
    waiters = [];
    queue = Promise.resolve();
    failure;
    constructor(cwd) {
        this.cwd = cwd;
    }
    start() {
        if (this.process)
            return this.process;
        const child = (0,external_node_child_process_.spawn)('git', ['cat-file', '--batch'], { cwd: this.cwd, env: gitEnv(), stdio: 'pipe' });
        child.stdout.on('data', (chunk) => {
            this.chunks.push(chunk);
            this.buffered += chunk.length;
            this.wake();
        });
        child.on('error', error => {
            this.failure = error;
            this.wake();
        });
        child.on('exit', () => {
            this.failure ??= new Error('git cat-file --batch exited');
            this.wake();
        });
        child.stderr.resume();
        this.process = child;
        return child;
    }
    wake() {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters)
            w();
    }
    async need(bytes) {
        while (this.buffered < bytes) {
            if (this.failure)
                throw this.failure;
            await new Promise(resolve => this.waiters.push(resolve));
        }
    }
    /** Everything buffered, as one buffer. */
    joined() {
        if (this.chunks.length !== 1)
            this.chunks = [Buffer.concat(this.chunks, this.buffered)];
        return this.chunks[0];
    }
    /** Drops the first `bytes` buffered bytes. */
    consume(bytes) {
        const rest = this.joined().subarray(bytes);
        this.chunks = rest.length ? [rest] : [];
        this.buffered = rest.length;
    }
    /** The bytes of the object `sha`; InvalidInputError when the repository lacks it. */
    read(sha) {
        const run = this.queue.then(async () => {
            const child = this.start();
            child.stdin.write(`${sha}\n`);
            let nl;
            for (;;) {
                nl = this.joined().indexOf(0x0a);
                if (nl >= 0)
                    break;
                await this.need(this.buffered + 1);
            }
            const header = this.joined().subarray(0, nl).toString('utf8');
            if (header.endsWith(' missing')) {
                this.consume(nl + 1);
                throw new errors/* InvalidInputError */.oC(`The local repository has no object ${sha}: fetch it, or read through the API.`);
            }
            const size = Number(header.split(' ')[2]);
            await this.need(nl + 1 + size + 1);
            // A copy: a view would keep the whole chunk git's output arrived in.
            const content = Buffer.from(this.joined().subarray(nl + 1, nl + 1 + size));
            this.consume(nl + 1 + size + 1);
            return content;
        });
        this.queue = run.catch(() => undefined);
        return run;
    }
    /** Ends the process. */
    close() {
        this.process?.stdin.end();
        this.process = undefined;
    }
}
/** A BaseSource reading the tree of one commit of a local repository. Call close() when done. */
class LocalGitBaseSource {
    cwd;
    commit;
    batch;
    cache = new Map();
    /** `cwd`: the repository (or a directory inside it); `commit`: the base commit, which must exist locally. */
    constructor(cwd, commit) {
        this.cwd = cwd;
        this.commit = commit;
        this.batch = new CatFileBatch(cwd);
    }
    async stat(path) {
        return (await this.statMany([path])).get(path);
    }
    async statMany(paths) {
        const missing = paths.filter(p => !this.cache.has(p));
        // Chunked so that a large diff stays under the command-line limit.
        for (let i = 0; i < missing.length; i += 500) {
            const chunk = missing.slice(i, i + 500);
            for (const p of chunk)
                this.cache.set(p, undefined);
            // -t: with several paths git lists what is inside a directory named, and its tree only with -t.
            for (const { path, mode, sha } of await this.lsTree(['-t', '--', ...chunk])) {
                this.cache.set(path, mode === '040000' ? { mode, sha } : { mode: mode, sha });
            }
        }
        return new Map(paths.map(p => [p, this.cache.get(p)]));
    }
    async filesUnder(directory) {
        return (await this.lsTree(['-r', '--', `${directory}/`])).map(e => e.path);
    }
    async lsTree(args) {
        const out = await git(this.cwd, ['ls-tree', '-z', '--full-tree', this.commit, ...args]);
        return out
            .toString('utf8')
            .split('\0')
            .filter(Boolean)
            .map(record => {
            const tab = record.indexOf('\t');
            const [mode, , sha] = record.slice(0, tab).split(' ');
            return { path: record.slice(tab + 1), mode, sha };
        });
    }
    read(_path, entry) {
        return this.batch.read(entry.sha);
    }
    /** Ends the `git cat-file` process. */
    close() {
        this.batch.close();
    }
}

// EXTERNAL MODULE: ./src/diff/limits.ts
var limits = __webpack_require__(8287);
// EXTERNAL MODULE: ./src/adapters/github/errors.ts
var github_errors = __webpack_require__(4807);
;// CONCATENATED MODULE: ./src/adapters/github/base-source.ts
/**
 * BaseSources for committing through the API: one that reads the base tree and blobs over the GitHub API, and a
 * chooser that prefers the local checkout (CI) when it holds the base commit, so only writes go over the network.
 */




/** The largest blob the blobs API returns. */
const MAX_BLOB_BYTES = limits/* MAX_FILE_BYTES */.g;
/**
 * Lists a tree, recursively (files and directories), with as few requests as GitHub allows: one recursive request, and when GitHub
 * truncates it (100,000 entries / 7 MB), each subtree walked on its own so that nothing is missed.
 */
async function listTree(client, treeSha, onlyUnder) {
    const out = new Map();
    const { owner, repo, octokit } = client;
    const walk = async (sha, prefix, recursive) => {
        const { data } = await octokit.rest.git.getTree({
            owner,
            repo,
            tree_sha: sha,
            ...(recursive ? { recursive: 'true' } : {})
        });
        // Truncated: the listing is incomplete. List this level alone, then each subtree on its own (recursively),
        // skipping subtrees that hold no path we need.
        if (recursive && data.truncated)
            return walk(sha, prefix, false);
        const subtrees = [];
        for (const item of data.tree) {
            if (!item.path || !item.sha)
                continue;
            const path = prefix + item.path;
            if (item.type === 'tree') {
                subtrees.push({ sha: item.sha, path });
                out.set(path, { mode: '040000', sha: item.sha });
            }
            else
                out.set(path, { mode: item.mode, sha: item.sha });
        }
        if (recursive)
            return;
        for (const sub of subtrees) {
            if (onlyUnder && ![...onlyUnder].some(p => p === sub.path || p.startsWith(`${sub.path}/`)))
                continue;
            await walk(sub.sha, `${sub.path}/`, true);
        }
    };
    await walk(treeSha, '', true);
    return out;
}
/** The files of a tree, recursively (see listTree): blobs, symlinks and submodules, not directories. */
async function listTreeRecursive(client, treeSha, onlyUnder) {
    const files = new Map();
    for (const [path, entry] of await listTree(client, treeSha, onlyUnder)) {
        if (entry.mode !== '040000')
            files.set(path, entry);
    }
    return files;
}
/** A BaseSource over the GitHub API: the tree listed once, blobs fetched only for files whose bytes are needed. */
class GitHubApiBaseSource {
    client;
    treeSha;
    kind = 'api';
    entries;
    graphqlUsable = true;
    constructor(client, treeSha) {
        this.client = client;
        this.treeSha = treeSha;
    }
    list(paths) {
        this.entries ??= listTree(this.client, this.treeSha, new Set(paths));
        return this.entries;
    }
    async stat(path) {
        return (await this.list([path])).get(path);
    }
    async statMany(paths) {
        const entries = await this.list(paths);
        return new Map(paths.map(p => [p, entries.get(p)]));
    }
    /** Lists the directory's own tree: the listing made for statMany may have skipped it when GitHub truncated. */
    async filesUnder(directory) {
        const entry = (await this.list([directory])).get(directory);
        if (entry?.mode !== '040000')
            return [];
        return [...(await listTreeRecursive(this.client, entry.sha)).keys()].map(p => `${directory}/${p}`);
    }
    /**
     * Reads blobs in GraphQL batches of 100 (one request instead of one per file). GraphQL gives text only, so a
     * blob whose text does not hash back to its id (binary, truncated, not UTF-8) is read over REST instead; so is
     * everything when GraphQL is unavailable.
     */
    async readMany(entries) {
        const out = new Map();
        const unique = [...new Map(entries.map(e => [e.entry.sha, e])).values()];
        if (unique.length > 1 && this.graphqlUsable) {
            for (let i = 0; i < unique.length && this.graphqlUsable; i += 100) {
                const batch = unique.slice(i, i + 100);
                const fields = batch
                    .map((e, j) => `b${j}: object(oid: "${e.entry.sha}") { ... on Blob { text isBinary isTruncated } }`)
                    .join('\n');
                try {
                    const data = await this.client.graphql(`query ($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`, {
                        owner: this.client.owner,
                        name: this.client.repo
                    });
                    batch.forEach((e, j) => {
                        const blob = data.repository?.[`b${j}`];
                        if (!blob || blob.text === null || blob.isBinary || blob.isTruncated)
                            return;
                        const bytes = Buffer.from(blob.text, 'utf8');
                        if ((0,apply/* gitBlobSha */.Ak)(bytes) === e.entry.sha)
                            out.set(e.entry.sha, bytes);
                    });
                }
                catch {
                    // GraphQL refused (GHES without the field, the emulator, a permission): fall back to REST for the rest.
                    this.graphqlUsable = false;
                }
            }
        }
        for (const e of unique)
            if (!out.has(e.entry.sha))
                out.set(e.entry.sha, await this.read(e.path, e.entry));
        return out;
    }
    async read(path, entry) {
        const { data } = await this.client.octokit.rest.git.getBlob({
            owner: this.client.owner,
            repo: this.client.repo,
            file_sha: entry.sha
        });
        if (data.size !== undefined && data.size !== null && data.size > MAX_BLOB_BYTES) {
            throw new github_errors/* FileTooLargeError */.y(path, data.size);
        }
        return Buffer.from(data.content, data.encoding === 'utf-8' ? 'utf8' : 'base64');
    }
    close() { }
}
/** The local-git source with the `kind` and `close` a ClosableBaseSource has. */
class LocalSource extends LocalGitBaseSource {
    kind = 'local-git';
}
/**
 * The BaseSource factory of an adapter: the local repository at `localRepository` when it holds the base commit
 * (a CI checkout), else the API. Without `localRepository`, always the API.
 */
function baseSourceFactory(client, localRepository) {
    return async (commit, tree) => {
        if (localRepository && (await hasLocalCommit(localRepository, commit))) {
            return new LocalSource(localRepository, commit);
        }
        return new GitHubApiBaseSource(client, tree);
    };
}


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

/***/ 516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EG: () => (/* binding */ ANY_TREE),
  $i: () => (/* binding */ applyPatches),
  Ak: () => (/* binding */ gitBlobSha)
});

// UNUSED EXPORTS: ancestors, applyDiffText, applyHunks, comparePaths, splitKeepingNewlines

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
// EXTERNAL MODULE: ./src/diff/limits.ts
var limits = __webpack_require__(8287);
;// CONCATENATED MODULE: ./src/diff/delta.ts
/**
 * Git's delta format (as in packs and `GIT binary patch` `delta` hunks): two varint sizes, then copy instructions
 * (high bit set: offset and size bytes selected by the low bits) and insert instructions (1–127 literal bytes).
 * The instructions are checked against both sizes before the result is allocated, so a delta that declares a
 * huge result allocates nothing, and the result is never larger than MAX_FILE_BYTES.
 */


/** Applies a git delta to `base`; DiffDoesNotApplyError (naming `file`) when the delta does not fit the base. */
function applyGitDelta(base, delta, file = 'a binary file') {
    const fail = (why) => new errors/* DiffDoesNotApplyError */.sQ(file, `its binary delta ${why}. Regenerate the diff with \`git diff --binary\`.`);
    let i = 0;
    const varint = () => {
        let value = 0;
        for (let shift = 0;; shift += 7) {
            if (i >= delta.length)
                throw fail('is truncated in its header');
            const byte = delta[i++];
            value += (byte & 0x7f) * 2 ** shift;
            if (!(byte & 0x80))
                return value;
        }
    };
    const sourceSize = varint();
    if (sourceSize !== base.length)
        throw fail(`expects a ${sourceSize}-byte original, but the file has ${base.length} bytes`);
    const targetSize = varint();
    if (targetSize > limits/* MAX_FILE_BYTES */.g) {
        throw fail(`makes a ${targetSize}-byte file, more than the ${limits/* MAX_FILE_BYTES */.g} bytes (GitHub's largest blob) self-heal applies`);
    }
    const start = i;
    // Once to check every instruction against both sizes, then once more to copy into a buffer of the right size.
    const run = (out) => {
        i = start;
        let o = 0;
        while (i < delta.length) {
            const op = delta[i++];
            if (op & 0x80) {
                let offset = 0;
                let size = 0;
                for (let bit = 0; bit < 4; bit++)
                    if (op & (1 << bit))
                        offset += delta[i++] * 2 ** (8 * bit);
                for (let bit = 0; bit < 3; bit++)
                    if (op & (1 << (4 + bit)))
                        size += delta[i++] * 2 ** (8 * bit);
                if (size === 0)
                    size = 0x10000;
                if (i > delta.length)
                    throw fail('has a truncated copy instruction');
                if (offset + size > base.length || o + size > targetSize)
                    throw fail('copies past the end');
                if (out)
                    base.copy(out, o, offset, offset + size);
                o += size;
            }
            else if (op > 0) {
                if (i + op > delta.length || o + op > targetSize)
                    throw fail('inserts past the end');
                if (out)
                    delta.copy(out, o, i, i + op);
                o += op;
                i += op;
            }
            else
                throw fail('holds the reserved instruction 0');
        }
        if (o !== targetSize)
            throw fail(`makes ${o} bytes, but says ${targetSize}`);
    };
    run();
    const out = Buffer.allocUnsafe(targetSize);
    run(out);
    return out;
}

// EXTERNAL MODULE: ./src/diff/parse.ts + 1 modules
var parse = __webpack_require__(9566);
;// CONCATENATED MODULE: ./src/diff/apply.ts
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





/** What `dependsOn` records for a directory above a changed path: any tree will do, but not a file. */
const ANY_TREE = 'tree';
/** The git blob id of some bytes (`sha1("blob <size>\0" + bytes)`). */
function gitBlobSha(content) {
    return (0,external_node_crypto_.createHash)('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
/** The text git shows for a submodule entry (`Subproject commit <sha>`), which is what its hunks patch. */
function gitlinkText(sha) {
    return Buffer.from(`Subproject commit ${sha}\n`);
}
/** The commit a patched submodule text names; git reads 40 hex digits after the prefix and ignores the rest. */
function parseGitlinkText(content, file) {
    const m = /^Subproject commit ([0-9a-fA-F]{40})/.exec(content.toString('latin1'));
    if (!m)
        throw new errors/* DiffDoesNotApplyError */.sQ(file, 'the submodule change does not name a commit id');
    return m[1].toLowerCase();
}
/** What git calls the type of a mode: file modes differ only in permissions, which a patch may change. */
function kindOf(mode) {
    return mode === '120000' ? 'symlink' : mode === '160000' ? 'submodule' : 'regular file';
}
/** Splits bytes into lines that keep their `\n` (the last may lack it). */
function splitKeepingNewlines(content) {
    const lines = [];
    let start = 0;
    while (start < content.length) {
        const nl = content.indexOf(0x0a, start);
        const end = nl < 0 ? content.length : nl + 1;
        lines.push(content.subarray(start, end));
        start = end;
    }
    return lines;
}
function linesEqual(image, at, pre) {
    for (let j = 0; j < pre.length; j++)
        if (!image.line(at + j).equals(pre[j]))
            return false;
    return true;
}
/** git's find_pos: from the hunk's line, try forward and backward alternately for an exact match. */
function findPosition(image, pre, line, matchBeginning, matchEnd) {
    if (pre.length > image.length)
        return -1;
    if (matchBeginning)
        line = 0;
    else if (matchEnd)
        line = image.length - pre.length;
    if (line > image.length)
        line = image.length;
    const fits = (at) => at >= 0 &&
        at + pre.length <= image.length &&
        (!matchBeginning || at === 0) &&
        (!matchEnd || at + pre.length === image.length) &&
        linesEqual(image, at, pre);
    let backwards = line;
    let forwards = line;
    let current = line;
    for (let i = 0;; i++) {
        if (fits(current))
            return current;
        for (;;) {
            if (backwards === 0 && forwards >= image.length)
                return -1;
            if (i & 1) {
                if (backwards === 0) {
                    i++;
                    continue;
                }
                current = --backwards;
            }
            else {
                if (forwards >= image.length) {
                    i++;
                    continue;
                }
                current = ++forwards;
            }
            break;
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
function applyHunks(content, hunks, file) {
    let base = splitKeepingNewlines(content);
    let done = [];
    let next = 0;
    const image = {
        get length() {
            return done.length + base.length - next;
        },
        line: i => (i < done.length ? done[i] : base[next + i - done.length])
    };
    for (const hunk of hunks) {
        const lines = hunk.lines;
        const pre = lines.filter(l => l.kind !== '+').map(l => l.content);
        const post = lines.filter(l => l.kind !== '-').map(l => l.content);
        let trailing = 0;
        for (let j = lines.length - 1; j >= 0 && lines[j].kind === ' '; j--)
            trailing++;
        const matchBeginning = hunk.oldStart === 0 || hunk.oldStart === 1;
        const matchEnd = trailing === 0;
        const start = hunk.newStart ? hunk.newStart - 1 : 0;
        const at = findPosition(image, pre, start, matchBeginning, matchEnd);
        if (at < 0) {
            const expected = pre.length ? `'${pre[0].toString('utf8').replace(/\r?\n$/, '')}'` : 'an empty range';
            throw new errors/* DiffDoesNotApplyError */.sQ(file, `its ${pre.length} context and removed line(s) starting with ${expected} match nowhere in the file ` +
                `(${image.length} lines)${matchEnd ? ' at its end' : ''}. The file changed since the diff was made: ` +
                'regenerate the diff against the current content.', hunk.header);
        }
        if (at < done.length) {
            // Among the lines already passed: start over from the whole file as it is now (rare; git allows it).
            base = [...done, ...base.slice(next)];
            done = [];
            next = 0;
        }
        for (const end = next + at - done.length; next < end; next++)
            done.push(base[next]);
        for (const line of post)
            done.push(line);
        next += pre.length;
    }
    for (; next < base.length; next++)
        done.push(base[next]);
    return Buffer.concat(done);
}
/** What an earlier patch left at a path it deleted or renamed away: later patches may not change it. */
const DELETED = Symbol('deleted');
const FULL_ID = /^[0-9a-f]{40}$/;
const NULL_ID = /^0+$/;
/** Refuses a path git's verify_path refuses: escapes and `.git` disguises as outside, the rest as invalid. */
function verifyPath(path, mode) {
    const problem = (0,paths/* gitPathProblem */.n2)(path, mode === '120000');
    if (!problem)
        return;
    if (problem.outside)
        throw new errors/* PathOutsideRepositoryError */.Pf(path, problem.reason);
    throw new errors/* InvalidInputError */.oC(`Path '${path}' cannot be in a git tree: ${problem.reason}. Rename it in the diff.`);
}
/** Whether a patch changes more than bytes (git calls a patch without hunks or such a change garbage). */
function changesMetadata(patch) {
    return (patch.kind !== 'modify' ||
        (patch.oldMode !== undefined && patch.newMode !== undefined && patch.oldMode !== patch.newMode));
}
/** Refuses what cannot be applied whatever the base: patches without data, and paths git refuses. */
function validate(patch) {
    const file = patch.newPath ?? patch.oldPath;
    if (patch.binaryWithoutData) {
        throw new errors/* InvalidInputError */.oC(`The diff marks '${file}' as a binary file that differs but holds no data ('Binary files ... differ'): ` +
            'make the diff with `git diff --binary` so that binary changes can be applied.');
    }
    if (!patch.hunks.length && !patch.binary && !changesMetadata(patch)) {
        const submodule = patch.oldMode === '160000' || patch.newMode === '160000';
        throw new errors/* InvalidInputError */.oC(changesContent(patch)
            ? `The diff says '${file}' changed (${patch.oldId}..${patch.newId}) but holds no hunks or binary data ` +
                `for it: ${submodule ? 'make submodule changes with `git diff --submodule=short`.' : 'make the diff with `git diff --binary`.'}`
            : `The diff names '${file}' but changes nothing in it (git apply calls it a patch with only garbage): ` +
                'remove that part of the diff.');
    }
    if (patch.binary && !(FULL_ID.test(patch.oldId ?? '') && FULL_ID.test(patch.newId ?? ''))) {
        throw new errors/* InvalidInputError */.oC(`The binary patch for '${file}' has no full 'index' line, so what it applies to cannot be checked: ` +
            'make the diff with `git diff --binary` (it writes full ids).');
    }
    if (patch.oldPath !== undefined)
        verifyPath(patch.oldPath, patch.oldMode);
    if (patch.newPath !== undefined)
        verifyPath(patch.newPath, patch.newMode);
}
/** Applies the patches of a diff to a base; throws (changing nothing anywhere) when any part does not apply. */
async function applyPatches(patches, base) {
    // Everything that needs no base is refused first, so a bad path is refused before anything is read.
    for (const patch of patches)
        validate(patch);
    const wanted = new Set();
    for (const { oldPath, newPath } of patches) {
        for (const p of [oldPath, newPath])
            if (p !== undefined)
                for (const a of [p, ...ancestors(p)])
                    wanted.add(a);
    }
    const stats = base.statMany
        ? await base.statMany([...wanted])
        : new Map(await Promise.all([...wanted].map(async (p) => [p, await base.stat(p)])));
    const baseFile = (path) => {
        const entry = stats.get(path);
        return entry && entry.mode !== '040000' ? entry : undefined;
    };
    // A rename or copy reads its source from the base, whatever came before it (git's diffs do not depend on
    // order); any other patch reads what the patches before it left. Bytes the base must give come in one batch.
    const contents = new Map();
    if (base.readMany) {
        const read = new Map();
        const touched = new Set();
        for (const patch of patches) {
            const { kind, oldPath, newPath } = patch;
            const fromBase = kind === 'rename' || kind === 'copy' || !touched.has(oldPath);
            const needsBytes = patch.hunks.length > 0 || patch.binary?.forward.method === 'delta';
            const entry = kind !== 'add' && fromBase && needsBytes ? baseFile(oldPath) : undefined;
            if (entry && entry.mode !== '160000')
                read.set(entry.sha, { path: oldPath, entry });
            if (newPath !== undefined)
                touched.add(newPath);
            if (kind === 'delete' || kind === 'rename')
                touched.add(oldPath);
        }
        if (read.size)
            for (const [sha, bytes] of await base.readMany([...read.values()]))
                contents.set(sha, bytes);
    }
    const baseStates = new Map();
    const baseState = (path) => {
        const entry = baseFile(path);
        if (!entry)
            return undefined;
        if (!baseStates.has(path))
            baseStates.set(path, { mode: entry.mode, sha: entry.sha });
        return baseStates.get(path);
    };
    async function bytes(path, state) {
        if (state.content)
            return state.content;
        if (state.mode === '160000')
            return gitlinkText(state.sha);
        const content = contents.get(state.sha) ?? (await base.read(path, { mode: state.mode, sha: state.sha }));
        if (gitBlobSha(content) !== state.sha) {
            throw new errors/* InvalidInputError */.oC(`The base content read for '${path}' does not match its blob id ${state.sha}.`);
        }
        state.content = content;
        return content;
    }
    const table = new Map();
    const toBeDeleted = new Set(patches.filter(p => p.kind === 'delete' || p.kind === 'rename').map(p => p.oldPath));
    const removed = new Set();
    const added = new Map();
    for (const patch of patches) {
        const { kind, oldPath, newPath } = patch;
        const file = newPath ?? oldPath;
        let source;
        if (kind !== 'add') {
            const earlier = kind === 'rename' || kind === 'copy' ? undefined : table.get(oldPath);
            if (earlier === DELETED) {
                throw new errors/* DiffDoesNotApplyError */.sQ(oldPath, 'an earlier part of the diff deleted or renamed it');
            }
            source = earlier ?? baseState(oldPath);
            if (!source)
                throw new errors/* DiffDoesNotApplyError */.sQ(oldPath, 'the diff changes it, but it does not exist');
            if (patch.oldMode && kindOf(patch.oldMode) !== kindOf(source.mode)) {
                throw new errors/* DiffDoesNotApplyError */.sQ(oldPath, `the diff expects a ${kindOf(patch.oldMode)}, but it is a ${kindOf(source.mode)}`);
            }
        }
        if (kind === 'add' || kind === 'rename' || kind === 'copy') {
            // Only the base counts, and not even it for a path that some patch deletes or renames away.
            const freed = table.get(newPath) === DELETED || toBeDeleted.has(newPath);
            if (!freed && baseFile(newPath)) {
                throw new errors/* DiffDoesNotApplyError */.sQ(newPath, 'the diff creates it, but it already exists');
            }
        }
        const oldMode = patch.oldMode ?? source?.mode;
        const mode = patch.newMode ?? (kind === 'add' ? '100644' : source.mode);
        if (oldMode && kind !== 'delete' && kindOf(oldMode) !== kindOf(mode)) {
            throw new errors/* DiffDoesNotApplyError */.sQ(file, `a ${kindOf(oldMode)} cannot become a ${kindOf(mode)} in place: delete it and create it anew`);
        }
        // The same rules again with the modes the base filled in (a symlink may not be `.gitmodules`).
        if (oldPath !== undefined && kind !== 'add')
            verifyPath(oldPath, oldMode);
        if (newPath !== undefined)
            verifyPath(newPath, mode);
        let result;
        if (patch.binary) {
            const sha = source ? (source.sha ?? gitBlobSha(await bytes(oldPath, source))) : undefined;
            if (source && sha !== patch.oldId) {
                throw new errors/* DiffDoesNotApplyError */.sQ(file, `the binary patch was made against blob ${patch.oldId}, but the file is blob ${sha}: regenerate the diff`);
            }
            const forward = patch.binary.forward;
            const content = NULL_ID.test(patch.newId)
                ? Buffer.alloc(0)
                : forward.method === 'literal'
                    ? forward.data
                    : applyGitDelta(source ? await bytes(oldPath, source) : Buffer.alloc(0), forward.data, file);
            result = { mode, content };
            const made = gitBlobSha(content);
            if (!NULL_ID.test(patch.newId) && made !== patch.newId) {
                throw new errors/* DiffDoesNotApplyError */.sQ(file, `the binary patch makes blob ${made}, but the diff says ${patch.newId}`);
            }
        }
        else if (patch.hunks.length) {
            const before = source ? await bytes(oldPath, source) : Buffer.alloc(0);
            result = { mode, content: applyHunks(before, patch.hunks, file) };
        }
        else if (source) {
            result = { mode, sha: source.sha, content: source.content };
        }
        else {
            result = { mode, content: Buffer.alloc(0) };
        }
        if (kind === 'delete') {
            if (result.content?.length) {
                throw new errors/* DiffDoesNotApplyError */.sQ(file, 'the diff deletes it, but the file holds more than the diff removes: regenerate the diff');
            }
            table.set(oldPath, DELETED);
            removed.add(oldPath);
            continue;
        }
        if (result.content && mode === '160000')
            result = { mode, sha: parseGitlinkText(result.content, file) };
        else if (result.content)
            result.sha = gitBlobSha(result.content);
        table.set(newPath, result);
        if (kind === 'rename')
            table.set(oldPath, DELETED);
        if (kind === 'modify' || kind === 'rename')
            removed.add(oldPath);
        added.set(newPath, result);
    }
    // The tree as git writes it: what was removed is gone unless a result took its place.
    const present = (path) => added.has(path) || (!removed.has(path) && baseFile(path) !== undefined);
    const dependsOn = new Map();
    const addedDirectories = new Set([...added.keys()].flatMap(ancestors));
    for (const path of added.keys()) {
        for (const parent of ancestors(path)) {
            if (present(parent)) {
                throw new errors/* DiffDoesNotApplyError */.sQ(path, `'${parent}' is a file, so it cannot hold '${path}'`);
            }
            dependsOn.set(parent, stats.get(parent) ? ANY_TREE : null);
        }
        const inside = (stats.get(path)?.mode === '040000'
            ? (await base.filesUnder(path)).find(f => added.has(f) || !removed.has(f))
            : undefined) ??
            (addedDirectories.has(path) ? [...added.keys()].find(p => p.startsWith(`${path}/`)) : undefined);
        if (inside) {
            throw new errors/* DiffDoesNotApplyError */.sQ(path, `the diff makes it a file, but it is a directory that holds '${inside}'`);
        }
    }
    const baseModes = new Map();
    for (const path of [...removed, ...added.keys(), ...baseStates.keys()]) {
        const entry = stats.get(path);
        dependsOn.set(path, entry?.sha ?? null);
        if (entry && entry.mode !== '040000')
            baseModes.set(path, entry.mode);
    }
    const files = new Map();
    for (const path of [...new Set([...removed, ...added.keys()])].sort(comparePaths)) {
        const state = added.get(path);
        if (!state) {
            // Deleted, unless it was absent in the base too (created and then deleted within this diff).
            if (baseFile(path))
                files.set(path, null);
            continue;
        }
        files.set(path, state.content && state.mode !== '160000'
            ? { mode: state.mode, content: state.content }
            : { mode: state.mode, sha: state.sha });
    }
    return { files, dependsOn, baseModes, patches: patches.length };
}
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
/** Whether the `index` line says the bytes changed (an empty file created or deleted needs no hunk). */
function changesContent(patch) {
    const { oldId, newId } = patch;
    if (!oldId || !newId || oldId === newId)
        return false;
    const zero = (id) => NULL_ID.test(id);
    const empty = (id) => EMPTY_BLOB.startsWith(id);
    if (zero(oldId))
        return !empty(newId);
    if (zero(newId))
        return !empty(oldId);
    return true;
}
/** The directories above a path, nearest last (`a/b/c` → `a`, `a/b`). */
function ancestors(path) {
    const parts = path.split('/');
    const out = [];
    for (let i = 1; i < parts.length; i++)
        out.push(parts.slice(0, i).join('/'));
    return out;
}
/** Byte-wise path order (git's order for blobs). */
function comparePaths(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
/** Parses and applies a diff in one step. */
async function applyDiffText(diff, base) {
    return applyPatches(parseGitDiff(diff), base);
}


/***/ }),

/***/ 3116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C3: () => (/* binding */ retryAfterSeconds),
/* harmony export */   OE: () => (/* binding */ RateLimitError),
/* harmony export */   OS: () => (/* binding */ GitHubApiError),
/* harmony export */   PO: () => (/* binding */ errorStatus),
/* harmony export */   eK: () => (/* binding */ isRequestError),
/* harmony export */   n0: () => (/* binding */ GraphQLRequestError),
/* harmony export */   xm: () => (/* binding */ rateLimitReset),
/* harmony export */   ym: () => (/* binding */ mapGitHubError)
/* harmony export */ });
/* unused harmony exports RESOURCE_NOT_ACCESSIBLE, ACTIONS_CANNOT_CREATE_PULL_REQUESTS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _surface_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7800);
/**
 * Errors of the GitHub client, and the mapper that turns Octokit's RequestError into a typed error whose message
 * names the permission or setting that is missing.
 */


/** A GitHub API request failed for a reason that is not a permission problem (a 422, a 5xx after retries, ...). */
class GitHubApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SelfHealError */ .ZO {
    static type = 'GitHubApiError';
    /** The HTTP status (500 for network errors and timeouts). */
    status;
    constructor(message, status, options) {
        super(message, options);
        this.status = status;
    }
}
/** A GraphQL request answered with errors (HTTP 200 with an `errors` array). */
class GraphQLRequestError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SelfHealError */ .ZO {
    static type = 'GraphQLRequestError';
    /** The errors GitHub returned, e.g. `[{ type: 'NOT_FOUND', message: '...' }]`. */
    errors;
    /** The HTTP status (usually 200). */
    status;
    constructor(errors, status) {
        super(`GitHub GraphQL request failed: ${errors.map(e => (e.type ? `${e.type}: ` : '') + e.message).join('; ')}`);
        this.errors = errors;
        this.status = status;
    }
}
/**
 * A rate limit asks self-heal to wait longer than it is willing to: the primary limit resets later, or a
 * secondary limit's `retry-after` is longer. The message says when to run again.
 */
class RateLimitError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SelfHealError */ .ZO {
    static type = 'RateLimitError';
    /** When requests may be made again. */
    resetAt;
    constructor(resetAt, waitBoundSeconds, options) {
        const inSeconds = Math.max(0, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
        super(options?.secondary
            ? `GitHub's secondary rate limit asks to wait ${inSeconds} s (retry-after) before the next request, more ` +
                `than the ${waitBoundSeconds} s self-heal waits: run again after ${resetAt.toISOString()}, and avoid ` +
                'running many self-heal jobs at once.'
            : `The GitHub API rate limit for this token is exhausted; it resets at ${resetAt.toISOString()} ` +
                `(in ${inSeconds} s, more than the ${waitBoundSeconds} s self-heal waits): run again after the reset, ` +
                'or use a token with its own limit (a GitHub App installation token has a higher one).', { cause: options?.cause });
        this.resetAt = resetAt;
    }
}
/** Whether a value looks like an Octokit RequestError (has a numeric HTTP status). */
function isRequestError(error) {
    return (typeof error === 'object' &&
        error !== null &&
        typeof error.status === 'number' &&
        typeof error.message === 'string');
}
/** The HTTP status of an error when it came from the GitHub API, else undefined. */
function errorStatus(error) {
    return isRequestError(error) ? error.status : undefined;
}
/** GitHub's message for a token that lacks a permission. */
const RESOURCE_NOT_ACCESSIBLE = 'Resource not accessible by integration';
/** GitHub's message when the repository or organisation forbids Actions from opening pull requests. */
const ACTIONS_CANNOT_CREATE_PULL_REQUESTS = 'GitHub Actions is not permitted to create or approve pull requests';
const ALLOW_PR_SETTING = 'enable "Allow GitHub Actions to create and approve pull requests" in the repository (or organisation) ' +
    'Settings → Actions → General → Workflow permissions';
/**
 * Turns an error thrown by Octokit into a typed error that says what to change: 401 → bad credentials;
 * 403/404 → the missing permission or setting; rate limits → RateLimitError; anything else → GitHubApiError.
 * Errors that are already SelfHealErrors pass through unchanged.
 */
function mapGitHubError(error, purpose) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SelfHealError */ .ZO)
        return error;
    if (!isRequestError(error)) {
        return new GitHubApiError(`GitHub API request failed while ${purpose.action}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`, 500, {
            cause: error
        });
    }
    const repo = purpose.repository ? ` on ${purpose.repository}` : '';
    const need = purpose.permission
        ? `\`permissions: ${purpose.permission}: ${purpose.write ? 'write' : 'read'}\``
        : '';
    // A network error's message can hold the URL it failed on.
    const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrls */ .sK)(apiMessage(error));
    switch (error.status) {
        case 401:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PermissionError */ .i_(`GitHub rejected the token (401 ${message}) while ${purpose.action}${repo}: the token is invalid or ` +
                `expired; give a valid one: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_1__/* .howToSet */ .ac)('token')}.`, { cause: error });
        case 403:
        case 429: {
            const reset = rateLimitReset(error);
            if (reset)
                return new RateLimitError(reset, 0, { cause: error });
            if (message.includes(ACTIONS_CANNOT_CREATE_PULL_REQUESTS)) {
                return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PermissionError */ .i_(`GitHub refused ${purpose.action}${repo}: ${message}. To let self-heal open pull requests, ${ALLOW_PR_SETTING}` +
                    ', and give the job `permissions: pull-requests: write`.', { cause: error });
            }
            if (/secondary rate limit|abuse/i.test(message)) {
                const after = retryAfterSeconds(error);
                return new GitHubApiError(`GitHub's secondary rate limit stopped ${purpose.action}${repo} and retrying did not help: ` +
                    (after === undefined
                        ? 'wait a few minutes and run again'
                        : `run again after ${new Date(Date.now() + after * 1000).toISOString()} (retry-after: ${after} s)`) +
                    ', and avoid running many self-heal jobs at once.', error.status, { cause: error });
            }
            const hint = need
                ? `the job needs ${need}${purpose.permission === 'pull-requests' ? ` (and ${ALLOW_PR_SETTING})` : ''}` +
                    (purpose.permission === 'workflows'
                        ? ' (a GITHUB_TOKEN can never change workflow files: use an App or a PAT)'
                        : '')
                : 'the token lacks a permission this request needs';
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PermissionError */ .i_(`GitHub refused ${purpose.action}${repo} (403 ${message}): ${hint}. Add it under \`permissions:\` in the ` +
                'workflow, or use a token that has it.', { cause: error });
        }
        case 404:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PermissionError */ .i_(`GitHub answered 404 Not Found while ${purpose.action}${repo}: the repository or resource does not exist, ` +
                'or the token cannot see it (GitHub hides what a token may not read)' +
                (need ? `; the job needs ${need}` : '') +
                '. Check the repository name and the token.', { cause: error });
        default:
            if (error.status === 500 && !error.response) {
                return new GitHubApiError(`Could not reach the GitHub API while ${purpose.action}${repo}: ${message}. Check the API URL ` +
                    `(${(0,_surface_js__WEBPACK_IMPORTED_MODULE_1__/* .settingName */ .QX)('apiUrl')}) and the network, then run again.`, 500, { cause: error });
            }
            return new GitHubApiError(`GitHub API request failed while ${purpose.action}${repo}: ${error.status} ${message}`, error.status, { cause: error });
    }
}
/** The seconds a `retry-after` header asks to wait (a number of seconds or an HTTP date), when there is one. */
function retryAfterSeconds(error) {
    const value = error.response?.headers?.['retry-after'];
    if (value === undefined || value === '')
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds);
    const date = Date.parse(String(value));
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
/** The reset time of an exhausted primary rate limit, or undefined when the error is not one. */
function rateLimitReset(error) {
    const headers = error.response?.headers ?? {};
    if (String(headers['x-ratelimit-remaining']) !== '0')
        return undefined;
    const reset = Number(headers['x-ratelimit-reset']);
    if (!Number.isFinite(reset) || reset <= 0)
        return undefined;
    return new Date(reset * 1000);
}
function apiMessage(error) {
    const data = error.response?.data;
    if (!data || typeof data !== 'object' || typeof data.message !== 'string')
        return error.message;
    // A 422's detail is in `errors` ("No commits between main and x", "Reference already exists"...).
    const details = Array.isArray(data.errors)
        ? data.errors
            .map(e => (typeof e === 'string' ? e : e?.message))
            .filter((m) => typeof m === 'string' && m.length > 0)
        : [];
    return details.length ? `${data.message}: ${details.join('; ')}` : data.message;
}


/***/ }),

/***/ 9081:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ isFullSha),
/* harmony export */   e: () => (/* binding */ validateBranchName)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Branch name rules (git check-ref-format, as a pure function) and ref resolution helpers. */

/**
 * Validates an untrusted branch name the way `git check-ref-format --branch` does, and returns it. Throws
 * InvalidInputError saying what is wrong, so a bad name never reaches a URL or a git argument.
 */
function validateBranchName(name, what = 'Branch name') {
    const fail = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`${what} '${name}' is not valid: ${why}.`);
    if (typeof name !== 'string' || name.length === 0)
        throw fail('it is empty');
    if (name.startsWith('refs/heads/'))
        name = name.slice('refs/heads/'.length);
    if (name.startsWith('-'))
        throw fail("it starts with '-'");
    if (name === '@')
        throw fail("'@' alone is not a branch name");
    if (name === 'HEAD')
        throw fail("'HEAD' is not a branch name");
    if (/[\x00-\x20\x7f~^:?*[\\]/.test(name))
        throw fail('it contains a space, a control character or one of ~ ^ : ? * [ \\');
    if (name.includes('..'))
        throw fail("it contains '..'");
    if (name.includes('@{'))
        throw fail("it contains '@{'");
    if (name.includes('//') || name.startsWith('/') || name.endsWith('/'))
        throw fail("it has an empty '/' component");
    if (name.endsWith('.'))
        throw fail("it ends with '.'");
    for (const part of name.split('/')) {
        if (part.startsWith('.'))
            throw fail("a component starts with '.'");
        if (part.endsWith('.lock'))
            throw fail("a component ends with '.lock'");
    }
    if (Buffer.byteLength(name) > 255)
        throw fail('it is longer than 255 bytes');
    return name;
}
/** Whether a string is a full commit id (SHA-1 or SHA-256). */
function isFullSha(value) {
    return /^[0-9a-f]{40}$/.test(value) || /^[0-9a-f]{64}$/.test(value);
}


/***/ })

};
