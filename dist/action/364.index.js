export const id = 364;
export const ids = [364];
export const modules = {

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


/***/ })

};
