export const id = 56;
export const ids = [56,306,612,364];
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

/***/ 4000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eG: () => (/* binding */ createZip),
/* harmony export */   j3: () => (/* binding */ MAX_ZIP_BYTES),
/* harmony export */   ue: () => (/* binding */ readZip)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * A small zip writer and reader (deflate or stored, no zip64) for workflow artifacts: self-heal uploads a fix as
 * a one-file artifact and reads it back, and the format needs about a hundred lines, fewer than a dependency.
 */


/** The largest archive or entry read (a fix is a few kilobytes; this bounds what a forged artifact can cost). */
const MAX_ZIP_BYTES = 64 * 1024 * 1024;
/** Builds a zip archive holding the entries, deflated, with the DOS timestamp of `date`. */
function createZip(entries, date = new Date()) {
    const time = ((date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1)) & 0xffff;
    const day = (((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()) & 0xffff;
    const locals = [];
    const centrals = [];
    let offset = 0;
    for (const entry of entries) {
        const name = Buffer.from(entry.name, 'utf8');
        const compressed = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.deflateRawSync)(entry.data);
        const crc = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.crc32)(entry.data);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(0x0800, 6); // UTF-8 names
        local.writeUInt16LE(8, 8); // deflate
        local.writeUInt16LE(time, 10);
        local.writeUInt16LE(day, 12);
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(compressed.length, 18);
        local.writeUInt32LE(entry.data.length, 22);
        local.writeUInt16LE(name.length, 26);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(20, 4);
        central.writeUInt16LE(20, 6);
        central.writeUInt16LE(0x0800, 8);
        central.writeUInt16LE(8, 10);
        central.writeUInt16LE(time, 12);
        central.writeUInt16LE(day, 14);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(compressed.length, 20);
        central.writeUInt32LE(entry.data.length, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, compressed);
        centrals.push(central, name);
        offset += local.length + name.length + compressed.length;
    }
    const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(centralSize, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, ...centrals, end]);
}
/** Reads every file of a zip archive (stored or deflated entries); a damaged archive is an InvalidInputError. */
function readZip(zip) {
    const bad = (why) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`The archive is not a zip self-heal can read: ${why}.`);
    };
    if (zip.length > MAX_ZIP_BYTES)
        bad(`it is over ${MAX_ZIP_BYTES} bytes`);
    let end = -1;
    for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
        if (zip.readUInt32LE(at) === 0x06054b50) {
            end = at;
            break;
        }
    }
    if (end < 0)
        bad('no end of central directory');
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries = [];
    for (let i = 0; i < count; i++) {
        if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
            bad('a damaged central directory');
        const method = zip.readUInt16LE(at + 10);
        const crc = zip.readUInt32LE(at + 16);
        const compressedSize = zip.readUInt32LE(at + 20);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const localAt = zip.readUInt32LE(at + 42);
        const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
        at += 46 + nameLength + extraLength + commentLength;
        if (size > MAX_ZIP_BYTES)
            bad(`${name} is over ${MAX_ZIP_BYTES} bytes`);
        if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== 0x04034b50)
            bad(`no local header for ${name}`);
        const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
        const raw = zip.subarray(dataAt, dataAt + compressedSize);
        if (raw.length !== compressedSize)
            bad(`${name} is cut short`);
        let data;
        if (method === 0)
            data = Buffer.from(raw);
        else if (method === 8) {
            try {
                data = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.inflateRawSync)(raw, { maxOutputLength: Math.max(1, size) });
            }
            catch {
                return bad(`${name} does not inflate`);
            }
        }
        else
            return bad(`${name} uses compression method ${method}`);
        if (data.length !== size || (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.crc32)(data) !== crc) {
            bad(`${name} fails its CRC or size`);
        }
        entries.push({ name, data });
    }
    return entries;
}


/***/ }),

/***/ 8056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_POLICY_PATH: () => (/* binding */ DEFAULT_POLICY_PATH),
  commitOnForkBranch: () => (/* binding */ commitOnForkBranch),
  deliverFix: () => (/* binding */ deliverFix),
  policeArtifactFix: () => (/* binding */ policeArtifactFix),
  readDeliverMode: () => (/* binding */ readDeliverMode),
  readTriggeringRun: () => (/* binding */ readTriggeringRun)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/commands/check.ts
var check = __webpack_require__(9238);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/zip.ts
var zip = __webpack_require__(4000);
// EXTERNAL MODULE: ./src/heal/fix-artifact.ts
var fix_artifact = __webpack_require__(1612);
// EXTERNAL MODULE: ./src/heal/own-branch.ts
var own_branch = __webpack_require__(6115);
// EXTERNAL MODULE: ./src/heal/policy.ts + 4 modules
var heal_policy = __webpack_require__(7949);
// EXTERNAL MODULE: ./src/heal/policy-context.ts
var policy_context = __webpack_require__(9364);
// EXTERNAL MODULE: ./src/heal/request.ts + 1 modules
var request = __webpack_require__(4306);
// EXTERNAL MODULE: ./src/diff/parse.ts + 1 modules
var parse = __webpack_require__(9566);
;// CONCATENATED MODULE: ./src/heal/suggestions.ts
/**
 * A fix as one pull request review: each hunk becomes a review comment holding a ```suggestion block on the lines
 * it replaces, so that the author applies it with a click. GitHub takes review comments only on lines of the pull
 * request's own diff (a hunk's right side, context included), so a hunk outside it, or one no suggestion can
 * express (a new, deleted, renamed or binary file, an insertion into an empty file), goes in the review's body as
 * a diff instead.
 */

