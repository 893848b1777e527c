/**
 * The Execution port in memory, for fast tests of the healing loop: a command's first word names a scripted
 * program (a function over the memory workspace's files), the rest are its arguments. The output is read by the
 * same report parsers as a local process's, so failures fingerprint the same way.
 */
import type {
  BuildResult,
  Command,
  CommandResult,
  ExecutionAdapter,
  LintResult,
  RunOptions,
  TestResult
} from '../execution.js'
import { readBuildProblems, readLintResults, readTestResults } from '../../reports/index.js'
import type { PathContext } from '../../reports/text.js'
import type { MemoryWorkspace } from './workspace.js'

/** What a scripted program did. */
export interface ProgramResult {
  exitCode: number
  stdout?: string
  stderr?: string
  /** Ran past its time. */
  timedOut?: boolean
}

/** A scripted program: it may read and edit the workspace's files; `cwd` is where it runs (the root by default). */
export type Program = (
  workspace: MemoryWorkspace,
  args: string[],
  cwd: string
) => ProgramResult | Promise<ProgramResult>

export class ScriptedExecution implements ExecutionAdapter {
  readonly kind = 'memory-scripted'
  /** Every command run, in order. */
  readonly calls: string[] = []
  /** Where each of `calls` ran. */
  readonly cwds: string[] = []

  constructor(
    private readonly workspace: MemoryWorkspace,
    private readonly programs: Record<string, Program>
  ) {}

  async runCommand(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const words = typeof command === 'string' ? splitWords(command) : [...command]
    const cwd = options.cwd ?? this.workspace.root
    this.calls.push(words.join(' '))
    this.cwds.push(cwd)
    const program = this.programs[words[0]]
    if (!program) {
      return {
        exitCode: 127,
        stdout: '',
        stderr: `${words[0]}: command not found\n`,
        durationMs: 0,
        timedOut: false
      }
    }
    // A fixer's copy of the files, where it runs in one.
    const ran = await program(this.workspace.copyAt(cwd) ?? this.workspace, words.slice(1), cwd)
    return {
      exitCode: ran.exitCode,
      stdout: ran.stdout ?? '',
      stderr: ran.stderr ?? '',
      durationMs: 1,
      timedOut: Boolean(ran.timedOut)
    }
  }

  async runTests(command: Command, options?: RunOptions): Promise<TestResult> {
    const result = await this.runCommand(command, options)
    const detail = await readTestResults(result, this.paths(options))
    const passed = result.exitCode === 0 && !result.timedOut && detail.failedTests.length === 0
    return { ...result, passed, source: detail.source, failedTests: detail.failedTests }
  }

  async runBuild(command: Command, options?: RunOptions): Promise<BuildResult> {
    const result = await this.runCommand(command, options)
    return {
      ...result,
      passed: result.exitCode === 0 && !result.timedOut,
      problems: readBuildProblems(result, this.paths(options))
    }
  }

  async runLint(command: Command, options?: RunOptions): Promise<LintResult> {
    const result = await this.runCommand(command, options)
    const detail = readLintResults(result, this.paths(options))
    return { ...result, passed: result.exitCode === 0 && !result.timedOut, ...detail }
  }

  private paths(options: RunOptions = {}): PathContext {
    return { root: this.workspace.root, cwd: options.cwd ?? this.workspace.root }
  }
}

/** Words of a command line, as a shell splits them when only single quotes are used. */
function splitWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map(m => m[1] ?? m[2])
}
