/**
 * Local Execution: commands as child processes of this one. A string runs the way a workflow `run:` step runs it
 * (written to a script file, then `bash -e file`; see shell.ts); an argv array runs without any shell. Commands
 * start from a scrubbed environment (scrub-env.ts). A timeout or an abort ends a command's whole process tree
 * (process-tree.ts): SIGTERM, then SIGKILL after a grace period; what a command leaves running when it exits goes
 * with it; and a run settles only once none of its tree is left. Output is streamed, capped (head and tail kept)
 * and echoed no faster than the destination takes it, so huge output costs bounded memory.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { createRequire } from 'node:module'
// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.
import { mkdtempSync, promises as fs, rmSync, statSync, writeFileSync } from 'node:fs'
import { constants as osConstants, tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import type {
  BuildResult,
  Command,
  CommandResult,
  ExecutionAdapter,
  LintResult,
  RunOptions,
  TestResult
} from '../execution.js'
import { hasPassed } from '../verdict.js'
import { InvalidInputError } from '../../errors.js'
import type { CommandOutput } from '../../reports/index.js'
import type { PathContext } from '../../reports/text.js'
import { OutputCapper, splitBudget } from './output-capper.js'
import { ProcessTree, RUN_MARKER_VARIABLE, killTreesNow } from './process-tree.js'
import { scrubEnv } from './scrub-env.js'
import { resolveShell, type ShellKind } from './shell.js'

/** Settings of the local Execution adapter. */
export interface LocalExecutionOptions {
  /** The repository root: relative `cwd`s and the paths in results are relative to it. */
  root: string
  /** The shell of command strings (default: what a `run:` step without `shell:` uses on this platform). */
  shell?: ShellKind
  /** Bytes of each of stdout and stderr kept in results (head and tail); default 4 MiB. */
  maxOutputBytes?: number
  /** Time between SIGTERM and SIGKILL when a timeout or an abort ends a process tree; default 3 s. */
  killGraceMs?: number
  /**
   * The environment commands start from, before it is scrubbed (default: this process's); `RunOptions.env` is
   * laid over it.
   */
  env?: NodeJS.ProcessEnv
  /** Variables (names, `*` globs) commands keep though they look like credentials; `RunOptions.passEnv` adds. */
  passEnv?: readonly string[]
  /** Secret values (the token self-heal uses, what it masked): a variable holding one never reaches a command. */
  secrets?: readonly string[]
  /** Told once per name when pass-env names a variable that is withheld anyway, for holding a secret. */
  warn?: (message: string) => void
  /**
   * Where output is copied as it arrives, e.g. `process.stdout` for the job log. The command is paused while the
   * destination is full (a write returned false, until 'drain'), so a slow log costs time, never memory.
   */
  echo?: NodeJS.WritableStream
  /**
   * Frame the echo with `::stop-commands::TOKEN` … `::TOKEN::` (TOKEN random, never shown to the command), so
   * workflow commands a command prints (`::set-output`, `::add-mask::`, `::error`) are not obeyed. Default: when
   * `GITHUB_ACTIONS` is `true`. Runs echoing to one destination at the same time are not inert: run one at a time.
   */
  inertWorkflowCommands?: boolean
  /** Receives output as it arrives (no backpressure: for listeners that only look; `echo` is for logs). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void
  /** Timeout used when a run names none, in seconds; default none. */
  defaultTimeoutSeconds?: number
}

/** How long the output pipes may stay quiet once the tree is gone before they are closed (an escapee may hold them). */
const PIPE_DRAIN_MS = 500
// How often a paused echo looks whether its destination took everything without saying so.
const DRAIN_WATCH_MS = 100
/** The exit code reported for a command that could not be started (as a shell reports "command not found"). */
const NOT_STARTED_EXIT_CODE = 127

/**
 * What makes this process's run ids unique on the machine: its pid, its start and a random part (pids are reused,
 * and a pid namespace may be shared). The ids only mark processes, they guard nothing, so they need not be
 * unguessable — and leaving node:crypto unloaded saves a check's start a few milliseconds.
 */
const RUN_ID_PREFIX = `${process.pid.toString(36)}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}.`
let runCount = 0

/** A new run's id: fixed-width, so that no id is a part of another (the marker is found by substring). */
function newRunId(): string {
  return RUN_ID_PREFIX + (++runCount).toString(36).padStart(8, '0')
}