/** Right-side line ranges of each file's hunks in the pull request's diff (where GitHub takes comments). */
function commentableLines(prDiff) {
    const ranges = new Map();
    for (const patch of (0,parse/* parseGitDiff */.T)(prDiff)) {
        if (!patch.newPath || patch.kind === 'delete')
            continue;
        ranges.set(patch.newPath, patch.hunks.map(h => [h.newStart, h.newStart + h.newLines - 1]));
    }
    return ranges;
}
/** The review for `fixDiff` (taken against the pull request's head) on a pull request whose diff is `prDiff`. */
function buildSuggestionReview(fixDiff, prDiff, intro) {
    const commentable = commentableLines(prDiff);
    const comments = [];
    const leftOver = [];
    for (const patch of (0,parse/* parseGitDiff */.T)(fixDiff)) {
        for (const hunk of patch.hunks.length ? patch.hunks : [undefined]) {
            const comment = hunk && patch.kind === 'modify' && !patch.binary ? suggestionFor(patch, hunk) : undefined;
            const ranges = comment ? (commentable.get(comment.path) ?? []) : [];
            const first = comment?.start_line ?? comment?.line ?? 0;
            if (comment && ranges.some(([start, end]) => start <= first && comment.line <= end))
                comments.push(comment);
            else
                leftOver.push(describeHunk(patch, hunk));
        }
    }
    let body = intro;
    if (leftOver.length) {
        const diff = leftOver.join('\n');
        const fence = fenceFor(diff);
        body +=
            `\n\n${leftOver.length === 1 ? 'One change' : `${leftOver.length} changes`} could not be suggested on the ` +
                `pull request's lines; apply ${leftOver.length === 1 ? 'it' : 'them'} with \`git apply\`:\n\n${fence}diff\n${diff}\n${fence}`;
    }
    return { body, comments, inBody: leftOver.length };
}
/** The suggestion replacing the hunk's changed lines (context trimmed), or undefined when none can. */
function suggestionFor(patch, hunk) {
    const lines = hunk.lines;
    let first = lines.findIndex(l => l.kind !== ' ');
    let last = lines.length - 1 - [...lines].reverse().findIndex(l => l.kind !== ' ');
    if (first < 0)
        return undefined;
    // A pure insertion replaces no line: anchor it on the context line before (or after) it.
    if (!lines.slice(first, last + 1).some(l => l.kind === '-')) {
        if (first > 0)
            first--;
        else if (last < lines.length - 1)
            last++;
        else
            return undefined;
    }
    let oldLine = hunk.oldStart;
    for (let i = 0; i < first; i++)
        if (lines[i].kind !== '+')
            oldLine++;
    const replaced = lines.slice(first, last + 1).filter(l => l.kind !== '+').length;
    const replacement = lines
        .slice(first, last + 1)
        .filter(l => l.kind !== '-')
        .map(l => l.content.toString('utf8').replace(/\n$/, ''));
    const text = replacement.join('\n');
    const fence = fenceFor(text);
    const end = oldLine + replaced - 1;
    return {
        path: patch.newPath,
        line: end,
        ...(end > oldLine ? { start_line: oldLine } : {}),
        side: 'RIGHT',
        body: `${fence}suggestion\n${text}${replacement.length ? '\n' : ''}${fence}`
    };
}
/** A hunk (or a file change without hunks) as diff text for the review's body. */
function describeHunk(patch, hunk) {
    const from = patch.oldPath ? `a/${patch.oldPath}` : '/dev/null';
    const to = patch.newPath ? `b/${patch.newPath}` : '/dev/null';
    if (!hunk)
        return `# ${patch.kind} ${patch.newPath ?? patch.oldPath}${patch.binary ? ' (binary)' : ''}`;
    const body = hunk.lines.map(l => `${l.kind}${l.content.toString('utf8').replace(/\n$/, '')}`);
    return [`--- ${from}`, `+++ ${to}`, hunk.header, ...body].join('\n');
}
/** A code fence longer than any run of backticks in the text. */
function fenceFor(text) {
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map(run => run.length));
    return '`'.repeat(longest + 1);
}

// EXTERNAL MODULE: ./src/heal/report.ts
var report = __webpack_require__(9846);
;// CONCATENATED MODULE: ./src/heal/deliver.ts
/**
 * The privileged side of fork-safe healing (`operation: deliver`), run by a workflow on `workflow_run` with a
 * write token and never with the pull request's code: it takes the `self-heal-fix` artifact of the run that
 * triggered it, checks where it came from, polices the diff again with the policy of the default branch and what
 * the local loop knows (the files the check runs, the base files the diff changes, read at the head the fix was
 * made against), and delivers it as review suggestions, or (`deliver: commit`) as a commit on the fork's branch
 * when the pull request allows maintainer edits and the token may push there. Nothing in the artifact is trusted
 * for what would loosen the policy: it was written by code of the fork.
 */











