/**
 * The action's main step. `run()` reads the inputs once, runs the operation, writes outputs and the job summary,
 * and is the only place that turns an error into a failed step.
 */
import * as core from './actions-core.js'
// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.
import { promises as fs } from 'node:fs'
import { resolve } from 'node:path'
import { AdapterFactory } from './adapters/factory.js'
import { parseCheckKind, toCheckOutput } from './commands/check.js'
import { parsePassEnv } from './adapters/local/scrub-env.js'
import type { HealOutput } from './heal/types.js'
import { pullRequestOperation } from './heal/pull-request-operation.js'
import type { HealInputs } from './heal/request.js'
import {
  formatCheckRecord,
  parseCheckInputs,
  runCheckRequest,
  toCheckRecord
} from './commands/check-report.js'
import { Input, Output } from './constants.js'
import { detectEnvironment } from './environment.js'
import { ConfigurationError, InvalidInputError, errorMessage } from './errors.js'
import type { Logger } from './log.js'
import { readPositive, readSettings, type Settings } from './settings.js'
import { setSurface } from './surface.js'
import { annotateCheck, summarizeApply, summarizeCheck, summarizeDispatch, summarizeHeal } from './summary.js'

/** The operations the action performs. */
export const OPERATIONS = ['heal', 'check', 'apply', 'dispatch', 'fix', 'deliver'] as const

/** A logger over @actions/core. */
export const coreLogger: Logger = { info: core.info, warning: core.warning, debug: core.debug }

// Each operation imports what only it needs (the heal loop, the diff machinery, Octokit) when it starts: a start
// of the action costs what its operation uses.

/** The action's main entry: never throws; a failure is reported with core.setFailed. */
export async function run(): Promise<void> {
  setSurface('action')
  try {
    const operation = core.getInput(Input.Operation) || 'heal'
    if (!(OPERATIONS as readonly string[]).includes(operation)) {
      throw new InvalidInputError(`Unknown operation '${operation}': use one of ${OPERATIONS.join(', ')}.`)
    }
    const settings = readSettings(
      {
        environment: core.getInput(Input.Environment),
        cwd: core.getInput(Input.WorkingDirectory) || process.env.GITHUB_WORKSPACE,
        repository: core.getInput(Input.Repository),
        token: core.getInput(Input.Token),
        apiUrl: core.getInput(Input.ApiUrl),
        cachePath: core.getInput(Input.CachePath)
      },
      process.env,
      core.setSecret
    )
    const detection = detectEnvironment(process.env, settings.cwd, {
      explicit: settings.environment,
      token: Boolean(settings.token)
    })
    core.setOutput(Output.Environment, detection.environment)
    core.info(`self-heal: ${operation} in ${detection.environment} (${detection.reason})`)
    // The command's output goes to the job log as a `run:` step's would (framed so that it cannot drive the runner).
    const factory = new AdapterFactory(detection.environment, settings, coreLogger, {
      echo: process.stdout,
      passEnv: parsePassEnv(core.getInput(Input.PassEnv), `input '${Input.PassEnv}'`)
    })
    try {
      if (operation === 'heal') {
        await healOperation(factory, settings.cwd)
      } else if (operation === 'check') {
        await checkOperation(factory, detection.environment === 'cloud' ? undefined : settings.cwd)
      } else if (operation === 'fix') {
        await fixOperation(factory, settings.cwd)
      } else if (operation === 'apply') {
        await applyOperation(factory, settings.cwd)
      } else if (operation === 'deliver') {
        await deliverOperation(settings)
      } else {
        await dispatchOperation(settings)
      }
    } finally {
      await factory.close()
    }
  } catch (error) {
    core.setFailed(errorMessage(error))
  }
}

async function checkOperation(factory: AdapterFactory, cwd: string | undefined): Promise<void> {
  // The runner workflow (self-heal-run.yml) passes its inputs through unchanged: argv, env and correlation-id too.
  const request = parseCheckInputs({
    command: core.getInput(Input.Command),
    argv: core.getInput(Input.Argv),
    kind: core.getInput(Input.Kind) || 'test',
    correlationId: core.getInput(Input.CorrelationId),
    env: core.getInput(Input.Env),
    reportPath: core.getInput(Input.ReportPath),
    timeoutSeconds: core.getInput(Input.Timeout)
  })
  // `working-directory` already chose settings.cwd; locally the command runs there.
  const options = { ...request.options, ...(cwd ? { cwd } : {}) }
  const raw = await core.group(`Run ${request.kind} check`, async () =>
    runCheckRequest(await factory.execution(), { ...request, options })
  )
  const result = toCheckOutput(request.kind, raw)
  core.setOutput(Output.Passed, String(result.passed))
  core.setOutput(Output.ExitCode, String(result.exitCode))
  core.setOutput(Output.Result, JSON.stringify(result))
  annotateCheck(result)
  // A dispatched check leaves its structured record in the log, where the dispatching side reads it back.
  if (request.correlationId) {
    for (const line of formatCheckRecord(toCheckRecord(request.correlationId, request.kind, raw)))
      core.info(line)
  }
  const shown = typeof request.command === 'string' ? request.command : JSON.stringify(request.command)
  await summarizeCheck(result, shown)
  if (!result.passed) {
    core.setFailed(
      `The ${request.kind} check failed (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}).`
    )
  }
}

