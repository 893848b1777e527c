/** The shapes the healing loop takes and returns, shared by the loop, the proposal and the surfaces. */
import type { CacheAdapter } from '../adapters/cache.js'
import type { Command, ExecutionAdapter, RunOptions } from '../adapters/execution.js'
import type { GitAdapter } from '../adapters/git.js'
import type { Workspace } from '../adapters/workspace.js'
import type { CheckKind, CheckOutput, CheckResult } from '../commands/check.js'
import type { Logger } from '../log.js'
import type { FixerContextInput } from './agent-context.js'
import type { Fingerprint } from './fingerprint.js'
import type { DroppedFile } from './fixers.js'
import type { FixPolicy, PolicyViolation } from './policy.js'
import type { BranchVerifyDeps } from './verify-remote.js'

/** What to heal and how. */
export interface HealRequest {
  /** The kind of check. */
  kind: CheckKind
  /** The check command. */
  check: Command
  /** Options of the check's runs (timeout, env, report path). */
  checkOptions?: RunOptions
  /** Fixer commands, run in order in the workspace (shell command lines). */
  fixers: string[]
  /** Longest time one fixer may run, in seconds (default 600). */
  fixerTimeoutSeconds?: number
  /**
   * Whether each fixer runs in a copy of the files (the workspace's `fixerCopy`) rather than in the workspace:
   * LOCAL's default, where someone may work in the checkout while a fixer runs (`--fix-in-place` says no).
   */
  fixersInCopy?: boolean
  /**
   * Re-runs of a fixer whose candidate was refused or failed verification, with that feedback in its context
   * (default: once for a fixer that reads SELF_HEAL_PROMPT or SELF_HEAL_FAILURE, never for others).
   */
  fixerRetries?: number
  /** Further checks a candidate must pass, after the check itself, before it counts as verified. */
  verifyAlso?: Command[]
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
  /**
   * Where a candidate is verified: `in-place` (the checkout the fixers ran in; the default), `clean` (then also
   * in a fresh copy of the base holding only the diff, after `setup`) or `remote` (then the final candidate also
   * on its branch, in a run of the runner workflow, before it is proposed).
   */
  verify?: 'in-place' | 'clean' | 'remote'
  /** Run in the clean copy before its check (e.g. `npm ci`). */
  setup?: string
  /** Why proposing is not allowed here (e.g. a pull request from a fork): the fix is verified but not proposed. */
  noProposal?: string
  /** Why healing is switched off (the kill switch), when it is: the check still runs, nothing else. */
  disabled?: string
  /** When the run counts as failed (default `unhealed`; the action's default is `failing`). */
  failWhen?: FailWhen
  /** How a verified fix is delivered (default `pull-request`). */
  deliver?: Deliver
  /** The same-repository pull request whose workflow this is, when it is one. */
  pullRequest?: PullRequestContext
  /** The directory the check and the fixers run in (default: the workspace root); paths stay repository-relative. */
  cwd?: string
  /** How the fix's branch, commit and pull request look. */
  shape?: ProposalShape
  /** The workflow run heal runs in and its repository's web page, for the pull request's texts. */
  links?: { run?: string; repository?: string }
  /**
   * A workflow file dispatched on the fix branch once a fix is committed there: pushes made with GITHUB_TOKEN start
   * no workflow, a workflow_dispatch does.
   */
  ciWorkflow?: string
  /**
   * Why this run may read the fix memory but not write it (a pull request's run, or a branch other than the
   * default one, in CI): a pull request must not be able to plant a fix that the default branch replays.
   */
  memoryReadOnly?: string
}

/** When a heal counts as failed: `failing` whenever the check fails on the checked commit, whatever heal did;
 * `unhealed` only when no verified fix was delivered; `never`. */
export type FailWhen = 'failing' | 'unhealed' | 'never'
export const FAIL_WHEN: readonly FailWhen[] = ['failing', 'unhealed', 'never']

