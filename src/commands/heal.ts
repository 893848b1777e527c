/**
 * `heal`: the healing loop, in a working tree (LOCAL, or CI with a checkout). Check; on a failure, re-run at the
 * same commit (a pass is flaky, never fixed); fingerprint the failure; try the fix remembered for that fingerprint,
 * then the user's fixers in order; police each diff; verify it by re-running the check; propose the verified fix on
 * `self-heal/<fingerprint>` with a pull request (never a duplicate); remember it. The working tree is always left
 * as it was found: the fix lives on the branch, not in the checkout.
 */
import { readFileSync } from 'node:fs'
import type { CacheAdapter } from '../adapters/cache.js'
import type { Command, ExecutionAdapter, RunOptions } from '../adapters/execution.js'
import type { ApplyDiffResult, GitAdapter } from '../adapters/git.js'
import { parseGitDiff } from '../diff/parse.js'
import {
  ConfigurationError,
  ConflictError,
  DiffDoesNotApplyError,
  RefNotFoundError,
  errorMessage
} from '../errors.js'
import { fingerprintFailure, type Fingerprint } from '../heal/fingerprint.js'
import { load as loadYaml } from 'js-yaml'
import {
  checkPolicy,
  DEFAULT_POLICY,
  parsePolicy,
  type FixPolicy,
  type PolicyViolation
} from '../heal/policy.js'
import { DEFAULT_REMOTE } from '../git/remote.js'
import { WorkTree, type TreeState } from '../heal/worktree.js'
import type { AdapterFactory } from '../adapters/factory.js'
import type { Logger } from '../log.js'
import {
  checkPassed,
  runCheckResult,
  toCheckOutput,
  type CheckKind,
  type CheckOutput,
  type CheckResult
} from './check.js'

/** The trailer that marks a commit as self-heal's: a checkout of such a commit is not healed again. */
export const FINGERPRINT_TRAILER = 'Self-Heal-Fingerprint'

/** The prefix of the branches heal proposes fixes on: `self-heal/<fingerprint>`. */
export const BRANCH_PREFIX = 'self-heal/'

/** How long a verified fix is remembered, in seconds (30 days). */
export const REMEMBER_SECONDS = 30 * 24 * 3600

/** What to heal and how. */
export interface HealRequest {
  /** The kind of check. */
  kind: CheckKind
  /** The check command. */
  check: Command
  /** Options of the check's runs (timeout, env, report path). */
  checkOptions?: RunOptions
  /** Fixer commands, run in order in the working tree (shell command lines). */
  fixers: string[]
  /** Longest time one fixer may run, in seconds (default 600). */
  fixerTimeoutSeconds?: number
  /** Everything but writes: no branch, no pull request, nothing remembered. */
  dryRun?: boolean
  /** What a fix may change (default DEFAULT_POLICY). */
  policy?: FixPolicy
  /** Re-runs of a failed check at the same commit before it counts as failing (default 1). */
  reruns?: number
  /** Most verification runs in one heal (default 5): the budget. */
  maxAttempts?: number
  /** The branch the pull request targets (default: the branch checked out). */
  base?: string
  /** Why proposing is not allowed here (e.g. a pull request from a fork): the fix is verified but not proposed. */
  noProposal?: string
  /** Why healing is switched off (the kill switch), when it is: nothing runs. */
  disabled?: string
}

/** The ports and the working tree a heal uses. */
export interface HealDeps {
  /** Runs the check and the fixers. */
  execution: ExecutionAdapter
  /** The fix memory; only opened once a failure is fingerprinted. */
  cache: () => Promise<CacheAdapter>
  /** Proposes the fix; only asked for when there is one to propose. */
  git: () => Promise<GitAdapter>
  /** The checkout the fixers change. */
  tree: WorkTree
  /** Progress. */
  log: Logger
  /** The clock (for the remembered fix's date). */
  now?: () => Date
  /**
   * The change `branch` makes since it forked from `base`, or undefined when it does not exist (default: the Git
   * adapter's getDiff; locally the work tree's own refs).
   */
  branchChange?: (base: string, branch: string) => Promise<string | undefined>
}

