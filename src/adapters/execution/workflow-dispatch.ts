/**
 * The CLOUD ExecutionAdapter: each runCommand / runTests / runBuild / runLint dispatches the runner workflow
 * (`.github/workflows/self-heal-run.yml`) on the ref asked for, waits for that run (identified by a correlation
 * id, never "the newest run"), and returns the same result shapes as the local adapter, read from the record the
 * runner workflow leaves in its log — or, for a workflow that leaves none, from the run's conclusion, log and
 * check-run annotations.
 */
import type {
  BuildResult,
  Command,
  CommandResult,
  ExecutionAdapter,
  FailedTest,
  LintProblem,
  LintResult,
  RunOptions,
  TestResult
} from '../execution.js'
import { hasPassed } from '../verdict.js'
import { InvalidInputError } from '../../errors.js'
import { normalizeRepoPath } from '../../paths.js'
import { readBuildProblems, readLintResults, readTestResults } from '../../reports/index.js'
import type { CheckKind, CheckResult } from '../../commands/check.js'
import type { FixRecord, FixRequest } from '../../heal/remote-fix.js'
import type { CheckRecord } from '../../commands/check-report.js'
import {
  WorkflowRuns,
  isCompleted,
  newCorrelationId,
  type RunAnnotation,
  type RunReport,
  type WorkflowRunsSettings
} from './workflow-runs.js'

/** The runner workflow shipped with self-heal. */
export const RUNNER_WORKFLOW = 'self-heal-run.yml'

/** Settings of the remote adapter. */
export interface GitHubActionsExecutionSettings extends WorkflowRunsSettings {
  /** The runner workflow's file name (default `self-heal-run.yml`). */
  workflow?: string
  /** The ref runs use when RunOptions.ref is not given (default: the repository's default branch). */
  ref?: string
  /** Timeout of a command when RunOptions.timeoutSeconds is not given (default 3600). */
  defaultTimeoutSeconds?: number
  /**
   * Time allowed on top of the command's timeout for the run to be queued, start and check out (default 600):
   * past it the run is cancelled and the result says `timedOut`.
   */
  startupAllowanceSeconds?: number
  /** Cancel a run that outlives its deadline (default true). */
  cancelOnTimeout?: boolean
  /** Called after each run with where it is (for summaries and logs: results do not carry run URLs). */
  onRun?: (run: RemoteRunInfo) => void
}

/** Where a command ran remotely. */
export interface RemoteRunInfo {
  /** The run id. */
  runId: number
  /** The run's web page. */
  runUrl: string
  /** The run's conclusion (null when it could not be read after a cancel). */
  conclusion: string | null
  /** The kind of check. */
  kind: CheckKind
  /** The correlation id sent with the dispatch. */
  correlationId: string
  /** Whether the adapter's deadline passed and the run was cancelled. */
  timedOut: boolean
}

const MAX_INPUT_CHARS = 60_000

/** Runs commands as workflow runs on GitHub Actions. */
export class GitHubActionsExecutionAdapter implements ExecutionAdapter {
  /** Implementation name for `self-heal env`. */
  readonly kind = 'workflow-dispatch'
  /** The API helper (exposed for `self-heal dispatch` and tests). */
  readonly runs: WorkflowRuns
  private readonly settings: GitHubActionsExecutionSettings

  constructor(settings: GitHubActionsExecutionSettings) {
    this.settings = settings
    this.runs = new WorkflowRuns(settings)
  }

  /** Runs a command in a workflow run. */
  async runCommand(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    return (await this.check('command', command, options)).result
  }

  /** Runs tests in a workflow run; failed tests come from the run's record or its annotations. */
  async runTests(command: Command, options: RunOptions = {}): Promise<TestResult> {
    return toTestResult(await this.check('test', command, options))
  }

  /** Runs a build in a workflow run; diagnostics come from the run's record or its annotations. */
  async runBuild(command: Command, options: RunOptions = {}): Promise<BuildResult> {
    return toBuildResult(await this.check('build', command, options))
  }

  /** Runs lint in a workflow run; problems come from the run's record or its annotations. */
  async runLint(command: Command, options: RunOptions = {}): Promise<LintResult> {
    return toLintResult(await this.check('lint', command, options))
  }

