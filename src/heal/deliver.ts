/**
 * The privileged side of fork-safe healing (`operation: deliver`), run by a workflow on `workflow_run` with a
 * write token and never with the pull request's code: it takes the `self-heal-fix` artifact of the run that
 * triggered it, checks where it came from, polices the diff again with the policy of the default branch and what
 * the local loop knows (the files the check runs, the base files the diff changes, read at the head the fix was
 * made against), and delivers it as review suggestions, or (`deliver: commit`) as a commit on the fork's branch
 * when the pull request allows maintainer edits and the token may push there. Nothing in the artifact is trusted
 * for what would loosen the policy: it was written by code of the fork.
 */
import { readFileSync } from 'node:fs'
import type { GitAdapter } from '../adapters/git.js'
import type { StorageAdapter } from '../adapters/storage.js'
import { CHECK_KINDS, type CheckKind } from '../commands/check.js'
import {
  ConfigurationError,
  ConflictError,
  InvalidInputError,
  PermissionError,
  errorMessage
} from '../errors.js'
import type { GitHubOctokit } from '../github/client.js'
import { MAX_ZIP_BYTES, readZip } from '../github/zip.js'
import type { Logger } from '../log.js'
import { FIX_ARTIFACT_NAME, FIX_FILE, parseFixArtifact, type FixArtifact } from './fix-artifact.js'
import { FINGERPRINT_TRAILER } from './own-branch.js'
import { describeVerdict, type FixPolicy, type PolicyContext, type PolicyVerdict } from './policy.js'
import { BaseFiles, remotePolicyContext, strictestVerdict } from './policy-context.js'
import { readPolicy } from './request.js'
import { buildSuggestionReview } from './suggestions.js'
import { plural } from './report.js'

/** The policy file read from the default branch when the workflow gives no `policy` input. */
export const DEFAULT_POLICY_PATH = '.github/self-heal.yml'

/** The triggering run, as the `workflow_run` event describes it. */
export interface TriggeringRun {
  id: number
  event: string
  headSha: string
  /** OWNER/NAME of the repository the run's head commit came from (the fork). */
  headRepository: string
}

/** What deliver did. */
export interface DeliverResult {
  /** `delivered`, `rejected` (the artifact failed a check), or `nothing-to-deliver`. */
  outcome: 'delivered' | 'rejected' | 'nothing-to-deliver'
  ok: boolean
  reason: string
  pullRequest?: number
  review?: { id: number; url: string; suggestions: number; inBody: number }
  /** With `deliver: commit`, the commit made on the fork's branch. */
  commit?: { sha: string; repository: string; branch: string }
}

/** How deliver proposes a fix: review suggestions, or a commit on the fork's branch (falling back to suggestions). */
export type DeliverMode = 'suggest' | 'commit'

/** The `deliver` input read for operation `deliver`: `commit`, else suggestions (`suggest`, or heal's default). */
export function readDeliverMode(value: string, where: string): DeliverMode {
  const mode = value.trim() || 'suggest'
  if (mode === 'commit') return 'commit'
  if (mode === 'suggest' || mode === 'pull-request') return 'suggest'
  throw new ConfigurationError(
    `${where} is '${mode}': operation 'deliver' delivers a fix as \`suggest\` (review suggestions, the default) or \`commit\` (a commit on the fork's branch when the pull request allows maintainer edits, else suggestions).`
  )
}

/** Reads the `workflow_run` event this job runs for; another event is a ConfigurationError. */
export function readTriggeringRun(env: NodeJS.ProcessEnv): TriggeringRun {
  const wrongEvent = (): never => {
    throw new ConfigurationError(
      "operation 'deliver' runs in a workflow triggered by workflow_run (on: workflow_run: workflows: [CI] types: [completed]), and this job's event has no workflow_run."
    )
  }
  if (!env.GITHUB_EVENT_PATH) return wrongEvent()
  let event: { workflow_run?: Record<string, unknown> }
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof event
  } catch (error) {
    throw new ConfigurationError(
      `The event payload ${env.GITHUB_EVENT_PATH} cannot be read: ${errorMessage(error)}`
    )
  }
  const run = event?.workflow_run
  if (!run || typeof run !== 'object') return wrongEvent()
  const head = run.head_repository as { full_name?: unknown } | undefined
  if (
    typeof run.id !== 'number' ||
    typeof run.event !== 'string' ||
    typeof run.head_sha !== 'string' ||
    typeof head?.full_name !== 'string'
  ) {
    throw new ConfigurationError(
      'The workflow_run event lacks the run id, event, head_sha or head_repository.'
    )
  }
  return { id: run.id, event: run.event, headSha: run.head_sha, headRepository: head.full_name }
}

