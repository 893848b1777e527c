import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1938:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Vt: () => (/* binding */ getBooleanInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   q3: () => (/* binding */ getMultilineInput),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z: () => (/* binding */ summary),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_module__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The part of @actions/core the action uses: inputs, outputs, state, log commands and the job summary, written
 * as @actions/core writes them (a test compares the two). @actions/core itself imports an HTTP client (undici)
 * for OIDC tokens at load time, which costs more than the rest of a start of the action.
 *
 * One difference: an output or state value of one line is written `name=value`, the runner's short form, and
 * only a value of several lines gets @actions/core's `name<<delimiter` block with a random delimiter, so most
 * starts never load node:crypto (a few milliseconds, a tenth of a bare Node start).
 */



/** Reads the action input `name`. */
function getInput(name, options) {
    const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options?.required && !value)
        throw new Error(`Input required and not supplied: ${name}`);
    return options?.trimWhitespace === false ? value : value.trim();
}
/** Reads a multiline input: its non-empty lines. */
function getMultilineInput(name, options) {
    const lines = getInput(name, options)
        .split('\n')
        .filter(line => line !== '');
    return options?.trimWhitespace === false ? lines : lines.map(line => line.trim());
}
/** Reads a boolean input (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE). */
function getBooleanInput(name, options) {
    const value = getInput(name, options);
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        'Support boolean input list: `true | True | TRUE | false | False | FALSE`');
}
/** Sets the step output `name`. */
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT)
        return fileCommand('OUTPUT', keyValue(name, value));
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
    issue('set-output', { name }, commandValue(value));
}
/** Saves state for the post step, which reads it with getState. */
function saveState(name, value) {
    if (process.env.GITHUB_STATE)
        return fileCommand('STATE', keyValue(name, value));
    issue('save-state', { name }, commandValue(value));
}
/** Reads state the main step saved. */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
/** Masks a value in the log. */
function setSecret(secret) {
    issue('add-mask', {}, secret);
}
/** Writes a line to the log. */
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
/** Writes a debug message (shown when step debugging is on). */
function debug(message) {
    issue('debug', {}, message);
}
/** Writes a warning annotation. */
function warning(message, properties = {}) {
    issue('warning', annotation(properties), message instanceof Error ? message.toString() : message);
}
/** Writes a notice annotation. */
function notice(message, properties = {}) {
    issue('notice', annotation(properties), message instanceof Error ? message.toString() : message);
}
/** Writes an error annotation. */
function error(message, properties = {}) {
    issue('error', annotation(properties), message instanceof Error ? message.toString() : message);
}
/** Fails the step with an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Runs `fn` inside a collapsible group of the log. */
async function group(name, fn) {
    issue('group', {}, name);
    try {
        return await fn();
    }
    finally {
        issue('endgroup', {}, '');
    }
}
/** The job summary: HTML appended to the file GITHUB_STEP_SUMMARY names. */
class Summary {
    buffer = '';
    addRaw(text, addEOL = false) {
        this.buffer += text;
        return addEOL ? this.addRaw(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL) : this;
    }
    addHeading(text, level) {
        const tag = level >= 1 && level <= 6 && Number.isInteger(level) ? `h${level}` : 'h1';
        return this.addRaw(wrap(tag, text), true);
    }
    addTable(rows) {
        const body = rows
            .map(row => {
            const cells = row.map(cell => {
                if (typeof cell === 'string')
                    return wrap('td', cell);
                const { header, data, colspan, rowspan } = cell;
                return wrap(header ? 'th' : 'td', data, {
                    ...(colspan && { colspan }),
                    ...(rowspan && { rowspan })
                });
            });
            return wrap('tr', cells.join(''));
        })
            .join('');
        return this.addRaw(wrap('table', body), true);
    }
    addList(items, ordered = false) {
        return this.addRaw(wrap(ordered ? 'ol' : 'ul', items.map(item => wrap('li', item)).join('')), true);
    }
    addDetails(label, content) {
        return this.addRaw(wrap('details', wrap('summary', label) + content), true);
    }
    addLink(text, href) {
        return this.addRaw(wrap('a', text, { href }), true);
    }
    /**
     * Appends what was added to the summary file and empties the buffer. Synchronously, as the outputs are written:
     * one small append, quicker than the thread pool's trips.
     */
    async write() {
        const path = process.env.GITHUB_STEP_SUMMARY;
        if (!path) {
            throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
        }
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
        }
        catch {
            throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
        }
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(path, this.buffer, { encoding: 'utf8' });
        this.buffer = '';
        return this;
    }
}
/** The job summary. */
const summary = new Summary();
function wrap(tag, content, attrs = {}) {
    const html = Object.entries(attrs)
        .map(([key, value]) => ` ${key}="${value}"`)
        .join('');
    return content ? `<${tag}${html}>${content}</${tag}>` : `<${tag}${html}>`;
}
function commandValue(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string' || value instanceof String)
        return String(value);
    return JSON.stringify(value);
}
function annotation(p) {
    if (!Object.keys(p).length)
        return {};
    return {
        title: p.title,
        file: p.file,
        line: p.startLine,
        endLine: p.endLine,
        col: p.startColumn,
        endColumn: p.endColumn
    };
}
/** Writes a workflow command (`::name key=value,...::message`) to stdout. */
function issue(command, properties, message) {
    let text = `::${command}`;
    const set = Object.entries(properties).filter(([, value]) => value);
    if (Object.keys(properties).length) {
        text += ` ${set.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',')}`;
    }
    process.stdout.write(`${text}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
function escapeData(value) {
    return commandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function fileCommand(command, message) {
    const path = process.env[`GITHUB_${command}`];
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
        throw new Error(`Missing file at path: ${path}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(path, `${message}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, { encoding: 'utf8' });
}
function keyValue(key, value) {
    const converted = commandValue(value);
    // The runner reads a line `name=value` up to its end: a value without line breaks cannot end it early.
    if (!/[\r\n]/.test(converted))
        return `${key}=${converted}`;
    const { randomUUID } = (0,node_module__WEBPACK_IMPORTED_MODULE_1__.createRequire)(import.meta.url)('node:crypto');
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (key.includes(delimiter))
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    if (converted.includes(delimiter))
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    return `${key}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${converted}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}`;
}


/***/ }),

/***/ 6942:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ flushPendingState),
/* harmony export */   a: () => (/* binding */ AdapterFactory)
/* harmony export */ });
/* harmony import */ var _environment_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2678);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _surface_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7800);
/**
 * AdapterFactory: builds the four adapters for an environment from explicit settings, per DESIGN.md's table.
 * Each port is built lazily on first use (a `check` needs no git repository) and once; close() releases them.
 * A missing setting is a ConfigurationError naming the input or variable to set.
 *
 * |           | storage          | git                                    | cache                   | execution          |
 * |-----------|------------------|----------------------------------------|-------------------------|--------------------|
 * | local     | local files      | git CLI (+ API pull requests)          | SQLite                  | local processes    |
 * | ci        | local files      | GitHub API, base files from checkout   | Actions cache           | local processes    |
 * | cloud     | Contents/Trees   | GitHub API                             | Actions cache or SQLite | workflow_dispatch  |
 */



const tokenHint = () => `a GitHub token: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_2__/* .howToSet */ .ac)('token')}`;
const repositoryHint = () => `the repository: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_2__/* .howToSet */ .ac)('repository')}`;
/** Builds the adapters of one environment. */
class AdapterFactory {
    environment;
    settings;
    logger;
    options;
    made = new Map();
    repository;
    root;
    github;
    constructor(
    /** The environment to build for. */
    environment, 
    /** The settings, read once. */
    settings, 
    /** Where adapters log. */
    logger, 
    /** Optional behaviour. */
    options = {}) {
        this.environment = environment;
        this.settings = settings;
        this.logger = logger;
        this.options = options;
    }
    /** Says which implementation each port gets and what is missing, without building anything or failing. */
    async describe() {
        const repository = await this.resolveRepository();
        const needs = await this.missingForGitHub();
        // Locally only pull requests need GitHub; elsewhere commits (and cloud storage and execution) do.
        const missing = this.environment === 'local' ? needs.map(hint => `for pull requests, ${hint}`) : needs;
        const { chooseCache } = await __nccwpck_require__.e(/* import() */ 372).then(__nccwpck_require__.bind(__nccwpck_require__, 9372));
        const cache = chooseCache(this.cacheSettings());
        return {
            adapters: this.kinds(cache.kind),
            missing,
            ...(repository ? { repository } : {}),
            ...(cache.path ? { cachePath: cache.path } : {})
        };
    }
    /** What is missing to reach the GitHub API (empty when a token and the repository are known). */
    async missingForGitHub() {
        const repository = await this.resolveRepository();
        return [...(this.settings.token ? [] : [tokenHint()]), ...(repository ? [] : [repositoryHint()])];
    }
    /** The Storage adapter. */
    storage() {
        return this.once('storage', async () => {
            if (this.environment === 'cloud') {
                const { GitHubStorageAdapter } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(61), __nccwpck_require__.e(463)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5463));
                return new GitHubStorageAdapter(await this.client());
            }
            const { LocalStorageAdapter } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(629)]).then(__nccwpck_require__.bind(__nccwpck_require__, 629));
            return LocalStorageAdapter.create(await this.repositoryRoot());
        });
    }
    /**
     * The repository's files at a commit (read-only) or on a branch, over the API: what CLOUD heal polices a fix
     * against. Each call is a new adapter over the one client.
     */
    async storageAt(at) {
        const { GitHubStorageAdapter } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(61), __nccwpck_require__.e(463)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5463));
        return new GitHubStorageAdapter(await this.client(), at);
    }
    /** The Git adapter. */
    git() {
        return this.once('git', async () => {
            switch (this.environment) {
                case 'local': {
                    // Pull requests go through the API when a token and a GitHub repository are known.
                    const missing = await this.missingForGitHub();
                    const { createLocalGitAdapter } = await Promise.all(/* import() */[__nccwpck_require__.e(908), __nccwpck_require__.e(524)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2524));
                    return createLocalGitAdapter({
                        cwd: this.settings.cwd,
                        log: message => this.logger.info(message),
                        pullRequests: missing.length ? undefined : await this.gitHubAPI(this.warn()),
                        pullRequestsUnavailable: missing.length
                            ? `Opening a pull request needs ${missing.join(' and ')}.`
                            : undefined
                    });
                }
                case 'ci':
                    // Commits go through the API (signed by GitHub); the base files are read from the checkout.
                    return this.gitHubAPI({ localRepository: await this.repositoryRoot(), ...this.warn() });
                case 'cloud':
                    return this.gitHubAPI(this.warn());
            }
        });
    }
    /** The Cache adapter. */
    cache() {
        return this.once('cache', async () => {
            const { createCache } = await __nccwpck_require__.e(/* import() */ 372).then(__nccwpck_require__.bind(__nccwpck_require__, 9372));
            return createCache(this.cacheSettings());
        });
    }
    /** The Execution adapter. */
    execution() {
        return this.once('execution', async () => {
            if (this.environment !== 'cloud') {
                const { LocalExecutionAdapter } = await __nccwpck_require__.e(/* import() */ 729).then(__nccwpck_require__.bind(__nccwpck_require__, 6729));
                return new LocalExecutionAdapter({
                    root: await this.repositoryRoot(),
                    onOutput: this.options.onOutput,
                    echo: this.options.echo,
                    passEnv: this.options.passEnv,
                    // The token self-heal acts with never reaches a check or a fixer, under any name.
                    secrets: this.settings.token ? [this.settings.token] : [],
                    warn: message => this.logger.warning(message)
                });
            }
            return this.runnerExecution();
        });
    }
    /**
     * Runs on GitHub Actions, through the runner workflow: CLOUD's execution, and where `verify: remote` checks a
     * fix's branch in the other environments. Needs a token and the repository.
     */
    async runnerExecution() {
        const client = await this.client();
        const { GitHubActionsExecutionAdapter } = await Promise.all(/* import() */[__nccwpck_require__.e(82), __nccwpck_require__.e(159), __nccwpck_require__.e(351)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3732));
        return new GitHubActionsExecutionAdapter({
            octokit: client.octokit,
            owner: client.owner,
            repo: client.repo,
            log: message => this.logger.info(message),
            onProgress: this.options.onRunProgress
        });
    }
    /** Releases what was built (flushes the cache). Safe to call more than once. */
    async close() {
        const cache = this.made.get('cache');
        this.made.clear();
        if (cache) {
            const adapter = (await cache.catch(() => undefined));
            await adapter?.close();
        }
    }
    /** One GitHub client for every adapter that needs the API; a missing token or repository is explained. */
    client() {
        this.github ??= this.resolveRepository().then(async (repository) => {
            if (!this.settings.token)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`The ${this.environment} environment needs ${tokenHint()}.`);
            if (!repository)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`The ${this.environment} environment needs ${repositoryHint()}.`);
            const { createGitHubClient } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(874), __nccwpck_require__.e(834)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7834));
            return createGitHubClient({
                token: this.settings.token,
                repository,
                apiUrl: this.settings.apiUrl,
                graphqlUrl: this.settings.graphqlUrl,
                log: {
                    warning: message => this.logger.warning(message),
                    debug: message => this.logger.debug(message)
                }
            });
        });
        return this.github;
    }
    async gitHubAPI(options) {
        const { GitHubAPIAdapter } = await Promise.all(/* import() */[__nccwpck_require__.e(908), __nccwpck_require__.e(61), __nccwpck_require__.e(410)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8410));
        return new GitHubAPIAdapter(await this.client(), options);
    }
    warn() {
        return { warn: message => this.logger.warning(message) };
    }
    cacheSettings() {
        return {
            environment: this.environment,
            env: this.options.env ?? process.env,
            sqlitePath: this.settings.cachePath,
            saveOn: this.options.saveCacheOn ?? 'post-step',
            logger: this.logger
        };
    }
    kinds(cache) {
        switch (this.environment) {
            case 'local':
                return { storage: 'local-files', git: 'git-cli', cache, execution: 'local-process' };
            case 'ci':
                return { storage: 'local-files', git: 'github-api', cache, execution: 'local-process' };
            case 'cloud':
                return { storage: 'github-contents', git: 'github-api', cache, execution: 'workflow-dispatch' };
        }
    }
    once(port, make) {
        let made = this.made.get(port);
        if (!made) {
            made = make();
            this.made.set(port, made);
        }
        return made;
    }
    resolveRepository() {
        this.repository ??= this.settings.repository
            ? Promise.resolve(this.settings.repository)
            : this.environment === 'cloud'
                ? Promise.resolve(undefined)
                : __nccwpck_require__.e(/* import() */ 668).then(__nccwpck_require__.bind(__nccwpck_require__, 668))
                    .then(git => git.detectGitHubRepository(this.settings.cwd, git.DEFAULT_REMOTE, this.settings.serverUrl))
                    .catch(() => undefined);
        return this.repository;
    }
    /** The work tree's root when cwd is inside one (paths in results are relative to it), else cwd itself. */
    async repositoryRoot() {
        // The nearest `.git` is where git finds the work tree too, without starting a process (a few milliseconds of
        // every check); only variables that change where git looks need git's own answer.
        const redirected = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES'].some(name => process.env[name]);
        this.root ??= redirected
            ? __nccwpck_require__.e(/* import() */ 148).then(__nccwpck_require__.bind(__nccwpck_require__, 6148))
                .then(git => git.gitText(['rev-parse', '--show-toplevel'], { cwd: this.settings.cwd }))
                .catch(() => this.settings.cwd)
            : Promise.resolve((0,_environment_js__WEBPACK_IMPORTED_MODULE_0__/* .findWorkTree */ .vE)(this.settings.cwd) ?? this.settings.cwd);
        return this.root;
    }
}
/** The post step's work: saves the Actions cache snapshot the main step left (never throws). */
async function flushPendingState(env, logger) {
    const { saveSnapshotInPost } = await __nccwpck_require__.e(/* import() */ 372).then(__nccwpck_require__.bind(__nccwpck_require__, 9372));
    await saveSnapshotInPost({ env, logger });
}


/***/ }),

/***/ 513:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LK: () => (/* binding */ scrubEnv),
/* harmony export */   ue: () => (/* binding */ parsePassEnv)
/* harmony export */ });
/* unused harmony export WITHHELD_VARIABLES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/**
 * The environment a check or a fixer starts with: this process's, minus what would let an untrusted command act
 * with self-heal's credentials or the runner's — tokens, the Actions runtime services, and every action input
 * (`INPUT_*`, where the runner puts the `token` input among others).
 */

/**
 * Variables withheld unless pass-env names them: GitHub tokens, self-heal's own token, the action's inputs, the
 * runner's service credentials and URLs (cache, artifacts, OIDC), and the files through which a step sets its
 * outputs, its state and later steps' environment and PATH (the file twins of inert workflow commands).
 */
const WITHHELD_VARIABLES = [
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'GH_ENTERPRISE_TOKEN',
    'GITHUB_ENTERPRISE_TOKEN',
    'SELF_HEAL_TOKEN',
    'INPUT_*',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_RUNTIME_URL',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_CACHE_URL',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'GITHUB_OUTPUT',
    'GITHUB_STATE',
    'GITHUB_ENV',
    'GITHUB_PATH'
];
/** Secrets shorter than this only match a whole value: a short one would match inside unrelated values. */
const MIN_EMBEDDED_SECRET = 8;
/** Removes credentials from an environment (WITHHELD_VARIABLES, ScrubOptions); names match in any case. */
function scrubEnv(env, options = {}) {
    const withheldNames = globs(WITHHELD_VARIABLES);
    const passed = globs(options.passEnv ?? []);
    const secrets = (options.secrets ?? []).map(secret => secret.trim()).filter(Boolean);
    const result = {};
    const withheld = [];
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        const isPassed = passed.test(name);
        if (!isPassed && withheldNames.test(name))
            continue;
        if (secrets.some(secret => holds(value, secret))) {
            if (isPassed)
                withheld.push(name);
            continue;
        }
        result[name] = value;
    }
    return { env: result, withheld };
}
/**
 * Reads pass-env names: the CLI's repeatable `--pass-env NAME` and the action input `pass-env` (one a line, or
 * separated by commas) both land here. A name is letters, digits, `_`, and `*` for any run of characters.
 */
function parsePassEnv(values, what = 'pass-env') {
    const names = (typeof values === 'string' ? [values] : values)
        .flatMap(value => value.split(/[\n,]/))
        .map(name => name.trim())
        .filter(Boolean);
    for (const name of names) {
        if (!/^[A-Za-z0-9_*]+$/.test(name)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`${what}: '${name}' is not a variable name: give names such as NPM_TOKEN or globs such as NPM_*, ` +
                'one a line or separated by commas.');
        }
    }
    return names;
}
function holds(value, secret) {
    return secret.length >= MIN_EMBEDDED_SECRET ? value.includes(secret) : value.trim() === secret;
}
/** One case-insensitive pattern for a list of names and `*` globs (which are letters, digits, `_` and `*`). */
function globs(names) {
    if (names.length === 0)
        return /(?!)/;
    const alternatives = names.map(name => name.replace(/[^A-Za-z0-9_*]/g, '\\$&').replace(/\*/g, '.*'));
    return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
}


/***/ }),

/***/ 2749:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ hasPassed)
/* harmony export */ });
/**
 * Whether a check passed: its exit code is 0 and no timeout ended it. The exit code is the tool's own verdict:
 * failed tests, lint problems and diagnostics read from reports, output or annotations are detail (for the
 * fingerprint and the fixers), never the verdict — a lint run that exits 0 with warnings passes, and a test run
 * that exits non-zero fails even when no failed test can be named.
 */
function hasPassed(result) {
    return result.exitCode === 0 && !result.timedOut;
}


/***/ }),

/***/ 9493:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LW: () => (/* binding */ formatCheckRecord),
/* harmony export */   Ln: () => (/* binding */ parseCheckInputs),
/* harmony export */   b2: () => (/* binding */ runCheckRequest),
/* harmony export */   f1: () => (/* binding */ parseCheckRecord),
/* harmony export */   pc: () => (/* binding */ toCheckRecord)
/* harmony export */ });
/* unused harmony exports RECORD_MARKER, isCorrelationId, capOutput, recordSucceeded */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9238);


/** The prefix of every record line. */
const RECORD_MARKER = 'self-heal-result/v1';
const CHUNK = 8 * 1024;
const OUTPUT_CAP = 48 * 1024;
const MAX_TESTS = 100;
const MAX_PROBLEMS = 200;
const MAX_MESSAGE = 2000;
const CORRELATION_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
/** Whether a string can serve as a correlation id (it appears in run names and log lines). */
function isCorrelationId(value) {
    return CORRELATION_PATTERN.test(value);
}
/** Caps text at `cap` characters, keeping the head and the tail with a note of what was dropped. */
function capOutput(text, cap = OUTPUT_CAP) {
    if (text.length <= cap)
        return text;
    const half = Math.floor(cap / 2);
    return `${text.slice(0, half)}\n… [${text.length - 2 * half} characters omitted] …\n${text.slice(-half)}`;
}
/** Builds the record of a check from its result, capping output and lists so the log stays readable. */
function toCheckRecord(correlationId, kind, result) {
    const record = {
        version: 1,
        correlationId,
        kind,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        durationMs: Math.round(result.durationMs),
        stdout: capOutput(result.stdout),
        stderr: capOutput(result.stderr)
    };
    if ('passed' in result)
        record.passed = result.passed;
    if ('failedTests' in result) {
        record.source = result.source;
        record.failedTests = result.failedTests.slice(0, MAX_TESTS).map(test => ({
            ...test,
            message: test.message.slice(0, MAX_MESSAGE)
        }));
        if (result.counts)
            record.counts = result.counts;
    }
    if ('problems' in result) {
        if ('source' in result)
            record.source = result.source;
        record.problems = result.problems.slice(0, MAX_PROBLEMS).map(problem => ({
            ...problem,
            message: problem.message.slice(0, MAX_MESSAGE)
        }));
    }
    return record;
}
/** The log lines that carry a record. */
function formatCheckRecord(record) {
    if (!isCorrelationId(record.correlationId)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Correlation id '${record.correlationId}' is not valid: use 1-100 letters, digits, '.', '_' or '-'.`);
    }
    // U+2028/2029 are valid in JSON but break lines in some log viewers.
    const json = JSON.stringify(record)
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
    const count = Math.max(1, Math.ceil(json.length / CHUNK));
    const lines = [];
    for (let i = 0; i < count; i++) {
        lines.push(`${RECORD_MARKER} ${record.correlationId} ${i + 1}/${count} ${json.slice(i * CHUNK, (i + 1) * CHUNK)}|`);
    }
    return lines;
}
const LINE = /self-heal-result\/v1 ([A-Za-z0-9._-]+) (\d+)\/(\d+) (.*)\|\s*$/;
/**
 * Finds the record of `correlationId` in a job log (lines may carry the runner's timestamps). When the log holds
 * several complete records for it, the last one wins (the action prints its record after the command ended).
 * Returns undefined when there is none or it is incomplete.
 */
