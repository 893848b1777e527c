/**
 * Local Execution: commands as child processes of this one. A string runs the way a workflow `run:` step runs it
 * (written to a script file, then `bash -e file`; see shell.ts); an argv array runs without any shell. Each
 * command leads its own process group (POSIX), so a timeout ends the whole tree: SIGTERM, then SIGKILL after a
 * grace period (`taskkill /T /F` on Windows). Output is streamed, passed to an optional listener, and capped
 * (head and tail kept), so huge output costs bounded memory and never blocks the child.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { constants as osConstants } from 'node:os'
import type {
  BuildResult,
  Command,
  CommandResult,
  ExecutionAdapter,
  LintResult,
  RunOptions,
  TestResult
} from '../execution.js'
import { InvalidInputError } from '../../errors.js'
import {
  readBuildProblems,
  readLintResults,
  readTestResults,
  type CommandOutput
} from '../../reports/index.js'
import type { PathContext } from '../../reports/text.js'
import { OutputCapper, splitBudget } from './output-capper.js'
import { killProcessTree, listDescendants } from './process-tree.js'
import { resolveShell, type ShellKind } from './shell.js'

/** Settings of the local Execution adapter. */
export interface LocalExecutionOptions {
  /** The repository root: relative `cwd`s and the paths in results are relative to it. */
  root: string
  /** The shell of command strings (default: what a `run:` step without `shell:` uses on this platform). */
  shell?: ShellKind
  /** Bytes of each of stdout and stderr kept in results (head and tail); default 4 MiB. */
  maxOutputBytes?: number
  /** Time between SIGTERM and SIGKILL when a timeout ends a process tree; default 3 s. */
  killGraceMs?: number
  /** The environment commands start from (default: this process's); `RunOptions.env` is laid over it. */
  env?: NodeJS.ProcessEnv
  /** Receives output as it arrives, e.g. to echo it to the log. */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void
  /** Timeout used when a run names none, in seconds; default none. */
  defaultTimeoutSeconds?: number
}

/** How long to wait for a command's output pipes to close after it exits (descendants may still hold them). */
const PIPE_DRAIN_MS = 500
/** The exit code reported for a command that could not be started (as a shell reports "command not found"). */
const NOT_STARTED_EXIT_CODE = 127

/** Process groups still running, ended if this process exits first (they are detached, so nothing else would). */
const running = new Set<number>()
let exitHookInstalled = false

function track(pid: number): void {
  if (!exitHookInstalled) {
    // Installed on first use: importing this module changes nothing about the process.
    exitHookInstalled = true
    process.once('exit', () => {
      for (const leader of running) {
        try {
          process.kill(process.platform === 'win32' ? leader : -leader, 'SIGKILL')
        } catch {
          // Already gone.
        }
      }
    })
  }
  running.add(pid)
}

/** Runs commands as local processes. */
export class LocalExecutionAdapter implements ExecutionAdapter {
  /** The kind reported by `self-heal env`. */
  readonly kind = 'local-process'
  /** The repository root (absolute). */
  readonly root: string
  private readonly options: LocalExecutionOptions

  constructor(options: LocalExecutionOptions) {
    this.root = resolve(options.root)
    this.options = options
  }

  async runCommand(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const { result } = await this.execute(command, options)
    return result
  }

  async runTests(command: Command, options: RunOptions = {}): Promise<TestResult> {
    const { result, output, context } = await this.execute(command, options)
    const detail = await readTestResults(output, context)
    const passed = result.exitCode === 0 && !result.timedOut && detail.failedTests.length === 0
    const tests: TestResult = { ...result, passed, source: detail.source, failedTests: detail.failedTests }
    if (detail.counts) tests.counts = detail.counts
    return tests
  }

  async runBuild(command: Command, options: RunOptions = {}): Promise<BuildResult> {
    const { result, output, context } = await this.execute(command, options)
    return {
      ...result,
      passed: result.exitCode === 0 && !result.timedOut,
      problems: readBuildProblems(output, context)
    }
  }

