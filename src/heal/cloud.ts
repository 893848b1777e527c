/**
 * Healing with no checkout (the cloud environment): the check and the fixers run on a GitHub Actions runner (the
 * runner workflow's `operation: fix`, on the ref), and everything that decides runs here: the failure is
 * fingerprinted from the structured result, the fix memory is recalled (a remembered diff is the first
 * candidate), every candidate is policed again (the runner's verdict is never trusted) with what the local loop
 * knows: the check, and the base files it changes, read through the Storage port at the commit the fixers ran on
 * (policy-context.ts). The accepted one is committed through the API to `self-heal/<fingerprint>`, verified by a
 * check dispatched on that branch, and proposed as the loop proposes.
 *
 * Healing a failed run from outside (`runId`: a run of the repository's own CI, read from a `workflow_run`
 * workflow) starts from what that run left instead: its jobs, annotations and log are the check's result, so a
 * remembered fix is recalled and verified without running the check first; only when there is none (or it fails)
 * do the fixers run on a runner, on the run's branch. The failed run's fingerprint names the fix throughout, so
 * the next run that fails the same way recalls it.
 */
import type { CacheAdapter } from '../adapters/cache.js'
import type { ExecutionAdapter, RunOptions } from '../adapters/execution.js'
import type { GitAdapter } from '../adapters/git.js'
import type { StorageAdapter } from '../adapters/storage.js'
import { checkPassed, toCheckOutput, type CheckResult } from '../commands/check.js'
import { ConfigurationError, InvalidInputError, RefNotFoundError, errorMessage } from '../errors.js'
import type { Logger } from '../log.js'
import { fingerprintFailure } from './fingerprint.js'
import { plural } from './report.js'
import { recall, remember } from './memory.js'
import { checkPolicy, DEFAULT_POLICY, judgeAttempt } from './policy.js'
import { BaseFiles, remotePolicyContext } from './policy-context.js'
import { snapshotTestFiles } from './auto-fix.js'
import { describeFix, isOwnBranch, propose } from './propose.js'
import { toFixRequest, type FixRecord, type FixRequest } from './remote-fix.js'
import type { FailedRun } from '../adapters/execution/workflow-dispatch.js'
import type { HealAttempt, HealFix, HealOutcome, HealOutput, HealRequest } from './types.js'
import { branchVerification } from './verify-remote.js'

/** The runner workflow, which must be on the default branch for GitHub to dispatch it. */
export const RUNNER_WORKFLOW_PATH = '.github/workflows/self-heal-run.yml'

/** A run id as the CLI's `--run-id` or the action's `run-id` gives it: undefined when empty. */
export function parseRunId(value: string | undefined, name: string): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (!/^[1-9]\d{0,15}$/.test(text)) {
    throw new InvalidInputError(
      `${name} must be a workflow run's id, a positive number (got '${text}'): in a workflow on \`workflow_run\`, \`\${{ github.event.workflow_run.id }}\`.`
    )
  }
  return Number(text)
}

/** The remote execution a cloud heal needs: checks on a ref, and the runner's fix operation. */
export interface RemoteExecution extends ExecutionAdapter {
  runFix(
    request: FixRequest,
    options?: Pick<RunOptions, 'ref'>
  ): Promise<{ result: CheckResult; fix?: FixRecord; sha?: string }>
  /** A completed run of any workflow, read as the check's result (nothing runs). */
  readRun(kind: HealRequest['kind'], runId: number): Promise<FailedRun>
}

/** The ports a cloud heal uses. */
export interface CloudHealDeps {
  execution: RemoteExecution
  /** The repository's files on its default branch (the runner workflow must be there). */
  storage: StorageAdapter
  /** The repository's files at a commit (its full sha) or on a branch: the base a candidate is policed against. */
  storageAt: (at: { commit: string } | { branch: string }) => Promise<StorageAdapter>
  cache: () => Promise<CacheAdapter>
  git: () => Promise<GitAdapter>
  /** The repository's identity for the fix memory (`github:host/owner/name`). */
  repository: string
  /** The repository's default branch, when no ref is given. */
  defaultBranch: () => Promise<string>
  log: Logger
  now?: () => Date
}

/**
 * Heals the branch `ref` (default: the default branch) with no checkout, or, given `runId`, the failure of that
 * completed run on its branch. Throws only for bad configuration.
 */
