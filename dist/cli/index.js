#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

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

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_program_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1648);
/** The `self-heal` CLI's entry point: everything happens in cli/program.ts. */

// A reader that stops early (`self-heal heal --help | head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', error => {
    if (error.code === 'EPIPE')
        process.exit(process.exitCode ?? 0);
    throw error;
});
process.exitCode = await (0,_cli_program_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1648:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: describeHeal

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./node_modules/commander/index.js
var commander = __nccwpck_require__(8909);
;// CONCATENATED MODULE: ./node_modules/commander/esm.mjs


// wrapper to provide named exports for ESM.
const {
  /* program */ "DM": program,
  /* createCommand */ "gu": createCommand,
  /* createArgument */ "er": createArgument,
  /* createOption */ "Ww": createOption,
  /* CommanderError */ "b7": CommanderError,
  /* InvalidArgumentError */ "Di": InvalidArgumentError,
  /* InvalidOptionArgumentError */ "a2": InvalidOptionArgumentError, // deprecated old name
  /* Command */ "uB": Command,
  /* Argument */ "ef": Argument,
  /* Option */ "c$": Option,
  /* Help */ "_V": Help,
} = commander;

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/settings.ts
var src_settings = __nccwpck_require__(8750);
;// CONCATENATED MODULE: ./src/environment.ts
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
    throw new errors/* ConfigurationError */.j1(`Unknown ${source} '${value}': use one of ${ENVIRONMENTS.join(', ')}.`);
}
/** Whether `dir` or one of its parents holds a git checkout (a `.git` directory or file). */
function hasGitCheckout(dir) {
    return findWorkTree(dir) !== undefined;
}
/** The nearest of `dir` and its parents that holds a `.git` directory or file: the work tree `dir` is in. */
function findWorkTree(dir) {
    let current = (0,external_node_path_.resolve)(dir);
    for (;;) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(current, '.git')))
            return current;
        const parent = (0,external_node_path_.dirname)(current);
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
        const token = options.token ?? src_settings/* TOKEN_VARIABLES */.Yr.some(name => env[name]?.trim());
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

// EXTERNAL MODULE: ./src/surface.ts
var surface = __nccwpck_require__(7800);
;// CONCATENATED MODULE: ./src/adapters/factory.ts
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



const tokenHint = () => `a GitHub token: ${(0,surface/* howToSet */.ac)('token')}`;
const repositoryHint = () => `the repository: ${(0,surface/* howToSet */.ac)('repository')}`;
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
        const { GitHubActionsExecutionAdapter } = await Promise.all(/* import() */[__nccwpck_require__.e(82), __nccwpck_require__.e(814), __nccwpck_require__.e(351)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3732));
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
                throw new errors/* ConfigurationError */.j1(`The ${this.environment} environment needs ${tokenHint()}.`);
            if (!repository)
                throw new errors/* ConfigurationError */.j1(`The ${this.environment} environment needs ${repositoryHint()}.`);
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
            : Promise.resolve(findWorkTree(this.settings.cwd) ?? this.settings.cwd);
        return this.root;
    }
}
/** The post step's work: saves the Actions cache snapshot the main step left (never throws). */
async function flushPendingState(env, logger) {
    const { saveSnapshotInPost } = await __nccwpck_require__.e(/* import() */ 372).then(__nccwpck_require__.bind(__nccwpck_require__, 9372));
    await saveSnapshotInPost({ env, logger });
}

// EXTERNAL MODULE: ./src/commands/check.ts
var check = __nccwpck_require__(9238);
// EXTERNAL MODULE: ./src/heal/report.ts
var report = __nccwpck_require__(9846);
// EXTERNAL MODULE: ./src/adapters/local/scrub-env.ts
var scrub_env = __nccwpck_require__(513);
// EXTERNAL MODULE: ./src/log.ts
var log = __nccwpck_require__(5625);
;// CONCATENATED MODULE: ./src/version.ts
/** self-heal's version, shown by `--version` and sent in the User-Agent. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli/help.ts
/**
 * What `--help` shows after each command's options: what the option list does not say, examples, what the command
 * prints, and its exit codes (program.ts's contract: 0 succeeded, 1 ran and did not succeed, 2 bad usage, input or
 * configuration). Lines stay within 80 columns, as commander's own help does.
 */
/** After the list of commands. */
const PROGRAM_HELP = `
Every command has --help, with examples. Common options of every command:
  --environment local|ci|cloud   --cwd DIR   --repository OWNER/NAME
  --token TOKEN (or GITHUB_TOKEN)   --api-url URL (or GITHUB_API_URL)
  --cache-path FILE   --json

With --json a command prints exactly one JSON object on stdout (an error too:
{"error": {"type", "message", "exitCode"}}); logs go to stderr.

Exit codes:
  0  the operation succeeded
  1  it ran and did not succeed
  2  bad usage, input or configuration (the message says what to change)`;
/** `self-heal env --help`. */
const ENV_HELP = `
Examples:
  self-heal env
  self-heal env --json
  self-heal env --repository octo/repo --token "$GITHUB_TOKEN"

Prints the environment (local, ci or cloud) and why, the adapter chosen for
each port, the fix memory's file in local, and the settings that are missing.
With --json:
  {"environment", "reason", "adapters": {"storage", "git", "cache",
  "execution"}, "missing", "repository", "cachePath"}

Exit codes:
  0  printed (a missing token or repository is listed, not an error)
  2  bad usage or configuration (e.g. an unknown --environment)`;
/** `self-heal check --help`. */
const CHECK_HELP = `
Give exactly one of --test, --build, --lint or --command. The command runs as
a workflow \`run:\` step runs it (bash -e on Linux and macOS); its output goes
to stderr. In cloud it runs in a workflow run of self-heal-run.yml, whose
status and URL are shown on stderr while it runs, on --ref (default: the
default branch).

Examples:
  self-heal check --test "npm test" --report junit.xml
  self-heal check --lint "npx eslint ." --json
  self-heal check --build "npx tsc --noEmit" --timeout 600
  self-heal check --environment cloud --repository octo/repo --ref feature \\
    --test "npm test"

With --json:
  {"kind", "passed", "exitCode", "timedOut", "failedTests", "problems",
  "durationMs", "outputTail"}

Exit codes:
  0  the check passed
  1  the check failed or timed out
  2  bad usage, input or configuration`;
/** `self-heal apply --help`. */
const APPLY_HELP = `
Locally the commit is made in a temporary index: your branch, index and work
tree are never touched, and a branch that is checked out is refused. In ci and
cloud it is committed through the API (signed by GitHub). A pull request needs
a GitHub token (--token or GITHUB_TOKEN) and the repository (--repository,
GITHUB_REPOSITORY or a GitHub remote \`origin\`).

Examples:
  git diff --binary > fix.diff
  self-heal apply --patch fix.diff --branch fix/lint --message "Fix lint"
  git diff --binary | self-heal apply --patch - --branch fix/lint \\
    --message "Fix lint" --pull-request

With --json:
  {"branch", "commit", "files", "pullRequest": {"number", "url", "action"}}

Exit codes:
  0  committed (and the pull request opened or updated)
  1  not committed: the branch moved with conflicting changes, or the GitHub
     API failed
  2  bad usage, input or configuration: a diff that does not apply (the file
     and hunk are named), a path outside the repository, a missing token or
     permission; nothing was changed`;
/** `self-heal dispatch --help`. */
const DISPATCH_HELP = `
Needs a GitHub token with \`actions: write\` (--token or GITHUB_TOKEN) and the
repository (--repository, GITHUB_REPOSITORY or a GitHub remote \`origin\`).
With --wait the run's status and URL are shown on stderr every few seconds
until it completes.

Examples:
  self-heal dispatch --workflow ci.yml --ref main
  self-heal dispatch --workflow self-heal-run.yml --ref main \\
    --input command="npm test" --wait --json

With --json:
  {"runId", "runUrl", "conclusion", "status", "workflow", "ref", ...}; with
  --wait also "jobs", "failedTests", "problems", "annotations", "logTail"

Exit codes:
  0  dispatched (without --wait), or the run concluded success
  1  the run concluded otherwise (failure, cancelled, ...), or --timeout
     passed (the run is cancelled)
  2  bad usage or configuration (a missing token, an unknown workflow, a
     refused input)`;
/** `self-heal heal --help`. */
const HEAL_HELP = `
Runs --check; when it fails, runs it again at the same commit (a pass then is
flaky), fingerprints the failure, tries the fix remembered for it, then each
--fix in order; refuses a diff the policy forbids; verifies the fix by running
the check again; commits it on the branch self-heal/<fingerprint> (the prefix
is --branch-prefix) and opens a pull request to --base (--deliver none: only
verifies and reports it). Tracked files must match HEAD (untracked files are
fine); the checkout is left as it was found. --title, --body and
--commit-message are templates: {fingerprint}, {check}, {fixer},
{failed-tests} and {run-url} are filled in.

A pull request needs a GitHub token (--token or GITHUB_TOKEN) and the
repository (--repository, GITHUB_REPOSITORY or a GitHub remote \`origin\`);
locally, without them, the fix stays on the local branch. The fix memory is
SQLite in local and in cloud outside Actions (--cache-path FILE; \`self-heal
env\` shows where), the Actions cache in ci.

With no checkout (--environment cloud --repository O/R --ref BRANCH), the
check and the fixers run on GitHub Actions (the runner workflow
.github/workflows/self-heal-run.yml, on the default branch); the fix is
policed here, committed through the API, verified by a check on its branch,
and proposed. --policy then names a file in the repository (default branch).
--run-id ID heals the failure of that completed run (e.g. of CI) instead: its
jobs, annotations and log are the check's result, so a remembered fix is
verified and proposed with no run of the check first.

Examples:
  self-heal heal --kind lint --check "npx eslint ." --fix "npx eslint --fix ."
  self-heal heal --check "npm test" --fix "./scripts/ai-fix.sh" --dry-run
  self-heal heal --environment cloud --repository octo/repo --ref feature \\
    --kind lint --check "npx eslint ." --fix "npx eslint --fix ."
  self-heal heal --kind build --check "npx tsc --noEmit" --fix ./fix.sh \\
    --policy .github/self-heal.yml --repository octo/repo --json

With --json:
  {"outcome", "ok", "reason", "kind", "check", "fingerprint", "attempts", "fix",
  "proposal": {"branch", "base", "commit", "action", "pullRequest"},
  "remembered", "dryRun"}

Outcomes (the "outcome" of --json, and the first word printed):
  passed        the check passed: nothing to heal                     exit 0
  flaky         it failed, then passed at the same commit: reported,  exit 0
                never "fixed"
  healed        a fix was verified and proposed (with --dry-run or    exit 0
                --deliver none: verified only)
  skipped       the commit or branch is self-heal's own               exit 0
  disabled      SELF_HEAL_DISABLED is set                             exit 0
  not-healed    no fix was verified                                   exit 1
  not-proposed  verified, but not proposed here: a pull request from  exit 1
                a fork, or the fix branch holds another change
  broken-check  the check could not run (command not found, a        exit 1
                linter's crash, a configuration error): no fixer ran

Exit codes:
  0  passed, flaky, healed, skipped or disabled
  1  not-healed, not-proposed or broken-check
  2  bad usage, input or configuration: no --check, an unknown --kind,
     tracked files that differ from HEAD, no runner workflow (in cloud)`;

;// CONCATENATED MODULE: ./src/cli/status-line.ts
/** stderr with one progress line that a terminal rewrites in place. */
class StatusLine {
    write;
    columns;
    everyMs;
    // On a terminal: a progress line is shown and not yet ended by a newline.
    open = false;
    shown;
    constructor(options) {
        this.write = options.write;
        this.columns = options.columns;
        this.everyMs = options.everyMs ?? 30_000;
    }
    /** Writes text, after ending the progress line on screen. */
    text = (text) => {
        if (text === '')
            return;
        this.end();
        this.write(text);
    };
    /** Shows where a run is. */
    progress = (progress) => {
        const line = describeProgress(progress);
        if (this.columns !== undefined) {
            // A line wider than the terminal wraps, and `\r` would then rewrite only its last row.
            const width = Math.max(20, this.columns - 1);
            this.write(`\r${line.length > width ? `${line.slice(0, width - 1)}…` : line}\x1b[K`);
            this.open = true;
            return;
        }
        const last = this.shown;
        const due = !last ||
            last.runId !== progress.runId ||
            last.status !== progress.status ||
            progress.elapsedMs - last.elapsedMs >= this.everyMs;
        if (!due)
            return;
        this.shown = { runId: progress.runId, status: progress.status, elapsedMs: progress.elapsedMs };
        this.write(`${line}\n`);
    };
    /** Ends the progress line on screen, if one is shown. */
    end() {
        if (!this.open)
            return;
        this.write('\n');
        this.open = false;
    }
}
/** `run 123 in progress (waited 45 s): https://…`. */
function describeProgress(progress) {
    const status = progress.status.replace(/_/g, ' ');
    const waited = Math.round(progress.elapsedMs / 1000);
    return `run ${progress.runId} ${status} (waited ${waited} s)${progress.url ? `: ${progress.url}` : ''}`;
}

;// CONCATENATED MODULE: ./src/cli/program.ts
/**
 * The `self-heal` CLI: commander wiring, the JSON and exit-code contract (0 succeeded, 1 ran and did not
 * succeed, 2 bad usage, input or configuration), and one JSON object on stdout with `--json` (logs on stderr) —
 * for a usage error too, which commander would otherwise only print as text.
 */
// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.















const defaultIo = {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    echo: process.stderr,
    env: process.env,
    readStdin: async () => {
        const chunks = [];
        for await (const chunk of process.stdin)
            chunks.push(chunk);
        return Buffer.concat(chunks).toString('utf8');
    },
    get stderrColumns() {
        return process.stderr.isTTY ? process.stderr.columns : undefined;
    }
};
/** Runs the CLI with `argv` (without `node` and the script) and resolves with the exit code. */
async function main(argv, cliIo = defaultIo) {
    (0,surface/* setSurface */.S1)('cli');
    const status = new StatusLine({ write: cliIo.stderr, columns: cliIo.stderrColumns });
    const io = { ...cliIo, stderr: status.text, status };
    const state = {
        exitCode: 0,
        // Usage errors happen before a command's options exist: until then, --json is read from argv.
        json: wantsJson(argv),
        command: undefined
    };
    const program = buildProgram(io, state, argv);
    try {
        await program.parseAsync(argv, { from: 'user' });
    }
    catch (error) {
        status.end();
        if (error instanceof CommanderError) {
            // --help and --version end here with code 0.
            if (error.exitCode === 0)
                return 0;
            // Commander has printed the usage error on stderr; --json still gets its one object.
            if (state.json)
                printJsonError(io, usageError(error, state.command));
            return 2;
        }
        return reportError(io, error, state.json);
    }
    return state.exitCode;
}
/** Whether `--json` is among the options (before a `--` that ends them). */
function wantsJson(argv) {
    const end = argv.indexOf('--');
    return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}