/** Where a verified fix goes: a pull request (into the branch), one commit on a same-repository pull request's
 * own branch, a review of suggestions on that pull request, or nowhere (`none`: verified and reported only). */
export type Deliver = 'pull-request' | 'commit' | 'suggest' | 'none'
export const DELIVERIES: readonly Deliver[] = ['pull-request', 'commit', 'suggest', 'none']

/** A pull request from this repository, from its workflow's event. */
export interface PullRequestContext {
  number: number
  /** Its branch (where `commit` delivers). */
  head: string
  /** The branch it merges into. */
  base: string
  /** Its web address, when the event gives it. */
  url?: string
  /** The commit its branch was at when the workflow started, when the event gives it. */
  headSha?: string
}

/** What a user may set about heal's proposal; the texts are templates (src/heal/templates.ts). */
export interface ProposalShape {
  /** The fix branch's name, `{fingerprint}` filled in (default `<branchPrefix>{fingerprint}`). */
  branch?: string
  /** The prefix of the fix branches (default `self-heal/`): the fix branch is `<prefix><fingerprint>`. */
  branchPrefix?: string
  title?: string
  body?: string
  labels?: string[]
  reviewers?: string[]
  /** Teams (slugs) to request a review from, with the reviewers. */
  teamReviewers?: string[]
  assignees?: string[]
  draft?: boolean
  /** The commit message (self-heal's trailer is always added). */
  commitMessage?: string
}

/** The ports a heal uses. */
export interface HealDeps {
  /** Runs the check and the fixers. */
  execution: ExecutionAdapter
  /** The fix memory; only opened once a failure is fingerprinted. */
  cache: () => Promise<CacheAdapter>
  /** Proposes the fix; only asked for when there is one to propose. */
  git: () => Promise<GitAdapter>
  /** The files the fixers change. */
  workspace: Workspace
  /** Which repository this is (`github.com/owner/name`, a remote URL, a root commit): the fix memory is per repository. */
  repository: string
  /** Progress. */
  log: Logger
  /** The clock (for the remembered fix's date). */
  now?: () => Date
  /** Aborted on an interrupt: the running command is ended, the workspace put back, and InterruptedError thrown. */
  signal?: AbortSignal
  /**
   * The change `branch` makes since it forked from `base`, or undefined when it does not exist (default: the Git
   * adapter's getDiff; locally the checkout's own refs).
   */
  branchChange?: (base: string, branch: string) => Promise<string | undefined>
  /**
   * The commit a new fix branch for `base` is made from (default: `base` as the Git adapter sees it). Locally with
   * pull requests it is the remote's `base` after a fetch, so that commits nobody pushed are never published.
   */
  branchFrom?: (base: string) => Promise<string>
  /**
   * Deletes a stale fix branch (its pull request was merged) while it is at `expected`, before it is made again
   * (default: the Git adapter's deleteBranch; locally with pull requests, the remote's copy too).
   */
  deleteBranch?: (branch: string, expected: string) => Promise<void>
  /** The fixer commands for the failing run (default: the request's): `auto` lines become derived fixers. */
  resolveFixers?: (failure: CheckResult) => string[]
  /** Writes the failure as context for the next fixer run and returns the variables that name it (none by default). */
  fixerContext?: (input: FixerContextInput) => Promise<Record<string, string>>
  /**
   * With verify: remote, where the final candidate's check runs on its branch: the runner workflow, dispatched
   * (`publish`, locally, pushes the branch first).
   */
  remoteVerify?: Pick<BranchVerifyDeps, 'execution' | 'publish'>
}

/** How a heal ended. */
export type HealOutcome =
  | 'disabled'
  | 'skipped'
  | 'passed'
  | 'flaky'
  | 'healed'
  | 'not-healed'
  | 'not-proposed'
  | 'declined'
  | 'broken-check'

/** Files, added and removed lines of a diff. */
export interface DiffStats {
  files: number
  added: number
  removed: number
}

