/**
 * `self-heal dispatch` and the action's `operation: dispatch`: dispatch a workflow on a ref, optionally wait for
 * the run, and return the JSON object the CLI prints (`{runId, runUrl, conclusion, ...}`).
 */
import { createGitHubClient, type GitHubOctokit } from '../github/client.js'
import { ConfigurationError, ExecutionTimeoutError, InvalidInputError } from '../errors.js'
import type { Clock } from '../adapters/execution/clock.js'
import { realClock } from '../adapters/execution/clock.js'
import {
  WorkflowRuns,
  isCompleted,
  newCorrelationId,
  type PollSettings,
  type RunAnnotation,
  type WorkflowRunsSettings
} from '../adapters/execution/workflow-runs.js'
import type { FailedTest, LintProblem } from '../adapters/execution.js'
import { howToSet } from '../surface.js'

/** Options of dispatch(). Either `octokit` + `repository`, or `token` (+ `apiUrl`) + `repository`. */
export interface DispatchOptions {
  /** The workflow file name in `.github/workflows` (or its numeric id). */
  workflow: string
  /** Branch, tag or commit SHA (default: the default branch). */
  ref?: string
  /** Workflow inputs (`--input KEY=VALUE`). */
  inputs?: Record<string, string>
  /** Wait for the run to complete. */
  wait?: boolean
  /** With `wait`: the most to wait, in seconds (default 3600); past it the run is cancelled and a timeout thrown. */
  timeoutSeconds?: number
  /** With `wait`: cancel the run when the timeout passes (default true). */
  cancelOnTimeout?: boolean
  /**
   * The input that carries the correlation id (default `correlation-id`), so the run can be found where the API
   * does not return run ids. Dropped when the workflow does not declare it (then run ids must come back).
   */
  correlationInput?: string
  /** `OWNER/NAME`. */
  repository: string
  /** An Octokit already configured (e.g. from createGitHubClient). */
  octokit?: GitHubOctokit
  /** Token, when no octokit is given. */
  token?: string
  /** REST base URL, when no octokit is given (default GITHUB_API_URL). */
  apiUrl?: string
  /** Clock for polling (tests, benchmarks). */
  clock?: Clock
  /** Poll delays. */
  poll?: Partial<PollSettings>
  /** Progress lines (stderr in the CLI). */
  log?: (message: string) => void
  /** With `wait`: where the run is, at the start of the wait and every few seconds (see WorkflowRunsSettings). */
  onProgress?: WorkflowRunsSettings['onProgress']
}

/** What dispatch() returns: the object `self-heal dispatch --json` prints. */
export interface DispatchOutput {
  /** The run id. */
  runId: number
  /** The run's web page. */
  runUrl: string
  /** `success`, `failure`, `cancelled`, `timed_out`, ...; null when not waited for. */
  conclusion: string | null
  /** The run's status when this returned. */
  status: string
  /** The workflow dispatched. */
  workflow: string
  /** The ref dispatched on (a temporary branch for a SHA). */
  ref: string
  /** The correlation id sent, when the workflow accepted one. */
  correlationId?: string
  /** Whether the run id came back from the dispatch (false: found by the correlation id). */
  runIdFromResponse: boolean
  /** With `wait`: jobs with their conclusion and failed steps. */
  jobs?: Array<{ name: string; conclusion: string | null; failedSteps: string[] }>
  /** With `wait`: failed tests the runner workflow recorded (self-heal-run.yml with kind `test`). */
  failedTests?: FailedTest[]
  /** With `wait`: lint problems and diagnostics the runner workflow recorded. */
  problems?: LintProblem[]
  /** With `wait`: the failed jobs' file annotations (test reporters, `::error` lines, problem matchers). */
  annotations?: Array<{ path: string; line: number; level: string; title: string; message: string }>
  /** With `wait`: the tail of the failed jobs' logs. */
  logTail?: string
  /** With `wait`: the run's duration. */
  durationMs?: number
}

/** Parses `--input KEY=VALUE` options into inputs; InvalidInputError for a malformed or repeated one. */
export function parseInputOptions(values: readonly string[]): Record<string, string> {
  const inputs: Record<string, string> = {}
  for (const value of values) {
    const at = value.indexOf('=')
    const key = at > 0 ? value.slice(0, at).trim() : ''
    if (!key)
      throw new InvalidInputError(`--input '${value}' is not KEY=VALUE: e.g. --input command="npm test".`)
    if (key in inputs) throw new InvalidInputError(`--input ${key} is given twice: give each input once.`)
    inputs[key] = value.slice(at + 1)
  }
  if (Object.keys(inputs).length > 25) {
    throw new InvalidInputError('GitHub accepts at most 25 inputs for a workflow dispatch.')
  }
  return inputs
}

/** The CLI's exit code for a dispatch: 0 when the run succeeded (or was not waited for), 1 otherwise. */
export function dispatchExitCode(output: DispatchOutput): 0 | 1 {
  if (output.conclusion === null) return 0
  return output.conclusion === 'success' ? 0 : 1
}

