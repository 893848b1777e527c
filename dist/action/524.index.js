export const id = 524;
export const ids = [524,668,148];
export const modules = {

/***/ 2524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createLocalGitAdapter: () => (/* binding */ createLocalGitAdapter)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _diff_parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9566);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8431);
/* harmony import */ var _git_refs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8568);
/* harmony import */ var _git_remote_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(668);
/* harmony import */ var _git_run_git_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6148);
/* harmony import */ var _git_tree_edit_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5767);
/* harmony import */ var _surface_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7800);
/**
 * The local Git adapter: the git CLI, without a shell. Commits are built in a temporary index and written with
 * `commit-tree` + a compare-and-swap `update-ref`, so the user's current branch, index and working tree are never
 * touched and a failure moves no ref. Pull requests go through an injected GitHub service.
 */











/** The identity used when the repository has none configured, so a commit can still be made. */
const FALLBACK_IDENTITY = { name: 'self-heal', email: 'self-heal@users.noreply.github.com' };
/** Creates the local Git adapter after checking that `cwd` is inside a work tree and git is recent enough. */
async function createLocalGitAdapter(settings) {
    let root;
    try {
        root = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['rev-parse', '--show-toplevel'], { cwd: settings.cwd });
    }
    catch (error) {
        if (error instanceof _git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.GitCommandError) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`'${settings.cwd}' is not inside a git repository: run self-heal in a checkout or ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_10__/* .howToSet */ .ac)('cwd')}.`);
        }
        throw error;
    }
    const version = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['version'], { cwd: root });
    const match = /(\d+)\.(\d+)/.exec(version);
    if (!match || Number(match[1]) < 2 || (Number(match[1]) === 2 && Number(match[2]) < 38)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`self-heal needs git 2.38 or newer (found '${version}'): upgrade git.`);
    }
    return new LocalGitAdapter(root, settings);
}
class LocalGitAdapter {
    root;
    settings;
    kind = 'git-cli';
    /** Branches whose content applyDiff replaced, and the commit each was at: their push is leased on it. */
    replaced = new Map();
    constructor(root, settings) {
        this.root = root;
        this.settings = settings;
    }
    async createBranch(name, base) {
        const branch = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .assertBranchName */ .ae)(name, this.root);
        const sha = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .resolveCommit */ .WL)(base ?? 'HEAD', this.root);
        if (await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(branch, this.root))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BranchExistsError */ .vz(branch);
        // An empty old value makes update-ref fail if the branch appeared meanwhile: create, never overwrite.
        await this.updateRef(branch, sha, '', () => new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BranchExistsError */ .vz(branch));
    }
    async deleteBranch(name, expected) {
        const branch = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .assertBranchName */ .ae)(name, this.root);
        const sha = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(branch, this.root);
        if (!sha)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RefNotFoundError */ .ZA(`refs/heads/${branch}`, 'there is no such branch to delete.');
        if (expected !== undefined && sha !== expected) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK(`Branch '${branch}' is at ${sha}, not ${expected}: it was left alone.`);
        }
        if (await this.checkedOutIn(branch)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC(`Branch '${branch}' is checked out: switch to another branch before deleting it.`);
        }
        await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['update-ref', '-d', `refs/heads/${branch}`, sha], { cwd: this.root });
    }
    async getDiff(base, head) {
        const from = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .resolveCommit */ .WL)(base, this.root);
        const to = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .resolveCommit */ .WL)(head, this.root);
        const { stdout } = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['diff', '--binary', '--full-index', '--no-color', '--no-ext-diff', from, to], {
            cwd: this.root
        });
        return stdout.toString('utf8');
    }
    async applyDiff(patch, message, options) {
        const branch = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .assertBranchName */ .ae)(options.branch, this.root);
        if (!message.trim())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC('The commit message is empty: give a message.');
        // git reads the bytes as given; the checks and messages read them as text.
        const input = typeof patch === 'string' ? patch : Buffer.from(patch.buffer, patch.byteOffset, patch.byteLength);
        const diff = typeof input === 'string' ? input : input.toString('utf8');
        if (!diff.trim())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC('The diff is empty: there is nothing to commit.');
        const existing = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(branch, this.root);
        if (options.replacing !== undefined && existing !== options.replacing) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK(`Branch '${branch}' is at ${existing ?? 'nothing'}, not ${options.replacing}: nothing was changed.`);
        }
        if (existing && (await this.checkedOutIn(branch))) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC(`Branch '${branch}' is checked out: self-heal commits without touching your working tree, so it will not ` +
                'move the branch under it. Use another branch name, or switch away first.');
        }
        // Replacing, the commit is made on the base: the branch's earlier commits are no part of it.
        const parent = (options.replacing ? undefined : existing) ?? (await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .resolveCommit */ .WL)(options.base ?? 'HEAD', this.root));
        const paths = await this.checkDiffPaths(diff, input);
        const files = paths.files;
        const scratch = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'self-heal-index-'));
        try {
            const env = { GIT_INDEX_FILE: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(scratch, 'index') };
            const { touched } = paths;
            if (touched) {
                // The index holds only the files the diff touches, read from the parent's tree: what it costs is the
                // diff's size, not the repository's.
                const listed = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['ls-tree', '-r', '-z', '--full-tree', parent, '--', ...touched], {
                    cwd: this.root,
                    env: LITERAL_PATHS
                });
                await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['update-index', '-z', '--index-info'], { cwd: this.root, env, input: listed.stdout });
            }
            else
                await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['read-tree', parent], { cwd: this.root, env });
            // --check first so that a failure is reported before anything is written to the object database.
            for (const check of [true, false]) {
                const args = ['apply', '--cached', '--whitespace=nowarn'];
                if (check)
                    args.push('--check');
                const result = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(args, { cwd: this.root, env, input, okCodes: [0, 1, 128] });
                if (result.code !== 0)
                    throw diffError(result.stderr, diff);
            }
            const tree = touched
                ? await (0,_git_tree_edit_js__WEBPACK_IMPORTED_MODULE_9__/* .treeWith */ .p)(this.root, env, parent, touched)
                : await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['write-tree'], { cwd: this.root, env });
            const commit = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['commit-tree', tree, '-p', parent, '-F', '-'], {
                cwd: this.root,
                env: await this.identityEnv(options.author),
                input: message.endsWith('\n') ? message : `${message}\n`
            });
            await this.updateRef(branch, commit, existing ?? '', () => options.replacing
                ? new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK(`Branch '${branch}' moved while its content was being replaced; nothing was changed.`)
                : new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SelfHealError */ .ZO(`Branch '${branch}' moved while the commit was being made; nothing was changed: try again.`));
            if (options.replacing)
                this.replaced.set(branch, options.replacing);
            return { branch, commit, tree, files, createdBranch: !existing };
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(scratch, { recursive: true, force: true });
        }
    }
    async branchCommits(base, name) {
        const branch = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .assertBranchName */ .ae)(name, this.root);
        const head = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(branch, this.root);
        if (!head)
            return undefined;
        const from = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .resolveCommit */ .WL)(base, this.root);
        const { stdout } = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['log', `--format=${LOG_FORMAT}`, `${from}..${head}`], { cwd: this.root });
        return { head, commits: parseLog(stdout.toString('utf8')) };
    }
    async committerEmail() {
        const ident = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['var', 'GIT_COMMITTER_IDENT'], { cwd: this.root, okCodes: [0, 128] });
        const email = /<([^>]*)>/.exec(ident.stdout.toString('utf8'))?.[1];
        return ident.code === 0 && email ? email : FALLBACK_IDENTITY.email;
    }
    async listPullRequests(limit) {
        return this.settings.pullRequests?.listPullRequests(limit) ?? [];
    }
    /** Without a token there are no pull requests here, so none declines a fix. */
    async findPullRequests(head, options) {
        return this.settings.pullRequests?.findPullRequests(head, options) ?? [];
    }
    async upsertComment(number, marker, body) {
        return this.service().upsertComment(number, marker, body);
    }
    async createReview(number, review) {
        return this.service().createReview(number, review);
    }
    service() {
        if (this.settings.pullRequests)
            return this.settings.pullRequests;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(this.settings.pullRequestsUnavailable ??
            `Pull requests need a GitHub token and the repository: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_10__/* .howToSet */ .ac)('token')}, and ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_10__/* .howToSet */ .ac)('repository')}.`);
    }
    async createPullRequest(options) {
        const service = this.service();
        const head = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .assertBranchName */ .ae)(options.head, this.root);
        if (!(await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(head, this.root)))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RefNotFoundError */ .ZA(`refs/heads/${head}`, 'commit to it first.');
        const remote = this.settings.remote ?? _git_remote_js__WEBPACK_IMPORTED_MODULE_7__.DEFAULT_REMOTE;
        if (remote.startsWith('-'))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC(`'${remote}' is not a valid remote name.`);
        await this.push(remote, head);
        return service.createPullRequest({ ...options, head });
    }
    /**
     * Pushes a branch before its pull request is asked for (its head must exist on GitHub), never forced: a branch
     * whose content was replaced is pushed with a lease on the commit it replaced (a remote that moved meanwhile
     * refuses it: ConflictError), or, when the remote lacks it, as a new branch.
     */
    async push(remote, head) {
        const spec = `refs/heads/${head}:refs/heads/${head}`;
        const lease = this.replaced.get(head);
        const run = (args) => (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['push', '--porcelain', ...args, remote, spec], { cwd: this.root });
        const detail = (error) => error instanceof _git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.GitCommandError ? error.stderr.trim() : String(error);
        try {
            if (lease) {
                try {
                    await run([`--force-with-lease=refs/heads/${head}:${lease}`]);
                }
                catch {
                    await run([]);
                }
                this.replaced.delete(head);
            }
            else
                await run([]);
            const at = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(head, this.root);
            this.settings.log?.(`Pushed ${head} (${at?.slice(0, 12)}) to ${remote}${lease ? `, replacing ${lease.slice(0, 12)}` : ''}.`);
        }
        catch (error) {
            if (lease) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK(`'${remote}' has '${head}' somewhere other than ${lease.slice(0, 12)}, the commit self-heal replaced (someone pushed to it meanwhile): it was not pushed over. ${detail(error)}`);
            }
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SelfHealError */ .ZO(`Could not push '${head}' to '${remote}': ${detail(error)}`);
        }
    }
    async mergeBranch(branchName, intoName) {
        const branch = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .assertBranchName */ .ae)(branchName, this.root);
        const into = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .assertBranchName */ .ae)(intoName, this.root);
        const source = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(branch, this.root);
        const target = await (0,_git_refs_js__WEBPACK_IMPORTED_MODULE_6__/* .branchHead */ .P)(into, this.root);
        if (!source)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RefNotFoundError */ .ZA(`refs/heads/${branch}`);
        if (!target)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RefNotFoundError */ .ZA(`refs/heads/${into}`);
        if (await this.isAncestor(source, target))
            return { merged: false };
        const worktree = await this.checkedOutIn(into);
        if (worktree)
            return this.mergeInWorktree(worktree, branch, into);
        if (await this.isAncestor(target, source)) {
            await this.updateRef(into, source, target, () => movedError(into));
            return { merged: true, sha: source };
        }
        const result = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['merge-tree', '--write-tree', '--name-only', '--no-messages', target, source], {
            cwd: this.root,
            okCodes: [0, 1]
        });
        const [tree, ...conflicted] = result.stdout.toString('utf8').split('\n').filter(Boolean);
        if (result.code === 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .MergeConflictError */ .v9(branch, into, [...new Set(conflicted)]);
        const commit = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['commit-tree', tree, '-p', target, '-p', source, '-F', '-'], {
            cwd: this.root,
            env: await this.identityEnv(),
            input: `Merge branch '${branch}' into ${into}\n`
        });
        await this.updateRef(into, commit, target, () => movedError(into));
        return { merged: true, sha: commit };
    }
    async getRecentCommits(n) {
        if (!Number.isInteger(n) || n < 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC(`The number of commits must be a positive integer (got ${n}).`);
        const head = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
            cwd: this.root,
            okCodes: [0, 1, 128]
        });
        if (head.code !== 0)
            return [];
        const { stdout } = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['log', `-n${n}`, `--format=${LOG_FORMAT}`, 'HEAD'], { cwd: this.root });
        return parseLog(stdout.toString('utf8'));
    }
    /**
     * Checks every path the diff touches against the repository rules; returns the number of files, and the paths
     * (old names of renamed files too) when they are known.
     */
    async checkDiffPaths(diff, input) {
        // git strips one leading component, so `+++ /etc/x` would silently become `etc/x`: refuse absolute names first.
        for (const line of diff.split('\n')) {
            const header = /^(?:---|\+\+\+) ("?)(\/.*?)\1\s*$/.exec(line);
            if (header && header[2] !== '/dev/null')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PathOutsideRepositoryError */ .Pf(header[2], 'absolute path');
            const git = /^diff --git "?[ab]\/(\/[^ ]*)/.exec(line);
            if (git)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PathOutsideRepositoryError */ .Pf(git[1], 'absolute path');
        }
        const result = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['apply', '--numstat', '-z'], {
            cwd: this.root,
            input,
            okCodes: [0, 1, 128]
        });
        if (result.code !== 0)
            throw diffError(result.stderr, diff);
        // -z numstat: "added\tdeleted\tpath\0", or for a rename "added\tdeleted\t\0from\0to\0".
        const fields = result.stdout.toString('utf8').split('\0');
        let files = 0;
        const touched = [];
        for (let i = 0; i < fields.length; i++) {
            const field = fields[i];
            if (!field)
                continue;
            const match = /^(?:-|\d+)\t(?:-|\d+)\t(.*)$/s.exec(field);
            if (!match)
                continue;
            files++;
            const paths = match[1] ? [match[1]] : [fields[++i], fields[++i]];
            for (const path of paths)
                (0,_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .normalizeRepoPath */ .NP)(path);
            touched.push(...paths);
        }
        if (files === 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidInputError */ .oC('The diff changes no file: pass a diff made by `git diff --binary`.');
        // git's numstat names a renamed or copied file by its new name only. Where the old names cannot be read, or
        // the files are too many to name on a command line, the commit is made from the parent's whole tree.
        try {
            for (const patch of (0,_diff_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .parseGitDiff */ .T)(input))
                if (patch.oldPath)
                    touched.push(patch.oldPath);
        }
        catch {
            return { files };
        }
        return touched.length > MAX_TOUCHED ? { files } : { files, touched };
    }
    /** The worktree directory where `branch` is checked out, if any. */
    async checkedOutIn(branch) {
        const list = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['worktree', 'list', '--porcelain'], { cwd: this.root });
        let current;
        for (const line of list.split('\n')) {
            if (line.startsWith('worktree '))
                current = line.slice('worktree '.length);
            if (line === `branch refs/heads/${branch}`)
                return current;
        }
        return undefined;
    }
    async isAncestor(ancestor, descendant) {
        const { code } = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['merge-base', '--is-ancestor', ancestor, descendant], {
            cwd: this.root,
            okCodes: [0, 1]
        });
        return code === 0;
    }
    /** A checked-out target is merged in its worktree, so the user's files follow; a conflict is aborted. */
    async mergeInWorktree(worktree, branch, into) {
        const merge = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['merge', '--no-edit', '--no-stat', `refs/heads/${branch}`], {
            cwd: worktree,
            env: await this.identityEnv(),
            okCodes: [0, 1, 2, 128]
        });
        if (merge.code === 0)
            return { merged: true, sha: await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['rev-parse', 'HEAD'], { cwd: worktree }) };
        const unmerged = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.gitText)(['diff', '--name-only', '--diff-filter=U'], { cwd: worktree });
        const inProgress = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['rev-parse', '--verify', '--quiet', 'MERGE_HEAD'], {
            cwd: worktree,
            okCodes: [0, 1, 128]
        });
        if (inProgress.code === 0) {
            await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['merge', '--abort'], { cwd: worktree });
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .MergeConflictError */ .v9(branch, into, unmerged ? unmerged.split('\n') : []);
        }
        // git refused before starting (e.g. local changes would be overwritten): nothing changed.
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SelfHealError */ .ZO(`git could not merge '${branch}' into '${into}': ${merge.stderr.trim()}`);
    }
    async updateRef(branch, sha, old, onRace) {
        try {
            await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['update-ref', '-m', 'self-heal', `refs/heads/${branch}`, sha, old], { cwd: this.root });
        }
        catch (error) {
            if (error instanceof _git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.GitCommandError)
                throw onRace();
            throw error;
        }
    }
    /** Author/committer for commit-tree: the one asked for, the repository's own, or a fallback identity. */
    async identityEnv(author) {
        if (author) {
            return {
                GIT_AUTHOR_NAME: author.name,
                GIT_AUTHOR_EMAIL: author.email,
                GIT_COMMITTER_NAME: author.name,
                GIT_COMMITTER_EMAIL: author.email
            };
        }
        const ident = await (0,_git_run_git_js__WEBPACK_IMPORTED_MODULE_8__.runGit)(['var', 'GIT_COMMITTER_IDENT'], { cwd: this.root, okCodes: [0, 128] });
        if (ident.code === 0)
            return {};
        return {
            GIT_AUTHOR_NAME: FALLBACK_IDENTITY.name,
            GIT_AUTHOR_EMAIL: FALLBACK_IDENTITY.email,
            GIT_COMMITTER_NAME: FALLBACK_IDENTITY.name,
            GIT_COMMITTER_EMAIL: FALLBACK_IDENTITY.email
        };
    }
}
/** One commit of `git log`: sha, parents, author, author date, committer email, then the message. */
const LOG_FORMAT = '%H%x00%P%x00%an%x00%ae%x00%aI%x00%ce%x00%B%x1e';
function parseLog(text) {
    return text
        .split('\x1e')
        .map(record => record.replace(/^\n/, ''))
        .filter(record => record.length > 0)
        .map(record => {
        const [sha, parents, authorName, authorEmail, date, committerEmail, ...rest] = record.split('\0');
        return {
            sha,
            parents: parents ? parents.split(' ') : [],
            authorName,
            authorEmail,
            date,
            committerEmail,
            message: rest.join('\0').replace(/\n+$/, '')
        };
    });
}
function movedError(branch) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SelfHealError */ .ZO(`Branch '${branch}' moved during the merge; nothing was changed: try again.`);
}
/** Past this many paths, a diff is committed through an index of the parent's whole tree. */
const MAX_TOUCHED = 1000;
/** Paths given to git as they are: no glob or pathspec magic in a file's name. */
const LITERAL_PATHS = { GIT_LITERAL_PATHSPECS: '1' };
/** Turns `git apply`'s stderr into a DiffDoesNotApplyError naming the file and, when known, the hunk. */
function diffError(stderr, diff) {
    const failed = /patch failed: (.+):(\d+)/.exec(stderr);
    if (failed) {
        const [, file, line] = failed;
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DiffDoesNotApplyError */ .sQ(file, 'its context does not match the file', findHunk(diff, file, Number(line)));
    }
    const invalidPath = /invalid path '(.+)'/.exec(stderr);
    if (invalidPath)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PathOutsideRepositoryError */ .Pf(invalidPath[1], 'git refuses this path');
    const named = /error: (.+?): (does not exist in index|already exists in index|patch does not apply|wrong type|does not match index)/.exec(stderr);
    if (named)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DiffDoesNotApplyError */ .sQ(named[1], named[2]);
    const corrupt = /(corrupt patch at line \d+|No valid patches in input[^\n]*|patch fragment without header[^\n]*|git diff header lacks filename information[^\n]*)/.exec(stderr);
    if (corrupt)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DiffDoesNotApplyError */ .sQ('(the patch)', `${corrupt[1]}: pass a diff made by \`git diff --binary\`.`);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DiffDoesNotApplyError */ .sQ('(the patch)', stderr.trim() || 'git apply refused it');
}
/** The `@@ … @@` header of the hunk of `file` whose old range starts at `line`. */
function findHunk(diff, file, line) {
    let inFile = false;
    for (const text of diff.split('\n')) {
        if (text.startsWith('diff --git '))
            inFile = text.includes(`a/${file}`) || text.includes(`b/${file}`);
        const hunk = /^(@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@)/.exec(text);
        if (inFile && hunk && Number(hunk[2]) === line)
            return hunk[1];
    }
    return undefined;
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