/** The report parsers, loaded when a result is parsed: a plain command never needs them. */
const reports = () => import('../../reports/index.js')

/** Trees still running, killed if this process exits first (they are detached, so nothing else would). */
const running = new Set<ProcessTree>()
let exitHookInstalled = false

function track(tree: ProcessTree): void {
  if (!exitHookInstalled) {
    // Installed on first use: importing this module changes nothing about the process.
    exitHookInstalled = true
    process.once('exit', () => killTreesNow(running))
  }
  running.add(tree)
}

/** How one process is started. */
interface Launch {
  file: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  verbatim: boolean
  /** The run's id, in the environment's SELF_HEAL_RUN: how escaped descendants are found. */
  runId: string
  timeoutSeconds?: number
  signal?: AbortSignal
}

/** Runs commands as local processes. */
export class LocalExecutionAdapter implements ExecutionAdapter {
  /** The kind reported by `self-heal env`. */
  readonly kind = 'local-process'
  /** The repository root (absolute). */
  readonly root: string
  private readonly options: LocalExecutionOptions
  private readonly warned = new Set<string>()

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
    const { readTestResults } = await reports()
    const detail = await readTestResults(output, context)
    const tests: TestResult = {
      ...result,
      passed: hasPassed(result),
      source: detail.source,
      failedTests: detail.failedTests
    }
    if (detail.counts) tests.counts = detail.counts
    return tests
  }

  async runBuild(command: Command, options: RunOptions = {}): Promise<BuildResult> {
    const { result, output, context } = await this.execute(command, options)
    const { readBuildProblems } = await reports()
    return { ...result, passed: hasPassed(result), problems: readBuildProblems(output, context) }
  }

  async runLint(command: Command, options: RunOptions = {}): Promise<LintResult> {
    const { result, output, context } = await this.execute(command, options)
    const { readLintResults } = await reports()
    return { ...result, passed: hasPassed(result), ...readLintResults(output, context) }
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
    if (reportFile) await fs.mkdir(dirname(reportFile), { recursive: true })
    const result = await this.spawnCommand(command, cwd, options)
    const output: CommandOutput = { stdout: result.stdout, stderr: result.stderr }
    if (reportFile) {
      const after = await fingerprint(reportFile)
      // A report left over from an earlier run says nothing about this one.
      if (after && after !== before) output.report = await fs.readFile(reportFile, 'utf8')
    }
    return { result, output, context: { root: this.root, cwd } }
  }

  private async workingDirectory(cwd: string | undefined): Promise<string> {
    const directory = cwd ? (isAbsolute(cwd) ? cwd : resolve(this.root, cwd)) : this.root
    let isDirectory = false
    try {
      isDirectory = statSync(directory).isDirectory()
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

  /** The command's environment: scrubbed of credentials, marked with the run's id. */
  private environment(options: RunOptions, runId: string): NodeJS.ProcessEnv {
    const given = options.env ?? {}
    const { env, withheld } = scrubEnv(
      { ...(this.options.env ?? process.env), ...given },
      {
        // Variables the caller sets for this run are meant for it.
        passEnv: [...(this.options.passEnv ?? []), ...(options.passEnv ?? []), ...Object.keys(given)],
        secrets: this.options.secrets
      }
    )
    for (const name of withheld) {
      if (this.warned.has(name)) continue
      this.warned.add(name)
      this.options.warn?.(
        `pass-env names ${name}, but it holds the token self-heal uses (or another secret it was given), ` +
          'so checks and fixers do not get it: give them a token of their own under another name.'
      )
    }
    // Appended, not replaced: a self-heal running inside another one's command stays findable by both.
    env[RUN_MARKER_VARIABLE] = [env[RUN_MARKER_VARIABLE], runId].filter(Boolean).join(' ')
    return env
  }

  private async spawnCommand(command: Command, cwd: string, options: RunOptions): Promise<CommandResult> {
    const timeoutSeconds = options.timeoutSeconds ?? this.options.defaultTimeoutSeconds
    if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
      throw new InvalidInputError(`The timeout must be a positive number of seconds, got ${timeoutSeconds}.`)
    }
    options.signal?.throwIfAborted()
    const runId = newRunId()
    const env = this.environment(options, runId)
    let file: string
    let args: string[]
    let verbatim = false
    let scriptDirectory: string | undefined
    if (typeof command === 'string') {
      if (command.trim() === '') throw new InvalidInputError('The command is empty: pass the command to run.')
      const shell = await resolveShell(this.options.shell ?? 'default', env)
      // Synchronous, as are the stat of the working directory and the removal: a few small local file operations,
      // each quicker than a trip through the thread pool (which a check's start would pay for, each time).
      scriptDirectory = mkdtempSync(join(tmpdir(), 'self-heal-run-'))
      const scriptPath = join(scriptDirectory, `step${shell.extension}`)
      writeFileSync(scriptPath, shell.wrap(command), { mode: 0o700 })
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
      return await this.spawnProcess({
        file,
        args,
        cwd,
        env,
        verbatim,
        runId,
        timeoutSeconds,
        signal: options.signal
      })
    } finally {
      if (scriptDirectory) rmSync(scriptDirectory, { recursive: true, force: true })
    }
  }

  private async spawnProcess(launch: Launch): Promise<CommandResult> {
    const limits = splitBudget(this.options.maxOutputBytes ?? 4 * 1024 * 1024)
    const captured = { stdout: new OutputCapper(limits), stderr: new OutputCapper(limits) }
    const started = now()
    const posix = process.platform !== 'win32'
    let child: ChildProcessByStdio<null, Readable, Readable>
    try {
      child = spawn(launch.file, launch.args, {
        cwd: launch.cwd,
        env: launch.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so the whole tree can be signalled at once.
        detached: posix,
        windowsHide: true,
        windowsVerbatimArguments: launch.verbatim
      })
    } catch (error) {
      // Node refuses some arguments before starting anything (a NUL byte in an argument or a variable).
      throw new InvalidInputError(`The command cannot be started: ${(error as Error).message}`)
    }
    const exited = new Promise<
      { code: number | null; signal: NodeJS.Signals | null } | { notStarted: NodeJS.ErrnoException }
    >(resolve => {
      child.once('exit', (code, signal) => resolve({ code, signal }))
      // Only a failure to start ends the run here; a running child always reports through 'exit'.
      child.on('error', error => {
        if (child.pid === undefined) resolve({ notStarted: error })
      })
    })
    const streams = [child.stdout, child.stderr]
    const closed = Promise.all(streams.map(stream => new Promise(resolve => stream.once('close', resolve))))
    const echo = this.options.echo ? new Echo(this.options.echo, this.inert(), streams) : undefined
    let lastOutput = now()
    for (const [name, stream] of [
      ['stdout', child.stdout],
      ['stderr', child.stderr]
    ] as const) {
      stream.on('data', (chunk: Buffer) => {
        lastOutput = now()
        captured[name].push(chunk)
        this.options.onOutput?.(name, chunk)
        echo?.write(chunk)
      })
    }

    const tree = child.pid === undefined ? undefined : new ProcessTree(child.pid, launch.runId)
    let ending: Promise<void> | undefined
    const end = (graceMs: number): Promise<void> => (ending ??= tree ? tree.end(graceMs) : Promise.resolve())
    const graceMs = this.options.killGraceMs ?? 3000
    let timedOut = false
    let aborted = false
    const onAbort = (): void => {
      aborted = true
      void end(graceMs)
    }
    let timer: NodeJS.Timeout | undefined
    try {
      if (tree) track(tree)
      if (launch.timeoutSeconds !== undefined) {
        timer = setTimeout(() => {
          timedOut = true
          void end(graceMs)
        }, launch.timeoutSeconds * 1000)
      }
      launch.signal?.addEventListener('abort', onAbort, { once: true })
      // Aborted while the script was being written: the listener came too late to hear it.
      if (launch.signal?.aborted) onAbort()
      const exit = await exited
      clearTimeout(timer)
      if ('notStarted' in exit) {
        const reason = exit.notStarted.code === 'ENOENT' ? 'command not found' : exit.notStarted.message
        return {
          exitCode: NOT_STARTED_EXIT_CODE,
          stdout: '',
          stderr: `self-heal: ${launch.file}: ${reason}\n`,
          durationMs: Math.round(now() - started),
          timedOut: false
        }
      }
      // Whatever the command left running goes with it, at once (unless a timeout or abort is already ending
      // it), as at the end of a job on a runner. On Windows taskkill needs the leader, which is gone by now.
      await (posix ? end(0) : ending)
      // The rest of the output, unless an escaped process holds a pipe open and says nothing more.
      const quiet = until(
        () => !echo?.waiting && now() - Math.max(lastOutput, echo?.resumedAt ?? 0) >= PIPE_DRAIN_MS
      )
      // The watch stops with the race: left running, it would hold this process open half a second more.
      await Promise.race([closed, quiet.done]).finally(quiet.cancel)
      for (const stream of streams) stream.destroy()
      if (aborted) throw launch.signal?.reason
      const signalCode = exit.signal ? 128 + (osConstants.signals[exit.signal] ?? 0) : undefined
      const exitCode = exit.code ?? signalCode ?? 1
      return {
        exitCode: timedOut && exitCode === 0 ? 124 : exitCode,
        stdout: captured.stdout.toString(),
        stderr: captured.stderr.toString(),
        durationMs: Math.round(now() - started),
        timedOut
      }
    } finally {
      clearTimeout(timer)
      launch.signal?.removeEventListener('abort', onAbort)
      if (tree) running.delete(tree)
      echo?.close()
    }
  }

  private inert(): boolean {
    return this.options.inertWorkflowCommands ?? (this.options.env ?? process.env).GITHUB_ACTIONS === 'true'
  }
}

