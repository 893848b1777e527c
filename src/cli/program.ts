/**
 * The `self-heal` CLI: commander wiring, the JSON and exit-code contract (0 succeeded, 1 ran and did not
 * succeed, 2 bad usage, input or configuration), and one JSON object on stdout with `--json` (logs on stderr).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import { AdapterFactory } from '../adapters/factory.js'
import { CHECK_KINDS, parseCheckKind, runCheck, type CheckKind, type CheckOutput } from '../commands/check.js'
import type { ApplyOutput } from '../commands/apply.js'
import type { HealOutput } from '../commands/heal.js'
import { detectEnvironment, ENVIRONMENTS } from '../environment.js'
import { ConfigurationError, InvalidInputError, SelfHealError, errorMessage } from '../errors.js'
import type { DispatchOutput } from '../commands/dispatch.js'
import { stderrLogger, type Logger } from '../log.js'
import { readCount, readPositive, readSettings, type RawSettings } from '../settings.js'
import { VERSION } from '../version.js'

// A command imports what only it needs (the heal loop, the diff machinery, Octokit) when it runs, so `check` and
// `--help` load none of it.

/** Streams and process facts the CLI uses, injectable for tests. */
export interface CliIo {
  /** Where results go. */
  stdout: (text: string) => void
  /** Where logs and errors go. */
  stderr: (text: string) => void
  /** Environment variables. */
  env: NodeJS.ProcessEnv
  /** Reads standard input (for `--patch -`). */
  readStdin: () => Promise<string>
}

interface CommonOptions extends RawSettings {
  json?: boolean
  [option: string]: unknown
}

/** A command's outcome: what to print, and whether the operation succeeded. */
interface Outcome {
  json: object
  text: string
  ok: boolean
}

const defaultIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves with the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0
  const program = buildProgram(io, code => {
    exitCode = code
  })
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2
    }
    io.stderr(`self-heal: ${errorMessage(error)}\n`)
    return 2
  }
  return exitCode
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('self-heal')
    .description(
      "Keeps a repository's checks green: run checks, commit verified fixes, dispatch workflow runs."
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: text => io.stdout(text), writeErr: text => io.stderr(text) })
    .showHelpAfterError('(run with --help for usage)')

  const run = (handler: (options: CommonOptions, logger: Logger) => Promise<Outcome>) => {
    return async (options: CommonOptions) => {
      const logger = stderrLogger(io.env)
      try {
        const outcome = await handler(options, logger)
        io.stdout(
          options.json
            ? `${JSON.stringify(outcome.json)}\n`
            : outcome.text.endsWith('\n')
              ? outcome.text
              : `${outcome.text}\n`
        )
        setExit(outcome.ok ? 0 : 1)
      } catch (error) {
        const code = error instanceof SelfHealError ? error.exitCode : 1
        const message = errorMessage(error)
        io.stderr(`self-heal: ${message}\n`)
        if (
          !(error instanceof SelfHealError) &&
          io.env.SELF_HEAL_DEBUG &&
          error instanceof Error &&
          error.stack
        ) {
          io.stderr(`${error.stack}\n`)
        }
        if (options.json) {
          const type = error instanceof Error ? error.name : 'Error'
          io.stdout(`${JSON.stringify({ error: { type, message, exitCode: code } })}\n`)
        }
        setExit(code)
      }
    }
  }

  withCommon(program.command('env'))
    .description('Show the detected environment and the adapter chosen for each port.')
    .action(
      run(async options => {
        const { factory, detection } = prepare(options, io)
        const description = await factory.describe()
        const json = { environment: detection.environment, reason: detection.reason, ...description }
        const text = [
          `environment: ${detection.environment} (${detection.reason})`,
          ...Object.entries(description.adapters).map(([port, kind]) => `${port.padEnd(10)} ${kind}`),
          ...(description.missing.length ? [`missing: ${description.missing.join('; ')}`] : [])
        ].join('\n')
        return { json, text, ok: true }
      })
    )

  withCommon(program.command('check'))
    .description('Run one check (tests, build, lint or a command) and report structured results.')
    .addOption(new Option('--test <cmd>', 'run tests with this command'))
    .addOption(new Option('--build <cmd>', 'run a build with this command'))
    .addOption(new Option('--lint <cmd>', 'run lint with this command'))
    .addOption(new Option('--command <cmd>', 'run a plain command'))
    .option(
      '--timeout <seconds>',
      'stop the command (and everything it started) after this many seconds',
      v => readPositive(v, '--timeout')
    )
    .option('--report <path>', 'a report file the command writes (JUnit XML, TAP, Jest JSON or ESLint JSON)')
    .action(
      run(async (options: CommonOptions, logger) => {
        const chosen = CHECK_KINDS.filter(kind => typeof options[kind] === 'string')
        if (chosen.length !== 1) {
          throw new InvalidInputError(
            'Give exactly one of --test CMD, --build CMD, --lint CMD or --command CMD.'
          )
        }
        const kind: CheckKind = chosen[0]
        const { factory, settings, detection } = prepare(options, io)
        try {
          const execution = await factory.execution()
          logger.info(`Running ${kind} check: ${String(options[kind])}`)
          const result = await runCheck(execution, kind, String(options[kind]), {
            timeoutSeconds: options.timeout as number | undefined,
            reportPath: options.report as string | undefined,
            // Local processes run where the user is; a remote run starts at the repository root.
            cwd: detection.environment === 'cloud' ? undefined : settings.cwd
          })
          return { json: result, text: describeCheck(result), ok: result.passed }
        } finally {
          await factory.close()
        }
      })
    )

  withCommon(program.command('apply'))
    .description(
      'Commit a diff to a branch without touching your work tree, and optionally open a pull request.'
    )
    .requiredOption(
      '--patch <file>',
      "the diff to apply (a file made by `git diff --binary`, or '-' for stdin)"
    )
    .requiredOption('--branch <name>', 'the branch to commit to (created from --base when missing)')
    .requiredOption('--message <msg>', 'the commit message')
    .option('--base <ref>', 'the base of a new branch (default: HEAD, or the default branch in cloud)')
    .option('--pull-request', 'open a pull request for the branch, or update the open one')
    .option('--title <title>', 'the pull request title (default: the first line of the message)')
    .option('--body <body>', 'the pull request body')
    .action(
      run(async (options: CommonOptions) => {
        const patchSource = String(options.patch)
        const diff =
          patchSource === '-'
            ? await io.readStdin()
            : await readPatch(resolve(options.cwd ?? '.', patchSource))
        const { factory } = prepare(options, io)
        try {
          const { runApply } = await import('../commands/apply.js')
          const git = await factory.git()
          const result = await runApply(git, {
            diff,
            branch: String(options.branch),
            message: String(options.message),
            base: options.base as string | undefined,
            pullRequest: options.pullRequest
              ? { title: options.title as string | undefined, body: options.body as string | undefined }
              : undefined
          })
          return { json: result, text: describeApply(result), ok: true }
        } finally {
          await factory.close()
        }
      })
    )

  withCommon(program.command('dispatch'))
    .description(
      'Dispatch a workflow run on GitHub Actions, identify it, and optionally wait for its result.'
    )
    .requiredOption('--workflow <file>', 'the workflow file name (e.g. self-heal-run.yml) or id')
    .requiredOption('--ref <ref>', 'the branch, tag or commit SHA to run on')
    .option('--input <key=value>', 'a workflow input (repeatable)', collect, [] as string[])
    .option(
      '--wait',
      'wait for the run to complete and report its conclusion, failed jobs, tests and log tail'
    )
    .option('--timeout <seconds>', 'give up waiting after this many seconds (the run is cancelled)', v =>
      readPositive(v, '--timeout')
    )
    .action(
      run(async (options, logger) => {
        const { factory, settings } = prepare(options, io)
        const { dispatch, dispatchExitCode, parseInputOptions } = await import('../commands/dispatch.js')
        const repository = (await factory.describe()).repository
        if (!repository) {
          throw new ConfigurationError(
            'No repository: pass --repository OWNER/NAME (or set GITHUB_REPOSITORY).'
          )
        }
        const result = await dispatch({
          workflow: String(options.workflow),
          ref: String(options.ref),
          inputs: parseInputOptions(options.input as string[]),
          wait: Boolean(options.wait),
          timeoutSeconds: options.timeout as number | undefined,
          repository,
          token: settings.token,
          apiUrl: settings.apiUrl,
          log: message => logger.info(message)
        })
        return { json: result, text: describeDispatch(result), ok: dispatchExitCode(result) === 0 }
      })
    )

  withCommon(program.command('heal'))
    .description(
      'Run a check; when it fails, find a fix (remembered, or from your fixers), verify it, and propose it on a branch.'
    )
    .requiredOption('--check <cmd>', 'the check to heal')
    .option('--kind <kind>', `what the check is: ${CHECK_KINDS.join(', ')}`, 'test')
    .option('--fix <cmd>', 'a fixer to run in the work tree, in order (repeatable)', collect, [] as string[])
    .option('--dry-run', 'everything but writes: no branch, no pull request, nothing remembered')
    .option('--policy <file>', 'what a fix may change (YAML): paths, sizes, protected files, suppressions')
    .option(
      '--reruns <n>',
      'runs of a failed check at the same commit before it counts as failing',
      v => readCount(v, '--reruns'),
      1
    )
    .option(
      '--max-attempts <n>',
      'most verification runs of the check in one heal',
      v => readCount(v, '--max-attempts'),
      5
    )
    .option('--base <branch>', 'the branch to propose the fix to (default: the branch checked out)')
    .option(
      '--timeout <seconds>',
      'stop a run of the check (and everything it started) after this many seconds',
      v => readPositive(v, '--timeout')
    )
    .option('--report <path>', 'a report file the check writes (JUnit XML, TAP, Jest JSON or ESLint JSON)')
    .action(
      run(async (options: CommonOptions, logger) => {
        const kind = parseCheckKind(String(options.kind), '--kind')
        const { factory, settings } = prepare(options, io)
        const { healContext, healWithFactory, readPolicy } = await import('../commands/heal.js')
        const policy = options.policy
          ? readPolicy(
              await readText(resolve(settings.cwd, String(options.policy)), '--policy'),
              String(options.policy)
            )
          : undefined
        const context = healContext(io.env)
        try {
          const result = await healWithFactory(
            factory,
            settings.cwd,
            {
              kind,
              check: String(options.check),
              checkOptions: {
                timeoutSeconds: options.timeout as number | undefined,
                reportPath: options.report as string | undefined
              },
              fixers: options.fix as string[],
              dryRun: Boolean(options.dryRun),
              policy,
              reruns: options.reruns as number,
              maxAttempts: options.maxAttempts as number,
              base: (options.base as string | undefined) ?? context.base,
              noProposal: context.noProposal,
              disabled: context.disabled
            },
            logger
          )
          return { json: result, text: describeHeal(result), ok: result.ok }
        } finally {
          await factory.close()
        }
      })
    )

  return program
}

