/**
 * The `self-heal` CLI: commander wiring, the JSON and exit-code contract (0 succeeded, 1 ran and did not
 * succeed, 2 bad usage, input or configuration), and one JSON object on stdout with `--json` (logs on stderr) —
 * for a usage error too, which commander would otherwise only print as text.
 */
// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.
import { promises as fs } from 'node:fs'
import { resolve } from 'node:path'
import { Command, CommanderError, Help, Option } from 'commander'
import { AdapterFactory } from '../adapters/factory.js'
import { CHECK_KINDS, runCheck, type CheckKind, type CheckOutput } from '../commands/check.js'
import type { ApplyOutput } from '../commands/apply.js'
import type { HealInputs } from '../heal/request.js'
import { failureLines, formatFailure, plural } from '../heal/report.js'
import type { DiffStats, HealOutput } from '../heal/types.js'
import type { CacheAdapter } from '../adapters/cache.js'
import { detectEnvironment, ENVIRONMENTS, REASON_TEXT } from '../environment.js'
import {
  ConfigurationError,
  FileNotFoundError,
  InvalidInputError,
  SelfHealError,
  UsageError,
  errorMessage
} from '../errors.js'
import type { DispatchOutput } from '../commands/dispatch.js'
import { parsePassEnv } from '../adapters/local/scrub-env.js'
import { stderrLogger, type Logger } from '../log.js'
import { readPositive, readSettings, type RawSettings } from '../settings.js'
import { setSurface } from '../surface.js'
import { VERSION } from '../version.js'
import { APPLY_HELP, CHECK_HELP, DISPATCH_HELP, ENV_HELP, HEAL_HELP, PROGRAM_HELP } from './help.js'
import { StatusLine } from './status-line.js'

// A command imports what only it needs (the heal loop, the diff machinery, Octokit, the fix memory) when it runs,
// so `check` and `--help` load none of it.

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
  /** Where a command's own output is echoed, with backpressure (default: through `stderr`, without). */
  echo?: NodeJS.WritableStream
  /** The terminal's width when stderr is a terminal (progress is then one line rewritten in place). */
  stderrColumns?: number
}

/** The streams inside the CLI: stderr through the status line, which also shows a run's progress. */
interface Io extends CliIo {
  status: StatusLine
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
  echo: process.stderr,
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
  get stderrColumns() {
    return process.stderr.isTTY ? process.stderr.columns : undefined
  }
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves with the exit code. */
export async function main(argv: string[], cliIo: CliIo = defaultIo): Promise<number> {
  setSurface('cli')
  const status = new StatusLine({ write: cliIo.stderr, columns: cliIo.stderrColumns })
  const io: Io = { ...cliIo, stderr: status.text, status }
  const state = {
    exitCode: 0,
    // Usage errors happen before a command's options exist: until then, --json is read from argv.
    json: wantsJson(argv),
    command: undefined as string | undefined
  }
  const program = buildProgram(io, state, argv)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    status.end()
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0.
      if (error.exitCode === 0) return 0
      // Commander has printed the usage error on stderr; --json still gets its one object.
      if (state.json) printJsonError(io, usageError(error, state.command))
      return 2
    }
    return reportError(io, error, state.json)
  }
  return state.exitCode
}

/** Whether `--json` is among the options (before a `--` that ends them). */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json')
}

/** A commander usage error (an unknown option, a missing required one, no command) as a UsageError. */
function usageError(error: CommanderError, command: string | undefined): UsageError {
  const message =
    error.code === 'commander.help' || error.code === 'commander.helpDisplayed'
      ? `give a command: ${COMMANDS.join(', ')}`
      : error.message.replace(/^error: /, '').replace(/\.$/, '')
  return new UsageError(`${message}: run 'self-heal${command ? ` ${command}` : ''} --help' for usage.`)
}

/** Prints an error on stderr (and with --json as the JSON object on stdout), and returns the exit code. */
function reportError(io: Io, error: unknown, json: boolean): number {
  io.stderr(`self-heal: ${errorMessage(error)}\n`)
  if (!(error instanceof SelfHealError) && io.env.SELF_HEAL_DEBUG && error instanceof Error && error.stack) {
    io.stderr(`${error.stack}\n`)
  }
  if (json) printJsonError(io, error)
  return exitCodeOf(error)
}

