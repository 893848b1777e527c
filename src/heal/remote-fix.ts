/**
 * The runner's half of a heal with no checkout: the runner workflow's `operation: fix` runs the check on a checkout
 * of the ref and, when it fails, the fixers (the loop itself, in a dry run), and records the first check's result
 * and the candidate in its log. The dispatching side (`cloud.ts`) fingerprints, recalls, re-polices, commits,
 * verifies and proposes: nothing the runner says about policy is trusted there.
 */
import { MemoryCacheAdapter } from '../adapters/cache/memory.js'
import type { Command, ExecutionAdapter, RunOptions } from '../adapters/execution.js'
import { LocalWorkspace } from '../adapters/local/workspace.js'
import { CHECK_KINDS, type CheckKind, type CheckResult } from '../commands/check.js'
import { ConfigurationError, InvalidInputError } from '../errors.js'
import type { Logger } from '../log.js'
import { runHeal } from './loop.js'
import { parsePolicy, type FixPolicy } from './policy.js'
import type { HealAttempt, HealFix, HealOutcome, HealRequest } from './types.js'

/** What the dispatching side asks the runner to do: the runner workflow's `request` input, as JSON. */
export interface FixRequest {
  kind: CheckKind
  check: Command
  checkOptions?: Pick<RunOptions, 'timeoutSeconds' | 'reportPath' | 'env'>
  fixers: string[]
  fixerTimeoutSeconds?: number
  policy?: FixPolicy
  reruns?: number
  maxAttempts?: number
}

/** What the runner found, in the check record (`CheckRecord.fix`). */
export interface FixRecord {
  /** The runner's dry run outcome: `passed`, `flaky`, `healed` (a candidate passed the check) or `not-healed`. */
  outcome: HealOutcome
  reason: string
  /** The checkout's root on the runner (paths in the check's output are relative to it when fingerprinting). */
  root: string
  /** Candidates in the order they were tried. */
  attempts: HealAttempt[]
  /** The candidate that made the check pass on the runner. */
  fix?: HealFix
}

/** The runner's part of a request (what only the dispatching side uses — base, proposals — stays there). */
export function toFixRequest(request: HealRequest): FixRequest {
  const { timeoutSeconds, reportPath, env } = request.checkOptions ?? {}
  return {
    kind: request.kind,
    check: request.check,
    checkOptions: { timeoutSeconds, reportPath, env },
    fixers: request.fixers,
    fixerTimeoutSeconds: request.fixerTimeoutSeconds,
    policy: request.policy,
    reruns: request.reruns,
    maxAttempts: request.maxAttempts
  }
}

