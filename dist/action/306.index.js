export const id = 306;
export const ids = [306];
export const modules = {

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