/**
 * The runner's half of a heal with no checkout: the check and the fixers run here, and the record carries the first
 * check's result and the candidate fix back to the dispatching side, which polices, commits, verifies and proposes.
 */
async function fixOperation(factory: AdapterFactory, cwd: string): Promise<void> {
  const { parseFixRequest, runFixStep } = await import('./heal/remote-fix.js')
  const request = parseFixRequest(core.getInput(Input.Request, { required: true }))
  const correlationId = core.getInput(Input.CorrelationId, { required: true })
  const { first, fix } = await core.group(`Run the ${request.kind} check and the fixers`, async () =>
    runFixStep(await factory.execution(), cwd, request, coreLogger)
  )
  core.info(fix.reason)
  core.setOutput(Output.Outcome, fix.outcome)
  // The loop always runs the check first; no result means it stopped before (a self-heal commit).
  const record = first
    ? toCheckRecord(correlationId, request.kind, first)
    : toCheckRecord(correlationId, request.kind, {
        exitCode: 0,
        stdout: '',
        stderr: '',
        durationMs: 0,
        timedOut: false
      })
  for (const line of formatCheckRecord({ ...record, fix })) core.info(line)
}

/** Heal's options the action has: `fixInPlace` is the CLI's alone (on a runner fixers run in the checkout). */
type ActionHealOption = Exclude<keyof HealInputs, 'fixInPlace'>

/** The action input behind each of heal's options. */
const HEAL_INPUTS: Record<ActionHealOption, Input> = {
  check: Input.Command,
  kind: Input.Kind,
  fix: Input.Fix,
  dryRun: Input.DryRun,
  policy: Input.Policy,
  reruns: Input.Reruns,
  maxAttempts: Input.MaxAttempts,
  base: Input.Base,
  timeout: Input.Timeout,
  report: Input.ReportPath,
  failWhen: Input.FailWhen,
  deliver: Input.Deliver,
  branch: Input.Branch,
  branchPrefix: Input.BranchPrefix,
  title: Input.Title,
  body: Input.Body,
  labels: Input.Labels,
  reviewers: Input.Reviewers,
  teamReviewers: Input.TeamReviewers,
  assignees: Input.Assignees,
  draft: Input.Draft,
  commitMessage: Input.CommitMessage,
  fixerTimeout: Input.FixerTimeout,
  verify: Input.Verify,
  setup: Input.Setup,
  fixerRetries: Input.FixerRetries,
  verifyAlso: Input.VerifyAlso,
  ciWorkflow: Input.CiWorkflow
}