/** How a heal ended. */
export type HealOutcome =
  'disabled' | 'skipped' | 'passed' | 'flaky' | 'healed' | 'not-healed' | 'not-proposed'

/** One candidate fix that was tried. */
export interface HealAttempt {
  /** Where the fix came from. */
  source: 'memory' | 'fixer'
  /** The fixer command, for a fixer. */
  fixer?: string
  /** What became of it. */
  result: 'verified' | 'check-failed' | 'refused' | 'no-change' | 'does-not-apply' | 'over-budget'
  /** The fixer's exit code (fixers often exit non-zero when problems remain; their changes still count). */
  exitCode?: number
  /** The policy's reasons, for a refused diff. */
  violations?: PolicyViolation[]
  /** Files, added and removed lines of the diff (cumulative over the fixers so far). */
  stats?: { files: number; added: number; removed: number }
}

/** The verified fix. */
export interface HealFix {
  /** Where it came from. */
  source: 'memory' | 'fixer'
  /** The fixers whose changes it holds, in order. */
  fixers: string[]
  /** The diff, as `git diff --binary` makes it. */
  diff: string
  /** Files, added and removed lines. */
  stats: { files: number; added: number; removed: number }
}

/** What was proposed. */
export interface HealProposal {
  /** The branch. */
  branch: string
  /** The branch the pull request targets. */
  base: string
  /** The fix commit (absent when the branch already held it). */
  commit?: string
  /** `created`: a new branch and commit; `already-proposed`: the branch already held this fix. */
  action: 'created' | 'already-proposed'
  /** The pull request, when one could be opened. */
  pullRequest?: { number: number; url: string; action: 'created' | 'updated' }
  /** Why there is no pull request, when there is none. */
  pullRequestSkipped?: string
}

/** The result, as printed with `--json`. */
export interface HealOutput {
  /** How it ended. */
  outcome: HealOutcome
  /** Whether the CLI exits 0 (the checks pass, or a verified fix was proposed or, in a dry run, found). */
  ok: boolean
  /** Why, in one sentence. */
  reason: string
  /** The kind of check. */
  kind: CheckKind
  /** The first run of the check (absent when disabled or skipped). */
  check?: CheckOutput
  /** The failure's fingerprint. */
  fingerprint?: Pick<Fingerprint, 'id' | 'basis' | 'signatures'>
  /** Candidate fixes in the order they were tried. */
  attempts: HealAttempt[]
  /** The verified fix. */
  fix?: HealFix
  /** What was proposed. */
  proposal?: HealProposal
  /** Whether the verified fix was stored in the fix memory. */
  remembered: boolean
  /** Whether this was a dry run. */
  dryRun: boolean
}

/** A fix as the memory keeps it. */
interface RememberedFix {
  version: 1
  diff: string
  fixers: string[]
  kind: CheckKind
  verifiedAt: string
}

/** The fix memory's key for a fingerprint. */
export function memoryKey(fingerprintId: string): string {
  return `self-heal/fix/${fingerprintId}`
}