/**
 * Copies a command's output to a stream without outrunning it (the command's pipes are paused while the stream
 * is full), ends an unterminated last line so what the log prints next starts a line of its own, and — when
 * `inert` — frames it with `::stop-commands::` so the runner obeys no workflow command in it.
 */
class Echo {
  /** Whether the sources are paused until the destination drains. */
  waiting = false
  /** When the sources were last resumed (now()). */
  resumedAt = 0
  private atLineStart = true
  private broken = false
  private readonly token?: string
  private watch?: NodeJS.Timeout

  constructor(
    private readonly destination: NodeJS.WritableStream,
    inert: boolean,
    private readonly sources: Readable[]
  ) {
    destination.on('error', this.stop)
    destination.on('close', this.stop)
    if (inert) {
      // Random and never in the command's environment: a command cannot end the frame early.
      // Loaded here, not at the top: only a run on a runner frames its echo.
      const { randomBytes } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')
      this.token = randomBytes(16).toString('hex')
      this.destination.write(`::stop-commands::${this.token}\n`)
    }
  }

  write(chunk: Buffer): void {
    if (this.broken || chunk.length === 0) return
    this.atLineStart = chunk[chunk.length - 1] === 0x0a
    if (!this.destination.write(chunk) && !this.waiting) {
      this.waiting = true
      for (const source of this.sources) source.pause()
      this.destination.once('drain', this.resume)
      // A 'drain' can go unheard: an action's stdout (a runner's pipe) was seen empty, not needing one, while the
      // command sat paused for good. The destination's own state says when it took everything.
      this.watch = setInterval(() => {
        if ((this.destination as Partial<Writable>).writableNeedDrain === false) this.resume()
      }, DRAIN_WATCH_MS)
    }
  }