async function healOperation(factory: AdapterFactory, cwd: string): Promise<void> {
  const command = core.getInput(Input.Command)
  const [{ buildHealRequest }, { healWithFactory }, { handOverForkFix }, { checkLine }] = await Promise.all([
    import('./heal/request.js'),
    import('./commands/heal.js'),
    import('./heal/fix-artifact.js'),
    import('./heal/policy-context.js')
  ])
  const request = buildHealRequest(
    {
      check: command,
      kind: core.getInput(Input.Kind),
      fix: core.getMultilineInput(Input.Fix),
      dryRun: core.getBooleanInput(Input.DryRun),
      policy: { text: core.getInput(Input.Policy), where: `the input '${Input.Policy}'` },
      reruns: core.getInput(Input.Reruns),
      maxAttempts: core.getInput(Input.MaxAttempts),
      base: core.getInput(Input.Base),
      timeout: core.getInput(Input.Timeout),
      report: core.getInput(Input.ReportPath),
      // The action fails its step whenever the check fails, as the check step it replaces would.
      failWhen: core.getInput(Input.FailWhen) || 'failing',
      deliver: core.getInput(Input.Deliver),
      branch: core.getInput(Input.Branch),
      branchPrefix: core.getInput(Input.BranchPrefix),
      title: core.getInput(Input.Title),
      body: core.getInput(Input.Body),
      labels: core.getInput(Input.Labels),
      reviewers: core.getInput(Input.Reviewers),
      teamReviewers: core.getInput(Input.TeamReviewers),
      assignees: core.getInput(Input.Assignees),
      draft: core.getInput(Input.Draft) ? core.getBooleanInput(Input.Draft) : false,
      commitMessage: core.getInput(Input.CommitMessage),
      fixerTimeout: core.getInput(Input.FixerTimeout),
      verify: core.getInput(Input.Verify),
      setup: core.getInput(Input.Setup),
      fixerRetries: core.getInput(Input.FixerRetries),
      verifyAlso: core.getMultilineInput(Input.VerifyAlso),
      ciWorkflow: core.getInput(Input.CiWorkflow)
    },
    option => `the input '${HEAL_INPUTS[option as ActionHealOption]}'`,
    process.env
  )
  const { parseRunId } = await import('./heal/cloud.js')
  const result = await core.group(`Heal the ${request.kind} check`, async () =>
    handOverForkFix(
      await healWithFactory(factory, cwd, request, coreLogger, {
        // With no checkout the branch to heal is named; with one, it is the checkout's.
        ref: (factory.environment === 'cloud' && core.getInput(Input.Ref)) || undefined,
        runId: parseRunId(core.getInput(Input.RunId), `The input '${Input.RunId}'`)
      }),
      process.env,
      coreLogger,
      checkLine(request.check)
    )
  )
  core.setOutput(Output.Outcome, result.outcome)
  core.setOutput(Output.Result, JSON.stringify(result))
  if (result.check) core.setOutput(Output.Passed, String(result.check.passed))
  if (result.fingerprint) core.setOutput(Output.Fingerprint, result.fingerprint.id)
  const proposal = result.proposal
  if (proposal) {
    if (proposal.branch) core.setOutput(Output.Branch, proposal.branch)
    // The fix's commit, whether this run made it or found its branch already holding it.
    const commit = proposal.commit ?? proposal.head
    if (commit) core.setOutput(Output.Commit, commit)
    if (proposal.pullRequest) {
      core.setOutput(Output.PullRequestUrl, proposal.pullRequest.url)
      core.setOutput(Output.PullRequestNumber, String(proposal.pullRequest.number))
    }
  }
  core.setOutput(Output.PullRequestOperation, pullRequestOperation(result))
  if (proposal?.ci?.runId) {
    core.setOutput(Output.RunId, String(proposal.ci.runId))
    core.setOutput(Output.RunUrl, proposal.ci.url)
  }
  if (result.check && !result.check.passed) {
    // A step that succeeds leaves warnings, not errors, for the failure it healed (or was told not to fail for); a
    // flaky check's failures are warnings that name the flaky tests.
    annotateCheck(
      result.check,
      result.outcome === 'flaky'
        ? 'flaky: it passed when run again at the same commit'
        : result.ok
          ? result.outcome === 'healed'
            ? `healed by self-heal: ${whereFixed(result)}`
            : `self-heal does not fail the step: fail-when is ${result.failWhen}`
          : undefined
    )
  }
  if (result.outcome === 'flaky') core.warning(result.reason)
  else if (result.ok && result.outcome === 'healed') core.notice(result.reason)
  else core.info(result.reason)
  await summarizeHeal(result, command)
  if (!result.ok) core.setFailed(result.reason)
}

/** Where a healed run's fix is, in a few words. */
function whereFixed(result: HealOutput): string {
  const proposal = result.proposal
  if (proposal?.deliver === 'commit') return `commit ${proposal.commit} on ${proposal.branch}`
  if (proposal?.pullRequest) return proposal.pullRequest.url
  return proposal?.review?.url ?? proposal?.branch ?? 'see the job summary'
}

async function applyOperation(factory: AdapterFactory, cwd: string): Promise<void> {
  const inline = core.getInput(Input.Patch)
  const file = core.getInput(Input.PatchFile)
  if (Boolean(inline) === Boolean(file)) {
    throw new InvalidInputError(`Give exactly one of the inputs '${Input.Patch}' or '${Input.PatchFile}'.`)
  }
  // Inputs lose their final newline; a diff needs it. A file is read as bytes: the diff may hold any encoding.
  const diff = inline ? `${inline.replace(/\n?$/, '\n')}` : await fs.readFile(resolve(cwd, file))
  const { runApply } = await import('./commands/apply.js')
  const result = await runApply(await factory.git(), {
    diff,
    branch: core.getInput(Input.Branch, { required: true }),
    message: core.getInput(Input.Message, { required: true }),
    base: core.getInput(Input.Base) || undefined,
    pullRequest: core.getBooleanInput(Input.PullRequest)
      ? { title: core.getInput(Input.Title) || undefined, body: core.getInput(Input.Body) || undefined }
      : undefined
  })
  core.setOutput(Output.Commit, result.commit)
  core.setOutput(Output.Branch, result.branch)
  if (result.pullRequest) {
    core.setOutput(Output.PullRequestUrl, result.pullRequest.url)
    core.setOutput(Output.PullRequestNumber, String(result.pullRequest.number))
  }
  await summarizeApply(result)
}

