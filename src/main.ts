/**
 * The action's main step. `run()` reads the inputs once, runs the operation, writes outputs and the job summary,
 * and is the only place that turns an error into a failed step.
 */
import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AdapterFactory } from './adapters/factory.js'
import { runApply } from './commands/apply.js'
import { parseCheckKind, runCheck, type CheckOutput } from './commands/check.js'
import { Input, Output } from './constants.js'
import { detectEnvironment } from './environment.js'
import { InvalidInputError, errorMessage } from './errors.js'
import type { Logger } from './log.js'
import { readSettings } from './settings.js'
import { annotateCheck, summarizeApply, summarizeCheck } from './report/summary.js'

/** The operations the action performs. */
export const OPERATIONS = ['check', 'apply'] as const

/** A logger over @actions/core. */
export const coreLogger: Logger = { info: core.info, warning: core.warning, debug: core.debug }

/** The action's main entry: never throws; a failure is reported with core.setFailed. */
export async function run(): Promise<void> {
  try {
    const operation = core.getInput(Input.Operation) || 'check'
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
    const factory = new AdapterFactory(detection.environment, settings, coreLogger)
    try {
      switch (operation) {
        case 'check':
          return await checkOperation(factory)
        case 'apply':
          return await applyOperation(factory, settings.cwd)
        default:
          throw new InvalidInputError(
            `Unknown operation '${operation}': use one of ${OPERATIONS.join(', ')}.`
          )
      }
    } finally {
      await factory.close()
    }
  } catch (error) {
    core.setFailed(errorMessage(error))
  }
}

async function checkOperation(factory: AdapterFactory): Promise<void> {
  const command = core.getInput(Input.Command, { required: true })
  const kind = parseCheckKind(core.getInput(Input.Kind) || 'test')
  const timeout = core.getInput(Input.Timeout)
  const result: CheckOutput = await core.group(`Run ${kind} check`, async () =>
    runCheck(await factory.execution(), kind, command, {
      timeoutSeconds: timeout ? positiveNumber(timeout, Input.Timeout) : undefined,
      reportPath: core.getInput(Input.ReportPath) || undefined
    })
  )
  core.setOutput(Output.Passed, String(result.passed))
  core.setOutput(Output.ExitCode, String(result.exitCode))
  core.setOutput(Output.Result, JSON.stringify(result))
  annotateCheck(result)
  await summarizeCheck(result, command)
  if (!result.passed)
    core.setFailed(
      `The ${kind} check failed (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}).`
    )
}

async function applyOperation(factory: AdapterFactory, cwd: string): Promise<void> {
  const inline = core.getInput(Input.Patch)
  const file = core.getInput(Input.PatchFile)
  if (Boolean(inline) === Boolean(file))
    throw new InvalidInputError(`Give exactly one of the inputs '${Input.Patch}' or '${Input.PatchFile}'.`)
  const diff = inline ? `${inline.replace(/\n?$/, '\n')}` : await readFile(resolve(cwd, file), 'utf8')
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

function positiveNumber(value: string, input: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidInputError(`Input '${input}' must be a positive number (got '${value}').`)
  return n
}