function parseCheckRecord(log, correlationId) {
    let found;
    let parts = [];
    let expected = 0;
    for (const line of log.split(/\r?\n/)) {
        const match = LINE.exec(line);
        if (!match || match[1] !== correlationId)
            continue;
        const index = Number(match[2]);
        const count = Number(match[3]);
        if (index === 1) {
            parts = [];
            expected = count;
        }
        if (count !== expected || index !== parts.length + 1)
            continue;
        parts.push(match[4]);
        if (parts.length === expected) {
            try {
                const value = JSON.parse(parts.join(''));
                if (value && value.version === 1 && value.correlationId === correlationId)
                    found = value;
            }
            catch {
                // A damaged record is no record; the caller falls back to the log and annotations.
            }
            parts = [];
        }
    }
    return found;
}
/** Validates the runner workflow's inputs; InvalidInputError naming the input otherwise. */
function parseCheckInputs(inputs) {
    const blank = (value) => value === undefined || value.trim() === '';
    if (blank(inputs.command) === blank(inputs.argv)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC("Give exactly one of the inputs 'command' (a shell command) and 'argv' (a JSON array).");
    }
    let command;
    if (!blank(inputs.argv)) {
        const argv = parseJson(inputs.argv, 'argv');
        if (!Array.isArray(argv) || argv.length === 0 || !argv.every(part => typeof part === 'string')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Input 'argv' must be a non-empty JSON array of strings, got: ${inputs.argv}`);
        }
        command = argv;
    }
    else {
        command = inputs.command;
    }
    const kind = (0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCheckKind */ .SP)(inputs.kind?.trim() || 'command', "input 'kind'");
    const correlationId = inputs.correlationId?.trim() || undefined;
    if (correlationId !== undefined && !isCorrelationId(correlationId)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Input 'correlation-id' is '${correlationId}': use 1-100 letters, digits, '.', '_' or '-'.`);
    }
    const options = {};
    if (!blank(inputs.workingDirectory))
        options.cwd = inputs.workingDirectory.trim();
    if (!blank(inputs.reportPath))
        options.reportPath = inputs.reportPath.trim();
    if (!blank(inputs.env)) {
        const env = parseJson(inputs.env, 'env');
        if (!env ||
            typeof env !== 'object' ||
            Array.isArray(env) ||
            !Object.values(env).every(v => typeof v === 'string')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC("Input 'env' must be a JSON object whose values are strings.");
        }
        options.env = env;
    }
    if (!blank(inputs.timeoutSeconds)) {
        const seconds = Number(inputs.timeoutSeconds);
        if (!(seconds > 0)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Input 'timeout' is '${inputs.timeoutSeconds}': use a positive number.`);
        }
        options.timeoutSeconds = seconds;
    }
    return { command, kind, correlationId, options };
}
/** Whether the record is a success (exit 0, not timed out, and passed when the kind has a verdict). */
function recordSucceeded(record) {
    return record.exitCode === 0 && !record.timedOut && record.passed !== false;
}
/** Runs a validated check request through an ExecutionAdapter and returns the adapter's result. */
function runCheckRequest(adapter, request) {
    return (0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .runCheckResult */ .L2)(adapter, request.kind, request.command, request.options);
}
function parseJson(text, input) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Input '${input}' is not valid JSON: ${error.message}`, {
            cause: error
        });
    }
}