function printJsonError(io: Io, error: unknown): void {
  // Only self-heal's own errors have names that survive bundling; anything else is a plain Error.
  const type = error instanceof SelfHealError ? error.name : 'Error'
  const body = { type, message: errorMessage(error), exitCode: exitCodeOf(error) }
  io.stdout(`${JSON.stringify({ error: body })}\n`)
}

function exitCodeOf(error: unknown): number {
  return error instanceof SelfHealError ? error.exitCode : 1
}

const COMMANDS = ['env', 'check', 'apply', 'dispatch', 'heal', 'memory'] as const
const COMMON_OPTIONS = 'Common options:'

function buildProgram(
  io: Io,
  state: { exitCode: number; json: boolean; command?: string },
  argv: readonly string[]
): Command {
  // A command named first is the only one that can run: the others are not built (their options cost a start a few
  // milliseconds). Anything else (--help, help, an unknown or misspelt command) gets them all.
  const named = (COMMANDS as readonly string[]).includes(argv[0]) ? argv[0] : undefined
  const wanted = (name: (typeof COMMANDS)[number]): boolean => named === undefined || named === name
  const program = new Command('self-heal')
    .description(
      "Keeps a repository's checks green: run checks, commit verified fixes, dispatch workflow runs."
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: text => io.stdout(text), writeErr: text => io.stderr(text) })
    .configureHelp({
      // Each command's own options first, then those every command has (which are added first).
      groupItems<T extends Command | Option>(unsorted: T[], visible: T[], getGroup: (item: T) => string) {
        const groups = new Help().groupItems(unsorted, visible, getGroup)
        const common = groups.get(COMMON_OPTIONS)
        if (common) {
          groups.delete(COMMON_OPTIONS)
          groups.set(COMMON_OPTIONS, common)
        }
        return groups
      }
    })
    .showHelpAfterError("(run 'self-heal --help' for usage)")
    .addHelpText('after', PROGRAM_HELP)
    .hook('preSubcommand', (_program, command) => {
      state.command = command.name()
    })

  const run = (handler: (options: CommonOptions, logger: Logger) => Promise<Outcome>) => {
    return async (options: CommonOptions) => {
      state.json = Boolean(options.json)
      const outcome = await handler(options, cliLogger(io))
      io.status.end()
      io.stdout(
        options.json
          ? `${JSON.stringify(outcome.json)}\n`
          : outcome.text.endsWith('\n')
            ? outcome.text
            : `${outcome.text}\n`
      )
      state.exitCode = outcome.ok ? 0 : 1
    }
  }

  if (wanted('env'))
    withCommon(subcommand(program, 'env', '[options]'))
      .description('Show the detected environment and the adapter chosen for each port.')
      .addHelpText('after', ENV_HELP)
      .action(
        run(async options => {
          const { factory, detection } = prepare(options, io)
          const description = await factory.describe()
          const json = { environment: detection.environment, reason: detection.reason, ...description }
          const text = [
            `environment: ${detection.environment} (${detection.reason}: ${REASON_TEXT[detection.reason]})`,
            ...Object.entries(description.adapters).map(
              ([port, kind]) =>
                `${port.padEnd(10)} ${kind}${port === 'cache' && description.cachePath ? ` (${description.cachePath})` : ''}`
            ),
            ...(description.missing.length ? [`missing: ${description.missing.join('; ')}`] : [])
          ].join('\n')
          return { json, text, ok: true }
        })
      )

  if (wanted('check'))
    withCommon(subcommand(program, 'check', '--test|--build|--lint|--command <cmd> [options]'))
      .description('Run one check (tests, build, lint or a command) and report structured results.')
      .addHelpText('after', CHECK_HELP)
      .addOption(new Option('--test <cmd>', 'run tests with this command'))
      .addOption(new Option('--build <cmd>', 'run a build with this command'))
      .addOption(new Option('--lint <cmd>', 'run lint with this command'))
      .addOption(new Option('--command <cmd>', 'run a plain command'))
      .option(
        '--timeout <seconds>',
        'stop the command (and everything it started) after this many seconds',
        v => readPositive(v, '--timeout')
      )
      .option(
        '--report <path>',
        'a report file the command writes (JUnit XML, TAP, Jest JSON or ESLint JSON)'
      )
      .option('--ref <ref>', 'in cloud: the branch, tag or commit SHA to check (default: the default branch)')
      .option('--pass-env <name>', PASS_ENV_HELP, collect, [] as string[])
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
          const ref = options.ref as string | undefined
          if (ref && detection.environment !== 'cloud') {
            throw new ConfigurationError(
              `--ref checks a ref with no checkout, in the cloud environment: add --environment cloud (and --repository), or check ${ref} out and run the check here.`
            )
          }
          try {
            const execution = await factory.execution()
            logger.info(`Running ${kind} check: ${String(options[kind])}`)
            const result = await runCheck(execution, kind, String(options[kind]), {
              timeoutSeconds: options.timeout as number | undefined,
              reportPath: options.report as string | undefined,
              // Local processes run where the user is; a remote run starts at the repository root.
              cwd: detection.environment === 'cloud' ? undefined : settings.cwd,
              ...(ref ? { ref } : {})
            })
            return { json: result, text: describeCheck(result), ok: result.passed }
          } finally {
            await factory.close()
          }
        })
      )

  if (wanted('apply'))
    withCommon(subcommand(program, 'apply', '--patch <file> --branch <name> --message <msg> [options]'))
      .description(
        'Commit a diff to a branch without touching your work tree, and optionally open a pull request.'
      )
      .addHelpText('after', APPLY_HELP)
      .requiredOption(
        '--patch <file>',
        "(required) the diff to apply (a file made by `git diff --binary`, or '-' for stdin)"
      )
      .requiredOption(
        '--branch <name>',
        '(required) the branch to commit to (created from --base when missing)'
      )
      .requiredOption('--message <msg>', '(required) the commit message')
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

  if (wanted('dispatch'))
    withCommon(subcommand(program, 'dispatch', '--workflow <file> --ref <ref> [options]'))
      .description(
        'Dispatch a workflow run on GitHub Actions, identify it, and optionally wait for its result.'
      )
      .addHelpText('after', DISPATCH_HELP)
      .requiredOption('--workflow <file>', '(required) the workflow file name (e.g. self-heal-run.yml) or id')
      .requiredOption('--ref <ref>', '(required) the branch, tag or commit SHA to run on')
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
            log: message => logger.info(message),
            onProgress: io.status.progress
          })
          return { json: result, text: describeDispatch(result), ok: dispatchExitCode(result) === 0 }
        })
      )

  if (wanted('heal'))
    withCommon(subcommand(program, 'heal', '--check <cmd> [options]'))
      .description(
        'Run a check; when it fails, find a fix (remembered, or from your fixers), verify it, and propose it on a branch.'
      )
      .addHelpText('after', HEAL_HELP)
      .requiredOption('--check <cmd>', '(required) the check to heal')
      .option('--kind <kind>', `what the check is: ${CHECK_KINDS.join(', ')}`, 'test')
      .option(
        '--fix <cmd>',
        'a fixer to run in the work tree, in order (repeatable); `auto` (the default) derives them from the check',
        collect,
        [] as string[]
      )
      .option(
        '--verify-also <cmd>',
        'a further check a fix must pass before it counts (repeatable), e.g. the tests for a lint fix',
        collect,
        [] as string[]
      )
      .option('--dry-run', 'everything but writes: no branch, no pull request, nothing remembered')
      .option('--policy <file>', 'what a fix may change (YAML): paths, sizes, protected files, suppressions')
      // Read and checked by buildHealRequest, as the action's inputs are.
      .option(
        '--reruns <n>',
        'runs of a failed check at the same commit before it counts as failing (default 1)'
      )
      .option('--max-attempts <n>', 'most verification runs of the check in one heal (default 5)')
      .option('--base <branch>', 'the branch to propose the fix to (default: the branch checked out)')
      .option(
        '--ref <branch>',
        'in cloud: the branch to heal, with no checkout (default: the default branch)'
      )
      .option(
        '--run-id <id>',
        "in cloud: heal the failure of this completed workflow run (e.g. CI's), read from its jobs, annotations and log"
      )
      .option(
        '--timeout <seconds>',
        'stop a run of the check (and everything it started) after this many seconds (default 1800)'
      )
      .option('--report <path>', 'a report file the check writes (JUnit XML, TAP, Jest JSON or ESLint JSON)')
      .option(
        '--fail-when <when>',
        'exit 1 when: failing (the check fails), unhealed (no verified fix), never',
        'unhealed'
      )
      .option(
        '--deliver <how>',
        "pull-request (default), none (verify and report only); in a pull request's workflow also commit or suggest"
      )
      .option('--branch-prefix <prefix>', 'the fix branch is <prefix><fingerprint> (default self-heal/)')
      .option(
        '--branch <name>',
        'the whole fix branch name, {fingerprint} filled in (instead of --branch-prefix)'
      )
      .option(
        '--title <template>',
        "the fix's pull request title: {fingerprint}, {check}, {fixer}, {failed-tests} and {run-url} are filled in"
      )
      .option('--body <template>', "the fix's pull request body (the placeholders of --title)")
      .option('--labels <names>', "labels of the fix's pull request, comma-separated")
      .option('--reviewers <logins>', 'reviewers to request, comma-separated')
      .option('--team-reviewers <slugs>', 'teams to request a review from, comma-separated')
      .option('--assignees <logins>', 'users to assign, comma-separated')
      .option('--draft', "open the fix's pull request as a draft")
      .option(
        '--commit-message <template>',
        "the fix commit's message (the placeholders of --title; self-heal's trailer is added)"
      )
      .option(
        '--ci-workflow <file>',
        'a workflow file (e.g. ci.yml) to dispatch on the fix branch once the fix is committed there'
      )
      .option(
        '--fixer-timeout <seconds>',
        'stop a fixer (and everything it started) after this many seconds (default 600)'
      )
      .option(
        '--fix-in-place',
        "run fixers in the checkout itself, not in a copy of it (then an edit made while a fixer runs can't be told from the fixer's)"
      )
      .option(
        '--fixer-retries <n>',
        'runs again of a fixer whose fix was refused or failed, told why (default 1 for a fixer that reads SELF_HEAL_PROMPT or SELF_HEAL_FAILURE, else 0)'
      )
      .option('--pass-env <name>', PASS_ENV_HELP, collect, [] as string[])
      .option(
        '--verify <mode>',
        'in-place (default); clean: also verify in a fresh worktree with only the diff, after --setup; remote: also on the fix branch, in a run of the runner workflow, before the pull request'
      )
      .option(
        '--setup <cmd>',
        'with --verify clean: run this in the clean copy before the check (e.g. npm ci)'
      )
      .action(
        run(async (options: CommonOptions, logger) => {
          const { factory, settings, detection } = prepare(options, io)
          const policyFile = options.policy as string | undefined
          // With no checkout, the policy is the repository's own file, read from its default branch.
          const cloud = detection.environment === 'cloud'
          const { buildHealRequest } = await import('../heal/request.js')
          const request = buildHealRequest(
            {
              check: String(options.check),
              kind: options.kind as string,
              fix: options.fix as string[],
              dryRun: Boolean(options.dryRun),
              policy: policyFile
                ? cloud
                  ? {
                      text: await readRepositoryText(factory, policyFile, '--policy'),
                      where: `${policyFile} on the default branch`
                    }
                  : { text: await readText(resolve(settings.cwd, policyFile), '--policy'), where: policyFile }
                : undefined,
              reruns: options.reruns as string | undefined,
              maxAttempts: options.maxAttempts as string | undefined,
              base: options.base as string | undefined,
              timeout: options.timeout as string | undefined,
              report: options.report as string | undefined,
              failWhen: options.failWhen as string,
              deliver: options.deliver as string | undefined,
              branch: options.branch as string | undefined,
              branchPrefix: options.branchPrefix as string | undefined,
              title: options.title as string | undefined,
              body: options.body as string | undefined,
              labels: options.labels as string | undefined,
              reviewers: options.reviewers as string | undefined,
              teamReviewers: options.teamReviewers as string | undefined,
              assignees: options.assignees as string | undefined,
              draft: Boolean(options.draft),
              commitMessage: options.commitMessage as string | undefined,
              fixerTimeout: options.fixerTimeout as string | undefined,
              fixInPlace: Boolean(options.fixInPlace),
              verify: options.verify as string | undefined,
              setup: options.setup as string | undefined,
              fixerRetries: options.fixerRetries as string | undefined,
              verifyAlso: options.verifyAlso as string[],
              ciWorkflow: options.ciWorkflow as string | undefined
            },
            option => HEAL_OPTIONS[option],
            io.env
          )
          const { healWithFactory } = await import('../commands/heal.js')
          const { parseRunId } = await import('../heal/cloud.js')
          try {
            const result = await healWithFactory(factory, settings.cwd, request, logger, {
              ref: options.ref as string | undefined,
              runId: parseRunId(options.runId as string | undefined, '--run-id')
            })
            return { json: result, text: describeHeal(result), ok: result.ok }
          } finally {
            await factory.close()
          }
        })
      )

  if (wanted('memory'))
    withCommon(subcommand(program, 'memory', '<list|show|forget|export|import> [FINGERPRINT|FILE]'))
      .description(
        'The fix memory of this repository: list, show or forget remembered fixes, export them as JSON, import an export (a file, or - for stdin).'
      )
      .argument('<action>', 'list, show FINGERPRINT, forget FINGERPRINT, export, or import [FILE|-]')
      .argument('[target]', 'the fingerprint (show, forget) or the export to read (import; default -, stdin)')
      .action(async (action: string, target: string | undefined, options: CommonOptions) =>
        run(async () => {
          const { factory, settings } = prepare(options, io)
          try {
            const [{ repositoryIdentity }, { checkoutIdentity }] = await Promise.all([
              import('../commands/heal.js'),
              import('../adapters/local/workspace.js')
            ])
            const cache = await factory.cache()
            const repository = await repositoryIdentity(factory, () => checkoutIdentity(settings.cwd))
            return await memoryAction(cache, repository, action, target, async path =>
              path === '-' ? io.readStdin() : readText(resolve(settings.cwd, path), 'the export')
            )
          } finally {
            await factory.close()
          }
        })(options)
      )

  return program
}

