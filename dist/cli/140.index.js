export const id = 140;
export const ids = [140,668,148];
export const modules = {

/***/ 3140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LocalWorkspace: () => (/* binding */ LocalWorkspace),
  checkoutIdentity: () => (/* binding */ checkoutIdentity)
});

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


/***/ })

};
