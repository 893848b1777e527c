/**
 * Errors of the GitHub client, and the mapper that turns Octokit's RequestError into a typed error whose message
 * names the permission or setting that is missing.
 */
import { PermissionError, SelfHealError, errorMessage, redactUrls } from '../errors.js'
import { howToSet, settingName } from '../surface.js'

/** A GitHub API request failed for a reason that is not a permission problem (a 422, a 5xx after retries, ...). */
export class GitHubApiError extends SelfHealError {
  static override readonly type: string = 'GitHubApiError'

  /** The HTTP status (500 for network errors and timeouts). */
  readonly status: number

  constructor(message: string, status: number, options?: { cause?: unknown }) {
    super(message, options)
    this.status = status
  }
}

/** A GraphQL request answered with errors (HTTP 200 with an `errors` array). */
export class GraphQLRequestError extends SelfHealError {
  static override readonly type: string = 'GraphQLRequestError'

  /** The errors GitHub returned, e.g. `[{ type: 'NOT_FOUND', message: '...' }]`. */
  readonly errors: Array<{ type?: string; message: string }>
  /** The HTTP status (usually 200). */
  readonly status: number

  constructor(errors: Array<{ type?: string; message: string }>, status: number) {
    super(
      `GitHub GraphQL request failed: ${errors.map(e => (e.type ? `${e.type}: ` : '') + e.message).join('; ')}`
    )
    this.errors = errors
    this.status = status
  }
}

/**
 * A rate limit asks self-heal to wait longer than it is willing to: the primary limit resets later, or a
 * secondary limit's `retry-after` is longer. The message says when to run again.
 */
export class RateLimitError extends SelfHealError {
  static override readonly type: string = 'RateLimitError'

  /** When requests may be made again. */
  readonly resetAt: Date

  constructor(resetAt: Date, waitBoundSeconds: number, options?: { cause?: unknown; secondary?: boolean }) {
    const inSeconds = Math.max(0, Math.ceil((resetAt.getTime() - Date.now()) / 1000))
    super(
      options?.secondary
        ? `GitHub's secondary rate limit asks to wait ${inSeconds} s (retry-after) before the next request, more ` +
            `than the ${waitBoundSeconds} s self-heal waits: run again after ${resetAt.toISOString()}, and avoid ` +
            'running many self-heal jobs at once.'
        : `The GitHub API rate limit for this token is exhausted; it resets at ${resetAt.toISOString()} ` +
            `(in ${inSeconds} s, more than the ${waitBoundSeconds} s self-heal waits): run again after the reset, ` +
            'or use a token with its own limit (a GitHub App installation token has a higher one).',
      { cause: options?.cause }
    )
    this.resetAt = resetAt
  }
}

/** The permissions a token can lack, as `permissions:` in a workflow names them. */
export type GitHubPermission = 'contents' | 'pull-requests' | 'actions' | 'workflows' | 'issues' | 'checks'

/** What a request was doing, so that an error can say what to change. */
export interface RequestPurpose {
  /** What was being done, e.g. `creating the pull request for 'self-heal/abc'`. */
  action: string
  /** The permission the request needs, e.g. `contents` (always `write` for writes). */
  permission?: GitHubPermission
  /** Whether the request writes (the permission needed is then `write`, else `read`). */
  write?: boolean
  /** The repository, `OWNER/NAME`. */
  repository?: string
}

