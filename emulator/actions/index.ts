/**
 * The emulator's GitHub Actions runs plugin: workflows (list, get), workflow dispatch, runs (list with filters,
 * get, cancel), jobs with steps, logs (302 to a short-lived zip or text URL) and check-run annotations, over runs
 * that really execute (see runs.ts). `createActionsPlugin()` returns the plugin for `startEmulator({ plugins })`
 * and a handle tests use to register commands, switch GHES mode and wait for runs to finish.
 */
import { simpleUserAt } from '../objects.js'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { load } from 'js-yaml'
import type {
  EmulatedRepository,
  EmulatorPlugin,
  EmulatorServices,
  PullRequestEvent,
  RawHandler,
  Route,
  RouteReply
} from '../plugin.js'
import type { Annotation } from './annotations.js'
import {
  commitInfo,
  commitOf,
  listWorkflowFiles,
  readFileAt,
  resolveDispatchRef,
  type ResolvedRef
} from './git.js'
import { Runner, type RegisteredCommand, type RunState, type WorkflowRecord } from './runs.js'
import {
  evaluateTemplate,
  evaluateCondition,
  parseWorkflow,
  planSteps,
  type ExpressionContext,
  type WorkflowDefinition
} from './workflow-file.js'
import { createZip } from './zip.js'

export type { RegisteredCommand } from './runs.js'

/** Options of the Actions plugin. Delays are in emulator-clock milliseconds. */
export interface ActionsPluginOptions {
  /**
   * Behave like GitHub Enterprise Server before 3.21: a dispatch body with `return_run_details` is refused with
   * 422 "not a permitted key", and dispatch never returns run details. (Also switched on by a core `ghes` service.)
   */
  ghes?: boolean
  /** How long a run stays queued (default 2000). */
  queueDelayMs?: number
  /** How long after a dispatch a run starts being listed (default 0; GitHub takes a moment). */
  runCreationDelayMs?: number
  /** When set, run, run list and job GETs carry `x-poll-interval` with this many seconds. */
  pollIntervalSeconds?: number
  /** How long a log download URL stays valid (default 60000, as on GitHub). */
  logUrlTtlMs?: number
  /** Output lines kept per step (default 20000). */
  maxLogLines?: number
  /**
   * Run the steps of the workflow file for workflows no command is registered for (`run:` steps, `actions/checkout`,
   * and `uses: ./` or `uses: OWNER/self-heal@REF` as this project's bundled action), and start the workflows on
   * `workflow_run` that name a workflow whose run completed, and those on `pull_request` when a pull request is
   * opened, reopened or synchronized. Each job gets a GITHUB_TOKEN of its own (`secrets.GITHUB_TOKEN`,
   * `github.token`); `token` (the CLI's) is masked in logs too.
   */
  workflowSteps?: {
    token: string
    /** The bundled action (default: this project's dist/index.js). */
    actionEntry?: string
    /** Further environment of every step (e.g. the runtime token of the cache and artifact services). */
    env?: (run: RunState, url: string) => Record<string, string>
  }
}

/** This project's root, whose dist/index.js and action.yml a self-heal step runs. */
const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** What tests get besides the plugin. */
export interface ActionsEmulator {
  /** The plugin to pass to `startEmulator({ plugins })`. */
  readonly plugin: EmulatorPlugin
  /** Runs `command` (instead of the dispatch's `command` input) for every run of this workflow file name. */
  registerCommand(workflow: string, command: RegisteredCommand | string): void
  /** Switches GHES mode on or off. */
  setGhes(ghes: boolean): void
  /** Every run so far, oldest first. */
  runs(): readonly RunState[]
  /** Resolves when every run dispatched so far has completed. */
  idle(): Promise<void>
}

const DOCS = 'https://docs.github.com/rest/actions'
const API_VERSION_WITH_DETAILS = '2026-03-10'
const ACTIVE = new Set(['queued', 'in_progress', 'waiting', 'requested', 'pending'])

