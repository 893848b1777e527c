/**
 * Healing with no checkout (the cloud environment): the check and the fixers run on a GitHub Actions runner (the
 * runner workflow's `operation: fix`, on the ref), and everything that decides runs here: the failure is
 * fingerprinted from the structured result, the fix memory is recalled (a remembered diff is the first
 * candidate), every candidate is policed again (the runner's verdict is never trusted), the accepted one is
 * committed through the API to `self-heal/<fingerprint>`, verified by a check dispatched on that branch, and
 * proposed as the loop proposes.
 */
import type { CacheAdapter } from '../adapters/cache.js'
import type { ExecutionAdapter, RunOptions } from '../adapters/execution.js'
import type { GitAdapter } from '../adapters/git.js'
import type { StorageAdapter } from '../adapters/storage.js'
import { toCheckOutput, type CheckResult } from '../commands/check.js'
import { ConfigurationError, InvalidInputError, RefNotFoundError, errorMessage } from '../errors.js'
import type { Logger } from '../log.js'
import { fingerprintFailure } from './fingerprint.js'
import { recall, remember } from './memory.js'
import { checkPolicy, DEFAULT_POLICY } from './policy.js'
import { describeFix, isOwnBranch, propose } from './propose.js'
import { toFixRequest, type FixRecord, type FixRequest } from './remote-fix.js'
import type { HealAttempt, HealFix, HealOutcome, HealOutput, HealRequest } from './types.js'
import { branchVerification } from './verify-remote.js'

/** The runner workflow, which must be on the default branch for GitHub to dispatch it. */
export const RUNNER_WORKFLOW_PATH = '.github/workflows/self-heal-run.yml'

/** The remote execution a cloud heal needs: checks on a ref, and the runner's fix operation. */
export interface RemoteExecution extends ExecutionAdapter {
  runFix(
    request: FixRequest,
    options?: Pick<RunOptions, 'ref'>
  ): Promise<{ result: CheckResult; fix?: FixRecord }>
}

/** The ports a cloud heal uses. */
export interface CloudHealDeps {
  execution: RemoteExecution
  /** The repository's files on its default branch (the runner workflow must be there). */
  storage: StorageAdapter
  cache: () => Promise<CacheAdapter>
  git: () => Promise<GitAdapter>
  /** The repository's identity for the fix memory (`github:host/owner/name`). */
  repository: string
  /** The repository's default branch, when no ref is given. */
  defaultBranch: () => Promise<string>
  log: Logger
  now?: () => Date
}

/** Heals the branch `ref` (default: the default branch) with no checkout. Throws only for bad configuration. */
export async function runCloudHeal(
  deps: CloudHealDeps,
  request: HealRequest,
  ref?: string
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
  const branch = ref ?? request.base ?? (await deps.defaultBranch())
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

  log.info(`Running the ${request.kind} check and the fixers on a runner, on ${branch}.`)
  const { result, fix: record } = await deps.execution
    .runFix(toFixRequest(request), { ref: branch })
    .catch(error => {
      // A runner workflow copied before the fix operation existed does not declare its inputs.
      if (error instanceof InvalidInputError && /Unexpected inputs/.test(error.message)) {
        throw new ConfigurationError(
          `${RUNNER_WORKFLOW_PATH} has no inputs 'operation' and 'request' (${error.message}): update it on the ` +
            `default branch to self-heal's current one, which runs the fixers.`
        )
      }
      throw error
    })
  // The runner's loop guard: the commit checked out there is self-heal's own (no check ran).
  if (record?.outcome === 'skipped') return end('skipped', record.reason)
  base.check = toCheckOutput(request.kind, result)
  if (base.check.passed)
    return end('passed', `The ${request.kind} check passes on ${branch}: nothing to heal.`)
  if (!record) {
    throw new ConfigurationError(
      `The run on ${branch} left no fix record: update ${RUNNER_WORKFLOW_PATH} on the default branch to self-heal's ` +
        `current one (its inputs 'operation' and 'request' run the fixers).`
    )
  }
  if (record.outcome === 'flaky') return end('flaky', record.reason)

  const fingerprint = fingerprintFailure(request.kind, result, { workspace: record.root })!
  base.fingerprint = { id: fingerprint.id, basis: fingerprint.basis, signatures: fingerprint.signatures }
  log.info(`Failure fingerprint ${fingerprint.id} (${fingerprint.signatures.length} signature(s)).`)

  // Candidates in the loop's order: the remembered fix first, then what the fixers made on the runner. A
  // remembered fix is verified only on its branch, which a dry run does not write.
  const candidates: Array<{ fix: Omit<HealFix, 'stats'>; attempt: HealAttempt }> = []
  const remembered = dryRun
    ? undefined
    : await recall(await deps.cache(), deps.repository, fingerprint.id, request.kind)
  if (remembered) {
    const attempt: HealAttempt = { source: 'memory', result: 'does-not-apply' }
    base.attempts.push(attempt)
    candidates.push({ fix: { source: 'memory', fixers: remembered.fixers, diff: remembered.diff }, attempt })
  }
  base.attempts.push(...record.attempts)
  const made = record.attempts.find(attempt => attempt.result === 'verified')
  if (record.fix && made) candidates.push({ fix: record.fix, attempt: made })

  const git = dryRun ? undefined : await deps.git()
  for (const { fix: candidate, attempt } of candidates) {
    const verdict = checkPolicy(candidate.diff, policy)
    attempt.stats = verdict.stats
    if (verdict.outcome === 'empty') {
      attempt.result = 'no-change'
      continue
    }
    if (!verdict.ok) {
      attempt.result = 'refused'
      attempt.violations = verdict.violations
      log.warning(
        `The policy refuses the ${candidate.source === 'memory' ? 'remembered fix' : "fixers' changes"}: ${verdict.violations
          .map(v => v.message)
          .join(' ')}`
      )
      continue
    }
    const fix: HealFix = { ...candidate, stats: verdict.stats }
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
    if (verified === false) continue
    if (verified === undefined && !proposal.proposal && candidate.source === 'memory') {
      // The remembered fix does not apply to the branch any more: the fixers' candidate is next.
      attempt.result = 'does-not-apply'
      continue
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
  base.proposal = undefined
  const tried = base.attempts.length
  return end(
    'not-healed',
    tried
      ? `No verified fix: ${tried} candidate(s) tried, none made the ${request.kind} check pass within the policy.`
      : `No verified fix: nothing was remembered for this failure and no fixer is configured.`
  )
}
