/**
 * The healing loop, over ports only: check; on a failure, re-run at the same commit (a pass is flaky, never
 * fixed); fingerprint the failure; try the fix remembered for that fingerprint, then the user's fixers in order;
 * police each diff; verify it by re-running the check; deliver the verified fix; remember it. The workspace is
 * always left as it was found: the fix lives on a branch (or in a review), not in the checkout. The kill switch and
 * the loop guards stop healing, never the check: it runs, and `failWhen` decides whether the run failed.
 */
import { runCheckResult, checkPassed, toCheckOutput, type CheckResult } from '../commands/check.js'
import type { WorkspaceState } from '../adapters/workspace.js'
import { ConfigurationError, RefNotFoundError, errorMessage } from '../errors.js'
import { withoutPaths } from '../diff/select.js'
import { fingerprintFailure } from './fingerprint.js'
import { recall, remember } from './memory.js'
import { checkPolicy, DEFAULT_POLICY } from './policy.js'
import {
  FINGERPRINT_TRAILER,
  declinedBy,
  deliverFix,
  describeFix,
  fixBranch,
  isOwnBranch,
  updateContributorComment
} from './propose.js'
import type {
  Deliver,
  HealAttempt,
  HealDeps,
  HealFix,
  HealOutcome,
  HealOutput,
  HealRequest
} from './types.js'