/** One candidate fix that was tried. */
export interface HealAttempt {
  /** Where the fix came from. */
  source: 'memory' | 'fixer'
  /** The fixer command, for a fixer. */
  fixer?: string
  /** What became of it (`crashed`: the fixer changed nothing and exited 2 or more, was killed or timed out). */
  result: 'verified' | 'check-failed' | 'refused' | 'no-change' | 'does-not-apply' | 'over-budget' | 'crashed'
  /** The fixer's exit code (fixers often exit non-zero when problems remain; their changes still count). */
  exitCode?: number
  /** Whether the fixer timeout ended it, for a crashed fixer. */
  timedOut?: boolean
  /** The end of its output, for a crashed fixer. */
  outputTail?: string
  /** The policy's reasons, for a refused diff. */
  violations?: PolicyViolation[]
  /** The diff's size (cumulative over the fixers so far). */
  stats?: DiffStats
  /** With verify: clean, what the check did in the clean copy. */
  clean?: 'passed' | 'failed'
  /** What the check did on the fix's branch, in a run of the runner workflow (verify: remote, and CLOUD). */
  remote?: 'passed' | 'failed'
  /** Files the policy refused that were left out of the candidate, the rest being policed and verified alone. */
  dropped?: DroppedFile[]
  /** The `verify-also` check that failed, when the check itself passed. */
  verifyAlso?: string
}

/** The verified fix. */
export interface HealFix {
  /** Where it came from. */
  source: 'memory' | 'fixer'
  /** The fixers whose changes it holds, in order. */
  fixers: string[]
  /** The diff, as `git diff --binary` makes it. */
  diff: string
  stats: DiffStats
}

/** What was proposed. */
export interface HealProposal {
  /** How it was delivered. */
  deliver: Deliver
  /** The branch the fix is on (for `commit`, the pull request's own branch; none for `suggest` or `none`). */
  branch?: string
  /** The branch the pull request targets. */
  base: string
  /** The commit the fix branch was made from, when one was made (locally with pull requests: the remote's). */
  from?: string
  /** The fix commit (absent when the branch already held it). */
  commit?: string
  /** For `already-proposed`: the commit the branch holding the fix is at. */
  head?: string
  /**
   * `created`: a new branch and commit (or review, or comment); `replaced`: the branch held only self-heal's commits
   * for another fix, and now holds this one instead; `already-proposed`: the branch already held this fix.
   */
  action: 'created' | 'replaced' | 'already-proposed'
  /** For `replaced`: the commit the branch was at before. */
  replaced?: string
  /** The pull request, when one could be opened. */
  pullRequest?: { number: number; url: string; action: 'created' | 'updated' }
  /** Why there is no pull request, when there is none. */
  pullRequestSkipped?: string
  /** The review of suggestions, for `suggest`: how many hunks became suggestions, how many a diff in its body. */
  review?: { id: number; url: string; suggestions: number; asDiff: number }
  /** The one comment self-heal keeps on the contributor's pull request. */
  comment?: { id: number; url: string; action: 'created' | 'updated' }
  /** The `ci-workflow` run dispatched on the fix branch, or why none was. */
  ci?: { workflow: string; runId?: number; url?: string; skipped?: string }
}

/** The result, as printed with `--json`. */
export interface HealOutput {
  outcome: HealOutcome
  /** Whether the step (or the CLI) succeeds, by `failWhen`. */
  ok: boolean
  /** The rule `ok` was decided by. */
  failWhen: FailWhen
  /** Why, in one sentence. */
  reason: string
  kind: CheckKind
  /** The first run of the check. */
  check?: CheckOutput
  fingerprint?: Pick<Fingerprint, 'id' | 'basis' | 'signatures'>
  /** Candidate fixes in the order they were tried. */
  attempts: HealAttempt[]
  fix?: HealFix
  proposal?: HealProposal
  /** Untracked files the user had before heal started: whatever a fixer did to them is no part of the fix. */
  excluded?: string[]
  /** Whether the verified fix was stored in the fix memory. */
  remembered: boolean
  dryRun: boolean
}
