/**
 * Typed errors. Inner modules throw these; only the action's `run()` and the CLI's command runner turn them into
 * a failed step or an exit code. Each message says what happened and what to do.
 */

/**
 * Base class of every error self-heal raises on purpose; `exitCode` is what the CLI exits with. Each subclass
 * declares its own `static type`, which becomes `name` (the `type` of the CLI's JSON error): bundlers rename
 * classes, so a name read from the constructor would change with the build.
 */
export class SelfHealError extends Error {
  /** The stable name of errors of this class. */
  static readonly type: string = 'SelfHealError'
  /** 1: the operation ran and did not succeed; 2: bad usage, input or configuration; 128 + n: signal n. */
  readonly exitCode: number = 1

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = (new.target as typeof SelfHealError).type
  }
}

/** A signal ended the operation; what it was running was ended and the checkout put back first. */
export class InterruptedError extends SelfHealError {
  static override readonly type: string = 'InterruptedError'

  override readonly exitCode: number

  constructor(signal: NodeJS.Signals) {
    super(`Interrupted by ${signal}: the running command was ended and the checkout was put back as it was.`)
    this.exitCode = 128 + (SIGNAL_NUMBERS[signal] ?? 1)
  }
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }

/**
 * Someone changed the checkout while a heal ran in it (a commit, the index, a file no fixer was running on): the
 * heal was abandoned, nothing of theirs was put back, and the message says what state the checkout is in. Exit 2,
 * as for a second heal in the same checkout: one heal at a time, and nobody else, works in a checkout.
 */
export class CheckoutChangedError extends SelfHealError {
  static override readonly type: string = 'CheckoutChangedError'

  override readonly exitCode = 2
}

/** A setting is missing or invalid: the message names the input, option or variable to set. */
export class ConfigurationError extends SelfHealError {
  static override readonly type: string = 'ConfigurationError'

  override readonly exitCode = 2
}

/** Bad input from the user (a patch, a path, a branch name): nothing was changed. */
export class InvalidInputError extends SelfHealError {
  static override readonly type: string = 'InvalidInputError'

  override readonly exitCode = 2
}

/** A repository-relative path escapes the repository (absolute, `..`, `.git/`, or a symlink leading outside). */
export class PathOutsideRepositoryError extends InvalidInputError {
  static override readonly type: string = 'PathOutsideRepositoryError'

  /** The path as given. */
  readonly path: string

  constructor(path: string, reason: string) {
    super(`Path '${path}' is outside the repository (${reason}): use a path relative to the repository root.`)
    this.path = path
  }
}

/** A file that was asked for does not exist. */
export class FileNotFoundError extends SelfHealError {
  static override readonly type: string = 'FileNotFoundError'

  /** The repository-relative path. */
  readonly path: string

  constructor(path: string, where = 'the repository') {
    super(`File '${path}' does not exist in ${where}.`)
    this.path = path
  }
}

/** createBranch was asked for a branch that already exists. */
export class BranchExistsError extends SelfHealError {
  static override readonly type: string = 'BranchExistsError'

  /** The branch name. */
  readonly branch: string

  constructor(branch: string) {
    super(`Branch '${branch}' already exists: choose another name or delete it first.`)
    this.branch = branch
  }
}

/** A branch or ref that was asked for does not exist. */
export class RefNotFoundError extends SelfHealError {
  static override readonly type: string = 'RefNotFoundError'

  /** The ref as given. */
  readonly ref: string

  constructor(ref: string, hint = '') {
    super(`Ref '${ref}' does not exist${hint ? `: ${hint}` : '.'}`)
    this.ref = ref
  }
}

/** A diff does not apply: names the file and, when known, the hunk. Nothing was changed. */
export class DiffDoesNotApplyError extends InvalidInputError {
  static override readonly type: string = 'DiffDoesNotApplyError'

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
  static override readonly type: string = 'MergeConflictError'

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
  static override readonly type: string = 'ConflictError'

  /** The files changed both by the diff and by the concurrent commit. */
  readonly files: string[]

  constructor(message: string, files: string[] = []) {
    super(message)
    this.files = files
  }
}

/** A command or a remote run took longer than its timeout; its process tree was ended (or the run cancelled). */
export class ExecutionTimeoutError extends SelfHealError {
  static override readonly type: string = 'ExecutionTimeoutError'

  /** The timeout that was exceeded, in seconds. */
  readonly timeoutSeconds: number

  constructor(what: string, timeoutSeconds: number) {
    super(
      `${what} did not finish within ${timeoutSeconds} s and was stopped: raise the timeout or make it faster.`
    )
    this.timeoutSeconds = timeoutSeconds
  }
}

/** The command line itself is wrong (an unknown option, a missing required one): nothing ran. */
export class UsageError extends InvalidInputError {
  static override readonly type: string = 'UsageError'
}

/** The GitHub API refused a request for lack of a permission or setting; the message names it. */
export class PermissionError extends SelfHealError {
  static override readonly type: string = 'PermissionError'

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