async function readText(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new InvalidInputError(`Cannot read ${option} '${path}': ${errorMessage(error)}.`)
  }
}

function describeHeal(r: HealOutput): string {
  const lines = [`${r.outcome}: ${r.reason}`]
  if (r.fingerprint) lines.push(`  fingerprint ${r.fingerprint.id} (${r.fingerprint.basis})`)
  for (const a of r.attempts) {
    const what = a.source === 'memory' ? 'remembered fix' : `fixer '${a.fixer}'`
    const size = a.stats ? ` (${a.stats.files} file(s), +${a.stats.added} -${a.stats.removed})` : ''
    lines.push(`  ${what}: ${a.result}${size}`)
    for (const v of a.violations ?? []) lines.push(`    ${v.message}`)
  }
  if (r.proposal?.pullRequest) {
    lines.push(
      `  pull request #${r.proposal.pullRequest.number} ${r.proposal.pullRequest.action}: ${r.proposal.pullRequest.url}`
    )
  } else if (r.proposal) {
    lines.push(
      `  branch ${r.proposal.branch}${r.proposal.pullRequestSkipped ? ` (no pull request: ${r.proposal.pullRequestSkipped})` : ''}`
    )
  }
  return lines.join('\n')
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function describeDispatch(r: DispatchOutput): string {
  const lines = [`run ${r.runId} ${r.conclusion ? `concluded ${r.conclusion}` : r.status}: ${r.runUrl}`]
  for (const job of r.jobs ?? []) {
    if (job.failedSteps.length)
      lines.push(`  job ${job.name}: ${job.conclusion}, failed steps: ${job.failedSteps.join(', ')}`)
  }
  for (const t of r.failedTests ?? []) lines.push(`  ✗ ${t.name}`)
  if (r.conclusion && r.conclusion !== 'success' && r.logTail) lines.push(r.logTail)
  return lines.join('\n')
}

function withCommon(command: Command): Command {
  return command
    .addOption(new Option('--environment <env>', 'force the environment').choices([...ENVIRONMENTS]))
    .option('--cwd <dir>', 'the directory to work in (default: the current directory)')
    .option(
      '--repository <owner/name>',
      'the GitHub repository (default: GITHUB_REPOSITORY or the git remote)'
    )
    .option('--token <token>', 'a GitHub token (default: GITHUB_TOKEN)')
    .option('--api-url <url>', 'the GitHub REST API URL (default: GITHUB_API_URL or https://api.github.com)')
    .option('--json', 'print exactly one JSON object on stdout')
}

function prepare(options: CommonOptions, io: CliIo) {
  const settings = readSettings(options, io.env)
  const detection = detectEnvironment(io.env, settings.cwd, settings.environment)
  // A command's own output goes to stderr, so stdout keeps only the result.
  const factory = new AdapterFactory(detection.environment, settings, stderrLogger(io.env), {
    onOutput: (_stream, chunk) => io.stderr(chunk.toString('utf8')),
    // No post step follows a CLI command: the Actions cache saves its snapshot when the command closes it.
    saveCacheOn: 'close',
    env: io.env
  })
  return { settings, detection, factory }
}

/** The patch file's bytes: a diff may hold text in any encoding, and bytes cost a third of the memory of text. */
async function readPatch(path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    throw new InvalidInputError(
      `Cannot read the patch '${path}': ${errorMessage(error)}. Pass a diff file or '-' for stdin.`
    )
  }
}

function describeCheck(r: CheckOutput): string {
  const lines = [
    `${r.kind} check ${r.passed ? 'passed' : r.timedOut ? 'timed out' : 'failed'} (exit ${r.exitCode}, ${r.durationMs} ms)`
  ]
  for (const t of r.failedTests)
    lines.push(
      `  ✗ ${t.name}${t.file ? ` (${t.file}${t.line ? `:${t.line}` : ''})` : ''}: ${t.message.split('\n')[0]}`
    )
  for (const p of r.problems)
    lines.push(
      `  ${p.severity} ${p.file}${p.line ? `:${p.line}` : ''}${p.column ? `:${p.column}` : ''} ${p.message}${p.rule ? ` (${p.rule})` : ''}`
    )
  if (!r.passed && r.failedTests.length === 0 && r.problems.length === 0 && r.outputTail)
    lines.push(r.outputTail)
  return lines.join('\n')
}

function describeApply(r: ApplyOutput): string {
  const lines = [`committed ${r.commit} on ${r.branch} (${r.files} file${r.files === 1 ? '' : 's'})`]
  if (r.pullRequest)
    lines.push(`pull request #${r.pullRequest.number} ${r.pullRequest.action}: ${r.pullRequest.url}`)
  return lines.join('\n')
}