/** A commander usage error (an unknown option, a missing required one, no command) as a UsageError. */
function usageError(error, command) {
    const message = error.code === 'commander.help' || error.code === 'commander.helpDisplayed'
        ? `give a command: ${COMMANDS.join(', ')}`
        : error.message.replace(/^error: /, '').replace(/\.$/, '');
    return new errors/* UsageError */.eb(`${message}: run 'self-heal${command ? ` ${command}` : ''} --help' for usage.`);
}
/** Prints an error on stderr (and with --json as the JSON object on stdout), and returns the exit code. */
function reportError(io, error, json) {
    io.stderr(`self-heal: ${(0,errors/* errorMessage */.gJ)(error)}\n`);
    if (!(error instanceof errors/* SelfHealError */.ZO) && io.env.SELF_HEAL_DEBUG && error instanceof Error && error.stack) {
        io.stderr(`${error.stack}\n`);
    }
    if (json)
        printJsonError(io, error);
    return exitCodeOf(error);
}
function printJsonError(io, error) {
    // Only self-heal's own errors have names that survive bundling; anything else is a plain Error.
    const type = error instanceof errors/* SelfHealError */.ZO ? error.name : 'Error';
    const body = { type, message: (0,errors/* errorMessage */.gJ)(error), exitCode: exitCodeOf(error) };
    io.stdout(`${JSON.stringify({ error: body })}\n`);
}
function exitCodeOf(error) {
    return error instanceof errors/* SelfHealError */.ZO ? error.exitCode : 1;
}
const COMMANDS = ['env', 'check', 'apply', 'dispatch', 'heal', 'memory'];
const COMMON_OPTIONS = 'Common options:';
function buildProgram(io, state, argv) {
    // A command named first is the only one that can run: the others are not built (their options cost a start a few
    // milliseconds). Anything else (--help, help, an unknown or misspelt command) gets them all.
    const named = COMMANDS.includes(argv[0]) ? argv[0] : undefined;
    const wanted = (name) => named === undefined || named === name;
    const program = new Command('self-heal')
        .description("Keeps a repository's checks green: run checks, commit verified fixes, dispatch workflow runs.")
        .version(VERSION)
        .exitOverride()
        .configureOutput({ writeOut: text => io.stdout(text), writeErr: text => io.stderr(text) })
        .configureHelp({
        // Each command's own options first, then those every command has (which are added first).
        groupItems(unsorted, visible, getGroup) {
            const groups = new Help().groupItems(unsorted, visible, getGroup);
            const common = groups.get(COMMON_OPTIONS);
            if (common) {
                groups.delete(COMMON_OPTIONS);
                groups.set(COMMON_OPTIONS, common);
            }
            return groups;
        }
    })
        .showHelpAfterError("(run 'self-heal --help' for usage)")
        .addHelpText('after', PROGRAM_HELP)
        .hook('preSubcommand', (_program, command) => {
        state.command = command.name();
    });
    const run = (handler) => {
        return async (options) => {
            state.json = Boolean(options.json);
            const outcome = await handler(options, cliLogger(io));
            io.status.end();
            io.stdout(options.json
                ? `${JSON.stringify(outcome.json)}\n`
                : outcome.text.endsWith('\n')
                    ? outcome.text
                    : `${outcome.text}\n`);
            state.exitCode = outcome.ok ? 0 : 1;
        };
    };
    if (wanted('env'))
        withCommon(subcommand(program, 'env', '[options]'))
            .description('Show the detected environment and the adapter chosen for each port.')
            .addHelpText('after', ENV_HELP)
            .action(run(async (options) => {
            const { factory, detection } = prepare(options, io);
            const description = await factory.describe();
            const json = { environment: detection.environment, reason: detection.reason, ...description };
            const text = [
                `environment: ${detection.environment} (${detection.reason}: ${REASON_TEXT[detection.reason]})`,
                ...Object.entries(description.adapters).map(([port, kind]) => `${port.padEnd(10)} ${kind}${port === 'cache' && description.cachePath ? ` (${description.cachePath})` : ''}`),
                ...(description.missing.length ? [`missing: ${description.missing.join('; ')}`] : [])
            ].join('\n');
            return { json, text, ok: true };
        }));
    if (wanted('check'))
        withCommon(subcommand(program, 'check', '--test|--build|--lint|--command <cmd> [options]'))
            .description('Run one check (tests, build, lint or a command) and report structured results.')
            .addHelpText('after', CHECK_HELP)
            .addOption(new Option('--test <cmd>', 'run tests with this command'))
            .addOption(new Option('--build <cmd>', 'run a build with this command'))
            .addOption(new Option('--lint <cmd>', 'run lint with this command'))
            .addOption(new Option('--command <cmd>', 'run a plain command'))
            .option('--timeout <seconds>', 'stop the command (and everything it started) after this many seconds', v => (0,src_settings/* readPositive */.S7)(v, '--timeout'))
            .option('--report <path>', 'a report file the command writes (JUnit XML, TAP, Jest JSON or ESLint JSON)')
            .option('--ref <ref>', 'in cloud: the branch, tag or commit SHA to check (default: the default branch)')
            .option('--pass-env <name>', PASS_ENV_HELP, collect, [])
            .action(run(async (options, logger) => {
            const chosen = check/* CHECK_KINDS */.FZ.filter(kind => typeof options[kind] === 'string');
            if (chosen.length !== 1) {
                throw new errors/* InvalidInputError */.oC('Give exactly one of --test CMD, --build CMD, --lint CMD or --command CMD.');
            }
            const kind = chosen[0];
            const { factory, settings, detection } = prepare(options, io);
            const ref = options.ref;
            if (ref && detection.environment !== 'cloud') {
                throw new errors/* ConfigurationError */.j1(`--ref checks a ref with no checkout, in the cloud environment: add --environment cloud (and --repository), or check ${ref} out and run the check here.`);
            }
            try {
                const execution = await factory.execution();
                logger.info(`Running ${kind} check: ${String(options[kind])}`);
                const result = await (0,check/* runCheck */.k_)(execution, kind, String(options[kind]), {
                    timeoutSeconds: options.timeout,
                    reportPath: options.report,
                    // Local processes run where the user is; a remote run starts at the repository root.
                    cwd: detection.environment === 'cloud' ? undefined : settings.cwd,
                    ...(ref ? { ref } : {})
                });
                return { json: result, text: describeCheck(result), ok: result.passed };
            }
            finally {
                await factory.close();
            }
        }));
    if (wanted('apply'))
        withCommon(subcommand(program, 'apply', '--patch <file> --branch <name> --message <msg> [options]'))
            .description('Commit a diff to a branch without touching your work tree, and optionally open a pull request.')
            .addHelpText('after', APPLY_HELP)
            .requiredOption('--patch <file>', "(required) the diff to apply (a file made by `git diff --binary`, or '-' for stdin)")
            .requiredOption('--branch <name>', '(required) the branch to commit to (created from --base when missing)')
            .requiredOption('--message <msg>', '(required) the commit message')
            .option('--base <ref>', 'the base of a new branch (default: HEAD, or the default branch in cloud)')
            .option('--pull-request', 'open a pull request for the branch, or update the open one')
            .option('--title <title>', 'the pull request title (default: the first line of the message)')
            .option('--body <body>', 'the pull request body')
            .action(run(async (options) => {
            const patchSource = String(options.patch);
            const diff = patchSource === '-'
                ? await io.readStdin()
                : await readPatch((0,external_node_path_.resolve)(options.cwd ?? '.', patchSource));
            const { factory } = prepare(options, io);
            try {
                const { runApply } = await __nccwpck_require__.e(/* import() */ 314).then(__nccwpck_require__.bind(__nccwpck_require__, 8314));
                const git = await factory.git();
                const result = await runApply(git, {
                    diff,
                    branch: String(options.branch),
                    message: String(options.message),
                    base: options.base,
                    pullRequest: options.pullRequest
                        ? { title: options.title, body: options.body }
                        : undefined
                });
                return { json: result, text: describeApply(result), ok: true };
            }
            finally {
                await factory.close();
            }
        }));
    if (wanted('dispatch'))
        withCommon(subcommand(program, 'dispatch', '--workflow <file> --ref <ref> [options]'))
            .description('Dispatch a workflow run on GitHub Actions, identify it, and optionally wait for its result.')
            .addHelpText('after', DISPATCH_HELP)
            .requiredOption('--workflow <file>', '(required) the workflow file name (e.g. self-heal-run.yml) or id')
            .requiredOption('--ref <ref>', '(required) the branch, tag or commit SHA to run on')
            .option('--input <key=value>', 'a workflow input (repeatable)', collect, [])
            .option('--wait', 'wait for the run to complete and report its conclusion, failed jobs, tests and log tail')
            .option('--timeout <seconds>', 'give up waiting after this many seconds (the run is cancelled)', v => (0,src_settings/* readPositive */.S7)(v, '--timeout'))
            .action(run(async (options, logger) => {
            const { factory, settings } = prepare(options, io);
            const { dispatch, dispatchExitCode, parseInputOptions } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(874), __nccwpck_require__.e(814), __nccwpck_require__.e(754)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3754));
            const repository = (await factory.describe()).repository;
            if (!repository) {
                throw new errors/* ConfigurationError */.j1('No repository: pass --repository OWNER/NAME (or set GITHUB_REPOSITORY).');
            }
            const result = await dispatch({
                workflow: String(options.workflow),
                ref: String(options.ref),
                inputs: parseInputOptions(options.input),
                wait: Boolean(options.wait),
                timeoutSeconds: options.timeout,
                repository,
                token: settings.token,
                apiUrl: settings.apiUrl,
                log: message => logger.info(message),
                onProgress: io.status.progress
            });
            return { json: result, text: describeDispatch(result), ok: dispatchExitCode(result) === 0 };
        }));
    if (wanted('heal'))
        withCommon(subcommand(program, 'heal', '--check <cmd> [options]'))
            .description('Run a check; when it fails, find a fix (remembered, or from your fixers), verify it, and propose it on a branch.')
            .addHelpText('after', HEAL_HELP)
            .requiredOption('--check <cmd>', '(required) the check to heal')
            .option('--kind <kind>', `what the check is: ${check/* CHECK_KINDS */.FZ.join(', ')}`, 'test')
            .option('--fix <cmd>', 'a fixer to run in the work tree, in order (repeatable); `auto` (the default) derives them from the check', collect, [])
            .option('--verify-also <cmd>', 'a further check a fix must pass before it counts (repeatable), e.g. the tests for a lint fix', collect, [])
            .option('--dry-run', 'everything but writes: no branch, no pull request, nothing remembered')
            .option('--policy <file>', 'what a fix may change (YAML): paths, sizes, protected files, suppressions')
            // Read and checked by buildHealRequest, as the action's inputs are.
            .option('--reruns <n>', 'runs of a failed check at the same commit before it counts as failing (default 1)')
            .option('--max-attempts <n>', 'most verification runs of the check in one heal (default 5)')
            .option('--base <branch>', 'the branch to propose the fix to (default: the branch checked out)')
            .option('--ref <branch>', 'in cloud: the branch to heal, with no checkout (default: the default branch)')
            .option('--run-id <id>', "in cloud: heal the failure of this completed workflow run (e.g. CI's), read from its jobs, annotations and log")
            .option('--timeout <seconds>', 'stop a run of the check (and everything it started) after this many seconds (default 1800)')
            .option('--report <path>', 'a report file the check writes (JUnit XML, TAP, Jest JSON or ESLint JSON)')
            .option('--fail-when <when>', 'exit 1 when: failing (the check fails), unhealed (no verified fix), never', 'unhealed')
            .option('--deliver <how>', "pull-request (default), none (verify and report only); in a pull request's workflow also commit or suggest")
            .option('--branch-prefix <prefix>', 'the fix branch is <prefix><fingerprint> (default self-heal/)')
            .option('--branch <name>', 'the whole fix branch name, {fingerprint} filled in (instead of --branch-prefix)')
            .option('--title <template>', "the fix's pull request title: {fingerprint}, {check}, {fixer}, {failed-tests} and {run-url} are filled in")
            .option('--body <template>', "the fix's pull request body (the placeholders of --title)")
            .option('--labels <names>', "labels of the fix's pull request, comma-separated")
            .option('--reviewers <logins>', 'reviewers to request, comma-separated')
            .option('--team-reviewers <slugs>', 'teams to request a review from, comma-separated')
            .option('--assignees <logins>', 'users to assign, comma-separated')
            .option('--draft', "open the fix's pull request as a draft")
            .option('--commit-message <template>', "the fix commit's message (the placeholders of --title; self-heal's trailer is added)")
            .option('--ci-workflow <file>', 'a workflow file (e.g. ci.yml) to dispatch on the fix branch once the fix is committed there')
            .option('--fixer-timeout <seconds>', 'stop a fixer (and everything it started) after this many seconds (default 600)')
            .option('--fix-in-place', "run fixers in the checkout itself, not in a copy of it (then an edit made while a fixer runs can't be told from the fixer's)")
            .option('--fixer-retries <n>', 'runs again of a fixer whose fix was refused or failed, told why (default 1 for a fixer that reads SELF_HEAL_PROMPT or SELF_HEAL_FAILURE, else 0)')
            .option('--pass-env <name>', PASS_ENV_HELP, collect, [])
            .option('--verify <mode>', 'in-place (default); clean: also verify in a fresh worktree with only the diff, after --setup; remote: also on the fix branch, in a run of the runner workflow, before the pull request')
            .option('--setup <cmd>', 'with --verify clean: run this in the clean copy before the check (e.g. npm ci)')
            .action(run(async (options, logger) => {
            const { factory, settings, detection } = prepare(options, io);
            const policyFile = options.policy;
            // With no checkout, the policy is the repository's own file, read from its default branch.
            const cloud = detection.environment === 'cloud';
            const { buildHealRequest } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(243), __nccwpck_require__.e(908), __nccwpck_require__.e(800), __nccwpck_require__.e(306)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4306));
            const request = buildHealRequest({
                check: String(options.check),
                kind: options.kind,
                fix: options.fix,
                dryRun: Boolean(options.dryRun),
                policy: policyFile
                    ? cloud
                        ? {
                            text: await readRepositoryText(factory, policyFile, '--policy'),
                            where: `${policyFile} on the default branch`
                        }
                        : { text: await readText((0,external_node_path_.resolve)(settings.cwd, policyFile), '--policy'), where: policyFile }
                    : undefined,
                reruns: options.reruns,
                maxAttempts: options.maxAttempts,
                base: options.base,
                timeout: options.timeout,
                report: options.report,
                failWhen: options.failWhen,
                deliver: options.deliver,
                branch: options.branch,
                branchPrefix: options.branchPrefix,
                title: options.title,
                body: options.body,
                labels: options.labels,
                reviewers: options.reviewers,
                teamReviewers: options.teamReviewers,
                assignees: options.assignees,
                draft: Boolean(options.draft),
                commitMessage: options.commitMessage,
                fixerTimeout: options.fixerTimeout,
                fixInPlace: Boolean(options.fixInPlace),
                verify: options.verify,
                setup: options.setup,
                fixerRetries: options.fixerRetries,
                verifyAlso: options.verifyAlso,
                ciWorkflow: options.ciWorkflow
            }, option => HEAL_OPTIONS[option], io.env);
            const { healWithFactory } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(800), __nccwpck_require__.e(140), __nccwpck_require__.e(368), __nccwpck_require__.e(571)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7571));
            const { parseRunId } = await Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(800), __nccwpck_require__.e(140), __nccwpck_require__.e(368)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3368));
            try {
                const result = await healWithFactory(factory, settings.cwd, request, logger, {
                    ref: options.ref,
                    runId: parseRunId(options.runId, '--run-id')
                });
                return { json: result, text: describeHeal(result), ok: result.ok };
            }
            finally {
                await factory.close();
            }
        }));
    if (wanted('memory'))
        withCommon(subcommand(program, 'memory', '<list|show|forget|export|import> [FINGERPRINT|FILE]'))
            .description('The fix memory of this repository: list, show or forget remembered fixes, export them as JSON, import an export (a file, or - for stdin).')
            .argument('<action>', 'list, show FINGERPRINT, forget FINGERPRINT, export, or import [FILE|-]')
            .argument('[target]', 'the fingerprint (show, forget) or the export to read (import; default -, stdin)')
            .action(async (action, target, options) => run(async () => {
            const { factory, settings } = prepare(options, io);
            try {
                const [{ repositoryIdentity }, { checkoutIdentity }] = await Promise.all([
                    Promise.all(/* import() */[__nccwpck_require__.e(16), __nccwpck_require__.e(908), __nccwpck_require__.e(800), __nccwpck_require__.e(140), __nccwpck_require__.e(368), __nccwpck_require__.e(571)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7571)),
                    __nccwpck_require__.e(/* import() */ 140).then(__nccwpck_require__.bind(__nccwpck_require__, 3140))
                ]);
                const cache = await factory.cache();
                const repository = await repositoryIdentity(factory, () => checkoutIdentity(settings.cwd));
                return await memoryAction(cache, repository, action, target, async (path) => path === '-' ? io.readStdin() : readText((0,external_node_path_.resolve)(settings.cwd, path), 'the export'));
            }
            finally {
                await factory.close();
            }
        })(options));
    return program;
}
/** Runs one `memory` action; its JSON, text and whether it succeeded. */
async function memoryAction(cache, repository, action, target, read) {
    const { exportMemory, forgetMemory, importMemory, listMemory, showMemory } = await __nccwpck_require__.e(/* import() */ 479).then(__nccwpck_require__.bind(__nccwpck_require__, 8479));
    const needs = (what) => {
        if (!target)
            throw new errors/* InvalidInputError */.oC(`memory ${action} needs the ${what}: self-heal memory ${action} FINGERPRINT.`);
        return target;
    };
    switch (action) {
        case 'list': {
            const fixes = await listMemory(cache, repository);
            const text = fixes.length
                ? fixes
                    .map(f => `${f.fingerprint}  ${f.kind}  verified ${f.verifiedAt}  replayed ${f.replays ?? 0}, failed ${f.failures ?? 0}  ${f.fixers.join(' && ') || '(no fixer recorded)'}`)
                    .join('\n')
                : 'No fix is remembered for this repository.';
            return { json: { repository, fixes: fixes.map(({ diff: _diff, ...rest }) => rest) }, text, ok: true };
        }
        case 'show': {
            const fix = await showMemory(cache, repository, needs('fingerprint'));
            if (!fix)
                return {
                    json: { fingerprint: target, found: false },
                    text: `No fix is remembered for ${target}.`,
                    ok: false
                };
            return {
                json: fix,
                text: `${fix.fingerprint} (${fix.kind}, verified ${fix.verifiedAt}${fix.commit ? ` at ${fix.commit.slice(0, 12)}` : ''}) by ${fix.fixers.join(' && ') || 'no fixer recorded'}\n${fix.diff}`,
                ok: true
            };
        }
        case 'forget': {
            const forgotten = await forgetMemory(cache, repository, needs('fingerprint'));
            return {
                json: { fingerprint: target, forgotten },
                text: forgotten ? `Forgot the fix for ${target}.` : `No fix was remembered for ${target}.`,
                ok: true
            };
        }
        case 'export': {
            const doc = await exportMemory(cache, repository);
            return { json: doc, text: JSON.stringify(doc, null, 2), ok: true };
        }
        case 'import': {
            const path = target ?? '-';
            const { imported } = await importMemory(cache, repository, await read(path), path === '-' ? 'stdin' : path);
            return { json: { imported }, text: `Imported ${imported.length} fix(es).`, ok: true };
        }
        default:
            throw new errors/* InvalidInputError */.oC(`Unknown memory action '${action}': give list, show, forget, export or import.`);
    }
}
/** The CLI option behind each of heal's inputs. */
const HEAL_OPTIONS = {
    check: '--check',
    kind: '--kind',
    fix: '--fix',
    dryRun: '--dry-run',
    policy: '--policy',
    reruns: '--reruns',
    maxAttempts: '--max-attempts',
    base: '--base',
    timeout: '--timeout',
    report: '--report',
    failWhen: '--fail-when',
    deliver: '--deliver',
    branch: '--branch',
    branchPrefix: '--branch-prefix',
    title: '--title',
    body: '--body',
    labels: '--labels',
    reviewers: '--reviewers',
    teamReviewers: '--team-reviewers',
    assignees: '--assignees',
    draft: '--draft',
    commitMessage: '--commit-message',
    fixerTimeout: '--fixer-timeout',
    fixInPlace: '--fix-in-place',
    verify: '--verify',
    setup: '--setup',
    fixerRetries: '--fixer-retries',
    verifyAlso: '--verify-also',
    ciWorkflow: '--ci-workflow'
};
async function readText(path, option) {
    try {
        return await external_node_fs_.promises.readFile(path, 'utf8');
    }
    catch (error) {
        throw new errors/* InvalidInputError */.oC(`Cannot read ${option} '${path}': ${(0,errors/* errorMessage */.gJ)(error)}.`);
    }
}
/** A text file of the repository, through the Storage port (in cloud: the default branch, through the API). */
async function readRepositoryText(factory, path, option) {
    const storage = await factory.storage();
    try {
        return (await storage.readFile(path)).toString('utf8');
    }
    catch (error) {
        if (!(error instanceof errors/* FileNotFoundError */.kG))
            throw error;
        throw new errors/* InvalidInputError */.oC(`Cannot read ${option} '${path}': the repository has no such file on its default branch (with no checkout, ${option} names a file in the repository).`);
    }
}
/** Heal's text output: the outcome and why, then the facts behind it (what failed, what was tried, the fix). */
function describeHeal(r) {
    const lines = [`${r.outcome}: ${r.reason}`];
    if (r.check?.timedOut) {
        lines.push(`  the check timed out: --timeout ended it after ${(r.check.durationMs / 1000).toFixed(1)} s`);
    }
    if (r.check && !r.check.passed) {
        const { shown, total } = (0,report/* failureLines */.w7)(r.check);
        if (shown.length)
            lines.push(`  ${r.check.failedTests.length ? 'failing' : 'problems'}:`);
        for (const line of shown)
            lines.push(`    ${(0,report/* formatFailure */.M3)(line)}`);
        if (total > shown.length)
            lines.push(`    ... and ${total - shown.length} more`);
        if (!shown.length && r.check.outputTail)
            lines.push(...tail(r.check.outputTail, 10, '    | '));
    }
    if (r.fingerprint)
        lines.push(`  fingerprint ${r.fingerprint.id} (${r.fingerprint.basis})`);
    for (const a of r.attempts) {
        const what = a.source === 'memory' ? 'remembered fix' : `fixer '${a.fixer}'`;
        if (a.result === 'crashed') {
            lines.push(`  ${what}: crashed (${a.timedOut ? 'the fixer timeout ended it' : `exit ${a.exitCode}`}, nothing changed)`);
            if (a.outputTail)
                lines.push(...tail(a.outputTail, 5, '    | '));
            continue;
        }
        const size = a.stats && a.result !== 'no-change' ? ` (${diffSize(a.stats)})` : '';
        lines.push(`  ${what}: ${a.result}${size}`);
        for (const v of a.violations ?? [])
            lines.push(`    ${v.message}`);
    }
    for (const path of r.excluded ?? [])
        lines.push(`  left out (untracked before heal started): ${path}`);
    if (r.proposal?.commit) {
        lines.push(`  commit ${r.proposal.commit} on ${r.proposal.branch}${r.proposal.from ? ` (made from ${r.proposal.from}, as the remote has ${r.proposal.base})` : ''}`);
    }
    if (r.proposal?.pullRequest) {
        lines.push(`  pull request #${r.proposal.pullRequest.number} ${r.proposal.pullRequest.action}: ${r.proposal.pullRequest.url}`);
    }
    else if (r.proposal?.branch) {
        lines.push(`  branch ${r.proposal.branch}${r.proposal.pullRequestSkipped ? ` (no pull request: ${r.proposal.pullRequestSkipped})` : ''}`);
    }
    const ci = r.proposal?.ci;
    if (ci)
        lines.push(`  ${ci.workflow}: ${ci.url ? `run ${ci.runId} ${ci.url}` : `not dispatched (${ci.skipped})`}`);
    if (r.dryRun && r.fix)
        lines.push('  the fix:', r.fix.diff.trimEnd());
    return lines.join('\n');
}
function diffSize(stats) {
    return `${(0,report/* plural */.LS)(stats.files, 'file')}, +${stats.added} -${stats.removed}`;
}
/** The last `count` lines of `text`, each after `prefix`. */
function tail(text, count, prefix) {
    return text
        .trimEnd()
        .split('\n')
        .slice(-count)
        .map(line => `${prefix}${line}`);
}
const PASS_ENV_HELP = 'a variable the check and fixers keep though it looks like a credential (repeatable; globs such as NPM_*); ' +
    'the token self-heal uses is never passed';
