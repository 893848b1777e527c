export const id = 715;
export const ids = [715];
export const modules = {

/***/ 4715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ RUNNER_WORKFLOW_PATH),
/* harmony export */   parseRunId: () => (/* binding */ parseRunId),
/* harmony export */   z: () => (/* binding */ runCloudHeal)
/* harmony export */ });
/* harmony import */ var _commands_check_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9238);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _fingerprint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6879);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(9846);
/* harmony import */ var _memory_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9667);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7949);
/* harmony import */ var _policy_context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9364);
/* harmony import */ var _auto_fix_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6861);
/* harmony import */ var _propose_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2354);
/* harmony import */ var _remote_fix_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3480);
/* harmony import */ var _verify_remote_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5684);











/** The runner workflow, which must be on the default branch for GitHub to dispatch it. */
const RUNNER_WORKFLOW_PATH = '.github/workflows/self-heal-run.yml';
/** A run id as the CLI's `--run-id` or the action's `run-id` gives it: undefined when empty. */
function parseRunId(value, name) {
    const text = value?.trim();
    if (!text)
        return undefined;
    if (!/^[1-9]\d{0,15}$/.test(text)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`${name} must be a workflow run's id, a positive number (got '${text}'): in a workflow on \`workflow_run\`, \`\${{ github.event.workflow_run.id }}\`.`);
    }
    return Number(text);
}
/**
 * Heals the branch `ref` (default: the default branch) with no checkout, or, given `runId`, the failure of that
 * completed run on its branch. Throws only for bad configuration.
 */