  async runLint(command: Command, options: RunOptions = {}): Promise<LintResult> {
    const { result, output, context } = await this.execute(command, options)
    const detail = readLintResults(output, context)
    return { ...result, passed: result.exitCode === 0 && !result.timedOut, ...detail }
  }

  /** Runs a command and gathers what the parsers need: output, the new report file, and the path context. */
  private async execute(
    command: Command,
    options: RunOptions
  ): Promise<{ result: CommandResult; output: CommandOutput; context: PathContext }> {
    const cwd = await this.workingDirectory(options.cwd)
    const reportFile = options.reportPath ? resolve(cwd, options.reportPath) : undefined
    const before = reportFile ? await fingerprint(reportFile) : undefined
    // Tools such as node --test and Jest do not create the report's directory themselves.
    if (reportFile) await mkdir(dirname(reportFile), { recursive: true })
    const result = await this.spawnCommand(command, cwd, options)
    const output: CommandOutput = { stdout: result.stdout, stderr: result.stderr }
    if (reportFile) {
      const after = await fingerprint(reportFile)
      // A report left over from an earlier run says nothing about this one.
      if (after && after !== before) output.report = await readFile(reportFile, 'utf8')
    }
    return { result, output, context: { root: this.root, cwd } }
  }

  private async workingDirectory(cwd: string | undefined): Promise<string> {
    const directory = cwd ? (isAbsolute(cwd) ? cwd : resolve(this.root, cwd)) : this.root
    let isDirectory = false
    try {
      isDirectory = (await stat(directory)).isDirectory()
    } catch {
      // Reported below.
    }
    if (!isDirectory) {
      throw new InvalidInputError(
        `The working directory '${cwd}' does not exist (looked at ${directory}): pass a directory of the repository.`
      )
    }
    return directory
  }