/** Where deliver works and what it may use. */
export interface DeliverOptions {
  owner: string
  repo: string
  /** The policy the workflow gives (its file is on the default branch); else the default branch's policy file. */
  policy?: FixPolicy
  policyPath?: string
  /** `commit`: commit to the fork's branch when allowed (default `suggest`). */
  mode?: DeliverMode
  /** The Git port over the repository the pull request comes from, for `mode: commit`. */
  forkGit?: (repository: string) => Pick<GitAdapter, 'applyDiff'>
  /** The check CI runs (the workflow's own `command` input): the files it runs are part of its definition. */
  check?: string
  /** The kind of that check (the workflow's `kind` input). */
  kind?: CheckKind
  /**
   * The Storage port over the base repository at a commit (read-only): the base files the fix changes are read
   * at the pull request's head, which GitHub keeps in the base repository (`refs/pull/N/head`).
   */
  storageAt: (commit: string) => Pick<StorageAdapter, 'readFile'>
}

/**
 * Polices an artifact's fix as the local loop would, trusting the artifact for nothing that loosens the policy:
 * the base files are read by this side at the head the fix is for; the check is both the workflow's own and the
 * one the artifact names, each judged on its own, and a refusal under either stands (the stricter wins); a
 * snapshot mismatch, which would open snapshot files, is never taken from the artifact (snapshotFailure false).
 */
export async function policeArtifactFix(
  fix: Pick<FixArtifact, 'diff' | 'headSha' | 'check' | 'result'>,
  policy: FixPolicy | undefined,
  options: Pick<DeliverOptions, 'check' | 'kind' | 'storageAt'>
): Promise<PolicyVerdict> {
  const kind =
    options.kind ??
    ((CHECK_KINDS as readonly string[]).includes(fix.result?.kind)
      ? (fix.result.kind as CheckKind)
      : undefined)
  const checks = [...new Set([options.check?.trim(), fix.check?.trim()].filter(check => !!check))]
  // One read of each base file for both accounts of the check.
  const base = new BaseFiles(options.storageAt(fix.headSha))
  const contexts: PolicyContext[] = []
  for (const check of checks.length ? checks : [undefined]) {
    contexts.push(
      await remotePolicyContext(fix.diff, base, {
        ...(check ? { check } : {}),
        ...(kind ? { kind } : {}),
        snapshotFailure: false
      })
    )
  }
  return strictestVerdict(fix.diff, policy, contexts)
}

/** The pull request's fields a commit on its head branch depends on. */
export interface ForkHead {
  number: number
  maintainer_can_modify: boolean
  head: { ref: string; sha: string; repo: { full_name: string } | null }
}

/** What became of a commit on the fork's branch: made, refused (suggestions instead), or the branch moved. */
export type ForkCommit =
  | { made: true; sha: string; repository: string; branch: string }
  | { made: false; moved: boolean; reason: string }

/**
 * Commits the policed diff on the fork's head branch, on top of the head the fix was made and verified for: the
 * branch moves only while it is still there (compare-and-swap), so a contributor's newer push is never built over.
 */