/***/ }),

/***/ 9238:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ CHECK_KINDS),
/* harmony export */   L2: () => (/* binding */ runCheckResult),
/* harmony export */   SP: () => (/* binding */ parseCheckKind),
/* harmony export */   rR: () => (/* binding */ toCheckOutput),
/* harmony export */   xh: () => (/* binding */ checkPassed)
/* harmony export */ });
/* unused harmony exports runCheck, tail */
/* harmony import */ var _adapters_verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2749);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);


/** The kinds of check: `runTests`, `runBuild`, `runLint` and `runCommand`. */
const CHECK_KINDS = ['test', 'build', 'lint', 'command'];
/** Parses a kind name; an unknown one is an InvalidInputError listing the valid ones. */
function parseCheckKind(value, what = 'check kind') {
    const kind = value.trim().toLowerCase();
    if (CHECK_KINDS.includes(kind))
        return kind;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Unknown ${what} '${value}': use one of ${CHECK_KINDS.join(', ')}.`);
}
/** Runs a check through the adapter method of its kind and returns the adapter's result. */
async function runCheckResult(execution, kind, command, options = {}) {
    if (typeof command === 'string' ? !command.trim() : command.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC('The check command is empty: give the command to run, e.g. --test "npm test".');
    }
    switch (kind) {
        case 'test':
            return execution.runTests(command, options);
        case 'build':
            return execution.runBuild(command, options);
        case 'lint':
            return execution.runLint(command, options);
        case 'command':
            return execution.runCommand(command, options);
    }
}
/** Whether a check passed: the adapter's verdict (`hasPassed`, for every adapter and kind). */
function checkPassed(result) {
    return 'passed' in result ? result.passed : (0,_adapters_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .hasPassed */ .P)(result);
}
/** The JSON shape of a check's result. */
function toCheckOutput(kind, result) {
    return {
        kind,
        passed: checkPassed(result),
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        failedTests: 'failedTests' in result ? result.failedTests : [],
        problems: 'problems' in result ? result.problems : [],
        durationMs: result.durationMs,
        outputTail: tail(`${result.stdout}${result.stdout && result.stderr ? '\n' : ''}${result.stderr}`, 40)
    };
}
/** Runs a check and returns its structured result. */
async function runCheck(execution, kind, command, options = {}) {
    return toCheckOutput(kind, await runCheckResult(execution, kind, command, options));
}
/** The last `n` lines of a text. */
function tail(text, n) {
    // trimEnd, not /\s+$/: that regex is quadratic on long runs of spaces.
    const lines = text.trimEnd().split('\n');
    return lines.slice(-n).join('\n');
}


/***/ }),

/***/ 7242:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Uw: () => (/* binding */ State),
/* harmony export */   k7: () => (/* binding */ Output),
/* harmony export */   pd: () => (/* binding */ Input)
/* harmony export */ });
/** Names of the action's inputs, outputs and saved state, in one place (action.yml must match). */
/** Action inputs. */
var Input;
(function (Input) {
    /** What to do: heal, check, apply, dispatch or fix. */
    Input["Operation"] = "operation";
    /** local, ci or cloud; empty detects. */
    Input["Environment"] = "environment";
    /** GitHub token for API calls. */
    Input["Token"] = "token";
    /** OWNER/NAME of the repository. */
    Input["Repository"] = "repository";
    /** REST API base URL. */
    Input["ApiUrl"] = "api-url";
    /** Directory to work in. */
    Input["WorkingDirectory"] = "working-directory";
    /** check: the command to run through the shell. */
    Input["Command"] = "command";
    /** check: the command as a JSON array, run without a shell (instead of `command`). */
    Input["Argv"] = "argv";
    /** check: extra environment for the command, as a JSON object. */
    Input["Env"] = "env";
    /** fix: the heal options as JSON (set by the runner workflow). */
    Input["Request"] = "request";
    /** check: the id a dispatched check prints its record under (set by the runner workflow). */
    Input["CorrelationId"] = "correlation-id";
    /** check: test, build, lint or command. */
    Input["Kind"] = "kind";
    /** check: timeout in seconds. */
    Input["Timeout"] = "timeout";
    /** check: report file the command writes (JUnit XML, TAP, Jest JSON, ESLint JSON). */
    Input["ReportPath"] = "report-path";
    /** apply: the diff, inline. */
    Input["Patch"] = "patch";
    /** apply: a file holding the diff. */
    Input["PatchFile"] = "patch-file";
    /** apply: the branch to commit to. */
    Input["Branch"] = "branch";
    /** apply: the base of a new branch. */
    Input["Base"] = "base";
    /** apply: the commit message. */
    Input["Message"] = "message";
    /** apply: open or update a pull request. */
    Input["PullRequest"] = "pull-request";
    /** apply: pull request title. */
    Input["Title"] = "title";
    /** apply: pull request body. */
    Input["Body"] = "body";
    /** dispatch: workflow file name or id. */
    Input["Workflow"] = "workflow";
    /** dispatch: the ref to run on. */
    Input["Ref"] = "ref";
    /** heal in cloud: the failed run to heal from outside. */
    Input["RunId"] = "run-id";
    /** dispatch: workflow inputs, one KEY=VALUE a line. */
    Input["Inputs"] = "inputs";
    /** dispatch: wait for the run to complete. */
    Input["Wait"] = "wait";
    /** LOCAL cache file. */
    Input["CachePath"] = "cache-path";
    /** heal: fixer commands, one a line. */
    Input["Fix"] = "fix";
    /** heal: everything but writes. */
    Input["DryRun"] = "dry-run";
    /** heal: the fix policy, as YAML. */
    Input["Policy"] = "policy";
    /** heal: re-runs of a failed check at the same commit. */
    Input["Reruns"] = "reruns";
    /** heal: the most verification runs. */
    Input["MaxAttempts"] = "max-attempts";
    /** heal: when the step fails (failing, unhealed, never). */
    Input["FailWhen"] = "fail-when";
    /** heal: how a fix is delivered (pull-request, commit, suggest, none). */
    Input["Deliver"] = "deliver";
    /** heal: labels of the fix's pull request. */
    Input["Labels"] = "labels";
    /** heal: reviewers requested on the fix's pull request. */
    Input["Reviewers"] = "reviewers";
    /** heal: teams requested to review the fix's pull request. */
    Input["TeamReviewers"] = "team-reviewers";
    /** heal: the prefix of the fix branch. */
    Input["BranchPrefix"] = "branch-prefix";
    /** heal: the workflow file dispatched on the fix branch. */
    Input["CiWorkflow"] = "ci-workflow";
    /** heal: assignees of the fix's pull request. */
    Input["Assignees"] = "assignees";
    /** heal: open the fix's pull request as a draft. */
    Input["Draft"] = "draft";
    /** heal: the fix commit's message. */
    Input["CommitMessage"] = "commit-message";
    /** heal: the longest a fixer may run, in seconds. */
    Input["FixerTimeout"] = "fixer-timeout";
    Input["Verify"] = "verify";
    Input["Setup"] = "setup";
    Input["FixerRetries"] = "fixer-retries";
    Input["VerifyAlso"] = "verify-also";
    /** heal, check: variables checks and fixers keep though they look like credentials. */
    Input["PassEnv"] = "pass-env";
})(Input || (Input = {}));
/** Action outputs. */
var Output;
(function (Output) {
    /** The environment self-heal ran in. */
    Output["Environment"] = "environment";
    /** heal: how it ended. */
    Output["Outcome"] = "outcome";
    /** heal: the failure's fingerprint id. */
    Output["Fingerprint"] = "fingerprint";
    /** check: true or false. */
    Output["Passed"] = "passed";
    /** check: the command's exit code. */
    Output["ExitCode"] = "exit-code";
    /** check: JSON of the structured result. */
    Output["Result"] = "result";
    /** apply: the commit SHA. */
    Output["Commit"] = "commit";
    /** apply: the branch. */
    Output["Branch"] = "branch";
    /** apply: the pull request URL. */
    Output["PullRequestUrl"] = "pull-request-url";
    /** apply: the pull request number. */
    Output["PullRequestNumber"] = "pull-request-number";
    /** heal: created, updated, unchanged, declined or none. */
    Output["PullRequestOperation"] = "pull-request-operation";
    /** dispatch: the run id; heal: the ci-workflow run's. */
    Output["RunId"] = "run-id";
    /** dispatch: the run URL. */
    Output["RunUrl"] = "run-url";
    /** dispatch: the run's conclusion. */
    Output["Conclusion"] = "conclusion";
})(Output || (Output = {}));
/** Saved state shared between the main and post steps. */
var State;
(function (State) {
    /** Set by main so the same bundle knows it runs as the post step. */
    State["IsPost"] = "isPost";
})(State || (State = {}));


/***/ }),

/***/ 2678:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   pT: () => (/* binding */ detectEnvironment),
/* harmony export */   vE: () => (/* binding */ findWorkTree)
/* harmony export */ });
/* unused harmony exports ENVIRONMENTS, REASON_TEXT, parseEnvironment, hasGitCheckout, currentEnvironment, resetEnvironmentCache */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8750);
/**
 * Environment detection: LOCAL (a developer's machine), CI (a runner with a checkout, committing through the API)
 * or CLOUD (no checkout, API only). Detection is a pure function of (variables, directory, whether a token is
 * known); the module-level value is computed lazily on first use and cached, with a reset for tests, so importing
 * this module probes nothing.
 */




/** The three environments. */
const ENVIRONMENTS = ['local', 'ci', 'cloud'];
/** Each reason in words, for `self-heal env`. */
const REASON_TEXT = {
    explicit: 'chosen with --environment, the input `environment` or SELF_HEAL_ENVIRONMENT',
    'claude-code-web': 'CLAUDE_CODE_WEB is set and there is no git checkout here',
    'claude-code-web-with-checkout': 'CLAUDE_CODE_WEB is set, but there is a git checkout here',
    'actions-without-checkout': 'a GitHub Actions job with no checkout in its workspace',
    actions: 'a GitHub Actions job with a checkout',
    ci: 'CI is set and a GitHub token is given',
    'ci-without-token': 'CI is set, but this is not GitHub Actions and no GitHub token is given, so git works as on a developer machine',
    default: 'no CI or cloud variables are set'
};
/** Parses an explicit environment name; an unknown value is a ConfigurationError listing the valid ones. */
function parseEnvironment(value, source = 'environment') {
    const normal = value.trim().toLowerCase();
    if (ENVIRONMENTS.includes(normal))
        return normal;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`Unknown ${source} '${value}': use one of ${ENVIRONMENTS.join(', ')}.`);
}
/** Whether `dir` or one of its parents holds a git checkout (a `.git` directory or file). */
function hasGitCheckout(dir) {
    return findWorkTree(dir) !== undefined;
}
/** The nearest of `dir` and its parents that holds a `.git` directory or file: the work tree `dir` is in. */
function findWorkTree(dir) {
    let current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir);
    for (;;) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(current, '.git')))
            return current;
        const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(current);
        if (parent === current)
            return undefined;
        current = parent;
    }
}
/**
 * Detects the environment, in this order:
 * 1. an explicit choice, then `SELF_HEAL_ENVIRONMENT`;
 * 2. `GITHUB_ACTIONS=true`: ci with a checkout in the workspace, cloud without one;
 * 3. `CLAUDE_CODE_WEB` with no checkout here: cloud (with a checkout, it says nothing: a session in a clone works
 *    on that clone);
 * 4. `CI` outside Actions: ci only with a GitHub token, since ci commits through the API; without one, local, so
 *    that git works on the checkout instead of failing after the check has run;
 * 5. otherwise local.
 */
function detectEnvironment(env, cwd, options = {}) {
    const { explicit, checkoutProbe = hasGitCheckout } = options;
    if (explicit && explicit.trim())
        return { environment: parseEnvironment(explicit), reason: 'explicit' };
    const fromEnv = env.SELF_HEAL_ENVIRONMENT;
    if (fromEnv && fromEnv.trim()) {
        return { environment: parseEnvironment(fromEnv, 'SELF_HEAL_ENVIRONMENT'), reason: 'explicit' };
    }
    if (env.GITHUB_ACTIONS === 'true') {
        const workspace = env.GITHUB_WORKSPACE || cwd;
        if (!checkoutProbe(workspace))
            return { environment: 'cloud', reason: 'actions-without-checkout' };
        return { environment: 'ci', reason: 'actions' };
    }
    const claudeCodeWeb = isSet(env.CLAUDE_CODE_WEB);
    if (claudeCodeWeb && !checkoutProbe(cwd))
        return { environment: 'cloud', reason: 'claude-code-web' };
    if (isSet(env.CI)) {
        const token = options.token ?? _settings_js__WEBPACK_IMPORTED_MODULE_3__/* .TOKEN_VARIABLES */ .Yr.some(name => env[name]?.trim());
        return token ? { environment: 'ci', reason: 'ci' } : { environment: 'local', reason: 'ci-without-token' };
    }
    if (claudeCodeWeb)
        return { environment: 'local', reason: 'claude-code-web-with-checkout' };
    return { environment: 'local', reason: 'default' };
}
function isSet(value) {
    return value !== undefined && value !== '' && value.toLowerCase() !== 'false' && value !== '0';
}
let cached;
/** The process's environment, detected on first call from process.env and process.cwd(), then cached. */
function currentEnvironment() {
    cached ??= detectEnvironment(process.env, process.cwd());
    return cached;
}
/** Forgets the cached detection (for tests). */
function resetEnvironmentCache() {
    cached = undefined;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pf: () => (/* binding */ PathOutsideRepositoryError),
/* harmony export */   ZA: () => (/* binding */ RefNotFoundError),
/* harmony export */   ZO: () => (/* binding */ SelfHealError),
/* harmony export */   dt: () => (/* binding */ CheckoutChangedError),
/* harmony export */   fK: () => (/* binding */ ConflictError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   i_: () => (/* binding */ PermissionError),
/* harmony export */   j1: () => (/* binding */ ConfigurationError),
/* harmony export */   kG: () => (/* binding */ FileNotFoundError),
/* harmony export */   oC: () => (/* binding */ InvalidInputError),
/* harmony export */   p4: () => (/* binding */ InterruptedError),
/* harmony export */   sK: () => (/* binding */ redactUrls),
/* harmony export */   sQ: () => (/* binding */ DiffDoesNotApplyError),
/* harmony export */   v9: () => (/* binding */ MergeConflictError),
/* harmony export */   vz: () => (/* binding */ BranchExistsError),
/* harmony export */   wo: () => (/* binding */ ExecutionTimeoutError)
/* harmony export */ });
/* unused harmony export UsageError */
/**
 * Typed errors. Inner modules throw these; only the action's `run()` and the CLI's command runner turn them into
 * a failed step or an exit code. Each message says what happened and what to do.
 */
/**
 * Base class of every error self-heal raises on purpose; `exitCode` is what the CLI exits with. Each subclass
 * declares its own `static type`, which becomes `name` (the `type` of the CLI's JSON error): bundlers rename
 * classes, so a name read from the constructor would change with the build.
 */
class SelfHealError extends Error {
    /** The stable name of errors of this class. */
    static type = 'SelfHealError';
    /** 1: the operation ran and did not succeed; 2: bad usage, input or configuration; 128 + n: signal n. */
    exitCode = 1;
    constructor(message, options) {
        super(message, options);
        this.name = new.target.type;
    }
}
/** A signal ended the operation; what it was running was ended and the checkout put back first. */
class InterruptedError extends SelfHealError {
    static type = 'InterruptedError';
    exitCode;
    constructor(signal) {
        super(`Interrupted by ${signal}: the running command was ended and the checkout was put back as it was.`);
        this.exitCode = 128 + (SIGNAL_NUMBERS[signal] ?? 1);
    }
}
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
/**
 * Someone changed the checkout while a heal ran in it (a commit, the index, a file no fixer was running on): the
 * heal was abandoned, nothing of theirs was put back, and the message says what state the checkout is in. Exit 2,
 * as for a second heal in the same checkout: one heal at a time, and nobody else, works in a checkout.
 */
class CheckoutChangedError extends SelfHealError {
    static type = 'CheckoutChangedError';
    exitCode = 2;
}
/** A setting is missing or invalid: the message names the input, option or variable to set. */
class ConfigurationError extends SelfHealError {
    static type = 'ConfigurationError';
    exitCode = 2;
}
/** Bad input from the user (a patch, a path, a branch name): nothing was changed. */
class InvalidInputError extends SelfHealError {
    static type = 'InvalidInputError';
    exitCode = 2;
}
/** A repository-relative path escapes the repository (absolute, `..`, `.git/`, or a symlink leading outside). */
class PathOutsideRepositoryError extends InvalidInputError {
    static type = 'PathOutsideRepositoryError';
    /** The path as given. */
    path;
    constructor(path, reason) {
        super(`Path '${path}' is outside the repository (${reason}): use a path relative to the repository root.`);
        this.path = path;
    }
}
/** A file that was asked for does not exist. */
class FileNotFoundError extends SelfHealError {
    static type = 'FileNotFoundError';
    /** The repository-relative path. */
    path;
    constructor(path, where = 'the repository') {
        super(`File '${path}' does not exist in ${where}.`);
        this.path = path;
    }
}
/** createBranch was asked for a branch that already exists. */
class BranchExistsError extends SelfHealError {
    static type = 'BranchExistsError';
    /** The branch name. */
    branch;
    constructor(branch) {
        super(`Branch '${branch}' already exists: choose another name or delete it first.`);
        this.branch = branch;
    }
}
/** A branch or ref that was asked for does not exist. */
class RefNotFoundError extends SelfHealError {
    static type = 'RefNotFoundError';
    /** The ref as given. */
    ref;
    constructor(ref, hint = '') {
        super(`Ref '${ref}' does not exist${hint ? `: ${hint}` : '.'}`);
        this.ref = ref;
    }
}
/** A diff does not apply: names the file and, when known, the hunk. Nothing was changed. */
class DiffDoesNotApplyError extends InvalidInputError {
    static type = 'DiffDoesNotApplyError';
    /** The file the failing change is for. */
    file;
    /** The failing hunk header (`@@ -a,b +c,d @@`), when the failure is in a hunk. */
    hunk;
    constructor(file, detail, hunk) {
        super(`The diff does not apply to '${file}'${hunk ? ` at hunk ${hunk}` : ''}: ${detail}`);
        this.file = file;
        this.hunk = hunk;
    }
}
/** A merge stopped on conflicts; the repository was left as it was before the merge. */
class MergeConflictError extends SelfHealError {
    static type = 'MergeConflictError';
    /** The conflicting files (may be empty when the server does not say which). */
    files;
    constructor(branch, into, files = []) {
        super(`Merging '${branch}' into '${into}' conflicts${files.length ? ` in ${files.join(', ')}` : ''}; ` +
            'nothing was merged: resolve the conflict on the branch and merge again.');
        this.files = files;
    }
}
/** A branch moved while a commit was being made and the touched files changed: nothing was written. */
class ConflictError extends SelfHealError {
    static type = 'ConflictError';
    /** The files changed both by the diff and by the concurrent commit. */
    files;
    constructor(message, files = []) {
        super(message);
        this.files = files;
    }
}
/** A command or a remote run took longer than its timeout; its process tree was ended (or the run cancelled). */
class ExecutionTimeoutError extends SelfHealError {
    static type = 'ExecutionTimeoutError';
    /** The timeout that was exceeded, in seconds. */
    timeoutSeconds;
    constructor(what, timeoutSeconds) {
        super(`${what} did not finish within ${timeoutSeconds} s and was stopped: raise the timeout or make it faster.`);
        this.timeoutSeconds = timeoutSeconds;
    }
}
/** The command line itself is wrong (an unknown option, a missing required one): nothing ran. */
class UsageError extends (/* unused pure expression or super */ null && (InvalidInputError)) {
    static type = (/* unused pure expression or super */ null && ('UsageError'));
}
/** The GitHub API refused a request for lack of a permission or setting; the message names it. */
class PermissionError extends SelfHealError {
    static type = 'PermissionError';
    exitCode = 2;
}
// The userinfo of a URL (`https://user:token@host`): up to the last `@` before the host ends.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;
/**
 * Hides the credentials of every URL in a text (`https://user:token@host/api` → `https://***@host/api`). Every
 * message that can hold a URL (errors, logs, CLI and action output) goes through it.
 */
function redactUrls(text) {
    return text.replace(URL_CREDENTIALS, '$1***@');
}
/** Turns anything thrown into a message, without a stack or URL credentials, for logs and CLI output. */
function errorMessage(error) {
    return redactUrls(error instanceof Error ? error.message : String(error));
}


/***/ }),

