/**
 * Workflow runs on GitHub Actions, as self-heal uses them: dispatch a workflow on a ref and know which run is
 * ours, wait cheaply, cancel, and bring back what happened (jobs, failed steps, annotations, log tails, the
 * runner workflow's record). Shared by the remote ExecutionAdapter and `self-heal dispatch`.
 *
 * Waiting costs little: after the dispatch, the waiter polls the list of *completed* runs of the workflow on the
 * branch with `If-None-Match`, so every poll until a run completes is a 304 (free against the rate limit), with
 * delays growing from ~2 s to 30 s and obeying `retry-after` and `x-poll-interval`. A waiter that reports
 * progress also reads the run itself at each poll (a conditional GET too, so free while nothing changes), to say
 * where the run is.
 */
import { randomUUID } from 'node:crypto'
import type { GitHubOctokit } from '../../github/client.js'
import { errorStatus, isRequestError, mapGitHubError } from '../../github/errors.js'
import {
  ConfigurationError,
  InvalidInputError,
  PermissionError,
  RefNotFoundError,
  SelfHealError
} from '../../errors.js'
import { parseCheckRecord, type CheckRecord } from '../../commands/check-report.js'
import { realClock, type Clock } from './clock.js'

/** A workflow run, in the fields self-heal reads. */
export interface WorkflowRun {
  id: number
  name?: string | null
  display_title?: string
  status: string | null
  conclusion: string | null
  head_branch: string | null
  head_sha: string
  html_url: string
  url: string
  created_at: string
  updated_at: string
  run_started_at?: string
}

/** A job of a run, in the fields self-heal reads. */
export interface WorkflowJob {
  id: number
  name: string
  status: string
  conclusion: string | null
  check_run_url: string
  started_at?: string | null
  completed_at?: string | null
  steps?: Array<{ name: string; number: number; status: string; conclusion: string | null }>
}

/** A check-run annotation. */
export interface RunAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column: number | null
  end_column: number | null
  annotation_level: string | null
  title: string | null
  message: string | null
  raw_details: string | null
}

/** Everything brought back about a completed run. */
export interface RunReport {
  /** The run. */
  run: WorkflowRun
  /** Its jobs, with their failed steps. */
  jobs: Array<{ id: number; name: string; conclusion: string | null; failedSteps: string[] }>
  /** Annotations of the failed jobs' check runs. */
  annotations: RunAnnotation[]
  /** The runner workflow's record, when the run carried one for the correlation id. */
  record?: CheckRecord
  /** The last lines of the failed jobs' logs (timestamps removed). */
  logTail: string
  /** The output of the last step of the first failed job, else of the first job (timestamps and runner lines removed). */
  output: string
}

/** How polling behaves. */
export interface PollSettings {
  /** First delay (default 2000 ms). */
  initialMs: number
  /** Largest delay (default 30 000 ms). */
  maxMs: number
  /** Growth factor per unchanged poll (default 1.5). */
  factor: number
}

/** Settings of WorkflowRuns. */
export interface WorkflowRunsSettings {
  /** An Octokit (from createGitHubClient). */
  octokit: GitHubOctokit
  /** Repository owner. */
  owner: string
  /** Repository name. */
  repo: string
  /** Clock for polling and timeouts (default: real time). */
  clock?: Clock
  /** Poll delays. */
  poll?: Partial<PollSettings>
  /** Progress messages (stderr in the CLI, core.info in the action). */
  log?: (message: string) => void
  /** Called while waiting for a run: at the start, then every `progressEveryMs`. */
  onProgress?: (progress: RunProgress) => void
  /** How often onProgress is called, in ms of the clock's time (default 5000). */
  progressEveryMs?: number
}

/** Where a run being waited for is. */
export interface RunProgress {
  /** The run id. */
  runId: number
  /** The run's status as last read (`queued` until the first read). */
  status: string
  /** The run's web page, when known. */
  url?: string
  /** How long the wait has lasted, in ms of the clock's time. */
  elapsedMs: number
}

