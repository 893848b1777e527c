export const id = 351;
export const ids = [351];
export const modules = {

/***/ 3732:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubActionsExecutionAdapter: () => (/* binding */ GitHubActionsExecutionAdapter)
/* harmony export */ });
/* unused harmony exports RUNNER_WORKFLOW, resultFromReport, runnerInputs, testsFromAnnotations, problemsFromAnnotations */
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2749);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8431);
/* harmony import */ var _reports_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5082);
/* harmony import */ var _workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5159);





/** The runner workflow shipped with self-heal. */
const RUNNER_WORKFLOW = 'self-heal-run.yml';
const MAX_INPUT_CHARS = 60_000;
/** Runs commands as workflow runs on GitHub Actions. */
class GitHubActionsExecutionAdapter {
    /** Implementation name for `self-heal env`. */
    kind = 'workflow-dispatch';
    /** The API helper (exposed for `self-heal dispatch` and tests). */
    runs;
    settings;
    constructor(settings) {
        this.settings = settings;
        this.runs = new _workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .WorkflowRuns */ ._x(settings);
    }
    /** Runs a command in a workflow run. */
    async runCommand(command, options = {}) {
        return (await this.check('command', command, options)).result;
    }
    /** Runs tests in a workflow run; failed tests come from the run's record or its annotations. */
    async runTests(command, options = {}) {
        return toTestResult(await this.check('test', command, options));
    }
    /** Runs a build in a workflow run; diagnostics come from the run's record or its annotations. */
    async runBuild(command, options = {}) {
        return toBuildResult(await this.check('build', command, options));
    }
    /** Runs lint in a workflow run; problems come from the run's record or its annotations. */
    async runLint(command, options = {}) {
        return toLintResult(await this.check('lint', command, options));
    }
    /**
     * Runs the runner workflow's `operation: fix` on `ref`: the check, and when it fails the fixers, on a checkout
     * there. Returns the first check's result, what the fixers made (undefined when the run left no record: a
     * runner workflow without the `operation` and `request` inputs, or a run that did not finish), and the commit
     * the run checked out, which the fix was made against.
     */
    async runFix(request, options = {}) {
        const correlationId = (0,_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .newCorrelationId */ .Cv)();
        const check = request.checkOptions?.timeoutSeconds ?? this.settings.defaultTimeoutSeconds ?? 3600;
        // Every run of the check (the first, the re-runs, one per verification) and every fixer may take its whole time.
        const timeoutSeconds = check * (1 + (request.reruns ?? 1) + (request.maxAttempts ?? 5)) +
            request.fixers.length * (request.fixerTimeoutSeconds ?? 600);
        const inputs = {
            operation: 'fix',
            kind: request.kind,
            'correlation-id': correlationId,
            request: JSON.stringify(request)
        };
        if (inputs.request.length > MAX_INPUT_CHARS) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`The heal options take ${inputs.request.length} characters as JSON; a workflow dispatch carries at most ` +
                `${MAX_INPUT_CHARS}: shorten the policy or the fixer commands (put long ones in a script in the repository).`);
        }
        const executed = await this.execute(request.kind, inputs, correlationId, timeoutSeconds, options.ref);
        const shape = {
            command: (e) => e.result,
            test: toTestResult,
            build: toBuildResult,
            lint: toLintResult
        };
        return { result: await shape[request.kind](executed), fix: executed.record?.fix, sha: executed.sha };
    }
    /**
     * Reads a completed run of any workflow (a CI run that failed) as the result of a `kind` check, running nothing:
     * from its failed jobs' annotations, else from the output of the failed job's last step.
     */
    async readRun(kind, runId) {
        const run = await this.runs.getRun(runId);
        if (!(0,_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .isCompleted */ .Yw)(run)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Run ${runId} has not completed (it is ${run.status}): heal it once it has, e.g. from a workflow on \`workflow_run\` \`types: [completed]\`.`);
        }
        return {
            runId: run.id,
            url: run.html_url,
            conclusion: run.conclusion,
            branch: run.head_branch,
            sha: run.head_sha,
            result: await resultFromReport(kind, await this.runs.report(run))
        };
    }
    check(kind, command, options) {
        const correlationId = (0,_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .newCorrelationId */ .Cv)();
        const timeoutSeconds = options.timeoutSeconds ?? this.settings.defaultTimeoutSeconds ?? 3600;
        const inputs = runnerInputs(kind, command, options, correlationId, timeoutSeconds);
        return this.execute(kind, inputs, correlationId, timeoutSeconds, options.ref);
    }
    async execute(kind, inputs, correlationId, timeoutSeconds, ref) {
        const clock = this.settings.clock ?? { now: () => Date.now() };
        const started = clock.now();
        const dispatched = await this.runs.dispatch({
            workflow: this.settings.workflow ?? RUNNER_WORKFLOW,
            ref: ref ?? this.settings.ref,
            inputs,
            correlationId
        });
        try {
            const deadline = started + (timeoutSeconds + (this.settings.startupAllowanceSeconds ?? 600)) * 1000;
            let run = await this.runs.waitForCompletion({
                runId: dispatched.runId,
                branch: dispatched.branch,
                deadline,
                url: dispatched.htmlUrl
            });
            let timedOut = false;
            if (!run) {
                timedOut = true;
                if (this.settings.cancelOnTimeout !== false)
                    await this.runs.cancel(dispatched.runId);
                run = await this.runs.settleAfterCancel(dispatched.runId, 15_000);
            }
            const report = (0,_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .isCompleted */ .Yw)(run) ? await this.runs.report(run, correlationId) : undefined;
            this.settings.onRun?.({
                runId: run.id,
                runUrl: run.html_url,
                conclusion: run.conclusion,
                kind,
                correlationId,
                timedOut
            });
            const record = report?.record;
            const durationMs = record?.durationMs ?? Math.max(0, clock.now() - started);
            if (record) {
                const result = {
                    exitCode: record.exitCode,
                    stdout: record.stdout,
                    stderr: record.stderr,
                    durationMs,
                    timedOut: record.timedOut || timedOut
                };
                return {
                    result: timedOut && result.exitCode === 0 ? { ...result, exitCode: 124 } : result,
                    record,
                    report,
                    sha: run.head_sha
                };
            }
            const conclusion = run.conclusion;
            const exitCode = timedOut ? 124 : conclusionExitCode(conclusion, report);
            const note = timedOut
                ? `Run ${run.id} did not finish within ${timeoutSeconds} s (plus the startup allowance) and was cancelled: ${run.html_url}\n`
                : exitCode !== 0
                    ? `Run ${run.id} concluded ${conclusion}: ${run.html_url}\n${report?.logTail ?? ''}\n`
                    : '';
            return {
                result: {
                    exitCode,
                    stdout: report?.output ?? '',
                    stderr: note,
                    durationMs,
                    timedOut: timedOut || conclusion === 'timed_out'
                },
                report,
                sha: run.head_sha
            };
        }
        finally {
            if (dispatched.temporaryBranch)
                await this.runs.deleteBranch(dispatched.temporaryBranch);
        }
    }
}
/**
 * A run's report as the result of a `kind` check: the exit code from its conclusion (or the "Process completed
 * with exit code N." annotation), failed tests and problems from its annotations, else parsed from the output of
 * the failed step. Only what the check printed is kept: no run id or URL, which would change every fingerprint.
 */