/***/ 9846:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IH: () => (/* binding */ brokenCheck),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   d6: () => (/* binding */ codeFence),
/* harmony export */   g0: () => (/* binding */ flakyReason),
/* harmony export */   w7: () => (/* binding */ failureLines),
/* harmony export */   xF: () => (/* binding */ crashedFixer)
/* harmony export */ });
/* unused harmony export formatFailure */
/** `1 file`, `2 files`. */
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
/** The failed tests, then the problems, of a check run: at most `max` of them, and how many there were. */
function failureLines(check, max = 5) {
    const lines = [
        ...check.failedTests.map(t => ({
            where: t.file ? `${t.file}${t.line ? `:${t.line}` : ''}` : t.name,
            test: t.name,
            message: firstLine(t.message) || 'failed'
        })),
        ...check.problems.map(p => ({
            where: `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`,
            rule: p.rule,
            message: firstLine(p.message)
        }))
    ];
    return { shown: lines.slice(0, max), total: lines.length };
}
/** A failure as one line of text: `src/a.js:1:5 no-var: Unexpected var.` or `src/a.test.js:3 adds: expected 2`. */
function formatFailure(line) {
    const label = line.test && line.test !== line.where ? ` ${line.test}` : line.rule ? ` ${line.rule}` : '';
    return `${line.where}${label}: ${line.message}`;
}
function firstLine(text) {
    return text.trim().split('\n', 1)[0] ?? '';
}
/** What a check prints when its tool could not start or could not read its own configuration. */
const CONFIG_ERRORS = [
    /couldn't find (?:a|the) (?:configuration|config)/i,
    /ESLint couldn't find/i,
    /Oops! Something went wrong/,
    /Cannot find (?:module|package) ['"]/,
    /ERR_MODULE_NOT_FOUND/,
    /command not found/,
    /error TS(?:5\d{3}|6053|18003)\b/,
    /Invalid configuration|Configuration error|Failed to load config/i,
    /No tests found|No test files found/i
];
/**
 * Why the check is broken rather than failing, or undefined: a command that was not found or could not run
 * (126, 127), a linter that crashed (ESLint exits 2), or output naming a configuration error, while nothing it
 * printed is a failed test or a problem. No fixer can make such a check pass honestly, so none runs.
 */
function brokenCheck(kind, check) {
    if (check.passed || check.timedOut || check.failedTests.length || check.problems.length)
        return undefined;
    const tail = check.outputTail.trim();
    const matched = CONFIG_ERRORS.find(pattern => pattern.test(tail));
    const why = check.exitCode === 127
        ? 'a command it runs was not found (exit 127)'
        : check.exitCode === 126
            ? 'a command it runs could not be executed (exit 126)'
            : kind === 'lint' && check.exitCode === 2
                ? 'the linter crashed (exit 2)'
                : matched
                    ? `its tool reported a configuration error (exit ${check.exitCode})`
                    : undefined;
    if (!why)
        return undefined;
    // The line that names the error says more than the stack trace after it.
    const message = matched
        ? (tail
            .split('\n')
            .find(line => matched.test(line))
            ?.trim() ?? lastLines(tail, 3))
        : lastLines(tail, 3);
    return `The ${kind} check is broken, not failing: ${why}, and it reported no failed test or problem${message ? `: ${message}` : ''}. Fix the check's command or configuration; no fixer was run.`;
}
/** The last `count` non-empty lines of `text`, joined with ` / `. */
function lastLines(text, count) {
    const lines = text
        .split('\n')
        .map(line => line.trim())
        .filter(Boolean);
    return lines.slice(-count).join(' / ');
}
/**
 * What to add to the attempt of a fixer that changed nothing, when it crashed rather than found nothing to do:
 * it exited 2 or more (fixers exit 1 when problems remain), was ended by a signal (128 + n), or ran out of time.
 */
function crashedFixer(ran) {
    if (!ran.timedOut && ran.exitCode < 2)
        return {};
    const text = [ran.stdout, ran.stderr]
        .filter(s => s.trim())
        .join('\n')
        .trimEnd();
    return {
        result: 'crashed',
        ...(ran.timedOut ? { timedOut: true } : {}),
        outputTail: text.length > 2000 ? `…${text.slice(-2000)}` : text
    };
}
/**
 * `text` in a Markdown code fence longer than any backtick run inside it, so nothing in it can close the fence.
 */
function codeFence(text, info = '') {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
    const marks = '`'.repeat(Math.max(3, longest + 1));
    return `${marks}${info}\n${text.replace(/\n$/, '')}\n${marks}`;
}
/**
 * Why a check that failed, then passed at the same commit, is reported and not fixed, naming the tests (or
 * problems) that failed the first time: those are the flaky ones.
 */
function flakyReason(kind, check) {
    const names = [
        ...check.failedTests.map(t => (t.file && !t.name.includes(t.file) ? `${t.file} › ${t.name}` : t.name)),
        ...check.problems.map(p => `${p.file}${p.rule ? ` (${p.rule})` : ''}`)
    ];
    const shown = [...new Set(names)].slice(0, 10);
    const flaky = shown.length
        ? `; flaky: ${shown.join(', ')}${names.length > shown.length ? `, and ${names.length - shown.length} more` : ''}`
        : '';
    return `The ${kind} check failed, then passed at the same commit: it is flaky${flaky}. A flaky check is reported, not fixed.`;
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _actions_core_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1938);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7242);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3645);
/* harmony import */ var _post_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6661);
/** The action's entry point: the same bundle runs as the main step and, on its second start, as the post step. */