  /**
   * Runs the runner workflow's `operation: fix` on `ref`: the check, and when it fails the fixers, on a checkout
   * there. Returns the first check's result, what the fixers made (undefined when the run left no record: a
   * runner workflow without the `operation` and `request` inputs, or a run that did not finish), and the commit
   * the run checked out, which the fix was made against.
   */
  async runFix(
    request: FixRequest,
    options: Pick<RunOptions, 'ref'> = {}
  ): Promise<{ result: CheckResult; fix?: FixRecord; sha?: string }> {
    const correlationId = newCorrelationId()
    const check = request.checkOptions?.timeoutSeconds ?? this.settings.defaultTimeoutSeconds ?? 3600
    // Every run of the check (the first, the re-runs, one per verification) and every fixer may take its whole time.
    const timeoutSeconds =
      check * (1 + (request.reruns ?? 1) + (request.maxAttempts ?? 5)) +
      request.fixers.length * (request.fixerTimeoutSeconds ?? 600)
    const inputs: Record<string, string> = {
      operation: 'fix',
      kind: request.kind,
      'correlation-id': correlationId,
      request: JSON.stringify(request)
    }
    if (inputs.request.length > MAX_INPUT_CHARS) {
      throw new InvalidInputError(
        `The heal options take ${inputs.request.length} characters as JSON; a workflow dispatch carries at most ` +
          `${MAX_INPUT_CHARS}: shorten the policy or the fixer commands (put long ones in a script in the repository).`
      )
    }
    const executed = await this.execute(request.kind, inputs, correlationId, timeoutSeconds, options.ref)
    const shape = {
      command: (e: Executed) => e.result,
      test: toTestResult,
      build: toBuildResult,
      lint: toLintResult
    }
    return { result: await shape[request.kind](executed), fix: executed.record?.fix, sha: executed.sha }
  }

  /**
   * Reads a completed run of any workflow (a CI run that failed) as the result of a `kind` check, running nothing:
   * from its failed jobs' annotations, else from the output of the failed job's last step.
   */
  async readRun(kind: CheckKind, runId: number): Promise<FailedRun> {
    const run = await this.runs.getRun(runId)
    if (!isCompleted(run)) {
      throw new InvalidInputError(
        `Run ${runId} has not completed (it is ${run.status}): heal it once it has, e.g. from a workflow on \`workflow_run\` \`types: [completed]\`.`
      )
    }
    return {
      runId: run.id,
      url: run.html_url,
      conclusion: run.conclusion,
      branch: run.head_branch,
      sha: run.head_sha,
      result: await resultFromReport(kind, await this.runs.report(run))
    }
  }

  private check(kind: CheckKind, command: Command, options: RunOptions): Promise<Executed> {
    const correlationId = newCorrelationId()
    const timeoutSeconds = options.timeoutSeconds ?? this.settings.defaultTimeoutSeconds ?? 3600
    const inputs = runnerInputs(kind, command, options, correlationId, timeoutSeconds)
    return this.execute(kind, inputs, correlationId, timeoutSeconds, options.ref)
  }

