export const id = 463;
export const ids = [463];
export const modules = {

/***/ 4006:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {



const pico = __webpack_require__(8016);
const utils = __webpack_require__(4059);

function picomatch(glob, options, returnState = false) {
  // default to os.platform()
  if (options && (options.windows === null || options.windows === undefined)) {
    // don't mutate the original options object
    options = { ...options, windows: utils.isWindows() };
  }

  return pico(glob, options, returnState);
}

Object.assign(picomatch, pico);
module.exports = picomatch;


/***/ }),

/***/ 5463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubStorageAdapter: () => (/* binding */ GitHubStorageAdapter)
/* harmony export */ });
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8431);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3116);
/* harmony import */ var _github_refs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9081);
/* harmony import */ var _base_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2164);
/* harmony import */ var _diff_apply_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(516);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4807);
/**
 * GitHubStorageAdapter: the Storage port over the GitHub API, on one branch. Reads use the Contents API (up to
 * 1 MB) and the blobs API (up to 100 MB); writes and deletes are Contents API commits made with the file's current
 * sha, retried with a fresh sha when someone else wrote in between (409), a bounded number of times. listFiles is
 * one recursive tree request, walking subtrees when GitHub truncates it. Paths follow the local adapter's rules.
 */








const CONTENTS_LIMIT = 1024 * 1024;
/** The Storage port over the GitHub API. */
class GitHubStorageAdapter {
    client;
    options;
    kind = 'github-contents';
    branch;
    constructor(client, options = {}) {
        this.client = client;
        this.options = options;
        if (options.branch)
            (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_3__/* .validateBranchName */ .e)(options.branch);
        if (options.commit !== undefined) {
            if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(options.commit)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`'${options.commit}' is not a commit's full sha (40 or 64 hex digits).`);
            }
            if (options.branch)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC('A Storage adapter reads a branch or a commit, not both.');
        }
    }
    get repo() {
        return { owner: this.client.owner, repo: this.client.repo };
    }
    /**
     * The branch in use, or the commit read. A commit is looked up once first: the Contents API answers 404 for a
     * commit it does not have as for a missing file, and every file reading as absent would pass unnoticed.
     */
    ref() {
        const commit = this.options.commit;
        if (commit) {
            this.branch ??= this.client.octokit.rest.git
                .getCommit({ ...this.repo, commit_sha: commit })
                .then(() => commit)
                .catch(error => {
                this.branch = undefined;
                if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorStatus */ .PO)(error) === 404 || (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorStatus */ .PO)(error) === 422) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefNotFoundError */ .ZA(commit, `the repository has no such commit`);
                }
                throw this.client.mapError(error, { action: `reading commit ${commit}`, permission: 'contents' });
            });
            return this.branch;
        }
        this.branch ??= this.options.branch
            ? Promise.resolve(this.options.branch)
            : this.client.octokit.rest.repos
                .get(this.repo)
                .then(({ data }) => data.default_branch)
                .catch(error => {
                this.branch = undefined;
                throw this.client.mapError(error, { action: 'reading the repository', permission: 'contents' });
            });
        return this.branch;
    }
    /** GET contents; undefined on 404; an array for a directory. */
    async getContent(path) {
        const ref = await this.ref();
        try {
            const { data } = await this.client.octokit.rest.repos.getContent({ ...this.repo, path, ref });
            return data;
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorStatus */ .PO)(error) === 404)
                return undefined;
            throw this.client.mapError(error, { action: `reading '${path}'`, permission: 'contents' });
        }
    }
    /**
     * Finds what a path names on the branch, following symlinks that stay inside the repository (a bounded number
     * of hops), also when one is a directory on the way. A symlink leading outside is a PathOutsideRepositoryError.
     */
    async locate(asked) {
        let path = (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(asked);
        for (let hop = 0; hop < 40; hop++) {
            const got = await this.getContent(path);
            if (Array.isArray(got))
                return { path, directory: true };
            if (got?.type === 'symlink') {
                path = resolveLink(path, got.target ?? (await this.linkTarget(got.sha)), asked);
                continue;
            }
            // GitHub answers a symlink to a file with the file itself, under the target's path.
            if (got?.type === 'file')
                return { path: got.path || path, file: got };
            if (got)
                return { path, directory: false, other: got.type };
            const redirected = await this.throughAncestors(path, asked);
            if (redirected === undefined)
                return { path };
            path = redirected;
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(asked, 'too many levels of symlinks');
    }
    /** For a path that is missing: the path it leads to when a directory above it is a symlink. */
    async throughAncestors(path, asked) {
        const parts = path.split('/');
        for (let i = parts.length - 1; i >= 1; i--) {
            const parent = parts.slice(0, i).join('/');
            const got = await this.getContent(parent);
            if (got === undefined)
                continue;
            if (Array.isArray(got) || got.type !== 'symlink')
                return undefined;
            const target = resolveLink(parent, got.target ?? (await this.linkTarget(got.sha)), asked);
            return `${target}/${parts.slice(i).join('/')}`;
        }
        return undefined;
    }
    async linkTarget(sha) {
        try {
            const { data } = await this.client.octokit.rest.git.getBlob({ ...this.repo, file_sha: sha });
            return Buffer.from(data.content, 'base64').toString('utf8');
        }
        catch (error) {
            throw this.client.mapError(error, { action: 'reading a symlink', permission: 'contents' });
        }
    }
    async readFile(path) {
        const found = await this.locate(path);
        const file = found.file;
        if (!file) {
            throw found.directory !== undefined
                ? new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FileNotFoundError */ .kG(found.path, 'the repository as a file')
                : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FileNotFoundError */ .kG(found.path);
        }
        if (file.size > _base_source_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BLOB_BYTES */ .TP)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .FileTooLargeError */ .y(found.path, file.size);
        if (file.size <= CONTENTS_LIMIT && file.encoding === 'base64' && file.content !== undefined) {
            const bytes = Buffer.from(file.content, 'base64');
            if (bytes.length === file.size)
                return bytes;
        }
        // Over 1 MB the Contents API leaves the content out: the blobs API serves up to 100 MB, by the same sha.
        try {
            const { data } = await this.client.octokit.rest.git.getBlob({ ...this.repo, file_sha: file.sha });
            return Buffer.from(data.content, 'base64');
        }
        catch (error) {
            throw this.client.mapError(error, { action: `reading '${found.path}'`, permission: 'contents' });
        }
    }
    /** A commit is history: nothing is written to it. */
    writable(action, path) {
        if (this.options.commit) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Cannot ${action} '${path}': this Storage adapter reads commit ${this.options.commit}, which cannot be written to.`);
        }
    }
    async writeFile(path, content) {
        (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path);
        this.writable('write', path);
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
        await this.withFreshSha(path, 'update', async (found) => {
            if (found.directory || found.other) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`'${found.path}' is a ${found.other ?? 'directory'} in the repository, not a file.`);
            }
            await this.client.octokit.rest.repos.createOrUpdateFileContents({
                ...this.repo,
                path: found.path,
                branch: await this.ref(),
                message: this.message(found.file ? 'update' : 'create', found.path),
                content: bytes.toString('base64'),
                ...(found.file ? { sha: found.file.sha } : {}),
                ...(this.options.committer
                    ? { committer: this.options.committer, author: this.options.committer }
                    : {})
            });
        }, found => found.file?.sha === (0,_diff_apply_js__WEBPACK_IMPORTED_MODULE_5__/* .gitBlobSha */ .Ak)(bytes));
    }
    async fileExists(path) {
        (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path);
        try {
            return (await this.locate(path)).file !== undefined;
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf)
                return false;
            throw error;
        }
    }
    async listFiles(glob = '**') {
        const pattern = (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoGlob */ .Cx)(glob);
        const isMatch = picomatch__WEBPACK_IMPORTED_MODULE_7___default()(pattern, { dot: true });
        const ref = await this.ref();
        let entries;
        try {
            // The recursive tree of the branch (tree_sha accepts a branch name): one request unless GitHub truncates.
            entries = await (0,_base_source_js__WEBPACK_IMPORTED_MODULE_4__/* .listTreeRecursive */ .VN)(this.client, await this.treeish(ref));
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorStatus */ .PO)(error) === 404)
                return [];
            throw this.client.mapError(error, { action: 'listing files', permission: 'contents' });
        }
        const found = [];
        for (const [path, entry] of entries) {
            if (entry.mode === '160000' || !isMatch(path))
                continue; // a submodule is not a file of this repository
            // A symlink counts when it leads to a file inside the repository, as with the local adapter.
            if (entry.mode === '120000' && !(await this.linkLeadsToFile(path, entry.sha, entries)))
                continue;
            found.push(path);
        }
        return found.sort();
    }
    /**
     * What to list: the branch name itself (get-tree takes a ref name), or, for a name with `/` (which would reach
     * the URL as `%2F`), the tree of the commit the branch points to; for a commit read, its tree.
     */
    async treeish(ref) {
        if (this.options.commit) {
            const { data } = await this.client.octokit.rest.git.getCommit({ ...this.repo, commit_sha: ref });
            return data.tree.sha;
        }
        if (!ref.includes('/'))
            return ref;
        const { data } = await this.client.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${ref}` });
        const { data: commit } = await this.client.octokit.rest.git.getCommit({
            ...this.repo,
            commit_sha: data.object.sha
        });
        return commit.tree.sha;
    }
    async linkLeadsToFile(path, sha, entries) {
        let current = path;
        let blob = sha;
        for (let hop = 0; hop < 40; hop++) {
            try {
                current = resolveLink(current, await this.linkTarget(blob), path);
            }
            catch (error) {
                if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf)
                    return false;
                throw error;
            }
            const next = entries.get(current);
            if (!next || next.mode === '160000')
                return false;
            if (next.mode !== '120000')
                return true;
            blob = next.sha;
        }
        return false;
    }
    async deleteFile(path) {
        (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path);
        this.writable('delete', path);
        await this.withFreshSha(path, 'delete', async (found) => {
            if (!found.file)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FileNotFoundError */ .kG(found.path);
            // The path itself goes, not a symlink's target: find its own entry when GitHub followed a link.
            const own = found.path === (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path) ? found.file.sha : await this.ownSha((0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path));
            await this.client.octokit.rest.repos.deleteFile({
                ...this.repo,
                path: (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path),
                branch: await this.ref(),
                message: this.message('delete', (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path)),
                sha: own ?? found.file.sha,
                ...(this.options.committer
                    ? { committer: this.options.committer, author: this.options.committer }
                    : {})
            });
        }, found => !found.file);
    }
    /** The blob id of the entry at a path itself (not what a symlink there leads to), from its directory listing. */
    async ownSha(path) {
        const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
        const listing = await this.getContent(dir);
        if (!Array.isArray(listing))
            return undefined;
        return listing.find(entry => entry.path === path)?.sha;
    }
    message(action, path) {
        return (this.options.messageTemplate ?? 'self-heal: {action} {path}')
            .replace('{action}', action)
            .replace('{path}', path);
    }
    /**
     * Runs a Contents API write with the file's current sha. A 409, or a 422 that says the sha is stale or missing,
     * means someone wrote in between: locate the file again (fresh sha) and retry, a bounded number of times.
     */
    async withFreshSha(path, action, write, done) {
        const attempts = this.options.maxWriteAttempts ?? 3;
        const doing = `${action === 'delete' ? 'deleting' : 'writing'} '${(0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(path)}'`;
        let lastError;
        for (let attempt = 0; attempt < attempts; attempt++) {
            const found = await this.locate(path);
            // After a conflict the branch may already be as asked (our own earlier attempt landed, its answer lost).
            if (attempt > 0 && done(found))
                return;
            try {
                await write(found);
                return;
            }
            catch (error) {
                const status = (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorStatus */ .PO)(error);
                const text = String(error.message);
                if (status === 409 ||
                    (status === 422 && /sha/i.test(text)) ||
                    (status === 404 && action === 'delete')) {
                    lastError = error;
                    continue;
                }
                throw this.client.mapError(error, { action: doing, permission: 'contents', write: true });
            }
        }
        throw this.client.mapError(lastError, {
            action: `${doing} (its sha kept changing: ${attempts} attempts)`,
            permission: 'contents',
            write: true
        });
    }
}
/** Resolves a symlink target relative to the link's directory; refuses a target outside the repository. */
function resolveLink(link, target, asked) {
    if (target.startsWith('/'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(asked, 'a symlink on the way is absolute');
    const dir = link.includes('/') ? link.slice(0, link.lastIndexOf('/')) : '';
    const joined = dir ? `${dir}/${target}` : target;
    try {
        return (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(joined);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PathOutsideRepositoryError */ .Pf(asked, 'a symlink on the way leads outside the repository');
    }
}


/***/ })

};