if (_actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .State */ .Uw.IsPost) === 'true') {
    await (0,_post_js__WEBPACK_IMPORTED_MODULE_3__/* .runPost */ .a)();
}
else {
    _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .State */ .Uw.IsPost, 'true');
    await (0,_main_js__WEBPACK_IMPORTED_MODULE_2__/* .run */ .eF)();
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3645:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Wj: () => (/* binding */ coreLogger),
  eF: () => (/* binding */ run)
});

// UNUSED EXPORTS: OPERATIONS

// EXTERNAL MODULE: ./src/actions-core.ts
var actions_core = __nccwpck_require__(1938);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/adapters/factory.ts
var adapters_factory = __nccwpck_require__(6942);
// EXTERNAL MODULE: ./src/commands/check.ts
var check = __nccwpck_require__(9238);
// EXTERNAL MODULE: ./src/adapters/local/scrub-env.ts
var scrub_env = __nccwpck_require__(513);
;// CONCATENATED MODULE: ./src/heal/pull-request-operation.ts
function pullRequestOperation(result) {
    if (result.outcome === 'declined')
        return 'declined';
    const proposal = result.proposal;
    if (result.outcome !== 'healed' || !proposal)
        return 'none';
    if (proposal.deliver === 'commit')
        return proposal.action === 'created' ? 'updated' : 'unchanged';
    const pr = proposal.pullRequest;
    if (proposal.deliver !== 'pull-request' || !pr)
        return 'none';
    if (pr.action === 'created')
        return 'created';
    return proposal.commit ? 'updated' : 'unchanged';
}

// EXTERNAL MODULE: ./src/commands/check-report.ts
var check_report = __nccwpck_require__(9493);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __nccwpck_require__(7242);
// EXTERNAL MODULE: ./src/environment.ts
var environment = __nccwpck_require__(2678);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/settings.ts
var src_settings = __nccwpck_require__(8750);
// EXTERNAL MODULE: ./src/surface.ts
var surface = __nccwpck_require__(7800);
// EXTERNAL MODULE: ./src/heal/report.ts
var report = __nccwpck_require__(9846);
;// CONCATENATED MODULE: ./src/summary.ts
/**
 * What the action tells people: the job summary (Markdown through core.summary) and annotations on the files
 * that failed. Summaries are written only when the runner gives a summary file.
 */


/** At most this many annotations per check: GitHub shows only the first 10 errors of a step anyway. */
const MAX_ANNOTATIONS = 50;
/**
 * Adds an error or warning annotation for each failed test and problem. `healed` (a note saying where the fix is)
 * makes every one a warning carrying it: a run that succeeds leaves no error behind.
 */
