export const id = 410;
export const ids = [410];
export const modules = {

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

/***/ 8410:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubAPIAdapter: () => (/* binding */ GitHubAPIAdapter)
/* harmony export */ });
/* harmony import */ var _actions_core_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1938);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _diff_apply_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(516);
/* harmony import */ var _diff_parse_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9566);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3116);
/* harmony import */ var _github_refs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9081);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6960);
/* harmony import */ var _base_source_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2164);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4807);
/* harmony import */ var _surface_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7800);
/**
 * GitHubAPIAdapter: the Git port over the GitHub REST (and optionally GraphQL) API, with no checkout needed.
 * applyDiff builds one tree on `base_tree` (text inline, blobs only for binary), one commit with no author or
 * committer (so GitHub signs it), and one fast-forward ref update that never forces. A branch that moved meanwhile
 * is re-read: when the touched files did not change the same change is re-applied on the new head, otherwise a
 * ConflictError. On any failure no ref has moved. A branch's content is replaced (applyDiff's `replacing`) or a branch
 * deleted under an expected commit through GraphQL `updateRefs`, the one API whose ref updates take the old value.
 */










const ZERO_SHA = '0'.repeat(40);
const NOT_FAST_FORWARD = /fast.?forward/i;
const REFERENCE_EXISTS = /reference already exists/i;
const REFERENCE_MISSING = /reference does not exist|not found/i;
/** Whether bytes can go inline in a create-tree request: valid UTF-8 that round-trips, without NUL. */
function isInlineText(content) {
    if (content.includes(0))
        return false;
    return Buffer.from(content.toString('utf8'), 'utf8').equals(content);
}
/** The Git port over the GitHub API. */
class GitHubAPIAdapter {
    client;
    kind = 'github-api';
    options;
    sourceFor;
    defaultBranch;
    nodeId;
    noUpdateRefs;
    uploaded = new Set();
    constructor(client, options = {}) {
        this.client = client;
        this.options = {
            commitMode: 'git-data',
            maxRebases: 3,
            treeChunkEntries: 100,
            treeChunkBytes: 2 * 1024 * 1024,
            ...options
        };
        this.sourceFor = options.baseSource ?? (0,_base_source_js__WEBPACK_IMPORTED_MODULE_6__/* .baseSourceFactory */ .$x)(client, options.localRepository);
    }
    get repo() {
        return { owner: this.client.owner, repo: this.client.repo };
    }
    warn(message) {
        if (this.options.warn)
            return this.options.warn(message);
        if (process.env.GITHUB_ACTIONS === 'true')
            _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message);
        else
            process.stderr.write(`warning: ${message}\n`);
    }
    fail(error, action, permission = 'contents', write = false) {
        return this.client.mapError(error, { action, permission, write });
    }
    /** The repository's default branch (one request, remembered). */
    getDefaultBranch() {
        this.defaultBranch ??= this.client.octokit.rest.repos
            .get(this.repo)
            .then(({ data }) => data.default_branch)
            .catch(error => {
            this.defaultBranch = undefined;
            throw this.fail(error, 'reading the repository');
        });
        return this.defaultBranch;
    }
    /** The commit a branch points to, or undefined when the branch does not exist. */
    async branchHead(branch) {
        (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(branch);
        try {
            const { data } = await this.client.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` });
            if (data.object.type !== 'commit')
                return undefined;
            return data.object.sha;
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 404)
                return undefined;
            throw this.fail(error, `reading branch '${branch}'`);
        }
    }
    /** Resolves a branch, tag or full commit id to a commit id; RefNotFoundError when it names nothing. */
    async resolveCommit(ref) {
        if ((0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .isFullSha */ .W)(ref))
            return ref;
        // Without a checkout, HEAD can only mean the default branch.
        if (ref === 'HEAD')
            ref = await this.getDefaultBranch();
        const name = ref.replace(/^refs\/(heads|tags)\//, '');
        (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(name, 'Ref');
        const kinds = ref.startsWith('refs/tags/')
            ? ['tags']
            : ref.startsWith('refs/heads/')
                ? ['heads']
                : ['heads', 'tags'];
        for (const kind of kinds) {
            try {
                const { data } = await this.client.octokit.rest.git.getRef({ ...this.repo, ref: `${kind}/${name}` });
                let object = data.object;
                // Annotated tags point to a tag object: peel until a commit.
                for (let depth = 0; object.type === 'tag' && depth < 5; depth++) {
                    const tag = await this.client.octokit.rest.git.getTag({ ...this.repo, tag_sha: object.sha });
                    object = tag.data.object;
                }
                if (object.type === 'commit')
                    return object.sha;
            }
            catch (error) {
                if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) !== 404)
                    throw this.fail(error, `resolving '${ref}'`);
            }
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefNotFoundError */ .ZA(ref, 'no branch or tag of that name exists; give a branch, a tag or a full commit id.');
    }
    async createBranch(name, base) {
        const branch = (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(name);
        const sha = await this.resolveCommit(base ?? (await this.getDefaultBranch()));
        try {
            await this.client.octokit.rest.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha });
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 422 && REFERENCE_EXISTS.test(String(error.message))) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BranchExistsError */ .vz(branch);
            }
            throw this.fail(error, `creating branch '${branch}'`, 'contents', true);
        }
    }
    async deleteBranch(name, expected) {
        const branch = (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(name);
        if (expected !== undefined) {
            const left = () => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`Branch '${branch}' is not at ${expected}: it was left alone.`);
            try {
                if (!(await this.swapRef(branch, expected, ZERO_SHA)))
                    throw left();
                return;
            }
            catch (error) {
                // Without a compare-and-swap delete, the branch is compared first (a push in between is not seen).
                if (!(error instanceof UpdateRefsUnavailableError))
                    throw error;
                if ((await this.branchHead(branch)) !== expected)
                    throw left();
            }
        }
        try {
            await this.client.octokit.rest.git.deleteRef({ ...this.repo, ref: `heads/${branch}` });
        }
        catch (error) {
            const status = (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error);
            if (status === 404 || (status === 422 && REFERENCE_MISSING.test(String(error.message)))) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefNotFoundError */ .ZA(branch, 'there is no branch of that name to delete.');
            }
            throw this.fail(error, `deleting branch '${branch}'`, 'contents', true);
        }
    }
    async getDiff(base, head) {
        for (const ref of [base, head])
            if (!(0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .isFullSha */ .W)(ref))
                (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(ref.replace(/^refs\/(heads|tags)\//, ''), 'Ref');
        try {
            const response = await this.client.octokit.rest.repos.compareCommitsWithBasehead({
                ...this.repo,
                basehead: `${base}...${head}`,
                mediaType: { format: 'diff' }
            });
            const data = response.data;
            return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 404) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefNotFoundError */ .ZA(`${base}...${head}`, 'one of the two refs does not exist.');
            }
            throw this.fail(error, `comparing '${base}' with '${head}'`);
        }
    }
    async getRecentCommits(n) {
        if (!Number.isInteger(n) || n < 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`getRecentCommits needs a positive count, got ${n}.`);
        const sha = await this.getDefaultBranch();
        const commits = [];
        try {
            for await (const page of this.client.octokit.paginate.iterator(this.client.octokit.rest.repos.listCommits, {
                ...this.repo,
                sha,
                per_page: Math.min(100, n)
            })) {
                for (const c of page.data) {
                    commits.push(commitInfo(c));
                    if (commits.length >= n)
                        return commits;
                }
            }
        }
        catch (error) {
            throw this.fail(error, 'listing recent commits');
        }
        return commits;
    }
    async mergeBranch(branch, into) {
        (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(branch);
        (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(into);
        try {
            const response = await this.client.octokit.rest.repos.merge({ ...this.repo, base: into, head: branch });
            if (response.status === 204)
                return { merged: false };
            return { merged: true, sha: response.data.sha };
        }
        catch (error) {
            const status = (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error);
            if (status === 409)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .MergeConflictError */ .v9(branch, into);
            if (status === 404)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefNotFoundError */ .ZA(`${branch} or ${into}`, 'the branch to merge or the base does not exist.');
            throw this.fail(error, `merging '${branch}' into '${into}'`, 'contents', true);
        }
    }
    async createPullRequest(options) {
        const head = (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(options.head);
        const base = (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(options.base ?? (await this.getDefaultBranch()));
        if (!options.title?.trim())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`A pull request needs a title: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_8__/* .howToSet */ .ac)('title')}.`);
        const octokit = this.client.octokit;
        const prFail = (error, action) => this.fail(error, action, 'pull-requests', true);
        const findOpen = async () => {
            try {
                const { data } = await octokit.rest.pulls.list({
                    ...this.repo,
                    state: 'open',
                    head: `${this.client.owner}:${head}`,
                    per_page: 100
                });
                return data.find(pr => pr.head.ref === head);
            }
            catch (error) {
                throw this.fail(error, `looking for an open pull request from '${head}'`, 'pull-requests');
            }
        };
        let existing = await findOpen();
        let number;
        let url;
        let action;
        if (!existing) {
            try {
                const create = (draft) => octokit.rest.pulls.create({
                    ...this.repo,
                    head,
                    base,
                    title: options.title,
                    body: options.body,
                    draft
                });
                const { data } = await create(options.draft).catch(async (error) => {
                    // Draft pull requests are not available on every plan: open a regular one rather than none.
                    if (!(options.draft &&
                        (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 422 &&
                        /draft/i.test(String(error.message)))) {
                        throw error;
                    }
                    this.warn(`This repository does not allow draft pull requests; opening '${head}' as a regular one.`);
                    return create(undefined);
                });
                ({ number, html_url: url } = data);
                action = 'created';
            }
            catch (error) {
                // Someone (a concurrent run) opened one between the lookup and the create: update that one instead.
                if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 422 && /already exists/i.test(String(error.message))) {
                    existing = await findOpen();
                    if (!existing)
                        throw prFail(error, `opening a pull request from '${head}'`);
                }
                else
                    throw prFail(error, `opening a pull request from '${head}' into '${base}'`);
            }
        }
        if (existing) {
            try {
                const { data } = await octokit.rest.pulls.update({
                    ...this.repo,
                    pull_number: existing.number,
                    title: options.title,
                    ...(options.body !== undefined ? { body: options.body } : {}),
                    ...(existing.base.ref !== base ? { base } : {})
                });
                ({ number, html_url: url } = data);
                action = 'updated';
            }
            catch (error) {
                throw prFail(error, `updating pull request #${existing.number}`);
            }
        }
        // The pull request exists now: labels and reviewers that GitHub refuses are warnings, not a lost result.
        if (options.labels?.length) {
            try {
                await octokit.rest.issues.addLabels({ ...this.repo, issue_number: number, labels: options.labels });
            }
            catch (error) {
                this.warn(`Pull request #${number} is ${action}, but ${this.fail(error, 'adding its labels', 'issues', true).message}`);
            }
        }
        if (options.reviewers?.length || options.teamReviewers?.length) {
            try {
                await octokit.rest.pulls.requestReviewers({
                    ...this.repo,
                    pull_number: number,
                    ...(options.reviewers?.length ? { reviewers: options.reviewers } : {}),
                    ...(options.teamReviewers?.length ? { team_reviewers: options.teamReviewers } : {})
                });
            }
            catch (error) {
                this.warn(`Pull request #${number} is ${action}, but ${prFail(error, 'requesting its reviewers').message}`);
            }
        }
        if (options.assignees?.length) {
            try {
                await octokit.rest.issues.addAssignees({
                    ...this.repo,
                    issue_number: number,
                    assignees: options.assignees
                });
            }
            catch (error) {
                this.warn(`Pull request #${number} is ${action}, but ${this.fail(error, 'assigning it', 'issues', true).message}`);
            }
        }
        return { number: number, url: url, head, base, action: action };
    }
    async findPullRequests(head, options = {}) {
        const branch = (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(head);
        try {
            const pulls = await this.client.octokit.paginate(this.client.octokit.rest.pulls.list, {
                ...this.repo,
                state: options.state ?? 'all',
                head: `${this.client.owner}:${branch}`,
                per_page: 100
            });
            return pulls
                .filter(pr => pr.head.ref === branch)
                .sort((a, b) => b.number - a.number)
                .map(pullRequestInfo);
        }
        catch (error) {
            throw this.fail(error, `looking for pull requests from '${branch}'`, 'pull-requests');
        }
    }
    async listPullRequests(limit) {
        const found = [];
        try {
            for await (const page of this.client.octokit.paginate.iterator(this.client.octokit.rest.pulls.list, {
                ...this.repo,
                state: 'all',
                sort: 'updated',
                direction: 'desc',
                per_page: Math.min(100, limit)
            })) {
                for (const pr of page.data) {
                    // Pull requests from forks are never self-heal's.
                    const from = pr.head.repo?.full_name.toLowerCase();
                    if (from === this.client.repository.toLowerCase())
                        found.push(pullRequestInfo(pr));
                }
                if (found.length >= limit || page.data.length === 0)
                    break;
            }
        }
        catch (error) {
            throw this.fail(error, 'listing pull requests', 'pull-requests');
        }
        return found.slice(0, limit);
    }
    async branchCommits(base, branch) {
        const head = await this.branchHead(branch);
        if (!head)
            return undefined;
        if (!(0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .isFullSha */ .W)(base))
            (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(base.replace(/^refs\/heads\//, ''), 'Ref');
        const commits = [];
        try {
            // The compare API lists the commits after the merge base, oldest first, a page at a time.
            for (let page = 1; page <= 20; page++) {
                const { data } = await this.client.octokit.rest.repos.compareCommitsWithBasehead({
                    ...this.repo,
                    basehead: `${base}...${head}`,
                    per_page: 100,
                    page
                });
                for (const c of data.commits) {
                    commits.push(commitInfo(c));
                }
                if (commits.length >= data.total_commits || data.commits.length === 0)
                    break;
            }
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 404)
                return undefined;
            throw this.fail(error, `comparing '${base}' with '${branch}'`);
        }
        return { head, commits: commits.reverse() };
    }
    async committerEmail() {
        return this.options.committer?.email ?? _git_js__WEBPACK_IMPORTED_MODULE_9__/* .GITHUB_WEB_FLOW_EMAIL */ .b;
    }
    /** The repository's GraphQL node id (one request, remembered). */
    async repositoryId() {
        this.nodeId ??= this.client
            .graphql('query ($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }', { owner: this.client.owner, name: this.client.repo })
            .then(data => data.repository.id)
            .catch(error => {
            this.nodeId = undefined;
            throw this.fail(error, 'reading the repository');
        });
        return this.nodeId;
    }
    /**
     * Moves `branch` from `before` to `after` (all zeros: deletes it) in one compare-and-swap (GraphQL `updateRefs`,
     * the one GitHub API whose ref updates take the expected old value). False when the branch was not at `before`.
     */
    async swapRef(branch, before, after) {
        if (this.noUpdateRefs)
            throw this.noUpdateRefs;
        try {
            await this.client.graphql('mutation ($input: UpdateRefsInput!) { updateRefs(input: $input) { clientMutationId } }', {
                input: {
                    repositoryId: await this.repositoryId(),
                    refUpdates: [{ name: `refs/heads/${branch}`, beforeOid: before, afterOid: after, force: true }]
                }
            });
            return true;
        }
        catch (error) {
            // A lost answer to an update that did happen, or a branch that moved: the branch says which.
            const now = await this.branchHead(branch).catch(() => before);
            if (now === (after === ZERO_SHA ? undefined : after))
                return true;
            if (now !== before)
                return false;
            // An older GitHub Enterprise Server has no updateRefs: said once, in its own error.
            if (error instanceof _github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraphQLRequestError */ .n0 &&
                error.errors.some(e => /updateRefs|UpdateRefsInput/.test(e.message))) {
                this.noUpdateRefs = new UpdateRefsUnavailableError(error.message);
                throw this.noUpdateRefs;
            }
            throw this.fail(error, `updating branch '${branch}'`, 'contents', true);
        }
    }
    async upsertComment(number, marker, body) {
        const octokit = this.client.octokit;
        const issue = { ...this.repo, issue_number: number };
        let mine;
        try {
            const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 });
            // Only a bot's comment is self-heal's: a person quoting the marker is never edited.
            mine = comments.find(c => c.user?.type === 'Bot' && (c.body ?? '').startsWith(marker));
        }
        catch (error) {
            throw this.fail(error, `reading the comments of pull request #${number}`, 'pull-requests');
        }
        try {
            if (mine) {
                const { data } = await octokit.rest.issues.updateComment({ ...this.repo, comment_id: mine.id, body });
                return { id: data.id, url: data.html_url, action: 'updated' };
            }
            const { data } = await octokit.rest.issues.createComment({ ...issue, body });
            return { id: data.id, url: data.html_url, action: 'created' };
        }
        catch (error) {
            throw this.fail(error, `commenting on pull request #${number}`, 'pull-requests', true);
        }
    }
    async createReview(number, review) {
        try {
            const { data } = await this.client.octokit.rest.pulls.createReview({
                ...this.repo,
                pull_number: number,
                event: 'COMMENT',
                body: review.body,
                comments: review.comments.map(c => ({
                    path: c.path,
                    line: c.line,
                    side: 'RIGHT',
                    ...(c.startLine !== undefined ? { start_line: c.startLine, start_side: 'RIGHT' } : {}),
                    body: c.body
                }))
            });
            return { id: data.id, url: data.html_url };
        }
        catch (error) {
            throw this.fail(error, `reviewing pull request #${number}`, 'pull-requests', true);
        }
    }
    async applyDiff(diff, message, options) {
        const branch = (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateBranchName */ .e)(options.branch);
        if (!message?.trim())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`A commit needs a message: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_8__/* .howToSet */ .ac)('message')}.`);
        const patches = (0,_diff_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .parseGitDiff */ .T)(diff);
        if (!patches.length)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC('The diff is empty: there is nothing to commit.');
        if (options.replacing !== undefined)
            return this.replaceBranch(branch, patches, message, options);
        const current = await this.branchHead(branch);
        const createdBranch = current === undefined;
        let create = createdBranch;
        let head = current ?? (await this.resolveCommit(options.base ?? (await this.getDefaultBranch())));
        let attempt = 0;
        let applied;
        for (;;) {
            const baseTree = await this.commitTree(head);
            if (!applied) {
                const source = await this.sourceFor(head, baseTree);
                try {
                    applied = await (0,_diff_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .applyPatches */ .$i)(patches, source);
                }
                finally {
                    source.close();
                }
                if (!applied.files.size)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC('The diff changes nothing on the branch: there is nothing to commit.');
            }
            const outcome = this.options.commitMode === 'graphql'
                ? await this.commitWithGraphQL(branch, head, create, applied, message, options)
                : await this.commitWithGitData(branch, head, baseTree, create, applied, message, options);
            if ('commit' in outcome) {
                return {
                    branch,
                    commit: outcome.commit,
                    tree: outcome.tree,
                    files: applied.patches,
                    createdBranch
                };
            }
            // The branch moved (or appeared) between our read and the ref update: nothing of ours is on it.
            attempt++;
            const moved = outcome.movedTo ?? (await this.branchHead(branch));
            if (moved === undefined)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`Branch '${branch}' vanished while committing; nothing was written.`);
            const changed = await this.changedSince(applied, moved);
            if (changed.length) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`Branch '${branch}' moved to ${moved} while the diff was being committed, and it changed ` +
                    `${changed.join(', ')}, which the diff touches; nothing was committed. Regenerate the diff on the new head.`, changed);
            }
            if (attempt > this.options.maxRebases) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`Branch '${branch}' kept moving while the diff was being committed (${attempt} attempts); nothing was committed.`);
            }
            head = moved;
            create = false;
        }
    }
    /**
     * A commit of the diff on `base`, and the branch moved to it from `options.replacing` by a compare-and-swap: the
     * branch's earlier content is replaced, and a branch that moved meanwhile is a ConflictError with nothing moved.
     */
    async replaceBranch(branch, patches, message, options) {
        const expected = options.replacing;
        const moved = () => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`Branch '${branch}' is not at ${expected} any more; nothing was changed.`);
        if ((await this.branchHead(branch)) !== expected)
            throw moved();
        const base = await this.resolveCommit(options.base ?? (await this.getDefaultBranch()));
        const baseTree = await this.commitTree(base);
        const source = await this.sourceFor(base, baseTree);
        let applied;
        try {
            applied = await (0,_diff_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .applyPatches */ .$i)(patches, source);
        }
        finally {
            source.close();
        }
        if (!applied.files.size)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC('The diff changes nothing on the base: there is nothing to commit.');
        const { entries, sizes } = await this.treeEntries(applied);
        const tree = await this.createTree(baseTree, entries, sizes);
        const commit = await this.createCommit(tree, base, message, options);
        try {
            if (!(await this.swapRef(branch, expected, commit)))
                throw moved();
        }
        catch (error) {
            if (!(error instanceof UpdateRefsUnavailableError))
                throw error;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`This GitHub has no GraphQL updateRefs (an older GitHub Enterprise Server), so self-heal cannot replace the content of '${branch}' by a compare-and-swap, and it never forces a branch: delete '${branch}' (it holds only self-heal's commits) and heal again.`);
        }
        return { branch, commit, tree, files: applied.patches, createdBranch: false };
    }
    /** The tree of a commit. */
    async commitTree(commit) {
        try {
            const { data } = await this.client.octokit.rest.git.getCommit({ ...this.repo, commit_sha: commit });
            return data.tree.sha;
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 404)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefNotFoundError */ .ZA(commit, 'the commit does not exist in the repository.');
            throw this.fail(error, `reading commit ${commit}`);
        }
    }
    /** The paths whose base ids the result depends on that differ at `commit`. */
    async changedSince(applied, commit) {
        const tree = await this.commitTree(commit);
        const source = new _base_source_js__WEBPACK_IMPORTED_MODULE_6__/* .GitHubApiBaseSource */ .Kj(this.client, tree);
        const paths = [...applied.dependsOn.keys()];
        const now = await source.statMany(paths);
        return paths.filter(p => {
            const entry = now.get(p);
            const was = applied.dependsOn.get(p);
            return (was === _diff_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .ANY_TREE */ .EG && entry?.mode === '040000' ? _diff_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .ANY_TREE */ .EG : (entry?.sha ?? null)) !== was;
        });
    }
    /**
     * Creates the tree entries: text inline, binary and non-UTF-8 as blobs (and text over half a tree request,
     * so that no create-tree request grows past about treeChunkBytes); unchanged files by id.
     */
    async treeEntries(applied) {
        const entries = [];
        const sizes = [];
        for (const [path, file] of applied.files) {
            if (file === null) {
                entries.push({ path, mode: '100644', type: 'blob', sha: null });
                sizes.push(path.length);
                continue;
            }
            const type = file.mode === '160000' ? 'commit' : 'blob';
            if ('sha' in file) {
                entries.push({ path, mode: file.mode, type, sha: file.sha });
                sizes.push(path.length + 40);
            }
            else if (file.content.length <= this.options.treeChunkBytes / 2 && isInlineText(file.content)) {
                entries.push({ path, mode: file.mode, type, content: file.content.toString('utf8') });
                sizes.push(path.length + file.content.length);
            }
            else {
                entries.push({ path, mode: file.mode, type, sha: await this.createBlob(path, file) });
                sizes.push(path.length + 40);
            }
        }
        return { entries, sizes };
    }
    async createBlob(path, file) {
        // A blob uploaded on an earlier attempt (before the branch moved) is still there: don't send it twice.
        const known = (0,_diff_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .gitBlobSha */ .Ak)(file.content);
        if (this.uploaded.has(known))
            return known;
        try {
            const { data } = await this.client.octokit.rest.git.createBlob({
                ...this.repo,
                content: file.content.toString('base64'),
                encoding: 'base64'
            });
            if (data.sha !== (0,_diff_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .gitBlobSha */ .Ak)(file.content)) {
                throw new _github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GitHubApiError */ .OS(`GitHub stored '${path}' as blob ${data.sha}, not ${(0,_diff_apply_js__WEBPACK_IMPORTED_MODULE_2__/* .gitBlobSha */ .Ak)(file.content)}.`, 500);
            }
            return data.sha;
        }
        catch (error) {
            throw this.fail(error, `uploading '${path}'`, 'contents', true);
        }
    }
    /** One tree on base_tree, chunked (≤ treeChunkEntries entries and about treeChunkBytes each request). */
    async createTree(baseTree, entries, sizes) {
        let tree = baseTree;
        let start = 0;
        while (start < entries.length) {
            let end = start;
            let bytes = 0;
            while (end < entries.length &&
                end - start < this.options.treeChunkEntries &&
                (end === start || bytes + sizes[end] <= this.options.treeChunkBytes)) {
                bytes += sizes[end];
                end++;
            }
            try {
                const { data } = await this.client.octokit.rest.git.createTree({
                    ...this.repo,
                    base_tree: tree,
                    tree: entries.slice(start, end)
                });
                tree = data.sha;
            }
            catch (error) {
                throw this.fail(error, 'creating the commit tree', 'contents', true);
            }
            start = end;
        }
        return tree;
    }
    async createCommit(tree, parent, message, options) {
        try {
            const { data } = await this.client.octokit.rest.git.createCommit({
                ...this.repo,
                message,
                tree,
                parents: [parent],
                // No author/committer unless asked: GitHub then signs the commit as verified.
                ...(options.author ? { author: { ...options.author } } : {}),
                ...(this.options.committer ? { committer: { ...this.options.committer } } : {})
            });
            return data.sha;
        }
        catch (error) {
            throw this.fail(error, 'creating the commit', 'contents', true);
        }
    }
    async commitWithGitData(branch, head, baseTree, createdBranch, applied, message, options) {
        const { entries, sizes } = await this.treeEntries(applied);
        const tree = await this.createTree(baseTree, entries, sizes);
        const commit = await this.createCommit(tree, head, message, options);
        try {
            if (createdBranch) {
                await this.client.octokit.rest.git.createRef({
                    ...this.repo,
                    ref: `refs/heads/${branch}`,
                    sha: commit
                });
            }
            else {
                await this.client.octokit.rest.git.updateRef({
                    ...this.repo,
                    ref: `heads/${branch}`,
                    sha: commit,
                    force: false
                });
            }
        }
        catch (error) {
            const status = (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error);
            const text = String(error.message);
            // A lost answer to an update that did happen (then retried): the branch is at our commit.
            const now = status === 401 || status === 403 ? undefined : await this.branchHead(branch).catch(() => undefined);
            if (now === commit)
                return { commit, tree };
            if (status === 422 && (NOT_FAST_FORWARD.test(text) || REFERENCE_EXISTS.test(text)))
                return { movedTo: now };
            throw this.fail(error, `updating branch '${branch}'`, 'contents', true);
        }
        return { commit, tree };
    }
    async commitWithGraphQL(branch, head, createdBranch, applied, message, options) {
        if (options.author || this.options.committer) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC('GraphQL createCommitOnBranch cannot set an author or committer: use commitMode "git-data".');
        }
        const refused = [];
        const additions = [];
        const deletions = [];
        for (const [path, file] of applied.files) {
            if (file === null) {
                deletions.push({ path });
                continue;
            }
            if (file.mode === '120000')
                refused.push({ path, why: 'a symlink' });
            else if (file.mode === '160000')
                refused.push({ path, why: 'a submodule' });
            else if (file.mode === '100755')
                refused.push({ path, why: 'an executable file (mode 100755)' });
            else if (applied.baseModes.has(path) && applied.baseModes.get(path) !== file.mode) {
                refused.push({ path, why: `a mode change from ${applied.baseModes.get(path)}` });
            }
            else {
                additions.push({
                    path,
                    contents: ('content' in file ? file.content : await this.readBlob(file.sha)).toString('base64')
                });
            }
        }
        if (refused.length)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .UnrepresentableChangeError */ .c(refused);
        const [headline, ...rest] = message.split('\n');
        const body = rest.join('\n').trim();
        if (createdBranch) {
            try {
                await this.client.octokit.rest.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha: head });
            }
            catch (error) {
                if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorStatus */ .PO)(error) === 422)
                    return {};
                throw this.fail(error, `creating branch '${branch}'`, 'contents', true);
            }
        }
        try {
            const data = await this.client.graphql(`mutation ($input: CreateCommitOnBranchInput!) {
          createCommitOnBranch(input: $input) { commit { oid tree { oid } } }
        }`, {
                input: {
                    branch: { repositoryNameWithOwner: this.client.repository, branchName: branch },
                    message: { headline, ...(body ? { body } : {}) },
                    expectedHeadOid: head,
                    fileChanges: { additions, deletions }
                }
            });
            const commit = data.createCommitOnBranch.commit;
            return { commit: commit.oid, tree: commit.tree.oid };
        }
        catch (error) {
            const stale = error instanceof _github_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraphQLRequestError */ .n0 &&
                (error.errors.some(e => e.type === 'STALE_DATA') || /expected branch/i.test(error.message));
            if (createdBranch) {
                // No commit of ours landed: take back the branch we made (only while it is still where we made it).
                if ((await this.branchHead(branch).catch(() => undefined)) === head) {
                    await this.client.octokit.rest.git
                        .deleteRef({ ...this.repo, ref: `heads/${branch}` })
                        .catch(() => undefined);
                }
                if (stale)
                    return {};
            }
            // expectedHeadOid did not match: the branch moved. Re-read and decide, as with the Git data API.
            if (stale)
                return {};
            throw this.fail(error, `committing to '${branch}' with createCommitOnBranch`, 'contents', true);
        }
    }
    async readBlob(sha) {
        try {
            const { data } = await this.client.octokit.rest.git.getBlob({ ...this.repo, file_sha: sha });
            return Buffer.from(data.content, 'base64');
        }
        catch (error) {
            throw this.fail(error, `reading blob ${sha}`);
        }
    }
}
/** The server has no GraphQL `updateRefs` mutation. */
class UpdateRefsUnavailableError extends Error {
}
/** A pull request of the REST API's listing as the Git port gives it. */
function pullRequestInfo(pr) {
    return {
        number: pr.number,
        url: pr.html_url,
        head: pr.head.ref,
        base: pr.base.ref,
        state: pr.state === 'open' ? 'open' : 'closed',
        merged: pr.merged_at !== null,
        ...(pr.closed_at ? { closedAt: pr.closed_at } : {}),
        labels: pr.labels.map(label => label.name),
        ...(pr.body ? { body: pr.body } : {}),
        headSha: pr.head.sha
    };
}
/** A commit as the REST API lists it, in the Git port's terms. */
function commitInfo(c) {
    return {
        sha: c.sha,
        message: c.commit.message,
        authorName: c.commit.author?.name ?? '',
        authorEmail: c.commit.author?.email ?? '',
        committerEmail: c.commit.committer?.email ?? '',
        date: c.commit.author?.date ?? '',
        parents: c.parents.map(p => p.sha)
    };
}


/***/ })

};