  private async spawnCommand(command: Command, cwd: string, options: RunOptions): Promise<CommandResult> {
    const env: NodeJS.ProcessEnv = { ...(this.options.env ?? process.env), ...options.env }
    const timeoutSeconds = options.timeoutSeconds ?? this.options.defaultTimeoutSeconds
    if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
      throw new InvalidInputError(`The timeout must be a positive number of seconds, got ${timeoutSeconds}.`)
    }
    let file: string
    let args: string[]
    let verbatim = false
    let scriptDirectory: string | undefined
    if (typeof command === 'string') {
      if (command.trim() === '') throw new InvalidInputError('The command is empty: pass the command to run.')
      const shell = await resolveShell(this.options.shell ?? 'default', env)
      scriptDirectory = await mkdtemp(join(tmpdir(), 'self-heal-run-'))
      const scriptPath = join(scriptDirectory, `step${shell.extension}`)
      await writeFile(scriptPath, shell.wrap(command), { mode: 0o700 })
      file = shell.file
      args = shell.args(scriptPath)
      verbatim = shell.verbatimArguments
    } else {
      if (command.length === 0 || !command[0]) {
        throw new InvalidInputError('The command is empty: pass the program and its arguments.')
      }
      ;[file, ...args] = command
    }
    try {
      return await this.spawnProcess(file, args, { cwd, env, verbatim, timeoutSeconds })
    } finally {
      if (scriptDirectory) await rm(scriptDirectory, { recursive: true, force: true })
    }
  }

  private spawnProcess(
    file: string,
    args: string[],
    settings: { cwd: string; env: NodeJS.ProcessEnv; verbatim: boolean; timeoutSeconds?: number }
  ): Promise<CommandResult> {
    const limits = splitBudget(this.options.maxOutputBytes ?? 4 * 1024 * 1024)
    const stdout = new OutputCapper(limits)
    const stderr = new OutputCapper(limits)
    // hrtime rather than performance.now(): node:perf_hooks is a module more to load at every check.
    const started = process.hrtime.bigint()
    const posix = process.platform !== 'win32'
    return new Promise<CommandResult>((resolvePromise, rejectPromise) => {
      let timedOut = false
      let settled = false
      let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
      let openPipes = 2
      const timers: NodeJS.Timeout[] = []
      let child: ChildProcessByStdio<null, Readable, Readable>
      try {
        child = spawn(file, args, {
          cwd: settings.cwd,
          env: settings.env,
          stdio: ['ignore', 'pipe', 'pipe'],
          // Its own process group, so the whole tree can be signalled at once.
          detached: posix,
          windowsHide: true,
          windowsVerbatimArguments: settings.verbatim
        })
      } catch (error) {
        // Node refuses some arguments before starting anything (a NUL byte in an argument or a variable).
        rejectPromise(new InvalidInputError(`The command cannot be started: ${(error as Error).message}`))
        return
      }
      const finish = (result?: Partial<CommandResult>): void => {
        if (settled) return
        settled = true
        for (const timer of timers) clearTimeout(timer)
        const signalCode = exit?.signal ? 128 + (osConstants.signals[exit.signal] ?? 0) : undefined
        let exitCode = exit?.code ?? signalCode ?? 1
        if (timedOut && exitCode === 0) exitCode = 124
        resolvePromise({
          exitCode,
          stdout: stdout.toString(),
          stderr: stderr.toString(),
          durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
          timedOut,
          ...result
        })
      }
      const onData = (capper: OutputCapper, stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
        capper.push(chunk)
        this.options.onOutput?.(stream, chunk)
      }
      child.stdout.on('data', onData(stdout, 'stdout'))
      child.stderr.on('data', onData(stderr, 'stderr'))
      const pipeClosed = (): void => {
        openPipes--
        if (openPipes === 0 && exit) finish()
      }
      child.stdout.on('close', pipeClosed)
      child.stderr.on('close', pipeClosed)
      child.on('error', (error: NodeJS.ErrnoException) => {
        // Only a failure to start ends the run here; a running child always reports through 'exit'.
        if (child.pid !== undefined) return
        const reason = error.code === 'ENOENT' ? 'command not found' : error.message
        finish({ exitCode: NOT_STARTED_EXIT_CODE, stderr: `self-heal: ${file}: ${reason}\n` })
      })
      let stragglers: number[] = []
      if (child.pid !== undefined) track(child.pid)
      child.on('exit', (code, signal) => {
        exit = { code, signal }
        const pid = child.pid
        if (pid !== undefined) {
          running.delete(pid)
          // Whatever the command left running goes with it, as at the end of a job on a runner.
          if (posix) void killProcessTree(pid, 'SIGKILL', stragglers, { scan: false })
        }
        if (openPipes === 0) {
          finish()
          return
        }
        // Descendants that left the group may hold the pipes open: don't wait for them forever.
        timers.push(
          setTimeout(() => {
            child.stdout.destroy()
            child.stderr.destroy()
            finish()
          }, PIPE_DRAIN_MS)
        )
      })
      if (settings.timeoutSeconds !== undefined && child.pid !== undefined) {
        const pid = child.pid
        timers.push(
          setTimeout(async () => {
            timedOut = true
            // Remember the tree now: once the leader is gone, orphans can no longer be traced to it.
            stragglers = await listDescendants(pid).catch(() => [])
            if (exit) {
              // The leader ended while the tree was being read: what it left goes at once.
              await killProcessTree(pid, 'SIGKILL', stragglers, { scan: false })
              return
            }
            await killProcessTree(pid, 'SIGTERM', stragglers)
            if (settled) return
            timers.push(
              setTimeout(
                () => void killProcessTree(pid, 'SIGKILL', stragglers),
                this.options.killGraceMs ?? 3000
              )
            )
          }, settings.timeoutSeconds * 1000)
        )
      }
    })
  }
}

/** Identity of a file's current version (size, mtime, inode), or undefined when it does not exist. */
async function fingerprint(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path)
    return info.isFile() ? `${info.size}:${info.mtimeMs}:${info.ino}` : undefined
  } catch {
    return undefined
  }
}