function annotateCheck(result, healed) {
    let count = 0;
    const note = healed ? ` (${healed})` : '';
    const error = healed ? actions_core/* warning */.$e : actions_core/* error */.z3;
    for (const test of result.failedTests) {
        if (count++ >= MAX_ANNOTATIONS)
            return;
        error(`${test.message || 'failed'}${note}`, {
            title: `Failed test: ${test.name}`,
            file: test.file,
            startLine: test.line
        });
    }
    for (const problem of result.problems) {
        if (count++ >= MAX_ANNOTATIONS)
            return;
        const properties = {
            title: problem.rule ? `${problem.rule}` : undefined,
            file: problem.file,
            startLine: problem.line,
            startColumn: problem.column
        };
        if (problem.severity === 'error')
            error(`${problem.message}${note}`, properties);
        else
            actions_core/* warning */.$e(problem.message, properties);
    }
}
function canSummarize() {
    return Boolean(process.env.GITHUB_STEP_SUMMARY);
}
/** Writes the job summary of a check. */
async function summarizeCheck(result, command) {
    if (!canSummarize())
        return;
    const status = result.passed ? '✅ passed' : result.timedOut ? '⏱️ timed out' : '❌ failed';
    actions_core/* summary */.z.addHeading(`self-heal: ${result.kind} check ${status}`, 2).addTable([
        [
            { data: 'command', header: true },
            { data: 'exit code', header: true },
            { data: 'duration', header: true }
        ],
        [
            `<code>${escapeHtml(command)}</code>`,
            String(result.exitCode),
            `${(result.durationMs / 1000).toFixed(1)} s`
        ]
    ]);
    if (result.failedTests.length) {
        actions_core/* summary */.z
            .addHeading('Failed tests', 3)
            .addList(result.failedTests.map(t => `${escapeHtml(t.name)}${t.file ? ` — <code>${escapeHtml(t.file)}${t.line ? `:${t.line}` : ''}</code>` : ''}`));
    }
    if (result.problems.length) {
        actions_core/* summary */.z
            .addHeading('Problems', 3)
            .addList(result.problems.map(p => `${p.severity} <code>${escapeHtml(p.file)}${p.line ? `:${p.line}` : ''}</code> ${escapeHtml(p.message)}`));
    }
    if (!result.passed && result.outputTail)
        actions_core/* summary */.z.addDetails('Output (last lines)', `<pre>${escapeHtml(result.outputTail)}</pre>`);
    await actions_core/* summary */.z.write();
}
/** Writes the job summary of an apply. */
async function summarizeApply(result) {
    if (!canSummarize())
        return;
    actions_core/* summary */.z
        .addHeading('self-heal: diff committed', 2)
        .addRaw(`Commit <code>${result.commit}</code> on <code>${escapeHtml(result.branch)}</code> (${(0,report/* plural */.LS)(result.files, 'file')}).`, true);
    if (result.pullRequest) {
        actions_core/* summary */.z.addLink(`Pull request #${result.pullRequest.number} (${result.pullRequest.action})`, result.pullRequest.url);
    }
    await actions_core/* summary */.z.write();
}
/** Writes the job summary of a dispatch. */
async function summarizeDispatch(result) {
    if (!canSummarize())
        return;
    actions_core/* summary */.z
        .addHeading('self-heal: workflow run dispatched', 2)
        .addRaw(`Run ${result.runId}${result.conclusion ? ` concluded <b>${escapeHtml(result.conclusion)}</b>` : ''}: `)
        .addLink(result.runUrl, result.runUrl);
    if (result.failedTests?.length) {
        actions_core/* summary */.z.addHeading('Failed tests', 3).addList(result.failedTests.map(t => escapeHtml(t.name)));
    }
    await actions_core/* summary */.z.write();
}
const HEAL_HEADINGS = {
    disabled: '⏸️ switched off',
    skipped: '⏭️ skipped',
    passed: '✅ the check passes',
    flaky: '⚠️ flaky check',
    healed: '🩹 healed',
    'not-healed': '❌ no verified fix',
    'not-proposed': '⚠️ fix verified, not proposed',
    declined: '🚫 fix declined',
    'broken-check': '🚫 the check itself is broken'
};
/** The runner's variables that say which run and commit a summary is about. */
function runContext(env = process.env) {
    return {
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        repository: env.GITHUB_REPOSITORY || undefined,
        runId: env.GITHUB_RUN_ID || undefined,
        sha: env.GITHUB_SHA || undefined
    };
}
/** Most failures listed, and most characters of the diff shown. */
const SUMMARY_FAILURES = 20;
const SUMMARY_DIFF_CHARS = 20_000;
/** Writes the job summary of a heal: what failed, what was tried, the fix, and what was proposed. */
async function summarizeHeal(result, command) {
    if (!canSummarize())
        return;
    await actions_core/* summary */.z.addRaw(healSummary(result, command, runContext()), true).write();
}
/** The job summary of a heal, as the Markdown (with HTML) a maintainer reads on the run's page. */
function healSummary(result, command, context) {
    const out = [
        `<h2>self-heal: ${result.kind} check — ${HEAL_HEADINGS[result.outcome]}</h2>`,
        '',
        `${escapeHtml(result.reason)}${result.dryRun ? ' (dry run)' : ''}`,
        ''
    ];
    const link = (text, url) => `<a href="${escapeHtml(url)}">${text}</a>`;
    const repoUrl = context.serverUrl && context.repository ? `${context.serverUrl}/${context.repository}` : undefined;
    const rows = [];
    if (context.runId) {
        const text = `run ${escapeHtml(context.runId)}`;
        rows.push(['run', repoUrl ? link(text, `${repoUrl}/actions/runs/${context.runId}`) : text]);
    }
    if (context.sha) {
        const text = `<code>${escapeHtml(context.sha.slice(0, 12))}</code>`;
        rows.push(['commit checked', repoUrl ? link(text, `${repoUrl}/commit/${context.sha}`) : text]);
    }
    rows.push(['check', `<code>${escapeHtml(command)}</code>`]);
    if (result.check) {
        const ran = result.check.timedOut
            ? `timed out (the timeout ended it), ${seconds(result.check.durationMs)}`
            : `exit ${result.check.exitCode}, ${seconds(result.check.durationMs)}`;
        rows.push(['first run', ran]);
    }
    if (result.fingerprint) {
        rows.push(['fingerprint', `<code>${result.fingerprint.id}</code> (from ${result.fingerprint.basis})`]);
    }
    if (result.fix) {
        const by = result.fix.source === 'memory'
            ? 'remembered fix'
            : result.fix.fixers.map(f => `<code>${escapeHtml(f)}</code>`).join(', then ');
        rows.push(['fix', `${by}: ${size(result.fix.stats)}`]);
    }
    if (result.proposal) {
        const pr = result.proposal.pullRequest;
        if (!result.proposal.deliver || result.proposal.deliver === 'pull-request') {
            rows.push([
                'pull request',
                pr
                    ? `${link(`#${pr.number}`, pr.url)} (${pr.action}) from <code>${escapeHtml(result.proposal.branch ?? '')}</code>`
                    : `none: branch <code>${escapeHtml(result.proposal.branch ?? '')}</code>${result.proposal.pullRequestSkipped ? ` (${escapeHtml(result.proposal.pullRequestSkipped)})` : ''}`
            ]);
        }
        else {
            rows.push(['proposal', describeProposal(result.proposal)]);
        }
    }
    const ci = result.proposal?.ci;
    if (ci) {
        rows.push([
            'CI on the fix',
            ci.url
                ? `${link(`run ${ci.runId}`, ci.url)} of <code>${escapeHtml(ci.workflow)}</code>`
                : `<code>${escapeHtml(ci.workflow)}</code> not dispatched: ${escapeHtml(ci.skipped ?? '')}`
        ]);
    }
    if (result.proposal?.comment) {
        rows.push([
            'comment',
            `<a href="${escapeHtml(result.proposal.comment.url)}">on the pull request</a> (${result.proposal.comment.action})`
        ]);
    }
    if (result.excluded?.length) {
        rows.push([
            'left out',
            `${result.excluded.map(p => `<code>${escapeHtml(p)}</code>`).join(', ')}: untracked before heal started, never proposed`
        ]);
    }
    out.push(`<table>${rows.map(([name, value]) => `<tr><th>${name}</th><td>${value}</td></tr>`).join('')}</table>`, '');
    if (result.check && !result.check.passed) {
        const { shown, total } = (0,report/* failureLines */.w7)(result.check, SUMMARY_FAILURES);
        if (shown.length) {
            const what = result.check.failedTests.length ? 'What failed' : 'Problems';
            out.push(`<h3>${what}</h3>`, '');
            for (const line of shown) {
                const label = line.test && line.test !== line.where ? ` ${escapeHtml(line.test)}` : '';
                const rule = line.rule ? ` <code>${escapeHtml(line.rule)}</code>` : '';
                out.push(`- <code>${escapeHtml(line.where)}</code>${label}${rule}: ${escapeHtml(line.message)}`);
            }
            if (total > shown.length)
                out.push(`- … and ${total - shown.length} more`);
            out.push('');
        }
        if (result.check.outputTail && (!shown.length || result.outcome === 'broken-check')) {
            out.push('<details open><summary>Output (last lines)</summary>', '', (0,report/* codeFence */.d6)(result.check.outputTail), '', '</details>', '');
        }
    }
    if (result.attempts.length) {
        out.push('<h3>Attempts</h3>', '');
        for (const a of result.attempts) {
            const what = a.source === 'memory' ? 'remembered fix' : `<code>${escapeHtml(a.fixer ?? '')}</code>`;
            const became = a.result === 'crashed'
                ? `crashed (${a.timedOut ? 'the fixer timeout ended it' : `exit ${a.exitCode}`}, nothing changed)`
                : a.result;
            const changed = a.stats && a.result !== 'no-change' && a.result !== 'crashed' ? ` (${size(a.stats)})` : '';
            const why = a.violations?.length ? `: ${a.violations.map(v => escapeHtml(v.message)).join(' ')}` : '';
            out.push(`- ${what}: ${became}${changed}${why}`);
            if (a.outputTail)
                out.push('', indent((0,report/* codeFence */.d6)(a.outputTail)), '');
        }
        out.push('');
    }
    if (result.fix) {
        const diff = result.fix.diff;
        const shown = diff.length > SUMMARY_DIFF_CHARS ? diff.slice(0, SUMMARY_DIFF_CHARS) : diff;
        out.push(`<details${result.outcome === 'healed' ? ' open' : ''}><summary>The fix (${size(result.fix.stats)})</summary>`, '', (0,report/* codeFence */.d6)(shown, 'diff'), '', diff.length > shown.length
            ? `The diff is cut at ${SUMMARY_DIFF_CHARS} characters of ${diff.length}.\n`
            : '', '</details>', '');
    }
    return out.join('\n');
}
/** `1 file, +5 −3`. */
function size(stats) {
    return `${(0,report/* plural */.LS)(stats.files, 'file')}, +${stats.added} −${stats.removed}`;
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
/** Indents a block under a list item, so Markdown keeps it in the item. */
function indent(text) {
    return text.replace(/^/gm, '  ');
}
/** Where the fix went, as the summary says it. */
function describeProposal(proposal) {
    const branch = proposal.branch ? `<code>${escapeHtml(proposal.branch)}</code>` : '';
    const pr = proposal.pullRequest;
    const link = pr ? `<a href="${escapeHtml(pr.url)}">pull request #${pr.number}</a>` : '';
    switch (proposal.deliver) {
        case 'commit':
            return `commit <code>${proposal.commit ?? ''}</code> on ${branch}${link ? ` (${link})` : ''}`;
        case 'suggest':
            return proposal.review
                ? `<a href="${escapeHtml(proposal.review.url)}">a review</a>: ${(0,report/* plural */.LS)(proposal.review.suggestions, 'suggestion')}, ${(0,report/* plural */.LS)(proposal.review.asDiff, 'part')} as a diff`
                : 'a review';
        case 'none':
            return 'none (deliver: none): the fix is reported here only';
        default:
            return pr
                ? `${link} (${pr.action}) from ${branch}`
                : `branch ${branch}${proposal.pullRequestSkipped ? ` — no pull request: ${escapeHtml(proposal.pullRequestSkipped)}` : ''}`;
    }
}
/** Escapes text for the summary's HTML. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action's main step. `run()` reads the inputs once, runs the operation, writes outputs and the job summary,
 * and is the only place that turns an error into a failed step.
 */

// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.













/** The operations the action performs. */
const OPERATIONS = ['heal', 'check', 'apply', 'dispatch', 'fix', 'deliver'];
/** A logger over @actions/core. */
const coreLogger = { info: actions_core/* info */.pq, warning: actions_core/* warning */.$e, debug: actions_core/* debug */.Yz };
// Each operation imports what only it needs (the heal loop, the diff machinery, Octokit) when it starts: a start
// of the action costs what its operation uses.
/** The action's main entry: never throws; a failure is reported with core.setFailed. */
async function run() {
    (0,surface/* setSurface */.S1)('action');
    try {
        const operation = actions_core/* getInput */.V4(constants/* Input */.pd.Operation) || 'heal';
        if (!OPERATIONS.includes(operation)) {
            throw new errors/* InvalidInputError */.oC(`Unknown operation '${operation}': use one of ${OPERATIONS.join(', ')}.`);
        }
        const settings = (0,src_settings/* readSettings */.sb)({
            environment: actions_core/* getInput */.V4(constants/* Input */.pd.Environment),
            cwd: actions_core/* getInput */.V4(constants/* Input */.pd.WorkingDirectory) || process.env.GITHUB_WORKSPACE,
            repository: actions_core/* getInput */.V4(constants/* Input */.pd.Repository),
            token: actions_core/* getInput */.V4(constants/* Input */.pd.Token),
            apiUrl: actions_core/* getInput */.V4(constants/* Input */.pd.ApiUrl),
            cachePath: actions_core/* getInput */.V4(constants/* Input */.pd.CachePath)
        }, process.env, actions_core/* setSecret */.Pq);
        const detection = (0,environment/* detectEnvironment */.pT)(process.env, settings.cwd, {
            explicit: settings.environment,
            token: Boolean(settings.token)
        });
        actions_core/* setOutput */.uH(constants/* Output */.k7.Environment, detection.environment);
        actions_core/* info */.pq(`self-heal: ${operation} in ${detection.environment} (${detection.reason})`);
        // The command's output goes to the job log as a `run:` step's would (framed so that it cannot drive the runner).
        const factory = new adapters_factory/* AdapterFactory */.a(detection.environment, settings, coreLogger, {
            echo: process.stdout,
            passEnv: (0,scrub_env/* parsePassEnv */.ue)(actions_core/* getInput */.V4(constants/* Input */.pd.PassEnv), `input '${constants/* Input */.pd.PassEnv}'`)
        });
        try {
            if (operation === 'heal') {
                await healOperation(factory, settings.cwd);
            }
            else if (operation === 'check') {
                await checkOperation(factory, detection.environment === 'cloud' ? undefined : settings.cwd);
            }
            else if (operation === 'fix') {
                await fixOperation(factory, settings.cwd);
            }
            else if (operation === 'apply') {
                await applyOperation(factory, settings.cwd);
            }
            else if (operation === 'deliver') {
                await deliverOperation(settings);
            }
            else {
                await dispatchOperation(settings);
            }
        }
        finally {
            await factory.close();
        }
    }
    catch (error) {
        actions_core/* setFailed */.C1((0,errors/* errorMessage */.gJ)(error));
    }
}
async function checkOperation(factory, cwd) {
    // The runner workflow (self-heal-run.yml) passes its inputs through unchanged: argv, env and correlation-id too.
    const request = (0,check_report/* parseCheckInputs */.Ln)({
        command: actions_core/* getInput */.V4(constants/* Input */.pd.Command),
        argv: actions_core/* getInput */.V4(constants/* Input */.pd.Argv),
        kind: actions_core/* getInput */.V4(constants/* Input */.pd.Kind) || 'test',
        correlationId: actions_core/* getInput */.V4(constants/* Input */.pd.CorrelationId),
        env: actions_core/* getInput */.V4(constants/* Input */.pd.Env),
        reportPath: actions_core/* getInput */.V4(constants/* Input */.pd.ReportPath),
        timeoutSeconds: actions_core/* getInput */.V4(constants/* Input */.pd.Timeout)
    });
    // `working-directory` already chose settings.cwd; locally the command runs there.
    const options = { ...request.options, ...(cwd ? { cwd } : {}) };
    const raw = await actions_core/* group */.Os(`Run ${request.kind} check`, async () => (0,check_report/* runCheckRequest */.b2)(await factory.execution(), { ...request, options }));
    const result = (0,check/* toCheckOutput */.rR)(request.kind, raw);
    actions_core/* setOutput */.uH(constants/* Output */.k7.Passed, String(result.passed));
    actions_core/* setOutput */.uH(constants/* Output */.k7.ExitCode, String(result.exitCode));
    actions_core/* setOutput */.uH(constants/* Output */.k7.Result, JSON.stringify(result));
    annotateCheck(result);
    // A dispatched check leaves its structured record in the log, where the dispatching side reads it back.
    if (request.correlationId) {
        for (const line of (0,check_report/* formatCheckRecord */.LW)((0,check_report/* toCheckRecord */.pc)(request.correlationId, request.kind, raw)))
            actions_core/* info */.pq(line);
    }
    const shown = typeof request.command === 'string' ? request.command : JSON.stringify(request.command);
    await summarizeCheck(result, shown);
    if (!result.passed) {
        actions_core/* setFailed */.C1(`The ${request.kind} check failed (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}).`);
    }
}
/**
 * The runner's half of a heal with no checkout: the check and the fixers run here, and the record carries the first
 * check's result and the candidate fix back to the dispatching side, which polices, commits, verifies and proposes.
 */
async function fixOperation(factory, cwd) {
    const { parseFixRequest, runFixStep } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(949), __nccwpck_require__.e(800), __nccwpck_require__.e(480)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3480));
    const request = parseFixRequest(actions_core/* getInput */.V4(constants/* Input */.pd.Request, { required: true }));
    const correlationId = actions_core/* getInput */.V4(constants/* Input */.pd.CorrelationId, { required: true });
    const { first, fix } = await actions_core/* group */.Os(`Run the ${request.kind} check and the fixers`, async () => runFixStep(await factory.execution(), cwd, request, coreLogger));
    actions_core/* info */.pq(fix.reason);
    actions_core/* setOutput */.uH(constants/* Output */.k7.Outcome, fix.outcome);
    // The loop always runs the check first; no result means it stopped before (a self-heal commit).
    const record = first
        ? (0,check_report/* toCheckRecord */.pc)(correlationId, request.kind, first)
        : (0,check_report/* toCheckRecord */.pc)(correlationId, request.kind, {
            exitCode: 0,
            stdout: '',
            stderr: '',
            durationMs: 0,
            timedOut: false
        });
    for (const line of (0,check_report/* formatCheckRecord */.LW)({ ...record, fix }))
        actions_core/* info */.pq(line);
}
/** The action input behind each of heal's options. */
const HEAL_INPUTS = {
    check: constants/* Input */.pd.Command,
    kind: constants/* Input */.pd.Kind,
    fix: constants/* Input */.pd.Fix,
    dryRun: constants/* Input */.pd.DryRun,
    policy: constants/* Input */.pd.Policy,
    reruns: constants/* Input */.pd.Reruns,
    maxAttempts: constants/* Input */.pd.MaxAttempts,
    base: constants/* Input */.pd.Base,
    timeout: constants/* Input */.pd.Timeout,
    report: constants/* Input */.pd.ReportPath,
    failWhen: constants/* Input */.pd.FailWhen,
    deliver: constants/* Input */.pd.Deliver,
    branch: constants/* Input */.pd.Branch,
    branchPrefix: constants/* Input */.pd.BranchPrefix,
    title: constants/* Input */.pd.Title,
    body: constants/* Input */.pd.Body,
    labels: constants/* Input */.pd.Labels,
    reviewers: constants/* Input */.pd.Reviewers,
    teamReviewers: constants/* Input */.pd.TeamReviewers,
    assignees: constants/* Input */.pd.Assignees,
    draft: constants/* Input */.pd.Draft,
    commitMessage: constants/* Input */.pd.CommitMessage,
    fixerTimeout: constants/* Input */.pd.FixerTimeout,
    verify: constants/* Input */.pd.Verify,
    setup: constants/* Input */.pd.Setup,
    fixerRetries: constants/* Input */.pd.FixerRetries,
    verifyAlso: constants/* Input */.pd.VerifyAlso,
    ciWorkflow: constants/* Input */.pd.CiWorkflow
};
async function healOperation(factory, cwd) {
    const command = actions_core/* getInput */.V4(constants/* Input */.pd.Command);
    const [{ buildHealRequest }, { healWithFactory }, { handOverForkFix }, { checkLine }] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(243), __nccwpck_require__.e(908), __nccwpck_require__.e(949), __nccwpck_require__.e(800), __nccwpck_require__.e(306)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4306)),
        Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(949), __nccwpck_require__.e(800), __nccwpck_require__.e(480), __nccwpck_require__.e(571)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7571)),
        __nccwpck_require__.e(/* import() */ 612).then(__nccwpck_require__.bind(__nccwpck_require__, 1612)),
        Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(949), __nccwpck_require__.e(364)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9364))
    ]);
    const request = buildHealRequest({
        check: command,
        kind: actions_core/* getInput */.V4(constants/* Input */.pd.Kind),
        fix: actions_core/* getMultilineInput */.q3(constants/* Input */.pd.Fix),
        dryRun: actions_core/* getBooleanInput */.Vt(constants/* Input */.pd.DryRun),
        policy: { text: actions_core/* getInput */.V4(constants/* Input */.pd.Policy), where: `the input '${constants/* Input */.pd.Policy}'` },
        reruns: actions_core/* getInput */.V4(constants/* Input */.pd.Reruns),
        maxAttempts: actions_core/* getInput */.V4(constants/* Input */.pd.MaxAttempts),
        base: actions_core/* getInput */.V4(constants/* Input */.pd.Base),
        timeout: actions_core/* getInput */.V4(constants/* Input */.pd.Timeout),
        report: actions_core/* getInput */.V4(constants/* Input */.pd.ReportPath),
        // The action fails its step whenever the check fails, as the check step it replaces would.
        failWhen: actions_core/* getInput */.V4(constants/* Input */.pd.FailWhen) || 'failing',
        deliver: actions_core/* getInput */.V4(constants/* Input */.pd.Deliver),
        branch: actions_core/* getInput */.V4(constants/* Input */.pd.Branch),
        branchPrefix: actions_core/* getInput */.V4(constants/* Input */.pd.BranchPrefix),
        title: actions_core/* getInput */.V4(constants/* Input */.pd.Title),
        body: actions_core/* getInput */.V4(constants/* Input */.pd.Body),
        labels: actions_core/* getInput */.V4(constants/* Input */.pd.Labels),
        reviewers: actions_core/* getInput */.V4(constants/* Input */.pd.Reviewers),
        teamReviewers: actions_core/* getInput */.V4(constants/* Input */.pd.TeamReviewers),
        assignees: actions_core/* getInput */.V4(constants/* Input */.pd.Assignees),
        draft: actions_core/* getInput */.V4(constants/* Input */.pd.Draft) ? actions_core/* getBooleanInput */.Vt(constants/* Input */.pd.Draft) : false,
        commitMessage: actions_core/* getInput */.V4(constants/* Input */.pd.CommitMessage),
        fixerTimeout: actions_core/* getInput */.V4(constants/* Input */.pd.FixerTimeout),
        verify: actions_core/* getInput */.V4(constants/* Input */.pd.Verify),
        setup: actions_core/* getInput */.V4(constants/* Input */.pd.Setup),
        fixerRetries: actions_core/* getInput */.V4(constants/* Input */.pd.FixerRetries),
        verifyAlso: actions_core/* getMultilineInput */.q3(constants/* Input */.pd.VerifyAlso),
        ciWorkflow: actions_core/* getInput */.V4(constants/* Input */.pd.CiWorkflow)
    }, option => `the input '${HEAL_INPUTS[option]}'`, process.env);
    const { parseRunId } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(949), __nccwpck_require__.e(800), __nccwpck_require__.e(480), __nccwpck_require__.e(715)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4715));
    const result = await actions_core/* group */.Os(`Heal the ${request.kind} check`, async () => handOverForkFix(await healWithFactory(factory, cwd, request, coreLogger, {
        // With no checkout the branch to heal is named; with one, it is the checkout's.
        ref: (factory.environment === 'cloud' && actions_core/* getInput */.V4(constants/* Input */.pd.Ref)) || undefined,
        runId: parseRunId(actions_core/* getInput */.V4(constants/* Input */.pd.RunId), `The input '${constants/* Input */.pd.RunId}'`)
    }), process.env, coreLogger, checkLine(request.check)));
    actions_core/* setOutput */.uH(constants/* Output */.k7.Outcome, result.outcome);
    actions_core/* setOutput */.uH(constants/* Output */.k7.Result, JSON.stringify(result));
    if (result.check)
        actions_core/* setOutput */.uH(constants/* Output */.k7.Passed, String(result.check.passed));
    if (result.fingerprint)
        actions_core/* setOutput */.uH(constants/* Output */.k7.Fingerprint, result.fingerprint.id);
    const proposal = result.proposal;
    if (proposal) {
        if (proposal.branch)
            actions_core/* setOutput */.uH(constants/* Output */.k7.Branch, proposal.branch);
        // The fix's commit, whether this run made it or found its branch already holding it.
        const commit = proposal.commit ?? proposal.head;
        if (commit)
            actions_core/* setOutput */.uH(constants/* Output */.k7.Commit, commit);
        if (proposal.pullRequest) {
            actions_core/* setOutput */.uH(constants/* Output */.k7.PullRequestUrl, proposal.pullRequest.url);
            actions_core/* setOutput */.uH(constants/* Output */.k7.PullRequestNumber, String(proposal.pullRequest.number));
        }
    }
    actions_core/* setOutput */.uH(constants/* Output */.k7.PullRequestOperation, pullRequestOperation(result));
    if (proposal?.ci?.runId) {
        actions_core/* setOutput */.uH(constants/* Output */.k7.RunId, String(proposal.ci.runId));
        actions_core/* setOutput */.uH(constants/* Output */.k7.RunUrl, proposal.ci.url);
    }
    if (result.check && !result.check.passed) {
        // A step that succeeds leaves warnings, not errors, for the failure it healed (or was told not to fail for); a
        // flaky check's failures are warnings that name the flaky tests.
        annotateCheck(result.check, result.outcome === 'flaky'
            ? 'flaky: it passed when run again at the same commit'
            : result.ok
                ? result.outcome === 'healed'
                    ? `healed by self-heal: ${whereFixed(result)}`
                    : `self-heal does not fail the step: fail-when is ${result.failWhen}`
                : undefined);
    }
    if (result.outcome === 'flaky')
        actions_core/* warning */.$e(result.reason);
    else if (result.ok && result.outcome === 'healed')
        actions_core/* notice */.lm(result.reason);
    else
        actions_core/* info */.pq(result.reason);
    await summarizeHeal(result, command);
    if (!result.ok)
        actions_core/* setFailed */.C1(result.reason);
}
/** Where a healed run's fix is, in a few words. */
function whereFixed(result) {
    const proposal = result.proposal;
    if (proposal?.deliver === 'commit')
        return `commit ${proposal.commit} on ${proposal.branch}`;
    if (proposal?.pullRequest)
        return proposal.pullRequest.url;
    return proposal?.review?.url ?? proposal?.branch ?? 'see the job summary';
}
async function applyOperation(factory, cwd) {
    const inline = actions_core/* getInput */.V4(constants/* Input */.pd.Patch);
    const file = actions_core/* getInput */.V4(constants/* Input */.pd.PatchFile);
    if (Boolean(inline) === Boolean(file)) {
        throw new errors/* InvalidInputError */.oC(`Give exactly one of the inputs '${constants/* Input */.pd.Patch}' or '${constants/* Input */.pd.PatchFile}'.`);
    }
    // Inputs lose their final newline; a diff needs it. A file is read as bytes: the diff may hold any encoding.
    const diff = inline ? `${inline.replace(/\n?$/, '\n')}` : await external_node_fs_.promises.readFile((0,external_node_path_.resolve)(cwd, file));
    const { runApply } = await __nccwpck_require__.e(/* import() */ 314).then(__nccwpck_require__.bind(__nccwpck_require__, 8314));
    const result = await runApply(await factory.git(), {
        diff,
        branch: actions_core/* getInput */.V4(constants/* Input */.pd.Branch, { required: true }),
        message: actions_core/* getInput */.V4(constants/* Input */.pd.Message, { required: true }),
        base: actions_core/* getInput */.V4(constants/* Input */.pd.Base) || undefined,
        pullRequest: actions_core/* getBooleanInput */.Vt(constants/* Input */.pd.PullRequest)
            ? { title: actions_core/* getInput */.V4(constants/* Input */.pd.Title) || undefined, body: actions_core/* getInput */.V4(constants/* Input */.pd.Body) || undefined }
            : undefined
    });
    actions_core/* setOutput */.uH(constants/* Output */.k7.Commit, result.commit);
    actions_core/* setOutput */.uH(constants/* Output */.k7.Branch, result.branch);
    if (result.pullRequest) {
        actions_core/* setOutput */.uH(constants/* Output */.k7.PullRequestUrl, result.pullRequest.url);
        actions_core/* setOutput */.uH(constants/* Output */.k7.PullRequestNumber, String(result.pullRequest.number));
    }
    await summarizeApply(result);
}
async function dispatchOperation(settings) {
    if (!settings.repository) {
        throw new errors/* ConfigurationError */.j1("No repository: set the input 'repository' (default: the workflow's repository).");
    }
    const timeout = actions_core/* getInput */.V4(constants/* Input */.pd.Timeout);
    const wait = actions_core/* getBooleanInput */.Vt(constants/* Input */.pd.Wait);
    const { dispatch, dispatchActionOutputs, parseInputOptions } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(874), __nccwpck_require__.e(159), __nccwpck_require__.e(754)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3754));
    const result = await dispatch({
        workflow: actions_core/* getInput */.V4(constants/* Input */.pd.Workflow, { required: true }),
        ref: actions_core/* getInput */.V4(constants/* Input */.pd.Ref) || process.env.GITHUB_REF_NAME || undefined,
        inputs: parseInputOptions(actions_core/* getMultilineInput */.q3(constants/* Input */.pd.Inputs)),
        wait,
        timeoutSeconds: timeout ? (0,src_settings/* readPositive */.S7)(timeout, `Input '${constants/* Input */.pd.Timeout}'`) : undefined,
        repository: settings.repository,
        token: settings.token,
        apiUrl: settings.apiUrl,
        log: actions_core/* info */.pq
    });
    for (const [name, value] of Object.entries(dispatchActionOutputs(result)))
        actions_core/* setOutput */.uH(name, value);
    await summarizeDispatch(result);
    if (wait && result.conclusion !== 'success') {
        actions_core/* setFailed */.C1(`Run ${result.runId} concluded ${result.conclusion}: ${result.runUrl}`);
    }
}
async function deliverOperation(settings) {
    if (!settings.token) {
        throw new errors/* ConfigurationError */.j1("operation 'deliver' needs a token with pull-requests: write and actions: read (the input 'token').");
    }
    if (!settings.repository) {
        throw new errors/* ConfigurationError */.j1("operation 'deliver' needs the repository (the input 'repository').");
    }
    const [{ deliverFix, readDeliverMode, readTriggeringRun }, { readPolicy }, { createGitHubClient }, { GitHubAPIAdapter }, { GitHubStorageAdapter }] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(243), __nccwpck_require__.e(908), __nccwpck_require__.e(949), __nccwpck_require__.e(800), __nccwpck_require__.e(56)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8056)),
        Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(243), __nccwpck_require__.e(908), __nccwpck_require__.e(949), __nccwpck_require__.e(800), __nccwpck_require__.e(306)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4306)),
        Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(874), __nccwpck_require__.e(834)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7834)),
        Promise.all(/* import() */[__nccwpck_require__.e(908), __nccwpck_require__.e(61), __nccwpck_require__.e(410)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8410)),
        Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(61), __nccwpck_require__.e(463)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5463))
    ]);
    const mode = readDeliverMode(actions_core/* getInput */.V4(constants/* Input */.pd.Deliver), `the input '${constants/* Input */.pd.Deliver}'`);
    const token = settings.token;
    const run = readTriggeringRun(process.env);
    const client = createGitHubClient({
        token,
        apiUrl: settings.apiUrl,
        repository: settings.repository,
        log: coreLogger
    });
    const policyText = actions_core/* getInput */.V4(constants/* Input */.pd.Policy);
    const kindInput = actions_core/* getInput */.V4(constants/* Input */.pd.Kind);
    const kind = kindInput.trim() ? (0,check/* parseCheckKind */.SP)(kindInput, `input '${constants/* Input */.pd.Kind}'`) : undefined;
    const result = await deliverFix(client.octokit, run, {
        owner: client.owner,
        repo: client.repo,
        policy: policyText.trim() ? readPolicy(policyText, `the input '${constants/* Input */.pd.Policy}'`) : undefined,
        mode,
        // The check CI runs: deliver protects the files it runs, and those of the check the artifact names.
        check: actions_core/* getInput */.V4(constants/* Input */.pd.Command).trim() || undefined,
        kind,
        // The base files the fix changes, at the head it was made against (GitHub keeps a fork's pull request
        // commits in the base repository).
        storageAt: commit => new GitHubStorageAdapter(client, { commit }),
        // The fork's branch is written through the API with the same token: only an App or user token may.
        forkGit: repository => new GitHubAPIAdapter(createGitHubClient({
            token,
            apiUrl: settings.apiUrl,
            repository,
            log: coreLogger
        }))
    }, coreLogger);
    actions_core/* setOutput */.uH(constants/* Output */.k7.Outcome, result.outcome);
    actions_core/* setOutput */.uH(constants/* Output */.k7.Result, JSON.stringify(result));
    if (result.pullRequest)
        actions_core/* setOutput */.uH(constants/* Output */.k7.PullRequestNumber, String(result.pullRequest));
    if (result.commit) {
        actions_core/* setOutput */.uH(constants/* Output */.k7.Commit, result.commit.sha);
        actions_core/* setOutput */.uH(constants/* Output */.k7.Branch, result.commit.branch);
    }
    if (process.env.GITHUB_STEP_SUMMARY) {
        await actions_core/* summary */.z.addHeading('self-heal deliver', 3).addRaw(result.reason, true).write();
    }
    if (result.ok)
        actions_core/* info */.pq(result.reason);
    else
        actions_core/* setFailed */.C1(result.reason);
}