/** The policy file read from the default branch when the workflow gives no `policy` input. */
const DEFAULT_POLICY_PATH = '.github/self-heal.yml';
/** The `deliver` input read for operation `deliver`: `commit`, else suggestions (`suggest`, or heal's default). */
function readDeliverMode(value, where) {
    const mode = value.trim() || 'suggest';
    if (mode === 'commit')
        return 'commit';
    if (mode === 'suggest' || mode === 'pull-request')
        return 'suggest';
    throw new errors/* ConfigurationError */.j1(`${where} is '${mode}': operation 'deliver' delivers a fix as \`suggest\` (review suggestions, the default) or \`commit\` (a commit on the fork's branch when the pull request allows maintainer edits, else suggestions).`);
}
/** Reads the `workflow_run` event this job runs for; another event is a ConfigurationError. */
function readTriggeringRun(env) {
    const wrongEvent = () => {
        throw new errors/* ConfigurationError */.j1("operation 'deliver' runs in a workflow triggered by workflow_run (on: workflow_run: workflows: [CI] types: [completed]), and this job's event has no workflow_run.");
    };
    if (!env.GITHUB_EVENT_PATH)
        return wrongEvent();
    let event;
    try {
        event = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`The event payload ${env.GITHUB_EVENT_PATH} cannot be read: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    const run = event?.workflow_run;
    if (!run || typeof run !== 'object')
        return wrongEvent();
    const head = run.head_repository;
    if (typeof run.id !== 'number' ||
        typeof run.event !== 'string' ||
        typeof run.head_sha !== 'string' ||
        typeof head?.full_name !== 'string') {
        throw new errors/* ConfigurationError */.j1('The workflow_run event lacks the run id, event, head_sha or head_repository.');
    }
    return { id: run.id, event: run.event, headSha: run.head_sha, headRepository: head.full_name };
}
/**
 * Polices an artifact's fix as the local loop would, trusting the artifact for nothing that loosens the policy:
 * the base files are read by this side at the head the fix is for; the check is both the workflow's own and the
 * one the artifact names, each judged on its own, and a refusal under either stands (the stricter wins); a
 * snapshot mismatch, which would open snapshot files, is never taken from the artifact (snapshotFailure false).
 */
async function policeArtifactFix(fix, policy, options) {
    const kind = options.kind ??
        (check/* CHECK_KINDS */.FZ.includes(fix.result?.kind)
            ? fix.result.kind
            : undefined);
    const checks = [...new Set([options.check?.trim(), fix.check?.trim()].filter(check => !!check))];
    // One read of each base file for both accounts of the check.
    const base = new policy_context.BaseFiles(options.storageAt(fix.headSha));
    const contexts = [];
    for (const check of checks.length ? checks : [undefined]) {
        contexts.push(await (0,policy_context.remotePolicyContext)(fix.diff, base, {
            ...(check ? { check } : {}),
            ...(kind ? { kind } : {}),
            snapshotFailure: false
        }));
    }
    return (0,policy_context.strictestVerdict)(fix.diff, policy, contexts);
}
/**
 * Commits the policed diff on the fork's head branch, on top of the head the fix was made and verified for: the
 * branch moves only while it is still there (compare-and-swap), so a contributor's newer push is never built over.
 */
async function commitOnForkBranch(pr, fix, forkGit) {
    const repository = pr.head.repo?.full_name;
    if (!repository)
        return { made: false, moved: false, reason: 'its head repository was deleted' };
    if (!pr.maintainer_can_modify) {
        return {
            made: false,
            moved: false,
            reason: `pull request #${pr.number} does not allow edits by maintainers, so nothing may be pushed to ${repository}`
        };
    }
    const message = `Fix the failing ${fix.result.kind} check\n\n` +
        `self-heal verified this fix by re-running the check on ${fix.headSha}.\n\n` +
        `${own_branch/* FINGERPRINT_TRAILER */.pz}: ${fix.fingerprint}\n`;
    const git = forkGit(repository);
    try {
        const applied = await git.applyDiff(fix.diff, message, {
            branch: pr.head.ref,
            base: fix.headSha,
            replacing: fix.headSha
        });
        return { made: true, sha: applied.commit, repository, branch: pr.head.ref };
    }
    catch (error) {
        if (error instanceof errors/* ConflictError */.fK) {
            return { made: false, moved: true, reason: `${repository}'s ${pr.head.ref} moved while committing` };
        }
        if (error instanceof errors/* ConfigurationError */.j1) {
            // The only one applyDiff's compare-and-swap raises: a GitHub Enterprise Server without GraphQL updateRefs.
            return {
                made: false,
                moved: false,
                reason: `this GitHub cannot move ${repository}'s ${pr.head.ref} by a compare-and-swap (no GraphQL updateRefs)`
            };
        }
        if (error instanceof errors/* PermissionError */.i_) {
            return {
                made: false,
                moved: false,
                reason: `the token may not push to ${repository} (${(0,errors/* errorMessage */.gJ)(error)}). A GITHUB_TOKEN never can push to a ` +
                    "fork, even when the pull request allows maintainer edits: give operation 'deliver' a GitHub App or user " +
                    'token with write access to the fork'
            };
        }
        throw error;
    }
}
/** Delivers the triggering run's fix, or says why not. Rejections are results, not exceptions. */
async function deliverFix(octokit, run, options, log) {
    const { owner, repo } = options;
    const repository = `${owner}/${repo}`;
    const reject = (reason, pullRequest) => ({
        outcome: 'rejected',
        ok: false,
        reason: `The fix artifact of run ${run.id} was rejected: ${reason}`,
        pullRequest
    });
    const { data: listing } = await octokit.rest.actions.listWorkflowRunArtifacts({
        owner,
        repo,
        run_id: run.id,
        name: fix_artifact.FIX_ARTIFACT_NAME,
        per_page: 100
    });
    const artifacts = listing.artifacts.filter(a => a.name === fix_artifact.FIX_ARTIFACT_NAME);
    if (artifacts.length === 0) {
        return {
            outcome: 'nothing-to-deliver',
            ok: true,
            reason: `Run ${run.id} left no ${fix_artifact.FIX_ARTIFACT_NAME} artifact.`
        };
    }
    if (run.event !== 'pull_request') {
        return reject(`the run was triggered by ${run.event}, and only pull_request runs hand over fixes.`);
    }
    if (artifacts.length > 1)
        return reject(`the run has ${artifacts.length} artifacts named ${fix_artifact.FIX_ARTIFACT_NAME}.`);
    const artifact = artifacts[0];
    if (artifact.workflow_run?.id !== run.id) {
        return reject(`the artifact belongs to run ${String(artifact.workflow_run?.id)}, not to the triggering run.`);
    }
    if (artifact.expired)
        return reject('the artifact has expired.');
    if (artifact.size_in_bytes > zip/* MAX_ZIP_BYTES */.j3) {
        return reject(`the artifact is ${artifact.size_in_bytes} bytes, over the ${zip/* MAX_ZIP_BYTES */.j3} a fix may take.`);
    }
    let fix;
    try {
        const { data } = await octokit.rest.actions.downloadArtifact({
            owner,
            repo,
            artifact_id: artifact.id,
            archive_format: 'zip'
        });
        const entry = (0,zip/* readZip */.ue)(Buffer.from(data)).find(e => e.name === fix_artifact.FIX_FILE);
        if (!entry)
            return reject(`the artifact holds no ${fix_artifact.FIX_FILE}.`);
        fix = (0,fix_artifact.parseFixArtifact)(entry.data.toString('utf8'));
    }
    catch (error) {
        if (error instanceof errors/* InvalidInputError */.oC)
            return reject(error.message);
        throw error;
    }
    if (fix.repository !== repository)
        return reject(`it is for ${fix.repository}, not ${repository}.`);
    if (fix.headSha !== run.headSha) {
        return reject(`its headSha ${fix.headSha} is not the run's head commit ${run.headSha}.`, fix.pullRequest);
    }
    const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: fix.pullRequest });
    if (pr.base.repo.full_name !== repository) {
        return reject(`pull request #${pr.number} is not into ${repository}.`, pr.number);
    }
    if (pr.head.repo?.full_name !== run.headRepository) {
        return reject(`pull request #${pr.number} comes from ${String(pr.head.repo?.full_name)}, the run from ${run.headRepository}.`, pr.number);
    }
    if (pr.state !== 'open') {
        return {
            outcome: 'nothing-to-deliver',
            ok: true,
            reason: `Pull request #${pr.number} is ${pr.state}.`,
            pullRequest: pr.number
        };
    }
    if (pr.head.sha !== fix.headSha) {
        return {
            outcome: 'nothing-to-deliver',
            ok: true,
            reason: `Pull request #${pr.number} moved on (its head is ${pr.head.sha}, the fix is for ${fix.headSha}); its new run heals again.`,
            pullRequest: pr.number
        };
    }
    const policy = options.policy ?? (await defaultBranchPolicy(octokit, owner, repo, options.policyPath, log));
    const verdict = await policeArtifactFix(fix, policy, options);
    if (!verdict.ok)
        return reject(`the policy refuses its diff: ${(0,heal_policy/* describeVerdict */.XZ)(verdict)}`, pr.number);
    let fallback = '';
    if (options.mode === 'commit') {
        if (!options.forkGit)
            throw new errors/* ConfigurationError */.j1("deliver 'commit' needs the fork's Git port.");
        const committed = await commitOnForkBranch(pr, fix, options.forkGit);
        if (committed.made) {
            return {
                outcome: 'delivered',
                ok: true,
                reason: `The fix was committed as ${committed.sha} on ${committed.repository}'s ${committed.branch}, the branch of pull request #${pr.number}.`,
                pullRequest: pr.number,
                commit: { sha: committed.sha, repository: committed.repository, branch: committed.branch }
            };
        }
        if (committed.moved) {
            return {
                outcome: 'nothing-to-deliver',
                ok: true,
                reason: `Pull request #${pr.number} moved on (${committed.reason}); its new run heals again.`,
                pullRequest: pr.number
            };
        }
        log.info(`Not committing to the fork: ${committed.reason}.`);
        fallback = ` It was not committed to the fork's branch: ${committed.reason}.`;
    }
    const { data: prDiff } = await octokit.rest.pulls.get({
        owner,
        repo,
        pull_number: pr.number,
        mediaType: { format: 'diff' }
    });
    const intro = `self-heal found a fix for the failing ${fix.result.kind} check (fingerprint \`${fix.fingerprint}\`) and ` +
        `verified it by re-running the check: ${(0,report/* plural */.LS)(verdict.stats.files, 'file')}, +${verdict.stats.added} −${verdict.stats.removed}.`;
    const review = buildSuggestionReview(fix.diff, String(prDiff), intro);
    const { data: created } = await octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: pr.number,
        commit_id: fix.headSha,
        event: 'COMMENT',
        body: review.body,
        comments: review.comments
    });
    return {
        outcome: 'delivered',
        ok: true,
        reason: `The fix was delivered to pull request #${pr.number} as a review with ${(0,report/* plural */.LS)(review.comments.length, 'suggestion')}${review.inBody ? ` and ${(0,report/* plural */.LS)(review.inBody, 'change')} in its body` : ''}.${fallback}`,
        pullRequest: pr.number,
        review: {
            id: created.id,
            url: created.html_url,
            suggestions: review.comments.length,
            inBody: review.inBody
        }
    };
}
/** The policy file on the default branch (never the pull request's), or undefined (the default policy). */
async function defaultBranchPolicy(octokit, owner, repo, path = DEFAULT_POLICY_PATH, log) {
    const { data: repository } = await octokit.rest.repos.get({ owner, repo });
    const ref = repository.default_branch;
    try {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
            throw new errors/* ConfigurationError */.j1(`${path} on ${ref} is not a file.`);
        }
        log.info(`Policing the fix with ${path} from ${ref}.`);
        return (0,request.readPolicy)(Buffer.from(data.content, 'base64').toString('utf8'), `${path} on ${ref}`);
    }
    catch (error) {
        if (error.status === 404) {
            log.info(`No ${path} on ${ref}: the default policy applies.`);
            return undefined;
        }
        throw error;
    }
}


