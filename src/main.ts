/**
 * The action's main step. `run()` reads the inputs once, runs the operation, writes outputs and the job summary,
 * and is the only place that turns an error into a failed step.
 */
import * as core from './actions-core.js'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AdapterFactory } from './adapters/factory.js'
import { parseCheckKind, toCheckOutput } from './commands/check.js'
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
import { readCount, readPositive, readSettings, type Settings } from './settings.js'
import { annotateCheck, summarizeApply, summarizeCheck, summarizeDispatch, summarizeHeal } from './summary.js'

/** The operations the action performs. */
export const OPERATIONS = ['heal', 'check', 'apply', 'dispatch'] as const

/** A logger over @actions/core. */
export const coreLogger: Logger = { info: core.info, warning: core.warning, debug: core.debug }

// Each operation imports what only it needs (the heal loop, the diff machinery, Octokit) when it starts: a start
// of the action costs what its operation uses.

/** The action's main entry: never throws; a failure is reported with core.setFailed. */
export async function run(): Promise<void> {
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
    const detection = detectEnvironment(process.env, settings.cwd, settings.environment)
    core.setOutput(Output.Environment, detection.environment)
    core.info(`self-heal: ${operation} in ${detection.environment} (${detection.reason})`)
    // The command's output goes to the job log as a `run:` step's would.
    const echo = new LogEcho()
    const factory = new AdapterFactory(detection.environment, settings, coreLogger, { onOutput: echo.write })
    try {
      if (operation === 'heal') {
        await healOperation(factory, echo, settings.cwd)
      } else if (operation === 'check') {
        await checkOperation(factory, echo, detection.environment === 'cloud' ? undefined : settings.cwd)
      } else if (operation === 'apply') {
        await applyOperation(factory, settings.cwd)
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

/** Copies a command's output to stdout and knows whether the log is at the start of a line. */
class LogEcho {
  private atLineStart = true

  readonly write = (_stream: 'stdout' | 'stderr', chunk: Buffer): void => {
    if (chunk.length === 0) return
    process.stdout.write(chunk)
    this.atLineStart = chunk[chunk.length - 1] === 0x0a
  }

  /** Ends an unterminated last line, so workflow commands that follow start a line of their own. */
  endLine(): void {
    if (!this.atLineStart) process.stdout.write('\n')
    this.atLineStart = true
  }
}

async function checkOperation(
  factory: AdapterFactory,
  echo: LogEcho,
  cwd: string | undefined
): Promise<void> {
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
  const raw = await core.group(`Run ${request.kind} check`, async () => {
    try {
      return await runCheckRequest(await factory.execution(), { ...request, options })
    } finally {
      echo.endLine()
    }
  })
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

async function healOperation(factory: AdapterFactory, echo: LogEcho, cwd: string): Promise<void> {
  const command = core.getInput(Input.Command)
  if (!command.trim()) {
    throw new InvalidInputError(`Give the check to heal in the input '${Input.Command}' (e.g. npm test).`)
  }
  const kind = parseCheckKind(core.getInput(Input.Kind) || 'test', `input '${Input.Kind}'`)
  const policyText = core.getInput(Input.Policy)
  const timeout = core.getInput(Input.Timeout)
  const { healContext, healWithFactory, readPolicy } = await import('./commands/heal.js')
  const context = healContext(process.env)
  const result = await core.group(`Heal the ${kind} check`, async () => {
    try {
      return await healWithFactory(
        factory,
        cwd,
        {
          kind,
          check: command,
          checkOptions: {
            timeoutSeconds: timeout ? readPositive(timeout, `Input '${Input.Timeout}'`) : undefined,
            reportPath: core.getInput(Input.ReportPath) || undefined
          },
          fixers: core.getMultilineInput(Input.Fix).filter(line => line.trim()),
          dryRun: core.getBooleanInput(Input.DryRun),
          policy: policyText.trim() ? readPolicy(policyText, `the input '${Input.Policy}'`) : undefined,
          reruns: readCount(core.getInput(Input.Reruns) || '1', `Input '${Input.Reruns}'`),
          maxAttempts: readCount(core.getInput(Input.MaxAttempts) || '5', `Input '${Input.MaxAttempts}'`),
          base: core.getInput(Input.Base) || context.base,
          noProposal: context.noProposal,
          disabled: context.disabled
        },
        coreLogger
      )
    } finally {
      echo.endLine()
    }
  })
  core.setOutput(Output.Outcome, result.outcome)
  core.setOutput(Output.Result, JSON.stringify(result))
  if (result.check) core.setOutput(Output.Passed, String(result.check.passed))
  if (result.fingerprint) core.setOutput(Output.Fingerprint, result.fingerprint.id)
  if (result.proposal) {
    core.setOutput(Output.Branch, result.proposal.branch)
    if (result.proposal.commit) core.setOutput(Output.Commit, result.proposal.commit)
    if (result.proposal.pullRequest) {
      core.setOutput(Output.PullRequestUrl, result.proposal.pullRequest.url)
      core.setOutput(Output.PullRequestNumber, String(result.proposal.pullRequest.number))
    }
  }
  if (result.check && !result.check.passed && result.outcome !== 'flaky') annotateCheck(result.check)
  if (result.outcome === 'flaky') core.warning(result.reason)
  else core.info(result.reason)
  await summarizeHeal(result, command)
  if (!result.ok) core.setFailed(result.reason)
}

async function applyOperation(factory: AdapterFactory, cwd: string): Promise<void> {
  const inline = core.getInput(Input.Patch)
  const file = core.getInput(Input.PatchFile)
  if (Boolean(inline) === Boolean(file)) {
    throw new InvalidInputError(`Give exactly one of the inputs '${Input.Patch}' or '${Input.PatchFile}'.`)
  }
  // Inputs lose their final newline; a diff needs it. A file is read as bytes: the diff may hold any encoding.
  const diff = inline ? `${inline.replace(/\n?$/, '\n')}` : await readFile(resolve(cwd, file))
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