/** Runs the healing loop. Throws only for bad configuration or a broken environment; outcomes are returned. */
export async function runHeal(deps: HealDeps, request: HealRequest): Promise<HealOutput> {
  const { workspace, log } = deps
  const policy = request.policy ?? DEFAULT_POLICY
  const reruns = request.reruns ?? 1
  const failWhen = request.failWhen ?? 'unhealed'
  const shape = request.shape ?? {}
  let budget = request.maxAttempts ?? 5
  const dryRun = Boolean(request.dryRun)
  const cwd = request.cwd ?? workspace.root
  const base: Omit<HealOutput, 'outcome' | 'ok' | 'reason'> = {
    kind: request.kind,
    failWhen,
    attempts: [],
    remembered: false,
    dryRun
  }
  const end = (outcome: HealOutcome, reason: string, extra: Partial<HealOutput> = {}): HealOutput => {
    const failing = base.check !== undefined && !base.check.passed && outcome !== 'flaky'
    const ok = failWhen === 'never' || !failing || (failWhen === 'unhealed' && outcome === 'healed')
    // A healed run that still fails the step (fail-when failing) says so first, and where the fix is.
    const why =
      !ok && outcome === 'healed'
        ? `The ${request.kind} check fails at ${workspace.head.slice(0, 12)} (fail-when: failing), and a fix is ready: ${reason}`
        : reason
    return { outcome, ok, reason: why, ...base, ...extra }
  }
  const check = (): Promise<CheckResult> =>
    runCheckResult(deps.execution, request.kind, request.check, { cwd, ...request.checkOptions })
  /** The check alone, for a run that does not heal: its result decides the run by `failWhen`. */
  const checkOnly = async (outcome: 'disabled' | 'skipped', why: string): Promise<HealOutput> => {
    log.info(`${why} Running the ${request.kind} check only.`)
    base.check = toCheckOutput(request.kind, await check())
    return end(
      outcome,
      `${why} The ${request.kind} check ${base.check.passed ? 'passes' : 'fails'}${base.check.passed ? '' : `; nothing was healed`}.`
    )
  }

  if (request.disabled) return checkOnly('disabled', `Healing is switched off: ${request.disabled}.`)
  // Loop guard: a commit self-heal made, or one of its branches, is not healed again.
  const branch = await workspace.currentBranch()
  if (branch && isOwnBranch(branch, shape.branch)) {
    return checkOnly('skipped', `The branch ${branch} is self-heal's own: it is not healed again.`)
  }
  // A pull request's workflow checks out a detached merge commit: its branch (the base a fix would go to) says
  // whether the pull request is self-heal's own.
  if (request.base && isOwnBranch(request.base, shape.branch)) {
    return checkOnly(
      'skipped',
      `The fix would be proposed to ${request.base}, which is self-heal's own branch: it is not healed again.`
    )
  }
  if (new RegExp(`^${FINGERPRINT_TRAILER}:`, 'm').test(await workspace.headMessage())) {
    return checkOnly(
      'skipped',
      `The commit checked out (${workspace.head.slice(0, 12)}) was made by self-heal: it is not healed again.`
    )
  }
  const changed = await workspace.changedTrackedFiles()
  if (changed.length) {
    throw new ConfigurationError(
      `heal proposes its fix as a commit on ${workspace.head.slice(0, 12)}, but tracked files differ from it ` +
        `(${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''}): commit or stash them first (untracked files are fine).`
    )
  }

  // Where a fix would go is known now: a run that cannot propose says so before it runs anything.
  const target = request.base ?? branch
  if (!target && !dryRun && !request.noProposal) {
    throw new ConfigurationError(
      'The checkout is on a detached HEAD, so there is no branch to propose a fix to: give the base branch (--base, or the input `base`).'
    )
  }
  let deliver: Deliver = request.deliver ?? 'pull-request'
  if (deliver !== 'pull-request' && !request.pullRequest) {
    log.info(
      `deliver '${deliver}' needs a pull request's workflow; this is not one, so a fix is proposed as a pull request.`
    )
    deliver = 'pull-request'
  }

  log.info(`Running the ${request.kind} check.`)
  const first = await check()
  base.check = toCheckOutput(request.kind, first)
  if (base.check.passed) return end('passed', `The ${request.kind} check passes: nothing to heal.`)
  for (let run = 1; run <= reruns; run++) {
    log.info(`The ${request.kind} check failed; running it again at the same commit (${run} of ${reruns}).`)
    if (checkPassed(await check())) {
      return end(
        'flaky',
        `The ${request.kind} check failed, then passed at the same commit: it is flaky, and a flaky check is reported, not fixed.`
      )
    }
  }

  const fingerprint = fingerprintFailure(request.kind, first, { workspace: workspace.root })!
  base.fingerprint = { id: fingerprint.id, basis: fingerprint.basis, signatures: fingerprint.signatures }
  log.info(`Failure fingerprint ${fingerprint.id} (${fingerprint.signatures.length} signature(s)).`)

  // A maintainer who closed self-heal's pull request for this failure said no: nothing is tried again.
  const writes = !dryRun && !request.noProposal
  if (writes) {
    const declined = await declinedBy(await deps.git(), fixBranch(shape, fingerprint.id))
    if (declined) return end('declined', declined)
  }

  // The user's untracked files are not in the base a fix is proposed on: what fixers do to them is put back with
  // everything else, and never proposed.
  const untracked = new Set(await workspace.untrackedFiles())
  const candidate = async (from: WorkspaceState, to: WorkspaceState): Promise<string> => {
    const { diff, dropped } = withoutPaths(await workspace.diff(from, to), untracked)
    for (const path of dropped) {
      if (base.excluded?.includes(path)) continue
      ;(base.excluded ??= []).push(path)
      log.info(
        `Left out of the fix: ${path}, which was untracked before heal started (its changes are put back, never proposed).`
      )
    }
    return diff
  }

  const start = await workspace.snapshot()
  let fix: HealFix | undefined
  let current: WorkspaceState = start
  try {
    // Recall: a fix verified before for this fingerprint is tried first.
    const remembered = await recall(await deps.cache(), fingerprint.id, request.kind)
    if (remembered) {
      log.info(`Trying the fix remembered for ${fingerprint.id} (verified ${remembered.verifiedAt}).`)
      const attempt: HealAttempt = { source: 'memory', result: 'does-not-apply' }
      base.attempts.push(attempt)
      if (await workspace.apply(remembered.diff)) {
        current = await workspace.snapshot()
        const diff = await candidate(start, current)
        const tried = await police(diff, attempt)
        if (tried && (await verify(attempt, current))) {
          fix = { source: 'memory', fixers: remembered.fixers, diff, stats: tried }
        } else {
          await workspace.restore(start, current)
          current = start
        }
      }
    }

    // Fix: the user's fixers in order, each on top of the ones before it that the policy accepted.
    const applied: string[] = []
    for (const fixer of fix ? [] : request.fixers) {
      const attempt: HealAttempt = { source: 'fixer', fixer, result: 'no-change' }
      base.attempts.push(attempt)
      if (budget <= 0) {
        attempt.result = 'over-budget'
        continue
      }
      log.info(`Running the fixer: ${fixer}`)
      const ran = await deps.execution.runCommand(fixer, {
        cwd,
        timeoutSeconds: request.fixerTimeoutSeconds ?? 600
      })
      attempt.exitCode = ran.exitCode
      const after = await workspace.snapshot()
      if (after === current) continue
      const diff = await candidate(start, after)
      const stats = await police(diff, attempt)
      if (!stats) {
        // Refused: this fixer's changes go; the ones before it stay.
        await workspace.restore(current, after)
        continue
      }
      current = after
      applied.push(fixer)
      if (await verify(attempt, after)) {
        fix = { source: 'fixer', fixers: [...applied], diff, stats }
        break
      }
    }
  } finally {
    // The checkout is left as it was found, whatever happened: its files, its index and its HEAD.
    await workspace.restore(start, await workspace.snapshot())
    const settled = await workspace.settle()
    if (settled.indexNotRestored) {
      log.warning(
        'A fixer changed the git index, and it could not be put back (another git command holds index.lock): check `git status`.'
      )
    }
    if (settled.headMovedTo) {
      log.warning(
        `A fixer made a commit (${settled.headMovedTo.slice(0, 12)}): the checkout was put back at ${workspace.head.slice(0, 12)} (the commit is in the reflog). Fixers should only change files.`
      )
    }
  }

  if (!fix) {
    const tried = base.attempts.length
    return finish(
      end(
        'not-healed',
        tried
          ? `No verified fix: ${tried} candidate(s) tried, none made the ${request.kind} check pass within the policy.`
          : `No verified fix: nothing was remembered for this failure and no fixer is configured.`
      )
    )
  }
  base.fix = fix
  if (dryRun) {
    return end(
      'healed',
      `Dry run: a fix (${describeFix(fix)}) makes the ${request.kind} check pass; nothing was written.`
    )
  }

  try {
    await remember(await deps.cache(), fingerprint.id, request.kind, fix, (deps.now ?? (() => new Date()))())
    base.remembered = true
  } catch (error) {
    // A fix too big for the memory is still a fix: it is proposed, and found again by the fixers next time.
    log.warning(`The fix was not remembered: ${errorMessage(error)}`)
  }

  if (request.noProposal) {
    return end(
      'not-proposed',
      `A fix (${describeFix(fix)}) was verified but not proposed: ${request.noProposal}`
    )
  }
  const git = await deps.git()
  const branchChange =
    deps.branchChange ??
    (async (from: string, to: string) => {
      try {
        return await git.getDiff(from, to)
      } catch (error) {
        if (error instanceof RefNotFoundError) return undefined
        throw error
      }
    })
  const delivered = await deliverFix({
    git,
    branchChange,
    fix,
    fingerprint,
    kind: request.kind,
    base: target!,
    from: deps.branchFrom ? await deps.branchFrom(target!) : undefined,
    deleteBranch: deps.deleteBranch,
    deliver,
    pullRequest: request.pullRequest,
    shape,
    log
  })
  base.proposal = delivered.proposal
  return finish(end(delivered.outcome, delivered.reason))

  /** On a same-repository pull request, the one comment self-heal keeps there says how this heal ended. */
  async function finish(output: HealOutput): Promise<HealOutput> {
    if (!request.pullRequest || !writes) return output
    try {
      const comment = await updateContributorComment(
        await deps.git(),
        request.pullRequest,
        output,
        workspace.head
      )
      if (output.proposal) output.proposal.comment = comment
      else log.info(`Comment on pull request #${request.pullRequest.number}: ${comment.url}`)
    } catch (error) {
      // The heal's result stands without its comment.
      log.warning(`Could not comment on pull request #${request.pullRequest.number}: ${errorMessage(error)}`)
    }
    return output
  }

  /** Polices a diff: its stats when accepted, undefined (and the attempt marked) when refused or empty. */
  async function police(diff: string, attempt: HealAttempt): Promise<HealAttempt['stats'] | undefined> {
    const verdict = checkPolicy(diff, policy)
    attempt.stats = verdict.stats
    if (verdict.outcome === 'empty') {
      attempt.result = 'no-change'
      return undefined
    }
    if (!verdict.ok) {
      attempt.result = 'refused'
      attempt.violations = verdict.violations
      log.warning(
        `The policy refuses the ${attempt.source === 'memory' ? 'remembered fix' : `changes of '${attempt.fixer}'`}: ${verdict.violations
          .map(v => v.message)
          .join(' ')}`
      )
      return undefined
    }
    return verdict.stats
  }

  /** Re-runs the check on the changed tree (`state`); true when it passes. */
  async function verify(attempt: HealAttempt, state: WorkspaceState): Promise<boolean> {
    if (budget <= 0) {
      attempt.result = 'over-budget'
      return false
    }
    budget--
    log.info(`Verifying: running the ${request.kind} check on the changed files.`)
    const passed = checkPassed(await check())
    // What the check itself wrote (a report, a cache) is no part of a fix: the next fixer's diff must not hold it.
    await workspace.restore(state, await workspace.snapshot())
    attempt.result = passed ? 'verified' : 'check-failed'
    return passed
  }
}