function collect(value, previous) {
    return [...previous, value];
}
function describeDispatch(r) {
    const lines = [`run ${r.runId} ${r.conclusion ? `concluded ${r.conclusion}` : r.status}: ${r.runUrl}`];
    for (const job of r.jobs ?? []) {
        if (job.failedSteps.length)
            lines.push(`  job ${job.name}: ${job.conclusion}, failed steps: ${job.failedSteps.join(', ')}`);
    }
    for (const t of r.failedTests ?? [])
        lines.push(`  ✗ ${t.name}`);
    if (r.conclusion && r.conclusion !== 'success' && r.logTail)
        lines.push(r.logTail);
    return lines.join('\n');
}
/** A subcommand with its usage line, and a pointer to its own help after a usage error. */
function subcommand(program, name, usage) {
    return program.command(name).usage(usage).showHelpAfterError(`(run 'self-heal ${name} --help' for usage)`);
}
/** Adds the options every command has, listed under their own heading after the command's own. */
function withCommon(command) {
    const common = (flags, description) => new Option(flags, description).helpGroup(COMMON_OPTIONS);
    return command
        .addOption(common('--environment <env>', 'force the environment').choices([...ENVIRONMENTS]))
        .addOption(common('--cwd <dir>', 'the directory to work in (default: the current directory)'))
        .addOption(common('--repository <owner/name>', 'the GitHub repository (default: GITHUB_REPOSITORY or the git remote)'))
        .addOption(common('--token <token>', 'a GitHub token (default: GITHUB_TOKEN)'))
        .addOption(common('--api-url <url>', 'the GitHub REST API URL (default: GITHUB_API_URL or https://api.github.com)'))
        .addOption(common('--cache-path <file>', "the fix memory's SQLite file in local, and in cloud outside Actions (default: SELF_HEAL_CACHE_PATH, or self-heal/cache.sqlite in the user's cache directory)"))
        .addOption(common('--json', 'print exactly one JSON object on stdout'));
}
function prepare(options, io) {
    const settings = (0,src_settings/* readSettings */.sb)(options, io.env);
    const detection = detectEnvironment(io.env, settings.cwd, {
        explicit: settings.environment,
        token: Boolean(settings.token)
    });
    // A command's own output goes to stderr, so stdout keeps only the result.
    const factory = new AdapterFactory(detection.environment, settings, cliLogger(io), {
        ...(io.echo ? { echo: io.echo } : { onOutput: (_stream, chunk) => io.stderr(chunk.toString('utf8')) }),
        passEnv: (0,scrub_env/* parsePassEnv */.ue)(options.passEnv ?? [], '--pass-env'),
        onRunProgress: io.status.progress,
        // No post step follows a CLI command: the Actions cache saves its snapshot when the command closes it.
        saveCacheOn: 'close',
        env: io.env
    });
    return { settings, detection, factory };
}
function cliLogger(io) {
    return (0,log/* stderrLogger */.D)(io.env, io.stderr);
}
/** The patch file's bytes: a diff may hold text in any encoding, and bytes cost a third of the memory of text. */
async function readPatch(path) {
    try {
        return await external_node_fs_.promises.readFile(path);
    }
    catch (error) {
        throw new errors/* InvalidInputError */.oC(`Cannot read the patch '${path}': ${(0,errors/* errorMessage */.gJ)(error)}. Pass a diff file or '-' for stdin.`);
    }
}
function describeCheck(r) {
    const lines = [
        `${r.kind} check ${r.passed ? 'passed' : r.timedOut ? 'timed out' : 'failed'} (exit ${r.exitCode}, ${r.durationMs} ms)`
    ];
    for (const t of r.failedTests)
        lines.push(`  ✗ ${t.name}${t.file ? ` (${t.file}${t.line ? `:${t.line}` : ''})` : ''}: ${t.message.split('\n')[0]}`);
    for (const p of r.problems)
        lines.push(`  ${p.severity} ${p.file}${p.line ? `:${p.line}` : ''}${p.column ? `:${p.column}` : ''} ${p.message}${p.rule ? ` (${p.rule})` : ''}`);
    if (!r.passed && r.failedTests.length === 0 && r.problems.length === 0 && r.outputTail)
        lines.push(r.outputTail);
    return lines.join('\n');
}
function describeApply(r) {
    const lines = [`committed ${r.commit} on ${r.branch} (${r.files} file${r.files === 1 ? '' : 's'})`];
    if (r.pullRequest)
        lines.push(`pull request #${r.pullRequest.number} ${r.pullRequest.action}: ${r.pullRequest.url}`);
    return lines.join('\n');
}


/***/ }),

/***/ 9238:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ CHECK_KINDS),
/* harmony export */   L2: () => (/* binding */ runCheckResult),
/* harmony export */   SP: () => (/* binding */ parseCheckKind),
/* harmony export */   k_: () => (/* binding */ runCheck),
/* harmony export */   rR: () => (/* binding */ toCheckOutput),
/* harmony export */   xh: () => (/* binding */ checkPassed)
/* harmony export */ });
/* unused harmony export tail */
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

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pf: () => (/* binding */ PathOutsideRepositoryError),
/* harmony export */   ZA: () => (/* binding */ RefNotFoundError),
/* harmony export */   ZO: () => (/* binding */ SelfHealError),
/* harmony export */   dt: () => (/* binding */ CheckoutChangedError),
/* harmony export */   eb: () => (/* binding */ UsageError),
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
class UsageError extends InvalidInputError {
    static type = 'UsageError';
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
/* harmony export */   M3: () => (/* binding */ formatFailure),
/* harmony export */   d6: () => (/* binding */ codeFence),
/* harmony export */   g0: () => (/* binding */ flakyReason),
/* harmony export */   w7: () => (/* binding */ failureLines),
/* harmony export */   xF: () => (/* binding */ crashedFixer)
/* harmony export */ });
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

/***/ 5625:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ stderrLogger)
/* harmony export */ });
/* unused harmony export silentLogger */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/**
 * A small logger interface so the engine logs the same way from the action (through @actions/core) and from the
 * CLI (to stderr, keeping stdout for `--json`).
 */

