/**
 * The healing loop, over ports only: check; on a failure, re-run at the same commit (a pass is flaky, never
 * fixed); fingerprint the failure; try the fix remembered for that fingerprint, then the user's fixers in order;
 * police each diff; verify it by re-running the check; deliver the verified fix; remember it. The workspace is
 * always left as it was found: the fix lives on a branch (or in a review), not in the checkout. The kill switch and
 * the loop guards stop healing, never the check: it runs, and `failWhen` decides whether the run failed.
 */
import { join, relative } from 'node:path'
import { runCheckResult, checkPassed, toCheckOutput, type CheckResult } from '../commands/check.js'
import type { OutsideChange, WorkspaceState } from '../adapters/workspace.js'
import { hasPassed } from '../adapters/verdict.js'
import { ConfigurationError, InterruptedError, RefNotFoundError, errorMessage } from '../errors.js'
import { withoutPaths } from '../diff/select.js'
import { snapshotTestFiles } from './auto-fix.js'
import { fingerprintFailure } from './fingerprint.js'
import { noteDeclined, noteReplay, recall, remember } from './memory.js'
import { checkPolicy, DEFAULT_POLICY, judgeAttempt, type PolicyContext } from './policy.js'
import { checkDefinitionFiles, checkLine } from './policy-context.js'
import { parseGitDiff } from '../diff/parse.js'
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
import { brokenCheck, crashedFixer, flakyReason, plural } from './report.js'
import type { CheckFailure, EarlierAttempt } from './agent-context.js'
import { retriesFor, withoutRefusedFiles } from './fixers.js'
import { assertRemoteVerify, branchVerification } from './verify-remote.js'
import { UserChanges } from './user-changes.js'

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
  /** The commit's files that say what the check runs, read once a heal (see checkDefinitionFiles). */
  let definition: Promise<Map<string, string>> | undefined
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
  /** Runs the check in `dir` (default: `cwd` in the workspace; for verify: clean, the same place in a copy). */
  const check = async (dir = cwd): Promise<CheckResult> => {
    const result = await interruptible(
      runCheckResult(deps.execution, request.kind, request.check, {
        cwd: dir,
        ...request.checkOptions,
        signal: deps.signal
      })
    )
    stopIfInterrupted()
    return result
  }
  /** The check alone, for a run that does not heal: its result decides the run by `failWhen`. */
  const checkOnly = async (outcome: 'disabled' | 'skipped', why: string): Promise<HealOutput> => {
    log.info(`${why} Running the ${request.kind} check only.`)
    base.check = toCheckOutput(request.kind, await check())
    return end(
      outcome,
      `${why} The ${request.kind} check ${base.check.passed ? 'passes' : 'fails'}${base.check.passed ? '' : `; nothing was healed`}.`
    )
  }

  if (request.verify === 'remote') assertRemoteVerify(request, deps.remoteVerify)
  if (request.disabled) return checkOnly('disabled', `Healing is switched off: ${request.disabled}.`)
  // Loop guard: a commit self-heal made, or one of its branches, is not healed again.
  const branch = await workspace.currentBranch()
  if (branch && isOwnBranch(branch, shape)) {
    return checkOnly('skipped', `The branch ${branch} is self-heal's own: it is not healed again.`)
  }
  // A pull request's workflow checks out a detached merge commit: its branch (the base a fix would go to) says
  // whether the pull request is self-heal's own.
  if (request.base && isOwnBranch(request.base, shape)) {
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
  if ((deliver === 'commit' || deliver === 'suggest') && !request.pullRequest) {
    log.info(
      `deliver '${deliver}' needs a pull request's workflow; this is not one, so a fix is proposed as a pull request.`
    )
    deliver = 'pull-request'
  }

  // HEAD and the index as self-heal found them: whoever moves them while no fixer runs is someone else.
  await workspace.markRepository()
  log.info(`Running the ${request.kind} check.`)
  const first = await check()
  base.check = toCheckOutput(request.kind, first)
  if (base.check.passed) return end('passed', `The ${request.kind} check passes: nothing to heal.`)
  const broken = brokenCheck(request.kind, base.check)
  if (broken) return end('broken-check', broken)
  for (let run = 1; run <= reruns; run++) {
    log.info(`The ${request.kind} check failed; running it again at the same commit (${run} of ${reruns}).`)
    if (checkPassed(await check())) {
      return end('flaky', flakyReason(request.kind, base.check))
    }
  }

  const fingerprint = fingerprintFailure(request.kind, first, { workspace: workspace.root })!
  base.fingerprint = { id: fingerprint.id, basis: fingerprint.basis, signatures: fingerprint.signatures }
  log.info(`Failure fingerprint ${fingerprint.id} (${plural(fingerprint.signatures.length, 'signature')}).`)

  // A maintainer who closed self-heal's pull request for this failure said no: nothing is tried again.
  const writes = !dryRun && !request.noProposal
  if (writes) {
    const declined = await declinedBy(
      await deps.git(),
      fixBranch(shape, fingerprint.id),
      fingerprint.id,
      shape
    )
    if (declined) {
      if (!request.memoryReadOnly) await noteDeclinedFix(declined.pullRequest)
      return end('declined', declined.reason)
    }
  }

  // The fix memory is read once the first state is taken: it opens (a module, a database) while git takes it.
  const cache = deps.cache()
  cache.catch(() => undefined)
  // The first state, whose scan also tells the user's untracked files: they are not in the base a fix is proposed
  // on, so what fixers do to them is put back with everything else, and never proposed.
  const start = await workspace.snapshot()
  const untracked = new Set(await workspace.untrackedFiles(start))
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

  const user = new UserChanges(workspace, untracked)
  await user.beforeStart(start)
  let fix: HealFix | undefined
  let current: WorkspaceState = start
  // The fixers whose changes `current` holds, and what became of the candidates that were not kept.
  const applied: string[] = []
  const earlier: EarlierAttempt[] = []
  const verifyFailures = new Map<HealAttempt, CheckFailure>()
  try {
    // Recall: a fix verified before for this fingerprint is tried first.
    const remembered = await recall(await cache, deps.repository, fingerprint.id, request.kind)
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
      await countReplay(fingerprint.id, Boolean(fix))
      noteEarlier(attempt)
    }

    // Fix: the user's fixers in order, each on top of the ones before it that the policy accepted; one whose
    // candidate was refused or failed verification may run again, from where it started, told why.
    for (const fixer of fix ? [] : (deps.resolveFixers?.(first) ?? request.fixers)) {
      const before = current
      const retries = retriesFor(fixer, request.fixerRetries)
      for (let run = 0; ; run++) {
        const { result } = await tryFixer(fixer)
        if (fix || run >= retries || budget <= 0 || (result !== 'refused' && result !== 'check-failed')) break
        log.info(
          `Running '${fixer}' again, told why its last candidate was ${result} (retry ${run + 1} of ${retries}).`
        )
        if (current !== before) {
          await workspace.restore(before, await workspace.snapshot())
          current = before
          applied.pop()
        }
      }
      if (fix) break
    }
    // A fix verified in place: its verification ran last, and its snapshot already compared the files with `current`.
    await user.atEnd(current, Boolean(fix) && request.verify !== 'clean')
  } finally {
    // The checkout is left as it was found, whatever happened: its files, its index and its HEAD. Unless someone
    // else changed it meanwhile: then only self-heal's own changes go, where that touches nothing of theirs. When a
    // fix was verified in place, its verification was the last to run and put the files back at `current`: no
    // snapshot is needed (a clean verification ran commands after that, elsewhere).
    const putBack = fix && request.verify !== 'clean'
    if (!user.abandoned) await workspace.restore(start, putBack ? current : await workspace.snapshot())
    if (!user.abandoned || (await user.leave(start, current))) await settle()
  }

  if (!fix) {
    const tried = base.attempts.length
    return finish(
      end(
        'not-healed',
        tried
          ? `No verified fix: ${plural(tried, 'candidate')} tried, none made the ${request.kind} check pass within the policy.`
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

  // Verified on its branch too (verify: remote), the fix is remembered only once the run there passed.
  const remote = request.verify === 'remote' ? deps.remoteVerify : undefined
  if (!remote) await rememberFix(fix)

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
  const verification = remote
    ? branchVerification(
        { ...remote, deleteBranch: deps.deleteBranch ?? ((name, at) => git.deleteBranch(name, at)), log },
        request,
        [...base.attempts].reverse().find(attempt => attempt.result === 'verified')!
      )
    : undefined
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
    facts: {
      check: typeof request.check === 'string' ? request.check : request.check.join(' '),
      failed: base.check!.failedTests.length ? base.check!.failedTests.map(test => test.name) : undefined,
      runUrl: request.links?.run,
      commit: workspace.head,
      commitUrl: request.links?.repository && `${request.links.repository}/commit/${workspace.head}`
    },
    log,
    verifyBranch: verification?.run
  })
  base.proposal = delivered.proposal
  if (verification?.verified === false) {
    delete base.fix
    return finish(end('not-healed', `No verified fix: ${delivered.reason} No pull request was opened.`))
  }
  if (verification?.verified) await rememberFix(fix)
  return finish(end(delivered.outcome, delivered.reason))

  /** Keeps the verified fix in the memory, where this run may write it. */
  async function rememberFix(fix: HealFix): Promise<void> {
    try {
      if (request.memoryReadOnly) {
        log.info(`The fix is not remembered: ${request.memoryReadOnly}.`)
      } else {
        await remember(
          await deps.cache(),
          deps.repository,
          fingerprint.id,
          request.kind,
          fix,
          (deps.now ?? (() => new Date()))(),
          { commit: workspace.head }
        )
        base.remembered = true
      }
    } catch (error) {
      // A fix too big for the memory is still a fix: it is proposed, and found again by the fixers next time.
      log.warning(`The fix was not remembered: ${errorMessage(error)}`)
    }
  }

  /** Puts the index and HEAD back, saying what a fixer did to them. */
  async function settle(): Promise<void> {
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
    const what = attempt.source === 'memory' ? 'the remembered fix' : `the changes of '${attempt.fixer}'`
    return judgeAttempt(checkPolicy(diff, policy, await policyContext(diff)), attempt, what, log)
  }

  /**
   * What the policy needs to know besides the diff: the check (the files it runs are part of its definition), whether
   * the failure is a snapshot mismatch (snapshots may then change), and the base files the diff changes, read whole.
   */
  async function policyContext(diff: string): Promise<PolicyContext> {
    let paths: string[] = []
    try {
      paths = parseGitDiff(diff).flatMap(patch => (patch.oldPath ? [patch.oldPath] : []))
    } catch {
      // A malformed diff is the policy's to refuse.
    }
    const committed = await workspace.readCommitted(paths)
    const check = checkLine(request.check)
    // What the check runs (an npm script's shell script) is read from the commit even when the diff leaves it alone.
    definition ??= checkDefinitionFiles(check, wanted => workspace.readCommitted(wanted))
    const runs = await definition
    return {
      check,
      kind: request.kind,
      snapshotFailure: snapshotTestFiles(base.check?.failedTests ?? []).length > 0,
      readBase: path => committed.get(path) ?? runs.get(path)
    }
  }

  /** Ends the loop on an interrupt; the `finally` above puts the workspace back on the way out. */
  function stopIfInterrupted(): void {
    if (deps.signal?.aborted) throw new InterruptedError(deps.signal.reason as NodeJS.Signals)
  }

  /** A run that an interrupt ended rejects (with an AbortError): that is the interrupt, said as one. */
  async function interruptible<T>(run: Promise<T>): Promise<T> {
    try {
      return await run
    } catch (error) {
      stopIfInterrupted()
      throw error
    }
  }

  /** Refuses a fixer that changed more than work files: what it touched, and what could not be put back. */
  function refuseOutside(attempt: HealAttempt, outside: OutsideChange[]): void {
    attempt.result = 'refused'
    attempt.violations = outside.map(change => ({
      rule: 'outside-work-files',
      file: change.path,
      message: `The fixer ${change.change} ${change.path}, which is not a work file: fixers may only change the checkout's files. ${
        change.undone
          ? 'It was put back.'
          : 'It could not be put back: reinstall what it belongs to (e.g. npm ci) before the next run.'
      }`
    }))
    log.warning(
      `The changes of '${attempt.fixer}' are refused: ${attempt.violations.map(v => v.message).join(' ')}`
    )
  }

  /**
   * Runs one fixer on `current` with the failure as its context; polices its candidate (leaving out the files
   * the policy refused, when the rest passes) and verifies what is kept. Sets `fix` when it verifies.
   */
  async function tryFixer(fixer: string): Promise<HealAttempt> {
    const attempt: HealAttempt = { source: 'fixer', fixer, result: 'no-change' }
    base.attempts.push(attempt)
    try {
      if (budget <= 0) {
        attempt.result = 'over-budget'
        return attempt
      }
      log.info(`Running the fixer: ${fixer}`)
      await user.repository('before a fixer ran')
      await workspace.guard()
      // Where someone may work in the checkout meanwhile, the fixer runs in a copy of the files at `current`.
      const copy = request.fixersInCopy ? await workspace.fixerCopy?.(current) : undefined
      if (copy)
        log.info(
          `The fixer runs in a copy of the checkout (${copy.root}); its changes are brought back after it.`
        )
      const env = await deps.fixerContext?.({
        check: request.check,
        kind: request.kind,
        fingerprint: base.fingerprint!,
        failure: base.check!,
        policy,
        attempt: base.attempts.length,
        maxAttempts: request.maxAttempts ?? 5,
        earlier: [...earlier],
        ...(copy ? { runsIn: { checkout: workspace.root, copy: copy.root } } : {})
      })
      // The workspace's variables last: a fixer's context cannot choose the index it stages in.
      const fixerEnv = { ...env, ...(await workspace.fixerEnvironment?.()) }
      const ran = await interruptible(
        deps.execution.runCommand(fixer, {
          cwd: copy ? join(copy.root, relative(workspace.root, cwd)) : cwd,
          timeoutSeconds: request.fixerTimeoutSeconds ?? 600,
          signal: deps.signal,
          ...(Object.keys(fixerEnv).length ? { env: fixerEnv } : {})
        })
      )
      attempt.exitCode = ran.exitCode
      // Before anything else reads the checkout: what the fixer did to the repository's metadata is put back first.
      const outside = await workspace.outsideChanges()
      // Someone else's staging, commits or branches made while the fixer ran end the heal; nothing of theirs is undone.
      await user.afterFixer(Boolean(copy))
      // What the fixer did to HEAD is its own (settle puts it back), not someone else's.
      await workspace.markRepository()
      stopIfInterrupted()
      let after: WorkspaceState
      if (copy) {
        const taken = await copy.take()
        outside.push(...taken.outside)
        // The fixer ran in the copy: whatever changed in the checkout meanwhile is someone else's.
        await user.afterFixerInCopy(current, await workspace.snapshot())
        after = outside.length ? current : taken.state
        // Its changes reach the checkout now, through self-heal: the rest of the loop works on the checkout.
        await workspace.restore(after, current)
      } else after = await workspace.snapshot()
      if (outside.length) {
        refuseOutside(attempt, outside)
        await workspace.restore(current, after)
        return attempt
      }
      if (after === current) {
        Object.assign(attempt, crashedFixer(ran))
        return attempt
      }
      let diff = await candidate(start, after)
      let stats = await police(diff, attempt)
      const partial = !stats && withoutRefusedFiles(diff, attempt.violations ?? [], policy)
      if (partial) {
        await workspace.restore(start, after)
        const appliedRest = await workspace.apply(partial.diff)
        after = await workspace.snapshot()
        if (appliedRest) {
          attempt.dropped = partial.dropped
          delete attempt.violations
          log.warning(
            `Left out of the changes of '${fixer}', which the policy refuses there: ${partial.dropped
              .map(d => d.file)
              .join(', ')}; the rest is policed and verified on its own.`
          )
          diff = await candidate(start, after)
          stats = await police(diff, attempt)
        }
      }
      if (!stats) {
        // Refused: this fixer's changes go; the ones before it stay.
        await workspace.restore(current, after)
        return attempt
      }
      current = after
      applied.push(fixer)
      if (await verify(attempt, after)) fix = { source: 'fixer', fixers: [...applied], diff, stats }
      return attempt
    } finally {
      noteEarlier(attempt)
    }
  }

  /** Records in the memory's entry for this failure (when there is one) the pull request that declined it. */
  async function noteDeclinedFix(pullRequest: string): Promise<void> {
    try {
      await noteDeclined(await deps.cache(), deps.repository, base.fingerprint!.id, pullRequest)
    } catch (error) {
      log.warning(`The decline was not recorded in the fix memory: ${errorMessage(error)}`)
    }
  }

  /** Counts a replay of the remembered fix in the memory, where this run may write it. */
  async function countReplay(id: string, verified: boolean): Promise<void> {
    if (request.memoryReadOnly || dryRun) return
    try {
      await noteReplay(await deps.cache(), deps.repository, id, verified)
    } catch (error) {
      log.warning(`The replay of the remembered fix was not counted: ${errorMessage(error)}`)
    }
  }

  /** Keeps what became of a candidate that was not kept, for the context of the fixers after it. */
  function noteEarlier(attempt: HealAttempt): void {
    if (attempt.result === 'verified') return
    const check = verifyFailures.get(attempt)
    earlier.push({
      source: attempt.source,
      ...(attempt.fixer ? { fixer: attempt.fixer } : {}),
      result: attempt.result,
      ...(attempt.violations ? { violations: attempt.violations } : {}),
      ...(check ? { check } : {})
    })
  }

  /**
   * Re-runs the check on the changed tree (`state`), then each `verify-also` check while they pass; true when
   * all pass. The failing run is kept for the context of the fixers after it.
   */
  async function verify(attempt: HealAttempt, state: WorkspaceState): Promise<boolean> {
    if (budget <= 0) {
      attempt.result = 'over-budget'
      return false
    }
    budget--
    log.info(`Verifying: running the ${request.kind} check on the changed files.`)
    let result = await check()
    for (const also of checkPassed(result) ? (request.verifyAlso ?? []) : []) {
      const shown = typeof also === 'string' ? also : also.join(' ')
      log.info(`Verifying: running ${shown} (verify-also).`)
      const ran = await interruptible(
        runCheckResult(deps.execution, 'test', also, {
          cwd,
          timeoutSeconds: request.checkOptions?.timeoutSeconds,
          env: request.checkOptions?.env,
          signal: deps.signal
        })
      )
      stopIfInterrupted()
      if (!checkPassed(ran)) {
        log.warning(`The candidate makes the ${request.kind} check pass, but not ${shown} (verify-also).`)
        attempt.verifyAlso = shown
        result = ran
        break
      }
    }
    // What the checks themselves wrote (a report, a cache) is no part of a fix: the next fixer's diff must not hold it.
    const checked = await workspace.snapshot()
    await user.afterCheck(state, checked)
    await workspace.restore(state, checked)
    let passed = checkPassed(result)
    if (passed && request.verify === 'clean')
      passed = await verifyClean(attempt, await candidate(start, state))
    attempt.result = passed ? 'verified' : 'check-failed'
    if (!passed)
      verifyFailures.set(attempt, toCheckOutput(attempt.verifyAlso ? 'test' : request.kind, result))
    return passed
  }

  /**
   * Runs the check once more in a fresh copy holding only the base and the diff (after the setup command), where
   * nothing a fixer did outside the diff can help it pass.
   */
  async function verifyClean(attempt: HealAttempt, diff: string): Promise<boolean> {
    if (!workspace.cleanCopy) {
      throw new ConfigurationError('verify: clean needs a checkout to copy: use verify: in-place here.')
    }
    log.info('Verifying in a clean copy of the base with only the diff applied.')
    const copy = await workspace.cleanCopy(diff)
    try {
      if (request.setup) {
        const setup = await interruptible(
          deps.execution.runCommand(request.setup, { cwd: copy.root, signal: deps.signal })
        )
        stopIfInterrupted()
        if (!hasPassed(setup)) {
          throw new ConfigurationError(
            `The setup command '${request.setup}' failed in the clean copy (exit ${setup.exitCode}): fix it, or verify in place.`
          )
        }
      }
      attempt.clean = checkPassed(await check(join(copy.root, relative(workspace.root, cwd))))
        ? 'passed'
        : 'failed'
      if (attempt.clean === 'failed') {
        log.warning(
          `The ${request.kind} check passed in the checkout but fails in a clean copy with only the diff: the candidate is not a fix.`
        )
      }
      return attempt.clean === 'passed'
    } finally {
      await copy.close()
    }
  }
}