export async function commitOnForkBranch(
  pr: ForkHead,
  fix: Pick<FixArtifact, 'diff' | 'fingerprint' | 'headSha' | 'result'>,
  forkGit: NonNullable<DeliverOptions['forkGit']>
): Promise<ForkCommit> {
  const repository = pr.head.repo?.full_name
  if (!repository) return { made: false, moved: false, reason: 'its head repository was deleted' }
  if (!pr.maintainer_can_modify) {
    return {
      made: false,
      moved: false,
      reason: `pull request #${pr.number} does not allow edits by maintainers, so nothing may be pushed to ${repository}`
    }
  }
  const message =
    `Fix the failing ${fix.result.kind} check\n\n` +
    `self-heal verified this fix by re-running the check on ${fix.headSha}.\n\n` +
    `${FINGERPRINT_TRAILER}: ${fix.fingerprint}\n`
  const git = forkGit(repository)
  try {
    const applied = await git.applyDiff(fix.diff, message, {
      branch: pr.head.ref,
      base: fix.headSha,
      replacing: fix.headSha
    })
    return { made: true, sha: applied.commit, repository, branch: pr.head.ref }
  } catch (error) {
    if (error instanceof ConflictError) {
      return { made: false, moved: true, reason: `${repository}'s ${pr.head.ref} moved while committing` }
    }
    if (error instanceof ConfigurationError) {
      // The only one applyDiff's compare-and-swap raises: a GitHub Enterprise Server without GraphQL updateRefs.
      return {
        made: false,
        moved: false,
        reason: `this GitHub cannot move ${repository}'s ${pr.head.ref} by a compare-and-swap (no GraphQL updateRefs)`
      }
    }
    if (error instanceof PermissionError) {
      return {
        made: false,
        moved: false,
        reason:
          `the token may not push to ${repository} (${errorMessage(error)}). A GITHUB_TOKEN never can push to a ` +
          "fork, even when the pull request allows maintainer edits: give operation 'deliver' a GitHub App or user " +
          'token with write access to the fork'
      }
    }
    throw error
  }
}

