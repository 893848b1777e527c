/**
 * Runs the git CLI without a shell. Arguments are passed as an argv array, so untrusted strings cannot be
 * interpreted by a shell; callers still validate refs and put paths after `--` so git never reads them as options.
 */
import { spawn } from 'node:child_process'
import { devNull } from 'node:os'
import { SelfHealError } from '../errors.js'

/** Options of one git invocation. */
export interface GitRunOptions {
  /** Working directory (the repository). */
  cwd: string
  /** Extra environment variables (e.g. GIT_INDEX_FILE for a temporary index). */
  env?: Record<string, string | undefined>
  /** Bytes written to git's stdin. */
  input?: string | Buffer
  /** Exit codes that are not errors (default: only 0). */
  okCodes?: number[]
}

/** What git printed and returned. */
export interface GitRunResult {
  /** Exit code. */
  code: number
  /** Raw stdout (binary-safe). */
  stdout: Buffer
  /** stderr as text. */
  stderr: string
}

/** A git command failed; carries git's stderr so callers can explain it. */
export class GitCommandError extends SelfHealError {
  static override readonly type: string = 'GitCommandError'

  /** git's exit code. */
  readonly code: number
  /** git's stderr. */
  readonly stderr: string

  constructor(args: readonly string[], code: number, stderr: string) {
    super(`git ${args[0] ?? ''} failed (exit ${code}): ${stderr.trim() || 'no message'}`)
    this.code = code
    this.stderr = stderr
  }
}

// Keep git's output stable and free of the user's pager, colours and translations. And run none of the
// repository's own programs: no hooks and no fsmonitor (a fixer, or a repository cloned from anywhere, may have set
// them; GIT_CONFIG_* is read by git 2.31 and later and outranks every config file).
const BASE_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  LC_ALL: 'C',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_COUNT: '2',
  GIT_CONFIG_KEY_0: 'core.hooksPath',
  GIT_CONFIG_VALUE_0: devNull,
  GIT_CONFIG_KEY_1: 'core.fsmonitor',
  GIT_CONFIG_VALUE_1: 'false'
}

/** Runs git and resolves with its output; rejects with GitCommandError on an exit code not in `okCodes`. */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<GitRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args as string[], {
      cwd: options.cwd,
      env: { ...process.env, ...BASE_ENV, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', error =>
      reject(
        new SelfHealError(`Could not run git: ${error.message}. Install git and make sure it is on PATH.`)
      )
    )
    child.on('close', code => {
      const result = {
        code: code ?? 1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8')
      }
      if ((options.okCodes ?? [0]).includes(result.code)) resolve(result)
      else reject(new GitCommandError(args, result.code, result.stderr))
    })
    // git may exit before reading all of stdin (e.g. on a usage error); that is reported through `close`.
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })
}

/** Runs git and returns stdout as trimmed text. */
export async function gitText(args: readonly string[], options: GitRunOptions): Promise<string> {
  const { stdout } = await runGit(args, options)
  return stdout.toString('utf8').replace(/\n$/, '')
}