/** Runs one `memory` action; its JSON, text and whether it succeeded. */
async function memoryAction(
  cache: CacheAdapter,
  repository: string,
  action: string,
  target: string | undefined,
  read: (path: string) => Promise<string>
): Promise<Outcome> {
  const { exportMemory, forgetMemory, importMemory, listMemory, showMemory } =
    await import('../commands/memory.js')
  const needs = (what: string): string => {
    if (!target)
      throw new InvalidInputError(
        `memory ${action} needs the ${what}: self-heal memory ${action} FINGERPRINT.`
      )
    return target
  }
  switch (action) {
    case 'list': {
      const fixes = await listMemory(cache, repository)
      const text = fixes.length
        ? fixes
            .map(
              f =>
                `${f.fingerprint}  ${f.kind}  verified ${f.verifiedAt}  replayed ${f.replays ?? 0}, failed ${f.failures ?? 0}  ${f.fixers.join(' && ') || '(no fixer recorded)'}`
            )
            .join('\n')
        : 'No fix is remembered for this repository.'
      return { json: { repository, fixes: fixes.map(({ diff: _diff, ...rest }) => rest) }, text, ok: true }
    }
    case 'show': {
      const fix = await showMemory(cache, repository, needs('fingerprint'))
      if (!fix)
        return {
          json: { fingerprint: target, found: false },
          text: `No fix is remembered for ${target}.`,
          ok: false
        }
      return {
        json: fix,
        text: `${fix.fingerprint} (${fix.kind}, verified ${fix.verifiedAt}${fix.commit ? ` at ${fix.commit.slice(0, 12)}` : ''}) by ${fix.fixers.join(' && ') || 'no fixer recorded'}\n${fix.diff}`,
        ok: true
      }
    }
    case 'forget': {
      const forgotten = await forgetMemory(cache, repository, needs('fingerprint'))
      return {
        json: { fingerprint: target, forgotten },
        text: forgotten ? `Forgot the fix for ${target}.` : `No fix was remembered for ${target}.`,
        ok: true
      }
    }
    case 'export': {
      const doc = await exportMemory(cache, repository)
      return { json: doc, text: JSON.stringify(doc, null, 2), ok: true }
    }
    case 'import': {
      const path = target ?? '-'
      const { imported } = await importMemory(
        cache,
        repository,
        await read(path),
        path === '-' ? 'stdin' : path
      )
      return { json: { imported }, text: `Imported ${imported.length} fix(es).`, ok: true }
    }
    default:
      throw new InvalidInputError(
        `Unknown memory action '${action}': give list, show, forget, export or import.`
      )
  }
}