/** Runs the healing loop. Throws only for bad configuration or a broken environment; outcomes are returned. */
export async function runHeal(deps: HealDeps, request: HealRequest): Promise<HealOutput> {
  const { tree, log } = deps
  const policy = request.policy ?? DEFAULT_POLICY
  const reruns = request.reruns ?? 1
  let budget = request.maxAttempts ?? 5
  const dryRun = Boolean(request.dryRun)
  const base: Omit<HealOutput, 'outcome' | 'ok' | 'reason'> = {
    kind: request.kind,
    attempts: [],
    remembered: false,
    dryRun
  }
  const end = (outcome: HealOutcome, reason: string, extra: Partial<HealOutput> = {}): HealOutput => ({
    outcome,
    ok: !['not-healed', 'not-proposed'].includes(outcome),
    reason,
    ...base,
    ...extra
  })

  if (request.disabled) return end('disabled', `Healing is switched off: ${request.disabled}.`)
  // Loop guard: a commit self-heal made, or one of its branches, is not healed again.
  const branch = await tree.currentBranch()
  if (branch?.startsWith(BRANCH_PREFIX)) {
    return end('skipped', `The branch ${branch} is self-heal's own: it is not healed again.`)
  }
  // A pull request's workflow checks out a detached merge commit: its branch (the base a fix would go to) says
  // whether the pull request is self-heal's own.
  if (request.base?.startsWith(BRANCH_PREFIX)) {
    return end(
      'skipped',
      `The fix would be proposed to ${request.base}, which is self-heal's own branch: it is not healed again.`
    )
  }
  if (new RegExp(`^${FINGERPRINT_TRAILER}:`, 'm').test(await tree.headMessage())) {
    return end(
      'skipped',
      `The commit checked out (${tree.head.slice(0, 12)}) was made by self-heal: it is not healed again.`
    )
  }
  const changed = await tree.changedTrackedFiles()
  if (changed.length) {
    throw new ConfigurationError(
      `heal proposes its fix as a commit on ${tree.head.slice(0, 12)}, but tracked files differ from it ` +
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

  const check = (): Promise<CheckResult> =>
    runCheckResult(deps.execution, request.kind, request.check, { cwd: tree.root, ...request.checkOptions })
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

  const fingerprint = fingerprintFailure(request.kind, first, { workspace: tree.root })!
  base.fingerprint = { id: fingerprint.id, basis: fingerprint.basis, signatures: fingerprint.signatures }
  log.info(`Failure fingerprint ${fingerprint.id} (${fingerprint.signatures.length} signature(s)).`)

  const start = await tree.snapshot()
  let fix: HealFix | undefined
  let current: TreeState = start
  try {
    // Recall: a fix verified before for this fingerprint is tried first.
    const remembered = readRemembered(await (await deps.cache()).get(memoryKey(fingerprint.id)), request.kind)
    if (remembered) {
      log.info(`Trying the fix remembered for ${fingerprint.id} (verified ${remembered.verifiedAt}).`)
      const attempt: HealAttempt = { source: 'memory', result: 'does-not-apply' }
      base.attempts.push(attempt)
      if (await tree.apply(remembered.diff)) {
        current = await tree.snapshot()
        const diff = await tree.diff(start, current)
        const tried = await police(diff, attempt)
        if (tried && (await verify(attempt, current))) {
          fix = { source: 'memory', fixers: remembered.fixers, diff, stats: tried }
        } else {
          await tree.restore(start, current)
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
        cwd: tree.root,
        timeoutSeconds: request.fixerTimeoutSeconds ?? 600
      })
      attempt.exitCode = ran.exitCode
      const after = await tree.snapshot()
      if (after === current) continue
      const diff = await tree.diff(start, after)
      const stats = await police(diff, attempt)
      if (!stats) {
        // Refused: this fixer's changes go; the ones before it stay.
        await tree.restore(current, after)
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
    await tree.restore(start, await tree.snapshot())
    if (!(await tree.restoreIndex())) {
      log.warning(
        'A fixer changed the git index, and it could not be put back (another git command holds index.lock): check `git status`.'
      )
    }
    const moved = await tree.restoreHead()
    if (moved) {
      log.warning(
        `A fixer made a commit (${moved.slice(0, 12)}): the checkout was put back at ${tree.head.slice(0, 12)} (the commit is in the reflog). Fixers should only change files.`
      )
    }
  }

  if (!fix) {
    const tried = base.attempts.length
    return end(
      'not-healed',
      tried
        ? `No verified fix: ${tried} candidate(s) tried, none made the ${request.kind} check pass within the policy.`
        : `No verified fix: nothing was remembered for this failure and no fixer is configured.`
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
    await (
      await deps.cache()
    ).set(
      memoryKey(fingerprint.id),
      {
        version: 1,
        diff: fix.diff,
        fixers: fix.fixers,
        kind: request.kind,
        verifiedAt: (deps.now ?? (() => new Date()))().toISOString()
      } satisfies RememberedFix,
      REMEMBER_SECONDS
    )
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
  const proposal = await propose(git, branchChange, fix, fingerprint, target!, request.kind, log)
  base.proposal = proposal.proposal
  if (!proposal.ok) return end('not-proposed', proposal.reason)
  return end('healed', proposal.reason)

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
  async function verify(attempt: HealAttempt, state: TreeState): Promise<boolean> {
    if (budget <= 0) {
      attempt.result = 'over-budget'
      return false
    }
    budget--
    log.info(`Verifying: running the ${request.kind} check on the changed files.`)
    const passed = checkPassed(await check())
    // What the check itself wrote (a report, a cache) is no part of a fix: the next fixer's diff must not hold it.
    await tree.restore(state, await tree.snapshot())
    attempt.result = passed ? 'verified' : 'check-failed'
    return passed
  }
}

/** Reads a remembered fix, ignoring what is not one (an older format, another kind of check). */
function readRemembered(value: unknown, kind: CheckKind): RememberedFix | undefined {
  if (!value || typeof value !== 'object') return undefined
  const fix = value as Partial<RememberedFix>
  if (fix.version !== 1 || typeof fix.diff !== 'string' || !fix.diff || fix.kind !== kind) return undefined
  return {
    version: 1,
    diff: fix.diff,
    fixers: Array.isArray(fix.fixers) ? fix.fixers.filter(f => typeof f === 'string') : [],
    kind,
    verifiedAt: typeof fix.verifiedAt === 'string' ? fix.verifiedAt : 'at an unknown time'
  }
}

function describeFix(fix: HealFix): string {
  const from = fix.source === 'memory' ? 'remembered' : fix.fixers.join(', then ')
  return `${from}; ${fix.stats.files} file(s), +${fix.stats.added} -${fix.stats.removed}`
}

/**
 * Commits the fix on `self-heal/<fingerprint>` from `base` and opens its pull request. A branch that already holds
 * this very change is not committed to again (its pull request is kept open or reopened); one that holds another
 * change is left alone: self-heal never force-moves a branch.
 */
async function propose(
  git: GitAdapter,
  branchChange: (base: string, branch: string) => Promise<string | undefined>,
  fix: HealFix,
  fingerprint: Fingerprint,
  base: string,
  kind: CheckKind,
  log: Logger
): Promise<{ ok: boolean; reason: string; proposal?: HealProposal }> {
  const branch = `${BRANCH_PREFIX}${fingerprint.id}`
  let existing = await branchChange(base, branch)
  const proposal: HealProposal = { branch, base, action: 'created' }
  if (existing !== undefined && !existing.trim()) {
    // The branch changes nothing from the base any more: its fix was merged, and the failure came back. Deleting
    // it loses no change, and the new fix goes on a branch made again from the base.
    log.info(
      `The branch ${branch} holds no change from ${base} any more (its fix was merged): making it again.`
    )
    await git.deleteBranch(branch)
    existing = undefined
  }
  if (existing !== undefined) {
    if (!sameChange(existing, fix.diff)) {
      return {
        ok: false,
        reason: `A fix was verified, but the branch ${branch} already holds another change: self-heal does not force-move branches. Merge or delete it, and heal again.`,
        proposal: { ...proposal, action: 'already-proposed' }
      }
    }
    proposal.action = 'already-proposed'
  } else {
    let applied: ApplyDiffResult
    try {
      applied = await git.applyDiff(fix.diff, commitMessage(fix, fingerprint, kind), { branch, base })
    } catch (error) {
      if (!(error instanceof DiffDoesNotApplyError || error instanceof ConflictError)) throw error
      // Verified on this checkout, but `base` as the Git adapter sees it is not the same: a pull request's workflow
      // checks out the merge with its base branch, or GitHub's copy moved. No bad input: reported, not proposed.
      return {
        ok: false,
        reason:
          error instanceof DiffDoesNotApplyError
            ? `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${base}, which ` +
              `differs from the checkout in '${error.file}': bring ${base} up to date (for a pull request, merge ` +
              `its base branch into it) and heal again, or heal a checkout of ${base} itself.`
            : `A fix (${describeFix(fix)}) was verified on this checkout, but it does not apply to ${base}: ` +
              `${errorMessage(error)} Update the checkout and heal again.`
      }
    }
    proposal.commit = applied.commit
    log.info(`Committed the fix to ${branch} (${applied.commit.slice(0, 12)}).`)
  }
  try {
    const pr = await git.createPullRequest({
      head: branch,
      base,
      title: `self-heal: fix the failing ${kind} check (${fingerprint.id})`,
      body: pullRequestBody(fix, fingerprint, kind)
    })
    proposal.pullRequest = { number: pr.number, url: pr.url, action: pr.action }
  } catch (error) {
    // Locally without a token the branch is the proposal; anything else about the pull request is reported.
    if (!(error instanceof ConfigurationError)) throw error
    proposal.pullRequestSkipped = errorMessage(error)
  }
  const where = proposal.pullRequest ? `pull request ${proposal.pullRequest.url}` : `branch ${branch}`
  return {
    ok: true,
    reason:
      proposal.action === 'already-proposed'
        ? `The verified fix (${describeFix(fix)}) is already proposed: ${where}.`
        : `Healed: a verified fix (${describeFix(fix)}) is proposed on ${where}.`,
    proposal
  }
}

/** Whether two diffs make the same change (same files, same lines), whatever their headers and blob ids say. */
export function sameChange(a: string, b: string): boolean {
  const shape = (diff: string): string =>
    JSON.stringify(
      parseGitDiff(diff)
        .map(p => ({
          kind: p.kind,
          oldPath: p.oldPath,
          newPath: p.newPath,
          newMode: p.newMode,
          lines: p.hunks.flatMap(h =>
            h.lines.filter(l => l.kind !== ' ').map(l => l.kind + l.content.toString('base64'))
          ),
          binary: p.binary ? p.newId : undefined
        }))
        .sort((x, y) => String(x.newPath ?? x.oldPath).localeCompare(String(y.newPath ?? y.oldPath)))
    )
  return shape(a) === shape(b)
}

function commitMessage(fix: HealFix, fingerprint: Fingerprint, kind: CheckKind): string {
  const by = fix.source === 'memory' ? 'a fix verified before for this failure' : fix.fixers.join(', then ')
  return (
    `fix: make the failing ${kind} check pass\n\n` +
    `Made by ${by}, and verified by running the ${kind} check again.\n\n` +
    `${FINGERPRINT_TRAILER}: ${fingerprint.id}\n`
  )
}

function pullRequestBody(fix: HealFix, fingerprint: Fingerprint, kind: CheckKind): string {
  const signatures = fingerprint.signatures
    .slice(0, 20)
    .map(s => `- \`${s.replace(/`/g, "'")}\``)
    .join('\n')
  return [
    `The ${kind} check failed; self-heal found a fix and verified it by running the check again, which passed.`,
    '',
    `- Fix: ${fix.source === 'memory' ? 'remembered (verified before for the same failure)' : fix.fixers.map(f => `\`${f.replace(/`/g, "'")}\``).join(', then ')}`,
    `- Changes: ${fix.stats.files} file(s), +${fix.stats.added} -${fix.stats.removed}`,
    `- Fingerprint: \`${fingerprint.id}\` (${fingerprint.basis})`,
    '',
    '<details><summary>What failed</summary>',
    '',
    signatures,
    fingerprint.signatures.length > 20 ? `- … and ${fingerprint.signatures.length - 20} more` : '',
    '',
    '</details>'
  ].join('\n')
}