/** Reads the runner workflow's `request` input; InvalidInputError saying what is wrong. */
export function parseFixRequest(text: string): HealRequest {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new InvalidInputError(`Input 'request' is not valid JSON: ${(error as Error).message}`)
  }
  const bad = (what: string): never => {
    throw new InvalidInputError(`Input 'request' is not a fix request: ${what}.`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad('it must be a JSON object')
  const value = raw as Record<string, unknown>
  if (!(CHECK_KINDS as readonly string[]).includes(value.kind as string)) {
    return bad(`'kind' must be one of ${CHECK_KINDS.join(', ')}`)
  }
  const check = value.check
  const isArgv = Array.isArray(check) && check.length > 0 && check.every(part => typeof part === 'string')
  if (!(typeof check === 'string' && check.trim()) && !isArgv) {
    return bad("'check' must be a command line or an argv array")
  }
  const fixers = value.fixers ?? []
  if (!Array.isArray(fixers) || !fixers.every(f => typeof f === 'string')) {
    return bad("'fixers' must be an array of command lines")
  }
  const count = (key: string, positive = false): number | undefined => {
    const n = value[key]
    if (n === undefined || n === null) return undefined
    if (typeof n !== 'number' || !Number.isFinite(n) || n < (positive ? 1e-9 : 0)) {
      return bad(`'${key}' must be a ${positive ? 'positive' : 'non-negative'} number`)
    }
    return n
  }
  const options = (value.checkOptions ?? {}) as Record<string, unknown>
  if (typeof options !== 'object' || Array.isArray(options)) return bad("'checkOptions' must be an object")
  const env = options.env
  if (
    env !== undefined &&
    (!env || typeof env !== 'object' || !Object.values(env).every(v => typeof v === 'string'))
  ) {
    return bad("'checkOptions.env' must be an object of strings")
  }
  const timeout = options.timeoutSeconds
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0)) {
    return bad("'checkOptions.timeoutSeconds' must be a positive number")
  }
  if (options.reportPath !== undefined && typeof options.reportPath !== 'string') {
    return bad("'checkOptions.reportPath' must be a path")
  }
  return {
    kind: value.kind as CheckKind,
    check: check as Command,
    checkOptions: {
      timeoutSeconds: timeout as number | undefined,
      reportPath: options.reportPath as string | undefined,
      env: env as Record<string, string> | undefined
    },
    fixers: fixers as string[],
    fixerTimeoutSeconds: count('fixerTimeoutSeconds', true),
    // The policy is checked again here: a runner that refuses more is fine, the dispatching side re-polices.
    policy: value.policy === undefined ? undefined : parsePolicy(value.policy),
    reruns: count('reruns'),
    maxAttempts: count('maxAttempts'),
    dryRun: true
  }
}

/**
 * Runs the check and the fixers in the checkout at `cwd` (the loop in a dry run, with no memory: the dispatching
 * side recalls) and returns the first check's result and what the fixers made.
 */
export async function runFixStep(
  execution: ExecutionAdapter,
  cwd: string,
  request: HealRequest,
  log: Logger
): Promise<{ first?: CheckResult; fix: FixRecord }> {
  const recorder = recordFirstCheck(execution, request.kind)
  const tree = await LocalWorkspace.open(cwd)
  if (tree.recovered) log.warning(tree.recovered)
  // The loop's own words for a run that writes nothing speak of a dry run: say first why this one writes nothing.
  log.info(
    'This run finds and verifies a fix for a heal with no checkout; it writes nothing: the heal that dispatched it commits the fix through the API and verifies it again on its branch.'
  )
  try {
    const output = await runHeal(
      {
        execution: recorder.adapter,
        cache: async () => new MemoryCacheAdapter(),
        git: async () => {
          throw new ConfigurationError('The runner does not propose: the dispatching side does.')
        },
        workspace: tree,
        repository: 'runner',
        log
      },
      { ...request, dryRun: true, base: undefined, noProposal: undefined, disabled: undefined }
    )
    return {
      first: recorder.first(),
      fix: {
        outcome: output.outcome,
        reason: output.reason,
        root: tree.root,
        attempts: output.attempts,
        ...(output.fix ? { fix: output.fix } : {})
      }
    }
  } finally {
    await tree.close()
  }
}

/** The adapter, keeping the result of its first check of `kind` (the loop returns only a summary of it). */
function recordFirstCheck(
  execution: ExecutionAdapter,
  kind: CheckKind
): { adapter: ExecutionAdapter; first(): CheckResult | undefined } {
  let first: CheckResult | undefined
  const keep = async <T extends CheckResult>(run: Promise<T>, of: CheckKind): Promise<T> => {
    const result = await run
    if (of === kind && !first) first = result
    return result
  }
  const adapter: ExecutionAdapter = {
    kind: execution.kind,
    runCommand: (command, options) => keep(execution.runCommand(command, options), 'command'),
    runTests: (command, options) => keep(execution.runTests(command, options), 'test'),
    runBuild: (command, options) => keep(execution.runBuild(command, options), 'build'),
    runLint: (command, options) => keep(execution.runLint(command, options), 'lint')
  }
  return { adapter, first: () => first }
}