/** Dispatches a workflow and, with `wait`, waits for its run and brings back what failed. */
export async function dispatch(options: DispatchOptions): Promise<DispatchOutput> {
  const [owner, repo] = options.repository.split('/')
  let octokit = options.octokit
  if (!octokit) {
    if (!options.token) {
      throw new ConfigurationError(`No GitHub token: ${howToSet('token')}.`)
    }
    octokit = createGitHubClient({
      token: options.token,
      repository: options.repository,
      apiUrl: options.apiUrl
    }).octokit
  }
  if (!owner || !repo) {
    throw new ConfigurationError(
      `Repository '${options.repository}' is not OWNER/NAME: ${howToSet('repository')}.`
    )
  }
  const clock = options.clock ?? realClock
  const runs = new WorkflowRuns({
    octokit,
    owner,
    repo,
    clock,
    poll: options.poll,
    log: options.log,
    onProgress: options.onProgress
  })
  const correlationInput = options.correlationInput ?? 'correlation-id'
  const userInputs = { ...options.inputs }
  const correlationId = userInputs[correlationInput] || newCorrelationId()
  const started = clock.now()
  let dispatched
  let sentCorrelation = true
  try {
    dispatched = await runs.dispatch({
      workflow: options.workflow,
      ref: options.ref,
      inputs: { ...userInputs, [correlationInput]: correlationId },
      correlationId
    })
  } catch (error) {
    // A workflow that does not declare the correlation input: dispatch without it (run ids must come back).
    const undeclared =
      error instanceof InvalidInputError &&
      error.message.includes('Unexpected inputs') &&
      error.message.includes(correlationInput) &&
      !(correlationInput in (options.inputs ?? {}))
    if (!undeclared) throw error
    sentCorrelation = false
    options.log?.(`Workflow ${options.workflow} has no '${correlationInput}' input: dispatching without it.`)
    dispatched = await runs.dispatch({
      workflow: options.workflow,
      ref: options.ref,
      inputs: userInputs,
      correlationId
    })
  }
  const base = {
    runId: dispatched.runId,
    workflow: options.workflow,
    ref: dispatched.ref,
    ...(sentCorrelation ? { correlationId } : {}),
    runIdFromResponse: dispatched.idFromResponse
  }
  if (!options.wait) {
    const run = dispatched.htmlUrl ? undefined : await runs.getRun(dispatched.runId)
    return {
      ...base,
      runUrl: dispatched.htmlUrl ?? run!.html_url,
      conclusion: null,
      status: run?.status ?? 'queued'
    }
  }
  const timeoutSeconds = options.timeoutSeconds ?? 3600
  try {
    const run = await runs.waitForCompletion({
      runId: dispatched.runId,
      branch: dispatched.branch,
      deadline: started + timeoutSeconds * 1000,
      url: dispatched.htmlUrl
    })
    if (!run) {
      let note = ''
      if (options.cancelOnTimeout !== false) {
        const outcome = await runs.cancel(dispatched.runId)
        if (outcome === 'already-completed') {
          // It finished just as time ran out: report it rather than a timeout.
          const finished = await runs.getRun(dispatched.runId)
          if (isCompleted(finished))
            return await complete(runs, finished, base, correlationId, started, clock)
        }
        note = ' (the run was cancelled)'
      }
      throw new ExecutionTimeoutError(`Run ${dispatched.runId} of ${options.workflow}${note}`, timeoutSeconds)
    }
    return await complete(runs, run, base, correlationId, started, clock)
  } finally {
    if (dispatched.temporaryBranch) await runs.deleteBranch(dispatched.temporaryBranch)
  }
}

async function complete(
  runs: WorkflowRuns,
  run: Awaited<ReturnType<WorkflowRuns['getRun']>>,
  base: Omit<DispatchOutput, 'runUrl' | 'conclusion' | 'status'>,
  correlationId: string,
  started: number,
  clock: Clock
): Promise<DispatchOutput> {
  const report = await runs.report(run, correlationId)
  const annotations = report.annotations
    .filter(
      (a: RunAnnotation) => a.path !== '.github' && !/^Process completed with exit code/.test(a.message ?? '')
    )
    .map(a => ({
      path: a.path,
      line: a.start_line,
      level: a.annotation_level ?? 'failure',
      title: a.title ?? '',
      message: a.message ?? ''
    }))
  const started_at = Date.parse(run.run_started_at ?? run.created_at)
  const updated = Date.parse(run.updated_at)
  return {
    ...base,
    runUrl: run.html_url,
    conclusion: run.conclusion,
    status: run.status ?? 'completed',
    jobs: report.jobs.map(job => ({
      name: job.name,
      conclusion: job.conclusion,
      failedSteps: job.failedSteps
    })),
    failedTests: report.record?.failedTests ?? [],
    problems: report.record?.problems ?? [],
    annotations,
    logTail: report.logTail,
    durationMs:
      Number.isFinite(started_at) && Number.isFinite(updated)
        ? Math.max(0, updated - started_at)
        : Math.max(0, clock.now() - started)
  }
}

/** The action's `operation: dispatch` outputs (`run-id`, `run-url`, `conclusion`) from dispatch()'s result. */
export function dispatchActionOutputs(
  output: DispatchOutput
): Record<'run-id' | 'run-url' | 'conclusion', string> {
  return { 'run-id': String(output.runId), 'run-url': output.runUrl, conclusion: output.conclusion ?? '' }
}