/** What the environment says about healing here. */
export interface HealContext {
  /** Why healing is switched off, when the kill switch is set. */
  disabled?: string
  /** Why a verified fix must not be proposed (a pull request from a fork). */
  noProposal?: string
  /** The branch a fix is proposed to when none is given: a pull request's own branch. */
  base?: string
}

/**
 * Reads the kill switch (`SELF_HEAL_DISABLED`: 1, true, yes or on; a repository variable reaches a job as
 * `env: SELF_HEAL_DISABLED: ${{ vars.SELF_HEAL_DISABLED }}`) and, in a pull request's workflow, the event: a
 * pull request from a fork is never pushed to, one from this repository gets the fix on its own branch.
 */
export function healContext(env: NodeJS.ProcessEnv): HealContext {
  const context: HealContext = {}
  if (/^(1|true|yes|on)$/i.test((env.SELF_HEAL_DISABLED ?? '').trim())) {
    context.disabled = 'SELF_HEAL_DISABLED is set'
  }
  const event = readEvent(env.GITHUB_EVENT_PATH)
  const pr = event?.pull_request
  if (pr && typeof pr === 'object') {
    const head = pr.head?.repo?.full_name
    const into = pr.base?.repo?.full_name ?? env.GITHUB_REPOSITORY
    if (typeof head !== 'string' || head !== into) {
      context.noProposal = `the pull request comes from a fork (${head ?? 'unknown'}), and self-heal never pushes to forks`
    } else if (typeof pr.head?.ref === 'string') {
      context.base = pr.head.ref
    }
  }
  return context
}