/** The subset of Octokit's RequestError the mapper looks at. */
export interface RequestErrorLike {
  status: number
  message: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

/** Whether a value looks like an Octokit RequestError (has a numeric HTTP status). */
export function isRequestError(error: unknown): error is RequestErrorLike & Error {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/** The HTTP status of an error when it came from the GitHub API, else undefined. */
export function errorStatus(error: unknown): number | undefined {
  return isRequestError(error) ? error.status : undefined
}

/** GitHub's message for a token that lacks a permission. */
export const RESOURCE_NOT_ACCESSIBLE = 'Resource not accessible by integration'
/** GitHub's message when the repository or organisation forbids Actions from opening pull requests. */
export const ACTIONS_CANNOT_CREATE_PULL_REQUESTS =
  'GitHub Actions is not permitted to create or approve pull requests'

const ALLOW_PR_SETTING =
  'enable "Allow GitHub Actions to create and approve pull requests" in the repository (or organisation) ' +
  'Settings → Actions → General → Workflow permissions'

/**
 * Turns an error thrown by Octokit into a typed error that says what to change: 401 → bad credentials;
 * 403/404 → the missing permission or setting; rate limits → RateLimitError; anything else → GitHubApiError.
 * Errors that are already SelfHealErrors pass through unchanged.
 */
export function mapGitHubError(error: unknown, purpose: RequestPurpose): Error {
  if (error instanceof SelfHealError) return error
  if (!isRequestError(error)) {
    return new GitHubApiError(
      `GitHub API request failed while ${purpose.action}: ${errorMessage(error)}`,
      500,
      {
        cause: error
      }
    )
  }
  const repo = purpose.repository ? ` on ${purpose.repository}` : ''
  const need = purpose.permission
    ? `\`permissions: ${purpose.permission}: ${purpose.write ? 'write' : 'read'}\``
    : ''
  // A network error's message can hold the URL it failed on.
  const message = redactUrls(apiMessage(error))
  switch (error.status) {
    case 401:
      return new PermissionError(
        `GitHub rejected the token (401 ${message}) while ${purpose.action}${repo}: the token is invalid or ` +
          `expired; give a valid one: ${howToSet('token')}.`,
        { cause: error }
      )
    case 403:
    case 429: {
      const reset = rateLimitReset(error)
      if (reset) return new RateLimitError(reset, 0, { cause: error })
      if (message.includes(ACTIONS_CANNOT_CREATE_PULL_REQUESTS)) {
        return new PermissionError(
          `GitHub refused ${purpose.action}${repo}: ${message}. To let self-heal open pull requests, ${ALLOW_PR_SETTING}` +
            ', and give the job `permissions: pull-requests: write`.',
          { cause: error }
        )
      }
      if (/secondary rate limit|abuse/i.test(message)) {
        const after = retryAfterSeconds(error)
        return new GitHubApiError(
          `GitHub's secondary rate limit stopped ${purpose.action}${repo} and retrying did not help: ` +
            (after === undefined
              ? 'wait a few minutes and run again'
              : `run again after ${new Date(Date.now() + after * 1000).toISOString()} (retry-after: ${after} s)`) +
            ', and avoid running many self-heal jobs at once.',
          error.status,
          { cause: error }
        )
      }
      const hint = need
        ? `the job needs ${need}${purpose.permission === 'pull-requests' ? ` (and ${ALLOW_PR_SETTING})` : ''}` +
          (purpose.permission === 'workflows'
            ? ' (a GITHUB_TOKEN can never change workflow files: use an App or a PAT)'
            : '')
        : 'the token lacks a permission this request needs'
      return new PermissionError(
        `GitHub refused ${purpose.action}${repo} (403 ${message}): ${hint}. Add it under \`permissions:\` in the ` +
          'workflow, or use a token that has it.',
        { cause: error }
      )
    }
    case 404:
      return new PermissionError(
        `GitHub answered 404 Not Found while ${purpose.action}${repo}: the repository or resource does not exist, ` +
          'or the token cannot see it (GitHub hides what a token may not read)' +
          (need ? `; the job needs ${need}` : '') +
          '. Check the repository name and the token.',
        { cause: error }
      )
    default:
      if (error.status === 500 && !error.response) {
        return new GitHubApiError(
          `Could not reach the GitHub API while ${purpose.action}${repo}: ${message}. Check the API URL ` +
            `(${settingName('apiUrl')}) and the network, then run again.`,
          500,
          { cause: error }
        )
      }
      return new GitHubApiError(
        `GitHub API request failed while ${purpose.action}${repo}: ${error.status} ${message}`,
        error.status,
        { cause: error }
      )
  }
}

/** The seconds a `retry-after` header asks to wait (a number of seconds or an HTTP date), when there is one. */
export function retryAfterSeconds(error: RequestErrorLike): number | undefined {
  const value = error.response?.headers?.['retry-after']
  if (value === undefined || value === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(String(value))
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

/** The reset time of an exhausted primary rate limit, or undefined when the error is not one. */
export function rateLimitReset(error: RequestErrorLike): Date | undefined {
  const headers = error.response?.headers ?? {}
  if (String(headers['x-ratelimit-remaining']) !== '0') return undefined
  const reset = Number(headers['x-ratelimit-reset'])
  if (!Number.isFinite(reset) || reset <= 0) return undefined
  return new Date(reset * 1000)
}

function apiMessage(error: RequestErrorLike): string {
  const data = error.response?.data as { message?: unknown; errors?: unknown } | undefined
  if (!data || typeof data !== 'object' || typeof data.message !== 'string') return error.message
  // A 422's detail is in `errors` ("No commits between main and x", "Reference already exists"...).
  const details = Array.isArray(data.errors)
    ? data.errors
        .map(e => (typeof e === 'string' ? e : (e as { message?: unknown })?.message))
        .filter((m): m is string => typeof m === 'string' && m.length > 0)
    : []
  return details.length ? `${data.message}: ${details.join('; ')}` : data.message
}