/***/ }),

/***/ 1612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FIX_ARTIFACT_NAME: () => (/* binding */ FIX_ARTIFACT_NAME),
/* harmony export */   FIX_FILE: () => (/* binding */ FIX_FILE),
/* harmony export */   FIX_VERSION: () => (/* binding */ FIX_VERSION),
/* harmony export */   backendIds: () => (/* binding */ backendIds),
/* harmony export */   buildFixArtifact: () => (/* binding */ buildFixArtifact),
/* harmony export */   forkPullRequest: () => (/* binding */ forkPullRequest),
/* harmony export */   handOverForkFix: () => (/* binding */ handOverForkFix),
/* harmony export */   parseFixArtifact: () => (/* binding */ parseFixArtifact),
/* harmony export */   uploadFixArtifact: () => (/* binding */ uploadFixArtifact)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _github_zip_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4000);
/**
 * The fork-safe hand-over of a verified fix. A pull request from a fork runs its `pull_request` job with a
 * read-only token, so heal cannot propose there: it uploads the fix as the workflow artifact `self-heal-fix`
 * (one file, `fix.json`) and stops. A workflow of the base repository, run on `workflow_run` with a write token
 * and never with the pull request's code, checks where the artifact came from and delivers it (deliver.ts).
 *
 * The upload speaks the results service's Twirp API the way `@actions/artifact` 2 does (CreateArtifact, a PUT of
 * the zip to the signed blob URL, FinalizeArtifact), with the job's ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL,
 * which the runner gives JavaScript actions: a few requests, not a dependency.
 */




