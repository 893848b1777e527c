/**
 * The input layer of heal: the CLI's options and the action's inputs become one HealRequest here, with the same
 * checks and the same defaults, and the workflow's event says where a fix may go.
 */
import { readFileSync } from 'node:fs'
import { load as loadYaml } from 'js-yaml'
import { parseCheckKind } from '../commands/check.js'
import { ConfigurationError, InvalidInputError, errorMessage } from '../errors.js'
import { validateBranchName } from '../github/refs.js'
import { readCount, readPositive } from '../settings.js'
import { parsePolicy, type FixPolicy } from './policy.js'
import { AUTO_FIXER } from './fixers.js'
import { BRANCH_PREFIX, fixBranch, readBranchPrefix } from './fix-branch.js'
import { checkTemplate } from './templates.js'
import {
  DELIVERIES,
  FAIL_WHEN,
  type Deliver,
  type HealRequest,
  type ProposalShape,
  type PullRequestContext
} from './types.js'

/** How long one run of the check may take when no timeout is given: half an hour. */
export const DEFAULT_CHECK_TIMEOUT_SECONDS = 1800

/** Heal's options as either surface reads them: strings, before any check. */
export interface HealInputs {
  /** The check command. */
  check: string
  kind?: string
  /** Fixer command lines, in order. */
  fix?: string[]
  dryRun?: boolean
  /** The policy's YAML text, and where it came from (for its errors). */
  policy?: { text: string; where: string }
  reruns?: string
  maxAttempts?: string
  base?: string
  timeout?: string
  report?: string
  /** `failing`, `unhealed` or `never`; each surface gives its own default. */
  failWhen?: string
  deliver?: string
  /** The fix branch's name, `{fingerprint}` filled in. */
  branch?: string
  /** The prefix of the fix branch `<prefix><fingerprint>` (default `self-heal/`). */
  branchPrefix?: string
  /** Templates (src/heal/templates.ts). */
  title?: string
  body?: string
  /** Lists: names separated by commas or new lines. */
  labels?: string
  reviewers?: string
  teamReviewers?: string
  assignees?: string
  draft?: boolean
  commitMessage?: string
  fixerTimeout?: string
  /** Run fixers in the checkout itself rather than in a copy of it (LOCAL; see HealRequest.fixersInCopy). */
  fixInPlace?: boolean
  verify?: string
  setup?: string
  fixerRetries?: string
  /** Further checks a candidate must pass, one command line each. */
  verifyAlso?: string[]
  /** The workflow file dispatched on the fix branch once the fix is committed there. */
  ciWorkflow?: string
}

/** How a surface spells an option in its messages: `--max-attempts` for the CLI, `input 'max-attempts'` for the action. */
export type InputNamer = (option: keyof HealInputs) => string

/**
 * The HealRequest for the given inputs, in the environment `env` (the kill switch, the pull request's event).
 * Bad values are an InvalidInputError that names the option as the surface spells it.
 */