/** Creates the Actions runs plugin. */
export function createActionsPlugin(options: ActionsPluginOptions = {}): ActionsEmulator {
  let services: EmulatorServices | undefined
  let ghes = options.ghes ?? false
  const signingKey = randomBytes(32)
  const commands = new Map<string, RegisteredCommand>()
  const workflows = new Map<string, WorkflowRecord>() // by `OWNER/NAME:path`
  const runs: RunState[] = []
  const runNumbers = new Map<number, number>()
  /** Every GITHUB_TOKEN a job was given (revoked ones too: what they caused still starts nothing). */
  const jobTokens = new Set<string>()
  let nextWorkflowId = 161_335
  let nextRunId = 30_433_642
  let nextJobId = 89_010_001

  const svc = (): EmulatorServices => {
    if (!services) throw new Error('The Actions plugin is not started: pass it to startEmulator({ plugins })')
    return services
  }
  const isGhes = (): boolean => ghes || Boolean((services as { ghes?: boolean } | undefined)?.ghes)
  const steps = options.workflowSteps
  const runner = new Runner(
    svc,
    {
      queueDelayMs: options.queueDelayMs ?? 2000,
      maxLogLines: options.maxLogLines ?? 20_000,
      actionEntry: steps?.actionEntry ?? join(PROJECT_ROOT, 'dist', 'index.js'),
      runEnv: run => ({ GITHUB_GRAPHQL_URL: `${svc().url}/graphql`, ...steps?.env?.(run, svc().url) }),
      onCompleted: async run => {
        // A job's GITHUB_TOKEN expires when its job ends.
        if (run.token) svc().revokeToken(run.token)
        if (steps) await triggerWorkflowRuns(run)
      }
    },
    run => commands.get(basename(run.workflow.path))
  )
  let defaults: Record<string, string> | undefined
  // The action's input defaults, as the runner applies them to a `uses:` step.
  const actionDefaults = (): Record<string, string> => {
    if (!defaults) {
      const metadata = load(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
        inputs?: Record<string, { default?: unknown }>
      }
      defaults = Object.fromEntries(
        Object.entries(metadata.inputs ?? {})
          .filter(([, input]) => input.default !== undefined && input.default !== null)
          .map(([name, input]) => [name, String(input.default)])
      )
    }
    return defaults
  }

  // A completed run starts the workflows (on the default branch) whose `workflow_run` trigger names its workflow.
  async function triggerWorkflowRuns(completed: RunState): Promise<void> {
    // GitHub chains at most three levels of workflow_run workflows.
    const depth = (completed.chainDepth ?? 0) + 1
    if (depth > 3) return
    const repo = completed.workflow.repo
    const branch = await resolveDispatchRef(repo.gitDir, repo.defaultBranch)
    if (!branch) return
    for (const workflow of await loadWorkflows(repo)) {
      if (workflow.deleted || !workflow.definition.workflowRun?.workflows.includes(completed.definition.name))
        continue
      await createRun(repo, workflow, workflow.definition, {
        event: 'workflow_run',
        resolved: branch,
        inputs: {},
        payload: { action: 'completed', workflow_run: runJson(completed), repository: repositoryJson(repo) },
        chainDepth: depth
      })
    }
  }

  // A pull request opened, reopened or synchronized through the API starts the workflows with that `pull_request`
  // type, read at its head commit (as GitHub reads them from the pull request's merge commit). Events caused by a
  // job's own GITHUB_TOKEN start nothing, as on GitHub, so a run's writes never start runs in a loop.
  async function onPullRequest(event: PullRequestEvent): Promise<void> {
    if (jobTokens.has(event.token)) return
    const repo = event.repository
    const fork = event.headRepository.fullName !== repo.fullName
    for (const workflow of await loadWorkflows(repo)) {
      if (workflow.deleted) continue
      const text = await readFileAt(repo.gitDir, event.headSha, workflow.path)
      let definition: WorkflowDefinition
      try {
        if (text === undefined) continue
        definition = parseWorkflow(workflow.path, text)
      } catch {
        continue // an invalid file starts nothing, as on GitHub
      }
      if (!definition.pullRequest?.types.includes(event.action)) continue
      await createRun(repo, workflow, definition, {
        event: 'pull_request',
        resolved: {
          fullRef: `refs/pull/${event.number}/merge`,
          name: `${event.number}/merge`,
          sha: event.headSha
        },
        headBranch: event.headRef,
        inputs: {},
        payload: {
          action: event.action,
          number: event.number,
          pull_request: event.pullRequest,
          repository: repositoryJson(repo),
          sender: userJson(event.headRepository.owner)
        },
        pullRequest: { number: event.number, headRef: event.headRef, baseRef: event.baseRef },
        headRepository: event.headRepository,
        // A fork's pull_request run gets a read-only token, whatever the workflow's `permissions:` ask for.
        readOnly: fork
      })
    }
  }

  // Queues a run and starts it; the workflow's steps run when no command is registered for it.
  async function createRun(
    repo: EmulatedRepository,
    workflow: WorkflowRecord,
    definition: WorkflowDefinition,
    trigger: {
      event: string
      resolved: ResolvedRef
      inputs: Record<string, string>
      payload: Record<string, unknown>
      chainDepth?: number
      /** The run's `head_branch` (default: the ref's name). */
      headBranch?: string
      pullRequest?: RunState['pullRequest']
      headRepository?: EmulatedRepository
      /** The job's token writes nowhere. */
      readOnly?: boolean
    }
  ): Promise<RunState> {
    const { resolved, inputs } = trigger
    const now = svc().now()
    const runNumber = (runNumbers.get(workflow.id) ?? 0) + 1
    runNumbers.set(workflow.id, runNumber)
    const actor = repo.owner
    const id = nextRunId++
    const registered = commands.get(basename(workflow.path))
    // Each job that runs its steps has a GITHUB_TOKEN of its own: one that writes only to its repository (never
    // to a fork), or nowhere for a fork's pull_request run.
    const token =
      steps && !registered
        ? svc().issueToken({ writableRepositories: trigger.readOnly ? [] : [repo.fullName] })
        : undefined
    if (token) jobTokens.add(token)
    const jobToken = token ?? steps?.token
    const context: ExpressionContext = {
      inputs,
      github: {
        ref: resolved.fullRef,
        ref_name: resolved.name,
        sha: resolved.sha,
        actor,
        triggering_actor: actor,
        workflow: definition.name,
        event_name: trigger.event,
        repository: repo.fullName,
        repository_owner: repo.owner,
        run_id: String(id),
        run_number: String(runNumber),
        server_url: svc().url,
        api_url: svc().url,
        ...(trigger.pullRequest
          ? { head_ref: trigger.pullRequest.headRef, base_ref: trigger.pullRequest.baseRef }
          : {}),
        ...(jobToken ? { token: jobToken } : {})
      },
      event: trigger.payload,
      secrets: jobToken ? { GITHUB_TOKEN: jobToken } : {}
    }
    const condition =
      definition.job.if === undefined ? undefined : evaluateCondition(definition.job.if, context)
    // A job whose if: is false is skipped with no steps, and so is its run, as GitHub shows them.
    const skipped = condition?.value === false
    const plan =
      steps && !registered && !skipped
        ? planSteps(definition.job.steps, context, actionDefaults())
        : undefined
    const command = registered
      ? (registered.stepName ??
        (typeof registered.command === 'string' ? registered.command : registered.command(inputs)))
      : (inputs.command ?? 'command')
    const stepNames = skipped
      ? []
      : plan
        ? ['Set up job', ...plan.map(step => step.name), 'Complete job']
        : [
            'Set up job',
            'Run actions/checkout@v5',
            registered?.stepName ?? `Run ${truncate(command.split('\n')[0], 60)}`,
            'Complete job'
          ]
    const run: RunState = {
      id,
      runNumber,
      workflow,
      definition,
      event: trigger.event,
      headBranch: trigger.headBranch ?? resolved.name,
      ref: resolved.fullRef,
      headSha: resolved.sha,
      headCommit: await commitInfo(repo.gitDir, resolved.sha),
      inputs,
      displayTitle: definition.runName ? evaluateTemplate(definition.runName, context) : definition.name,
      actor,
      status: 'queued',
      conclusion: null,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      visibleAt: now + (options.runCreationDelayMs ?? 0),
      cancelRequested: false,
      ...(plan ? { plan, eventPayload: trigger.payload } : {}),
      ...(trigger.chainDepth ? { chainDepth: trigger.chainDepth } : {}),
      ...(skipped ? { skipped } : {}),
      ...(condition?.note ? { conditionNote: condition.note } : {}),
      ...(token ? { token } : {}),
      ...(trigger.headRepository ? { headRepository: trigger.headRepository } : {}),
      ...(trigger.pullRequest ? { pullRequest: trigger.pullRequest } : {}),
      job: {
        id: nextJobId++,
        name: evaluateTemplate(definition.job.name, context),
        status: 'queued',
        conclusion: null,
        createdAt: now,
        startedAt: null,
        completedAt: null,
        annotations: [],
        steps: stepNames.map((name, index) => ({
          name,
          number: index + 1,
          status: 'queued' as const,
          conclusion: null,
          startedAt: null,
          completedAt: null,
          log: []
        }))
      }
    }
    runs.push(run)
    runner.start(run)
    return run
  }

  // Workflows are those on the default branch (GitHub registers them from there); ids stay stable.
  async function loadWorkflows(repo: EmulatedRepository): Promise<WorkflowRecord[]> {
    const head = await commitOf(repo.gitDir, `refs/heads/${repo.defaultBranch}`)
    if (!head) return [...workflows.values()].filter(w => w.repo.fullName === repo.fullName)
    const present = new Set<string>()
    for (const path of await listWorkflowFiles(repo.gitDir, head)) {
      const text = await readFileAt(repo.gitDir, head, path)
      if (text === undefined) continue
      let definition: WorkflowDefinition
      try {
        definition = parseWorkflow(path, text)
      } catch {
        continue
      }
      const key = `${repo.fullName}:${path}`
      present.add(key)
      const known = workflows.get(key)
      if (known) known.definition = definition
      else workflows.set(key, { id: nextWorkflowId++, path, repo, createdAt: svc().now(), definition })
    }
    for (const [key, workflow] of workflows) {
      if (workflow.repo.fullName === repo.fullName) workflow.deleted = !present.has(key)
    }
    return [...workflows.values()].filter(w => w.repo.fullName === repo.fullName)
  }

  async function findWorkflow(repo: EmulatedRepository, id: string): Promise<WorkflowRecord | undefined> {
    const all = await loadWorkflows(repo)
    return all.find(w => String(w.id) === id || basename(w.path) === id || w.path === id)
  }

  function iso(ms: number | null): string | null {
    return ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  function apiBase(repo: EmulatedRepository): string {
    return `${svc().url}/repos/${repo.fullName}`
  }

  function htmlBase(repo: EmulatedRepository): string {
    return `${svc().url}/${repo.fullName}`
  }

  function userJson(login: string): Record<string, unknown> {
    return simpleUserAt(svc().url, login)
  }

  function repositoryJson(repo: EmulatedRepository): Record<string, unknown> {
    const url = apiBase(repo)
    const templates: Record<string, string> = {
      archive_url: '{archive_format}{/ref}',
      assignees_url: 'assignees{/user}',
      blobs_url: 'git/blobs{/sha}',
      branches_url: 'branches{/branch}',
      collaborators_url: 'collaborators{/collaborator}',
      comments_url: 'comments{/number}',
      commits_url: 'commits{/sha}',
      compare_url: 'compare/{base}...{head}',
      contents_url: 'contents/{+path}',
      contributors_url: 'contributors',
      deployments_url: 'deployments',
      downloads_url: 'downloads',
      events_url: 'events',
      forks_url: 'forks',
      git_commits_url: 'git/commits{/sha}',
      git_refs_url: 'git/refs{/sha}',
      git_tags_url: 'git/tags{/sha}',
      issue_comment_url: 'issues/comments{/number}',
      issue_events_url: 'issues/events{/number}',
      issues_url: 'issues{/number}',
      keys_url: 'keys{/key_id}',
      labels_url: 'labels{/name}',
      languages_url: 'languages',
      merges_url: 'merges',
      milestones_url: 'milestones{/number}',
      notifications_url: 'notifications{?since,all,participating}',
      pulls_url: 'pulls{/number}',
      releases_url: 'releases{/id}',
      stargazers_url: 'stargazers',
      statuses_url: 'statuses/{sha}',
      subscribers_url: 'subscribers',
      subscription_url: 'subscription',
      tags_url: 'tags',
      teams_url: 'teams',
      trees_url: 'git/trees{/sha}',
      hooks_url: 'hooks'
    }
    return {
      id: 100_000 + [...repo.fullName].reduce((sum, c) => sum + c.charCodeAt(0), 0),
      node_id: Buffer.from(`010:Repository${repo.fullName}`).toString('base64'),
      name: repo.name,
      full_name: repo.fullName,
      owner: userJson(repo.owner),
      private: false,
      html_url: htmlBase(repo),
      description: null,
      fork: repo.parent !== undefined,
      url,
      ...Object.fromEntries(Object.entries(templates).map(([key, suffix]) => [key, `${url}/${suffix}`]))
    }
  }

  function workflowJson(workflow: WorkflowRecord): Record<string, unknown> {
    const created = iso(workflow.createdAt)
    return {
      id: workflow.id,
      node_id: Buffer.from(`W_${workflow.id}`).toString('base64'),
      name: workflow.definition.name,
      path: workflow.path,
      state: workflow.deleted ? 'deleted' : 'active',
      created_at: created,
      updated_at: created,
      url: `${apiBase(workflow.repo)}/actions/workflows/${workflow.id}`,
      html_url: `${htmlBase(workflow.repo)}/blob/${workflow.repo.defaultBranch}/${workflow.path}`,
      badge_url: `${htmlBase(workflow.repo)}/workflows/${encodeURIComponent(workflow.definition.name)}/badge.svg`
    }
  }

  function runJson(run: RunState): Record<string, unknown> {
    const repo = run.workflow.repo
    const url = `${apiBase(repo)}/actions/runs/${run.id}`
    return {
      id: run.id,
      name: run.definition.name,
      node_id: Buffer.from(`WFR_${run.id}`).toString('base64'),
      check_suite_id: run.id + 1,
      check_suite_node_id: Buffer.from(`CS_${run.id + 1}`).toString('base64'),
      head_branch: run.headBranch,
      head_sha: run.headSha,
      path: run.workflow.path,
      display_title: run.displayTitle,
      run_number: run.runNumber,
      event: run.event,
      status: run.status,
      conclusion: run.conclusion,
      workflow_id: run.workflow.id,
      url,
      html_url: `${htmlBase(repo)}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: iso(run.createdAt),
      updated_at: iso(run.updatedAt),
      actor: userJson(run.actor),
      run_attempt: 1,
      referenced_workflows: [],
      run_started_at: iso(run.startedAt ?? run.createdAt),
      triggering_actor: userJson(run.actor),
      jobs_url: `${url}/jobs`,
      logs_url: `${url}/logs`,
      check_suite_url: `${apiBase(repo)}/check-suites/${run.id + 1}`,
      artifacts_url: `${url}/artifacts`,
      cancel_url: `${url}/cancel`,
      rerun_url: `${url}/rerun`,
      previous_attempt_url: null,
      workflow_url: `${apiBase(repo)}/actions/workflows/${run.workflow.id}`,
      head_commit: {
        id: run.headSha,
        tree_id: run.headCommit.tree,
        message: run.headCommit.message,
        timestamp: run.headCommit.author.date.replace(/([+-]00:00)$/, 'Z'),
        author: { name: run.headCommit.author.name, email: run.headCommit.author.email },
        committer: { name: run.headCommit.author.name, email: run.headCommit.author.email }
      },
      repository: repositoryJson(repo),
      head_repository: repositoryJson(run.headRepository ?? repo)
    }
  }

  function jobJson(run: RunState): Record<string, unknown> {
    const repo = run.workflow.repo
    const job = run.job
    return {
      id: job.id,
      run_id: run.id,
      workflow_name: run.definition.name,
      head_branch: run.headBranch,
      run_url: `${apiBase(repo)}/actions/runs/${run.id}`,
      run_attempt: 1,
      node_id: Buffer.from(`CR_${job.id}`).toString('base64'),
      head_sha: run.headSha,
      url: `${apiBase(repo)}/actions/jobs/${job.id}`,
      html_url: `${htmlBase(repo)}/actions/runs/${run.id}/job/${job.id}`,
      status: job.status,
      conclusion: job.conclusion,
      created_at: iso(job.createdAt),
      started_at: iso(job.startedAt ?? job.createdAt),
      completed_at: iso(job.completedAt),
      name: job.name,
      steps: job.steps.map(step => ({
        name: step.name,
        status: step.status,
        conclusion: step.conclusion,
        number: step.number,
        started_at: iso(step.startedAt),
        completed_at: iso(step.completedAt)
      })),
      check_run_url: `${apiBase(repo)}/check-runs/${job.id}`,
      labels: ['ubuntu-latest'],
      runner_id: job.startedAt === null ? null : 1,
      runner_name: job.startedAt === null ? null : 'emulator',
      runner_group_id: job.startedAt === null ? null : 1,
      runner_group_name: job.startedAt === null ? null : 'Default'
    }
  }

  function annotationJson(run: RunState, annotation: Annotation): Record<string, unknown> {
    return {
      ...annotation,
      blob_href: `${htmlBase(run.workflow.repo)}/blob/${run.headSha}/${annotation.path}`
    }
  }

  function visibleRuns(repo: EmulatedRepository): RunState[] {
    const now = svc().now()
    return runs.filter(run => run.workflow.repo.fullName === repo.fullName && run.visibleAt <= now)
  }

  function findRun(repo: EmulatedRepository, id: string): RunState | undefined {
    return visibleRuns(repo).find(run => String(run.id) === id)
  }

  function findJob(repo: EmulatedRepository, id: string): RunState | undefined {
    return visibleRuns(repo).find(run => String(run.job.id) === id)
  }

  function pollHeader(): Record<string, string> {
    return options.pollIntervalSeconds ? { 'x-poll-interval': String(options.pollIntervalSeconds) } : {}
  }

  function listRuns(list: RunState[], query: URLSearchParams): RouteReply {
    let selected = [...list].reverse()
    const event = query.get('event')
    const branch = query.get('branch')
    const status = query.get('status')
    const headSha = query.get('head_sha')
    const actor = query.get('actor')
    const created = query.get('created')
    if (event) selected = selected.filter(run => run.event === event)
    if (branch) selected = selected.filter(run => run.headBranch === branch)
    if (headSha) selected = selected.filter(run => run.headSha === headSha)
    if (actor) selected = selected.filter(run => run.actor === actor)
    if (status) {
      selected = selected.filter(run =>
        ['completed', 'in_progress', 'queued', 'requested', 'waiting', 'pending'].includes(status)
          ? run.status === status
          : run.conclusion === status
      )
    }
    if (created) {
      const test = parseDateFilter(created)
      if (!test) return validationFailed(`Invalid value for 'created': '${created}'.`)
      selected = selected.filter(run => test(run.createdAt))
    }
    const { page, perPage } = paging(query, 100)
    return {
      status: 200,
      body: {
        total_count: selected.length,
        workflow_runs: selected.slice((page - 1) * perPage, page * perPage).map(runJson)
      },
      headers: pollHeader()
    }
  }

  function signedUrl(kind: 'run' | 'job', id: number): string {
    const expires = svc().now() + (options.logUrlTtlMs ?? 60_000)
    const sig = sign(`${kind}:${id}:${expires}`)
    return `${svc().url}/_blobs/actions-logs/${kind}/${id}?expires=${expires}&sig=${sig}`
  }

  function sign(value: string): string {
    return createHmac('sha256', signingKey).update(value).digest('hex')
  }

  function jobLogText(run: RunState): string {
    return masked(run, run.job.steps.flatMap(step => step.log).join('\n') + '\n')
  }

  // As the runner does: the job's token and every value a step of the job registered with `::add-mask::` read `***`.
  function masked(run: RunState, text: string): string {
    const secrets = new Set([steps?.token, run.token].filter((t): t is string => Boolean(t)))
    for (const line of run.job.steps.flatMap(step => step.log)) {
      const match = /::add-mask::(.+)$/.exec(line)
      if (match) secrets.add(match[1].trim())
    }
    let out = text
    for (const secret of [...secrets]
      .filter(value => value.length >= 3)
      .sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join('***')
    }
    return out
  }

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/workflows',
      operationId: 'actions/list-repo-workflows',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, query }) {
        const all = await loadWorkflows(repo)
        const { page, perPage } = paging(query, 100)
        return {
          status: 200,
          body: {
            total_count: all.length,
            workflows: all.slice((page - 1) * perPage, page * perPage).map(workflowJson)
          }
        }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}',
      operationId: 'actions/get-workflow',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, params }) {
        const workflow = await findWorkflow(repo, params.workflow_id)
        return workflow ? { status: 200, body: workflowJson(workflow) } : notFound()
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      operationId: 'actions/create-workflow-dispatch',
      kind: 'write',
      permission: 'actions',
      async handler({ repo, params, body, req }) {
        const workflow = await findWorkflow(repo, params.workflow_id)
        if (!workflow || workflow.deleted) return notFound()
        const request = (body ?? {}) as { ref?: unknown; inputs?: unknown; return_run_details?: unknown }
        if (isGhes() && 'return_run_details' in request) {
          return validationFailed('Invalid request.\n\n"return_run_details" is not a permitted key.')
        }
        if (typeof request.ref !== 'string' || !request.ref) {
          return validationFailed('Invalid request.\n\n"ref" wasn\'t supplied.')
        }
        const resolved = await resolveDispatchRef(repo.gitDir, request.ref)
        if (!resolved) return validationFailed(`No ref found for: ${request.ref}`)
        const text = await readFileAt(repo.gitDir, resolved.sha, workflow.path)
        let definition: WorkflowDefinition | undefined
        try {
          definition = text === undefined ? undefined : parseWorkflow(workflow.path, text)
        } catch (error) {
          return validationFailed((error as Error).message)
        }
        if (!definition || definition.dispatchInputs === undefined) {
          return validationFailed("Workflow does not have 'workflow_dispatch' trigger")
        }
        const inputs = checkInputs(definition.dispatchInputs, request.inputs)
        if (typeof inputs === 'string') return validationFailed(inputs)
        const { id } = await createRun(repo, workflow, definition, {
          event: 'workflow_dispatch',
          resolved,
          inputs,
          payload: { inputs, ref: resolved.fullRef, repository: repositoryJson(repo) }
        })
        const version = String(req.headers['x-github-api-version'] ?? '')
        if (!isGhes() && (request.return_run_details === true || version === API_VERSION_WITH_DETAILS)) {
          return {
            status: 200,
            body: {
              workflow_run_id: id,
              run_url: `${apiBase(repo)}/actions/runs/${id}`,
              html_url: `${htmlBase(repo)}/actions/runs/${id}`
            }
          }
        }
        return { status: 204 }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/runs',
      operationId: 'actions/list-workflow-runs-for-repo',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, query }) {
        return listRuns(visibleRuns(repo), query)
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      operationId: 'actions/list-workflow-runs',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, params, query }) {
        const workflow = await findWorkflow(repo, params.workflow_id)
        if (!workflow) return notFound()
        return listRuns(
          visibleRuns(repo).filter(run => run.workflow.id === workflow.id),
          query
        )
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/runs/{run_id}',
      operationId: 'actions/get-workflow-run',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, params }) {
        const run = findRun(repo, params.run_id)
        return run ? { status: 200, body: runJson(run), headers: pollHeader() } : notFound()
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
      operationId: 'actions/cancel-workflow-run',
      kind: 'write',
      permission: 'actions',
      async handler({ repo, params }) {
        const run = findRun(repo, params.run_id)
        if (!run) return notFound()
        if (!ACTIVE.has(run.status)) {
          return {
            status: 409,
            body: {
              message: 'Cannot cancel a workflow run that is completed.',
              documentation_url: `${DOCS}/workflow-runs#cancel-a-workflow-run`,
              status: '409'
            }
          }
        }
        runner.cancel(run)
        return { status: 202, body: {} }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
      operationId: 'actions/list-jobs-for-workflow-run',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, params, query }) {
        const run = findRun(repo, params.run_id)
        if (!run) return notFound()
        const { page } = paging(query, 100)
        const jobs = page === 1 ? [jobJson(run)] : []
        return { status: 200, body: { total_count: 1, jobs }, headers: pollHeader() }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/jobs/{job_id}',
      operationId: 'actions/get-job-for-workflow-run',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, params }) {
        const run = findJob(repo, params.job_id)
        return run ? { status: 200, body: jobJson(run), headers: pollHeader() } : notFound()
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/runs/{run_id}/logs',
      operationId: 'actions/download-workflow-run-logs',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, params }) {
        const run = findRun(repo, params.run_id)
        if (!run || run.status !== 'completed') return notFound()
        return { status: 302, headers: { location: signedUrl('run', run.id) } }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
      operationId: 'actions/download-job-logs-for-workflow-run',
      kind: 'read',
      permission: 'actions',
      async handler({ repo, params }) {
        const run = findJob(repo, params.job_id)
        if (!run) return notFound()
        return { status: 302, headers: { location: signedUrl('job', run.job.id) } }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
      operationId: 'checks/list-annotations',
      kind: 'read',
      permission: 'checks',
      async handler({ repo, params, query }) {
        const run = findJob(repo, params.check_run_id)
        if (!run) return notFound()
        const { page, perPage } = paging(query, 50)
        const all = run.job.annotations.map(annotation => annotationJson(run, annotation))
        return { status: 200, body: all.slice((page - 1) * perPage, page * perPage) }
      }
    }
  ]

  // Log downloads: short-lived signed URLs on the emulator's own origin, like GitHub's blob storage links.
  const logs: RawHandler = {
    name: 'actions-logs',
    async handle(req, res, url) {
      const match = /^\/_blobs\/actions-logs\/(run|job)\/(\d+)$/.exec(url.pathname)
      if (!match || req.method !== 'GET') return false
      const [, kind, id] = match
      const expires = Number(url.searchParams.get('expires'))
      const sig = url.searchParams.get('sig') ?? ''
      const expected = sign(`${kind}:${id}:${expires}`)
      const valid =
        sig.length === expected.length &&
        timingSafeEqual(Buffer.from(sig), Buffer.from(expected)) &&
        expires >= svc().now()
      if (!valid) {
        res.writeHead(403, { 'content-type': 'application/xml' })
        res.end(
          '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signature not valid or expired.</Message></Error>'
        )
        return true
      }
      const run = runs.find(r => (kind === 'run' ? String(r.id) === id : String(r.job.id) === id))
      if (!run) {
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('Not Found')
        return true
      }
      if (kind === 'job') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
        res.end(jobLogText(run))
        return true
      }
      const safe = run.job.name.replace(/[/\\:*?"<>|]/g, '_')
      const zip = createZip(
        [
          { name: `0_${safe}.txt`, data: Buffer.from(jobLogText(run)) },
          ...run.job.steps
            .filter(step => step.status === 'completed' && step.conclusion !== 'skipped')
            .map(step => ({
              name: `${safe}/${step.number}_${step.name.replace(/[/\\:*?"<>|]/g, '_')}.txt`,
              data: Buffer.from(masked(run, step.log.join('\n') + '\n'))
            }))
        ],
        new Date(svc().now())
      )
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(zip.length) })
      res.end(zip)
      return true
    }
  }

  return {
    plugin: {
      name: 'actions-runs',
      routes,
      rawHandlers: [logs],
      start(s) {
        services = s
      },
      // Only runs that execute workflow files start on pull_request: without them the core need not watch heads.
      ...(steps ? { onPullRequest } : {}),
      stop: () => runner.stop()
    },
    registerCommand(workflow, command) {
      commands.set(basename(workflow), typeof command === 'string' ? { command } : command)
    },
    setGhes(value) {
      ghes = value
    },
    runs: () => runs,
    idle: () => runner.idle()
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function notFound(): RouteReply {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } }
}