/** The part of a workflow event's payload heal reads. */
interface PullRequestEvent {
  pull_request?: {
    head?: { ref?: unknown; repo?: { full_name?: unknown } }
    base?: { repo?: { full_name?: unknown } }
  }
}

function readEvent(path: string | undefined): PullRequestEvent | undefined {
  if (!path) return undefined
  try {
    const event: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return event && typeof event === 'object' ? (event as PullRequestEvent) : undefined
  } catch {
    return undefined
  }
}

/**
 * Heals in the working tree at `cwd` with the factory's adapters: the one entry the CLI and the action share.
 * CLOUD has no working tree for fixers to change, so it is refused with what to do instead.
 */
export async function healWithFactory(
  factory: AdapterFactory,
  cwd: string,
  request: HealRequest,
  log: Logger
): Promise<HealOutput> {
  if (factory.environment === 'cloud') {
    throw new ConfigurationError(
      'heal runs fixers on a checkout, and the cloud environment has none: run it locally or in a workflow job after actions/checkout (environment local or ci).'
    )
  }
  const tree = await WorkTree.open(cwd)
  try {
    return await runHeal(
      {
        execution: await factory.execution(),
        cache: () => factory.cache(),
        git: () => factory.git(),
        tree,
        log,
        // Locally the branch is a local ref (the Git adapter's getDiff compares two trees, not a fork point). When
        // pull requests are opened (a token and a repository), the branch is pushed to origin: one that CI (or a
        // teammate) already proposed there is fetched first (fast-forward only), so it is found rather than
        // pushed over and refused.
        ...(factory.environment === 'local'
          ? {
              branchChange: async (base: string, branch: string) => {
                if ((await factory.describe()).missing.length === 0) {
                  const fetched = await tree.fetchBranch(DEFAULT_REMOTE, branch)
                  if (fetched) log.info(`Fetched ${branch} from ${DEFAULT_REMOTE}: ${fetched}`)
                }
                return tree.branchChange(base, branch)
              }
            }
          : {})
      },
      request
    )
  } finally {
    await tree.close()
  }
}

/** Reads a policy written as YAML (or JSON): from a `--policy` file or the action's `policy` input. */
export function readPolicy(text: string, where: string): FixPolicy {
  let raw: unknown
  try {
    raw = loadYaml(text)
  } catch (error) {
    throw new ConfigurationError(
      `The policy in ${where} is not valid YAML: ${errorMessage(error).split('\n')[0]}`
    )
  }
  return parsePolicy(raw ?? undefined)
}