  /** Ends the last line and the frame; what the log prints next is obeyed again. */
  close(): void {
    clearInterval(this.watch)
    this.destination.off('drain', this.resume)
    this.destination.off('error', this.stop)
    this.destination.off('close', this.stop)
    if (this.broken) return
    if (!this.atLineStart) this.destination.write('\n')
    if (this.token) this.destination.write(`::${this.token}::\n`)
  }

  private readonly resume = (): void => {
    clearInterval(this.watch)
    this.destination.off('drain', this.resume)
    this.waiting = false
    this.resumedAt = now()
    for (const source of this.sources) source.resume()
  }

  /** The destination failed or closed (a reader that went away): output is still captured, no longer echoed. */
  private readonly stop = (): void => {
    this.broken = true
    this.destination.off('drain', this.resume)
    this.resume()
  }
}

/** Milliseconds from an arbitrary start: process.hrtime rather than node:perf_hooks, a module more to load at every check. */
function now(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

/** `done` resolves once `condition` holds, looking every 100 ms until then or until `cancel`. */
function until(condition: () => boolean): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined
  const done = new Promise<void>(resolve => {
    timer = setInterval(() => {
      if (!condition()) return
      clearInterval(timer)
      resolve()
    }, 100)
  })
  return { done, cancel: () => clearInterval(timer) }
}

/** Identity of a file's current version (size, mtime, inode), or undefined when it does not exist. */
async function fingerprint(path: string): Promise<string | undefined> {
  try {
    const info = await fs.stat(path)
    return info.isFile() ? `${info.size}:${info.mtimeMs}:${info.ino}` : undefined
  } catch {
    return undefined
  }
}