async function runCloudHeal(deps, request, ref, runId) {
    const { log } = deps;
    const policy = request.policy ?? _policy_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_POLICY */ .zj;
    const dryRun = Boolean(request.dryRun);
    const base = {
        kind: request.kind,
        failWhen: request.failWhen ?? 'unhealed',
        attempts: [],
        remembered: false,
        dryRun
    };
    const end = (outcome, reason) => ({
        outcome,
        ok: !['not-healed', 'not-proposed'].includes(outcome),
        reason,
        ...base
    });
    if (request.disabled)
        return end('disabled', `Healing is switched off: ${request.disabled}.`);
    const failed = runId === undefined ? undefined : await deps.execution.readRun(request.kind, runId);
    if (failed) {
        base.check = (0,_commands_check_js__WEBPACK_IMPORTED_MODULE_0__/* .toCheckOutput */ .rR)(request.kind, failed.result);
        if (failed.conclusion === 'success')
            return end('passed', `Run ${failed.runId} succeeded: nothing to heal (${failed.url}).`);
        if (!failed.branch) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Run ${failed.runId} ran on no branch (a tag or a commit): self-heal proposes fixes to branches only; heal a branch with --ref.`);
        }
    }
    const branch = ref ?? failed?.branch ?? request.base ?? (await deps.defaultBranch());
    const target = request.base ?? branch;
    for (const [what, name] of [
        ['The branch', branch],
        ['The fix would be proposed to', target]
    ]) {
        if ((0,_propose_js__WEBPACK_IMPORTED_MODULE_7__/* .isOwnBranch */ .t$)(name, request.shape)) {
            return end('skipped', `${what} ${name} is self-heal's own: it is not healed again.`);
        }
    }
    if (!(await deps.storage.fileExists(RUNNER_WORKFLOW_PATH))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Healing with no checkout runs the check and the fixers on GitHub Actions, through the runner workflow: add ` +
            `${RUNNER_WORKFLOW_PATH} to the default branch (copy it from self-heal's repository; see docs/remote-execution.md).`);
    }
    // The check and the fixers on a runner: what a heal of a branch starts with, and a failed run's last resort.
    const runFixers = async () => {
        log.info(`Running the ${request.kind} check and the fixers on a runner, on ${branch}.`);
        const { result, fix: record, sha } = await deps.execution.runFix((0,_remote_fix_js__WEBPACK_IMPORTED_MODULE_8__/* .toFixRequest */ .o)(request), { ref: branch }).catch(error => {
            // A runner workflow copied before the fix operation existed does not declare its inputs.
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC && /Unexpected inputs/.test(error.message)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${RUNNER_WORKFLOW_PATH} has no inputs 'operation' and 'request' (${error.message}): update it on the ` +
                    `default branch to self-heal's current one, which runs the fixers.`);
            }
            throw error;
        });
        if (record || (0,_commands_check_js__WEBPACK_IMPORTED_MODULE_0__/* .checkPassed */ .xh)(result))
            return { result, record, sha };
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`The run on ${branch} left no fix record: update ${RUNNER_WORKFLOW_PATH} on the default branch to self-heal's ` +
            `current one (its inputs 'operation' and 'request' run the fixers).`);
    };
    // What a run of the fixers decides before any candidate: the runner's loop guard, a pass, a flaky failure.
    const settled = ({ result, record }) => {
        if (record?.outcome === 'skipped')
            return end('skipped', record.reason);
        if ((0,_commands_check_js__WEBPACK_IMPORTED_MODULE_0__/* .checkPassed */ .xh)(result)) {
            return failed
                ? end('flaky', `Run ${failed.runId} failed, but the ${request.kind} check passes on ${branch} now: nothing to heal.`)
                : end('passed', `The ${request.kind} check passes on ${branch}: nothing to heal.`);
        }
        if (record?.outcome === 'flaky')
            return end('flaky', record.reason);
        return undefined;
    };
    let fixers;
    if (!failed) {
        fixers = await runFixers();
        // The runner's loop guard ran no check: there is no result to show.
        if (fixers.record?.outcome !== 'skipped')
            base.check = (0,_commands_check_js__WEBPACK_IMPORTED_MODULE_0__/* .toCheckOutput */ .rR)(request.kind, fixers.result);
        const early = settled(fixers);
        if (early)
            return early;
    }
    const result = failed?.result ?? fixers.result;
    const fingerprint = (0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__/* .fingerprintFailure */ .dv)(request.kind, result, { workspace: fixers?.record?.root });
    base.fingerprint = { id: fingerprint.id, basis: fingerprint.basis, signatures: fingerprint.signatures };
    log.info(`Failure fingerprint ${fingerprint.id} (${(0,_report_js__WEBPACK_IMPORTED_MODULE_10__/* .plural */ .LS)(fingerprint.signatures.length, 'signature')})${failed ? `, from run ${failed.runId}` : ''}.`);
    // Candidates in the loop's order: the remembered fix first, then what the fixers made on the runner. A
    // remembered fix is verified only on its branch, which a dry run does not write.
    const remembered = dryRun
        ? undefined
        : await (0,_memory_js__WEBPACK_IMPORTED_MODULE_3__/* .recall */ .I9)(await deps.cache(), deps.repository, fingerprint.id, request.kind);
    const git = dryRun ? undefined : await deps.git();
    // The commit a candidate was made against: the one the fixers' run checked out, else the failed run's, else
    // (a runner that does not say) the branch as it is now, which is what the fix is committed on.
    const baseOf = () => {
        const commit = fixers?.sha ?? failed?.sha;
        return commit && /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(commit) ? { commit } : { branch };
    };
    // The policy's context, as the loop's: the check, whether the failure is a snapshot mismatch, the base files.
    const policyContext = async (diff) => (0,_policy_context_js__WEBPACK_IMPORTED_MODULE_5__.remotePolicyContext)(diff, new _policy_context_js__WEBPACK_IMPORTED_MODULE_5__.BaseFiles(await deps.storageAt(baseOf())), {
        check: request.check,
        kind: request.kind,
        snapshotFailure: (0,_auto_fix_js__WEBPACK_IMPORTED_MODULE_6__/* .snapshotTestFiles */ .E)(base.check?.failedTests ?? []).length > 0
    });
    // Polices, commits, verifies and proposes one candidate: the heal's output, or undefined for the next candidate.
    const tryCandidate = async (candidate, attempt) => {
        const what = candidate.source === 'memory' ? 'the remembered fix' : "the fixers' changes";
        const context = await policyContext(candidate.diff);
        const stats = (0,_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .judgeAttempt */ .Bc)((0,_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .checkPolicy */ .hM)(candidate.diff, policy, context), attempt, what, log);
        if (!stats)
            return undefined;
        const fix = { ...candidate, stats };
        if (dryRun || !git) {
            base.fix = fix;
            return end('healed', `Dry run: a fix (${(0,_propose_js__WEBPACK_IMPORTED_MODULE_7__/* .describeFix */ .D6)(fix)}) made the ${request.kind} check pass on a runner; nothing was written.`);
        }
        if (request.noProposal) {
            base.fix = fix;
            return end('not-proposed', `A fix (${(0,_propose_js__WEBPACK_IMPORTED_MODULE_7__/* .describeFix */ .D6)(fix)}) was found but not proposed: ${request.noProposal}`);
        }
        const verification = (0,_verify_remote_js__WEBPACK_IMPORTED_MODULE_9__/* .branchVerification */ .q)({ execution: deps.execution, deleteBranch: (name, at) => git.deleteBranch(name, at), log }, request, attempt);
        const proposal = await (0,_propose_js__WEBPACK_IMPORTED_MODULE_7__/* .propose */ .BM)(git, async (from, to) => {
            try {
                return await git.getDiff(from, to);
            }
            catch (error) {
                if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefNotFoundError */ .ZA)
                    return undefined;
                throw error;
            }
        }, fix, fingerprint, target, request.kind, log, verification.run, request.shape);
        const verified = verification.verified;
        base.proposal = proposal.proposal;
        if (verified === false)
            return undefined;
        if (verified === undefined && !proposal.proposal && candidate.source === 'memory') {
            // The remembered fix does not apply to the branch any more: the fixers' candidate is next.
            attempt.result = 'does-not-apply';
            return undefined;
        }
        if (verified) {
            base.fix = fix;
            try {
                await (0,_memory_js__WEBPACK_IMPORTED_MODULE_3__/* .remember */ .kY)(await deps.cache(), deps.repository, fingerprint.id, request.kind, fix, (deps.now ?? (() => new Date()))());
                base.remembered = true;
            }
            catch (error) {
                log.warning(`The fix was not remembered: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
            }
        }
        return end(proposal.ok ? 'healed' : 'not-proposed', proposal.reason);
    };
    const fromMemory = remembered && {
        fix: { source: 'memory', fixers: remembered.fixers, diff: remembered.diff },
        attempt: { source: 'memory', result: 'does-not-apply' }
    };
    if (fromMemory)
        base.attempts.push(fromMemory.attempt);
    // Fixers that already ran (a heal of a branch) are tried, and listed, after the remembered fix.
    if (fixers)
        base.attempts.push(...fixers.record.attempts);
    const healed = fromMemory && (await tryCandidate(fromMemory.fix, fromMemory.attempt));
    if (healed)
        return healed;
    if (!fixers) {
        fixers = await runFixers();
        const early = settled(fixers);
        if (early)
            return early;
        base.attempts.push(...fixers.record.attempts);
    }
    const record = fixers.record;
    const made = record.attempts.find(attempt => attempt.result === 'verified');
    if (record.fix && made) {
        const out = await tryCandidate(record.fix, made);
        if (out)
            return out;
    }
    base.proposal = undefined;
    const tried = base.attempts.length;
    return end('not-healed', tried
        ? `No verified fix: ${(0,_report_js__WEBPACK_IMPORTED_MODULE_10__/* .plural */ .LS)(tried, 'candidate')} tried, none made the ${request.kind} check pass within the policy.`
        : `No verified fix: nothing was remembered for this failure and no fixer is configured.`);
}


/***/ })

};