function validationFailed(message: string): RouteReply {
  return {
    status: 422,
    body: { message, documentation_url: `${DOCS}/workflows#create-a-workflow-dispatch-event`, status: '422' }
  }
}

function paging(query: URLSearchParams, max: number): { page: number; perPage: number } {
  const page = Math.max(1, Number(query.get('page')) || 1)
  const perPage = Math.min(max, Math.max(1, Number(query.get('per_page')) || 30))
  return { page, perPage }
}

// Inputs as GitHub checks them: at most 25, declared ones only, required ones present, choices and booleans valid.
function checkInputs(
  declared: Record<string, import('./workflow-file.js').DispatchInput>,
  given: unknown
): Record<string, string> | string {
  const provided = given && typeof given === 'object' ? (given as Record<string, unknown>) : {}
  const keys = Object.keys(provided)
  if (keys.length > 25) return 'you may only define up to 25 `inputs` for a `workflow_dispatch` event'
  const unexpected = keys.filter(key => !(key in declared))
  if (unexpected.length) return `Unexpected inputs provided: ${JSON.stringify(unexpected)}`
  const inputs: Record<string, string> = {}
  for (const [key, spec] of Object.entries(declared)) {
    const raw = provided[key]
    const value = raw === undefined || raw === null ? spec.default : String(raw)
    if (value === undefined) {
      if (spec.required) return `Required input '${key}' not provided`
      inputs[key] = spec.type === 'boolean' ? 'false' : ''
      continue
    }
    if (spec.type === 'choice' && spec.options && !spec.options.includes(value)) {
      return `Provided value '${value}' for input '${key}' not in the list of allowed values`
    }
    if (spec.type === 'boolean' && value !== 'true' && value !== 'false') {
      return `Provided value '${value}' for input '${key}' is not a valid boolean`
    }
    inputs[key] = value
  }
  return inputs
}

// GitHub's `created` syntax: `>=D`, `>D`, `<=D`, `<D`, `D..D`, `D..*`, `*..D`, or `D` (a whole day when a date).
function parseDateFilter(filter: string): ((ms: number) => boolean) | undefined {
  const parse = (value: string, end: boolean): number | undefined => {
    if (value === '*') return end ? Infinity : -Infinity
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
    const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value)
    if (Number.isNaN(ms)) return undefined
    return dateOnly && end ? ms + 86_400_000 - 1 : ms
  }
  const range = /^(.+)\.\.(.+)$/.exec(filter)
  if (range) {
    const from = parse(range[1], false)
    const to = parse(range[2], true)
    return from === undefined || to === undefined ? undefined : ms => ms >= from && ms <= to
  }
  const op = /^(>=|<=|>|<)?(.+)$/.exec(filter)
  if (!op) return undefined
  const [, operator, value] = op
  const from = parse(value, false)
  const to = parse(value, true)
  if (from === undefined || to === undefined) return undefined
  switch (operator) {
    case '>=':
      return ms => ms >= from
    case '>':
      return ms => ms > to
    case '<=':
      return ms => ms <= to
    case '<':
      return ms => ms < from
    default:
      return ms => ms >= from && ms <= to
  }
}
