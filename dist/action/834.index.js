export const id = 834;
export const ids = [834];
export const modules = {

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
