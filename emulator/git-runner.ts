/** Runs git in a bare repository without a shell: every argument is passed as-is, stdin is optional. */
import { spawn } from 'node:child_process'

/** Environment that keeps git independent of the host's configuration and never prompts. */
export const EMULATOR_GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
  // Paths from requests are file names, never pathspec magic or globs.
  GIT_LITERAL_PATHSPECS: '1'
}

/** A git command that exited with a non-zero status. */
export class GitCommandError extends Error {
  /** The exit status. */
  readonly exitCode: number
  /** What git printed on stderr. */
  readonly stderr: string

  constructor(args: readonly string[], exitCode: number, stderr: string) {
    super(`git ${args[0] ?? ''} failed (exit ${exitCode}): ${stderr.trim()}`)
    this.name = 'GitCommandError'
    this.exitCode = exitCode
    this.stderr = stderr
  }
}

/** Options of one git invocation. */
export interface GitRunOptions {
  /** Bytes written to git's stdin. */
  input?: Buffer | string
  /** Extra environment (author/committer identity and dates). */
  env?: NodeJS.ProcessEnv
  /** Exit codes that are not errors (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: number[]
}

/** The result of one git invocation. */
export interface GitRunResult {
  /** Raw stdout. */
  stdout: Buffer
  /** The exit status. */
  code: number
}

/** Runs `git --git-dir=DIR ARGS...` and returns stdout; throws GitCommandError on an unexpected status. */
export function runGit(
  gitDir: string,
  args: readonly string[],
  options: GitRunOptions = {}
): Promise<GitRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [`--git-dir=${gitDir}`, ...args], {
      env: { ...EMULATOR_GIT_ENV, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    // A git that exits before reading its stdin makes the write fail with EPIPE: the exit status tells the story.
    child.stdin.on('error', () => undefined)
    child.on('close', code => {
      const status = code ?? 1
      if (status === 0 || options.okCodes?.includes(status)) {
        resolve({ stdout: Buffer.concat(out), code: status })
      } else {
        reject(new GitCommandError(args, status, Buffer.concat(err).toString('utf8')))
      }
    })
    child.stdin.end(options.input ?? '')
  })
}

/** Runs git and returns stdout as text without the final newline. */
export async function gitText(
  gitDir: string,
  args: readonly string[],
  options: GitRunOptions = {}
): Promise<string> {
  const { stdout } = await runGit(gitDir, args, options)
  return stdout.toString('utf8').replace(/\n$/, '')
}