/** A dispatch that happened. */
export interface Dispatched {
  /** The run id. */
  runId: number
  /** The run's web URL, when known. */
  htmlUrl?: string
  /** The ref dispatched on (a branch or tag name, or the temporary branch for a SHA). */
  ref: string
  /** The branch or tag name runs show as `head_branch` (the ref without `refs/heads/` or `refs/tags/`). */
  branch: string
  /** The temporary branch made for a SHA, to delete when the run is done. */
  temporaryBranch?: string
  /** Whether the run id came back from the dispatch (false: found by the correlation id). */
  idFromResponse: boolean
  /** The clock's time just before the dispatch. */
  dispatchedAt: number
}

/** The statuses that mean the run has not finished. */
export const PENDING_STATUSES = ['queued', 'waiting', 'pending', 'requested', 'in_progress'] as const

/** GitHub's message when a workflow cannot be dispatched. */
export const NO_DISPATCH_TRIGGER = "does not have 'workflow_dispatch' trigger"
/** GitHub Enterprise Server's message for a body key it does not know. */
export const NOT_PERMITTED_KEY = 'is not a permitted key'

const SHA = /^[0-9a-f]{40}$/i
const TAIL_LINES = 120
const FIND_RUN_TIMEOUT_MS = 180_000

/** Makes a correlation id: short, unique, safe in run names, branch names and log lines. */
export function newCorrelationId(): string {
  return `sh-${randomUUID().replace(/-/g, '').slice(0, 16)}`
}

/** Talks to the Actions API for one repository. */
export class WorkflowRuns {
  private readonly octokit: GitHubOctokit
  private readonly owner: string
  private readonly repo: string
  private readonly clock: Clock
  private readonly poll: PollSettings
  private readonly log: (message: string) => void
  private readonly onProgress?: (progress: RunProgress) => void
  private readonly progressEveryMs: number
  // Learned once per instance: a GHES that refuses `return_run_details` is not asked again.
  private runDetailsSupported = true
  private defaultBranchName?: string

  constructor(settings: WorkflowRunsSettings) {
    this.octokit = settings.octokit
    this.owner = settings.owner
    this.repo = settings.repo
    this.clock = settings.clock ?? realClock
    this.poll = { initialMs: 2000, maxMs: 30_000, factor: 1.5, ...settings.poll }
    this.log = settings.log ?? (() => undefined)
    this.onProgress = settings.onProgress
    this.progressEveryMs = settings.progressEveryMs ?? 5000
  }

  private get repository(): string {
    return `${this.owner}/${this.repo}`
  }

  /** The repository's default branch (one request, remembered). */
  async defaultBranch(): Promise<string> {
    if (!this.defaultBranchName) {
      try {
        const { data } = await this.octokit.request('GET /repos/{owner}/{repo}', {
          owner: this.owner,
          repo: this.repo
        })
        this.defaultBranchName = data.default_branch
      } catch (error) {
        throw mapGitHubError(error, { action: 'reading the repository', repository: this.repository })
      }
    }
    return this.defaultBranchName
  }