  private async execute(
    kind: CheckKind,
    inputs: Record<string, string>,
    correlationId: string,
    timeoutSeconds: number,
    ref: string | undefined
  ): Promise<Executed> {
    const clock = this.settings.clock ?? { now: () => Date.now() }
    const started = clock.now()
    const dispatched = await this.runs.dispatch({
      workflow: this.settings.workflow ?? RUNNER_WORKFLOW,
      ref: ref ?? this.settings.ref,
      inputs,
      correlationId
    })
    try {
      const deadline = started + (timeoutSeconds + (this.settings.startupAllowanceSeconds ?? 600)) * 1000
      let run = await this.runs.waitForCompletion({
        runId: dispatched.runId,
        branch: dispatched.branch,
        deadline,
        url: dispatched.htmlUrl
      })
      let timedOut = false
      if (!run) {
        timedOut = true
        if (this.settings.cancelOnTimeout !== false) await this.runs.cancel(dispatched.runId)
        run = await this.runs.settleAfterCancel(dispatched.runId, 15_000)
      }
      const report = isCompleted(run) ? await this.runs.report(run, correlationId) : undefined
      this.settings.onRun?.({
        runId: run.id,
        runUrl: run.html_url,
        conclusion: run.conclusion,
        kind,
        correlationId,
        timedOut
      })
      const record = report?.record
      const durationMs = record?.durationMs ?? Math.max(0, clock.now() - started)
      if (record) {
        const result: CommandResult = {
          exitCode: record.exitCode,
          stdout: record.stdout,
          stderr: record.stderr,
          durationMs,
          timedOut: record.timedOut || timedOut
        }
        return {
          result: timedOut && result.exitCode === 0 ? { ...result, exitCode: 124 } : result,
          record,
          report,
          sha: run.head_sha
        }
      }
      const conclusion = run.conclusion
      const exitCode = timedOut ? 124 : conclusionExitCode(conclusion, report)
      const note = timedOut
        ? `Run ${run.id} did not finish within ${timeoutSeconds} s (plus the startup allowance) and was cancelled: ${run.html_url}\n`
        : exitCode !== 0
          ? `Run ${run.id} concluded ${conclusion}: ${run.html_url}\n${report?.logTail ?? ''}\n`
          : ''
      return {
        result: {
          exitCode,
          stdout: report?.output ?? '',
          stderr: note,
          durationMs,
          timedOut: timedOut || conclusion === 'timed_out'
        },
        report,
        sha: run.head_sha
      }
    } finally {
      if (dispatched.temporaryBranch) await this.runs.deleteBranch(dispatched.temporaryBranch)
    }
  }
}

/** A completed run read as a check's result. */
export interface FailedRun {
  runId: number
  url: string
  conclusion: string | null
  /** The branch it ran on (null for a run on a tag or a detached commit). */
  branch: string | null
  sha: string
  result: CheckResult
}

/**
 * A run's report as the result of a `kind` check: the exit code from its conclusion (or the "Process completed
 * with exit code N." annotation), failed tests and problems from its annotations, else parsed from the output of
 * the failed step. Only what the check printed is kept: no run id or URL, which would change every fingerprint.
 */
export async function resultFromReport(kind: CheckKind, report: RunReport): Promise<CheckResult> {
  const conclusion = report.run.conclusion
  const executed: Executed = {
    result: {
      exitCode: conclusionExitCode(conclusion, report),
      stdout: report.output,
      stderr: '',
      durationMs: 0,
      timedOut: conclusion === 'timed_out'
    },
    report
  }
  return kind === 'command'
    ? executed.result
    : { test: toTestResult, build: toBuildResult, lint: toLintResult }[kind](executed)
}

/** What one run brought back: the command's result, the runner's record and the run's report when there are. */
interface Executed {
  result: CommandResult
  record?: CheckRecord
  report?: RunReport
  /** The commit the run checked out. */
  sha?: string
}

async function toTestResult({ result, record, report }: Executed): Promise<TestResult> {
  if (record?.failedTests) {
    return {
      ...result,
      passed: hasPassed(result),
      source: (record.source as TestResult['source']) ?? 'none',
      failedTests: record.failedTests,
      ...(record.counts ? { counts: record.counts } : {})
    }
  }
  // No record (a workflow without self-heal's check step): annotations first, then the printed output.
  const fromAnnotations = report ? testsFromAnnotations(report.annotations) : []
  const detail = fromAnnotations.length
    ? { source: 'junit' as const, failedTests: fromAnnotations }
    : await readTestResults({ stdout: result.stdout, stderr: '' })
  return {
    ...result,
    passed: hasPassed(result),
    source: detail.source,
    failedTests: detail.failedTests,
    ...(detail.counts ? { counts: detail.counts } : {})
  }
}

function toBuildResult({ result, record, report }: Executed): BuildResult {
  const fromAnnotations = report ? problemsFromAnnotations(report.annotations) : []
  const problems =
    record?.problems ??
    (fromAnnotations.length ? fromAnnotations : readBuildProblems({ stdout: result.stdout, stderr: '' }))
  return { ...result, passed: hasPassed(result), problems }
}

