export const id = 754;
export const ids = [754];
export const modules = {

/***/ 3754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dispatch: () => (/* binding */ dispatch),
/* harmony export */   dispatchActionOutputs: () => (/* binding */ dispatchActionOutputs),
/* harmony export */   dispatchExitCode: () => (/* binding */ dispatchExitCode),
/* harmony export */   parseInputOptions: () => (/* binding */ parseInputOptions)
/* harmony export */ });
/* harmony import */ var _github_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7834);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _adapters_execution_clock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7059);
/* harmony import */ var _adapters_execution_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5159);
/* harmony import */ var _surface_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7800);
/**
 * `self-heal dispatch` and the action's `operation: dispatch`: dispatch a workflow on a ref, optionally wait for
 * the run, and return the JSON object the CLI prints (`{runId, runUrl, conclusion, ...}`).
 */





/** Parses `--input KEY=VALUE` options into inputs; InvalidInputError for a malformed or repeated one. */
function parseInputOptions(values) {
    const inputs = {};
    for (const value of values) {
        const at = value.indexOf('=');
        const key = at > 0 ? value.slice(0, at).trim() : '';
        if (!key)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`--input '${value}' is not KEY=VALUE: e.g. --input command="npm test".`);
        if (key in inputs)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`--input ${key} is given twice: give each input once.`);
        inputs[key] = value.slice(at + 1);
    }
    if (Object.keys(inputs).length > 25) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC('GitHub accepts at most 25 inputs for a workflow dispatch.');
    }
    return inputs;
}
/** The CLI's exit code for a dispatch: 0 when the run succeeded (or was not waited for), 1 otherwise. */
function dispatchExitCode(output) {
    if (output.conclusion === null)
        return 0;
    return output.conclusion === 'success' ? 0 : 1;
}
/** Dispatches a workflow and, with `wait`, waits for its run and brings back what failed. */
async function dispatch(options) {
    const [owner, repo] = options.repository.split('/');
    let octokit = options.octokit;
    if (!octokit) {
        if (!options.token) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`No GitHub token: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_4__/* .howToSet */ .ac)('token')}.`);
        }
        octokit = (0,_github_client_js__WEBPACK_IMPORTED_MODULE_0__.createGitHubClient)({
            token: options.token,
            repository: options.repository,
            apiUrl: options.apiUrl
        }).octokit;
    }
    if (!owner || !repo) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Repository '${options.repository}' is not OWNER/NAME: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_4__/* .howToSet */ .ac)('repository')}.`);
    }
    const clock = options.clock ?? _adapters_execution_clock_js__WEBPACK_IMPORTED_MODULE_2__/* .realClock */ .d;
    const runs = new _adapters_execution_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .WorkflowRuns */ ._x({
        octokit,
        owner,
        repo,
        clock,
        poll: options.poll,
        log: options.log,
        onProgress: options.onProgress
    });
    const correlationInput = options.correlationInput ?? 'correlation-id';
    const userInputs = { ...options.inputs };
    const correlationId = userInputs[correlationInput] || (0,_adapters_execution_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .newCorrelationId */ .Cv)();
    const started = clock.now();
    let dispatched;
    let sentCorrelation = true;
    try {
        dispatched = await runs.dispatch({
            workflow: options.workflow,
            ref: options.ref,
            inputs: { ...userInputs, [correlationInput]: correlationId },
            correlationId
        });
    }
    catch (error) {
        // A workflow that does not declare the correlation input: dispatch without it (run ids must come back).
        const undeclared = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC &&
            error.message.includes('Unexpected inputs') &&
            error.message.includes(correlationInput) &&
            !(correlationInput in (options.inputs ?? {}));
        if (!undeclared)
            throw error;
        sentCorrelation = false;
        options.log?.(`Workflow ${options.workflow} has no '${correlationInput}' input: dispatching without it.`);
        dispatched = await runs.dispatch({
            workflow: options.workflow,
            ref: options.ref,
            inputs: userInputs,
            correlationId
        });
    }
    const base = {
        runId: dispatched.runId,
        workflow: options.workflow,
        ref: dispatched.ref,
        ...(sentCorrelation ? { correlationId } : {}),
        runIdFromResponse: dispatched.idFromResponse
    };
    if (!options.wait) {
        const run = dispatched.htmlUrl ? undefined : await runs.getRun(dispatched.runId);
        return {
            ...base,
            runUrl: dispatched.htmlUrl ?? run.html_url,
            conclusion: null,
            status: run?.status ?? 'queued'
        };
    }
    const timeoutSeconds = options.timeoutSeconds ?? 3600;
    try {
        const run = await runs.waitForCompletion({
            runId: dispatched.runId,
            branch: dispatched.branch,
            deadline: started + timeoutSeconds * 1000,
            url: dispatched.htmlUrl
        });
        if (!run) {
            let note = '';
            if (options.cancelOnTimeout !== false) {
                const outcome = await runs.cancel(dispatched.runId);
                if (outcome === 'already-completed') {
                    // It finished just as time ran out: report it rather than a timeout.
                    const finished = await runs.getRun(dispatched.runId);
                    if ((0,_adapters_execution_workflow_runs_js__WEBPACK_IMPORTED_MODULE_3__/* .isCompleted */ .Yw)(finished))
                        return await complete(runs, finished, base, correlationId, started, clock);
                }
                note = ' (the run was cancelled)';
            }
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ExecutionTimeoutError */ .wo(`Run ${dispatched.runId} of ${options.workflow}${note}`, timeoutSeconds);
        }
        return await complete(runs, run, base, correlationId, started, clock);
    }
    finally {
        if (dispatched.temporaryBranch)
            await runs.deleteBranch(dispatched.temporaryBranch);
    }
}
async function complete(runs, run, base, correlationId, started, clock) {
    const report = await runs.report(run, correlationId);
    const annotations = report.annotations
        .filter((a) => a.path !== '.github' && !/^Process completed with exit code/.test(a.message ?? ''))
        .map(a => ({
        path: a.path,
        line: a.start_line,
        level: a.annotation_level ?? 'failure',
        title: a.title ?? '',
        message: a.message ?? ''
    }));
    const started_at = Date.parse(run.run_started_at ?? run.created_at);
    const updated = Date.parse(run.updated_at);
    return {
        ...base,
        runUrl: run.html_url,
        conclusion: run.conclusion,
        status: run.status ?? 'completed',
        jobs: report.jobs.map(job => ({
            name: job.name,
            conclusion: job.conclusion,
            failedSteps: job.failedSteps
        })),
        failedTests: report.record?.failedTests ?? [],
        problems: report.record?.problems ?? [],
        annotations,
        logTail: report.logTail,
        durationMs: Number.isFinite(started_at) && Number.isFinite(updated)
            ? Math.max(0, updated - started_at)
            : Math.max(0, clock.now() - started)
    };
}
/** The action's `operation: dispatch` outputs (`run-id`, `run-url`, `conclusion`) from dispatch()'s result. */
function dispatchActionOutputs(output) {
    return { 'run-id': String(output.runId), 'run-url': output.runUrl, conclusion: output.conclusion ?? '' };
}


/***/ }),

/***/ 7834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient),
  isContentCreating: () => (/* binding */ isContentCreating),
  parseRepository: () => (/* binding */ parseRepository)
});

// EXTERNAL MODULE: ./src/actions-core.ts
var actions_core = __webpack_require__(1938);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(5555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var lib = __webpack_require__(2203);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/settings.ts
var src_settings = __webpack_require__(8750);
// EXTERNAL MODULE: ./src/github/errors.ts
var github_errors = __webpack_require__(3116);
// EXTERNAL MODULE: ./src/surface.ts
var surface = __webpack_require__(7800);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/github/write-pacer.ts
/**
 * Pacing of content-creating requests at GitHub's documented secondary limits: at most 80 a minute and 500 an
 * hour (sliding windows), one at a time. Reads never wait here: they are not content-creating, and queueing them
 * behind writes made a commit of 1,000 files spend its time waiting on its own reads.
 */

/** GitHub's documented limits on content-creating requests (REST and GraphQL alike). */
const GITHUB_WRITE_LIMITS = [
    { requests: 80, windowMs: 60_000 },
    { requests: 500, windowMs: 3_600_000 }
];
/** Runs writes one at a time, each when the limits allow one more. */
class WritePacer {
    limits;
    minIntervalMs;
    now;
    keepMs;
    /** Start times of the writes within the longest window, oldest first. */
    starts = [];
    tail = Promise.resolve();
    constructor(options = {}) {
        this.limits = options.limits ?? GITHUB_WRITE_LIMITS;
        this.minIntervalMs = options.minIntervalMs ?? 0;
        this.now = options.now ?? Date.now;
        this.keepMs = Math.max(this.minIntervalMs, ...this.limits.map(l => l.windowMs));
    }
    /** Runs `write` after the writes before it have finished and when the limits allow. */
    run(write) {
        const result = this.tail.then(async () => {
            for (let wait = this.delay(); wait > 0; wait = this.delay())
                await (0,promises_.setTimeout)(wait);
            this.starts.push(this.now());
            return write();
        });
        this.tail = result.catch(() => undefined);
        return result;
    }
    /** How long until one more write is allowed, in ms (0: now). */
    delay() {
        const now = this.now();
        while (this.starts.length && this.starts[0] <= now - this.keepMs)
            this.starts.shift();
        const count = this.starts.length;
        let until = count && this.minIntervalMs ? this.starts[count - 1] + this.minIntervalMs : 0;
        for (const { requests, windowMs } of this.limits) {
            // The write `requests` back must have left the window.
            if (count >= requests)
                until = Math.max(until, this.starts[count - requests] + windowMs);
        }
        return Math.max(0, until - now);
    }
}

;// CONCATENATED MODULE: ./src/github/client.ts
/**
 * The GitHub client: Octokit from `@actions/github` with the throttling and retry plugins, base URLs from explicit
 * settings or GITHUB_API_URL / GITHUB_GRAPHQL_URL (GitHub Enterprise Server and the emulator), a per-request
 * timeout, and a token that is masked and never logged.
 */











const DEFAULT_API_URL = 'https://api.github.com';
const REPOSITORY_PATTERN = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
/** Splits and validates `OWNER/NAME`; ConfigurationError naming the setting otherwise. */
function parseRepository(repository) {
    const match = REPOSITORY_PATTERN.exec(repository?.trim() ?? '');
    if (!match || match[2] === '.' || match[2] === '..') {
        throw new errors/* ConfigurationError */.j1(`Repository '${repository}' is not of the form OWNER/NAME: ${(0,surface/* howToSet */.ac)('repository')}.`);
    }
    return { owner: match[1], repo: match[2] };
}
function defaultLog() {
    // Inside Actions, workflow commands reach the log; outside, they would pollute stdout (and `--json`).
    if (process.env.GITHUB_ACTIONS === 'true')
        return { warning: m => actions_core/* warning */.$e(m), debug: m => actions_core/* debug */.Yz(m) };
    return { warning: m => process.stderr.write(`warning: ${m}\n`), debug: () => undefined };
}
/** A log that hides URL credentials in every line it passes on. */
function redacting(log) {
    return { warning: m => log.warning((0,errors/* redactUrls */.sK)(m)), debug: m => log.debug((0,errors/* redactUrls */.sK)(m)) };
}
/** Wraps fetch so that each attempt is aborted after `timeoutMs` (combined with any caller's signal). */
function fetchWithTimeout(base, timeoutMs) {
    return async (input, init) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        try {
            return await base(input, { ...init, signal });
        }
        catch (error) {
            if (timeout.aborted && !init?.signal?.aborted) {
                // Not an AbortError, so Octokit turns it into a RequestError the retry plugin retries.
                throw new Error(`request timed out after ${timeoutMs} ms`, { cause: error });
            }
            throw error;
        }
    };
}
/**
 * Whether a request creates content, as GitHub counts against its secondary limits: every REST method but GET and
 * HEAD, and a GraphQL document unless it is a query.
 */
function isContentCreating(options, apiUrl) {
    const method = (options.method ?? 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD')
        return false;
    if (typeof options.query !== 'string' || !/\/graphql$/.test(new URL(options.url ?? '', apiUrl).pathname))
        return true;
    // The first token of the document, past comments: `query` or a bare `{` is a read; anything else is paced.
    const first = /^(?:\s|#[^\n]*)*(\{|[A-Za-z]+)/.exec(options.query)?.[1];
    return first !== 'query' && first !== '{';
}
/**
 * Creates the client. The token is registered as a secret (inside Actions) before anything else happens; it is
 * sent only in the Authorization header and never appears in logs or errors.
 */
function createGitHubClient(settings) {
    const token = settings.token?.trim();
    if (!token) {
        throw new errors/* ConfigurationError */.j1(`No GitHub token: ${(0,surface/* howToSet */.ac)('token')}.`);
    }
    if (process.env.GITHUB_ACTIONS === 'true')
        actions_core/* setSecret */.Pq(token);
    const { owner, repo } = parseRepository(settings.repository);
    const apiUrl = (0,src_settings/* readUrl */.wo)(settings.apiUrl || process.env.GITHUB_API_URL || DEFAULT_API_URL, 'API URL');
    const graphqlUrl = (0,src_settings/* readUrl */.wo)(settings.graphqlUrl || process.env.GITHUB_GRAPHQL_URL || (0,src_settings/* graphqlUrlFor */.UM)(apiUrl), 'GraphQL URL');
    const log = redacting(settings.log ?? defaultLog());
    const timeoutMs = settings.timeoutMs ?? 30_000;
    const maxWait = settings.maxRateLimitWaitSeconds ?? 60;
    const retries = settings.retries ?? 3;
    const retryBaseMs = settings.retryBaseMs ?? 1000;
    const pacer = new WritePacer({ minIntervalMs: settings.minWriteIntervalMs, limits: settings.writeLimits });
    const repository = `${owner}/${repo}`;
    // @actions/github's fetch goes through the runner's proxy for GITHUB_API_URL; another host uses plain fetch.
    const actionsFetch = utils/* defaults */.NT.request?.fetch;
    const sameHostAsDefault = new URL(apiUrl).host === new URL(process.env.GITHUB_API_URL || DEFAULT_API_URL).host;
    const baseFetch = sameHostAsDefault && actionsFetch ? actionsFetch : (i, o) => globalThis.fetch(i, o);
    const octokit = (0,github/* getOctokit */.Q)(token, {
        baseUrl: apiUrl,
        userAgent: settings.userAgent ?? 'self-heal',
        request: { fetch: fetchWithTimeout(baseFetch, timeoutMs) },
        log: {
            debug: (m) => log.debug(m),
            info: (m) => log.debug(m),
            warn: (m) => log.warning(m),
            error: (m) => log.warning(m)
        },
        retry: {
            retries,
            retryAfterBaseValue: retryBaseMs,
            // 409 (stale sha) and 422 need fresh input, not the same request again; auth errors never heal by waiting;
            // a 429 is retried by the throttling plugin, which waits what retry-after asks (or fails past the bound).
            doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451]
        },
        throttle: {
            id: `self-heal-${repository}`,
            // The plugin would space writes 1 s apart and queue every GraphQL request with them, queries (reads)
            // included: writes are paced by the hook below instead, at GitHub's documented limits.
            write: new (lib_default()).Group({ maxConcurrent: null, minTime: 0 }),
            retryAfterBaseValue: retryBaseMs,
            fallbackSecondaryRateRetryAfter: 60,
            onSecondaryRateLimit: (retryAfter, options, _o, count) => {
                // Past the bound the hook below fails at once, saying when to run again: no silent hour-long wait.
                if (count >= retries || retryAfter > maxWait)
                    return false;
                log.warning(`GitHub secondary rate limit on ${options.method} ${options.url}: waiting ${retryAfter} s (retry-after) ` +
                    `and retrying (${count + 1}/${retries}).`);
                return true;
            },
            onRateLimit: (retryAfter, options, _o, count) => {
                if (count >= 1 || retryAfter > maxWait)
                    return false;
                log.warning(`GitHub rate limit exhausted on ${options.method} ${options.url}: waiting ${retryAfter} s for the reset.`);
                return true;
            }
        }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    // Outermost hook: the plugins have given up by now, so a limit that asks for a longer wait than the bound (an
    // exhausted primary limit, a secondary one's retry-after) becomes RateLimitError.
    octokit.hook.wrap('request', async (request, options) => {
        try {
            const send = async () => request(options);
            return await (isContentCreating(options, apiUrl) ? pacer.run(send) : send());
        }
        catch (error) {
            if ((0,github_errors/* isRequestError */.eK)(error) && (error.status === 403 || error.status === 429)) {
                const reset = (0,github_errors/* rateLimitReset */.xm)(error);
                if (reset)
                    throw new github_errors/* RateLimitError */.OE(reset, maxWait, { cause: error });
                const after = (0,github_errors/* retryAfterSeconds */.C3)(error);
                if (after !== undefined && after > maxWait) {
                    throw new github_errors/* RateLimitError */.OE(new Date(Date.now() + after * 1000), maxWait, {
                        cause: error,
                        secondary: true
                    });
                }
            }
            throw error;
        }
    });
    return {
        octokit,
        owner,
        repo,
        repository,
        apiUrl,
        graphqlUrl,
        graphql: async (query, variables = {}) => {
            // A plain request (not octokit.graphql) so that no variable name is taken as a request option.
            const response = await octokit.request({ method: 'POST', url: graphqlUrl, query, variables });
            const body = response.data;
            if (body.errors?.length)
                throw new github_errors/* GraphQLRequestError */.n0(body.errors, response.status);
            return body.data;
        },
        mapError: (error, purpose) => (0,github_errors/* mapGitHubError */.ym)(error, { ...purpose, repository })
    };
}


/***/ })

};