async function dispatchOperation(settings: Settings): Promise<void> {
  if (!settings.repository) {
    throw new ConfigurationError(
      "No repository: set the input 'repository' (default: the workflow's repository)."
    )
  }
  const timeout = core.getInput(Input.Timeout)
  const wait = core.getBooleanInput(Input.Wait)
  const { dispatch, dispatchActionOutputs, parseInputOptions } = await import('./commands/dispatch.js')
  const result = await dispatch({
    workflow: core.getInput(Input.Workflow, { required: true }),
    ref: core.getInput(Input.Ref) || process.env.GITHUB_REF_NAME || undefined,
    inputs: parseInputOptions(core.getMultilineInput(Input.Inputs)),
    wait,
    timeoutSeconds: timeout ? readPositive(timeout, `Input '${Input.Timeout}'`) : undefined,
    repository: settings.repository,
    token: settings.token,
    apiUrl: settings.apiUrl,
    log: core.info
  })
  for (const [name, value] of Object.entries(dispatchActionOutputs(result))) core.setOutput(name, value)
  await summarizeDispatch(result)
  if (wait && result.conclusion !== 'success') {
    core.setFailed(`Run ${result.runId} concluded ${result.conclusion}: ${result.runUrl}`)
  }
}

async function deliverOperation(settings: Settings): Promise<void> {
  if (!settings.token) {
    throw new ConfigurationError(
      "operation 'deliver' needs a token with pull-requests: write and actions: read (the input 'token')."
    )
  }
  if (!settings.repository) {
    throw new ConfigurationError("operation 'deliver' needs the repository (the input 'repository').")
  }
  const [
    { deliverFix, readDeliverMode, readTriggeringRun },
    { readPolicy },
    { createGitHubClient },
    { GitHubAPIAdapter },
    { GitHubStorageAdapter }
  ] = await Promise.all([
    import('./heal/deliver.js'),
    import('./heal/request.js'),
    import('./github/client.js'),
    import('./adapters/github/git.js'),
    import('./adapters/github/storage.js')
  ])
  const mode = readDeliverMode(core.getInput(Input.Deliver), `the input '${Input.Deliver}'`)
  const token = settings.token
  const run = readTriggeringRun(process.env)
  const client = createGitHubClient({
    token,
    apiUrl: settings.apiUrl,
    repository: settings.repository,
    log: coreLogger
  })
  const policyText = core.getInput(Input.Policy)
  const kindInput = core.getInput(Input.Kind)
  const kind = kindInput.trim() ? parseCheckKind(kindInput, `input '${Input.Kind}'`) : undefined
  const result = await deliverFix(
    client.octokit,
    run,
    {
      owner: client.owner,
      repo: client.repo,
      policy: policyText.trim() ? readPolicy(policyText, `the input '${Input.Policy}'`) : undefined,
      mode,
      // The check CI runs: deliver protects the files it runs, and those of the check the artifact names.
      check: core.getInput(Input.Command).trim() || undefined,
      kind,
      // The base files the fix changes, at the head it was made against (GitHub keeps a fork's pull request
      // commits in the base repository).
      storageAt: commit => new GitHubStorageAdapter(client, { commit }),
      // The fork's branch is written through the API with the same token: only an App or user token may.
      forkGit: repository =>
        new GitHubAPIAdapter(
          createGitHubClient({
            token,
            apiUrl: settings.apiUrl,
            repository,
            log: coreLogger
          })
        )
    },
    coreLogger
  )
  core.setOutput(Output.Outcome, result.outcome)
  core.setOutput(Output.Result, JSON.stringify(result))
  if (result.pullRequest) core.setOutput(Output.PullRequestNumber, String(result.pullRequest))
  if (result.commit) {
    core.setOutput(Output.Commit, result.commit.sha)
    core.setOutput(Output.Branch, result.commit.branch)
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addHeading('self-heal deliver', 3).addRaw(result.reason, true).write()
  }
  if (result.ok) core.info(result.reason)
  else core.setFailed(result.reason)
}
