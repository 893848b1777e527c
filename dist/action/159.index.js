export const id = 159;
export const ids = [159];
export const modules = {

/***/ 7059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ realClock)
/* harmony export */ });
/* unused harmony export scaledClock */
/**
 * Time for code that waits on remote work. Polling and timeouts read this clock instead of Date and setTimeout,
 * so tests and benchmarks can run a "two-minute" workflow run in seconds against the emulator's sped-up clock.
 */
/** The real clock. */
const realClock = {
    now: () => Date.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms)))
};
/**
 * A clock running `speed` times faster than real time from `origin` (default: now), like the emulator's clock
 * with `clockSpeed`; give both the same origin to keep them in step.
 */
function scaledClock(speed, origin = Date.now()) {
    if (!(speed > 0))
        throw new RangeError(`Clock speed must be positive, got ${speed}`);
    return {
        now: () => origin + (Date.now() - origin) * speed,
        sleep: ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms / speed)))
    };
}


/***/ }),

/***/ 5159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cv: () => (/* binding */ newCorrelationId),
/* harmony export */   Yw: () => (/* binding */ isCompleted),
/* harmony export */   _x: () => (/* binding */ WorkflowRuns)
/* harmony export */ });
/* unused harmony exports PENDING_STATUSES, NO_DISPATCH_TRIGGER, NOT_PERMITTED_KEY, stripLog */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3116);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _commands_check_report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9493);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7059);
/**
 * Workflow runs on GitHub Actions, as self-heal uses them: dispatch a workflow on a ref and know which run is
 * ours, wait cheaply, cancel, and bring back what happened (jobs, failed steps, annotations, log tails, the
 * runner workflow's record). Shared by the remote ExecutionAdapter and `self-heal dispatch`.
 *
 * Waiting costs little: after the dispatch, the waiter polls the list of *completed* runs of the workflow on the
 * branch with `If-None-Match`, so every poll until a run completes is a 304 (free against the rate limit), with
 * delays growing from ~2 s to 30 s and obeying `retry-after` and `x-poll-interval`. A waiter that reports
 * progress also reads the run itself at each poll (a conditional GET too, so free while nothing changes), to say
 * where the run is.
 */