function toLintResult({ result, record, report }: Executed): LintResult {
  if (record?.problems) {
    return {
      ...result,
      passed: hasPassed(result),
      source: (record.source as LintResult['source']) ?? 'none',
      problems: record.problems
    }
  }
  const fromAnnotations = report ? problemsFromAnnotations(report.annotations) : []
  const detail = fromAnnotations.length
    ? { source: 'output' as const, problems: fromAnnotations }
    : readLintResults({ stdout: result.stdout, stderr: '' })
  return {
    ...result,
    passed: hasPassed(result),
    source: detail.source,
    problems: detail.problems
  }
}

/** The runner workflow's inputs for one command. Values are visible in the run: never pass secrets in `env`. */
export function runnerInputs(
  kind: CheckKind,
  command: Command,
  options: RunOptions,
  correlationId: string,
  timeoutSeconds: number
): Record<string, string> {
  const inputs: Record<string, string> = {
    kind,
    'correlation-id': correlationId,
    timeout: String(timeoutSeconds)
  }
  if (typeof command === 'string') {
    if (!command.trim()) throw new InvalidInputError('The command is empty: give a command to run.')
    inputs.command = command
  } else {
    if (command.length === 0 || command.some(part => typeof part !== 'string')) {
      throw new InvalidInputError('The command argv must be a non-empty array of strings.')
    }
    inputs.argv = JSON.stringify(command)
  }
  if (options.cwd && options.cwd !== '.' && options.cwd !== './') {
    if (options.cwd.startsWith('/') || /^[A-Za-z]:/.test(options.cwd)) {
      throw new InvalidInputError(
        `Working directory '${options.cwd}' is absolute: a remote run needs a directory relative to the repository root.`
      )
    }
    inputs['working-directory'] = normalizeRepoPath(options.cwd)
  }
  if (options.reportPath) inputs['report-path'] = normalizeRepoPath(options.reportPath)
  if (options.env && Object.keys(options.env).length) inputs.env = JSON.stringify(options.env)
  const size = Object.values(inputs).reduce((sum, value) => sum + value.length, 0)
  if (size > MAX_INPUT_CHARS) {
    throw new InvalidInputError(
      `The command and its options take ${size} characters; a workflow dispatch carries at most ${MAX_INPUT_CHARS}: ` +
        'put the command in a script in the repository and run that.'
    )
  }
  return inputs
}

// The exit code a run's conclusion stands for: the failed step's own when the run says it, else a shell's.
function conclusionExitCode(conclusion: string | null, report: RunReport | undefined): number {
  if (conclusion === 'success') return 0
  if (conclusion === 'timed_out') return 124
  return exitCodeFrom(report) ?? (conclusion === 'cancelled' ? 130 : 1)
}

function exitCodeFrom(report: RunReport | undefined): number | undefined {
  if (!report) return undefined
  for (const annotation of report.annotations) {
    const match = /Process completed with exit code (\d+)\./.exec(annotation.message ?? '')
    if (match) return Number(match[1])
  }
  const match = /Process completed with exit code (\d+)\./.exec(report.logTail)
  return match ? Number(match[1]) : undefined
}

function isFileAnnotation(annotation: RunAnnotation): boolean {
  return annotation.path !== '.github' && !/^Process completed with exit code/.test(annotation.message ?? '')
}

/** Failed tests from the failure annotations of a run (JUnit reporters, `::error` lines). */
export function testsFromAnnotations(annotations: RunAnnotation[]): FailedTest[] {
  return annotations
    .filter(annotation => isFileAnnotation(annotation) && annotation.annotation_level === 'failure')
    .map(annotation => ({
      name: annotation.title || (annotation.message ?? '').split('\n')[0] || annotation.path,
      file: annotation.path,
      line: annotation.start_line,
      message: annotation.message ?? ''
    }))
}

/** Lint problems from the failure and warning annotations of a run. */
export function problemsFromAnnotations(annotations: RunAnnotation[]): LintProblem[] {
  return annotations
    .filter(annotation => isFileAnnotation(annotation) && annotation.annotation_level !== 'notice')
    .map(annotation => ({
      file: annotation.path,
      line: annotation.start_line,
      ...(annotation.start_column ? { column: annotation.start_column } : {}),
      severity: annotation.annotation_level === 'warning' ? ('warning' as const) : ('error' as const),
      ...(annotation.title ? { rule: annotation.title } : {}),
      message: annotation.message ?? ''
    }))
}