/** Delivers the triggering run's fix, or says why not. Rejections are results, not exceptions. */
export async function deliverFix(
  octokit: GitHubOctokit,
  run: TriggeringRun,
  options: DeliverOptions,
  log: Logger
): Promise<DeliverResult> {
  const { owner, repo } = options
  const repository = `${owner}/${repo}`
  const reject = (reason: string, pullRequest?: number): DeliverResult => ({
    outcome: 'rejected',
    ok: false,
    reason: `The fix artifact of run ${run.id} was rejected: ${reason}`,
    pullRequest
  })

  const { data: listing } = await octokit.rest.actions.listWorkflowRunArtifacts({
    owner,
    repo,
    run_id: run.id,
    name: FIX_ARTIFACT_NAME,
    per_page: 100
  })
  const artifacts = listing.artifacts.filter(a => a.name === FIX_ARTIFACT_NAME)
  if (artifacts.length === 0) {
    return {
      outcome: 'nothing-to-deliver',
      ok: true,
      reason: `Run ${run.id} left no ${FIX_ARTIFACT_NAME} artifact.`
    }
  }
  if (run.event !== 'pull_request') {
    return reject(`the run was triggered by ${run.event}, and only pull_request runs hand over fixes.`)
  }
  if (artifacts.length > 1)
    return reject(`the run has ${artifacts.length} artifacts named ${FIX_ARTIFACT_NAME}.`)
  const artifact = artifacts[0]
  if (artifact.workflow_run?.id !== run.id) {
    return reject(
      `the artifact belongs to run ${String(artifact.workflow_run?.id)}, not to the triggering run.`
    )
  }
  if (artifact.expired) return reject('the artifact has expired.')
  if (artifact.size_in_bytes > MAX_ZIP_BYTES) {
    return reject(
      `the artifact is ${artifact.size_in_bytes} bytes, over the ${MAX_ZIP_BYTES} a fix may take.`
    )
  }

  let fix: FixArtifact
  try {
    const { data } = await octokit.rest.actions.downloadArtifact({
      owner,
      repo,
      artifact_id: artifact.id,
      archive_format: 'zip'
    })
    const entry = readZip(Buffer.from(data as ArrayBuffer)).find(e => e.name === FIX_FILE)
    if (!entry) return reject(`the artifact holds no ${FIX_FILE}.`)
    fix = parseFixArtifact(entry.data.toString('utf8'))
  } catch (error) {
    if (error instanceof InvalidInputError) return reject(error.message)
    throw error
  }
  if (fix.repository !== repository) return reject(`it is for ${fix.repository}, not ${repository}.`)
  if (fix.headSha !== run.headSha) {
    return reject(`its headSha ${fix.headSha} is not the run's head commit ${run.headSha}.`, fix.pullRequest)
  }
  const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: fix.pullRequest })
  if (pr.base.repo.full_name !== repository) {
    return reject(`pull request #${pr.number} is not into ${repository}.`, pr.number)
  }
  if (pr.head.repo?.full_name !== run.headRepository) {
    return reject(
      `pull request #${pr.number} comes from ${String(pr.head.repo?.full_name)}, the run from ${run.headRepository}.`,
      pr.number
    )
  }
  if (pr.state !== 'open') {
    return {
      outcome: 'nothing-to-deliver',
      ok: true,
      reason: `Pull request #${pr.number} is ${pr.state}.`,
      pullRequest: pr.number
    }
  }
  if (pr.head.sha !== fix.headSha) {
    return {
      outcome: 'nothing-to-deliver',
      ok: true,
      reason: `Pull request #${pr.number} moved on (its head is ${pr.head.sha}, the fix is for ${fix.headSha}); its new run heals again.`,
      pullRequest: pr.number
    }
  }

  const policy = options.policy ?? (await defaultBranchPolicy(octokit, owner, repo, options.policyPath, log))
  const verdict = await policeArtifactFix(fix, policy, options)
  if (!verdict.ok) return reject(`the policy refuses its diff: ${describeVerdict(verdict)}`, pr.number)

  let fallback = ''
  if (options.mode === 'commit') {
    if (!options.forkGit) throw new ConfigurationError("deliver 'commit' needs the fork's Git port.")
    const committed = await commitOnForkBranch(pr, fix, options.forkGit)
    if (committed.made) {
      return {
        outcome: 'delivered',
        ok: true,
        reason: `The fix was committed as ${committed.sha} on ${committed.repository}'s ${committed.branch}, the branch of pull request #${pr.number}.`,
        pullRequest: pr.number,
        commit: { sha: committed.sha, repository: committed.repository, branch: committed.branch }
      }
    }
    if (committed.moved) {
      return {
        outcome: 'nothing-to-deliver',
        ok: true,
        reason: `Pull request #${pr.number} moved on (${committed.reason}); its new run heals again.`,
        pullRequest: pr.number
      }
    }
    log.info(`Not committing to the fork: ${committed.reason}.`)
    fallback = ` It was not committed to the fork's branch: ${committed.reason}.`
  }

  const { data: prDiff } = await octokit.rest.pulls.get({
    owner,
    repo,
    pull_number: pr.number,
    mediaType: { format: 'diff' }
  })
  const intro =
    `self-heal found a fix for the failing ${fix.result.kind} check (fingerprint \`${fix.fingerprint}\`) and ` +
    `verified it by re-running the check: ${plural(verdict.stats.files, 'file')}, +${verdict.stats.added} −${verdict.stats.removed}.`
  const review = buildSuggestionReview(fix.diff, String(prDiff), intro)
  const { data: created } = await octokit.rest.pulls.createReview({
    owner,
    repo,
    pull_number: pr.number,
    commit_id: fix.headSha,
    event: 'COMMENT',
    body: review.body,
    comments: review.comments
  })
  return {
    outcome: 'delivered',
    ok: true,
    reason: `The fix was delivered to pull request #${pr.number} as a review with ${plural(review.comments.length, 'suggestion')}${review.inBody ? ` and ${plural(review.inBody, 'change')} in its body` : ''}.${fallback}`,
    pullRequest: pr.number,
    review: {
      id: created.id,
      url: created.html_url,
      suggestions: review.comments.length,
      inBody: review.inBody
    }
  }
}

/** The policy file on the default branch (never the pull request's), or undefined (the default policy). */
async function defaultBranchPolicy(
  octokit: GitHubOctokit,
  owner: string,
  repo: string,
  path = DEFAULT_POLICY_PATH,
  log: Logger
): Promise<FixPolicy | undefined> {
  const { data: repository } = await octokit.rest.repos.get({ owner, repo })
  const ref = repository.default_branch
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new ConfigurationError(`${path} on ${ref} is not a file.`)
    }
    log.info(`Policing the fix with ${path} from ${ref}.`)
    return readPolicy(Buffer.from(data.content, 'base64').toString('utf8'), `${path} on ${ref}`)
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      log.info(`No ${path} on ${ref}: the default policy applies.`)
      return undefined
    }
    throw error
  }
}
