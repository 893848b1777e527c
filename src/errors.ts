/**
 * Typed errors. Inner modules throw these; only the action's `run()` and the CLI's command runner turn them into
 * a failed step or an exit code. Each message says what happened and what to do.
 */

/** Base class of every error self-heal raises on purpose; `exitCode` is what the CLI exits with. */
export class SelfHealError extends Error {
  /** 1: the operation ran and did not succeed; 2: bad usage, input or configuration. */
  readonly exitCode: 1 | 2 = 1

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** A setting is missing or invalid: the message names the input, option or variable to set. */
export class ConfigurationError extends SelfHealError {
  override readonly exitCode = 2
}

/** Bad input from the user (a patch, a path, a branch name): nothing was changed. */
export class InvalidInputError extends SelfHealError {
  override readonly exitCode = 2
}

/** A repository-relative path escapes the repository (absolute, `..`, `.git/`, or a symlink leading outside). */
export class PathOutsideRepositoryError extends InvalidInputError {
  /** The path as given. */
  readonly path: string

  constructor(path: string, reason: string) {
    super(`Path '${path}' is outside the repository (${reason}): use a path relative to the repository root.`)
    this.path = path
  }
}

/** A file that was asked for does not exist. */
export class FileNotFoundError extends SelfHealError {
  /** The repository-relative path. */
  readonly path: string

  constructor(path: string, where = 'the repository') {
    super(`File '${path}' does not exist in ${where}.`)
    this.path = path
  }
}

/** createBranch was asked for a branch that already exists. */
export class BranchExistsError extends SelfHealError {
  /** The branch name. */
  readonly branch: string

  constructor(branch: string) {
    super(`Branch '${branch}' already exists: choose another name or delete it first.`)
    this.branch = branch
  }
}

/** A branch or ref that was asked for does not exist. */
export class RefNotFoundError extends SelfHealError {
  /** The ref as given. */
  readonly ref: string

  constructor(ref: string, hint = '') {
    super(`Ref '${ref}' does not exist${hint ? `: ${hint}` : '.'}`)
    this.ref = ref
  }
}

/** A diff does not apply: names the file and, when known, the hunk. Nothing was changed. */
export class DiffDoesNotApplyError extends InvalidInputError {
  /** The file the failing change is for. */
  readonly file: string
  /** The failing hunk header (`@@ -a,b +c,d @@`), when the failure is in a hunk. */
  readonly hunk?: string

  constructor(file: string, detail: string, hunk?: string) {
    super(`The diff does not apply to '${file}'${hunk ? ` at hunk ${hunk}` : ''}: ${detail}`)
    this.file = file
    this.hunk = hunk
  }
}

/** A merge stopped on conflicts; the repository was left as it was before the merge. */
export class MergeConflictError extends SelfHealError {
  /** The conflicting files (may be empty when the server does not say which). */
  readonly files: string[]

  constructor(branch: string, into: string, files: string[] = []) {
    super(
      `Merging '${branch}' into '${into}' conflicts${files.length ? ` in ${files.join(', ')}` : ''}; ` +
        'nothing was merged: resolve the conflict on the branch and merge again.'
    )
    this.files = files
  }
}

/** A branch moved while a commit was being made and the touched files changed: nothing was written. */
export class ConflictError extends SelfHealError {
  /** The files changed both by the diff and by the concurrent commit. */
  readonly files: string[]

  constructor(message: string, files: string[] = []) {
    super(message)
    this.files = files
  }
}

/** A command or a remote run took longer than its timeout; its process tree was ended (or the run cancelled). */
export class ExecutionTimeoutError extends SelfHealError {
  /** The timeout that was exceeded, in seconds. */
  readonly timeoutSeconds: number

  constructor(what: string, timeoutSeconds: number) {
    super(
      `${what} did not finish within ${timeoutSeconds} s and was stopped: raise the timeout or make it faster.`
    )
    this.timeoutSeconds = timeoutSeconds
  }
}

/** The GitHub API refused a request for lack of a permission or setting; the message names it. */
export class PermissionError extends SelfHealError {
  override readonly exitCode = 2
}

// The userinfo of a URL (`https://user:token@host`): up to the last `@` before the host ends.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi

/**
 * Hides the credentials of every URL in a text (`https://user:token@host/api` → `https://***@host/api`). Every
 * message that can hold a URL (errors, logs, CLI and action output) goes through it.
 */
export function redactUrls(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***@')
}

/** Turns anything thrown into a message, without a stack or URL credentials, for logs and CLI output. */
export function errorMessage(error: unknown): string {
  return redactUrls(error instanceof Error ? error.message : String(error))
}