  /**
   * Dispatches `workflow` on `ref` and returns the run id. A SHA is dispatched through a temporary branch
   * (GitHub dispatches only on branches and tags); `refs/pull/N/merge` and other refs GitHub refuses are refused
   * here with a clear error. The run id comes from `return_run_details`; where the server refuses that key
   * (GHES before 3.21) or answers 204, the run is found by the correlation id in its run name.
   */
  async dispatch(options: {
    workflow: string
    ref?: string
    inputs: Record<string, string>
    correlationId: string
  }): Promise<Dispatched> {
    const workflow = checkWorkflowName(options.workflow)
    let ref = options.ref?.trim() || (await this.defaultBranch())
    let temporaryBranch: string | undefined
    if (/^refs\/pull\//.test(ref)) {
      throw new InvalidInputError(
        `Cannot dispatch a workflow on '${ref}': GitHub dispatches workflows only on branches and tags, not on ` +
          'pull request refs. Dispatch on the pull request head branch instead (or a SHA, which self-heal ' +
          'dispatches through a temporary branch).'
      )
    }
    if (ref.startsWith('-') || /[\s\0~^:?*[\\]/.test(ref) || ref.includes('..')) {
      throw new InvalidInputError(`'${ref}' is not a valid ref name: use a branch, a tag or a commit SHA.`)
    }
    if (SHA.test(ref)) {
      temporaryBranch = `self-heal/dispatch/${options.correlationId}`
      await this.createBranch(temporaryBranch, ref.toLowerCase())
      ref = temporaryBranch
    }
    const dispatchedAt = this.clock.now()
    const branch = ref.replace(/^refs\/(heads|tags)\//, '')
    try {
      const body = { ref, inputs: options.inputs }
      let response: { status: number; data: unknown; headers: Record<string, unknown> } | undefined
      if (this.runDetailsSupported) {
        try {
          response = await this.postDispatch(workflow, { ...body, return_run_details: true })
        } catch (error) {
          if (!isNotPermittedKey(error)) throw error
          this.runDetailsSupported = false
          this.log('This GitHub does not support return_run_details: finding the run by its correlation id.')
        }
      }
      response ??= await this.postDispatch(workflow, body)
      const details =
        response.status === 200 ? (response.data as { workflow_run_id?: number; html_url?: string }) : {}
      if (details.workflow_run_id) {
        return {
          runId: Number(details.workflow_run_id),
          htmlUrl: details.html_url,
          ref,
          branch,
          temporaryBranch,
          idFromResponse: true,
          dispatchedAt
        }
      }
      const serverDate = Date.parse(String(response.headers.date ?? ''))
      const runId = await this.findRunByCorrelation({
        workflow,
        branch,
        correlationId: options.correlationId,
        since: Math.min(dispatchedAt, Number.isNaN(serverDate) ? dispatchedAt : serverDate)
      })
      return { runId, ref, branch, temporaryBranch, idFromResponse: false, dispatchedAt }
    } catch (error) {
      if (temporaryBranch) await this.deleteBranch(temporaryBranch)
      throw this.dispatchError(error, workflow, ref)
    }
  }

  /**
   * Whether `workflow` (a file name or id) can run: GitHub knows it and its file is on the default branch (a
   * deleted file leaves the workflow, in state `deleted`).
   */
  async workflowExists(workflow: string): Promise<boolean> {
    try {
      const { data } = await this.octokit.request(
        'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}',
        {
          owner: this.owner,
          repo: this.repo,
          workflow_id: workflow
        }
      )
      return (data as { state?: string }).state !== 'deleted'
    } catch (error) {
      if (errorStatus(error) === 404) return false
      throw error
    }
  }

  private async postDispatch(
    workflow: string,
    body: Record<string, unknown>
  ): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }> {
    const response = await this.octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        owner: this.owner,
        repo: this.repo,
        workflow_id: workflow,
        ...(body as { ref: string })
      }
    )
    return {
      status: response.status,
      data: response.data,
      headers: response.headers as Record<string, unknown>
    }
  }

  private dispatchError(error: unknown, workflow: string, ref: string): Error {
    if (error instanceof SelfHealError) return error
    const status = errorStatus(error)
    const message = isRequestError(error) ? apiMessage(error) : String(error)
    if (status === 422 && message.includes(NO_DISPATCH_TRIGGER)) {
      return new ConfigurationError(
        `Workflow '${workflow}' cannot be dispatched on '${ref}': it has no \`on: workflow_dispatch\` trigger there. ` +
          `Add \`workflow_dispatch:\` to its \`on:\` section and commit it to the default branch (GitHub only ` +
          `dispatches workflows whose file on the default branch has that trigger) and to '${ref}'.`,
        { cause: error }
      )
    }
    if ((status === 422 || status === 404) && /No ref found/i.test(message)) {
      return new RefNotFoundError(
        ref,
        `no branch or tag '${ref}' in ${this.repository}: push it first, or pass an existing branch, tag or SHA.`
      )
    }
    if (
      status === 422 &&
      /Unexpected inputs|Required input|not in the list of allowed|input/i.test(message)
    ) {
      return new InvalidInputError(
        `Workflow '${workflow}' refused the inputs: ${message}. Pass only the inputs its \`workflow_dispatch\` declares.`,
        {
          cause: error
        }
      )
    }
    if (status === 404) {
      return new ConfigurationError(
        `Workflow '${workflow}' was not found in ${this.repository} (404): check the file name (e.g. self-heal-run.yml) ` +
          'and that the file is on the default branch under .github/workflows/ — and that the token can see the repository.',
        { cause: error }
      )
    }
    if (status === 403 && !/rate limit/i.test(message)) {
      return new PermissionError(
        `GitHub refused to dispatch '${workflow}' on ${this.repository} (403 ${message}): the token needs ` +
          '`permissions: actions: write` (a fine-grained token: "Actions: Read and write").',
        { cause: error }
      )
    }
    return mapGitHubError(error, {
      action: `dispatching '${workflow}'`,
      permission: 'actions',
      write: true,
      repository: this.repository
    })
  }

  /** Finds the run whose name carries the correlation id; polls with ETags until it appears. */
  async findRunByCorrelation(options: {
    workflow: string
    branch: string
    correlationId: string
    since: number
    timeoutMs?: number
  }): Promise<number> {
    const deadline = this.clock.now() + (options.timeoutMs ?? FIND_RUN_TIMEOUT_MS)
    // A wide margin: the server's clock and ours may differ; the correlation id, not the time, decides.
    const created = `>=${isoSeconds(options.since - 15 * 60_000)}`
    let etag: string | undefined
    let delay = Math.min(1000, this.poll.initialMs)
    for (;;) {
      const polled = await this.conditionalGet<{ workflow_runs: WorkflowRun[] }>(
        'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
        {
          workflow_id: options.workflow,
          event: 'workflow_dispatch',
          branch: options.branch,
          created,
          per_page: 100
        },
        etag
      )
      etag = polled.etag ?? etag
      const found = polled.data?.workflow_runs.find(run =>
        `${run.display_title ?? ''} ${run.name ?? ''}`.includes(options.correlationId)
      )
      if (found) return found.id
      const now = this.clock.now()
      if (now >= deadline) {
        throw new SelfHealError(
          `The run dispatched with correlation id ${options.correlationId} did not appear within ` +
            `${Math.round((options.timeoutMs ?? FIND_RUN_TIMEOUT_MS) / 1000)} s: the workflow's \`run-name\` must ` +
            'contain `${{ inputs.correlation-id }}` (as self-heal-run.yml does) so the run can be told apart from others.'
        )
      }
      await this.clock.sleep(Math.min(Math.max(delay, polled.minDelayMs), deadline - now))
      delay = Math.min(this.poll.maxMs, delay * this.poll.factor)
    }
  }

  /**
   * Waits until the run completes or `deadline` (clock time) passes. Returns the completed run, or undefined on
   * timeout. Polls the completed runs of the branch (see the module comment); a direct conditional GET of the run
   * every few minutes guards against a run that is never listed (e.g. deleted).
   */
  async waitForCompletion(options: {
    runId: number
    branch?: string
    deadline: number
    /** The run's web page, when known, for onProgress. */
    url?: string
  }): Promise<WorkflowRun | undefined> {
    let listEtag: string | undefined
    let runEtag: string | undefined
    let delay = this.poll.initialMs
    let lastDirect = this.clock.now()
    const directEveryMs = 5 * 60_000
    const byList = options.branch !== undefined
    const progress: RunProgress = { runId: options.runId, status: 'queued', url: options.url, elapsedMs: 0 }
    const started = this.clock.now()
    let nextReport = started
    // Sleeps `ms`, reporting progress on time along the way.
    const sleep = async (ms: number) => {
      const end = this.clock.now() + ms
      while (this.onProgress && nextReport <= end) {
        await this.clock.sleep(Math.max(0, nextReport - this.clock.now()))
        this.onProgress({ ...progress, elapsedMs: this.clock.now() - started })
        nextReport = this.clock.now() + this.progressEveryMs
      }
      await this.clock.sleep(Math.max(0, end - this.clock.now()))
    }
    for (;;) {
      const now = this.clock.now()
      if (now >= options.deadline) return undefined
      await sleep(Math.min(delay, options.deadline - now))
      let minDelay = 0
      if (byList) {
        const polled = await this.conditionalGet<{ workflow_runs: WorkflowRun[] }>(
          'GET /repos/{owner}/{repo}/actions/runs',
          // No `created` filter: newest first, a run that just completed is on the first page.
          { event: 'workflow_dispatch', branch: options.branch, status: 'completed', per_page: 100 },
          listEtag
        )
        listEtag = polled.etag ?? listEtag
        minDelay = polled.minDelayMs
        const done = polled.data?.workflow_runs.find(run => run.id === options.runId)
        if (done) return done
      }
      if (!byList || this.onProgress || this.clock.now() - lastDirect >= directEveryMs) {
        lastDirect = this.clock.now()
        const polled = await this.conditionalGet<WorkflowRun>(
          'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
          { run_id: options.runId },
          runEtag
        )
        runEtag = polled.etag ?? runEtag
        minDelay = Math.max(minDelay, polled.minDelayMs)
        if (polled.data) {
          progress.status = polled.data.status ?? progress.status
          progress.url = polled.data.html_url
        }
        if (polled.data && isCompleted(polled.data)) return polled.data
      }
      delay = Math.max(Math.min(this.poll.maxMs, delay * this.poll.factor), minDelay)
    }
  }

  // A GET with If-None-Match: a 304 leaves `data` undefined. `minDelayMs` honours retry-after and x-poll-interval.
  private async conditionalGet<T>(
    route: string,
    params: Record<string, unknown>,
    etag: string | undefined
  ): Promise<{ data?: T; etag?: string; minDelayMs: number }> {
    try {
      const response = await this.octokit.request(route, {
        owner: this.owner,
        repo: this.repo,
        ...params,
        headers: etag ? { 'if-none-match': etag } : {}
      })
      const headers = response.headers as Record<string, unknown>
      return {
        data: response.data as T,
        etag: headers.etag as string | undefined,
        minDelayMs: pollHint(headers)
      }
    } catch (error) {
      if (errorStatus(error) === 304) {
        const headers = ((error as { response?: { headers?: Record<string, unknown> } }).response?.headers ??
          {}) as Record<string, unknown>
        return { etag: (headers.etag as string | undefined) ?? etag, minDelayMs: pollHint(headers) }
      }
      throw mapGitHubError(error, {
        action: 'reading workflow runs',
        permission: 'actions',
        repository: this.repository
      })
    }
  }

  /** Reads a run. */
  async getRun(runId: number): Promise<WorkflowRun> {
    try {
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        owner: this.owner,
        repo: this.repo,
        run_id: runId
      })
      return data as WorkflowRun
    } catch (error) {
      throw mapGitHubError(error, {
        action: `reading run ${runId}`,
        permission: 'actions',
        repository: this.repository
      })
    }
  }

  /** Cancels a run; 409 (it completed meanwhile) is not an error. Returns what happened. */
  async cancel(runId: number): Promise<'cancelled' | 'already-completed'> {
    try {
      await this.octokit.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', {
        owner: this.owner,
        repo: this.repo,
        run_id: runId
      })
      return 'cancelled'
    } catch (error) {
      if (errorStatus(error) === 409) return 'already-completed'
      throw mapGitHubError(error, {
        action: `cancelling run ${runId}`,
        permission: 'actions',
        write: true,
        repository: this.repository
      })
    }
  }

  /**
   * After cancelling: waits briefly (up to `graceMs`) for the run to show as completed, so the caller can read
   * whatever it produced; returns the last state read.
   */
  async settleAfterCancel(runId: number, graceMs = 30_000): Promise<WorkflowRun> {
    const deadline = this.clock.now() + graceMs
    let delay = 1000
    for (;;) {
      const run = await this.getRun(runId)
      if (isCompleted(run) || this.clock.now() >= deadline) return run
      await this.clock.sleep(Math.min(delay, Math.max(0, deadline - this.clock.now())))
      delay = Math.min(delay * 2, 10_000)
    }
  }

  /**
   * Brings back what a completed run did: jobs and failed steps, the failed jobs' annotations and log tails,
   * and the runner workflow's record for `correlationId`. Logs are fetched at once: their links expire quickly.
   */
  async report(run: WorkflowRun, correlationId?: string, tailLines = TAIL_LINES): Promise<RunReport> {
    const action = `reading the jobs of run ${run.id}`
    let jobs: WorkflowJob[]
    try {
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
        owner: this.owner,
        repo: this.repo,
        run_id: run.id,
        filter: 'latest',
        per_page: 100
      })
      jobs = (data as { jobs: WorkflowJob[] }).jobs
    } catch (error) {
      throw mapGitHubError(error, { action, permission: 'actions', repository: this.repository })
    }
    const failed = (job: WorkflowJob): boolean =>
      job.conclusion !== null && !['success', 'skipped', 'neutral'].includes(job.conclusion)
    const logs = new Map<number, string>()
    // The record may be in any job's log; failed jobs' logs are needed for their tails. Ten jobs at most.
    for (const job of jobs.slice(0, 10)) {
      if (correlationId || failed(job)) {
        const text = await this.jobLog(job.id)
        if (text !== undefined) logs.set(job.id, text)
      }
    }
    let record: CheckRecord | undefined
    if (correlationId) {
      for (const text of logs.values()) record = parseCheckRecord(text, correlationId) ?? record
    }
    const annotations: RunAnnotation[] = []
    for (const job of jobs.filter(failed).slice(0, 10)) annotations.push(...(await this.annotations(job)))
    const tails = jobs
      .filter(job => failed(job) && logs.has(job.id))
      .map(job => {
        const lines = stripLog(logs.get(job.id)!).filter(line => !line.includes('self-heal-result/v1 '))
        return `--- ${job.name} ---\n${lines.slice(-tailLines).join('\n')}`
      })
    // The failed job's output is what a fallback reads (the runner workflow has one job).
    const first = jobs.find(job => failed(job) && logs.has(job.id)) ?? jobs[0]
    const firstLog = first ? logs.get(first.id) : undefined
    return {
      run,
      jobs: jobs.map(job => ({
        id: job.id,
        name: job.name,
        conclusion: job.conclusion,
        failedSteps: (job.steps ?? [])
          .filter(step => step.conclusion === 'failure' || step.conclusion === 'cancelled')
          .map(step => step.name)
      })),
      annotations,
      record,
      logTail: tails.join('\n'),
      output: firstLog === undefined ? '' : commandOutput(firstLog)
    }
  }

  private async jobLog(jobId: number): Promise<string | undefined> {
    try {
      const response = await this.octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
        owner: this.owner,
        repo: this.repo,
        job_id: jobId
      })
      const data = response.data as unknown
      if (typeof data === 'string') return data
      if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
      return data === undefined || data === null ? undefined : String(data)
    } catch (error) {
      // Logs can be gone (410) or not yet available (404): a report without them is still a report.
      if (errorStatus(error) === 404 || errorStatus(error) === 410) return undefined
      throw mapGitHubError(error, {
        action: `downloading the log of job ${jobId}`,
        permission: 'actions',
        repository: this.repository
      })
    }
  }

  private async annotations(job: WorkflowJob): Promise<RunAnnotation[]> {
    const checkRunId = Number(job.check_run_url.slice(job.check_run_url.lastIndexOf('/') + 1)) || job.id
    const all: RunAnnotation[] = []
    try {
      for (let page = 1; page <= 10; page++) {
        const { data } = await this.octokit.request(
          'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
          {
            owner: this.owner,
            repo: this.repo,
            check_run_id: checkRunId,
            per_page: 50,
            page
          }
        )
        all.push(...(data as RunAnnotation[]))
        if ((data as unknown[]).length < 50) break
      }
    } catch (error) {
      // Annotations need `checks: read`; without it the report still has the record and the logs.
      if (errorStatus(error) === 403 || errorStatus(error) === 404) {
        this.log(
          `Could not read the annotations of job ${job.id} (${errorStatus(error)}): grant \`checks: read\` to see them.`
        )
        return all
      }
      throw mapGitHubError(error, {
        action: `reading annotations of job ${job.id}`,
        permission: 'checks',
        repository: this.repository
      })
    }
    return all
  }

  /** Creates a branch at a commit (for dispatching on a SHA). */
  async createBranch(branch: string, sha: string): Promise<void> {
    try {
      await this.octokit.request('POST /repos/{owner}/{repo}/git/refs', {
        owner: this.owner,
        repo: this.repo,
        ref: `refs/heads/${branch}`,
        sha
      })
    } catch (error) {
      if (errorStatus(error) === 422) {
        throw new RefNotFoundError(
          sha,
          `cannot make a branch at commit ${sha} in ${this.repository}: the commit does not exist there (push it first).`
        )
      }
      throw mapGitHubError(error, {
        action: `creating the temporary branch ${branch} to dispatch on a commit`,
        permission: 'contents',
        write: true,
        repository: this.repository
      })
    }
  }

  /** Deletes a branch; a branch already gone is fine, other failures are logged, never thrown (cleanup). */
  async deleteBranch(branch: string): Promise<void> {
    try {
      await this.octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`
      })
    } catch (error) {
      if (errorStatus(error) !== 404 && errorStatus(error) !== 422) {
        this.log(`Could not delete the temporary branch ${branch}: ${(error as Error).message}`)
      }
    }
  }
}

/** Whether a run has finished (any status other than the pending ones). */
export function isCompleted(run: Pick<WorkflowRun, 'status'>): boolean {
  return (
    run.status === 'completed' ||
    (run.status !== null && !(PENDING_STATUSES as readonly string[]).includes(run.status))
  )
}

/** Removes the runner's timestamps from log lines. */
export function stripLog(log: string): string[] {
  return log
    .replace(/\r\n/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map(line => line.replace(/^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/, ''))
}

// The lines a command printed: between the step's `##[group]Run …`/`##[endgroup]` header and the next step,
// leaving out runner lines (`##[…]`) and workflow commands.
function commandOutput(log: string): string {
  const lines = stripLog(log)
  const out: string[] = []
  let inRun = false
  let inHeader = false
  for (const line of lines) {
    if (line.startsWith('##[group]Run ')) {
      inRun = !/^##\[group\]Run actions\/checkout/.test(line)
      inHeader = true
      out.length = 0
      continue
    }
    if (line === '##[endgroup]') {
      inHeader = false
      continue
    }
    if (!inRun || inHeader || line.startsWith('##[') || line.startsWith('Cleaning up orphan processes'))
      continue
    if (line.includes('self-heal-result/v1 ')) continue
    out.push(line)
  }
  return out.length ? `${out.join('\n')}\n` : ''
}

function checkWorkflowName(workflow: string): string {
  const name = workflow.trim().replace(/^\.github\/workflows\//, '')
  if (!/^(?:\d+|[A-Za-z0-9._-]+\.ya?ml)$/.test(name)) {
    throw new InvalidInputError(
      `Workflow '${workflow}' is not a workflow file name or id: use the file name in .github/workflows, e.g. self-heal-run.yml.`
    )
  }
  return name
}

function isNotPermittedKey(error: unknown): boolean {
  const status = errorStatus(error)
  return (
    (status === 400 || status === 422) &&
    isRequestError(error) &&
    apiMessage(error).includes(NOT_PERMITTED_KEY)
  )
}

function apiMessage(error: { message: string; response?: { data?: unknown } }): string {
  const data = error.response?.data
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    return (data as { message: string }).message
  }
  return error.message
}

function pollHint(headers: Record<string, unknown>): number {
  const retryAfter = Number(headers['retry-after'])
  const interval = Number(headers['x-poll-interval'])
  return Math.max(
    Number.isFinite(retryAfter) ? retryAfter * 1000 : 0,
    Number.isFinite(interval) ? interval * 1000 : 0
  )
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