/***/ }),

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _actions_core_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1938);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _adapters_factory_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6942);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3645);
/**
 * The action's post step: flushes state the main step left (the Actions cache snapshot). Cleanup problems are
 * warnings, never a failed job.
 */




/** Runs the post step; never throws and never fails the job. */
async function runPost() {
    try {
        await (0,_adapters_factory_js__WEBPACK_IMPORTED_MODULE_2__/* .flushPendingState */ .H)(process.env, _main_js__WEBPACK_IMPORTED_MODULE_3__/* .coreLogger */ .Wj);
    }
    catch (error) {
        _actions_core_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`self-heal post step: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
    }
}


/***/ }),

/***/ 8750:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   S7: () => (/* binding */ readPositive),
/* harmony export */   UM: () => (/* binding */ graphqlUrlFor),
/* harmony export */   Yr: () => (/* binding */ TOKEN_VARIABLES),
/* harmony export */   _0: () => (/* binding */ readCount),
/* harmony export */   sb: () => (/* binding */ readSettings),
/* harmony export */   wo: () => (/* binding */ readUrl)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _surface_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7800);
/**
 * One settings object, read once from CLI options or action inputs (and the environment variables they default
 * to), then passed down. Secrets are masked the moment they are read.
 */



/** The variables a GitHub token is read from when none is given, first found wins. */
const TOKEN_VARIABLES = ['SELF_HEAL_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'];
const REPOSITORY = /^[A-Za-z0-9-_.]+\/[A-Za-z0-9-_.]+$/;
/** Builds Settings from raw values and the environment; a malformed value is a ConfigurationError. */
function readSettings(raw, env = process.env, mask = () => undefined) {
    const pick = (...values) => values.find(v => v !== undefined && v.trim() !== '')?.trim();
    const token = pick(raw.token, ...TOKEN_VARIABLES.map(name => env[name]));
    if (token)
        mask(token);
    const repository = pick(raw.repository, env.GITHUB_REPOSITORY);
    if (repository && !REPOSITORY.test(repository)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Repository '${repository}' is not of the form OWNER/NAME: ${(0,_surface_js__WEBPACK_IMPORTED_MODULE_2__/* .howToSet */ .ac)('repository')}.`);
    }
    const apiUrl = readUrl(pick(raw.apiUrl, env.GITHUB_API_URL) ?? 'https://api.github.com', `The API URL (${(0,_surface_js__WEBPACK_IMPORTED_MODULE_2__/* .settingName */ .QX)('apiUrl')})`);
    const graphqlUrl = readUrl(pick(env.GITHUB_GRAPHQL_URL) ?? graphqlUrlFor(apiUrl), 'The GraphQL URL (GITHUB_GRAPHQL_URL)');
    const serverUrl = stripSlash(pick(env.GITHUB_SERVER_URL) ?? 'https://github.com');
    const cwd = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(pick(raw.cwd) ?? process.cwd());
    const cachePath = pick(raw.cachePath, env.SELF_HEAL_CACHE_PATH);
    return {
        environment: pick(raw.environment),
        cwd,
        repository,
        token,
        apiUrl,
        graphqlUrl,
        serverUrl,
        // Relative to the directory worked in, as every other path the user gives.
        cachePath: cachePath && (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, cachePath)
    };
}
/** GitHub's GraphQL endpoint for a REST base URL: `/graphql` on github.com, `/api/graphql` on GHES (`/api/v3`). */
function graphqlUrlFor(apiUrl) {
    const base = stripSlash(apiUrl);
    return base.endsWith('/api/v3') ? `${base.slice(0, -'/v3'.length)}/graphql` : `${base}/graphql`;
}
/** A whole number of 0 or more from a CLI option or an action input; `what` names it in the error. */
function readCount(value, what) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`${what} must be a whole number of 0 or more (got '${value}').`);
    }
    return n;
}
/** A positive number (of seconds, say) from a CLI option or an action input; `what` names it in the error. */
function readPositive(value, what) {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`${what} must be a positive number (got '${value}').`);
    }
    return n;
}
function stripSlash(url) {
    return url.replace(/\/+$/, '');
}
/**
 * An http(s) URL setting without its trailing slashes; `what` names it in the error. A URL with credentials in it
 * (`https://user:token@host`) is refused: the token goes in its own setting, so that it is masked and sent only in
 * the Authorization header, and the message shows the URL with the credentials hidden.
 */