async function resultFromReport(kind, report) {
    const conclusion = report.run.conclusion;
    const executed = {
        result: {
            exitCode: conclusionExitCode(conclusion, report),
            stdout: report.output,
            stderr: '',
            durationMs: 0,
            timedOut: conclusion === 'timed_out'
        },
        report
    };
    return kind === 'command'
        ? executed.result
        : { test: toTestResult, build: toBuildResult, lint: toLintResult }[kind](executed);
}
async function toTestResult({ result, record, report }) {
    if (record?.failedTests) {
        return {
            ...result,
            passed: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .hasPassed */ .P)(result),
            source: record.source ?? 'none',
            failedTests: record.failedTests,
            ...(record.counts ? { counts: record.counts } : {})
        };
    }
    // No record (a workflow without self-heal's check step): annotations first, then the printed output.
    const fromAnnotations = report ? testsFromAnnotations(report.annotations) : [];
    const detail = fromAnnotations.length
        ? { source: 'junit', failedTests: fromAnnotations }
        : await (0,_reports_index_js__WEBPACK_IMPORTED_MODULE_2__.readTestResults)({ stdout: result.stdout, stderr: '' });
    return {
        ...result,
        passed: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .hasPassed */ .P)(result),
        source: detail.source,
        failedTests: detail.failedTests,
        ...(detail.counts ? { counts: detail.counts } : {})
    };
}
function toBuildResult({ result, record, report }) {
    const fromAnnotations = report ? problemsFromAnnotations(report.annotations) : [];
    const problems = record?.problems ??
        (fromAnnotations.length ? fromAnnotations : (0,_reports_index_js__WEBPACK_IMPORTED_MODULE_2__.readBuildProblems)({ stdout: result.stdout, stderr: '' }));
    return { ...result, passed: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .hasPassed */ .P)(result), problems };
}
function toLintResult({ result, record, report }) {
    if (record?.problems) {
        return {
            ...result,
            passed: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .hasPassed */ .P)(result),
            source: record.source ?? 'none',
            problems: record.problems
        };
    }
    const fromAnnotations = report ? problemsFromAnnotations(report.annotations) : [];
    const detail = fromAnnotations.length
        ? { source: 'output', problems: fromAnnotations }
        : (0,_reports_index_js__WEBPACK_IMPORTED_MODULE_2__.readLintResults)({ stdout: result.stdout, stderr: '' });
    return {
        ...result,
        passed: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .hasPassed */ .P)(result),
        source: detail.source,
        problems: detail.problems
    };
}
/** The runner workflow's inputs for one command. Values are visible in the run: never pass secrets in `env`. */
function runnerInputs(kind, command, options, correlationId, timeoutSeconds) {
    const inputs = {
        kind,
        'correlation-id': correlationId,
        timeout: String(timeoutSeconds)
    };
    if (typeof command === 'string') {
        if (!command.trim())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC('The command is empty: give a command to run.');
        inputs.command = command;
    }
    else {
        if (command.length === 0 || command.some(part => typeof part !== 'string')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC('The command argv must be a non-empty array of strings.');
        }
        inputs.argv = JSON.stringify(command);
    }
    if (options.cwd && options.cwd !== '.' && options.cwd !== './') {
        if (options.cwd.startsWith('/') || /^[A-Za-z]:/.test(options.cwd)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Working directory '${options.cwd}' is absolute: a remote run needs a directory relative to the repository root.`);
        }
        inputs['working-directory'] = (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(options.cwd);
    }
    if (options.reportPath)
        inputs['report-path'] = (0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeRepoPath */ .NP)(options.reportPath);
    if (options.env && Object.keys(options.env).length)
        inputs.env = JSON.stringify(options.env);
    const size = Object.values(inputs).reduce((sum, value) => sum + value.length, 0);
    if (size > MAX_INPUT_CHARS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`The command and its options take ${size} characters; a workflow dispatch carries at most ${MAX_INPUT_CHARS}: ` +
            'put the command in a script in the repository and run that.');
    }
    return inputs;
}
// The exit code a run's conclusion stands for: the failed step's own when the run says it, else a shell's.
function conclusionExitCode(conclusion, report) {
    if (conclusion === 'success')
        return 0;
    if (conclusion === 'timed_out')
        return 124;
    return exitCodeFrom(report) ?? (conclusion === 'cancelled' ? 130 : 1);
}
function exitCodeFrom(report) {
    if (!report)
        return undefined;
    for (const annotation of report.annotations) {
        const match = /Process completed with exit code (\d+)\./.exec(annotation.message ?? '');
        if (match)
            return Number(match[1]);
    }
    const match = /Process completed with exit code (\d+)\./.exec(report.logTail);
    return match ? Number(match[1]) : undefined;
}
function isFileAnnotation(annotation) {
    return annotation.path !== '.github' && !/^Process completed with exit code/.test(annotation.message ?? '');
}
/** Failed tests from the failure annotations of a run (JUnit reporters, `::error` lines). */
function testsFromAnnotations(annotations) {
    return annotations
        .filter(annotation => isFileAnnotation(annotation) && annotation.annotation_level === 'failure')
        .map(annotation => ({
        name: annotation.title || (annotation.message ?? '').split('\n')[0] || annotation.path,
        file: annotation.path,
        line: annotation.start_line,
        message: annotation.message ?? ''
    }));
}
/** Lint problems from the failure and warning annotations of a run. */
function problemsFromAnnotations(annotations) {
    return annotations
        .filter(annotation => isFileAnnotation(annotation) && annotation.annotation_level !== 'notice')
        .map(annotation => ({
        file: annotation.path,
        line: annotation.start_line,
        ...(annotation.start_column ? { column: annotation.start_column } : {}),
        severity: annotation.annotation_level === 'warning' ? 'warning' : 'error',
        ...(annotation.title ? { rule: annotation.title } : {}),
        message: annotation.message ?? ''
    }));
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