/** The statuses that mean the run has not finished. */
const PENDING_STATUSES = ['queued', 'waiting', 'pending', 'requested', 'in_progress'];
/** GitHub's message when a workflow cannot be dispatched. */
const NO_DISPATCH_TRIGGER = "does not have 'workflow_dispatch' trigger";
/** GitHub Enterprise Server's message for a body key it does not know. */
const NOT_PERMITTED_KEY = 'is not a permitted key';
const SHA = /^[0-9a-f]{40}$/i;
const TAIL_LINES = 120;
const FIND_RUN_TIMEOUT_MS = 180_000;
/** Makes a correlation id: short, unique, safe in run names, branch names and log lines. */
function newCorrelationId() {
    return `sh-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)().replace(/-/g, '').slice(0, 16)}`;
}
/** Talks to the Actions API for one repository. */
class WorkflowRuns {
    octokit;
    owner;
    repo;
    clock;
    poll;
    log;
    onProgress;
    progressEveryMs;
    // Learned once per instance: a GHES that refuses `return_run_details` is not asked again.
    runDetailsSupported = true;
    defaultBranchName;
    constructor(settings) {
        this.octokit = settings.octokit;
        this.owner = settings.owner;
        this.repo = settings.repo;
        this.clock = settings.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_4__/* .realClock */ .d;
        this.poll = { initialMs: 2000, maxMs: 30_000, factor: 1.5, ...settings.poll };
        this.log = settings.log ?? (() => undefined);
        this.onProgress = settings.onProgress;
        this.progressEveryMs = settings.progressEveryMs ?? 5000;
    }
    get repository() {
        return `${this.owner}/${this.repo}`;
    }
    /** The repository's default branch (one request, remembered). */
    async defaultBranch() {
        if (!this.defaultBranchName) {
            try {
                const { data } = await this.octokit.request('GET /repos/{owner}/{repo}', {
                    owner: this.owner,
                    repo: this.repo
                });
                this.defaultBranchName = data.default_branch;
            }
            catch (error) {
                throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, { action: 'reading the repository', repository: this.repository });
            }
        }
        return this.defaultBranchName;
    }
    /**
     * Dispatches `workflow` on `ref` and returns the run id. A SHA is dispatched through a temporary branch
     * (GitHub dispatches only on branches and tags); `refs/pull/N/merge` and other refs GitHub refuses are refused
     * here with a clear error. The run id comes from `return_run_details`; where the server refuses that key
     * (GHES before 3.21) or answers 204, the run is found by the correlation id in its run name.
     */
    async dispatch(options) {
        const workflow = checkWorkflowName(options.workflow);
        let ref = options.ref?.trim() || (await this.defaultBranch());
        let temporaryBranch;
        if (/^refs\/pull\//.test(ref)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`Cannot dispatch a workflow on '${ref}': GitHub dispatches workflows only on branches and tags, not on ` +
                'pull request refs. Dispatch on the pull request head branch instead (or a SHA, which self-heal ' +
                'dispatches through a temporary branch).');
        }
        if (ref.startsWith('-') || /[\s\0~^:?*[\\]/.test(ref) || ref.includes('..')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`'${ref}' is not a valid ref name: use a branch, a tag or a commit SHA.`);
        }
        if (SHA.test(ref)) {
            temporaryBranch = `self-heal/dispatch/${options.correlationId}`;
            await this.createBranch(temporaryBranch, ref.toLowerCase());
            ref = temporaryBranch;
        }
        const dispatchedAt = this.clock.now();
        const branch = ref.replace(/^refs\/(heads|tags)\//, '');
        try {
            const body = { ref, inputs: options.inputs };
            let response;
            if (this.runDetailsSupported) {
                try {
                    response = await this.postDispatch(workflow, { ...body, return_run_details: true });
                }
                catch (error) {
                    if (!isNotPermittedKey(error))
                        throw error;
                    this.runDetailsSupported = false;
                    this.log('This GitHub does not support return_run_details: finding the run by its correlation id.');
                }
            }
            response ??= await this.postDispatch(workflow, body);
            const details = response.status === 200 ? response.data : {};
            if (details.workflow_run_id) {
                return {
                    runId: Number(details.workflow_run_id),
                    htmlUrl: details.html_url,
                    ref,
                    branch,
                    temporaryBranch,
                    idFromResponse: true,
                    dispatchedAt
                };
            }
            const serverDate = Date.parse(String(response.headers.date ?? ''));
            const runId = await this.findRunByCorrelation({
                workflow,
                branch,
                correlationId: options.correlationId,
                since: Math.min(dispatchedAt, Number.isNaN(serverDate) ? dispatchedAt : serverDate)
            });
            return { runId, ref, branch, temporaryBranch, idFromResponse: false, dispatchedAt };
        }
        catch (error) {
            if (temporaryBranch)
                await this.deleteBranch(temporaryBranch);
            throw this.dispatchError(error, workflow, ref);
        }
    }
    /**
     * Whether `workflow` (a file name or id) can run: GitHub knows it and its file is on the default branch (a
     * deleted file leaves the workflow, in state `deleted`).
     */
    async workflowExists(workflow) {
        try {
            const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}', {
                owner: this.owner,
                repo: this.repo,
                workflow_id: workflow
            });
            return data.state !== 'deleted';
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 404)
                return false;
            throw error;
        }
    }
    async postDispatch(workflow, body) {
        const response = await this.octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
            owner: this.owner,
            repo: this.repo,
            workflow_id: workflow,
            ...body
        });
        return {
            status: response.status,
            data: response.data,
            headers: response.headers
        };
    }
    dispatchError(error, workflow, ref) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SelfHealError */ .ZO)
            return error;
        const status = (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error);
        const message = (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isRequestError */ .eK)(error) ? apiMessage(error) : String(error);
        if (status === 422 && message.includes(NO_DISPATCH_TRIGGER)) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`Workflow '${workflow}' cannot be dispatched on '${ref}': it has no \`on: workflow_dispatch\` trigger there. ` +
                `Add \`workflow_dispatch:\` to its \`on:\` section and commit it to the default branch (GitHub only ` +
                `dispatches workflows whose file on the default branch has that trigger) and to '${ref}'.`, { cause: error });
        }
        if ((status === 422 || status === 404) && /No ref found/i.test(message)) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RefNotFoundError */ .ZA(ref, `no branch or tag '${ref}' in ${this.repository}: push it first, or pass an existing branch, tag or SHA.`);
        }
        if (status === 422 &&
            /Unexpected inputs|Required input|not in the list of allowed|input/i.test(message)) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`Workflow '${workflow}' refused the inputs: ${message}. Pass only the inputs its \`workflow_dispatch\` declares.`, {
                cause: error
            });
        }
        if (status === 404) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`Workflow '${workflow}' was not found in ${this.repository} (404): check the file name (e.g. self-heal-run.yml) ` +
                'and that the file is on the default branch under .github/workflows/ — and that the token can see the repository.', { cause: error });
        }
        if (status === 403 && !/rate limit/i.test(message)) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PermissionError */ .i_(`GitHub refused to dispatch '${workflow}' on ${this.repository} (403 ${message}): the token needs ` +
                '`permissions: actions: write` (a fine-grained token: "Actions: Read and write").', { cause: error });
        }
        return (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, {
            action: `dispatching '${workflow}'`,
            permission: 'actions',
            write: true,
            repository: this.repository
        });
    }
    /** Finds the run whose name carries the correlation id; polls with ETags until it appears. */
    async findRunByCorrelation(options) {
        const deadline = this.clock.now() + (options.timeoutMs ?? FIND_RUN_TIMEOUT_MS);
        // A wide margin: the server's clock and ours may differ; the correlation id, not the time, decides.
        const created = `>=${isoSeconds(options.since - 15 * 60_000)}`;
        let etag;
        let delay = Math.min(1000, this.poll.initialMs);
        for (;;) {
            const polled = await this.conditionalGet('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
                workflow_id: options.workflow,
                event: 'workflow_dispatch',
                branch: options.branch,
                created,
                per_page: 100
            }, etag);
            etag = polled.etag ?? etag;
            const found = polled.data?.workflow_runs.find(run => `${run.display_title ?? ''} ${run.name ?? ''}`.includes(options.correlationId));
            if (found)
                return found.id;
            const now = this.clock.now();
            if (now >= deadline) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SelfHealError */ .ZO(`The run dispatched with correlation id ${options.correlationId} did not appear within ` +
                    `${Math.round((options.timeoutMs ?? FIND_RUN_TIMEOUT_MS) / 1000)} s: the workflow's \`run-name\` must ` +
                    'contain `${{ inputs.correlation-id }}` (as self-heal-run.yml does) so the run can be told apart from others.');
            }
            await this.clock.sleep(Math.min(Math.max(delay, polled.minDelayMs), deadline - now));
            delay = Math.min(this.poll.maxMs, delay * this.poll.factor);
        }
    }
    /**
     * Waits until the run completes or `deadline` (clock time) passes. Returns the completed run, or undefined on
     * timeout. Polls the completed runs of the branch (see the module comment); a direct conditional GET of the run
     * every few minutes guards against a run that is never listed (e.g. deleted).
     */
    async waitForCompletion(options) {
        let listEtag;
        let runEtag;
        let delay = this.poll.initialMs;
        let lastDirect = this.clock.now();
        const directEveryMs = 5 * 60_000;
        const byList = options.branch !== undefined;
        const progress = { runId: options.runId, status: 'queued', url: options.url, elapsedMs: 0 };
        const started = this.clock.now();
        let nextReport = started;
        // Sleeps `ms`, reporting progress on time along the way.
        const sleep = async (ms) => {
            const end = this.clock.now() + ms;
            while (this.onProgress && nextReport <= end) {
                await this.clock.sleep(Math.max(0, nextReport - this.clock.now()));
                this.onProgress({ ...progress, elapsedMs: this.clock.now() - started });
                nextReport = this.clock.now() + this.progressEveryMs;
            }
            await this.clock.sleep(Math.max(0, end - this.clock.now()));
        };
        for (;;) {
            const now = this.clock.now();
            if (now >= options.deadline)
                return undefined;
            await sleep(Math.min(delay, options.deadline - now));
            let minDelay = 0;
            if (byList) {
                const polled = await this.conditionalGet('GET /repos/{owner}/{repo}/actions/runs', 
                // No `created` filter: newest first, a run that just completed is on the first page.
                { event: 'workflow_dispatch', branch: options.branch, status: 'completed', per_page: 100 }, listEtag);
                listEtag = polled.etag ?? listEtag;
                minDelay = polled.minDelayMs;
                const done = polled.data?.workflow_runs.find(run => run.id === options.runId);
                if (done)
                    return done;
            }
            if (!byList || this.onProgress || this.clock.now() - lastDirect >= directEveryMs) {
                lastDirect = this.clock.now();
                const polled = await this.conditionalGet('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { run_id: options.runId }, runEtag);
                runEtag = polled.etag ?? runEtag;
                minDelay = Math.max(minDelay, polled.minDelayMs);
                if (polled.data) {
                    progress.status = polled.data.status ?? progress.status;
                    progress.url = polled.data.html_url;
                }
                if (polled.data && isCompleted(polled.data))
                    return polled.data;
            }
            delay = Math.max(Math.min(this.poll.maxMs, delay * this.poll.factor), minDelay);
        }
    }
    // A GET with If-None-Match: a 304 leaves `data` undefined. `minDelayMs` honours retry-after and x-poll-interval.
    async conditionalGet(route, params, etag) {
        try {
            const response = await this.octokit.request(route, {
                owner: this.owner,
                repo: this.repo,
                ...params,
                headers: etag ? { 'if-none-match': etag } : {}
            });
            const headers = response.headers;
            return {
                data: response.data,
                etag: headers.etag,
                minDelayMs: pollHint(headers)
            };
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 304) {
                const headers = (error.response?.headers ??
                    {});
                return { etag: headers.etag ?? etag, minDelayMs: pollHint(headers) };
            }
            throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, {
                action: 'reading workflow runs',
                permission: 'actions',
                repository: this.repository
            });
        }
    }
    /** Reads a run. */
    async getRun(runId) {
        try {
            const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
                owner: this.owner,
                repo: this.repo,
                run_id: runId
            });
            return data;
        }
        catch (error) {
            throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, {
                action: `reading run ${runId}`,
                permission: 'actions',
                repository: this.repository
            });
        }
    }
    /** Cancels a run; 409 (it completed meanwhile) is not an error. Returns what happened. */
    async cancel(runId) {
        try {
            await this.octokit.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', {
                owner: this.owner,
                repo: this.repo,
                run_id: runId
            });
            return 'cancelled';
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 409)
                return 'already-completed';
            throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, {
                action: `cancelling run ${runId}`,
                permission: 'actions',
                write: true,
                repository: this.repository
            });
        }
    }
    /**
     * After cancelling: waits briefly (up to `graceMs`) for the run to show as completed, so the caller can read
     * whatever it produced; returns the last state read.
     */
    async settleAfterCancel(runId, graceMs = 30_000) {
        const deadline = this.clock.now() + graceMs;
        let delay = 1000;
        for (;;) {
            const run = await this.getRun(runId);
            if (isCompleted(run) || this.clock.now() >= deadline)
                return run;
            await this.clock.sleep(Math.min(delay, Math.max(0, deadline - this.clock.now())));
            delay = Math.min(delay * 2, 10_000);
        }
    }
    /**
     * Brings back what a completed run did: jobs and failed steps, the failed jobs' annotations and log tails,
     * and the runner workflow's record for `correlationId`. Logs are fetched at once: their links expire quickly.
     */
    async report(run, correlationId, tailLines = TAIL_LINES) {
        const action = `reading the jobs of run ${run.id}`;
        let jobs;
        try {
            const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
                owner: this.owner,
                repo: this.repo,
                run_id: run.id,
                filter: 'latest',
                per_page: 100
            });
            jobs = data.jobs;
        }
        catch (error) {
            throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, { action, permission: 'actions', repository: this.repository });
        }
        const failed = (job) => job.conclusion !== null && !['success', 'skipped', 'neutral'].includes(job.conclusion);
        const logs = new Map();
        // The record may be in any job's log; failed jobs' logs are needed for their tails. Ten jobs at most.
        for (const job of jobs.slice(0, 10)) {
            if (correlationId || failed(job)) {
                const text = await this.jobLog(job.id);
                if (text !== undefined)
                    logs.set(job.id, text);
            }
        }
        let record;
        if (correlationId) {
            for (const text of logs.values())
                record = (0,_commands_check_report_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCheckRecord */ .f1)(text, correlationId) ?? record;
        }
        const annotations = [];
        for (const job of jobs.filter(failed).slice(0, 10))
            annotations.push(...(await this.annotations(job)));
        const tails = jobs
            .filter(job => failed(job) && logs.has(job.id))
            .map(job => {
            const lines = stripLog(logs.get(job.id)).filter(line => !line.includes('self-heal-result/v1 '));
            return `--- ${job.name} ---\n${lines.slice(-tailLines).join('\n')}`;
        });
        // The failed job's output is what a fallback reads (the runner workflow has one job).
        const first = jobs.find(job => failed(job) && logs.has(job.id)) ?? jobs[0];
        const firstLog = first ? logs.get(first.id) : undefined;
        return {
            run,
            jobs: jobs.map(job => ({
                id: job.id,
                name: job.name,
                conclusion: job.conclusion,
                failedSteps: (job.steps ?? [])
                    .filter(step => step.conclusion === 'failure' || step.conclusion === 'cancelled')
                    .map(step => step.name)
            })),
            annotations,
            record,
            logTail: tails.join('\n'),
            output: firstLog === undefined ? '' : commandOutput(firstLog)
        };
    }
    async jobLog(jobId) {
        try {
            const response = await this.octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
                owner: this.owner,
                repo: this.repo,
                job_id: jobId
            });
            const data = response.data;
            if (typeof data === 'string')
                return data;
            if (data instanceof ArrayBuffer)
                return Buffer.from(data).toString('utf8');
            return data === undefined || data === null ? undefined : String(data);
        }
        catch (error) {
            // Logs can be gone (410) or not yet available (404): a report without them is still a report.
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 404 || (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 410)
                return undefined;
            throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, {
                action: `downloading the log of job ${jobId}`,
                permission: 'actions',
                repository: this.repository
            });
        }
    }
    async annotations(job) {
        const checkRunId = Number(job.check_run_url.slice(job.check_run_url.lastIndexOf('/') + 1)) || job.id;
        const all = [];
        try {
            for (let page = 1; page <= 10; page++) {
                const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', {
                    owner: this.owner,
                    repo: this.repo,
                    check_run_id: checkRunId,
                    per_page: 50,
                    page
                });
                all.push(...data);
                if (data.length < 50)
                    break;
            }
        }
        catch (error) {
            // Annotations need `checks: read`; without it the report still has the record and the logs.
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 403 || (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 404) {
                this.log(`Could not read the annotations of job ${job.id} (${(0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error)}): grant \`checks: read\` to see them.`);
                return all;
            }
            throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, {
                action: `reading annotations of job ${job.id}`,
                permission: 'checks',
                repository: this.repository
            });
        }
        return all;
    }
    /** Creates a branch at a commit (for dispatching on a SHA). */
    async createBranch(branch, sha) {
        try {
            await this.octokit.request('POST /repos/{owner}/{repo}/git/refs', {
                owner: this.owner,
                repo: this.repo,
                ref: `refs/heads/${branch}`,
                sha
            });
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) === 422) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RefNotFoundError */ .ZA(sha, `cannot make a branch at commit ${sha} in ${this.repository}: the commit does not exist there (push it first).`);
            }
            throw (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .mapGitHubError */ .ym)(error, {
                action: `creating the temporary branch ${branch} to dispatch on a commit`,
                permission: 'contents',
                write: true,
                repository: this.repository
            });
        }
    }
    /** Deletes a branch; a branch already gone is fine, other failures are logged, never thrown (cleanup). */
    async deleteBranch(branch) {
        try {
            await this.octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
                owner: this.owner,
                repo: this.repo,
                ref: `heads/${branch}`
            });
        }
        catch (error) {
            if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) !== 404 && (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error) !== 422) {
                this.log(`Could not delete the temporary branch ${branch}: ${error.message}`);
            }
        }
    }
}
/** Whether a run has finished (any status other than the pending ones). */
function isCompleted(run) {
    return (run.status === 'completed' ||
        (run.status !== null && !PENDING_STATUSES.includes(run.status)));
}
/** Removes the runner's timestamps from log lines. */
function stripLog(log) {
    return log
        .replace(/\r\n/g, '\n')
        .replace(/\n$/, '')
        .split('\n')
        .map(line => line.replace(/^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/, ''));
}
// The lines a command printed: between the step's `##[group]Run …`/`##[endgroup]` header and the next step,
// leaving out runner lines (`##[…]`) and workflow commands.
function commandOutput(log) {
    const lines = stripLog(log);
    const out = [];
    let inRun = false;
    let inHeader = false;
    for (const line of lines) {
        if (line.startsWith('##[group]Run ')) {
            inRun = !/^##\[group\]Run actions\/checkout/.test(line);
            inHeader = true;
            out.length = 0;
            continue;
        }
        if (line === '##[endgroup]') {
            inHeader = false;
            continue;
        }
        if (!inRun || inHeader || line.startsWith('##[') || line.startsWith('Cleaning up orphan processes'))
            continue;
        if (line.includes('self-heal-result/v1 '))
            continue;
        out.push(line);
    }
    return out.length ? `${out.join('\n')}\n` : '';
}
function checkWorkflowName(workflow) {
    const name = workflow.trim().replace(/^\.github\/workflows\//, '');
    if (!/^(?:\d+|[A-Za-z0-9._-]+\.ya?ml)$/.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`Workflow '${workflow}' is not a workflow file name or id: use the file name in .github/workflows, e.g. self-heal-run.yml.`);
    }
    return name;
}
function isNotPermittedKey(error) {
    const status = (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorStatus */ .PO)(error);
    return ((status === 400 || status === 422) &&
        (0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isRequestError */ .eK)(error) &&
        apiMessage(error).includes(NOT_PERMITTED_KEY));
}
function apiMessage(error) {
    const data = error.response?.data;
    if (data && typeof data === 'object' && typeof data.message === 'string') {
        return data.message;
    }
    return error.message;
}
function pollHint(headers) {
    const retryAfter = Number(headers['retry-after']);
    const interval = Number(headers['x-poll-interval']);
    return Math.max(Number.isFinite(retryAfter) ? retryAfter * 1000 : 0, Number.isFinite(interval) ? interval * 1000 : 0);
}
function isoSeconds(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
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


/***/ })

};