/** The CLI option behind each of heal's inputs. */
const HEAL_OPTIONS: Record<keyof HealInputs, string> = {
  check: '--check',
  kind: '--kind',
  fix: '--fix',
  dryRun: '--dry-run',
  policy: '--policy',
  reruns: '--reruns',
  maxAttempts: '--max-attempts',
  base: '--base',
  timeout: '--timeout',
  report: '--report',
  failWhen: '--fail-when',
  deliver: '--deliver',
  branch: '--branch',
  branchPrefix: '--branch-prefix',
  title: '--title',
  body: '--body',
  labels: '--labels',
  reviewers: '--reviewers',
  teamReviewers: '--team-reviewers',
  assignees: '--assignees',
  draft: '--draft',
  commitMessage: '--commit-message',
  fixerTimeout: '--fixer-timeout',
  fixInPlace: '--fix-in-place',
  verify: '--verify',
  setup: '--setup',
  fixerRetries: '--fixer-retries',
  verifyAlso: '--verify-also',
  ciWorkflow: '--ci-workflow'
}

async function readText(path: string, option: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch (error) {
    throw new InvalidInputError(`Cannot read ${option} '${path}': ${errorMessage(error)}.`)
  }
}

/** A text file of the repository, through the Storage port (in cloud: the default branch, through the API). */
async function readRepositoryText(factory: AdapterFactory, path: string, option: string): Promise<string> {
  const storage = await factory.storage()
  try {
    return (await storage.readFile(path)).toString('utf8')
  } catch (error) {
    if (!(error instanceof FileNotFoundError)) throw error
    throw new InvalidInputError(
      `Cannot read ${option} '${path}': the repository has no such file on its default branch (with no checkout, ${option} names a file in the repository).`
    )
  }
}