/** The artifact's name. */
const FIX_ARTIFACT_NAME = 'self-heal-fix';
/** The file inside it. */
const FIX_FILE = 'fix.json';
/** The version of fix.json this code writes and reads. */
const FIX_VERSION = 1;
/** The fork pull request of this job's event, when the job runs for one. */
function forkPullRequest(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    let event;
    try {
        event = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
    const pr = event?.pull_request;
    const head = pr?.head?.repo?.full_name;
    const base = pr?.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
    if (!pr || typeof head !== 'string' || typeof base !== 'string' || head === base)
        return undefined;
    if (typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string' || typeof pr.base?.sha !== 'string') {
        return undefined;
    }
    return {
        repository: base,
        number: pr.number,
        headSha: pr.head.sha,
        baseSha: pr.base.sha,
        headRepository: head
    };
}
/** fix.json for a verified fix heal did not propose, made for the check `check`. */
function buildFixArtifact(pr, result, check) {
    if (!result.fix || !result.fingerprint)
        throw new Error('Only a verified fix is handed over.');
    return {
        version: FIX_VERSION,
        repository: pr.repository,
        pullRequest: pr.number,
        headSha: pr.headSha,
        baseSha: pr.baseSha,
        fingerprint: result.fingerprint.id,
        diff: result.fix.diff,
        ...(check ? { check } : {}),
        result: { outcome: result.outcome, reason: result.reason, kind: result.kind, ...result.fix.stats }
    };
}
/** Reads fix.json; anything that is not one is an InvalidInputError saying what is wrong. */
function parseFixArtifact(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`${FIX_FILE} is not JSON: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
    }
    const fix = raw;
    const fail = (what) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`${FIX_FILE} is not a fix self-heal wrote: ${what}.`);
    };
    if (!fix || typeof fix !== 'object')
        return fail('not an object');
    if (fix.version !== FIX_VERSION)
        fail(`version ${String(fix.version)}, expected ${FIX_VERSION}`);
    for (const key of ['repository', 'headSha', 'baseSha', 'fingerprint', 'diff']) {
        if (typeof fix[key] !== 'string' || !fix[key])
            fail(`'${key}' is missing`);
    }
    if (!/^[0-9a-f]{40}$/.test(fix.headSha))
        fail(`'headSha' is not a commit sha`);
    if (fix.check !== undefined && typeof fix.check !== 'string')
        fail(`'check' is not a command line`);
    if (!Number.isSafeInteger(fix.pullRequest) || fix.pullRequest <= 0)
        fail(`'pullRequest' is not a number`);
    return fix;
}
/** The results service's ids for this job, from the runtime token's `Actions.Results:RUN:JOB` scope. */
function backendIds(runtimeToken) {
    let scp = '';
    try {
        const claims = JSON.parse(Buffer.from(runtimeToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
        scp = typeof claims.scp === 'string' ? claims.scp : '';
    }
    catch {
        // Not a JWT: said below.
    }
    const scope = scp.split(' ').find(s => s.startsWith('Actions.Results:'));
    const [, run, job] = scope?.split(':') ?? [];
    if (!run || !job) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('ACTIONS_RUNTIME_TOKEN names no workflow run, so the fix cannot be uploaded as an artifact: run self-heal as a step of an Actions job.');
    }
    return { workflowRunBackendId: run, workflowJobRunBackendId: job };
}
/** Uploads fix.json as the artifact `self-heal-fix` of this job's run; returns the artifact's id. */
async function uploadFixArtifact(fix, env = process.env) {
    const token = env.ACTIONS_RUNTIME_TOKEN;
    const base = env.ACTIONS_RESULTS_URL;
    if (!token || !base) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set, so the fix cannot be uploaded as an artifact: run self-heal as a step of an Actions job.');
    }
    const ids = backendIds(token);
    const twirp = async (method, body) => {
        const url = new URL(`twirp/github.actions.results.api.v1.ArtifactService/${method}`, base.replace(/\/?$/, '/'));
        const response = await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body)
        });
        const text = await response.text();
        if (!response.ok) {
            throw new Error(`The artifact service refused ${method} (HTTP ${response.status}): ${text.slice(0, 300)}`);
        }
        const reply = JSON.parse(text);
        if (reply.ok !== true)
            throw new Error(`The artifact service refused ${method}: ${text.slice(0, 300)}`);
        return reply;
    };
    const zip = (0,_github_zip_js__WEBPACK_IMPORTED_MODULE_3__/* .createZip */ .eG)([{ name: FIX_FILE, data: Buffer.from(JSON.stringify(fix, null, 2) + '\n') }]);
    const common = {
        workflow_run_backend_id: ids.workflowRunBackendId,
        workflow_job_run_backend_id: ids.workflowJobRunBackendId,
        name: FIX_ARTIFACT_NAME
    };
    const created = await twirp('CreateArtifact', { ...common, version: 4 });
    const upload = await fetch(String(created.signed_upload_url), {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/zip' },
        body: zip
    });
    if (!upload.ok)
        throw new Error(`The artifact's upload failed (HTTP ${upload.status}).`);
    const finalized = await twirp('FinalizeArtifact', {
        ...common,
        size: String(zip.length),
        hash: `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(zip).digest('hex')}`
    });
    return String(finalized.artifact_id);
}
/**
 * After heal: a verified fix that could not be proposed because the pull request comes from a fork is uploaded
 * for the privileged workflow, and the result says so. Any other result is returned as it is.
 */
async function handOverForkFix(result, env, log, check) {
    const pr = forkPullRequest(env);
    if (!pr || result.outcome !== 'not-proposed' || !result.fix || !result.fingerprint || result.dryRun) {
        return result;
    }
    try {
        const id = await uploadFixArtifact(buildFixArtifact(pr, result, check), env);
        log.info(`Uploaded the verified fix as the artifact ${FIX_ARTIFACT_NAME} (id ${id}) for the privileged workflow.`);
    }
    catch (error) {
        // The fix stays in the result (and the job's log); only its hand-over failed.
        log.warning(`The verified fix could not be uploaded as the artifact ${FIX_ARTIFACT_NAME}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
        return result;
    }
    return { ...result, reason: 'uploaded for the privileged workflow' };
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

/***/ 4306:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_CHECK_TIMEOUT_SECONDS: () => (/* binding */ DEFAULT_CHECK_TIMEOUT_SECONDS),
  buildHealRequest: () => (/* binding */ buildHealRequest),
  healContext: () => (/* binding */ healContext),
  readPolicy: () => (/* binding */ readPolicy)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
// EXTERNAL MODULE: ./src/commands/check.ts
var check = __webpack_require__(9238);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/refs.ts
var refs = __webpack_require__(9081);
// EXTERNAL MODULE: ./src/settings.ts
var settings = __webpack_require__(8750);
// EXTERNAL MODULE: ./src/heal/policy.ts + 4 modules
var policy = __webpack_require__(7949);
// EXTERNAL MODULE: ./src/heal/fixers.ts
var heal_fixers = __webpack_require__(1841);
// EXTERNAL MODULE: ./src/heal/fix-branch.ts
var fix_branch = __webpack_require__(5258);
// EXTERNAL MODULE: ./src/heal/templates.ts
var templates = __webpack_require__(3021);
;// CONCATENATED MODULE: ./src/heal/types.ts
const FAIL_WHEN = ['failing', 'unhealed', 'never'];
const DELIVERIES = ['pull-request', 'commit', 'suggest', 'none'];

;// CONCATENATED MODULE: ./src/heal/request.ts
/**
 * The input layer of heal: the CLI's options and the action's inputs become one HealRequest here, with the same
 * checks and the same defaults, and the workflow's event says where a fix may go.
 */











/** How long one run of the check may take when no timeout is given: half an hour. */
const DEFAULT_CHECK_TIMEOUT_SECONDS = 1800;
/**
 * The HealRequest for the given inputs, in the environment `env` (the kill switch, the pull request's event).
 * Bad values are an InvalidInputError that names the option as the surface spells it.
 */
function buildHealRequest(inputs, name, env) {
    if (!inputs.check.trim()) {
        throw new errors/* InvalidInputError */.oC(`Give the check to heal in ${name('check')} (e.g. npm test).`);
    }
    const context = healContext(env);
    const given = (value) => (value?.trim() ? value : undefined);
    const timeout = given(inputs.timeout);
    const fixerTimeout = given(inputs.fixerTimeout);
    const fixerRetries = given(inputs.fixerRetries);
    const fixers = (inputs.fix ?? []).filter(line => line.trim());
    const policy = inputs.policy && given(inputs.policy.text);
    return {
        kind: (0,check/* parseCheckKind */.SP)(given(inputs.kind) ?? 'test', name('kind')),
        check: inputs.check,
        checkOptions: {
            timeoutSeconds: timeout === undefined ? DEFAULT_CHECK_TIMEOUT_SECONDS : (0,settings/* readPositive */.S7)(timeout, name('timeout')),
            reportPath: given(inputs.report)
        },
        // No fixer given means the fixers derived from the check (fix: auto).
        fixers: fixers.length ? fixers : [heal_fixers/* AUTO_FIXER */.vn],
        verify: readVerify(given(inputs.verify), name('verify')),
        setup: given(inputs.setup),
        fixerTimeoutSeconds: fixerTimeout === undefined ? undefined : (0,settings/* readPositive */.S7)(fixerTimeout, name('fixerTimeout')),
        fixerRetries: fixerRetries === undefined ? undefined : (0,settings/* readCount */._0)(fixerRetries, name('fixerRetries')),
        ...(inputs.fixInPlace ? { fixersInCopy: false } : {}),
        verifyAlso: (inputs.verifyAlso ?? []).filter(line => line.trim()),
        dryRun: Boolean(inputs.dryRun),
        policy: policy ? readPolicy(policy, inputs.policy.where) : undefined,
        reruns: (0,settings/* readCount */._0)(given(inputs.reruns) ?? '1', name('reruns')),
        maxAttempts: (0,settings/* readCount */._0)(given(inputs.maxAttempts) ?? '5', name('maxAttempts')),
        base: given(inputs.base) ?? context.base,
        noProposal: context.noProposal,
        disabled: context.disabled,
        failWhen: oneOf(given(inputs.failWhen) ?? 'unhealed', FAIL_WHEN, name('failWhen')),
        deliver: readDeliver(given(inputs.deliver)?.trim() ?? 'pull-request', name('deliver')),
        ...(context.pullRequest ? { pullRequest: context.pullRequest } : {}),
        shape: readShape(inputs, name),
        ...(context.links ? { links: context.links } : {}),
        ...(given(inputs.ciWorkflow)
            ? { ciWorkflow: readWorkflowFile(inputs.ciWorkflow.trim(), name('ciWorkflow')) }
            : {}),
        memoryReadOnly: context.memoryReadOnly
    };
}
function oneOf(value, allowed, what) {
    if (allowed.includes(value))
        return value;
    throw new errors/* InvalidInputError */.oC(`${what} must be one of ${allowed.join(', ')} (got '${value}').`);
}
/** The deliveries that were renamed or folded into another, and what to use now. */
const RENAMED_DELIVERIES = {
    suggestions: "it is called 'suggest' now",
    comment: "use 'none': the fix is verified and shown in self-heal's comment on the pull request, which every delivery keeps"
};
function readDeliver(value, what) {
    if (DELIVERIES.includes(value))
        return value;
    const renamed = Object.hasOwn(RENAMED_DELIVERIES, value) ? ` (${RENAMED_DELIVERIES[value]})` : '';
    throw new errors/* InvalidInputError */.oC(`${what} '${value}' is not a delivery${renamed}: use one of ${DELIVERIES.join(', ')}.`);
}
/** A workflow file of .github/workflows, by its file name (e.g. ci.yml), as the dispatch API takes it. */
function readWorkflowFile(value, what) {
    if (/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(value) || /^[0-9]+$/.test(value))
        return value;
    throw new errors/* InvalidInputError */.oC(`${what} '${value}' is not a workflow file name: give the file's name in .github/workflows (e.g. ci.yml), with workflow_dispatch among its triggers.`);
}
/**
 * The proposal's shape; a branch name that git would refuse, or a template with an unknown placeholder, is refused
 * now, before anything runs.
 */
function readShape(inputs, name) {
    const text = (value) => (value?.trim() ? value.trim() : undefined);
    const list = (value) => {
        const names = (value ?? '')
            .split(/[,\n]/)
            .map(item => item.trim())
            .filter(Boolean);
        return names.length ? names : undefined;
    };
    const template = (option) => {
        const value = text(inputs[option]);
        return value === undefined ? undefined : (0,templates/* checkTemplate */.BU)(value, name(option));
    };
    const prefix = text(inputs.branchPrefix);
    const shape = {
        branch: text(inputs.branch),
        branchPrefix: prefix === undefined ? undefined : (0,fix_branch/* readBranchPrefix */.Vs)(prefix, name('branchPrefix')),
        title: template('title'),
        body: template('body'),
        labels: list(inputs.labels),
        reviewers: list(inputs.reviewers),
        teamReviewers: list(inputs.teamReviewers),
        assignees: list(inputs.assignees),
        draft: inputs.draft || undefined,
        commitMessage: template('commitMessage')
    };
    // The action passes the prefix's default whenever it is not set; only another prefix contradicts a branch.
    if (shape.branch && shape.branchPrefix && shape.branchPrefix !== fix_branch/* BRANCH_PREFIX */.sM) {
        throw new errors/* InvalidInputError */.oC(`Give ${name('branch')} (the whole fix branch name) or ${name('branchPrefix')} (its prefix), not both.`);
    }
    if (shape.branch)
        (0,refs/* validateBranchName */.e)((0,fix_branch/* fixBranch */.k9)(shape, '0123456789abcdef'), name('branch'));
    return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined));
}
const VERIFY_MODES = ['in-place', 'clean', 'remote'];
function readVerify(value, what) {
    if (value === undefined)
        return undefined;
    if (VERIFY_MODES.includes(value))
        return value;
    throw new errors/* InvalidInputError */.oC(`Unknown ${what} '${value}': use one of ${VERIFY_MODES.join(', ')}.`);
}
/**
 * Reads the kill switch (`SELF_HEAL_DISABLED`: 1, true, yes or on; a repository variable reaches a job as
 * `env: SELF_HEAL_DISABLED: ${{ vars.SELF_HEAL_DISABLED }}`) and, in a pull request's workflow, the event: a
 * pull request from a fork is never pushed to, one from this repository gets the fix on its own branch.
 */
function healContext(env) {
    const context = {};
    if (/^(1|true|yes|on)$/i.test((env.SELF_HEAL_DISABLED ?? '').trim())) {
        context.disabled = 'SELF_HEAL_DISABLED is set';
    }
    const event = readEvent(env.GITHUB_EVENT_PATH);
    context.memoryReadOnly = memoryReadOnly(env, event);
    if (env.GITHUB_REPOSITORY) {
        const repository = `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}`;
        context.links = {
            repository,
            ...(env.GITHUB_RUN_ID ? { run: `${repository}/actions/runs/${env.GITHUB_RUN_ID}` } : {})
        };
    }
    const pr = event?.pull_request;
    if (pr && typeof pr === 'object') {
        const head = pr.head?.repo?.full_name;
        const into = pr.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
        if (typeof head !== 'string' || head !== into) {
            context.noProposal = `the pull request comes from a fork (${head ?? 'unknown'}), and self-heal never pushes to forks`;
        }
        else if (typeof pr.head?.ref === 'string') {
            context.base = pr.head.ref;
            if (typeof pr.number === 'number' && typeof pr.base?.ref === 'string') {
                context.pullRequest = {
                    number: pr.number,
                    head: pr.head.ref,
                    base: pr.base.ref,
                    ...(typeof pr.html_url === 'string' ? { url: pr.html_url } : {}),
                    ...(typeof pr.head.sha === 'string' ? { headSha: pr.head.sha } : {})
                };
            }
        }
    }
    return context;
}
/**
 * In GitHub Actions the fix memory is the default branch's: runs of pull requests (and of other branches) read it,
 * only runs on the default branch write it, so that a pull request cannot plant a fix the default branch replays.
 * The default branch is the event's `repository.default_branch`.
 */
function memoryReadOnly(env, event) {
    if (env.GITHUB_ACTIONS !== 'true')
        return undefined;
    const name = env.GITHUB_EVENT_NAME ?? '';
    if (name.startsWith('pull_request') || event?.pull_request) {
        return "this is a pull request's run, and only runs on the default branch write the fix memory";
    }
    const defaultBranch = event?.repository?.default_branch;
    const ref = env.GITHUB_REF?.startsWith('refs/heads/')
        ? env.GITHUB_REF.slice('refs/heads/'.length)
        : undefined;
    const branch = ref ?? (env.GITHUB_REF_TYPE === 'branch' ? env.GITHUB_REF_NAME : undefined);
    // An event that does not name the default branch (a schedule's) is not a pull request's: it writes.
    if (typeof defaultBranch === 'string' && defaultBranch && branch !== defaultBranch) {
        return `this run is on ${branch ? `the branch ${branch}` : env.GITHUB_REF || 'no branch'}, and only runs on the default branch (${defaultBranch}) write the fix memory`;
    }
    return undefined;
}
function readEvent(path) {
    if (!path)
        return undefined;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return event && typeof event === 'object' ? event : undefined;
    }
    catch {
        return undefined;
    }
}
/** Reads a policy written as YAML (or JSON): from a `--policy` file or the action's `policy` input. */
function readPolicy(text, where) {
    let raw;
    try {
        raw = (0,js_yaml.load)(text);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`The policy in ${where} is not valid YAML: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}`);
    }
    return (0,policy/* parsePolicy */.ON)(raw ?? undefined);
}


/***/ })

};