export function buildHealRequest(inputs: HealInputs, name: InputNamer, env: NodeJS.ProcessEnv): HealRequest {
  if (!inputs.check.trim()) {
    throw new InvalidInputError(`Give the check to heal in ${name('check')} (e.g. npm test).`)
  }
  const context = healContext(env)
  const given = (value: string | undefined): string | undefined => (value?.trim() ? value : undefined)
  const timeout = given(inputs.timeout)
  const fixerTimeout = given(inputs.fixerTimeout)
  const fixerRetries = given(inputs.fixerRetries)
  const fixers = (inputs.fix ?? []).filter(line => line.trim())
  const policy = inputs.policy && given(inputs.policy.text)
  return {
    kind: parseCheckKind(given(inputs.kind) ?? 'test', name('kind')),
    check: inputs.check,
    checkOptions: {
      timeoutSeconds:
        timeout === undefined ? DEFAULT_CHECK_TIMEOUT_SECONDS : readPositive(timeout, name('timeout')),
      reportPath: given(inputs.report)
    },
    // No fixer given means the fixers derived from the check (fix: auto).
    fixers: fixers.length ? fixers : [AUTO_FIXER],
    verify: readVerify(given(inputs.verify), name('verify')),
    setup: given(inputs.setup),
    fixerTimeoutSeconds:
      fixerTimeout === undefined ? undefined : readPositive(fixerTimeout, name('fixerTimeout')),
    fixerRetries: fixerRetries === undefined ? undefined : readCount(fixerRetries, name('fixerRetries')),
    ...(inputs.fixInPlace ? { fixersInCopy: false } : {}),
    verifyAlso: (inputs.verifyAlso ?? []).filter(line => line.trim()),
    dryRun: Boolean(inputs.dryRun),
    policy: policy ? readPolicy(policy, inputs.policy!.where) : undefined,
    reruns: readCount(given(inputs.reruns) ?? '1', name('reruns')),
    maxAttempts: readCount(given(inputs.maxAttempts) ?? '5', name('maxAttempts')),
    base: given(inputs.base) ?? context.base,
    noProposal: context.noProposal,
    disabled: context.disabled,
    failWhen: oneOf(given(inputs.failWhen) ?? 'unhealed', FAIL_WHEN, name('failWhen')),
    deliver: readDeliver(given(inputs.deliver)?.trim() ?? 'pull-request', name('deliver')),
    ...(context.pullRequest ? { pullRequest: context.pullRequest } : {}),
    shape: readShape(inputs, name),
    ...(context.links ? { links: context.links } : {}),
    ...(given(inputs.ciWorkflow)
      ? { ciWorkflow: readWorkflowFile(inputs.ciWorkflow!.trim(), name('ciWorkflow')) }
      : {}),
    memoryReadOnly: context.memoryReadOnly
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InvalidInputError(`${what} must be one of ${allowed.join(', ')} (got '${value}').`)
}

/** The deliveries that were renamed or folded into another, and what to use now. */
const RENAMED_DELIVERIES: Record<string, string> = {
  suggestions: "it is called 'suggest' now",
  comment:
    "use 'none': the fix is verified and shown in self-heal's comment on the pull request, which every delivery keeps"
}

function readDeliver(value: string, what: string): Deliver {
  if ((DELIVERIES as readonly string[]).includes(value)) return value as Deliver
  const renamed = Object.hasOwn(RENAMED_DELIVERIES, value) ? ` (${RENAMED_DELIVERIES[value]})` : ''
  throw new InvalidInputError(
    `${what} '${value}' is not a delivery${renamed}: use one of ${DELIVERIES.join(', ')}.`
  )
}

/** A workflow file of .github/workflows, by its file name (e.g. ci.yml), as the dispatch API takes it. */
function readWorkflowFile(value: string, what: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(value) || /^[0-9]+$/.test(value)) return value
  throw new InvalidInputError(
    `${what} '${value}' is not a workflow file name: give the file's name in .github/workflows (e.g. ci.yml), with workflow_dispatch among its triggers.`
  )
}

/**
 * The proposal's shape; a branch name that git would refuse, or a template with an unknown placeholder, is refused
 * now, before anything runs.
 */
function readShape(inputs: HealInputs, name: InputNamer): ProposalShape {
  const text = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined)
  const list = (value: string | undefined): string[] | undefined => {
    const names = (value ?? '')
      .split(/[,\n]/)
      .map(item => item.trim())
      .filter(Boolean)
    return names.length ? names : undefined
  }
  const template = (option: 'title' | 'body' | 'commitMessage') => {
    const value = text(inputs[option])
    return value === undefined ? undefined : checkTemplate(value, name(option))
  }
  const prefix = text(inputs.branchPrefix)
  const shape: ProposalShape = {
    branch: text(inputs.branch),
    branchPrefix: prefix === undefined ? undefined : readBranchPrefix(prefix, name('branchPrefix')),
    title: template('title'),
    body: template('body'),
    labels: list(inputs.labels),
    reviewers: list(inputs.reviewers),
    teamReviewers: list(inputs.teamReviewers),
    assignees: list(inputs.assignees),
    draft: inputs.draft || undefined,
    commitMessage: template('commitMessage')
  }
  // The action passes the prefix's default whenever it is not set; only another prefix contradicts a branch.
  if (shape.branch && shape.branchPrefix && shape.branchPrefix !== BRANCH_PREFIX) {
    throw new InvalidInputError(
      `Give ${name('branch')} (the whole fix branch name) or ${name('branchPrefix')} (its prefix), not both.`
    )
  }
  if (shape.branch) validateBranchName(fixBranch(shape, '0123456789abcdef'), name('branch'))
  return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined))
}