function readUrl(value, what) {
    const shown = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(value);
    let parsed;
    try {
        parsed = new URL(value);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
            throw new Error('not http(s)');
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${what} '${shown}' is not an http(s) URL: set it to e.g. https://api.github.com.`);
    }
    if (parsed.username || parsed.password) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${what} '${shown}' holds credentials: give the URL without them, and the token with --token, the ` +
            '`token` input or GITHUB_TOKEN.');
    }
    return stripSlash(value);
}


/***/ }),

/***/ 7800:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   QX: () => (/* binding */ settingName),
/* harmony export */   S1: () => (/* binding */ setSurface),
/* harmony export */   ac: () => (/* binding */ howToSet)
/* harmony export */ });
/* unused harmony export surface */
/**
 * Which face of self-heal the user is in front of: the CLI (a terminal) or the action (a workflow). Messages that
 * tell the user which setting to change name it the way it is given there: `--token` or GITHUB_TOKEN in a
 * terminal, the input `token` in a workflow. The CLI's main() and the action's run() set it once at startup;
 * everything else only reads it, so no module has to carry the surface down to the errors it raises.
 */
const NAMES = {
    token: { option: '--token', value: 'TOKEN', input: 'token', variable: 'GITHUB_TOKEN' },
    repository: {
        option: '--repository',
        value: 'OWNER/NAME',
        input: 'repository',
        variable: 'GITHUB_REPOSITORY'
    },
    apiUrl: { option: '--api-url', value: 'URL', input: 'api-url', variable: 'GITHUB_API_URL' },
    cwd: { option: '--cwd', value: 'DIR', input: 'working-directory' },
    title: { option: '--title', value: 'TITLE', input: 'title' },
    message: { option: '--message', value: 'MSG', input: 'message' }
};
let current = 'cli';
/** Sets the surface; called once, by the entry point. */
function setSurface(surface) {
    current = surface;
}
/** The surface set at startup (the CLI unless the action's run() said otherwise). */
function surface() {
    return current;
}
/** The setting as the user gives it here: `--token or GITHUB_TOKEN` in the CLI, the input `token` in the action. */
function settingName(setting) {
    const naming = NAMES[setting];
    if (current === 'action')
        return `the input \`${naming.input}\``;
    return naming.variable ? `${naming.option} or ${naming.variable}` : naming.option;
}
/** How to give the setting here: `pass --token TOKEN or set GITHUB_TOKEN`, or set the input `token`. */
function howToSet(setting) {
    const naming = NAMES[setting];
    if (current === 'action')
        return `set the input \`${naming.input}\``;
    const pass = `pass ${naming.option} ${naming.value}`;
    return naming.variable ? `${pass} or set ${naming.variable}` : pass;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 4584:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