export async function runCloudHeal(
  deps: CloudHealDeps,
  request: HealRequest,
  ref?: string,
  runId?: number
): Promise<HealOutput> {
  const { log } = deps
  const policy = request.policy ?? DEFAULT_POLICY
  const dryRun = Boolean(request.dryRun)
  const base: Omit<HealOutput, 'outcome' | 'ok' | 'reason'> = {
    kind: request.kind,
    failWhen: request.failWhen ?? 'unhealed',
    attempts: [],
    remembered: false,
    dryRun
  }
  const end = (outcome: HealOutcome, reason: string): HealOutput => ({
    outcome,
    ok: !['not-healed', 'not-proposed'].includes(outcome),
    reason,
    ...base
  })

  if (request.disabled) return end('disabled', `Healing is switched off: ${request.disabled}.`)
  const failed = runId === undefined ? undefined : await deps.execution.readRun(request.kind, runId)
  if (failed) {
    base.check = toCheckOutput(request.kind, failed.result)
    if (failed.conclusion === 'success')
      return end('passed', `Run ${failed.runId} succeeded: nothing to heal (${failed.url}).`)
    if (!failed.branch) {
      throw new ConfigurationError(
        `Run ${failed.runId} ran on no branch (a tag or a commit): self-heal proposes fixes to branches only; heal a branch with --ref.`
      )
    }
  }
  const branch = ref ?? failed?.branch ?? request.base ?? (await deps.defaultBranch())
  const target = request.base ?? branch
  for (const [what, name] of [
    ['The branch', branch],
    ['The fix would be proposed to', target]
  ]) {
    if (isOwnBranch(name, request.shape)) {
      return end('skipped', `${what} ${name} is self-heal's own: it is not healed again.`)
    }
  }
  if (!(await deps.storage.fileExists(RUNNER_WORKFLOW_PATH))) {
    throw new ConfigurationError(
      `Healing with no checkout runs the check and the fixers on GitHub Actions, through the runner workflow: add ` +
        `${RUNNER_WORKFLOW_PATH} to the default branch (copy it from self-heal's repository; see docs/remote-execution.md).`
    )
  }

  // The check and the fixers on a runner: what a heal of a branch starts with, and a failed run's last resort.
  const runFixers = async (): Promise<{ result: CheckResult; record?: FixRecord; sha?: string }> => {
    log.info(`Running the ${request.kind} check and the fixers on a runner, on ${branch}.`)
    const {
      result,
      fix: record,
      sha
    } = await deps.execution.runFix(toFixRequest(request), { ref: branch }).catch(error => {
      // A runner workflow copied before the fix operation existed does not declare its inputs.
      if (error instanceof InvalidInputError && /Unexpected inputs/.test(error.message)) {
        throw new ConfigurationError(
          `${RUNNER_WORKFLOW_PATH} has no inputs 'operation' and 'request' (${error.message}): update it on the ` +
            `default branch to self-heal's current one, which runs the fixers.`
        )
      }
      throw error
    })
    if (record || checkPassed(result)) return { result, record, sha }
    throw new ConfigurationError(
      `The run on ${branch} left no fix record: update ${RUNNER_WORKFLOW_PATH} on the default branch to self-heal's ` +
        `current one (its inputs 'operation' and 'request' run the fixers).`
    )
  }
  // What a run of the fixers decides before any candidate: the runner's loop guard, a pass, a flaky failure.
  const settled = ({
    result,
    record
  }: {
    result: CheckResult
    record?: FixRecord
  }): HealOutput | undefined => {
    if (record?.outcome === 'skipped') return end('skipped', record.reason)
    if (checkPassed(result)) {
      return failed
        ? end(
            'flaky',
            `Run ${failed.runId} failed, but the ${request.kind} check passes on ${branch} now: nothing to heal.`
          )
        : end('passed', `The ${request.kind} check passes on ${branch}: nothing to heal.`)
    }
    if (record?.outcome === 'flaky') return end('flaky', record.reason)
    return undefined
  }

  let fixers: { result: CheckResult; record?: FixRecord; sha?: string } | undefined
  if (!failed) {
    fixers = await runFixers()
    // The runner's loop guard ran no check: there is no result to show.
    if (fixers.record?.outcome !== 'skipped') base.check = toCheckOutput(request.kind, fixers.result)
    const early = settled(fixers)
    if (early) return early
  }
  const result = failed?.result ?? fixers!.result
  const fingerprint = fingerprintFailure(request.kind, result, { workspace: fixers?.record?.root })!
  base.fingerprint = { id: fingerprint.id, basis: fingerprint.basis, signatures: fingerprint.signatures }
  log.info(
    `Failure fingerprint ${fingerprint.id} (${plural(fingerprint.signatures.length, 'signature')})${failed ? `, from run ${failed.runId}` : ''}.`
  )

  // Candidates in the loop's order: the remembered fix first, then what the fixers made on the runner. A
  // remembered fix is verified only on its branch, which a dry run does not write.
  const remembered = dryRun
    ? undefined
    : await recall(await deps.cache(), deps.repository, fingerprint.id, request.kind)
  const git = dryRun ? undefined : await deps.git()
  // The commit a candidate was made against: the one the fixers' run checked out, else the failed run's, else
  // (a runner that does not say) the branch as it is now, which is what the fix is committed on.
  const baseOf = (): { commit: string } | { branch: string } => {
    const commit = fixers?.sha ?? failed?.sha
    return commit && /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(commit) ? { commit } : { branch }
  }
  // The policy's context, as the loop's: the check, whether the failure is a snapshot mismatch, the base files.
  const policyContext = async (diff: string) =>
    remotePolicyContext(diff, new BaseFiles(await deps.storageAt(baseOf())), {
      check: request.check,
      kind: request.kind,
      snapshotFailure: snapshotTestFiles(base.check?.failedTests ?? []).length > 0
    })
  // Polices, commits, verifies and proposes one candidate: the heal's output, or undefined for the next candidate.
  const tryCandidate = async (
    candidate: Omit<HealFix, 'stats'>,
    attempt: HealAttempt
  ): Promise<HealOutput | undefined> => {
    const what = candidate.source === 'memory' ? 'the remembered fix' : "the fixers' changes"
    const context = await policyContext(candidate.diff)
    const stats = judgeAttempt(checkPolicy(candidate.diff, policy, context), attempt, what, log)
    if (!stats) return undefined
    const fix: HealFix = { ...candidate, stats }
    if (dryRun || !git) {
      base.fix = fix
      return end(
        'healed',
        `Dry run: a fix (${describeFix(fix)}) made the ${request.kind} check pass on a runner; nothing was written.`
      )
    }
    if (request.noProposal) {
      base.fix = fix
      return end(
        'not-proposed',
        `A fix (${describeFix(fix)}) was found but not proposed: ${request.noProposal}`
      )
    }
    const verification = branchVerification(
      { execution: deps.execution, deleteBranch: (name, at) => git.deleteBranch(name, at), log },
      request,
      attempt
    )
    const proposal = await propose(
      git,
      async (from, to) => {
        try {
          return await git.getDiff(from, to)
        } catch (error) {
          if (error instanceof RefNotFoundError) return undefined
          throw error
        }
      },
      fix,
      fingerprint,
      target,
      request.kind,
      log,
      verification.run,
      request.shape
    )
    const verified = verification.verified
    base.proposal = proposal.proposal
    if (verified === false) return undefined
    if (verified === undefined && !proposal.proposal && candidate.source === 'memory') {
      // The remembered fix does not apply to the branch any more: the fixers' candidate is next.
      attempt.result = 'does-not-apply'
      return undefined
    }
    if (verified) {
      base.fix = fix
      try {
        await remember(
          await deps.cache(),
          deps.repository,
          fingerprint.id,
          request.kind,
          fix,
          (deps.now ?? (() => new Date()))()
        )
        base.remembered = true
      } catch (error) {
        log.warning(`The fix was not remembered: ${errorMessage(error)}`)
      }
    }
    return end(proposal.ok ? 'healed' : 'not-proposed', proposal.reason)
  }

  const fromMemory = remembered && {
    fix: { source: 'memory' as const, fixers: remembered.fixers, diff: remembered.diff },
    attempt: { source: 'memory', result: 'does-not-apply' } as HealAttempt
  }
  if (fromMemory) base.attempts.push(fromMemory.attempt)
  // Fixers that already ran (a heal of a branch) are tried, and listed, after the remembered fix.
  if (fixers) base.attempts.push(...fixers.record!.attempts)
  const healed = fromMemory && (await tryCandidate(fromMemory.fix, fromMemory.attempt))
  if (healed) return healed
  if (!fixers) {
    fixers = await runFixers()
    const early = settled(fixers)
    if (early) return early
    base.attempts.push(...fixers.record!.attempts)
  }
  const record = fixers.record!
  const made = record.attempts.find(attempt => attempt.result === 'verified')
  if (record.fix && made) {
    const out = await tryCandidate(record.fix, made)
    if (out) return out
  }
  base.proposal = undefined
  const tried = base.attempts.length
  return end(
    'not-healed',
    tried
      ? `No verified fix: ${plural(tried, 'candidate')} tried, none made the ${request.kind} check pass within the policy.`
      : `No verified fix: nothing was remembered for this failure and no fixer is configured.`
  )
}