/** A logger writing to stderr (or `write`), URL credentials hidden; `debug` only when SELF_HEAL_DEBUG or RUNNER_DEBUG is set. */
function stderrLogger(env = process.env, write = text => process.stderr.write(text)) {
    const debugOn = Boolean(env.SELF_HEAL_DEBUG || env.RUNNER_DEBUG === '1');
    return {
        info: message => write(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrls */ .sK)(message)}\n`),
        warning: message => write(`warning: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrls */ .sK)(message)}\n`),
        debug: message => {
            if (debugOn)
                write(`debug: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrls */ .sK)(message)}\n`);
        }
    };
}
/** A logger that drops everything (tests and `--quiet`). */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    debug: () => undefined
};


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

/***/ }),

/***/ 8909:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { Argument } = __nccwpck_require__(9154);
const { Command } = __nccwpck_require__(4348);
const { CommanderError, InvalidArgumentError } = __nccwpck_require__(1135);
const { Help } = __nccwpck_require__(9754);
const { Option } = __nccwpck_require__(5240);

exports.DM = new Command();

exports.gu = (name) => new Command(name);
exports.Ww = (flags, description) => new Option(flags, description);
exports.er = (name, description) => new Argument(name, description);

/**
 * Expose classes
 */

exports.uB = Command;
exports.c$ = Option;
exports.ef = Argument;
exports._V = Help;

exports.b7 = CommanderError;
exports.Di = InvalidArgumentError;
exports.a2 = InvalidArgumentError; // Deprecated


/***/ }),

/***/ 9154:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { InvalidArgumentError } = __nccwpck_require__(1135);

class Argument {
  /**
   * Initialize a new command argument with the given name and description.
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @param {string} name
   * @param {string} [description]
   */

  constructor(name, description) {
    this.description = description || '';
    this.variadic = false;
    this.parseArg = undefined;
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.argChoices = undefined;

    switch (name[0]) {
      case '<': // e.g. <required>
        this.required = true;
        this._name = name.slice(1, -1);
        break;
      case '[': // e.g. [optional]
        this.required = false;
        this._name = name.slice(1, -1);
        break;
      default:
        this.required = true;
        this._name = name;
        break;
    }

    if (this._name.endsWith('...')) {
      this.variadic = true;
      this._name = this._name.slice(0, -3);
    }
  }

  /**
   * Return argument name.
   *
   * @return {string}
   */

  name() {
    return this._name;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Argument}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Set the custom handler for processing CLI command arguments into argument values.
   *
   * @param {Function} [fn]
   * @return {Argument}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Only allow argument value to be one of choices.
   *
   * @param {string[]} values
   * @return {Argument}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Make argument required.
   *
   * @returns {Argument}
   */
  argRequired() {
    this.required = true;
    return this;
  }

  /**
   * Make argument optional.
   *
   * @returns {Argument}
   */
  argOptional() {
    this.required = false;
    return this;
  }
}

/**
 * Takes an argument and returns its human readable equivalent for help usage.
 *
 * @param {Argument} arg
 * @return {string}
 * @private
 */

function humanReadableArgName(arg) {
  const nameOutput = arg.name() + (arg.variadic === true ? '...' : '');

  return arg.required ? '<' + nameOutput + '>' : '[' + nameOutput + ']';
}

exports.Argument = Argument;
exports.humanReadableArgName = humanReadableArgName;


/***/ }),

/***/ 4348:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const EventEmitter = (__nccwpck_require__(8474).EventEmitter);
const childProcess = __nccwpck_require__(1421);
const path = __nccwpck_require__(6760);
const fs = __nccwpck_require__(3024);
const process = __nccwpck_require__(1708);

const { Argument, humanReadableArgName } = __nccwpck_require__(9154);
const { CommanderError } = __nccwpck_require__(1135);
const { Help, stripColor } = __nccwpck_require__(9754);
const { Option, DualOptions } = __nccwpck_require__(5240);
const { suggestSimilar } = __nccwpck_require__(5030);

class Command extends EventEmitter {
  /**
   * Initialize a new `Command`.
   *
   * @param {string} [name]
   */

  constructor(name) {
    super();
    /** @type {Command[]} */
    this.commands = [];
    /** @type {Option[]} */
    this.options = [];
    this.parent = null;
    this._allowUnknownOption = false;
    this._allowExcessArguments = false;
    /** @type {Argument[]} */
    this.registeredArguments = [];
    this._args = this.registeredArguments; // deprecated old name
    /** @type {string[]} */
    this.args = []; // cli args with options removed
    this.rawArgs = [];
    this.processedArgs = []; // like .args but after custom processing and collecting variadic
    this._scriptPath = null;
    this._name = name || '';
    this._optionValues = {};
    this._optionValueSources = {}; // default, env, cli etc
    this._storeOptionsAsProperties = false;
    this._actionHandler = null;
    this._executableHandler = false;
    this._executableFile = null; // custom name for executable
    this._executableDir = null; // custom search directory for subcommands
    this._defaultCommandName = null;
    this._exitCallback = null;
    this._aliases = [];
    this._combineFlagAndOptionalValue = true;
    this._description = '';
    this._summary = '';
    this._argsDescription = undefined; // legacy
    this._enablePositionalOptions = false;
    this._passThroughOptions = false;
    this._lifeCycleHooks = {}; // a hash of arrays
    /** @type {(boolean | string)} */
    this._showHelpAfterError = false;
    this._showSuggestionAfterError = true;
    this._savedState = null; // used in save/restoreStateBeforeParse

    // see configureOutput() for docs
    this._outputConfiguration = {
      writeOut: (str) => process.stdout.write(str),
      writeErr: (str) => process.stderr.write(str),
      outputError: (str, write) => write(str),
      getOutHelpWidth: () =>
        process.stdout.isTTY ? process.stdout.columns : undefined,
      getErrHelpWidth: () =>
        process.stderr.isTTY ? process.stderr.columns : undefined,
      getOutHasColors: () =>
        useColor() ?? (process.stdout.isTTY && process.stdout.hasColors?.()),
      getErrHasColors: () =>
        useColor() ?? (process.stderr.isTTY && process.stderr.hasColors?.()),
      stripColor: (str) => stripColor(str),
    };

    this._hidden = false;
    /** @type {(Option | null | undefined)} */
    this._helpOption = undefined; // Lazy created on demand. May be null if help option is disabled.
    this._addImplicitHelpCommand = undefined; // undecided whether true or false yet, not inherited
    /** @type {Command} */
    this._helpCommand = undefined; // lazy initialised, inherited
    this._helpConfiguration = {};
    /** @type {string | undefined} */
    this._helpGroupHeading = undefined; // soft initialised when added to parent
    /** @type {string | undefined} */
    this._defaultCommandGroup = undefined;
    /** @type {string | undefined} */
    this._defaultOptionGroup = undefined;
  }

  /**
   * Copy settings that are useful to have in common across root command and subcommands.
   *
   * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
   *
   * @param {Command} sourceCommand
   * @return {Command} `this` command for chaining
   */
  copyInheritedSettings(sourceCommand) {
    this._outputConfiguration = sourceCommand._outputConfiguration;
    this._helpOption = sourceCommand._helpOption;
    this._helpCommand = sourceCommand._helpCommand;
    this._helpConfiguration = sourceCommand._helpConfiguration;
    this._exitCallback = sourceCommand._exitCallback;
    this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
    this._combineFlagAndOptionalValue =
      sourceCommand._combineFlagAndOptionalValue;
    this._allowExcessArguments = sourceCommand._allowExcessArguments;
    this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
    this._showHelpAfterError = sourceCommand._showHelpAfterError;
    this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;

    return this;
  }

  /**
   * @returns {Command[]}
   * @private
   */

  _getCommandAndAncestors() {
    const result = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let command = this; command; command = command.parent) {
      result.push(command);
    }
    return result;
  }

  /**
   * Define a command.
   *
   * There are two styles of command: pay attention to where to put the description.
   *
   * @example
   * // Command implemented using action handler (description is supplied separately to `.command`)
   * program
   *   .command('clone <source> [destination]')
   *   .description('clone a repository into a newly created directory')
   *   .action((source, destination) => {
   *     console.log('clone command called');
   *   });
   *
   * // Command implemented using separate executable file (description is second parameter to `.command`)
   * program
   *   .command('start <service>', 'start named service')
   *   .command('stop [service]', 'stop named service, or all if no name supplied');
   *
   * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
   * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
   * @param {object} [execOpts] - configuration options (for executable)
   * @return {Command} returns new command for action handler, or `this` for executable command
   */

  command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
    let desc = actionOptsOrExecDesc;
    let opts = execOpts;
    if (typeof desc === 'object' && desc !== null) {
      opts = desc;
      desc = null;
    }
    opts = opts || {};
    const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);

    const cmd = this.createCommand(name);
    if (desc) {
      cmd.description(desc);
      cmd._executableHandler = true;
    }
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    cmd._hidden = !!(opts.noHelp || opts.hidden); // noHelp is deprecated old name for hidden
    cmd._executableFile = opts.executableFile || null; // Custom name for executable file, set missing to null to match constructor
    if (args) cmd.arguments(args);
    this._registerCommand(cmd);
    cmd.parent = this;
    cmd.copyInheritedSettings(this);

    if (desc) return this;
    return cmd;
  }

  /**
   * Factory routine to create a new unattached command.
   *
   * See .command() for creating an attached subcommand, which uses this routine to
   * create the command. You can override createCommand to customise subcommands.
   *
   * @param {string} [name]
   * @return {Command} new command
   */

  createCommand(name) {
    return new Command(name);
  }

  /**
   * You can customise the help with a subclass of Help by overriding createHelp,
   * or by overriding Help properties using configureHelp().
   *
   * @return {Help}
   */

  createHelp() {
    return Object.assign(new Help(), this.configureHelp());
  }

  /**
   * You can customise the help by overriding Help properties using configureHelp(),
   * or with a subclass of Help by overriding createHelp().
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureHelp(configuration) {
    if (configuration === undefined) return this._helpConfiguration;

    this._helpConfiguration = configuration;
    return this;
  }

  /**
   * The default output goes to stdout and stderr. You can customise this for special
   * applications. You can also customise the display of errors by overriding outputError.
   *
   * The configuration properties are all functions:
   *
   *     // change how output being written, defaults to stdout and stderr
   *     writeOut(str)
   *     writeErr(str)
   *     // change how output being written for errors, defaults to writeErr
   *     outputError(str, write) // used for displaying errors and not used for displaying help
   *     // specify width for wrapping help
   *     getOutHelpWidth()
   *     getErrHelpWidth()
   *     // color support, currently only used with Help
   *     getOutHasColors()
   *     getErrHasColors()
   *     stripColor() // used to remove ANSI escape codes if output does not have colors
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureOutput(configuration) {
    if (configuration === undefined) return this._outputConfiguration;

    this._outputConfiguration = {
      ...this._outputConfiguration,
      ...configuration,
    };
    return this;
  }

  /**
   * Display the help or a custom message after an error occurs.
   *
   * @param {(boolean|string)} [displayHelp]
   * @return {Command} `this` command for chaining
   */
  showHelpAfterError(displayHelp = true) {
    if (typeof displayHelp !== 'string') displayHelp = !!displayHelp;
    this._showHelpAfterError = displayHelp;
    return this;
  }

  /**
   * Display suggestion of similar commands for unknown commands, or options for unknown options.
   *
   * @param {boolean} [displaySuggestion]
   * @return {Command} `this` command for chaining
   */
  showSuggestionAfterError(displaySuggestion = true) {
    this._showSuggestionAfterError = !!displaySuggestion;
    return this;
  }

  /**
   * Add a prepared subcommand.
   *
   * See .command() for creating an attached subcommand which inherits settings from its parent.
   *
   * @param {Command} cmd - new subcommand
   * @param {object} [opts] - configuration options
   * @return {Command} `this` command for chaining
   */

  addCommand(cmd, opts) {
    if (!cmd._name) {
      throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
    }

    opts = opts || {};
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    if (opts.noHelp || opts.hidden) cmd._hidden = true; // modifying passed command due to existing implementation

    this._registerCommand(cmd);
    cmd.parent = this;
    cmd._checkForBrokenPassThrough();

    return this;
  }

  /**
   * Factory routine to create a new unattached argument.
   *
   * See .argument() for creating an attached argument, which uses this routine to
   * create the argument. You can override createArgument to return a custom argument.
   *
   * @param {string} name
   * @param {string} [description]
   * @return {Argument} new argument
   */

  createArgument(name, description) {
    return new Argument(name, description);
  }

  /**
   * Define argument syntax for command.
   *
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @example
   * program.argument('<input-file>');
   * program.argument('[output-file]');
   *
   * @param {string} name
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom argument processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */
  argument(name, description, parseArg, defaultValue) {
    const argument = this.createArgument(name, description);
    if (typeof parseArg === 'function') {
      argument.default(defaultValue).argParser(parseArg);
    } else {
      argument.default(parseArg);
    }
    this.addArgument(argument);
    return this;
  }

  /**
   * Define argument syntax for command, adding multiple at once (without descriptions).
   *
   * See also .argument().
   *
   * @example
   * program.arguments('<cmd> [env]');
   *
   * @param {string} names
   * @return {Command} `this` command for chaining
   */

  arguments(names) {
    names
      .trim()
      .split(/ +/)
      .forEach((detail) => {
        this.argument(detail);
      });
    return this;
  }

  /**
   * Define argument syntax for command, adding a prepared argument.
   *
   * @param {Argument} argument
   * @return {Command} `this` command for chaining
   */
  addArgument(argument) {
    const previousArgument = this.registeredArguments.slice(-1)[0];
    if (previousArgument?.variadic) {
      throw new Error(
        `only the last argument can be variadic '${previousArgument.name()}'`,
      );
    }
    if (
      argument.required &&
      argument.defaultValue !== undefined &&
      argument.parseArg === undefined
    ) {
      throw new Error(
        `a default value for a required argument is never used: '${argument.name()}'`,
      );
    }
    this.registeredArguments.push(argument);
    return this;
  }

  /**
   * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
   *
   * @example
   *    program.helpCommand('help [cmd]');
   *    program.helpCommand('help [cmd]', 'show help');
   *    program.helpCommand(false); // suppress default help command
   *    program.helpCommand(true); // add help command even if no subcommands
   *
   * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
   * @param {string} [description] - custom description
   * @return {Command} `this` command for chaining
   */

  helpCommand(enableOrNameAndArgs, description) {
    if (typeof enableOrNameAndArgs === 'boolean') {
      this._addImplicitHelpCommand = enableOrNameAndArgs;
      if (enableOrNameAndArgs && this._defaultCommandGroup) {
        // make the command to store the group
        this._initCommandGroup(this._getHelpCommand());
      }
      return this;
    }

    const nameAndArgs = enableOrNameAndArgs ?? 'help [command]';
    const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
    const helpDescription = description ?? 'display help for command';

    const helpCommand = this.createCommand(helpName);
    helpCommand.helpOption(false);
    if (helpArgs) helpCommand.arguments(helpArgs);
    if (helpDescription) helpCommand.description(helpDescription);

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    // init group unless lazy create
    if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);

    return this;
  }

  /**
   * Add prepared custom help command.
   *
   * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
   * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
   * @return {Command} `this` command for chaining
   */
  addHelpCommand(helpCommand, deprecatedDescription) {
    // If not passed an object, call through to helpCommand for backwards compatibility,
    // as addHelpCommand was originally used like helpCommand is now.
    if (typeof helpCommand !== 'object') {
      this.helpCommand(helpCommand, deprecatedDescription);
      return this;
    }

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    this._initCommandGroup(helpCommand);
    return this;
  }

  /**
   * Lazy create help command.
   *
   * @return {(Command|null)}
   * @package
   */
  _getHelpCommand() {
    const hasImplicitHelpCommand =
      this._addImplicitHelpCommand ??
      (this.commands.length &&
        !this._actionHandler &&
        !this._findCommand('help'));

    if (hasImplicitHelpCommand) {
      if (this._helpCommand === undefined) {
        this.helpCommand(undefined, undefined); // use default name and description
      }
      return this._helpCommand;
    }
    return null;
  }

  /**
   * Add hook for life cycle event.
   *
   * @param {string} event
   * @param {Function} listener
   * @return {Command} `this` command for chaining
   */

  hook(event, listener) {
    const allowedValues = ['preSubcommand', 'preAction', 'postAction'];
    if (!allowedValues.includes(event)) {
      throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
    }
    if (this._lifeCycleHooks[event]) {
      this._lifeCycleHooks[event].push(listener);
    } else {
      this._lifeCycleHooks[event] = [listener];
    }
    return this;
  }

  /**
   * Register callback to use as replacement for calling process.exit.
   *
   * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
   * @return {Command} `this` command for chaining
   */

  exitOverride(fn) {
    if (fn) {
      this._exitCallback = fn;
    } else {
      this._exitCallback = (err) => {
        if (err.code !== 'commander.executeSubCommandAsync') {
          throw err;
        } else {
          // Async callback from spawn events, not useful to throw.
        }
      };
    }
    return this;
  }

  /**
   * Call process.exit, and _exitCallback if defined.
   *
   * @param {number} exitCode exit code for using with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   * @return never
   * @private
   */

  _exit(exitCode, code, message) {
    if (this._exitCallback) {
      this._exitCallback(new CommanderError(exitCode, code, message));
      // Expecting this line is not reached.
    }
    process.exit(exitCode);
  }

  /**
   * Register callback `fn` for the command.
   *
   * @example
   * program
   *   .command('serve')
   *   .description('start service')
   *   .action(function() {
   *      // do work here
   *   });
   *
   * @param {Function} fn
   * @return {Command} `this` command for chaining
   */

  action(fn) {
    const listener = (args) => {
      // The .action callback takes an extra parameter which is the command or options.
      const expectedArgsCount = this.registeredArguments.length;
      const actionArgs = args.slice(0, expectedArgsCount);
      if (this._storeOptionsAsProperties) {
        actionArgs[expectedArgsCount] = this; // backwards compatible "options"
      } else {
        actionArgs[expectedArgsCount] = this.opts();
      }
      actionArgs.push(this);

      return fn.apply(this, actionArgs);
    };
    this._actionHandler = listener;
    return this;
  }

  /**
   * Factory routine to create a new unattached option.
   *
   * See .option() for creating an attached option, which uses this routine to
   * create the option. You can override createOption to return a custom option.
   *
   * @param {string} flags
   * @param {string} [description]
   * @return {Option} new option
   */

  createOption(flags, description) {
    return new Option(flags, description);
  }

  /**
   * Wrap parseArgs to catch 'commander.invalidArgument'.
   *
   * @param {(Option | Argument)} target
   * @param {string} value
   * @param {*} previous
   * @param {string} invalidArgumentMessage
   * @private
   */

  _callParseArg(target, value, previous, invalidArgumentMessage) {
    try {
      return target.parseArg(value, previous);
    } catch (err) {
      if (err.code === 'commander.invalidArgument') {
        const message = `${invalidArgumentMessage} ${err.message}`;
        this.error(message, { exitCode: err.exitCode, code: err.code });
      }
      throw err;
    }
  }

  /**
   * Check for option flag conflicts.
   * Register option if no conflicts found, or throw on conflict.
   *
   * @param {Option} option
   * @private
   */

  _registerOption(option) {
    const matchingOption =
      (option.short && this._findOption(option.short)) ||
      (option.long && this._findOption(option.long));
    if (matchingOption) {
      const matchingFlag =
        option.long && this._findOption(option.long)
          ? option.long
          : option.short;
      throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
    }

    this._initOptionGroup(option);
    this.options.push(option);
  }

  /**
   * Check for command name and alias conflicts with existing commands.
   * Register command if no conflicts found, or throw on conflict.
   *
   * @param {Command} command
   * @private
   */

  _registerCommand(command) {
    const knownBy = (cmd) => {
      return [cmd.name()].concat(cmd.aliases());
    };

    const alreadyUsed = knownBy(command).find((name) =>
      this._findCommand(name),
    );
    if (alreadyUsed) {
      const existingCmd = knownBy(this._findCommand(alreadyUsed)).join('|');
      const newCmd = knownBy(command).join('|');
      throw new Error(
        `cannot add command '${newCmd}' as already have command '${existingCmd}'`,
      );
    }

    this._initCommandGroup(command);
    this.commands.push(command);
  }

  /**
   * Add an option.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addOption(option) {
    this._registerOption(option);

    const oname = option.name();
    const name = option.attributeName();

    // store default value
    if (option.negate) {
      // --no-foo is special and defaults foo to true, unless a --foo option is already defined
      const positiveLongFlag = option.long.replace(/^--no-/, '--');
      if (!this._findOption(positiveLongFlag)) {
        this.setOptionValueWithSource(
          name,
          option.defaultValue === undefined ? true : option.defaultValue,
          'default',
        );
      }
    } else if (option.defaultValue !== undefined) {
      this.setOptionValueWithSource(name, option.defaultValue, 'default');
    }

    // handler for cli and env supplied values
    const handleOptionValue = (val, invalidValueMessage, valueSource) => {
      // val is null for optional option used without an optional-argument.
      // val is undefined for boolean and negated option.
      if (val == null && option.presetArg !== undefined) {
        val = option.presetArg;
      }

      // custom processing
      const oldValue = this.getOptionValue(name);
      if (val !== null && option.parseArg) {
        val = this._callParseArg(option, val, oldValue, invalidValueMessage);
      } else if (val !== null && option.variadic) {
        val = option._collectValue(val, oldValue);
      }

      // Fill-in appropriate missing values. Long winded but easy to follow.
      if (val == null) {
        if (option.negate) {
          val = false;
        } else if (option.isBoolean() || option.optional) {
          val = true;
        } else {
          val = ''; // not normal, parseArg might have failed or be a mock function for testing
        }
      }
      this.setOptionValueWithSource(name, val, valueSource);
    };

    this.on('option:' + oname, (val) => {
      const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
      handleOptionValue(val, invalidValueMessage, 'cli');
    });

    if (option.envVar) {
      this.on('optionEnv:' + oname, (val) => {
        const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
        handleOptionValue(val, invalidValueMessage, 'env');
      });
    }

    return this;
  }

  /**
   * Internal implementation shared by .option() and .requiredOption()
   *
   * @return {Command} `this` command for chaining
   * @private
   */
  _optionEx(config, flags, description, fn, defaultValue) {
    if (typeof flags === 'object' && flags instanceof Option) {
      throw new Error(
        'To add an Option object use addOption() instead of option() or requiredOption()',
      );
    }
    const option = this.createOption(flags, description);
    option.makeOptionMandatory(!!config.mandatory);
    if (typeof fn === 'function') {
      option.default(defaultValue).argParser(fn);
    } else if (fn instanceof RegExp) {
      // deprecated
      const regex = fn;
      fn = (val, def) => {
        const m = regex.exec(val);
        return m ? m[0] : def;
      };
      option.default(defaultValue).argParser(fn);
    } else {
      option.default(fn);
    }

    return this.addOption(option);
  }

  /**
   * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
   * option-argument is indicated by `<>` and an optional option-argument by `[]`.
   *
   * See the README for more details, and see also addOption() and requiredOption().
   *
   * @example
   * program
   *     .option('-p, --pepper', 'add pepper')
   *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
   *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
   *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  option(flags, description, parseArg, defaultValue) {
    return this._optionEx({}, flags, description, parseArg, defaultValue);
  }

  /**
   * Add a required option which must have a value after parsing. This usually means
   * the option must be specified on the command line. (Otherwise the same as .option().)
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  requiredOption(flags, description, parseArg, defaultValue) {
    return this._optionEx(
      { mandatory: true },
      flags,
      description,
      parseArg,
      defaultValue,
    );
  }

  /**
   * Alter parsing of short flags with optional values.
   *
   * @example
   * // for `.option('-f,--flag [value]'):
   * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
   * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
   *
   * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
   * @return {Command} `this` command for chaining
   */
  combineFlagAndOptionalValue(combine = true) {
    this._combineFlagAndOptionalValue = !!combine;
    return this;
  }

  /**
   * Allow unknown options on the command line.
   *
   * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
   * @return {Command} `this` command for chaining
   */
  allowUnknownOption(allowUnknown = true) {
    this._allowUnknownOption = !!allowUnknown;
    return this;
  }

  /**
   * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
   *
   * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
   * @return {Command} `this` command for chaining
   */
  allowExcessArguments(allowExcess = true) {
    this._allowExcessArguments = !!allowExcess;
    return this;
  }

  /**
   * Enable positional options. Positional means global options are specified before subcommands which lets
   * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
   * The default behaviour is non-positional and global options may appear anywhere on the command line.
   *
   * @param {boolean} [positional]
   * @return {Command} `this` command for chaining
   */
  enablePositionalOptions(positional = true) {
    this._enablePositionalOptions = !!positional;
    return this;
  }

  /**
   * Pass through options that come after command-arguments rather than treat them as command-options,
   * so actual command-options come before command-arguments. Turning this on for a subcommand requires
   * positional options to have been enabled on the program (parent commands).
   * The default behaviour is non-positional and options may appear before or after command-arguments.
   *
   * @param {boolean} [passThrough] for unknown options.
   * @return {Command} `this` command for chaining
   */
  passThroughOptions(passThrough = true) {
    this._passThroughOptions = !!passThrough;
    this._checkForBrokenPassThrough();
    return this;
  }

  /**
   * @private
   */

  _checkForBrokenPassThrough() {
    if (
      this.parent &&
      this._passThroughOptions &&
      !this.parent._enablePositionalOptions
    ) {
      throw new Error(
        `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`,
      );
    }
  }

  /**
   * Whether to store option values as properties on command object,
   * or store separately (specify false). In both cases the option values can be accessed using .opts().
   *
   * @param {boolean} [storeAsProperties=true]
   * @return {Command} `this` command for chaining
   */

  storeOptionsAsProperties(storeAsProperties = true) {
    if (this.options.length) {
      throw new Error('call .storeOptionsAsProperties() before adding options');
    }
    if (Object.keys(this._optionValues).length) {
      throw new Error(
        'call .storeOptionsAsProperties() before setting option values',
      );
    }
    this._storeOptionsAsProperties = !!storeAsProperties;
    return this;
  }

  /**
   * Retrieve option value.
   *
   * @param {string} key
   * @return {object} value
   */

  getOptionValue(key) {
    if (this._storeOptionsAsProperties) {
      return this[key];
    }
    return this._optionValues[key];
  }

  /**
   * Store option value.
   *
   * @param {string} key
   * @param {object} value
   * @return {Command} `this` command for chaining
   */

  setOptionValue(key, value) {
    return this.setOptionValueWithSource(key, value, undefined);
  }

  /**
   * Store option value and where the value came from.
   *
   * @param {string} key
   * @param {object} value
   * @param {string} source - expected values are default/config/env/cli/implied
   * @return {Command} `this` command for chaining
   */

  setOptionValueWithSource(key, value, source) {
    if (this._storeOptionsAsProperties) {
      this[key] = value;
    } else {
      this._optionValues[key] = value;
    }
    this._optionValueSources[key] = source;
    return this;
  }

  /**
   * Get source of option value.
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSource(key) {
    return this._optionValueSources[key];
  }

  /**
   * Get source of option value. See also .optsWithGlobals().
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSourceWithGlobals(key) {
    // global overwrites local, like optsWithGlobals
    let source;
    this._getCommandAndAncestors().forEach((cmd) => {
      if (cmd.getOptionValueSource(key) !== undefined) {
        source = cmd.getOptionValueSource(key);
      }
    });
    return source;
  }

  /**
   * Get user arguments from implied or explicit arguments.
   * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
   *
   * @private
   */

  _prepareUserArgs(argv, parseOptions) {
    if (argv !== undefined && !Array.isArray(argv)) {
      throw new Error('first parameter to parse must be array or undefined');
    }
    parseOptions = parseOptions || {};

    // auto-detect argument conventions if nothing supplied
    if (argv === undefined && parseOptions.from === undefined) {
      if (process.versions?.electron) {
        parseOptions.from = 'electron';
      }
      // check node specific options for scenarios where user CLI args follow executable without scriptname
      const execArgv = process.execArgv ?? [];
      if (
        execArgv.includes('-e') ||
        execArgv.includes('--eval') ||
        execArgv.includes('-p') ||
        execArgv.includes('--print')
      ) {
        parseOptions.from = 'eval'; // internal usage, not documented
      }
    }

    // default to using process.argv
    if (argv === undefined) {
      argv = process.argv;
    }
    this.rawArgs = argv.slice();

    // extract the user args and scriptPath
    let userArgs;
    switch (parseOptions.from) {
      case undefined:
      case 'node':
        this._scriptPath = argv[1];
        userArgs = argv.slice(2);
        break;
      case 'electron':
        // @ts-ignore: because defaultApp is an unknown property
        if (process.defaultApp) {
          this._scriptPath = argv[1];
          userArgs = argv.slice(2);
        } else {
          userArgs = argv.slice(1);
        }
        break;
      case 'user':
        userArgs = argv.slice(0);
        break;
      case 'eval':
        userArgs = argv.slice(1);
        break;
      default:
        throw new Error(
          `unexpected parse option { from: '${parseOptions.from}' }`,
        );
    }

    // Find default name for program from arguments.
    if (!this._name && this._scriptPath)
      this.nameFromFilename(this._scriptPath);
    this._name = this._name || 'program';

    return userArgs;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Use parseAsync instead of parse if any of your action handlers are async.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * program.parse(); // parse process.argv and auto-detect electron and special node flags
   * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
   * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv] - optional, defaults to process.argv
   * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
   * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
   * @return {Command} `this` command for chaining
   */

  parse(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    this._parseCommand([], userArgs);

    return this;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
   * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
   * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv]
   * @param {object} [parseOptions]
   * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
   * @return {Promise}
   */

  async parseAsync(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    await this._parseCommand([], userArgs);

    return this;
  }

  _prepareForParse() {
    if (this._savedState === null) {
      this.saveStateBeforeParse();
    } else {
      this.restoreStateBeforeParse();
    }
  }

  /**
   * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state saved.
   */
  saveStateBeforeParse() {
    this._savedState = {
      // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
      _name: this._name,
      // option values before parse have default values (including false for negated options)
      // shallow clones
      _optionValues: { ...this._optionValues },
      _optionValueSources: { ...this._optionValueSources },
    };
  }

  /**
   * Restore state before parse for calls after the first.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state restored.
   */
  restoreStateBeforeParse() {
    if (this._storeOptionsAsProperties)
      throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);

    // clear state from _prepareUserArgs
    this._name = this._savedState._name;
    this._scriptPath = null;
    this.rawArgs = [];
    // clear state from setOptionValueWithSource
    this._optionValues = { ...this._savedState._optionValues };
    this._optionValueSources = { ...this._savedState._optionValueSources };
    // clear state from _parseCommand
    this.args = [];
    // clear state from _processArguments
    this.processedArgs = [];
  }

  /**
   * Throw if expected executable is missing. Add lots of help for author.
   *
   * @param {string} executableFile
   * @param {string} executableDir
   * @param {string} subcommandName
   */
  _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
    if (fs.existsSync(executableFile)) return;

    const executableDirMessage = executableDir
      ? `searched for local subcommand relative to directory '${executableDir}'`
      : 'no directory for search for local subcommand, use .executableDir() to supply a custom directory';
    const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
    throw new Error(executableMissing);
  }

  /**
   * Execute a sub-command executable.
   *
   * @private
   */

  _executeSubCommand(subcommand, args) {
    args = args.slice();
    let launchWithNode = false; // Use node for source targets so do not need to get permissions correct, and on Windows.
    const sourceExt = ['.js', '.ts', '.tsx', '.mjs', '.cjs'];

    function findFile(baseDir, baseName) {
      // Look for specified file
      const localBin = path.resolve(baseDir, baseName);
      if (fs.existsSync(localBin)) return localBin;

      // Stop looking if candidate already has an expected extension.
      if (sourceExt.includes(path.extname(baseName))) return undefined;

      // Try all the extensions.
      const foundExt = sourceExt.find((ext) =>
        fs.existsSync(`${localBin}${ext}`),
      );
      if (foundExt) return `${localBin}${foundExt}`;

      return undefined;
    }

    // Not checking for help first. Unlikely to have mandatory and executable, and can't robustly test for help flags in external command.
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // executableFile and executableDir might be full path, or just a name
    let executableFile =
      subcommand._executableFile || `${this._name}-${subcommand._name}`;
    let executableDir = this._executableDir || '';
    if (this._scriptPath) {
      let resolvedScriptPath; // resolve possible symlink for installed npm binary
      try {
        resolvedScriptPath = fs.realpathSync(this._scriptPath);
      } catch {
        resolvedScriptPath = this._scriptPath;
      }
      executableDir = path.resolve(
        path.dirname(resolvedScriptPath),
        executableDir,
      );
    }

    // Look for a local file in preference to a command in PATH.
    if (executableDir) {
      let localFile = findFile(executableDir, executableFile);

      // Legacy search using prefix of script name instead of command name
      if (!localFile && !subcommand._executableFile && this._scriptPath) {
        const legacyName = path.basename(
          this._scriptPath,
          path.extname(this._scriptPath),
        );
        if (legacyName !== this._name) {
          localFile = findFile(
            executableDir,
            `${legacyName}-${subcommand._name}`,
          );
        }
      }
      executableFile = localFile || executableFile;
    }

    launchWithNode = sourceExt.includes(path.extname(executableFile));

    let proc;
    if (process.platform !== 'win32') {
      if (launchWithNode) {
        args.unshift(executableFile);
        // add executable arguments to spawn
        args = incrementNodeInspectorPort(process.execArgv).concat(args);

        proc = childProcess.spawn(process.argv[0], args, { stdio: 'inherit' });
      } else {
        proc = childProcess.spawn(executableFile, args, { stdio: 'inherit' });
      }
    } else {
      this._checkForMissingExecutable(
        executableFile,
        executableDir,
        subcommand._name,
      );
      args.unshift(executableFile);
      // add executable arguments to spawn
      args = incrementNodeInspectorPort(process.execArgv).concat(args);
      proc = childProcess.spawn(process.execPath, args, { stdio: 'inherit' });
    }

    if (!proc.killed) {
      // testing mainly to avoid leak warnings during unit tests with mocked spawn
      const signals = ['SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGINT', 'SIGHUP'];
      signals.forEach((signal) => {
        process.on(signal, () => {
          if (proc.killed === false && proc.exitCode === null) {
            // @ts-ignore because signals not typed to known strings
            proc.kill(signal);
          }
        });
      });
    }

    // By default terminate process when spawned process terminates.
    const exitCallback = this._exitCallback;
    proc.on('close', (code) => {
      code = code ?? 1; // code is null if spawned process terminated due to a signal
      if (!exitCallback) {
        process.exit(code);
      } else {
        exitCallback(
          new CommanderError(
            code,
            'commander.executeSubCommandAsync',
            '(close)',
          ),
        );
      }
    });
    proc.on('error', (err) => {
      // @ts-ignore: because err.code is an unknown property
      if (err.code === 'ENOENT') {
        this._checkForMissingExecutable(
          executableFile,
          executableDir,
          subcommand._name,
        );
        // @ts-ignore: because err.code is an unknown property
      } else if (err.code === 'EACCES') {
        throw new Error(`'${executableFile}' not executable`);
      }
      if (!exitCallback) {
        process.exit(1);
      } else {
        const wrappedError = new CommanderError(
          1,
          'commander.executeSubCommandAsync',
          '(error)',
        );
        wrappedError.nestedError = err;
        exitCallback(wrappedError);
      }
    });

    // Store the reference to the child process
    this.runningCommand = proc;
  }

  /**
   * @private
   */

  _dispatchSubcommand(commandName, operands, unknown) {
    const subCommand = this._findCommand(commandName);
    if (!subCommand) this.help({ error: true });

    subCommand._prepareForParse();
    let promiseChain;
    promiseChain = this._chainOrCallSubCommandHook(
      promiseChain,
      subCommand,
      'preSubcommand',
    );
    promiseChain = this._chainOrCall(promiseChain, () => {
      if (subCommand._executableHandler) {
        this._executeSubCommand(subCommand, operands.concat(unknown));
      } else {
        return subCommand._parseCommand(operands, unknown);
      }
    });
    return promiseChain;
  }

  /**
   * Invoke help directly if possible, or dispatch if necessary.
   * e.g. help foo
   *
   * @private
   */

  _dispatchHelpCommand(subcommandName) {
    if (!subcommandName) {
      this.help();
    }
    const subCommand = this._findCommand(subcommandName);
    if (subCommand && !subCommand._executableHandler) {
      subCommand.help();
    }

    // Fallback to parsing the help flag to invoke the help.
    return this._dispatchSubcommand(
      subcommandName,
      [],
      [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? '--help'],
    );
  }

  /**
   * Check this.args against expected this.registeredArguments.
   *
   * @private
   */

  _checkNumberOfArguments() {
    // too few
    this.registeredArguments.forEach((arg, i) => {
      if (arg.required && this.args[i] == null) {
        this.missingArgument(arg.name());
      }
    });
    // too many
    if (
      this.registeredArguments.length > 0 &&
      this.registeredArguments[this.registeredArguments.length - 1].variadic
    ) {
      return;
    }
    if (this.args.length > this.registeredArguments.length) {
      this._excessArguments(this.args);
    }
  }

  /**
   * Process this.args using this.registeredArguments and save as this.processedArgs!
   *
   * @private
   */

  _processArguments() {
    const myParseArg = (argument, value, previous) => {
      // Extra processing for nice error message on parsing failure.
      let parsedValue = value;
      if (value !== null && argument.parseArg) {
        const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
        parsedValue = this._callParseArg(
          argument,
          value,
          previous,
          invalidValueMessage,
        );
      }
      return parsedValue;
    };

    this._checkNumberOfArguments();

    const processedArgs = [];
    this.registeredArguments.forEach((declaredArg, index) => {
      let value = declaredArg.defaultValue;
      if (declaredArg.variadic) {
        // Collect together remaining arguments for passing together as an array.
        if (index < this.args.length) {
          value = this.args.slice(index);
          if (declaredArg.parseArg) {
            value = value.reduce((processed, v) => {
              return myParseArg(declaredArg, v, processed);
            }, declaredArg.defaultValue);
          }
        } else if (value === undefined) {
          value = [];
        }
      } else if (index < this.args.length) {
        value = this.args[index];
        if (declaredArg.parseArg) {
          value = myParseArg(declaredArg, value, declaredArg.defaultValue);
        }
      }
      processedArgs[index] = value;
    });
    this.processedArgs = processedArgs;
  }

  /**
   * Once we have a promise we chain, but call synchronously until then.
   *
   * @param {(Promise|undefined)} promise
   * @param {Function} fn
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCall(promise, fn) {
    // thenable
    if (promise?.then && typeof promise.then === 'function') {
      // already have a promise, chain callback
      return promise.then(() => fn());
    }
    // callback might return a promise
    return fn();
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallHooks(promise, event) {
    let result = promise;
    const hooks = [];
    this._getCommandAndAncestors()
      .reverse()
      .filter((cmd) => cmd._lifeCycleHooks[event] !== undefined)
      .forEach((hookedCommand) => {
        hookedCommand._lifeCycleHooks[event].forEach((callback) => {
          hooks.push({ hookedCommand, callback });
        });
      });
    if (event === 'postAction') {
      hooks.reverse();
    }

    hooks.forEach((hookDetail) => {
      result = this._chainOrCall(result, () => {
        return hookDetail.callback(hookDetail.hookedCommand, this);
      });
    });
    return result;
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {Command} subCommand
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallSubCommandHook(promise, subCommand, event) {
    let result = promise;
    if (this._lifeCycleHooks[event] !== undefined) {
      this._lifeCycleHooks[event].forEach((hook) => {
        result = this._chainOrCall(result, () => {
          return hook(this, subCommand);
        });
      });
    }
    return result;
  }

  /**
   * Process arguments in context of this command.
   * Returns action result, in case it is a promise.
   *
   * @private
   */

  _parseCommand(operands, unknown) {
    const parsed = this.parseOptions(unknown);
    this._parseOptionsEnv(); // after cli, so parseArg not called on both cli and env
    this._parseOptionsImplied();
    operands = operands.concat(parsed.operands);
    unknown = parsed.unknown;
    this.args = operands.concat(unknown);

    if (operands && this._findCommand(operands[0])) {
      return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
    }
    if (
      this._getHelpCommand() &&
      operands[0] === this._getHelpCommand().name()
    ) {
      return this._dispatchHelpCommand(operands[1]);
    }
    if (this._defaultCommandName) {
      this._outputHelpIfRequested(unknown); // Run the help for default command from parent rather than passing to default command
      return this._dispatchSubcommand(
        this._defaultCommandName,
        operands,
        unknown,
      );
    }
    if (
      this.commands.length &&
      this.args.length === 0 &&
      !this._actionHandler &&
      !this._defaultCommandName
    ) {
      // probably missing subcommand and no handler, user needs help (and exit)
      this.help({ error: true });
    }

    this._outputHelpIfRequested(parsed.unknown);
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // We do not always call this check to avoid masking a "better" error, like unknown command.
    const checkForUnknownOptions = () => {
      if (parsed.unknown.length > 0) {
        this.unknownOption(parsed.unknown[0]);
      }
    };

    const commandEvent = `command:${this.name()}`;
    if (this._actionHandler) {
      checkForUnknownOptions();
      this._processArguments();

      let promiseChain;
      promiseChain = this._chainOrCallHooks(promiseChain, 'preAction');
      promiseChain = this._chainOrCall(promiseChain, () =>
        this._actionHandler(this.processedArgs),
      );
      if (this.parent) {
        promiseChain = this._chainOrCall(promiseChain, () => {
          this.parent.emit(commandEvent, operands, unknown); // legacy
        });
      }
      promiseChain = this._chainOrCallHooks(promiseChain, 'postAction');
      return promiseChain;
    }
    if (this.parent?.listenerCount(commandEvent)) {
      checkForUnknownOptions();
      this._processArguments();
      this.parent.emit(commandEvent, operands, unknown); // legacy
    } else if (operands.length) {
      if (this._findCommand('*')) {
        // legacy default command
        return this._dispatchSubcommand('*', operands, unknown);
      }
      if (this.listenerCount('command:*')) {
        // skip option check, emit event for possible misspelling suggestion
        this.emit('command:*', operands, unknown);
      } else if (this.commands.length) {
        this.unknownCommand();
      } else {
        checkForUnknownOptions();
        this._processArguments();
      }
    } else if (this.commands.length) {
      checkForUnknownOptions();
      // This command has subcommands and nothing hooked up at this level, so display help (and exit).
      this.help({ error: true });
    } else {
      checkForUnknownOptions();
      this._processArguments();
      // fall through for caller to handle after calling .parse()
    }
  }

  /**
   * Find matching command.
   *
   * @private
   * @return {Command | undefined}
   */
  _findCommand(name) {
    if (!name) return undefined;
    return this.commands.find(
      (cmd) => cmd._name === name || cmd._aliases.includes(name),
    );
  }

  /**
   * Return an option matching `arg` if any.
   *
   * @param {string} arg
   * @return {Option}
   * @package
   */

  _findOption(arg) {
    return this.options.find((option) => option.is(arg));
  }

  /**
   * Display an error message if a mandatory option does not have a value.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */

  _checkForMissingMandatoryOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd.options.forEach((anOption) => {
        if (
          anOption.mandatory &&
          cmd.getOptionValue(anOption.attributeName()) === undefined
        ) {
          cmd.missingMandatoryOptionValue(anOption);
        }
      });
    });
  }

  /**
   * Display an error message if conflicting options are used together in this.
   *
   * @private
   */
  _checkForConflictingLocalOptions() {
    const definedNonDefaultOptions = this.options.filter((option) => {
      const optionKey = option.attributeName();
      if (this.getOptionValue(optionKey) === undefined) {
        return false;
      }
      return this.getOptionValueSource(optionKey) !== 'default';
    });

    const optionsWithConflicting = definedNonDefaultOptions.filter(
      (option) => option.conflictsWith.length > 0,
    );

    optionsWithConflicting.forEach((option) => {
      const conflictingAndDefined = definedNonDefaultOptions.find((defined) =>
        option.conflictsWith.includes(defined.attributeName()),
      );
      if (conflictingAndDefined) {
        this._conflictingOption(option, conflictingAndDefined);
      }
    });
  }

  /**
   * Display an error message if conflicting options are used together.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */
  _checkForConflictingOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd._checkForConflictingLocalOptions();
    });
  }

  /**
   * Parse options from `argv` removing known options,
   * and return argv split into operands and unknown arguments.
   *
   * Side effects: modifies command by storing options. Does not reset state if called again.
   *
   * Examples:
   *
   *     argv => operands, unknown
   *     --known kkk op => [op], []
   *     op --known kkk => [op], []
   *     sub --unknown uuu op => [sub], [--unknown uuu op]
   *     sub -- --unknown uuu op => [sub --unknown uuu op], []
   *
   * @param {string[]} args
   * @return {{operands: string[], unknown: string[]}}
   */

  parseOptions(args) {
    const operands = []; // operands, not options or values
    const unknown = []; // first unknown option and remaining unknown args
    let dest = operands;

    function maybeOption(arg) {
      return arg.length > 1 && arg[0] === '-';
    }

    const negativeNumberArg = (arg) => {
      // return false if not a negative number
      if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
      // negative number is ok unless digit used as an option in command hierarchy
      return !this._getCommandAndAncestors().some((cmd) =>
        cmd.options
          .map((opt) => opt.short)
          .some((short) => /^-\d$/.test(short)),
      );
    };

    // parse options
    let activeVariadicOption = null;
    let activeGroup = null; // working through group of short options, like -abc
    let i = 0;
    while (i < args.length || activeGroup) {
      const arg = activeGroup ?? args[i++];
      activeGroup = null;

      // literal
      if (arg === '--') {
        if (dest === unknown) dest.push(arg);
        dest.push(...args.slice(i));
        break;
      }

      if (
        activeVariadicOption &&
        (!maybeOption(arg) || negativeNumberArg(arg))
      ) {
        this.emit(`option:${activeVariadicOption.name()}`, arg);
        continue;
      }
      activeVariadicOption = null;

      if (maybeOption(arg)) {
        const option = this._findOption(arg);
        // recognised option, call listener to assign value with possible custom processing
        if (option) {
          if (option.required) {
            const value = args[i++];
            if (value === undefined) this.optionMissingArgument(option);
            this.emit(`option:${option.name()}`, value);
          } else if (option.optional) {
            let value = null;
            // historical behaviour is optional value is following arg unless an option
            if (
              i < args.length &&
              (!maybeOption(args[i]) || negativeNumberArg(args[i]))
            ) {
              value = args[i++];
            }
            this.emit(`option:${option.name()}`, value);
          } else {
            // boolean flag
            this.emit(`option:${option.name()}`);
          }
          activeVariadicOption = option.variadic ? option : null;
          continue;
        }
      }

      // Look for combo options following single dash, eat first one if known.
      if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
        const option = this._findOption(`-${arg[1]}`);
        if (option) {
          if (
            option.required ||
            (option.optional && this._combineFlagAndOptionalValue)
          ) {
            // option with value following in same argument
            this.emit(`option:${option.name()}`, arg.slice(2));
          } else {
            // boolean option
            this.emit(`option:${option.name()}`);
            // remove the processed option and keep processing group
            activeGroup = `-${arg.slice(2)}`;
          }
          continue;
        }
      }

      // Look for known long flag with value, like --foo=bar
      if (/^--[^=]+=/.test(arg)) {
        const index = arg.indexOf('=');
        const option = this._findOption(arg.slice(0, index));
        if (option && (option.required || option.optional)) {
          this.emit(`option:${option.name()}`, arg.slice(index + 1));
          continue;
        }
      }

      // Not a recognised option by this command.
      // Might be a command-argument, or subcommand option, or unknown option, or help command or option.

      // An unknown option means further arguments also classified as unknown so can be reprocessed by subcommands.
      // A negative number in a leaf command is not an unknown option.
      if (
        dest === operands &&
        maybeOption(arg) &&
        !(this.commands.length === 0 && negativeNumberArg(arg))
      ) {
        dest = unknown;
      }

      // If using positionalOptions, stop processing our options at subcommand.
      if (
        (this._enablePositionalOptions || this._passThroughOptions) &&
        operands.length === 0 &&
        unknown.length === 0
      ) {
        if (this._findCommand(arg)) {
          operands.push(arg);
          unknown.push(...args.slice(i));
          break;
        } else if (
          this._getHelpCommand() &&
          arg === this._getHelpCommand().name()
        ) {
          operands.push(arg, ...args.slice(i));
          break;
        } else if (this._defaultCommandName) {
          unknown.push(arg, ...args.slice(i));
          break;
        }
      }

      // If using passThroughOptions, stop processing options at first command-argument.
      if (this._passThroughOptions) {
        dest.push(arg, ...args.slice(i));
        break;
      }

      // add arg
      dest.push(arg);
    }

    return { operands, unknown };
  }

  /**
   * Return an object containing local option values as key-value pairs.
   *
   * @return {object}
   */
  opts() {
    if (this._storeOptionsAsProperties) {
      // Preserve original behaviour so backwards compatible when still using properties
      const result = {};
      const len = this.options.length;

      for (let i = 0; i < len; i++) {
        const key = this.options[i].attributeName();
        result[key] =
          key === this._versionOptionName ? this._version : this[key];
      }
      return result;
    }

    return this._optionValues;
  }

  /**
   * Return an object containing merged local and global option values as key-value pairs.
   *
   * @return {object}
   */
  optsWithGlobals() {
    // globals overwrite locals
    return this._getCommandAndAncestors().reduce(
      (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
      {},
    );
  }

  /**
   * Display error message and exit (or call exitOverride).
   *
   * @param {string} message
   * @param {object} [errorOptions]
   * @param {string} [errorOptions.code] - an id string representing the error
   * @param {number} [errorOptions.exitCode] - used with process.exit
   */
  error(message, errorOptions) {
    // output handling
    this._outputConfiguration.outputError(
      `${message}\n`,
      this._outputConfiguration.writeErr,
    );
    if (typeof this._showHelpAfterError === 'string') {
      this._outputConfiguration.writeErr(`${this._showHelpAfterError}\n`);
    } else if (this._showHelpAfterError) {
      this._outputConfiguration.writeErr('\n');
      this.outputHelp({ error: true });
    }

    // exit handling
    const config = errorOptions || {};
    const exitCode = config.exitCode || 1;
    const code = config.code || 'commander.error';
    this._exit(exitCode, code, message);
  }

  /**
   * Apply any option related environment variables, if option does
   * not have a value from cli or client code.
   *
   * @private
   */
  _parseOptionsEnv() {
    this.options.forEach((option) => {
      if (option.envVar && option.envVar in process.env) {
        const optionKey = option.attributeName();
        // Priority check. Do not overwrite cli or options from unknown source (client-code).
        if (
          this.getOptionValue(optionKey) === undefined ||
          ['default', 'config', 'env'].includes(
            this.getOptionValueSource(optionKey),
          )
        ) {
          if (option.required || option.optional) {
            // option can take a value
            // keep very simple, optional always takes value
            this.emit(`optionEnv:${option.name()}`, process.env[option.envVar]);
          } else {
            // boolean
            // keep very simple, only care that envVar defined and not the value
            this.emit(`optionEnv:${option.name()}`);
          }
        }
      }
    });
  }

  /**
   * Apply any implied option values, if option is undefined or default value.
   *
   * @private
   */
  _parseOptionsImplied() {
    const dualHelper = new DualOptions(this.options);
    const hasCustomOptionValue = (optionKey) => {
      return (
        this.getOptionValue(optionKey) !== undefined &&
        !['default', 'implied'].includes(this.getOptionValueSource(optionKey))
      );
    };
    this.options
      .filter(
        (option) =>
          option.implied !== undefined &&
          hasCustomOptionValue(option.attributeName()) &&
          dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option,
          ),
      )
      .forEach((option) => {
        Object.keys(option.implied)
          .filter((impliedKey) => !hasCustomOptionValue(impliedKey))
          .forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              'implied',
            );
          });
      });
  }

  /**
   * Argument `name` is missing.
   *
   * @param {string} name
   * @private
   */

  missingArgument(name) {
    const message = `error: missing required argument '${name}'`;
    this.error(message, { code: 'commander.missingArgument' });
  }

  /**
   * `Option` is missing an argument.
   *
   * @param {Option} option
   * @private
   */

  optionMissingArgument(option) {
    const message = `error: option '${option.flags}' argument missing`;
    this.error(message, { code: 'commander.optionMissingArgument' });
  }

  /**
   * `Option` does not have a value, and is a mandatory option.
   *
   * @param {Option} option
   * @private
   */

  missingMandatoryOptionValue(option) {
    const message = `error: required option '${option.flags}' not specified`;
    this.error(message, { code: 'commander.missingMandatoryOptionValue' });
  }

  /**
   * `Option` conflicts with another option.
   *
   * @param {Option} option
   * @param {Option} conflictingOption
   * @private
   */
  _conflictingOption(option, conflictingOption) {
    // The calling code does not know whether a negated option is the source of the
    // value, so do some work to take an educated guess.
    const findBestOptionFromValue = (option) => {
      const optionKey = option.attributeName();
      const optionValue = this.getOptionValue(optionKey);
      const negativeOption = this.options.find(
        (target) => target.negate && optionKey === target.attributeName(),
      );
      const positiveOption = this.options.find(
        (target) => !target.negate && optionKey === target.attributeName(),
      );
      if (
        negativeOption &&
        ((negativeOption.presetArg === undefined && optionValue === false) ||
          (negativeOption.presetArg !== undefined &&
            optionValue === negativeOption.presetArg))
      ) {
        return negativeOption;
      }
      return positiveOption || option;
    };

    const getErrorMessage = (option) => {
      const bestOption = findBestOptionFromValue(option);
      const optionKey = bestOption.attributeName();
      const source = this.getOptionValueSource(optionKey);
      if (source === 'env') {
        return `environment variable '${bestOption.envVar}'`;
      }
      return `option '${bestOption.flags}'`;
    };

    const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
    this.error(message, { code: 'commander.conflictingOption' });
  }

  /**
   * Unknown option `flag`.
   *
   * @param {string} flag
   * @private
   */

  unknownOption(flag) {
    if (this._allowUnknownOption) return;
    let suggestion = '';

    if (flag.startsWith('--') && this._showSuggestionAfterError) {
      // Looping to pick up the global options too
      let candidateFlags = [];
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      let command = this;
      do {
        const moreFlags = command
          .createHelp()
          .visibleOptions(command)
          .filter((option) => option.long)
          .map((option) => option.long);
        candidateFlags = candidateFlags.concat(moreFlags);
        command = command.parent;
      } while (command && !command._enablePositionalOptions);
      suggestion = suggestSimilar(flag, candidateFlags);
    }

    const message = `error: unknown option '${flag}'${suggestion}`;
    this.error(message, { code: 'commander.unknownOption' });
  }

  /**
   * Excess arguments, more than expected.
   *
   * @param {string[]} receivedArgs
   * @private
   */

  _excessArguments(receivedArgs) {
    if (this._allowExcessArguments) return;

    const expected = this.registeredArguments.length;
    const s = expected === 1 ? '' : 's';
    const forSubcommand = this.parent ? ` for '${this.name()}'` : '';
    const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
    this.error(message, { code: 'commander.excessArguments' });
  }

  /**
   * Unknown command.
   *
   * @private
   */

  unknownCommand() {
    const unknownName = this.args[0];
    let suggestion = '';

    if (this._showSuggestionAfterError) {
      const candidateNames = [];
      this.createHelp()
        .visibleCommands(this)
        .forEach((command) => {
          candidateNames.push(command.name());
          // just visible alias
          if (command.alias()) candidateNames.push(command.alias());
        });
      suggestion = suggestSimilar(unknownName, candidateNames);
    }

    const message = `error: unknown command '${unknownName}'${suggestion}`;
    this.error(message, { code: 'commander.unknownCommand' });
  }

  /**
   * Get or set the program version.
   *
   * This method auto-registers the "-V, --version" option which will print the version number.
   *
   * You can optionally supply the flags and description to override the defaults.
   *
   * @param {string} [str]
   * @param {string} [flags]
   * @param {string} [description]
   * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
   */

  version(str, flags, description) {
    if (str === undefined) return this._version;
    this._version = str;
    flags = flags || '-V, --version';
    description = description || 'output the version number';
    const versionOption = this.createOption(flags, description);
    this._versionOptionName = versionOption.attributeName();
    this._registerOption(versionOption);

    this.on('option:' + versionOption.name(), () => {
      this._outputConfiguration.writeOut(`${str}\n`);
      this._exit(0, 'commander.version', str);
    });
    return this;
  }

  /**
   * Set the description.
   *
   * @param {string} [str]
   * @param {object} [argsDescription]
   * @return {(string|Command)}
   */
  description(str, argsDescription) {
    if (str === undefined && argsDescription === undefined)
      return this._description;
    this._description = str;
    if (argsDescription) {
      this._argsDescription = argsDescription;
    }
    return this;
  }

  /**
   * Set the summary. Used when listed as subcommand of parent.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */
  summary(str) {
    if (str === undefined) return this._summary;
    this._summary = str;
    return this;
  }

  /**
   * Set an alias for the command.
   *
   * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
   *
   * @param {string} [alias]
   * @return {(string|Command)}
   */

  alias(alias) {
    if (alias === undefined) return this._aliases[0]; // just return first, for backwards compatibility

    /** @type {Command} */
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let command = this;
    if (
      this.commands.length !== 0 &&
      this.commands[this.commands.length - 1]._executableHandler
    ) {
      // assume adding alias for last added executable subcommand, rather than this
      command = this.commands[this.commands.length - 1];
    }

    if (alias === command._name)
      throw new Error("Command alias can't be the same as its name");
    const matchingCommand = this.parent?._findCommand(alias);
    if (matchingCommand) {
      // c.f. _registerCommand
      const existingCmd = [matchingCommand.name()]
        .concat(matchingCommand.aliases())
        .join('|');
      throw new Error(
        `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`,
      );
    }

    command._aliases.push(alias);
    return this;
  }

  /**
   * Set aliases for the command.
   *
   * Only the first alias is shown in the auto-generated help.
   *
   * @param {string[]} [aliases]
   * @return {(string[]|Command)}
   */

  aliases(aliases) {
    // Getter for the array of aliases is the main reason for having aliases() in addition to alias().
    if (aliases === undefined) return this._aliases;

    aliases.forEach((alias) => this.alias(alias));
    return this;
  }

  /**
   * Set / get the command usage `str`.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  usage(str) {
    if (str === undefined) {
      if (this._usage) return this._usage;

      const args = this.registeredArguments.map((arg) => {
        return humanReadableArgName(arg);
      });
      return []
        .concat(
          this.options.length || this._helpOption !== null ? '[options]' : [],
          this.commands.length ? '[command]' : [],
          this.registeredArguments.length ? args : [],
        )
        .join(' ');
    }

    this._usage = str;
    return this;
  }

  /**
   * Get or set the name of the command.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  name(str) {
    if (str === undefined) return this._name;
    this._name = str;
    return this;
  }

  /**
   * Set/get the help group heading for this subcommand in parent command's help.
   *
   * @param {string} [heading]
   * @return {Command | string}
   */

  helpGroup(heading) {
    if (heading === undefined) return this._helpGroupHeading ?? '';
    this._helpGroupHeading = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for subcommands added to this command.
   * (This does not override a group set directly on the subcommand using .helpGroup().)
   *
   * @example
   * program.commandsGroup('Development Commands:);
   * program.command('watch')...
   * program.command('lint')...
   * ...
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  commandsGroup(heading) {
    if (heading === undefined) return this._defaultCommandGroup ?? '';
    this._defaultCommandGroup = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for options added to this command.
   * (This does not override a group set directly on the option using .helpGroup().)
   *
   * @example
   * program
   *   .optionsGroup('Development Options:')
   *   .option('-d, --debug', 'output extra debugging')
   *   .option('-p, --profile', 'output profiling information')
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  optionsGroup(heading) {
    if (heading === undefined) return this._defaultOptionGroup ?? '';
    this._defaultOptionGroup = heading;
    return this;
  }

  /**
   * @param {Option} option
   * @private
   */
  _initOptionGroup(option) {
    if (this._defaultOptionGroup && !option.helpGroupHeading)
      option.helpGroup(this._defaultOptionGroup);
  }

  /**
   * @param {Command} cmd
   * @private
   */
  _initCommandGroup(cmd) {
    if (this._defaultCommandGroup && !cmd.helpGroup())
      cmd.helpGroup(this._defaultCommandGroup);
  }

  /**
   * Set the name of the command from script filename, such as process.argv[1],
   * or require.main.filename, or __filename.
   *
   * (Used internally and public although not documented in README.)
   *
   * @example
   * program.nameFromFilename(require.main.filename);
   *
   * @param {string} filename
   * @return {Command}
   */

  nameFromFilename(filename) {
    this._name = path.basename(filename, path.extname(filename));

    return this;
  }

  /**
   * Get or set the directory for searching for executable subcommands of this command.
   *
   * @example
   * program.executableDir(__dirname);
   * // or
   * program.executableDir('subcommands');
   *
   * @param {string} [path]
   * @return {(string|null|Command)}
   */

  executableDir(path) {
    if (path === undefined) return this._executableDir;
    this._executableDir = path;
    return this;
  }

  /**
   * Return program help documentation.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
   * @return {string}
   */

  helpInformation(contextOptions) {
    const helper = this.createHelp();
    const context = this._getOutputContext(contextOptions);
    helper.prepareContext({
      error: context.error,
      helpWidth: context.helpWidth,
      outputHasColors: context.hasColors,
    });
    const text = helper.formatHelp(this, helper);
    if (context.hasColors) return text;
    return this._outputConfiguration.stripColor(text);
  }

  /**
   * @typedef HelpContext
   * @type {object}
   * @property {boolean} error
   * @property {number} helpWidth
   * @property {boolean} hasColors
   * @property {function} write - includes stripColor if needed
   *
   * @returns {HelpContext}
   * @private
   */

  _getOutputContext(contextOptions) {
    contextOptions = contextOptions || {};
    const error = !!contextOptions.error;
    let baseWrite;
    let hasColors;
    let helpWidth;
    if (error) {
      baseWrite = (str) => this._outputConfiguration.writeErr(str);
      hasColors = this._outputConfiguration.getErrHasColors();
      helpWidth = this._outputConfiguration.getErrHelpWidth();
    } else {
      baseWrite = (str) => this._outputConfiguration.writeOut(str);
      hasColors = this._outputConfiguration.getOutHasColors();
      helpWidth = this._outputConfiguration.getOutHelpWidth();
    }
    const write = (str) => {
      if (!hasColors) str = this._outputConfiguration.stripColor(str);
      return baseWrite(str);
    };
    return { error, write, hasColors, helpWidth };
  }

  /**
   * Output help information for this command.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  outputHelp(contextOptions) {
    let deprecatedCallback;
    if (typeof contextOptions === 'function') {
      deprecatedCallback = contextOptions;
      contextOptions = undefined;
    }

    const outputContext = this._getOutputContext(contextOptions);
    /** @type {HelpTextEventContext} */
    const eventContext = {
      error: outputContext.error,
      write: outputContext.write,
      command: this,
    };

    this._getCommandAndAncestors()
      .reverse()
      .forEach((command) => command.emit('beforeAllHelp', eventContext));
    this.emit('beforeHelp', eventContext);

    let helpInformation = this.helpInformation({ error: outputContext.error });
    if (deprecatedCallback) {
      helpInformation = deprecatedCallback(helpInformation);
      if (
        typeof helpInformation !== 'string' &&
        !Buffer.isBuffer(helpInformation)
      ) {
        throw new Error('outputHelp callback must return a string or a Buffer');
      }
    }
    outputContext.write(helpInformation);

    if (this._getHelpOption()?.long) {
      this.emit(this._getHelpOption().long); // deprecated
    }
    this.emit('afterHelp', eventContext);
    this._getCommandAndAncestors().forEach((command) =>
      command.emit('afterAllHelp', eventContext),
    );
  }

  /**
   * You can pass in flags and a description to customise the built-in help option.
   * Pass in false to disable the built-in help option.
   *
   * @example
   * program.helpOption('-?, --help' 'show help'); // customise
   * program.helpOption(false); // disable
   *
   * @param {(string | boolean)} flags
   * @param {string} [description]
   * @return {Command} `this` command for chaining
   */

  helpOption(flags, description) {
    // Support enabling/disabling built-in help option.
    if (typeof flags === 'boolean') {
      if (flags) {
        if (this._helpOption === null) this._helpOption = undefined; // reenable
        if (this._defaultOptionGroup) {
          // make the option to store the group
          this._initOptionGroup(this._getHelpOption());
        }
      } else {
        this._helpOption = null; // disable
      }
      return this;
    }

    // Customise flags and description.
    this._helpOption = this.createOption(
      flags ?? '-h, --help',
      description ?? 'display help for command',
    );
    // init group unless lazy create
    if (flags || description) this._initOptionGroup(this._helpOption);

    return this;
  }

  /**
   * Lazy create help option.
   * Returns null if has been disabled with .helpOption(false).
   *
   * @returns {(Option | null)} the help option
   * @package
   */
  _getHelpOption() {
    // Lazy create help option on demand.
    if (this._helpOption === undefined) {
      this.helpOption(undefined, undefined);
    }
    return this._helpOption;
  }

  /**
   * Supply your own option to use for the built-in help option.
   * This is an alternative to using helpOption() to customise the flags and description etc.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addHelpOption(option) {
    this._helpOption = option;
    this._initOptionGroup(option);
    return this;
  }

  /**
   * Output help information and exit.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  help(contextOptions) {
    this.outputHelp(contextOptions);
    let exitCode = Number(process.exitCode ?? 0); // process.exitCode does allow a string or an integer, but we prefer just a number
    if (
      exitCode === 0 &&
      contextOptions &&
      typeof contextOptions !== 'function' &&
      contextOptions.error
    ) {
      exitCode = 1;
    }
    // message: do not have all displayed text available so only passing placeholder.
    this._exit(exitCode, 'commander.help', '(outputHelp)');
  }

  /**
   * // Do a little typing to coordinate emit and listener for the help text events.
   * @typedef HelpTextEventContext
   * @type {object}
   * @property {boolean} error
   * @property {Command} command
   * @property {function} write
   */

  /**
   * Add additional text to be displayed with the built-in help.
   *
   * Position is 'before' or 'after' to affect just this command,
   * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
   *
   * @param {string} position - before or after built-in help
   * @param {(string | Function)} text - string to add, or a function returning a string
   * @return {Command} `this` command for chaining
   */

  addHelpText(position, text) {
    const allowedValues = ['beforeAll', 'before', 'after', 'afterAll'];
    if (!allowedValues.includes(position)) {
      throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
    }

    const helpEvent = `${position}Help`;
    this.on(helpEvent, (/** @type {HelpTextEventContext} */ context) => {
      let helpStr;
      if (typeof text === 'function') {
        helpStr = text({ error: context.error, command: context.command });
      } else {
        helpStr = text;
      }
      // Ignore falsy value when nothing to output.
      if (helpStr) {
        context.write(`${helpStr}\n`);
      }
    });
    return this;
  }

  /**
   * Output help information if help flags specified
   *
   * @param {Array} args - array of options to search for help flags
   * @private
   */

  _outputHelpIfRequested(args) {
    const helpOption = this._getHelpOption();
    const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
    if (helpRequested) {
      this.outputHelp();
      // (Do not have all displayed text available so only passing placeholder.)
      this._exit(0, 'commander.helpDisplayed', '(outputHelp)');
    }
  }
}

/**
 * Scan arguments and increment port number for inspect calls (to avoid conflicts when spawning new command).
 *
 * @param {string[]} args - array of arguments from node.execArgv
 * @returns {string[]}
 * @private
 */

function incrementNodeInspectorPort(args) {
  // Testing for these options:
  //  --inspect[=[host:]port]
  //  --inspect-brk[=[host:]port]
  //  --inspect-port=[host:]port
  return args.map((arg) => {
    if (!arg.startsWith('--inspect')) {
      return arg;
    }
    let debugOption;
    let debugHost = '127.0.0.1';
    let debugPort = '9229';
    let match;
    if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
      // e.g. --inspect
      debugOption = match[1];
    } else if (
      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null
    ) {
      debugOption = match[1];
      if (/^\d+$/.test(match[3])) {
        // e.g. --inspect=1234
        debugPort = match[3];
      } else {
        // e.g. --inspect=localhost
        debugHost = match[3];
      }
    } else if (
      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null
    ) {
      // e.g. --inspect=localhost:1234
      debugOption = match[1];
      debugHost = match[3];
      debugPort = match[4];
    }

    if (debugOption && debugPort !== '0') {
      return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
    }
    return arg;
  });
}

