/**
 * The Execution port: run a command (a local process or a dispatched workflow run) and bring back what happened,
 * with structured detail for tests, builds and lint. Lists default to empty arrays, never null.
 */

/** A command: a string runs through the platform shell (like a workflow `run:` step); an argv array runs without. */
export type Command = string | readonly string[]

/** Options of every run. */
export interface RunOptions {
  /** Hard timeout; the whole process tree is ended (or the run cancelled) when it passes. */
  timeoutSeconds?: number
  /** Working directory, relative to the repository root (or absolute for local processes). */
  cwd?: string
  /** Extra environment variables. */
  env?: Record<string, string>
  /** For remote execution: the ref to run on. */
  ref?: string
  /** A report file the command writes (JUnit XML, TAP, Jest JSON or ESLint JSON), relative to cwd. */
  reportPath?: string
  /**
   * Variables (names, or `*` globs such as `NPM_*`) the command needs that would otherwise be withheld as
   * credentials, on top of the adapter's own list. Local processes only: a dispatched run gets what its
   * workflow gives it.
   */
  passEnv?: readonly string[]
  /**
   * Aborts the run: a local command's whole process tree is ended (SIGTERM, then SIGKILL), and the promise
   * rejects with the signal's reason only once none of it is left running.
   */
  signal?: AbortSignal
}

/** What one command did. */
export interface CommandResult {
  /** Exit code (a process ended by a signal or a timeout reports a non-zero code). */
  exitCode: number
  /** Standard output (head and tail kept when capped). */
  stdout: string
  /** Standard error (head and tail kept when capped). */
  stderr: string
  /** Wall-clock duration. */
  durationMs: number
  /** Whether the timeout ended it. */
  timedOut: boolean
}

/** A failed test, as precisely as the tool reported it. */
export interface FailedTest {
  /** The test's name (with its suite path when known). */
  name: string
  /** The source file, repository-relative when known. */
  file?: string
  /** The line of the failure, when known. */
  line?: number
  /** The failure message (first lines). */
  message: string
}

/** A lint problem or a compiler diagnostic. */
export interface LintProblem {
  /** The file, repository-relative when known. */
  file: string
  /** 1-based line, when known. */
  line?: number
  /** 1-based column, when known. */
  column?: number
  /** `error` or `warning`. */
  severity: 'error' | 'warning'
  /** The rule or diagnostic code, when known (e.g. `no-unused-vars`, `TS2322`). */
  rule?: string
  /** The message. */
  message: string
}

/** A test run's result. */
export interface TestResult extends CommandResult {
  /** Whether the run passed: exit code 0 within the timeout (`hasPassed`, in verdict.ts). */
  passed: boolean
  /** Where the detail came from: a report format, or the command's output. */
  source: 'junit' | 'tap' | 'jest-json' | 'output' | 'none'
  /** Failed tests (empty when none or unknown). */
  failedTests: FailedTest[]
  /** Counts, when known. */
  counts?: { total: number; failed: number; skipped: number }
}

/** A build's result. */
export interface BuildResult extends CommandResult {
  /** Whether the build passed (`hasPassed`). */
  passed: boolean
  /** Compiler diagnostics found in the output (empty when none or unknown). */
  problems: LintProblem[]
}

/** A lint run's result. */
export interface LintResult extends CommandResult {
  /** Whether lint passed (`hasPassed`: warnings and problems alone do not fail it). */
  passed: boolean
  /** Where the detail came from. */
  source: 'eslint-json' | 'output' | 'none'
  /** Problems found (empty when none or unknown). */
  problems: LintProblem[]
}

/** The Execution port. */
export interface ExecutionAdapter {
  /** A short name of the implementation, e.g. `local-process` or `workflow-dispatch`, for `self-heal env`. */
  readonly kind: string
  /** Runs a command; a timeout sets `timedOut` (it does not throw); an abort rejects. */
  runCommand(command: Command, options?: RunOptions): Promise<CommandResult>
  /** Runs tests and parses failed tests. */
  runTests(command: Command, options?: RunOptions): Promise<TestResult>
  /** Runs a build and parses diagnostics. */
  runBuild(command: Command, options?: RunOptions): Promise<BuildResult>
  /** Runs lint and parses problems. */
  runLint(command: Command, options?: RunOptions): Promise<LintResult>
}