/** Heal's text output: the outcome and why, then the facts behind it (what failed, what was tried, the fix). */
export function describeHeal(r: HealOutput): string {
  const lines = [`${r.outcome}: ${r.reason}`]
  if (r.check?.timedOut) {
    lines.push(`  the check timed out: --timeout ended it after ${(r.check.durationMs / 1000).toFixed(1)} s`)
  }
  if (r.check && !r.check.passed) {
    const { shown, total } = failureLines(r.check)
    if (shown.length) lines.push(`  ${r.check.failedTests.length ? 'failing' : 'problems'}:`)
    for (const line of shown) lines.push(`    ${formatFailure(line)}`)
    if (total > shown.length) lines.push(`    ... and ${total - shown.length} more`)
    if (!shown.length && r.check.outputTail) lines.push(...tail(r.check.outputTail, 10, '    | '))
  }
  if (r.fingerprint) lines.push(`  fingerprint ${r.fingerprint.id} (${r.fingerprint.basis})`)
  for (const a of r.attempts) {
    const what = a.source === 'memory' ? 'remembered fix' : `fixer '${a.fixer}'`
    if (a.result === 'crashed') {
      lines.push(
        `  ${what}: crashed (${a.timedOut ? 'the fixer timeout ended it' : `exit ${a.exitCode}`}, nothing changed)`
      )
      if (a.outputTail) lines.push(...tail(a.outputTail, 5, '    | '))
      continue
    }
    const size = a.stats && a.result !== 'no-change' ? ` (${diffSize(a.stats)})` : ''
    lines.push(`  ${what}: ${a.result}${size}`)
    for (const v of a.violations ?? []) lines.push(`    ${v.message}`)
  }
  for (const path of r.excluded ?? []) lines.push(`  left out (untracked before heal started): ${path}`)
  if (r.proposal?.commit) {
    lines.push(
      `  commit ${r.proposal.commit} on ${r.proposal.branch}${r.proposal.from ? ` (made from ${r.proposal.from}, as the remote has ${r.proposal.base})` : ''}`
    )
  }
  if (r.proposal?.pullRequest) {
    lines.push(
      `  pull request #${r.proposal.pullRequest.number} ${r.proposal.pullRequest.action}: ${r.proposal.pullRequest.url}`
    )
  } else if (r.proposal?.branch) {
    lines.push(
      `  branch ${r.proposal.branch}${r.proposal.pullRequestSkipped ? ` (no pull request: ${r.proposal.pullRequestSkipped})` : ''}`
    )
  }
  const ci = r.proposal?.ci
  if (ci)
    lines.push(`  ${ci.workflow}: ${ci.url ? `run ${ci.runId} ${ci.url}` : `not dispatched (${ci.skipped})`}`)
  if (r.dryRun && r.fix) lines.push('  the fix:', r.fix.diff.trimEnd())
  return lines.join('\n')
}