const VERIFY_MODES = ['in-place', 'clean', 'remote'] as const

function readVerify(value: string | undefined, what: string): HealRequest['verify'] {
  if (value === undefined) return undefined
  if ((VERIFY_MODES as readonly string[]).includes(value)) return value as HealRequest['verify']
  throw new InvalidInputError(`Unknown ${what} '${value}': use one of ${VERIFY_MODES.join(', ')}.`)
}

/** What the environment says about healing here. */
export interface HealContext {
  /** Why healing is switched off, when the kill switch is set. */
  disabled?: string
  /** Why a verified fix must not be proposed (a pull request from a fork). */
  noProposal?: string
  /** The branch a fix is proposed to when none is given: a pull request's own branch. */
  base?: string
  /** The pull request from this repository whose workflow this is. */
  pullRequest?: PullRequestContext
  /** Why the fix memory may be read but not written here (CI off the default branch). */
  memoryReadOnly?: string
  /** The workflow run and the repository's web page, in GitHub Actions. */
  links?: HealRequest['links']
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
  context.memoryReadOnly = memoryReadOnly(env, event)
  if (env.GITHUB_REPOSITORY) {
    const repository = `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}`
    context.links = {
      repository,
      ...(env.GITHUB_RUN_ID ? { run: `${repository}/actions/runs/${env.GITHUB_RUN_ID}` } : {})
    }
  }
  const pr = event?.pull_request
  if (pr && typeof pr === 'object') {
    const head = pr.head?.repo?.full_name
    const into = pr.base?.repo?.full_name ?? env.GITHUB_REPOSITORY
    if (typeof head !== 'string' || head !== into) {
      context.noProposal = `the pull request comes from a fork (${head ?? 'unknown'}), and self-heal never pushes to forks`
    } else if (typeof pr.head?.ref === 'string') {
      context.base = pr.head.ref
      if (typeof pr.number === 'number' && typeof pr.base?.ref === 'string') {
        context.pullRequest = {
          number: pr.number,
          head: pr.head.ref,
          base: pr.base.ref,
          ...(typeof pr.html_url === 'string' ? { url: pr.html_url } : {}),
          ...(typeof pr.head.sha === 'string' ? { headSha: pr.head.sha } : {})
        }
      }
    }
  }
  return context
}

/**
 * In GitHub Actions the fix memory is the default branch's: runs of pull requests (and of other branches) read it,
 * only runs on the default branch write it, so that a pull request cannot plant a fix the default branch replays.
 * The default branch is the event's `repository.default_branch`.
 */
function memoryReadOnly(env: NodeJS.ProcessEnv, event: PullRequestEvent | undefined): string | undefined {
  if (env.GITHUB_ACTIONS !== 'true') return undefined
  const name = env.GITHUB_EVENT_NAME ?? ''
  if (name.startsWith('pull_request') || event?.pull_request) {
    return "this is a pull request's run, and only runs on the default branch write the fix memory"
  }
  const defaultBranch = event?.repository?.default_branch
  const ref = env.GITHUB_REF?.startsWith('refs/heads/')
    ? env.GITHUB_REF.slice('refs/heads/'.length)
    : undefined
  const branch = ref ?? (env.GITHUB_REF_TYPE === 'branch' ? env.GITHUB_REF_NAME : undefined)
  // An event that does not name the default branch (a schedule's) is not a pull request's: it writes.
  if (typeof defaultBranch === 'string' && defaultBranch && branch !== defaultBranch) {
    return `this run is on ${branch ? `the branch ${branch}` : env.GITHUB_REF || 'no branch'}, and only runs on the default branch (${defaultBranch}) write the fix memory`
  }
  return undefined
}

/** The part of a workflow event's payload heal reads. */
interface PullRequestEvent {
  repository?: { default_branch?: unknown }
  pull_request?: {
    number?: unknown
    html_url?: unknown
    head?: { ref?: unknown; sha?: unknown; repo?: { full_name?: unknown } }
    base?: { ref?: unknown; repo?: { full_name?: unknown } }
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