/**
 * @returns {boolean | undefined}
 * @package
 */
function useColor() {
  // Test for common conventions.
  // NB: the observed behaviour is in combination with how author adds color! For example:
  //   - we do not test NODE_DISABLE_COLORS, but util:styletext does
  //   - we do test NO_COLOR, but Chalk does not
  //
  // References:
  // https://no-color.org
  // https://bixense.com/clicolors/
  // https://github.com/nodejs/node/blob/0a00217a5f67ef4a22384cfc80eb6dd9a917fdc1/lib/internal/tty.js#L109
  // https://github.com/chalk/supports-color/blob/c214314a14bcb174b12b3014b2b0a8de375029ae/index.js#L33
  // (https://force-color.org recent web page from 2023, does not match major javascript implementations)

  if (
    process.env.NO_COLOR ||
    process.env.FORCE_COLOR === '0' ||
    process.env.FORCE_COLOR === 'false'
  )
    return false;
  if (process.env.FORCE_COLOR || process.env.CLICOLOR_FORCE !== undefined)
    return true;
  return undefined;
}

exports.Command = Command;
exports.useColor = useColor; // exporting for tests


/***/ }),

/***/ 1135:
/***/ ((__unused_webpack_module, exports) => {

/**
 * CommanderError class
 */
class CommanderError extends Error {
  /**
   * Constructs the CommanderError class
   * @param {number} exitCode suggested exit code which could be used with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   */
  constructor(exitCode, code, message) {
    super(message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
    this.code = code;
    this.exitCode = exitCode;
    this.nestedError = undefined;
  }
}

/**
 * InvalidArgumentError class
 */
class InvalidArgumentError extends CommanderError {
  /**
   * Constructs the InvalidArgumentError class
   * @param {string} [message] explanation of why argument is invalid
   */
  constructor(message) {
    super(1, 'commander.invalidArgument', message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
  }
}

exports.CommanderError = CommanderError;
exports.InvalidArgumentError = InvalidArgumentError;


/***/ }),

/***/ 9754:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { humanReadableArgName } = __nccwpck_require__(9154);

/**
 * TypeScript import types for JSDoc, used by Visual Studio Code IntelliSense and `npm run typescript-checkJS`
 * https://www.typescriptlang.org/docs/handbook/jsdoc-supported-types.html#import-types
 * @typedef { import("./argument.js").Argument } Argument
 * @typedef { import("./command.js").Command } Command
 * @typedef { import("./option.js").Option } Option
 */

// Although this is a class, methods are static in style to allow override using subclass or just functions.
class Help {
  constructor() {
    this.helpWidth = undefined;
    this.minWidthToWrap = 40;
    this.sortSubcommands = false;
    this.sortOptions = false;
    this.showGlobalOptions = false;
  }

  /**
   * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
   * and just before calling `formatHelp()`.
   *
   * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
   *
   * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
   */
  prepareContext(contextOptions) {
    this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
  }

  /**
   * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
   *
   * @param {Command} cmd
   * @returns {Command[]}
   */

  visibleCommands(cmd) {
    const visibleCommands = cmd.commands.filter((cmd) => !cmd._hidden);
    const helpCommand = cmd._getHelpCommand();
    if (helpCommand && !helpCommand._hidden) {
      visibleCommands.push(helpCommand);
    }
    if (this.sortSubcommands) {
      visibleCommands.sort((a, b) => {
        // @ts-ignore: because overloaded return type
        return a.name().localeCompare(b.name());
      });
    }
    return visibleCommands;
  }

  /**
   * Compare options for sort.
   *
   * @param {Option} a
   * @param {Option} b
   * @returns {number}
   */
  compareOptions(a, b) {
    const getSortKey = (option) => {
      // WYSIWYG for order displayed in help. Short used for comparison if present. No special handling for negated.
      return option.short
        ? option.short.replace(/^-/, '')
        : option.long.replace(/^--/, '');
    };
    return getSortKey(a).localeCompare(getSortKey(b));
  }

  /**
   * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleOptions(cmd) {
    const visibleOptions = cmd.options.filter((option) => !option.hidden);
    // Built-in help option.
    const helpOption = cmd._getHelpOption();
    if (helpOption && !helpOption.hidden) {
      // Automatically hide conflicting flags. Bit dubious but a historical behaviour that is convenient for single-command programs.
      const removeShort = helpOption.short && cmd._findOption(helpOption.short);
      const removeLong = helpOption.long && cmd._findOption(helpOption.long);
      if (!removeShort && !removeLong) {
        visibleOptions.push(helpOption); // no changes needed
      } else if (helpOption.long && !removeLong) {
        visibleOptions.push(
          cmd.createOption(helpOption.long, helpOption.description),
        );
      } else if (helpOption.short && !removeShort) {
        visibleOptions.push(
          cmd.createOption(helpOption.short, helpOption.description),
        );
      }
    }
    if (this.sortOptions) {
      visibleOptions.sort(this.compareOptions);
    }
    return visibleOptions;
  }

  /**
   * Get an array of the visible global options. (Not including help.)
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleGlobalOptions(cmd) {
    if (!this.showGlobalOptions) return [];

    const globalOptions = [];
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      const visibleOptions = ancestorCmd.options.filter(
        (option) => !option.hidden,
      );
      globalOptions.push(...visibleOptions);
    }
    if (this.sortOptions) {
      globalOptions.sort(this.compareOptions);
    }
    return globalOptions;
  }

  /**
   * Get an array of the arguments if any have a description.
   *
   * @param {Command} cmd
   * @returns {Argument[]}
   */

  visibleArguments(cmd) {
    // Side effect! Apply the legacy descriptions before the arguments are displayed.
    if (cmd._argsDescription) {
      cmd.registeredArguments.forEach((argument) => {
        argument.description =
          argument.description || cmd._argsDescription[argument.name()] || '';
      });
    }

    // If there are any arguments with a description then return all the arguments.
    if (cmd.registeredArguments.find((argument) => argument.description)) {
      return cmd.registeredArguments;
    }
    return [];
  }

  /**
   * Get the command term to show in the list of subcommands.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandTerm(cmd) {
    // Legacy. Ignores custom usage string, and nested commands.
    const args = cmd.registeredArguments
      .map((arg) => humanReadableArgName(arg))
      .join(' ');
    return (
      cmd._name +
      (cmd._aliases[0] ? '|' + cmd._aliases[0] : '') +
      (cmd.options.length ? ' [options]' : '') + // simplistic check for non-help option
      (args ? ' ' + args : '')
    );
  }

  /**
   * Get the option term to show in the list of options.
   *
   * @param {Option} option
   * @returns {string}
   */

  optionTerm(option) {
    return option.flags;
  }

  /**
   * Get the argument term to show in the list of arguments.
   *
   * @param {Argument} argument
   * @returns {string}
   */

  argumentTerm(argument) {
    return argument.name();
  }

  /**
   * Get the longest command term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestSubcommandTermLength(cmd, helper) {
    return helper.visibleCommands(cmd).reduce((max, command) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleSubcommandTerm(helper.subcommandTerm(command)),
        ),
      );
    }, 0);
  }

  /**
   * Get the longest option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestOptionTermLength(cmd, helper) {
    return helper.visibleOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest global option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestGlobalOptionTermLength(cmd, helper) {
    return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest argument term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestArgumentTermLength(cmd, helper) {
    return helper.visibleArguments(cmd).reduce((max, argument) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleArgumentTerm(helper.argumentTerm(argument)),
        ),
      );
    }, 0);
  }

  /**
   * Get the command usage to be displayed at the top of the built-in help.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandUsage(cmd) {
    // Usage
    let cmdName = cmd._name;
    if (cmd._aliases[0]) {
      cmdName = cmdName + '|' + cmd._aliases[0];
    }
    let ancestorCmdNames = '';
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      ancestorCmdNames = ancestorCmd.name() + ' ' + ancestorCmdNames;
    }
    return ancestorCmdNames + cmdName + ' ' + cmd.usage();
  }

  /**
   * Get the description for the command.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.description();
  }

  /**
   * Get the subcommand summary to show in the list of subcommands.
   * (Fallback to description for backwards compatibility.)
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.summary() || cmd.description();
  }

  /**
   * Get the option description to show in the list of options.
   *
   * @param {Option} option
   * @return {string}
   */

  optionDescription(option) {
    const extraInfo = [];

    if (option.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (option.defaultValue !== undefined) {
      // default for boolean and negated more for programmer than end user,
      // but show true/false for boolean option as may be for hand-rolled env or config processing.
      const showDefault =
        option.required ||
        option.optional ||
        (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (showDefault) {
        extraInfo.push(
          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`,
        );
      }
    }
    // preset for boolean and negated are more for programmer than end user
    if (option.presetArg !== undefined && option.optional) {
      extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
    }
    if (option.envVar !== undefined) {
      extraInfo.push(`env: ${option.envVar}`);
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (option.description) {
        return `${option.description} ${extraDescription}`;
      }
      return extraDescription;
    }

    return option.description;
  }

  /**
   * Get the argument description to show in the list of arguments.
   *
   * @param {Argument} argument
   * @return {string}
   */

  argumentDescription(argument) {
    const extraInfo = [];
    if (argument.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (argument.defaultValue !== undefined) {
      extraInfo.push(
        `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`,
      );
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (argument.description) {
        return `${argument.description} ${extraDescription}`;
      }
      return extraDescription;
    }
    return argument.description;
  }

  /**
   * Format a list of items, given a heading and an array of formatted items.
   *
   * @param {string} heading
   * @param {string[]} items
   * @param {Help} helper
   * @returns string[]
   */
  formatItemList(heading, items, helper) {
    if (items.length === 0) return [];

    return [helper.styleTitle(heading), ...items, ''];
  }

  /**
   * Group items by their help group heading.
   *
   * @param {Command[] | Option[]} unsortedItems
   * @param {Command[] | Option[]} visibleItems
   * @param {Function} getGroup
   * @returns {Map<string, Command[] | Option[]>}
   */
  groupItems(unsortedItems, visibleItems, getGroup) {
    const result = new Map();
    // Add groups in order of appearance in unsortedItems.
    unsortedItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) result.set(group, []);
    });
    // Add items in order of appearance in visibleItems.
    visibleItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) {
        result.set(group, []);
      }
      result.get(group).push(item);
    });
    return result;
  }

  /**
   * Generate the built-in help text.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {string}
   */

  formatHelp(cmd, helper) {
    const termWidth = helper.padWidth(cmd, helper);
    const helpWidth = helper.helpWidth ?? 80; // in case prepareContext() was not called

    function callFormatItem(term, description) {
      return helper.formatItem(term, termWidth, description, helper);
    }

    // Usage
    let output = [
      `${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`,
      '',
    ];

    // Description
    const commandDescription = helper.commandDescription(cmd);
    if (commandDescription.length > 0) {
      output = output.concat([
        helper.boxWrap(
          helper.styleCommandDescription(commandDescription),
          helpWidth,
        ),
        '',
      ]);
    }

    // Arguments
    const argumentList = helper.visibleArguments(cmd).map((argument) => {
      return callFormatItem(
        helper.styleArgumentTerm(helper.argumentTerm(argument)),
        helper.styleArgumentDescription(helper.argumentDescription(argument)),
      );
    });
    output = output.concat(
      this.formatItemList('Arguments:', argumentList, helper),
    );

    // Options
    const optionGroups = this.groupItems(
      cmd.options,
      helper.visibleOptions(cmd),
      (option) => option.helpGroupHeading ?? 'Options:',
    );
    optionGroups.forEach((options, group) => {
      const optionList = options.map((option) => {
        return callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option)),
        );
      });
      output = output.concat(this.formatItemList(group, optionList, helper));
    });

    if (helper.showGlobalOptions) {
      const globalOptionList = helper
        .visibleGlobalOptions(cmd)
        .map((option) => {
          return callFormatItem(
            helper.styleOptionTerm(helper.optionTerm(option)),
            helper.styleOptionDescription(helper.optionDescription(option)),
          );
        });
      output = output.concat(
        this.formatItemList('Global Options:', globalOptionList, helper),
      );
    }

    // Commands
    const commandGroups = this.groupItems(
      cmd.commands,
      helper.visibleCommands(cmd),
      (sub) => sub.helpGroup() || 'Commands:',
    );
    commandGroups.forEach((commands, group) => {
      const commandList = commands.map((sub) => {
        return callFormatItem(
          helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
          helper.styleSubcommandDescription(helper.subcommandDescription(sub)),
        );
      });
      output = output.concat(this.formatItemList(group, commandList, helper));
    });

    return output.join('\n');
  }

  /**
   * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
   *
   * @param {string} str
   * @returns {number}
   */
  displayWidth(str) {
    return stripColor(str).length;
  }

  /**
   * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
   *
   * @param {string} str
   * @returns {string}
   */
  styleTitle(str) {
    return str;
  }

  styleUsage(str) {
    // Usage has lots of parts the user might like to color separately! Assume default usage string which is formed like:
    //    command subcommand [options] [command] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word === '[command]') return this.styleSubcommandText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleCommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleCommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleOptionDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleSubcommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleArgumentDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleDescriptionText(str) {
    return str;
  }
  styleOptionTerm(str) {
    return this.styleOptionText(str);
  }
  styleSubcommandTerm(str) {
    // This is very like usage with lots of parts! Assume default string which is formed like:
    //    subcommand [options] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleSubcommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleArgumentTerm(str) {
    return this.styleArgumentText(str);
  }
  styleOptionText(str) {
    return str;
  }
  styleArgumentText(str) {
    return str;
  }
  styleSubcommandText(str) {
    return str;
  }
  styleCommandText(str) {
    return str;
  }

  /**
   * Calculate the pad width from the maximum term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  padWidth(cmd, helper) {
    return Math.max(
      helper.longestOptionTermLength(cmd, helper),
      helper.longestGlobalOptionTermLength(cmd, helper),
      helper.longestSubcommandTermLength(cmd, helper),
      helper.longestArgumentTermLength(cmd, helper),
    );
  }

  /**
   * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
   *
   * @param {string} str
   * @returns {boolean}
   */
  preformatted(str) {
    return /\n[^\S\r\n]/.test(str);
  }

  /**
   * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
   *
   * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
   *   TTT  DDD DDDD
   *        DD DDD
   *
   * @param {string} term
   * @param {number} termWidth
   * @param {string} description
   * @param {Help} helper
   * @returns {string}
   */
  formatItem(term, termWidth, description, helper) {
    const itemIndent = 2;
    const itemIndentStr = ' '.repeat(itemIndent);
    if (!description) return itemIndentStr + term;

    // Pad the term out to a consistent width, so descriptions are aligned.
    const paddedTerm = term.padEnd(
      termWidth + term.length - helper.displayWidth(term),
    );

    // Format the description.
    const spacerWidth = 2; // between term and description
    const helpWidth = this.helpWidth ?? 80; // in case prepareContext() was not called
    const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
    let formattedDescription;
    if (
      remainingWidth < this.minWidthToWrap ||
      helper.preformatted(description)
    ) {
      formattedDescription = description;
    } else {
      const wrappedDescription = helper.boxWrap(description, remainingWidth);
      formattedDescription = wrappedDescription.replace(
        /\n/g,
        '\n' + ' '.repeat(termWidth + spacerWidth),
      );
    }

    // Construct and overall indent.
    return (
      itemIndentStr +
      paddedTerm +
      ' '.repeat(spacerWidth) +
      formattedDescription.replace(/\n/g, `\n${itemIndentStr}`)
    );
  }

  /**
   * Wrap a string at whitespace, preserving existing line breaks.
   * Wrapping is skipped if the width is less than `minWidthToWrap`.
   *
   * @param {string} str
   * @param {number} width
   * @returns {string}
   */
  boxWrap(str, width) {
    if (width < this.minWidthToWrap) return str;

    const rawLines = str.split(/\r\n|\n/);
    // split up text by whitespace
    const chunkPattern = /[\s]*[^\s]+/g;
    const wrappedLines = [];
    rawLines.forEach((line) => {
      const chunks = line.match(chunkPattern);
      if (chunks === null) {
        wrappedLines.push('');
        return;
      }

      let sumChunks = [chunks.shift()];
      let sumWidth = this.displayWidth(sumChunks[0]);
      chunks.forEach((chunk) => {
        const visibleWidth = this.displayWidth(chunk);
        // Accumulate chunks while they fit into width.
        if (sumWidth + visibleWidth <= width) {
          sumChunks.push(chunk);
          sumWidth += visibleWidth;
          return;
        }
        wrappedLines.push(sumChunks.join(''));

        const nextChunk = chunk.trimStart(); // trim space at line break
        sumChunks = [nextChunk];
        sumWidth = this.displayWidth(nextChunk);
      });
      wrappedLines.push(sumChunks.join(''));
    });

    return wrappedLines.join('\n');
  }
}

/**
 * Strip style ANSI escape sequences from the string. In particular, SGR (Select Graphic Rendition) codes.
 *
 * @param {string} str
 * @returns {string}
 * @package
 */

function stripColor(str) {
  // eslint-disable-next-line no-control-regex
  const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
  return str.replace(sgrPattern, '');
}

exports.Help = Help;
exports.stripColor = stripColor;


/***/ }),

/***/ 5240:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { InvalidArgumentError } = __nccwpck_require__(1135);

class Option {
  /**
   * Initialize a new `Option` with the given `flags` and `description`.
   *
   * @param {string} flags
   * @param {string} [description]
   */

  constructor(flags, description) {
    this.flags = flags;
    this.description = description || '';

    this.required = flags.includes('<'); // A value must be supplied when the option is specified.
    this.optional = flags.includes('['); // A value is optional when the option is specified.
    // variadic test ignores <value,...> et al which might be used to describe custom splitting of single argument
    this.variadic = /\w\.\.\.[>\]]$/.test(flags); // The option can take multiple values.
    this.mandatory = false; // The option must have a value after parsing, which usually means it must be specified on command line.
    const optionFlags = splitOptionFlags(flags);
    this.short = optionFlags.shortFlag; // May be a short flag, undefined, or even a long flag (if option has two long flags).
    this.long = optionFlags.longFlag;
    this.negate = false;
    if (this.long) {
      this.negate = this.long.startsWith('--no-');
    }
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.presetArg = undefined;
    this.envVar = undefined;
    this.parseArg = undefined;
    this.hidden = false;
    this.argChoices = undefined;
    this.conflictsWith = [];
    this.implied = undefined;
    this.helpGroupHeading = undefined; // soft initialised when option added to command
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Option}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Preset to use when option used without option-argument, especially optional but also boolean and negated.
   * The custom processing (parseArg) is called.
   *
   * @example
   * new Option('--color').default('GREYSCALE').preset('RGB');
   * new Option('--donate [amount]').preset('20').argParser(parseFloat);
   *
   * @param {*} arg
   * @return {Option}
   */

  preset(arg) {
    this.presetArg = arg;
    return this;
  }

  /**
   * Add option name(s) that conflict with this option.
   * An error will be displayed if conflicting options are found during parsing.
   *
   * @example
   * new Option('--rgb').conflicts('cmyk');
   * new Option('--js').conflicts(['ts', 'jsx']);
   *
   * @param {(string | string[])} names
   * @return {Option}
   */

  conflicts(names) {
    this.conflictsWith = this.conflictsWith.concat(names);
    return this;
  }

  /**
   * Specify implied option values for when this option is set and the implied options are not.
   *
   * The custom processing (parseArg) is not called on the implied values.
   *
   * @example
   * program
   *   .addOption(new Option('--log', 'write logging information to file'))
   *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
   *
   * @param {object} impliedOptionValues
   * @return {Option}
   */
  implies(impliedOptionValues) {
    let newImplied = impliedOptionValues;
    if (typeof impliedOptionValues === 'string') {
      // string is not documented, but easy mistake and we can do what user probably intended.
      newImplied = { [impliedOptionValues]: true };
    }
    this.implied = Object.assign(this.implied || {}, newImplied);
    return this;
  }

  /**
   * Set environment variable to check for option value.
   *
   * An environment variable is only used if when processed the current option value is
   * undefined, or the source of the current value is 'default' or 'config' or 'env'.
   *
   * @param {string} name
   * @return {Option}
   */

  env(name) {
    this.envVar = name;
    return this;
  }

  /**
   * Set the custom handler for processing CLI option arguments into option values.
   *
   * @param {Function} [fn]
   * @return {Option}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Whether the option is mandatory and must have a value after parsing.
   *
   * @param {boolean} [mandatory=true]
   * @return {Option}
   */

  makeOptionMandatory(mandatory = true) {
    this.mandatory = !!mandatory;
    return this;
  }

  /**
   * Hide option in help.
   *
   * @param {boolean} [hide=true]
   * @return {Option}
   */

  hideHelp(hide = true) {
    this.hidden = !!hide;
    return this;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Only allow option value to be one of choices.
   *
   * @param {string[]} values
   * @return {Option}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Return option name.
   *
   * @return {string}
   */

  name() {
    if (this.long) {
      return this.long.replace(/^--/, '');
    }
    return this.short.replace(/^-/, '');
  }

  /**
   * Return option name, in a camelcase format that can be used
   * as an object attribute key.
   *
   * @return {string}
   */

  attributeName() {
    if (this.negate) {
      return camelcase(this.name().replace(/^no-/, ''));
    }
    return camelcase(this.name());
  }

  /**
   * Set the help group heading.
   *
   * @param {string} heading
   * @return {Option}
   */
  helpGroup(heading) {
    this.helpGroupHeading = heading;
    return this;
  }

  /**
   * Check if `arg` matches the short or long flag.
   *
   * @param {string} arg
   * @return {boolean}
   * @package
   */

  is(arg) {
    return this.short === arg || this.long === arg;
  }

  /**
   * Return whether a boolean option.
   *
   * Options are one of boolean, negated, required argument, or optional argument.
   *
   * @return {boolean}
   * @package
   */

  isBoolean() {
    return !this.required && !this.optional && !this.negate;
  }
}

/**
 * This class is to make it easier to work with dual options, without changing the existing
 * implementation. We support separate dual options for separate positive and negative options,
 * like `--build` and `--no-build`, which share a single option value. This works nicely for some
 * use cases, but is tricky for others where we want separate behaviours despite
 * the single shared option value.
 */
class DualOptions {
  /**
   * @param {Option[]} options
   */
  constructor(options) {
    this.positiveOptions = new Map();
    this.negativeOptions = new Map();
    this.dualOptions = new Set();
    options.forEach((option) => {
      if (option.negate) {
        this.negativeOptions.set(option.attributeName(), option);
      } else {
        this.positiveOptions.set(option.attributeName(), option);
      }
    });
    this.negativeOptions.forEach((value, key) => {
      if (this.positiveOptions.has(key)) {
        this.dualOptions.add(key);
      }
    });
  }

  /**
   * Did the value come from the option, and not from possible matching dual option?
   *
   * @param {*} value
   * @param {Option} option
   * @returns {boolean}
   */
  valueFromOption(value, option) {
    const optionKey = option.attributeName();
    if (!this.dualOptions.has(optionKey)) return true;

    // Use the value to deduce if (probably) came from the option.
    const preset = this.negativeOptions.get(optionKey).presetArg;
    const negativeValue = preset !== undefined ? preset : false;
    return option.negate === (negativeValue === value);
  }
}

/**
 * Convert string from kebab-case to camelCase.
 *
 * @param {string} str
 * @return {string}
 * @private
 */

function camelcase(str) {
  return str.split('-').reduce((str, word) => {
    return str + word[0].toUpperCase() + word.slice(1);
  });
}

/**
 * Split the short and long flag out of something like '-m,--mixed <value>'
 *
 * @private
 */

function splitOptionFlags(flags) {
  let shortFlag;
  let longFlag;
  // short flag, single dash and single character
  const shortFlagExp = /^-[^-]$/;
  // long flag, double dash and at least one character
  const longFlagExp = /^--[^-]/;

  const flagParts = flags.split(/[ |,]+/).concat('guard');
  // Normal is short and/or long.
  if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
  if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
  // Long then short. Rarely used but fine.
  if (!shortFlag && shortFlagExp.test(flagParts[0]))
    shortFlag = flagParts.shift();
  // Allow two long flags, like '--ws, --workspace'
  // This is the supported way to have a shortish option flag.
  if (!shortFlag && longFlagExp.test(flagParts[0])) {
    shortFlag = longFlag;
    longFlag = flagParts.shift();
  }

  // Check for unprocessed flag. Fail noisily rather than silently ignore.
  if (flagParts[0].startsWith('-')) {
    const unsupportedFlag = flagParts[0];
    const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
    if (/^-[^-][^-]/.test(unsupportedFlag))
      throw new Error(
        `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`,
      );
    if (shortFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many short flags`);
    if (longFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many long flags`);

    throw new Error(`${baseError}
- unrecognised flag format`);
  }
  if (shortFlag === undefined && longFlag === undefined)
    throw new Error(
      `option creation failed due to no flags found in '${flags}'.`,
    );

  return { shortFlag, longFlag };
}

exports.Option = Option;
exports.DualOptions = DualOptions;


/***/ }),

/***/ 5030:
/***/ ((__unused_webpack_module, exports) => {

const maxDistance = 3;

function editDistance(a, b) {
  // https://en.wikipedia.org/wiki/Damerau–Levenshtein_distance
  // Calculating optimal string alignment distance, no substring is edited more than once.
  // (Simple implementation.)

  // Quick early exit, return worst case.
  if (Math.abs(a.length - b.length) > maxDistance)
    return Math.max(a.length, b.length);

  // distance between prefix substrings of a and b
  const d = [];

  // pure deletions turn a into empty string
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
  }
  // pure insertions turn empty string into b
  for (let j = 0; j <= b.length; j++) {
    d[0][j] = j;
  }

  // fill matrix
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      let cost = 1;
      if (a[i - 1] === b[j - 1]) {
        cost = 0;
      } else {
        cost = 1;
      }
      d[i][j] = Math.min(
        d[i - 1][j] + 1, // deletion
        d[i][j - 1] + 1, // insertion
        d[i - 1][j - 1] + cost, // substitution
      );
      // transposition
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }

  return d[a.length][b.length];
}

/**
 * Find close matches, restricted to same number of edits.
 *
 * @param {string} word
 * @param {string[]} candidates
 * @returns {string}
 */

function suggestSimilar(word, candidates) {
  if (!candidates || candidates.length === 0) return '';
  // remove possible duplicates
  candidates = Array.from(new Set(candidates));

  const searchingOptions = word.startsWith('--');
  if (searchingOptions) {
    word = word.slice(2);
    candidates = candidates.map((candidate) => candidate.slice(2));
  }

  let similar = [];
  let bestDistance = maxDistance;
  const minSimilarity = 0.4;
  candidates.forEach((candidate) => {
    if (candidate.length <= 1) return; // no one character guesses

    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    const similarity = (length - distance) / length;
    if (similarity > minSimilarity) {
      if (distance < bestDistance) {
        // better edit distance, throw away previous worse matches
        bestDistance = distance;
        similar = [candidate];
      } else if (distance === bestDistance) {
        similar.push(candidate);
      }
    }
  });

  similar.sort((a, b) => a.localeCompare(b));
  if (searchingOptions) {
    similar = similar.map((candidate) => `--${candidate}`);
  }

  if (similar.length > 1) {
    return `\n(Did you mean one of ${similar.join(', ')}?)`;
  }
  if (similar.length === 1) {
    return `\n(Did you mean ${similar[0]}?)`;
  }
  return '';
}

exports.suggestSimilar = suggestSimilar;


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
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