function diffSize(stats: DiffStats): string {
  return `${plural(stats.files, 'file')}, +${stats.added} -${stats.removed}`
}

/** The last `count` lines of `text`, each after `prefix`. */
function tail(text: string, count: number, prefix: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .slice(-count)
    .map(line => `${prefix}${line}`)
}

const PASS_ENV_HELP =
  'a variable the check and fixers keep though it looks like a credential (repeatable; globs such as NPM_*); ' +
  'the token self-heal uses is never passed'

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

/** A subcommand with its usage line, and a pointer to its own help after a usage error. */
function subcommand(program: Command, name: string, usage: string): Command {
  return program.command(name).usage(usage).showHelpAfterError(`(run 'self-heal ${name} --help' for usage)`)
}

/** Adds the options every command has, listed under their own heading after the command's own. */
function withCommon(command: Command): Command {
  const common = (flags: string, description: string) =>
    new Option(flags, description).helpGroup(COMMON_OPTIONS)
  return command
    .addOption(common('--environment <env>', 'force the environment').choices([...ENVIRONMENTS]))
    .addOption(common('--cwd <dir>', 'the directory to work in (default: the current directory)'))
    .addOption(
      common(
        '--repository <owner/name>',
        'the GitHub repository (default: GITHUB_REPOSITORY or the git remote)'
      )
    )
    .addOption(common('--token <token>', 'a GitHub token (default: GITHUB_TOKEN)'))
    .addOption(
      common('--api-url <url>', 'the GitHub REST API URL (default: GITHUB_API_URL or https://api.github.com)')
    )
    .addOption(
      common(
        '--cache-path <file>',
        "the fix memory's SQLite file in local, and in cloud outside Actions (default: SELF_HEAL_CACHE_PATH, or self-heal/cache.sqlite in the user's cache directory)"
      )
    )
    .addOption(common('--json', 'print exactly one JSON object on stdout'))
}

function prepare(options: CommonOptions, io: Io) {
  const settings = readSettings(options, io.env)
  const detection = detectEnvironment(io.env, settings.cwd, {
    explicit: settings.environment,
    token: Boolean(settings.token)
  })
  // A command's own output goes to stderr, so stdout keeps only the result.
  const factory = new AdapterFactory(detection.environment, settings, cliLogger(io), {
    ...(io.echo ? { echo: io.echo } : { onOutput: (_stream, chunk) => io.stderr(chunk.toString('utf8')) }),
    passEnv: parsePassEnv((options.passEnv as string[] | undefined) ?? [], '--pass-env'),
    onRunProgress: io.status.progress,
    // No post step follows a CLI command: the Actions cache saves its snapshot when the command closes it.
    saveCacheOn: 'close',
    env: io.env
  })
  return { settings, detection, factory }
}

function cliLogger(io: Io): Logger {
  return stderrLogger(io.env, io.stderr)
}

/** The patch file's bytes: a diff may hold text in any encoding, and bytes cost a third of the memory of text. */
async function readPatch(path: string): Promise<Buffer> {
  try {
    return await fs.readFile(path)
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
